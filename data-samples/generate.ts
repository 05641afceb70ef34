/**
 * Writes the embedded samples, deterministically, with the library's own
 * simulation and parquet writer:
 *
 *   dp1_object_collection/      HATS collection, Object + nested objectForcedSource (struct<list>)
 *   forced_source_visits/       the same observations, flat, in per-visit-group files
 *   dp1_dia_object_collection/  HATS collection, DiaObject + diaSource + diaObjectForcedSource
 *   dp1_source_tables/          flat DPDD-style tables: object/tract_{tract}.parquet, source/visit_{visit}.parquet
 *   truth.json                  the injected truths statistics must recover
 *
 * Run: npx tsx data-samples/generate.ts   (or npm run samples)
 */
import { mkdir, readdir, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BoolColumn, Int64Column, NumberColumn } from "../src/frame/column.js";
import type { NestedFrame } from "../src/frame/nested-frame.js";
import { pixelPath } from "../src/io/hats-open.js";
import { writeParquet } from "../src/io/parquet-write.js";
import { healpixParent } from "../src/rubin/healpix.js";
import { simulateDiaObjects } from "../src/rubin/sim-dia.js";
import { FORCED_SOURCE_FLAGS } from "../src/rubin/products.js";
import { simulateForcedSource } from "../src/rubin/simulate.js";
import { simulateSourceTables } from "../src/rubin/sim-sources.js";

export const SEED = 20250630; // DP1's release date
export const N_OBJECTS = 4500;
export const N_DIA_OBJECTS = 3000;
const MAX_ROWS = 500; // objects per HATS partition
const MAX_ORDER = 10;
const VISIT_FILES = 30;
const FIXED_DATE = "2025-06-30T00:00UTC"; // no clock time in the outputs: reruns are byte-identical
const HERE = dirname(fileURLToPath(import.meta.url));

interface Leaf {
  readonly order: number;
  readonly pixel: number;
  readonly lo: number;
  readonly hi: number;
}

/** HATS-style adaptive partitioning of objects sorted by _healpix_29: split pixels holding more than maxRows. */
function partition(h29: BigInt64Array, maxRows: number): Leaf[] {
  const leaves: Leaf[] = [];
  const visit = (order: number, pixel: number, lo: number, hi: number): void => {
    if (hi <= lo) return;
    if (hi - lo <= maxRows || order === MAX_ORDER) {
      leaves.push({ order, pixel, lo, hi });
      return;
    }
    let a = lo;
    for (let c = 0; c < 4; c++) {
      const child = pixel * 4 + c;
      let b = a;
      while (b < hi && healpixParent(h29[b]!, order + 1) === child) b++;
      visit(order + 1, child, a, b);
      a = b;
    }
  };
  let i = 0;
  while (i < h29.length) {
    const p0 = healpixParent(h29[i]!, 0);
    let j = i;
    while (j < h29.length && healpixParent(h29[j]!, 0) === p0) j++;
    visit(0, p0, i, j);
    i = j;
  }
  return leaves.sort((x, y) => x.order - y.order || x.pixel - y.pixel);
}

function range(lo: number, hi: number): Int32Array {
  return Int32Array.from({ length: hi - lo }, (_, k) => lo + k);
}

function properties(header: string, kv: Record<string, string | number>): string {
  return `${header}\n${Object.entries(kv)
    .map(([k, v]) => `${k}=${v}`)
    .join("\n")}\n`;
}

async function dirSize(dir: string): Promise<number> {
  let total = 0;
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) total += (await stat(join(e.parentPath, e.name))).size;
  }
  return total;
}

