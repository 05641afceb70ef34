/**
 * Tokens of the query language. Keywords (`and or not in true false`) are
 * reserved unless backticked; `&`, `|`, `~` are lexed as `and`, `or`, `not`
 * so the parser knows one spelling of each.
 */
import { ExprSyntaxError } from "./errors.js";

export type TokenKind = "number" | "string" | "ident" | "keyword" | "op" | "end";

export interface Token {
  readonly kind: TokenKind;
  /** Normalised text: the identifier name, the string value, the keyword or operator. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** For identifiers: written in backticks (never a keyword). */
  readonly quoted?: boolean;
}

const KEYWORDS: Readonly<Record<string, string>> = {
  and: "and", or: "or", not: "not", in: "in",
  true: "true", false: "false", True: "true", False: "false",
};
const ALIASES: Readonly<Record<string, string>> = { "&": "and", "&&": "and", "|": "or", "||": "or", "~": "not" };
const TWO_CHAR_OPS = ["==", "!=", "<=", ">=", "&&", "||"];
const ONE_CHAR_OPS = "()[],.+-*/<>&|~";

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";
const isIdentStart = (c: string | undefined): boolean => c !== undefined && /[A-Za-z_]/.test(c);
const isIdentPart = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_]/.test(c);

/** End of a number literal starting at `i` (digits, optional fraction, optional exponent). */
function scanNumber(src: string, i: number): number {
  let j = i;
  while (isDigit(src[j])) j++;
  if (src[j] === ".") {
    j++;
    while (isDigit(src[j])) j++;
  }
  if (src[j] === "e" || src[j] === "E") {
    let k = j + 1;
    if (src[k] === "+" || src[k] === "-") k++;
    if (!isDigit(src[k])) throw new ExprSyntaxError("Malformed exponent in number", src, j);
    while (isDigit(src[k])) k++;
    j = k;
  }
  if (isIdentStart(src[j])) throw new ExprSyntaxError(`Unexpected '${src[j]}' after number`, src, j);
  return j;
}

/** The string literal starting at quote `i`: its value and end. Backslash escapes the next character. */
function scanQuoted(src: string, i: number, what: string): { value: string; end: number } {
  const q = src[i]!;
  let value = "";
  let j = i + 1;
  while (j < src.length && src[j] !== q) {
    if (src[j] === "\\" && j + 1 < src.length) j++;
    value += src[j];
    j++;
  }
  if (j >= src.length) throw new ExprSyntaxError(`Unterminated ${what} (opened with ${q})`, src, i);
  return { value, end: j + 1 };
}

/**
 * Split an expression into tokens, ending with one `end` token.
 * Throws ExprSyntaxError at the first character that starts no token.
 *
 * @example
 * tokenize("lc.band == 'g'").map((t) => t.text); // ["lc", ".", "band", "==", "g", ""]
 */
export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (isDigit(c) || (c === "." && isDigit(src[i + 1]) && out.at(-1)?.kind !== "ident")) {
      i = scanNumber(src, i);
      out.push({ kind: "number", text: src.slice(start, i), start, end: i });
    } else if (isIdentStart(c)) {
      while (isIdentPart(src[i])) i++;
      const word = src.slice(start, i);
      const kw = KEYWORDS[word];
      out.push(kw ? { kind: "keyword", text: kw, start, end: i } : { kind: "ident", text: word, start, end: i });
    } else if (c === "'" || c === '"') {
      const s = scanQuoted(src, i, "string");
      i = s.end;
      out.push({ kind: "string", text: s.value, start, end: i });
    } else if (c === "`") {
      const s = scanQuoted(src, i, "quoted name");
      if (s.value === "") throw new ExprSyntaxError("Empty quoted name", src, start);
      i = s.end;
      out.push({ kind: "ident", text: s.value, start, end: i, quoted: true });
    } else {
      const two = src.slice(i, i + 2);
      const op = TWO_CHAR_OPS.includes(two) ? two : ONE_CHAR_OPS.includes(c) ? c : undefined;
      if (op === undefined) {
        const hint = c === "=" ? " (use '==' to compare)" : c === "!" ? " (use 'not' or '!=')" : "";
        throw new ExprSyntaxError(`Unexpected character '${c}'${hint}`, src, i);
      }
      i += op.length;
      const alias = ALIASES[op];
      out.push(alias ? { kind: "keyword", text: alias, start, end: i } : { kind: "op", text: op, start, end: i });
    }
  }
  out.push({ kind: "end", text: "", start: src.length, end: src.length });
  return out;
}
