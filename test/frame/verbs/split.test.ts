import { describe, expect, it } from "vitest";
import { toArray } from "../../../src/frame/column.js";
import { expectBalanced, sampleFrame } from "./fixtures.js";

describe("split", () => {
  it("gives one frame per band holding only that band's observations", () => {
    const f = sampleFrame();
    const parts = f.split("lc", { by: "band" });
    expect(Object.keys(parts)).toEqual(["g", "r", "i"]);
    expect(toArray(parts.g!.column("lc.mjd"))).toEqual([1, 3, 3]);
    expect(parts.r!.length).toBe(3);
    const total = Object.values(parts).reduce((s, p) => s + p.observationCount, 0);
    expect(total).toBe(f.observationCount);
  });

  it("records the split in each result's cut-flow, balanced", () => {
    const f = sampleFrame();
    const { i } = f.split("lc", { by: "band", dropEmpty: true });
    expect(i!.cutflowSteps.at(-1)).toMatchObject({ step: "split", detail: 'lc.band == "i", empty dropped', objectsIn: 3, objectsOut: 1, observationsOut: 1 });
    expectBalanced(i!, f);
  });

  it("works on a slice whose offsets start past 0", () => {
    const f = sampleFrame().loc([1, 2]).head(2);
    expect(Object.keys(f.split("lc", { by: "band" }))).toEqual(["g", "r", "i"]);
    const s = sampleFrame().loc([2]);
    expect(toArray(s.split("lc", { by: "band" }).r!.column("lc.psfFlux"))).toEqual([4, 5]);
  });
});
