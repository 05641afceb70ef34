/**
 * The statistics of one group of light curves (a band, or a band x field x
 * magnitude bin): pulls three ways, the recipe's histogram, normality tests,
 * and the error-model fit. Inputs are contiguous light curves with rebased
 * offsets (offsets[0] = 0) whose rows all passed the cuts.
 */
import type { NumericArray } from "../frame/column.js";
import { InsufficientDataError } from "../frame/errors.js";
import { andersonDarling } from "../stats/anderson-darling.js";
import { type BinSpec, bins } from "../stats/bin-spec.js";
import { type ChiSquareResult, binnedChiSquare } from "../stats/chi-square-test.js";
import { chiSquareSf, normalCdf } from "../stats/distributions.js";
import { type ErrorModelFit, fitErrorModel } from "../stats/error-model.js";
import { Histogram, type HistogramJSON } from "../stats/histogram.js";
import { jarqueBera } from "../stats/jarque-bera.js";
import { ksTest } from "../stats/ks-test.js";
import { Moments } from "../stats/moments.js";
import { correctedPulls, naivePulls } from "../stats/pulls.js";
import { madSigma } from "../stats/robust-sigma.js";
import { truncatedCdf } from "../stats/truncate.js";
import { weightedMeans } from "../stats/weighted-mean.js";
import { whitenedResiduals } from "../stats/whiten.js";

/** A test statistic and its p-value (NaN when the test could not run). */
export interface TestResult {
  readonly stat: number;
  readonly p: number;
}

/** Everything the validation reports for one group (the JSON fields of the issue, plus a few). */
export interface GroupStatistics {
  /** Light curves in the group; each object has at most one per band, so this is also its object count. */
  readonly nObjects: number;
  readonly nPoints: number;
  /** Naive pulls (f - wmean)/e: the recipe's definition; biased narrow for short light curves. */
  readonly pullMean: number;
  readonly pullStd: number;
  /** 1.4826 MAD of the naive pulls: the width without the tails. */
  readonly pullMadSigma: number;
  /** Corrected pulls (f - wmean)/sqrt(e^2 - 1/W): unit variance for correct errors whatever the length. */
  readonly pullStdCorrected: number;
  /** Whitened residuals: n-1 independent N(0,1) values per light curve for correct errors. */
  readonly whitenedMean: number;
  readonly whitenedStd: number;
  readonly nWhitened: number;
  /**
   * Pooled reduced chi-square with the reported errors, Σχ² / Σ(n - 1) over the light curves:
   * its expectation is exactly 1 for correct errors (a median of χ²/(n-1) would sit below 1,
   * e.g. 0.93 for 10 points).
   */
  readonly reducedChi2: number;
  /** Error model sqrt((s e)^2 + a^2) fitted by restricted maximum likelihood. */
  readonly errorScale: number;
  readonly errorScaleErr: number;
  readonly floor: number;
  /** One-sided (an upper 1-sigma excursion) when the floor sits at its bound 0. */
  readonly floorErr: number;
  readonly floorAtBoundary: boolean;
  /**
   * Is there a floor at all? Likelihood-ratio test of a = 0 against a >= 0:
   * stat = 2(ℓ_best − ℓ_{a=0}), p from the boundary mixture ½χ²₀ + ½χ²₁
   * (Self & Liang 1987). Trust this p, not floor/floorErr, for a detection:
   * near a = 0 the Fisher error is too small.
   */
  readonly floorTest: TestResult;
  readonly fitConverged: boolean;
  /** Tests of the whitened residuals inside `range` against N(0,1) truncated to it. */
  readonly ks: TestResult;
  readonly ad: TestResult;
  readonly chi2: ChiSquareResult;
  /** Jarque-Bera of all whitened residuals (skewness and kurtosis). */
  readonly jb: TestResult;
  /** The recipe's own comparison: naive pulls inside `range` against truncated N(0,1), binned. Expect rejection for short light curves even with correct errors. */
  readonly naiveChi2: ChiSquareResult;
  /** Histogram of the naive pulls over the requested bins. */
  readonly histogram: HistogramJSON;
  /** Why some numbers are NaN (too few light curves, no points in range, ...). */
  readonly notes: readonly string[];
}

export interface GroupOptions {
  readonly bins: BinSpec;
  readonly range: readonly [number, number];
  readonly fitFloor: boolean;
  /** The error model of exactly these light curves when already fitted (by the variability screen). */
  readonly fit?: ErrorModelFit | undefined;
}

const NO_TEST: TestResult = { stat: NaN, p: NaN };
const NO_CHI2: ChiSquareResult = { stat: NaN, df: NaN, p: NaN, bins: 0 };

/** Values of `x` inside [lo, hi]. */
function inRange(x: Float64Array, lo: number, hi: number): Float64Array {
  let n = 0;
  for (let i = 0; i < x.length; i++) if (x[i]! >= lo && x[i]! <= hi) n++;
  const out = new Float64Array(n);
  n = 0;
  for (let i = 0; i < x.length; i++) if (x[i]! >= lo && x[i]! <= hi) out[n++] = x[i]!;
  return out;
}

/** Σ pull² / Σ (n - 1): every light curve here has >= 2 points and no NaN pull. */
function pooledReducedChi2(pulls: Float64Array, nPoints: number, nLightCurves: number): number {
  let chi2 = 0;
  for (let r = 0; r < pulls.length; r++) chi2 += pulls[r]! * pulls[r]!;
  return nPoints > nLightCurves ? chi2 / (nPoints - nLightCurves) : NaN;
}

