/**
 * One band of the streamed last phase of a catalog validation: the
 * variability screen of the band's light curves and the statistics of its
 * groups, from the partitions' spill files read one at a time (see
 * validate-stream.ts). A band needs nothing of the others, so bands run in
 * worker threads side by side (validate-band-worker.ts).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { type ErrorModelFit, type ErrorModelPiece, errorModelPieces, fitErrorModelPasses } from "../stats/error-model.js";
import { packLightCurves } from "../stats/pack-light-curves.js";
import { type ScreenData, modelChi2, screenVariablesOver } from "../stats/variability.js";
import type { DP1Field } from "./fields.js";
import { groupLightCurves } from "./validate-grouping.js";
import { GroupAccumulator, type GroupStatistics } from "./validate-groups.js";
import { type BandScreen, bandScreen } from "./validate-screen.js";
import { type SpillLayout, openSpill, readSpillBand } from "./validate-spill.js";
import type { CheckedOptions, ValidationGroup } from "./validate.js";

/** One band's segment in one partition's spill, and where its light curves start in the band's numbering. */
export interface BandPart {
  readonly layout: SpillLayout;
  readonly segment: number;
  readonly partition: number;
  readonly first: number;
  readonly lightCurves: number;
}

/** The light curves of `parts` kept by `keep` (all when undefined), one partition at a time, in order. */
function keptPieces(parts: readonly BandPart[], keep: Uint8Array | undefined): Iterable<ErrorModelPiece> {
  return {
    *[Symbol.iterator]() {
      for (const p of parts) {
        const b = readSpillBand(p.layout, p.segment);
        yield keep ? packLightCurves(b.offsets, b.flux, b.err, keep.subarray(p.first, p.first + p.lightCurves)) : b;
      }
    },
  };
}

function countKept(keep: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < keep.length; i++) n += keep[i]!;
  return n;
}

/** The error model of these pieces, worded as fitErrorModel on their concatenation (`lightCurves` of them) would be. */
function fitPieces(pieces: Iterable<ErrorModelPiece>, lightCurves: number, options: Parameters<typeof fitErrorModelPasses>[2]): ErrorModelFit {
  const { pass, usable } = errorModelPieces(pieces);
  return fitErrorModelPasses(pass, usable, options, { caller: "fitErrorModel", lightCurves });
}

/** The variability screen of one band (as screenBands): clears `keep` for variables; the fit, or why there is none. */
function screenBand(parts: readonly BandPart[], keep: Uint8Array, screen: NonNullable<CheckedOptions["screen"]>): BandScreen {
  const data: ScreenData = {
    lightCurves: keep.length,
    fit: (mask, o) => fitPieces(keptPieces(parts, mask), mask ? countKept(mask) : keep.length, o),
    modelChi2(s, a, visit) {
      for (const p of parts) {
        const b = readSpillBand(p.layout, p.segment);
        const r = modelChi2(b.offsets, b.flux, b.err, s, a);
        visit(p.first, r.chi2, r.dof);
      }
    },
  };
  const { screen: result, keep: kept } = bandScreen(() => screenVariablesOver(data, screen), screen.pValue);
  if (kept) keep.set(kept);
  return result;
}

/** A group of one band: its key and where its light curves are read from. */
interface StreamGroup {
  readonly field: number;
  readonly mag: number;
  readonly lightCurves: number;
  readonly pieces: Iterable<ErrorModelPiece>;
}

/**
 * The groups of one band, in groupLightCurves' order (field, -1 last; then
 * magnitude bin, NaN last). By band alone: the kept light curves, read from
 * the band's segments. By field or magnitude: one pass writes each group's
 * light curves, in order, to its own file in `dir`.
 */
