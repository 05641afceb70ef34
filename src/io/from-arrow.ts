/**
 * apache-arrow Table -> NestedFrame. Primitive columns become base columns;
 * `list<struct<...>>` and `struct<list<...>, ...>` (DP1 HATS) columns become
 * nests. Offsets and value buffers are shared with Arrow when the table has one
 * record batch; several batches are concatenated (one copy).
 *
 * Null list entries (or a null struct in the struct<list> layout) become empty
 * light curves. A null list inside a struct<list> whose siblings are not null
 * makes that field's values null for the object's rows.
 */
import * as arrow from "apache-arrow";
import { type Column, columnLength } from "../frame/column.js";
import { ColumnNotFoundError, SchemaError } from "../frame/errors.js";
import { type NestedColumn, filterNestedRows } from "../frame/nested-column.js";
import { NestedFrame } from "../frame/nested-frame.js";
import { arrowToColumn, isList, nestStruct, validityOf } from "./arrow-decode.js";
import { concatFrames } from "./concat-frames.js";

export interface FromArrowOptions {
  /** Keep only these: base names, nest names (whole nest) and `nest.field` names. Default: everything. */
  readonly columns?: readonly string[];
}


/** A list chunk's offsets as Int32 (zero-copy for List, checked copy for LargeList). */
function listOffsets(d: arrow.Data, where: string): Int32Array {
  const o = d.valueOffsets as Int32Array | BigInt64Array;
  if (o instanceof Int32Array) return o.subarray(0, d.length + 1);
  const out = new Int32Array(d.length + 1);
  for (let i = 0; i <= d.length; i++) {
    const v = o[i]!;
    if (v > 0x7fffffffn) throw new SchemaError(`Nested column "${where}" has more than 2^31-1 observations in one chunk.`);
    out[i] = Number(v);
  }
  return out;
}

function withValid(c: Column, extra: Uint8Array | undefined): Column {
  if (!extra) return c;
  if (!c.valid) return { ...c, valid: extra };
  const v = Uint8Array.from(c.valid, (x, i) => x & extra[i]!);
  return { ...c, valid: v };
}

/** Drop the rows of objects whose slot is null (`slotValid` 0), so they become empty light curves. */
function emptyNullSlots(n: NestedColumn, slotValid: Uint8Array | undefined): NestedColumn {
  if (!slotValid) return n;
  const o = n.offsets;
  let any = false;
  for (let i = 0; i < slotValid.length && !any; i++) any = !slotValid[i] && o[i + 1]! > o[i]!;
  if (!any) return n;
  const start = o[0]!;
  const keep = new Uint8Array(o[o.length - 1]! - start).fill(1);
  for (let i = 0; i < slotValid.length; i++) if (!slotValid[i]) keep.fill(0, o[i]! - start, o[i + 1]! - start);
  return filterNestedRows(n, keep);
}

function fieldCheck(where: string, name: string, t: arrow.DataType): void {
  if (arrow.DataType.isStruct(t) || isList(t)) {
    throw new SchemaError(`Nested column "${where}": field "${name}" has Arrow type ${String(t)}; only one level of nesting is supported.`);
  }
}

/** `list<struct<...>>`: one offsets buffer, a struct of flat children. */
function fromListOfStruct(d: arrow.Data, where: string, keep: (f: string) => boolean): NestedColumn {
  const offsets = listOffsets(d, where);
  const s = d.children[0]!;
  const sType = s.type as arrow.Struct;
  const rowValid = validityOf(s);
  const fields: Record<string, Column> = {};
  sType.children.forEach((f, j) => {
    if (!keep(f.name)) return;
    fieldCheck(where, f.name, f.type);
    fields[f.name] = withValid(arrowToColumn(s.children[j]!, `${where}.${f.name}`), rowValid);
  });
  return emptyNullSlots({ offsets, fields }, validityOf(d));
}

