/**
 * The sky-source flux check (the Rubin Stack Club Source-table tutorial):
 * sky sources are PSF fluxes measured on blank sky, so their true flux is 0
 * and psfFlux / psfFluxErr should be N(0, 1) if the reported errors are right.
 * Per band: centre (mean, median) and width (std, 1.4826 MAD) of psfFlux and
 * of psfFlux / psfFluxErr, each with its standard error, and histograms. A
 * width of f/e above 1 means the errors are under-estimated by that factor.
 */
import { type Column, toFloat64 } from "../frame/column.js";
import { ArgumentError, ColumnNotFoundError, InsufficientDataError } from "../frame/errors.js";
import type { NestedFrame } from "../frame/nested-frame.js";
import { type BinSpec, Histogram, type HistogramJSON, bins } from "../stats/histogram.js";
import { Moments } from "../stats/moments.js";
import { median } from "../stats/quantile.js";
import { madSigma } from "../stats/robust-sigma.js";
import { bandOrder } from "./band-light-curves.js";
import { textTable } from "./validate-format.js";

export interface SkySourceOptions {
  /** Bands to check (default: every band with sky sources, in ugrizy order). */
  readonly bands?: readonly string[];
  /** Column names (defaults: DP1's `sky_source`, `band`, `psfFlux`, `psfFluxErr`). */
  readonly sky?: string;
  readonly band?: string;
  readonly flux?: string;
  readonly fluxErr?: string;
  /** Flag columns that drop a sky source (default `["psfFlux_flag"]` when present). */
  readonly flags?: readonly string[];
  /** Bins of the f/e histogram (default -6..6 by 0.2). */
  readonly pullBins?: BinSpec;
}

/** Centre and width of one sample, each with its standard error (for normal data). */
export interface SampleSummary {
  readonly n: number;
  readonly mean: number;
  readonly meanErr: number;
  readonly median: number;
  readonly medianErr: number;
  /** Sample std (ddof 1) and its error sigma/2 sqrt(2/(n-1) + g2/n) with g2 the excess kurtosis. */
  readonly std: number;
  readonly stdErr: number;
  /** 1.4826 MAD and its error 1.1664 sigma / sqrt(n) (asymptotic, normal data). */
  readonly madSigma: number;
  readonly madSigmaErr: number;
  readonly histogram: HistogramJSON;
}

/** One band's sky sources: their flux (nJy) and flux over reported error. */
export interface SkySourceBand {
  readonly band: string;
  /** Sky sources of the band, and how many were dropped (flagged, non-finite flux, error <= 0). */
  readonly nSky: number;
  readonly dropped: number;
  /** Median reported error (nJy): the width psfFlux should have. */
  readonly medianErr: number;
  readonly flux: SampleSummary;
  /** psfFlux / psfFluxErr: width 1 for correct errors; its std estimates the error scale. */
  readonly pull: SampleSummary;
}

export interface SkySourceCheck {
  readonly bands: readonly SkySourceBand[];
  readonly columns: { readonly sky: string; readonly band: string; readonly flux: string; readonly fluxErr: string; readonly flags: readonly string[] };
}

/**
 * Centre and width of `x` with their standard errors and a histogram over `spec`.
 *
 * @example
 * const s = summarizeSample(Float64Array.of(-1, 0, 1, 2), bins(-3, 3, 1));
 * [s.mean, s.median, s.std]; // [0.5, 0.5, 1.2909944487358056]
 */
export function summarizeSample(x: Float64Array, spec: BinSpec): SampleSummary {
  const n = x.length;
  if (n < 2) throw new InsufficientDataError(`summarizeSample needs at least 2 values, got ${n}.`);
  const m = new Moments();
  m.addAll(x);
  const h = new Histogram(spec);
  h.addAll(x);
  const std = m.std;
  const g2 = Number.isFinite(m.kurtosis) ? m.kurtosis : 0;
  const mad = madSigma(x);
  return {
    n,
    mean: m.mean,
    meanErr: std / Math.sqrt(n),
    median: median(x),
    medianErr: Math.sqrt(Math.PI / 2) * (std / Math.sqrt(n)),
    std,
    stdErr: (std / 2) * Math.sqrt(Math.max(0, 2 / (n - 1) + g2 / n)),
    madSigma: mad,
    madSigmaErr: (1.1664 * mad) / Math.sqrt(n),
    histogram: h.toJSON(),
  };
}

function need(frame: NestedFrame, name: string, what: string): Column {
  if (!frame.baseNames.includes(name)) throw new ColumnNotFoundError(name, frame.baseNames, `the sources (${what})`);
  return frame.column(name);
}

/** Flux bins of about a quarter of the median error, over +-6 median errors. */
function fluxBins(medianErr: number): BinSpec {
  const w = Number((medianErr / 4).toPrecision(1)) || 1;
  return bins(-24 * w, 24 * w, w);
}

