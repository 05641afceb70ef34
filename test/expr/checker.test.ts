import { describe, expect, it } from "vitest";
import { makeColumn } from "../../src/frame/column.js";
import { ColumnNotFoundError } from "../../src/frame/errors.js";
import { NestedFrame } from "../../src/frame/nested-frame.js";
import { compileExpr } from "../../src/expr/compile.js";
import { ExprTypeError } from "../../src/expr/errors.js";

const frame = new NestedFrame({
  base: { objectId: makeColumn(BigInt64Array.of(1n)), coord_ra: makeColumn([1]) },
  nested: {
    lc: {
      offsets: Int32Array.of(0, 1),
      fields: { psfFlux: makeColumn([1]), band: makeColumn(["g"]), psfFlux_flag: makeColumn(Uint8Array.of(0), "bool") },
    },
  },
});

function typeError(expr: string): ExprTypeError {
  try {
    compileExpr(expr, frame);
  } catch (e) {
    if (e instanceof ExprTypeError) return e;
    throw e;
  }
  throw new Error(`no error for ${expr}`);
}

describe("type checking", () => {
  it("refuses to compare a string column with a number, naming both sides", () => {
    const e = typeError("coord_ra > 0 and lc.band == 3");
    expect(e.message).toMatch(/^Cannot compare lc\.band \(a string\) with 3 \(a number\)\. In "lc\.band == 3" at position 17:/);
    expect(e.subexpression).toBe("lc.band == 3");
  });

  it("refuses to compare a number column with a string", () => {
    expect(typeError("lc.psfFlux == 'g'").message).toMatch(/Cannot compare lc\.psfFlux \(a number\) with 'g' \(a string\)/);
  });

  it("refuses to order strings or booleans", () => {
    expect(typeError("lc.band < 'r'").message).toMatch(/'<' does not order strings; only ==, != and in compare them/);
    expect(typeError("lc.psfFlux_flag > false").message).toMatch(/does not order booleans/);
  });

  it("refuses a number used as a condition and suggests a comparison", () => {
    expect(typeError("not lc.psfFlux").message).toMatch(/lc\.psfFlux \(a number\) is not a condition; compare it, e\.g\. lc\.psfFlux != 0/);
    expect(typeError("coord_ra").subexpression).toBe("coord_ra");
    expect(typeError("lc.band or true").message).toMatch(/lc\.band \(a string\) is not a condition; compare it, e\.g\. lc\.band == "\.\.\."/);
  });

  it("refuses arithmetic and numeric functions on strings and booleans", () => {
    expect(typeError("lc.band + 1 > 0").message).toMatch(/'\+' needs a number, but lc\.band \(a string\) is not one/);
    expect(typeError("abs(lc.psfFlux_flag) > 0").message).toMatch(/abs\(\) needs a number/);
    expect(typeError("-lc.band == 'g'").message).toMatch(/Unary '-' needs a number/);
    expect(typeError("isnan(lc.band)").message).toMatch(/isnan\(\) needs a number/);
  });

  it("requires constant list items of the argument's type", () => {
    expect(typeError("lc.band in ['g', lc.band]").message).toMatch(/Items of an 'in' list must be constants/);
    expect(typeError("lc.band in ['g', 1]").message).toMatch(/Cannot compare lc\.band \(a string\) with the list item 1 \(a number\)/);
  });

  it("accepts isnull on any type and int64 with floats", () => {
    expect(() => compileExpr("isnull(lc.band) or isnull(lc.psfFlux_flag) or objectId > 0.5", frame)).not.toThrow();
  });

  it("reports an unknown column with the expression, the position and the nearest names", () => {
    let err: unknown;
    try {
      compileExpr("coord_ra > 0 and lc.psfflux > 0", frame);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ColumnNotFoundError);
    const e = err as ColumnNotFoundError;
    expect(e.column).toBe("lc.psfflux");
    expect(e.suggestions[0]).toBe("lc.psfFlux");
    expect(e.message).toMatch(/^Unknown column "lc\.psfflux" in the expression "coord_ra > 0 and lc\.psfflux > 0" \(position 17\)\. Did you mean "lc\.psfFlux", "lc\.psfFlux_flag"\?/);
  });

  it("suggests the nested name when the nest prefix is missing", () => {
    expect(() => compileExpr("psfFlux > 0", frame)).toThrow(/Did you mean "lc\.psfFlux"/);
  });
});