function sameOffsets(a: Int32Array, b: Int32Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** `struct<field: list<...>, ...>` (DP1 HATS): every list must carry the same offsets. */
function fromStructOfLists(d: arrow.Data, where: string, keep: (f: string) => boolean): NestedColumn {
  const sType = d.type as arrow.Struct;
  let offsets: Int32Array | undefined;
  let firstField = "";
  const fields: Record<string, Column> = {};
  sType.children.forEach((f, j) => {
    const l = d.children[j]!;
    const o = listOffsets(l, `${where}.${f.name}`);
    if (offsets === undefined) {
      offsets = o;
      firstField = f.name;
    } else if (!sameOffsets(offsets, o)) {
      throw new SchemaError(
        `Nested column "${where}": field "${f.name}" has different list offsets from field "${firstField}"; ` +
          "a struct<list> nest needs every field to hold one value per observation.",
      );
    }
    if (!keep(f.name)) return;
    const item = (l.type as arrow.List).children[0]!;
    fieldCheck(where, f.name, item.type);
    const col = arrowToColumn(l.children[0]!, `${where}.${f.name}`);
    const listValid = validityOf(l);
    let rowValid: Uint8Array | undefined;
    if (listValid) {
      rowValid = new Uint8Array(columnLength(col)).fill(1);
      for (let i = 0; i < listValid.length; i++) if (!listValid[i]) rowValid.fill(0, o[i]!, o[i + 1]!);
    }
    fields[f.name] = withValid(col, rowValid);
  });
  return emptyNullSlots({ offsets: offsets ?? new Int32Array(d.length + 1), fields }, validityOf(d));
}

function selector(columns: readonly string[] | undefined, schema: arrow.Schema) {
  if (!columns) return { base: () => true, field: () => true };
  const all: string[] = [];
  for (const f of schema.fields) {
    all.push(f.name);
    for (const g of nestStruct(f.type)?.children ?? []) all.push(`${f.name}.${g.name}`);
  }
  const want = new Set(columns);
  for (const c of columns) if (!all.includes(c)) throw new ColumnNotFoundError(c, all, "the Arrow table");
  return { base: (n: string) => want.has(n) || all.some((a) => want.has(a) && a.startsWith(`${n}.`)), field: (n: string, f: string) => want.has(n) || want.has(`${n}.${f}`) };
}

function batchToFrame(batch: arrow.RecordBatch, sel: ReturnType<typeof selector>): NestedFrame {
  const base: Record<string, Column> = {};
  const nested: Record<string, NestedColumn> = {};
  batch.schema.fields.forEach((f, j) => {
    if (!sel.base(f.name)) return;
    const d = batch.data.children[j]!;
    const keep = (g: string) => sel.field(f.name, g);
    if (nestStruct(f.type)) nested[f.name] = isList(f.type) ? fromListOfStruct(d, f.name, keep) : fromStructOfLists(d, f.name, keep);
    else if (isList(f.type) || arrow.DataType.isStruct(f.type)) {
      throw new SchemaError(`Column "${f.name}" has Arrow type ${String(f.type)}; nests must be list<struct<...>> or struct<list<...>, ...>.`);
    } else base[f.name] = arrowToColumn(d, f.name);
  });
  return new NestedFrame({ base, nested, length: batch.numRows });
}

/** A zero-row chunk of any type (apache-arrow's own empty batch leaves list children undefined). */
function emptyData(t: arrow.DataType): arrow.Data {
  const props = { type: t, length: 0, nullCount: 0 } as const;
  if (isList(t)) return arrow.makeData({ ...props, type: t as arrow.List, valueOffsets: new Int32Array(1), child: emptyData(t.children[0]!.type) });
  if (arrow.DataType.isStruct(t)) return arrow.makeData({ ...props, type: t, children: t.children.map((f) => emptyData(f.type)) });
  if (arrow.DataType.isDictionary(t)) return arrow.makeData({ ...props, type: t, dictionary: arrow.makeVector(emptyData(t.dictionary)) });
  return arrow.makeData(props as { type: arrow.Float64; length: 0; nullCount: 0 });
}

function emptyBatch(schema: arrow.Schema): arrow.RecordBatch {
  return new arrow.RecordBatch(schema, emptyData(new arrow.Struct(schema.fields)) as arrow.Data<arrow.Struct>);
}

/**
 * An Arrow Table as one NestedFrame per record batch, zero-copy (callers that
 * gather several tables concatenate once over all of their batches).
 *
 * @example
 * arrowFrames(tableFromIPC(bytes)).length; // record batches (at least 1)
 */
export function arrowFrames(table: arrow.Table, options: FromArrowOptions = {}): NestedFrame[] {
  const sel = selector(options.columns, table.schema);
  // Zero-row batches add nothing, and apache-arrow's placeholder for an empty IPC stream lacks list children.
  const full = table.batches.filter((b) => b.numRows > 0);
  const batches = full.length > 0 ? full : [emptyBatch(table.schema)];
  return batches.map((b) => batchToFrame(b, sel));
}

/**
 * An Arrow Table as a NestedFrame (zero-copy for a single record batch).
 *
 * @example
 * const frame = fromArrow(tableFromIPC(bytes));
 * frame.nest("objectForcedSource").offsets; // Int32Array shared with Arrow
 */
export function fromArrow(table: arrow.Table, options: FromArrowOptions = {}): NestedFrame {
  return concatFrames(arrowFrames(table, options));
}
