/**
 * Cross-check of the precomputed DiaObject columns (`{b}_psfFluxMean`,
 * `MeanErr`, `Sigma`, `Chi2`, `Ndata`) against the same numbers recomputed from
 * the nested DiaSources (recomputeDiaObjectSummaries): per band and column, how
 * many objects were compared, how many agree within tolerance, the largest
 * differences, where one side is NaN and the other not, and the worst objects
 * by id.
 *
 * Tolerance: |stored - recomputed| <= atol + rtol max(|stored|, |recomputed|, scale),
 * default rtol 1e-6, atol 0, where `scale` is the statistic's natural unit: the
 * recomputed MeanErr for Mean, MeanErr and Sigma (nJy), 1 for Chi2 (a sum of
 * squared pulls), 0 for Ndata (counts must be equal). Why 1e-6: DP1 stores
 * these columns as float32, and rounding a float64 result to float32 moves it by
 * up to 2^-24 ~ 6e-8 relative, while summing in another order moves a float64
 * sum by ~1e-15; 1e-6 is 16x the storage rounding, so a difference beyond it is
 * a different computation (other sources, flags, another mean). Why the scale:
 * a value at or near zero has no relative precision (a single source's Chi2 is
 * 0 exactly in one computation and 1e-30 in another; a mean of positive and
 * negative difference fluxes can sit near 0), but it is known to a fraction of
 * its own error.
 */
import { toFloat64 } from "../frame/column.js";
import { SchemaError } from "../frame/errors.js";
import type { NestedFrame } from "../frame/nested-frame.js";
import { bandOrder } from "./band-light-curves.js";
import { DIA_SUMMARY_STATISTICS, type DiaSummaryOptions, type DiaSummaryStatistic, diaSummaryColumn, recomputeDiaObjectSummaries } from "./dia-summary.js";
import { textTable } from "./validate-format.js";

export interface DiaSummaryCheckOptions extends DiaSummaryOptions {
  /** The DiaObject id column, int64 (default "diaObjectId"). */
  readonly id?: string;
  /** Relative tolerance (default 1e-6) and absolute tolerance (default 0). */
  readonly rtol?: number;
  readonly atol?: number;
  /** How many of the worst objects each row lists (default 5). */
  readonly worst?: number;
}

/** One object's stored and recomputed value. */
export interface SummaryDifference {
  readonly id: bigint;
  readonly stored: number;
  readonly recomputed: number;
  /** |stored - recomputed|, NaN where one of them is NaN. */
  readonly absDiff: number;
  /** absDiff / max(|stored|, |recomputed|, scale) (see the module notes; 0 when all are 0), Infinity where one of them is NaN. */
  readonly relDiff: number;
  readonly agrees: boolean;
}

/** The agreement of one stored column with its recomputation. */
export interface SummaryAgreement {
  readonly band: string;
  readonly statistic: DiaSummaryStatistic;
  readonly column: string;
  /** Objects where both values are numbers. */
  readonly compared: number;
  /** Of those, within tolerance. */
  readonly agree: number;
  /** One value NaN (or null), the other a number. */
  readonly nanMismatch: number;
  /** Both NaN (e.g. Sigma of a single source): agreeing, not compared. */
  readonly bothNaN: number;
  /** Largest differences over the compared objects (0 when none). */
  readonly maxAbsDiff: number;
  readonly maxRelDiff: number;
  /** The worst objects: NaN mismatches first, then by relative difference. */
  readonly worst: readonly SummaryDifference[];
}

export interface DiaSummaryCheck {
  readonly nest: string;
  readonly flux: string;
  readonly objects: number;
  readonly rtol: number;
  readonly atol: number;
  readonly bands: readonly string[];
  readonly rows: readonly SummaryAgreement[];
  /** Stored columns expected for the bands but absent (not checked). */
  readonly missing: readonly string[];
  /** Ids of the objects with any disagreement or NaN mismatch, in frame order. */
  readonly disagreeing: BigInt64Array;
  /** True when every compared value agrees and no NaN pattern differs. */
  readonly ok: boolean;
}

