import { describe, expect, it } from "vitest";
import { ArgumentError, InsufficientDataError } from "../../src/frame/errors.js";
import { type ErrorModelPass, type ErrorModelPiece, errorModelLogLikelihood, errorModelPieces, fitErrorModel, fitErrorModelPasses, type ErrorModelFit } from "../../src/stats/error-model.js";
import { Random } from "../../src/stats/random.js";
import { type SimulatedLightCurves, simulateLightCurves } from "./helpers/light-curves.js";
import { thrown } from "./helpers/thrown.js";

/**
 * Constant light curves as in src/rubin/sim-photometry.ts: means uniform in [-1000, 5000) nJy,
 * reported errors log-uniform in [50, 2000] nJy; each test adds the count, lengths and true variance.
 */
const SIM = { mean: [-1000, 5000], err: { lo: 50, hi: 2000, log: true } } as const;

const model = (s: number, a: number) => (e: number) => s * s * e * e + a * a;

function mean(x: readonly number[]): number {
  return x.reduce((p, q) => p + q, 0) / x.length;
}

function sd(x: readonly number[]): number {
  const m = mean(x);
  return Math.sqrt(x.reduce((p, q) => p + (q - m) ** 2, 0) / (x.length - 1));
}

/** REML closed form for a = 0: s² = Σ_j Σ_i (f_i - μ̂_j)²/e_i² / Σ_j (n_j - 1), μ̂ weighted by 1/e². */
function closedFormScale({ offsets, flux, err }: SimulatedLightCurves): { reml: number; ml: number } {
  let chi2 = 0;
  let n = 0;
  let m = 0;
  for (let j = 0; j + 1 < offsets.length; j++) {
    let W = 0;
    let Wf = 0;
    for (let i = offsets[j]!; i < offsets[j + 1]!; i++) {
      W += 1 / err[i]! ** 2;
      Wf += flux[i]! / err[i]! ** 2;
    }
    for (let i = offsets[j]!; i < offsets[j + 1]!; i++) chi2 += ((flux[i]! - Wf / W) / err[i]!) ** 2;
    n += offsets[j + 1]! - offsets[j]!;
    m++;
  }
  // ml: the naive estimate that plugs in the weighted mean (maximum likelihood).
  return { reml: Math.sqrt(chi2 / (n - m)), ml: Math.sqrt(chi2 / n) };
}

describe("errorModelLogLikelihood", () => {
  it("matches the matrix form of the restricted likelihood", () => {
    // numpy 2.4.6: -½[(n-1) log 2π + log|V| + log|XᵀV⁻¹X| + fᵀPf], P = V⁻¹ - V⁻¹X(XᵀV⁻¹X)⁻¹XᵀV⁻¹,
    // X = 1, V = diag(s²e² + a²), summed over the three light curves.
    const offsets = Int32Array.of(0, 4, 7, 12);
    const flux = Float64Array.of(1, 2.5, -1, 0.3, 7, 4, 5, -3, -2, -4.5, -1, 0);
    const err = Float64Array.of(0.5, 1, 2, 1, 1, 1.5, 0.7, 2, 1, 1, 0.5, 3);
    expect(errorModelLogLikelihood(offsets, flux, err, 1.3, 0.7)).toBeCloseTo(-19.269803689420996, 11);
    expect(errorModelLogLikelihood(offsets, flux, err, 0.8, 0)).toBeCloseTo(-23.999810398410503, 11);
    expect(errorModelLogLikelihood(offsets, flux, err, 2, 1.5)).toBeCloseTo(-21.327417740825076, 11);
  });

  it("ignores unusable points and light curves with fewer than 2 of them", () => {
    const offsets = Int32Array.of(0, 3, 6);
    const flux = Float64Array.of(10, 12, 11, 20, 23, 19);
    const err = Float64Array.of(1, 1, 2, 1, 2, 2);
    // numpy 2.4.6, matrix form as above.
    expect(errorModelLogLikelihood(offsets, flux, err, 1.5, 0.5)).toBeCloseTo(-8.999458817765898, 11);
    const dirtyOffsets = Int32Array.of(0, 5, 5, 6, 10, 12);
    const dirtyFlux = Float64Array.of(10, NaN, 12, 11, 99, 7, 20, 23, 19, Infinity, 3, 4);
    const dirtyErr = Float64Array.of(1, 1, 1, 2, 0, 1, 1, 2, 2, 1, 1, -1);
    expect(errorModelLogLikelihood(dirtyOffsets, dirtyFlux, dirtyErr, 1.5, 0.5)).toBe(errorModelLogLikelihood(offsets, flux, err, 1.5, 0.5));
    expect(errorModelLogLikelihood(Int32Array.of(0, 1), Float64Array.of(1), Float64Array.of(1), 1, 0)).toBe(0);
  });

  it("rejects a non-positive scale and a negative floor", () => {
    const offsets = Int32Array.of(0, 2);
    const xs = Float64Array.of(1, 2);
    expect(() => errorModelLogLikelihood(offsets, xs, xs, 0, 1)).toThrow(ArgumentError);
    expect(() => errorModelLogLikelihood(offsets, xs, xs, 1, -1)).toThrow(ArgumentError);
  });
});

