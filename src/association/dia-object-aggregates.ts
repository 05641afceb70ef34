/**
 * DiaObject aggregates from the nested DiaSources, under DP1's column names:
 * mean position and its scatter, nDiaSources, per band the inverse-variance
 * weighted flux mean, its error, the sample sigma, the chi-square about the
 * mean and the number of points, and the OR of each flag. Per-band numbers are
 * stats' bandFluxSummaries (the frame's reducers wmean, wmeanErr, std, chi2,
 * count on the usable points of each band, as `split` + `reduce` gives them).
 */
import { type BoolColumn, type Column, makeColumn } from "../frame/column.js";
import { ColumnNotFoundError, SchemaError } from "../frame/errors.js";
import { type NestedColumn, nestedSizes } from "../frame/nested-column.js";
import type { NestedFrame } from "../frame/nested-frame.js";
import { bandFluxSummaries } from "../stats/band-flux-summaries.js";
import { ARCSEC_PER_DEG, vectorToRaDec } from "./sky-geometry.js";

const DEG = Math.PI / 180;
/** DP1's bands, in wavelength order: the default set of per-band columns. */
const DP1_BAND_ORDER = ["u", "g", "r", "i", "z", "y"] as const;

export interface DiaObjectAggregateOptions {
  /** The nest holding the sources (default "diaSource"). */
  readonly nest?: string;
  /** Source position fields, degrees (default "ra", "dec"); position columns are skipped when the nest lacks them and neither is given. */
  readonly ra?: string;
  readonly dec?: string;
  /** Band field (default "band"). Per-band columns are skipped when the nest lacks the band or flux field and none of band, flux, bands is given. */
  readonly band?: string;
  /** Flux field (default "psfFlux") and its error (default flux + "Err"); columns are `{band}_{flux}Mean` etc. */
  readonly flux?: string;
  readonly fluxErr?: string;
  /** Bands to write columns for (default: u, g, r, i, z, y, then any other band present). Absent bands give NaN / 0. */
  readonly bands?: readonly string[];
  /** Flag fields to OR per object into `{flag}_any` (default: every bool field of the nest); `anyFlag` ORs them all. */
  readonly flags?: readonly string[];
}

/** Mean direction (normalised mean of unit vectors) and scatter per object. */
function meanPositions(offsets: Int32Array, ra: ArrayLike<number>, dec: ArrayLike<number>): { ra: Float64Array; dec: Float64Array; scatter: Float64Array } {
  const m = offsets.length - 1;
  const outRa = new Float64Array(m);
  const outDec = new Float64Array(m);
  const scatter = new Float64Array(m);
  const rd = new Float64Array(2);
  for (let i = 0; i < m; i++) {
    const a = offsets[i]!;
    const b = offsets[i + 1]!;
    let sx = 0;
    let sy = 0;
    let sz = 0;
    for (let r = a; r < b; r++) {
      const cd = Math.cos(dec[r]! * DEG);
      sx += cd * Math.cos(ra[r]! * DEG);
      sy += cd * Math.sin(ra[r]! * DEG);
      sz += Math.sin(dec[r]! * DEG);
    }
    const len = Math.sqrt(sx * sx + sy * sy + sz * sz);
    if (b === a || !(len > 0)) {
      outRa[i] = outDec[i] = scatter[i] = NaN;
      continue;
    }
    if (b === a + 1) {
      // one source (99% of DP1's DiaObjects): its own position, exactly, with ra in [0, 360)
      outRa[i] = ((ra[a]! % 360) + 360) % 360;
      outDec[i] = dec[a]!;
      scatter[i] = NaN;
      continue;
    }
    const mx = sx / len;
    const my = sy / len;
    const mz = sz / len;
    vectorToRaDec(mx, my, mz, rd);
    outRa[i] = rd[0]!;
    outDec[i] = rd[1]!;
    let ss = 0;
    for (let r = a; r < b; r++) {
      const cd = Math.cos(dec[r]! * DEG);
      const dx = cd * Math.cos(ra[r]! * DEG) - mx;
      const dy = cd * Math.sin(ra[r]! * DEG) - my;
      const dz = Math.sin(dec[r]! * DEG) - mz;
      const theta = 2 * Math.asin(Math.min(1, Math.sqrt(dx * dx + dy * dy + dz * dz) / 2));
      ss += theta * theta;
    }
    const n = b - a;
    scatter[i] = n > 1 ? (Math.sqrt(ss / (2 * (n - 1))) / DEG) * ARCSEC_PER_DEG : NaN;
  }
  return { ra: outRa, dec: outDec, scatter };
}

/** Bands to write: the requested ones, or DP1's six followed by any other band present. */
function bandList(present: readonly string[], requested: readonly string[] | undefined): string[] {
  if (requested) return [...requested];
  const extra = present.filter((b) => !(DP1_BAND_ORDER as readonly string[]).includes(b)).sort();
  return [...DP1_BAND_ORDER, ...extra];
}

