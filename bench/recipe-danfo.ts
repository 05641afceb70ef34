/**
 * The same recipe with danfo.js, the pandas-like JavaScript dataframe: the flat
 * rows in one DataFrame, light curves as groupby(["objectId", "band"]) and
 * merges back, as a danfo user would write it. Small size only: every step
 * materialises JavaScript arrays of row values.
 */
import { createRequire } from "node:module";
import type { DataFrame } from "danfojs";
import type { NestedFrame } from "../src/index.js";
import { type BandHistograms, LO, WIDTH, addBin, emptyHistogram } from "./histograms.js";
import { RECIPE_FLAGS } from "./forced-source-data.js";

type Danfo = typeof import("danfojs");
const dfd = createRequire(import.meta.url)("danfojs") as Danfo;

/** The flat rows as a danfo DataFrame: ids as exact decimal strings (danfo has no int64), bands as strings, flags as 0/1. */
export function toDataFrame(flat: NestedFrame): DataFrame {
  const ids = flat.bigints("objectId");
  const band = flat.column("band");
  if (band.type !== "dict") throw new Error("band is not a dictionary column");
  const data: Record<string, unknown[]> = {
    objectId: Array.from(ids, (v) => String(v)),
    band: Array.from(band.codes, (c) => band.dictionary[c]!),
    psfFlux: Array.from(flat.numbers("psfFlux")),
    psfFluxErr: Array.from(flat.numbers("psfFluxErr")),
  };
  for (const f of RECIPE_FLAGS) data[f] = Array.from(flat.numbers(f));
  return new dfd.DataFrame(data);
}

/** Warm: the DataFrame in memory to per-band histograms. */
export function warmRecipe(df: DataFrame): BandHistograms {
  let ok = df["psfFluxErr"].gt(0);
  for (const f of RECIPE_FLAGS) ok = ok.and(df[f].eq(0));
  ok = ok.and(df["psfFlux"].apply((x: number) => Number.isFinite(x))).and(df["psfFluxErr"].apply((x: number) => Number.isFinite(x)));
  const clean = df.loc({ rows: ok, columns: ["objectId", "band", "psfFlux", "psfFluxErr"] });
  const e2 = clean["psfFluxErr"].mul(clean["psfFluxErr"]);
  clean.addColumn("w", new dfd.Series(new Array<number>(clean.shape[0]).fill(1)).div(e2, { inplace: false }), { inplace: true });
  clean.addColumn("fw", clean["psfFlux"].div(e2), { inplace: true });
  const lc = clean.groupby(["objectId", "band"]).agg({ w: "sum", fw: "sum", psfFlux: "count" });
  const enough = lc.loc({ rows: lc["psfFlux_count"].ge(10) });
  enough.addColumn("mu", enough["fw_sum"].div(enough["w_sum"]), { inplace: true });
  const joined = dfd.merge({ left: clean, right: enough.loc({ columns: ["objectId", "band", "mu"] }), on: ["objectId", "band"], how: "inner" });
  joined.addColumn("pull", joined["psfFlux"].sub(joined["mu"]).div(joined["psfFluxErr"]), { inplace: true });
  joined.addColumn("absPull", joined["pull"].abs(), { inplace: true });
  const worst = joined.groupby(["objectId", "band"]).agg({ absPull: "max" });
  const passing = worst.loc({ rows: worst["absPull_max"].le(10), columns: ["objectId", "band"] });
  const kept = dfd.merge({ left: joined, right: passing, on: ["objectId", "band"], how: "inner" });
  const bands = kept["band"].values as string[];
  const pulls = kept["pull"].values as number[];
  const out: BandHistograms = {};
  for (let i = 0; i < pulls.length; i++) addBin((out[bands[i]!] ??= emptyHistogram()), Math.floor((pulls[i]! - LO) / WIDTH), 1);
  return out;
}
