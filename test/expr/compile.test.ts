import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeColumn } from "../../src/frame/column.js";
import { NestedLcError, SchemaError } from "../../src/frame/errors.js";
import { NestedFrame } from "../../src/frame/nested-frame.js";
import { compileExpr, evaluateExpr } from "../../src/expr/compile.js";
import { ExprTypeError } from "../../src/expr/errors.js";
import { formatExpr } from "../../src/expr/format.js";
import { conditions, frames } from "./helpers/arbitraries.js";
import { referenceQuery, snapshot } from "./helpers/reference.js";

/** Three objects with 3, 0 and 2 observations; nulls, NaN and ids past 2^53. */
function sample(): NestedFrame {
  return new NestedFrame({
    base: {
      objectId: makeColumn(BigInt64Array.of(2n ** 60n + 1n, 2n ** 60n + 2n, -5n)),
      coord_ra: makeColumn([5, 20, null]),
      nVisits: makeColumn(Int32Array.of(3, 0, 2)),
      variable: makeColumn([true, null, false]),
    },
    nested: {
      lc: {
        offsets: Int32Array.of(0, 3, 3, 5),
        fields: {
          psfFlux: makeColumn(Float32Array.of(1, -2, NaN, 4, Infinity)),
          psfFluxErr: makeColumn([0.5, null, 1, 2, 0]),
          band: makeColumn(["g", "r", null, "g", "i"]),
          psfFlux_flag: makeColumn(Uint8Array.of(0, 1, 0, 0, 1), "bool"),
          visit: makeColumn(BigInt64Array.of(10n, 11n, 2n ** 62n, 12n, 13n)),
        },
      },
    },
  });
}

const OPERATOR_CASES = [
  "lc.psfFlux == 1", "lc.psfFlux != 1", "lc.psfFlux < 1", "lc.psfFlux <= 1", "lc.psfFlux > 1", "lc.psfFlux >= 1",
  "lc.psfFlux + lc.psfFluxErr > 1", "lc.psfFlux - 1 < 0", "lc.psfFlux * 2 >= 2", "lc.psfFlux / lc.psfFluxErr > 1", "-lc.psfFlux < 0",
  "abs(lc.psfFlux) > 1.5", "isfinite(lc.psfFlux)", "isnan(lc.psfFlux)", "isnull(lc.psfFluxErr)", "isnull(lc.band)", "not isnull(coord_ra)",
  "lc.psfFlux in [1, 4]", "lc.psfFlux not in [1, 4]", "lc.band in ['g', 'i']", "lc.band not in ['g']", "lc.band == 'g'", "lc.band != 'g'",
  "not lc.psfFlux_flag", "lc.psfFlux_flag == false", "variable", "not variable", "variable or lc.psfFlux > 2",
  "lc.psfFlux > 0 and lc.psfFluxErr > 0", "lc.psfFlux > 0 or lc.psfFluxErr > 0", "lc.psfFlux > 0 & ~lc.psfFlux_flag | lc.band == 'i'",
  "coord_ra > 10", "coord_ra > 10 and lc.psfFlux > 0", "coord_ra > 10 or lc.psfFlux > 0", "lc.psfFlux > coord_ra / 10",
  "0 < lc.psfFlux < 5", "objectId == 1152921504606846977", "objectId > 1152921504606846977", "objectId in [-5, 1152921504606846978]",
  "lc.visit == 4611686018427387904", "lc.visit > objectId", "nVisits >= 2", "objectId > 1.5", "objectId == -5.0", "true", "false", "1 < 2",
];

