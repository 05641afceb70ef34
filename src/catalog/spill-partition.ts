/**
 * The partition functions of groupFlat, run in workers: sample a file's
 * object ids, and spill a file's light curves into per-bucket parquet files by
 * object-id range.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { ArgumentError } from "../frame/errors.js";
import type { NestedFrame } from "../frame/nested-frame.js";
import { writeParquet } from "../io/parquet-write.js";

/**
 * The object ids of a partition grouped by id, as bigints (integer ids only: the range split needs an order).
 *
 * @example
 * objectIds(frame, "objectId").length; // 6
 */
export function objectIds(frame: NestedFrame, on: string): BigInt64Array {
  const c = frame.column(on);
  if (c.type === "int64") return c.values;
  if (c.type === "dict" || c.type === "bool" || c.type.startsWith("float")) {
    throw new ArgumentError(`groupFlat splits objects by id range: the id column "${on}" must be an integer, it is ${c.type}.`);
  }
  return BigInt64Array.from(c.values as ArrayLike<number>, (v) => BigInt(v));
}

/**
 * Every `ctx.args.stride`-th object id of the partition (ids ascending), for the bucket boundaries.
 *
 * @example
 * const ids = sampleObjectIds(frame, { args: { on: "objectId", stride: 2 } });
 * ids.length; // 3 of the 6 objects
 */
export function sampleObjectIds(frame: NestedFrame, ctx: { readonly args?: unknown }): BigInt64Array {
  const { on, stride } = ctx.args as { on: string; stride: number };
  const ids = objectIds(frame, on);
  const out = new BigInt64Array(Math.ceil(ids.length / stride));
  for (let k = 0; k < out.length; k++) out[k] = ids[k * stride]!;
  return out;
}

/**
 * Bucket of each id: the number of boundaries <= id (boundaries ascending).
 *
 * @example
 * bucketOf(BigInt64Array.of(1n, 5n, 9n), BigInt64Array.of(5n)); // Int32Array [0, 1, 1]
 */
export function bucketOf(ids: BigInt64Array, bounds: BigInt64Array): Int32Array {
  const out = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    let lo = 0;
    let hi = bounds.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (bounds[mid]! <= id) lo = mid + 1;
      else hi = mid;
    }
    out[i] = lo;
  }
  return out;
}

/**
 * The spilled file of bucket `b` from spill task `task`.
 *
 * @example
 * spillName(3, 12); // "bucket-00003-part-000012.parquet"
 */
export function spillName(b: number, task: number): string {
  return `bucket-${String(b).padStart(5, "0")}-part-${String(task).padStart(6, "0")}.parquet`;
}

/**
 * Write the partition's light curves, split by object-id range
 * (`ctx.args.bounds`), as flat rows to `dir/bucket-<b>-part-<partition>.parquet`
 * (one folder of files: findDatasets and the CLI see one flat dataset).
 * Returns the number of rows written per bucket (0: no file).
 *
 * @example
 * // Run by groupFlat in workers, one call per flat file; see Catalog.groupFlat.
 * typeof spillPartition; // "function"
 */
export async function spillPartition(frame: NestedFrame, ctx: { readonly args?: unknown; readonly partition: { readonly index: number } }): Promise<Int32Array> {
  const { on, nest, dir, bounds } = ctx.args as { on: string; nest: string; dir: string; bounds: BigInt64Array };
  const bucket = bucketOf(objectIds(frame, on), bounds);
  const nb = bounds.length + 1;
  const counts = new Int32Array(nb);
  for (let i = 0; i < bucket.length; i++) counts[bucket[i]!]!++;
  const rows = new Int32Array(nb);
  const next = new Int32Array(nb);
  const idx = Array.from(counts, (n) => new Int32Array(n));
  for (let i = 0; i < bucket.length; i++) idx[bucket[i]!]![next[bucket[i]!]!++] = i;
  for (let b = 0; b < nb; b++) {
    if (counts[b] === 0) continue;
    const part = frame.takeObjects(idx[b]!).toFlat(nest);
    rows[b] = part.length;
    mkdirSync(dir, { recursive: true });
    await writeParquet(part, join(dir, spillName(b, ctx.partition.index)), { compression: "snappy" });
  }
  return rows;
}
