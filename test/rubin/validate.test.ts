import { readFileSync } from "node:fs";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { ArgumentError, ColumnNotFoundError, SchemaError } from "../../src/frame/errors.js";
import { NestedFrame } from "../../src/frame/nested-frame.js";
import { readFlat } from "../../src/io/flat.js";
import { readHats } from "../../src/io/hats-read.js";
import { type FluxErrorValidation, validateFluxErrors } from "../../src/rubin/validate.js";
import { naivePulls } from "../../src/stats/pulls.js";
import { Random } from "../../src/stats/random.js";
import { weightedMeans } from "../../src/stats/weighted-mean.js";

const truth = JSON.parse(readFileSync("data-samples/truth.json", "utf8")) as { errorScale: Record<string, number>; errorFloor: Record<string, number> };
let objects: NestedFrame;
let v: FluxErrorValidation;
beforeAll(async () => {
  objects = await readHats("data-samples/dp1_object_collection");
  v = validateFluxErrors(objects, { product: "ForcedSource", flux: "psfFlux" });
});

/** One-band light curves with errors `e` and true scatter `scale * e`, as a frame with the ForcedSource columns. */
function lightCurves(rng: Random, nLc: number, scale: number, lengths: [number, number] = [10, 30]) {
  const flux: Float32Array[] = [];
  const err: Float32Array[] = [];
  const band: string[][] = [];
  const flags: Uint8Array[] = [];
  for (let j = 0; j < nLc; j++) {
    const n = lengths[0] + Math.floor(rng.uniform() * (lengths[1] - lengths[0] + 1));
    const mu = 2000 * rng.uniform();
    const e = Float32Array.from({ length: n }, () => 50 + 200 * rng.uniform());
    err.push(e);
    flux.push(Float32Array.from(e, (x) => mu + scale * x * rng.normal()));
    band.push(Array.from({ length: n }, () => "r"));
    flags.push(new Uint8Array(n));
  }
  return NestedFrame.fromLists(
    { objectId: BigInt64Array.from({ length: nLc }, (_, k) => 1n << 60n | BigInt(k)), band, psfFlux: flux, psfFluxErr: err, psfFlux_flag: flags },
    { lists: ["band", "psfFlux", "psfFluxErr", "psfFlux_flag"], name: "lc" },
  );
}
const R_ONLY = { flags: ["psfFlux_flag"] } as const;

