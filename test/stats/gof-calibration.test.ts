/**
 * Calibration of the goodness-of-fit tests against N(0, 1) by seeded simulation:
 * under the null their 5% tests reject about 5% of samples, and a 10% error-scale
 * mistake (pulls ~ N(0, 1.1²)) is caught at the sizes the flux-error validation sees.
 */
import { describe, expect, it } from "vitest";
import { andersonDarling } from "../../src/stats/anderson-darling.js";
import { binnedChiSquare } from "../../src/stats/chi-square-test.js";
import { jarqueBeraOf } from "../../src/stats/jarque-bera.js";
import { ksTest } from "../../src/stats/ks-test.js";
import { Random } from "../../src/stats/random.js";

const SIMULATIONS = 200;
const ALPHA = 0.05;
/** The validation's pull histogram: 24 bins of 0.25 over [-3, 3]. */
const EDGES = Array.from({ length: 25 }, (_, k) => -3 + k * 0.25);

function histogram(values: Float64Array): Float64Array {
  const counts = new Float64Array(EDGES.length - 1);
  for (const v of values) {
    const k = Math.floor((v + 3) / 0.25);
    if (k >= 0 && k < counts.length) counts[k]!++;
  }
  return counts;
}

interface PValues {
  readonly ks: Float64Array;
  readonly ad: Float64Array;
  readonly chi2: Float64Array;
  readonly jb: Float64Array;
}

/** p-values of the four tests on `count` samples of N(0, sd²) with sizes drawn by `size`. */
function simulate(rng: Random, count: number, sd: number, size: () => number): PValues {
  const out = { ks: new Float64Array(count), ad: new Float64Array(count), chi2: new Float64Array(count), jb: new Float64Array(count) };
  for (let s = 0; s < count; s++) {
    const x = rng.fillNormal(new Float64Array(size()), 0, sd);
    out.ks[s] = ksTest(x).p;
    out.ad[s] = andersonDarling(x).p;
    out.chi2[s] = binnedChiSquare(histogram(x), EDGES).p;
    out.jb[s] = jarqueBeraOf(x).p;
  }
  return out;
}

function rejectionRate(p: Float64Array): number {
  let k = 0;
  for (const v of p) if (v < ALPHA) k++;
  return k / p.length;
}

let nullRun: PValues | undefined;
/** 200 samples of N(0, 1), n uniform in 200..1000, computed once for the tests below. */
function nullPValues(): PValues {
  if (!nullRun) {
    const rng = new Random(1);
    nullRun = simulate(rng, SIMULATIONS, 1, () => 200 + rng.int(801));
  }
  return nullRun;
}

describe("goodness-of-fit calibration", () => {
  it("under N(0, 1) each test rejects 2–9% of 200 samples at the 5% level", () => {
    // 5% ± 1.5% (one binomial standard error for 200 draws): the band is about -2 to +2.6 sigma.
    const p = nullPValues();
    for (const [name, values] of Object.entries(p)) {
      const rate = rejectionRate(values);
      expect(rate, name).toBeGreaterThanOrEqual(0.02);
      expect(rate, name).toBeLessThanOrEqual(0.09);
    }
  });

  it("under N(0, 1) the exact KS and AD p-values are uniform on [0, 1]", () => {
    // Not only the 5% tail: the whole p-value distribution of the finite-n tests is right.
    const uniform = (x: number) => Math.min(1, Math.max(0, x));
    const p = nullPValues();
    expect(ksTest(p.ks, uniform).p).toBeGreaterThan(0.01);
    expect(ksTest(p.ad, uniform).p).toBeGreaterThan(0.01);
  });

  it("pulls 10% too wide (N(0, 1.1²), n = 5000) are rejected by KS, AD and the binned chi-square in most simulations", () => {
    const p = simulate(new Random(2), 50, 1.1, () => 5000);
    // Expected sqrt(n) D ≈ 1.6 for KS; AD and chi-square are more sensitive to scale still.
    expect(rejectionRate(p.ks)).toBeGreaterThanOrEqual(0.8);
    expect(rejectionRate(p.ad)).toBeGreaterThanOrEqual(0.8);
    expect(rejectionRate(p.chi2)).toBeGreaterThanOrEqual(0.8);
    // Jarque–Bera tests shape only: a wrong scale leaves it at its null rate.
    expect(rejectionRate(p.jb)).toBeLessThanOrEqual(0.2);
  });
});
