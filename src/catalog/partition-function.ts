/**
 * What may run inside a partition: functions cannot be sent to worker threads,
 * only their source text. A partition function is therefore either
 *
 * - a self-contained function `(frame, ctx) => result`, sent by its source and
 *   rebuilt in the worker: it may use its arguments, `ctx.lib` (the whole
 *   library), `ctx.args` (data passed with the call), `ctx.partition` and
 *   `ctx.log`, and JavaScript's globals, but **no variable from the code
 *   around it** (a closure, an import of the calling module); or
 * - `{ module, export }`: a module (URL or absolute path) the worker imports,
 *   and the name of the function it exports, for code that needs imports.
 *
 * Using an outer variable is found when the function runs (JavaScript cannot
 * tell earlier) and reported as a PartitionFunctionError naming the variable.
 */
import { pathToFileURL } from "node:url";
import { isAbsolute } from "node:path";
import { ArgumentError } from "../frame/errors.js";
import { PartitionFunctionError } from "./errors.js";

/** A partition function as sent to workers: its source, or the module exporting it. */
export type PartitionFunctionSpec =
  | { readonly kind: "source"; readonly source: string; readonly name: string }
  | { readonly kind: "module"; readonly module: string; readonly export: string };

/** A function exported by a module: for partition code that needs imports of its own. */
export interface ModuleFunction {
  /** A file URL, or an absolute path, of an ES module. */
  readonly module: string | URL;
  /** The name of the exported function `(frame, ctx) => result`. */
  readonly export: string;
}

/**
 * Describe a partition function for a worker. Throws PartitionFunctionError for
 * a native or bound function (no source to send) and a method shorthand.
 *
 * @example
 * partitionFunctionSpec((frame: NestedFrame) => frame.length).kind; // "source"
 * partitionFunctionSpec({ module: "/abs/path/job.js", export: "perPartition" }).kind; // "module"
 */
export function partitionFunctionSpec(fn: ((...args: never[]) => unknown) | ModuleFunction): PartitionFunctionSpec {
  if (typeof fn !== "function") {
    if (typeof fn !== "object" || fn === null || typeof fn.export !== "string") throw new ArgumentError("A partition function is a function or { module, export }.");
    const m = fn.module instanceof URL ? fn.module.href : fn.module;
    const module = isAbsolute(m) ? pathToFileURL(m).href : m;
    if (!/^(file|data):/.test(module)) throw new ArgumentError(`{ module: "${m}" } must be a file URL or an absolute path (workers resolve nothing relative to your code).`);
    return { kind: "module", module, export: fn.export };
  }
  const source = Function.prototype.toString.call(fn);
  if (/\{\s*\[native code\]\s*\}\s*$/.test(source)) {
    throw new PartitionFunctionError(`The partition function ${fn.name || "(anonymous)"} is native or bound: it has no source to send to a worker. Write it as (frame, ctx) => ... or use { module, export }.`);
  }
  try {
    // Parse only: a method shorthand (`f(frame) {...}`) or a class is not an expression that rebuilds the function.
    new Function(`return (${source});`);
  } catch {
    throw new PartitionFunctionError(
      `The partition function ${fn.name || "(anonymous)"} cannot be rebuilt from its source in a worker (a method shorthand or a class?). Write it as (frame, ctx) => ... or function (frame, ctx) { ... }.`,
    );
  }
  return { kind: "source", source, name: fn.name || "(anonymous)" };
}

/** Rebuild the function of `spec` (in a worker, or in process for threads: 0). */
export async function loadPartitionFunction(spec: PartitionFunctionSpec): Promise<(...args: unknown[]) => unknown> {
  if (spec.kind === "source") return new Function(`"use strict"; return (${spec.source});`)() as (...args: unknown[]) => unknown;
  const mod = (await import(spec.module)) as Record<string, unknown>;
  const fn = mod[spec.export];
  if (typeof fn !== "function") {
    const have = Object.keys(mod).filter((k) => typeof mod[k] === "function");
    throw new PartitionFunctionError(`Module ${spec.module} has no exported function "${spec.export}" (it exports ${have.join(", ") || "no function"}).`);
  }
  return fn as (...args: unknown[]) => unknown;
}

/**
 * The error to report for `e`, thrown by the partition function of `spec`: a
 * ReferenceError of a source function becomes a PartitionFunctionError saying
 * that the variable is outside the function (and where to get it instead).
 */
export function explainReferenceError(e: unknown, spec: PartitionFunctionSpec, libNames: readonly string[]): unknown {
  if (spec.kind !== "source" || !(e instanceof ReferenceError)) return e;
  const m = /^(\S+) is not defined/.exec(e.message);
  if (!m) return e;
  const name = m[1]!;
  const hint = libNames.includes(name) ? ` It is a library export: write ctx.lib.${name}.` : " Pass data with { args } and read ctx.args, or use { module, export } for code that needs imports.";
  const err = new PartitionFunctionError(
    `The partition function ${spec.name} uses "${name}", a variable from outside the function. Partition functions run in worker threads and see only their arguments (frame, ctx) and JavaScript's globals, not the variables around them.${hint}`,
    { cause: e },
  );
  err.stack = `${err.name}: ${err.message}\n${(e.stack ?? "").split("\n").slice(1).join("\n")}`;
  return err;
}