/**
 * Check reported flux errors with sky sources, per band: the width of
 * psfFlux / psfFluxErr (std and 1.4826 MAD, with standard errors) should be
 * 1, its centre 0. `sources` is a flat Source table (e.g. from readDpddTable
 * with the `dp1Source` mapping); rows that are not sky sources are ignored.
 *
 * @example
 * const sources = await readDpddTable("data-samples/dp1_source_tables/source/visit_{visit}.parquet", "dp1Source");
 * const check = skySourceFluxCheck(sources);
 * const r = check.bands.find((b) => b.band === "r")!;
 * `${r.pull.std.toFixed(3)} +/- ${r.pull.stdErr.toFixed(3)}`; // "1.096 +/- 0.016" (the sample injects 1.1)
 */
export function skySourceFluxCheck(sources: NestedFrame, options: SkySourceOptions = {}): SkySourceCheck {
  const names = { sky: options.sky ?? "sky_source", band: options.band ?? "band", flux: options.flux ?? "psfFlux", fluxErr: options.fluxErr ?? "psfFluxErr" };
  const flags = options.flags ?? (sources.baseNames.includes("psfFlux_flag") ? ["psfFlux_flag"] : []);
  const sky = need(sources, names.sky, "sky-source flag");
  const band = need(sources, names.band, "band");
  if (band.type !== "dict") throw new ArgumentError(`Column "${names.band}" is ${band.type}; expected the band names (strings).`);
  if (sky.type !== "bool" && sky.type !== "uint8") throw new ArgumentError(`Column "${names.sky}" is ${sky.type}; expected bool (true for a sky source).`);
  const f = toFloat64(need(sources, names.flux, "PSF flux"), names.flux);
  const e = toFloat64(need(sources, names.fluxErr, "PSF flux error"), names.fluxErr);
  // One mask of usable rows (finite flux, error > 0, no flag set), built once.
  const usable = new Uint8Array(f.length);
  for (let i = 0; i < f.length; i++) usable[i] = e[i]! > 0 && Number.isFinite(e[i]!) && Number.isFinite(f[i]!) ? 1 : 0;
  for (const name of flags) {
    const c = need(sources, name, "flag");
    if (c.type === "dict" || c.type === "int64") throw new ArgumentError(`Flag column "${name}" is ${c.type}; expected bool.`);
    const v = c.values;
    for (let i = 0; i < f.length; i++) if (v[i]) usable[i] = 0;
  }
  const isSky = new Uint8Array(f.length);
  for (let i = 0; i < f.length; i++) isSky[i] = sky.values[i] && (!sky.valid || sky.valid[i]) ? 1 : 0;
  const present = [...new Set(Array.from(band.codes, (c, i) => (isSky[i] ? band.dictionary[c]! : "")).filter((b) => b !== ""))];
  const wanted = options.bands ?? bandOrder(present);
  const out: SkySourceBand[] = [];
  const fx = new Float64Array(f.length);
  const pulls = new Float64Array(f.length);
  const errs = new Float64Array(f.length);
  for (const b of wanted) {
    const code = band.dictionary.indexOf(b);
    let nSky = 0;
    let k = 0;
    for (let i = 0; i < f.length; i++) {
      if (band.codes[i] !== code || !isSky[i]) continue;
      nSky++;
      if (!usable[i]) continue;
      fx[k] = f[i]!;
      errs[k] = e[i]!;
      pulls[k++] = f[i]! / e[i]!;
    }
    if (nSky === 0) throw new ArgumentError(`No sky sources in band "${b}"; bands with sky sources: ${present.join(", ") || "(none)"}.`);
    const medianErr = median(errs.subarray(0, k));
    out.push({
      band: b,
      nSky,
      dropped: nSky - k,
      medianErr,
      flux: summarizeSample(fx.slice(0, k), fluxBins(medianErr)),
      pull: summarizeSample(pulls.slice(0, k), options.pullBins ?? bins(-6, 6, 0.2)),
    });
  }
  return { bands: out, columns: { ...names, flags } };
}

/**
 * The check as a text table: per band, sky sources used, centre and width of
 * f/e with their errors, and the width of psfFlux against the median error.
 *
 * @example
 * formatSkySourceCheck(skySourceFluxCheck(await readDpddTable("data-samples/dp1_source_tables/source/visit_{visit}.parquet", "dp1Source")));
 * // band   n sky  used  f/e mean  f/e median  f/e std          f/e 1.4826 MAD   flux std (nJy)  median err (nJy)
 */
export function formatSkySourceCheck(check: SkySourceCheck): string {
  const pm = (x: number, e: number) => `${x.toFixed(3)} +/- ${e.toFixed(3)}`;
  const header = ["band", "n sky", "used", "f/e mean", "f/e median", "f/e std", "f/e 1.4826 MAD", "flux std (nJy)", "median err (nJy)"];
  const rows = check.bands.map((b) => [
    b.band,
    String(b.nSky),
    String(b.pull.n),
    pm(b.pull.mean, b.pull.meanErr),
    pm(b.pull.median, b.pull.medianErr),
    pm(b.pull.std, b.pull.stdErr),
    pm(b.pull.madSigma, b.pull.madSigmaErr),
    b.flux.std.toFixed(1),
    b.medianErr.toFixed(1),
  ]);
  return textTable(header, rows, 1);
}
