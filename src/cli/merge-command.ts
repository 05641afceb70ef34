/**
 * `nested-lc merge out/part-*.json`: the partial results of every shard of a
 * catalog (written by `validate --shard i/n --partial FILE`) combined into the
 * validation a single run gives, bit for bit; printed and written as
 * `validate` does (--json, --html).
 */
import { readFile } from "node:fs/promises";
import { NestedLcError } from "../frame/errors.js";
import { type ValidationPartial, mergeValidationPartials, partialFromJSON } from "../rubin/validate-catalog.js";
import { UsageError } from "./flags.js";
import { prepareOutput, writeValidation } from "./validate-command.js";

/** Read one partial file; a file that is not JSON or not a partial is an error naming it. */
async function readPartial(path: string): Promise<ValidationPartial> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    throw new NestedLcError(`Cannot read partial ${path}: ${(e as Error).message}`, { cause: e });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new NestedLcError(`${path}: ${(e as Error).message}`, { cause: e });
  }
  return partialFromJSON(json, path); // its errors name the file
}

/**
 * Run `merge` on the partial files `paths` with the output flags.
 *
 * @example
 * // After `nested-lc validate cat --shard 0/2 --partial out/part-0.json` and shard 1/2:
 * // await mergeCommand(["out/part-0.json", "out/part-1.json"], { json: "out/validation.json" });
 * typeof mergeCommand; // "function"
 */
export async function mergeCommand(paths: readonly string[], values: { json?: string | undefined; html?: string | undefined }): Promise<void> {
  if (paths.length === 0) throw new UsageError("merge needs the partial files of every shard, e.g. nested-lc merge out/part-*.json.");
  await prepareOutput(values.json);
  await prepareOutput(values.html);
  const t0 = performance.now();
  const partials = [];
  for (const p of paths) partials.push(await readPartial(p));
  const v = await mergeValidationPartials(partials, { progress: false });
  const first = partials[0]!;
  const description = `${first.shard.count} shards of ${first.partitionCount} partitions merged in ${((performance.now() - t0) / 1000).toFixed(2)} s`;
  await writeValidation(v, first.catalog, description, (performance.now() - t0) / 1000, values);
}
