/**
 * Flat per-visit files spread each object's observations over many files, so
 * a file is not a set of whole light curves. groupFlat regroups them with
 * memory bounded by a partition, in two passes over the files (in workers):
 *
 * 1. sample object ids (every k-th id of each file, at most ~64k in all) and
 *    cut the id range into `buckets` ranges of about equal object counts;
 * 2. spill the rows of each batch of consecutive files (~2 M rows), grouped
 *    by object, into one parquet file per bucket it touches
 *    (`dir/bucket-b-part-f.parquet`): batches x buckets files, not files x buckets.
 *
 * The result is a Catalog whose partition b reads bucket b's files and groups
 * them by object: every light curve whole, rows in time order (ties in file
 * order), objects in id order within a bucket and buckets in id order, so the
 * concatenated partitions are exactly `readFlat` of all files (fromFlat's id
 * order) and validations of both agree bit for bit. The directory keeps a
 * description (`_nested_lc_catalog.json`), so `openCatalog(dir)` in another
 * process (a shard job) finds the same partitions.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { ArgumentError } from "../frame/errors.js";
import { parquetSchema } from "../io/parquet-schema.js";
import type { CatalogPartition, CatalogSource } from "./catalog-source.js";
import { GROUPED_FILE, GROUPED_FORMAT } from "./grouped-source.js";
import { spillName } from "./spill-partition.js";
import { runPartitions, type RunOptions } from "./run-partitions.js";

/** Options of {@link groupFlat}. */
export interface GroupFlatOptions extends Pick<RunOptions, "threads" | "progress" | "onLog"> {
  /** Number of id ranges (partitions of the result). Default: one per ~2 million rows, at least one. */
  readonly buckets?: number;
  /** Directory for the spilled files (default: a new directory under the OS temp dir); the caller removes it. */
  readonly dir?: string;
  /** Rows of consecutive files spilled by one task (default 2 million): fewer, larger spill files. */
  readonly batchRows?: number;
}

const SAMPLE = 65536;
const BATCH_ROWS = 2_000_000;

/**
 * The flat source with consecutive files gathered into partitions of about
 * `batchRows` rows (a file larger than that alone); each file keeps its dataId.
 *
 * @example
 * const src = await catalogSource("data-samples/forced_source_visits");
 * batchFiles(src, src.partitions.map(() => 2310), 10000).partitions.length; // 8: four files of 2310 rows a batch
 */
export function batchFiles(source: CatalogSource, fileRows: readonly number[], batchRows: number): CatalogSource {
  const partitions: CatalogPartition[] = [];
  let files: string[] = [];
  let ids: Readonly<Record<string, string>>[] = [];
  let n = 0;
  const flush = (): void => {
    if (files.length === 0) return;
    partitions.push({ index: partitions.length, label: `${files[0]} (+${files.length - 1} files)`, files, fileDataIds: ids });
    files = [];
    ids = [];
    n = 0;
  };
  source.partitions.forEach((p, k) => {
    if (n > 0 && n + fileRows[k]! > batchRows) flush();
    p.files.forEach((f) => {
      files.push(f);
      ids.push(p.dataId ?? {});
    });
    n += fileRows[k]!;
  });
  flush();
  return { ...source, partitions };
}

/**
 * Boundaries cutting the sorted sample into `buckets` runs of equal size (fewer when ids repeat).
 *
 * @example
 * rangeBounds(BigInt64Array.of(9n, 1n, 5n, 3n), 2); // BigInt64Array [5n]: ids below 5 and the rest
 */
export function rangeBounds(sample: BigInt64Array, buckets: number): BigInt64Array {
  const s = sample.slice().sort();
  const out: bigint[] = [];
  for (let b = 1; b < buckets; b++) {
    const v = s[Math.floor((b * s.length) / buckets)];
    if (v !== undefined && (out.length === 0 || v > out[out.length - 1]!)) out.push(v);
  }
  return BigInt64Array.from(out);
}

/**
 * Regroup a flat catalog's files by object into id-range partitions (see the
 * module doc). `projection` is what the catalog reads (undefined: all columns).
 */
export async function groupFlat(source: CatalogSource, projection: readonly string[] | undefined, options: GroupFlatOptions = {}): Promise<{ source: CatalogSource; dir: string }> {
  const flat = source.flat;
  if (source.kind !== "flat" || !flat) throw new ArgumentError(`${source.path} is a ${source.kind} catalog: its partitions already hold whole light curves; groupFlat is for flat per-visit files.`);
  const fileRows: number[] = [];
  for (const p of source.partitions) {
    let n = 0;
    for (const f of p.files) n += (await parquetSchema(f)).rows;
    fileRows.push(n);
  }
  const rows = fileRows.reduce((a, b) => a + b, 0);
  const buckets = options.buckets ?? Math.max(1, Math.ceil(rows / 2_000_000));
  if (!Number.isInteger(buckets) || buckets < 1) throw new ArgumentError(`buckets must be an integer >= 1, got ${buckets}.`);
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "nested-lc-groupflat-"));
  const run = { ...(options.threads !== undefined ? { threads: options.threads } : {}), ...(options.onLog ? { onLog: options.onLog } : {}) };
  const module = new URL("./spill-partition.js", import.meta.url);

  const stride = Math.max(1, Math.ceil(rows / SAMPLE));
  const samples = await runPartitions<BigInt64Array>(source, { module, export: "sampleObjectIds" }, { ...run, progress: false, columns: [flat.on], args: { on: flat.on, stride } });
  const all = new BigInt64Array(samples.reduce((a, s) => a + s.length, 0));
  let k = 0;
  for (const s of samples) {
    all.set(s, k);
    k += s.length;
  }
  const bounds = rangeBounds(all, buckets);

  // Spill consecutive files together, ~BATCH_ROWS rows a task: spilled files number (batches x buckets), not (files x buckets).
  const batched = batchFiles(source, fileRows, options.batchRows ?? BATCH_ROWS);
  const written = await runPartitions<Int32Array>(batched, { module, export: "spillPartition" }, {
    ...run,
    ...(options.progress !== undefined ? { progress: options.progress } : {}),
    columns: projection,
    args: { on: flat.on, nest: flat.name, dir, bounds },
  });
  const partitions: CatalogPartition[] = [];
  for (let b = 0; b <= bounds.length; b++) {
    const files: string[] = [];
    written.forEach((w, f) => {
      if (w[b]! > 0) files.push(join(dir, spillName(b, batched.partitions[f]!.index)));
    });
    if (files.length === 0) continue;
    const lo = b === 0 ? "" : `${bounds[b - 1]} <= `;
    const hi = b === bounds.length ? "" : ` < ${bounds[b]}`;
    partitions.push({ index: partitions.length, label: `${lo}${flat.on}${hi}`, files });
  }
  const columns = projection ? source.columns.filter((c) => projection.includes(c.name) || c.name === flat.on || c.name === flat.sortBy) : source.columns;
  const { sortBy, on, name } = flat;
  const grouped: CatalogSource = { path: dir, kind: "flat", partitions, columns, flat: { on, name, ...(sortBy ? { sortBy } : {}), fields: [], grouped: true } };
  // So that another process (a shard job) reopens the id ranges as partitions: openCatalog(dir) reads this.
  const rel = { ...grouped, path: ".", partitions: partitions.map((p) => ({ ...p, files: p.files.map((f) => relative(dir, f)) })) };
  await writeFile(join(dir, GROUPED_FILE), `${JSON.stringify({ format: GROUPED_FORMAT, version: 1, source: rel })}\n`);
  return { source: grouped, dir };
}
