/**
 * What a Catalog is made of, found without reading any data: its partitions
 * (HATS pixels, nested parquet files, or flat per-visit files with the dataId
 * values their paths carry) and its columns. Plain data, so the same
 * description is sent to worker threads.
 */
import { stat } from "node:fs/promises";
import { relative } from "node:path";
import { ArgumentError } from "../frame/errors.js";
import { isHatsDirectory, openHats } from "../io/hats-open.js";
import { listParquetFiles } from "../io/list-files.js";
import { type ParquetColumnInfo, parquetSchema } from "../io/parquet-schema.js";
import { ParquetReadError } from "../io/errors.js";
import { pathTemplate } from "./path-template.js";
import { readGroupedSource } from "./grouped-source.js";

/** `hats`: pixels of a HATS catalog; `parquet`: nested parquet files; `flat`: one row per observation. */
export type CatalogKind = "hats" | "parquet" | "flat";

/** One partition: the unit a worker reads and processes. */
export interface CatalogPartition {
  /** Position in the catalog (partition order is the order results are merged in). */
  readonly index: number;
  /** `Norder=2/Npix=80` for a HATS pixel, else the file's path relative to the catalog. */
  readonly label: string;
  readonly files: readonly string[];
  readonly order?: number;
  readonly pixel?: number;
  /** dataId values taken from the path by the template (flat files). */
  readonly dataId?: Readonly<Record<string, string>>;
  /** For a partition of several flat files: each file's dataId, in `files` order (instead of `dataId`). */
  readonly fileDataIds?: readonly Readonly<Record<string, string>>[];
}

/** How flat files become light curves. */
export interface FlatLayout {
  /** The object id column the rows are grouped by. */
  readonly on: string;
  /** The nest the rows are grouped into. */
  readonly name: string;
  /** The time column light curves are sorted by, if any. */
  readonly sortBy?: string;
  /** dataId fields of the path template, added as columns; `int64` when every value is an integer. */
  readonly fields: readonly { readonly name: string; readonly type: "int64" | "dict" }[];
  /** True for a catalog groupFlat made: each partition holds whole light curves. */
  readonly grouped?: boolean;
}

/** A catalog described from footers: kind, partitions and columns. */
export interface CatalogSource {
  readonly path: string;
  readonly kind: CatalogKind;
  readonly partitions: readonly CatalogPartition[];
  /** Columns of the data (base, nests, `nest.field`), from the schema file; template fields included for flat files. */
  readonly columns: readonly ParquetColumnInfo[];
  readonly flat?: FlatLayout;
}

/** Options of {@link openCatalog}. */
export interface CatalogSourceOptions {
  /** Flat files: keep only the files matching this path template (relative to the catalog), e.g. `{tract}/visit_{visit}.parquet`; its fields become columns. */
  readonly template?: string;
  /** Flat files: the object id column (default: objectId, else diaObjectId). */
  readonly on?: string;
  /** Flat files: the nest to group observations into (default `lc`). */
  readonly nest?: string;
  /** Flat files: sort each light curve by this column (default: midpointMjdTai, mjd or time when present). */
  readonly sortBy?: string;
}

/**
 * The column type of dataId field `name`: int64 when every file's value is an integer, else a dictionary string.
 *
 * @example
 * dataIdType([{ tract: "5063" }, { tract: "2234" }], "tract"); // "int64"
 */
export function dataIdType(dataIds: readonly Readonly<Record<string, string>>[], name: string): "int64" | "dict" {
  return dataIds.every((d) => /^-?\d{1,18}$/.test(d[name] ?? "")) ? "int64" : "dict";
}

const ID_COLUMNS = ["objectId", "diaObjectId"];
const TIME_COLUMNS = ["midpointMjdTai", "mjd", "time"];

async function hatsSource(path: string): Promise<CatalogSource> {
  const cat = await openHats(path);
  const partitions = cat.partitions.map((p, index) => ({ index, label: `Norder=${p.order}/Npix=${p.pixel}`, files: p.files, order: p.order, pixel: p.pixel }));
  return { path, kind: "hats", partitions, columns: cat.columns };
}

/**
 * The files under `path` that match `template`, with the dataId values each path carries; throws when none matches.
 *
 * @example
 * templateFiles("root", ["root/tract=1/object.parquet", "root/visit=7/source.parquet"], "tract={tract}/object.parquet");
 * // { files: ["root/tract=1/object.parquet"], dataIds: [{ tract: "1" }] }
 */
