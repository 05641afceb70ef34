/**
 * Seeded DP1-like ForcedSource simulation with documented injected truths.
 *
 * One simulation yields the same observations twice: nested, as DP1's HATS
 * `object_collection` (Object rows with an `objectForcedSource` light curve),
 * and flat in per-visit order, as the Butler ForcedSource tables. Everything is
 * typed arrays and loops (no row objects), so it scales to benchmark sizes.
 */
import { type Column, gatherColumn } from "../frame/column.js";
import { ArgumentError } from "../frame/errors.js";
import { groupPermutation } from "../frame/key-index.js";
import { type NestedColumn, nestedParents } from "../frame/nested-column.js";
import { NestedFrame } from "../frame/nested-frame.js";
import { Random } from "../stats/random.js";
import { DP1_FIELDS, type DP1Field } from "./fields.js";
import { col, forcedSourceFields, healpixOrder, makeIds } from "./sim-frames.js";
import { type ObjectOptions, SOURCE_NOISE_NJY, type SimObjects, reorderObjects, simulateObjects } from "./sim-objects.js";
import { simulatePhotometry } from "./sim-photometry.js";
import { type SimVisits, coverObjects, simulateVisits } from "./sim-survey.js";

/** The six Rubin bands. */
export const DP1_BANDS: readonly string[] = Object.freeze(["u", "g", "r", "i", "z", "y"]);
/** Default injected error scale factors s_b (true scatter / reported error). */
export const DEFAULT_ERROR_SCALE: Readonly<Record<string, number>> = Object.freeze({ u: 1.12, g: 1.04, r: 1.08, i: 1.15, z: 1.06, y: 1.18 });
/** Default injected additive error floors a_b in nJy. */
export const DEFAULT_ERROR_FLOOR: Readonly<Record<string, number>> = Object.freeze({ u: 150, g: 60, r: 80, i: 110, z: 170, y: 350 });

/** Options shared by the ForcedSource and DIA simulations. */
export interface SimulationOptions {
  readonly seed: number;
  /** Default: the seven DP1 fields. */
  readonly fields?: readonly DP1Field[];
  /** Relative number of objects per field (default: equal). */
  readonly fieldWeights?: readonly number[];
  /** Default ugrizy. */
  readonly bands?: readonly string[];
  /** s_b per band; missing bands take DEFAULT_ERROR_SCALE. */
  readonly errorScale?: Readonly<Record<string, number>>;
  /** a_b (nJy) per band; missing bands take DEFAULT_ERROR_FLOOR. */
  readonly errorFloor?: Readonly<Record<string, number>>;
  /** Fraction of rows with at least one flag (default 0.02). */
  readonly flaggedFraction?: number;
  /** Visits per field (default: DEFAULT_VISITS_PER_FIELD); scales the light-curve lengths. */
  readonly visitsPerField?: readonly number[];
  /** Objects lie within this many degrees of their field centre (default 1.5). */
  readonly radius?: number;
}

export interface SimulateForcedSourceOptions extends SimulationOptions {
  readonly nObjects: number;
  /** Fraction of variable (sinusoidal) objects (default 0.02). */
  readonly variableFraction?: number;
  /** r-band magnitude range (default [17, 25]). */
  readonly magRange?: readonly [number, number];
  /** objectIds start above this (default 592000000000000000n, DP1-like). */
  readonly idBase?: bigint;
  /** Skip the flat per-visit copy (halves memory for large runs). Default true. */
  readonly flat?: boolean;
}

/** The truths injected into a simulation, which statistics must recover. */
export interface InjectedTruth {
  readonly seed: number;
  readonly bands: readonly string[];
  /** s_b: true scatter / reported error, per band. */
  readonly errorScale: Readonly<Record<string, number>>;
  /** a_b: additive floor in nJy, per band. */
  readonly errorFloor: Readonly<Record<string, number>>;
  readonly variableFraction: number;
  readonly flaggedFraction: number;
  readonly fields: readonly DP1Field[];
  /** The noise model, in words. */
  readonly noiseModel: string;
  /** Source photon-noise coefficient: variance = sourceNoise * flux (nJy^2). */
  readonly sourceNoise: number;
}

export interface SimulatedForcedSource {
  /** DP1 `object_collection` form: Object base columns + nested `objectForcedSource`. */
  readonly objects: NestedFrame;
  /** The same observations, one row per visit and object, sorted by visit (empty frame when `flat: false`). */
  readonly forcedSource: NestedFrame;
  readonly truth: InjectedTruth;
  /** Per-object truths in `objects` order (field index, mean flux per band row-major, variability). */
  readonly objectTruth: SimObjects;
  /** True flux of each nested observation (nJy). */
  readonly trueFlux: Float64Array;
  readonly visits: SimVisits;
}

