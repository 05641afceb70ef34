/**
 * Validate the flux errors of a whole Catalog, partition by partition, with
 * the very result validateFluxErrors gives on the whole catalog in memory.
 *
 * How: every cut before the variability screen is per object, so each
 * partition applies them in a worker. The rest (the screen, which refits each
 * band's error model over all its light curves, and the group statistics:
 * REML fit, KS/AD on sorted whitened residuals, ...) needs a band's light
 * curves all together:
 *
 * - validateCatalog (what validateFluxErrors(catalog) and `nested-lc validate`
 *   run) keeps memory bounded: the workers spill the surviving light curves to
 *   temporary files (validationSpill), and the last phase streams them one
 *   partition at a time, band by band in worker threads
 *   (validate-stream.ts): fits as sums over partitions, one keep byte per
 *   light curve, external sorts for KS/AD/MAD.
 * - Shards (validationPartial) run the same per-partition phase over their
 *   partitions, with the spill files in a folder that outlives the run (the
 *   CLI's `out/part-i.spill/`, next to the partial); mergeValidationPartials
 *   runs the same last phase (finishValidation) over every shard's spills in
 *   shard order, so its memory is bounded as a single run's.
 *
 * Nothing is approximated: both give bit for bit the numbers of
 * validateFluxErrors on the concatenated catalog (its light curves in
 * partition order), and shards merge into exactly the single-run result.
 *
 * Flat per-visit files are first regrouped into whole light curves
 * (Catalog.groupFlat: a spill to temporary parquet files by object-id range,
 * removed afterwards); every shard of a flat catalog redoes that spill, so for
 * many shards regroup once and validate the regrouped catalog.
 *
 * Memory: validateCatalog holds the partitions in flight in its workers, then
 * per band in flight a few partitions' spilled light curves, one byte per
 * light curve and two sorters' budgets (run.sortBudget); a merge the same.
 * A partial holds counts and the spill layouts (a few numbers per row group);
 * its spill folder about 8 bytes per kept row for float32 fluxes.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";
import { ArgumentError } from "../frame/errors.js";
import type { Catalog } from "../catalog/catalog.js";
import type { RunOptions } from "../catalog/run-partitions.js";
import { progressWriter } from "../catalog/progress.js";
import { validationColumns } from "./validate-columns.js";
import { bandOrder } from "./band-light-curves.js";
import type { ValidationStep } from "./validate-cuts.js";
import type { ValidationSpill, ValidationSpillArgs } from "./validate-partition.js";
import { type SpilledPartition, type StreamOptions, emptyGroup, streamedValidation } from "./validate-stream.js";
import { product as productNamed, fluxPair } from "./products.js";
import { DP1_FIELDS } from "./fields.js";
import { type FluxErrorValidation, type ValidateOptions, checkValidateOptions, chooseFromBands, variabilityDetail } from "./validate.js";

/** How a catalog validation runs: threads, progress, logs; where its temporary files go and how much a sort holds in memory. */
export interface CatalogRunOptions extends Pick<RunOptions, "threads" | "progress" | "onLog">, StreamOptions {
  /** Folder in which a temporary folder for spill and sort files is made, and removed afterwards (default os.tmpdir()). */
  readonly tmpDir?: string;
}

/** Shard `index` of `count` (0-based, as SLURM_ARRAY_TASK_ID with --array=0-(n-1) and JOB_COMPLETION_INDEX are). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/**
 * The result of one shard: summed cut-flow counts, and the spill files of its
 * partitions' surviving light curves (in `spillDir`), in partition order.
 * Format version 2 (version 1 carried the kept rows inline).
 */
export interface ValidationPartial {
  readonly format: "nested-lc/validation-partial";
  readonly version: 2;
  readonly catalog: string;
  readonly partitionCount: number;
  readonly shard: Shard;
  /** The partitions this shard processed (a contiguous run). */
  readonly partitions: readonly number[];
  /** The validation options (the same in every shard of a merge). */
  readonly options: ValidateOptions;
  readonly inputObjects: number;
  readonly steps: readonly ValidationStep[];
  readonly bands: readonly string[];
  readonly nest: string;
  readonly flags: readonly string[];
  /** The folder holding this shard's spill files (and nothing else of the validation). */
  readonly spillDir: string;
  /** One spill per row group (per partition for regrouped flat catalogs), in row order, and its object count. */
  readonly spills: readonly SpilledPartition[];
}

/** A partial as JSON: the spill folder and files as paths relative to the JSON file's folder. */
export type ValidationPartialJSON = ValidationPartial;

