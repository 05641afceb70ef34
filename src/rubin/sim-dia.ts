/**
 * Seeded DP1-like difference-imaging sample (`dia_object_collection` form).
 *
 * As in DP1, ~99% of DiaObjects have a single DiaSource: most are one-visit
 * transients (a 5.5-20 sigma spike in one difference image, on a faint or absent
 * host), and a small fraction are variables detected in several visits. Forced
 * photometry at every DiaObject position (`diaObjectForcedSource`) follows the
 * same injected error truths as the ForcedSource simulation; the per-band
 * DiaObject aggregates are computed from the DiaSources.
 */
import { type BoolColumn, type Column, type DictColumn, type NumberColumn, gatherColumn } from "../frame/column.js";
import { type NestedColumn, nestedSizes } from "../frame/nested-column.js";
import { NestedFrame } from "../frame/nested-frame.js";
import { Random } from "../stats/random.js";
import { col, forcedSourceFields, makeIds } from "./sim-frames.js";
import { diffErrorOf, simulatePhotometry } from "./sim-photometry.js";
import { type SimVisits, coverObjects } from "./sim-survey.js";
import { type InjectedTruth, type SimulationOptions, injectedTruth, resolveSimulation, simulateSky } from "./simulate.js";
import { DIA_SOURCE_FLAGS } from "./products.js";

export interface SimulateDiaObjectsOptions extends SimulationOptions {
  readonly nDiaObjects: number;
  /** Fraction of DiaObjects that are variables with (usually) several DiaSources (default 0.01). */
  readonly multiSourceFraction?: number;
  /** diaObjectIds start above this (default 609000000000000000n). */
  readonly idBase?: bigint;
  /** diaSourceIds start above this (default 600000000000000000n). */
  readonly sourceIdBase?: bigint;
}

export interface SimulatedDiaObjects {
  /** DiaObject base columns with nested `diaSource` and `diaObjectForcedSource`. */
  readonly diaObjects: NestedFrame;
  readonly truth: InjectedTruth;
  readonly visits: SimVisits;
}


/** Per-band aggregates of DiaSource fluxes (psfFlux, psfFluxErr), as DP1 DiaObject columns. */
function aggregates(bands: readonly string[], diaSource: NestedColumn): Record<string, Column> {
  const { offsets, fields } = diaSource;
  const band = (fields.band as DictColumn).codes;
  const flux = (fields.psfFlux as NumberColumn).values;
  const err = (fields.psfFluxErr as NumberColumn).values;
  const n = offsets.length - 1;
  const out: Record<string, Column> = {};
  for (let b = 0; b < bands.length; b++) {
    const mean = new Float64Array(n);
    const meanErr = new Float64Array(n);
    const sigma = new Float64Array(n);
    const chi2 = new Float64Array(n);
    const ndata = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let sw = 0;
      let swf = 0;
      let s = 0;
      let s2 = 0;
      let k = 0;
      for (let r = offsets[i]!; r < offsets[i + 1]!; r++) {
        const f = flux[r]!;
        const e = err[r]!;
        if (band[r] !== b || !(e > 0) || !Number.isFinite(f)) continue;
        sw += 1 / (e * e);
        swf += f / (e * e);
        s += f;
        s2 += f * f;
        k++;
      }
      const m = k > 0 ? swf / sw : NaN;
      let c = 0;
      for (let r = offsets[i]!; r < offsets[i + 1]!; r++) {
        const e = err[r]!;
        if (band[r] === b && e > 0 && Number.isFinite(flux[r]!)) c += ((flux[r]! - m) / e) ** 2;
      }
      mean[i] = m;
      meanErr[i] = k > 0 ? 1 / Math.sqrt(sw) : NaN;
      sigma[i] = k > 1 ? Math.sqrt(Math.max(0, (s2 - (s * s) / k) / (k - 1))) : NaN;
      chi2[i] = k > 1 ? c : k === 1 ? 0 : NaN;
      ndata[i] = k;
    }
    const name = bands[b]!;
    out[`${name}_psfFluxMean`] = col.f64(mean);
    out[`${name}_psfFluxMeanErr`] = col.f64(meanErr);
    out[`${name}_psfFluxSigma`] = col.f64(sigma);
    out[`${name}_psfFluxChi2`] = col.f64(chi2);
    out[`${name}_psfFluxNdata`] = col.i32(ndata);
  }
  return out;
}

/**
 * Simulate a DP1-like `dia_object_collection`: DiaObjects with their DiaSources
 * and forced photometry, using the same visits as `simulateForcedSource` for the
 * same seed and survey options.
 *
 * @example
 * const dia = simulateDiaObjects({ seed: 1, nDiaObjects: 1000 });
 * dia.diaObjects.column("nDiaSources"); // int32, mostly 1
 */