/** Resolved per-band truths and common settings. */
export interface ResolvedSimulation {
  readonly fields: readonly DP1Field[];
  readonly bands: readonly string[];
  readonly errorScale: Record<string, number>;
  readonly errorFloor: Record<string, number>;
  readonly scale: Float64Array;
  readonly floor: Float64Array;
  readonly flaggedFraction: number;
}

/** Check and complete the options shared by both simulations. */
export function resolveSimulation(o: SimulationOptions): ResolvedSimulation {
  if (!Number.isFinite(o.seed)) throw new ArgumentError(`seed must be a finite number, got ${o.seed}.`);
  const fields = o.fields ?? DP1_FIELDS;
  const bands = o.bands ?? DP1_BANDS;
  if (fields.length === 0 || fields.length > 127) throw new ArgumentError(`Need 1..127 fields, got ${fields.length}.`);
  if (bands.length === 0 || bands.length > 127) throw new ArgumentError(`Need 1..127 bands, got ${bands.length}.`);
  const errorScale: Record<string, number> = {};
  const errorFloor: Record<string, number> = {};
  for (const b of bands) {
    const s = o.errorScale?.[b] ?? DEFAULT_ERROR_SCALE[b] ?? 1;
    const a = o.errorFloor?.[b] ?? DEFAULT_ERROR_FLOOR[b] ?? 0;
    if (!(s > 0) || !(a >= 0)) throw new ArgumentError(`Band ${b}: errorScale must be > 0 and errorFloor >= 0, got ${s} and ${a}.`);
    errorScale[b] = s;
    errorFloor[b] = a;
  }
  const flaggedFraction = o.flaggedFraction ?? 0.02;
  if (!(flaggedFraction >= 0 && flaggedFraction <= 1)) throw new ArgumentError(`flaggedFraction must be in [0, 1], got ${flaggedFraction}.`);
  return {
    fields,
    bands,
    errorScale,
    errorFloor,
    scale: Float64Array.from(bands, (b) => errorScale[b]!),
    floor: Float64Array.from(bands, (b) => errorFloor[b]!),
    flaggedFraction,
  };
}

/** What both simulations draw the same way. */
export interface SimulatedSky {
  readonly visits: SimVisits;
  /** Per-object truths, sorted by `_healpix_29`. */
  readonly objects: SimObjects;
  /** `_healpix_29` of each object, ascending. */
  readonly healpix: BigInt64Array;
}

/**
 * The setup both simulations share, once their options are resolved and their
 * random streams forked (each forks its own, in its own order): check the object
 * count (`count` names it in the error), draw the visits from `streams.visits`
 * and the objects from `streams.objects`, and sort the objects by `_healpix_29`.
 */
export function simulateSky(
  options: SimulationOptions,
  res: ResolvedSimulation,
  streams: { readonly visits: Random; readonly objects: Random },
  draw: { readonly count: string; readonly n: number } & Pick<ObjectOptions, "magRange" | "variableFraction">,
): SimulatedSky {
  const { fields, bands } = res;
  const n = draw.n;
  if (!Number.isInteger(n) || n < 0) throw new ArgumentError(`${draw.count} must be a non-negative integer, got ${n}.`);
  const visits = simulateVisits(streams.visits, fields, bands, { visitsPerField: options.visitsPerField });
  const drawn = simulateObjects(streams.objects, n, visits, {
    fields,
    bands,
    fieldWeights: options.fieldWeights,
    radius: options.radius ?? 1.5,
    magRange: draw.magRange,
    variableFraction: draw.variableFraction,
  });
  const { order, healpix } = healpixOrder(drawn.ra, drawn.dec);
  return { visits, objects: reorderObjects(drawn, order, bands.length), healpix };
}

/** The truths a simulation injected, for its seed and resolved options. */
export function injectedTruth(seed: number, res: ResolvedSimulation, variableFraction: number, noiseModel: string): InjectedTruth {
  return {
    seed,
    bands: res.bands,
    errorScale: res.errorScale,
    errorFloor: res.errorFloor,
    variableFraction,
    flaggedFraction: res.flaggedFraction,
    fields: res.fields,
    noiseModel,
    sourceNoise: SOURCE_NOISE_NJY,
  };
}

