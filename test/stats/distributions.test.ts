import { describe, expect, it } from "vitest";
import { chiSquareQuantile, chiSquareSf, normalCdf, normalPdf, normalQuantile, normalSf } from "../../src/stats/distributions.js";

// Reference values: scipy.stats 1.17.1 (norm.cdf, norm.sf, norm.ppf, chi2.sf, chi2.ppf).
describe("normal distribution", () => {
  it("matches scipy in the body and the tails", () => {
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 12);
    expect(normalCdf(-5) / 2.866515718791933e-7).toBeCloseTo(1, 6);
    expect(normalSf(5) / 2.866515718791933e-7).toBeCloseTo(1, 6);
    expect(normalPdf(1)).toBeCloseTo(Math.exp(-0.5) / Math.sqrt(2 * Math.PI), 15);
  });

  it("inverts its CDF", () => {
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 8);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
    for (const x of [-3, -1.2, 0.3, 2.5]) expect(normalQuantile(normalCdf(x))).toBeCloseTo(x, 8);
  });

  it("has a quantile that is -Infinity at 0, Infinity at 1 and NaN outside [0, 1]", () => {
    // scipy 1.17.1: norm.ppf(0) = -inf, norm.ppf(1) = inf, norm.ppf(1.5) = nan
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    for (const p of [-0.1, 1.5, NaN]) expect(normalQuantile(p)).toBeNaN();
  });
});

/**
 * [x, df, P(X > x)] from the body to the far tail (p ≈ 1e-20, 1e-100, 1e-300),
 * scipy 1.17.1: chi2.sf(x, df); the x are chi2.isf(p, df) rounded to 6 digits.
 */
const CHI2_SF: readonly (readonly [number, number, number])[] = [
  [0.2, 1, 0.6547208460185768],
  [1.0, 1, 0.31731050786291115],
  [5.24264, 1, 0.022039803985687306],
  [87.1617, 1, 1.0000169011831097e-20],
  [453.943, 1, 1.0000412104365785e-100],
  [1373.87, 1, 1.0013174344577157e-300],
  [0.4, 2, 0.8187307530779818],
  [2.0, 2, 0.36787944117144245],
  [8.0, 2, 0.018315638888734182],
  [92.1034, 2, 1.000001859882647e-20],
  [460.517, 2, 1.0000092994478131e-100],
  [1381.55, 2, 1.0005280375764837e-300],
  [0.6, 3, 0.8964323733419115],
  [3.0, 3, 0.3916251762710877],
  [10.3485, 3, 0.015824625984044043],
  [96.2391, 3, 1.0000118472566895e-20],
  [466.214, 3, 1.0001784197112438e-100],
  [1388.34, 3, 9.983893859787183e-301],
  [1.0, 5, 0.9625657732472964],
  [5.0, 5, 0.4158801869955079],
  [14.4868, 5, 0.012795695882528657],
  [103.429, 5, 9.999889427341277e-21],
  [476.379, 5, 1.000217185221606e-100],
  [1400.64, 5, 1.0002922429044206e-300],
  [2.0, 10, 0.9963401531726563],
  [10.0, 10, 0.44049328506521257],
  [23.4164, 10, 0.009309659702331899],
  [118.541, 10, 1.0002066425968005e-20],
  [498.338, 10, 1.000098610782739e-100],
  [1427.77, 10, 1.0009730655294758e-300],
  [5.8, 29, 0.9999989787670343],
  [29.0, 29, 0.46506624123787865],
  [51.8473, 29, 0.005668898632864826],
  [163.658, 29, 9.999697309232438e-21],
  [565.282, 29, 9.9989748832194e-101],
  [1512.83, 29, 1.0017149221390933e-300],
  [11.8, 59, 0.9999999999961354],
  [59.0, 59, 0.4755119972953301],
  [91.5883, 59, 0.0041917431683900575],
  [221.992, 59, 9.998988260401241e-21],
  [651.358, 59, 1.000184335385409e-100],
  [1624.37, 59, 9.993740664589413e-301],
  [20.0, 100, 1.0],
  [100.0, 100, 0.48119168452795674],
  [142.426, 100, 0.00343693420028247],
  [292.259, 100, 1.0000447162064054e-20],
  [752.878, 100, 9.998106248147423e-101],
  [1756.79, 100, 9.988359911177213e-301],
  [40.0, 200, 1.0],
  [200.0, 200, 0.48670120172085135],
  [260.0, 200, 0.002750408367306518],
  [445.314, 200, 9.999559964567115e-21],
  [966.439, 200, 1.0000240469896527e-100],
  [2034.62, 200, 1.0003872408208579e-300],
  [200.0, 1000, 1.0],
  [1000.0, 1000, 0.49405285382923964],
  [1134.16, 1000, 0.0019255317955792252],
  [1472.46, 1000, 9.994967064649862e-21],
  [2273.14, 1000, 9.988924489134253e-101],
  [3672.37, 1000, 9.987422438768785e-301],
  [2000.0, 10000, 1.0],
  [10000.0, 10000, 0.49811936596618267],
  [10424.3, 10000, 0.0015206208363293778],
  [11367.0, 10000, 9.989234469851485e-21],
  [13316.7, 10000, 1.0011332495178935e-100],
  [16190.6, 10000, 1.0053697236095642e-300],
  [197, 59, 9.276241269909469e-17],
  [620, 200, 1.6204749392887884e-44],
];

