import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { friendsOfFriends, friendsOfFriendsLabels } from "../../src/association/friends-of-friends.js";
import { ArgumentError } from "../../src/frame/errors.js";
import { referenceComponents, samePartition } from "./reference.js";

const AS = 1 / 3600;

const cluster = fc.oneof(
  fc.record({ ra: fc.double({ min: 0, max: 360, maxExcluded: true, noNaN: true }), dec: fc.double({ min: -89, max: 89, noNaN: true }) }),
  fc.record({ ra: fc.constantFrom(0, 359.9995), dec: fc.double({ min: -0.001, max: 0.001, noNaN: true }) }),
  fc.record({ ra: fc.double({ min: 0, max: 360, maxExcluded: true, noNaN: true }), dec: fc.constantFrom(90, -89.9996) }),
);
/** Points scattered within ~3" of a few centres (dec offsets only, so the poles and ra wrap stay in reach). */
const points = fc.record({
  centres: fc.array(cluster, { minLength: 1, maxLength: 4 }),
  draws: fc.array(fc.record({ c: fc.nat(), dra: fc.double({ min: -0.001, max: 0.001, noNaN: true }), ddec: fc.double({ min: -3, max: 3, noNaN: true }) }), { minLength: 1, maxLength: 50 }),
  link: fc.constantFrom(0.5, 1, 2.5),
});

describe("friendsOfFriends", () => {
  it("finds the connected components a brute-force O(n²) search finds", () => {
    fc.assert(
      fc.property(points, (p) => {
        const ra: number[] = [];
        const dec: number[] = [];
        for (const d of p.draws) {
          const c = p.centres[d.c % p.centres.length]!;
          ra.push((((c.ra + d.dra) % 360) + 360) % 360);
          dec.push(Math.max(-90, Math.min(90, c.dec + d.ddec * AS)));
        }
        const { label, count } = friendsOfFriendsLabels(ra, dec, p.link);
        const ref = referenceComponents(ra, dec, p.link);
        expect(samePartition(label, ref)).toBe(true);
        expect(count).toBe(new Set(ref).size);
        expect(Array.from(friendsOfFriendsLabels(ra, dec, p.link, "brute").label)).toEqual(Array.from(label));
      }),
      { numRuns: 300 },
    );
  });

  it("chains: sources each within the linking length of the next form one object", () => {
    const n = 10;
    const { label, count } = friendsOfFriendsLabels(new Float64Array(n).fill(42), Float64Array.from({ length: n }, (_, i) => i * 0.9 * AS), 1);
    expect(count).toBe(1);
    expect(new Set(label).size).toBe(1);
    expect(friendsOfFriendsLabels(new Float64Array(n).fill(42), Float64Array.from({ length: n }, (_, i) => i * 0.9 * AS), 0.8).count).toBe(n);
  });

  it("names each object after its smallest diaSourceId, whatever the row order, and ignores visits", () => {
    const sources = {
      diaSourceId: BigInt64Array.of(2n ** 60n + 7n, 2n ** 60n + 3n, 5n),
      visit: BigInt64Array.of(1n, 1n, 1n),
      ra: Float64Array.of(10, 10, 30),
      dec: Float64Array.of(0, 0.5 * AS, 0),
    };
    const fof = friendsOfFriends(sources, { linkingLength: 1 });
    expect(Array.from(fof.diaObjectId)).toEqual([2n ** 60n + 3n, 2n ** 60n + 3n, 5n]); // two sources of one visit share an object
    expect(fof.objects.toArray("diaObjectId")).toEqual([5n, 2n ** 60n + 3n]);
    expect(fof.objects.toArray("nDiaSources")).toEqual([1, 2]);
    expect(fof.nObjects).toBe(2);
    expect(fof.conflicts).toBe(0);
  });

  it("refuses a linking length it cannot use", () => {
    expect(() => friendsOfFriendsLabels([0], [0], 0)).toThrow(ArgumentError);
    expect(() => friendsOfFriendsLabels([0], [0], Infinity)).toThrow(/linking length > 0/);
  });
});
