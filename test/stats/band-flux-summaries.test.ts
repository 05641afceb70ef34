import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Column, makeColumn, toFloat64 } from "../../src/frame/column.js";
import { ArgumentError, ColumnNotFoundError, SchemaError } from "../../src/frame/errors.js";
import { NestedFrame } from "../../src/frame/nested-frame.js";
import { BAND_FLUX_STATISTICS, bandFluxColumn, bandFluxSummaries, usableFluxRows } from "../../src/stats/band-flux-summaries.js";

/** Object 0: g 10±1, 20±2; r 5±1. Object 1: r 1±1, 3±1 (no g). */
function clean(): NestedFrame {
  return NestedFrame.fromLists(
    { band: [["g", "r", "g"], ["r", "r"]], psfFlux: [Float32Array.of(10, 5, 20), Float32Array.of(1, 3)], psfFluxErr: [Float32Array.of(1, 1, 2), Float32Array.of(1, 1)] },
    { lists: ["band", "psfFlux", "psfFluxErr"], name: "diaSource" },
  );
}

/** One nest "src" of rows split into objects by `sizes`, with nullable fields built by makeColumn. */
function frameOf(sizes: readonly number[], band: readonly (string | null)[], flux: Column, err: Column): NestedFrame {
  const offsets = new Int32Array(sizes.length + 1);
  sizes.forEach((n, i) => (offsets[i + 1] = offsets[i]! + n));
  return new NestedFrame({ nested: { src: { offsets, fields: { band: makeColumn(band, "dict"), flux: flux, fluxErr: err } } } });
}

const values = (s: Record<string, Column>, name: string) => Array.from(toFloat64(s[name]!, name));

