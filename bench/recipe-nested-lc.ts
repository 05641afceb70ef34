/**
 * The flux-error recipe with nested-lc: drop flagged and non-finite rows, one
 * light curve per (object, band), keep those with >= 10 points and no point
 * beyond 10 sigma of the weighted mean, naive pulls, per-band histograms.
 */
import type { NestedFrame } from "../src/index.js";
import { RECIPE_COLUMNS, RECIPE_FLAGS } from "./forced-source-data.js";
import { type BandHistograms, HI, LO, WIDTH } from "./histograms.js";
import type { NestedLc } from "./lib.js";

/** The row cut on flat rows (`lc.` prefixed for the nested frame). */
const rowCut = (prefix: string) =>
  `not (${RECIPE_FLAGS.map((f) => prefix + f).join(" or ")}) and isfinite(${prefix}psfFlux) and ${prefix}psfFluxErr > 0 and isfinite(${prefix}psfFluxErr)`;

/**
 * Cold: the parquet file on disk to per-band histograms. The row cut runs in the
 * decode threads (readParquet's `filter`), so only clean rows of the four
 * columns the rest needs reach this thread, grouped by object with fromFlat.
 */
export async function coldRecipe(lib: NestedLc, file: string, threads: number): Promise<BandHistograms> {
  const clean = await lib.readParquet(file, { columns: ["objectId", "band", "psfFlux", "psfFluxErr"], filter: rowCut(""), threads });
  return histogramsOfClean(lib, lib.fromFlat(clean, { on: "objectId", name: "lc" }));
}

/** The file as a NestedFrame of objects with nest `lc` of every recipe column (what warm starts from). */
export async function loadObjects(lib: NestedLc, file: string, threads: number): Promise<NestedFrame> {
  const flat = await lib.readParquet(file, { columns: [...RECIPE_COLUMNS], threads });
  return lib.fromFlat(flat, { on: "objectId", name: "lc" });
}

/** Warm: objects already in memory (with their flags) to per-band histograms. */
export function warmRecipe(lib: NestedLc, objects: NestedFrame): BandHistograms {
  return histogramsOfClean(lib, objects.query(rowCut("lc.")));
}

/** From clean observations (nest `lc`): light curves per band, the cuts, pulls and histograms. */
function histogramsOfClean(lib: NestedLc, clean: NestedFrame): BandHistograms {
  const perBand = lib.bandLightCurves(clean, "lc", { fields: ["psfFlux", "psfFluxErr"] });
  const stats = perBand.reduce("lc", { n: "count()", mean: "wmean(psfFlux, psfFluxErr)", maxPull: "maxAbsPull(psfFlux, psfFluxErr)" });
  const kept = stats.query("n >= 10 and maxPull <= 10");
  const { offsets, values } = kept.lightCurveArrays("lc", ["psfFlux", "psfFluxErr"]);
  const mean = kept.numbers("mean");
  if (!(mean instanceof Float64Array)) throw new Error("the weighted means are not float64");
  const pulls = lib.naivePulls(offsets, values[0]!, values[1]!, mean);
  const band = kept.column("band");
  if (band.type !== "dict") throw new Error("band is not a dictionary column");
  const hs = band.dictionary.map(() => new lib.Histogram(lib.bins(LO, HI, WIDTH)));
  const codes = band.codes;
  for (let i = 0; i < kept.length; i++) {
    const h = hs[codes[i]!]!;
    for (let r = offsets[i]!; r < offsets[i + 1]!; r++) h.add(pulls[r]!);
  }
  const out: BandHistograms = {};
  band.dictionary.forEach((b, k) => {
    const h = hs[k]!;
    if (h.total + h.underflow + h.overflow > 0) out[b] = { counts: Array.from(h.counts), underflow: h.underflow, overflow: h.overflow };
  });
  return out;
}
