/**
 * NestedFrame -> apache-arrow Table in either nested layout, sharing buffers:
 * base and child values go over as they are, the Int32 offsets are Arrow's
 * list offsets unchanged (a sliced frame keeps offsets[0] > 0, which Arrow allows).
 */
import * as arrow from "apache-arrow";
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

function listOf(child: arrow.Data, offsets: Int32Array, length: number): arrow.Data {
  const type = new arrow.List(new arrow.Field(ITEM, child.type, true));
  return arrow.makeData({ type, length, nullCount: 0, valueOffsets: offsets, child });
}

/** One nested column as Arrow Data in the requested layout. */
export function nestedToArrow(n: NestedColumn, layout: NestedLayout): arrow.Data {
  const length = nestedLength(n);
  const names = Object.keys(n.fields);
  const children = names.map((f) => columnToArrow(n.fields[f]!));
  if (layout === "struct<list>") {
    const lists = children.map((c) => listOf(c, n.offsets, length));
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
  for (const [name, c] of Object.entries(frame.base)) {
    const d = columnToArrow(c);
    fields.push(new arrow.Field(name, d.type, true));
    data.push(d);
  }
  for (const [name, n] of Object.entries(frame.nested)) {
    const d = nestedToArrow(n, layout);
    fields.push(new arrow.Field(name, d.type, true));
    data.push(d);
  }
  const schema = new arrow.Schema(fields);
  const struct = arrow.makeData({ type: new arrow.Struct(fields), length: frame.length, nullCount: 0, children: data });
  return new arrow.Table([new arrow.RecordBatch(schema, struct)]);
}
