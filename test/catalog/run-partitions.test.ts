import { describe, expect, it } from "vitest";
import { openCatalog } from "../../src/catalog/catalog.js";
import { PartitionError } from "../../src/catalog/errors.js";
import type { PartitionContext } from "../../src/catalog/partition-task.js";
import type { NestedFrame } from "../../src/frame/nested-frame.js";
import { readHats } from "../../src/io/hats-read.js";
import { Histogram } from "../../src/stats/histogram.js";
import { bins } from "../../src/stats/bin-spec.js";
import { Moments } from "../../src/stats/moments.js";

const HATS = "data-samples/dp1_object_collection";
const FLUX = "objectForcedSource.psfFlux";

/** Per partition: a histogram and moments of psfFlux. Later partitions finish first (the wait shrinks with the index). */
function summarise(frame: NestedFrame, ctx: PartitionContext) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 40 - ctx.partition.index);
  const f = frame.numbers("objectForcedSource.psfFlux");
  const h = new ctx.lib.Histogram(ctx.lib.bins(-2000, 20000, 100));
  h.addAll(f);
  const m = new ctx.lib.Moments();
  m.addAll(f);
  return { h, m };
}

type Summary = { h: Histogram; m: Moments };
const merge = (a: Summary, b: Summary): Summary => ({ h: a.h.merge(b.h), m: a.m.merge(b.m) });

describe("mapPartitions / reducePartitions", () => {
  it("merge the same result, bit for bit, whatever the thread count and the order partitions finish in", async () => {
    const cat = await openCatalog(HATS, { columns: [FLUX] });
    const partitions = [0, 1, 2, 3, 4, 5, 6, 7];
    const runs = [];
    for (const threads of [0, 1, 2]) runs.push(await cat.reducePartitions(summarise, merge, { threads, progress: false, partitions }));
    for (const r of runs) expect(r.h).toBeInstanceOf(Histogram); // revived from the worker's JSON
    const json = runs.map((r) => JSON.stringify({ h: r.h.toJSON(), m: r.m.toJSON() }));
    expect(json[1]).toBe(json[0]);
    expect(json[2]).toBe(json[0]);
    // Against one pass over the whole catalog: counts exactly, moments to rounding.
    const pixels = partitions.map((i) => ({ order: cat.partitions[i]!.order!, pixel: cat.partitions[i]!.pixel! }));
    const all = (await readHats(HATS, { columns: [FLUX], pixels })).numbers(FLUX);
    const h = new Histogram(bins(-2000, 20000, 100));
    h.addAll(all);
    const m = new Moments();
    m.addAll(all);
    expect(Array.from(runs[2]!.h.counts)).toEqual(Array.from(h.counts));
    expect(runs[2]!.m.n).toBe(m.n);
    expect(runs[2]!.m.mean).toBeCloseTo(m.mean, 9);
  });

  it("runs a module's exported function, and brings its logs back prefixed with the partition", async () => {
    const cat = await openCatalog(HATS, { columns: [FLUX] });
    const lines: string[] = [];
    const module = new URL("./fixtures/partition-fns.ts", import.meta.url);
    const partitions = [0, 1, 2];
    const hs = await cat.mapPartitions<Histogram>({ module, export: "logFluxHistogram" }, { threads: 1, progress: false, onLog: (l) => lines.push(l), partitions });
    expect(hs.length).toBe(3);
    expect(hs[0]).toBeInstanceOf(Histogram);
    expect(lines[0]).toBe(`[Norder=0/Npix=0] binned ${hs[0]!.total}`);
    expect(lines.length).toBe(3);
  });

  it("says which outer variable a partition function used, and that it runs in a worker", async () => {
    const cat = await openCatalog(HATS, { columns: ["objectId"] });
    const offset = 3;
    const run = cat.mapPartitions((frame) => frame.length + offset, { threads: 0, progress: false, partitions: [0] });
    await expect(run).rejects.toThrow(/uses "offset", a variable from outside the function\. Partition functions run in worker threads/);
    const lib = cat.mapPartitions((frame) => Math.max(0, weightedMeansOf(frame)), { threads: 0, progress: false, partitions: [0] });
    await expect(lib).rejects.toThrow(/uses "weightedMeansOf"/);
  });

  it("names the partition and file of an exception, keeps its stack, and prints console output with the partition", async () => {
    const cat = await openCatalog(HATS, { columns: ["objectId"] });
    const lines: string[] = [];
    const failing = (frame: NestedFrame, ctx: PartitionContext) => {
      console.log("objects:", frame.length);
      if (ctx.partition.index === 2) throw new RangeError("no good");
      return frame.length;
    };
    const err = await cat.mapPartitions(failing, { threads: 2, progress: false, onLog: (l) => lines.push(l), partitions: [0, 1, 2, 3] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PartitionError);
    const pe = err as PartitionError;
    expect(pe.partition).toBe(2);
    expect(pe.message).toBe(`Partition 2 (${cat.partitions[2]!.label}, file ${cat.partitions[2]!.files[0]}) failed: RangeError: no good`);
    expect(pe.stack).toMatch(/RangeError: no good\n\s+at /); // the worker's stack follows
    expect(lines).toContain(`[${cat.partitions[2]!.label}] objects: ${(await cat.partition(2)).length}`);
  });

  it("names the partition and file when its worker dies mid-catalog, and returns no partial result", async () => {
    const cat = await openCatalog(HATS, { columns: ["objectId"] });
    const dies = (frame: NestedFrame, ctx: PartitionContext) => {
      if (ctx.partition.index === 2) process.exit(3); // as an out-of-memory kill would: no exception to catch
      return frame.length;
    };
    const err = await cat.mapPartitions(dies, { threads: 2, progress: false, partitions: [0, 1, 2, 3] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PartitionError); // a rejection, not an array missing partition 2
    const pe = err as PartitionError;
    expect(pe.partition).toBe(2);
    expect(pe.message).toContain(`Partition 2 (${cat.partitions[2]!.label}, file ${cat.partitions[2]!.files[0]}) failed`);
    expect(pe.message).toMatch(/exit/i);
  });
});

/** Not visible inside a worker: used above to provoke the closure error. */
function weightedMeansOf(frame: NestedFrame): number {
  return frame.length;
}
