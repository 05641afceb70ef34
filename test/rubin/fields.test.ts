import { describe, expect, it } from "vitest";
import { DP1_FIELDS, angularDistance, nearestField, nearestFields } from "../../src/rubin/fields.js";

describe("DP1 fields", () => {
  it("lists the seven DP1 fields with their centres", () => {
    expect(DP1_FIELDS.map((f) => f.name)).toEqual([
      "47 Tuc",
      "ECDFS",
      "EDFS",
      "Fornax dSph",
      "Rubin SV 95 -25",
      "Rubin SV 38 7",
      "Seagull",
    ]);
    expect(DP1_FIELDS[1]).toEqual({ name: "ECDFS", ra: 53.13, dec: -28.1 });
  });

  it("angularDistance is a great-circle distance (known values)", () => {
    expect(angularDistance(0, 0, 90, 0)).toBeCloseTo(90, 12);
    expect(angularDistance(10, 89, 190, 89)).toBeCloseTo(2, 10);
    // One degree of RA at dec 60 is half a degree on the sky (to first order).
    expect(angularDistance(0, 60, 1, 60)).toBeCloseTo(0.5, 4);
    expect(angularDistance(359.5, 0, 0.5, 0)).toBeCloseTo(1, 12);
  });

  it("nearestField finds each field from a point near its centre", () => {
    DP1_FIELDS.forEach((f, k) => {
      const r = nearestField(f.ra + 0.7 / Math.cos((f.dec * Math.PI) / 180), f.dec - 0.5);
      expect(r.index).toBe(k);
      expect(r.field.name).toBe(f.name);
      expect(r.distance).toBeGreaterThan(0.5);
      expect(r.distance).toBeLessThan(1);
    });
  });

  it("nearestField handles RA wrap-around at 0/360", () => {
    expect(nearestField(359.0, -72.0).field.name).toBe("47 Tuc");
  });

  it("nearestFields agrees with nearestField and marks far positions -1", () => {
    const ra = Float64Array.of(6.5, 53.0, 59.0, 40.2, 94.0, 38.0, 106.0, 200.0);
    const dec = Float64Array.of(-72.5, -28.3, -48.0, -34.0, -25.5, 7.5, -10.0, 30.0);
    const { index, distance } = nearestFields(ra, dec, { maxDistance: 3 });
    expect(Array.from(index)).toEqual([0, 1, 2, 3, 4, 5, 6, -1]);
    for (let i = 0; i < 7; i++) expect(distance[i]).toBeCloseTo(nearestField(ra[i]!, dec[i]!).distance, 12);
    expect(distance[7]).toBeGreaterThan(3);
  });
});
