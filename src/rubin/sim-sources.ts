/**
 * Simulated DP1-style flat tables for the Source-table exercises: an Object
 * table per tract (sim-object-table.ts) and a Source table per visit, with
 * sky sources. In visit band b every measured PSF flux scatters by
 * `skyScale[b]` times its reported error: a sky source (true flux 0, reported
 * error e) has psfFlux ~ N(0, (s_b e)^2), so the std of psfFlux / psfFluxErr
 * over sky sources is s_b, the number the sky-source check must recover.
 */
import { type Column, makeColumn } from "../frame/column.js";
import { ArgumentError } from "../frame/errors.js";
import { NestedFrame } from "../frame/nested-frame.js";
import { Random } from "../stats/random.js";
import { magToFlux } from "./magnitudes.js";
import { SATURATION_MAG, type SimFieldObjects, type SimSourceField, drawFieldObjects, objectTable } from "./sim-object-table.js";
import { LOCUS_BANDS } from "./sim-star-colors.js";
import { DEFAULT_M5, FOOTPRINT_HALF_WIDTH } from "./sim-survey.js";
import { SOURCE_NOISE_NJY } from "./sim-objects.js";

/** Two DP1 fields; tract numbers are DP1-like, assigned by right ascension, not by the real skymap. */
export const SOURCE_TABLE_FIELDS: readonly SimSourceField[] = [
  { name: "ECDFS", ra: 53.13, dec: -28.1, tracts: [{ tract: 5063, raMax: Infinity }] },
  { name: "EDFS", ra: 59.1, dec: -48.73, tracts: [{ tract: 2234, raMax: 59.1 }, { tract: 2235, raMax: Infinity }] },
];

/** Default true scatter / reported error per band: the r band's errors are 10% too small. */
export const DEFAULT_SKY_SCALE: Readonly<Record<string, number>> = { g: 1.0, r: 1.1, i: 1.0 };

export interface SimulateSourceTablesOptions {
  readonly seed?: number;
  /** Objects per field (default 1400), in a disc of 0.45 deg. */
  readonly objectsPerField?: number;
  /** Fraction of stars (default 0.4). */
  readonly starFraction?: number;
  /** Visits per field and band (default 4). */
  readonly visitsPerBand?: number;
  /** Sky sources per visit (default 300). */
  readonly skySourcesPerVisit?: number;
  /** True scatter / reported error per visit band; its keys are the bands observed (default DEFAULT_SKY_SCALE). */
  readonly skyScale?: Readonly<Record<string, number>>;
}

/** What the draw holds and the truths statistics must recover. */
export interface SourceTablesTruth {
  readonly seed: number;
  readonly skyScale: Readonly<Record<string, number>>;
  /** The reported errors of Object fluxes are correct (scale 1). */
  readonly objectErrorScale: number;
  readonly stars: number;
  readonly galaxies: number;
  readonly skySources: Readonly<Record<string, number>>;
  readonly sources: number;
}

export interface SimulatedSourceTables {
  readonly objects: readonly { readonly tract: number; readonly frame: NestedFrame }[];
  readonly sources: readonly { readonly visit: bigint; readonly band: string; readonly frame: NestedFrame }[];
  readonly truth: SourceTablesTruth;
}

/** Growable columns of one visit's rows. */
interface Rows {
  ra: number[];
  dec: number[];
  flux: number[];
  err: number[];
  ext: number[];
  sky: number[];
  flag: number[];
  edge: number[];
  sat: number[];
  det: number[];
}

const ARCSEC = 1 / 3600;

