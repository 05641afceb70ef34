/**
 * Find and read whatever a user points at: a HATS catalog or collection, a
 * parquet file, a directory of flat per-visit parquet files, or a folder
 * holding several of these (e.g. data-samples/). Used by the CLI.
 */
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { ArgumentError } from "../frame/errors.js";
import type { NestedFrame } from "../frame/nested-frame.js";
import { concatFrames } from "./concat-frames.js";
import { ParquetReadError } from "./errors.js";
import { readFlat } from "./flat.js";
import { type HatsCatalog, isHatsDirectory, openHats } from "./hats-open.js";
import { readHats } from "./hats-read.js";
import { isDataName, isParquetName, listParquetFiles } from "./list-files.js";
import { readFilesParts } from "./parquet-read.js";
import { type ParquetColumnInfo, parquetSchema } from "./parquet-schema.js";

export interface Dataset {
  readonly path: string;
  /** `hats`: a catalog or collection; `parquet`: nested or plain parquet file(s); `flat`: per-visit rows grouped by `on`. */
  readonly kind: "hats" | "parquet" | "flat";
  readonly description: string;
  readonly files: readonly string[];
  /** For `flat`: the object id column the rows are grouped by. */
  readonly on?: string;
  /** For `flat`: the time column light curves are sorted by, when present. */
  readonly sortBy?: string;
  /** For `hats`: the catalog as opened, so reading it does not open it again. */
  readonly catalog?: HatsCatalog;
}

/** Id columns tried, in order, to group flat rows into objects. */
const ID_COLUMNS = ["objectId", "diaObjectId"];
const TIME_COLUMNS = ["midpointMjdTai", "mjd", "time"];


async function describeFiles(path: string, files: string[]): Promise<Dataset> {
  const info = await parquetSchema(files[0]!);
  const nests = info.columns.filter((c) => c.kind === "nest").map((c) => c.name);
  const rows = files.length === 1 ? `${info.rows} rows` : `${files.length} files`;
  if (nests.length > 0) return { path, kind: "parquet", files, description: `nested parquet (${nests.join(", ")}), ${rows}` };
  const names = info.columns.map((c) => c.name);
  const on = ID_COLUMNS.find((c) => names.includes(c));
  if (!on) return { path, kind: "parquet", files, description: `flat parquet without an object id column, ${rows}` };
  const sortBy = TIME_COLUMNS.find((c) => names.includes(c));
  return { path, kind: "flat", files, on, ...(sortBy ? { sortBy } : {}), description: `flat per-visit parquet grouped by ${on}, ${rows}` };
}

/**
 * The datasets at `path`, sorted by path: a HATS catalog or collection is one
 * dataset, a folder with parquet files in it is one, any other folder is
 * searched subfolder by subfolder.
 *
 * @example
 * for (const ds of await findDatasets("data-samples")) console.log(ds.kind, ds.path);
 */
export async function findDatasets(path: string): Promise<Dataset[]> {
  const s = await stat(path).catch(() => undefined);
  if (!s) throw new ParquetReadError(path, "no such file or directory");
  if (!s.isDirectory()) return [await describeFiles(path, [path])];
  if (await isHatsDirectory(path)) {
    const catalog = await openHats(path);
    const kind = catalog.collection ? "HATS collection" : "HATS catalog";
    const files = catalog.partitions.flatMap((p) => p.files);
    return [{ path, kind: "hats", files, catalog, description: `${kind}, ${catalog.partitions.length} partitions` }];
  }
  const entries = (await readdir(path, { withFileTypes: true })).filter((e) => isDataName(e.name));
  // Parquet files directly inside: the folder is one dataset (subfolders included, e.g. per-visit partitions).
  if (entries.some((e) => e.isFile() && isParquetName(e.name))) return [await describeFiles(path, await listParquetFiles(path))];
  const out: Dataset[] = [];
  for (const e of entries.filter((x) => x.isDirectory()).sort((x, y) => x.name.localeCompare(y.name))) {
    out.push(...(await findDatasets(join(path, e.name))));
  }
  return out;
}

/**
 * Read a dataset found by `findDatasets` into one NestedFrame. Flat files are
 * grouped into a nest called `lc`. `columns` projects as the readers do: base
 * names, nests and `nest.field` for nested data; plain names for flat files
 * (the id column is always read).
 *
 * @example
 * const [ds] = await findDatasets("data-samples/dp1_object_collection");
 * const frame = await readDataset(ds!, { columns: ["objectId", "objectForcedSource.band", "objectForcedSource.psfFlux"] });
 */
export async function readDataset(ds: Dataset, options: { columns?: readonly string[] | undefined } = {}): Promise<NestedFrame> {
  const columns = options.columns ? { columns: options.columns } : {};
  if (ds.kind === "hats") return readHats(ds.catalog ?? ds.path, columns);
  if (ds.kind === "flat") {
    // Light curves are sorted by time, so the time column is read whenever there is one.
    const withTime = options.columns && ds.sortBy && !options.columns.includes(ds.sortBy) ? { columns: [...options.columns, ds.sortBy] } : columns;
    return readFlat(ds.files, { on: ds.on!, name: "lc", ...(ds.sortBy ? { sortBy: ds.sortBy } : {}), ...withTime });
  }
  const { frames, labels } = await readFilesParts(ds.files, columns);
  return concatFrames(frames, labels);
}

/**
 * The columns (base, nests and `nest.field`, with Arrow types) of a dataset
 * found by `findDatasets`, from footers only: a HATS catalog's schema (as
 * opened by `findDatasets`, so an empty catalog's `_common_metadata` counts),
 * else the schema of the dataset's first file. Throws ArgumentError for a
 * dataset without files.
 *
 * @example
 * const [ds] = await findDatasets("data-samples/dp1_object_collection");
 * const columns = await datasetColumns(ds!);
 * columns.filter((c) => c.kind === "field").map((c) => c.name); // ["objectForcedSource.psfFlux", ...]
 */
export async function datasetColumns(ds: Dataset): Promise<readonly ParquetColumnInfo[]> {
  if (ds.kind === "hats") return (ds.catalog ?? (await openHats(ds.path))).columns;
  const first = ds.files[0];
  if (first === undefined) throw new ArgumentError(`Dataset ${ds.path} has no parquet files, so it has no columns to list.`);
  return (await parquetSchema(first)).columns;
}
