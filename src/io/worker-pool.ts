/**
 * A small pool of worker threads that run one kind of task, for CPU-bound work
 * (decoding parquet row groups) that one JavaScript thread cannot keep up with.
 *
 * Tasks queue FIFO and go to whichever worker is idle. Results come back through
 * structured clone, and typed-array buffers listed as transferable move without a
 * copy in either direction. A task that throws in its worker rejects with a
 * WorkerTaskError carrying the worker's message and stack; a worker that dies
 * (process.exit, an uncaught error, out of memory) rejects the task it was running
 * and is replaced for the next one. Idle workers do not keep the process alive.
 *
 * The entry is a module URL resolved next to the caller, written with `.js`
 * (`new URL("./x-worker.js", import.meta.url)`). Built, that file exists. Run from
 * the TypeScript sources (vitest, tsx) only `x-worker.ts` exists: the pool loads
 * it through tsx (a devDependency), which must then be installed.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type TransferListItem, Worker, isMainThread, parentPort } from "node:worker_threads";
import { ArgumentError, NestedLcError } from "../frame/errors.js";

export interface WorkerPoolOptions {
  /** Number of worker threads, started as tasks arrive. Default: `defaultThreads()`. */
  readonly threads?: number;
  /** Given to every worker as `workerData` (structured clone). */
  readonly workerData?: unknown;
  /**
   * Node flags for the workers. Default none, rather than Node's default of the
   * parent's flags: a parent run with `--import tsx` would otherwise put every
   * module a worker loads through tsx's hooks (measured ~0.5 s more CPU per
   * decode worker). A TypeScript entry gets tsx registered by the pool anyway.
   */
  readonly execArgv?: readonly string[];
}

/**
 * The threads a pool uses by default: what the OS says this process may run in
 * parallel (cores, or the CPU quota of a container).
 * @example
 * const n = defaultThreads();
 * console.log(Number.isInteger(n) && n >= 1); // true
 */
export function defaultThreads(): number {
  return availableParallelism();
}

/** What a worker sends about a task that threw. */
interface RemoteError {
  readonly name: string;
  readonly message: string;
  readonly stack: string | undefined;
  /** Own enumerable fields of the error with primitive values (e.g. a ParquetReadError's `file`). */
  readonly fields: Readonly<Record<string, string | number | boolean>>;
}

type Request = { readonly id: number; readonly task: unknown } | { readonly close: true };
type Reply = { readonly id: number; readonly ok: true; readonly result: unknown } | { readonly id: number; readonly ok: false; readonly error: RemoteError };

/**
 * A task failed in a worker thread, or its worker died. `workerName`,
 * `workerMessage` and `workerStack` are the worker's error (the stack is appended
 * to this error's own); `workerFields` its primitive fields, so a caller can
 * rebuild a typed error (a `file`, a `column`). `cause` is an Error with the
 * worker's name, message and stack.
 */
export class WorkerTaskError extends NestedLcError {
  override name = "WorkerTaskError";
  constructor(
    readonly entry: string,
    readonly workerName: string,
    readonly workerMessage: string,
    readonly workerStack: string | undefined,
    readonly workerFields: Readonly<Record<string, string | number | boolean>> = {},
  ) {
    const cause = Object.assign(new Error(workerMessage), { name: workerName });
    if (workerStack !== undefined) cause.stack = workerStack;
    super(`A task failed in worker ${entry}: ${workerName}: ${workerMessage}`, { cause });
    if (workerStack !== undefined) this.stack = `${this.stack ?? ""}\n    in the worker thread:\n${workerStack}`;
  }
}

/** A worker thread with the task it is running, if any. */
interface Slot {
  readonly worker: Worker;
  job: Job | undefined;
  /** The error the worker died of (its 'error' event comes before 'exit'). */
  died: RemoteError | undefined;
}

interface Job {
  readonly id: number;
  readonly task: unknown;
  readonly transfer: readonly TransferListItem[];
  readonly resolve: (r: never) => void;
  readonly reject: (e: unknown) => void;
}

/** The URL of tsx's ESM API (`tsx/esm/api`, import condition), resolved from this module. */
function tsxEsmApi(): string {
  const require = createRequire(import.meta.url);
  let manifest: string;
  try {
    manifest = require.resolve("tsx/package.json");
  } catch (e) {
    throw new ArgumentError("Running a TypeScript worker entry needs tsx (npm install -D tsx), or build the package and run from dist/.", { cause: e });
  }
  const pkg = JSON.parse(readFileSync(manifest, "utf8")) as { exports?: Record<string, { import?: { default?: string } }> };
  const rel = pkg.exports?.["./esm/api"]?.import?.default;
  if (rel === undefined) throw new ArgumentError(`tsx at ${dirname(manifest)} has no ESM API (exports["./esm/api"]); install tsx >= 4.`);
  return pathToFileURL(join(dirname(manifest), rel)).href;
}

