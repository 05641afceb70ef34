/**
 * Nothing lost, over varied inputs: for random frames full of bad values
 * (nulls, NaN, ±Infinity, bad errors, flags, null bands, repeated visits,
 * empty and single-point light curves) and random options (bands, grouping,
 * minObs, clip, screen), the validation's balance holds (input = validated +
 * each step's removals, the validated points summed from the groups), and each
 * row-level step removes exactly what a row-by-row count says it should.
 * Related: test/rubin/validate.test.ts ("nothing lost (property)", frames
 * without visits), test/rubin/validate-balance.test.ts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeColumn } from "../../src/frame/column.js";
import { NestedFrame } from "../../src/frame/nested-frame.js";
import { type GroupKey, validateFluxErrors } from "../../src/rubin/validate.js";
import { validationBalance } from "../../src/rubin/validate-balance.js";

const row = fc.record({
  band: fc.constantFrom("g", "r", "r", "i", null),
  visit: fc.integer({ min: 0, max: 9 }),
  flux: fc.oneof({ weight: 8, arbitrary: fc.double({ min: -1e4, max: 1e4, noNaN: true }) }, { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, null) }),
  err: fc.oneof({ weight: 8, arbitrary: fc.double({ min: 1, max: 100, noNaN: true }) }, { weight: 1, arbitrary: fc.constantFrom(0, -1, NaN, Infinity, null) }),
  flag: fc.constantFrom(false, false, false, false, true, null),
});
type Row = { band: string | null; visit: number; flux: number | null; err: number | null; flag: boolean | null };

/** A frame of light curves `objs` (nest "lc", visit ids past 2^53), objects spread over the sky. */
function frameOf(objs: Row[][]): NestedFrame {
  const rows = objs.flat();
  const offsets = Int32Array.from([0, ...objs.map((o) => o.length)].map((_, k, a) => a.slice(0, k + 1).reduce((x, y) => x + y, 0)));
  return new NestedFrame({
    base: {
      objectId: makeColumn(BigInt64Array.from(objs, (_, i) => 2n ** 60n + BigInt(i))),
      coord_ra: makeColumn(Float64Array.from(objs, (_, i) => (i * 37) % 360)),
      coord_dec: makeColumn(Float64Array.from(objs, (_, i) => -60 + ((i * 13) % 90))),
    },
    nested: {
      lc: {
        offsets,
        fields: {
          band: makeColumn(rows.map((r) => r.band), "dict"),
          visit: makeColumn(BigInt64Array.from(rows, (r) => 2n ** 53n + BigInt(r.visit))),
          psfFlux: makeColumn(rows.map((r) => r.flux), "float32"),
          psfFluxErr: makeColumn(rows.map((r) => r.err), "float32"),
          psfFlux_flag: makeColumn(rows.map((r) => r.flag), "bool"),
        },
      },
    },
    length: objs.length,
  });
}

/** Row-by-row counts of what each row-level step keeps, the repeat rule included. */
function expectedRowSteps(objs: Row[][], bands: readonly string[]): number[] {
  const keptAt = [0, 0, 0, 0, 0]; // input, band, flags, finite, duplicate
  for (const o of objs) {
    const seen = new Set<number>();
    for (const r of o) {
      keptAt[0]!++;
      if (r.band === null || !bands.includes(r.band)) continue;
      keptAt[1]!++;
      if (r.flag !== false) continue;
      keptAt[2]!++;
      const f = Math.fround(r.flux ?? NaN);
      const e = Math.fround(r.err ?? NaN);
      if (!(Number.isFinite(f) && e > 0 && e < Infinity)) continue;
      keptAt[3]!++;
      if (seen.has(r.visit)) continue;
      seen.add(r.visit);
      keptAt[4]!++;
    }
  }
  return keptAt;
}

describe("nothing lost (property, varied inputs and options)", () => {
  it("balances every validation and removes at each row-level step exactly what a row-by-row count says", () => {
    const options = fc.record({
      bands: fc.constantFrom(undefined, ["r"], ["g", "i"], ["u", "r"]),
      groupBy: fc.constantFrom<GroupKey[]>([], ["field"], ["magBin"], ["field", "magBin"]),
      minObs: fc.integer({ min: 2, max: 6 }),
      clipSigma: fc.constantFrom(2, 5, 10),
      screen: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(fc.array(row, { maxLength: 16 }), { minLength: 1, maxLength: 20 }), options, (objs, o) => {
        fc.pre(objs.some((x) => x.some((r) => r.band !== null)));
        const frame = frameOf(objs);
        const v = validateFluxErrors(frame, {
          flags: ["psfFlux_flag"],
          minObs: o.minObs,
          clipSigma: o.clipSigma,
          groupBy: o.groupBy,
          ...(o.bands ? { bands: o.bands } : {}),
          ...(o.screen ? {} : { screen: false as const }),
        });
        const b = validationBalance(v);
        expect(b.balanced).toBe(true);
        expect(b.points).toBe(frame.observationCount);
        const present = [...new Set(objs.flat().flatMap((r) => (r.band === null ? [] : [r.band])))];
        expect(v.cutflow.slice(0, 5).map((s) => s.points)).toEqual(expectedRowSteps(objs, o.bands ?? present));
        // every group's histogram holds its points: in range, under/overflow or non-finite
        for (const g of v.groups) {
          const h = g.histogram;
          expect(h.counts.reduce((a, c) => a + c, 0) + h.underflow + h.overflow + h.nonFinite).toBe(g.nPoints);
        }
      }),
      { numRuns: Number(process.env["NLC_PROPERTY_RUNS"] ?? 80) },
    );
  });
});
