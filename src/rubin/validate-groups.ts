/**
 * The statistics of one group of light curves (a band, or a band x field x
 * magnitude bin): pulls three ways, the recipe's histogram, normality tests,
 * and the error-model fit. Inputs are contiguous light curves with rebased
 * offsets (offsets[0] = 0) whose rows all passed the cuts.
 */
import type { NumericArray } from "../frame/column.js";
import { InsufficientDataError } from "../frame/errors.js";
import { tmpdir } from "node:os";
import { andersonDarlingSf, andersonDarlingStatistic } from "../stats/anderson-darling.js";
import { type BinSpec, bins } from "../stats/bin-spec.js";
import { type ChiSquareResult, binnedChiSquare } from "../stats/chi-square-test.js";
import { chiSquareSf, normalCdf } from "../stats/distributions.js";
import { type ErrorModelFit, type ErrorModelOptions, fitErrorModel } from "../stats/error-model.js";
import { ExternalSorter } from "../stats/external-sort.js";
import { Histogram, type HistogramJSON } from "../stats/histogram.js";
import { jarqueBera } from "../stats/jarque-bera.js";
import { kolmogorovSf, ksStatistic } from "../stats/ks-test.js";
import { Moments } from "../stats/moments.js";
import { correctedPulls, naivePulls } from "../stats/pulls.js";
import { withoutNaN } from "../stats/quantile.js";
import { madSigma, madSigmaSorted } from "../stats/robust-sigma.js";
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

/** A fit of the group's error model with the given options (fitErrorModel on the group, or the same over passes). */
export type GroupFitter = (options: ErrorModelOptions) => ErrorModelFit;

