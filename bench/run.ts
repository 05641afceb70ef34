/**
 * nested-lc against DuckDB (and danfo.js) on the DP1 flux-error recipe: drop
 * flagged/non-finite rows, light curves per (object, band) with >= 10 points,
 * no point beyond 10 sigma of the weighted mean, naive pulls, per-band
 * histograms over [-10, 10) in 0.1 bins. Same file, same threads, same result:
 * exits 1 if any engine's histogram differs from DuckDB's in any bin.
 *
 *   npm run bench                       # ~5.9 M rows (100,000 objects), 3 rounds
 *   npm run bench -- --size large       # ~59 M rows (1,000,000 objects)
 *   npm run bench -- --threads 4 --rounds 5 --no-danfo
 *
 * Every case runs in its own process (peak RSS per case), rounds interleave
 * the engines (a shared machine's load hits both), and the table gives the
 * median and the range over all runs. Writes bench/RESULTS.md.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, totalmem } from "node:os";
import { parseArgs } from "node:util";
import { parquetSchema } from "../src/io/parquet-schema.js";
import type { CaseResult, Engine, Mode } from "./case.js";
import { type BenchSize, ensureBenchFile } from "./forced-source-data.js";
import { histogramDifferences, totalPoints } from "./histograms.js";

const { values } = parseArgs({
  options: {
    size: { type: "string", default: "default" },
    threads: { type: "string", default: String(availableParallelism()) },
    rounds: { type: "string", default: "3" },
    "no-danfo": { type: "boolean", default: false },
    "no-write": { type: "boolean", default: false },
  },
});
const size = values.size as BenchSize;
if (!["small", "default", "large"].includes(size)) {
  console.error(`--size must be small, default or large, got ${values.size}`);
  process.exit(2);
}
const threads = Number(values.threads);
const rounds = Number(values.rounds);

interface Case {
  readonly label: string;
  readonly mode: Mode;
  readonly size: BenchSize;
  readonly engines: readonly Engine[];
  /** In-process timed runs (warm). */
  readonly reps: number;
}

const cases: Case[] = [
  { label: "cold: parquet file -> histograms", mode: "cold", size, engines: ["nested-lc", "duckdb"], reps: 1 },
  { label: "warm: in memory -> histograms", mode: "warm", size, engines: ["nested-lc", "duckdb"], reps: 3 },
];
if (!values["no-danfo"]) cases.push({ label: "warm, with danfo.js (small)", mode: "warm", size: "small", engines: ["danfo", "nested-lc", "duckdb"], reps: 1 });

const NOTES_MARKER = "<!-- notes: kept when the bench rewrites this file -->";
const CASE_SCRIPT = new URL("./case.ts", import.meta.url).pathname;

function runCase(engine: Engine, mode: Mode, file: string, reps: number): Promise<CaseResult> {
  return new Promise((resolve, reject) => {
    const args = ["--import", "tsx", CASE_SCRIPT, "--engine", engine, "--mode", mode, "--file", file, "--threads", String(threads), "--reps", String(reps)];
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`${engine} ${mode} exited with code ${code}`));
      const line = out.trim().split("\n").pop() ?? "";
      resolve(JSON.parse(line) as CaseResult);
    });
  });
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const range = (xs: readonly number[], digits: number) => `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}`;

interface Row {
  readonly c: Case;
  readonly engine: Engine;
  readonly rows: number;
  readonly seconds: number[];
  readonly rss: number[];
}

const loadBefore = loadavg()[0]!;
const files = new Map<BenchSize, { path: string; rows: number }>();
for (const s of new Set(cases.map((c) => c.size))) {
  const path = await ensureBenchFile(s);
  files.set(s, { path, rows: (await parquetSchema(path)).rows });
}

