/**
 * `nested-lc validate <path>`: find the dataset, check and read only the
 * columns the validation needs, validate, write the JSON and HTML first (so a
 * closed pipe cannot lose them), then print the tables.
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { NestedLcError } from "../frame/errors.js";
import { ParquetReadError } from "../io/errors.js";
import { type Dataset, datasetColumns, findDatasets, readDataset } from "../io/read-dataset.js";
import { PRODUCTS, type ProductName, fluxPair, product as productNamed } from "../rubin/products.js";
import { type FluxErrorValidation, type GroupKey, type ValidateOptions, validateFluxErrors } from "../rubin/validate.js";
import { validationColumns } from "../rubin/validate-columns.js";
import { formatValidation } from "../rubin/validate-format.js";
import { validationReportHtml } from "../rubin/validate-report.js";
import { type BinSpec, parseBinSpec } from "../stats/bin-spec.js";
import { UsageError, bigintSafe, listFlag, numberFlag } from "./flags.js";
import { openCatalog } from "../catalog/catalog.js";
import { type Shard, partialToJSON, validationPartial } from "../rubin/validate-catalog.js";

export interface ValidateFlags {
  product?: string | undefined;
  flux?: string | undefined;
  bands?: string | undefined;
  group?: string | undefined;
  bins?: string | undefined;
  "min-obs"?: string | undefined;
  clip?: string | undefined;
  "no-screen"?: boolean | undefined;
  nest?: string | undefined;
  flags?: string | undefined;
  json?: string | undefined;
  html?: string | undefined;
  threads?: string | undefined;
  progress?: boolean | undefined;
  shard?: string | undefined;
  partial?: string | undefined;
}

const GROUP_WORDS: Readonly<Record<string, GroupKey>> = { band: "band", field: "field", mag: "magBin", magBin: "magBin" };

/** A library argument error about an option, re-raised as a usage error naming the flag. */
function asUsage<T>(flag: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof NestedLcError) throw new UsageError(`--${flag}: ${e.message}`);
    throw e;
  }
}

/** The command-line flags as validateFluxErrors options, every value checked (usage errors name the flag). */
export function validateOptions(values: ValidateFlags): ValidateOptions & { product: ProductName; flux: string; groupBy: GroupKey[] } {
  const product = asUsage("product", () => productNamed(values.product ?? "ForcedSource")).name;
  const flux = values.flux ?? "psfFlux";
  asUsage("flux", () => fluxPair(PRODUCTS[product], flux));
  const groupBy = listFlag(values.group ?? "band").map((w) => {
    const g = GROUP_WORDS[w];
    if (!g) throw new UsageError(`--group takes band, field and mag, comma-separated; got "${w}".`);
    return g;
  });
  const minObs = numberFlag("min-obs", values["min-obs"]);
  if (minObs !== undefined && !(Number.isInteger(minObs) && minObs >= 2)) throw new UsageError(`--min-obs needs an integer >= 2 (a light curve needs 2 points for a residual), got ${minObs}.`);
  const clip = numberFlag("clip", values.clip);
  if (clip !== undefined && !(clip > 0)) throw new UsageError(`--clip needs a number of sigma > 0, got ${clip}.`);
  const bins: BinSpec | undefined = values.bins === undefined ? undefined : asUsage("bins", () => parseBinSpec(values.bins!));
  return {
    product,
    flux,
    groupBy,
    ...(values.bands !== undefined ? { bands: listFlag(values.bands) } : {}),
    ...(bins ? { bins } : {}),
    ...(minObs !== undefined ? { minObs } : {}),
    ...(clip !== undefined ? { clipSigma: clip } : {}),
    ...(values["no-screen"] ? { screen: false as const } : {}),
    ...(values.nest !== undefined ? { nest: values.nest } : {}),
    ...(values.flags !== undefined ? { flags: listFlag(values.flags) } : {}),
  };
}

/** The one dataset at `path` that holds `product` (a folder may hold several). */
async function datasetFor(path: string, productName: ProductName): Promise<Dataset> {
  const all = await findDatasets(path);
  if (all.length === 0) throw new ParquetReadError(path, "holds no parquet files, HATS catalog or collection");
  if (all.length === 1) return all[0]!;
  const p = PRODUCTS[productName];
  const holds = (d: Dataset): boolean => {
    if (d.kind === "flat") return d.on === p.objectId;
    if (d.catalog) return d.catalog.columns.some((c) => c.kind === "nest" && p.nests.includes(c.name));
    return p.nests.some((n) => d.description.includes(n));
  };
  const hits = all.filter(holds);
  if (hits.length === 1) return hits[0]!;
  const list = all.map((d) => `  ${d.path}  (${d.description})`).join("\n");
  throw new UsageError(`${path} holds ${all.length} datasets; point validate at one of them:\n${list}`);
}

/** This package's version, for the JSON's provenance. */
async function version(): Promise<string> {
  try {
    const pkg = JSON.parse(await readFile(new URL("../../package.json", import.meta.url), "utf8")) as { version?: string };
    return pkg.version ?? "unknown";
  } catch {
    return "unknown";
  }
}

