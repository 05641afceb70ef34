/**
 * Bad input: query expressions. A syntax error is an ExprSyntaxError whose
 * message repeats the expression with a caret under the offending character
 * (and whose `position` says where); an unknown column suggests the nearest
 * names; a type error underlines the sub-expression. A band that no row has is
 * not an error (a partition may simply lack it): the cut-flow shows what the
 * query removed. Related: test/expr/parser.test.ts, errors.test.ts and
 * checker.test.ts (the grammar's own cases), test/expr/parser-fuzz.test.ts.
 */
import { describe, expect, it } from "vitest";
import { ColumnNotFoundError } from "../../src/frame/errors.js";
import { ExprSyntaxError, ExprTypeError } from "../../src/expr/errors.js";
import { readHats } from "../../src/io/hats-read.js";
import { caught, chunks, sample, scratch, writeHatsCatalog } from "./helpers.js";

const objects = sample(12).objects;

/** The error `objects.query(expr)` throws. */
const queryError = (expr: string) => caught(() => objects.query(expr));

describe("a query that does not parse", () => {
  it("points a caret at a doubled operator", async () => {
    const e = await queryError("objectForcedSource.psfFlux > > 0");
    expect(e).toBeInstanceOf(ExprSyntaxError);
    expect((e as ExprSyntaxError).position).toBe(29);
    expect(e.message).toBe(["Unexpected '>' at position 29:", "  objectForcedSource.psfFlux > > 0", `  ${" ".repeat(29)}^`].join("\n"));
  });

  it("points at the end for a parenthesis never closed", async () => {
    const expr = "(objectForcedSource.psfFlux > 0 and coord_ra < 60";
    const e = await queryError(expr);
    expect(e).toBeInstanceOf(ExprSyntaxError);
    expect((e as ExprSyntaxError).position).toBe(expr.length);
    expect(e.message.startsWith(`Expected ')' but found end of expression at position ${expr.length}:`)).toBe(true);
  });

  it("points at the quote of a string never closed", async () => {
    const e = await queryError("objectForcedSource.band == 'r");
    expect(e).toBeInstanceOf(ExprSyntaxError);
    expect((e as ExprSyntaxError).position).toBe(27);
    expect(e.message).toMatch(/^Unterminated string \(opened with '\) at position 27:/);
  });

  it("points at a character the language does not have", async () => {
    const e = await queryError("objectForcedSource.psfFlux > 0 ∧ coord_ra > 1");
    expect(e).toBeInstanceOf(ExprSyntaxError);
    expect(e.message).toMatch(/^Unexpected character '∧' at position 31:/);
  });

  it("lists the functions there are for an unknown one", async () => {
    const e = await queryError("sqrt(objectForcedSource.psfFlux) > 0");
    expect(e).toBeInstanceOf(ExprSyntaxError);
    expect(e.message).toMatch(/^Unknown function 'sqrt' \(available: abs, isfinite, isnan, isnull\) at position 0:/);
  });

  it("says an empty filter is empty", async () => {
    const e = await queryError("   ");
    expect(e).toBeInstanceOf(ExprSyntaxError);
    expect(e.message).toMatch(/^Empty expression at position 3:/);
  });

  it("fails a filtered HATS read with the same error, before any frame is returned", async () => {
    const dir = scratch("query");
    await writeHatsCatalog(dir, chunks(objects, 2));
    const e = await caught(() => readHats(dir, { filter: "objectForcedSource.psfFlux >" }));
    expect(e).toBeInstanceOf(ExprSyntaxError);
    expect((e as ExprSyntaxError).position).toBe(28);
  });
});

describe("a query that parses but cannot run", () => {
  it("names a misspelt column with the nearest names", async () => {
    const e = await queryError("objectForcedSource.psfflux > 0");
    expect(e).toBeInstanceOf(ColumnNotFoundError);
    expect((e as ColumnNotFoundError).suggestions.slice(0, 2)).toEqual(["objectForcedSource.psfFlux", "objectForcedSource.psfFluxErr"]);
    expect(e.message).toMatch(/^Unknown column "objectForcedSource.psfflux" in the expression "objectForcedSource.psfflux > 0" \(position 0\)\. Did you mean "objectForcedSource.psfFlux"/);
  });

  it("underlines a comparison of a number with a string", async () => {
    const e = await queryError("objectForcedSource.psfFlux > 0 and coord_ra < 'x'");
    expect(e).toBeInstanceOf(ExprTypeError);
    expect((e as ExprTypeError).subexpression).toBe("coord_ra < 'x'");
    expect(e.message.split("\n").at(-1)).toBe(`  ${" ".repeat(35)}${"^".repeat(14)}`);
  });

  it("refuses a number used as a condition, suggesting a comparison", async () => {
    const e = await queryError("objectForcedSource.psfFlux");
    expect(e).toBeInstanceOf(ExprTypeError);
    expect(e.message).toMatch(/is not a condition; compare it, e\.g\. objectForcedSource\.psfFlux != 0/);
  });
});

describe("a query for a band no row has", () => {
  it("keeps no observation and the cut-flow says how many it removed", () => {
    const q = objects.query("objectForcedSource.band == 'q'");
    expect(q.observationCount).toBe(0);
    expect(q.length).toBe(objects.length); // objects stay, with empty light curves
    const step = q.cutflow().steps.at(-1)!;
    expect(step).toMatchObject({ observationsIn: objects.observationCount, observationsOut: 0 });
  });
});
