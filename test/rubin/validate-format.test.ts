import { beforeAll, describe, expect, it } from "vitest";
import { readHats } from "../../src/io/hats-read.js";
import { type FluxErrorValidation, validateFluxErrors } from "../../src/rubin/validate.js";
import { formatValidation, formatValidationCutflow, formatValidationGroups } from "../../src/rubin/validate-format.js";

let v: FluxErrorValidation;
beforeAll(async () => {
  v = validateFluxErrors(await readHats("data-samples/dp1_object_collection"));
});

describe("validation as text", () => {
  it("prints the cut-flow with the points each step removed", () => {
    const lines = formatValidationCutflow(v).split("\n");
    expect(lines[0]).toMatch(/^step +removes +objects +light curves +points +points removed$/);
    const flags = lines.find((l) => l.startsWith("flags"))!;
    const removed = v.cutflow[1]!.points - v.cutflow[2]!.points;
    expect(flags.trimEnd().endsWith(` ${removed}`)).toBe(true);
  });

  it("prints one line per band with the scale and its error", () => {
    const lines = formatValidationGroups(v).split("\n");
    expect(lines).toHaveLength(2 + 6);
    const r = v.groups.find((g) => g.band === "r")!;
    const line = lines.find((l) => l.startsWith("r "))!;
    expect(line).toContain(`${r.errorScale.toFixed(3)} ± ${r.errorScaleErr.toFixed(3)}`);
    expect(line).toContain(String(r.nPoints));
  });

  it("shows a floor at its bound as one-sided, and missing numbers as -", () => {
    const y = v.groups.find((g) => g.band === "y")!;
    const fake: FluxErrorValidation = {
      ...v,
      groups: [{ ...y, floorAtBoundary: true, floor: 0, floorErr: 486 }, { ...y, band: "u", errorScale: NaN, errorScaleErr: NaN, ks: { stat: NaN, p: NaN } }],
    };
    const text = formatValidationGroups(fake);
    expect(text).toContain("0 (< 486)");
    expect(text.split("\n")[3]).toMatch(/ - +\S.* +-$/);
    expect(text.split("\n")[3]).not.toContain("NaN");
  });

  it("puts a title, the cut-flow, the table and the notes together", () => {
    const text = formatValidation(v);
    expect(text.split("\n")[0]).toMatch(/^ForcedSource psfFlux: 4484 objects, 69314 points in; \d+ light curves of \d+ objects, \d+ points validated/);
    expect(text).toContain("KS: whitened residuals in [-3, 3]");
  });
});
