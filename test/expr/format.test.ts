import { describe, expect, it } from "vitest";
import { formatExpr } from "../../src/expr/format.js";
import { parseExpr } from "../../src/expr/parser.js";

describe("formatExpr", () => {
  it("parenthesises every compound sub-expression", () => {
    expect(formatExpr(parseExpr("a>1 and not b"))).toBe("((a > 1) and (not b))");
  });

  it("keeps a float literal a float, so 2.0 does not turn into the integer 2", () => {
    expect(formatExpr(parseExpr("x == 2.0"))).toBe("(x == 2.0)");
    expect(formatExpr(parseExpr("x == 1e400"))).toBe("(x == 1e999)");
  });

  it("quotes strings and backticks names that are not plain identifiers", () => {
    expect(formatExpr(parseExpr('`in`.`a b` == "say \\"hi\\""'))).toBe('(`in`.`a b` == "say \\"hi\\"")');
  });
});
