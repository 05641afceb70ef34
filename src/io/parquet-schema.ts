/**
 * Describe a parquet file from its footer alone: no column data is read.
 */
import { assertSameTypes } from "./errors.js";
import { nestStruct } from "./arrow-decode.js";
import { type OpenedParquet, openParquet } from "./parquet-open.js";
import { freeParquetFile } from "./parquet-wasm.js";

export interface ParquetColumnInfo {
  /** Base name, nest name, or `nest.field`. */
  readonly name: string;
  /** Arrow type as text, e.g. `Float32`, `Struct<{psfFlux:List<Float32>, ...}>`. */
  readonly type: string;
  /** `"base"`, `"nest"` (a whole nest) or `"field"` (a field of a nest). */
  readonly kind: "base" | "nest" | "field";
}

export interface ParquetSchemaInfo {
  readonly path: string;
  readonly rows: number;
  readonly rowGroups: readonly { readonly rows: number; readonly compressedBytes: number }[];
  readonly columns: readonly ParquetColumnInfo[];
  /** Footer key/value metadata (without the embedded Arrow schema). */
  readonly metadata: Readonly<Record<string, string>>;
}

/**
 * Rows, row groups, column names and types of a parquet file, from its footer.
 *
 * @example
 * const s = await parquetSchema("data-samples/dp1_object_collection/object_lc/dataset/Norder=2/Dir=0/Npix=80.parquet");
 * s.columns.filter((c) => c.kind === "field").map((c) => c.name); // ["objectForcedSource.psfFlux", ...]
 */
export async function parquetSchema(path: string): Promise<ParquetSchemaInfo> {
  const p = await openParquet(path);
  try {
    return describeOpened(p);
  } finally {
    freeParquetFile(p.file);
  }
}

/** The schema description of a file already opened (no I/O). */
export function describeOpened(p: OpenedParquet): ParquetSchemaInfo {
  const columns: ParquetColumnInfo[] = [];
  for (const f of p.schema.fields) {
    const s = nestStruct(f.type);
    columns.push({ name: f.name, type: String(f.type), kind: s ? "nest" : "base" });
    // Fields show their per-observation type in either layout (Float32, not List<Float32>).
    const listItems = s !== undefined && s === f.type;
    for (const g of s?.children ?? []) {
      columns.push({ name: `${f.name}.${g.name}`, type: String(listItems ? g.type.children[0]!.type : g.type), kind: "field" });
    }
  }
  return {
    path: p.path,
    rows: p.rows,
    rowGroups: p.rowGroupRows.map((rows, i) => ({ rows, compressedBytes: p.rowGroupBytes[i]! })),
    columns,
    metadata: Object.fromEntries(p.keyValueMetadata),
  };
}

/**
 * Throw SchemaMismatchError unless `other` has the same columns with the same
 * types as `first`, naming both files, the column and both types.
 */
export function checkSameColumns(first: ParquetSchemaInfo, other: ParquetSchemaInfo): void {
  const types = (i: ParquetSchemaInfo) => ({ label: i.path, types: new Map(i.columns.map((c) => [c.name, c.type])) });
  assertSameTypes(types(first), types(other));
}
