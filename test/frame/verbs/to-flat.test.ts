import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeColumn, toArray } from "../../../src/frame/column.js";
import { NestedFrame } from "../../../src/frame/nested-frame.js";
import { fromFlat } from "../../../src/frame/verbs/from-flat.js";
import { BIG, sampleFrame } from "./fixtures.js";

describe("toFlat", () => {
  it("gives one row per observation with int64 ids repeated exactly", () => {
    const f = sampleFrame();
    const flat = f.toFlat();
    expect(flat.length).toBe(7);
    expect(flat.nestedNames).toEqual([]);
    expect(toArray(flat.column("objectId"))).toEqual([BIG + 2n, BIG + 2n, BIG + 2n, BIG + 1n, BIG + 1n, BIG + 1n, BIG + 1n]);
    expect(toArray(flat.column("band"))).toEqual(["g", "r", "g", "r", "r", "g", "i"]);
    expect(flat.baseNames).toEqual(["objectId", "ra", "mjd", "psfFlux", "psfFluxErr", "band"]);
  });

  it("of a slice starting past offset 0 only holds the slice's observations", () => {
    const flat = sampleFrame().loc([1, 2]).explode("lc");
    expect(toArray(flat.column("mjd"))).toEqual([1, 2, 3, 4]);
  });

  it("names a field that clashes with a base column nest.field", () => {
    const f = new NestedFrame({
      base: { band: makeColumn(["x"]) },
      nested: { lc: { offsets: Int32Array.of(0, 2), fields: { band: makeColumn(["g", "r"]) } } },
    });
    expect(toArray(f.toFlat("lc").column("lc.band"))).toEqual(["g", "r"]);
    expect(toArray(f.toFlat("lc").column("band"))).toEqual(["x", "x"]);
  });

  it("round-trips with fromFlat for any non-empty light curves in id order (property)", () => {
    const lightCurve = fc.array(fc.tuple(fc.float({ noNaN: true }), fc.constantFrom("u", "g", "r")), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(fc.uniqueArray(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), { maxLength: 12 }), fc.array(lightCurve, { minLength: 12, maxLength: 12 }), (ids, lcs) => {
        const sorted = [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        const rows = sorted.map((_, k) => lcs[k]!);
        const offsets = Int32Array.from([0, ...rows.map((r) => r.length)].map((_, k, a) => a.slice(0, k + 1).reduce((x, y) => x + y, 0)));
        const frame = new NestedFrame({
          base: { id: makeColumn(BigInt64Array.from(sorted)), ra: makeColumn(Float64Array.from(sorted, (_, k) => k / 7)) },
          nested: { lc: { offsets, fields: { flux: makeColumn(Float32Array.from(rows.flat(), ([x]) => x)), band: makeColumn(rows.flat().map(([, b]) => b)) } } },
          length: sorted.length,
        });
        const back = fromFlat(frame.toFlat("lc"), { on: "id", name: "lc", baseColumns: ["ra"] });
        for (const name of frame.columnNames) expect(back.toArray(name)).toEqual(frame.toArray(name));
        expect(Array.from(back.nest("lc").offsets)).toEqual(Array.from(offsets));
      }),
    );
  });
});