/** How to start the worker for `entry`: the module itself, or a bootstrap that loads it through tsx. */
interface StartSpec {
  /** The module the worker runs (for messages). */
  readonly file: string;
  readonly script: URL | string;
  readonly eval: boolean;
}

/**
 * The worker start for `entry`. A `.ts` module (run from the sources) is loaded by
 * a small bootstrap that registers tsx's ESM hooks in the worker, then imports it.
 * (`execArgv: ["--import", "tsx"]` does not work here: measured on Node 20.20 with
 * tsx 4.23, tsx's loader does not register itself inside a worker thread, and the
 * entry fails with ERR_UNKNOWN_FILE_EXTENSION.)
 */
function resolveEntry(entry: URL): StartSpec {
  if (entry.protocol !== "file:") return { file: entry.href, script: entry, eval: false };
  const path = fileURLToPath(entry);
  if (existsSync(path)) return { file: path, script: entry, eval: false };
  const ts = path.replace(/\.(m?)js$/, ".$1ts");
  if (ts !== path && existsSync(ts)) {
    // tsx resolved from here (not from the cwd), so it is found whatever directory the process runs in.
    const api = tsxEsmApi();
    const bootstrap = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(pathToFileURL(ts).href)}); });`;
    return { file: ts, script: bootstrap, eval: true };
  }
  throw new ArgumentError(`Worker entry ${path} does not exist${ts !== path ? ` (nor ${ts})` : ""}; give the URL of the worker module, e.g. new URL("./x-worker.js", import.meta.url).`);
}

function remoteError(e: unknown): RemoteError {
  if (!(e instanceof Error)) return { name: "Error", message: String(e), stack: undefined, fields: {} };
  const fields: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(e)) if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") fields[k] = v;
  return { name: e.name, message: e.message, stack: e.stack, fields };
}

/**
 * A fixed-size pool of worker threads running the module `entry`, which serves
 * tasks with `serveTasks`. Workers start as tasks arrive, up to `threads`.
 * @example
 * // doubleWorker is test/docs/fixture-double-worker.ts: serveTasks((n: number) => 2 * n)
 * const pool = new WorkerPool<number, number>(doubleWorker, { threads: 2 });
 * try {
 *   const results = await Promise.all([1, 2, 3].map((n) => pool.run(n)));
 *   console.log(results); // [2, 4, 6]
 * } finally {
 *   await pool.close();
 * }
 */
export class WorkerPool<TTask, TResult> {
  /** The most workers this pool runs at once. */
  readonly threads: number;
  readonly #start: StartSpec;
  readonly #workerData: unknown;
  readonly #execArgv: string[];
  readonly #slots: Slot[] = [];
  readonly #queue: Job[] = [];
  #nextId = 0;
  #closed = false;
  /** Tasks queued or running. */
  #outstanding = 0;
  /** Resolves close() once no task is outstanding. */
  #drained: (() => void) | undefined;

  constructor(entry: URL, options: WorkerPoolOptions = {}) {
    const threads = options.threads ?? defaultThreads();
    if (!Number.isInteger(threads) || threads < 1) throw new ArgumentError(`threads must be an integer >= 1, got ${threads}.`);
    this.threads = threads;
    this.#start = resolveEntry(entry);
    this.#workerData = options.workerData;
    this.#execArgv = [...(options.execArgv ?? [])];
  }

  /**
   * Run `task` in the first idle worker (FIFO). `transfer` lists buffers to move
   * into the worker instead of copying (they are detached here).
   * @example
   * const pool = new WorkerPool<number, number>(doubleWorker, { threads: 1 });
   * console.log(await pool.run(21)); // 42
   * await pool.close();
   */
  run(task: TTask, transfer: readonly TransferListItem[] = []): Promise<TResult> {
    if (this.#closed) return Promise.reject(new ArgumentError(`This worker pool (${this.#start.file}) is closed; create a new one.`));
    this.#outstanding++;
    const settled = (): void => {
      if (--this.#outstanding === 0) this.#drained?.();
    };
    return new Promise<TResult>((resolve, reject) => {
      const done = (r: never): void => {
        settled();
        resolve(r);
      };
      const fail = (e: unknown): void => {
        settled();
        reject(e);
      };
      this.#queue.push({ id: this.#nextId++, task, transfer, resolve: done, reject: fail });
      this.#dispatch();
    });
  }

  /**
   * Start every worker now rather than as tasks arrive, so their start-up
   * (loading modules, compiling wasm) overlaps what the caller does before its
   * first `run`. Idle started workers do not keep the process alive.
   * @example
   * const pool = new WorkerPool<number, number>(doubleWorker, { threads: 2 });
   * pool.prestart();
   * console.log(await pool.run(4)); // 8
   * await pool.close();
   */
  prestart(): void {
    if (this.#closed) return;
    while (this.#slots.length < this.threads) this.#spawn().worker.unref();
  }

  /**
   * Let queued and running tasks finish, then stop the workers. Later `run`
   * calls reject.
   * @example
   * const pool = new WorkerPool<number, number>(doubleWorker);
   * const pending = pool.run(1);
   * await pool.close();
   * console.log(await pending); // 2
   */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#outstanding > 0) await new Promise<void>((resolve) => (this.#drained = resolve));
    for (const slot of this.#slots.splice(0)) stopWorker(slot.worker);
  }

  /** Hand queued tasks to idle workers, starting workers up to `threads`. */
  #dispatch(): void {
    while (this.#queue.length > 0) {
      let slot = this.#slots.find((s) => s.job === undefined);
      if (!slot) {
        if (this.#slots.length >= this.threads) return;
        slot = this.#spawn();
      }
      const job = this.#queue.shift()!;
      slot.job = job;
      slot.worker.ref();
      try {
        slot.worker.postMessage({ id: job.id, task: job.task } satisfies Request, job.transfer);
      } catch (e) {
        // The task cannot be cloned (a function, a detached buffer): its own failure, the worker is fine.
        slot.job = undefined;
        slot.worker.unref();
        job.reject(e);
      }
    }
  }

  #spawn(): Slot {
    const worker = new Worker(this.#start.script, { workerData: this.#workerData, eval: this.#start.eval, execArgv: this.#execArgv });
    const slot: Slot = { worker, job: undefined, died: undefined };
    const entry = this.#start.file;
    worker.on("message", (reply: Reply) => {
      const job = slot.job;
      if (!job || job.id !== reply.id) return;
      slot.job = undefined;
      worker.unref();
      if (reply.ok) job.resolve(reply.result as never);
      else job.reject(new WorkerTaskError(entry, reply.error.name, reply.error.message, reply.error.stack, reply.error.fields));
      this.#dispatch();
    });
    worker.on("error", (e) => {
      slot.died = remoteError(e);
    });
    worker.on("exit", (code) => {
      const i = this.#slots.indexOf(slot);
      if (i >= 0) this.#slots.splice(i, 1);
      const job = slot.job;
      slot.job = undefined;
      if (job) {
        const d = slot.died ?? { name: "WorkerExit", message: `the worker exited with code ${code} while running the task`, stack: undefined, fields: {} };
        job.reject(new WorkerTaskError(entry, d.name, d.message, d.stack, d.fields));
      }
      // A replacement starts if tasks are waiting.
      this.#dispatch();
    });
    this.#slots.push(slot);
    return slot;
  }
}

/**
 * Ask an idle worker to leave: it exits by itself at its next turn. Not
 * `terminate()`: tearing an isolate down from outside while it still has
 * platform work queued (wasm compilation, concurrent GC) is where Node 20 has
 * aborted with NodePlatform assertions. A worker's own exit takes ~1 s of
 * clean-up, so nobody waits for it; it is unref'd and does not hold the process.
 */
function stopWorker(worker: Worker): void {
  worker.unref();
  worker.postMessage({ close: true } satisfies Request);
}

/**
 * Serve a pool's tasks in a worker entry module: each message is a task given to
 * `handler`; its result goes back, moving the buffers `transferOf` lists. A throw
 * (or rejection) becomes the task's WorkerTaskError in the caller.
 * @example
 * // A worker module (e.g. src/io/square-worker.ts) is just:
 * //   serveTasks((xs: Float64Array) => xs.map((x) => x * x), (r) => [r.buffer]);
 * // Outside a worker thread it refuses:
 * try {
 *   serveTasks((n: number) => n);
 * } catch (e) {
 *   console.log((e as Error).name); // ArgumentError
 * }
 */
export function serveTasks<TTask, TResult>(handler: (task: TTask) => TResult | Promise<TResult>, transferOf?: (r: TResult) => TransferListItem[]): void {
  const port = parentPort;
  if (isMainThread || !port) throw new ArgumentError("serveTasks runs in a worker thread started by a WorkerPool, not in the main thread.");
  port.on("message", async (message: Request) => {
    if ("close" in message) {
      port.close();
      return;
    }
    const { id, task } = message;
    let reply: Reply;
    let transfer: TransferListItem[] = [];
    try {
      const result = await handler(task as TTask);
      reply = { id, ok: true, result };
      if (transferOf) transfer = transferOf(result);
    } catch (e) {
      reply = { id, ok: false, error: remoteError(e) };
    }
    try {
      port.postMessage(reply, transfer);
    } catch (e) {
      // The result cannot be cloned: report that instead of leaving the task pending.
      port.postMessage({ id, ok: false, error: remoteError(e) } satisfies Reply);
    }
  });
}
