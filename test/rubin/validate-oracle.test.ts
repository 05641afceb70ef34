/**
 * Oracle: the DP1 recipe in DuckDB SQL on the flat per-visit files must give
 * the same naive-pull histogram, bin for bin, as validateFluxErrors (with the
 * variability screen off, since the recipe has none).
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { readFlat } from "../../src/io/flat.js";
import { FORCED_SOURCE_FLAGS } from "../../src/rubin/products.js";
import { validateFluxErrors } from "../../src/rubin/validate.js";

const FILES = "data-samples/forced_source_visits/*.parquet";

async function duckdbHistograms(flux: string): Promise<Map<string, { counts: number[]; under: number; over: number }>> {
  const db = await DuckDBInstance.create(":memory:", { threads: "2" });
  const con = await db.connect();
  const sql = `
    with clean as (
      select objectId, band, ${flux}::double as f, ${flux}Err::double as e
      from read_parquet('${FILES}')
      where not (${FORCED_SOURCE_FLAGS.join(" or ")})
        and isfinite(${flux}) and ${flux}Err > 0 and isfinite(${flux}Err)
    ),
    lc as (
      select objectId, band, count(*) as n, sum(f / (e * e)) / sum(1 / (e * e)) as mu
      from clean group by objectId, band
    ),
    pulls as (
      select c.objectId, c.band, (c.f - lc.mu) / c.e as pull
      from clean c join lc using (objectId, band) where lc.n >= 10
    ),
    kept as (
      select * from pulls where (objectId, band) not in (
        select (objectId, band) from pulls group by objectId, band having max(abs(pull)) > 10)
    )
    select band, floor((pull - (-10)) / 0.1)::bigint as bin, count(*)::bigint as n from kept group by band, bin order by band, bin`;
  const rows = (await con.runAndReadAll(sql)).getRows() as Array<[string, bigint, bigint]>;
  con.closeSync();
  const out = new Map<string, { counts: number[]; under: number; over: number }>();
  for (const [band, bin, n] of rows) {
    const h = out.get(band) ?? { counts: new Array<number>(200).fill(0), under: 0, over: 0 };
    const k = Number(bin);
    if (k < 0) h.under += Number(n);
    else if (k >= 200) h.over += Number(n);
    else h.counts[k] = Number(n);
    out.set(band, h);
  }
  return out;
}

describe("naive-pull histograms against DuckDB SQL", () => {
  for (const flux of ["psfFlux", "psfDiffFlux"]) {
    it(`${flux}: every band, bin for bin, on the flat per-visit files`, async () => {
      const frame = await readFlat("data-samples/forced_source_visits", { on: "objectId", name: "lc" });
      const v = validateFluxErrors(frame, { flux, screen: false });
      const sql = await duckdbHistograms(flux);
      expect([...sql.keys()].sort()).toEqual(v.groups.map((g) => g.band).sort());
      for (const g of v.groups) {
        const h = sql.get(g.band)!;
        expect(g.histogram.counts, g.band).toEqual(h.counts);
        expect(g.histogram.underflow, g.band).toBe(h.under);
        expect(g.histogram.overflow, g.band).toBe(h.over);
        expect(h.counts.reduce((a, b) => a + b, 0) + h.under + h.over).toBe(g.nPoints);
      }
    });
  }
});
