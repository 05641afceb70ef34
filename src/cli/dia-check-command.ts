/**
 * `nested-lc dia-check <path>`: recompute the DiaObject per-band flux summaries
 * from the nested DiaSources and print how well the stored columns agree
 * (checkDiaObjectSummaries). Exit code 1 when any value disagrees, so a
 * pipeline can stop on it.
 */
import { writeFile } from "node:fs/promises";
import { findDatasets, readDataset } from "../io/read-dataset.js";
import { ParquetReadError } from "../io/errors.js";
import { checkDiaObjectSummaries, formatDiaSummaryCheck } from "../rubin/dia-summary-check.js";
import { UsageError, bigintSafe, listFlag, numberFlag } from "./flags.js";
import { prepareOutput } from "./validate-command.js";

export interface DiaCheckFlags {
  nest?: string | undefined;
  flux?: string | undefined;
  bands?: string | undefined;
  rtol?: string | undefined;
  atol?: string | undefined;
  json?: string | undefined;
}

/**
 * Run `dia-check` on `paths` (one HATS DiaObject catalog or collection, or a nested parquet file);
 * resolves to whether every stored value agrees.
 *
 * @example
 * await diaCheckCommand(["data-samples/dp1_dia_object_collection"], { bands: "g,r" }); // true, after printing the table
 */
export async function diaCheckCommand(paths: readonly string[], values: DiaCheckFlags): Promise<boolean> {
  if (paths.length !== 1) throw new UsageError("dia-check needs exactly one <path> (a DiaObject catalog with a nested diaSource).");
  const rtol = numberFlag("rtol", values.rtol);
  const atol = numberFlag("atol", values.atol);
  if (rtol !== undefined && !(rtol >= 0)) throw new UsageError(`--rtol needs a number >= 0, got ${rtol}.`);
  if (atol !== undefined && !(atol >= 0)) throw new UsageError(`--atol needs a number >= 0, got ${atol}.`);
  await prepareOutput(values.json);
  const all = await findDatasets(paths[0]!);
  if (all.length !== 1) throw new ParquetReadError(paths[0]!, all.length === 0 ? "holds no parquet files, HATS catalog or collection" : `holds ${all.length} datasets; point dia-check at the DiaObject one`);
  const t0 = performance.now();
  const frame = await readDataset(all[0]!);
  const check = checkDiaObjectSummaries(frame, {
    ...(values.nest !== undefined ? { nest: values.nest } : {}),
    ...(values.flux !== undefined ? { flux: values.flux } : {}),
    ...(values.bands !== undefined ? { bands: listFlag(values.bands) } : {}),
    ...(rtol !== undefined ? { rtol } : {}),
    ...(atol !== undefined ? { atol } : {}),
  });
  if (values.json !== undefined && values.json !== "-") await writeFile(values.json, `${JSON.stringify({ path: paths[0], ...check, disagreeing: Array.from(check.disagreeing) }, bigintSafe, 2)}\n`);
  console.log(`${paths[0]} (${all[0]!.description}; read and checked in ${((performance.now() - t0) / 1000).toFixed(2)} s)`);
  console.log(formatDiaSummaryCheck(check));
  if (values.json !== undefined && values.json !== "-") console.log(`wrote ${values.json}`);
  return check.ok;
}