describe("validateFluxErrors on the embedded DP1-like samples", () => {
  it("recovers the injected error scale within 2 sigma in every band", () => {
    expect(v.groups.map((g) => g.band)).toEqual(["u", "g", "r", "i", "z", "y"]);
    for (const g of v.groups) {
      const s = truth.errorScale[g.band]!;
      expect(g.fitConverged, g.band).toBe(true);
      expect(Math.abs(g.errorScale - s), `${g.band}: ${g.errorScale} ± ${g.errorScaleErr} vs ${s}`).toBeLessThan(2 * g.errorScaleErr);
    }
  });

  it("recovers the injected scale from psfDiffFlux too (its own reported errors, same truth)", () => {
    const diff = validateFluxErrors(objects, { flux: "psfDiffFlux" });
    for (const g of diff.groups) {
      const s = truth.errorScale[g.band]!;
      expect(Math.abs(g.errorScale - s), `${g.band}: ${g.errorScale} ± ${g.errorScaleErr} vs ${s}`).toBeLessThan(2 * g.errorScaleErr);
    }
  });

  it("gives the same answer from the flat per-visit files as from the HATS collection", async () => {
    const flat = validateFluxErrors(await readFlat("data-samples/forced_source_visits", { on: "objectId", name: "lc", sortBy: "midpointMjdTai" }));
    // the 16 objects without observations are in the collection only; the steps count objects with observations
    const numbers = (x: typeof v) => x.cutflow.map((c) => [c.step, c.objects, c.lightCurves, c.points]);
    expect(numbers(flat)).toEqual(numbers(v));
    for (const [k, g] of flat.groups.entries()) {
      const h = v.groups[k]!;
      expect([g.band, g.nObjects, g.nPoints]).toEqual([h.band, h.nObjects, h.nPoints]);
      expect(g.errorScale).toBeCloseTo(h.errorScale, 8);
      expect(g.histogram.counts).toEqual(h.histogram.counts);
    }
  });

  it("shows the errors are under-estimated: every pull width is above 1 and the tests reject N(0,1)", () => {
    for (const g of v.groups) {
      expect(g.pullStdCorrected).toBeGreaterThan(1.05);
      expect(g.whitenedStd).toBeGreaterThan(1.05);
      // naive pulls are narrower than corrected ones (short light curves)
      expect(g.pullStd).toBeLessThan(g.pullStdCorrected);
    }
    expect(v.groups.filter((g) => g.ks.p < 0.05).length).toBeGreaterThanOrEqual(5);
  });

  it("accounts for every observation in the cut-flow", () => {
    const steps = v.cutflow.map((s) => s.step);
    expect(steps).toEqual(["input", "band", "flags", "finite", "duplicate", "minObs", "clip", "variability"]);
    // the samples repeat no (object, visit): the duplicate step removes nothing
    expect(v.cutflow[4]!.points).toBe(v.cutflow[3]!.points);
    expect(v.cutflow[0]!.points).toBe(69314);
    for (let k = 1; k < v.cutflow.length; k++) expect(v.cutflow[k]!.points).toBeLessThanOrEqual(v.cutflow[k - 1]!.points);
    const last = v.cutflow[v.cutflow.length - 1]!;
    expect(v.groups.reduce((a, g) => a + g.nPoints, 0)).toBe(last.points);
    expect(v.groups.reduce((a, g) => a + g.nObjects, 0)).toBe(last.lightCurves);
  });

  it("drops exactly the flagged observations that a query finds", () => {
    const flags = ["psfFlux_flag", "psfDiffFlux_flag", "pixelFlags_bad", "pixelFlags_cr", "pixelFlags_crCenter", "pixelFlags_edge", "pixelFlags_interpolated", "pixelFlags_interpolatedCenter", "pixelFlags_nodata", "pixelFlags_saturated", "pixelFlags_saturatedCenter", "pixelFlags_suspect", "pixelFlags_suspectCenter", "invalidPsfFlag"];
    const clean = objects.query(`not (${flags.map((f) => `objectForcedSource.${f}`).join(" or ")})`);
    expect(v.cutflow[2]!.points).toBe(clean.observationCount);
    const usable = clean.query("isfinite(objectForcedSource.psfFlux) and objectForcedSource.psfFluxErr > 0");
    expect(v.cutflow[3]!.points).toBe(usable.observationCount);
  });

  it("keeps light curves with >= 10 points in a band, counted independently by countNested", () => {
    const counted = objects.query("not objectForcedSource.psfFlux_flag").countNested("objectForcedSource", { by: "band" });
    expect(counted.length).toBe(4500);
    // the minObs step sees flag-free rows: count (object, band) pairs with >= 10 clean rows via split + reduce
    const flags = v.options.flags.map((f) => `objectForcedSource.${f}`).join(" or ");
    const byBand = objects.query(`not (${flags})`).split("objectForcedSource", { by: "band" });
    let lcs = 0;
    for (const f of Object.values(byBand)) for (const n of f.reduce("objectForcedSource", { n: "count()" }).numbers("n")) if (n >= 10) lcs++;
    expect(v.cutflow.find((s) => s.step === "minObs")!.lightCurves).toBe(lcs);
  });

  it("groups by field and magnitude bin without losing a light curve", () => {
    const fine = validateFluxErrors(objects, { groupBy: ["field", "magBin"] });
    for (const band of ["u", "g", "r", "i", "z", "y"]) {
      const parts = fine.groups.filter((g) => g.band === band);
      const whole = v.groups.find((g) => g.band === band)!;
      expect(parts.reduce((a, g) => a + g.nPoints, 0)).toBe(whole.nPoints);
      expect(parts.every((g) => typeof g.field === "string" && g.magBin !== undefined)).toBe(true);
    }
    expect(new Set(fine.groups.map((g) => g.field))).toContain("ECDFS");
  });

  it("writes the JSON fields the CLI promises", () => {
    const g = JSON.parse(JSON.stringify(v)) as { groups: Record<string, unknown>[]; cutflow: Record<string, unknown>[] };
    for (const key of ["band", "nObjects", "nPoints", "pullMean", "pullStd", "pullStdCorrected", "whitenedStd", "errorScale", "errorScaleErr", "floor", "floorErr", "ks", "ad", "histogram"]) {
      expect(g.groups[0], key).toHaveProperty(key);
    }
    expect(g.groups[0]!["histogram"]).toMatchObject({ edges: expect.any(Array), counts: expect.any(Array) });
    expect((g.groups[0]!["histogram"] as { counts: number[] }).counts).toHaveLength(200);
    expect(g.cutflow[0]).toMatchObject({ step: "input", objects: expect.any(Number), points: expect.any(Number) });
  });
});