/** Likelihood-ratio test of no floor (a = 0) against the fitted floor; see GroupStatistics.floorTest. */
function floorLikelihoodRatio(fitGroup: GroupFitter, fit: ErrorModelFit): TestResult {
  if (fit.atBoundary || fit.floor === 0) return { stat: 0, p: 1 };
  const none = fitGroup({ fitFloor: false, floor: 0, start: { scale: fit.scale, floor: 0 } });
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

/** Where a group's samples are sorted: a folder for runs, and the values held in memory before a run is written. */
export interface GroupSortOptions {
  readonly dir: string;
  readonly budget: number;
}

/**
 * The statistics of one group accumulated from its light curves given in
 * pieces (e.g. a catalog's partitions, in order): pulls, moments, histograms
 * and the pooled chi-square are running sums, and the two samples that need
 * an order (whitened residuals inside the range, for KS and AD; naive pulls,
 * for their MAD) go to external sorters. Pieces added in order give exactly
 * what {@link groupStatistics} gives on their concatenation.
 *
 * @example
 * const acc = new GroupAccumulator({ bins: bins(-10, 10, 0.1), range: [-3, 3], fitFloor: false });
 * acc.add(Int32Array.of(0, 3), Float64Array.of(10, 12, 9), Float64Array.of(1, 1, 1));
 * acc.add(Int32Array.of(0, 3), Float64Array.of(5, 4, 6), Float64Array.of(1, 1, 1));
 * const s = acc.finish((o) => fitErrorModel(Int32Array.of(0, 3, 6), Float64Array.of(10, 12, 9, 5, 4, 6), Float64Array.of(1, 1, 1, 1, 1, 1), o));
 * s.nPoints; // 6
 */
export class GroupAccumulator {
  private nObjects = 0;
  private nPoints = 0;
  private chi2 = 0;
  private readonly histogram: Histogram;
  private readonly naive = new Moments();
  private readonly corr = new Moments();
  private readonly white = new Moments();
  private readonly testedCounts: Histogram;
  private readonly naiveCounts: Histogram;
  private readonly tested: ExternalSorter;
  private readonly pulls: ExternalSorter;

  constructor(
    private readonly o: GroupOptions,
    sort: GroupSortOptions = { dir: tmpdir(), budget: Number.MAX_SAFE_INTEGER },
  ) {
    this.histogram = new Histogram(o.bins);
    // Chi-square bins over the range, as close to the histogram's width as divides it exactly.
    const span = o.range[1] - o.range[0];
    const width = span / Math.max(1, Math.round(span / o.bins.width));
    this.testedCounts = new Histogram(bins(o.range[0], o.range[1], width));
    this.naiveCounts = new Histogram(bins(o.range[0], o.range[1], width));
    this.tested = new ExternalSorter(sort);
    this.pulls = new ExternalSorter(sort);
  }

  /**
   * Add whole light curves (offsets from 0 into `flux` and `err`, every row usable).
   *
   * @example
   * const acc = new GroupAccumulator({ bins: bins(-10, 10, 0.1), range: [-3, 3], fitFloor: false });
   * acc.add(Int32Array.of(0, 2), Float64Array.of(1, 3), Float64Array.of(1, 1)); // pulls -1, 1
   */
  add(offsets: Int32Array, flux: NumericArray, err: NumericArray): void {
    const m = offsets.length - 1;
    this.nObjects += m;
    this.nPoints += offsets[m]! - offsets[0]!;
    const { mean } = weightedMeans(offsets, flux, err);
    const pulls = naivePulls(offsets, flux, err, mean);
    const corrected = correctedPulls(offsets, flux, err, mean);
    const whitened = whitenedResiduals(offsets, flux, err).values;
    this.histogram.addAll(pulls);
    this.naive.addAll(pulls);
    this.corr.addAll(corrected);
    this.white.addAll(whitened);
    for (let r = 0; r < pulls.length; r++) this.chi2 += pulls[r]! * pulls[r]!;
    const inside = inRange(whitened, this.o.range[0], this.o.range[1]);
    this.testedCounts.addAll(inside);
    this.naiveCounts.addAll(pulls);
    this.tested.push(inside);
    // Usable rows have a pull; a light curve without a usable mean would give NaN, which has no place in the order.
    let nan = false;
    for (let r = 0; r < pulls.length && !nan; r++) nan = pulls[r] !== pulls[r];
    this.pulls.push(nan ? withoutNaN(pulls) : pulls);
  }

  /**
   * The group's statistics: the order statistics from the sorted samples, the
   * error model from `o.fit` or `fitGroup` (and the floor test from `fitGroup`).
   * Deletes the sorters' files; the accumulator is spent.
   */
  finish(fitGroup: GroupFitter): GroupStatistics {
    const o = this.o;
    const notes: string[] = [];
    const { naive, corr, white, nObjects, nPoints } = this;
    const [lo, hi] = o.range;
    const cdf = truncatedCdf(normalCdf, lo, hi);
    const tested = this.tested.finish();
    let pullMadSigma: number;
    let ks = NO_TEST;
    let ad = NO_TEST;
    try {
      const n = tested.length;
      if (n > 0) ks = attempt("KS", notes, NO_TEST, () => { const stat = ksStatistic(tested, cdf); return { stat, p: kolmogorovSf(stat, n) }; });
      if (n > 0) ad = attempt("Anderson-Darling", notes, NO_TEST, () => { const stat = andersonDarlingStatistic(tested, cdf); return { stat, p: andersonDarlingSf(stat, n) }; });
    } finally {
      tested.close();
    }
    // In memory, the median and MAD by selection (no sort); on disk, from the sorted file: the same value.
    const held = this.pulls.heldValues();
    if (held) pullMadSigma = madSigma(held);
    else {
      const pulls = this.pulls.finish();
      try {
        pullMadSigma = madSigmaSorted(pulls);
      } finally {
        pulls.close();
      }
    }
    const chi2 = tested.length === 0 ? NO_CHI2 : attempt("chi-square", notes, NO_CHI2, () => binnedChiSquare(this.testedCounts.counts, this.testedCounts.edges()));
    const naiveChi2 = nPoints === 0 ? NO_CHI2 : attempt("chi-square of naive pulls", notes, NO_CHI2, () => binnedChiSquare(this.naiveCounts.counts, this.naiveCounts.edges()));
    // Jarque-Bera needs a spread: (nearly) equal residuals, e.g. identical fluxes, have no finite skewness or kurtosis.
    const jbReady = white.n >= 3 && Number.isFinite(white.skewness) && Number.isFinite(white.kurtosis);
    if (white.n >= 3 && !jbReady) notes.push("whitened residuals have no spread: Jarque-Bera skipped");
    const jb = !jbReady ? NO_TEST : attempt("Jarque-Bera", notes, NO_TEST, () => jarqueBera({ n: white.n, skewness: white.skewness, kurtosis: white.kurtosis }));
    if (tested.length === 0) notes.push(`no whitened residual inside [${lo}, ${hi}]: normality tests skipped`);

    const fit = o.fit ?? attempt("error-model fit", notes, undefined, () => fitGroup({ fitFloor: o.fitFloor }));
    if (fit && !fit.converged) notes.push("error-model fit did not converge");
    const floorTest = fit && o.fitFloor ? floorLikelihoodRatio(fitGroup, fit) : NO_TEST;
    return {
      nObjects,
      nPoints,
      pullMean: naive.mean,
      pullStd: naive.std,
      pullMadSigma,
      pullStdCorrected: corr.std,
      whitenedMean: white.mean,
      whitenedStd: white.std,
      nWhitened: white.n,
      // Σ pull² / Σ (n - 1): every light curve here has >= 2 points and no NaN pull.
      reducedChi2: nPoints > nObjects ? this.chi2 / (nPoints - nObjects) : NaN,
      errorScale: fit?.scale ?? NaN,
      errorScaleErr: fit?.scaleErr ?? NaN,
      floor: fit?.floor ?? NaN,
      floorErr: fit?.floorErr ?? NaN,
      floorAtBoundary: fit?.atBoundary ?? false,
      floorTest,
      fitConverged: fit?.converged ?? false,
      ks,
      ad,
      chi2,
      jb: { stat: jb.stat, p: jb.p },
      naiveChi2,
      histogram: this.histogram.toJSON(),
      notes,
    };
  }
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
  const acc = new GroupAccumulator(o);
  acc.add(offsets, flux, err);
  return acc.finish((options) => fitErrorModel(offsets, flux, err, options));
}
