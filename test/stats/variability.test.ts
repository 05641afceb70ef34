import { describe, expect, it } from "vitest";
import { ArgumentError, InsufficientDataError } from "../../src/frame/errors.js";
import { errorModelPieces, fitErrorModel, fitErrorModelPasses } from "../../src/stats/error-model.js";
import { packLightCurves } from "../../src/stats/pack-light-curves.js";
import { Random } from "../../src/stats/random.js";
import { type ScreenData, modelChi2, screenVariables, screenVariablesOver } from "../../src/stats/variability.js";
import { simulateLightCurves } from "./helpers/light-curves.js";

/**
 * `nConst` constant light curves of 10..39 points with reported errors 50 e^(2u) and true
 * error sqrt((s e)^2 + a^2), then `nVar` sinusoids of semi-amplitude 6 true errors.
 */
function simulate(rng: Random, nConst: number, nVar: number, s: number, a: number) {
  return simulateLightCurves(rng, {
    nLc: nConst + nVar,
    length: [10, 39],
    lengthsFirst: false,
    mean: [0, 1000],
    err: (r) => 50 * Math.exp(2 * r.uniform()),
    variance: (e) => (s * e) ** 2 + a * a,
    signal: (r, j) => {
      const amp = j >= nConst ? 6 : 0;
      const phase = 2 * Math.PI * r.uniform();
      return (i, sd) => amp * sd * Math.sin(phase + i);
    },
  });
}

describe("modelChi2", () => {
  it("is the chi-square about the model-weighted mean, by hand", () => {
    // flux [1, 2, 4], err [1, 1, 2], s = 1, a = 0: mean 16/9, chi2 = 49/81 + 4/81 + (20/9)^2 / 4 = 17/9
    const { chi2, dof } = modelChi2(Int32Array.of(0, 3, 4), Float64Array.of(1, 2, 4, 7), Float64Array.of(1, 1, 2, 1), 1, 0);
    expect(chi2[0]).toBeCloseTo(17 / 9, 14);
    expect(dof[0]).toBe(2);
    expect(chi2[1]).toBeNaN();
    expect(dof[1]).toBe(0);
  });

  it("uses the model errors: s = 2 divides the chi-square by 4, a floor lowers it further", () => {
    const o = Int32Array.of(0, 3);
    const f = Float64Array.of(1, 2, 4);
    const e = Float64Array.of(1, 1, 2);
    expect(modelChi2(o, f, e, 2, 0).chi2[0]).toBeCloseTo(17 / 36, 14);
    // equal errors after a huge floor: plain variance about the mean / a^2
    const big = modelChi2(o, f, e, 1e-9, 10).chi2[0]!;
    expect(big).toBeCloseTo(((1 - 7 / 3) ** 2 + (2 - 7 / 3) ** 2 + (4 - 7 / 3) ** 2) / 100, 12);
  });
});

