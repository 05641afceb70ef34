/**
 * Print a syntax tree back as source text that parses to the same tree. Every
 * compound sub-expression is parenthesised, so the output is unambiguous
 * rather than pretty.
 */
import type { Expr } from "./ast.js";

const KEYWORDS = new Set(["and", "or", "not", "in", "true", "false", "True", "False"]);

function name(part: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(part) && !KEYWORDS.has(part) ? part : `\`${part.replace(/[\\`]/g, "\\$&")}\``;
}

function number(e: Extract<Expr, { kind: "number" }>): string {
  if (e.int !== undefined) return e.int.toString();
  if (!Number.isFinite(e.value)) return "1e999";
  const s = String(e.value);
  // "5" would come back as an integer literal, which compares differently with int64.
  return /[.e]/.test(s) ? s : `${s}.0`;
}

/**
 * Source text for a syntax tree.
 *
 * @example
 * formatExpr(parseExpr("a>1 and not b")); // "((a > 1) and (not b))"
 */
export function formatExpr(e: Expr): string {
  switch (e.kind) {
    case "number":
      return number(e);
    case "string":
      return `"${e.value.replace(/[\\"]/g, "\\$&")}"`;
    case "bool":
      return e.value ? "true" : "false";
    case "column":
      return e.name.split(".").map(name).join(".");
    case "negate":
      return `(-${formatExpr(e.arg)})`;
    case "not":
      return `(not ${formatExpr(e.arg)})`;
    case "arith":
    case "compare":
      return `(${formatExpr(e.left)} ${e.op} ${formatExpr(e.right)})`;
    case "and":
    case "or":
      return `(${formatExpr(e.left)} ${e.kind} ${formatExpr(e.right)})`;
    case "call":
      return `${e.fn}(${formatExpr(e.arg)})`;
    case "in":
      return `(${formatExpr(e.arg)} ${e.negated ? "not in" : "in"} [${e.items.map(formatExpr).join(", ")}])`;
  }
}
