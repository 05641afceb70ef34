import { describe, expect, it } from "vitest";
import { NestedLcError } from "../../src/frame/errors.js";
import { ExprSyntaxError, ExprTypeError, pointAt } from "../../src/expr/errors.js";

describe("expression errors", () => {
  it("pointAt puts a caret under a position, indented like the source", () => {
    expect(pointAt("a > ", 4)).toBe("  a > \n      ^");
  });

  it("pointAt underlines a whole span", () => {
    expect(pointAt("x and lc.band > 3", 6, 17)).toBe("  x and lc.band > 3\n        ^^^^^^^^^^^");
  });

  it("ExprSyntaxError carries the position and shows it in the message", () => {
    const e = new ExprSyntaxError("Expected ')'", "(lc.flux > 0 and ", 17);
    expect(e).toBeInstanceOf(NestedLcError);
    expect(e.name).toBe("ExprSyntaxError");
    expect(e.position).toBe(17);
    expect(e.message).toBe("Expected ')' at position 17:\n  (lc.flux > 0 and \n                   ^");
  });

  it("ExprTypeError names the sub-expression and underlines it", () => {
    const e = new ExprTypeError("Cannot compare.", "x and lc.band > 3", 6, 17);
    expect(e).toBeInstanceOf(NestedLcError);
    expect(e.subexpression).toBe("lc.band > 3");
    expect(e.message).toBe('Cannot compare. In "lc.band > 3" at position 6:\n  x and lc.band > 3\n        ^^^^^^^^^^^');
  });
});
