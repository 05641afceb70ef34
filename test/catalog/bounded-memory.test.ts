/**
 * Peak memory is bounded by a few partitions, not by the catalog: a child
 * process whose JavaScript heap is a small fraction of the catalog validates
 * the whole of it. Typed-array buffers live outside the heap, so the child
 * also reports its live array-buffer bytes (after a full GC) at every phase
 * boundary of the last phase (the screen and statistics, which once held every kept row): they
 * stay a small fraction of the catalog's size in memory. The child's peak
 * RSS is reported too.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { columnLength, type Column } from "../../src/frame/column.js";
import type { NestedFrame } from "../../src/frame/nested-frame.js";
import { writeParquet } from "../../src/io/parquet-write.js";
import { DEFAULT_VISITS_PER_FIELD } from "../../src/rubin/sim-survey.js";
import { simulateForcedSource } from "../../src/rubin/simulate.js";

const HEAP_MB = 20;
const root = mkdtempSync(join(tmpdir(), "nested-lc-bounded-"));
const dir = join(root, "catalog");
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Bytes of every column's values (and validity) of a frame: its size in memory. */
function frameBytes(f: NestedFrame): number {
  const bytes = (c: Column) => (c.type === "dict" ? c.codes.byteLength : c.values.byteLength) + (c.valid?.byteLength ?? 0);
  let n = 0;
  for (const c of Object.values(f.base)) n += bytes(c);
  for (const nc of Object.values(f.nested)) {
    n += nc.offsets.byteLength;
    for (const c of Object.values(nc.fields)) n += bytes(c);
  }
  return n;
}

let catalogBytes = 0;
let rows = 0;
let objects = 0;
beforeAll(async () => {
  mkdirSync(dir);
  // Seven partitions of long light curves (about 100 points per object, as DP1's ForcedSource has).
  const visitsPerField = DEFAULT_VISITS_PER_FIELD.map((v) => v * 7);
  for (let k = 0; k < 7; k++) {
    const sim = simulateForcedSource({ seed: 50 + k, nObjects: 1500, visitsPerField, idBase: 592000000000000000n + BigInt(k) * 1_000_000n, flat: false });
    catalogBytes += frameBytes(sim.objects);
    rows += sim.objects.observationCount;
    expect(columnLength(sim.objects.column("objectId"))).toBe(1500);
    objects += sim.objects.lightCurveArrays("objectForcedSource", []).offsets.reduce((n, o, i, a) => n + (i > 0 && o > a[i - 1]! ? 1 : 0), 0);
    await writeParquet(sim.objects, join(dir, `part-${k}.parquet`), { rowGroupSize: 500 });
  }
}, 120_000);

describe("validating a catalog larger than the heap", () => {
  it("succeeds in a child process whose heap is a fraction of the catalog, and reads every row", () => {
    expect(catalogBytes).toBeGreaterThan(3 * HEAP_MB * 2 ** 20); // the catalog is several heaps
    const script = join(root, "validate.mts");
    const src = fileURLToPath(new URL("../../src/index.ts", import.meta.url));
    writeFileSync(
      script,
      [
        `import { openCatalog, validateFluxErrors } from ${JSON.stringify(src)};`,
        `const buffers = []; const gc = globalThis.gc;`,
        // A sort holds 4096 values (32 KB): the whitened residuals and pulls of every band are sorted on disk.
        `const v = await validateFluxErrors(await openCatalog(${JSON.stringify(dir)}), {}, { threads: 1, progress: false, sortBudget: 4096, onPhase: () => { gc(); buffers.push(process.memoryUsage().arrayBuffers); } });`,
        `gc();`,
        `buffers.push(process.memoryUsage().arrayBuffers);`,
        `console.log(JSON.stringify({ rows: v.cutflow[0].points, objects: v.cutflow[0].objects, bands: v.groups.map((g) => g.band), kept: v.cutflow.at(-1).points, buffers, heap: process.memoryUsage().heapTotal, rss: process.resourceUsage().maxRSS * 1024 }));`,
      ].join("\n"),
    );
    const repo = fileURLToPath(new URL("../..", import.meta.url));
    const child = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_MB}`, "--expose-gc", "--import", "tsx", script], { cwd: repo, encoding: "utf8", timeout: 240_000 });
    expect(child.status, child.stderr).toBe(0);
    const out = JSON.parse(child.stdout.trim().split("\n").at(-1)!) as { rows: number; objects: number; bands: string[]; kept: number; buffers: number[]; heap: number; rss: number };
    expect(out.rows).toBe(rows);
    expect(out.objects).toBe(objects); // objects with at least one observation
    expect(out.bands).toEqual(["u", "g", "r", "i", "z", "y"]);
    expect(out.buffers).toHaveLength(1 + 6 + 1); // spilled, each band, done
    // Holding the kept rows (as the last phase once did) takes at least their flux and error, 8 bytes a row as float32.
    const keptBytes = 8 * out.kept;
    expect(Math.max(...out.buffers)).toBeLessThan(keptBytes); // measured: at most 3.3 of 7.4 MB, mostly 0.05 MB
    console.log(`catalog ${(catalogBytes / 2 ** 20).toFixed(0)} MB in memory, ${rows} rows (${out.kept} kept: ${(keptBytes / 2 ** 20).toFixed(0)} MB of flux and error); child heap ${HEAP_MB} MB, array buffers at most ${(Math.max(...out.buffers) / 2 ** 20).toFixed(1)} MB in the last phase, peak RSS ${(out.rss / 2 ** 20).toFixed(0)} MB`);
  }, 240_000);
});
