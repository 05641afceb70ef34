/**
 * Recursive-descent parser for the query language. Precedence, loosest first:
 * `or` < `and` < `not` < comparisons and `in` < `+ -` < `* /` < unary `-` < atoms.
 * `&`, `|`, `~` are exact synonyms of `and`, `or`, `not` (as in pandas' query,
 * not Python's bitwise precedence). Chained comparisons `0 < x < 1` mean
 * `0 < x and x < 1`.
 */
import type { ArithOp, CompareOp, Expr, FunctionName } from "./ast.js";
import { FUNCTION_NAMES } from "./ast.js";
import { ExprSyntaxError } from "./errors.js";
import { type Token, tokenize } from "./lexer.js";

const COMPARE_OPS: readonly string[] = ["==", "!=", "<", "<=", ">", ">="];

/*
 * Limits that keep a pathological expression a syntax error instead of a stack
 * overflow (a RangeError) in the parser or in the checker and compiler, which
 * walk the tree recursively. Far beyond what a person writes; a generated
 * query of thousands of terms is better split into several queries.
 */
/** Most levels of parentheses, function calls, `not` and unary `-` inside one another. */
export const MAX_NESTING = 200;
/** Most operations deep the syntax tree may be (a chain of n `and`s is n deep). */
export const MAX_DEPTH = 1000;

function describe(t: Token): string {
  if (t.kind === "end") return "end of expression";
  if (t.kind === "string") return `string ${JSON.stringify(t.text)}`;
  return `'${t.text}'`;
}

class Parser {
  private pos = 0;
  private nesting = 0;
  private readonly depths = new WeakMap<Expr, number>();
  constructor(
    private readonly src: string,
    private readonly tokens: readonly Token[],
  ) {}

  private get tok(): Token {
    return this.tokens[this.pos]!;
  }

  private fail(problem: string, at: Token = this.tok): never {
    throw new ExprSyntaxError(problem, this.src, at.start);
  }

  private is(kind: Token["kind"], text?: string): boolean {
    return this.tok.kind === kind && (text === undefined || this.tok.text === text);
  }

  private eat(kind: Token["kind"], text?: string): Token | undefined {
    if (!this.is(kind, text)) return undefined;
    return this.tokens[this.pos++];
  }

  private expect(kind: Token["kind"], text: string): Token {
    return this.eat(kind, text) ?? this.fail(`Expected '${text}' but found ${describe(this.tok)}`);
  }

  /** Run a nested parse one level deeper, refusing to go past MAX_NESTING. */
  private deeper<T>(at: Token, parse: () => T): T {
    if (++this.nesting > MAX_NESTING) this.fail(`Expression nested more than ${MAX_NESTING} levels deep (parentheses, 'not' or '-')`, at);
    try {
      return parse();
    } finally {
      this.nesting--;
    }
  }

  /** `e`, recorded one level above its deepest child; refused past MAX_DEPTH, pointing at `at`. */
  private node<T extends Expr>(e: T, children: readonly Expr[], at = e.start): T {
    let d = 0;
    for (const c of children) d = Math.max(d, this.depths.get(c) ?? 0);
    if (d + 1 > MAX_DEPTH) throw new ExprSyntaxError(`Expression more than ${MAX_DEPTH} operations deep (split a long chain into several queries)`, this.src, at);
    this.depths.set(e, d + 1);
    return e;
  }

  parseAll(): Expr {
    if (this.is("end")) this.fail("Empty expression");
    const e = this.or();
    if (!this.is("end")) {
      const t = this.tok;
      const hint = t.kind === "ident" || t.kind === "number" || t.kind === "string" ? " (missing 'and'/'or' or an operator?)" : "";
      this.fail(`Unexpected ${describe(t)}${hint}`);
    }
    return e;
  }

  private or(): Expr {
    let left = this.and();
    while (this.eat("keyword", "or")) {
      const right = this.and();
      left = this.node({ kind: "or", left, right, start: left.start, end: right.end }, [left, right], right.start);
    }
    return left;
  }

  private and(): Expr {
    let left = this.not();
    while (this.eat("keyword", "and")) {
      const right = this.not();
      left = this.node({ kind: "and", left, right, start: left.start, end: right.end }, [left, right], right.start);
    }
    return left;
  }

  private not(): Expr {
    const t = this.eat("keyword", "not");
    if (!t) return this.comparison();
    const arg = this.deeper(t, () => this.not());
    return this.node({ kind: "not", arg, start: t.start, end: arg.end }, [arg]);
  }

