/**
 * Flux-error validation throughput on an in-memory DP1-like catalog: the whole
 * validateFluxErrors (cuts, per-band light curves, variability screen, pulls,
 * tests, error-model fit) per band, and per band x field x magnitude bin.
 * Prints rows/s and peak RSS. Reading parquet is measured by bench:io.
 *
 *   npm run bench:validate                 # 100,000 objects, ~1.6 M observations
 *   npm run bench:validate -- --objects 400000
 */
import { parseArgs } from "node:util";
import { simulateForcedSource } from "../src/rubin/simulate.js";
import { validateFluxErrors } from "../src/rubin/validate.js";

const { values } = parseArgs({ options: { objects: { type: "string", default: "100000" } } });
const nObjects = Number(values.objects);

const t0 = performance.now();
const objects = simulateForcedSource({ seed: 7, nObjects }).objects;
const rows = objects.observationCount;
console.log(`simulated ${objects.length} objects, ${rows} observations in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const cases = [
  { label: "per band (default: with variability screen)", options: {} },
  { label: "per band, bare recipe (no screen)", options: { screen: false as const } },
  { label: "per band x field x magnitude bin", options: { groupBy: ["field", "magBin"] as ("field" | "magBin")[] } },
];
console.log("\n| case | seconds | M rows/s | groups |\n| --- | --- | --- | --- |");
for (const c of cases) {
  validateFluxErrors(objects, c.options); // warm-up
  const t = performance.now();
  const v = validateFluxErrors(objects, c.options);
  const s = (performance.now() - t) / 1000;
  console.log(`| ${c.label} | ${s.toFixed(2)} | ${(rows / s / 1e6).toFixed(1)} | ${v.groups.length} |`);
}
console.log(`\npeak RSS ${(process.resourceUsage().maxRSS / 1024 / 1024).toFixed(2)} GB`);
