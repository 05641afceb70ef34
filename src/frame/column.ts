/**
 * Typed columns: the floor every other room stands on.
 *
 * A column is a plain object holding one typed array (Arrow's `Data` without the
 * class): numbers in their native width, int64 as BigInt64Array (Rubin ids exceed
 * 2^53 and must never pass through a JS number), bools as one byte per row, and
 * strings dictionary-encoded (bands are a handful of strings over millions of rows).
 * `valid`, when present, holds 1 for a present value and 0 for a null.
 */
import { filterInto, gatherInto } from "./copy-kernels.js";
import { ArgumentError } from "./errors.js";

export type NumericType = "float64" | "float32" | "int8" | "int16" | "int32" | "uint8" | "uint16" | "uint32";
export type NumericArray =
  | Float64Array
  | Float32Array
  | Int8Array
  | Int16Array
  | Int32Array
  | Uint8Array
  | Uint16Array
  | Uint32Array;
export type ColumnType = NumericType | "int64" | "bool" | "dict";

interface ColumnBase {
  /** 1 where the value is present, 0 where null; absent means no nulls. */
  readonly valid?: Uint8Array | undefined;
}
export interface NumberColumn extends ColumnBase {
  readonly type: NumericType;
  readonly values: NumericArray;
}
export interface Int64Column extends ColumnBase {
  readonly type: "int64";
  readonly values: BigInt64Array;
}
export interface BoolColumn extends ColumnBase {
  readonly type: "bool";
  /** 0 or 1 per row. */
  readonly values: Uint8Array;
}
export interface DictColumn extends ColumnBase {
  readonly type: "dict";
  /** Index into `dictionary` per row. */
  readonly codes: Int32Array;
  readonly dictionary: readonly string[];
}
export type Column = NumberColumn | Int64Column | BoolColumn | DictColumn;

/** Any typed array a column may hold. */
export type ColumnArray = NumericArray | BigInt64Array;

/** The typed-array constructor of each numeric column type. */
export const NUMERIC_CTORS = {
  float64: Float64Array,
  float32: Float32Array,
  int8: Int8Array,
  int16: Int16Array,
  int32: Int32Array,
  uint8: Uint8Array,
  uint16: Uint16Array,
  uint32: Uint32Array,
} as const;

/** The numeric type name of a typed array (Uint8Array counts as uint8, not bool). */
export function numericTypeOf(values: NumericArray): NumericType {
  if (values instanceof Float64Array) return "float64";
  if (values instanceof Float32Array) return "float32";
  if (values instanceof Int32Array) return "int32";
  if (values instanceof Int16Array) return "int16";
  if (values instanceof Int8Array) return "int8";
  if (values instanceof Uint32Array) return "uint32";
  if (values instanceof Uint16Array) return "uint16";
  return "uint8";
}

/** True for a Column object (as opposed to a bare typed array or plain array). */
export function isColumn(v: unknown): v is Column {
  return typeof v === "object" && v !== null && !ArrayBuffer.isView(v) && !Array.isArray(v) && "type" in v;
}

/** A Column as is, or a typed/plain array made into one (see makeColumn). */
export function asColumn(v: Column | ColumnArray | readonly unknown[]): Column {
  return isColumn(v) ? v : makeColumn(v);
}

/** Number of rows of a column. */
export function columnLength(c: Column): number {
  return c.type === "dict" ? c.codes.length : c.values.length;
}

/** True for float/int columns (not int64, bool or dict). */
export function isNumeric(c: Column): c is NumberColumn {
  return c.type !== "int64" && c.type !== "bool" && c.type !== "dict";
}

/**
 * Build a column from a typed array or a plain array.
 *
 * Typed arrays are used as they are (no copy); a BigInt64Array becomes int64,
 * a Uint8Array stays uint8 (pass `type: "bool"` for flags); a `string[]` is
 * dictionary-encoded; a `boolean[]` becomes bool; a `number[]` becomes float64;
 * a `bigint[]` becomes int64. `null`/`undefined` in plain arrays become nulls.
 *
 * @example
 * const flux = makeColumn(new Float32Array([1, 2, 3]));
 * const band = makeColumn(["g", "r", "g"]); // { type: "dict", codes: [0, 1, 0], dictionary: ["g", "r"] }
 */
