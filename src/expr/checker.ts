/**
 * Type-check a parsed expression against a frame's columns and turn each node
 * into a kernel over whole arrays. Constant sub-expressions are folded once
 * here; nothing is ever evaluated per row or through `eval`/`new Function`.
 */
import { ColumnNotFoundError, SchemaError } from "../frame/errors.js";
import type { Expr } from "./ast.js";
import { absolute, arithmetic, isFiniteMask, isNaNMask, isNullMask, negate } from "./arith-kernels.js";
import { compareNumbers, equalStrings, numbersIn, stringsIn } from "./compare-kernels.js";
import { EvalContext, type ExprFrame, type Level, levelName } from "./context.js";
import { ExprTypeError } from "./errors.js";
import { boolValue, logical, logicalNot } from "./logic-kernels.js";
import {
  type BoolValue, type Int64Value, type NumValue, type StrValue, type Value, type ValueKind,
  boolAsNumber, kindOfColumn, scalarOf,
} from "./values.js";

/** A type-checked sub-expression: its type, the rows it runs over, and its kernel. */
export interface Node {
  readonly expr: Expr;
  readonly type: ValueKind;
  readonly level: Level;
  run(ctx: EvalContext): Value;
}

type Numeric = NumValue | Int64Value;
const A_TYPE: Readonly<Record<ValueKind, string>> = { number: "a number", int64: "an int64 number", bool: "a boolean", string: "a string" };
const isNumeric = (t: ValueKind): boolean => t === "number" || t === "int64";
const CONST: Level = { kind: "const" };

export class Compiler {
  constructor(
    readonly source: string,
    private readonly frame: ExprFrame,
  ) {}

  fail(problem: string, e: Expr): never {
    throw new ExprTypeError(problem, this.source, e.start, e.end);
  }

  /** `lc.band (a string)`: how an operand appears in a type error. */
  show(n: Node): string {
    const type = n.expr.kind === "number" ? "a number" : A_TYPE[n.type];
    return `${this.source.slice(n.expr.start, n.expr.end)} (${type})`;
  }

  /** Require a condition; numbers and strings are not silently truthy. */
  condition(n: Node): Node {
    if (n.type === "bool") return n;
    const text = this.source.slice(n.expr.start, n.expr.end);
    const eg = n.type === "string" ? `${text} == "..."` : `${text} != 0`;
    return this.fail(`${this.show(n)} is not a condition; compare it, e.g. ${eg}.`, n.expr);
  }

  private numeric(n: Node, what: string): Node {
    return isNumeric(n.type) ? n : this.fail(`${what} needs a number, but ${this.show(n)} is not one.`, n.expr);
  }

  private join(a: Level, b: Level, e: Expr): Level {
    if (a.kind === "const") return b;
    if (b.kind === "const" || (a.kind === "base" && b.kind === "base")) return a;
    if (a.kind === "base") return b;
    if (b.kind === "base" || (b.kind === "nest" && b.nest === a.nest)) return a;
    return this.fail(
      `This condition mixes fields of ${levelName(a)} and ${levelName(b)}. Their observations do not line up row by row, ` +
        `so no single observation can be kept or dropped by it. Join one condition per nest with 'and' ` +
        `(each filters its own nest), or reduce each nest to per-object values first.`,
      e,
    );
  }

  /** Type-check `e` and build its kernel; constant sub-trees are evaluated now. */
  build(e: Expr): Node {
    const n = this.node(e);
    if (n.level.kind !== "const" || e.kind === "number" || e.kind === "string" || e.kind === "bool") return n;
    const v: Value = { ...n.run(new EvalContext(this.frame, CONST)), scalar: true };
    return { ...n, run: () => v };
  }

  private node(e: Expr): Node {
    switch (e.kind) {
      case "number":
      case "string":
      case "bool": {
        const v = scalarOf(e.kind === "number" ? (e.int ?? e.value) : e.value);
        return { expr: e, type: v.kind, level: CONST, run: () => v };
      }
      case "column":
        return this.column(e.name, e);
      case "negate": {
        const a = this.numeric(this.build(e.arg), "Unary '-'");
        return { expr: e, type: a.type, level: a.level, run: (c) => negate(a.run(c) as Numeric) };
      }
      case "not": {
        const a = this.condition(this.build(e.arg));
        return { expr: e, type: "bool", level: a.level, run: (c) => logicalNot(a.run(c) as BoolValue) };
      }
      case "arith": {
        const a = this.numeric(this.build(e.left), `'${e.op}'`);
        const b = this.numeric(this.build(e.right), `'${e.op}'`);
        const level = this.join(a.level, b.level, e);
        return { expr: e, type: "number", level, run: (c) => arithmetic(e.op, a.run(c) as Numeric, b.run(c) as Numeric, c.n) };
      }
      case "and":
      case "or": {
        const a = this.condition(this.build(e.left));
        const b = this.condition(this.build(e.right));
        const level = this.join(a.level, b.level, e);
        return { expr: e, type: "bool", level, run: (c) => logical(e.kind, a.run(c) as BoolValue, b.run(c) as BoolValue, c.n) };
      }
      case "compare":
        return this.compare(e);
      case "call":
        return this.call(e);
      case "in":
        return this.inList(e);
    }
  }