describe("validateFluxErrors by hand", () => {
  it("computes the recipe's pulls exactly for a small frame", () => {
    const f = lightCurves(new Random(1), 3, 1, [10, 12]);
    const r = validateFluxErrors(f, { ...R_ONLY, screen: false });
    const g = r.groups[0]!;
    const o = f.nest("lc").offsets;
    const flux = f.numbers("lc.psfFlux");
    const err = f.numbers("lc.psfFluxErr");
    const pulls = naivePulls(o, flux, err, weightedMeans(o, flux, err).mean);
    const mean = pulls.reduce((a, b) => a + b, 0) / pulls.length;
    expect(g.nObjects).toBe(3);
    expect(g.nPoints).toBe(flux.length);
    expect(g.pullMean).toBeCloseTo(mean, 12);
    expect(g.histogram.counts.reduce((a, b) => a + b, 0) + g.histogram.underflow + g.histogram.overflow).toBe(flux.length);
  });

  it("does not cut psfDiffFlux rows for an unusable psfFlux when it only sets the magnitude", () => {
    const base = lightCurves(new Random(8), 40, 1);
    const nc = base.nest("lc");
    const f = base.numbers("lc.psfFlux");
    const psf = Float32Array.from(f, (x, r) => (r % 5 === 0 ? NaN : x)); // every 5th psfFlux unusable
    const frame = base.withNested("lc", {
      offsets: nc.offsets,
      fields: { ...nc.fields, psfFlux: { type: "float32", values: psf }, psfDiffFlux: { type: "float32", values: Float32Array.from(f, (x) => x - 1000) }, psfDiffFluxErr: nc.fields["psfFluxErr"]! },
    });
    const plain = validateFluxErrors(frame, { ...R_ONLY, flux: "psfDiffFlux", screen: false });
    const byMag = validateFluxErrors(frame, { ...R_ONLY, flux: "psfDiffFlux", screen: false, groupBy: ["magBin"] });
    expect(byMag.cutflow.map((c) => c.points)).toEqual(plain.cutflow.map((c) => c.points));
    expect(byMag.groups.reduce((a, g) => a + g.nPoints, 0)).toBe(plain.groups[0]!.nPoints);
    expect(byMag.groups.every((g) => g.magBin !== null)).toBe(true); // every light curve has usable psfFlux rows
  });

  it("keeps the chi-square tests when the histogram width does not divide the test range", () => {
    const r = validateFluxErrors(lightCurves(new Random(9), 200, 1), { ...R_ONLY, bins: "-10:10:0.8" });
    expect(r.groups[0]!.histogram.counts).toHaveLength(25);
    expect(r.groups[0]!.chi2.p).toBeGreaterThan(0);
    expect(r.groups[0]!.naiveChi2.df).toBeGreaterThan(0);
    expect(r.groups[0]!.notes).toEqual([]);
  });

  it("gives the same groups whether or not a too-short light curve comes first (offsets stay aligned)", () => {
    const f = lightCurves(new Random(10), 30, 1.2);
    const o = f.nest("lc").offsets;
    const flux = f.numbers("lc.psfFlux");
    const err = f.numbers("lc.psfFluxErr");
    const lcs = Array.from({ length: 30 }, (_, i) => ({ flux: flux.subarray(o[i]!, o[i + 1]!), err: err.subarray(o[i]!, o[i + 1]!) }));
    // a 3-point light curve in front: cut by minObs, so the kept ones are a contiguous run not starting at row 0
    const all = [{ flux: Float32Array.of(5, 6, 7), err: Float32Array.of(1, 1, 1) }, ...lcs];
    const both = NestedFrame.fromLists(
      {
        band: all.map((l) => Array.from(l.flux, () => "r")),
        psfFlux: all.map((l) => l.flux),
        psfFluxErr: all.map((l) => l.err),
        psfFlux_flag: all.map((l) => new Uint8Array(l.flux.length)),
      },
      { lists: ["band", "psfFlux", "psfFluxErr", "psfFlux_flag"], name: "lc" },
    );
    const a = validateFluxErrors(f, R_ONLY).groups[0]!;
    const b = validateFluxErrors(both, R_ONLY).groups[0]!;
    expect([b.nObjects, b.nPoints]).toEqual([a.nObjects, a.nPoints]);
    expect(b.errorScale).toBeCloseTo(a.errorScale, 10);
    expect(b.histogram.counts).toEqual(a.histogram.counts);
  });

  it("reports a requested band with no light curve instead of failing", () => {
    const r = validateFluxErrors(lightCurves(new Random(2), 20, 1), { ...R_ONLY, bands: ["r", "y"] });
    const y = r.groups.find((g) => g.band === "y")!;
    expect(y.nObjects).toBe(0);
    expect(y.errorScale).toBeNaN();
    expect(y.notes.join(" ")).toMatch(/no y-band light curve passed the cuts/);
  });

  it("names the product, the column and the columns present when a column is missing", () => {
    const f = lightCurves(new Random(3), 5, 1).select(["objectId", "lc.band", "lc.psfFlux", "lc.psfFlux_flag"]);
    expect(() => validateFluxErrors(f, R_ONLY)).toThrow(ColumnNotFoundError);
    expect(() => validateFluxErrors(f, R_ONLY)).toThrow(/"psfFluxErr" in the ForcedSource light curves \(nest "lc"\).*Available: band, psfFlux, psfFlux_flag/);
    expect(() => validateFluxErrors(lightCurves(new Random(3), 5, 1))).toThrow(/"psfDiffFlux_flag" in the ForcedSource light curves/);
  });

  it("rejects an unknown band, product, flux or grouping with the choices", () => {
    const f = lightCurves(new Random(4), 5, 1);
    expect(() => validateFluxErrors(f, { ...R_ONLY, bands: ["q"] })).toThrow(/Unknown band "q".*has bands r/);
    expect(() => validateFluxErrors(f, { ...R_ONLY, product: "Forced" as never })).toThrow(/Known products/);
    expect(() => validateFluxErrors(f, { ...R_ONLY, flux: "apFlux" })).toThrow(/Its fluxes: psfFlux, psfDiffFlux/);
    expect(() => validateFluxErrors(f, { ...R_ONLY, groupBy: ["colour" as never] })).toThrow(ArgumentError);
    expect(() => validateFluxErrors(f, { ...R_ONLY, minObs: 1 })).toThrow(/minObs must be an integer >= 2/);
    expect(() => validateFluxErrors(f, { ...R_ONLY, bands: ["gr"] })).toThrow(/Unknown band "gr"/);
    expect(() => validateFluxErrors(f, { ...R_ONLY, bands: [""] })).toThrow(/Unknown band ""/);
    expect(() => validateFluxErrors(f, { ...R_ONLY, bands: ["r", "r"] })).toThrow(/Band "r" is asked for twice/);
    expect(() => validateFluxErrors(f, { ...R_ONLY, screen: { pValue: 2 } })).toThrow(/screen.pValue must be in \(0, 1\), got 2/);
  });

  it("needs positions only to group by field, and says which column is missing", () => {
    const f = lightCurves(new Random(5), 30, 1);
    expect(() => validateFluxErrors(f, { ...R_ONLY, groupBy: ["field"] })).toThrow(/"coord_ra" in the ForcedSource catalog \(needed to group by field\)/);
  });

  it("refuses a frame without light curves", () => {
    const flat = new NestedFrame({ base: { psfFlux: { type: "float32", values: new Float32Array(3) } } });
    expect(() => validateFluxErrors(flat)).toThrow(SchemaError);
  });
});

