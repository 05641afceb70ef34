import { describe, expect, it } from "vitest";
import { toArray } from "../../src/frame/column.js";
import { ArgumentError } from "../../src/frame/errors.js";
import { DEFAULT_SKY_SCALE, simulateSourceTables } from "../../src/rubin/sim-sources.js";

describe("simulateSourceTables", () => {
  const opts = { seed: 5, objectsPerField: 300, visitsPerBand: 2, skySourcesPerVisit: 40 };
  const sim = simulateSourceTables(opts);

  it("is deterministic: the same seed gives the same tables", () => {
    const again = simulateSourceTables(opts);
    expect(again.truth).toEqual(sim.truth);
    for (const [k, v] of sim.sources.entries()) {
      for (const n of v.frame.columnNames) expect(again.sources[k]!.frame.column(n), n).toEqual(v.frame.column(n));
    }
    for (const [k, t] of sim.objects.entries()) {
      for (const n of t.frame.columnNames) expect(again.objects[k]!.frame.column(n), n).toEqual(t.frame.column(n));
    }
  });

  it("writes one Object table per tract and one Source table per field, band and visit, with DP1 visit numbers", () => {
    expect(sim.objects.map((t) => t.tract)).toEqual([5063, 2234, 2235]);
    expect(sim.objects.reduce((a, t) => a + t.frame.length, 0)).toBe(600);
    expect(sim.sources.map((v) => v.band)).toEqual(["g", "g", "r", "r", "i", "i", "g", "g", "r", "r", "i", "i"]);
    expect(sim.sources.map((v) => String(v.visit)).slice(0, 7)).toEqual([
      "2024110800100", "2024110800101", "2024110800102", "2024110800103", "2024110800104", "2024110800105", "2024110900106",
    ]);
    expect(sim.truth.skyScale).toEqual(DEFAULT_SKY_SCALE);
    expect(sim.truth.stars + sim.truth.galaxies).toBe(600);
    expect(sim.truth.sources).toBe(sim.sources.reduce((a, v) => a + v.frame.length, 0));
  });

  it("holds detections above SNR 5 and the sky sources asked for, ordered by detector, sourceIds from the visit", () => {
    for (const v of sim.sources) {
      const f = v.frame;
      const sky = toArray(f.column("sky_source"));
      const flux = f.numbers("psfFlux");
      const err = f.numbers("psfFluxErr");
      const ext = f.numbers("extendedness");
      const det = f.numbers("detector");
      expect(sky.filter((x) => x === true).length).toBe(40);
      for (let i = 0; i < f.length; i++) {
        if (sky[i]) expect(Number.isNaN(ext[i]!)).toBe(true);
        else {
          expect(flux[i]! / err[i]!).toBeGreaterThan(5 * (1 - 1e-6)); // float32 rounding
          expect([0, 1]).toContain(ext[i]);
        }
        if (i > 0) expect(det[i]!).toBeGreaterThanOrEqual(det[i - 1]!);
      }
      expect(toArray(f.column("sourceId"))).toEqual(Array.from({ length: f.length }, (_, j) => v.visit * 100000n + BigInt(j)));
      expect(new Set(toArray(f.column("band")))).toEqual(new Set([v.band]));
    }
  });

  it("refuses an unknown band or a scale that is not positive", () => {
    expect(() => simulateSourceTables({ skyScale: { q: 1 } })).toThrow(ArgumentError);
    expect(() => simulateSourceTables({ skyScale: { r: 0 } })).toThrow("skyScale.r must be > 0, got 0.");
  });
});
