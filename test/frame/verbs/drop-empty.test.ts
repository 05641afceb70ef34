import { describe, expect, it } from "vitest";
import { makeColumn, toArray } from "../../../src/frame/column.js";
import { NestedFrame } from "../../../src/frame/nested-frame.js";
import { BIG, expectBalanced, sampleFrame } from "./fixtures.js";

describe("dropEmpty", () => {
  it("drops objects with no observations in the nest and records the step", () => {
    const f = sampleFrame();
    const out = f.dropEmpty("lc");
    expect(toArray(out.column("objectId"))).toEqual([BIG + 2n, BIG + 1n]);
    expect(out.cutflowSteps.at(-1)).toMatchObject({ step: "dropEmpty", detail: "empty lc", objectsIn: 3, objectsOut: 2 });
    expectBalanced(out, f);
  });

  it("without a nest, drops only objects empty in every nest", () => {
    const f = new NestedFrame({
      nested: {
        a: { offsets: Int32Array.of(0, 1, 1, 1), fields: { x: makeColumn([1]) } },
        b: { offsets: Int32Array.of(0, 0, 2, 2), fields: { y: makeColumn([1, 2]) } },
      },
    });
    const out = f.dropEmpty();
    expect(out.length).toBe(2);
    expect(out.cutflowSteps[0]!.detail).toBe("no observations in any of a, b");
    expect(f.dropEmpty("a").length).toBe(1);
  });

  it("works on a slice whose offsets start past 0", () => {
    const f = sampleFrame().loc([1, 2]);
    expect(f.nest("lc").offsets[0]).toBe(3);
    expect(toArray(f.dropEmpty("lc").toFlat("lc").column("psfFlux"))).toEqual([4, 5, 6, 7]);
  });
});