/** Write a HATS collection: collection.properties -> table/ with hats.properties, partition_info.csv, dataset/. */
async function writeHatsCollection(
  dir: string,
  table: string,
  frame: NestedFrame,
  cols: { ra: string; dec: string },
): Promise<{ files: number; rows: number; observations: number }> {
  await rm(dir, { recursive: true, force: true });
  const root = join(dir, table);
  const h29 = (frame.column("_healpix_29") as Int64Column).values;
  const leaves = partition(h29, MAX_ROWS);
  for (const leaf of leaves) {
    const file = join(root, `${pixelPath(leaf.order, leaf.pixel)}.parquet`);
    await mkdir(dirname(file), { recursive: true });
    await writeParquet(frame.takeObjects(range(leaf.lo, leaf.hi)), file, { compression: "zstd", layout: "struct<list>" });
  }
  await writeParquet(frame.takeObjects(new Int32Array(0)), join(root, "dataset", "_common_metadata"), { compression: "zstd", layout: "struct<list>" });
  await writeFile(join(root, "partition_info.csv"), `Norder,Npix\n${leaves.map((l) => `${l.order},${l.pixel}`).join("\n")}\n`);
  const sky = leaves.reduce((s, l) => s + 1 / (12 * 4 ** l.order), 0);
  await writeFile(
    join(root, "hats.properties"),
    properties("#HATS catalog", {
      obs_collection: table,
      dataproduct_type: "object",
      hats_nrows: frame.length,
      hats_col_ra: cols.ra,
      hats_col_dec: cols.dec,
      hats_col_healpix: "_healpix_29",
      hats_col_healpix_order: 29,
      hats_npix_suffix: ".parquet",
      hats_max_rows: MAX_ROWS,
      hats_order: Math.max(...leaves.map((l) => l.order)),
      moc_sky_fraction: sky.toFixed(5),
      hats_builder: `nested-lc data-samples/generate.ts (seed ${SEED})`,
      hats_creation_date: FIXED_DATE,
      hats_estsize: Math.ceil((await dirSize(join(root, "dataset"))) / 1024),
      hats_release_date: "2025-08-22",
      hats_version: "v1.0",
    }),
  );
  await writeFile(join(dir, "collection.properties"), properties("#HATS Collection", { obs_collection: dir.split("/").pop()!, hats_primary_table_url: table }));
  return { files: leaves.length, rows: frame.length, observations: frame.observationCount };
}

/** Flat rows (sorted by visit) in `nFiles` groups of whole visits, named visit_{first}-{last}.parquet. */
async function writeVisitFiles(dir: string, flat: NestedFrame, nFiles: number): Promise<{ files: number; rows: number }> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const visit = (flat.column("visit") as Int64Column).values;
  const n = visit.length;
  let lo = 0;
  let files = 0;
  for (let k = 1; k <= nFiles && lo < n; k++) {
    let hi = k === nFiles ? n : Math.max(lo + 1, Math.round((n * k) / nFiles));
    while (hi < n && visit[hi] === visit[hi - 1]) hi++; // never split a visit
    await writeParquet(flat.takeObjects(range(lo, hi)), join(dir, `visit_${visit[lo]}-${visit[hi - 1]}.parquet`), { compression: "zstd" });
    files++;
    lo = hi;
  }
  return { files, rows: n };
}

/** What this particular draw holds (fractions are random around the injected rates). */
function realized(objects: NestedFrame, variable: Uint8Array): Record<string, number> {
  const lc = objects.nest("objectForcedSource");
  const n = lc.offsets[objects.length]!;
  const flags = FORCED_SOURCE_FLAGS.map((f) => (lc.fields[f] as BoolColumn).values);
  let flagged = 0;
  for (let r = 0; r < n; r++) if (flags.some((f) => f[r] === 1)) flagged++;
  const sizes = Array.from({ length: objects.length }, (_, i) => lc.offsets[i + 1]! - lc.offsets[i]!).sort((a, b) => a - b);
  return {
    flaggedRowFraction: Number((flagged / n).toFixed(5)),
    variableObjects: variable.reduce((s, x) => s + x, 0),
    medianLightCurveLength: sizes[Math.floor(sizes.length / 2)]!,
    lightCurvesAbove100: sizes.filter((x) => x > 100).length,
    maxLightCurveLength: sizes[sizes.length - 1]!,
  };
}

