/**
 * A mergeable histogram over uniform bins, for distributions (pulls, whitened
 * residuals) accumulated across partitions, worker threads and shards.
 */
import { ArgumentError } from "../frame/errors.js";
import { type BinSpec, bins, formatBinSpec, sameBins } from "./bin-spec.js";
import { isNumber, isTally, readJsonObject } from "./json-fields.js";

// Re-exported so that a histogram's bins can be made from the same import.
export { type BinSpec, bins } from "./bin-spec.js";

/** The serialised form of a {@link Histogram}: plain JSON numbers, exact on a round trip. */
export interface HistogramJSON {
  readonly lo: number;
  readonly hi: number;
  readonly width: number;
  /** `count + 1` values `lo + k·width`; redundant with lo/width, checked on read. */
  readonly edges: number[];
  readonly counts: number[];
  readonly underflow: number;
  readonly overflow: number;
  readonly nonFinite: number;
}

/**
 * Counts over the half-open uniform bins of a {@link BinSpec}. The bin of x is
 * exactly `Math.floor((x - lo) / width)` in float64 (the same expression as the
 * SQL oracle's `floor((x - lo) / width)`, bin for bin, so no edge search);
 * an index below 0 counts in `underflow`, at or above `count` in `overflow`
 * (so x = hi overflows, and so may an x a rounding error below hi), and NaN,
 * +Infinity and -Infinity count in `nonFinite`, not in under/overflow: an
 * infinite pull is a data problem (a zero error), not a tail.
 *
 * Counts are float64, exact integers up to 2^53; merging adds them, so the
 * result does not depend on how the data were split or in which order the
 * pieces are merged.
 *
 * @example
 * const h = new Histogram(bins(0, 2, 0.5));
 * h.addAll(Float64Array.of(0, 0.49, 0.5, 1.9, 2, -1, NaN));
 * Array.from(h.counts); // [2, 1, 0, 1]
 * [h.underflow, h.overflow, h.nonFinite]; // [1, 1, 1]
 */
export class Histogram {
  /** The bins, validated. */
  readonly spec: BinSpec;
  /** In-range count per bin (`spec.count` values). */
  readonly counts: Float64Array;
  /** Values whose bin index is below 0 (x < lo). */
  underflow = 0;
  /** Values whose bin index is `count` or more (x >= hi, up to rounding). */
  overflow = 0;
  /** NaN and ±Infinity values. */
  nonFinite = 0;

  /** An empty histogram over `spec` (checked as {@link bins} checks it). */
  constructor(spec: BinSpec) {
    const s = bins(spec.lo, spec.hi, spec.width);
    if (s.count !== spec.count) {
      throw new ArgumentError(`Bad bin spec ${formatBinSpec(spec)}: count ${spec.count} should be ${s.count} = round((hi - lo) / width).`);
    }
    this.spec = s;
    this.counts = new Float64Array(s.count);
  }

  /**
   * Count one value. O(1).
   *
   * @example
   * const h = new Histogram(bins(-10, 10, 0.1));
   * h.add(0.3);
   * h.counts[103]; // 1 (floor((0.3 + 10) / 0.1) = 103)
   */
  add(x: number): void {
    const { lo, width, count } = this.spec;
    const k = Math.floor((x - lo) / width);
    if (k >= 0 && k < count) this.counts[k]++;
    else if (x - x !== 0) this.nonFinite++;
    else if (k < 0) this.underflow++;
    else this.overflow++;
  }

