/**
 * One benchmark case in its own process, so that its peak RSS is its own:
 *
 *   tsx bench/case.ts --engine nested-lc|duckdb|danfo --mode cold|warm --file F --threads N [--reps R]
 *
 * Prints one JSON line: the seconds of each timed run, the rows of the file,
 * the process's peak RSS (worker threads and DuckDB's native memory included),
 * and the histograms. Cold times one run from the file on disk (a fresh
 * process: nothing loaded, no worker started, no DuckDB instance). Warm loads
 * the data untimed, runs once untimed (JIT, caches), then times `reps` runs.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { BandHistograms } from "./histograms.js";
import { loadNestedLc } from "./lib.js";

export type Engine = "nested-lc" | "duckdb" | "danfo";
export type Mode = "cold" | "warm";

export interface CaseResult {
  readonly engine: Engine;
  readonly mode: Mode;
  readonly seconds: number[];
  readonly rows: number;
  /** Peak resident set size of the whole process, MB. */
  readonly peakRssMB: number;
  readonly histograms: BandHistograms;
}

async function timed<T>(fn: () => Promise<T> | T): Promise<{ s: number; out: T }> {
  const t0 = performance.now();
  const out = await fn();
  return { s: (performance.now() - t0) / 1000, out };
}

async function run(engine: Engine, mode: Mode, file: string, threads: number, reps: number): Promise<Omit<CaseResult, "peakRssMB" | "rows">> {
  const seconds: number[] = [];
  let histograms: BandHistograms = {};
  if (engine === "duckdb") {
    const duck = await import("./recipe-duckdb.js");
    if (mode === "cold") {
      const { s, out } = await timed(() => duck.coldRecipe(file, threads));
      return { engine, mode, seconds: [s], histograms: out };
    }
    const table = await duck.loadTable(file, threads);
    await table.run();
    for (let i = 0; i < reps; i++) {
      const { s, out } = await timed(table.run);
      seconds.push(s);
      histograms = out;
    }
    table.close();
    return { engine, mode, seconds, histograms };
  }
  const lib = await loadNestedLc();
  const recipe = await import("./recipe-nested-lc.js");
  if (engine === "nested-lc") {
    if (mode === "cold") {
      const { s, out } = await timed(() => recipe.coldRecipe(lib, file, threads));
      await lib.closeReadPools();
      return { engine, mode, seconds: [s], histograms: out };
    }
    const objects = await recipe.loadObjects(lib, file, threads);
    await lib.closeReadPools();
    recipe.warmRecipe(lib, objects);
    for (let i = 0; i < reps; i++) {
      const { s, out } = await timed(() => recipe.warmRecipe(lib, objects));
      seconds.push(s);
      histograms = out;
    }
    return { engine, mode, seconds, histograms };
  }
  if (mode === "cold") throw new Error("danfo runs warm only (it has no parquet reader)");
  const danfo = await import("./recipe-danfo.js");
  const { RECIPE_COLUMNS } = await import("./forced-source-data.js");
  const df = danfo.toDataFrame(await lib.readParquet(file, { columns: [...RECIPE_COLUMNS] }));
  // danfo takes seconds per run: no untimed warm-up run, `reps` timed runs.
  for (let i = 0; i < reps; i++) {
    const { s, out } = await timed(() => danfo.warmRecipe(df));
    seconds.push(s);
    histograms = out;
  }
  return { engine, mode, seconds, histograms };
}

const { values } = parseArgs({
  options: {
    engine: { type: "string" },
    mode: { type: "string", default: "cold" },
    file: { type: "string" },
    threads: { type: "string", default: "2" },
    reps: { type: "string", default: "3" },
    rows: { type: "string", default: "0" },
  },
});
const engine = values.engine as Engine;
const mode = values.mode as Mode;
if (!["nested-lc", "duckdb", "danfo"].includes(engine) || !["cold", "warm"].includes(mode) || !values.file) {
  console.error("usage: tsx bench/case.ts --engine nested-lc|duckdb|danfo --mode cold|warm --file F --threads N [--reps R]");
  process.exit(2);
}
/**
 * This process's peak RSS in MB: Linux's VmHWM, the high-water mark of this
 * process's own memory. (getrusage's maxRSS is not used: Linux carries it over
 * from the parent across fork and exec, so a child would report at least the
 * RSS its parent had when it spawned it.)
 */
function peakRssMB(): number {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync("/proc/self/status", "utf8"));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}

const r = await run(engine, mode, values.file, Number(values.threads), Number(values.reps));
const result: CaseResult = { ...r, rows: Number(values.rows), peakRssMB: peakRssMB() };
process.stdout.write(`${JSON.stringify(result)}\n`);