function bandGroups(parts: readonly BandPart[], keep: Uint8Array, byField: boolean, byMag: boolean, dir: string, tag: string): StreamGroup[] {
  const kept = countKept(keep);
  if (kept === 0) return [];
  if (!byField && !byMag) return [{ field: 0, mag: NaN, lightCurves: kept, pieces: keptPieces(parts, keep) }];
  const field = byField ? new Int8Array(keep.length) : undefined;
  const mag = byMag ? new Float64Array(keep.length) : undefined;
  for (const p of parts) {
    const b = readSpillBand(p.layout, p.segment, { rows: false });
    if (field) field.set(b.field!, p.first);
    if (mag) mag.set(b.mag!, p.first);
  }
  const { order, list } = groupLightCurves(keep, new Int32Array(keep.length), field, mag);
  const groupOf = new Int32Array(keep.length).fill(-1);
  list.forEach((g, k) => {
    for (let j = g.first; j < g.last; j++) groupOf[order[j]!] = k;
  });
  const float32 = parts.every((p) => p.layout.float32);
  const writers = list.map((_, k) => openSpill(join(dir, `${tag}-group-${k}.bin`), { float32, hasField: false, hasMag: false }));
  const layouts: SpillLayout[] = [];
  try {
    for (const p of parts) {
      const b = readSpillBand(p.layout, p.segment);
      const g = groupOf.subarray(p.first, p.first + p.lightCurves);
      const present = [...new Set(g)].filter((k) => k >= 0).sort((x, y) => x - y);
      for (const k of present) {
        const mask = new Uint8Array(g.length);
        for (let i = 0; i < g.length; i++) mask[i] = g[i] === k ? 1 : 0;
        const packed = packLightCurves(b.offsets, b.flux, b.err, mask);
        writers[k]!.append({ band: tag, offsets: packed.offsets, object: new Int32Array(packed.offsets.length - 1), flux: packed.flux, err: packed.err });
      }
    }
  } finally {
    for (const w of writers) layouts.push(w.close());
  }
  return list.map((g, k) => ({
    field: g.field,
    mag: g.mag,
    lightCurves: g.last - g.first,
    pieces: {
      *[Symbol.iterator]() {
        const layout = layouts[k]!;
        for (let s = 0; s < layout.segments.length; s++) yield readSpillBand(layout, s);
      },
    },
  }));
}

/** The statistics of one streamed group (as groupStatistics on its light curves in memory). */
function streamedStatistics(g: StreamGroup, options: CheckedOptions, fit: ErrorModelFit | undefined, dir: string, budget: number): GroupStatistics {
  const acc = new GroupAccumulator({ bins: options.bins, range: options.range, fitFloor: options.fitFloor, fit }, { dir, budget });
  for (const p of g.pieces) acc.add(p.offsets, p.flux, p.err);
  return acc.finish((o) => fitPieces(g.pieces, g.lightCurves, o));
}

/** Everything one band's work needs (structured-cloneable, for a worker thread). */
export interface BandTask {
  readonly band: string;
  /** The band's position in the validated bands, for file names. */
  readonly bandIndex: number;
  readonly parts: readonly BandPart[];
  readonly options: CheckedOptions & { readonly fields: readonly DP1Field[] };
  /** Folder for the band's group and sort files (a folder is made in it and removed). */
  readonly dir: string;
  readonly sortBudget: number;
}

/** One band's result: its groups (in groupLightCurves' order) and which light curves the screen kept. */
export interface BandResult {
  readonly groups: ValidationGroup[];
  readonly keep: Uint8Array;
}

/**
 * Screen one band's light curves and compute its groups' statistics, from the
 * spill segments in `task.parts`: what validateFluxErrors does for that band.
 *
 * @example
 * const options = { nest: "lc", flags: ["psfFlux_flag"], minObs: 2, screen: false } as const;
 * const s = validationSpill(frame, { args: { options, dir: "." }, partition: { index: 0 } });
 * const k = s.spill.segments.findIndex((x) => x.band === "g");
 * const parts = [{ layout: s.spill, segment: k, partition: 0, first: 0, lightCurves: s.spill.segments[k]!.lightCurves }];
 * validateBand({ band: "g", bandIndex: 1, parts, options: { ...checkValidateOptions(options), fields: DP1_FIELDS }, dir: ".", sortBudget: 1000 }).groups.length; // 1
 */
export function validateBand(task: BandTask): BandResult {
  const { band, bandIndex, parts, options, dir, sortBudget } = task;
  const total = parts.reduce((a, p) => a + p.lightCurves, 0);
  const keep = new Uint8Array(total).fill(1);
  const screen: BandScreen = options.screen ? screenBand(parts, keep, options.screen) : {};
  const byField = options.groupBy.includes("field");
  const byMag = options.groupBy.includes("magBin");
  // Grouped by band alone, a group is exactly the set the screen fitted last: reuse that fit.
  const reuse = options.groupBy.length === 1 ? screen.fit : undefined;
  const groups: ValidationGroup[] = [];
  const work = mkdtempSync(join(dir, `band-${bandIndex}-`));
  try {
    for (const g of bandGroups(parts, keep, byField, byMag, work, `band-${bandIndex}`)) {
      const stats = streamedStatistics(g, options, reuse, work, sortBudget);
      groups.push({
        band,
        ...(byField ? { field: g.field < 0 ? "none" : options.fields[g.field]!.name } : {}),
        ...(byMag ? { magBin: Number.isFinite(g.mag) ? g.mag : null } : {}),
        ...stats,
        notes: [...(screen.note ? [screen.note] : []), ...stats.notes],
      });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return { groups, keep };
}
