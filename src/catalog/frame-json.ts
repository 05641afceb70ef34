/**
 * A NestedFrame as JSON, exactly: typed arrays as base64 of their bytes
 * (little-endian, as every platform Node runs on), dictionaries and validity
 * kept. For shard partials, which must merge into the very numbers a single
 * run gives; not a storage format (use parquet for that).
 */
import { type Column, NUMERIC_CTORS, type NumericType } from "../frame/column.js";
import { SchemaError } from "../frame/errors.js";
import type { NestedColumn } from "../frame/nested-column.js";
import { NestedFrame } from "../frame/nested-frame.js";

/** A column as JSON: its type, base64 values (codes for a dictionary), the dictionary, base64 validity. */
export interface ColumnJSON {
  readonly type: Column["type"];
  readonly values: string;
  readonly dictionary?: readonly string[];
  readonly valid?: string;
}

/** A frame as JSON: base columns, nests (base64 Int32 offsets and fields), object count. */
export interface FrameJSON {
  readonly length: number;
  readonly base: Readonly<Record<string, ColumnJSON>>;
  readonly nested: Readonly<Record<string, { readonly offsets: string; readonly fields: Readonly<Record<string, ColumnJSON>> }>>;
}

const CTORS = { ...NUMERIC_CTORS, int64: BigInt64Array, bool: Uint8Array, dict: Int32Array } as const;

const b64 = (a: ArrayBufferView): string => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("base64");

function typed<K extends keyof typeof CTORS>(type: K, text: string, what: string): InstanceType<(typeof CTORS)[K]> {
  const bytes = Buffer.from(text, "base64");
  const Ctor = CTORS[type];
  if (bytes.byteLength % Ctor.BYTES_PER_ELEMENT !== 0) throw new SchemaError(`${what}: ${bytes.byteLength} bytes is not a whole number of ${type} values.`);
  // Copy into a fresh, aligned buffer.
  const out = new Ctor(bytes.byteLength / Ctor.BYTES_PER_ELEMENT);
  new Uint8Array(out.buffer).set(bytes);
  return out as InstanceType<(typeof CTORS)[K]>;
}

function columnToJSON(c: Column): ColumnJSON {
  const valid = c.valid ? { valid: b64(c.valid) } : {};
  if (c.type === "dict") return { type: c.type, values: b64(c.codes), dictionary: c.dictionary, ...valid };
  return { type: c.type, values: b64(c.values), ...valid };
}

function columnFromJSON(j: ColumnJSON, what: string): Column {
  if (!(j.type in CTORS)) throw new SchemaError(`${what}: unknown column type "${String(j.type)}".`);
  const valid = j.valid !== undefined ? { valid: typed("uint8", j.valid, what) } : {};
  if (j.type === "dict") return { type: "dict", codes: typed("dict", j.values, what), dictionary: j.dictionary ?? [], ...valid };
  if (j.type === "int64") return { type: "int64", values: typed("int64", j.values, what), ...valid };
  if (j.type === "bool") return { type: "bool", values: typed("bool", j.values, what), ...valid };
  const t: NumericType = j.type;
  return { type: t, values: typed(t, j.values, what), ...valid };
}

/**
 * The frame as exact JSON (the cut-flow is not kept).
 *
 * @example
 * const back = frameFromJSON(JSON.parse(JSON.stringify(frameToJSON(frame))));
 * back.bigints("objectId")[5]; // 2305843009213693951n, exactly
 */
export function frameToJSON(frame: NestedFrame): FrameJSON {
  const base: Record<string, ColumnJSON> = {};
  for (const [k, c] of Object.entries(frame.base)) base[k] = columnToJSON(c);
  const nested: Record<string, { offsets: string; fields: Record<string, ColumnJSON> }> = {};
  for (const [k, n] of Object.entries(frame.nested)) {
    const fields: Record<string, ColumnJSON> = {};
    for (const [f, c] of Object.entries(n.fields)) fields[f] = columnToJSON(c);
    nested[k] = { offsets: b64(n.offsets), fields };
  }
  return { length: frame.length, base, nested };
}

/**
 * Undo {@link frameToJSON}; throws SchemaError for a malformed column.
 *
 * @example
 * frameFromJSON(frameToJSON(frame)).length; // 6
 */
export function frameFromJSON(j: FrameJSON): NestedFrame {
  const base: Record<string, Column> = {};
  for (const [k, c] of Object.entries(j.base)) base[k] = columnFromJSON(c, `column ${k}`);
  const nested: Record<string, NestedColumn> = {};
  for (const [k, n] of Object.entries(j.nested)) {
    const fields: Record<string, Column> = {};
    for (const [f, c] of Object.entries(n.fields)) fields[f] = columnFromJSON(c, `column ${k}.${f}`);
    nested[k] = { offsets: typed("dict", n.offsets, `offsets of ${k}`), fields };
  }
  return new NestedFrame({ base, nested, length: j.length });
}
