import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeColumn, toArray } from "../../../src/frame/column.js";
import { ColumnNotFoundError, SchemaError } from "../../../src/frame/errors.js";
import { NestedFrame } from "../../../src/frame/nested-frame.js";
import { fromFlat } from "../../../src/frame/verbs/from-flat.js";

describe("fromFlat", () => {
  it("groups unsorted per-visit rows into light curves ordered by id, keeping input order within each", () => {
    const f = fromFlat(
      {
        objectId: BigInt64Array.of(9n, 7n, 9n, 7n, 8n),
        psfFlux: new Float32Array([1, 2, 3, 4, 5]),
        band: ["g", "r", "i", "g", "z"],
      },
      { on: "objectId", name: "lc" },
    );
    expect(f.length).toBe(3);
    expect(toArray(f.column("objectId"))).toEqual([7n, 8n, 9n]);
    expect(Array.from(f.nest("lc").offsets)).toEqual([0, 2, 3, 5]);
    expect(Array.from(f.lightCurve(0, "lc").psfFlux! as Float64Array)).toEqual([2, 4]);
    expect(toArray(f.column("lc.band"))).toEqual(["r", "g", "z", "g", "i"]);
  });

  it("keeps int64 ids beyond 2^53 exact, including ids that differ only in the last bit", () => {
    const a = 2n ** 60n + 1n;
    const b = 2n ** 60n + 2n;
    const c = -(2n ** 62n);
    const f = fromFlat({ id: BigInt64Array.of(b, a, b, c), x: new Float64Array([1, 2, 3, 4]) }, { on: "id", name: "lc" });
    expect(toArray(f.column("id"))).toEqual([c, a, b]);
    expect(Array.from(f.nest("lc").offsets)).toEqual([0, 1, 2, 4]);
  });

  it("orders objects by first appearance when asked", () => {
    const f = fromFlat({ id: BigInt64Array.of(9n, 7n, 9n), x: new Float64Array([1, 2, 3]) }, { on: "id", objectOrder: "first" });
    expect(toArray(f.column("id"))).toEqual([9n, 7n]);
    expect(f.nestedNames).toEqual(["nested"]);
  });

  it("sorts each light curve by a time column when sortBy is given", () => {
    const f = fromFlat(
      { id: BigInt64Array.of(1n, 1n, 2n, 1n), t: new Float64Array([3, 1, 5, 2]), x: new Float64Array([30, 10, 50, 20]) },
      { on: "id", name: "lc", sortBy: "t" },
    );
    expect(Array.from(f.lightCurve(0, "lc").x! as Float64Array)).toEqual([10, 20, 30]);
  });

  it("lifts per-object constants to base columns and rejects ones that vary", () => {
    const table = { id: BigInt64Array.of(1n, 2n, 1n), ra: new Float64Array([10, 20, 10]), x: new Float64Array([1, 2, 3]) };
    const f = fromFlat(table, { on: "id", name: "lc", baseColumns: ["ra"] });
    expect(toArray(f.column("ra"))).toEqual([10, 20]);
    expect(f.columnNames).toEqual(["id", "ra", "lc.x"]);
    const bad = { ...table, ra: new Float64Array([10, 20, 11]) };
    expect(() => fromFlat(bad, { on: "id", baseColumns: ["ra"] })).toThrow(/"ra" differs within object 1 \(10 vs 11\)/);
  });

  it("accepts int32 and string ids", () => {
    expect(fromFlat({ id: Int32Array.of(5, -3, 5), x: new Float64Array(3) }, { on: "id" }).length).toBe(2);
    const s = fromFlat({ name: ["b", "a", "b"], x: new Float64Array([1, 2, 3]) }, { on: "name" });
    expect(toArray(s.column("name")).sort()).toEqual(["a", "b"]);
    expect(s.observationCount).toBe(3);
  });

  it("refuses floating-point ids, null ids, missing columns and ragged columns with clear messages", () => {
    expect(() => fromFlat({ id: new Float64Array([1, 2]) }, { on: "id" })).toThrow(/ids must be integers.*Floating-point ids lose precision/);
    expect(() => fromFlat({ id: [1n, null] }, { on: "id" })).toThrow(/1 null value/);
    expect(() => fromFlat({ objectId: BigInt64Array.of(1n) }, { on: "objectID" })).toThrow(ColumnNotFoundError);
    expect(() => fromFlat({ objectId: BigInt64Array.of(1n) }, { on: "objectID" })).toThrow(/Did you mean "objectId"/);
    expect(() => fromFlat({ id: BigInt64Array.of(1n, 2n), x: new Float64Array(3) }, { on: "id" })).toThrow(SchemaError);
  });

  it("accepts a flat NestedFrame and rejects one that is already nested", () => {
    const flat = new NestedFrame({ base: { id: makeColumn(BigInt64Array.of(2n, 1n)), x: makeColumn(new Float64Array([1, 2])) } });
    const f = fromFlat(flat, { on: "id", name: "lc" });
    expect(f.length).toBe(2);
    expect(() => fromFlat(f, { on: "id" })).toThrow(/has nested columns \(lc\)/);
  });

  it("is equivalent to a brute-force grouping for any ids and any order (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), fc.double({ noNaN: true })), { maxLength: 200 }),
        fc.integer({ min: 1, max: 6 }),
        (rows, distinct) => {
          // fold ids onto a few distinct values so groups have several rows
          const ids = rows.map(([id]) => id % BigInt(distinct) === 0n ? id : BigInt.asIntN(64, (id % BigInt(distinct)) * 2n ** 61n));
          const f = fromFlat({ id: BigInt64Array.from(ids), x: Float64Array.from(rows, ([, x]) => x) }, { on: "id", name: "lc" });
          const expected = [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
          expect(toArray(f.column("id"))).toEqual(expected);
          expected.forEach((id, k) => {
            const want = rows.filter((_, i) => ids[i] === id).map(([, x]) => x);
            expect(Array.from(f.lightCurve(k, "lc").x! as Float64Array)).toEqual(want);
          });
          expect(f.observationCount).toBe(rows.length);
        },
      ),
    );
  });
});
