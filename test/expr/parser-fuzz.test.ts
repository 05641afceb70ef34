/**
 * Fuzzing the query language beyond parser.test.ts and compile.test.ts (which
 * cover token soups, short random strings and random well-typed trees): any
 * Unicode text, one-character mutations of valid queries run on random
 * frames, and pathological nesting and chain lengths. Whatever the input, the
 * only failures are the library's typed errors (never a RangeError from a
 * blown stack), a syntax error's caret sits under its position, and a mutated
 * query that runs agrees with the row-by-row reference.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeColumn } from "../../src/frame/column.js";
import { NestedLcError } from "../../src/frame/errors.js";
import { NestedFrame } from "../../src/frame/nested-frame.js";
import { ExprSyntaxError } from "../../src/expr/errors.js";
import { formatExpr } from "../../src/expr/format.js";
import { MAX_DEPTH, MAX_NESTING, parseExpr } from "../../src/expr/parser.js";
import { conditions, frames } from "./helpers/arbitraries.js";
import { referenceQuery, snapshot } from "./helpers/reference.js";

/** The caret line of an ExprSyntaxError's message: two spaces, `position` spaces, then `^`. */
function caretColumn(e: ExprSyntaxError): number {
  const last = e.message.split("\n").at(-1)!;
  return last.indexOf("^") - 2;
}

// NLC_FUZZ_SCALE=20 runs every property 20 times longer (a deeper search than the suite's).
const RUNS = Number(process.env["NLC_FUZZ_SCALE"] ?? 1) * 400;

describe("the query parser under fuzzing", () => {
  it("fails any Unicode text only with ExprSyntaxError, its caret under its position", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 60 }), (s) => {
        try {
          parseExpr(s);
        } catch (e) {
          expect(e).toBeInstanceOf(ExprSyntaxError);
          const x = e as ExprSyntaxError;
          expect(x.position).toBeGreaterThanOrEqual(0);
          expect(x.position).toBeLessThanOrEqual(s.length);
          if (!s.includes("\n")) expect(caretColumn(x)).toBe(x.position);
        }
      }),
      { numRuns: RUNS * 3 },
    );
  });

  it("runs one-character mutations of valid queries to the reference's answer, or fails with a typed error", () => {
    const edit = fc.record({ at: fc.nat(), kind: fc.constantFrom("insert", "delete", "replace"), ch: fc.constantFrom(..."()[],.'\"<>=!&|~+-*/ 01xnotandorinlc") });
    fc.assert(
      fc.property(frames, conditions(["lc"]), edit, (frame, ast, m) => {
        const text = formatExpr(ast);
        const k = m.at % (text.length + 1);
        const mutated = m.kind === "insert" ? text.slice(0, k) + m.ch + text.slice(k) : m.kind === "delete" ? text.slice(0, k) + text.slice(k + 1) : text.slice(0, k) + m.ch + text.slice(k + 1);
        let got;
        try {
          got = frame.query(mutated);
        } catch (e) {
          expect(e).toBeInstanceOf(NestedLcError);
          return;
        }
        expect(snapshot(got)).toEqual(referenceQuery(frame, mutated));
      }),
      { numRuns: RUNS },
    );
  });

  it("refuses nesting past MAX_NESTING levels with a syntax error at the first level too many", () => {
    const frame = new NestedFrame({ base: { a: makeColumn(Float64Array.of(1, 2, 3)) } });
    fc.assert(
      fc.property(fc.constantFrom(["(", ")"], ["not ", ""], ["-", ""], ["abs(", ")"]), fc.integer({ min: 0, max: 5000 }), ([open, close], depth) => {
        const cond = open === "-" || open === "abs(" ? (s: string) => `${s} < 5` : (s: string) => s;
        const inner = open === "-" || open === "abs(" ? "a" : "a > 1";
        const expr = cond(open.repeat(depth) + inner + close.repeat(depth));
        try {
          const n = frame.query(expr).length;
          expect(depth).toBeLessThanOrEqual(MAX_NESTING);
          expect(n).toBeGreaterThanOrEqual(0);
        } catch (e) {
          expect(e).toBeInstanceOf(ExprSyntaxError);
          expect(depth).toBeGreaterThan(MAX_NESTING);
          expect((e as ExprSyntaxError).message).toContain(`Expression nested more than ${MAX_NESTING} levels deep`);
          expect((e as ExprSyntaxError).position).toBe(MAX_NESTING * open.length);
        }
      }),
      { numRuns: Math.ceil(RUNS / 6) },
    );
  });

  it("runs long chains of and, or and + as their short forms, and refuses chains past MAX_DEPTH", () => {
    const frame = new NestedFrame({ base: { a: makeColumn(Float64Array.of(0, 1, 2, 3)) } });
    const want = (expr: string) => Array.from(frame.query(expr).numbers("a"));
    fc.assert(
      fc.property(fc.constantFrom("and", "or", "+"), fc.integer({ min: 1, max: 3000 }), (op, n) => {
        const expr = op === "+" ? `${Array(n).fill("a").join(" + ")} > ${n}` : Array(n).fill("a > 1").join(` ${op} `);
        try {
          // n copies of a summed exceed n exactly where a > 1; n copies of "a > 1" joined are "a > 1"
          expect(Array.from(frame.query(expr).numbers("a"))).toEqual(want("a > 1"));
          expect(n).toBeLessThanOrEqual(MAX_DEPTH);
        } catch (e) {
          expect(e).toBeInstanceOf(ExprSyntaxError);
          expect((e as ExprSyntaxError).message).toMatch(/^Expression more than \d+ operations deep \(split a long chain into several queries\)/);
          expect(n).toBeGreaterThan(MAX_DEPTH); // the chain is n operations deep
        }
      }),
      { numRuns: Math.ceil(RUNS / 10) },
    );
  });

  it("takes an in-list of 20,000 items (a list is wide, not deep)", () => {
    const frame = new NestedFrame({ base: { a: makeColumn(Float64Array.of(0, 1, 2, 19999, 20000)) } });
    const expr = `a in [${Array.from({ length: 20000 }, (_, i) => i).join(", ")}]`;
    expect(Array.from(frame.query(expr).numbers("a"))).toEqual([0, 1, 2, 19999]);
  });
});
