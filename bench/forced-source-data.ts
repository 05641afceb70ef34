/**
 * Deterministic DP1-like flat ForcedSource files for the benchmarks: one row per
 * (object, visit), rows in visit order as the per-visit Butler files are, zstd,
 * row groups of 122,880 rows. Files are cached in the OS temp directory (their
 * name carries every parameter), so only the first run pays for generation.
 *
 * Sizes (visits per field four times the simulator's default, so light curves
 * are DP1-long, ~59 observations per object):
 *   small      1,000 objects,   ~0.06 M rows (for danfo.js, which takes ~a minute on it)
 *   default 100,000 objects,   ~5.9 M rows
 *   large   1,000,000 objects, ~59 M rows: simulated in ten chunks of 100,000
 *           objects (seeds 7..16, disjoint ids), each in visit order, merged
 *           into one file by DuckDB (COPY ... ROW_GROUP_SIZE 122880, zstd):
 *           ten visit-ordered runs, like ten fields' per-visit files in a row.
 */
import { rename, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeParquet } from "../src/io/parquet-write.js";
import { DEFAULT_VISITS_PER_FIELD } from "../src/rubin/sim-survey.js";
import { simulateForcedSource } from "../src/rubin/simulate.js";

export type BenchSize = "small" | "default" | "large";

export const SIZES: Readonly<Record<BenchSize, { readonly objects: number; readonly chunks: number }>> = {
  small: { objects: 1_000, chunks: 1 },
  default: { objects: 100_000, chunks: 1 },
  large: { objects: 1_000_000, chunks: 10 },
};

/** DuckDB's and DP1's row-group size. */
export const ROW_GROUP = 122_880;
const SEED = 7;
const VISIT_FACTOR = 4;
/** Bump when the generated content changes, so cached files are regenerated. */
const VERSION = 1;

/** The columns the flux-error recipe reads: id, band, flux pair, and the flags it cuts on. */
export const RECIPE_COLUMNS = ["objectId", "band", "psfFlux", "psfFluxErr", "psfFlux_flag", "pixelFlags_saturated", "invalidPsfFlag"] as const;
export const RECIPE_FLAGS = ["psfFlux_flag", "pixelFlags_saturated", "invalidPsfFlag"] as const;

const exists = (p: string) => stat(p).then(
  () => true,
  () => false,
);

/** The cached file for `size`, without generating it. */
export function benchFile(size: BenchSize): string {
  return join(tmpdir(), `nested-lc-bench-v${VERSION}-${size}-${SIZES[size].objects}-x${VISIT_FACTOR}.parquet`);
}

async function writeChunk(objects: number, seed: number, idBase: bigint, path: string): Promise<number> {
  const sim = simulateForcedSource({ seed, nObjects: objects, idBase, visitsPerField: DEFAULT_VISITS_PER_FIELD.map((v) => v * VISIT_FACTOR) });
  await writeParquet(sim.forcedSource, path, { compression: "zstd", rowGroupSize: ROW_GROUP });
  return sim.forcedSource.length;
}

/** Generate the file for `size` unless it is cached; returns its path. Logs progress to stderr. */
export async function ensureBenchFile(size: BenchSize): Promise<string> {
  const path = benchFile(size);
  if (await exists(path)) return path;
  const { objects, chunks } = SIZES[size];
  const t0 = performance.now();
  const tmp = `${path}.${process.pid}.tmp`;
  if (chunks === 1) {
    const rows = await writeChunk(objects, SEED, 592000000000000000n, tmp);
    console.error(`generated ${rows.toLocaleString("en")} rows in ${((performance.now() - t0) / 1000).toFixed(0)} s -> ${path}`);
  } else {
    const per = objects / chunks;
    const parts: string[] = [];
    for (let k = 0; k < chunks; k++) {
      const part = `${tmp}.part${k}.parquet`;
      const rows = await writeChunk(per, SEED + k, 592000000000000000n + BigInt(k) * 10_000_000_000n, part);
      parts.push(part);
      console.error(`chunk ${k + 1}/${chunks}: ${rows.toLocaleString("en")} rows (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    }
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const db = await DuckDBInstance.create(":memory:");
    const con = await db.connect();
    const list = parts.map((p) => `'${p}'`).join(", ");
    // preserve_insertion_order keeps chunk after chunk, each in its visit order.
    await con.run("set preserve_insertion_order = true");
    await con.run(`copy (select * from read_parquet([${list}])) to '${tmp}' (format parquet, compression zstd, row_group_size ${ROW_GROUP})`);
    con.closeSync();
    for (const p of parts) await rm(p);
    console.error(`merged ${chunks} chunks in ${((performance.now() - t0) / 1000).toFixed(0)} s -> ${path}`);
  }
  await rename(tmp, path);
  return path;
}
