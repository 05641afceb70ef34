import { createRequire } from "node:module";
import type { DataFrame } from "danfojs";
import { type Column, makeColumn, toArray } from "../frame/column.js";
import { ArgumentError, ColumnNotFoundError } from "../frame/errors.js";
import { NestedFrame } from "../frame/nested-frame.js";

type Danfo = typeof import("danfojs");

let danfo: Danfo | undefined;
/**
 * danfojs pulls in TensorFlow.js (about 0.7 s to load), so it is loaded on first use, not when
 * nested-lc is imported. The browser build `danfojs` runs in Node; `danfojs-node` is not used because
 * its @tensorflow/tfjs-node dependency downloads a native binary at install time.
 */
function loadDanfo(): Danfo {
  danfo ??= createRequire(import.meta.url)("danfojs") as Danfo;
  return danfo;
}

export interface ToDanfoOptions {
  /** Base columns to convert (default: all base columns). */
  readonly columns?: readonly string[];
}

/**
 * The base columns of `frame` as a danfo.js DataFrame, for users who know pandas. Nested columns are
 * not carried (danfo has no nested type): reduce them to base columns first, or flatten with
 * `frame.toFlat("lc")` for one row per observation. int64 columns (Rubin ids exceed 2^53) become
 * decimal strings, so no id is rounded; `fromDanfo(df, { int64: ["objectId"] })` turns them back.
 * Nulls become `null`.
 *
 * @example
 * const r = frame.reduce("lc", { n: "count()", wmean: "wmean(psfFlux, psfFluxErr)" });
 * const df = toDanfo(r, { columns: ["objectId", "n", "wmean"] });
 * df.shape; // [frame.length, 3]
 * typeof df["objectId"].values[0]; // "string" (exact int64)
 */
export function toDanfo(frame: NestedFrame, options: ToDanfoOptions = {}): DataFrame {
  const names = options.columns ?? Object.keys(frame.base);
  const data: Record<string, unknown[]> = {};
  for (const name of names) {
    const c = frame.base[name];
    if (c === undefined) {
      if (frame.nestedNames.includes(name) || frame.nestedNames.includes(name.split(".")[0]!)) {
        throw new ArgumentError(`toDanfo converts base columns; "${name}" is nested. Reduce it to a base column, or use frame.toFlat("${name.split(".")[0]}") for one row per observation.`);
      }
      throw new ColumnNotFoundError(name, Object.keys(frame.base));
    }
    data[name] = c.type === "int64" ? toArray(c).map((v) => (v === null ? null : String(v))) : toArray(c);
  }
  const { DataFrame: DanfoFrame } = loadDanfo();
  // danfo cannot build a frame with no columns; an empty selection is a mistake worth naming.
  if (names.length === 0) throw new ArgumentError("toDanfo: no columns to convert (the frame has no base columns, or `columns` is empty).");
  return new DanfoFrame(data);
}

export interface FromDanfoOptions {
  /** String columns holding int64 ids (as written by toDanfo), parsed back to exact BigInt64Array. */
  readonly int64?: readonly string[];
}

/**
 * A NestedFrame with one base column per danfo.js column: numbers become float64, booleans bool,
 * strings a dictionary column, and the columns named in `int64` exact int64 ids. Missing values
 * (null, undefined, and NaN in a string column) become nulls.
 *
 * @example
 * const df = toDanfo(frame, { columns: ["objectId", "coord_ra"] });
 * const back = fromDanfo(df, { int64: ["objectId"] });
 * back.bigints("objectId")[0] === frame.bigints("objectId")[0]; // true
 */
export function fromDanfo(df: DataFrame, options: FromDanfoOptions = {}): NestedFrame {
  const int64 = new Set(options.int64 ?? []);
  const columns = df.columns;
  for (const name of int64) if (!columns.includes(name)) throw new ColumnNotFoundError(name, columns);
  const base: Record<string, Column> = {};
  for (const name of columns) {
    const values = df.column(name).values as unknown[];
    if (int64.has(name)) {
      base[name] = makeColumn(values.map((v, i) => parseId(v, name, i)), "int64");
      continue;
    }
    const strings = values.some((v) => typeof v === "string");
    base[name] = makeColumn(strings ? values.map((v) => (typeof v === "number" && Number.isNaN(v) ? null : v)) : values);
  }
  return new NestedFrame({ base, length: df.shape[0] });
}

function parseId(v: unknown, column: string, row: number): bigint | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "bigint") return v;
  if (typeof v === "string" && /^-?\d+$/.test(v.trim())) return BigInt(v.trim());
  if (typeof v === "number" && Number.isSafeInteger(v)) return BigInt(v);
  const why = typeof v === "number" ? (Number.isInteger(v) ? "a number beyond 2^53, already rounded" : "not an integer") : `a ${typeof v}`;
  throw new ArgumentError(`fromDanfo: column "${column}" row ${row} holds ${String(v)} (${why}); int64 ids must be decimal strings, as toDanfo writes them.`);
}