/** Likelihood-ratio test of no floor (a = 0) against the fitted floor; see GroupStatistics.floorTest. */
function floorLikelihoodRatio(offsets: Int32Array, flux: NumericArray, err: NumericArray, fit: ErrorModelFit): TestResult {
  if (fit.atBoundary || fit.floor === 0) return { stat: 0, p: 1 };
  const none = fitErrorModel(offsets, flux, err, { fitFloor: false, floor: 0, start: { scale: fit.scale, floor: 0 } });
  const stat = Math.max(0, 2 * (fit.logLikelihood - none.logLikelihood));
  return { stat, p: 0.5 * chiSquareSf(stat, 1) };
}

/** A test that needs more data than there is gives NaN and a note; any other error (bad input) still stops the run. */
function attempt<T>(what: string, notes: string[], fallback: T, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (!(e instanceof InsufficientDataError)) throw e;
    notes.push(`${what}: ${e.message}`);
    return fallback;
  }
}

/** Binned chi-square of `values` in [lo, hi) with bins of `width`, against N(0,1) truncated to the range. */
function rangeChi2(values: Float64Array, range: readonly [number, number], width: number): ChiSquareResult {
  const h = new Histogram(bins(range[0], range[1], width));
  h.addAll(values);
  return binnedChiSquare(h.counts, h.edges());
}

/**
 * Statistics of one group of light curves (offsets from 0, every row usable).
 *
 * @example
 * const s = groupStatistics(Int32Array.of(0, 3, 6), Float64Array.of(10, 12, 9, 5, 4, 6), Float64Array.of(1, 1, 1, 1, 1, 1), {
 *   bins: bins(-10, 10, 0.1), range: [-3, 3], fitFloor: false,
 * });
 * s.nPoints; // 6
 */
export function groupStatistics(offsets: Int32Array, flux: NumericArray, err: NumericArray, o: GroupOptions): GroupStatistics {
  const notes: string[] = [];
  const nObjects = offsets.length - 1;
  const nPoints = offsets[nObjects]! - offsets[0]!;
  const { mean } = weightedMeans(offsets, flux, err);
  const pulls = naivePulls(offsets, flux, err, mean);
  const corrected = correctedPulls(offsets, flux, err, mean);
  const whitened = whitenedResiduals(offsets, flux, err).values;

  const histogram = new Histogram(o.bins);
  histogram.addAll(pulls);
  const naive = new Moments();
  naive.addAll(pulls);
  const corr = new Moments();
  corr.addAll(corrected);
  const white = new Moments();
  white.addAll(whitened);

  const [lo, hi] = o.range;
  const tested = inRange(whitened, lo, hi).sort(); // sorted once for both KS and AD
  const cdf = truncatedCdf(normalCdf, lo, hi);
  // Chi-square bins over the range, as close to the histogram's width as divides it exactly.
  const span = o.range[1] - o.range[0];
  const width = span / Math.max(1, Math.round(span / o.bins.width));
  const ks = tested.length === 0 ? NO_TEST : attempt("KS", notes, NO_TEST, () => ksTest(tested, cdf, { sorted: true }));
  const ad = tested.length === 0 ? NO_TEST : attempt("Anderson-Darling", notes, NO_TEST, () => andersonDarling(tested, cdf, { sorted: true }));
  const chi2 = tested.length === 0 ? NO_CHI2 : attempt("chi-square", notes, NO_CHI2, () => rangeChi2(tested, o.range, width));
  const naiveChi2 = nPoints === 0 ? NO_CHI2 : attempt("chi-square of naive pulls", notes, NO_CHI2, () => rangeChi2(pulls, o.range, width));
  // Jarque-Bera needs a spread: (nearly) equal residuals, e.g. identical fluxes, have no finite skewness or kurtosis.
  const jbReady = white.n >= 3 && Number.isFinite(white.skewness) && Number.isFinite(white.kurtosis);
  if (white.n >= 3 && !jbReady) notes.push("whitened residuals have no spread: Jarque-Bera skipped");
  const jb = !jbReady ? NO_TEST : attempt("Jarque-Bera", notes, NO_TEST, () => jarqueBera({ n: white.n, skewness: white.skewness, kurtosis: white.kurtosis }));
  if (tested.length === 0) notes.push(`no whitened residual inside [${lo}, ${hi}]: normality tests skipped`);

  const fit = o.fit ?? attempt("error-model fit", notes, undefined, () => fitErrorModel(offsets, flux, err, { fitFloor: o.fitFloor }));
  if (fit && !fit.converged) notes.push("error-model fit did not converge");
  const floorTest = fit && o.fitFloor ? floorLikelihoodRatio(offsets, flux, err, fit) : NO_TEST;
  return {
    nObjects,
    nPoints,
    pullMean: naive.mean,
    pullStd: naive.std,
    pullMadSigma: madSigma(pulls),
    pullStdCorrected: corr.std,
    whitenedMean: white.mean,
    whitenedStd: white.std,
    nWhitened: white.n,
    reducedChi2: pooledReducedChi2(pulls, nPoints, nObjects),
    errorScale: fit?.scale ?? NaN,
    errorScaleErr: fit?.scaleErr ?? NaN,
    floor: fit?.floor ?? NaN,
    floorErr: fit?.floorErr ?? NaN,
    floorAtBoundary: fit?.atBoundary ?? false,
    floorTest,
    fitConverged: fit?.converged ?? false,
    ks: { stat: ks.stat, p: ks.p },
    ad: { stat: ad.stat, p: ad.p },
    chi2,
    jb: { stat: jb.stat, p: jb.p },
    naiveChi2,
    histogram: histogram.toJSON(),
    notes,
  };
}
