import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/frame/errors.js";
import { chord2, separationArcsec, unitVectors, vectorToRaDec } from "../../src/association/sky-geometry.js";

const RAD = Math.PI / 180;

describe("sky geometry", () => {
  it("separationArcsec measures 1 arcsec of dec as 1 arcsec and 1 arcsec of ra as cos(dec) arcsec", () => {
    expect(separationArcsec(10, 20, 10, 20 + 1 / 3600)).toBeCloseTo(1, 9);
    expect(separationArcsec(10, 60, 10 + 1 / 3600, 60)).toBeCloseTo(0.5, 9); // cos 60° = 1/2
  });

  it("separationArcsec is right across ra = 0/360 and across the pole", () => {
    expect(separationArcsec(359.9999, 0, 0.0001, 0)).toBeCloseTo(0.72, 9);
    // both 0.36" from the north pole, on opposite meridians: 0.72" apart
    expect(separationArcsec(0, 89.9999, 180, 89.9999)).toBeCloseTo(0.72, 7);
    expect(separationArcsec(0, 90, 123, 90)).toBeCloseTo(0, 9); // cos(90°) rounds to 6e-17, not 0
    expect(separationArcsec(0, 0, 180, 0)).toBeCloseTo(180 * 3600, 6);
  });

  it("chord2 is the squared distance between unit vectors that far apart", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 360, noNaN: true }), fc.double({ min: -90, max: 90, noNaN: true }), fc.double({ min: 1e-3, max: 3600, noNaN: true }), (ra, dec, sep) => {
        const d2 = Math.min(90, dec + sep / 3600);
        const v = unitVectors([ra, ra], [dec, d2]);
        const c2 = (v[0]! - v[3]!) ** 2 + (v[1]! - v[4]!) ** 2 + (v[2]! - v[5]!) ** 2;
        const expected = chord2(separationArcsec(ra, dec, ra, d2));
        // unit vectors carry ~1e-16 of rounding per component: chords agree to that, absolutely (2e-11 arcsec)
        expect(Math.abs(Math.sqrt(c2) - Math.sqrt(expected))).toBeLessThanOrEqual(1e-9 * Math.sqrt(expected) + 1e-15);
      }),
      { numRuns: 200 },
    );
  });

  it("unitVectors and vectorToRaDec are inverse, with ra in [0, 360)", () => {
    const out = new Float64Array(2);
    fc.assert(
      fc.property(fc.double({ min: -720, max: 720, noNaN: true }), fc.double({ min: -89.999, max: 89.999, noNaN: true }), (ra, dec) => {
        const v = unitVectors([ra], [dec]);
        vectorToRaDec(v[0]!, v[1]!, v[2]!, out);
        expect(out[0]).toBeGreaterThanOrEqual(0);
        expect(out[0]).toBeLessThan(360);
        expect(separationArcsec(out[0]!, out[1]!, ra, dec)).toBeLessThan(1e-6);
      }),
      { numRuns: 200 },
    );
    vectorToRaDec(0, 0, 5, out);
    expect(Array.from(out)).toEqual([0, 90]);
    vectorToRaDec(Math.cos(30 * RAD), -Math.sin(30 * RAD), 0, out);
    expect(out[0]).toBeCloseTo(330, 12);
  });

  it("unitVectors names the column and row of a position it cannot use", () => {
    expect(() => unitVectors([1, NaN], [0, 0], ["coord_ra", "coord_dec"])).toThrow(/Column "coord_ra" has NaN at row 1/);
    expect(() => unitVectors([1, 2], [0, 91])).toThrow(ArgumentError);
    expect(() => unitVectors([1, 2], [0, 91])).toThrow(/"dec" has 91 at row 1.*\[-90, 90\]/);
  });
});
