/**
 * A seeded sky of transient/variable sources seen by difference imaging, with
 * the truth association needs: every DiaSource carries the id of the object it
 * came from. Objects are uniform in a spherical cap of area nObjects/density
 * around `center` (by default DP1's ECDFS field); in each visit every object is
 * detected with `detectionProbability`, at its true position plus a Gaussian
 * astrometric error per axis, with a flux drawn about its mean; `spuriousPerVisit`
 * adds false detections (each its own true object) uniformly in the cap.
 */
import type { Column } from "../frame/column.js";
import { ArgumentError } from "../frame/errors.js";
import { NestedFrame } from "../frame/nested-frame.js";
import { Random } from "../stats/random.js";
import { vectorToRaDec } from "./sky-geometry.js";

const DEG = Math.PI / 180;
const SQ_DEG_PER_SR = (180 / Math.PI) ** 2;

export interface SimulateDiaSkyOptions {
  /** Number of true objects. */
  readonly nObjects: number;
  /** True objects per square degree (sets the area of the cap). */
  readonly density: number;
  /** Number of visits. */
  readonly visits: number;
  /** Astrometric error per axis, arcsec (default 0.1). */
  readonly astrometricError?: number;
  readonly seed: number;
  /** Centre of the cap, degrees (default ra 53.13, dec -28.1, DP1's ECDFS). */
  readonly center?: { readonly ra: number; readonly dec: number };
  /** Chance that an object is detected in a visit (default 0.5). */
  readonly detectionProbability?: number;
  /** False detections per visit, uniform in the cap (default 0). */
  readonly spuriousPerVisit?: number;
  /** Bands, cycled visit by visit (default u, g, r, i, z, y). */
  readonly bands?: readonly string[];
  /** First diaSourceId (default 600000000000000000n, beyond 2^53 as DP1's). */
  readonly idBase?: bigint;
}

/** A simulated DiaSource table and its truth. */
export interface SimulatedDiaSky {
  /**
   * Flat DiaSources ordered by visit: diaSourceId, visit (int64), midpointMjdTai,
   * ra, dec (deg), band, psfFlux, psfFluxErr (nJy, float32), psfFlux_flag.
   */
  readonly sources: NestedFrame;
  /** The true object of each source (object k is k; the spurious detections get nObjects, nObjects + 1, ...). */
  readonly trueObjectId: BigInt64Array;
  /** True objects: trueObjectId, ra, dec, meanFlux. */
  readonly objects: NestedFrame;
  /** Angular radius of the cap, degrees. */
  readonly capRadius: number;
}

/** Writes to `out` at `at` the unit vectors of (ra, dec) and of its east and north directions (9 numbers). */
function frameAt(ra: number, dec: number, out: Float64Array, at = 0): Float64Array {
  const a = ra * DEG;
  const d = dec * DEG;
  out.set([Math.cos(d) * Math.cos(a), Math.cos(d) * Math.sin(a), Math.sin(d), -Math.sin(a), Math.cos(a), 0, -Math.sin(d) * Math.cos(a), -Math.sin(d) * Math.sin(a), Math.cos(d)], at);
  return out;
}

/** A uniform point in the cap of radius `rho` (rad) around frame `f`, written as (ra, dec) to `out`. */
function capPoint(rng: Random, f: Float64Array, rho: number, out: Float64Array): void {
  const cosT = 1 - rng.uniform() * (1 - Math.cos(rho));
  const sinT = Math.sqrt(Math.max(0, 1 - cosT * cosT));
  const phi = 2 * Math.PI * rng.uniform();
  const e = sinT * Math.cos(phi);
  const n = sinT * Math.sin(phi);
  vectorToRaDec(cosT * f[0]! + e * f[3]! + n * f[6]!, cosT * f[1]! + e * f[4]! + n * f[7]!, cosT * f[2]! + e * f[5]! + n * f[8]!, out);
}

/**
 * Simulate DiaSources with known true objects.
 *
 * @example
 * const sky = simulateDiaSky({ nObjects: 100, density: 1e4, visits: 10, seed: 1 });
 * sky.sources.length === sky.trueObjectId.length; // true (about 100 * 10 * 0.5 sources)
 * const a = associateSources(sky.sources, { radius: 1 });
 * associationScores(sky.trueObjectId, a.diaObjectId).purity; // 1 at this density and 0.1" errors
 */
