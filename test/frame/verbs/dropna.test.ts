import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeColumn, toArray } from "../../../src/frame/column.js";
import { ArgumentError, ColumnNotFoundError } from "../../../src/frame/errors.js";
import { NestedFrame } from "../../../src/frame/nested-frame.js";
import { expectBalanced, sampleFrame } from "./fixtures.js";

describe("dropna", () => {
  it("drops observations of a nest with a NaN in any checked field and records the step", () => {
    const f = sampleFrame();
    const out = f.dropna({ nest: "lc", subset: ["psfFlux", "lc.psfFluxErr"] });
    expect(out.length).toBe(3);
    expect(toArray(out.column("lc.psfFlux"))).toEqual([1, 3, 4, 5, 6, 7]);
    expect(out.cutflowSteps.at(-1)).toMatchObject({ step: "dropna", detail: "any null/NaN in lc.psfFlux, lc.psfFluxErr", observationsIn: 7, observationsOut: 6 });
    expectBalanced(out, f);
  });

  it("treats nulls like NaN, and how: 'all' drops only rows where every checked value is missing", () => {
    const f = new NestedFrame({
      nested: { lc: { offsets: Int32Array.of(0, 4), fields: { a: makeColumn([1, null, NaN, null]), b: makeColumn([null, 2, NaN, null]) } } },
    });
    expect(f.dropna({ nest: "lc" }).observationCount).toBe(0);
    expect(toArray(f.dropna({ nest: "lc", how: "all" }).column("lc.b"))).toEqual([null, 2]);
  });

  it("without a nest, checks base columns and drops objects", () => {
    const f = sampleFrame();
    const out = f.dropna();
    expect(toArray(out.column("objectId"))).toEqual([2n ** 53n + 3n, 2n ** 53n + 2n]);
    expect(out.cutflowSteps.at(-1)).toMatchObject({ objectsIn: 3, objectsOut: 2, observationsIn: 7, observationsOut: 7 });
  });

  it("a subset may mix base columns (objects) and nest.field names (observations) in one balanced step", () => {
    const f = sampleFrame();
    const out = f.dropna({ subset: ["ra", "lc.psfFlux"] });
    expect(out.length).toBe(2);
    expect(out.observationCount).toBe(6);
    expect(out.cutflowSteps).toHaveLength(1);
    expectBalanced(out, f);
  });

  it("keeps objects left empty (dropEmpty removes them)", () => {
    const out = sampleFrame().head(1).dropna({ nest: "lc", subset: ["psfFlux"] });
    expect(out.length).toBe(1);
  });

  it("names unknown columns and rejects a bad how", () => {
    expect(() => sampleFrame().dropna({ nest: "lc", subset: ["flux"] })).toThrow(ColumnNotFoundError);
    expect(() => sampleFrame().dropna({ subset: ["lc.psfFlx"] })).toThrow(/Did you mean "lc.psfFlux"/);
    expect(() => sampleFrame().dropna({ how: "some" as "any" })).toThrow(ArgumentError);
  });

  it("dropna, dropEmpty and loc chained on random frames keep the cut-flow balanced step by step", () => {
    const value = fc.oneof(fc.double({ min: -10, max: 10, noNaN: true }), fc.constant(NaN));
    fc.assert(
      fc.property(fc.array(fc.array(value, { maxLength: 6 }), { maxLength: 10 }), fc.array(fc.boolean(), { maxLength: 10 }), (lcs, keep) => {
        const offsets = Int32Array.from([0, ...lcs.map((_, i) => lcs.slice(0, i + 1).reduce((s, l) => s + l.length, 0))]);
        const f = new NestedFrame({ nested: { lc: { offsets, fields: { x: makeColumn(Float64Array.from(lcs.flat())) } } } });
        let out = f.dropna({ nest: "lc" }).dropEmpty("lc");
        out = out.loc(Array.from({ length: out.length }, (_, i) => keep[i] ?? true));
        const steps = out.cutflowSteps;
        expect(steps.map((s) => s.step)).toEqual(["dropna", "dropEmpty", "loc"]);
        expect(steps[0]).toMatchObject({ objectsIn: f.length, observationsIn: f.observationCount });
        for (let k = 1; k < steps.length; k++) {
          expect(steps[k]!.objectsIn).toBe(steps[k - 1]!.objectsOut);
          expect(steps[k]!.observationsIn).toBe(steps[k - 1]!.observationsOut);
        }
        expect(steps.at(-1)).toMatchObject({ objectsOut: out.length, observationsOut: out.observationCount });
        expect(steps[0]!.observationsIn - steps[0]!.observationsOut).toBe(lcs.flat().filter(Number.isNaN).length);
      }),
    );
  });
});
