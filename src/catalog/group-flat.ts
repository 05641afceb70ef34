/**
 * Flat per-visit files spread each object's observations over many files, so
 * a file is not a set of whole light curves. groupFlat regroups them with
 * memory bounded by a partition, in two passes over the files (in workers):
 *
 * 1. sample object ids (every k-th id of each file, at most ~64k in all) and
 *    cut the id range into `buckets` ranges of about equal object counts;
 * 2. spill each file's rows, grouped by object, into one parquet file per
 *    bucket it touches (`dir/bucket-b/part-f.parquet`).
 *
 * The result is a Catalog whose partition b reads bucket b's files and groups
 * them by object: every light curve whole, rows in time order (ties in file
 * order), objects in id order within a bucket and buckets in id order, so the
 * concatenated partitions are exactly `readFlat` of all files (fromFlat's id
 * order) and validations of both agree bit for bit.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ArgumentError } from "../frame/errors.js";
import { parquetSchema } from "../io/parquet-schema.js";
import type { CatalogPartition, CatalogSource } from "./catalog-source.js";
import { runPartitions, type RunOptions } from "./run-partitions.js";

/** Options of {@link groupFlat}. */
export interface GroupFlatOptions extends Pick<RunOptions, "threads" | "progress" | "onLog"> {
  /** Number of id ranges (partitions of the result). Default: one per ~2 million rows, at least one. */
  readonly buckets?: number;
  /** Directory for the spilled files (default: a new directory under the OS temp dir); the caller removes it. */
  readonly dir?: string;
}

const SAMPLE = 65536;

/** Boundaries cutting the sorted sample into `buckets` runs of equal size (fewer when ids repeat). */
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
  let rows = 0;
  for (const p of source.partitions) for (const f of p.files) rows += (await parquetSchema(f)).rows;
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

  const written = await runPartitions<Int32Array>(source, { module, export: "spillPartition" }, {
    ...run,
    ...(options.progress !== undefined ? { progress: options.progress } : {}),
    columns: projection,
    args: { on: flat.on, nest: flat.name, dir, bounds },
  });
  const partitions: CatalogPartition[] = [];
  for (let b = 0; b <= bounds.length; b++) {
    const files: string[] = [];
    written.forEach((w, f) => {
      if (w[b]! > 0) files.push(join(dir, `bucket-${String(b).padStart(5, "0")}`, `part-${String(source.partitions[f]!.index).padStart(6, "0")}.parquet`));
    });
    if (files.length === 0) continue;
    const lo = b === 0 ? "" : `${bounds[b - 1]} <= `;
    const hi = b === bounds.length ? "" : ` < ${bounds[b]}`;
    partitions.push({ index: partitions.length, label: `${lo}${flat.on}${hi}`, files });
  }
  const columns = projection ? source.columns.filter((c) => projection.includes(c.name) || c.name === flat.on || c.name === flat.sortBy) : source.columns;
  const { sortBy, on, name } = flat;
  return { source: { path: dir, kind: "flat", partitions, columns, flat: { on, name, ...(sortBy ? { sortBy } : {}), fields: [] } }, dir };
}