describe("compileExpr", () => {
  it.each(OPERATOR_CASES)("%s gives what a row-by-row evaluation gives", (expr) => {
    const f = sample();
    expect(snapshot(f.query(expr))).toEqual(referenceQuery(f, expr));
  });

  it("splits the expression into conjuncts, each with the level it filters", () => {
    const q = compileExpr("coord_ra > 10 and (lc.psfFlux > 0 or variable) and true", sample());
    expect(q.conjuncts.map((c) => [c.text, c.level])).toEqual([
      ["coord_ra > 10", { kind: "base" }],
      ["(lc.psfFlux > 0 or variable)", { kind: "nest", nest: "lc" }],
      ["true", { kind: "const" }],
    ]);
    expect(q.columns).toEqual(["coord_ra", "lc.psfFlux", "variable"]);
  });

  it("evaluates to an object mask for base conjuncts and an observation mask per nest", () => {
    const m = evaluateExpr("coord_ra > 10 and lc.band == 'g'", sample());
    expect(Array.from(m.objects!)).toEqual([0, 1, 0]);
    expect(Array.from(m.observations.lc!)).toEqual([1, 0, 0, 1, 0]);
  });

  it("leaves the object mask out when no conjunct filters objects", () => {
    expect(evaluateExpr("lc.psfFlux > 0", sample()).objects).toBeUndefined();
  });

  it("compiles once and evaluates over other frames with the same columns", () => {
    const f = sample();
    const q = compileExpr("lc.psfFlux > 0 and coord_ra < 10", f);
    const part = f.takeObjects(Int32Array.of(2, 0));
    expect(Array.from(q.evaluate(part).objects!)).toEqual([0, 1]);
    expect(Array.from(q.evaluate(part).observations.lc!)).toEqual([1, 1, 1, 0, 0]);
  });

  it("evaluates nested fields over offsets that do not start at 0 (a zero-copy slice)", () => {
    const tail = sample().takeObjects(Int32Array.of(1, 2));
    expect(tail.nest("lc").offsets[0]).toBe(3);
    expect(Array.from(evaluateExpr("lc.psfFlux > coord_ra", tail).observations.lc!)).toEqual([0, 0]);
    expect(Array.from(evaluateExpr("lc.band == 'g' or objectId == -5", tail).observations.lc!)).toEqual([1, 1]);
  });

  it("refuses a frame whose column changed type since compilation", () => {
    const q = compileExpr("coord_ra > 1", sample());
    const other = new NestedFrame({ base: { coord_ra: makeColumn(["a", "b"]) } });
    expect(() => q.evaluate(other)).toThrow(SchemaError);
  });

  it("keeps int64 ids past 2^53 exact against integer literals and other int64 columns", () => {
    const f = new NestedFrame({ base: { id: makeColumn(BigInt64Array.of(2n ** 60n + 1n, 2n ** 60n + 2n)), id2: makeColumn(BigInt64Array.of(2n ** 60n + 2n, 2n ** 60n + 2n)) } });
    const keep = (e: string): number[] => Array.from(evaluateExpr(e, f).objects!);
    expect(keep(`id == ${2n ** 60n + 1n}`)).toEqual([1, 0]);
    expect(keep(`id != ${2n ** 60n + 1n}`)).toEqual([0, 1]);
    expect(keep(`id < ${2n ** 60n + 2n}`)).toEqual([1, 0]);
    expect(keep(`id in [${2n ** 60n + 2n}]`)).toEqual([0, 1]);
    expect(keep("id == id2")).toEqual([0, 1]);
    expect(keep(`-id == -${2n ** 60n + 2n}`)).toEqual([0, 1]);
    // 2^60 + 1 is not representable as a float64; the float literal is exactly 2^60.
    expect(keep(`id > ${(2 ** 60).toExponential()}`)).toEqual([1, 1]);
  });

  it("refuses to mix two nests in one conjunct, explaining why", () => {
    const f = sample().withNested("src", { offsets: Int32Array.of(0, 1, 1, 1), fields: { mag: makeColumn([20]) } });
    expect(() => compileExpr("lc.psfFlux > 0 or src.mag < 21", f)).toThrow(ExprTypeError);
    expect(() => compileExpr("lc.psfFlux > 0 or src.mag < 21", f)).toThrow(/mixes fields of nest "lc" and nest "src".*do not line up row by row/);
    expect(compileExpr("lc.psfFlux > 0 and src.mag < 21", f).conjuncts.map((c) => c.level)).toEqual([
      { kind: "nest", nest: "lc" },
      { kind: "nest", nest: "src" },
    ]);
  });

  it("random well-typed expressions over random frames agree with the row-by-row reference", () => {
    fc.assert(
      fc.property(frames, conditions(["lc"]), (frame, ast) => {
        const expr = formatExpr(ast);
        expect(snapshot(frame.query(expr))).toEqual(referenceQuery(frame, expr));
      }),
      { numRuns: 1000 },
    );
  });

  it("random expressions over two nests either agree with the reference or are refused as mixed", () => {
    fc.assert(
      fc.property(frames, fc.array(conditions(["lc", "src"]), { minLength: 1, maxLength: 3 }), (frame, parts) => {
        const expr = parts.map(formatExpr).join(" and ");
        const want = referenceQuery(frame, expr);
        if (want === "mixed") expect(() => frame.query(expr)).toThrow(ExprTypeError);
        else expect(snapshot(frame.query(expr))).toEqual(want);
      }),
      { numRuns: 600 },
    );
  });

  it("random expressions never fail with anything but a NestedLcError", () => {
    const atoms = ["lc.flux", "lc.band", "lc.flag", "ra", "name", "ok", "src.mag", "1", "'g'", "true", "nope", "lc.nope"];
    const ops = ["==", "<", "+", "*", "and", "or", "not", "in", "(", ")", "[", "]", ",", "abs(", "isnull("];
    fc.assert(
      fc.property(frames, fc.array(fc.constantFrom(...atoms, ...ops), { maxLength: 8 }), (frame, toks) => {
        try {
          frame.query(toks.join(" "));
        } catch (e) {
          expect(e).toBeInstanceOf(NestedLcError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
