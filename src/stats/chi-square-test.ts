/**
 * Pearson's chi-square goodness-of-fit test on binned counts, with adjacent bins
 * merged until every expected count is large enough for the chi-square
 * approximation, and the expected counts of a fully specified continuous
 * distribution (N(0, 1) unless told otherwise), optionally truncated to the
 * histogram's range.
 */
import { ArgumentError, InsufficientDataError } from "../frame/errors.js";
import { chiSquareSf, normalCdf } from "./distributions.js";
import { truncatedCdf } from "./truncate.js";

/** Result of {@link chiSquareTest} and {@link binnedChiSquare}. */
export interface ChiSquareResult {
  /** Pearson's X² = Σ (O - E)² / E over the merged bins. */
  readonly stat: number;
  /** Degrees of freedom: bins - 1 - ddof. */
  readonly df: number;
  /** P(χ²_df >= stat). */
  readonly p: number;
  /** Number of bins after merging. */
  readonly bins: number;
}

/** Options of {@link chiSquareTest}. */
export interface ChiSquareOptions {
  /** Parameters estimated from the data, subtracted from the degrees of freedom (default 0). */
  readonly ddof?: number;
  /** Smallest expected count of a merged bin (default 5). */
  readonly minExpected?: number;
}

/** Options of {@link binnedChiSquare}. */
export interface BinnedChiSquareOptions extends ChiSquareOptions {
  /** CDF of the distribution (default: standard normal). */
  readonly cdf?: (x: number) => number;
}

/** Relative tolerance within which Σ observed must equal Σ expected (as scipy's chisquare). */
const SUM_TOLERANCE = 1e-8;

/**
 * Pearson's chi-square goodness-of-fit test. Adjacent bins are merged left to
 * right until each merged bin's expected count is at least `minExpected`
 * (default 5, Cochran's rule) and positive; a remainder below that joins the last
 * merged bin. Then X² = Σ (O - E)² / E, df = bins - 1 - ddof and p = P(χ²_df >= X²).
 * With `minExpected: 0` and no zero expected counts, this is
 * `scipy.stats.chisquare(observed, expected, ddof)`.
 *
 * Throws InsufficientDataError (an ArgumentError) when there are no bins or
 * fewer than ddof + 2 bins remain after merging (df < 1): too little data. Throws
 * ArgumentError when the arrays differ in length, hold NaN (saying how many) or
 * negative values, when Σ observed and Σ expected differ by more than 1e-8
 * relative (for counts within a range use {@link binnedChiSquare}, which
 * rescales), when every expected count is 0, and when ddof is not a non-negative
 * integer. O(bins).
 *
 * @example
 * chiSquareTest([16, 18, 16, 14, 12, 12], [16, 16, 16, 16, 16, 8], { minExpected: 0 });
 * // { stat: 3.5, df: 5, p: 0.6233876277495816, bins: 6 }  scipy.stats.chisquare: 3.5, 0.6233876277495822
 * chiSquareTest([3, 4, 10, 6, 1, 2], [2, 3, 10, 7, 2, 2]).bins; // 3: [3+4, 10, 6+1+2] against [5, 10, 11]
 */
export function chiSquareTest(observed: ArrayLike<number>, expected: ArrayLike<number>, options: ChiSquareOptions = {}): ChiSquareResult {
  const k = observed.length;
  if (k === 0) throw new InsufficientDataError("chiSquareTest: no bins; it needs observed and expected counts.");
  if (expected.length !== k) {
    throw new ArgumentError(`chiSquareTest: ${k} observed counts but ${expected.length} expected counts; give one expected count per bin.`);
  }
  const ddof = options.ddof ?? 0;
  if (!(Number.isInteger(ddof) && ddof >= 0)) throw new ArgumentError(`chiSquareTest: ddof must be a non-negative integer, got ${ddof}.`);
  const minExpected = options.minExpected ?? 5;
  if (!(minExpected >= 0 && minExpected < Infinity)) {
    throw new ArgumentError(`chiSquareTest: minExpected must be a finite number >= 0, got ${minExpected}.`);
  }
  const totalObserved = checkCounts(observed, "observed", "chiSquareTest");
  const totalExpected = checkCounts(expected, "expected", "chiSquareTest");
  if (!(Math.abs(totalObserved - totalExpected) <= SUM_TOLERANCE * Math.max(totalObserved, totalExpected))) {
    throw new ArgumentError(
      `chiSquareTest: the observed counts sum to ${totalObserved} but the expected counts to ${totalExpected}; ` +
        "scale the expected counts to the same total (binnedChiSquare does this for a histogram over a range).",
    );
  }
  if (!(totalExpected > 0)) throw new ArgumentError("chiSquareTest: every expected count is 0; there is nothing to compare.");

  // Close a bin once its expected count reaches minExpected; a closed bin is
  // added to X² only when the next one closes, so a remainder can still join it.
  let stat = 0;
  let bins = 0;
  let o = 0;
  let e = 0;
  let closedO = 0;
  let closedE = 0;
  for (let i = 0; i < k; i++) {
    o += observed[i]!;
    e += expected[i]!;
    if (e >= minExpected && e > 0) {
      if (bins > 0) stat += ((closedO - closedE) * (closedO - closedE)) / closedE;
      bins++;
      closedO = o;
      closedE = e;
      o = 0;
      e = 0;
    }
  }
  // bins >= 1 since the expected counts sum to more than 0.
  closedO += o;
  closedE += e;
  stat += ((closedO - closedE) * (closedO - closedE)) / closedE;
  const df = bins - 1 - ddof;
  if (df < 1) {
    throw new InsufficientDataError(
      `chiSquareTest: ${bins} bin${bins === 1 ? "" : "s"} left after merging to expected counts >= ${minExpected}, ` +
        `so df = ${bins} - 1 - ${ddof} = ${df}; use more data, wider bins or a smaller minExpected.`,
    );
  }
  return { stat, df, p: chiSquareSf(stat, df), bins };
}

