/**
 * Read one partition of a catalog into a NestedFrame, with the column
 * projection reaching the parquet reader. Used on the main thread
 * (`Catalog.partition`) and inside workers alike.
 */
import type { Column } from "../frame/column.js";
import { ArgumentError } from "../frame/errors.js";
import type { NestedFrame } from "../frame/nested-frame.js";
import { fromFlat } from "../frame/verbs/from-flat.js";
import { concatFrames } from "../io/concat-frames.js";
import { readFilesParts, readParquetBatches } from "../io/parquet-read.js";
import type { CatalogKind, CatalogPartition, CatalogSource, FlatLayout } from "./catalog-source.js";

/**
 * A constant column of `n` rows holding a dataId value.
 *
 * @example
 * dataIdColumn("int64", "5063", 2); // { type: "int64", values: BigInt64Array [5063n, 5063n] }
 */
export function dataIdColumn(type: "int64" | "dict", value: string, n: number): Column {
  if (type === "int64") return { type: "int64", values: new BigInt64Array(n).fill(BigInt(value)) };
  return { type: "dict", codes: new Int32Array(n), dictionary: [value] };
}

/** The reader's projection for flat files: plain names (a `nest.` prefix dropped), the id and time columns added, template fields left out. */
function flatProjection(flat: FlatLayout, columns: readonly string[] | undefined): { read: string[] | undefined; fields: FlatLayout["fields"] } {
  if (!columns) return { read: undefined, fields: flat.fields };
  const plain = columns.map((c) => (c.startsWith(`${flat.name}.`) ? c.slice(flat.name.length + 1) : c)).filter((c) => c !== flat.name);
  const fields = flat.fields.filter((f) => plain.includes(f.name));
  const read = plain.filter((c) => !flat.fields.some((f) => f.name === c));
  for (const c of [flat.sortBy, flat.on]) if (c !== undefined && !read.includes(c)) read.unshift(c);
  return { read, fields };
}

/**
 * The frame of partition `index`: a HATS pixel or nested file as stored, flat
 * files grouped by their id column into one nest (observations of this
 * partition only: an object seen in several files is cut at file boundaries
 * until the catalog is regrouped with `groupFlat`).
 *
 * @example
 * const src = await catalogSource("data-samples/dp1_object_collection");
 * const f = await readCatalogPartition(src, 0, ["objectId", "objectForcedSource.psfFlux"]);
 * f.columnNames; // ["objectId", "objectForcedSource.psfFlux"]
 */
export async function readCatalogPartition(source: CatalogSource, index: number, columns?: readonly string[]): Promise<NestedFrame> {
  const p = source.partitions[index];
  if (p === undefined || !Number.isInteger(index)) {
    throw new ArgumentError(`Catalog ${source.path} has ${source.partitions.length} partitions (0..${source.partitions.length - 1}); there is no partition ${index}.`);
  }
  return readPartitionFrame(source.kind, source.flat, p, columns);
}

/** {@link readCatalogPartition} given the partition itself (what a worker receives). */
export async function readPartitionFrame(kind: CatalogKind, flat: FlatLayout | undefined, p: CatalogPartition, columns?: readonly string[]): Promise<NestedFrame> {
  if (kind !== "flat" || !flat) {
    const { frames, labels } = await readFilesParts(p.files, columns ? { columns } : {});
    return concatFrames(frames, labels);
  }
  const { read, fields } = flatProjection(flat, columns);
  // File by file: each file's dataId fields become constant columns of its rows.
  const perFile: NestedFrame[] = [];
  for (let k = 0; k < p.files.length; k++) {
    const { frames, labels } = await readFilesParts([p.files[k]!], read ? { columns: read } : {});
    let rows = concatFrames(frames, labels);
    const dataId = p.fileDataIds?.[k] ?? p.dataId;
    if (fields.length > 0) {
      const extra: Record<string, Column> = {};
      for (const f of fields) extra[f.name] = dataIdColumn(f.type, dataId?.[f.name] ?? "", rows.length);
      rows = rows.withColumns(extra);
    }
    perFile.push(rows);
  }
  return fromFlat(concatFrames(perFile, p.files), { on: flat.on, name: flat.name, ...(flat.sortBy ? { sortBy: flat.sortBy } : {}) });
}

/**
 * The frames of a nested or HATS partition one parquet row group at a time, in
 * row order: each row is an object, so every batch holds whole light curves
 * and a reader holds one row group, not the partition. A partition whose files
 * have no row group yields nothing.
 *
 * @example
 * const src = await catalogSource("data-samples/dp1_object_collection");
 * let objects = 0;
 * for await (const batch of readPartitionBatches(src.partitions[0]!, ["objectId"])) objects += batch.length;
 * objects === (await readCatalogPartition(src, 0, ["objectId"])).length; // true
 */
export async function* readPartitionBatches(p: CatalogPartition, columns?: readonly string[]): AsyncGenerator<NestedFrame, void, undefined> {
  for (const file of p.files) yield* readParquetBatches(file, columns ? { columns } : {});
}