  private column(name: string, e: Expr): Node {
    let r;
    try {
      r = this.frame.resolve(name);
    } catch (err) {
      if (err instanceof ColumnNotFoundError) {
        throw new ColumnNotFoundError(name, err.available, `the expression "${this.source}" (position ${e.start})`);
      }
      throw err;
    }
    const type = kindOfColumn(r.column);
    const level: Level = r.kind === "nested" ? { kind: "nest", nest: r.nest } : { kind: "base" };
    const run = (c: EvalContext): Value => {
      const v = c.load(name);
      if (v.kind !== type) throw new SchemaError(`Column "${name}" is ${A_TYPE[v.kind]} here but was ${A_TYPE[type]} when the expression was compiled.`);
      return v;
    };
    return { expr: e, type, level, run };
  }

  private compare(e: Extract<Expr, { kind: "compare" }>): Node {
    const a = this.build(e.left);
    const b = this.build(e.right);
    const level = this.join(a.level, b.level, e);
    const node = (run: (c: EvalContext) => Value): Node => ({ expr: e, type: "bool", level, run });
    const equality = e.op === "==" || e.op === "!=";
    if (isNumeric(a.type) && isNumeric(b.type)) {
      return node((c) => boolValue(compareNumbers(e.op, a.run(c) as Numeric, b.run(c) as Numeric, c.n)));
    }
    if (a.type === b.type && !equality) {
      this.fail(`'${e.op}' does not order ${a.type === "bool" ? "booleans" : "strings"}; only ==, != and in compare them.`, e);
    }
    if (a.type === "string" && b.type === "string") {
      return node((c) => boolValue(equalStrings(a.run(c) as StrValue, b.run(c) as StrValue, e.op === "!=", c.n)));
    }
    if (a.type === "bool" && b.type === "bool") {
      const op = e.op;
      return node((c) => boolValue(compareNumbers(op, boolAsNumber(a.run(c) as BoolValue), boolAsNumber(b.run(c) as BoolValue), c.n)));
    }
    return this.fail(`Cannot compare ${this.show(a)} with ${this.show(b)}.`, e);
  }

  private call(e: Extract<Expr, { kind: "call" }>): Node {
    const a = this.build(e.arg);
    const bool = (f: (v: Value) => Uint8Array): Node => ({ expr: e, type: "bool", level: a.level, run: (c) => boolValue(f(a.run(c))) });
    if (e.fn === "isnull") return bool(isNullMask);
    this.numeric(a, `${e.fn}()`);
    if (e.fn === "isnan") return bool((v) => isNaNMask(v as Numeric));
    if (e.fn === "isfinite") return bool((v) => isFiniteMask(v as Numeric));
    return { expr: e, type: a.type, level: a.level, run: (c) => absolute(a.run(c) as Numeric) };
  }

  private inList(e: Extract<Expr, { kind: "in" }>): Node {
    const a = this.build(e.arg);
    const items = e.items.map((x) => this.build(x));
    for (const it of items) {
      if (it.level.kind !== "const") this.fail("Items of an 'in' list must be constants (numbers, strings, true/false).", it.expr);
      const ok = isNumeric(a.type) ? isNumeric(it.type) : it.type === a.type;
      if (!ok) this.fail(`Cannot compare ${this.show(a)} with the list item ${this.show(it)}.`, it.expr);
    }
    const values = items.map((it) => it.run(new EvalContext(this.frame, CONST)));
    const node = (f: (c: EvalContext) => Uint8Array): Node => ({ expr: e, type: "bool", level: a.level, run: (c) => boolValue(f(c)) });
    if (a.type === "string") {
      const set = new Set(values.map((v) => (v as StrValue).dictionary[0]!));
      return node((c) => stringsIn(a.run(c) as StrValue, set, e.negated, c.n));
    }
    if (a.type === "bool") {
      const nums = values.map((v) => boolAsNumber(v as BoolValue));
      return node((c) => numbersIn(boolAsNumber(a.run(c) as BoolValue), nums, e.negated, c.n));
    }
    return node((c) => numbersIn(a.run(c) as Numeric, values as Numeric[], e.negated, c.n));
  }
}
