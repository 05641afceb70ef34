/**
 * Read HATS partitions into NestedFrames: all of them concatenated (`readHats`)
 * or one at a time (`hatsPartitionFrames`, memory bounded by a partition).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { CutflowStep } from "../frame/cutflow.js";
import { ArgumentError } from "../frame/errors.js";
import { FileFormatError } from "./errors.js";
import type { NestedFrame } from "../frame/nested-frame.js";
import { concatFrames } from "./concat-frames.js";
import { type HatsCatalog, type HatsPartition, openHats } from "./hats-open.js";
import { readFilesParts, readParquet } from "./parquet-read.js";

/** A pixel to read: `{ order, pixel }`, or a bare pixel number matching any order. */
export type HatsPixel = number | { readonly order: number; readonly pixel: number };

export interface ReadHatsOptions {
  /** Base columns, nests or `nest.field` names. Default: all. */
  readonly columns?: readonly string[];
  /** Only these pixels. Default: all. */
  readonly pixels?: readonly HatsPixel[];
  /** A query expression applied to each partition as it is read (keeps memory low); recorded in the cut-flow. */
  readonly filter?: string;
}

function selectPartitions(cat: HatsCatalog, pixels: readonly HatsPixel[] | undefined): HatsPartition[] {
  if (!pixels) return [...cat.partitions];
  const out: HatsPartition[] = [];
  for (const px of pixels) {
    const hits = cat.partitions.filter((p) => (typeof px === "number" ? p.pixel === px : p.pixel === px.pixel && p.order === px.order));
    if (hits.length === 0) {
      const label = typeof px === "number" ? `Npix=${px}` : `Norder=${px.order} Npix=${px.pixel}`;
      const have = cat.partitions.slice(0, 10).map((p) => `${p.order}/${p.pixel}`).join(", ");
      throw new ArgumentError(`HATS catalog ${cat.dir} has no partition ${label} (order/pixel: ${have}${cat.partitions.length > 10 ? ", ..." : ""}).`);
    }
    out.push(...hits.filter((h) => !out.includes(h)));
  }
  return out;
}

/**
 * A pixel file on disk that partition_info.csv does not list: the catalog disagrees with itself,
 * and reading only the listed pixels would silently leave that file's rows out.
 */
function refuseUnlisted(cat: HatsCatalog): void {
  const pixels = cat.unlisted.filter((f) => /Norder=\d+[/\\]Dir=\d+[/\\]Npix=\d+/.test(f));
  if (pixels.length === 0) return;
  const shown = pixels.slice(0, 3).join(", ");
  throw new FileFormatError(
    join(cat.dir, "partition_info.csv"),
    `does not list ${pixels.length} partition file(s) found under dataset/ (${shown}${pixels.length > 3 ? ", ..." : ""}); ` +
      `their rows would be left out. Regenerate partition_info.csv or remove the stray files.`,
  );
}

const readOptions = (o: ReadHatsOptions) => (o.columns ? { columns: o.columns } : {});

async function readPartition(p: HatsPartition, options: ReadHatsOptions): Promise<NestedFrame> {
  const { frames, labels } = await readFilesParts(p.files, readOptions(options));
  const frame = concatFrames(frames, labels);
  return options.filter ? frame.query(options.filter) : frame;
}

/**
 * Each selected partition as a frame, one at a time.
 *
 * @example
 * for await (const { partition, frame } of hatsPartitionFrames("data-samples/dp1_object_collection", { columns: ["objectId"] })) {
 *   console.log(partition.pixel, frame.length);
 * }
 */
export async function* hatsPartitionFrames(
  source: string | HatsCatalog,
  options: ReadHatsOptions = {},
): AsyncGenerator<{ partition: HatsPartition; frame: NestedFrame }, void, undefined> {
  const cat = typeof source === "string" ? await openHats(source) : source;
  refuseUnlisted(cat);
  for (const partition of selectPartitions(cat, options.pixels)) yield { partition, frame: await readPartition(partition, options) };
}

/** Per-partition cut-flows summed step by step (every partition ran the same steps). */
function sumCutflows(frames: readonly NestedFrame[]): CutflowStep[] {
  const first = frames[0]?.cutflowSteps ?? [];
  return first.map((s, k) => ({
    ...s,
    objectsIn: frames.reduce((a, f) => a + f.cutflowSteps[k]!.objectsIn, 0),
    objectsOut: frames.reduce((a, f) => a + f.cutflowSteps[k]!.objectsOut, 0),
    observationsIn: frames.reduce((a, f) => a + f.cutflowSteps[k]!.observationsIn, 0),
    observationsOut: frames.reduce((a, f) => a + f.cutflowSteps[k]!.observationsOut, 0),
  }));
}

/**
 * Read a HATS catalog or collection (or the chosen pixels) into one frame.
 * Partitions must agree on columns and types; a mismatch names both files. A
 * pixel file under dataset/ that partition_info.csv does not list is a
 * FileFormatError (the catalog disagrees with itself), never silently skipped;
 * so is a whole-catalog read whose rows differ from the properties' hats_nrows.
 *
 * @example
 * const f = await readHats("data-samples/dp1_object_collection", {
 *   columns: ["objectId", "coord_ra", "coord_dec", "objectForcedSource.psfFlux", "objectForcedSource.band"],
 *   pixels: [{ order: 2, pixel: 80 }],
 * });
 */
export async function readHats(source: string | HatsCatalog, options: ReadHatsOptions = {}): Promise<NestedFrame> {
  const cat = typeof source === "string" ? await openHats(source) : source;
  refuseUnlisted(cat);
  if (cat.partitions.length === 0) return readParquet(cat.schemaFile, readOptions(options));
  if (!options.filter) {
    // No per-partition work: gather every decoded part and concatenate once.
    const files = selectPartitions(cat, options.pixels).flatMap((p) => p.files);
    const { frames, labels } = await readFilesParts(files, readOptions(options));
    const frame = concatFrames(frames, labels);
    if (!options.pixels) checkRowCount(cat, frame.length);
    return frame;
  }
  const frames: NestedFrame[] = [];
  const labels: string[] = [];
  for await (const { partition, frame } of hatsPartitionFrames(cat, options)) {
    frames.push(frame);
    labels.push(partition.files[0] ?? `Npix=${partition.pixel}`);
  }
  const steps = sumCutflows(frames);
  if (!options.pixels && steps.length > 0) checkRowCount(cat, steps[0]!.objectsIn);
  return concatFrames(frames, labels).withCutflow(steps);
}

/**
 * The whole catalog read must hold the rows its properties promise (hats_nrows):
 * fewer or more means a partition file was replaced or cut, and the result would
 * look complete without being so.
 */
function checkRowCount(cat: HatsCatalog, rows: number): void {
  const promised = cat.properties["hats_nrows"];
  if (promised === undefined || !/^\d+$/.test(promised.trim()) || Number(promised) === rows) return;
  const file = join(cat.dir, existsSync(join(cat.dir, "hats.properties")) ? "hats.properties" : "properties");
  throw new FileFormatError(file, `says hats_nrows=${promised.trim()}, but its ${cat.partitions.length} partition files hold ${rows} rows; a partition was replaced or cut short (or hats_nrows is stale).`);
}