describe("bandFluxSummaries", () => {
  it("gives the weighted mean, its error, the sample sigma, the chi-square and the count per band, by hand", () => {
    const s = bandFluxSummaries(clean());
    // g of object 0: weights 1 and 1/4; mean (10 + 20/4) / 1.25 = 12; error 1/sqrt(1.25); sigma of {10, 20} = sqrt(50);
    // chi2 = ((10 - 12)/1)^2 + ((20 - 12)/2)^2 = 4 + 16 = 20. Object 1 has no g: NaN, Ndata 0.
    expect(values(s, "g_psfFluxMean")).toEqual([12, NaN]);
    expect(values(s, "g_psfFluxMeanErr")[0]).toBeCloseTo(1 / Math.sqrt(1.25), 14);
    expect(values(s, "g_psfFluxSigma")[0]).toBeCloseTo(Math.sqrt(50), 13);
    expect(values(s, "g_psfFluxChi2")).toEqual([20, NaN]);
    expect(values(s, "g_psfFluxNdata")).toEqual([2, 0]);
    // r: one source in object 0 (sigma NaN, chi2 0); 1 and 3 at error 1 in object 1: mean 2, error 1/sqrt(2), sigma sqrt(2), chi2 1 + 1
    expect(values(s, "r_psfFluxMean")).toEqual([5, 2]);
    expect(values(s, "r_psfFluxMeanErr")).toEqual([1, 1 / Math.sqrt(2)]);
    expect(values(s, "r_psfFluxSigma")).toEqual([NaN, Math.SQRT2]);
    expect(values(s, "r_psfFluxChi2")).toEqual([0, 2]);
    expect(values(s, "r_psfFluxNdata")).toEqual([1, 2]);
  });

  it("names the columns band by band in the order asked, statistics in DP1's order, Ndata int32 and the rest float64", () => {
    const s = bandFluxSummaries(clean(), { bands: ["r", "i", "g"] });
    expect(Object.keys(s)).toEqual(["r", "i", "g"].flatMap((b) => BAND_FLUX_STATISTICS.map((t) => `${b}_psfFlux${t}`)));
    expect(bandFluxColumn("i", "Chi2", "psfFlux")).toBe("i_psfFluxChi2");
    for (const b of ["r", "i"]) {
      expect(s[`${b}_psfFluxNdata`]!.type).toBe("int32");
      expect(s[`${b}_psfFluxMean`]!.type).toBe("float64");
    }
  });

  it("gives NaN and Ndata 0 for a band no object has", () => {
    const s = bandFluxSummaries(clean(), { bands: ["i"] });
    for (const t of ["Mean", "MeanErr", "Sigma", "Chi2"] as const) expect(values(s, bandFluxColumn("i", t, "psfFlux"))).toEqual([NaN, NaN]);
    expect(values(s, "i_psfFluxNdata")).toEqual([0, 0]);
  });

  it("leaves out null bands, non-finite or null fluxes, and errors that are null, not finite or not above 0", () => {
    // object 0, all g: the clean rows are 10±1 and 20±2; every other row breaks one rule. Object 1: a null band and one clean r row.
    const flux = makeColumn([10, NaN, Infinity, 7, 7, 7, 7, null, 7, 20, 4, 6], "float32");
    const err = makeColumn([1, 1, 1, 0, -1, Infinity, NaN, 1, null, 2, 1, 1], "float32");
    const band = ["g", "g", "g", "g", "g", "g", "g", "g", "g", "g", null, "r"];
    const s = bandFluxSummaries(frameOf([10, 2], band, flux, err), { nest: "src", flux: "flux", fluxErr: "fluxErr" });
    expect(Object.keys(s).filter((k) => k.endsWith("Ndata"))).toEqual(["g_fluxNdata", "r_fluxNdata"]);
    expect(values(s, "g_fluxMean")).toEqual([12, NaN]);
    expect(values(s, "g_fluxChi2")).toEqual([20, NaN]);
    expect(values(s, "g_fluxNdata")).toEqual([2, 0]);
    expect(values(s, "r_fluxMean")).toEqual([NaN, 6]);
    expect(values(s, "r_fluxNdata")).toEqual([0, 1]);
  });

  it("writes by default only the bands that have a usable source, and hands them to a bands function", () => {
    const f = frameOf([3], ["g", "z", "r"], makeColumn(Float64Array.of(1, NaN, 2)), makeColumn(Float64Array.of(1, 1, 1)));
    const opts = { nest: "src", flux: "flux", fluxErr: "fluxErr" };
    expect(Object.keys(bandFluxSummaries(f, opts)).filter((k) => k.endsWith("Mean"))).toEqual(["g_fluxMean", "r_fluxMean"]);
    let seen: readonly string[] = [];
    const s = bandFluxSummaries(f, { ...opts, bands: (present) => ((seen = present), ["z", ...present]) });
    expect(seen).toEqual(["g", "r"]);
    expect(values(s, "z_fluxNdata")).toEqual([0]);
  });

  it("leaves out the rows a usable mask clears, and refuses a mask of the wrong length", () => {
    const s = bandFluxSummaries(clean(), { usable: Uint8Array.of(1, 1, 0, 1, 1) });
    expect(values(s, "g_psfFluxMean")).toEqual([10, NaN]);
    expect(values(s, "g_psfFluxNdata")).toEqual([1, 0]);
    expect(() => bandFluxSummaries(clean(), { usable: new Uint8Array(4).fill(1) })).toThrow(ArgumentError);
    expect(() => bandFluxSummaries(clean(), { usable: new Uint8Array(4).fill(1) })).toThrow(/4 values.*5 rows/);
  });

  it("reads only the frame's own rows after takeObjects, whose offsets do not start at 0", () => {
    const second = clean().takeObjects(Int32Array.of(1));
    expect(second.nest("diaSource").offsets[0]).toBe(3);
    const s = bandFluxSummaries(second, { bands: ["g", "r"], usable: Uint8Array.of(1, 0) });
    expect(values(s, "r_psfFluxMean")).toEqual([1]);
    expect(values(s, "g_psfFluxNdata")).toEqual([0]);
  });

  it("names a missing field and refuses a string flux", () => {
    expect(() => bandFluxSummaries(clean(), { flux: "scienceFlux" })).toThrow(ColumnNotFoundError);
    expect(() => bandFluxSummaries(clean(), { flux: "scienceFlux" })).toThrow(/diaSource\.scienceFlux.*diaSource\.psfFlux/s);
    expect(() => bandFluxSummaries(clean(), { flux: "band", fluxErr: "psfFluxErr" })).toThrow(SchemaError);
    expect(() => bandFluxSummaries(clean(), { flux: "band", fluxErr: "psfFluxErr" })).toThrow(/"diaSource\.band" is a string column/);
  });

  it("agrees with a plain loop over each object's usable rows", () => {
    const row = fc.record({
      band: fc.constantFrom("g", "r", null),
      f: fc.oneof(fc.integer({ min: -50, max: 50 }), fc.constant(NaN)),
      e: fc.constantFrom(0.5, 1, 2, 0, -1, NaN),
    });
    fc.assert(
      fc.property(fc.array(fc.array(row, { maxLength: 6 }), { minLength: 1, maxLength: 5 }), (objects) => {
        const rows = objects.flat();
        const f = frameOf(objects.map((o) => o.length), rows.map((r) => r.band), makeColumn(Float64Array.from(rows, (r) => r.f)), makeColumn(Float64Array.from(rows, (r) => r.e)));
        const s = bandFluxSummaries(f, { nest: "src", flux: "flux", fluxErr: "fluxErr", bands: ["g", "r"] });
        for (const b of ["g", "r"]) {
          objects.forEach((o, i) => {
            const use = o.filter((r) => r.band === b && Number.isFinite(r.f) && r.e > 0);
            const w = use.reduce((a, r) => a + 1 / r.e ** 2, 0);
            const mean = use.reduce((a, r) => a + r.f / r.e ** 2, 0) / w;
            const avg = use.reduce((a, r) => a + r.f, 0) / use.length;
            const sigma = Math.sqrt(use.reduce((a, r) => a + (r.f - avg) ** 2, 0) / (use.length - 1));
            const chi2 = use.reduce((a, r) => a + ((r.f - mean) / r.e) ** 2, 0);
            expect(values(s, `${b}_fluxNdata`)[i]).toBe(use.length);
            if (use.length === 0) return expect(values(s, `${b}_fluxMean`)[i]).toBeNaN();
            expect(values(s, `${b}_fluxMean`)[i]).toBeCloseTo(mean, 9);
            expect(values(s, `${b}_fluxMeanErr`)[i]).toBeCloseTo(1 / Math.sqrt(w), 12);
            expect(values(s, `${b}_fluxChi2`)[i]).toBeCloseTo(chi2, 7);
            if (use.length < 2) expect(values(s, `${b}_fluxSigma`)[i]).toBeNaN();
            else expect(values(s, `${b}_fluxSigma`)[i]).toBeCloseTo(sigma, 9);
          });
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("usableFluxRows", () => {
  it("keeps a row only when the flux is finite, the error finite and above 0, and neither is null", () => {
    const flux = makeColumn([1, NaN, -Infinity, 2, 2, 2, 2, null, 2, -3]);
    const err = makeColumn([1, 1, 1, 0, -1, Infinity, NaN, 1, null, 0.1]);
    expect(Array.from(usableFluxRows(flux, err, 0, 10))).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(Array.from(usableFluxRows(flux, err, 8, 10))).toEqual([0, 1]);
  });

  it("refuses a string or int64 column", () => {
    expect(() => usableFluxRows(makeColumn(["a"]), makeColumn([1]), 0, 1)).toThrow(SchemaError);
    expect(() => usableFluxRows(makeColumn([1]), makeColumn(BigInt64Array.of(1n)), 0, 1)).toThrow(/int64/);
  });
});