describe("fitErrorModel", () => {
  it("recovers an injected scale and floor within 3 reported sigma", () => {
    const d = simulateLightCurves(401, { ...SIM, nLc: 400, length: [10, 40], variance: model(1.15, 110) });
    const fit = fitErrorModel(d.offsets, d.flux, d.err);
    expect(fit.converged).toBe(true);
    expect(fit.atBoundary).toBe(false);
    expect(fit.nLightCurves).toBe(400);
    expect(fit.nPoints).toBe(d.flux.length);
    expect(fit.iterations).toBeLessThan(20);
    expect(Math.abs(fit.scale - 1.15)).toBeLessThan(3 * fit.scaleErr);
    expect(Math.abs(fit.floor - 110)).toBeLessThan(3 * fit.floorErr);
    // Informative, not vacuous: errors of a few per cent.
    expect(fit.scaleErr / fit.scale).toBeLessThan(0.02);
    expect(fit.floorErr / fit.floor).toBeLessThan(0.05);
  });

  it("converges to the same fit from a warm start, in fewer iterations", () => {
    const d = simulateLightCurves(77, { ...SIM, nLc: 300, length: [10, 30], variance: model(1.2, 90) });
    const cold = fitErrorModel(d.offsets, d.flux, d.err);
    const warm = fitErrorModel(d.offsets, d.flux, d.err, { start: { scale: cold.scale * 1.01, floor: cold.floor * 0.98 } });
    expect(warm.converged).toBe(true);
    expect(warm.scale).toBeCloseTo(cold.scale, 8);
    expect(warm.floor).toBeCloseTo(cold.floor, 5);
    expect(warm.iterations).toBeLessThan(cold.iterations);
    // a start that makes no sense is ignored
    expect(fitErrorModel(d.offsets, d.flux, d.err, { start: { scale: NaN, floor: -1 } }).scale).toBeCloseTo(cold.scale, 8);
  });

  it("recovers an injected scale without a floor when the floor is fixed at 0", () => {
    const d = simulateLightCurves(402, { ...SIM, nLc: 400, length: [10, 40], variance: model(1.15, 0) });
    const fit = fitErrorModel(d.offsets, d.flux, d.err, { fitFloor: false });
    expect(fit.converged).toBe(true);
    expect(fit.floor).toBe(0);
    expect(fit.floorErr).toBe(0);
    expect(fit.atBoundary).toBe(false);
    expect(Math.abs(fit.scale - 1.15)).toBeLessThan(3 * fit.scaleErr);
    expect(fit.scaleErr / fit.scale).toBeLessThan(0.01);
  });

  it("equals the closed-form REML scale when the floor is fixed at 0", () => {
    // numpy 2.4.6: sqrt(15.418790849673202 / 7) for this hand case.
    const hand = fitErrorModel(Int32Array.of(0, 3, 6, 10), Float64Array.of(10, 13, 11, 20, 24, 19, 5, 3, 8, 4), Float64Array.of(1, 1, 2, 1, 2, 2, 1, 3, 1, 2), {
      fitFloor: false,
    });
    expect(hand.scale).toBeCloseTo(1.484144334994468, 12);
    // Information of s: 2 Σ(n - 1) / s².
    expect(hand.scaleErr).toBeCloseTo(1.484144334994468 / Math.sqrt(14), 12);

    const d = simulateLightCurves(403, { ...SIM, nLc: 60, length: [2, 9], variance: model(0.9, 0) });
    const fit = fitErrorModel(d.offsets, d.flux, d.err, { fitFloor: false, floor: 0 });
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.scale / closedFormScale(d).reml - 1)).toBeLessThan(1e-8);
  });

  it("reports uncertainties equal to the inverse curvature of the restricted likelihood", () => {
    const d = simulateLightCurves(404, { ...SIM, nLc: 200, length: [5, 20], variance: model(1.4, 200) });
    const fit = fitErrorModel(d.offsets, d.flux, d.err);
    const L = (s: number, a: number) => errorModelLogLikelihood(d.offsets, d.flux, d.err, s, a);
    const { scale: s, floor: a } = fit;
    const hs = 1e-4 * s;
    const ha = 1e-4 * a;
    const lss = (L(s + hs, a) - 2 * L(s, a) + L(s - hs, a)) / hs ** 2;
    const laa = (L(s, a + ha) - 2 * L(s, a) + L(s, a - ha)) / ha ** 2;
    const lsa = (L(s + hs, a + ha) - L(s + hs, a - ha) - L(s - hs, a + ha) + L(s - hs, a - ha)) / (4 * hs * ha);
    const det = lss * laa - lsa * lsa;
    expect(fit.scaleErr / Math.sqrt(-laa / det)).toBeCloseTo(1, 5);
    expect(fit.floorErr / Math.sqrt(-lss / det)).toBeCloseTo(1, 5);
    expect(fit.correlation).toBeCloseTo(lsa / Math.sqrt(lss * laa), 5);
    // ... at a maximum: the likelihood is flat there and equals the reported value.
    expect(fit.logLikelihood).toBe(L(s, a));
    expect((L(s + hs, a) - L(s - hs, a)) / (2 * hs)).toBeCloseTo(0, 2);
    expect((L(s, a + ha) - L(s, a - ha)) / (2 * ha)).toBeCloseTo(0, 4);
  });

  it("reports honest uncertainties and an unbiased scale for short light curves (3-5 points)", () => {
    const rng = new Random(405);
    const s: number[] = [];
    const sErr: number[] = [];
    const a: number[] = [];
    const aErr: number[] = [];
    for (let k = 0; k < 100; k++) {
      const d = simulateLightCurves(rng, { ...SIM, nLc: 150, length: [3, 5], variance: model(1.15, 110) });
      const fit = fitErrorModel(d.offsets, d.flux, d.err);
      expect(fit.converged).toBe(true);
      s.push(fit.scale);
      sErr.push(fit.scaleErr);
      a.push(fit.floor);
      aErr.push(fit.floorErr);
    }
    expect(sd(s) / mean(sErr)).toBeGreaterThan(0.75);
    expect(sd(s) / mean(sErr)).toBeLessThan(1.25);
    expect(sd(a) / mean(aErr)).toBeGreaterThan(0.75);
    expect(sd(a) / mean(aErr)).toBeLessThan(1.25);
    expect(Math.abs(mean(s) - 1.15)).toBeLessThan((3 * sd(s)) / Math.sqrt(s.length));
  });

  it("is unbiased where plugging in the weighted mean is biased low by (1 - 1/n)", () => {
    const rng = new Random(406);
    const reml: number[] = [];
    const remlErr: number[] = [];
    const ml: number[] = [];
    for (let k = 0; k < 100; k++) {
      const d = simulateLightCurves(rng, { ...SIM, nLc: 150, length: [3, 5], variance: model(1.15, 0) });
      const fit = fitErrorModel(d.offsets, d.flux, d.err, { fitFloor: false });
      reml.push(fit.scale);
      remlErr.push(fit.scaleErr);
      ml.push(closedFormScale(d).ml);
    }
    const se = (x: number[]) => sd(x) / Math.sqrt(x.length);
    expect(Math.abs(mean(reml) - 1.15)).toBeLessThan(3 * se(reml));
    expect(sd(reml) / mean(remlErr)).toBeGreaterThan(0.75);
    expect(sd(reml) / mean(remlErr)).toBeLessThan(1.25);
    // The same check catches the naive estimate: s·sqrt(1 - 1/n) ≈ 0.87 s for n = 4.
    expect(mean(ml) - 1.15).toBeLessThan(-10 * se(ml));
  });

  it("stops at the boundary a = 0 with a one-sided floor error when the scatter needs no floor", () => {
    // True variance 1.44 e² - 1800 nJy²: the unconstrained a² would be negative.
    const d = simulateLightCurves(407, { ...SIM, nLc: 400, length: [10, 40], variance: (e) => 1.44 * e * e - 1800 });
    const fit = fitErrorModel(d.offsets, d.flux, d.err);
    const scaleOnly = fitErrorModel(d.offsets, d.flux, d.err, { fitFloor: false });
    expect(fit.converged).toBe(true);
    expect(fit.atBoundary).toBe(true);
    expect(fit.floor).toBe(0);
    expect(fit.correlation).toBe(0);
    expect(fit.scale / scaleOnly.scale).toBeCloseTo(1, 9);
    // scaleErr is marginal over a² (s and a trade off), so wider than the scale-only (a fixed) error;
    // check it against a one-sided finite-difference Hessian of the likelihood in (s², a²).
    expect(fit.scaleErr).toBeGreaterThan(scaleOnly.scaleErr * 1.05);
    const al = fit.scale ** 2;
    const ll = (x: number, b: number) => errorModelLogLikelihood(d.offsets, d.flux, d.err, Math.sqrt(x), Math.sqrt(b));
    const ha = al * 1e-4;
    const hb = 100;
    const haa = (ll(al + ha, 0) - 2 * ll(al, 0) + ll(al - ha, 0)) / (ha * ha);
    const hbb = (ll(al, 2 * hb) - 2 * ll(al, hb) + ll(al, 0)) / (hb * hb);
    const hab = (ll(al + ha, hb) - ll(al - ha, hb) - ll(al + ha, 0) + ll(al - ha, 0)) / (2 * ha * hb);
    const marginal = Math.sqrt(-hbb / (haa * hbb - hab * hab)) / (2 * fit.scale);
    expect(fit.scaleErr / marginal).toBeCloseTo(1, 1);
    // floorErr: where the profile restricted likelihood has dropped by about ½.
    expect(fit.floorErr).toBeGreaterThan(0);
    const atErr = fitErrorModel(d.offsets, d.flux, d.err, { fitFloor: false, floor: fit.floorErr });
    const drop = fit.logLikelihood - atErr.logLikelihood;
    expect(drop).toBeGreaterThan(0.45);
    expect(drop).toBeLessThan(0.55);
  });

  it("skips unusable points and short light curves, and reads float32 input", () => {
    const d = simulateLightCurves(408, { ...SIM, nLc: 50, length: [3, 8], variance: model(1.2, 60) });
    const clean = fitErrorModel(d.offsets, d.flux, d.err);
    // Interleave junk: NaN/infinite flux, zero/negative/infinite errors, 1-point and empty light curves.
    const junkFlux = [NaN, 5, Infinity, 7, 8];
    const junkErr = [100, 0, 100, -3, Infinity];
    const offsets: number[] = [0];
    const flux: number[] = [];
    const err: number[] = [];
    for (let j = 0; j + 1 < d.offsets.length; j++) {
      for (let i = d.offsets[j]!; i < d.offsets[j + 1]!; i++) {
        flux.push(d.flux[i]!, junkFlux[i % 5]!);
        err.push(d.err[i]!, junkErr[i % 5]!);
      }
      offsets.push(flux.length);
      flux.push(d.flux[j]!);
      err.push(50);
      offsets.push(flux.length, flux.length);
    }
    const dirty = fitErrorModel(Int32Array.from(offsets), Float64Array.from(flux), Float64Array.from(err));
    expect(dirty).toEqual(clean);

    const f32 = Float32Array.from(d.flux);
    const e32 = Float32Array.from(d.err);
    expect(fitErrorModel(d.offsets, f32, e32)).toEqual(fitErrorModel(d.offsets, Float64Array.from(f32), Float64Array.from(e32)));
  });

  it("returns converged: false instead of throwing when the iterations run out", () => {
    const d = simulateLightCurves(409, { ...SIM, nLc: 100, length: [10, 20], variance: model(1.3, 150) });
    const fit: ErrorModelFit = fitErrorModel(d.offsets, d.flux, d.err, { maxIterations: 1 });
    expect(fit.converged).toBe(false);
    expect(fit.iterations).toBe(1);
    expect(Number.isFinite(fit.scale)).toBe(true);
  });

  it("returns converged: false when scale and floor are not separately identifiable", () => {
    // All errors equal: only s²e² + a² is determined, the information matrix is singular.
    const offsets = Int32Array.of(0, 4, 7, 12);
    const flux = Float64Array.of(1, 2.5, -1, 0.3, 7, 4, 5, -3, -2, -4.5, -1, 0);
    const fit = fitErrorModel(offsets, flux, new Float64Array(12).fill(1));
    expect(fit.converged).toBe(false);
  });

  it("throws ArgumentError for too few light curves or points", () => {
    const two = Int32Array.of(0, 1, 2);
    const xs = Float64Array.of(1, 2);
    expect(() => fitErrorModel(two, xs, xs)).toThrow(/at least 2 light curves with >= 2 usable points.*got 0 of 2/);
    const nan = new Float64Array(6).fill(NaN);
    expect(() => fitErrorModel(Int32Array.of(0, 3, 6), nan, Float64Array.of(1, 1, 1, 1, 1, 1))).toThrow(ArgumentError);
    expect(() => fitErrorModel(Int32Array.of(0, 3), Float64Array.of(1, 2, 3), Float64Array.of(1, 1, 1))).toThrow(/got 1 of 1/);
    // 2 light curves of 2 points: 2 residual degrees of freedom, 3 needed for scale and floor.
    const four = Float64Array.of(1, 2, 3, 5);
    expect(() => fitErrorModel(Int32Array.of(0, 2, 4), four, four)).toThrow(/at least 3 residual degrees of freedom.*got 2 \(4 points in 2 light curves\)/);
    expect(fitErrorModel(Int32Array.of(0, 2, 4), four, four, { fitFloor: false }).nPoints).toBe(4);
  });

  it("throws InsufficientDataError for too few light curves or residual degrees of freedom", () => {
    const xs = Float64Array.of(1, 2);
    expect(() => fitErrorModel(Int32Array.of(0, 1, 2), xs, xs)).toThrow(InsufficientDataError);
    expect(() => fitErrorModel(Int32Array.of(0, 3), Float64Array.of(1, 2, 3), Float64Array.of(1, 1, 1))).toThrow(InsufficientDataError);
    // All-NaN flux leaves no usable light curve: too little data, not a bad argument.
    expect(() => fitErrorModel(Int32Array.of(0, 3, 6), new Float64Array(6).fill(NaN), new Float64Array(6).fill(1))).toThrow(InsufficientDataError);
    const four = Float64Array.of(1, 2, 3, 5);
    expect(() => fitErrorModel(Int32Array.of(0, 2, 4), four, four)).toThrow(InsufficientDataError);
  });

  it("throws plain ArgumentError, not InsufficientDataError, for bad options and malformed input", () => {
    const offsets = Int32Array.of(0, 3, 6);
    const xs = Float64Array.of(1, 2, 3, 4, 5, 7);
    const bad = [
      () => fitErrorModel(offsets, xs, xs.subarray(1)),
      () => fitErrorModel(Int32Array.of(0, 4, 3), xs, xs),
      () => fitErrorModel(offsets, xs, xs, { maxIterations: 0 }),
      () => fitErrorModel(offsets, xs, xs, { fitFloor: false, floor: NaN }),
    ];
    for (const f of bad) {
      const e = thrown(f);
      expect(e).toBeInstanceOf(ArgumentError);
      expect(e).not.toBeInstanceOf(InsufficientDataError);
    }
  });

  it("throws ArgumentError for inconsistent input and options", () => {
    const offsets = Int32Array.of(0, 3, 6);
    const xs = Float64Array.of(1, 2, 3, 4, 5, 7);
    expect(() => fitErrorModel(offsets, xs, xs.subarray(1))).toThrow(ArgumentError);
    expect(() => fitErrorModel(Int32Array.of(0, 4, 3), xs, xs)).toThrow(/non-decreasing/);
    expect(() => fitErrorModel(Int32Array.of(0, 3, 7), xs, xs)).toThrow(ArgumentError);
    expect(() => fitErrorModel(offsets, xs, xs, { floor: 10 })).toThrow(/fitFloor: false/);
    expect(() => fitErrorModel(offsets, xs, xs, { fitFloor: false, floor: -1 })).toThrow(ArgumentError);
    expect(() => fitErrorModel(offsets, xs, xs, { maxIterations: 0 })).toThrow(ArgumentError);
  });
});

