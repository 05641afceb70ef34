import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { makeColumn } from "../../src/frame/column.js";
import { ArgumentError, ColumnNotFoundError, InsufficientDataError } from "../../src/frame/errors.js";
import { NestedFrame } from "../../src/frame/nested-frame.js";
import { bins } from "../../src/stats/bin-spec.js";
import { readDpddTable } from "../../src/rubin/dpdd-tables.js";
import { simulateSourceTables } from "../../src/rubin/sim-sources.js";
import { formatSkySourceCheck, skySourceFluxCheck, summarizeSample } from "../../src/rubin/sky-sources.js";
import { concatFrames } from "../../src/io/concat-frames.js";

describe("summarizeSample", () => {
  it("gives centre and width with their standard errors, computed by hand for -1, 0, 1, 2", () => {
    const s = summarizeSample(Float64Array.of(-1, 0, 1, 2), bins(-3, 3, 1));
    const std = Math.sqrt(5 / 3); // squared deviations from 0.5: 2.25 + 0.25 + 0.25 + 2.25 = 5, over n - 1
    const g2 = (4 * (5.0625 + 0.0625 + 0.0625 + 5.0625)) / 25 - 3; // n M4 / M2^2 - 3 = -1.36
    expect(s.n).toBe(4);
    expect(s.mean).toBe(0.5);
    expect(s.meanErr).toBeCloseTo(std / 2, 14);
    expect(s.median).toBe(0.5);
    expect(s.medianErr).toBeCloseTo(Math.sqrt(Math.PI / 2) * (std / 2), 14);
    expect(s.std).toBeCloseTo(std, 14);
    expect(s.stdErr).toBeCloseTo((std / 2) * Math.sqrt(2 / 3 + g2 / 4), 14);
    expect(s.madSigma).toBeCloseTo(1.4826, 14); // |x - 0.5| = 1.5, 0.5, 0.5, 1.5: median 1
    expect(s.madSigmaErr).toBeCloseTo((1.1664 * 1.4826) / 2, 14);
    expect(s.histogram.counts).toEqual([0, 0, 1, 1, 1, 1]);
  });

  it("needs two values", () => {
    expect(() => summarizeSample(Float64Array.of(1), bins(0, 1, 1))).toThrow(InsufficientDataError);
  });
});

/** Four sky sources and one real source in g, two sky sources in r; one flagged, one with a NaN flux. */
function sources(): NestedFrame {
  return new NestedFrame({
    base: {
      band: makeColumn(["g", "g", "g", "g", "g", "r", "r"]),
      sky_source: makeColumn(Uint8Array.of(1, 1, 1, 1, 0, 1, 1), "bool"),
      psfFlux: makeColumn(Float32Array.of(10, -30, 20, NaN, 5000, 4, -2)),
      psfFluxErr: makeColumn(Float32Array.of(10, 10, 20, 10, 50, 2, 2)),
      psfFlux_flag: makeColumn(Uint8Array.of(0, 0, 1, 0, 0, 0, 0), "bool"),
    },
  });
}