/** Σ values, after checking there is no NaN or negative value. */
function checkCounts(values: ArrayLike<number>, what: string, caller: string): number {
  let nan = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== v) nan++;
    else if (v < 0) throw new ArgumentError(`${caller}: ${what} count ${i} is ${v}; counts must be >= 0.`);
    else sum += v;
  }
  if (nan > 0) throw new ArgumentError(`${caller}: ${nan} of ${values.length} ${what} counts are NaN; every bin needs a count.`);
  return sum;
}

/**
 * Expected counts of `total` draws in the bins [edges[k], edges[k+1]):
 * total · (cdf(edges[k+1]) - cdf(edges[k])), k = 0..edges.length - 2. Edges may be
 * ±Infinity (open-ended first and last bins). Throws ArgumentError for fewer than
 * two edges, NaN or non-increasing edges, or a negative or NaN total. O(bins).
 *
 * @example
 * expectedCounts([-Infinity, -1, 0, 1, Infinity], 1000);
 * // Float64Array [158.65525393145708, 341.34474606854286, 341.344746068543, 158.65525393145708]
 */
export function expectedCounts(edges: ArrayLike<number>, total: number, cdf: (x: number) => number = normalCdf): Float64Array {
  checkEdges(edges, "expectedCounts");
  if (!(total >= 0)) throw new ArgumentError(`expectedCounts: total must be a number >= 0, got ${total}.`);
  const out = new Float64Array(edges.length - 1);
  let previous = cdf(edges[0]!);
  for (let k = 0; k < out.length; k++) {
    const next = cdf(edges[k + 1]!);
    out[k] = total * (next - previous);
    previous = next;
  }
  return out;
}

function checkEdges(edges: ArrayLike<number>, caller: string): void {
  if (edges.length < 2) throw new ArgumentError(`${caller}: needs at least two bin edges, got ${edges.length}.`);
  for (let k = 0; k + 1 < edges.length; k++) {
    if (!(edges[k]! < edges[k + 1]!)) {
      throw new ArgumentError(`${caller}: bin edges must be increasing and not NaN, but edges[${k}] = ${edges[k]} and edges[${k + 1}] = ${edges[k + 1]}.`);
    }
  }
}

/**
 * Chi-square test of a histogram over [edges[0], edges[last]) against the
 * distribution truncated to that range ({@link truncatedCdf}): the expected
 * counts are scaled to the histogram's own total, so counts outside the range
 * (under/overflow) simply are not part of the test — how a pull histogram is
 * compared with N(0, 1) within [-3, 3]. Then {@link chiSquareTest} with the same
 * options (merging to `minExpected`, df = bins - 1 - ddof).
 *
 * Throws InsufficientDataError (an ArgumentError) when the counts sum to 0 (an
 * empty histogram) and, as chiSquareTest, when too few bins remain after
 * merging; ArgumentError when counts.length is not edges.length - 1, the edges
 * are not increasing, the distribution has no mass in the range, and for the
 * other inputs chiSquareTest rejects. O(bins).
 *
 * @example
 * binnedChiSquare([5, 30, 80, 77, 33, 5], [-3, -2, -1, 0, 1, 2, 3]);
 * // { stat: 0.18516766469712992, df: 3, p: 0.9799474632534099, bins: 4 }
 * // (the outer bins expect 4.94 < 5 each and are merged with their neighbours)
 */
export function binnedChiSquare(counts: ArrayLike<number>, edges: ArrayLike<number>, options: BinnedChiSquareOptions = {}): ChiSquareResult {
  checkEdges(edges, "binnedChiSquare");
  if (counts.length !== edges.length - 1) {
    throw new ArgumentError(`binnedChiSquare: ${counts.length} counts for ${edges.length} edges; a histogram has one count per bin, edges.length - 1.`);
  }
  const total = checkCounts(counts, "histogram", "binnedChiSquare");
  if (!(total > 0)) {
    throw new InsufficientDataError(`binnedChiSquare: the counts sum to ${total}; the histogram needs entries within [${edges[0]}, ${edges[edges.length - 1]}).`);
  }
  const within = truncatedCdf(options.cdf ?? normalCdf, edges[0]!, edges[edges.length - 1]!);
  return chiSquareTest(counts, expectedCounts(edges, total, within), options);
}
