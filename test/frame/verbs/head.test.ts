import { describe, expect, it } from "vitest";
import { type NumberColumn, toArray } from "../../../src/frame/column.js";
import { sampleFrame } from "./fixtures.js";

describe("head", () => {
  it("returns the first n objects as views of the same buffers", () => {
    const f = sampleFrame();
    const h = f.head(2);
    expect(h.length).toBe(2);
    expect(h.observationCount).toBe(3);
    expect(((h.column("ra") as NumberColumn).values as Float64Array).buffer).toBe(((f.column("ra") as NumberColumn).values as Float64Array).buffer);
    expect(h.nest("lc").fields).toBe(f.nest("lc").fields);
  });

  it("defaults to 5 objects and stops at the frame's length", () => {
    expect(sampleFrame().head().length).toBe(3);
    expect(sampleFrame().head(0).observationCount).toBe(0);
  });

  it("adds no cut-flow step (it is for display)", () => {
    expect(sampleFrame().head(1).cutflowSteps).toEqual([]);
  });

  it("of a slice starting past offset 0 still reads each object's own rows", () => {
    const h = sampleFrame().loc([1, 2]).head(2);
    expect(h.nest("lc").offsets[0]).toBe(3);
    expect(toArray(h.toFlat("lc").column("psfFlux"))).toEqual([4, 5, 6, 7]);
  });

  it("rejects a negative n", () => {
    expect(() => sampleFrame().head(-1)).toThrow("head: n must be a non-negative integer, got -1.");
  });
});
