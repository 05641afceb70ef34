import { describe, expect, it } from "vitest";
import { columnsOf, conjunctsOf } from "../../src/expr/ast.js";
import { formatExpr } from "../../src/expr/format.js";
import { parseExpr } from "../../src/expr/parser.js";

describe("columnsOf", () => {
  it("lists each referenced column once, in first-use order", () => {
    expect(columnsOf(parseExpr("lc.psfFlux > 0 and abs(lc.psfFlux) < coord_ra and x in [1]"))).toEqual(["lc.psfFlux", "coord_ra", "x"]);
  });
});

describe("conjunctsOf", () => {
  it("splits top-level ands through parentheses but not inside or/not", () => {
    const parts = conjunctsOf(parseExpr("(a and b) and (c or d and e) and not (f and g)")).map(formatExpr);
    expect(parts).toEqual(["a", "b", "(c or (d and e))", "(not (f and g))"]);
  });
});
