/**
 * Run a partition function over a catalog's partitions, in worker threads (or
 * in process with `threads: 0`), and collect the results **in partition
 * order**, whatever order the workers finish in: a merge of these results is
 * the same for any number of threads.
 */
import { ArgumentError } from "../frame/errors.js";
import { WorkerPool, WorkerTaskError, defaultThreads } from "../io/worker-pool.js";
import type { CatalogPartition, CatalogSource } from "./catalog-source.js";
import { PartitionError } from "./errors.js";
import { type ModuleFunction, partitionFunctionSpec } from "./partition-function.js";
import { type PartitionFunction, type PartitionOutcome, type PartitionTask, runPartitionTask } from "./partition-task.js";
import { Progress, type ProgressOption } from "./progress.js";
import { type Revivers, decodeValue } from "./transport.js";

/** Options of a partitioned run. */
export interface RunOptions {
  /** Worker threads (default: the cores this process may use); 0 runs every partition in this thread, one by one. */
  readonly threads?: number;
  /** Show partitions done/total, rows, rows/s and ETA (default: when stderr is a terminal); see ProgressOption. */
  readonly progress?: ProgressOption;
  /** Data for the function, as `ctx.args` (structured-cloneable: numbers, strings, arrays, typed arrays, plain objects). */
  readonly args?: unknown;
  /** Where lines logged by partition code go (default: above the progress line, or stderr), each prefixed `[label] `. */
  readonly onLog?: (line: string, partition: CatalogPartition) => void;
  /** Only these partitions (positions in the catalog), e.g. a shard; default all. */
  readonly partitions?: readonly number[];
}

type Outcome = { outcome: PartitionOutcome; transfer: ArrayBuffer[] };

function checkThreads(threads: number | undefined): number {
  const t = threads ?? defaultThreads();
  if (!Number.isInteger(t) || t < 0) throw new ArgumentError(`threads must be an integer >= 0 (0 runs in this thread), got ${t}.`);
  return t;
}

function selected(source: CatalogSource, wanted: readonly number[] | undefined): CatalogPartition[] {
  if (!wanted) return [...source.partitions];
  return wanted.map((i) => {
    const p = source.partitions[i];
    if (p === undefined) throw new ArgumentError(`Catalog ${source.path} has ${source.partitions.length} partitions; there is no partition ${i}.`);
    return p;
  });
}

/** A worker that died (out of memory, process.exit) while on partition `p`: name the partition. */
function asPartitionError(e: unknown, p: CatalogPartition): never {
  if (e instanceof WorkerTaskError) throw new PartitionError(p.index, p.label, p.files.join(", "), e.workerName, e.workerMessage, e.workerStack, { cause: e });
  throw e;
}

/**
 * The results of `fn` on each selected partition, in partition order.
 * A failure stops the run with a PartitionError naming the partition and its
 * file; the other partitions' results are discarded.
 *
 * @example
 * const src = await catalogSource("data-samples/dp1_object_collection");
 * const sizes = await runPartitions(src, (frame) => frame.length, { columns: ["objectId"], threads: 0 });
 * sizes.reduce((a, b) => a + b, 0); // 4500
 */
export async function runPartitions<T>(
  source: CatalogSource,
  fn: PartitionFunction<T> | ModuleFunction,
  options: RunOptions & { readonly columns?: readonly string[] | undefined; readonly batches?: boolean } = {},
): Promise<Awaited<T>[]> {
  if (options.batches && source.kind === "flat") {
    throw new ArgumentError(`Catalog ${source.path} holds flat per-visit files, whose row groups cut light curves: run by whole partitions, or regroup it first (groupFlat).`);
  }
  const spec = partitionFunctionSpec(fn as (...args: never[]) => unknown);
  const threads = checkThreads(options.threads);
  const parts = selected(source, options.partitions);
  const progress = new Progress(parts.length, options.progress);
  const log = options.onLog ?? ((line: string) => (progress.enabled ? progress.log(line) : process.stderr.write(`${line}\n`)));
  const lib = (await import("../index.js")) as unknown as Revivers;
  const tasks: PartitionTask[] = parts.map((partition) => ({
    kind: source.kind,
    flat: source.flat,
    partition,
    columns: options.columns,
    fn: spec,
    args: options.args,
    batches: options.batches,
  }));
  const results = new Array<Awaited<T>>(parts.length);
  const settle = ({ outcome }: Outcome, k: number): void => {
    const p = parts[k]!;
    for (const line of outcome.logs) log(`[${p.label}] ${line}`, p);
    if (!outcome.ok) {
      const e = outcome.error;
      throw new PartitionError(p.index, p.label, p.files.join(", "), e.name, e.message, e.stack);
    }
    results[k] = decodeValue(outcome.value, lib) as Awaited<T>;
    progress.partitionDone(outcome.rows || outcome.objects);
  };
  try {
    if (threads === 0) {
      for (let k = 0; k < tasks.length; k++) settle(await runPartitionTask(tasks[k]!), k);
    } else {
      const n = Math.min(threads, Math.max(1, tasks.length));
      const pool = new WorkerPool<PartitionTask, Outcome>(new URL("./partition-worker.js", import.meta.url), { threads: n });
      // At most n tasks in flight: the first failure stops the feed instead of waiting for the whole catalog.
      let next = 0;
      let failed: { error: unknown } | undefined;
      const feed = async (): Promise<void> => {
        while (failed === undefined && next < tasks.length) {
          const k = next++;
          try {
            settle(await pool.run(tasks[k]!).catch((e: unknown) => asPartitionError(e, parts[k]!)), k);
          } catch (e) {
            failed ??= { error: e };
          }
        }
      };
      try {
        await Promise.all(Array.from({ length: n }, feed));
      } finally {
        await pool.close().catch(() => undefined);
      }
      if (failed) throw failed.error;
    }
  } finally {
    progress.finish();
  }
  return results;
}