/** How a shard runs: as a catalog validation, plus the folder its spill files go to. */
export interface PartialRunOptions extends CatalogRunOptions {
  /** Folder for the shard's spill files, made if missing (default: a new folder under `tmpDir`); the partial refers to them, so it must live as long as the partial. */
  readonly spillDir?: string;
}

/**
 * The partitions of shard `index` of `count`: a contiguous run, so that shards
 * concatenated in shard order are in partition order. Sizes differ by at most one.
 *
 * @example
 * shardPartitions(10, { index: 0, count: 3 }); // [0, 1, 2]
 * shardPartitions(10, { index: 2, count: 3 }); // [6, 7, 8, 9]
 */
export function shardPartitions(partitionCount: number, shard: Shard): number[] {
  const { index, count } = shard;
  if (!Number.isInteger(count) || count < 1) throw new ArgumentError(`A shard count must be an integer >= 1, got ${count}.`);
  if (!Number.isInteger(index) || index < 0 || index >= count) throw new ArgumentError(`Shard index must be an integer in 0..${count - 1}, got ${index}.`);
  const lo = Math.floor((index * partitionCount) / count);
  const hi = Math.floor(((index + 1) * partitionCount) / count);
  return Array.from({ length: hi - lo }, (_, k) => lo + k);
}

/** Steps of several pieces added count by count (every piece ran the same steps). */
function sumSteps(lists: readonly (readonly ValidationStep[])[]): ValidationStep[] {
  const first = lists[0] ?? [];
  for (const l of lists) {
    if (l.length !== first.length || l.some((s, k) => s.step !== first[k]!.step)) {
      throw new ArgumentError(`Partitions ran different cut-flow steps (${first.map((s) => s.step).join(", ")} vs ${l.map((s) => s.step).join(", ")}); were they validated with the same options?`);
    }
  }
  return first.map((s, k) => ({
    ...s,
    objects: lists.reduce((a, l) => a + l[k]!.objects, 0),
    lightCurves: lists.reduce((a, l) => a + l[k]!.lightCurves, 0),
    points: lists.reduce((a, l) => a + l[k]!.points, 0),
  }));
}

/** What the per-partition phase leaves for the last phase, summed over partitions (or shards). */
interface SpilledCounts {
  readonly steps: readonly ValidationStep[];
  readonly inputObjects: number;
  readonly bands: readonly string[];
  readonly nest: string;
  readonly flags: readonly string[];
}

function combine(pieces: readonly SpilledCounts[]): SpilledCounts {
  const first = pieces[0]!;
  return {
    steps: sumSteps(pieces.map((p) => p.steps)),
    inputObjects: pieces.reduce((a, p) => a + p.inputObjects, 0),
    bands: bandOrder([...new Set(pieces.flatMap((p) => p.bands))]),
    nest: first.nest,
    flags: first.flags,
  };
}

/** Make a folder for temporary files under run.tmpDir (or the OS's); a missing tmpDir is named. */
async function tempFolder(run: CatalogRunOptions, prefix: string): Promise<string> {
  const parent = run.tmpDir ?? tmpdir();
  return mkdtemp(join(parent, prefix)).catch((e: NodeJS.ErrnoException) => {
    throw e.code === "ENOENT" ? new ArgumentError(`tmpDir ${parent} does not exist: give an existing folder for the validation's temporary files.`) : e;
  });
}

/**
 * The per-partition phase (cuts in workers, survivors spilled to `dir`) over
 * `partitions` of the catalog (default all), projected to the validation's
 * columns; flat per-visit files are regrouped first (a temporary spill, removed after).
 */
