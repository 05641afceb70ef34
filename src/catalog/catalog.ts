/**
 * A Catalog: a list of partitions read lazily. Opening reads footers only;
 * `partition(i)` and `head(n)` read what they need (debug your code on one
 * partition), and `mapPartitions` / `reducePartitions` run a partition
 * function over all of them in worker threads, with memory bounded by the
 * partitions in flight, not by the catalog.
 */
import { ArgumentError, ColumnNotFoundError } from "../frame/errors.js";
import type { NestedFrame } from "../frame/nested-frame.js";
import { concatFrames } from "../io/concat-frames.js";
import { type CatalogKind, type CatalogPartition, type CatalogSource, type CatalogSourceOptions, catalogSource } from "./catalog-source.js";
import type { ModuleFunction } from "./partition-function.js";
import type { PartitionFunction } from "./partition-task.js";

export type { PartitionFunction } from "./partition-task.js";
import { type GroupFlatOptions, groupFlat } from "./group-flat.js";
import { readCatalogPartition } from "./read-partition.js";
import { type RunOptions, runPartitions } from "./run-partitions.js";

/** Options of {@link openCatalog}. */
export interface OpenCatalogOptions extends CatalogSourceOptions {
  /** Columns to read (base names, nests, `nest.field`; plain names for flat files). Default: all. */
  readonly columns?: readonly string[];
}

export class Catalog {
  private constructor(
    /** Kind, partitions and columns, as found when opening. */
    readonly source: CatalogSource,
    /** The columns read from each partition (undefined: all). */
    readonly projection: readonly string[] | undefined,
  ) {}

  /**
   * Open a catalog without reading data: see {@link openCatalog}.
   *
   * @example
   * const cat = await Catalog.open("data-samples/dp1_object_collection");
   * cat.partitions.length; // 23
   */
  static async open(path: string, options: OpenCatalogOptions = {}): Promise<Catalog> {
    const { columns, ...rest } = options;
    const cat = new Catalog(await catalogSource(path, rest), undefined);
    return columns ? cat.select(columns) : cat;
  }

  /**
   * A catalog over a described source (e.g. one built by hand or by groupFlat).
   *
   * @example
   * const cat = Catalog.fromSource(await catalogSource("data-samples/dp1_object_collection"));
   * cat.kind; // "hats"
   */
  static fromSource(source: CatalogSource, projection?: readonly string[]): Catalog {
    return new Catalog(source, projection ? [...projection] : undefined);
  }

  /** The catalog's path. */
  get path(): string {
    return this.source.path;
  }

  /** True when every partition holds whole light curves: not flat per-visit files (unless regrouped by groupFlat). */
  get wholeLightCurves(): boolean {
    return this.source.kind !== "flat" || this.source.flat?.grouped === true;
  }

  /** `hats`, `parquet` (nested files) or `flat` (one row per observation, grouped per partition). */
  get kind(): CatalogKind {
    return this.source.kind;
  }

  /** The partitions: index, label (pixel or file), files, and for flat files the dataId. */
  get partitions(): readonly CatalogPartition[] {
    return this.source.partitions;
  }

  /** The columns that can be read (all of them, whatever the projection). */
  get columns(): string[] {
    return this.source.columns.map((c) => c.name);
  }

  /**
   * The same catalog reading only `columns` (checked against the schema; the
   * projection reaches the parquet reader, so other columns are never decoded).
   *
   * @example
   * const cat = (await openCatalog("data-samples/dp1_object_collection")).select(["objectId", "objectForcedSource.psfFlux"]);
   * (await cat.partition(0)).columnNames; // ["objectId", "objectForcedSource.psfFlux"]
   */
  select(columns: readonly string[]): Catalog {
    if (columns.length === 0) throw new ArgumentError("select needs at least one column.");
    const known = new Set(this.columns);
    const nest = this.source.flat?.name;
    for (const c of columns) {
      const plain = nest !== undefined && c.startsWith(`${nest}.`) ? c.slice(nest.length + 1) : c;
      if (!known.has(plain) && plain !== nest) throw new ColumnNotFoundError(c, [...known], `catalog ${this.path}`);
    }
    return new Catalog(this.source, [...columns]);
  }

  /**
   * Partition `i` as a frame: run your code on it in this thread to debug it
   * before mapPartitions runs it everywhere.
   *
   * @example
   * const cat = await openCatalog("data-samples/dp1_object_collection", { columns: ["objectId"] });
   * (await cat.partition(0)).length; // the objects of the first pixel
   */
  partition(i: number): Promise<NestedFrame> {
    return readCatalogPartition(this.source, i, this.projection);
  }

  /**
   * The first `n` objects, reading partitions in order only until there are enough.
   *
   * @example
   * const cat = await openCatalog("data-samples/dp1_object_collection", { columns: ["objectId", "objectForcedSource.psfFlux"] });
   * (await cat.head(3)).length; // 3
   */
  async head(n = 5): Promise<NestedFrame> {
    if (!Number.isInteger(n) || n < 0) throw new ArgumentError(`head needs a whole number of objects >= 0, got ${n}.`);
    const frames: NestedFrame[] = [];
    let have = 0;
    for (let i = 0; i < this.partitions.length && (have < n || frames.length === 0); i++) {
      const f = await this.partition(i);
      frames.push(f);
      have += f.length;
    }
    if (frames.length === 0) throw new ArgumentError(`Catalog ${this.path} has no partitions.`);
    return concatFrames(frames, frames.map((_, k) => this.partitions[k]!.label)).head(n);
  }

