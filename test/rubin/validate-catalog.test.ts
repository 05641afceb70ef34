import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Catalog, openCatalog } from "../../src/catalog/catalog.js";
import { readHats } from "../../src/io/hats-read.js";
import { readParquet } from "../../src/io/parquet-read.js";
import { readFlat } from "../../src/io/flat.js";
import { concatFrames } from "../../src/io/concat-frames.js";
import { writeParquet } from "../../src/io/parquet-write.js";
import { simulateForcedSource } from "../../src/rubin/simulate.js";
import { type ValidateOptions, validateFluxErrors } from "../../src/rubin/validate.js";
import { validationColumns } from "../../src/rubin/validate-columns.js";
import {
  mergeValidationPartials,
  partialFromJSON,
  partialToJSON,
  shardPartitions,
  validateCatalog,
  validationPartial,
} from "../../src/rubin/validate-catalog.js";

const OBJECTS = "data-samples/dp1_object_collection";
const DIA = "data-samples/dp1_dia_object_collection";
const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v));
const root = mkdtempSync(join(tmpdir(), "nested-lc-validate-catalog-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** validateFluxErrors on the whole catalog in memory: the oracle. */
async function inMemory(cat: Catalog, options: ValidateOptions) {
  const columns = validationColumns(cat.source.columns, options);
  const frame = cat.kind === "hats" ? await readHats(cat.path, { columns }) : concatFrames(await Promise.all(cat.partitions.map((p) => readParquet(p.files[0]!, { columns }))));
  return validateFluxErrors(frame, options);
}

describe("validateFluxErrors(catalog)", () => {
  it("gives exactly the in-memory result on the samples, for every product and grouping", async () => {
    const cases: Array<[string, ValidateOptions]> = [
      [OBJECTS, {}],
      [OBJECTS, { flux: "psfDiffFlux", groupBy: ["field", "magBin"] }],
      [DIA, { product: "DiaSource", minObs: 3 }],
      [DIA, { product: "ForcedSourceOnDiaObject", maxReducedChi2: 5, screen: false }],
      [DIA, { product: "DiaSource", minObs: 500, bands: ["g", "r"] }], // nothing survives: empty groups and their notes
    ];
    for (const [path, options] of cases) {
      const cat = await openCatalog(path);
      // A sort budget of 1000 values: every sizeable group's KS/AD sample and pulls are sorted on disk, in runs.
      const got = await validateFluxErrors(cat, options, { threads: 0, progress: false, sortBudget: 1000 });
      expect(got, `${path} ${JSON.stringify(options)}`).toEqual(await inMemory(cat, options));
    }
  });

  it("regroups flat per-visit files and gives the result of readFlat + validateFluxErrors", async () => {
    const flat = await openCatalog("data-samples/forced_source_visits");
    const options: ValidateOptions = { groupBy: ["field"] };
    const columns = validationColumns(flat.source.columns, options);
    const frame = await readFlat("data-samples/forced_source_visits", { on: "objectId", name: "lc", sortBy: "midpointMjdTai", columns });
    const got = await validateFluxErrors(flat, options, { threads: 0, progress: false, sortBudget: 1000 });
    expect(got).toEqual(validateFluxErrors(frame, options));
    const expected = plain(got);
    // Regrouped once into a folder and reopened (as shard jobs would), in two shards: the same result.
    const dir = join(root, "regrouped");
    await flat.groupFlat({ dir, buckets: 3, threads: 0, progress: false });
    const reopened = await openCatalog(dir);
    expect(reopened.wholeLightCurves).toBe(true);
    const parts = [];
    for (const index of [0, 1]) parts.push(await validationPartial(reopened, options, { index, count: 2 }, { threads: 0, progress: false, spillDir: join(root, `flat-${index}.spill`) }));
    expect(parts.map((p) => p.partitionCount)).toEqual([3, 3]); // its own id ranges, not regrouped again
    const merged = plain(await mergeValidationPartials(parts, { threads: 0 })) as { cutflow: unknown[] };
    expect(merged).toEqual(expected);
  });

  it("names a missing column with the catalog before reading", async () => {
    const cat = await openCatalog(OBJECTS);
    await expect(validateCatalog(cat, { flags: ["pixelFlags_bd"] }, { progress: false })).rejects.toThrow(/pixelFlags_bd.*data-samples\/dp1_object_collection/s);
  });
});

describe("a generated multi-partition catalog", () => {
  const dir = join(root, "generated");
  beforeAll(async () => {
    // 1200 objects with injected errors (scale, floor) and variables, cut into 7 nested parquet files of unequal size,
    // each in row groups of 64 objects: the validation reads them row group by row group.
    const sim = simulateForcedSource({ seed: 7, nObjects: 1200, variableFraction: 0.05, flat: false });
    mkdirSync(dir);
    const cuts = [0, 90, 300, 301, 640, 700, 1000, 1200];
    for (let k = 0; k + 1 < cuts.length; k++) {
      const idx = Int32Array.from({ length: cuts[k + 1]! - cuts[k]! }, (_, j) => cuts[k]! + j);
      await writeParquet(sim.objects.takeObjects(idx), join(dir, `part-${k}.parquet`), { rowGroupSize: 64 });
    }
  });

  it("is read in row groups of whole objects", async () => {
    const cat = await openCatalog(dir, { columns: ["objectId"] });
    const batches = await cat.mapBatches((frame, ctx) => [ctx.batch, frame.length], { threads: 0, progress: false });
    expect(batches.map((b) => b.length)).toEqual([2, 4, 1, 6, 1, 5, 4]);
    expect(batches[1]).toEqual([[0, 64], [1, 64], [2, 64], [3, 18]]);
  });

  it("validates to the in-memory result, and its shards merge to it exactly, through JSON, in any order", async () => {
    const cat = await openCatalog(dir);
    expect(cat.partitions.length).toBe(7);
    const options: ValidateOptions = { groupBy: ["magBin"] };
    const single = await validateCatalog(cat, options, { threads: 0, progress: false });
    expect(plain(single)).toEqual(plain(await inMemory(cat, options)));
    // Each shard writes out/part-i.json and its spill folder out/part-i.spill; then the folder moves (as to another node).
    const out = join(root, "out");
    mkdirSync(out);
    for (const index of [2, 0, 1]) {
      const part = await validationPartial(cat, options, { index, count: 3 }, { threads: 0, progress: false, spillDir: join(out, `part-${index}.spill`) });
      // One spill file per row group of its partitions, all in its folder.
      const folder = join(out, `part-${index}.spill`);
      expect(part.spillDir).toBe(folder);
      expect(part.spills.map((s) => s.spill.path).sort()).toEqual(readdirSync(folder).map((f) => join(folder, f)).sort());
      writeFileSync(join(out, `part-${index}.json`), JSON.stringify(partialToJSON(part, join(out, `part-${index}.json`))));
    }
    const moved = join(root, "moved");
    renameSync(out, moved);
    const shards = [2, 0, 1].map((i) => partialFromJSON(JSON.parse(readFileSync(join(moved, `part-${i}.json`), "utf8")), join(moved, `part-${i}.json`)));
    expect(shards.map((s) => s.partitions)).toEqual([[4, 5, 6], [0, 1], [2, 3]]);
    expect(shards.map((s) => s.spills.length)).toEqual([1 + 5 + 4, 2 + 4, 1 + 6]); // row groups of partitions 0..6: 2, 4, 1, 6, 1, 5, 4
    expect(shards[0]!.spillDir).toBe(join(moved, "part-2.spill"));
    expect(JSON.stringify(await mergeValidationPartials(shards, { threads: 0 }))).toBe(JSON.stringify(single));
    expect(JSON.stringify(await mergeValidationPartials(shards, { threads: 2 }))).toBe(JSON.stringify(single));
  });

  it("gives the same result, bit for bit, in worker threads", async () => {
    const cat = await openCatalog(dir);
    const inProcess = await validateCatalog(cat, { groupBy: ["field"] }, { threads: 0, progress: false });
    const threaded = await validateFluxErrors(cat, { groupBy: ["field"] }, { threads: 2, progress: false });
    expect(JSON.stringify(threaded)).toBe(JSON.stringify(inProcess));
  });

  it("streams the last phase in bounded memory to exactly the in-memory result, for every grouping, screen on and off, sorts on disk", async () => {
    const cat = await openCatalog(dir);
    const cases: ValidateOptions[] = [{}, { screen: false }, { groupBy: ["field", "magBin"] }, { groupBy: ["magBin"], screen: { pValue: 1e-3 }, fitFloor: false }];
    for (const options of cases) {
      const expected = await inMemory(cat, options);
      // 16 values in memory per sort: a band's 10^4-10^5 values go to disk in hundreds of runs, merged 64 at a time in rounds.
      const got = await validateCatalog(cat, options, { threads: 0, progress: false, sortBudget: 16 });
      expect(got, JSON.stringify(options)).toEqual(expected);
    }
    const screened = (await inMemory(cat, {})).cutflow.at(-1)!;
    expect(screened.step).toBe("variability");
    expect(screened.lightCurves).toBeLessThan((await inMemory(cat, {})).cutflow.at(-2)!.lightCurves); // the screen removed variables
  }, 60_000);

  it("removes its temporary folder after a run, and after a run that fails mid-way", async () => {
    const cat = await openCatalog(dir);
    const tmp = join(root, "tmp");
    mkdirSync(tmp);
    const phases: string[] = [];
    await validateCatalog(cat, {}, { threads: 0, progress: false, tmpDir: tmp, onPhase: (p) => phases.push(p) });
    expect(phases).toEqual(["spilled", ...["u", "g", "r", "i", "z", "y"].map((b) => `band ${b}`)]);
    expect(readdirSync(tmp)).toEqual([]);
    const failing = (p: string) => {
      expect(readdirSync(tmp)).toHaveLength(1); // the run's folder, while it runs
      if (p === "band r") throw new Error("stopped on purpose");
    };
    await expect(validateCatalog(cat, {}, { threads: 2, progress: false, tmpDir: tmp, onPhase: failing })).rejects.toThrow("stopped on purpose");
    expect(readdirSync(tmp)).toEqual([]);
    await expect(validateCatalog(cat, {}, { threads: 0, progress: false, tmpDir: join(tmp, "missing") })).rejects.toThrow(`tmpDir ${join(tmp, "missing")} does not exist`);
  });

  it("refuses to merge an incomplete, repeated or mismatched set of shards", async () => {
    const cat = await openCatalog(dir);
    const run = { threads: 0, progress: false } as const;
    const a = await validationPartial(cat, {}, { index: 0, count: 3 }, { ...run, spillDir: join(root, "a.spill") });
    const b = await validationPartial(cat, {}, { index: 1, count: 3 }, { ...run, spillDir: join(root, "b.spill") });
    const c = await validationPartial(cat, {}, { index: 2, count: 3 }, { ...run, spillDir: join(root, "c.spill") });
    await expect(mergeValidationPartials([a, c])).rejects.toThrow(/Missing shard 1 of 3/);
    await expect(mergeValidationPartials([a, a, c])).rejects.toThrow(/Shard 0\/3 is given twice/);
    const other = await validationPartial(cat, { minObs: 5 }, { index: 1, count: 3 }, { ...run, spillDir: join(root, "other.spill") });
    await expect(mergeValidationPartials([a, other, c])).rejects.toThrow(/Shard 1 ran with other options than shard 0/);
    expect(() => partialFromJSON({ format: "something else" }, "x.json")).toThrow(/x\.json: Not a validation partial/);
    // A version-1 partial (rows inline) is named as such.
    expect(() => partialFromJSON({ format: "nested-lc/validation-partial", version: 1, frame: {} }, "old.json")).toThrow(/old\.json: partial of format version 1, with its rows inline.*rerun the shard/);
    // A partial whose spill folder is gone: named when read, and when merged from memory.
    const json = partialToJSON(b, join(root, "b.json"));
    rmSync(join(root, "b.spill"), { recursive: true });
    expect(existsSync(b.spills[0]!.spill.path)).toBe(false);
    expect(() => partialFromJSON(json, join(root, "b.json"))).toThrow(`${join(root, "b.json")}: its spill folder ${join(root, "b.spill")} is missing`);
    await expect(mergeValidationPartials([a, b, c])).rejects.toThrow(`Shard 1/3's spill file ${b.spills[0]!.spill.path} is missing`);
  });
});

describe("shardPartitions", () => {
  it("cuts the partitions into contiguous runs covering each exactly once, sizes within one", () => {
    for (const [n, count] of [[10, 3], [3, 5], [23, 4], [1, 1]] as const) {
      const runs = Array.from({ length: count }, (_, index) => shardPartitions(n, { index, count }));
      expect(runs.flat()).toEqual(Array.from({ length: n }, (_, k) => k));
      const sizes = runs.map((r) => r.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
    expect(() => shardPartitions(10, { index: 3, count: 3 })).toThrow(/Shard index must be an integer in 0\.\.2, got 3/);
    expect(() => shardPartitions(10, { index: 0, count: 0 })).toThrow(/shard count must be an integer >= 1/);
  });
});
