/**
 * Mergeable running moments (count, mean, variance, skewness, kurtosis, min,
 * max) for statistics accumulated across partitions, worker threads and shards.
 */
import { ArgumentError } from "../frame/errors.js";
import { isFiniteNumber, isTally, readJsonObject } from "./json-fields.js";

/** The serialised form of {@link Moments}: raw sums, exact on a JSON round trip. */
export interface MomentsJSON {
  readonly n: number;
  readonly mean: number;
  /** Σ(x - mean)². */
  readonly m2: number;
  /** Σ(x - mean)³. */
  readonly m3: number;
  /** Σ(x - mean)⁴. */
  readonly m4: number;
  /** null when n = 0. */
  readonly min: number | null;
  /** null when n = 0. */
  readonly max: number | null;
  readonly nonFinite: number;
}

/**
 * Running central moments up to the fourth. `add` is Welford's update extended
 * to M3 and M4 (Terriberry 2007; Pébay 2008, SAND2008-6212, eqs. 2.3–2.4);
 * `merge` is the pairwise formula of Chan, Golub & LeVeque (1979) for the mean
 * and M2 and Pébay (2008, eqs. 3.1) for M3 and M4, so merging pieces in any
 * order gives the moments of the whole to rounding (about 1e-15 relative for
 * well-conditioned data).
 *
 * NaN and ±Infinity values are skipped and counted in `nonFinite`. An empty
 * accumulator has n = 0 and NaN mean, variance, skewness, kurtosis, min and max.
 *
 * @example
 * const m = new Moments();
 * m.addAll(Float64Array.of(1, 2, 3, 4, 10, NaN));
 * [m.n, m.mean, m.variance, m.nonFinite]; // [5, 4, 12.5, 1]
 * m.skewness; // 1.13841995766061… (scipy.stats.skew: 1.1384199576606167)
 * m.kurtosis; // -0.212 (scipy.stats.kurtosis, excess)
 */
export class Moments {
  private count = 0;
  private mu = 0;
  private m2 = 0;
  private m3 = 0;
  private m4 = 0;
  private lowest = Infinity;
  private highest = -Infinity;
  /** NaN and ±Infinity values seen and skipped. */
  nonFinite = 0;

  /**
   * Add one value (skipped and counted in `nonFinite` if not finite). O(1).
   *
   * @example
   * const m = new Moments();
   * m.add(2);
   * m.add(4);
   * [m.mean, m.variance]; // [3, 2]
   */
  add(x: number): void {
    if (x - x !== 0) {
      this.nonFinite++;
      return;
    }
    const n1 = this.count;
    const n = n1 + 1;
    const delta = x - this.mu;
    const dn = delta / n;
    const dn2 = dn * dn;
    const term1 = delta * dn * n1;
    this.mu += dn;
    this.m4 += term1 * dn2 * (n * n - 3 * n + 3) + 6 * dn2 * this.m2 - 4 * dn * this.m3;
    this.m3 += term1 * dn * (n - 2) - 3 * dn * this.m2;
    this.m2 += term1;
    this.count = n;
    if (x < this.lowest) this.lowest = x;
    if (x > this.highest) this.highest = x;
  }

  /**
   * Add every value, or with `mask` only those where `mask[i] === 1` (`mask`
   * must have the values' length). Float32 input accumulates in float64. O(n).
   *
   * @example
   * const m = new Moments();
   * m.addAll(Float32Array.of(1, 100, 3), Uint8Array.of(1, 0, 1));
   * [m.n, m.mean]; // [2, 2]
   */
  addAll(values: ArrayLike<number>, mask?: Uint8Array): void {
    const len = values.length;
    if (mask !== undefined && mask.length !== len) {
      throw new ArgumentError(`Moments.addAll: mask has ${mask.length} entries but there are ${len} values; they must be the same length.`);
    }
    let n = this.count;
    let mu = this.mu;
    let m2 = this.m2;
    let m3 = this.m3;
    let m4 = this.m4;
    let lowest = this.lowest;
    let highest = this.highest;
    let bad = 0;
    for (let i = 0; i < len; i++) {
      if (mask !== undefined && mask[i] !== 1) continue;
      const x = values[i]!;
      if (x - x !== 0) {
        bad++;
        continue;
      }
      const n1 = n;
      n = n1 + 1;
      const delta = x - mu;
      const dn = delta / n;
      const dn2 = dn * dn;
      const term1 = delta * dn * n1;
      mu += dn;
      m4 += term1 * dn2 * (n * n - 3 * n + 3) + 6 * dn2 * m2 - 4 * dn * m3;
      m3 += term1 * dn * (n - 2) - 3 * dn * m2;
      m2 += term1;
      if (x < lowest) lowest = x;
      if (x > highest) highest = x;
    }
    this.count = n;
    this.mu = mu;
    this.m2 = m2;
    this.m3 = m3;
    this.m4 = m4;
    this.lowest = lowest;
    this.highest = highest;
    this.nonFinite += bad;
  }