/** `d`'s light curves cut into pieces at the given light-curve boundaries, each with offsets from 0. */
function pieces(d: SimulatedLightCurves, cuts: readonly number[]): ErrorModelPiece[] {
  const bounds = [0, ...cuts, d.offsets.length - 1];
  const out: ErrorModelPiece[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const [j0, j1] = [bounds[k]!, bounds[k + 1]!];
    const start = d.offsets[j0]!;
    const offsets = Int32Array.from(d.offsets.subarray(j0, j1 + 1), (o) => o - start);
    out.push({ offsets, flux: d.flux.subarray(start, d.offsets[j1]!), err: d.err.subarray(start, d.offsets[j1]!) });
  }
  return out;
}

describe("fitErrorModelPasses (data held in pieces, e.g. one per partition)", () => {
  const d = simulateLightCurves(402, { ...SIM, nLc: 300, length: [5, 30], variance: model(1.1, 90) });

  for (const fitFloor of [true, false]) {
    it(`gives fitErrorModel's fit on the concatenated light curves bit for bit (fitFloor ${fitFloor}): the pieces continue one set of sums`, () => {
      const whole = fitErrorModel(d.offsets, d.flux, d.err, { fitFloor });
      const { pass, usable } = errorModelPieces(pieces(d, [70, 71, 200]));
      const split = fitErrorModelPasses(pass, usable, { fitFloor });
      expect(split.converged).toBe(true);
      expect(split).toEqual(whole);
    });
  }

  it("needs only the pass: a pass that sums the pieces itself gives the same fit", () => {
    const ps = pieces(d, [150]);
    const { pass, usable } = errorModelPieces(ps);
    const calls: number[] = [];
    const counting: ErrorModelPass = (alpha, beta, order, out) => {
      calls.push(order);
      pass(alpha, beta, order, out);
    };
    const a = fitErrorModelPasses(counting, usable);
    const b = fitErrorModelPasses(pass, usable);
    expect(a).toEqual(b);
    // one start pass (order 0) and at least one pass per iteration, each over both pieces
    expect(calls[0]).toBe(0);
    expect(calls.length).toBeGreaterThanOrEqual(a.iterations + 1);
  });

  it("adds the pieces' usable counts, and an empty piece changes nothing", () => {
    const ps = pieces(d, [10, 10, 299]);
    expect(ps[1]!.flux.length).toBe(0);
    const { usable } = errorModelPieces(ps);
    expect(usable.nLightCurves).toBe(300);
    expect(usable.nPoints).toBe(d.flux.length);
  });

  it("throws as fitErrorModel does, naming the piece with a malformed layout", () => {
    const bad = { offsets: Int32Array.of(0, 5), flux: Float64Array.of(1, 2), err: Float64Array.of(1, 1) };
    expect(() => errorModelPieces([pieces(d, [])[0]!, bad])).toThrow(/errorModelPieces \(piece 1\)/);
    const one = errorModelPieces([{ offsets: Int32Array.of(0, 3), flux: Float64Array.of(1, 2, 3), err: Float64Array.of(1, 1, 1) }]);
    expect(() => fitErrorModelPasses(one.pass, one.usable)).toThrow(InsufficientDataError);
    expect(() => fitErrorModelPasses(one.pass, one.usable, { maxIterations: 0 })).toThrow(/fitErrorModelPasses: maxIterations/);
  });

  it("words too little data as the caller named in the context would", () => {
    const one = errorModelPieces([{ offsets: Int32Array.of(0, 3), flux: Float64Array.of(1, 2, 3), err: Float64Array.of(1, 1, 1) }]);
    const direct = () => fitErrorModel(Int32Array.of(0, 3), Float64Array.of(1, 2, 3), Float64Array.of(1, 1, 1));
    expect(direct).toThrow("fitErrorModel needs at least 2 light curves with >= 2 usable points (finite flux, 0 < err < Infinity); got 1 of 1.");
    expect(() => fitErrorModelPasses(one.pass, one.usable, {}, { caller: "fitErrorModel", lightCurves: 1 })).toThrow(
      "fitErrorModel needs at least 2 light curves with >= 2 usable points (finite flux, 0 < err < Infinity); got 1 of 1.",
    );
  });

  it("reads a lazy iterable of pieces once to check and once per pass", () => {
    const ps = pieces(d, [100, 200]);
    let reads = 0;
    const lazy = { *[Symbol.iterator]() { for (const p of ps) { reads++; yield p; } } };
    const { pass, usable } = errorModelPieces(lazy);
    expect(reads).toBe(3);
    const fit = fitErrorModelPasses(pass, usable);
    expect(fit).toEqual(fitErrorModel(d.offsets, d.flux, d.err));
    expect(reads % 3).toBe(0);
  });
});
