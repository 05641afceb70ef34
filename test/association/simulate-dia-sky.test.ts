import { describe, expect, it } from "vitest";
import { simulateDiaSky } from "../../src/association/simulate-dia-sky.js";
import { ArgumentError } from "../../src/frame/errors.js";
import { haversineArcsec } from "./reference.js";

describe("simulateDiaSky", () => {
  it("is deterministic for a seed and different for another", () => {
    const a = simulateDiaSky({ nObjects: 50, density: 1e4, visits: 6, seed: 1 });
    const b = simulateDiaSky({ nObjects: 50, density: 1e4, visits: 6, seed: 1 });
    const c = simulateDiaSky({ nObjects: 50, density: 1e4, visits: 6, seed: 2 });
    expect(a.sources.toArray("ra")).toEqual(b.sources.toArray("ra"));
    expect(Array.from(a.trueObjectId)).toEqual(Array.from(b.trueObjectId));
    expect(a.sources.toArray("ra")).not.toEqual(c.sources.toArray("ra"));
  });

  it("detects each object in about detectionProbability of the visits", () => {
    const s = simulateDiaSky({ nObjects: 2000, density: 1e4, visits: 10, seed: 3, detectionProbability: 0.3 });
    // binomial(20,000, 0.3): mean 6,000, sd 65
    expect(Math.abs(s.sources.length - 6000)).toBeLessThan(4 * 65);
    expect(s.trueObjectId.length).toBe(s.sources.length);
  });

  it("places objects in a cap of area nObjects/density and sources at the injected astrometric error", () => {
    const s = simulateDiaSky({ nObjects: 3000, density: 1e4, visits: 4, seed: 4, astrometricError: 0.25, center: { ra: 0.01, dec: 89.5 } });
    // area 0.3 deg²: cap radius acos(1 - A/2π) in degrees of arc
    const area = 0.3 / (180 / Math.PI) ** 2;
    expect(s.capRadius).toBeCloseTo((Math.acos(1 - area / (2 * Math.PI)) * 180) / Math.PI, 12);
    const ora = s.objects.toArray("ra") as number[];
    const odec = s.objects.toArray("dec") as number[];
    for (let k = 0; k < ora.length; k++) expect(haversineArcsec(ora[k]!, odec[k]!, 0.01, 89.5)).toBeLessThanOrEqual(s.capRadius * 3600 * (1 + 1e-9));
    // offsets from the true position: 2D Gaussian, E[d²] = 2σ²
    const ra = s.sources.toArray("ra") as number[];
    const dec = s.sources.toArray("dec") as number[];
    let ss = 0;
    ra.forEach((r, i) => {
      const k = Number(s.trueObjectId[i]);
      ss += haversineArcsec(r, dec[i]!, ora[k]!, odec[k]!) ** 2;
    });
    expect(Math.sqrt(ss / (2 * ra.length))).toBeCloseTo(0.25, 2);
  });

  it("adds spurious detections with truth ids of their own, and cycles bands by visit", () => {
    const s = simulateDiaSky({ nObjects: 10, density: 1e3, visits: 6, seed: 6, spuriousPerVisit: 5, bands: ["g", "r"] });
    const spurious = Array.from(s.trueObjectId).filter((t) => t >= 10n);
    expect(spurious.length).toBeGreaterThan(10);
    expect(new Set(spurious).size).toBe(spurious.length);
    const visits = s.sources.toArray("visit") as bigint[];
    const bands = s.sources.toArray("band") as string[];
    visits.forEach((v, i) => expect(bands[i]).toBe(Number(v - 2024110800000n) % 2 === 0 ? "g" : "r"));
    expect(s.sources.toArray("diaSourceId")[0]).toBe(600000000000000000n);
  });

  it("refuses impossible options", () => {
    expect(() => simulateDiaSky({ nObjects: 10, density: 0, visits: 1, seed: 1 })).toThrow(ArgumentError);
    expect(() => simulateDiaSky({ nObjects: 1e6, density: 1e-3, visits: 1, seed: 1 })).toThrow(/whole sky/);
    expect(() => simulateDiaSky({ nObjects: 10, density: 1, visits: 0, seed: 1 })).toThrow(/visits/);
  });
});