  /**
   * Run `fn(frame, ctx)` on every partition in worker threads; the results come
   * back in partition order. `fn` must be self-contained: it sees its
   * arguments, `ctx.lib` (the library), `ctx.args`, `ctx.partition`,
   * `ctx.log`, but no variable around it (a PartitionFunctionError names one it
   * used); or give `{ module, export }`. Results are structured-cloned; frames,
   * Histograms and Moments arrive as themselves.
   *
   * @example
   * const cat = await openCatalog("data-samples/dp1_object_collection", { columns: ["objectId"] });
   * const counts = await cat.mapPartitions((frame) => frame.length, { threads: 2, progress: false });
   * counts.reduce((a, b) => a + b, 0); // 4500
   */
  mapPartitions<T>(fn: PartitionFunction<T> | ModuleFunction, options: RunOptions = {}): Promise<Awaited<T>[]> {
    return runPartitions(this.source, fn, { ...options, columns: this.projection });
  }

  /**
   * mapPartitions one parquet row group at a time: `fn` runs on each row group
   * of each partition (`ctx.batch` says which), so a worker holds a row group,
   * not a partition; the result is, per partition, the array of its batch
   * results in row order. For nested and HATS catalogs, whose rows are whole
   * objects; a flat catalog is refused (regroup it with groupFlat first).
   *
   * @example
   * const cat = await openCatalog("data-samples/dp1_object_collection", { columns: ["objectId"] });
   * const perBatch = await cat.mapBatches((frame) => frame.length, { threads: 0, progress: false });
   * perBatch.flat().reduce((a, b) => a + b, 0); // 4500
   */
  mapBatches<T>(fn: PartitionFunction<T> | ModuleFunction, options: RunOptions = {}): Promise<Awaited<T>[][]> {
    return runPartitions(this.source, fn, { ...options, columns: this.projection, batches: true }) as unknown as Promise<Awaited<T>[][]>;
  }

  /**
   * mapPartitions, then `merge` the results **in partition order** in this
   * thread (merge may use any variable: it does not go to a worker). With
   * mergeable accumulators (Histogram, Moments) the result is the same for
   * any number of threads, bit for bit.
   *
   * @example
   * const cat = await openCatalog("data-samples/dp1_object_collection", { columns: ["objectForcedSource.psfFlux"] });
   * const m = await cat.reducePartitions(
   *   (frame, ctx) => { const m = new ctx.lib.Moments(); m.addAll(frame.numbers("objectForcedSource.psfFlux")); return m; },
   *   (a, b) => a.merge(b),
   *   { progress: false },
   * );
   * m.n; // 69314
   */
  async reducePartitions<T>(fn: PartitionFunction<T> | ModuleFunction, merge: (a: Awaited<T>, b: Awaited<T>) => Awaited<T>, options: RunOptions = {}): Promise<Awaited<T>> {
    const parts = await this.mapPartitions(fn, options);
    if (parts.length === 0) throw new ArgumentError(`Catalog ${this.path} has no partitions to reduce.`);
    let acc = parts[0] as Awaited<T>;
    for (let k = 1; k < parts.length; k++) acc = merge(acc, parts[k] as Awaited<T>);
    return acc;
  }

  /**
   * A flat catalog regrouped so that each partition holds whole light curves:
   * object ids are cut into ranges and every file's rows spilled to one
   * parquet file per range under `options.dir` (default: a temporary
   * directory, which the caller removes: it is the result's `path`), in worker threads,
   * memory bounded by a file. Its partitions, concatenated, are exactly
   * readFlat of all files. See group-flat.ts.
   *
   * @example
   * const flat = await openCatalog("data-samples/forced_source_visits", { columns: ["objectId", "band", "psfFlux", "psfFluxErr"] });
   * const grouped = await flat.groupFlat({ buckets: 4, dir: "grouped-visits", threads: 0, progress: false });
   * grouped.partitions.length; // 4 id ranges, spilled under grouped-visits/ (remove it when done)
   */
  async groupFlat(options: GroupFlatOptions = {}): Promise<Catalog> {
    const { source } = await groupFlat(this.source, this.projection, options);
    return new Catalog(source, undefined);
  }

  /** One line: kind, path, partitions, projection. */
  toString(): string {
    const cols = this.projection ? `${this.projection.length} of ${this.columns.length} columns` : `${this.columns.length} columns`;
    return `Catalog(${this.kind}, ${this.path}: ${this.partitions.length} partitions, ${cols})`;
  }
}

/**
 * Open a catalog lazily: a HATS catalog or collection (its pixels are the
 * partitions), nested parquet files, or flat per-visit files (each file a
 * partition, its rows grouped by object id; `template` picks files and turns
 * path fields into columns). Reads footers only.
 *
 * @example
 * const cat = await openCatalog("data-samples/dp1_object_collection", { columns: ["objectId", "objectForcedSource.psfFlux"] });
 * cat.kind; // "hats"
 * cat.partitions[0]!.label; // "Norder=0/Npix=0" (the first pixel of partition_info.csv)
 */
export function openCatalog(path: string, options: OpenCatalogOptions = {}): Promise<Catalog> {
  return Catalog.open(path, options);
}
