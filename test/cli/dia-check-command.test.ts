import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/run.js";
import { capture } from "./fixtures/capture.js";
import { toFloat64 } from "../../src/frame/column.js";
import { readHats } from "../../src/io/hats-read.js";
import { writeParquet } from "../../src/io/parquet-write.js";

afterEach(() => vi.restoreAllMocks());

describe("nested-lc dia-check", () => {
  it("prints the agreement table of the DIA sample, exits 0 and writes the JSON with exact ids", async () => {
    const io = capture();
    const dir = await mkdtemp(join(tmpdir(), "nlc-dia-"));
    const json = join(dir, "check.json");
    expect(await main(["dia-check", "data-samples/dp1_dia_object_collection", "--bands", "r", "--json", json])).toBe(0);
    expect(io.out()).toMatch(/r\s+Ndata\s+3000\s+3000\s+0\s+0\s+0/);
    expect(io.out()).toContain("every compared value agrees");
    const parsed = JSON.parse(await readFile(json, "utf8")) as { ok: boolean; rows: { worst: { id: string }[] }[] };
    expect(parsed.ok).toBe(true);
    expect(parsed.rows[0]!.worst[0]!.id).toMatch(/^609000000000\d{6}$/);
    await rm(dir, { recursive: true });
  });

  it("exits 1 and names the object whose stored mean was changed", async () => {
    const io = capture();
    const dia = await readHats("data-samples/dp1_dia_object_collection");
    const k = Array.from(dia.numbers("g_psfFluxNdata")).findIndex((n) => n > 0);
    const mean = Float64Array.from(toFloat64(dia.column("g_psfFluxMean")));
    mean[k] = mean[k]! + 1;
    const dir = await mkdtemp(join(tmpdir(), "nlc-dia-"));
    const file = join(dir, "dia.parquet");
    await writeParquet(dia.withColumns({ g_psfFluxMean: { type: "float64", values: mean } }), file);
    expect(await main(["dia-check", file, "--bands", "g"])).toBe(1);
    expect(io.out()).toContain("1 object(s) disagree");
    expect(io.out()).toContain(String(dia.bigints("diaObjectId")[k]));
    await rm(dir, { recursive: true });
  });

  it("is a usage error (exit 2) for a negative tolerance", async () => {
    const io = capture();
    expect(await main(["dia-check", "data-samples/dp1_dia_object_collection", "--rtol", "-1"])).toBe(2);
    expect(io.err()).toContain("--rtol needs a number >= 0");
  });
});