const rows: Row[] = [];
const mismatches: string[] = [];
for (const c of cases) {
  const { path, rows: n } = files.get(c.size)!;
  const byEngine = new Map<Engine, Row>(c.engines.map((e) => [e, { c, engine: e, rows: n, seconds: [], rss: [] }]));
  // danfo takes long: one process of it, however many rounds.
  for (let round = 0; round < rounds; round++) {
    const results = new Map<Engine, CaseResult>();
    for (const engine of c.engines) {
      if (engine === "danfo" && round > 0) continue;
      const r = await runCase(engine, c.mode, path, c.reps);
      results.set(engine, r);
      byEngine.get(engine)!.seconds.push(...r.seconds);
      byEngine.get(engine)!.rss.push(r.peakRssMB);
      console.error(`${c.label} [${c.size}] round ${round + 1}: ${engine} ${r.seconds.map((s) => s.toFixed(2)).join(", ")} s, peak RSS ${r.peakRssMB.toFixed(0)} MB, ${totalPoints(r.histograms).toLocaleString("en")} points`);
    }
    const truth = results.get("duckdb")!.histograms;
    for (const [engine, r] of results) {
      if (engine === "duckdb") continue;
      const diff = histogramDifferences(r.histograms, truth, engine, "duckdb");
      if (diff.length > 0) mismatches.push(`${c.label} [${c.size}] round ${round + 1}: ${diff.length} differences, e.g. ${diff.slice(0, 3).join("; ")}`);
    }
  }
  rows.push(...byEngine.values());
}
const loadAfter = loadavg()[0]!;

const version = (pkg: string) => (JSON.parse(readFileSync(new URL(`../node_modules/${pkg}/package.json`, import.meta.url), "utf8")) as { version: string }).version;
const header = "| case | rows | engine | seconds, median (range) | M rows/s | peak RSS MB, median (range) | speed vs DuckDB | RSS vs DuckDB |";
const lines = [header, "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |"];
for (const r of rows) {
  const duck = rows.find((d) => d.c === r.c && d.engine === "duckdb")!;
  const s = median(r.seconds);
  const ratio = median(duck.seconds) / s;
  const speed = r.engine === "duckdb" ? "1" : `${ratio >= 0.1 ? ratio.toFixed(2) : ratio.toPrecision(2)}x`;
  const rss = r.engine === "duckdb" ? "1" : `${(median(r.rss) / median(duck.rss)).toFixed(2)}x`;
  lines.push(
    `| ${r.c.label} | ${(r.rows / 1e6).toFixed(2)} M | ${r.engine} | ${s.toFixed(2)} (${range(r.seconds, 2)}) | ${(r.rows / s / 1e6).toFixed(1)} | ${median(r.rss).toFixed(0)} (${range(r.rss, 0)}) | ${speed} | ${rss} |`,
  );
}
const table = lines.join("\n");
const cpu = cpus()[0]?.model ?? "unknown CPU";
const machine = `${cpu}, ${availableParallelism()} cores available, ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM; load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after`;
const versions = `node ${process.version}, nested-lc ${version("..")}, parquet-wasm ${version("parquet-wasm")}, @duckdb/node-api ${version("@duckdb/node-api")}, danfojs ${version("danfojs")}`;
const verdict = mismatches.length === 0 ? "Every histogram equals DuckDB's bin for bin." : `HISTOGRAMS DIFFER:\n${mismatches.join("\n")}`;

console.log(`\n${table}\n\n${threads} threads; ${rounds} rounds; ${machine}\n${versions}\n${verdict}`);
if (!values["no-write"]) {
  const md = `# Benchmark results

Generated by \`npm run bench${size === "default" ? "" : ` -- --size ${size}`}\` on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC.

- Machine: ${machine}.
- Versions: ${versions}.
- Threads: ${threads} for both engines (nested-lc's parquet decode workers, DuckDB's \`threads\`).
- Rounds: ${rounds}; each case runs in its own process, the engines interleaved; warm cases time 3 runs per process after one untimed run.
- Speed vs DuckDB = DuckDB's median seconds / this engine's (above 1: faster than DuckDB). RSS vs DuckDB = peak RSS ratio (below 1: less memory).

${table}

${verdict}
`;
  // Hand-written notes below the marker (the analysis of a run) survive regeneration.
  const resultsUrl = new URL("./RESULTS.md", import.meta.url);
  const previous = existsSync(resultsUrl) ? readFileSync(resultsUrl, "utf8") : "";
  const at = previous.indexOf(NOTES_MARKER);
  writeFileSync(resultsUrl, at >= 0 ? `${md}\n${previous.slice(at)}` : md);
}
process.exit(mismatches.length === 0 ? 0 : 1);