describe("skySourceFluxCheck", () => {
  it("uses only unflagged sky sources with finite fluxes, and counts the rest as dropped", () => {
    const c = skySourceFluxCheck(sources());
    expect(c.bands.map((b) => b.band)).toEqual(["g", "r"]);
    const [g, r] = c.bands;
    expect([g!.nSky, g!.dropped, g!.pull.n]).toEqual([4, 2, 2]);
    // g: f/e = 1 and -3
    expect(g!.pull.mean).toBe(-1);
    expect(g!.pull.std).toBeCloseTo(Math.SQRT2 * 2, 14);
    expect(g!.flux.mean).toBe(-10);
    expect(g!.medianErr).toBe(10);
    // r: f/e = 2 and -1
    expect(r!.pull.mean).toBe(0.5);
    expect(r!.pull.median).toBe(0.5);
    expect(r!.pull.std).toBeCloseTo(3 / Math.SQRT2, 14);
    expect(c.columns).toEqual({ sky: "sky_source", band: "band", flux: "psfFlux", fluxErr: "psfFluxErr", flags: ["psfFlux_flag"] });
  });

  it("takes other column names (a DC2-mapped table) and keeps flagged rows when told no flags", () => {
    const t = sources();
    const dc2 = new NestedFrame({ base: { filter: t.column("band"), sky_source: t.column("sky_source"), psFlux: t.column("psfFlux"), psFluxErr: t.column("psfFluxErr") } });
    const c = skySourceFluxCheck(dc2, { band: "filter", flux: "psFlux", fluxErr: "psFluxErr", bands: ["g"] });
    expect(c.bands[0]!.pull.n).toBe(3); // 1, -3, 1: the flag column is absent
    expect(c.bands[0]!.pull.mean).toBeCloseTo(-1 / 3, 14);
  });

  it("names a missing column with the nearest names, and a band without sky sources", () => {
    const t = sources();
    expect(() => skySourceFluxCheck(t, { sky: "skySource" })).toThrow(ColumnNotFoundError);
    expect(() => skySourceFluxCheck(t, { sky: "skySource" })).toThrow(/Unknown column "skySource" in the sources \(sky-source flag\)\. Did you mean "sky_source"/);
    expect(() => skySourceFluxCheck(t, { bands: ["i"] })).toThrow(ArgumentError);
    expect(() => skySourceFluxCheck(t, { bands: ["i"] })).toThrow('No sky sources in band "i"; bands with sky sources: g, r.');
  });

  it("recovers the sample's injected error scales (g 1.0, r 1.1, i 1.0) within twice the stated error, and sees r's as wrong", async () => {
    const truth = JSON.parse(readFileSync("data-samples/dp1_source_tables/truth.json", "utf8")) as { skyScale: Record<string, number>; skySources: Record<string, number> };
    const s = await readDpddTable("data-samples/dp1_source_tables/source/visit_{visit}.parquet", "dp1Source");
    const c = skySourceFluxCheck(s);
    expect(c.bands.map((b) => b.band)).toEqual(["g", "r", "i"]);
    for (const b of c.bands) {
      expect(b.nSky).toBe(truth.skySources[b.band]);
      expect(Math.abs(b.pull.std - truth.skyScale[b.band]!)).toBeLessThan(2 * b.pull.stdErr);
      expect(Math.abs(b.pull.madSigma - truth.skyScale[b.band]!)).toBeLessThan(2 * b.pull.madSigmaErr);
      expect(Math.abs(b.pull.median)).toBeLessThan(3 * b.pull.medianErr);
    }
    const r = c.bands[1]!;
    expect(r.pull.std - 1).toBeGreaterThan(5 * r.pull.stdErr);
    const text = formatSkySourceCheck(c).split("\n");
    expect(text[0]).toMatch(/^band\s+n sky\s+used\s+f\/e mean\s+f\/e median\s+f\/e std\s+f\/e 1\.4826 MAD\s+flux std \(nJy\)\s+median err \(nJy\)$/);
    expect(text[3]).toContain(`${r.pull.std.toFixed(3)} +/- ${r.pull.stdErr.toFixed(3)}`);
  });

  it("agrees with DuckDB's count, mean, std, median and MAD of f/e per band on the sample's files", async () => {
    const c = skySourceFluxCheck(await readDpddTable("data-samples/dp1_source_tables/source/visit_{visit}.parquet", "dp1Source"));
    const db = await DuckDBInstance.create(":memory:", { threads: "1" });
    const con = await db.connect();
    const glob = resolve("data-samples/dp1_source_tables/source/visit_*.parquet");
    const rows = (await con.runAndReadAll(
      `with p as (select band, psfFlux::double / psfFluxErr::double as z from read_parquet('${glob}', hive_partitioning = false)
                  where sky_source and not psfFlux_flag and isfinite(psfFlux) and isfinite(psfFluxErr) and psfFluxErr > 0)
       select band, count(*), avg(z), stddev_samp(z), median(z), mad(z) from p group by band`,
    )).getRows() as Array<[string, bigint, number, number, number, number]>;
    con.closeSync();
    expect(rows.map((r) => r[0]).sort()).toEqual(["g", "i", "r"]);
    for (const [band, n, mean, std, med, mad] of rows) {
      const b = c.bands.find((x) => x.band === band)!;
      expect(b.pull.n).toBe(Number(n));
      expect(Math.abs(b.pull.mean - mean)).toBeLessThan(1e-12);
      expect(Math.abs(b.pull.std - std)).toBeLessThan(1e-12);
      expect(b.pull.median).toBe(med);
      expect(Math.abs(b.pull.madSigma - 1.4826 * mad)).toBeLessThan(1e-12);
    }
  });

  it("states honest errors: over 40 independent draws the widths and centres fall within one stated error about 68% of the time", () => {
    const zStd: number[] = [];
    const zMad: number[] = [];
    const zMean: number[] = [];
    const skyScale = { g: 1, r: 1.3, i: 0.8 };
    for (let seed = 1; seed <= 40; seed++) {
      const sim = simulateSourceTables({ seed, objectsPerField: 1, visitsPerBand: 1, skySourcesPerVisit: 150, skyScale });
      const c = skySourceFluxCheck(concatFrames(sim.sources.map((v) => v.frame)));
      for (const b of c.bands) {
        const s = skyScale[b.band as keyof typeof skyScale];
        zStd.push((b.pull.std - s) / b.pull.stdErr);
        zMad.push((b.pull.madSigma - s) / b.pull.madSigmaErr);
        zMean.push(b.pull.mean / b.pull.meanErr);
      }
    }
    const inside = (z: number[]) => z.filter((x) => Math.abs(x) < 1).length / z.length;
    const rms = (z: number[]) => Math.sqrt(z.reduce((a, x) => a + x * x, 0) / z.length);
    // 120 values: a binomial(120, 0.683) fraction has a std of 0.042
    for (const z of [zStd, zMad, zMean]) {
      expect(inside(z)).toBeGreaterThan(0.55);
      expect(inside(z)).toBeLessThan(0.81);
      expect(rms(z)).toBeGreaterThan(0.8);
      expect(rms(z)).toBeLessThan(1.25);
    }
  });
});