/** Per-band flux columns (stats' bandFluxSummaries) over the usable points, for the bands of bandList. */
function bandColumns(frame: NestedFrame, nc: NestedColumn, nest: string, band: string, flux: string, fluxErr: string, bands: readonly string[] | undefined): Record<string, Column> {
  const need = (f: string): Column => {
    const c = nc.fields[f];
    if (c === undefined) throw new ColumnNotFoundError(`${nest}.${f}`, Object.keys(nc.fields).map((k) => `${nest}.${k}`), "diaObjectAggregates");
    return c;
  };
  const bandCol = need(band);
  if (bandCol.type !== "dict") throw new SchemaError(`"${nest}.${band}" is ${bandCol.type}; a string band column was expected.`);
  need(flux);
  need(fluxErr);
  return bandFluxSummaries(frame, { nest, band, flux, fluxErr, bands: bandList(bandCol.dictionary, bands) });
}

/** `{flag}_any` per flag and `anyFlag`, via the max reducer over 0/1 values. */
function flagColumns(frame: NestedFrame, nest: string, nc: NestedColumn, flags: readonly string[] | undefined): Record<string, Column> {
  const names = flags ?? Object.keys(nc.fields).filter((f) => nc.fields[f]!.type === "bool");
  const m = frame.length;
  const any = new Uint8Array(m);
  const out: Record<string, Column> = {};
  if (names.length === 0) return out;
  const spec = Object.fromEntries(names.map((f) => [f, `max(${f})`]));
  const r = frame.reduce(nest, spec);
  for (const f of names) {
    const mx = r.numbers(f);
    const v = new Uint8Array(m);
    for (let i = 0; i < m; i++) {
      v[i] = mx[i]! > 0 ? 1 : 0;
      any[i] |= v[i]!;
    }
    out[`${f}_any`] = { type: "bool", values: v } satisfies BoolColumn;
  }
  out["anyFlag"] = { type: "bool", values: any } satisfies BoolColumn;
  return out;
}

/**
 * Add DiaObject aggregates of nest `diaSource` as base columns: `ra`, `dec` (the
 * mean direction, i.e. the normalised mean of the sources' unit vectors, as
 * lsst.geom.averageSpherePoint: right across ra = 0/360 and at the poles),
 * `positionScatter` (arcsec: the per-axis scatter sqrt(Σθ²/(2(n-1))) of the
 * sources' distances θ from that mean, an estimate of the astrometric error;
 * NaN below 2 sources), `nDiaSources`, per band `{b}_psfFluxMean` (Σ(f/e²)/Σ(1/e²)),
 * `{b}_psfFluxMeanErr` (1/sqrt(Σ1/e²)), `{b}_psfFluxSigma` (sample std, NaN
 * below 2 points), `{b}_psfFluxChi2` (Σ((f - mean)/e)², 0 for one point, NaN for
 * none), `{b}_psfFluxNdata` (points used: finite flux, finite error > 0),
 * `{flag}_any` per flag and `anyFlag`. Existing base columns of those names are replaced. O(sources).
 *
 * @example
 * const objects = new NestedFrame({ base: { diaObjectId: makeColumn(BigInt64Array.of(1n)) }, nested: { diaSource: { offsets: Int32Array.of(0, 3), fields: {
 *   ra: makeColumn(Float64Array.of(359.9999, 0.0001, 0)), dec: makeColumn(Float64Array.of(0, 0, 0)), band: makeColumn(["g", "g", "r"]),
 *   psfFlux: makeColumn(Float32Array.of(100, 200, 50)), psfFluxErr: makeColumn(Float32Array.of(10, 20, 5)), psfFlux_flag: makeColumn(Uint8Array.of(0, 1, 0), "bool") } } } });
 * const a = diaObjectAggregates(objects);
 * a.toArray("ra"); // [0] (not 120: the mean direction, across ra = 0)
 * a.toArray("g_psfFluxMean"); // [120] ((100/100 + 200/400) / (1/100 + 1/400))
 * a.toArray("g_psfFluxChi2"); // [20] (((100-120)/10)² + ((200-120)/20)² = 4 + 16)
 * a.toArray("r_psfFluxNdata"); // [1]
 * a.toArray("psfFlux_flag_any"); // [true]
 */
export function diaObjectAggregates(frame: NestedFrame, options: DiaObjectAggregateOptions = {}): NestedFrame {
  const nest = options.nest ?? "diaSource";
  const raName = options.ra ?? "ra";
  const decName = options.dec ?? "dec";
  const nc = frame.nest(nest);
  const base: Record<string, Column> = {};
  if (options.ra !== undefined || options.dec !== undefined || (Object.hasOwn(nc.fields, raName) && Object.hasOwn(nc.fields, decName))) {
    const { offsets, values } = frame.lightCurveArrays(nest, [raName, decName]);
    const pos = meanPositions(offsets, values[0]!, values[1]!);
    Object.assign(base, { ra: makeColumn(pos.ra), dec: makeColumn(pos.dec), positionScatter: makeColumn(pos.scatter) });
  }
  base["nDiaSources"] = makeColumn(nestedSizes(nc));
  const band = options.band ?? "band";
  const flux = options.flux ?? "psfFlux";
  const explicit = options.band !== undefined || options.flux !== undefined || options.bands !== undefined;
  if (explicit || (Object.hasOwn(nc.fields, band) && Object.hasOwn(nc.fields, flux))) {
    Object.assign(base, bandColumns(frame, nc, nest, band, flux, options.fluxErr ?? `${flux}Err`, options.bands));
  }
  Object.assign(base, flagColumns(frame, nest, nc, options.flags));
  return frame.withColumns(base);
}
