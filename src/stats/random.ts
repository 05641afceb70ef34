/**
 * A small seeded pseudo-random generator for simulations and tests.
 *
 * xoshiro128** (Blackman & Vigna 2018, https://prng.di.unimi.it/) on 32-bit
 * integers, seeded through splitmix32 so that nearby seeds give unrelated
 * streams. Only `Math.imul`, shifts and IEEE-exact `+ - * / sqrt` touch the
 * state, so the integer stream is identical on every platform; the normal and
 * Poisson helpers also call `Math.log`, which V8 implements with the same
 * fdlibm port everywhere. Period 2^128 - 1: enough for billions of draws
 * (mulberry32's 2^32 would wrap within one large benchmark).
 */
import { ArgumentError } from "../frame/errors.js";

const TWO_POW_32 = 4294967296;

/** splitmix32 step: turns any 32-bit seed into well-mixed state words. */
function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * Seeded generator: uniform, normal, Poisson, geometric and exponential draws.
 *
 * @example
 * const rng = new Random(42);
 * rng.uniform(); // in [0, 1)
 * rng.normal(10, 2); // N(10, 2^2)
 */
export class Random {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  /** Second value of the last polar-method pair, NaN when none is cached. */
  private spare = NaN;

  /** `seed` may be any finite number (its integer part and high bits both count) or a bigint. */
  constructor(seed: number | bigint) {
    const big = typeof seed === "bigint" ? seed : BigInt(Math.trunc(checkSeed(seed)));
    const lo = Number(BigInt.asUintN(32, big));
    const hi = Number(BigInt.asUintN(32, big >> 32n));
    let x = splitmix32(lo ^ splitmix32(hi));
    this.s0 = x = splitmix32(x);
    this.s1 = x = splitmix32(x);
    this.s2 = x = splitmix32(x);
    this.s3 = splitmix32(x);
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** The next raw 32-bit unsigned integer. */
  nextUint32(): number {
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1) with 2^-32 resolution. */
  uniform(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  /** Uniform in [lo, hi). */
  uniformRange(lo: number, hi: number): number {
    return lo + (hi - lo) * this.uniform();
  }

  /** Uniform integer in [0, n) for n <= 2^32 (multiply-shift; bias below 2^-32 * n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** True with probability p. */
  bernoulli(p: number): boolean {
    return this.uniform() < p;
  }

  /**
   * Normal draw by Marsaglia's polar method; the pair's second value is cached,
   * so two calls cost one rejection loop.
   */
  normal(mean = 0, sd = 1): number {
    let z = this.spare;
    if (z === z) {
      this.spare = NaN;
      return mean + sd * z;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    z = u * f;
    return mean + sd * z;
  }

  /** Exponential draw with the given rate (mean 1/rate). */
  exponential(rate = 1): number {
    return -Math.log(1 - this.uniform()) / rate;
  }

  /** Number of failures before the first success, success probability p in (0, 1]. */
  geometric(p: number): number {
    if (!(p > 0 && p <= 1)) throw new ArgumentError(`geometric(p) needs 0 < p <= 1, got ${p}.`);
    if (p === 1) return 0;
    return Math.floor(Math.log(1 - this.uniform()) / Math.log(1 - p));
  }

  /**
   * Poisson draw: Knuth's product method below mean 30, else a rounded normal
   * with continuity correction (good to a few per cent in the tails, which is
   * all the simulations need).
   */
  poisson(mean: number): number {
    if (!(mean >= 0)) throw new ArgumentError(`poisson(mean) needs mean >= 0, got ${mean}.`);
    if (mean < 30) {
      const limit = Math.exp(-mean);
      let k = 0;
      let p = this.uniform();
      while (p > limit) {
        k++;
        p *= this.uniform();
      }
      return k;
    }
    return Math.max(0, Math.round(this.normal(mean, Math.sqrt(mean))));
  }

  /** Fill `out` with N(mean, sd^2) draws and return it. */
  fillNormal<T extends Float32Array | Float64Array>(out: T, mean = 0, sd = 1): T {
    for (let i = 0; i < out.length; i++) out[i] = this.normal(mean, sd);
    return out;
  }

  /**
   * An independent generator for sub-stream `stream` (e.g. one per band or per
   * partition), so adding draws to one part of a simulation leaves the others unchanged.
   */
  fork(stream: number): Random {
    return new Random((BigInt(this.nextUint32()) << 32n) | BigInt(splitmix32(stream ^ 0x5bd1e995)));
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

function checkSeed(seed: number): number {
  if (!Number.isFinite(seed)) throw new ArgumentError(`A random seed must be finite, got ${seed}.`);
  return seed;
}