export function makeColumn(values: ColumnArray | readonly unknown[], type?: ColumnType): Column {
  if (values instanceof BigInt64Array) return { type: "int64", values };
  if (ArrayBuffer.isView(values)) {
    const v = values as NumericArray;
    if (type === "bool") {
      if (!(v instanceof Uint8Array)) throw new ArgumentError(`A bool column needs a Uint8Array, got ${v.constructor.name}.`);
      return { type: "bool", values: v };
    }
    return { type: numericTypeOf(v), values: v };
  }
  const arr = values as readonly unknown[];
  const n = arr.length;
  let nulls = 0;
  type Kind = "string" | "boolean" | "number" | "bigint";
  let kind: Kind | undefined;
  for (let i = 0; i < n; i++) {
    const x = arr[i];
    if (x === null || x === undefined) {
      nulls++;
      continue;
    }
    const t = typeof x;
    if (t !== "string" && t !== "boolean" && t !== "number" && t !== "bigint") {
      throw new ArgumentError(`Cannot make a column from values of type ${t} (row ${i}).`);
    }
    if (kind === undefined) kind = t as Kind;
    else if (kind !== t) throw new ArgumentError(`Mixed value types in one column: ${kind} and ${t} (row ${i}).`);
  }
  const valid = nulls > 0 ? Uint8Array.from(arr, (x) => (x === null || x === undefined ? 0 : 1)) : undefined;
  kind ??= type === "dict" ? "string" : type === "bool" ? "boolean" : type === "int64" ? "bigint" : "number";
  if (kind === "string") {
    const dictionary: string[] = [];
    const index = new Map<string, number>();
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const s = arr[i] as string | null | undefined;
      if (s === null || s === undefined) continue;
      let code = index.get(s);
      if (code === undefined) {
        code = dictionary.length;
        index.set(s, code);
        dictionary.push(s);
      }
      codes[i] = code;
    }
    return { type: "dict", codes, dictionary, valid };
  }
  if (kind === "boolean") return { type: "bool", values: Uint8Array.from(arr, (x) => (x ? 1 : 0)), valid };
  if (kind === "bigint") return { type: "int64", values: BigInt64Array.from(arr, (x) => (x as bigint | null) ?? 0n), valid };
  const ntype: NumericType = type && type in NUMERIC_CTORS ? (type as NumericType) : "float64";
  const out = new NUMERIC_CTORS[ntype](n);
  for (let i = 0; i < n; i++) {
    const x = arr[i];
    out[i] = x === null || x === undefined ? (ntype.startsWith("float") ? NaN : 0) : (x as number);
  }
  return { type: ntype, values: out, valid };
}

/** A new empty typed array of the same kind as `values`. */
function allocLike<T extends ColumnArray>(values: T, n: number): T {
  const Ctor = values.constructor as new (n: number) => T;
  return new Ctor(n);
}

function withValues(c: Column, values: ColumnArray | Int32Array, valid: Uint8Array | undefined): Column {
  if (c.type === "dict") return { type: "dict", codes: values as Int32Array, dictionary: c.dictionary, valid };
  return { type: c.type, values, valid } as Column;
}

/** The typed array a column stores: values, or the codes of a dictionary column. */
export function rawValues(c: Column): ColumnArray {
  return c.type === "dict" ? c.codes : c.values;
}

/**
 * Positions whose mask byte is non-zero, in order.
 *
 * @example
 * maskPositions(Uint8Array.of(0, 1, 1, 0)); // Int32Array [1, 2]
 */
export function maskPositions(mask: Uint8Array): Int32Array {
  let m = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) m++;
  const out = new Int32Array(m);
  for (let i = 0, j = 0; i < mask.length; i++) if (mask[i]) out[j++] = i;
  return out;
}

/**
 * Rows `idx[0], idx[1], ...` of a column, in that order (a copy).
 *
 * @example
 * gatherColumn(makeColumn(new Float64Array([10, 20, 30])), Int32Array.of(2, 0)); // values [30, 10]
 */
export function gatherColumn(c: Column, idx: Int32Array | Uint32Array): Column {
  const src = rawValues(c);
  const n = idx.length;
  const out = allocLike(src, n);
  gatherInto(src, idx, out);
  let valid: Uint8Array | undefined;
  if (c.valid) {
    const v = c.valid;
    valid = new Uint8Array(n);
    gatherInto(v, idx, valid);
  }
  return withValues(c, out, valid);
}

