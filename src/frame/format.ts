/**
 * Compact text rendering of a NestedFrame: a header line with sizes, the first
 * rows as an aligned table, nested cells as "[23 obs]" or, like nested-pandas'
 * notebook view, their first values and "+N rows". int64 ids print exactly.
 */
import { type Column, columnLength, isNumeric, valueAt } from "./column.js";
import { nestedCount } from "./nested-column.js";
import type { NestedFrame } from "./nested-frame.js";

export interface FormatOptions {
  /** Objects shown (default 10). */
  readonly rows?: number;
  /** 0 (default): one "[n obs]" cell per nest; k > 0: one column per nested field with its first k values. */
  readonly nestedValues?: number;
  /** Cells longer than this are cut with "…" (default 32). */
  readonly maxCellWidth?: number;
}

/**
 * The frame as text, e.g. for `console.log(frame.toString())`.
 *
 * @example
 * formatFrame(frame, { rows: 3 });
 * // NestedFrame: 2 objects; lc: 3 observations
 * //    objectId  lc
 * // 0         1  [2 obs]
 * // 1         2  [1 obs]
 */
export function formatFrame(frame: NestedFrame, options: FormatOptions = {}): string {
  const rows = Math.min(frame.length, options.rows ?? 10);
  const k = options.nestedValues ?? 0;
  const width = options.maxCellWidth ?? 32;
  const cols: { name: string; right: boolean; cells: string[] }[] = [
    { name: "", right: true, cells: Array.from({ length: rows }, (_, i) => String(i)) },
  ];
  for (const [name, c] of Object.entries(frame.base)) {
    cols.push({ name, right: isNumeric(c) || c.type === "int64", cells: Array.from({ length: rows }, (_, i) => formatValue(c, i)) });
  }
  for (const [nest, nc] of Object.entries(frame.nested)) {
    const o = nc.offsets;
    if (k <= 0) {
      cols.push({ name: nest, right: false, cells: Array.from({ length: rows }, (_, i) => `[${o[i + 1]! - o[i]!} obs]`) });
      continue;
    }
    for (const [f, c] of Object.entries(nc.fields)) {
      const cells = Array.from({ length: rows }, (_, i) => {
        const a = o[i]!;
        const b = o[i + 1]!;
        const shown: string[] = [];
        for (let r = a; r < Math.min(b, a + k); r++) shown.push(formatValue(c, r));
        return `[${shown.join(", ")}]${b - a > k ? ` +${b - a - k} rows` : ""}`;
      });
      cols.push({ name: `${nest}.${f}`, right: false, cells });
    }
  }
  for (const col of cols) col.cells = col.cells.map((s) => (s.length > width ? `${s.slice(0, width - 1)}…` : s));
  const widths = cols.map((c) => Math.max(c.name.length, ...c.cells.map((s) => s.length)));
  const pad = (s: string, j: number) => (cols[j]!.right ? s.padStart(widths[j]!) : s.padEnd(widths[j]!));
  const lines = [header(frame), cols.map((c, j) => pad(c.name, j)).join("  ").trimEnd()];
  for (let i = 0; i < rows; i++) lines.push(cols.map((c, j) => pad(c.cells[i]!, j)).join("  ").trimEnd());
  if (rows < frame.length) lines.push(`... ${frame.length - rows} more objects`);
  return lines.join("\n");
}

function header(frame: NestedFrame): string {
  const nests = Object.entries(frame.nested).map(([n, c]) => `${n}: ${nestedCount(c)} observations`);
  return [`NestedFrame: ${frame.length} objects`, ...nests].join("; ");
}

/**
 * One value as display text: numbers to 6 significant digits, int64 exactly,
 * strings as they are, null as "null".
 *
 * @example
 * formatValue(makeColumn(BigInt64Array.of(9007199254740993n)), 0); // "9007199254740993"
 */
export function formatValue(c: Column, i: number): string {
  if (i >= columnLength(c)) return "";
  const v = valueAt(c, i);
  if (v === null) return "null";
  if (typeof v === "number" && (c.type === "float32" || c.type === "float64")) return String(Number(v.toPrecision(6)));
  return String(v);
}
