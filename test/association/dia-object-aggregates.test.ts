import { describe, expect, it } from "vitest";
import { diaObjectAggregates } from "../../src/association/dia-object-aggregates.js";
import { associateSources } from "../../src/association/associate-sources.js";
import { simulateDiaSky } from "../../src/association/simulate-dia-sky.js";
import { makeColumn } from "../../src/frame/column.js";
import { ColumnNotFoundError } from "../../src/frame/errors.js";
import { NestedFrame } from "../../src/frame/nested-frame.js";
import { simulateDiaObjects } from "../../src/rubin/sim-dia.js";

function oneObject(fields: Record<string, ReturnType<typeof makeColumn>>, n: number): NestedFrame {
  return new NestedFrame({ base: { diaObjectId: makeColumn(BigInt64Array.of(1n)) }, nested: { diaSource: { offsets: Int32Array.of(0, n), fields } } });
}

describe("diaObjectAggregates", () => {
  it("computes every column of a hand-built object", () => {
    const f = oneObject({
      ra: makeColumn(Float64Array.of(359.9999, 0.0001, 0, 0)),
      dec: makeColumn(Float64Array.of(0, 0, 0.0001, -0.0001)),
      band: makeColumn(["g", "g", "g", "r"]),
      psfFlux: makeColumn(Float32Array.of(100, 200, 160, NaN)),
      psfFluxErr: makeColumn(Float32Array.of(10, 20, 20, 5)),
      psfFlux_flag: makeColumn(Uint8Array.of(0, 0, 0, 0), "bool"),
      pixelFlags_cr: makeColumn(Uint8Array.of(0, 0, 1, 0), "bool"),
    }, 4);
    const a = diaObjectAggregates(f);
    expect(a.toArray("ra")[0] as number).toBeCloseTo(0, 12);
    expect(a.toArray("dec")[0] as number).toBeCloseTo(0, 12);
    // four sources 0.36" from the mean: sqrt(4 · 0.36² / (2 · 3))
    expect(a.toArray("positionScatter")[0] as number).toBeCloseTo(Math.sqrt((4 * 0.36 ** 2) / 6), 6);
    expect(a.toArray("nDiaSources")).toEqual([4]);
    // g: weights 1/100, 1/400, 1/400 -> mean (1 + 0.5 + 0.4) / 0.015 = 126.666...
    expect(a.toArray("g_psfFluxMean")[0]).toBeCloseTo(1.9 / 0.015, 10);
    expect(a.toArray("g_psfFluxMeanErr")[0]).toBeCloseTo(1 / Math.sqrt(0.015), 10);
    expect(a.toArray("g_psfFluxSigma")[0]).toBeCloseTo(Math.sqrt(((100 - 460 / 3) ** 2 + (200 - 460 / 3) ** 2 + (160 - 460 / 3) ** 2) / 2), 10);
    const m = 1.9 / 0.015;
    expect(a.toArray("g_psfFluxChi2")[0]).toBeCloseTo(((100 - m) / 10) ** 2 + ((200 - m) / 20) ** 2 + ((160 - m) / 20) ** 2, 10);
    expect(a.toArray("g_psfFluxNdata")).toEqual([3]);
    // r's only point has a NaN flux: no usable point
    expect(a.toArray("r_psfFluxNdata")).toEqual([0]);
    expect(a.toArray("r_psfFluxMean")).toEqual([NaN]);
    expect(a.toArray("r_psfFluxChi2")).toEqual([NaN]);
    expect(a.toArray("u_psfFluxNdata")).toEqual([0]);
    expect(a.toArray("psfFlux_flag_any")).toEqual([false]);
    expect(a.toArray("pixelFlags_cr_any")).toEqual([true]);
    expect(a.toArray("anyFlag")).toEqual([true]);
  });

  it("gives chi2 0 and sigma NaN for one point, and NaN positions for an object without sources", () => {
    const f = new NestedFrame({
      base: { diaObjectId: makeColumn(BigInt64Array.of(1n, 2n)) },
      nested: { diaSource: { offsets: Int32Array.of(0, 1, 1), fields: { ra: makeColumn([5]), dec: makeColumn([5]), band: makeColumn(["i"]), psfFlux: makeColumn([3]), psfFluxErr: makeColumn([1]) } } },
    });
    const a = diaObjectAggregates(f, { bands: ["i"] });
    expect(a.toArray("i_psfFluxChi2")).toEqual([0, NaN]);
    expect(a.toArray("i_psfFluxSigma")).toEqual([NaN, NaN]);
    expect(a.toArray("ra")).toEqual([5, NaN]);
    expect(a.toArray("positionScatter")).toEqual([NaN, NaN]);
    expect(a.baseNames).not.toContain("g_psfFluxMean");
    expect(a.baseNames).not.toContain("anyFlag"); // no bool field, no flags
  });

  it("agrees with the DiaObject columns of the rubin DP1 simulator, computed there by its own loops", () => {
    const { diaObjects } = simulateDiaObjects({ seed: 7, nDiaObjects: 400, multiSourceFraction: 0.3 });
    // the simulator's DiaSources carry no position: give them their object's
    const nc = diaObjects.nest("diaSource");
    const parentRa = new Float64Array(nc.offsets[diaObjects.length]!);
    const parentDec = new Float64Array(parentRa.length);
    const ra = diaObjects.numbers("ra");
    const dec = diaObjects.numbers("dec");
    for (let i = 0; i < diaObjects.length; i++) {
      parentRa.fill(ra[i]!, nc.offsets[i]!, nc.offsets[i + 1]!);
      parentDec.fill(dec[i]!, nc.offsets[i]!, nc.offsets[i + 1]!);
    }
    const withPos = diaObjects.withNested("diaSource", { offsets: nc.offsets, fields: { ...nc.fields, ra: makeColumn(parentRa), dec: makeColumn(parentDec) } });
    const a = diaObjectAggregates(withPos.select(["diaObjectId", "diaSource"]));
    let multi = 0;
    for (const b of ["u", "g", "r", "i", "z", "y"]) {
      for (const s of ["Mean", "MeanErr", "Sigma", "Chi2", "Ndata"]) {
        const got = a.toArray(`${b}_psfFlux${s}`) as number[];
        const want = diaObjects.toArray(`${b}_psfFlux${s}`) as number[];
        want.forEach((w, i) => {
          if (Number.isNaN(w)) expect(got[i], `${b}_psfFlux${s}[${i}]`).toBeNaN();
          else expect(Math.abs(got[i]! - w), `${b}_psfFlux${s}[${i}]`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(w)));
        });
      }
      multi += (a.toArray(`${b}_psfFluxNdata`) as number[]).filter((k) => k > 1).length;
    }
    expect(multi).toBeGreaterThan(50); // the comparison covered sigma and chi-square, not only single points
    expect(a.toArray("nDiaSources")).toEqual(diaObjects.toArray("nDiaSources"));
    (a.toArray("ra") as number[]).forEach((r, i) => expect(r).toBeCloseTo(ra[i]!, 9));
  });

  it("recovers the injected astrometric error as the position scatter", () => {
    // per-axis sigma 0.2": the mean of positionScatter² over objects estimates 0.04
    const sky = simulateDiaSky({ nObjects: 2000, density: 1e3, visits: 10, seed: 5, astrometricError: 0.2 });
    const s = associateSources(sky.sources, { radius: 2 }).objects.toArray("positionScatter").filter((v) => !Number.isNaN(v as number)) as number[];
    const meanSq = s.reduce((x, v) => x + v * v, 0) / s.length;
    expect(s.length).toBeGreaterThan(1900);
    expect(Math.sqrt(meanSq)).toBeGreaterThan(0.2 * 0.97);
    expect(Math.sqrt(meanSq)).toBeLessThan(0.2 * 1.03);
  });

  it("skips the position columns when the nest has no positions (DP1-like samples without DiaSource ra/dec)", () => {
    const f = oneObject({ band: makeColumn(["g"]), psfFlux: makeColumn([5]), psfFluxErr: makeColumn([1]) }, 1);
    const a = diaObjectAggregates(f);
    expect(a.baseNames).not.toContain("ra");
    expect(a.baseNames).not.toContain("positionScatter");
    expect(a.toArray("g_psfFluxMean")).toEqual([5]);
  });

  it("names a missing field", () => {
    const f = oneObject({ ra: makeColumn([1]), dec: makeColumn([1]), band: makeColumn(["g"]) }, 1);
    expect(() => diaObjectAggregates(f, { flux: "scienceFlux" })).toThrow(ColumnNotFoundError);
    expect(() => diaObjectAggregates(f, { flux: "scienceFlux" })).toThrow(/diaSource.scienceFlux/);
    expect(() => diaObjectAggregates(f, { ra: "coord_ra" })).toThrow(/coord_ra/);
  });
});