async function spillPartitions(catalog: Catalog, options: ValidateOptions, dir: string, run: CatalogRunOptions, shard?: Shard): Promise<{ spills: ValidationSpill[]; partitionCount: number; partitions: number[] }> {
  // Fails early (naming the catalog) on a missing column, and projects the read.
  const columns = validationColumns(catalog.source.columns, options, catalog.path);
  let cat = catalog.select(columns);
  const regrouped = catalog.wholeLightCurves ? undefined : (cat = await cat.groupFlat(run)).path;
  try {
    const partitionCount = cat.partitions.length;
    const partitions = shard ? shardPartitions(partitionCount, shard) : Array.from({ length: partitionCount }, (_, k) => k);
    if (shard && partitions.length === 0) throw new ArgumentError(`Shard ${shard.index}/${shard.count} of ${catalog.path} has no partitions (${partitionCount} partitions for ${shard.count} shards).`);
    const module = new URL("./validate-partition.js", import.meta.url);
    const args: ValidationSpillArgs = { options, dir };
    const fn = { module, export: "validationSpill" };
    const how = { threads: run.threads, progress: run.progress, onLog: run.onLog, args, partitions };
    // Nested files row group by row group (a worker holds one row group of whole objects, not the partition);
    // regrouped flat files hold an id range's observations in any row order, so whole partitions.
    const spills = cat.kind === "flat" ? await cat.mapPartitions<ValidationSpill>(fn, how) : (await cat.mapBatches<ValidationSpill>(fn, how)).flat();
    if (spills.length === 0) throw new ArgumentError(`Catalog ${catalog.path} has no partitions.`);
    return { spills, partitionCount, partitions };
  } finally {
    if (regrouped) await rm(regrouped, { recursive: true, force: true });
  }
}

/**
 * The last phase of a catalog validation, shared by validateCatalog and the
 * merge of shards: the screen and group statistics streamed from the spills
 * (in partition order), and the result assembled as validateFluxErrors words it.
 */
async function finishValidation(counts: SpilledCounts, spilled: readonly SpilledPartition[], options: ValidateOptions, dir: string, run: CatalogRunOptions): Promise<FluxErrorValidation> {
  const checked = checkValidateOptions(options);
  const product = typeof options.product === "object" ? options.product : productNamed(options.product ?? "ForcedSource");
  const fluxName = options.flux ?? "psfFlux";
  fluxPair(product, fluxName);
  const { steps, inputObjects, nest, flags } = counts;
  const bands = chooseFromBands(counts.bands, product.name, options.bands);
  const kept = steps[steps.length - 1]!.points;
  // The last stage runs in this thread: say so, or a finished progress line looks stuck.
  progressWriter(run.progress)?.(`screening and statistics on ${kept.toLocaleString("en-US")} kept points...\n`);
  const { screened, groups } = await streamedValidation(spilled, bands, { ...checked, fields: options.fields ?? DP1_FIELDS }, dir, run);
  const cutflow = [inputStep(steps, inputObjects, product.name, nest), ...steps.slice(1)];
  if (checked.screen && screened) cutflow.push({ step: "variability", detail: variabilityDetail(checked.screen.pValue), ...screened });
  const why = emptyWhy(steps, checked.minObs);
  for (const b of bands) if (!groups.some((g) => g.band === b)) groups.push(emptyGroup(b, checked, why));
  const rank = (b: string) => bands.indexOf(b);
  groups.sort((x, y) => rank(x.band) - rank(y.band));
  const { minObs, clipSigma, range, bins, groupBy, fitFloor } = checked;
  return {
    product: product.name,
    flux: fluxName,
    nest,
    options: { bands, minObs, clipSigma, range, bins, groupBy, screenPValue: checked.screen?.pValue ?? null, maxReducedChi2: checked.maxReducedChi2 ?? null, fitFloor, flags },
    cutflow,
    groups,
  };
}

/**
 * Validate shard `shard` of the catalog (default: all of it as shard 0 of 1),
 * in worker threads: the partial that {@link mergeValidationPartials} turns
 * into the validation. The surviving light curves go to spill files in
 * `run.spillDir` (the partial refers to them; keep the folder with the
 * partial). Options are checked, and the columns to read chosen, from the
 * catalog's schema before any partition is read.
 *
 * @example
 * const cat = await openCatalog("data-samples/dp1_object_collection");
 * const part = await validationPartial(cat, { screen: false }, { index: 0, count: 4 }, { threads: 0, progress: false, spillDir: "part-0.spill" });
 * part.partitions; // [0, 1, 2, 3, 4]
 * part.spills.length; // 5 (one per row group)
 */
export async function validationPartial(catalog: Catalog, options: ValidateOptions = {}, shard: Shard = { index: 0, count: 1 }, run: PartialRunOptions = {}): Promise<ValidationPartial> {
  shardPartitions(catalog.partitions.length, shard); // a bad shard fails before anything is made
  checkValidateOptions(options);
  const spillDir = run.spillDir ? resolve(run.spillDir) : await tempFolder(run, "nested-lc-shard-");
  if (run.spillDir) await mkdir(spillDir, { recursive: true });
  try {
    const { spills, partitionCount, partitions } = await spillPartitions(catalog, options, spillDir, run, shard);
    return {
      format: "nested-lc/validation-partial",
      version: 2,
      catalog: catalog.path,
      partitionCount,
      shard,
      partitions,
      options,
      ...combine(spills),
      spillDir,
      spills: spills.map((p) => ({ spill: p.spill, inputObjects: p.inputObjects })),
    };
  } catch (e) {
    if (!run.spillDir) await rm(spillDir, { recursive: true, force: true });
    throw e;
  }
}

