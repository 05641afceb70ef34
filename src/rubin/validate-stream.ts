/**
 * The last phase of a catalog validation (the variability screen and the
 * group statistics) in bounded memory, from the partitions' spill files
 * (validationSpill): nothing holds the catalog's kept rows at once.
 *
 * - Screen, band by band: screenVariablesOver with every error-model fit a
 *   sum over the band's spill segments read one at a time
 *   (errorModelPieces continues one set of sums, so the fit is
 *   fitErrorModel's bit for bit) and a one-byte keep mask per light curve.
 * - Groups: grouped by band alone, a group is read straight from the band's
 *   segments; grouped by field or magnitude too, one pass writes each
 *   group's light curves to its own file (in partition order), then each
 *   group is read from its file. A GroupAccumulator takes the pieces in
 *   order; the samples that need an order go to external sorters, in memory
 *   up to a budget, on disk beyond it.
 *
 * Held at once: a few spill segments, one keep byte per light curve (and a
 * few bytes more per light curve of a band when grouping by field or
 * magnitude), and each sorter's budget. The numbers equal validateFluxErrors
 * on the whole catalog in memory bit for bit.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { InsufficientDataError } from "../frame/errors.js";
import { type ErrorModelFit, type ErrorModelPiece, errorModelPieces, fitErrorModelPasses } from "../stats/error-model.js";
import { packLightCurves } from "../stats/pack-light-curves.js";
import { type ScreenData, modelChi2, screenVariablesOver } from "../stats/variability.js";
import type { DP1Field } from "./fields.js";
import { groupLightCurves } from "./validate-grouping.js";
import { GroupAccumulator, type GroupStatistics, groupStatistics } from "./validate-groups.js";
import { type SpillLayout, openSpill, readSpillBand } from "./validate-spill.js";
import type { CheckedOptions, ValidationGroup } from "./validate.js";
import type { ValidationStep } from "./validate-cuts.js";

/** How the streamed phase runs: where its temporary files go, how much a sort holds, and who hears of its phases. */
export interface StreamOptions {
  /** Values a sort holds in memory before it writes sorted runs to disk (8 bytes each); default 8,388,608 (64 MB). */
  readonly sortBudget?: number;
  /** Called at each phase boundary (e.g. "screen g", "statistics g"), e.g. to log memory. */
  readonly onPhase?: (phase: string) => void;
}

/** One band's segment in one partition's spill, and where its light curves start in the band's numbering. */
interface BandPart {
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
function screenBand(parts: readonly BandPart[], keep: Uint8Array, screen: NonNullable<CheckedOptions["screen"]>): { fit?: ErrorModelFit; note?: string } {
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
  try {
    const r = screenVariablesOver(data, screen);
    keep.set(r.keep);
    const note = r.converged ? undefined : `variability screening stopped after ${r.rounds} rounds with light curves still changing side at p = ${screen.pValue}`;
    return note ? { fit: r.fit, note } : { fit: r.fit };
  } catch (e) {
    if (!(e instanceof InsufficientDataError)) throw e;
    return { note: `variability screening skipped: ${e.message}` };
  }
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

/** What the per-partition phase handed over: one spill per partition, in partition order, and its object count. */
export interface SpilledPartition {
  readonly spill: SpillLayout;
  readonly inputObjects: number;
}

/** The screen's cut-flow counts and the groups, for validateCatalog to assemble. */
export interface StreamedResult {
  /** Counts after the screen (objects with a light curve left, light curves, points); undefined without a screen. */
  readonly screened: Omit<ValidationStep, "step" | "detail"> | undefined;
  /** The groups with light curves, band by band in `bands` order. */
  readonly groups: ValidationGroup[];
}

/**
 * Screen and group statistics of spilled partitions, band by band in the
 * order of `bands`; temporary group and sort files go to a folder made in
 * `dir` (the caller removes `dir`).
 *
 * @example
 * const options = { nest: "lc", flags: ["psfFlux_flag"], minObs: 2, screen: false } as const;
 * const spilled = [part0, part1].map((f, index) => validationSpill(f, { args: { options, dir: "." }, partition: { index } }));
 * const r = streamedValidation(spilled, ["u", "g", "r", "i", "z", "y"], { ...checkValidateOptions(options), fields: DP1_FIELDS }, ".");
 * r.groups.map((g) => g.band); // the bands with a light curve of 2 points or more
 */
export function streamedValidation(
  spilled: readonly SpilledPartition[],
  bands: readonly string[],
  options: CheckedOptions & { readonly fields: readonly DP1Field[] },
  dir: string,
  stream: StreamOptions = {},
): StreamedResult {
  const budget = stream.sortBudget ?? 8 * 2 ** 20;
  const byField = options.groupBy.includes("field");
  const byMag = options.groupBy.includes("magBin");
  const seen = options.screen ? spilled.map((s) => new Uint8Array(s.inputObjects)) : [];
  const screened = { objects: 0, lightCurves: 0, points: 0 };
  const groups: ValidationGroup[] = [];
  for (const [bandIndex, band] of bands.entries()) {
    const parts: BandPart[] = [];
    let total = 0;
    spilled.forEach((s, partition) => {
      const segment = s.spill.segments.findIndex((x) => x.band === band);
      if (segment < 0) return;
      const lightCurves = s.spill.segments[segment]!.lightCurves;
      parts.push({ layout: s.spill, segment, partition, first: total, lightCurves });
      total += lightCurves;
    });
    if (total === 0) continue;
    const keep = new Uint8Array(total).fill(1);
    let screen: { fit?: ErrorModelFit; note?: string } = {};
    if (options.screen) {
      stream.onPhase?.(`screen ${band}`);
      screen = screenBand(parts, keep, options.screen);
      for (const p of parts) {
        const b = readSpillBand(p.layout, p.segment, { rows: false });
        const mine = seen[p.partition]!;
        for (let i = 0; i < p.lightCurves; i++) {
          if (keep[p.first + i] !== 1) continue;
          screened.lightCurves++;
          screened.points += b.offsets[i + 1]! - b.offsets[i]!;
          if (mine[b.object[i]!] === 0) {
            mine[b.object[i]!] = 1;
            screened.objects++;
          }
        }
      }
    }
    stream.onPhase?.(`statistics ${band}`);
    // Grouped by band alone, a group is exactly the set the screen fitted last: reuse that fit.
    const reuse = options.groupBy.length === 1 ? screen.fit : undefined;
    const work = mkdtempSync(join(dir, `band-${bandIndex}-`));
    try {
      for (const g of bandGroups(parts, keep, byField, byMag, work, `band-${bandIndex}`)) {
        const stats = streamedStatistics(g, options, reuse, work, budget);
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
  }
  return { screened: options.screen ? screened : undefined, groups };
}

/**
 * The statistics of a band no light curve reached (NaN, with a note), as validateFluxErrors reports it.
 *
 * @example
 * emptyGroup("u", { bins: bins(-10, 10, 0.1), range: [-3, 3], fitFloor: true }, "").nObjects; // 0
 */
export function emptyGroup(band: string, o: Pick<CheckedOptions, "bins" | "range" | "fitFloor">, why: string): ValidationGroup {
  const empty = groupStatistics(Int32Array.of(0), new Float64Array(0), new Float64Array(0), { bins: o.bins, range: o.range, fitFloor: o.fitFloor });
  return { band, ...empty, notes: [`no ${band}-band light curve passed the cuts (see the cut-flow)${why}`] };
}