/** Coadd-like per-band Object fluxes: truth plus noise of the light curve's mean; NaN without visits in the band. */
function objectFluxes(rng: Random, s: SimObjects, visits: SimVisits, cov: { offsets: Int32Array; visit: Int32Array }, bands: readonly string[]): Record<string, Column> {
  const nb = bands.length;
  const n = s.n;
  const sumInvVar = new Float64Array(n * nb);
  for (let i = 0; i < n; i++) {
    for (let r = cov.offsets[i]!; r < cov.offsets[i + 1]!; r++) {
      const v = cov.visit[r]!;
      const b = visits.band[v]!;
      const F = s.meanFlux[i * nb + b]!;
      sumInvVar[i * nb + b]! += 1 / (visits.skySigma[v]! ** 2 + SOURCE_NOISE_NJY * F);
    }
  }
  const out: Record<string, Column> = {};
  const flux = bands.map(() => new Float32Array(n));
  const err = bands.map(() => new Float32Array(n));
  for (let i = 0; i < n; i++) {
    for (let b = 0; b < nb; b++) {
      const w = sumInvVar[i * nb + b]!;
      const e = w > 0 ? 1 / Math.sqrt(w) : NaN;
      flux[b]![i] = w > 0 ? s.meanFlux[i * nb + b]! + e * rng.normal() : NaN;
      err[b]![i] = e;
    }
  }
  bands.forEach((b, k) => {
    out[`${b}_psfFlux`] = col.f32(flux[k]!);
    out[`${b}_psfFluxErr`] = col.f32(err[k]!);
  });
  return out;
}

/**
 * Simulate DP1-like forced photometry: `nObjects` objects in the DP1 fields,
 * their light curves, flags, and injected error truths.
 *
 * @example
 * const sim = simulateForcedSource({ seed: 1, nObjects: 500 });
 * sim.objects.nest("objectForcedSource"); // nested light curves
 * sim.forcedSource.length === sim.objects.observationCount; // true
 * sim.truth.errorScale.r; // 1.08
 */
export function simulateForcedSource(options: SimulateForcedSourceOptions): SimulatedForcedSource {
  const res = resolveSimulation(options);
  const bands = res.bands;
  const variableFraction = options.variableFraction ?? 0.02;
  const rng = new Random(options.seed);
  const [rVisits, rObjects, rCover, rPhot, rIds, rCoadd] = [1, 2, 3, 4, 5, 6].map((k) => rng.fork(k)) as [Random, Random, Random, Random, Random, Random];
  const { visits, objects: objs, healpix } = simulateSky(options, res, { visits: rVisits, objects: rObjects }, {
    count: "nObjects",
    n: options.nObjects,
    magRange: options.magRange ?? [17, 25],
    variableFraction,
  });
  const nObjects = objs.n;
  const cov = coverObjects(rCover, visits, objs.field, objs.ra, objs.dec);
  const phot = simulatePhotometry(rPhot, visits, objs, cov, { errorScale: res.scale, errorFloor: res.floor, flaggedFraction: res.flaggedFraction });
  const objectId = makeIds(rIds, nObjects, options.idBase ?? 592000000000000000n);
  const lightCurves: NestedColumn = { offsets: cov.offsets, fields: forcedSourceFields(visits, cov, phot, bands, { mags: true }) };
  const ids: Record<string, Column> = { objectId: col.i64(objectId), coord_ra: col.f64(objs.ra), coord_dec: col.f64(objs.dec) };
  const objects = new NestedFrame({
    base: { ...ids, _healpix_29: col.i64(healpix), ...objectFluxes(rCoadd, objs, visits, cov, bands) },
    nested: { objectForcedSource: lightCurves },
    length: nObjects,
  });
  let forcedSource = new NestedFrame({ length: 0 });
  if (options.flat !== false) {
    // Per-visit order: rows grouped by visit, within a visit in object order.
    const { perm } = groupPermutation(cov.visit, undefined, visits.n);
    const owner = nestedParents(lightCurves);
    const ownerFlat = Int32Array.from(perm, (r) => owner[r]!);
    const gather = (cols: Readonly<Record<string, Column>>, idx: Int32Array): Record<string, Column> =>
      Object.fromEntries(Object.entries(cols).map(([name, c]) => [name, gatherColumn(c, idx)]));
    forcedSource = new NestedFrame({ base: { ...gather(ids, ownerFlat), ...gather(lightCurves.fields, perm) }, length: perm.length });
  }
  const truth = injectedTruth(
    options.seed,
    res,
    variableFraction,
    "psfFlux = F + N(0, sqrt((s_b * psfFluxErr)^2 + a_b^2)); psfDiffFlux = F(t) - F_mean + N(0, sqrt((s_b * psfDiffFluxErr)^2 + a_b^2))",
  );
  return { objects, forcedSource, truth, objectTruth: objs, trueFlux: phot.trueFlux, visits };
}