function checkComplete(partials: readonly ValidationPartial[]): ValidationPartial[] {
  if (partials.length === 0) throw new ArgumentError("Nothing to merge: no partial results.");
  const sorted = [...partials].sort((a, b) => a.shard.index - b.shard.index);
  const first = sorted[0]!;
  const n = first.shard.count;
  const options = JSON.stringify(first.options);
  for (const p of sorted) {
    if (p.format !== "nested-lc/validation-partial" || p.version !== 2) throw new ArgumentError(`Not a validation partial of format version 2 (format ${String(p.format)}, version ${String(p.version)}).`);
    if (p.catalog !== first.catalog || p.partitionCount !== first.partitionCount) {
      throw new ArgumentError(`Partials come from different catalogs: ${first.catalog} (${first.partitionCount} partitions) and ${p.catalog} (${p.partitionCount}).`);
    }
    if (p.shard.count !== n) throw new ArgumentError(`Partials were cut into different shard counts: ${n} and ${p.shard.count}.`);
    if (JSON.stringify(p.options) !== options) throw new ArgumentError(`Shard ${p.shard.index} ran with other options than shard ${first.shard.index}: ${JSON.stringify(p.options)} vs ${options}.`);
  }
  const have = sorted.map((p) => p.shard.index);
  const twice = have.find((s, k) => have.indexOf(s) !== k);
  if (twice !== undefined) throw new ArgumentError(`Shard ${twice}/${n} is given twice.`);
  const missing = Array.from({ length: n }, (_, k) => k).filter((k) => !have.includes(k));
  if (missing.length > 0) throw new ArgumentError(`Missing shard${missing.length > 1 ? "s" : ""} ${missing.join(", ")} of ${n}: every shard must be merged for the catalog's result.`);
  for (const p of sorted) {
    const gone = p.spills.find((s) => !existsSync(s.spill.path));
    if (gone) throw new ArgumentError(`Shard ${p.shard.index}/${n}'s spill file ${gone.spill.path} is missing: the spill folder ${p.spillDir} must stay next to the partial until the merge.`);
  }
  return sorted;
}

/**
 * The validation of a whole catalog from the partials of all its shards
 * (in any order): exactly the result of one run over the whole catalog, in
 * bounded memory (the last phase of validateCatalog over every shard's
 * spills, in shard order; sort files go to a temporary folder under
 * `run.tmpDir`, removed after). Throws ArgumentError for a missing or
 * repeated shard, partials of other catalogs or options, or a missing spill file.
 *
 * @example
 * const cat = await openCatalog("data-samples/dp1_object_collection");
 * const parts = [];
 * for (const index of [0, 1]) parts.push(await validationPartial(cat, {}, { index, count: 2 }, { threads: 0, progress: false, spillDir: `part-${index}.spill` }));
 * (await mergeValidationPartials(parts, { threads: 0 })).groups.map((g) => g.band); // ["u", "g", "r", "i", "z", "y"]
 */