export function templateFiles(path: string, files: readonly string[], template: string): { files: string[]; dataIds: Record<string, string>[] } {
  const t = pathTemplate(template);
  const out: string[] = [];
  const dataIds: Record<string, string>[] = [];
  for (const f of files) {
    const id = t.match(relative(path, f));
    if (id) {
      out.push(f);
      dataIds.push(id);
    }
  }
  if (out.length === 0) {
    const some = files.slice(0, 3).map((f) => relative(path, f)).join(", ");
    throw new ArgumentError(`No parquet file under ${path} matches the template "${template}" (files are like ${some || "(none)"}).`);
  }
  return { files: out, dataIds };
}

/**
 * Describe the catalog at `path`: a HATS catalog or collection, a nested
 * parquet file or folder of them, flat per-visit files (a folder, optionally
 * filtered by a path template whose fields become columns), or a folder that
 * groupFlat wrote (its id ranges are the partitions). Reads footers only.
 *
 * @example
 * const src = await catalogSource("data-samples/forced_source_visits", { template: "visit_{first}-{last}.parquet" });
 * src.kind; // "flat"
 * src.partitions.length; // 30
 * src.partitions[0]!.dataId; // { first: "2024102300019", last: "2024102500037" }
 */
export async function catalogSource(path: string, options: CatalogSourceOptions = {}): Promise<CatalogSource> {
  const s = await stat(path).catch(() => undefined);
  if (!s) throw new ParquetReadError(path, "no such file or directory");
  if (s.isDirectory() && (await isHatsDirectory(path))) {
    if (options.template !== undefined) throw new ArgumentError(`${path} is a HATS catalog; a path template applies to flat per-visit files only.`);
    return hatsSource(path);
  }
  const grouped = s.isDirectory() ? await readGroupedSource(path) : undefined;
  if (grouped) return grouped;
  let files = await listParquetFiles(path);
  let dataIds: Record<string, string>[] | undefined;
  if (options.template !== undefined) ({ files, dataIds } = templateFiles(path, files, options.template));
  if (files.length === 0) throw new ArgumentError(`No parquet files under ${path}: a catalog needs a HATS catalog, parquet files, or flat per-visit files.`);
  const label = (f: string) => (f === path ? f : relative(path, f));
  const info = await parquetSchema(files[0]!);
  const names = info.columns.map((c) => c.name);
  const nested = info.columns.some((c) => c.kind === "nest");
  if (nested) {
    if (options.template !== undefined) throw new ArgumentError(`${files[0]} is nested; a path template applies to flat per-visit files only.`);
    return { path, kind: "parquet", partitions: files.map((f, index) => ({ index, label: label(f), files: [f] })), columns: info.columns };
  }
  const on = options.on ?? ID_COLUMNS.find((c) => names.includes(c));
  if (on === undefined || !names.includes(on)) {
    const what = options.on === undefined ? `an object id column (${ID_COLUMNS.join(" or ")})` : `the id column "${on}"`;
    throw new ArgumentError(`${files[0]} is flat but has no ${what}; pass { on } naming the column to group observations by (columns: ${names.slice(0, 12).join(", ")}).`);
  }
  const sortBy = options.sortBy ?? TIME_COLUMNS.find((c) => names.includes(c));
  const fields = (dataIds && options.template !== undefined ? pathTemplate(options.template).fields : []).map((name) => {
    if (names.includes(name)) throw new ArgumentError(`Template field {${name}} is also a column of ${files[0]}; rename the field.`);
    return { name, type: dataIdType(dataIds!, name) };
  });
  const nest = options.nest ?? "lc";
  const columns: ParquetColumnInfo[] = [...info.columns, ...fields.map((f) => ({ name: f.name, type: f.type === "int64" ? "Int64" : "Dictionary<Int32, Utf8>", kind: "base" as const }))];
  const partitions = files.map((f, index) => ({ index, label: label(f), files: [f], ...(dataIds ? { dataId: dataIds[index]! } : {}) }));
  return { path, kind: "flat", partitions, columns, flat: { on, name: nest, ...(sortBy ? { sortBy } : {}), fields } };
}