export function simulateDiaObjects(options: SimulateDiaObjectsOptions): SimulatedDiaObjects {
  const res = resolveSimulation(options);
  const bands = res.bands;
  const multi = options.multiSourceFraction ?? 0.01;
  const rng = new Random(options.seed);
  // Stream 1 is the visit stream of simulateForcedSource: same seed, same visits.
  const [rVisits, , , , , , rObjects, rCover, rSpike, rPhot, rIds, rFlags] = Array.from({ length: 12 }, (_, k) => rng.fork(k + 1)) as Random[];
  const { visits, objects: objs, healpix } = simulateSky(options, res, { visits: rVisits!, objects: rObjects! }, {
    count: "nDiaObjects",
    n: options.nDiaObjects,
    magRange: [21, 25.5],
    variableFraction: multi,
  });
  const n = objs.n;
  const nb = bands.length;
  for (let i = 0; i < n; i++) if (!objs.variable[i] && rSpike!.uniform() < 0.5) objs.meanFlux.fill(0, i * nb, (i + 1) * nb); // hostless
  const cov = coverObjects(rCover!, visits, objs.field, objs.ra, objs.dec, 0);
  const m = cov.visit.length;
  const spike = new Float64Array(m);
  const clean = new Uint8Array(m);
  for (let i = 0; i < n; i++) {
    const a = cov.offsets[i]!;
    const len = cov.offsets[i + 1]! - a;
    if (objs.variable[i] || len === 0) continue;
    const r = a + rSpike!.int(len);
    const v = cov.visit[r]!;
    const sign = rSpike!.uniform() < 0.85 ? 1 : -1;
    spike[r] = sign * (5.5 + Math.min(14.5, rSpike!.exponential(1 / 4))) * diffErrorOf(visits.skySigma[v]!, objs.meanFlux[i * nb + visits.band[v]!]!);
    clean[r] = 1;
  }
  const phot = simulatePhotometry(rPhot!, visits, objs, cov, {
    errorScale: res.scale,
    errorFloor: res.floor,
    flaggedFraction: res.flaggedFraction,
    spike,
    keepClean: clean,
  });
  // DiaSources: the spike of a transient; every >= 5 sigma clean detection of a variable (at least its best one).
  const det: number[] = [];
  const srcOffsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    let best = -1;
    let bestSnr = -1;
    const before = det.length;
    for (let r = cov.offsets[i]!; r < cov.offsets[i + 1]!; r++) {
      if (clean[r]) det.push(r);
      else if (objs.variable[i] && !phot.anyFlag[r]) {
        const snr = Math.abs(phot.psfDiffFlux[r]! / phot.psfDiffFluxErr[r]!);
        if (snr >= 5) det.push(r);
        if (snr > bestSnr) [best, bestSnr] = [r, snr];
      }
    }
    if (det.length === before && best >= 0) det.push(best);
    srcOffsets[i + 1] = det.length;
  }
  const rows = Int32Array.from(det);
  const forced = forcedSourceFields(visits, cov, phot, bands, { mags: false });
  // A DiaSource is its forced-source row: the difference flux as psfFlux, the direct flux as scienceFlux.
  const pick = (name: string): Column => gatherColumn(forced[name]!, rows);
  const diaSource: Record<string, Column> = {
    diaSourceId: col.i64(makeIds(rIds!, rows.length, options.sourceIdBase ?? 600000000000000000n)),
    visit: pick("visit"),
    detector: pick("detector"),
    band: pick("band"),
    midpointMjdTai: pick("midpointMjdTai"),
    psfFlux: pick("psfDiffFlux"),
    psfFluxErr: pick("psfDiffFluxErr"),
    scienceFlux: pick("psfFlux"),
    scienceFluxErr: pick("psfFluxErr"),
  };
  for (const f of DIA_SOURCE_FLAGS) diaSource[f] = pick(f);
  // DiaSources are clean detections; a few still carry the benign flags real ones do.
  const benign = ["pixelFlags_interpolated", "pixelFlags_suspect", "pixelFlags_cr"] as const;
  for (let k = 0; k < rows.length; k++) {
    if (rFlags!.uniform() < res.flaggedFraction) (diaSource[benign[rFlags!.int(benign.length)]!] as BoolColumn).values[k] = 1;
  }
  const sources: NestedColumn = { offsets: srcOffsets, fields: diaSource };
  const diaObjects = new NestedFrame({
    base: {
      diaObjectId: col.i64(makeIds(rIds!, n, options.idBase ?? 609000000000000000n)),
      ra: col.f64(objs.ra),
      dec: col.f64(objs.dec),
      _healpix_29: col.i64(healpix),
      nDiaSources: col.i32(nestedSizes(sources)),
      ...aggregates(bands, sources),
    },
    nested: {
      diaSource: sources,
      diaObjectForcedSource: { offsets: cov.offsets, fields: forced },
    },
    length: n,
  });
  const truth = injectedTruth(options.seed, res, multi, "as simulateForcedSource, plus one 5.5-20 sigma difference-image spike per transient");
  return { diaObjects, truth, visits };
}
