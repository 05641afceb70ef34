import { beforeAll, describe, expect, it } from "vitest";
import { toFloat64 } from "../../src/frame/column.js";
import { ColumnNotFoundError } from "../../src/frame/errors.js";
import { NestedFrame } from "../../src/frame/nested-frame.js";
import { readHats } from "../../src/io/hats-read.js";
import { DIA_SUMMARY_STATISTICS, diaSummaryColumn, recomputeDiaObjectSummaries } from "../../src/rubin/dia-summary.js";

/** Object 1: g 10±1, 20±2, a NaN flux, a flagged 1000±1; r 5±1. Object 2: no sources. Object 3: r -4±2, 4±2. */
function sources(): NestedFrame {
  return NestedFrame.fromLists(
    {
      diaObjectId: BigInt64Array.of(1n, 2n, 3n),
      band: [["g", "g", "g", "r", "g"], [], ["r", "r"]],
      psfFlux: [Float32Array.of(10, 20, NaN, 5, 1000), new Float32Array(0), Float32Array.of(-4, 4)],
      psfFluxErr: [Float32Array.of(1, 2, 1, 1, 1), new Float32Array(0), Float32Array.of(2, 2)],
      psfFlux_flag: [Uint8Array.of(0, 0, 0, 0, 1), new Uint8Array(0), Uint8Array.of(0, 0)],
    },
    { lists: ["band", "psfFlux", "psfFluxErr", "psfFlux_flag"], name: "diaSource" },
  );
}

const values = (s: ReturnType<typeof recomputeDiaObjectSummaries>, name: string) => Array.from(toFloat64(s[name]!, name));

describe("recomputeDiaObjectSummaries", () => {
  it("gives the inverse-variance mean, its error, the sample sigma, the chi-square and the count, by hand", () => {
    const s = recomputeDiaObjectSummaries(sources(), { flags: ["psfFlux_flag"] });
    // g of object 1: weights 1 and 1/4; mean (10 + 20/4) / 1.25 = 12; error 1/sqrt(1.25); sigma of {10, 20} = sqrt(50);
    // chi2 = ((10 - 12)/1)^2 + ((20 - 12)/2)^2 = 4 + 16 = 20; the NaN flux and the flagged row do not count
    expect(values(s, "g_psfFluxMean")).toEqual([12, NaN, NaN]);
    expect(values(s, "g_psfFluxMeanErr")[0]).toBeCloseTo(1 / Math.sqrt(1.25), 14);
    expect(values(s, "g_psfFluxSigma")[0]).toBeCloseTo(Math.sqrt(50), 13);
    expect(values(s, "g_psfFluxChi2")[0]).toBeCloseTo(20, 12);
    expect(values(s, "g_psfFluxNdata")).toEqual([2, 0, 0]);
    // r: one source (sigma NaN, chi2 0) for object 1; -4 and 4 at equal errors for object 3: mean 0, error sqrt(2), sigma sqrt(32), chi2 2 x 4
    expect(values(s, "r_psfFluxMean")).toEqual([5, NaN, 0]);
    expect(values(s, "r_psfFluxMeanErr").slice(0, 2)).toEqual([1, NaN]);
    expect(values(s, "r_psfFluxMeanErr")[2]).toBeCloseTo(Math.SQRT2, 15);
    expect(values(s, "r_psfFluxSigma")).toEqual([NaN, NaN, Math.sqrt(32)]);
    expect(values(s, "r_psfFluxChi2")).toEqual([0, NaN, 8]);
    expect(s["r_psfFluxNdata"]!.type).toBe("int32");
  });

  it("counts flagged sources unless flags are given, as DP1 (which looks at no flag)", () => {
    const s = recomputeDiaObjectSummaries(sources());
    expect(values(s, "g_psfFluxNdata")[0]).toBe(3);
    expect(values(s, "g_psfFluxMean")[0]).toBeCloseTo((10 + 20 / 4 + 1000) / 2.25, 10);
  });

  it("names columns {band}_{flux}{statistic}, bands in ugrizy order, and fills a requested absent band with NaN and 0", () => {
    expect(Object.keys(recomputeDiaObjectSummaries(sources()))).toEqual(["g", "r"].flatMap((b) => DIA_SUMMARY_STATISTICS.map((st) => diaSummaryColumn(b, st))));
    const u = recomputeDiaObjectSummaries(sources(), { bands: ["u"] });
    expect(values(u, "u_psfFluxMean")).toEqual([NaN, NaN, NaN]);
    expect(values(u, "u_psfFluxNdata")).toEqual([0, 0, 0]);
  });

  it("names the missing field and the fields present", () => {
    expect(() => recomputeDiaObjectSummaries(sources(), { flux: "scienceFlux" })).toThrow(ColumnNotFoundError);
    expect(() => recomputeDiaObjectSummaries(sources(), { flux: "scienceFlux" })).toThrow(/scienceFlux.*psfFlux/s);
  });
});

describe("on the DIA sample", () => {
  let dia: NestedFrame;
  beforeAll(async () => {
    dia = await readHats("data-samples/dp1_dia_object_collection");
  });

  it("Ndata per band equals an independent count of the sample's DiaSources per band (countNested), Mean is finite exactly where Ndata > 0", () => {
    const s = recomputeDiaObjectSummaries(dia);
    const counted = dia.countNested("diaSource", { by: "band" });
    for (const b of ["u", "g", "r", "i", "z", "y"]) {
      const n = toFloat64(s[`${b}_psfFluxNdata`]!);
      expect(Array.from(n)).toEqual(Array.from(counted.numbers(`n_diaSource_${b}`), Number));
      const mean = toFloat64(s[`${b}_psfFluxMean`]!);
      for (let i = 0; i < n.length; i++) expect(Number.isFinite(mean[i]!)).toBe(n[i]! > 0);
    }
  });
});