/** Rows whose mask byte is non-zero, in order (a copy). `kept` may pass the count if known. */
export function filterColumn(c: Column, mask: Uint8Array, kept?: number): Column {
  const src = rawValues(c);
  const n = mask.length;
  let m = kept;
  if (m === undefined) {
    m = 0;
    for (let i = 0; i < n; i++) if (mask[i]) m++;
  }
  const out = allocLike(src, m);
  filterInto(src, mask, out);
  let valid: Uint8Array | undefined;
  if (c.valid) {
    const v = c.valid;
    valid = new Uint8Array(m);
    filterInto(v, mask, valid);
  }
  return withValues(c, out, valid);
}

/** Rows `[start, end)` as a zero-copy view. */
export function sliceColumn(c: Column, start: number, end: number): Column {
  return withValues(c, rawValues(c).subarray(start, end), c.valid?.subarray(start, end));
}

/**
 * Concatenate columns of the same type (dictionaries are unified).
 * Throws when types differ, naming both.
 */
export function concatColumns(cols: readonly Column[], what = "column"): Column {
  if (cols.length === 0) throw new ArgumentError(`Cannot concatenate zero ${what}s.`);
  const first = cols[0]!;
  for (const c of cols) {
    if (c.type !== first.type) throw new ArgumentError(`Cannot concatenate ${what}: type ${first.type} vs ${c.type}.`);
  }
  if (cols.length === 1) return first;
  const total = cols.reduce((s, c) => s + columnLength(c), 0);
  const anyNull = cols.some((c) => c.valid);
  const valid = anyNull ? new Uint8Array(total) : undefined;
  if (first.type === "dict") {
    const dictionary: string[] = [];
    const index = new Map<string, number>();
    const codes = new Int32Array(total);
    let at = 0;
    for (const c of cols as DictColumn[]) {
      const remap = Int32Array.from(c.dictionary, (s) => {
        let k = index.get(s);
        if (k === undefined) {
          k = dictionary.length;
          index.set(s, k);
          dictionary.push(s);
        }
        return k;
      });
      for (let i = 0; i < c.codes.length; i++) codes[at + i] = remap[c.codes[i]!] ?? 0;
      if (valid) valid.set(c.valid ?? new Uint8Array(c.codes.length).fill(1), at);
      at += c.codes.length;
    }
    return { type: "dict", codes, dictionary, valid };
  }
  const src0 = rawValues(first);
  const out = allocLike(src0, total);
  let at = 0;
  for (const c of cols) {
    const v = rawValues(c);
    (out as { set(a: ArrayLike<number | bigint>, o: number): void }).set(v as ArrayLike<number | bigint>, at);
    if (valid) valid.set(c.valid ?? new Uint8Array(v.length).fill(1), at);
    at += v.length;
  }
  return withValues(first, out, valid);
}

/** True when row `i` holds a value (not null). */
export function isValidAt(c: Column, i: number): boolean {
  return c.valid === undefined || c.valid[i] === 1;
}

/** The value at row `i` as a JS value (number, bigint, boolean, string or null). For display and tests, not hot loops. */
export function valueAt(c: Column, i: number): number | bigint | boolean | string | null {
  if (!isValidAt(c, i)) return null;
  switch (c.type) {
    case "dict":
      return c.dictionary[c.codes[i]!] ?? null;
    case "bool":
      return c.values[i] === 1;
    case "int64":
      return c.values[i]!;
    default:
      return c.values[i]!;
  }
}

/** A column's values as a plain JS array (for display, tests, danfo). */
export function toArray(c: Column): Array<number | bigint | boolean | string | null> {
  const n = columnLength(c);
  const out = new Array<number | bigint | boolean | string | null>(n);
  for (let i = 0; i < n; i++) out[i] = valueAt(c, i);
  return out;
}

/**
 * Values of a numeric or bool column as numbers with nulls as NaN, for kernels
 * that read floats. Float64 without nulls is returned as is (no copy).
 */
export function toFloat64(c: Column, name = "column"): Float64Array {
  if (c.type === "int64" || c.type === "dict") {
    throw new ArgumentError(`Column "${name}" is ${c.type}; a numeric column was expected.`);
  }
  if (c.type === "float64" && !c.valid) return c.values as Float64Array;
  const out = Float64Array.from(c.values as ArrayLike<number>);
  if (c.valid) for (let i = 0; i < out.length; i++) if (!c.valid[i]) out[i] = NaN;
  return out;
}
