/**
 * Fuzzing fromFlat and joinNested beyond their own tests: ids drawn from a pool
 * that mixes int64 extremes, neighbours past 2^53 and negatives, rows in any
 * order, nulls in every kind of field, time ties for sortBy, both object
 * orders; parents with no rows (empty groups), orphan rows, parent and child
 * keys of different integer widths, string ids with different dictionaries.
 * Every row must come back exactly once (or be reported as an orphan), in
 * its group, in input (or time) order, checked against a brute-force grouping.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeColumn, toArray } from "../../../src/frame/column.js";
import { NestedFrame } from "../../../src/frame/nested-frame.js";
import { fromFlat } from "../../../src/frame/verbs/from-flat.js";

const POOL = [0n, -1n, 1n, 2n ** 53n, 2n ** 53n + 1n, 2n ** 60n + 1n, 2n ** 60n + 2n, -(2n ** 62n), 2n ** 63n - 1n, -(2n ** 63n)];
const id = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...POOL) }, { weight: 1, arbitrary: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }) });
// NLC_FUZZ_SCALE=20 runs every property 20 times longer (a deeper search than the suite's).
const RUNS = Number(process.env["NLC_FUZZ_SCALE"] ?? 1) * 300;
const cmp = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);

const row = fc.record({
  id,
  time: fc.constantFrom(3, 1, 2, 2, 0.5),
  flux: fc.oneof(fc.float(), fc.constant(null)),
  band: fc.constantFrom("g", "r", null),
  flag: fc.constantFrom(true, false, null),
  visit: fc.oneof(fc.constantFrom(...POOL), fc.constant(null)),
});
type Row = { id: bigint; time: number; flux: number | null; band: string | null; flag: boolean | null; visit: bigint | null };

/** The rows as a flat table, with `row` = input position so every row can be traced. */
function table(rows: readonly Row[]) {
  return {
    objectId: makeColumn(BigInt64Array.from(rows, (r) => r.id)),
    row: makeColumn(Int32Array.from(rows.keys())),
    time: makeColumn(Float64Array.from(rows, (r) => r.time)),
    flux: makeColumn(rows.map((r) => r.flux), "float32"),
    band: makeColumn(rows.map((r) => r.band), "dict"),
    flag: makeColumn(rows.map((r) => r.flag), "bool"),
    visit: makeColumn(rows.map((r) => r.visit), "int64"),
  };
}

describe("fromFlat under fuzzing", () => {
  it("puts every row in its id's light curve exactly once, in input or time order, in either object order (property)", () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), fc.constantFrom<"id" | "first">("id", "first"), fc.boolean(), (rows, objectOrder, byTime) => {
        const f = fromFlat(table(rows), { on: "objectId", name: "lc", objectOrder, ...(byTime ? { sortBy: "time" } : {}) });
        const firstSeen = [...new Set(rows.map((r) => r.id))];
        const ids = objectOrder === "id" ? [...firstSeen].sort(cmp) : firstSeen;
        expect(toArray(f.column("objectId"))).toEqual(ids);
        ids.forEach((x, k) => {
          let want = rows.flatMap((r, i) => (r.id === x ? [i] : []));
          if (byTime) want = [...want].sort((a, b) => rows[a]!.time - rows[b]!.time || a - b);
          const lc = f.lightCurve(k, "lc");
          expect(Array.from(lc.row as Int32Array)).toEqual(want);
        });
        expect(f.observationCount).toBe(rows.length);
      }),
      { numRuns: RUNS },
    );
  });

  it("round-trips through toFlat: the same rows, each field exact (property)", () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), (rows) => {
        const t = table(rows);
        const back = fromFlat(t, { on: "objectId", name: "lc" }).toFlat("lc");
        const order = Array.from(back.numbers("row"));
        expect([...order].sort((a, b) => a - b)).toEqual([...rows.keys()]);
        for (const name of ["objectId", "time", "flux", "band", "flag", "visit"] as const) {
          const want = toArray(t[name]);
          expect(toArray(back.column(name)), name).toEqual(order.map((i) => want[i]));
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe("joinNested under fuzzing", () => {
  it("attaches each row to its parent or counts it as an orphan; parents without rows keep empty light curves (property)", () => {
    fc.assert(
      fc.property(fc.uniqueArray(id, { maxLength: 12, comparator: (a, b) => a === b }), fc.array(id, { maxLength: 60 }), fc.boolean(), (parents, children, inner) => {
        const objects = new NestedFrame({ base: { objectId: makeColumn(BigInt64Array.from(parents)), k: makeColumn(Int32Array.from(parents.keys())) }, length: parents.length });
        const j = objects.joinNested(
          { objectId: BigInt64Array.from(children), row: Int32Array.from(children.keys()) },
          { on: "objectId", name: "lc", ...(inner ? { how: "inner" as const } : {}) },
        );
        const has = (p: bigint) => children.includes(p);
        const kept = inner ? parents.filter(has) : parents;
        expect(toArray(j.column("objectId"))).toEqual(kept);
        kept.forEach((p, k) => expect(Array.from(j.lightCurve(k, "lc").row as Int32Array)).toEqual(children.flatMap((c, i) => (c === p ? [i] : []))));
        const orphans = children.filter((c) => !parents.includes(c)).length;
        expect(j.observationCount + orphans).toBe(children.length);
        expect(j.cutflow().steps.at(-1)!.detail).toBe(`lc: ${orphans} of ${children.length} rows had no parent objectId${inner ? "; inner join" : ""}`);
      }),
      { numRuns: RUNS },
    );
  });

  it("matches int32 parents with int64 children and string ids across different dictionaries (property)", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 8 }),
        fc.array(fc.oneof(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.constantFrom(-1, 0, 1)), { maxLength: 40 }),
        (parents, children) => {
          const all = [...parents, ...children];
          const pick = (i: number) => all[i % Math.max(all.length, 1)]!;
          const kids = children.map((_, i) => (i % 2 === 0 ? pick(i) : children[i]!));
          const expected = (p: number) => kids.flatMap((c, i) => (c === p ? [i] : []));
          const ints = new NestedFrame({ base: { id: makeColumn(Int32Array.from(parents)) }, length: parents.length }).joinNested(
            { id: BigInt64Array.from(kids, BigInt), row: Int32Array.from(kids.keys()) },
            { on: "id", name: "lc" },
          );
          parents.forEach((p, k) => expect(Array.from(ints.lightCurve(k, "lc").row as Int32Array)).toEqual(expected(p)));
          // the same ids as strings: the child table's dictionary is in another order than the parents'
          const strs = new NestedFrame({ base: { id: makeColumn(parents.map(String), "dict") }, length: parents.length }).joinNested(
            { id: makeColumn([...kids].reverse().map(String), "dict"), row: Int32Array.from(kids.keys()).reverse() },
            { on: "id", name: "lc" },
          );
          parents.forEach((p, k) => expect(Array.from(strs.lightCurve(k, "lc").row as Int32Array).sort((a, b) => a - b)).toEqual(expected(p)));
        },
      ),
      { numRuns: RUNS },
    );
  });
});
