/**
 * Oracle: DuckDB computes per-object count and weighted mean from a flat parquet
 * file; readFlat + a plain loop over the offsets must agree (ids exactly, means
 * to 1e-12 relative).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, describe, expect, it } from "vitest";
import { type Int64Column, type NumberColumn, makeColumn } from "../../src/frame/column.js";
import { NestedFrame } from "../../src/frame/nested-frame.js";
import { readFlat } from "../../src/io/flat.js";
import { writeParquet } from "../../src/io/parquet-write.js";

const dir = mkdtempSync(join(tmpdir(), "nested-lc-oracle-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Deterministic LCG so the test needs no seed library. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe("DuckDB oracle", () => {
  it("per-object count and weighted mean agree with DuckDB, ids matched as bigint", async () => {
    const rnd = lcg(42);
    const n = 20_000;
    const nObj = 700;
    const base = 1n << 62n; // far past 2^53
    const objectId = new BigInt64Array(n);
    const psfFlux = new Float32Array(n);
    const psfFluxErr = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      objectId[i] = base + BigInt(Math.floor(rnd() ** 2 * nObj)) * 7919n; // uneven light-curve lengths, unsorted
      psfFlux[i] = 1000 * (rnd() - 0.3);
      psfFluxErr[i] = 1 + 50 * rnd();
    }
    const path = join(dir, "flat.parquet");
    await writeParquet(new NestedFrame({ base: { objectId: makeColumn(objectId), psfFlux: makeColumn(psfFlux), psfFluxErr: makeColumn(psfFluxErr) } }), path, { rowGroupSize: 5000 });

    const db = await DuckDBInstance.create(":memory:", { threads: "1" });
    const con = await db.connect();
    const r = await con.runAndReadAll(
      `select objectId, count(*) as n,
              sum(psfFlux::double / (psfFluxErr::double * psfFluxErr::double)) / sum(1 / (psfFluxErr::double * psfFluxErr::double)) as wmean
       from read_parquet('${path}') group by objectId order by objectId`,
    );
    const rows = r.getRows() as Array<[bigint, bigint, number]>;
    con.closeSync();

    const f = await readFlat(path, { on: "objectId", name: "lc" });
    const ids = f.column("objectId") as Int64Column;
    const o = f.nest("lc").offsets;
    const flux = (f.column("lc.psfFlux") as NumberColumn).values as Float32Array;
    const err = (f.column("lc.psfFluxErr") as NumberColumn).values as Float32Array;
    expect(ids.type).toBe("int64");
    expect(f.length).toBe(rows.length);
    for (let i = 0; i < f.length; i++) {
      let sw = 0;
      let swf = 0;
      for (let k = o[i]!; k < o[i + 1]!; k++) {
        const w = 1 / (err[k]! * err[k]!);
        sw += w;
        swf += flux[k]! * w;
      }
      const [id, count, wmean] = rows[i]!;
      expect(ids.values[i]).toBe(id);
      expect(o[i + 1]! - o[i]!).toBe(Number(count));
      expect(Math.abs(swf / sw - wmean)).toBeLessThanOrEqual(1e-12 * Math.max(1e-300, Math.abs(wmean)));
    }
  });
});