  /**
   * Count every value, or with `mask` only those where `mask[i] === 1`
   * (`mask` must have the values' length). Float32 input is binned as its
   * exact float64 value. O(n).
   *
   * @example
   * const h = new Histogram(bins(0, 3, 1));
   * h.addAll(Float32Array.of(0.5, 1.5, 2.5), Uint8Array.of(1, 0, 1));
   * Array.from(h.counts); // [1, 0, 1]
   */
  addAll(values: ArrayLike<number>, mask?: Uint8Array): void {
    const n = values.length;
    if (mask !== undefined && mask.length !== n) {
      throw new ArgumentError(`Histogram.addAll: mask has ${mask.length} entries but there are ${n} values; they must be the same length.`);
    }
    const { lo, width, count } = this.spec;
    const c = this.counts;
    let under = 0;
    let over = 0;
    let bad = 0;
    for (let i = 0; i < n; i++) {
      if (mask !== undefined && mask[i] !== 1) continue;
      const x = values[i]!;
      const k = Math.floor((x - lo) / width);
      if (k >= 0 && k < count) c[k]++;
      else if (x - x !== 0) bad++;
      else if (k < 0) under++;
      else over++;
    }
    this.underflow += under;
    this.overflow += over;
    this.nonFinite += bad;
  }

  /**
   * Add `other`'s counts to this histogram (exact) and return this. Throws
   * ArgumentError when the bins differ.
   *
   * @example
   * const a = new Histogram(bins(0, 1, 0.5));
   * const b = new Histogram(bins(0, 1, 0.5));
   * a.add(0.1);
   * b.addAll([0.7, 5]);
   * Array.from(a.merge(b).counts); // [1, 1]
   * a.overflow; // 1
   */
  merge(other: Histogram): this {
    if (!sameBins(this.spec, other.spec)) {
      throw new ArgumentError(
        `Cannot merge histograms with different bins: ${formatBinSpec(this.spec)} (${this.spec.count} bins) and ${formatBinSpec(other.spec)} (${other.spec.count} bins); use the same --bins for every partition and shard.`,
      );
    }
    const c = this.counts;
    const o = other.counts;
    for (let k = 0; k < c.length; k++) c[k] += o[k]!;
    this.underflow += other.underflow;
    this.overflow += other.overflow;
    this.nonFinite += other.nonFinite;
    return this;
  }

  /**
   * Number of values inside [lo, hi) (not under/overflow or non-finite).
   *
   * @example
   * const h = new Histogram(bins(0, 1, 0.5));
   * h.addAll([0.2, 0.6, 3]);
   * h.total; // 2
   */
  get total(): number {
    let t = 0;
    for (let k = 0; k < this.counts.length; k++) t += this.counts[k]!;
    return t;
  }

  /**
   * The `count + 1` bin edges `lo + k·width`.
   *
   * @example
   * Array.from(new Histogram(bins(-1, 1, 0.5)).edges()); // [-1, -0.5, 0, 0.5, 1]
   */
  edges(): Float64Array {
    const { lo, width, count } = this.spec;
    const e = new Float64Array(count + 1);
    for (let k = 0; k <= count; k++) e[k] = lo + k * width;
    return e;
  }

  /**
   * The `count` bin centres `lo + (k + 0.5)·width`.
   *
   * @example
   * Array.from(new Histogram(bins(-1, 1, 0.5)).centers()); // [-0.75, -0.25, 0.25, 0.75]
   */
  centers(): Float64Array {
    const { lo, width, count } = this.spec;
    const m = new Float64Array(count);
    for (let k = 0; k < count; k++) m[k] = lo + (k + 0.5) * width;
    return m;
  }

  /**
   * The p-quantile of the binned finite values, assuming each bin's values are
   * spread uniformly over it (linear interpolation of the cumulative counts
   * inside the bin), so it is approximate to about one bin width. Underflow
   * and overflow take part in the ranks: a quantile that falls among them is
   * -Infinity or +Infinity (it lies outside the bins). p = 0 and p = 1 give the
   * outer edges of the outermost non-empty bins. NaN when the histogram holds
   * no finite value; ArgumentError for p outside [0, 1]. O(count).
   *
   * @example
   * const h = new Histogram(bins(0, 4, 1));
   * h.addAll([0.5, 1.5, 1.5, 2.5]);
   * h.quantile(0.5); // 1.5 (half of bin [1, 2) lies below it)
   * h.quantile(1); // 3
   */
  quantile(p: number): number {
    if (!(p >= 0 && p <= 1)) throw new ArgumentError(`Histogram.quantile: p must be in [0, 1], got ${p}.`);
    const c = this.counts;
    const { lo, width } = this.spec;
    const n = this.underflow + this.total + this.overflow;
    if (n === 0) return NaN;
    const target = p * n;
    if (this.underflow > 0 && target <= this.underflow) return -Infinity;
    let cum = this.underflow;
    for (let k = 0; k < c.length; k++) {
      const ck = c[k]!;
      if (ck === 0) continue;
      if (cum + ck >= target) {
        const f = target <= cum ? 0 : (target - cum) / ck;
        return lo + (k + f) * width;
      }
      cum += ck;
    }
    return Infinity;
  }

