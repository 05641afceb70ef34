import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/frame/errors.js";
import { bins } from "../../src/stats/bin-spec.js";
import { errorModelPieces, fitErrorModel, fitErrorModelPasses } from "../../src/stats/error-model.js";
import { GroupAccumulator, groupStatistics } from "../../src/rubin/validate-groups.js";
import { Random } from "../../src/stats/random.js";
import { simulateLightCurves } from "../stats/helpers/light-curves.js";

const OPTS = { bins: bins(-10, 10, 0.1), range: [-3, 3] as [number, number], fitFloor: false };

/** Light curves of 15 points, means uniform in [0, 1000), errors uniform in [20, 100), true scatter `scale` times the error. */
const SIM = { length: 15, mean: [0, 1000], err: { lo: 20, hi: 100 } } as const;

describe("groupStatistics", () => {
  it("by hand: two light curves of two points", () => {
    // pulls: lc 1 (errors 1, 1) mean 1 -> -1, 1; lc 2 (errors 2, 2) mean 5 -> -1, 1
    const s = groupStatistics(Int32Array.of(0, 2, 4), Float64Array.of(0, 2, 3, 7), Float64Array.of(1, 1, 2, 2), OPTS);
    expect(s.nObjects).toBe(2);
    expect(s.nPoints).toBe(4);
    expect(s.pullMean).toBe(0);
    expect(s.pullStd).toBeCloseTo(Math.sqrt(4 / 3), 14);
    // corrected: (f - mean)/sqrt(e^2 - 1/W): lc 1 sqrt(1 - 1/2), lc 2 sqrt(4 - 2) -> +-sqrt 2 each
    expect(s.pullStdCorrected).toBeCloseTo(Math.sqrt((4 * 2) / 3), 12);
    // whitened: one value per light curve, (f1 - f2)/sqrt(e1^2 + e2^2) up to sign: -+sqrt 2, -+sqrt 2
    expect(s.nWhitened).toBe(2);
    expect(s.histogram.counts[90]).toBe(2); // -1 in [-1.0, -0.9)
    expect(s.histogram.counts[110]).toBe(2); // +1
  });

  it("measures the injected scale: pulls three ways, the fit and the tests", () => {
    const d = simulateLightCurves(3, { ...SIM, nLc: 400, scale: 1.3 });
    const s = groupStatistics(d.offsets, d.flux, d.err, OPTS);
    // 5600 whitened values: the std is within ~0.012 of 1.3 (1 sigma); the naive width
    // would be 1.3 sqrt(14/15) = 1.256, so a 0.03 tolerance tells them apart
    expect(Math.abs(s.whitenedStd - 1.3)).toBeLessThan(0.03);
    expect(Math.abs(s.pullStdCorrected - 1.3)).toBeLessThan(0.03);
    expect(Math.abs(s.pullStd - 1.3 * Math.sqrt(14 / 15))).toBeLessThan(0.03);
    expect(Math.abs(s.errorScale - 1.3)).toBeLessThan(3 * s.errorScaleErr);
    expect(s.ks.p).toBeLessThan(1e-6);
    expect(s.ad.p).toBeLessThan(1e-6);
    expect(s.chi2.p).toBeLessThan(1e-6);
    // pooled: E = 1.69 exactly; 400 x 14 degrees of freedom give a spread of 1.69 * sqrt(2/5600) = 0.03
    expect(Math.abs(s.reducedChi2 - 1.69)).toBeLessThan(0.1);
    expect(s.notes).toEqual([]);
  });

  it("uses a fit it is given instead of fitting again", () => {
    const d = simulateLightCurves(4, { ...SIM, nLc: 50, scale: 1 });
    const fit = { ...fitErrorModel(d.offsets, d.flux, d.err, { fitFloor: false }), scale: 42 };
    expect(groupStatistics(d.offsets, d.flux, d.err, { ...OPTS, fit }).errorScale).toBe(42);
  });

  it("reports NaN and notes, not errors, for an empty or a one-light-curve group", () => {
    const empty = groupStatistics(Int32Array.of(0), new Float64Array(0), new Float64Array(0), OPTS);
    expect(empty.nObjects).toBe(0);
    expect(empty.ks.p).toBeNaN();
    expect(empty.errorScale).toBeNaN();
    expect(empty.notes.join(" ")).toMatch(/normality tests skipped/);
    const one = groupStatistics(Int32Array.of(0, 3), Float64Array.of(1, 2, 3), Float64Array.of(1, 1, 1), OPTS);
    expect(one.errorScale).toBeNaN();
    expect(one.notes.join(" ")).toMatch(/error-model fit:/);
  });

  it("does not turn bad input into a note: only too little data is", () => {
    // an inverted test range is a caller's mistake: it must stop the run, not become a NaN with a note
    const d = simulateLightCurves(6, { ...SIM, nLc: 20, scale: 1 });
    expect(() => groupStatistics(d.offsets, d.flux, d.err, { ...OPTS, range: [3, -3] })).toThrow(ArgumentError);
  });

  it("tests for a floor honestly: with no floor the likelihood-ratio p rejects at its nominal rate, with one it detects it", () => {
    const rng = new Random(2024);
    let rejected = 0;
    const sims = 200;
    for (let k = 0; k < sims; k++) {
      // errors 20-300 nJy: a floor would show as extra scatter of the small errors
      const d = simulateLightCurves(rng, { ...SIM, nLc: 40, err: { lo: 20, hi: 300 } });
      if (groupStatistics(d.offsets, d.flux, d.err, { ...OPTS, fitFloor: true }).floorTest.p < 0.05) rejected++;
    }
    expect(rejected / sims).toBeGreaterThanOrEqual(0.02);
    expect(rejected / sims).toBeLessThanOrEqual(0.09);
    const withFloor = simulateLightCurves(rng, { ...SIM, nLc: 200, err: { lo: 20, hi: 300 }, variance: (e) => e * e + 40 * 40 });
    const s = groupStatistics(withFloor.offsets, withFloor.flux, withFloor.err, { ...OPTS, fitFloor: true });
    expect(s.floorTest.p).toBeLessThan(1e-6);
    expect(Math.abs(s.floor - 40)).toBeLessThan(3 * s.floorErr);
    expect(groupStatistics(withFloor.offsets, withFloor.flux, withFloor.err, OPTS).floorTest.p).toBeNaN(); // no floor fitted, no test
  });
});