describe("calibration: with correct errors", () => {
  it("the KS and AD p-values of the whitened residuals are uniform (200 simulations)", () => {
    const rng = new Random(20250630);
    let ks = 0;
    let ad = 0;
    let chi2 = 0;
    const sims = 200;
    const scales: number[] = [];
    for (let k = 0; k < sims; k++) {
      const r = validateFluxErrors(lightCurves(rng, 60, 1), { ...R_ONLY, fitFloor: false });
      const g = r.groups[0]!;
      if (g.ks.p < 0.05) ks++;
      if (g.ad.p < 0.05) ad++;
      if (g.chi2.p < 0.05) chi2++;
      scales.push((g.errorScale - 1) / g.errorScaleErr);
    }
    for (const rejected of [ks, ad, chi2]) {
      expect(rejected / sims).toBeGreaterThanOrEqual(0.02);
      expect(rejected / sims).toBeLessThanOrEqual(0.09);
    }
    // the fitted scale is unbiased with honest errors: (s - 1)/err has mean ~0 and std ~1
    const m = scales.reduce((a, b) => a + b, 0) / sims;
    const sd = Math.sqrt(scales.reduce((a, b) => a + (b - m) ** 2, 0) / (sims - 1));
    expect(Math.abs(m)).toBeLessThan(0.25);
    expect(sd).toBeGreaterThan(0.8);
    expect(sd).toBeLessThan(1.2);
  });

  it("the whitened residuals have unit width and the naive pulls are narrower", () => {
    const r = validateFluxErrors(lightCurves(new Random(7), 3000, 1, [10, 14]), { ...R_ONLY, fitFloor: false });
    const g = r.groups[0]!;
    expect(g.whitenedStd).toBeCloseTo(1, 1);
    expect(g.pullStdCorrected).toBeCloseTo(1, 1);
    // E[naive pull^2] = 1 - 1/n for equal-ish errors: about 0.958 at n ~ 12
    expect(g.pullStd).toBeLessThan(0.985);
    expect(g.pullStd).toBeGreaterThan(0.93);
  });
});

