import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeColumn } from "../../src/frame/column.js";
import { compareKeys, groupKeys, keyPairs } from "../../src/frame/key-index.js";

describe("key index", () => {
  it("groups int64 keys in first-seen order", () => {
    const g = groupKeys(keyPairs(makeColumn(BigInt64Array.of(7n, 3n, 7n, 2n ** 62n)), "id"));
    expect(g.count).toBe(3);
    expect(Array.from(g.groupOf)).toEqual([0, 1, 0, 2]);
    expect(Array.from(g.firstRow)).toEqual([0, 1, 3]);
  });

  it("widens smaller integers so -1 as int32 equals -1 as int64", () => {
    const a = keyPairs(makeColumn(Int32Array.of(-1)), "a");
    const b = keyPairs(makeColumn(BigInt64Array.of(-1n)), "b");
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it("finds present keys and answers -1 for absent ones", () => {
    const pairs = keyPairs(makeColumn(BigInt64Array.of(5n, 2n ** 60n)), "id");
    const g = groupKeys(pairs);
    const probe = keyPairs(makeColumn(BigInt64Array.of(2n ** 60n, 6n)), "id");
    expect(g.find(probe[0]!, probe[1]!)).toBe(1);
    expect(g.find(probe[2]!, probe[3]!)).toBe(-1);
  });

  it("compares keys as signed int64", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (a, b) => {
        const p = keyPairs(makeColumn(BigInt64Array.of(a, b)), "k");
        expect(compareKeys(p[0]!, p[1]!, p[2]!, p[3]!)).toBe(a < b ? -1 : a > b ? 1 : 0);
      }),
    );
  });

  it("counts distinct keys like a Set does (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), { maxLength: 300 }), (ids) => {
        const g = groupKeys(keyPairs(makeColumn(BigInt64Array.from(ids)), "id"));
        expect(g.count).toBe(new Set(ids).size);
        ids.forEach((id, i) => expect(ids[g.firstRow[g.groupOf[i]!]!]).toBe(id));
      }),
    );
  });
});
