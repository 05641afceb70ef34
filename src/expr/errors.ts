/**
 * Errors of the expression language. Both point into the source text: the
 * message repeats the expression with a caret (syntax) or an underline (type)
 * under the offending part, because a position number alone is hard to act on.
 */
import { NestedLcError } from "../frame/errors.js";

/** The source line with `^` under `[start, end)` (at least one caret), indented by two spaces. */
export function pointAt(source: string, start: number, end = start + 1): string {
  const width = Math.max(1, Math.min(end, source.length + 1) - start);
  return `  ${source}\n  ${" ".repeat(start)}${"^".repeat(width)}`;
}

/**
 * An expression that does not parse. `position` is the 0-based offset of the
 * offending character (the source length for an unexpected end).
 *
 * @example
 * try { parseExpr("(lc.flux > 0 and "); } catch (e) {
 *   if (e instanceof ExprSyntaxError) e.position; // 17
 * }
 */
export class ExprSyntaxError extends NestedLcError {
  override name = "ExprSyntaxError";
  readonly expression: string;
  readonly position: number;
  constructor(problem: string, expression: string, position: number) {
    super(`${problem} at position ${position}:\n${pointAt(expression, position)}`);
    this.expression = expression;
    this.position = position;
  }
}

/**
 * An expression that parses but cannot be evaluated on these columns: wrong
 * operand types, a number used as a condition, or one condition mixing two nests.
 * `start`/`end` delimit the sub-expression at fault.
 *
 * @example
 * try { frame.query("lc.band > 3"); } catch (e) {
 *   if (e instanceof ExprTypeError) e.subexpression; // "lc.band > 3": Cannot compare lc.band (a string) with 3 (a number) ...
 * }
 */
export class ExprTypeError extends NestedLcError {
  override name = "ExprTypeError";
  readonly expression: string;
  readonly start: number;
  readonly end: number;
  /** The text of the sub-expression at fault. */
  readonly subexpression: string;
  constructor(problem: string, expression: string, start: number, end: number) {
    const sub = expression.slice(start, end);
    super(`${problem} In "${sub}" at position ${start}:\n${pointAt(expression, start, end)}`);
    this.expression = expression;
    this.start = start;
    this.end = end;
    this.subexpression = sub;
  }
}