  /**
   * Combine `other` into this accumulator (pairwise update) and return this;
   * `other` is unchanged.
   *
   * @example
   * const a = new Moments();
   * const b = new Moments();
   * a.addAll([1, 2, 3]);
   * b.addAll([4, 10]);
   * const m = a.merge(b);
   * [m.n, m.mean, m.variance]; // [5, 4, 12.5]
   */
  merge(other: Moments): this {
    this.nonFinite += other.nonFinite;
    const nb = other.count;
    if (nb === 0) return this;
    const na = this.count;
    if (na === 0) {
      this.count = nb;
      this.mu = other.mu;
      this.m2 = other.m2;
      this.m3 = other.m3;
      this.m4 = other.m4;
      this.lowest = other.lowest;
      this.highest = other.highest;
      return this;
    }
    const n = na + nb;
    const delta = other.mu - this.mu;
    const d2 = delta * delta;
    const nanb = na * nb;
    const { m2: a2, m3: a3 } = this;
    const { m2: b2, m3: b3 } = other;
    this.m4 +=
      other.m4 +
      (d2 * d2 * nanb * (na * na - nanb + nb * nb)) / (n * n * n) +
      (6 * d2 * (na * na * b2 + nb * nb * a2)) / (n * n) +
      (4 * delta * (na * b3 - nb * a3)) / n;
    this.m3 += b3 + (d2 * delta * nanb * (na - nb)) / (n * n) + (3 * delta * (na * b2 - nb * a2)) / n;
    this.m2 += b2 + (d2 * nanb) / n;
    this.mu += (delta * nb) / n;
    this.count = n;
    if (other.lowest < this.lowest) this.lowest = other.lowest;
    if (other.highest > this.highest) this.highest = other.highest;
    return this;
  }

  /**
   * Number of finite values added.
   *
   * @example
   * const m = new Moments();
   * m.addAll([1, NaN, Infinity]);
   * [m.n, m.nonFinite]; // [1, 2]
   */
  get n(): number {
    return this.count;
  }

  /**
   * Arithmetic mean; NaN when n = 0.
   *
   * @example
   * const m = new Moments();
   * m.addAll([1, 2, 6]);
   * m.mean; // 3
   */
  get mean(): number {
    return this.count === 0 ? NaN : this.mu;
  }

  /**
   * Sample variance M2 / (n - 1) (ddof = 1, numpy's `var(ddof=1)`); NaN when n < 2.
   *
   * @example
   * const m = new Moments();
   * m.addAll([1, 2, 6]);
   * m.variance; // 7
   */
  get variance(): number {
    return this.count < 2 ? NaN : this.m2 / (this.count - 1);
  }

  /**
   * Sample standard deviation √variance (ddof = 1); NaN when n < 2.
   *
   * @example
   * const m = new Moments();
   * m.addAll([1, 3]);
   * m.std; // 1.4142135623730951
   */
  get std(): number {
    return Math.sqrt(this.variance);
  }

  /**
   * Population variance M2 / n (ddof = 0); NaN when n = 0.
   *
   * @example
   * const m = new Moments();
   * m.addAll([1, 3]);
   * m.populationVariance; // 1
   */
  get populationVariance(): number {
    return this.count === 0 ? NaN : this.m2 / this.count;
  }