/** Per-tract Object and per-visit Source tables (one folder per table, so each is one dataset), and their truths. */
async function writeSourceTables(dir: string): Promise<{ objects: number; sources: number; files: number }> {
  await rm(dir, { recursive: true, force: true });
  const sim = simulateSourceTables({ seed: SEED });
  const write = async (rel: string, frame: NestedFrame) => {
    await mkdir(dirname(join(dir, rel)), { recursive: true });
    await writeParquet(frame, join(dir, rel), { compression: "zstd" });
  };
  for (const t of sim.objects) await write(`object/tract_${t.tract}.parquet`, t.frame);
  for (const v of sim.sources) await write(`source/visit_${v.visit}.parquet`, v.frame);
  await writeFile(join(dir, "truth.json"), `${JSON.stringify({ generator: "npx tsx data-samples/generate.ts", ...sim.truth }, null, 2)}\n`);
  const objects = sim.objects.reduce((s, t) => s + t.frame.length, 0);
  return { objects, sources: sim.truth.sources, files: sim.objects.length + sim.sources.length };
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const sim = simulateForcedSource({ seed: SEED, nObjects: N_OBJECTS });
  const dia = simulateDiaObjects({ seed: SEED, nDiaObjects: N_DIA_OBJECTS });
  const obj = await writeHatsCollection(join(HERE, "dp1_object_collection"), "object_lc", sim.objects, { ra: "coord_ra", dec: "coord_dec" });
  const visits = await writeVisitFiles(join(HERE, "forced_source_visits"), sim.forcedSource, VISIT_FILES);
  const diaOut = await writeHatsCollection(join(HERE, "dp1_dia_object_collection"), "dia_object_lc", dia.diaObjects, { ra: "ra", dec: "dec" });
  const nd = (dia.diaObjects.column("nDiaSources") as NumberColumn).values as Int32Array;
  const single = nd.reduce((s, x) => s + (x === 1 ? 1 : 0), 0);
  const truth = {
    generator: "npx tsx data-samples/generate.ts",
    ...sim.truth,
    realized: realized(sim.objects, sim.objectTruth.variable),
    dia: { multiSourceFraction: dia.truth.variableFraction, singleSourceFraction: single / nd.length, noiseModel: dia.truth.noiseModel },
    samples: {
      dp1_object_collection: { objects: obj.rows, observations: obj.observations, partitions: obj.files },
      forced_source_visits: { rows: visits.rows, files: visits.files },
      dp1_dia_object_collection: {
        diaObjects: diaOut.rows,
        diaSources: dia.diaObjects.nest("diaSource").offsets[dia.diaObjects.length],
        forcedSources: dia.diaObjects.nest("diaObjectForcedSource").offsets[dia.diaObjects.length],
        partitions: diaOut.files,
      },
    },
  };
  await writeFile(join(HERE, "truth.json"), `${JSON.stringify(truth, null, 2)}\n`);
  const mb = (d: string): Promise<string> => dirSize(join(HERE, d)).then((b) => (b / 1e6).toFixed(2));
  console.log(`object collection: ${obj.rows} objects, ${obj.observations} observations, ${obj.files} partitions, ${await mb("dp1_object_collection")} MB`);
  console.log(`forced_source_visits: ${visits.rows} rows in ${visits.files} files, ${await mb("forced_source_visits")} MB`);
  console.log(`dia collection: ${diaOut.rows} DiaObjects (${((100 * single) / nd.length).toFixed(1)}% single), ${truth.samples.dp1_dia_object_collection.diaSources} DiaSources, ${diaOut.observations - (truth.samples.dp1_dia_object_collection.diaSources ?? 0)} forced, ${diaOut.files} partitions, ${await mb("dp1_dia_object_collection")} MB`);
  const st = await writeSourceTables(join(HERE, "dp1_source_tables"));
  console.log(`dp1_source_tables: ${st.objects} objects, ${st.sources} sources in ${st.files} files, ${await mb("dp1_source_tables")} MB`);
  console.log(`total ${((await dirSize(HERE)) / 1e6).toFixed(2)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

await main();
