import { describe, expect, it } from "vitest";
import { makeColumn } from "../../src/frame/column.js";
import { SchemaError } from "../../src/frame/errors.js";
import { NestedFrame } from "../../src/frame/nested-frame.js";
import { EvalContext } from "../../src/expr/context.js";

const frame = new NestedFrame({
  base: { ra: makeColumn([10, 20, 30]), band0: makeColumn(["g", "r", "g"]) },
  nested: { lc: { offsets: Int32Array.of(1, 3, 3, 4), fields: { flux: makeColumn([0, 1, 2, 3, 99]) } } },
});

describe("EvalContext", () => {
  it("covers the observation rows between offsets[0] and offsets[last]", () => {
    const ctx = new EvalContext(frame, { kind: "nest", nest: "lc" });
    expect(ctx.n).toBe(3);
    const v = ctx.load("lc.flux");
    expect(v.kind === "number" && Array.from(v.values)).toEqual([1, 2, 3]);
  });

  it("broadcasts base columns to each observation of their object", () => {
    const ctx = new EvalContext(frame, { kind: "nest", nest: "lc" });
    const ra = ctx.load("ra");
    expect(ra.kind === "number" && Array.from(ra.values)).toEqual([10, 10, 30]);
    const band = ctx.load("band0");
    expect(band.kind === "string" && Array.from(band.codes, (c) => band.dictionary[c])).toEqual(["g", "g", "g"]);
  });

  it("reads base columns as they are at object level", () => {
    const ctx = new EvalContext(frame, { kind: "base" });
    expect(ctx.n).toBe(3);
    const ra = ctx.load("ra");
    expect(ra.kind === "number" && ra.values.buffer).toBe(frame.base.ra!.type === "float64" && frame.base.ra!.values.buffer);
  });

  it("refuses a nested field at object level", () => {
    expect(() => new EvalContext(frame, { kind: "base" }).load("lc.flux")).toThrow(SchemaError);
  });
});
