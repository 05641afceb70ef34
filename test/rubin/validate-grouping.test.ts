import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { groupLightCurves } from "../../src/rubin/validate-grouping.js";

describe("groupLightCurves", () => {
  it("orders kept light curves by band, then field (none last), then magnitude bin (NaN last)", () => {
    const keep = Uint8Array.of(1, 1, 1, 1, 0, 1, 1);
    const band = Int32Array.of(1, 0, 1, 1, 0, 1, 0);
    const field = Int8Array.of(2, 0, -1, 2, 0, 0, 0);
    const mag = Float64Array.of(21, 20, 22, 20, 20, NaN, 20);
    const { order, list } = groupLightCurves(keep, band, field, mag);
    expect(Array.from(order)).toEqual([1, 6, 5, 3, 0, 2]);
    expect(list.map((g) => [g.band, g.field, g.mag, g.first, g.last])).toEqual([
      [0, 0, 20, 0, 2],
      [1, 0, NaN, 2, 3],
      [1, 2, 20, 3, 4],
      [1, 2, 21, 4, 5],
      [1, -1, 22, 5, 6],
    ]);
  });

  it("groups by band alone when no field or magnitude is given", () => {
    const { order, list } = groupLightCurves(Uint8Array.of(1, 1, 0, 1), Int32Array.of(1, 0, 0, 1), undefined, undefined);
    expect(Array.from(order)).toEqual([1, 0, 3]);
    expect(list.map((g) => [g.band, g.first, g.last])).toEqual([
      [0, 0, 1],
      [1, 1, 3],
    ]);
    expect(groupLightCurves(new Uint8Array(3), Int32Array.of(0, 1, 2), undefined, undefined)).toEqual({ order: new Int32Array(0), list: [] });
  });

  it("is a stable partition of the kept light curves (property)", () => {
    const lc = fc.record({ keep: fc.boolean(), band: fc.nat(5), field: fc.integer({ min: -1, max: 6 }), mag: fc.oneof(fc.integer({ min: 15, max: 28 }), fc.constant(NaN)) });
    fc.assert(
      fc.property(fc.array(lc, { maxLength: 60 }), (xs) => {
        const { order, list } = groupLightCurves(
          Uint8Array.from(xs, (x) => (x.keep ? 1 : 0)),
          Int32Array.from(xs, (x) => x.band),
          Int8Array.from(xs, (x) => x.field),
          Float64Array.from(xs, (x) => x.mag),
        );
        expect(Array.from(order).sort((a, b) => a - b)).toEqual(xs.flatMap((x, i) => (x.keep ? [i] : [])));
        let covered = 0;
        for (const g of list) {
          expect(g.first).toBe(covered);
          covered = g.last;
          for (let k = g.first; k < g.last; k++) {
            const x = xs[order[k]!]!;
            expect([x.band, x.field, x.mag]).toEqual([g.band, g.field, g.mag]);
            if (k > g.first) expect(order[k]!).toBeGreaterThan(order[k - 1]!);
          }
        }
        expect(covered).toBe(order.length);
      }),
    );
  });
});