/** One visit's detections (objects with measured SNR > 5) and sky sources, ordered by detector as DP1's tables are. */
function visitTable(rng: Random, o: SimFieldObjects, field: SimSourceField, band: string, scale: number, nSky: number, visit: bigint): NestedFrame {
  const b = LOCUS_BANDS.indexOf(band as (typeof LOCUS_BANDS)[number]);
  const h = FOOTPRINT_HALF_WIDTH;
  const cosDec = Math.cos((field.dec * Math.PI) / 180);
  const ra0 = field.ra + rng.uniformRange(-0.08, 0.08) / cosDec;
  const dec0 = field.dec + rng.uniformRange(-0.08, 0.08);
  const sky = magToFlux((DEFAULT_M5[band] ?? 23.5) + rng.normal(0, 0.15)) / 5;
  const rows: Rows = { ra: [], dec: [], flux: [], err: [], ext: [], sky: [], flag: [], edge: [], sat: [], det: [] };
  const detector = (dx: number, dy: number) => 3 * Math.min(2, Math.floor(((dy + h) * 3) / (2 * h))) + Math.min(2, Math.floor(((dx + h) * 3) / (2 * h)));
  const push = (ra: number, dec: number, dx: number, dy: number, f: number, e: number, ext: number, isSky: number, sat: number): void => {
    rows.ra.push(ra);
    rows.dec.push(dec);
    rows.flux.push(f);
    rows.err.push(e);
    rows.ext.push(ext);
    rows.sky.push(isSky);
    rows.flag.push(isSky ? 0 : rng.uniform() < 0.005 ? 1 : 0);
    rows.edge.push(h - Math.max(Math.abs(dx), Math.abs(dy)) < 0.01 ? 1 : 0);
    rows.sat.push(sat);
    rows.det.push(detector(dx, dy));
  };
  for (let i = 0; i < o.n; i++) {
    const dx = (o.ra[i]! - ra0) * cosDec;
    const dy = o.dec[i]! - dec0;
    if (Math.abs(dx) >= h || Math.abs(dy) >= h) continue;
    const F = o.flux[i * 6 + b]!;
    const e = Math.sqrt(sky * sky + SOURCE_NOISE_NJY * F);
    const f = F + rng.normal(0, scale * e);
    if (!(f / e > 5)) continue;
    const wrong = f / e < 10 && rng.uniform() < 0.3;
    const ext = (o.star[i] === 1) !== wrong ? 0 : 1;
    push(o.ra[i]! + rng.normal(0, 0.05 * ARCSEC) / cosDec, o.dec[i]! + rng.normal(0, 0.05 * ARCSEC), dx, dy, f, e, ext, 0, F > magToFlux(SATURATION_MAG) ? 1 : 0);
  }
  for (let k = 0; k < nSky; k++) {
    const dx = rng.uniformRange(-h, h);
    const dy = rng.uniformRange(-h, h);
    const e = sky * rng.uniformRange(0.9, 1.1);
    push(ra0 + dx / cosDec, dec0 + dy, dx, dy, rng.normal(0, scale * e), e, NaN, 1, 0);
  }
  const order = Int32Array.from(rows.det.map((_, k) => k)).sort((p, q) => rows.det[p]! - rows.det[q]! || p - q);
  const n = order.length;
  const take = <T extends Float64Array | Float32Array | Uint8Array | Int16Array>(src: number[], Ctor: new (n: number) => T): T => {
    const out = new Ctor(n);
    for (let j = 0; j < n; j++) out[j] = src[order[j]!]!;
    return out;
  };
  const base: Record<string, Column> = {
    sourceId: makeColumn(BigInt64Array.from({ length: n }, (_, j) => visit * 100000n + BigInt(j))),
    visit: makeColumn(new BigInt64Array(n).fill(visit)),
    detector: makeColumn(take(rows.det, Int16Array)),
    band: { type: "dict", codes: new Int32Array(n), dictionary: [band] },
    coord_ra: makeColumn(take(rows.ra, Float64Array)),
    coord_dec: makeColumn(take(rows.dec, Float64Array)),
    psfFlux: makeColumn(take(rows.flux, Float32Array)),
    psfFluxErr: makeColumn(take(rows.err, Float32Array)),
    psfFlux_flag: makeColumn(take(rows.flag, Uint8Array), "bool"),
    pixelFlags_edge: makeColumn(take(rows.edge, Uint8Array), "bool"),
    pixelFlags_saturated: makeColumn(take(rows.sat, Uint8Array), "bool"),
    sky_source: makeColumn(take(rows.sky, Uint8Array), "bool"),
    extendedness: makeColumn(take(rows.ext, Float64Array)),
  };
  return new NestedFrame({ base });
}

/**
 * Simulate per-tract Object tables and per-visit Source tables over two DP1
 * fields (ECDFS, EDFS), seeded and deterministic. Visits are numbered as DP1's
 * (day_obs x 100000 + seq) on nights from 2024-11-08.
 *
 * @example
 * const sim = simulateSourceTables({ seed: 1, objectsPerField: 200, visitsPerBand: 1, skySourcesPerVisit: 50 });
 * sim.objects.map((t) => t.tract); // [5063, 2234, 2235]
 * sim.sources.length; // 6 (2 fields x 3 bands x 1 visit)
 * sim.truth.skyScale; // { g: 1, r: 1.1, i: 1 }
 */
export function simulateSourceTables(options: SimulateSourceTablesOptions = {}): SimulatedSourceTables {
  const seed = options.seed ?? 20250630;
  const perField = options.objectsPerField ?? 1400;
  const starFraction = options.starFraction ?? 0.4;
  const visitsPerBand = options.visitsPerBand ?? 4;
  const nSky = options.skySourcesPerVisit ?? 300;
  const skyScale = options.skyScale ?? DEFAULT_SKY_SCALE;
  for (const [band, s] of Object.entries(skyScale)) {
    if (!LOCUS_BANDS.includes(band as (typeof LOCUS_BANDS)[number])) throw new ArgumentError(`skyScale: unknown band "${band}"; bands are ${LOCUS_BANDS.join(", ")}.`);
    if (!(s > 0)) throw new ArgumentError(`skyScale.${band} must be > 0, got ${s}.`);
  }
  const rng = new Random(seed);
  const objects: { tract: number; frame: NestedFrame }[] = [];
  const sources: { visit: bigint; band: string; frame: NestedFrame }[] = [];
  const skySources: Record<string, number> = Object.fromEntries(Object.keys(skyScale).map((b) => [b, 0]));
  let stars = 0;
  let nSources = 0;
  let seq = 0;
  SOURCE_TABLE_FIELDS.forEach((field, f) => {
    const o = drawFieldObjects(rng.fork(2 * f), field, perField, starFraction, 0.45);
    for (let i = 0; i < o.n; i++) stars += o.star[i]!;
    const tableRng = rng.fork(2 * f + 1);
    for (const { tract } of field.tracts) {
      const idx = Int32Array.from(Array.from(o.tract.keys()).filter((i) => o.tract[i] === tract));
      objects.push({ tract, frame: objectTable(tableRng, o, idx, tract, field) });
    }
    for (const band of Object.keys(skyScale)) {
      for (let v = 0; v < visitsPerBand; v++) {
        const d = new Date(Date.UTC(2024, 10, 8 + Math.floor(seq / 6))); // six visits a night
        const dayObs = d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
        const visit = BigInt(dayObs) * 100000n + BigInt(100 + seq++);
        const frame = visitTable(rng.fork(1000 + seq), o, field, band, skyScale[band]!, nSky, visit);
        sources.push({ visit, band, frame });
        skySources[band]! += nSky;
        nSources += frame.length;
      }
    }
  });
  const truth = { seed, skyScale, objectErrorScale: 1, stars, galaxies: SOURCE_TABLE_FIELDS.length * perField - stars, skySources, sources: nSources };
  return { objects, sources, truth };
}