/** Keep the `k` worst differences in `list`, worst first (a small insertion sort: k is a handful). */
function pushWorst(list: SummaryDifference[], d: SummaryDifference, k: number): void {
  if (k === 0) return;
  const worse = (a: SummaryDifference, b: SummaryDifference) => a.relDiff > b.relDiff || (a.relDiff === b.relDiff && a.absDiff > b.absDiff);
  if (list.length === k && !worse(d, list[k - 1]!)) return;
  let at = list.length < k ? list.length : k - 1;
  while (at > 0 && worse(d, list[at - 1]!)) at--;
  list.splice(at, 0, d);
  if (list.length > k) list.pop();
}

/** Compare one stored column with its recomputation; marks disagreeing objects in `bad`. */
function agreement(band: string, statistic: DiaSummaryStatistic, column: string, stored: Float64Array, recomputed: Float64Array, scale: Float64Array | number, ids: BigInt64Array, o: { rtol: number; atol: number; worst: number }, bad: Uint8Array): SummaryAgreement {
  let compared = 0;
  let agree = 0;
  let nanMismatch = 0;
  let bothNaN = 0;
  let maxAbsDiff = 0;
  let maxRelDiff = 0;
  const worst: SummaryDifference[] = [];
  for (let i = 0; i < stored.length; i++) {
    const a = stored[i]!;
    const b = recomputed[i]!;
    const aNaN = a !== a;
    const bNaN = b !== b;
    if (aNaN && bNaN) {
      bothNaN++;
      continue;
    }
    let absDiff = NaN;
    let relDiff = Infinity;
    let agrees = false;
    if (aNaN || bNaN) {
      nanMismatch++;
    } else {
      compared++;
      absDiff = Math.abs(a - b);
      const unit = typeof scale === "number" ? scale : scale[i]!;
      const size = Math.max(Math.abs(a), Math.abs(b), unit > 0 ? unit : 0);
      relDiff = size === 0 ? 0 : absDiff / size;
      agrees = absDiff <= o.atol + o.rtol * size;
      if (agrees) agree++;
      if (absDiff > maxAbsDiff) maxAbsDiff = absDiff;
      if (relDiff > maxRelDiff) maxRelDiff = relDiff;
    }
    if (!agrees) bad[i] = 1;
    // Only a value worse than the last kept one is a candidate (no object built for the rest).
    if (o.worst > 0 && (worst.length < o.worst || relDiff > worst[worst.length - 1]!.relDiff || (relDiff === worst[worst.length - 1]!.relDiff && absDiff > worst[worst.length - 1]!.absDiff))) {
      pushWorst(worst, { id: ids[i]!, stored: a, recomputed: b, absDiff, relDiff, agrees }, o.worst);
    }
  }
  return { band, statistic, column, compared, agree, nanMismatch, bothNaN, maxAbsDiff, maxRelDiff, worst };
}

/**
 * Recompute the DiaObject summary columns from the nested DiaSources and
 * compare them with the stored ones, per band and statistic. Bands default to
 * ugrizy and any band of the nest, kept where the frame has a stored column;
 * stored columns expected but absent are listed in `missing`.
 *
 * @example
 * const dia = simulateDiaObjects({ seed: 1, nDiaObjects: 200 }).diaObjects;
 * const check = checkDiaObjectSummaries(dia);
 * check.ok; // true: the simulator wrote these columns from the same sources
 * check.rows.find((r) => r.column === "r_psfFluxChi2")!.agree; // every object with an r source
 */
