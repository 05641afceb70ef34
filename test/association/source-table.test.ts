import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeColumn } from "../../src/frame/column.js";
import { SchemaError } from "../../src/frame/errors.js";
import { sourceTable, visitOrder } from "../../src/association/source-table.js";

const table = (ids: bigint[], visits: readonly (bigint | number)[]) => ({
  diaSourceId: BigInt64Array.from(ids),
  visit: typeof visits[0] === "bigint" ? BigInt64Array.from(visits as bigint[]) : Float64Array.from(visits as number[]),
  ra: Float64Array.from(ids, () => 1),
  dec: Float64Array.from(ids, () => 2),
});

describe("sourceTable", () => {
  it("keeps ids exact beyond 2^53 and positions as unit vectors", () => {
    const t = sourceTable(table([2n ** 60n + 1n, 2n ** 60n], [1n, 1n]), "diaSourceId", "ra", "dec");
    expect(Array.from(t.ids)).toEqual([2n ** 60n + 1n, 2n ** 60n]);
    expect(t.n).toBe(2);
    expect(t.xyz[2]).toBeCloseTo(Math.sin((2 * Math.PI) / 180), 15);
  });

  it("refuses duplicate ids, non-int64 ids, missing and unusable positions, naming them", () => {
    expect(() => sourceTable(table([5n, 5n, 6n], [1n, 1n, 1n]), "diaSourceId", "ra", "dec")).toThrow(/"diaSourceId" has 1 duplicate id/);
    expect(() => sourceTable({ diaSourceId: Int32Array.of(1, 2), ra: [0, 0], dec: [0, 0] }, "diaSourceId", "ra", "dec")).toThrow(/is int32; association needs int64/);
    expect(() => sourceTable({ diaSourceId: BigInt64Array.of(1n), coord_ra: [0], dec: [0] }, "diaSourceId", "ra", "dec")).toThrow(SchemaError);
    expect(() => sourceTable({ diaSourceId: BigInt64Array.of(1n), coord_ra: [0], dec: [0] }, "diaSourceId", "ra", "dec")).toThrow(/no column "ra"; columns: diaSourceId, coord_ra, dec/);
    expect(() => sourceTable({ diaSourceId: BigInt64Array.of(1n, 2n), ra: makeColumn([0, null]), dec: [0, 0] }, "diaSourceId", "ra", "dec")).toThrow(/"ra" has NaN at row 1/);
  });
});

describe("visitOrder", () => {
  it("orders by visit, then by id, whatever the row order", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), { minLength: 1, maxLength: 30 }), fc.array(fc.constantFrom(3n, 1n, 2n ** 40n, -5n), { minLength: 30, maxLength: 30 }), (ids, vs) => {
        const visits = ids.map((_, i) => vs[i]!);
        const t = sourceTable(table(ids, visits), "diaSourceId", "ra", "dec");
        const { order, starts } = visitOrder(t, "visit");
        const expected = ids.map((id, i) => ({ id, v: visits[i]!, i })).sort((a, b) => (a.v !== b.v ? (a.v < b.v ? -1 : 1) : a.id < b.id ? -1 : 1));
        expect(Array.from(order)).toEqual(expected.map((r) => r.i));
        expect(starts.length - 1).toBe(new Set(visits).size);
        expect(starts[starts.length - 1]).toBe(ids.length);
      }),
      { numRuns: 200 },
    );
  });

  it("takes a numeric time as the visit", () => {
    const t = sourceTable(table([7n, 8n, 9n], [60601.5, 60600.25, 60601.5]), "diaSourceId", "ra", "dec");
    const { order, starts } = visitOrder(t, "visit");
    expect(Array.from(order)).toEqual([1, 0, 2]);
    expect(Array.from(starts)).toEqual([0, 1, 3]);
  });

  it("names a missing or unusable visit column", () => {
    const t = sourceTable({ diaSourceId: BigInt64Array.of(1n), ra: [0], dec: [0], band: ["g"], t: [NaN] }, "diaSourceId", "ra", "dec");
    expect(() => visitOrder(t, "visit")).toThrow(/no visit column "visit"/);
    expect(() => visitOrder(t, "band")).toThrow(/"band" is dict; an int64 visit id or a numeric time/);
    expect(() => visitOrder(t, "t")).toThrow(/"t" is NaN at row 0/);
  });
});
