/**
 * The one place parquet-wasm is loaded and called. Every reader and writer
 * shares one instance of the wasm module; every call that reads a file goes
 * through `callParquetWasm`, which names the file in any failure.
 *
 * Arrow crosses the boundary as an IPC stream: apache-arrow JS and the wasm side
 * do not share memory, and the stream is the format both speak.
 *
 * Why the loader is not a plain `import * as wasm from "parquet-wasm"`: a Rust
 * panic inside parquet-wasm (it panics on corrupt column data, e.g. a few kB of
 * zeros in a page) is a wasm trap, `RuntimeError: unreachable`. In the async
 * reads (`ParquetFile.fromFile`, `ParquetFile.read`) the Rust futures are polled
 * from callbacks parquet-wasm hands to `queueMicrotask`, so the trap is thrown
 * from a microtask: it reaches the process as an uncaught exception (a crash
 * with a wasm stack and no file name), and the read's promise never settles.
 * The glue (node/parquet_wasm.js, CommonJS) calls `queueMicrotask` as a free
 * name, so it is compiled here with that name bound to a wrapper that catches
 * what the executor throws and fails the read in flight instead. Nothing global
 * is patched. After a trap the instance is retired (a panic leaves its Rust
 * state undefined; measured: reads queued behind the trapped one on the same
 * instance never settle) and the next call gets a fresh instance.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { compileFunction } from "node:vm";
import * as arrow from "apache-arrow";
import type * as ParquetWasmModule from "parquet-wasm";
import { NestedLcError } from "../frame/errors.js";
import { ParquetReadError } from "./errors.js";

/** The parquet-wasm module (its Node build). */
export type ParquetWasm = typeof ParquetWasmModule;

const GLUE_PATH = createRequire(import.meta.url).resolve("parquet-wasm");
let glueSource: string | undefined;

/** How to fail the guarded call in flight (calls are serialized, so there is at most one). */
let inFlight: { readonly fail: (e: unknown) => void } | undefined;

/** A wasm trap in an instance's executor, carried to the call in flight as its rejection. */
class ExecutorTrap {
  constructor(
    readonly instance: ParquetWasm,
    readonly error: unknown,
  ) {}
}

/** A fresh parquet-wasm instance: its glue compiled with `queueMicrotask` bound to a trap-catching wrapper. */
function instantiate(): ParquetWasm {
  glueSource ??= readFileSync(GLUE_PATH, "utf8");
  const module = { exports: {} as ParquetWasm };
  const instance = module.exports;
  const guardedQueueMicrotask = (task: () => void): void =>
    queueMicrotask(() => {
      try {
        task();
      } catch (e) {
        // The executor threw: a panic interrupted a poll. Calls run one at a time, so
        // this is the call in flight (it would otherwise never settle). With none in
        // flight, the error goes on as it would have.
        if (!inFlight) throw e;
        inFlight.fail(new ExecutorTrap(instance, e));
      }
    });
  const glue = compileFunction(glueSource, ["exports", "require", "module", "__filename", "__dirname", "queueMicrotask"], { filename: GLUE_PATH });
  glue.call(instance, instance, createRequire(GLUE_PATH), module, GLUE_PATH, dirname(GLUE_PATH), guardedQueueMicrotask);
  return instance;
}

let current: ParquetWasm = instantiate();

/** The parquet-wasm instance in use (a new one after a wasm trap). */
export function parquetWasm(): ParquetWasm {
  return current;
}

/** `e` as text for a message: `RuntimeError: unreachable`, or the message of a plain Error. */
function describeError(e: unknown): string {
  if (e instanceof Error) return e.name && e.name !== "Error" ? `${e.name}: ${e.message}` : e.message;
  return String(e);
}

/**
 * `e` unchanged if it is already a NestedLcError, else a ParquetReadError naming
 * `file`, saying it is corrupt or unreadable, with `e`'s message appended and `e` as `cause`.
 */
export function parquetReadFailure(file: string, e: unknown): Error {
  if (e instanceof NestedLcError) return e;
  return new ParquetReadError(file, `corrupt or unreadable parquet data (${describeError(e)}); re-download or regenerate the file`, { cause: e });
}

/** A WebAssembly.RuntimeError (a trap; the ES2022 lib has no WebAssembly value to test instanceof against). */
function isWasmTrap(e: unknown): boolean {
  return e instanceof Error && e.name === "RuntimeError";
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Run `fn` (calls into parquet-wasm about `file`) against the current instance.
 * Any failure that is not a NestedLcError, a wasm trap included, becomes a
 * ParquetReadError naming `file` (see `parquetReadFailure`). Calls run one at a
 * time, so a trap is pinned on the file being read; after a trap the instance
 * is replaced. `fn` must not call `callParquetWasm` itself (it would wait on itself).
 */
export function callParquetWasm<T>(file: string, fn: (w: ParquetWasm) => T | Promise<T>): Promise<T> {
  const run = queue.then(() => guarded(file, fn));
  queue = run.catch(() => undefined);
  return run;
}

async function guarded<T>(file: string, fn: (w: ParquetWasm) => T | Promise<T>): Promise<T> {
  const instance = current;
  try {
    return await new Promise<T>((resolve, reject) => {
      inFlight = { fail: reject };
      // Inside `then`, so that a synchronous throw (or trap) in `fn` is a rejection too.
      Promise.resolve()
        .then(() => fn(instance))
        .then(resolve, reject);
    });
  } catch (e) {
    // A trap (in the executor, or thrown by a synchronous call) retires the instance it happened in.
    const trapped = e instanceof ExecutorTrap ? e.instance : isWasmTrap(e) ? instance : undefined;
    if (trapped === current) current = instantiate();
    throw parquetReadFailure(file, e instanceof ExecutorTrap ? e.error : e);
  } finally {
    inFlight = undefined;
  }
}

/**
 * Free a parquet file handle. Handles of a retired instance (one that trapped)
 * are left alone: their memory goes with the instance, and freeing the handle
 * whose read trapped throws ("attempted to take ownership of Rust value while
 * it was borrowed": the aborted read still holds it).
 */
export function freeParquetFile(obj: ParquetWasmModule.ParquetFile): void {
  if (obj instanceof current.ParquetFile) obj.free();
}

/** An apache-arrow Table handed to parquet-wasm (one IPC copy into wasm memory). */
export function toWasmTable(table: arrow.Table, w: ParquetWasm = current): ParquetWasmModule.Table {
  return w.Table.fromIPCStream(arrow.tableToIPC(table, "stream"));
}

/** A parquet-wasm Table as an apache-arrow Table; frees the wasm side. */
export function fromWasmTable(table: ParquetWasmModule.Table): arrow.Table {
  return arrow.tableFromIPC(table.intoIPCStream());
}