export function checkDiaObjectSummaries(frame: NestedFrame, options: DiaSummaryCheckOptions = {}): DiaSummaryCheck {
  const nest = options.nest ?? "diaSource";
  const flux = options.flux ?? "psfFlux";
  const idName = options.id ?? "diaObjectId";
  const o = { rtol: options.rtol ?? 1e-6, atol: options.atol ?? 0, worst: options.worst ?? 5 };
  const ids = frame.bigints(idName);
  const base = new Set(frame.baseNames);
  const has = (b: string) => DIA_SUMMARY_STATISTICS.some((s) => base.has(diaSummaryColumn(b, s, flux)));
  const recomputed = recomputeDiaObjectSummaries(frame, { ...options, nest, flux, bands: undefined });
  const present = new Set(Object.keys(recomputed).map((name) => name.slice(0, name.indexOf("_"))));
  const bands = options.bands ?? bandOrder([...new Set(["u", "g", "r", "i", "z", "y", ...present])]).filter(has);
  if (bands.length === 0) {
    throw new SchemaError(`No DiaObject summary column such as "g_${flux}Mean" in this frame (base columns: ${frame.baseNames.join(", ")}); nothing to check against the nested "${nest}".`);
  }
  const again = options.bands ? recomputeDiaObjectSummaries(frame, { ...options, nest, flux }) : recomputed;
  const bad = new Uint8Array(frame.length);
  const rows: SummaryAgreement[] = [];
  const missing: string[] = [];
  for (const b of bands) {
    for (const s of DIA_SUMMARY_STATISTICS) {
      const name = diaSummaryColumn(b, s, flux);
      if (!base.has(name)) {
        missing.push(name);
        continue;
      }
      const computed = toFloat64(again[name]!, name);
      const scale = s === "Chi2" ? 1 : s === "Ndata" ? 0 : toFloat64(again[diaSummaryColumn(b, "MeanErr", flux)]!);
      rows.push(agreement(b, s, name, toFloat64(frame.column(name), name), computed, scale, ids, o, bad));
    }
  }
  let n = 0;
  for (let i = 0; i < bad.length; i++) n += bad[i]!;
  const disagreeing = new BigInt64Array(n);
  for (let i = 0, k = 0; i < bad.length; i++) if (bad[i] === 1) disagreeing[k++] = ids[i]!;
  return { nest, flux, objects: frame.length, rtol: o.rtol, atol: o.atol, bands, rows, missing, disagreeing, ok: n === 0 };
}

const num = (x: number) => (x !== x ? "NaN" : x === 0 ? "0" : Math.abs(x) >= 1e-3 && Math.abs(x) < 1e6 ? String(Number(x.toPrecision(6))) : x.toExponential(2));

/**
 * The check as a terminal table: one line per band and statistic, then the worst disagreeing objects.
 *
 * @example
 * console.log(formatDiaSummaryCheck(checkDiaObjectSummaries(simulateDiaObjects({ seed: 1, nDiaObjects: 200 }).diaObjects)));
 */
export function formatDiaSummaryCheck(check: DiaSummaryCheck): string {
  const head = `DiaObject ${check.flux} summaries recomputed from "${check.nest}": ${check.objects} objects, agree when |d| <= ${check.atol} + ${check.rtol} x max(|stored|, |recomputed|, scale: MeanErr for Mean/MeanErr/Sigma, 1 for Chi2)`;
  const rows = check.rows.map((r) => [r.band, r.statistic, String(r.compared), String(r.agree), String(r.compared - r.agree), String(r.nanMismatch), String(r.bothNaN), num(r.maxAbsDiff), num(r.maxRelDiff)]);
  const table = textTable(["band", "statistic", "compared", "agree", "differ", "NaN mismatch", "both NaN", "max |d|", "max rel"], rows, 2);
  const lines = [head, table];
  if (check.missing.length > 0) lines.push(`not stored, not checked: ${check.missing.join(", ")}`);
  const bad = check.rows.flatMap((r) => r.worst.filter((d) => !d.agrees).map((d) => [r.column, d.id.toString(), num(d.stored), num(d.recomputed), num(d.relDiff)]));
  if (bad.length > 0) lines.push("", `${check.disagreeing.length} object(s) disagree; worst per column:`, textTable(["column", "diaObjectId", "stored", "recomputed", "rel diff"], bad, 2));
  else lines.push("", "every compared value agrees and every NaN is NaN on both sides");
  return lines.join("\n");
}
