import { describe, expect, it } from "vitest";
import { makeColumn, toArray } from "../../../src/frame/column.js";
import { ColumnNotFoundError } from "../../../src/frame/errors.js";
import { NestedFrame } from "../../../src/frame/nested-frame.js";
import { ExprSyntaxError, ExprTypeError } from "../../../src/expr/errors.js";

/** Three objects; object 1 (id 2^60+2) has no observations. */
function lightCurves(): NestedFrame {
  return new NestedFrame({
    base: {
      objectId: makeColumn(BigInt64Array.of(2n ** 60n + 1n, 2n ** 60n + 2n, 3n)),
      coord_ra: makeColumn([5, 20, 30]),
    },
    nested: {
      lc: {
        offsets: Int32Array.of(0, 3, 3, 6),
        fields: {
          psfFlux: makeColumn(Float32Array.of(1, -2, 3, NaN, 5, -6)),
          psfFluxErr: makeColumn([0.1, 0.2, null, 0.4, 0.5, 0.6]),
          band: makeColumn(["g", "r", "g", "i", "r", "g"]),
          psfFlux_flag: makeColumn(Uint8Array.of(0, 0, 1, 0, 0, 0), "bool"),
        },
      },
    },
  });
}

const ids = (f: NestedFrame): unknown[] => toArray(f.column("objectId"));
const fluxes = (f: NestedFrame): number[][] =>
  Array.from({ length: f.length }, (_, i) => Array.from(f.lightCurve(i, "lc").psfFlux as Float32Array));