/** Make the folder of an output file now, so a bad path fails before the work, not after it. */
export async function prepareOutput(path: string | undefined): Promise<void> {
  if (path !== undefined && path !== "-") await mkdir(dirname(path), { recursive: true });
}

/**
 * `--shard i/n` (0-based i, as SLURM_ARRAY_TASK_ID and JOB_COMPLETION_INDEX count) as a Shard.
 *
 * @example
 * shardFlag("2/8"); // { index: 2, count: 8 }
 */
export function shardFlag(value: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || !(count >= 1) || !(index < count)) throw new UsageError(`--shard needs i/n with 0 <= i < n (e.g. 0/8 for the first of 8 shards), got "${value}".`);
  return { index, count };
}

/** --threads N as a thread count (0: in this thread, partition by partition). */
function threadsFlag(value: string | undefined): number | undefined {
  const t = numberFlag("threads", value);
  if (t !== undefined && !(Number.isInteger(t) && t >= 0)) throw new UsageError(`--threads needs an integer >= 0, got ${t}.`);
  return t;
}

/**
 * The spill folder of the partial `file`: next to it, named after it (`out/part-3.json` -> `out/part-3.spill`).
 *
 * @example
 * partialSpillDir("out/part-3.json"); // "out/part-3.spill"
 */
export function partialSpillDir(file: string): string {
  return `${file.replace(/\.json$/i, "")}.spill`;
}

/** Run `validate` on `paths` (exactly one) with the parsed flags. */
export async function validateCommand(paths: readonly string[], values: ValidateFlags): Promise<void> {
  if (paths.length !== 1) throw new UsageError("validate needs exactly one <path>.");
  const options = validateOptions(values);
  if ((values.shard === undefined) !== (values.partial === undefined)) throw new UsageError("--shard i/n and --partial FILE go together: each shard writes its partial result, and `nested-lc merge` combines them.");
  const shard = values.shard === undefined ? undefined : shardFlag(values.shard);
  const threads = threadsFlag(values.threads);
  await prepareOutput(values.json);
  await prepareOutput(values.html);
  await prepareOutput(values.partial);
  const t0 = performance.now();
  const ds = await datasetFor(paths[0]!, options.product);
  const columns = validationColumns(await datasetColumns(ds), options, ds.path);
  // Partition by partition in worker threads (memory bounded by a few partitions) when asked for threads, progress or a shard.
  const byPartition = shard !== undefined || threads !== undefined || values.progress === true;
  const run = { ...(threads !== undefined ? { threads } : {}), ...(values.progress ? { progress: true } : {}) };
  if (shard && values.partial) {
    // The kept light curves go to spill files in a folder next to the partial (out/part-i.spill/), remade on a rerun.
    const spillDir = partialSpillDir(values.partial);
    await rm(spillDir, { recursive: true, force: true });
    const part = await validationPartial(await openCatalog(ds.path), options, shard, { ...run, spillDir });
    await writeFile(values.partial, `${JSON.stringify(partialToJSON(part, values.partial))}\n`);
    const kept = part.steps[part.steps.length - 1]!.points;
    console.log(`wrote ${values.partial}: shard ${shard.index}/${shard.count} of ${ds.path}, partitions ${part.partitions[0]}..${part.partitions.at(-1)} of ${part.partitionCount}, ${kept} points kept in ${spillDir} (${((performance.now() - t0) / 1000).toFixed(2)} s)`);
    return;
  }
  const v = byPartition ? await validateFluxErrors(await openCatalog(ds.path), options, run) : validateFluxErrors(await readDataset(ds, { columns }), options);
  await writeValidation(v, ds.path, `${ds.description}; read and validated in ${((performance.now() - t0) / 1000).toFixed(2)} s`, (performance.now() - t0) / 1000, values);
}

/** Write --json and --html first (a closed pipe cannot lose them), then print the tables (or the JSON for --json -). */
export async function writeValidation(v: FluxErrorValidation, source: string, description: string, seconds: number, values: { json?: string | undefined; html?: string | undefined }): Promise<void> {
  const toStdout = values.json === "-";
  if (values.json && !toStdout) await writeFile(values.json, json(v, source, await version()));
  if (values.html) await writeFile(values.html, validationReportHtml(v, { source, seconds }));
  if (toStdout) {
    console.log(json(v, source, await version()).trimEnd());
    return;
  }
  console.log(`${source}  (${description})\n`);
  if (v.cutflow[0]!.points === 0) console.log("The input holds no observations (a metadata-only file?).\n");
  console.log(formatValidation(v));
  const wrote = [values.json, values.html].filter((x): x is string => x !== undefined);
  if (wrote.length > 0) console.log(`\nwrote ${wrote.join(", ")}`);
}

/** The validation as the JSON the CLI writes: provenance first, then the result. */
function json(v: FluxErrorValidation, source: string, generator: string): string {
  return `${JSON.stringify({ source, generator: `nested-lc ${generator}`, created: new Date().toISOString(), ...v }, bigintSafe, 2)}\n`;
}
