/**
 * The `nested-lc` command as a function (the bin entry, main.ts, only calls it).
 * Exit codes: 0 success, 1 data error (a file, a column, a value), 2 usage
 * error. Messages carry no stack trace unless --debug.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { NestedLcError } from "../frame/errors.js";
import { findDatasets, readDataset } from "../io/read-dataset.js";
import { formatSummary, summarizeFrame } from "./summary.js";

const USAGE = `Usage: nested-lc <command> [options]

Commands:
  summary <path>   Summarise a catalog: a HATS catalog or collection, a parquet file, a directory of
                   flat per-visit parquet files, or a folder holding several of these (e.g. data-samples/).
      --json FILE  also write the summary as JSON (default out/summary.json; "-" for none)

Options:
  --debug          show stack traces
  --help           this text
`;

class UsageError extends Error {}

const bigintSafe = (_k: string, v: unknown): unknown => (typeof v === "bigint" ? v.toString() : v);

async function summary(paths: string[], values: { json?: string | undefined }): Promise<void> {
  if (paths.length !== 1) throw new UsageError("summary needs exactly one <path>.");
  const datasets = await findDatasets(paths[0]!);
  const out: Record<string, unknown> = {};
  for (const ds of datasets) {
    const t0 = performance.now();
    const frame = await readDataset(ds);
    const s = summarizeFrame(frame);
    const ms = performance.now() - t0;
    console.log(formatSummary(`${ds.path}  (${ds.description}; read and summarised in ${(ms / 1000).toFixed(2)} s)`, s));
    console.log("");
    out[ds.path] = { kind: ds.kind, description: ds.description, files: ds.files.length, ...s };
  }
  const json = values.json ?? "out/summary.json";
  if (json !== "-") {
    await mkdir(dirname(json), { recursive: true });
    await writeFile(json, `${JSON.stringify(out, bigintSafe, 2)}\n`);
    console.log(`wrote ${json}`);
  }
}

/** A system error from Node (missing file, permission): the user's to fix, so no stack trace. */
function isSystemError(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === "string" && typeof (e as NodeJS.ErrnoException).syscall === "string";
}

/**
 * Run the command line `argv` (without the node and script names); resolves to the exit code.
 *
 * @example
 * const code = await main(["summary", "data-samples", "--json", "-"]);
 */
export async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { json: { type: "string" }, debug: { type: "boolean" }, help: { type: "boolean" } },
    });
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || command === undefined) {
    console.log(USAGE);
    return command === undefined && !values.help ? 2 : 0;
  }
  try {
    switch (command) {
      case "summary":
        await summary(rest, values);
        return 0;
      default:
        throw new UsageError(`Unknown command "${command}".`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`${e.message}\n\n${USAGE}`);
      return 2;
    }
    if (e instanceof NestedLcError || isSystemError(e)) {
      console.error(`error: ${e.message}`);
      if (values.debug) console.error(e.stack);
      return 1;
    }
    throw e;
  }
}
