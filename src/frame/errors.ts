/**
 * Typed errors shared by every room. Each message says what was asked for,
 * where (file, column), and what was found, so a user can act on it.
 */

/** Base class of every error thrown on purpose by nested-lc. */
export class NestedLcError extends Error {
  override name = "NestedLcError";
}

/** Levenshtein distance, small strings only (column names). */
function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      const cost = a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + cost);
      diag = up;
    }
  }
  return prev[b.length]!;
}

/**
 * The up-to-`k` names of `candidates` closest to `name` (case-insensitive edit
 * distance, plus substring matches), best first.
 */
export function nearestNames(name: string, candidates: readonly string[], k = 3): string[] {
  const lower = name.toLowerCase();
  return candidates
    .map((c) => {
      const cl = c.toLowerCase();
      // A candidate containing what was typed (a prefix, a shortened name) ranks ahead of mere edits;
      // what was typed containing a candidate is a weaker hint.
      const sub = cl.includes(lower) ? -10 : lower.includes(cl) ? -0.5 : 0;
      return { c, d: editDistance(name, c) + sub };
    })
    .filter(({ c, d }) => d <= Math.max(2, Math.ceil(Math.max(c.length, name.length) / 3)))
    .sort((x, y) => x.d - y.d)
    .slice(0, k)
    .map(({ c }) => c);
}

/** A column that does not exist; the message suggests the nearest names. */
export class ColumnNotFoundError extends NestedLcError {
  override name = "ColumnNotFoundError";
  readonly column: string;
  readonly available: readonly string[];
  readonly suggestions: readonly string[];
  constructor(column: string, available: readonly string[], where?: string) {
    const suggestions = nearestNames(column, available);
    const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(", ")}?` : "";
    const list = available.length > 12 ? `${available.slice(0, 12).join(", ")}, ... (${available.length} in all)` : available.join(", ");
    super(`Unknown column "${column}"${where ? ` in ${where}` : ""}.${hint} Available: ${list}.`);
    this.column = column;
    this.available = available;
    this.suggestions = suggestions;
  }
}

/** Data whose shape or type is not what an operation needs. */
export class SchemaError extends NestedLcError {
  override name = "SchemaError";
}

/** Arguments that cannot be honoured (bad option values, mismatched lengths). */
export class ArgumentError extends NestedLcError {
  override name = "ArgumentError";
}

/**
 * Too little data for a statistic (an empty sample, fewer light curves than a
 * fit needs). Pipelines catch this one to report a NaN and a note for a small
 * group, while every other error (a bad option, NaN input) still stops them.
 */
export class InsufficientDataError extends ArgumentError {
  override name = "InsufficientDataError";
}
