import { describe, expect, it } from "vitest";
import { Random } from "../../src/stats/random.js";

describe("Random", () => {
  it("gives the same stream for the same seed and a different one for another seed", () => {
    const a = new Random(123);
    const b = new Random(123);
    const c = new Random(124);
    const sa = Array.from({ length: 20 }, () => a.nextUint32());
    const sb = Array.from({ length: 20 }, () => b.nextUint32());
    const sc = Array.from({ length: 20 }, () => c.nextUint32());
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
  });

  it("is pinned: the first outputs for seed 1 never change across releases or platforms", () => {
    const r = new Random(1);
    const first = Array.from({ length: 4 }, () => r.nextUint32());
    // Recorded once; a change here means every committed sample would change too.
    expect(first).toEqual(PINNED_SEED_1);
  });

  it("accepts bigint seeds and distinguishes seeds differing only above 2^32", () => {
    const a = new Random(1n).nextUint32();
    const b = new Random(1n + (1n << 40n)).nextUint32();
    expect(new Random(1).nextUint32()).toBe(a);
    expect(a).not.toBe(b);
  });

  it("uniform() stays in [0, 1) with mean 1/2 and variance 1/12", () => {
    const r = new Random(7);
    const n = 100_000;
    let s = 0;
    let s2 = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < n; i++) {
      const u = r.uniform();
      s += u;
      s2 += u * u;
      if (u < min) min = u;
      if (u > max) max = u;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    const mean = s / n;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(s2 / n - mean * mean - 1 / 12)).toBeLessThan(0.002);
  });

  it("normal() has mean 0 and variance 1 over 1e5 draws", () => {
    const r = new Random(2024);
    const x = r.fillNormal(new Float64Array(100_000));
    let s = 0;
    for (const v of x) s += v;
    const mean = s / x.length;
    let ss = 0;
    let s4 = 0;
    for (const v of x) {
      ss += (v - mean) ** 2;
      s4 += (v - mean) ** 4;
    }
    const variance = ss / (x.length - 1);
    // Standard errors: 1/sqrt(n) = 0.0032 for the mean, sqrt(2/n) = 0.0045 for the variance.
    expect(Math.abs(mean)).toBeLessThan(0.015);
    expect(Math.abs(variance - 1)).toBeLessThan(0.02);
    expect(Math.abs(s4 / x.length / variance ** 2 - 3)).toBeLessThan(0.1);
  });

  it("normal(mean, sd) shifts and scales", () => {
    const r = new Random(5);
    let s = 0;
    const n = 50_000;
    for (let i = 0; i < n; i++) s += r.normal(10, 3);
    expect(Math.abs(s / n - 10)).toBeLessThan(0.06);
  });

  it("poisson() matches its mean for small and large means", () => {
    const r = new Random(11);
    for (const mean of [0.5, 4, 80]) {
      let s = 0;
      const n = 20_000;
      for (let i = 0; i < n; i++) s += r.poisson(mean);
      expect(Math.abs(s / n - mean)).toBeLessThan(5 * Math.sqrt(mean / n));
    }
  });

  it("geometric(p) has mean (1-p)/p", () => {
    const r = new Random(12);
    let s = 0;
    const n = 40_000;
    for (let i = 0; i < n; i++) s += r.geometric(0.25);
    expect(Math.abs(s / n - 3)).toBeLessThan(0.1);
    expect(() => r.geometric(0)).toThrow(/0 < p <= 1/);
  });

  it("fork() gives independent reproducible sub-streams", () => {
    const a = new Random(9).fork(1);
    const b = new Random(9).fork(1);
    const c = new Random(9).fork(2);
    const x = a.nextUint32();
    expect(b.nextUint32()).toBe(x);
    expect(c.nextUint32()).not.toBe(x);
  });

  it("int(n) covers [0, n) evenly", () => {
    const r = new Random(3);
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < 60_000; i++) counts[r.int(6)]!++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });
});

const PINNED_SEED_1 = [3242974957, 798482042, 2152405511, 2581252141];