  /**
   * An independent copy.
   *
   * @example
   * const h = new Histogram(bins(0, 1, 0.5));
   * const copy = h.clone();
   * copy.add(0.1);
   * [h.total, copy.total]; // [0, 1]
   */
  clone(): Histogram {
    const h = new Histogram(this.spec);
    h.counts.set(this.counts);
    h.underflow = this.underflow;
    h.overflow = this.overflow;
    h.nonFinite = this.nonFinite;
    return h;
  }

  /**
   * Plain JSON (for shards written to files); `fromJSON` reads it back exactly.
   *
   * @example
   * const h = new Histogram(bins(0, 1, 0.5));
   * h.addAll([0.2, 7]);
   * JSON.stringify(h); // '{"lo":0,"hi":1,"width":0.5,"edges":[0,0.5,1],"counts":[1,0],"underflow":0,"overflow":1,"nonFinite":0}'
   */
  toJSON(): HistogramJSON {
    const { lo, hi, width } = this.spec;
    return {
      lo,
      hi,
      width,
      edges: Array.from(this.edges()),
      counts: Array.from(this.counts),
      underflow: this.underflow,
      overflow: this.overflow,
      nonFinite: this.nonFinite,
    };
  }

  /**
   * A histogram from its `toJSON()` form (as parsed from a shard file). Throws
   * ArgumentError when a field is missing, the bins are invalid, the edges are
   * not exactly `lo + k·width`, or a count is not a non-negative integer.
   *
   * @example
   * const h = new Histogram(bins(0, 1, 0.5));
   * h.add(0.7);
   * Array.from(Histogram.fromJSON(JSON.parse(JSON.stringify(h))).counts); // [0, 1]
   */
  static fromJSON(json: unknown): Histogram {
    const j = readJsonObject(json, "histogram", "Histogram.toJSON(): { lo, hi, width, edges, counts, underflow, overflow, nonFinite }");
    const { bad, fields: o } = j;
    const num = (name: string): number => j.field(name, isNumber, (shown) => `not a number (${shown})`);
    const tally = (name: string, v: unknown): number => (isTally(v) ? v : bad(`${name} is ${JSON.stringify(v)}, not a non-negative integer`));
    const lo = num("lo");
    const hi = num("hi");
    const width = num("width");
    let h: Histogram;
    try {
      h = new Histogram(bins(lo, hi, width));
    } catch (e) {
      return bad(e instanceof Error ? e.message : String(e));
    }
    const { counts, edges } = o;
    if (!Array.isArray(counts)) return bad(`"counts" is not an array`);
    if (counts.length !== h.spec.count) return bad(`${counts.length} counts for ${h.spec.count} bins ${formatBinSpec(h.spec)}`);
    if (!Array.isArray(edges)) return bad(`"edges" is not an array`);
    const expected = h.edges();
    if (edges.length !== expected.length || edges.some((e, k) => e !== expected[k])) {
      return bad(`"edges" are not the ${expected.length} values lo + k·width of bins ${formatBinSpec(h.spec)}`);
    }
    for (let k = 0; k < counts.length; k++) h.counts[k] = tally(`counts[${k}]`, counts[k]);
    h.underflow = tally("underflow", o["underflow"]);
    h.overflow = tally("overflow", o["overflow"]);
    h.nonFinite = tally("nonFinite", o["nonFinite"]);
    return h;
  }
}