  /**
   * Biased sample skewness g1 = √n · M3 / M2^1.5 (scipy.stats.skew's default,
   * bias=True); NaN when n = 0 or all values are equal.
   *
   * @example
   * const m = new Moments();
   * m.addAll([0, 0, 3]);
   * m.skewness; // 0.7071067811865476 (1/√2)
   */
  get skewness(): number {
    return this.m2 === 0 ? NaN : (Math.sqrt(this.count) * this.m3) / this.m2 ** 1.5;
  }

  /**
   * Biased excess kurtosis g2 = n · M4 / M2² − 3 (scipy.stats.kurtosis's
   * default, fisher=True, bias=True; 0 for a normal distribution in the limit);
   * NaN when n = 0 or all values are equal.
   *
   * @example
   * const m = new Moments();
   * m.addAll([-1, 1]);
   * m.kurtosis; // -2
   */
  get kurtosis(): number {
    return this.m2 === 0 ? NaN : (this.count * this.m4) / (this.m2 * this.m2) - 3;
  }

  /**
   * Smallest finite value; NaN when n = 0.
   *
   * @example
   * const m = new Moments();
   * m.addAll([3, -2, NaN]);
   * m.min; // -2
   */
  get min(): number {
    return this.count === 0 ? NaN : this.lowest;
  }

  /**
   * Largest finite value; NaN when n = 0.
   *
   * @example
   * const m = new Moments();
   * m.addAll([3, -2, NaN]);
   * m.max; // 3
   */
  get max(): number {
    return this.count === 0 ? NaN : this.highest;
  }

  /**
   * An independent copy.
   *
   * @example
   * const m = new Moments();
   * m.add(1);
   * const c = m.clone();
   * c.add(3);
   * [m.n, c.n]; // [1, 2]
   */
  clone(): Moments {
    return new Moments().merge(this);
  }

  /**
   * Plain JSON (for shards written to files): the raw sums, which `fromJSON`
   * reads back exactly, so a merge after a round trip equals one without.
   *
   * @example
   * const m = new Moments();
   * m.addAll([1, 3]);
   * JSON.stringify(m); // '{"n":2,"mean":2,"m2":2,"m3":0,"m4":2,"min":1,"max":3,"nonFinite":0}'
   */
  toJSON(): MomentsJSON {
    const empty = this.count === 0;
    return {
      n: this.count,
      mean: this.mu,
      m2: this.m2,
      m3: this.m3,
      m4: this.m4,
      min: empty ? null : this.lowest,
      max: empty ? null : this.highest,
      nonFinite: this.nonFinite,
    };
  }

  /**
   * Moments from their `toJSON()` form. Throws ArgumentError when a field is
   * missing or inconsistent (negative count or M2/M4, min > max, moments on
   * an empty accumulator).
   *
   * @example
   * const m = new Moments();
   * m.addAll([1, 2, 6]);
   * Moments.fromJSON(JSON.parse(JSON.stringify(m))).variance; // 7
   */
  static fromJSON(json: unknown): Moments {
    const j = readJsonObject(json, "moments", "Moments.toJSON(): { n, mean, m2, m3, m4, min, max, nonFinite }");
    const { bad, fields: o } = j;
    const finite = (name: string): number => j.field(name, isFiniteNumber, (shown) => `${shown}, not a finite number`);
    const tally = (name: string): number => j.field(name, isTally, (shown) => `${shown}, not a non-negative integer`);
    const m = new Moments();
    m.count = tally("n");
    m.nonFinite = tally("nonFinite");
    m.mu = finite("mean");
    m.m2 = finite("m2");
    m.m3 = finite("m3");
    m.m4 = finite("m4");
    if (m.m2 < 0 || m.m4 < 0) return bad(`m2 (${m.m2}) and m4 (${m.m4}) must not be negative`);
    if (m.count === 0) {
      if (m.mu !== 0 || m.m2 !== 0 || m.m3 !== 0 || m.m4 !== 0 || o["min"] !== null || o["max"] !== null) {
        return bad("n is 0 but the moments are not 0 or min/max are not null");
      }
      return m;
    }
    m.lowest = finite("min");
    m.highest = finite("max");
    if (m.lowest > m.highest) return bad(`min (${m.lowest}) is greater than max (${m.highest})`);
    return m;
  }
}