describe("GroupAccumulator (a group's light curves in pieces)", () => {
  const dir = mkdtempSync(join(tmpdir(), "nested-lc-groups-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** `d` cut into pieces at light curves `cuts`, each with offsets from 0. */
  function pieces(d: ReturnType<typeof simulateLightCurves>, cuts: readonly number[]) {
    const bounds = [0, ...cuts, d.offsets.length - 1];
    return bounds.slice(1).map((j1, k) => {
      const j0 = bounds[k]!;
      const start = d.offsets[j0]!;
      return { offsets: Int32Array.from(d.offsets.subarray(j0, j1 + 1), (o) => o - start), flux: d.flux.subarray(start, d.offsets[j1]!), err: d.err.subarray(start, d.offsets[j1]!) };
    });
  }

  for (const fitFloor of [false, true]) {
    it(`gives groupStatistics' result bit for bit, with samples sorted on disk in several runs (fitFloor ${fitFloor})`, () => {
      const d = simulateLightCurves(8, { ...SIM, nLc: 300, variance: (e) => (1.1 * e) ** 2 + 40 ** 2 });
      const o = { ...OPTS, fitFloor };
      const whole = groupStatistics(d.offsets, d.flux, d.err, o);
      const acc = new GroupAccumulator(o, { dir, budget: 700 }); // 4500 pulls: 7 runs
      const ps = pieces(d, [1, 99, 100, 250]);
      for (const p of ps) acc.add(p.offsets, p.flux, p.err);
      const { pass, usable } = errorModelPieces(ps);
      const split = acc.finish((options) => fitErrorModelPasses(pass, usable, options, { caller: "fitErrorModel", lightCurves: 300 }));
      expect(split).toEqual(whole);
      if (fitFloor) expect(whole.floorTest.p).toBeLessThan(1e-6); // the floor test ran (over passes) and found the floor
      else expect(whole.floorTest.stat).toBeNaN();
      expect(readdirSync(dir)).toEqual([]); // the sorters' runs are deleted
    });
  }

  it("notes what it could not compute as groupStatistics does (one light curve: no fit)", () => {
    const offsets = Int32Array.of(0, 4);
    const flux = Float64Array.of(1, 2, 3, 5);
    const err = Float64Array.of(1, 1, 1, 1);
    const acc = new GroupAccumulator(OPTS, { dir, budget: 2 });
    acc.add(offsets, flux, err);
    const s = acc.finish((options) => fitErrorModel(offsets, flux, err, options));
    expect(s).toEqual(groupStatistics(offsets, flux, err, OPTS));
    expect(s.notes.some((n) => n.startsWith("error-model fit: fitErrorModel needs at least 2 light curves"))).toBe(true);
  });
});
