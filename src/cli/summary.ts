/**
 * A first look at a nested catalog: how many objects and observations, how
 * they split by band, how long the light curves are, and how many observations
 * carry a flag or a non-finite flux. Built from the library's own verbs
 * (countNested, describe, query) so the summary is itself a use of the API.
 */
import type { NestedFrame } from "../frame/nested-frame.js";
import { bandOrder } from "../rubin/band-light-curves.js";

export interface NestSummary {
  readonly nest: string;
  readonly observations: number;
  /** Observations per band (when the nest has a `band` field). */
  readonly perBand: Readonly<Record<string, number>>;
  /** Light-curve length: min, 25%, median, 75%, max, mean. */
  readonly length: { min: number; q25: number; median: number; q75: number; max: number; mean: number };
  /** Objects whose light curve has one observation. */
  readonly singleObservation: number;
  /** Bool fields counted as flags. */
  readonly flagColumns: readonly string[];
  /** Observations with at least one flag set. */
  readonly flagged: number;
  /** Observations whose flux field is NaN or infinite, per flux field. */
  readonly nonFinite: Readonly<Record<string, number>>;
}

export interface FrameSummary {
  readonly objects: number;
  readonly baseColumns: number;
  readonly nests: readonly NestSummary[];
}

const isFlagName = (f: string): boolean => /flag/i.test(f);
const isFluxName = (f: string): boolean => /Flux$/.test(f);

/** Bands in wavelength order (ugrizy), others after them alphabetically. */
function sortBands(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(bandOrder(Object.keys(counts)).map((k) => [k, counts[k]!]));
}

/** Quote a field for the query language (backticks keep any name safe). */
const ref = (nest: string, field: string): string => `\`${nest}\`.\`${field}\``;

function summarizeNest(frame: NestedFrame, nest: string): NestSummary {
  const fields = frame.nest(nest).fields;
  const sizes = frame.countNested(nest);
  const perBand: Record<string, number> = {};
  if ("band" in fields) {
    const counted = frame.countNested(nest, { by: "band" });
    const prefix = `n_${nest}_`;
    for (const name of counted.baseNames) {
      if (!name.startsWith(prefix)) continue;
      let s = 0;
      for (const k of counted.numbers(name)) s += k;
      perBand[name.slice(prefix.length)] = s;
    }
  }
  const d = sizes.describe([`n_${nest}`]);
  const stat = (s: string) => d.numbers(s)[0]!;
  let single = 0;
  for (const k of sizes.numbers(`n_${nest}`)) if (k === 1) single++;

  const only = frame.select([nest]);
  const observations = only.observationCount;
  const flagColumns = Object.keys(fields).filter((f) => fields[f]!.type === "bool" && isFlagName(f));
  const flagged =
    flagColumns.length === 0 ? 0 : observations - only.query(`not (${flagColumns.map((f) => ref(nest, f)).join(" or ")})`).observationCount;
  const nonFinite: Record<string, number> = {};
  for (const f of Object.keys(fields).filter(isFluxName)) {
    if (!fields[f]!.type.startsWith("float")) continue;
    nonFinite[f] = observations - only.query(`isfinite(${ref(nest, f)})`).observationCount;
  }
  return {
    nest,
    observations,
    perBand: sortBands(perBand),
    length: { min: stat("min"), q25: stat("25%"), median: stat("50%"), q75: stat("75%"), max: stat("max"), mean: stat("mean") },
    singleObservation: single,
    flagColumns,
    flagged,
    nonFinite,
  };
}

/**
 * Summarise a frame and each of its nested columns.
 *
 * @example
 * const s = summarizeFrame(frame);
 * s.nests[0].perBand; // { g: 1200, r: 1350, ... }
 */
export function summarizeFrame(frame: NestedFrame): FrameSummary {
  return { objects: frame.length, baseColumns: frame.baseNames.length, nests: frame.nestedNames.map((n) => summarizeNest(frame, n)) };
}

const pct = (k: number, n: number): string => (n === 0 ? "0%" : `${((100 * k) / n).toFixed(2)}%`);

/** The summary as indented text lines for the terminal. */
export function formatSummary(title: string, s: FrameSummary): string {
  const lines = [title, `  objects: ${s.objects} (${s.baseColumns} base columns)`];
  for (const n of s.nests) {
    lines.push(`  ${n.nest}: ${n.observations} observations`);
    const bands = Object.entries(n.perBand);
    if (bands.length > 0) lines.push(`    per band: ${bands.map(([b, k]) => `${b} ${k}`).join(", ")}`);
    const L = n.length;
    if (s.objects === 0) lines.push("    no objects, so no light curves");
    else
      lines.push(
        `    light-curve length: min ${L.min}, quartiles ${L.q25}/${L.median}/${L.q75}, max ${L.max}, mean ${L.mean.toFixed(1)}; ` +
          `${n.singleObservation} objects (${pct(n.singleObservation, s.objects)}) have a single observation`,
      );
    if (n.flagColumns.length > 0) lines.push(`    flagged: ${n.flagged} observations (${pct(n.flagged, n.observations)}) have any of ${n.flagColumns.length} flags set`);
    const nf = Object.entries(n.nonFinite).filter(([, k]) => k > 0);
    if (nf.length > 0) lines.push(`    non-finite: ${nf.map(([f, k]) => `${f} ${k}`).join(", ")}`);
  }
  return lines.join("\n");
}
