/**
 * The last phase of a catalog validation (the variability screen and the
 * group statistics) in bounded memory, from the partitions' spill files
 * (validationSpill): nothing holds the catalog's kept rows at once.
 *
 * Bands need nothing of each other: each runs as a BandTask (validate-band.ts),
 * in worker threads side by side.
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
 * Held at once, per band in flight: a few spill segments, one keep byte per
 * light curve (and a few bytes more per light curve when grouping by field or
 * magnitude), and two sorters' budgets. The numbers equal validateFluxErrors
 * on the whole catalog in memory bit for bit.
 */
import { defaultThreads, WorkerPool } from "../io/worker-pool.js";
import { type BandPart, type BandResult, type BandTask, validateBand } from "./validate-band.js";
import { groupStatistics } from "./validate-groups.js";
import { type SpillLayout, readSpillBand } from "./validate-spill.js";
import type { CheckedOptions, ValidationGroup } from "./validate.js";
import type { ValidationStep } from "./validate-cuts.js";

/** How the streamed phase runs: where its temporary files go, how much a sort holds, and who hears of its phases. */
export interface StreamOptions {
  /** Values a sort holds in memory before it writes sorted runs to disk (8 bytes each); default 8,388,608 (64 MB). */
  readonly sortBudget?: number;
  /** Called at each phase boundary ("spilled", then "band <b>" as each band is done, in band order), e.g. to log memory. */
  readonly onPhase?: (phase: string) => void;
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

/** The tasks of the bands with light curves, in `bands` order. */
function bandTasks(spilled: readonly SpilledPartition[], bands: readonly string[], options: BandTask["options"], dir: string, sortBudget: number): BandTask[] {
  const tasks: BandTask[] = [];
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
    if (total > 0) tasks.push({ band, bandIndex, parts, options, dir, sortBudget });
  }
  return tasks;
}

/**
 * Screen and group statistics of spilled partitions, band by band (in worker
 * threads, `threads` at a time, or in this thread with 0), in the order of
 * `bands`; temporary group and sort files go to folders made in `dir` (the
 * caller removes `dir`). `onPhase` hears "band <b>" as each band's result is
 * taken, in band order.
 *
 * @example
 * const options = { nest: "lc", flags: ["psfFlux_flag"], minObs: 2, screen: false } as const;
 * const spilled = [part0, part1].map((f, index) => validationSpill(f, { args: { options, dir: "." }, partition: { index } }));
 * const r = await streamedValidation(spilled, ["u", "g", "r", "i", "z", "y"], { ...checkValidateOptions(options), fields: DP1_FIELDS }, ".", { threads: 0 });
 * r.groups.map((g) => g.band); // the bands with a light curve of 2 points or more
 */
export async function streamedValidation(
  spilled: readonly SpilledPartition[],
  bands: readonly string[],
  options: BandTask["options"],
  dir: string,
  stream: StreamOptions & { readonly threads?: number | undefined } = {},
): Promise<StreamedResult> {
  const tasks = bandTasks(spilled, bands, options, dir, stream.sortBudget ?? 8 * 2 ** 20);
  const threads = Math.min(stream.threads ?? defaultThreads(), tasks.length);
  const seen = options.screen ? spilled.map((s) => new Uint8Array(s.inputObjects)) : [];
  const screened = { objects: 0, lightCurves: 0, points: 0 };
  const groups: ValidationGroup[] = [];
  const take = (task: BandTask, r: BandResult): void => {
    if (options.screen) {
      // Objects with a light curve left in any band: each partition's object positions, marked once.
      for (const p of task.parts) {
        const b = readSpillBand(p.layout, p.segment, { rows: false });
        const mine = seen[p.partition]!;
        for (let i = 0; i < p.lightCurves; i++) {
          if (r.keep[p.first + i] !== 1) continue;
          screened.lightCurves++;
          screened.points += b.offsets[i + 1]! - b.offsets[i]!;
          if (mine[b.object[i]!] === 0) {
            mine[b.object[i]!] = 1;
            screened.objects++;
          }
        }
      }
    }
    groups.push(...r.groups);
    stream.onPhase?.(`band ${task.band}`);
  };
  if (threads <= 0) {
    for (const t of tasks) take(t, validateBand(t));
  } else {
    const pool = new WorkerPool<BandTask, BandResult>(new URL("./validate-band-worker.js", import.meta.url), { threads });
    try {
      const running = tasks.map((t) => pool.run(t));
      // Taken in band order; a failure stops the run (the others finish or fail on their own).
      running.forEach((p) => p.catch(() => undefined));
      for (const [k, t] of tasks.entries()) take(t, await running[k]!);
    } finally {
      await pool.close().catch(() => undefined);
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
