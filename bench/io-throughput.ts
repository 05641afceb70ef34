/**
 * Foundation throughput: readParquet, fromFlat, query and one reducer on a
 * generated DP1-like flat ForcedSource file (~6 million rows, zstd, rows in
 * visit order as the per-visit files are). Prints rows/s per stage and peak RSS.
 *
 *   npm run bench:io                 # ~6.3 M rows
 *   npm run bench:io -- --objects 50000
 *
 * The file is cached in the OS temp directory between runs.
 */
import { stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { fromFlat } from "../src/frame/verbs/from-flat.js";
import { readParquet } from "../src/io/parquet-read.js";
import { writeParquet } from "../src/io/parquet-write.js";
import { simulateForcedSource } from "../src/rubin/simulate.js";

const { values } = parseArgs({ options: { objects: { type: "string", default: "400000" }, rowGroup: { type: "string", default: "122880" } } });
const nObjects = Number(values.objects);
const file = join(tmpdir(), `nested-lc-bench-forced-source-${nObjects}.parquet`);
const COLUMNS = ["objectId", "band", "midpointMjdTai", "psfFlux", "psfFluxErr", "psfFlux_flag", "pixelFlags_saturated", "invalidPsfFlag"];

async function ensureFile(): Promise<void> {
  if (await stat(file).then(() => true, () => false)) return;
  const t0 = performance.now();
  const sim = simulateForcedSource({ seed: 7, nObjects });
  await writeParquet(sim.forcedSource, file, { compression: "zstd", rowGroupSize: Number(values.rowGroup) });
  console.log(`generated ${sim.forcedSource.length} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s -> ${file}`);
}

interface Row {
  stage: string;
  seconds: number;
  rows: number;
}
const rows: Row[] = [];
function time<T>(stage: string, n: () => number, fn: () => T): T {
  const t0 = performance.now();
  const out = fn();
  rows.push({ stage, seconds: (performance.now() - t0) / 1000, rows: n() });
  return out;
}
async function timeAsync<T>(stage: string, n: (x: T) => number, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const out = await fn();
  rows.push({ stage, seconds: (performance.now() - t0) / 1000, rows: n(out) });
  return out;
}

await ensureFile();
const size = (await stat(file)).size;
const flat = await timeAsync(`readParquet (${COLUMNS.length} columns)`, (f) => f.length, () => readParquet(file, { columns: COLUMNS }));
const frame = time("fromFlat (group by objectId)", () => flat.length, () => fromFlat(flat, { on: "objectId", name: "lc" }));
const clean = time(
  "query (flags, finite, err > 0)",
  () => frame.observationCount,
  () => frame.query("not (lc.psfFlux_flag or lc.pixelFlags_saturated or lc.invalidPsfFlag) and isfinite(lc.psfFlux) and lc.psfFluxErr > 0"),
);
time("reduce wmean", () => clean.observationCount, () => clean.reduce("lc", { wmean: "wmean(psfFlux, psfFluxErr)" }));
time("reduce count, wmean, chi2", () => clean.observationCount, () => clean.reduce("lc", { n: "count()", wmean: "wmean(psfFlux, psfFluxErr)", chi2: "chi2(psfFlux, psfFluxErr)" }));

console.log(`\n${flat.length.toLocaleString("en")} rows, ${frame.length.toLocaleString("en")} objects, ${(size / 1e6).toFixed(1)} MB zstd parquet; node ${process.version}\n`);
console.log("stage                              seconds      M rows/s");
for (const r of rows) console.log(`${r.stage.padEnd(34)} ${r.seconds.toFixed(3).padStart(7)}  ${(r.rows / r.seconds / 1e6).toFixed(1).padStart(12)}`);
console.log(`\npeak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
