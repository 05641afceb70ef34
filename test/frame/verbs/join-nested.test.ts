import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeColumn, toArray } from "../../../src/frame/column.js";
import { NestedFrame } from "../../../src/frame/nested-frame.js";
import { joinNested } from "../../../src/frame/verbs/join-nested.js";

const objects = () =>
  new NestedFrame({ base: { objectId: makeColumn(BigInt64Array.of(10n, 2n ** 60n, 30n)), ra: makeColumn(new Float64Array([1, 2, 3])) } });

describe("joinNested", () => {
  it("attaches flat rows to their parents in row order and reports rows with no parent", () => {
    const flat = { objectId: BigInt64Array.of(30n, 10n, 99n, 30n), flux: new Float32Array([1, 2, 3, 4]) };
    const j = objects().joinNested(flat, { on: "objectId", name: "lc" });
    expect(Array.from(j.nest("lc").offsets)).toEqual([0, 1, 1, 3]);
    expect(Array.from(j.lightCurve(2, "lc").flux! as Float64Array)).toEqual([1, 4]);
    const [step] = j.cutflow().steps;
    expect(step).toMatchObject({ step: "joinNested", objectsIn: 3, objectsOut: 3, observationsIn: 4, observationsOut: 3 });
    expect(step!.detail).toBe("lc: 1 of 4 rows had no parent objectId");
  });

  it("drops objects without rows on an inner join and counts them", () => {
    const j = objects().joinNested({ objectId: BigInt64Array.of(2n ** 60n), flux: new Float32Array([5]) }, { on: "objectId", name: "lc", how: "inner" });
    expect(toArray(j.column("objectId"))).toEqual([2n ** 60n]);
    expect(j.cutflow().steps[0]).toMatchObject({ objectsIn: 3, objectsOut: 1, observationsIn: 1, observationsOut: 1 });
  });

  it("matches an int32 flat id column against int64 parents by value", () => {
    const j = joinNested(objects(), { objectId: Int32Array.of(10, 10), flux: new Float32Array([1, 2]) }, { on: "objectId", name: "lc" });
    expect(Array.from(j.nest("lc").offsets)).toEqual([0, 2, 2, 2]);
  });

  it("matches string ids through their dictionaries", () => {
    const parents = new NestedFrame({ base: { name: makeColumn(["a", "b"]) } });
    const j = parents.joinNested({ name: ["b", "c", "b", "a"], x: new Float64Array([1, 2, 3, 4]) }, { on: "name", name: "lc" });
    expect(Array.from(j.nest("lc").offsets)).toEqual([0, 1, 3]);
    expect(j.cutflow().steps[0]!.detail).toContain("1 of 4 rows had no parent");
  });

  it("refuses duplicate parent ids, an existing name, and a missing id column", () => {
    const dup = new NestedFrame({ base: { objectId: makeColumn(BigInt64Array.of(1n, 1n)) } });
    expect(() => dup.joinNested({ objectId: BigInt64Array.of(1n) }, { on: "objectId", name: "lc" })).toThrow(/1 duplicate id/);
    expect(() => objects().joinNested({ objectId: BigInt64Array.of(1n) }, { on: "objectId", name: "ra" })).toThrow(/already has a column "ra"/);
    expect(() => objects().joinNested({ objectid: BigInt64Array.of(1n) }, { on: "objectId", name: "lc" })).toThrow(/Did you mean "objectid"/);
  });

  it("keeps every row exactly once: matched rows plus orphans equal the input (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 8 }), { maxLength: 100 }), fc.uniqueArray(fc.integer({ min: 0, max: 8 })), (rows, parentIds) => {
        const parents = new NestedFrame({ base: { id: makeColumn(BigInt64Array.from(parentIds, BigInt)) }, length: parentIds.length });
        const j = parents.joinNested({ id: BigInt64Array.from(rows, BigInt), row: Float64Array.from(rows.keys()) }, { on: "id", name: "lc" });
        const orphans = rows.filter((r) => !parentIds.includes(r)).length;
        expect(j.observationCount + orphans).toBe(rows.length);
        parentIds.forEach((p, k) => {
          expect(Array.from(j.lightCurve(k, "lc").row! as Float64Array)).toEqual(rows.flatMap((r, i) => (r === p ? [i] : [])));
        });
      }),
    );
  });
});