export async function mergeValidationPartials(partials: readonly ValidationPartial[], run: CatalogRunOptions = {}): Promise<FluxErrorValidation> {
  const sorted = checkComplete(partials);
  const dir = await tempFolder(run, "nested-lc-merge-");
  try {
    run.onPhase?.("spilled");
    return await finishValidation(combine(sorted), sorted.flatMap((p) => p.spills), sorted[0]!.options, dir, run);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The input step with the whole catalog's object count (empty objects too) in its detail. */
function inputStep(steps: readonly ValidationStep[], inputObjects: number, productName: string, nest: string): ValidationStep {
  const input = steps[0]!;
  const empty = inputObjects - input.objects;
  return { ...input, detail: `${productName} ${nest}: ${inputObjects} objects${empty > 0 ? ` (${empty} empty)` : ""}` };
}

/** Why a band is empty, from the whole catalog's cut-flow, as validateFluxErrors words it. */
function emptyWhy(steps: readonly ValidationStep[], minObs: number): string {
  const finite = steps.find((s) => s.step === "finite");
  const min = steps.find((s) => s.step === "minObs");
  return finite && min && finite.points > 0 && min.points === 0 ? `; no light curve has ${minObs} points: with few repeat visits (DIA sources) try a lower minObs` : "";
}

/**
 * Validate a whole catalog in bounded memory: what `validateFluxErrors(catalog)`
 * and `nested-lc validate` run. Workers apply the per-object cuts partition by
 * partition, row group by row group, and spill the surviving light curves to temporary files (one per
 * partition, in a folder under `run.tmpDir`, removed afterwards, also on
 * error); then this thread screens variables and computes the group
 * statistics reading one partition's spill at a time (validate-stream.ts),
 * sorting what KS, AD and the MAD need in memory up to `run.sortBudget`
 * values and on disk beyond. The result equals validateFluxErrors on the
 * whole catalog in memory, bit for bit.
 *
 * @example
 * const cat = await openCatalog("data-samples/dp1_object_collection");
 * const v = await validateCatalog(cat, {}, { progress: false });
 * v.cutflow[0]!.detail; // "ForcedSource objectForcedSource: 4500 objects"
 */
export async function validateCatalog(catalog: Catalog, options: ValidateOptions = {}, run: CatalogRunOptions = {}): Promise<FluxErrorValidation> {
  checkValidateOptions(options);
  const product = typeof options.product === "object" ? options.product : productNamed(options.product ?? "ForcedSource");
  fluxPair(product, options.flux ?? "psfFlux");
  const dir = await tempFolder(run, "nested-lc-validate-");
  try {
    const { spills } = await spillPartitions(catalog, options, dir, run);
    run.onPhase?.("spilled");
    return await finishValidation(combine(spills), spills.map((p) => ({ spill: p.spill, inputObjects: p.inputObjects })), options, dir, run);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * A partial as JSON for `--partial out/part-i.json`: the spill folder and
 * files as paths relative to the folder of `file` (where the JSON is written),
 * so that the JSON and its spill folder can move together.
 *
 * @example
 * const cat = await openCatalog("data-samples/dp1_object_collection");
 * const part = await validationPartial(cat, {}, { index: 1, count: 8 }, { threads: 0, progress: false, spillDir: "out/part-1.spill" });
 * partialToJSON(part, "out/part-1.json").spillDir; // "part-1.spill"
 */
export function partialToJSON(p: ValidationPartial, file: string): ValidationPartialJSON {
  const base = dirname(resolve(file));
  const rel = (path: string) => relative(base, resolve(path)).split(sep).join("/");
  return { ...p, spillDir: rel(p.spillDir), spills: p.spills.map((s) => ({ ...s, spill: { ...s.spill, path: rel(s.spill.path) } })) };
}

/**
 * Undo {@link partialToJSON} for the JSON read from `file`: paths resolved
 * from its folder. Throws ArgumentError for JSON that is not a partial, a
 * partial of format version 1 (rows inline, from an older nested-lc), or a
 * spill folder that is not where the partial says.
 *
 * @example
 * const cat = await openCatalog("data-samples/dp1_object_collection");
 * const part = await validationPartial(cat, {}, { index: 2, count: 8 }, { threads: 0, progress: false, spillDir: "out/part-2.spill" });
 * const back = partialFromJSON(JSON.parse(JSON.stringify(partialToJSON(part, "out/part-2.json"))), "out/part-2.json");
 * back.spillDir === part.spillDir; // true
 */
export function partialFromJSON(json: unknown, file: string): ValidationPartial {
  const j = json as Partial<ValidationPartialJSON> | { version?: unknown } | null;
  if (j === null || typeof j !== "object" || !("format" in j) || j.format !== "nested-lc/validation-partial") {
    throw new ArgumentError(`${file}: Not a validation partial: expected {"format": "nested-lc/validation-partial", ...} as written by validate --partial.`);
  }
  if (j.version !== 2) {
    throw new ArgumentError(`${file}: partial of format version ${String(j.version)}, with its rows inline, written by an older nested-lc: this one reads version 2 (spill files in a folder next to the partial); rerun the shard with validate --shard i/n --partial ${file}.`);
  }
  const p = j as ValidationPartialJSON;
  const base = dirname(resolve(file));
  const spillDir = resolve(base, p.spillDir);
  if (!existsSync(spillDir)) throw new ArgumentError(`${file}: its spill folder ${spillDir} is missing: validate --partial writes it next to the partial, and merge needs it (copy or mount it along with the partial).`);
  return { ...p, spillDir, spills: p.spills.map((s) => ({ ...s, spill: { ...s.spill, path: resolve(base, s.spill.path) } })) };
}
