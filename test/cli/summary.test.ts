import { describe, expect, it } from "vitest";
import { formatSummary, summarizeFrame } from "../../src/cli/summary.js";
import { fromFlat } from "../../src/frame/verbs/from-flat.js";

const frame = () =>
  fromFlat(
    {
      objectId: BigInt64Array.of(1n, 1n, 1n, 2n, 3n, 3n),
      band: ["r", "g", "r", "u", "g", "g"],
      psfFlux: new Float32Array([1, NaN, 3, 4, Infinity, 6]),
      psfFlux_flag: [false, true, false, false, false, true],
      pixelFlags_cr: [false, true, true, false, false, false],
    },
    { on: "objectId", name: "lc" },
  );

describe("summarizeFrame", () => {
  it("counts observations per band in ugrizy order", () => {
    const s = summarizeFrame(frame());
    expect(s.objects).toBe(3);
    expect(s.nests[0]!.perBand).toEqual({ u: 1, g: 3, r: 2 });
    expect(Object.keys(s.nests[0]!.perBand)).toEqual(["u", "g", "r"]);
  });

  it("describes light-curve lengths and single-observation objects", () => {
    const { length, singleObservation } = summarizeFrame(frame()).nests[0]!;
    expect(length).toMatchObject({ min: 1, median: 2, max: 3, mean: 2 });
    expect(singleObservation).toBe(1);
  });

  it("counts observations with any flag and non-finite fluxes", () => {
    const n = summarizeFrame(frame()).nests[0]!;
    expect(n.flagColumns).toEqual(["psfFlux_flag", "pixelFlags_cr"]);
    expect(n.flagged).toBe(3);
    expect(n.nonFinite).toEqual({ psfFlux: 2 });
  });

  it("counts flags whose names are not plain identifiers", () => {
    const f = fromFlat({ id: BigInt64Array.of(1n, 1n), "bad-flag": [true, false], psfFlux: new Float32Array([1, 2]) }, { on: "id", name: "my lc" });
    expect(summarizeFrame(f).nests[0]).toMatchObject({ flagColumns: ["bad-flag"], flagged: 1 });
  });

  it("prints a readable block", () => {
    const text = formatSummary("sample", summarizeFrame(frame()));
    expect(text).toContain("lc: 6 observations");
    expect(text).toContain("per band: u 1, g 3, r 2");
    expect(text).toContain("flagged: 3 observations (50.00%) have any of 2 flags set");
  });
});
