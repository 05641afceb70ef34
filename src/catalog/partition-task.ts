/**
 * One partition's work, wherever it runs (a worker thread, or the main thread
 * with `threads: 0`): read the partition, call the partition function with
 * `(frame, ctx)`, and return its result encoded for the trip back, the lines it
 * logged, and any error with its stack, named by partition and file.
 */
import { format } from "node:util";
import type { NestedFrame } from "../frame/nested-frame.js";
import type { CatalogKind, CatalogPartition, FlatLayout } from "./catalog-source.js";
import { type PartitionFunctionSpec, explainReferenceError, loadPartitionFunction } from "./partition-function.js";
import { readPartitionBatches, readPartitionFrame } from "./read-partition.js";
import { type Encoded, encodeValue } from "./transport.js";

/** Everything a worker needs for one partition (plain data). */
export interface PartitionTask {
  readonly kind: CatalogKind;
  readonly flat?: FlatLayout | undefined;
  readonly partition: CatalogPartition;
  readonly columns?: readonly string[] | undefined;
  readonly fn: PartitionFunctionSpec;
  readonly args?: unknown;
  /** Call the function once per row group (nested and HATS partitions); the result is the array of the batch results. */
  readonly batches?: boolean | undefined;
}

/** What came back: the encoded result or the error, with the partition's size and logged lines. */
export type PartitionOutcome =
  | { readonly ok: true; readonly value: Encoded; readonly objects: number; readonly rows: number; readonly logs: readonly string[] }
  | { readonly ok: false; readonly error: { readonly name: string; readonly message: string; readonly stack?: string | undefined }; readonly logs: readonly string[] };

/** What a partition function receives besides the frame. */
export interface PartitionContext {
  /** The library (every export of nested-lc), since a partition function cannot import. */
  readonly lib: typeof import("../index.js");
  /** The partition being processed. */
  readonly partition: CatalogPartition;
  /** The `args` given to mapPartitions (cloned into the worker). */
  readonly args: unknown;
  /** Print a line; it reaches the user prefixed with the partition. console.log inside the function does the same. */
  readonly log: (...values: unknown[]) => void;
  /** With Catalog.mapBatches: which row group of the partition this is (0, 1, ...). */
  readonly batch?: number;
}

/** A function run on each partition: self-contained (see partition-function.ts), given the frame and a context. */
export type PartitionFunction<T> = (frame: NestedFrame, ctx: PartitionContext) => T | Promise<T>;

const CONSOLE_METHODS = ["log", "info", "warn", "error", "debug"] as const;

/** Run `fn` with console output captured into `logs`. */
async function captured<T>(logs: string[], fn: () => Promise<T>): Promise<T> {
  const saved = CONSOLE_METHODS.map((m) => console[m]);
  for (const m of CONSOLE_METHODS) console[m] = (...v: unknown[]) => void logs.push(format(...v));
  try {
    return await fn();
  } finally {
    CONSOLE_METHODS.forEach((m, k) => (console[m] = saved[k]!));
  }
}

/**
 * Run one partition task. Never throws: errors come back as data (name,
 * message, stack) so that the caller can name the partition and file.
 *
 * @example
 * const src = await catalogSource("data-samples/dp1_object_collection");
 * const fn = { kind: "source", source: "(frame) => frame.length", name: "count" } as const;
 * const { outcome } = await runPartitionTask({ kind: src.kind, partition: src.partitions[0]!, columns: ["objectId"], fn });
 * outcome.ok; // true
 */
export async function runPartitionTask(task: PartitionTask): Promise<{ outcome: PartitionOutcome; transfer: ArrayBuffer[] }> {
  const logs: string[] = [];
  try {
    const lib = await import("../index.js");
    const fn = await loadPartitionFunction(task.fn);
    const ctx: PartitionContext = { lib, partition: task.partition, args: task.args, log: (...v: unknown[]) => void logs.push(format(...v)) };
    const call = async (frame: NestedFrame, c: PartitionContext): Promise<unknown> => {
      try {
        return await captured(logs, async () => fn(frame, c));
      } catch (e) {
        throw explainReferenceError(e, task.fn, Object.keys(lib));
      }
    };
    let result: unknown;
    let objects = 0;
    let rows = 0;
    if (task.batches) {
      const results: unknown[] = [];
      for await (const batch of readPartitionBatches(task.partition, task.columns)) {
        results.push(await call(batch, { ...ctx, batch: results.length }));
        objects += batch.length;
        rows += batch.observationCount;
      }
      // No row group at all: the function still sees the (empty) partition once.
      if (results.length === 0) results.push(await call(await readPartitionFrame(task.kind, task.flat, task.partition, task.columns), { ...ctx, batch: 0 }));
      result = results;
    } else {
      const frame = await readPartitionFrame(task.kind, task.flat, task.partition, task.columns);
      result = await call(frame, ctx);
      objects = frame.length;
      rows = frame.observationCount;
    }
    const { value, transfer } = encodeValue(result);
    return { outcome: { ok: true, value, objects, rows, logs }, transfer };
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    return { outcome: { ok: false, error: { name: err.name, message: err.message, stack: err.stack }, logs }, transfer: [] };
  }
}