describe("screenVariables", () => {
  it("finds injected variables and keeps constant sources, so the fit recovers the truth", () => {
    const d = simulate(new Random(11), 400, 20, 1.2, 80);
    const r = screenVariables(d.offsets, d.flux, d.err);
    const flaggedConstant = Array.from(r.keep.subarray(0, 400)).filter((k) => k === 0).length;
    const caughtVariables = Array.from(r.keep.subarray(400)).filter((k) => k === 0).length;
    expect(caughtVariables).toBe(20);
    expect(flaggedConstant).toBeLessThanOrEqual(1);
    expect(r.variables).toBe(flaggedConstant + caughtVariables);
    expect(Math.abs(r.fit.scale - 1.2)).toBeLessThan(3 * r.fit.scaleErr);
    expect(Math.abs(r.fit.floor - 80)).toBeLessThan(3 * r.fit.floorErr);
    expect(r.rounds).toBeGreaterThan(1);
  });

  it("without screening the variables inflate the fitted floor far beyond its error", () => {
    const d = simulate(new Random(11), 400, 20, 1.2, 80);
    const all = fitErrorModel(d.offsets, d.flux, d.err);
    expect(all.floor - 80).toBeGreaterThan(5 * all.floorErr);
  });

  it("removes about pValue of the light curves when every source is constant", () => {
    const d = simulate(new Random(12), 2000, 0, 1.1, 40);
    const r = screenVariables(d.offsets, d.flux, d.err, { pValue: 0.01 });
    // 2000 x 1% = 20 expected; Poisson 3 sigma band
    expect(r.variables).toBeGreaterThan(20 - 3 * Math.sqrt(20));
    expect(r.variables).toBeLessThan(20 + 3 * Math.sqrt(20));
  });

  it("reports convergence when the last round changed no flag", () => {
    const d = simulate(new Random(11), 400, 20, 1.2, 80);
    const r = screenVariables(d.offsets, d.flux, d.err);
    expect(r.converged).toBe(true);
    expect(r.rounds).toBeLessThan(10);
  });

  it("reports converged: false when maxRounds runs out while flags still change, with the fit of the kept light curves", () => {
    const d = simulate(new Random(11), 400, 20, 1.2, 80);
    const r = screenVariables(d.offsets, d.flux, d.err, { maxRounds: 1 });
    expect(r.rounds).toBe(1);
    expect(r.variables).toBeGreaterThan(0);
    expect(r.converged).toBe(false);
    // The fit is the refit to keep: the same light curves, fitted directly, give the same model.
    const kept: number[] = [];
    r.keep.forEach((k, i) => {
      if (k === 1) kept.push(i);
    });
    const offsets = [0];
    const flux: number[] = [];
    const err: number[] = [];
    for (const i of kept) {
      for (let q = d.offsets[i]!; q < d.offsets[i + 1]!; q++) {
        flux.push(d.flux[q]!);
        err.push(d.err[q]!);
      }
      offsets.push(flux.length);
    }
    const direct = fitErrorModel(Int32Array.from(offsets), Float64Array.from(flux), Float64Array.from(err));
    expect(r.fit.scale).toBeCloseTo(direct.scale, 8);
    expect(r.fit.floor).toBeCloseTo(direct.floor, 6);
  });

  it("gives float32 input the same flags and fit as its float64 copy", () => {
    const d = simulate(new Random(14), 200, 10, 1.3, 30);
    const flux32 = Float32Array.from(d.flux);
    const err32 = Float32Array.from(d.err);
    const r32 = screenVariables(d.offsets, flux32, err32);
    const r64 = screenVariables(d.offsets, Float64Array.from(flux32), Float64Array.from(err32));
    expect(Array.from(r32.keep)).toEqual(Array.from(r64.keep));
    expect(r32.fit.scale).toBe(r64.fit.scale);
    expect(r32.fit.floor).toBe(r64.fit.floor);
    expect(r32.rounds).toBe(r64.rounds);
  });

  it("rejects maxRounds that is not an integer >= 1 and a fitFloor that is not a boolean", () => {
    const d = simulate(new Random(13), 10, 0, 1, 0);
    for (const maxRounds of [0, -1, 1.5, NaN, Infinity]) {
      expect(() => screenVariables(d.offsets, d.flux, d.err, { maxRounds })).toThrow(/maxRounds must be an integer >= 1/);
    }
    const fitFloor = "no" as unknown as boolean;
    expect(() => screenVariables(d.offsets, d.flux, d.err, { fitFloor })).toThrow(ArgumentError);
  });

  it("throws InsufficientDataError when too few light curves are left to fit", () => {
    const d = simulate(new Random(13), 1, 0, 1, 0);
    expect(() => screenVariables(d.offsets, d.flux, d.err)).toThrow(InsufficientDataError);
  });

  it("rejects a p-value outside (0, 1)", () => {
    const d = simulate(new Random(13), 10, 0, 1, 0);
    expect(() => screenVariables(d.offsets, d.flux, d.err, { pValue: 0 })).toThrow(ArgumentError);
    expect(() => screenVariables(d.offsets, d.flux, d.err, { pValue: 1.5 })).toThrow(/pValue must be in \(0, 1\)/);
  });
});

describe("screenVariablesOver (light curves held in pieces)", () => {
  it("gives screenVariables' result bit for bit when the data come in two pieces read lazily", () => {
    const d = simulate(new Random(77), 250, 12, 1.1, 40);
    const cut = 131; // light curves [0, cut) and [cut, end)
    const m = d.offsets.length - 1;
    const piece = (j0: number, j1: number) => {
      const start = d.offsets[j0]!;
      const end = d.offsets[j1]!;
      return { first: j0, offsets: Int32Array.from(d.offsets.subarray(j0, j1 + 1), (o) => o - start), flux: d.flux.subarray(start, end), err: d.err.subarray(start, end) };
    };
    const pieces = [piece(0, cut), piece(cut, m)];
    const data: ScreenData = {
      lightCurves: m,
      fit(keep, o) {
        const kept = pieces.map((p) => packLightCurves(p.offsets, p.flux, p.err, keep ? keep.subarray(p.first, p.first + p.offsets.length - 1) : new Uint8Array(p.offsets.length - 1).fill(1)));
        const { pass, usable } = errorModelPieces(kept);
        return fitErrorModelPasses(pass, usable, o, { caller: "fitErrorModel" });
      },
      modelChi2(s, a, visit) {
        for (const p of pieces) {
          const r = modelChi2(p.offsets, p.flux, p.err, s, a);
          visit(p.first, r.chi2, r.dof);
        }
      },
    };
    const whole = screenVariables(d.offsets, d.flux, d.err);
    const split = screenVariablesOver(data);
    expect(whole.variables).toBeGreaterThanOrEqual(10); // the sinusoids are found
    expect(whole.rounds).toBeGreaterThanOrEqual(2); // and the model refitted without them
    expect(split).toEqual(whole);
  });
});