describe("query", () => {
  it("filters observations with nested terms and keeps every object", () => {
    const out = lightCurves().query("lc.psfFlux > 0");
    expect(ids(out)).toEqual([2n ** 60n + 1n, 2n ** 60n + 2n, 3n]);
    expect(fluxes(out)).toEqual([[1, 3], [], [5]]);
  });

  it("filters objects with base terms and keeps their whole light curves", () => {
    const out = lightCurves().query("coord_ra > 10");
    expect(ids(out)).toEqual([2n ** 60n + 2n, 3n]);
    expect(fluxes(out)).toEqual([[], [NaN, 5, -6]]);
  });

  it("with 'and', drops objects by the base term and observations by the nested term", () => {
    const out = lightCurves().query("coord_ra > 10 and lc.psfFlux > 0");
    expect(ids(out)).toEqual([2n ** 60n + 2n, 3n]);
    expect(fluxes(out)).toEqual([[], [5]]);
  });

  it("with 'or', keeps each observation where either the base or the nested term holds", () => {
    const out = lightCurves().query("coord_ra > 10 or lc.psfFlux > 0");
    expect(ids(out)).toHaveLength(3);
    expect(fluxes(out)).toEqual([[1, 3], [], [NaN, 5, -6]]);
  });

  it("compares base columns with nested fields, observation by observation", () => {
    expect(fluxes(lightCurves().query("lc.psfFlux * 10 > coord_ra"))).toEqual([[1, 3], [], [5]]);
  });

  it("selects bands through the dictionary, by equality or membership", () => {
    expect(fluxes(lightCurves().query("lc.band == 'g'"))).toEqual([[1, 3], [], [-6]]);
    expect(fluxes(lightCurves().query('lc.band in ["r", "i"]'))).toEqual([[-2], [], [NaN, 5]]);
  });

  it("uses bool flags bare", () => {
    expect(fluxes(lightCurves().query("not lc.psfFlux_flag and isfinite(lc.psfFlux)"))).toEqual([[1, -2], [], [5, -6]]);
  });

  it("drops observations whose value is null or NaN from every comparison", () => {
    expect(fluxes(lightCurves().query("lc.psfFluxErr > 0 and lc.psfFlux == lc.psfFlux"))).toEqual([[1, -2], [], [5, -6]]);
    expect(fluxes(lightCurves().query("isnull(lc.psfFluxErr)"))).toEqual([[3], [], []]);
  });

  it("matches int64 ids past 2^53 exactly", () => {
    expect(ids(lightCurves().query("objectId == 1152921504606846978"))).toEqual([2n ** 60n + 2n]);
    expect(ids(lightCurves().query("objectId != 1152921504606846978"))).toEqual([2n ** 60n + 1n, 3n]);
  });

  it("keeps everything for 'true' and nothing for 'false'", () => {
    expect(lightCurves().query("true").observationCount).toBe(6);
    const none = lightCurves().query("false");
    expect([none.length, none.observationCount]).toEqual([0, 0]);
  });

  it("records one cut-flow step whose counts balance", () => {
    const out = lightCurves().query("coord_ra > 10 and lc.psfFlux > 0");
    expect(out.cutflowSteps).toEqual([
      { step: "query", detail: "coord_ra > 10 and lc.psfFlux > 0", objectsIn: 3, objectsOut: 2, observationsIn: 6, observationsOut: 1 },
    ]);
    const twice = out.query("lc.band == 'r'");
    expect(twice.cutflowSteps.map((s) => [s.objectsIn, s.objectsOut, s.observationsIn, s.observationsOut])).toEqual([
      [3, 2, 6, 1],
      [2, 2, 1, 1],
    ]);
  });

  it("works on a zero-copy slice whose offsets do not start at 0", () => {
    const tail = lightCurves().takeObjects(Int32Array.of(1, 2));
    expect(fluxes(tail.query("lc.psfFlux < 0 or lc.band == 'i'"))).toEqual([[], [NaN, -6]]);
  });

  it("filters each nest by its own conjuncts", () => {
    const f = lightCurves().withNested("src", { offsets: Int32Array.of(0, 1, 2, 2), fields: { mag: makeColumn([20, 24]) } });
    const out = f.query("lc.psfFlux > 0 and src.mag < 22");
    expect(fluxes(out)).toEqual([[1, 3], [], [5]]);
    expect([out.nest("src").offsets, toArray(out.column("src.mag"))]).toEqual([Int32Array.of(0, 1, 1, 1), [20]]);
  });

  it("explains why one condition cannot mix two nests", () => {
    const f = lightCurves().withNested("src", { offsets: Int32Array.of(0, 1, 2, 2), fields: { mag: makeColumn([20, 24]) } });
    expect(() => f.query("lc.psfFlux > 0 or src.mag < 22")).toThrow(ExprTypeError);
    expect(() => f.query("lc.psfFlux > 0 or src.mag < 22")).toThrow(/mixes fields of nest "lc" and nest "src"/);
  });

  it("shows a syntax error's position with a caret", () => {
    expect(() => lightCurves().query("(lc.psfFlux > 0 and ")).toThrow(ExprSyntaxError);
    expect(() => lightCurves().query("(lc.psfFlux > 0 and ")).toThrow("at position 20:\n  (lc.psfFlux > 0 and \n                      ^");
  });

  it("suggests the nearest column for a misspelt one", () => {
    expect(() => lightCurves().query("lc.psfflux > 0")).toThrow(ColumnNotFoundError);
    expect(() => lightCurves().query("lc.psfflux > 0")).toThrow(/Unknown column "lc\.psfflux".*Did you mean "lc\.psfFlux"/);
  });

  it("names the sub-expression in a type error", () => {
    expect(() => lightCurves().query("lc.psfFlux > 0 and lc.band == 1")).toThrow(/Cannot compare lc\.band \(a string\) with 1 \(a number\)\. In "lc\.band == 1"/);
  });

  it("leaves the input frame unchanged", () => {
    const f = lightCurves();
    f.query("coord_ra > 10 and lc.psfFlux > 0");
    expect([f.length, f.observationCount, f.cutflowSteps.length]).toEqual([3, 6, 0]);
  });
});

describe("query with a compiled expression", () => {
  it("applies an expression compiled once to other frames with the same columns", async () => {
    const { compileExpr } = await import("../../../src/expr/compile.js");
    const { NestedFrame } = await import("../../../src/frame/nested-frame.js");
    const { makeColumn } = await import("../../../src/frame/column.js");
    const part = (fluxes: number[]) =>
      new NestedFrame({
        base: { id: makeColumn(BigInt64Array.of(1n)) },
        nested: { lc: { offsets: Int32Array.of(0, fluxes.length), fields: { flux: makeColumn(Float32Array.from(fluxes)) } } },
      });
    const compiled = compileExpr("lc.flux > 0", part([1]));
    expect(part([1, -1, 2]).query(compiled).toArray("lc.flux")).toEqual([1, 2]);
    const q = part([-5, 5]).query(compiled);
    expect(q.toArray("lc.flux")).toEqual([5]);
    expect(q.cutflow().steps[0]).toMatchObject({ step: "query", detail: "lc.flux > 0", observationsIn: 2, observationsOut: 1 });
  });
});
