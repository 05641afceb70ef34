/**
 * The `nested-lc` command as a function (the bin entry, main.ts, only calls it).
 * Exit codes: 0 success, 1 data error (a file, a column, a value) or an
 * internal error (said to be a bug), 2 usage error. Messages carry no stack
 * trace unless --debug.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { NestedLcError } from "../frame/errors.js";
import { findDatasets, readDataset } from "../io/read-dataset.js";
import { UsageError, bigintSafe } from "./flags.js";
import { formatSummary, summarizeFrame } from "./summary.js";
import { validateCommand } from "./validate-command.js";
import { mergeCommand } from "./merge-command.js";
import { diaCheckCommand } from "./dia-check-command.js";

const USAGE = `Usage: nested-lc <command> [options]

Commands:
  summary <path>   Summarise a catalog: a HATS catalog or collection, a parquet file, a directory of
                   flat per-visit parquet files, or a folder holding several of these (e.g. data-samples/).
      --json FILE  also write the summary as JSON (default out/summary.json; "-" for none)

  validate <path>  Validate the flux errors of a product (the DP1 recipe): <path> is a HATS catalog or
                   collection, a parquet file, or a directory of flat per-visit parquet files.
      --product P  ForcedSource (default), ForcedSourceOnDiaObject or DiaSource
      --flux F     psfFlux (default), psfDiffFlux, or scienceFlux (DiaSource)
      --bands B    comma-separated bands (default: all present)
      --group G    band (default), plus field and/or mag: e.g. band,field,mag
      --bins S     naive-pull histogram bins lo:hi:width (default -10:10:0.1); the chi-square tests
                   bin [-3, 3] with the nearest width that divides it
      --min-obs N  fewest points per band light curve (default 10)
      --clip K     drop light curves with a point beyond K sigma (default 10)
      --no-screen  keep variable sources (the bare DP1 recipe); by default light curves the band's
                   error model cannot explain (chi-square p < 1e-6) are dropped, as the cut-flow shows
      --nest N     the nest holding the light curves, when it is not one of the product's DP1 names
      --flags F    comma-separated flag columns instead of the product's set
      --json FILE  write the result as JSON ("-": JSON on stdout instead of the tables)
      --html FILE  write an HTML report with the pull histograms
      --threads N  validate partition by partition in N worker threads (default: the cores; memory
                   bounded by a few partitions, not the catalog; 0: in this thread)
      --progress   show partitions done, rows, rows/s and ETA (implies partition by partition)
      --shard i/n --partial FILE
                   validate only shard i of n (0-based; a contiguous run of partitions) and write the
                   partial result to FILE (counts; the kept light curves go to FILE's folder
                   <name>.spill/), for a Slurm job array or a Kubernetes indexed Job

  dia-check <path> Recompute the DiaObject per-band flux summaries ({b}_psfFluxMean, MeanErr, Sigma, Chi2,
                   Ndata) from the nested DiaSources and report how the stored columns agree; exit 1 when
                   any value disagrees
      --nest N     the DiaSource nest (default diaSource); --flux F (default psfFlux); --bands B
      --rtol X     relative tolerance (default 1e-6: float32 storage); --atol X absolute (default 0)
      --json FILE  also write the check as JSON

  merge <files>    Merge the partial results of all shards (validate --shard ... --partial) into exactly
                   the single-run validation; --json FILE and --html FILE as for validate

Options:
  --debug          show stack traces
  --help           this text
`;

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

const OPTIONS = {
  json: { type: "string" },
  html: { type: "string" },
  product: { type: "string" },
  flux: { type: "string" },
  bands: { type: "string" },
  group: { type: "string" },
  bins: { type: "string" },
  "min-obs": { type: "string" },
  clip: { type: "string" },
  "no-screen": { type: "boolean" },
  nest: { type: "string" },
  flags: { type: "string" },
  threads: { type: "string" },
  progress: { type: "boolean" },
  shard: { type: "string" },
  partial: { type: "string" },
  rtol: { type: "string" },
  atol: { type: "string" },
  debug: { type: "boolean" },
  help: { type: "boolean" },
} as const;

/**
 * `--bins -10:10:0.1` as `--bins=-10:10:0.1`: node's parseArgs refuses a value
 * that starts with a dash, but a negative number is what a user means here.
 */
function joinNegativeValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const name = a.startsWith("--") ? a.slice(2) : "";
    const next = argv[i + 1];
    if (Object.hasOwn(OPTIONS, name) && OPTIONS[name as keyof typeof OPTIONS].type === "string" && next !== undefined && /^-[\d.]/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
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
    parsed = parseArgs({ args: joinNegativeValues(argv), allowPositionals: true, options: OPTIONS });
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
      case "validate":
        await validateCommand(rest, values);
        return 0;
      case "dia-check":
        return (await diaCheckCommand(rest, values)) ? 0 : 1;
      case "merge":
        await mergeCommand(rest, values);
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
    // Anything else is nested-lc's own fault, not the user's: say so, still without a stack unless asked.
    console.error(internalError(e, values.debug === true));
    return 1;
  }
}

/**
 * What the command prints for a failure that is not the user's (a bug): one
 * line saying so, and the stack only with --debug. The bin entry uses it for
 * stray asynchronous errors too.
 *
 * @example
 * internalError(new TypeError("boom"), false); // "error: internal error (TypeError: boom). This is a bug in nested-lc; rerun with --debug ..."
 */
export function internalError(e: unknown, debug: boolean): string {
  const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  const line = `error: internal error (${what}). This is a bug in nested-lc; ${debug ? "please report it with the stack below." : "rerun with --debug for the stack trace and report it."}`;
  return debug && e instanceof Error && e.stack ? `${line}\n${e.stack}` : line;
}
