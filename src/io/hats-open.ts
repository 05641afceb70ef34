/**
 * Describe a HATS catalog without reading its data: `hats.properties` (or the
 * older `properties`), `partition_info.csv` (Norder,Npix; older files also carry
 * Dir and num_rows), the leaf files `dataset/Norder=k/Dir=d/Npix=n.parquet` (a
 * leaf may be a directory of parquet files), and the schema from
 * `dataset/_common_metadata` or the first leaf. A collection (a directory with
 * `collection.properties`) resolves to its primary table.
 */
import { readFile, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { FileFormatError, ParquetReadError } from "./errors.js";
import { listParquetFiles } from "./list-files.js";
import { type ParquetColumnInfo, parquetSchema } from "./parquet-schema.js";

export interface HatsPartition {
  readonly order: number;
  readonly pixel: number;
  /** The parquet files holding this pixel (one, or several for a directory leaf). */
  readonly files: readonly string[];
}

export interface HatsCollection {
  readonly dir: string;
  readonly properties: Readonly<Record<string, string>>;
  readonly margins: readonly string[];
  readonly indexes: readonly string[];
}

export interface HatsCatalog {
  /** The catalog directory (the primary table's, for a collection). */
  readonly dir: string;
  readonly properties: Readonly<Record<string, string>>;
  /** Set when `openHats` was given a collection. */
  readonly collection?: HatsCollection;
  readonly partitions: readonly HatsPartition[];
  /** Columns (base, nests and `nest.field`) with Arrow types. */
  readonly columns: readonly ParquetColumnInfo[];
  /** The file the columns were read from. */
  readonly schemaFile: string;
  /** Parquet files under `dataset/` that partition_info.csv does not list. */
  readonly unlisted: readonly string[];
}

const exists = (p: string) => stat(p).then((s) => s, () => undefined);

/** Java-style `key=value` lines; `#` and `!` start comments. */
export function parseProperties(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#") || line.startsWith("!")) continue;
    const eq = line.search(/[=:]/);
    if (eq < 0) continue;
    out[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return out;
}

/** True for a directory holding a HATS catalog or collection (one of its properties files). */
export async function isHatsDirectory(dir: string): Promise<boolean> {
  for (const f of ["collection.properties", "hats.properties", "properties"]) if (await exists(join(dir, f))) return true;
  return false;
}

async function readProperties(dir: string): Promise<Record<string, string> | undefined> {
  for (const name of ["hats.properties", "properties"]) {
    const p = join(dir, name);
    if (await exists(p)) return parseProperties(await readFile(p, "utf8"));
  }
  return undefined;
}

/**
 * (order, pixel) pairs from partition_info.csv, located by header name; a
 * malformed line, a pixel beyond its order's range, a pixel listed twice or
 * inside another listed pixel is a FileFormatError naming the lines.
 *
 * @example
 * parsePartitionInfo("Norder,Npix\n0,4\n1,34\n", "partition_info.csv"); // [{ order: 0, pixel: 4 }, { order: 1, pixel: 34 }]
 */
export function parsePartitionInfo(text: string, file: string): Array<{ order: number; pixel: number }> {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const header = (lines[0] ?? "").split(",").map((h) => h.trim().toLowerCase());
  const io = header.indexOf("norder");
  const ip = header.indexOf("npix");
  if (io < 0 || ip < 0) throw new FileFormatError(file, `expected a header with Norder and Npix, found "${lines[0] ?? ""}".`);
  const out = lines.slice(1).map((l, k) => {
    const cells = l.split(",");
    const order = Number(cells[io]);
    const pixel = Number(cells[ip]);
    if (!Number.isInteger(order) || !Number.isInteger(pixel) || order < 0 || pixel < 0) {
      throw new FileFormatError(file, `line ${k + 2} ("${l}") is not a valid Norder,Npix pair.`);
    }
    if (order <= 29 && pixel >= 12 * 4 ** order) throw new FileFormatError(file, `line ${k + 2}: Npix=${pixel} is beyond the ${12 * 4 ** order} pixels of Norder=${order}.`);
    return { order, pixel };
  });
  checkDisjoint(out, file);
  return out;
}

/**
 * HATS partitions tile the sky without overlap: a pixel listed twice, or one
 * inside another listed pixel, would have its rows read twice.
 */
function checkDisjoint(pixels: ReadonlyArray<{ order: number; pixel: number }>, file: string): void {
  const line = new Map<string, number>();
  pixels.forEach(({ order, pixel }, k) => {
    const key = `${order}/${pixel}`;
    const seen = line.get(key);
    if (seen !== undefined) throw new FileFormatError(file, `lists Norder=${order} Npix=${pixel} twice (lines ${seen} and ${k + 2}); its rows would be read twice.`);
    line.set(key, k + 2);
  });
  for (const { order, pixel } of pixels) {
    for (let d = 1, up = Math.floor(pixel / 4); d <= order; d++, up = Math.floor(up / 4)) {
      const at = line.get(`${order - d}/${up}`);
      if (at !== undefined) {
        throw new FileFormatError(file, `Norder=${order} Npix=${pixel} (line ${line.get(`${order}/${pixel}`)}) lies inside Norder=${order - d} Npix=${up} (line ${at}); HATS partitions must not overlap, or their rows are read twice.`);
      }
    }
  }
}

/** The relative path of a pixel's leaf: Dir groups pixels by ten thousands. */
export function pixelPath(order: number, pixel: number): string {
  return join("dataset", `Norder=${order}`, `Dir=${Math.floor(pixel / 10000) * 10000}`, `Npix=${pixel}`);
}

async function leafFiles(dir: string, order: number, pixel: number, suffix: string): Promise<string[]> {
  const base = join(dir, pixelPath(order, pixel));
  for (const p of new Set([`${base}${suffix}`, `${base}.parquet`, base])) {
    const s = await exists(p);
    if (s?.isFile()) return [p];
    if (s?.isDirectory()) return listParquetFiles(p);
  }
  throw new FileFormatError(
    join(dir, "partition_info.csv"),
    `lists pixel Norder=${order} Npix=${pixel}, but neither ${base}${suffix} nor the directory ${base} exists.`,
  );
}

function partitionsFromDisk(files: readonly string[]): Array<{ order: number; pixel: number }> {
  const seen = new Map<string, { order: number; pixel: number }>();
  for (const f of files) {
    const m = /Norder=(\d+)[/\\]Dir=\d+[/\\]Npix=(\d+)/.exec(f);
    if (m) seen.set(`${m[1]}/${m[2]}`, { order: Number(m[1]), pixel: Number(m[2]) });
  }
  return [...seen.values()].sort((a, b) => a.order - b.order || a.pixel - b.pixel);
}

async function openCollection(dir: string): Promise<HatsCatalog | undefined> {
  const p = join(dir, "collection.properties");
  if (!(await exists(p))) return undefined;
  const properties = parseProperties(await readFile(p, "utf8"));
  const primary = properties.hats_primary_table_url;
  if (!primary) throw new FileFormatError(p, "has no hats_primary_table_url.");
  const list = (k: string) => (properties[k] ?? "").split(/[\s,]+/).filter(Boolean);
  if (!(await exists(join(dir, primary)))) throw new FileFormatError(p, `names the primary table "${primary}", but ${join(dir, primary)} does not exist.`);
  const table = await openHats(join(dir, primary));
  return { ...table, collection: { dir, properties, margins: list("all_margins"), indexes: list("all_indexes") } };
}

/**
 * Describe a HATS catalog or collection: properties, partitions with their files,
 * and columns, without reading any data. A pixel listed in partition_info.csv
 * whose file is missing is an error naming it.
 *
 * @example
 * const cat = await openHats("data-samples/dp1_object_collection");
 * cat.partitions.length; // pixels
 * cat.columns.filter((c) => c.kind === "field").map((c) => c.name); // objectForcedSource.psfFlux, ...
 */
export async function openHats(dir: string): Promise<HatsCatalog> {
  const collection = await openCollection(dir);
  if (collection) return collection;
  const properties = await readProperties(dir);
  if (!properties) {
    const s = await exists(dir);
    if (!s) throw new ParquetReadError(dir, "no such HATS catalog directory");
    const entries = s.isDirectory() ? (await readdir(dir)).slice(0, 8).join(", ") : "(a file)";
    throw new FileFormatError(dir, `is not a HATS catalog: no hats.properties, properties or collection.properties (found ${entries}).`);
  }
  const infoPath = join(dir, "partition_info.csv");
  const onDisk = await listParquetFiles(join(dir, "dataset")).catch(() => []);
  const listed = (await exists(infoPath)) ? parsePartitionInfo(await readFile(infoPath, "utf8"), infoPath) : partitionsFromDisk(onDisk);
  const suffix = properties.hats_npix_suffix ?? ".parquet";
  const partitions: HatsPartition[] = [];
  for (const { order, pixel } of listed) partitions.push({ order, pixel, files: await leafFiles(dir, order, pixel, suffix) });
  const known = new Set(partitions.flatMap((p) => p.files));
  const unlisted = onDisk.filter((f) => !known.has(f));
  const common = join(dir, "dataset", "_common_metadata");
  const schemaFile = (await exists(common)) ? common : partitions[0]?.files[0];
  if (!schemaFile) throw new FileFormatError(dir, "HATS catalog has no partitions and no dataset/_common_metadata.");
  const { columns } = await parquetSchema(schemaFile);
  return { dir, properties, partitions, columns, schemaFile, unlisted };
}
