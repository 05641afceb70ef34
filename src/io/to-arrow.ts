/**
 * NestedFrame -> apache-arrow Table in either nested layout, sharing buffers:
 * base and child values go over as they are, the Int32 offsets are Arrow's
 * list offsets unchanged (a sliced frame keeps offsets[0] > 0, which Arrow allows).
 */
import * as arrow from "apache-arrow";
import { type Column, rawValues } from "../frame/column.js";
import type { NestedColumn } from "../frame/nested-column.js";
import { nestedLength } from "../frame/nested-column.js";
import type { NestedFrame } from "../frame/nested-frame.js";
import { ArgumentError } from "../frame/errors.js";
import { columnToArrow } from "./arrow-encode.js";

/**
 * How a nest is laid out in Arrow: `list<struct>` (one list of records, nested-pandas'
 * layout) or `struct<list>` (a struct of per-field lists sharing offsets, as DP1 HATS files do).
 */
export type NestedLayout = "list<struct>" | "struct<list>";

export interface ToArrowOptions {
  /** Default `"list<struct>"`. */
  readonly layout?: NestedLayout;
}

/** Name of the list item field; "element" is what the Parquet spec and pyarrow write. */
const ITEM = "element";

/**
 * apache-arrow's IPC writer merges consecutive body buffers that overlap in one
 * ArrayBuffer (collapseContiguousByteRanges), corrupting the stream when two
 * columns share a view. Measured: a struct<list> nest with zero observations
 * (its shared offsets written back to back) came back with offsets [-1, 0].
 * So every view goes to Arrow once; a repeat is copied.
 */
function bufferGuard(): (c: Column) => Column {
  const used = new Map<ArrayBufferLike, Array<[number, number]>>();
  return (c) => {
    const v = rawValues(c);
    const a = v.byteOffset;
    const b = a + v.byteLength;
    const ranges = used.get(v.buffer) ?? [];
    if (v.byteLength > 0 && ranges.some(([x, y]) => a < y && x < b)) {
      return c.type === "dict" ? { ...c, codes: c.codes.slice() } : ({ ...c, values: c.values.slice() } as Column);
    }
    ranges.push([a, b]);
    used.set(v.buffer, ranges);
    return c;
  };
}

/** Dictionary ids numbered by position in the table; undefined (arrow's global counter) when not asked for. */
function dictIdFor(c: Column, next: () => number): number | undefined {
  if (c.type !== "dict") return undefined;
  const id = next();
  return id < 0 ? undefined : id;
}

function listOf(child: arrow.Data, offsets: Int32Array, length: number): arrow.Data {
  const type = new arrow.List(new arrow.Field(ITEM, child.type, true));
  return arrow.makeData({ type, length, nullCount: 0, valueOffsets: offsets, child });
}

/** One nested column as Arrow Data in the requested layout. */
export function nestedToArrow(
  n: NestedColumn,
  layout: NestedLayout,
  nextDictId: () => number = () => -1,
  guard: (c: Column) => Column = bufferGuard(),
): arrow.Data {
  const length = nestedLength(n);
  const names = Object.keys(n.fields);
  const children = names.map((f) => columnToArrow(guard(n.fields[f]!), dictIdFor(n.fields[f]!, nextDictId)));
  if (layout === "struct<list>") {
    // Shared offsets are the point of this layout, but with no observations they
    // would be written back to back and merged by the IPC writer (see bufferGuard).
    const empty = n.offsets[0] === n.offsets[length];
    const lists = children.map((c) => listOf(c, empty ? n.offsets.slice() : n.offsets, length));
    const type = new arrow.Struct(names.map((f, j) => new arrow.Field(f, lists[j]!.type, true)));
    return arrow.makeData({ type, length, nullCount: 0, children: lists });
  }
  const rows = children.reduce((m, c) => Math.max(m, c.length), 0);
  const type = new arrow.Struct(names.map((f, j) => new arrow.Field(f, children[j]!.type, true)));
  const struct = arrow.makeData({ type, length: rows, nullCount: 0, children });
  return listOf(struct, n.offsets, length);
}

/**
 * A NestedFrame as an Arrow Table: base columns first, then one column per nest.
 * Values buffers are shared, not copied; validity masks and bools become bitmaps,
 * dictionary strings become `Dictionary<Int32, Utf8>`.
 *
 * @example
 * const table = toArrow(frame, { layout: "struct<list>" });
 * table.getChild("lc")?.type.toString(); // "Struct<{psfFlux:List<Float32>, ...}>"
 */
export function toArrow(frame: NestedFrame, options: ToArrowOptions = {}): arrow.Table {
  const layout = options.layout ?? "list<struct>";
  if (layout !== "list<struct>" && layout !== "struct<list>") {
    throw new ArgumentError(`Unknown nested layout "${String(layout)}"; use "list<struct>" or "struct<list>".`);
  }
  const fields: arrow.Field[] = [];
  const data: arrow.Data[] = [];
  let dictIds = 0;
  const nextDictId = () => dictIds++;
  const guard = bufferGuard();
  for (const [name, c] of Object.entries(frame.base)) {
    const d = columnToArrow(guard(c), dictIdFor(c, nextDictId));
    fields.push(new arrow.Field(name, d.type, true));
    data.push(d);
  }
  for (const [name, n] of Object.entries(frame.nested)) {
    const d = nestedToArrow(n, layout, nextDictId, guard);
    fields.push(new arrow.Field(name, d.type, true));
    data.push(d);
  }
  const schema = new arrow.Schema(fields);
  const struct = arrow.makeData({ type: new arrow.Struct(fields), length: frame.length, nullCount: 0, children: data });
  return new arrow.Table([new arrow.RecordBatch(schema, struct)]);
}