  private comparison(): Expr {
    const first = this.additive();
    if (this.is("keyword", "in") || (this.is("keyword", "not") && this.tokens[this.pos + 1]?.kind === "keyword" && this.tokens[this.pos + 1]?.text === "in")) {
      const negated = this.eat("keyword", "not") !== undefined;
      this.expect("keyword", "in");
      const { items, end } = this.list();
      return this.node({ kind: "in", negated, arg: first, items, start: first.start, end }, [first, ...items]);
    }
    let result: Expr | undefined;
    let left = first;
    while (this.is("op") && COMPARE_OPS.includes(this.tok.text)) {
      const op = this.tokens[this.pos++]!.text as CompareOp;
      const right = this.additive();
      const cmp: Expr = this.node({ kind: "compare", op, left, right, start: left.start, end: right.end }, [left, right], right.start);
      result = result ? this.node({ kind: "and", left: result, right: cmp, start: first.start, end: right.end }, [result, cmp], cmp.start) : cmp;
      left = right;
    }
    return result ?? first;
  }

  private list(): { items: Expr[]; end: number } {
    const open = this.expect("op", "[");
    const items: Expr[] = [];
    while (!this.is("op", "]")) {
      items.push(this.deeper(open, () => this.or()));
      if (!this.eat("op", ",")) break;
    }
    const close = this.expect("op", "]");
    return { items, end: close.end };
  }

  private additive(): Expr {
    let left = this.multiplicative();
    while (this.is("op", "+") || this.is("op", "-")) {
      const op = this.tokens[this.pos++]!.text as ArithOp;
      const right = this.multiplicative();
      left = this.node({ kind: "arith", op, left, right, start: left.start, end: right.end }, [left, right], right.start);
    }
    return left;
  }

  private multiplicative(): Expr {
    let left = this.unary();
    while (this.is("op", "*") || this.is("op", "/")) {
      const op = this.tokens[this.pos++]!.text as ArithOp;
      const right = this.unary();
      left = this.node({ kind: "arith", op, left, right, start: left.start, end: right.end }, [left, right], right.start);
    }
    return left;
  }

  private unary(): Expr {
    const minus = this.eat("op", "-");
    if (minus) {
      const arg = this.deeper(minus, () => this.unary());
      return this.node({ kind: "negate", arg, start: minus.start, end: arg.end }, [arg]);
    }
    const plus = this.eat("op", "+");
    if (plus) return this.deeper(plus, () => this.unary());
    return this.primary();
  }

  private primary(): Expr {
    const t = this.tok;
    switch (t.kind) {
      case "number": {
        this.pos++;
        const integral = /^[0-9]+$/.test(t.text);
        return { kind: "number", value: Number(t.text), ...(integral ? { int: BigInt(t.text) } : {}), start: t.start, end: t.end };
      }
      case "string":
        this.pos++;
        return { kind: "string", value: t.text, start: t.start, end: t.end };
      case "keyword":
        if (t.text === "true" || t.text === "false") {
          this.pos++;
          return { kind: "bool", value: t.text === "true", start: t.start, end: t.end };
        }
        return this.fail(`Unexpected ${describe(t)}`);
      case "ident":
        return this.identifier();
      case "op":
        if (t.text === "(") {
          this.pos++;
          const inner = this.deeper(t, () => this.or());
          const close = this.expect("op", ")");
          return this.node({ ...inner, start: t.start, end: close.end }, [inner]);
        }
        return this.fail(`Unexpected ${describe(t)}`);
      default:
        return this.fail("Unexpected end of expression");
    }
  }

  private identifier(): Expr {
    const first = this.tokens[this.pos++]!;
    if (!first.quoted && this.is("op", "(")) {
      if (!(FUNCTION_NAMES as readonly string[]).includes(first.text)) {
        this.fail(`Unknown function '${first.text}' (available: ${FUNCTION_NAMES.join(", ")})`, first);
      }
      this.pos++;
      const arg = this.deeper(first, () => this.or());
      const close = this.expect("op", ")");
      return this.node({ kind: "call", fn: first.text as FunctionName, arg, start: first.start, end: close.end }, [arg]);
    }
    const parts = [first.text];
    let end = first.end;
    while (this.eat("op", ".")) {
      const part = this.eat("ident") ?? this.fail(`Expected a field name after '.' but found ${describe(this.tok)}`);
      parts.push(part.text);
      end = part.end;
    }
    return { kind: "column", name: parts.join("."), start: first.start, end };
  }
}

/**
 * Parse a query expression into its syntax tree (no columns are looked up yet).
 * Throws ExprSyntaxError with the position and a caret under it, also for an
 * expression nested past MAX_NESTING levels or MAX_DEPTH operations.
 *
 * @example
 * const ast = parseExpr("lc.psfFlux > 0 and lc.band in ['g', 'r']");
 * ast.kind; // "and"
 */
export function parseExpr(src: string): Expr {
  return new Parser(src, tokenize(src)).parseAll();
}