export function simulateDiaSky(options: SimulateDiaSkyOptions): SimulatedDiaSky {
  const { nObjects, density, visits } = options;
  if (!(Number.isInteger(nObjects) && nObjects >= 0)) throw new ArgumentError(`simulateDiaSky: nObjects must be an integer >= 0, got ${nObjects}.`);
  if (!(density > 0)) throw new ArgumentError(`simulateDiaSky: density must be > 0 objects per square degree, got ${density}.`);
  if (!(Number.isInteger(visits) && visits >= 1)) throw new ArgumentError(`simulateDiaSky: visits must be an integer >= 1, got ${visits}.`);
  const sigma = options.astrometricError ?? 0.1;
  const pDet = options.detectionProbability ?? 0.5;
  const spurious = options.spuriousPerVisit ?? 0;
  const bands = options.bands ?? ["u", "g", "r", "i", "z", "y"];
  const center = options.center ?? { ra: 53.13, dec: -28.1 };
  const areaSr = Math.max(nObjects, 1) / density / SQ_DEG_PER_SR;
  if (areaSr >= 4 * Math.PI) throw new ArgumentError(`simulateDiaSky: ${nObjects} objects at ${density} per square degree need more than the whole sky.`);
  const rho = Math.acos(1 - areaSr / (2 * Math.PI));
  const f = frameAt(center.ra, center.dec, new Float64Array(9));
  const rng = new Random(options.seed);
  const [rPos, rDet, rFlux, rSpur] = [rng.fork(1), rng.fork(2), rng.fork(3), rng.fork(4)] as [Random, Random, Random, Random];
  const rd = new Float64Array(2);
  const objRa = new Float64Array(nObjects);
  const objDec = new Float64Array(nObjects);
  const meanFlux = new Float64Array(nObjects);
  const frames = new Float64Array(9 * nObjects);
  for (let k = 0; k < nObjects; k++) {
    capPoint(rPos, f, rho, rd);
    objRa[k] = rd[0]!;
    objDec[k] = rd[1]!;
    frameAt(rd[0]!, rd[1]!, frames, 9 * k);
    meanFlux[k] = 500 * Math.exp(rFlux.uniform() * Math.log(100)); // 500 to 50,000 nJy
  }
  const ra: number[] = [];
  const dec: number[] = [];
  const truth: bigint[] = [];
  const visit: bigint[] = [];
  const band: number[] = [];
  const flux: number[] = [];
  const err: number[] = [];
  const s = (sigma / 3600) * DEG;
  let nextSpurious = nObjects;
  for (let v = 0; v < visits; v++) {
    const sky = 50 + 100 * rFlux.uniform();
    const add = (a: number, d: number, t: number, mu: number): void => {
      ra.push(a);
      dec.push(d);
      truth.push(BigInt(t));
      visit.push(BigInt(v));
      band.push(v % bands.length);
      const e = Math.sqrt(sky * sky + Math.abs(mu));
      err.push(e);
      flux.push(rFlux.normal(mu, e));
    };
    for (let k = 0; k < nObjects; k++) {
      if (!rDet.bernoulli(pDet)) continue;
      const p = 9 * k;
      const de = rDet.normal(0, s);
      const dn = rDet.normal(0, s);
      const F = frames;
      vectorToRaDec(F[p]! + de * F[p + 3]! + dn * F[p + 6]!, F[p + 1]! + de * F[p + 4]! + dn * F[p + 7]!, F[p + 2]! + de * F[p + 5]! + dn * F[p + 8]!, rd);
      add(rd[0]!, rd[1]!, k, meanFlux[k]!);
    }
    const nSpur = spurious > 0 ? rSpur.poisson(spurious) : 0;
    for (let j = 0; j < nSpur; j++) {
      capPoint(rSpur, f, rho, rd);
      add(rd[0]!, rd[1]!, nextSpurious++, 0);
    }
  }
  const m = ra.length;
  const idBase = options.idBase ?? 600000000000000000n;
  const ids = new BigInt64Array(m);
  for (let i = 0; i < m; i++) ids[i] = idBase + BigInt(i);
  const visitBase = 2024110800000n;
  const flag = new Uint8Array(m);
  for (let i = 0; i < m; i++) flag[i] = rFlux.bernoulli(0.02) ? 1 : 0;
  const base: Record<string, Column> = {
    diaSourceId: { type: "int64", values: ids },
    visit: { type: "int64", values: BigInt64Array.from(visit, (v) => visitBase + v) },
    midpointMjdTai: { type: "float64", values: Float64Array.from(visit, (v) => 60600 + 0.5 * Number(v)) },
    ra: { type: "float64", values: Float64Array.from(ra) },
    dec: { type: "float64", values: Float64Array.from(dec) },
    band: { type: "dict", codes: Int32Array.from(band), dictionary: [...bands] },
    psfFlux: { type: "float32", values: Float32Array.from(flux) },
    psfFluxErr: { type: "float32", values: Float32Array.from(err) },
    psfFlux_flag: { type: "bool", values: flag },
  };
  const objects = new NestedFrame({
    base: {
      trueObjectId: { type: "int64", values: BigInt64Array.from({ length: nObjects }, (_, k) => BigInt(k)) },
      ra: { type: "float64", values: objRa },
      dec: { type: "float64", values: objDec },
      meanFlux: { type: "float64", values: meanFlux },
    },
    length: nObjects,
  });
  return { sources: new NestedFrame({ base, length: m }), trueObjectId: BigInt64Array.from(truth), objects, capRadius: rho / DEG };
}
