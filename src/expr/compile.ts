/**
 * Compile a query expression once against a frame's schema, then evaluate it
 * over that frame or any other with the same columns (e.g. every partition of a
 * catalog). Evaluation yields masks; the `query` verb applies them.
 *
 * ## Levels
 * The expression is split into its top-level AND-conjuncts (`a and b and c`;
 * parentheses do not matter). Each conjunct filters exactly one level:
 *
 * - only base columns (`coord_ra > 10`): filters **objects**;
 * - fields of one nest, possibly with base columns (`lc.psfFlux > 0`,
 *   `lc.psfFlux > 5 * coord_ra`, `coord_ra > 10 or lc.psfFlux > 0`): filters that
 *   nest's **observations**, each base value broadcast to its object's
 *   observations. Objects stay, possibly with empty light curves;
 * - fields of two different nests in one conjunct (`lc.x > 0 or src.y > 0`): an
 *   ExprTypeError, since their observations do not line up row by row;
 * - no column at all (`true`, `1 < 2`): keeps every object, or none when false.
 *
 * All conjuncts are evaluated on the input frame, so their order does not matter.
 *
 * ## Values
 * A comparison involving a null is false (`!=` too); NaN compares as IEEE says
 * (false, except `!=`). Logic is two-valued, so `not (x > 0)` keeps nulls.
 * int64 columns compare exactly with integer literals and other numbers, also
 * beyond 2^53; arithmetic converts to float64. Strings compare through their
 * dictionary codes (`lc.band == "g"`, `lc.band in ["g", "r"]`) and support only
 * `==`, `!=`, `in`. Bool columns may stand alone as conditions; numbers may not.
 */
import type { Expr } from "./ast.js";
import { conjunctsOf, columnsOf } from "./ast.js";
import { Compiler, type Node } from "./checker.js";
import { EvalContext, type ExprFrame, type Level } from "./context.js";
import { parseExpr } from "./parser.js";
import { type BoolValue, bothValid, truth } from "./values.js";

export type { ExprFrame, Level } from "./context.js";

/** One top-level conjunct: its text, the level it filters and the columns it reads. */
export interface CompiledConjunct {
  readonly text: string;
  readonly level: Level;
  readonly columns: readonly string[];
}

/**
 * What an expression keeps: `objects` (one byte per object, 1 = keep; absent =
 * keep all) and, per filtered nest, one byte per observation row covered by its
 * offsets (`offsets[0]` to `offsets[last]`).
 */
export interface ExprMasks {
  readonly objects?: Uint8Array;
  readonly observations: Readonly<Record<string, Uint8Array>>;
}

export interface CompiledExpr {
  readonly source: string;
  readonly ast: Expr;
  /** Every column the expression reads. */
  readonly columns: readonly string[];
  readonly conjuncts: readonly CompiledConjunct[];
  /** Evaluate over a frame with the columns (and column types) it was compiled for. */
  evaluate(frame: ExprFrame): ExprMasks;
}

function levelKey(l: Level): string {
  return l.kind === "nest" ? `nest:${l.nest}` : l.kind;
}

function evaluate(nodes: readonly Node[], frame: ExprFrame): ExprMasks {
  let objects: Uint8Array | undefined;
  const observations: Record<string, Uint8Array> = {};
  const contexts = new Map<string, EvalContext>();
  for (const node of nodes) {
    const key = levelKey(node.level);
    let ctx = contexts.get(key);
    if (!ctx) contexts.set(key, (ctx = new EvalContext(frame, node.level)));
    const mask = truth(node.run(ctx) as BoolValue);
    const l = node.level;
    if (l.kind === "const") {
      if (mask[0] === 0) objects = new Uint8Array(frame.length);
    } else if (l.kind === "base") objects = bothValid(objects, mask, mask.length)!;
    else observations[l.nest] = bothValid(observations[l.nest], mask, mask.length)!;
  }
  return objects ? { objects, observations } : { observations };
}

/**
 * Parse and type-check `expr` against `frame`'s columns, once. Unknown columns
 * throw ColumnNotFoundError (with the nearest names), bad syntax ExprSyntaxError,
 * type mistakes ExprTypeError.
 *
 * @example
 * const q = compileExpr("coord_ra > 10 and not lc.psfFlux_flag", frame);
 * q.conjuncts.map((c) => c.level.kind); // ["base", "nest"]
 * for (const part of [frame.head(3), frame.loc([3, 4, 5])]) {
 *   const { objects, observations } = q.evaluate(part); // compiled once, evaluated per partition
 *   const kept = part.filterObservations("lc", observations.lc!).loc(objects!);
 *   console.log(kept.length, kept.observationCount);
 * }
 */
export function compileExpr(expr: string, frame: ExprFrame): CompiledExpr {
  const ast = parseExpr(expr);
  const compiler = new Compiler(expr, frame);
  const nodes = conjunctsOf(ast).map((c) => compiler.condition(compiler.build(c)));
  const conjuncts = nodes.map((n) => ({ text: expr.slice(n.expr.start, n.expr.end), level: n.level, columns: columnsOf(n.expr) }));
  return { source: expr, ast, columns: columnsOf(ast), conjuncts, evaluate: (f) => evaluate(nodes, f) };
}

/**
 * Compile and evaluate in one go: the masks `expr` gives on `frame`.
 *
 * @example
 * const { objects, observations } = evaluateExpr("lc.band == 'g'", frame);
 * observations.lc; // Uint8Array, 1 for each g-band observation
 */
export function evaluateExpr(expr: string, frame: ExprFrame): ExprMasks {
  return compileExpr(expr, frame).evaluate(frame);
}
