/**
 * The grid must return exactly the points a brute-force scan returns, for any
 * query: at the ra = 0/360 wrap, near and at both poles, for radii smaller and
 * larger than a cell, and after points move.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/frame/errors.js";
import { BruteSkyIndex } from "../../src/association/brute-sky-index.js";
import { SkyGrid } from "../../src/association/sky-grid.js";
import { separationArcsec } from "../../src/association/sky-geometry.js";

/** Positions clustered where grids go wrong: near ra = 0, near the poles, and anywhere. */
const position = fc.oneof(
  fc.record({ ra: fc.double({ min: 0, max: 360, maxExcluded: true, noNaN: true }), dec: fc.double({ min: -90, max: 90, noNaN: true }) }),
  fc.record({ ra: fc.oneof(fc.double({ min: 0, max: 0.002, noNaN: true }), fc.double({ min: 359.998, max: 360, maxExcluded: true, noNaN: true })), dec: fc.double({ min: -0.002, max: 0.002, noNaN: true }) }),
  fc.record({ ra: fc.double({ min: 0, max: 360, maxExcluded: true, noNaN: true }), dec: fc.oneof(fc.double({ min: 89.998, max: 90, noNaN: true }), fc.double({ min: -90, max: -89.998, noNaN: true })) }),
);

/** Points within `r` by an independent haversine scan. */
function oracle(points: readonly { ra: number; dec: number }[], q: { ra: number; dec: number }, r: number): number[] {
  const out: number[] = [];
  points.forEach((p, i) => {
    if (separationArcsec(p.ra, p.dec, q.ra, q.dec) <= r) out.push(i);
  });
  return out;
}

describe("SkyGrid", () => {
  it("finds the same neighbours as a brute-force scan, at the ra wrap and the poles too", () => {
    fc.assert(
      fc.property(fc.array(position, { minLength: 1, maxLength: 60 }), position, fc.constantFrom(0.5, 1, 2, 7.3, 30), fc.constantFrom(0.5, 1, 3), (points, q, r, cell) => {
        const grid = new SkyGrid(cell);
        const brute = new BruteSkyIndex();
        for (const p of points) {
          grid.add(p.ra, p.dec);
          brute.add(p.ra, p.dec);
        }
        const got = Array.from(grid.within(q.ra, q.dec, r)).sort((a, b) => a - b);
        expect(got).toEqual(Array.from(brute.within(q.ra, q.dec, r)));
        // away from the exact boundary, the haversine oracle agrees
        const near = oracle(points, q, r);
        const sure = near.filter((i) => separationArcsec(points[i]!.ra, points[i]!.dec, q.ra, q.dec) < r * (1 - 1e-9));
        for (const i of sure) expect(got).toContain(i);
        expect(grid.nearest(q.ra, q.dec, r)).toBe(brute.nearest(q.ra, q.dec, r));
      }),
      { numRuns: 400 },
    );
  });

  it("finds the same neighbours after points move", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(position, position), { minLength: 1, maxLength: 40 }), position, (moves, q) => {
        const grid = new SkyGrid(1);
        const brute = new BruteSkyIndex();
        for (const [p] of moves) {
          grid.add(p.ra, p.dec);
          brute.add(p.ra, p.dec);
        }
        moves.forEach(([, p], i) => {
          if (i % 2 === 0) {
            grid.move(i, p.ra, p.dec);
            brute.move(i, p.ra, p.dec);
          }
        });
        const got = Array.from(grid.within(q.ra, q.dec, 2)).sort((a, b) => a - b);
        expect(got).toEqual(Array.from(brute.within(q.ra, q.dec, 2)));
      }),
      { numRuns: 300 },
    );
  });

  it("joins points across ra = 0 and across the pole, and not beyond the radius", () => {
    const grid = SkyGrid.from(Float64Array.of(359.9999, 0.0001, 0, 180, 0.0004), Float64Array.of(0, 0, 89.9999, 89.9999, 0), 1);
    // 0 and 1 are 0.72" apart across ra = 0; 4 is 1.08" from 1 and 1.8" from 0
    expect(Array.from(grid.within(359.9999, 0, 1)).sort()).toEqual([0, 1]);
    // 2 and 3 are 0.72" apart across the north pole
    expect(Array.from(grid.within(0, 89.9999, 1)).sort()).toEqual([2, 3]);
    expect(grid.nearest(0.0003, 0, 1)).toBe(4); // 0.36" from 4, 0.72" from 1
    expect(grid.nearest(0.0003, 0, 0.3)).toBe(-1);
    expect(grid.lastChord2).toBe(Infinity);
  });

  it("answers nearest with the smaller id on a tie", () => {
    const grid = SkyGrid.from(Float64Array.of(10, 10, 10), Float64Array.of(1 / 3600, -1 / 3600, 1 / 3600), 1);
    expect(grid.nearest(10, 0, 2)).toBe(0);
    expect(new BruteSkyIndex().nearest(10, 0, 2)).toBe(-1);
  });

  it("holds many points: each finds itself and the size counts them", () => {
    const n = 20000;
    const ra = Float64Array.from({ length: n }, (_, i) => (i * 0.0173) % 360);
    const dec = Float64Array.from({ length: n }, (_, i) => -89 + ((i * 0.0091) % 178));
    const grid = SkyGrid.from(ra, dec, 1);
    expect(grid.size).toBe(n);
    for (let i = 0; i < n; i += 97) expect(grid.nearest(ra[i]!, dec[i]!, 0.01)).toBe(i);
  });

  it("rejects a cell size or radius it cannot use", () => {
    expect(() => new SkyGrid(0)).toThrow(ArgumentError);
    expect(() => new SkyGrid(NaN)).toThrow(/cell size > 0/);
    expect(() => new SkyGrid(1).within(0, 0, -1)).toThrow(/radius must be >= 0/);
  });
});
