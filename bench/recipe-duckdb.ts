/**
 * The same recipe in DuckDB SQL (@duckdb/node-api), as test/rubin/validate-oracle
 * writes it, with the clip as a semi-join on the light curves that pass (DuckDB
 * plans that faster than the oracle's NOT IN over (objectId, band) pairs).
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { type BandHistograms, LO, WIDTH, addBin, emptyHistogram } from "./histograms.js";
import { RECIPE_COLUMNS, RECIPE_FLAGS } from "./forced-source-data.js";

type Connection = Awaited<ReturnType<Awaited<ReturnType<typeof DuckDBInstance.create>>["connect"]>>;

/** The recipe's SQL over `source` (a table name or a read_parquet(...) call). */
export function recipeSql(source: string): string {
  return `
    with clean as (
      select objectId, band, psfFlux::double as f, psfFluxErr::double as e
      from ${source}
      where not (${RECIPE_FLAGS.join(" or ")})
        and isfinite(psfFlux) and psfFluxErr > 0 and isfinite(psfFluxErr)
    ),
    lc as (
      select objectId, band, sum(f / (e * e)) / sum(1 / (e * e)) as mu
      from clean group by objectId, band having count(*) >= 10
    ),
    pulls as (
      select c.objectId, c.band, (c.f - lc.mu) / c.e as pull
      from clean c join lc using (objectId, band)
    ),
    passing as (
      select objectId, band from pulls group by objectId, band having max(abs(pull)) <= 10
    )
    select band, floor((pull - (${LO})) / ${WIDTH})::bigint as bin, count(*)::bigint as n
    from pulls semi join passing using (objectId, band)
    group by band, bin order by band, bin`;
}

async function runRecipe(con: Connection, source: string): Promise<BandHistograms> {
  const rows = (await con.runAndReadAll(recipeSql(source))).getRows() as Array<[string, bigint, bigint]>;
  const out: BandHistograms = {};
  for (const [band, bin, n] of rows) addBin((out[band] ??= emptyHistogram()), Number(bin), Number(n));
  return out;
}

async function open(threads: number): Promise<Connection> {
  const db = await DuckDBInstance.create(":memory:", { threads: String(threads) });
  return db.connect();
}

/** Cold: a fresh database with `threads` threads, the recipe straight on the parquet file. */
export async function coldRecipe(file: string, threads: number): Promise<BandHistograms> {
  const con = await open(threads);
  try {
    return await runRecipe(con, `read_parquet('${file}')`);
  } finally {
    con.closeSync();
  }
}

/** Warm: the recipe's columns loaded into an in-memory table (ordered by object, as the NestedFrame is). */
export async function loadTable(file: string, threads: number): Promise<{ run: () => Promise<BandHistograms>; close: () => void }> {
  const con = await open(threads);
  await con.run(`create table forced_source as select ${RECIPE_COLUMNS.join(", ")} from read_parquet('${file}') order by objectId`);
  return { run: () => runRecipe(con, "forced_source"), close: () => con.closeSync() };
}
