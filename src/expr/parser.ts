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

function describe(t: Token): string {
  if (t.kind === "end") return "end of expression";
  if (t.kind === "string") return `string ${JSON.stringify(t.text)}`;
  return `'${t.text}'`;
}

class Parser {
  private pos = 0;
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
      left = { kind: "or", left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private and(): Expr {
    let left = this.not();
    while (this.eat("keyword", "and")) {
      const right = this.not();
      left = { kind: "and", left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private not(): Expr {
    const t = this.eat("keyword", "not");
    if (!t) return this.comparison();
    const arg = this.not();
    return { kind: "not", arg, start: t.start, end: arg.end };
  }

  private comparison(): Expr {
    const first = this.additive();
    if (this.is("keyword", "in") || (this.is("keyword", "not") && this.tokens[this.pos + 1]?.kind === "keyword" && this.tokens[this.pos + 1]?.text === "in")) {
      const negated = this.eat("keyword", "not") !== undefined;
      this.expect("keyword", "in");
      const { items, end } = this.list();
      return { kind: "in", negated, arg: first, items, start: first.start, end };
    }
    let result: Expr | undefined;
    let left = first;
    while (this.is("op") && COMPARE_OPS.includes(this.tok.text)) {
      const op = this.tokens[this.pos++]!.text as CompareOp;
      const right = this.additive();
      const cmp: Expr = { kind: "compare", op, left, right, start: left.start, end: right.end };
      result = result ? { kind: "and", left: result, right: cmp, start: first.start, end: right.end } : cmp;
      left = right;
    }
    return result ?? first;
  }

  private list(): { items: Expr[]; end: number } {
    this.expect("op", "[");
    const items: Expr[] = [];
    while (!this.is("op", "]")) {
      items.push(this.or());
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
      left = { kind: "arith", op, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private multiplicative(): Expr {
    let left = this.unary();
    while (this.is("op", "*") || this.is("op", "/")) {
      const op = this.tokens[this.pos++]!.text as ArithOp;
      const right = this.unary();
      left = { kind: "arith", op, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private unary(): Expr {
    const minus = this.eat("op", "-");
    if (minus) {
      const arg = this.unary();
      return { kind: "negate", arg, start: minus.start, end: arg.end };
    }
    if (this.eat("op", "+")) return this.unary();
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
          const inner = this.or();
          const close = this.expect("op", ")");
          return { ...inner, start: t.start, end: close.end };
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
      const arg = this.or();
      const close = this.expect("op", ")");
      return { kind: "call", fn: first.text as FunctionName, arg, start: first.start, end: close.end };
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
 * Throws ExprSyntaxError with the position and a caret under it.
 *
 * @example
 * const ast = parseExpr("lc.psfFlux > 0 and lc.band in ['g', 'r']");
 * ast.kind; // "and"
 */
export function parseExpr(src: string): Expr {
  return new Parser(src, tokenize(src)).parseAll();
}
