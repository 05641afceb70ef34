/**
 * DIA catalogs: where the flux-error validation spends its time when ~99% of
 * DiaObjects have a single DiaSource, and what counting before gathering (the
 * minObs prefilter) saves. Simulates one large DP1-like DiaObject catalog
 * (simulateDiaObjects), keeps the DiaSource nest, then times
 *
 * - the phases of the DiaSource validation (row cuts, per-band light curves,
 *   light-curve cuts) with the prefilter off and on;
 * - the whole validateFluxErrors, prefilter off and on (the results are checked equal);
 * - the DiaObject summary cross-check (checkDiaObjectSummaries).
 *
 * Medians of --reps runs after one warm-up, as CPU time of this process (what a
 * shared, busy machine disturbs least) and wall time; peak RSS at the end.
 *
 *   npx tsx bench/dia.ts                      # 1,000,000 DiaObjects (~1.05 M DiaSources; ~8 s to simulate, ~1.5 GB)
 *   npx tsx bench/dia.ts --objects 200000 --reps 9
 *   npx tsx bench/dia.ts --forced             # also ForcedSourceOnDiaObject (~16 rows per DiaObject)
 */
import { loadavg } from "node:os";
import { isDeepStrictEqual, parseArgs } from "node:util";
import { bandLightCurves } from "../src/rubin/band-light-curves.js";
import { checkDiaObjectSummaries } from "../src/rubin/dia-summary-check.js";
import { PRODUCTS } from "../src/rubin/products.js";
import { simulateDiaObjects } from "../src/rubin/sim-dia.js";
import { type ValidateOptions, validateFluxErrors } from "../src/rubin/validate.js";
import { CutflowLog, cutLightCurves, cutRows } from "../src/rubin/validate-cuts.js";
import { resolveInput } from "../src/rubin/validate-input.js";
import type { NestedFrame } from "../src/frame/nested-frame.js";

const { values } = parseArgs({ options: { objects: { type: "string", default: "1000000" }, reps: { type: "string", default: "5" }, forced: { type: "boolean", default: false } } });
const nObjects = Number(values.objects);
const reps = Number(values.reps);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
/** Median CPU time (user + system of this process, ms) and wall time of `reps` runs after a warm-up: CPU time is what a busy shared machine disturbs least. */
function timedBoth(fn: () => void): { cpu: number; wall: number } {
  fn(); // warm-up
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let k = 0; k < reps; k++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push(performance.now() - t0);
    const d = process.cpuUsage(c0);
    cpu.push((d.user + d.system) / 1000);
  }
  return { cpu: median(cpu), wall: median(wall) };
}
const timed = (fn: () => void): number => timedBoth(fn).cpu;

let t0 = performance.now();
const sim = simulateDiaObjects({ seed: 11, nDiaObjects: nObjects }).diaObjects;
const forcedRows = sim.nest("diaObjectForcedSource").offsets.at(-1)!;
const dia = values.forced ? sim : sim.select([...sim.baseNames, ...Object.keys(sim.nest("diaSource").fields).map((f) => `diaSource.${f}`)]);
const sources = dia.nest("diaSource").offsets.at(-1)!;
const single = Array.from(dia.numbers("nDiaSources")).filter((n) => n === 1).length;
console.log(`simulated ${nObjects} DiaObjects (${((100 * single) / nObjects).toFixed(1)}% with one DiaSource), ${sources} DiaSources, ${forcedRows} forced sources in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

/** The phases of validateFluxErrors up to the light-curve cuts, timed one by one. */
function phases(frame: NestedFrame, options: { minObs: number; prefilter: boolean }): Record<string, number> {
  const p = PRODUCTS.DiaSource;
  const cols = resolveInput(frame, p, "psfFlux", { positions: false });
  const bands = ["u", "g", "r", "i", "z", "y"];
  const c = { nest: cols.nest, band: cols.band, flags: cols.flags, flux: cols.flux, repeatKey: cols.repeatKey, prefilterMinObs: options.prefilter ? options.minObs : undefined };
  const out: Record<string, number> = {};
  let kept = frame;
  let lcs = frame;
  out["row cuts (cutRows)"] = timed(() => void (kept = cutRows(frame, c, bands, false, p.name, new CutflowLog())));
  out["per-band light curves"] = timed(() => void (lcs = bandLightCurves(kept, cols.nest, { band: cols.band })));
  out["light-curve cuts"] = timed(() => void cutLightCurves(lcs, cols.flux, { minObs: options.minObs, clipSigma: 10 }, frame.length, new CutflowLog()));
  return out;
}

const off = phases(dia, { minObs: 10, prefilter: false });
const on = phases(dia, { minObs: 10, prefilter: true });
console.log(`\nDiaSource psfFlux, minObs 10: phases (median CPU ms of ${reps})\n\n| phase | prefilter off | prefilter on |\n| --- | --- | --- |`);
for (const k of Object.keys(off)) console.log(`| ${k} | ${off[k]!.toFixed(1)} | ${on[k]!.toFixed(1)} |`);

const cases: [string, ValidateOptions][] = [
  ["DiaSource psfFlux, minObs 10", { product: "DiaSource" }],
  ["DiaSource psfFlux, minObs 3", { product: "DiaSource", minObs: 3 }],
  ...(values.forced ? ([["ForcedSourceOnDiaObject psfDiffFlux, clip 5", { product: "ForcedSourceOnDiaObject", flux: "psfDiffFlux", clipSigma: 5 }]] as [string, ValidateOptions][]) : []),
];
console.log(`\nvalidateFluxErrors (median of ${reps}: CPU ms, wall ms)\n\n| case | prefilter off | prefilter on | CPU speed-up | same result |\n| --- | --- | --- | --- | --- |`);
for (const [label, o] of cases) {
  const a = timedBoth(() => validateFluxErrors(dia, { ...o, prefilter: false }));
  const b = timedBoth(() => validateFluxErrors(dia, o));
  const same = isDeepStrictEqual(validateFluxErrors(dia, { ...o, prefilter: false }), validateFluxErrors(dia, o));
  console.log(`| ${label} | ${a.cpu.toFixed(0)} CPU, ${a.wall.toFixed(0)} wall | ${b.cpu.toFixed(0)} CPU, ${b.wall.toFixed(0)} wall | ${(a.cpu / b.cpu).toFixed(2)}x | ${same ? "yes" : "NO"} |`);
}

let check = checkDiaObjectSummaries(dia);
const tc = timedBoth(() => void (check = checkDiaObjectSummaries(dia)));
console.log(`\ncheckDiaObjectSummaries: ${check.rows.length} columns of ${nObjects} objects in ${tc.cpu.toFixed(0)} ms CPU (${tc.wall.toFixed(0)} wall), ${check.ok ? "all agree" : `${check.disagreeing.length} objects disagree`}`);
console.log(`load average at the end: ${loadavg().map((x) => x.toFixed(1)).join(", ")} (2 cores)`);
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024 / 1024).toFixed(2)} GB`);
