/**
 * Arrow `Data` (one chunk) to a column. Value buffers are shared when Arrow holds
 * them the way a column does (numbers, int64, timestamps, Int32 dictionary codes);
 * only what differs is built: validity and bool bitmaps become bytes, Utf8
 * becomes a dictionary, narrower dictionary codes widen to Int32.
 *
 * In apache-arrow JS a sliced Data has its values/offsets buffers already
 * sliced, but bitmaps (validity, bool values) stay whole and are read at
 * `offset + i`: hence the two indexing conventions below.
 */
import * as arrow from "apache-arrow";
import type { Column } from "../frame/column.js";
import { SchemaError } from "../frame/errors.js";

/** Unpack `length` bits starting at bit `offset` into a 0/1 byte per row. */
export function unpackBits(bits: Uint8Array, offset: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    const k = offset + i;
    out[i] = (bits[k >> 3]! >> (k & 7)) & 1;
  }
  return out;
}

/** The validity of a chunk as a byte mask, or undefined when it has no nulls. */
export function validityOf(d: arrow.Data): Uint8Array | undefined {
  if (d.nullCount <= 0 || !d.nullBitmap || d.nullBitmap.length === 0) return undefined;
  return unpackBits(d.nullBitmap, d.offset, d.length);
}

/** Utf8 / LargeUtf8 strings to dictionary codes; short strings are keyed by their bytes to skip decoding. */
function encodeStrings(d: arrow.Data, large: boolean): { codes: Int32Array; dictionary: string[] } {
  const n = d.length;
  const offs = d.valueOffsets as Int32Array | BigInt64Array;
  const bytes = d.values as Uint8Array;
  const codes = new Int32Array(n);
  const dictionary: string[] = [];
  const byKey = new Map<number, number>();
  const byString = new Map<string, number>();
  const decoder = new TextDecoder();
  for (let i = 0; i < n; i++) {
    const a = large ? Number(offs[i]!) : (offs[i] as number);
    const b = large ? Number(offs[i + 1]!) : (offs[i + 1] as number);
    let code: number | undefined;
    let key = -1;
    if (b - a <= 6) {
      // Up to 6 bytes plus the length fit exactly in a double: no decode per row.
      key = b - a;
      for (let k = a; k < b; k++) key = key * 256 + bytes[k]!;
      code = byKey.get(key);
    }
    if (code === undefined) {
      const s = decoder.decode(bytes.subarray(a, b));
      code = byString.get(s);
      if (code === undefined) {
        code = dictionary.length;
        dictionary.push(s);
        byString.set(s, code);
      }
      if (key >= 0) byKey.set(key, code);
    }
    codes[i] = code;
  }
  return { codes, dictionary };
}

function int32Codes(values: ArrayLike<number> & { subarray(a: number, b: number): ArrayLike<number> }, n: number): Int32Array {
  if (values instanceof Int32Array) return values.subarray(0, n);
  return Int32Array.from(values.subarray(0, n));
}

const INT_TYPES = {
  "8true": "int8",
  "16true": "int16",
  "32true": "int32",
  "8false": "uint8",
  "16false": "uint16",
  "32false": "uint32",
} as const;

/**
 * One Arrow chunk of a primitive type as a column. `where` names the column in errors.
 *
 * Timestamps become int64 in their stored unit (see the type's `unit`), Date32
 * int32 days, Date64 int64 milliseconds: exact, no conversion to JS Dates.
 *
 * @example
 * arrowToColumn(arrow.vectorFromArray([1, 2], new arrow.Float32()).data[0]!, "flux").type; // "float32"
 */
export function arrowToColumn(d: arrow.Data, where: string): Column {
  const t = d.type as arrow.DataType;
  const n = d.length;
  const valid = validityOf(d);
  const unsupported = (why = "") => new SchemaError(`Column "${where}" has Arrow type ${String(t)}, which nested-lc cannot read${why}.`);
  if (arrow.DataType.isFloat(t)) {
    if (t.precision === arrow.Precision.HALF) throw unsupported(" (float16)");
    const values = (d.values as Float32Array | Float64Array).subarray(0, n);
    return { type: t.precision === arrow.Precision.SINGLE ? "float32" : "float64", values, valid };
  }
  if (arrow.DataType.isInt(t)) {
    if (t.bitWidth === 64) {
      if (t.isSigned) return { type: "int64", values: (d.values as BigInt64Array).subarray(0, n), valid };
      const u = (d.values as BigUint64Array).subarray(0, n);
      for (let i = 0; i < n; i++) {
        if (u[i]! >= 1n << 63n && (!valid || valid[i])) throw unsupported(` (uint64 value ${u[i]} at row ${i} exceeds int64)`);
      }
      return { type: "int64", values: new BigInt64Array(u.buffer, u.byteOffset, n), valid };
    }
    const type = INT_TYPES[`${t.bitWidth}${t.isSigned}` as keyof typeof INT_TYPES];
    return { type, values: (d.values as Int32Array).subarray(0, n), valid } as Column;
  }
  if (arrow.DataType.isBool(t)) return { type: "bool", values: unpackBits(d.values as Uint8Array, d.offset, n), valid };
  if (arrow.DataType.isUtf8(t) || arrow.DataType.isLargeUtf8(t)) {
    return { type: "dict", ...encodeStrings(d, arrow.DataType.isLargeUtf8(t)), valid };
  }
  if (arrow.DataType.isDictionary(t)) {
    const vt = t.dictionary;
    if (!arrow.DataType.isUtf8(vt) && !arrow.DataType.isLargeUtf8(vt)) throw unsupported(" (only string dictionaries)");
    const dict = d.dictionary;
    const dictionary = dict ? Array.from(dict.toArray() as ArrayLike<string | null>, (s) => s ?? "") : [];
    return { type: "dict", codes: int32Codes(d.values as Int32Array, n), dictionary, valid };
  }
  if (arrow.DataType.isTimestamp(t)) return { type: "int64", values: (d.values as BigInt64Array).subarray(0, n), valid };
  if (arrow.DataType.isDate(t)) {
    if (t.unit === arrow.DateUnit.DAY) return { type: "int32", values: (d.values as Int32Array).subarray(0, n), valid };
    return { type: "int64", values: (d.values as BigInt64Array).subarray(0, n), valid };
  }
  throw unsupported();
}

/** List or LargeList. */
export const isList = (t: arrow.DataType): boolean => arrow.DataType.isList(t) || t.typeId === arrow.Type.LargeList;

/**
 * The struct describing a nest's fields, for `struct<list, ...>` (DP1 HATS) and
 * `list<struct>` types; undefined for any other type (which is not a nest).
 *
 * @example
 * nestStruct(new arrow.List(new arrow.Field("item", new arrow.Struct([new arrow.Field("f", new arrow.Float32())])))); // Struct<{f:Float32}>
 */
export function nestStruct(t: arrow.DataType): arrow.Struct | undefined {
  if (arrow.DataType.isStruct(t)) return t.children.length > 0 && t.children.every((f) => isList(f.type)) ? t : undefined;
  if (isList(t)) {
    const c = t.children[0]!.type;
    return arrow.DataType.isStruct(c) ? c : undefined;
  }
  return undefined;
}
