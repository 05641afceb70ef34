import { describe, expect, it } from "vitest";
import { ExprSyntaxError } from "../../src/expr/errors.js";
import { tokenize } from "../../src/expr/lexer.js";

const texts = (s: string): string[] => tokenize(s).map((t) => `${t.kind}:${t.text}`);

describe("tokenize", () => {
  it("splits a dotted column, an operator and a quoted string", () => {
    expect(texts("lc.band == 'g'")).toEqual(["ident:lc", "op:.", "ident:band", "op:==", "string:g", "end:"]);
  });

  it("reads integers, decimals and exponents as number tokens", () => {
    expect(texts("12 1.5 .5 1e-3 2E+4 3.")).toEqual(["number:12", "number:1.5", "number:.5", "number:1e-3", "number:2E+4", "number:3.", "end:"]);
  });

  it("lexes &, |, ~ (and && ||) as the keywords and, or, not", () => {
    expect(texts("a & b | ~c && d || e").filter((t) => t.startsWith("keyword"))).toEqual([
      "keyword:and", "keyword:or", "keyword:not", "keyword:and", "keyword:or",
    ]);
  });

  it("treats True/False like true/false, and backticked keywords as names", () => {
    expect(texts("True `in` `odd name`")).toEqual(["keyword:true", "ident:in", "ident:odd name", "end:"]);
  });

  it("keeps each token's span in the source", () => {
    const [a, op, b] = tokenize("ra  >=  1");
    expect([a!.start, a!.end, op!.start, op!.end, b!.start]).toEqual([0, 2, 4, 6, 8]);
  });

  it("accepts both quote styles and backslash escapes", () => {
    expect(tokenize(`"it's" 'say \\'hi\\''`).slice(0, 2).map((t) => t.text)).toEqual(["it's", "say 'hi'"]);
  });

  it("rejects a single '=' with a hint to use '=='", () => {
    expect(() => tokenize("ra = 3")).toThrow(/Unexpected character '=' \(use '==' to compare\) at position 3/);
  });

  it("rejects an unterminated string at its opening quote", () => {
    let e: unknown;
    try {
      tokenize("band == 'g");
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(ExprSyntaxError);
    expect((e as ExprSyntaxError).position).toBe(8);
  });

  it("rejects letters glued to a number and malformed exponents", () => {
    expect(() => tokenize("3abc")).toThrow(ExprSyntaxError);
    expect(() => tokenize("1e+")).toThrow(/Malformed exponent/);
  });
});
