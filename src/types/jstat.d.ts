// jstat ships no types and @types/jstat is not on the registry; only what
// src/stats/distributions.ts uses is declared.
declare module "jstat" {
  interface Continuous1 {
    cdf(x: number, a: number): number;
    inv(p: number, a: number): number;
    pdf(x: number, a: number): number;
  }
  interface Continuous2 {
    cdf(x: number, a: number, b: number): number;
    inv(p: number, a: number, b: number): number;
    pdf(x: number, a: number, b: number): number;
  }
  interface JStat {
    normal: Continuous2;
    chisquare: Continuous1;
    studentt: Continuous1;
    gammaln(x: number): number;
    lowRegGamma(a: number, x: number): number;
    erf(x: number): number;
    erfc(x: number): number;
  }
  const jStat: { jStat: JStat };
  export default jStat;
}