describe("nothing lost (property)", () => {
  it("on random frames with nulls, NaNs, bad errors and flags, every observation is accounted for", () => {
    const row = fc.record({
      band: fc.constantFrom("g", "r", "i", null),
      flux: fc.oneof({ weight: 8, arbitrary: fc.double({ min: -1e4, max: 1e4, noNaN: true }) }, { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity) }),
      err: fc.oneof({ weight: 8, arbitrary: fc.double({ min: 1, max: 100, noNaN: true }) }, { weight: 1, arbitrary: fc.constantFrom(0, -1, NaN, Infinity) }),
      flag: fc.constantFrom(0, 0, 0, 0, 1),
    });
    fc.assert(
      fc.property(fc.array(fc.array(row, { maxLength: 14 }), { minLength: 1, maxLength: 25 }), fc.boolean(), fc.nat(3), (objs, screen, skip) => {
        const rows = objs.flat();
        fc.pre(rows.some((r) => r.band !== null));
        // `skip` extra objects in front, then dropped: the frame is a slice whose offsets start mid-way
        const extra: (typeof objs)[number][] = Array.from({ length: skip }, () => [{ band: "r", flux: 1, err: 1, flag: 0 }]);
        const all = [...extra, ...objs];
        const whole = NestedFrame.fromLists(
          {
            band: all.map((o) => o.map((r) => r.band)),
            psfFlux: all.map((o) => Float64Array.from(o, (r) => r.flux)),
            psfFluxErr: all.map((o) => Float64Array.from(o, (r) => r.err)),
            psfFlux_flag: all.map((o) => Uint8Array.from(o, (r) => r.flag)),
          },
          { lists: ["band", "psfFlux", "psfFluxErr", "psfFlux_flag"], name: "lc" },
        );
        const f = whole.takeObjects(Int32Array.from(objs, (_, k) => skip + k));
        const v = validateFluxErrors(f, { ...R_ONLY, minObs: 3, ...(screen ? {} : { screen: false as const }) });
        const pts = v.cutflow.map((s) => s.points);
        expect(pts[0]).toBe(rows.length);
        for (let k = 1; k < v.cutflow.length; k++) {
          expect(v.cutflow[k]!.points).toBeLessThanOrEqual(v.cutflow[k - 1]!.points);
          expect(v.cutflow[k]!.lightCurves).toBeLessThanOrEqual(v.cutflow[k - 1]!.lightCurves);
          expect(v.cutflow[k]!.objects).toBeLessThanOrEqual(v.cutflow[k - 1]!.objects);
        }
        // the row-level steps, counted independently
        const clean = rows.filter((r) => r.band !== null);
        expect(v.cutflow[1]!.points).toBe(clean.length);
        const unflagged = clean.filter((r) => r.flag === 0);
        expect(v.cutflow[2]!.points).toBe(unflagged.length);
        expect(v.cutflow[3]!.points).toBe(unflagged.filter((r) => Number.isFinite(r.flux) && r.err > 0 && Number.isFinite(r.err)).length);
        // the groups hold exactly what the last step kept
        const last = v.cutflow[v.cutflow.length - 1]!;
        expect(v.groups.reduce((a, g) => a + g.nPoints, 0)).toBe(last.points);
        expect(v.groups.reduce((a, g) => a + g.nObjects, 0)).toBe(last.lightCurves);
        for (const g of v.groups) {
          const h = g.histogram;
          expect(h.counts.reduce((a, b) => a + b, 0) + h.underflow + h.overflow + h.nonFinite).toBe(g.nPoints);
        }
      }),
      { numRuns: Number(process.env["NLC_PROPERTY_RUNS"] ?? 60) },
    );
  });
});

describe("field grouping from flat files", () => {
  it("takes positions from the first observation, also in a frame that starts mid-way (a slice)", async () => {
    const flat = await readFlat("data-samples/forced_source_visits", { on: "objectId", name: "lc", sortBy: "midpointMjdTai" });
    const tail = flat.takeObjects(Int32Array.from({ length: 1000 }, (_, k) => 3000 + k)); // contiguous: offsets start mid-way
    const fromTail = validateFluxErrors(tail, { groupBy: ["field"], screen: false });
    // the same objects from the HATS collection, where positions are base columns
    const same = objects.loc(tail.bigints("objectId"), { on: "objectId" });
    const direct = validateFluxErrors(same, { groupBy: ["field"], screen: false });
    expect(fromTail.groups.map((g) => [g.band, g.field, g.nPoints])).toEqual(direct.groups.map((g) => [g.band, g.field, g.nPoints]));
    expect(fromTail.groups.some((g) => g.field === "none")).toBe(false);
  });
});
