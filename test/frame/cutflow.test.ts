import { describe, expect, it } from "vitest";
import { Cutflow, formatCutflow } from "../../src/frame/cutflow.js";

describe("cut-flow", () => {
  it("prints one aligned row per step with what each removed", () => {
    const text = formatCutflow([
      { step: "query", detail: "not lc.psfFlux_flag", objectsIn: 100, objectsOut: 100, observationsIn: 5000, observationsOut: 4900 },
      { step: "loc", detail: "mask: 80 of 100 objects", objectsIn: 100, objectsOut: 80, observationsIn: 4900, observationsOut: 4500 },
    ]);
    const lines = text.split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[2]).toMatch(/^query\s+not lc.psfFlux_flag\s+100\s+100\s+0\s+5000\s+4900\s+100$/);
    expect(lines[3]).toMatch(/20\s+4900\s+4500\s+400$/);
  });

  it("says so when nothing was filtered", () => {
    expect(new Cutflow([]).toString()).toBe("(no filtering steps)");
  });
});
