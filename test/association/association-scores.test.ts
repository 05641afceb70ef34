import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { associationScores } from "../../src/association/association-scores.js";
import { ArgumentError } from "../../src/frame/errors.js";

describe("associationScores", () => {
  it("scores a hand-built assignment with one merge and one split", () => {
    // true objects A (3 sources), B (1); assigned X = {A, A, B}, Y = {A}
    const s = associationScores(BigInt64Array.of(1n, 1n, 2n, 1n), BigInt64Array.of(10n, 10n, 10n, 11n));
    expect(s.purity).toBe(3 / 4); // X's dominant A has 2 of 3, Y is pure: (2 + 1) / 4
    expect(s.completeness).toBe(3 / 4); // A's largest piece has 2 of 3, B is whole: (2 + 1) / 4
    expect(s.pureObjects).toBe(1 / 2);
    expect(s.completeObjects).toBe(1 / 2);
    expect([s.nSources, s.nAssigned, s.nTrue]).toEqual([4, 2, 2]);
    // with a 60% threshold, X (2/3 from A) counts as pure and A (2/3 in X) as complete
    const t = associationScores(BigInt64Array.of(1n, 1n, 2n, 1n), BigInt64Array.of(10n, 10n, 10n, 11n), { threshold: 0.6 });
    expect([t.pureObjects, t.completeObjects]).toEqual([1, 1]);
  });

  it("gives 1 and 1 for a perfect assignment under any relabelling, and for Int32Array ids", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 100 }), fc.integer({ min: 1, max: 1000 }), (truth, shift) => {
        const t = Int32Array.from(truth);
        const s = associationScores(t, BigInt64Array.from(truth, (x) => BigInt(x * 7 + shift) + 2n ** 60n));
        expect([s.purity, s.completeness, s.pureObjects, s.completeObjects]).toEqual([1, 1, 1, 1]);
      }),
      { numRuns: 100 },
    );
  });

  it("is symmetric: swapping truth and assignment swaps purity and completeness", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })), { minLength: 1, maxLength: 60 }), (pairs) => {
        const a = Int32Array.from(pairs, (p) => p[0]);
        const b = Int32Array.from(pairs, (p) => p[1]);
        const ab = associationScores(a, b);
        const ba = associationScores(b, a);
        expect(ab.purity).toBe(ba.completeness);
        expect(ab.pureObjects).toBe(ba.completeObjects);
        // brute force: purity = sum over assigned objects of the largest true-object count, over N
        const counts = new Map<string, number>();
        for (const [t, s] of pairs) counts.set(`${s}/${t}`, (counts.get(`${s}/${t}`) ?? 0) + 1);
        const best = new Map<number, number>();
        for (const [k, c] of counts) {
          const s = Number(k.split("/")[0]);
          best.set(s, Math.max(best.get(s) ?? 0, c));
        }
        expect(ab.purity).toBe([...best.values()].reduce((x, y) => x + y, 0) / pairs.length);
      }),
      { numRuns: 200 },
    );
  });

  it("puts everything in one object: purity falls to the largest true object's share, completeness stays 1", () => {
    const s = associationScores(Int32Array.of(0, 0, 0, 1, 2), Int32Array.of(9, 9, 9, 9, 9));
    expect(s.purity).toBe(3 / 5);
    expect(s.completeness).toBe(1);
  });

  it("refuses mismatched lengths and a threshold outside (0, 1]", () => {
    expect(() => associationScores(Int32Array.of(1, 2), Int32Array.of(1))).toThrow(/2 true ids but 1 assigned ids/);
    expect(() => associationScores(Int32Array.of(1), Int32Array.of(1), { threshold: 0 })).toThrow(ArgumentError);
    expect(Number.isNaN(associationScores(new Int32Array(0), new Int32Array(0)).purity)).toBe(true);
  });
});
