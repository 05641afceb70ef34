/**
 * Decode a parquet file's row groups in worker threads. Each worker has its own
 * parquet-wasm instance (a wasm module is per thread), opens the file itself
 * (file handles do not cross threads), decodes its row groups exactly as a
 * single-threaded read does, and moves the typed arrays back without a copy.
 * The parts come back in row-group order, so the frame is the same as a
 * single-threaded read's.
 *
 * One pool per thread count is kept for the process (idle workers do not keep
 * it alive), so a second read does not pay for starting threads and compiling
 * wasm again; `closeReadPools` stops them.
 */
import type { NestedFrame } from "../frame/nested-frame.js";
import { FileFormatError, ParquetReadError } from "./errors.js";
import { type FrameData, frameFromData } from "./frame-transfer.js";
import type { PreparedRead, ReadParquetOptions } from "./parquet-read.js";
import { WorkerPool, WorkerTaskError } from "./worker-pool.js";

/** One task: some row groups of one file, with the read's (checked) options. */
export interface ReadTask {
  readonly path: string;
  readonly rowGroups: readonly number[];
  readonly options: Omit<ReadParquetOptions, "threads" | "rowGroups">;
}

/** The decoded parts of a task's row groups, in order. */
export interface ReadTaskResult {
  readonly parts: readonly FrameData[];
  readonly buffers: readonly ArrayBuffer[];
}

const pools = new Map<number, WorkerPool<ReadTask, ReadTaskResult>>();

function readPool(threads: number): WorkerPool<ReadTask, ReadTaskResult> {
  let pool = pools.get(threads);
  if (!pool) {
    pool = new WorkerPool<ReadTask, ReadTaskResult>(new URL("./parquet-read-worker.js", import.meta.url), { threads });
    pools.set(threads, pool);
  }
  return pool;
}

/** Start the decode workers for `threads` now (a read that is about to open its file calls this first). */
export function prestartReadPool(threads: number): void {
  if (threads > 1) readPool(threads).prestart();
}

/**
 * Stop the worker threads kept for parallel reads (they are started again on
 * the next read with `threads`). Idle workers do not keep a process alive, so
 * this is only needed to free their memory early.
 * @example
 * await readParquet("data-samples/forced_source_visits/visit_2024102300019-2024102500037.parquet", { threads: 2 });
 * await closeReadPools();
 */
export async function closeReadPools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((p) => p.close()));
}

/** Row groups cut into runs of consecutive groups: about four tasks per thread, for balance under load. */
export function splitGroups(groups: readonly number[], threads: number): number[][] {
  const per = Math.max(1, Math.floor(groups.length / (threads * 4)));
  const out: number[][] = [];
  for (let i = 0; i < groups.length; i += per) out.push(groups.slice(i, i + per));
  return out;
}

/** A worker's failure as the error a single-threaded read would have thrown, naming the file. */
function readFailure(path: string, e: unknown): Error {
  if (!(e instanceof WorkerTaskError)) return e instanceof Error ? e : new ParquetReadError(path, String(e));
  const file = typeof e.workerFields["file"] === "string" ? e.workerFields["file"] : path;
  const reason = typeof e.workerFields["reason"] === "string" ? e.workerFields["reason"] : undefined;
  if (e.workerName === "ParquetReadError" && reason !== undefined) return new ParquetReadError(file, reason, { cause: e });
  if (e.workerName === "FileFormatError" && reason !== undefined) return new FileFormatError(file, reason, { cause: e });
  return new ParquetReadError(path, `decoding in a worker thread failed (${e.workerName}: ${e.workerMessage})`, { cause: e });
}

/** The parts of a prepared read, decoded by `r.options.threads` workers, in row-group order. */
export async function readPartsInWorkers(r: PreparedRead): Promise<NestedFrame[]> {
  const threads = r.options.threads ?? 1;
  const pool = readPool(threads);
  const { threads: _t, rowGroups: _g, ...options } = r.options;
  const tasks = splitGroups(r.groups, threads).map((rowGroups) => pool.run({ path: r.p.path, rowGroups, options }));
  const results = await Promise.all(tasks.map((t) => t.catch((e: unknown) => Promise.reject(readFailure(r.p.path, e)))));
  return results.flatMap((res) => res.parts.map(frameFromData));
}
