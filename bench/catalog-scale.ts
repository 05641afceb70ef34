/**
 * Whole-catalog validation at scale: generate a DP1-like ForcedSource catalog
 * (nested parquet files of `--chunk` objects, light curves lengthened by
 * `--visits-scale`, only the columns the validation reads) into `--dir`
 * (not committed), then run validateFluxErrors(catalog) in worker threads with
 * the progress line, and print wall time, rows/s and peak RSS, with the
 * memory (RSS now, peak RSS so far) and time at each phase boundary of the
 * bounded-memory validation (spilled, screen <band>, statistics <band>).
 * `--sort-budget` is validateCatalog's sortBudget (values a sort holds in memory).
 *
 *   npx tsx bench/catalog-scale.ts --objects 230000 --dir /tmp/nested-lc-dp1-10pc
 *   npx tsx bench/catalog-scale.ts --dir /tmp/nested-lc-dp1-10pc --skip-generate
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { openCatalog } from "../src/catalog/catalog.js";
import { writeParquet } from "../src/io/parquet-write.js";
import { simulateForcedSource } from "../src/rubin/simulate.js";
import { DEFAULT_VISITS_PER_FIELD } from "../src/rubin/sim-survey.js";
import { validateFluxErrors } from "../src/rubin/validate.js";

const { values } = parseArgs({
  options: {
    objects: { type: "string", default: "2300000" },
    chunk: { type: "string", default: "25000" },
    "visits-scale": { type: "string", default: "7.5" },
    dir: { type: "string", default: "/tmp/nested-lc-dp1" },
    threads: { type: "string", default: "2" },
    "skip-generate": { type: "boolean", default: false },
    "sort-budget": { type: "string", default: String(8 * 2 ** 20) },
  },
});
const nObjects = Number(values.objects);
const chunk = Number(values.chunk);
const scale = Number(values["visits-scale"]);
const dir = values.dir!;
const NEST = "objectForcedSource";
const FIELDS = ["band", "midpointMjdTai", "visit", "psfFlux", "psfFluxErr", "psfFlux_flag", "psfDiffFlux_flag", "pixelFlags_bad", "pixelFlags_cr", "pixelFlags_crCenter", "pixelFlags_edge", "pixelFlags_interpolated", "pixelFlags_interpolatedCenter", "pixelFlags_nodata", "pixelFlags_saturated", "pixelFlags_saturatedCenter", "pixelFlags_suspect", "pixelFlags_suspectCenter", "invalidPsfFlag"];

if (!values["skip-generate"]) {
  mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  let rows = 0;
  const visitsPerField = DEFAULT_VISITS_PER_FIELD.map((v) => Math.round(v * scale));
  for (let k = 0, done = 0; done < nObjects; k++, done += chunk) {
    const path = join(dir, `part-${String(k).padStart(4, "0")}.parquet`);
    const n = Math.min(chunk, nObjects - done);
    if (existsSync(path)) continue;
    const sim = simulateForcedSource({ seed: 1000 + k, nObjects: n, visitsPerField, idBase: 592000000000000000n + BigInt(k) * 10_000_000n, flat: false });
    const frame = sim.objects.select(["objectId", "coord_ra", "coord_dec", ...FIELDS.map((f) => `${NEST}.${f}`)]);
    rows += frame.observationCount;
    await writeParquet(frame, join(dir, `part-${String(k).padStart(4, "0")}.parquet`), { rowGroupSize: 5000 });
    const s = (performance.now() - t0) / 1000;
    process.stderr.write(`\rgenerated ${done + n} objects, ${rows.toLocaleString("en-US")} rows in ${s.toFixed(0)} s`);
  }
  process.stderr.write("\n");
}

const cat = await openCatalog(dir);
const threads = Number(values.threads);
const t = performance.now();
const gb = (b: number) => (b / 2 ** 30).toFixed(2);
const phases: string[] = [];
const onPhase = (phase: string) => {
  const line = `${((performance.now() - t) / 1000).toFixed(1).padStart(6)} s  ${phase.padEnd(14)} RSS ${gb(process.memoryUsage().rss)} GB, peak so far ${gb(process.resourceUsage().maxRSS * 1024)} GB`;
  phases.push(line);
  process.stderr.write(`${line}\n`);
};
const v = await validateFluxErrors(cat, {}, { threads, progress: true, sortBudget: Number(values["sort-budget"]), onPhase });
onPhase("done");
const s = (performance.now() - t) / 1000;
const rows = v.cutflow[0]!.points;
const kept = v.cutflow.at(-1)!.points;
console.log(`\n${cat.partitions.length} partitions, ${v.cutflow[0]!.objects.toLocaleString("en-US")} objects, ${rows.toLocaleString("en-US")} rows, ${kept.toLocaleString("en-US")} validated`);
console.log(`wall ${s.toFixed(1)} s, ${(rows / s / 1e6).toFixed(2)} M rows/s, threads ${threads}, peak RSS ${(process.resourceUsage().maxRSS / 1024 / 1024).toFixed(2)} GB`);
console.log(phases.join("\n"));
for (const g of v.groups) console.log(`${g.band}: s = ${g.errorScale.toFixed(4)}, a = ${g.floor.toFixed(2)} nJy, ${g.nObjects} light curves, ${g.nPoints} points`);
