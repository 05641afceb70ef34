/**
 * The syntax tree of a query expression. Every node keeps its `[start, end)`
 * span in the source so that later errors can underline the exact sub-expression.
 */

export type CompareOp = "==" | "!=" | "<" | "<=" | ">" | ">=";
export type ArithOp = "+" | "-" | "*" | "/";
export type FunctionName = "abs" | "isfinite" | "isnan" | "isnull";
export const FUNCTION_NAMES: readonly FunctionName[] = ["abs", "isfinite", "isnan", "isnull"];

interface Span {
  readonly start: number;
  readonly end: number;
}

/** A numeric literal; `int` holds the exact value of an integer literal (no '.', no exponent). */
export interface NumberLit extends Span {
  readonly kind: "number";
  readonly value: number;
  readonly int?: bigint;
}
export interface StringLit extends Span {
  readonly kind: "string";
  readonly value: string;
}
export interface BoolLit extends Span {
  readonly kind: "bool";
  readonly value: boolean;
}
/** `objectId` or `lc.psfFlux` (dots join the parts; backticked parts may hold any character). */
export interface ColumnRef extends Span {
  readonly kind: "column";
  readonly name: string;
}
export interface Negate extends Span {
  readonly kind: "negate";
  readonly arg: Expr;
}
export interface Not extends Span {
  readonly kind: "not";
  readonly arg: Expr;
}
export interface Arith extends Span {
  readonly kind: "arith";
  readonly op: ArithOp;
  readonly left: Expr;
  readonly right: Expr;
}
export interface Compare extends Span {
  readonly kind: "compare";
  readonly op: CompareOp;
  readonly left: Expr;
  readonly right: Expr;
}
export interface Logical extends Span {
  readonly kind: "and" | "or";
  readonly left: Expr;
  readonly right: Expr;
}
export interface Call extends Span {
  readonly kind: "call";
  readonly fn: FunctionName;
  readonly arg: Expr;
}
/** `arg in [items]`, or `arg not in [items]` when `negated`. */
export interface InList extends Span {
  readonly kind: "in";
  readonly negated: boolean;
  readonly arg: Expr;
  readonly items: readonly Expr[];
}

export type Expr = NumberLit | StringLit | BoolLit | ColumnRef | Negate | Not | Arith | Compare | Logical | Call | InList;

/** The direct sub-expressions of a node, left to right. */
export function childrenOf(e: Expr): readonly Expr[] {
  switch (e.kind) {
    case "negate":
    case "not":
    case "call":
      return [e.arg];
    case "arith":
    case "compare":
    case "and":
    case "or":
      return [e.left, e.right];
    case "in":
      return [e.arg, ...e.items];
    default:
      return [];
  }
}

/**
 * Every column name an expression references, in first-use order, without repeats.
 *
 * @example
 * columnsOf(parseExpr("lc.psfFlux > 0 and abs(lc.psfFlux) < coord_ra")); // ["lc.psfFlux", "coord_ra"]
 */
export function columnsOf(e: Expr): string[] {
  const seen = new Set<string>();
  const walk = (x: Expr): void => {
    if (x.kind === "column") seen.add(x.name);
    for (const c of childrenOf(x)) walk(c);
  };
  walk(e);
  return [...seen];
}

/**
 * The top-level AND-conjuncts of an expression (parentheses do not matter:
 * `(a and b) and c` gives `[a, b, c]`). Each conjunct filters one level.
 *
 * @example
 * conjunctsOf(parseExpr("coord_ra > 10 and (lc.psfFlux > 0 or coord_dec < 0)")).length; // 2
 */
export function conjunctsOf(e: Expr): Expr[] {
  return e.kind === "and" ? [...conjunctsOf(e.left), ...conjunctsOf(e.right)] : [e];
}
