import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NestedLcError } from "../../src/frame/errors.js";
import { ExprSyntaxError } from "../../src/expr/errors.js";
import { formatExpr } from "../../src/expr/format.js";
import { parseExpr } from "../../src/expr/parser.js";

const shape = (s: string): string => formatExpr(parseExpr(s));

describe("parseExpr", () => {
  it("binds and tighter than or, and not looser than comparisons", () => {
    expect(shape("a or b and not c > 1")).toBe("(a or (b and (not (c > 1))))");
  });

  it("binds * / tighter than + -, and unary minus tightest", () => {
    expect(shape("-a + b * c / 2 - 1")).toBe("(((-a) + ((b * c) / 2)) - 1)");
  });

  it("gives &, |, ~ the precedence of and, or, not (as pandas' query does)", () => {
    expect(shape("~x > 0 & y < 1 | z")).toBe(shape("not x > 0 and y < 1 or z"));
  });

  it("reads a chained comparison as a conjunction", () => {
    expect(shape("0 < lc.flux <= 5")).toBe("((0 < lc.flux) and (lc.flux <= 5))");
  });

  it("parses in and not in with literal lists, including an empty one and a trailing comma", () => {
    expect(shape("lc.band in ['g', 'r',]")).toBe('(lc.band in ["g", "r"])');
    expect(shape("x not in [-1, 2.5]")).toBe("(x not in [(-1), 2.5])");
    expect(shape("x in []")).toBe("(x in [])");
  });

  it("parses function calls and dotted, backticked column names", () => {
    expect(shape("abs(lc.flux) > 1 and isnull(`odd name`.`x y`)")).toBe("((abs(lc.flux) > 1) and isnull(`odd name`.`x y`))");
  });

  it("keeps integer literals exact as bigint and marks decimals as floats", () => {
    const e = parseExpr("id == 1234567890123456789");
    expect(e.kind === "compare" && e.right.kind === "number" && e.right.int).toBe(1234567890123456789n);
    const f = parseExpr("x == 1.0");
    expect(f.kind === "compare" && f.right.kind === "number" && f.right.int).toBeUndefined();
  });

  it("records each node's span, parentheses included", () => {
    const e = parseExpr("(a > 1) and b");
    expect(e.kind === "and" && [e.left.start, e.left.end, e.right.start]).toEqual([0, 7, 12]);
  });

  it("reports a missing ')' at the end of the input with a caret", () => {
    expect(() => parseExpr("(lc.flux > 0 and lc.err > 0")).toThrow(
      "Expected ')' but found end of expression at position 27:\n  (lc.flux > 0 and lc.err > 0\n                             ^",
    );
  });

  it("reports an unexpected end after an operator at the end position", () => {
    expect(() => parseExpr("(lc.flux > 0 and ")).toThrow("Unexpected end of expression at position 17:\n  (lc.flux > 0 and \n                   ^");
  });

  it("names unknown functions and lists the available ones", () => {
    expect(() => parseExpr("sqrt(x) > 1")).toThrow(/Unknown function 'sqrt' \(available: abs, isfinite, isnan, isnull\) at position 0/);
  });

  it("hints at a missing operator between two values", () => {
    expect(() => parseExpr("a > 1 b < 2")).toThrow(/Unexpected 'b' \(missing 'and'\/'or' or an operator\?\) at position 6/);
  });

  it("rejects an empty expression", () => {
    expect(() => parseExpr("   ")).toThrow(/Empty expression at position 3/);
  });

  it("prints back to text that parses to the same tree (random token soups)", () => {
    const toks = ["a", "lc.f", "1", "2.5", "'g'", "true", "==", "<", "+", "*", "-", "and", "or", "not", "in", "(", ")", "[", "]", ",", "abs(", "~"];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...toks), { maxLength: 10 }), (parts) => {
        let tree;
        try {
          tree = parseExpr(parts.join(" "));
        } catch (e) {
          expect(e).toBeInstanceOf(ExprSyntaxError);
          return;
        }
        expect(shape(formatExpr(tree))).toBe(formatExpr(tree));
      }),
      { numRuns: 1000 },
    );
  });

  it("never throws anything but ExprSyntaxError on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        try {
          parseExpr(s);
        } catch (e) {
          expect(e).toBeInstanceOf(ExprSyntaxError);
          expect(e).toBeInstanceOf(NestedLcError);
          expect((e as ExprSyntaxError).position).toBeGreaterThanOrEqual(0);
          expect((e as ExprSyntaxError).position).toBeLessThanOrEqual(s.length);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