describe("chi-square distribution", () => {
  it("matches scipy's upper tail to 1e-10 relative from the body to 1e-300", () => {
    for (const [x, df, sf] of CHI2_SF) {
      const got = chiSquareSf(x, df);
      expect(Math.abs(got - sf) / sf, `chiSquareSf(${x}, ${df}) = ${got}, scipy ${sf}`).toBeLessThan(1e-10);
    }
  });

  it("keeps the tiny p-values that 1 - P(x) would round away", () => {
    // scipy 1.17.1: chi2.sf(197, 59) = 9.276241269909469e-17, chi2.sf(620, 200) = 1.6204749392887884e-44
    expect(chiSquareSf(197, 59) / 9.276241269909469e-17).toBeCloseTo(1, 10);
    expect(chiSquareSf(620, 200) / 1.6204749392887884e-44).toBeCloseTo(1, 10);
  });

  it("gives NaN for a NaN statistic or degrees of freedom that are NaN, <= 0 or infinite", () => {
    expect(chiSquareSf(NaN, 3)).toBeNaN();
    expect(chiSquareSf(NaN, 0)).toBeNaN();
    for (const df of [NaN, 0, -1, Infinity]) expect(chiSquareSf(2, df)).toBeNaN();
  });

  it("gives 0 for an infinite statistic", () => {
    expect(chiSquareSf(Infinity, 3)).toBe(0);
  });

  it("has a quantile that is NaN outside [0, 1], 0 at p = 0 and Infinity at p = 1", () => {
    // scipy 1.17.1: chi2.ppf(0, 2) = 0, chi2.ppf(1, 2) = inf, chi2.ppf(1.5, 2) = nan
    expect(chiSquareQuantile(1.5, 2)).toBeNaN();
    expect(chiSquareQuantile(-0.1, 2)).toBeNaN();
    expect(chiSquareQuantile(NaN, 2)).toBeNaN();
    expect(chiSquareQuantile(0, 2)).toBe(0);
    expect(chiSquareQuantile(1, 2)).toBe(Infinity);
    expect(chiSquareQuantile(0.5, 0)).toBeNaN();
    expect(chiSquareQuantile(0.5, NaN)).toBeNaN();
  });

  it("matches scipy's upper tail and quantile", () => {
    expect(chiSquareSf(10, 4)).toBeCloseTo(0.04042768199451279, 10);
    expect(chiSquareSf(100, 80)).toBeCloseTo(0.064570368921133, 10);
    expect(chiSquareQuantile(0.99, 10)).toBeCloseTo(23.209251158954356, 6);
  });

  it("gives 1 for x <= 0", () => {
    expect(chiSquareSf(0, 3)).toBe(1);
    expect(chiSquareSf(-1, 3)).toBe(1);
  });
});
