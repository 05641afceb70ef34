import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { associateSources } from "../../src/association/associate-sources.js";
import { associationScores } from "../../src/association/association-scores.js";
import { simulateDiaSky } from "../../src/association/simulate-dia-sky.js";
import { ArgumentError, SchemaError } from "../../src/frame/errors.js";
import { type RefSource, haversineArcsec, referenceAssociate } from "./reference.js";

const RAD = Math.PI / 180;
const AS = 1 / 3600;

/** A flat DiaSource table from plain rows. */
function table(rows: readonly RefSource[]) {
  return {
    diaSourceId: BigInt64Array.from(rows, (r) => r.id),
    visit: BigInt64Array.from(rows, (r) => r.visit),
    ra: Float64Array.from(rows, (r) => r.ra),
    dec: Float64Array.from(rows, (r) => r.dec),
  };
}

/** (ra, dec) moved by (east, north) arcsec along the tangent plane, valid at the poles too. */
function offset(ra: number, dec: number, east: number, north: number): { ra: number; dec: number } {
  const a = ra * RAD;
  const d = dec * RAD;
  const e = east * AS * RAD;
  const n = north * AS * RAD;
  const x = Math.cos(d) * Math.cos(a) - e * Math.sin(a) - n * Math.sin(d) * Math.cos(a);
  const y = Math.cos(d) * Math.sin(a) + e * Math.cos(a) - n * Math.sin(d) * Math.sin(a);
  const z = Math.sin(d) + n * Math.cos(d);
  return { ra: ((Math.atan2(y, x) / RAD) % 360 + 360) % 360, dec: Math.atan2(z, Math.hypot(x, y)) / RAD };
}

const src = (id: bigint, visit: bigint, ra: number, dec: number): RefSource => ({ id, visit, ra, dec });

describe("associateSources on hand-built cases", () => {
  it("joins two sources 0.5 arcsec apart at radius 1 arcsec, not at 0.4 arcsec", () => {
    const rows = [src(1n, 1n, 150, 2), src(2n, 2n, 150, 2 + 0.5 * AS)];
    expect(Array.from(associateSources(table(rows), { radius: 1 }).diaObjectId)).toEqual([1n, 1n]);
    expect(Array.from(associateSources(table(rows), { radius: 0.4 }).diaObjectId)).toEqual([1n, 2n]);
  });

  it("joins across ra = 0/360", () => {
    // 359.99995 and 0.00005 at dec 0: 0.36" apart
    const rows = [src(10n, 1n, 359.99995, 0), src(11n, 2n, 0.00005, 0), src(12n, 3n, 0.0003, 0)];
    const a = associateSources(table(rows), { radius: 0.5 });
    expect(Array.from(a.diaObjectId)).toEqual([10n, 10n, 12n]); // 12 is 0.9" from the mean at ra 0: its own object
    expect(a.objects.toArray("ra")[0]).toBeCloseTo(0, 9);
  });

  it("joins across the pole", () => {
    // both 0.18" from the north pole, on opposite meridians: 0.36" apart; their mean is the pole
    const rows = [src(20n, 1n, 0, 90 - 0.18 * AS), src(21n, 2n, 180, 90 - 0.18 * AS), src(22n, 3n, 90, 90 - 0.3 * AS)];
    const a = associateSources(table(rows), { radius: 0.5 });
    expect(Array.from(a.diaObjectId)).toEqual([20n, 20n, 20n]); // 22 is 0.3" from the mean (the pole)
    expect(a.objects.toArray("dec")[0]).toBeCloseTo(90 - 0.1 * AS, 12); // the mean of the three unit vectors: 0.1" off the pole
    expect(associateSources(table(rows), { radius: 0.35 }).nObjects).toBe(2);
  });

  it("gives an object at most one source per visit: the closer source wins, the other starts an object", () => {
    const rows = [src(1n, 1n, 10, 0), src(5n, 2n, 10, 0.5 * AS), src(4n, 2n, 10, -0.2 * AS)];
    const a = associateSources(table(rows), { radius: 1 });
    expect(Array.from(a.diaObjectId)).toEqual([1n, 5n, 1n]);
    expect(a.conflicts).toBe(1);
    expect(a.objects.toArray("nDiaSources")).toEqual([2, 1]);
  });

  it("does not let a losing source fall back to its second-nearest object (ap_association's rule)", () => {
    // objects A (id 1) at 0" and B (id 2) at +1.0"; in visit 2, source 3 at +0.1" takes A; source 4 at +0.4"
    // has A nearest (0.4") and B within reach (0.6") but still starts its own object
    const rows = [src(1n, 1n, 10, 0), src(2n, 1n, 10, 1.0 * AS), src(3n, 2n, 10, 0.1 * AS), src(4n, 2n, 10, 0.4 * AS)];
    const a = associateSources(table(rows), { radius: 0.8 });
    expect(Array.from(a.diaObjectId)).toEqual([1n, 2n, 1n, 4n]);
    expect(a.conflicts).toBe(1);
  });

  it("never joins two sources of the same visit", () => {
    const rows = [src(1n, 7n, 10, 0), src(2n, 7n, 10, 0.1 * AS)];
    expect(associateSources(table(rows), { radius: 1 }).nObjects).toBe(2);
  });

  it("matches against the running mean position, which follows the sources", () => {
    // after 0" and 0.8" the object sits at 0.4"; a source at 1.3" is 0.9" from it and joins at radius 1
    const rows = [src(1n, 1n, 10, 0), src(2n, 2n, 10, 0.8 * AS), src(3n, 3n, 10, 1.3 * AS)];
    expect(Array.from(associateSources(table(rows), { radius: 1 }).diaObjectId)).toEqual([1n, 1n, 1n]);
    const a = associateSources(table(rows), { radius: 1 });
    expect((a.objects.toArray("dec")[0] as number) / AS).toBeCloseTo(0.7, 9); // (0 + 0.8 + 1.3) / 3
  });

  it("names new objects after their first source, orders them by id and nests sources by visit", () => {
    const big = 2n ** 60n;
    const rows = [src(big + 9n, 3n, 20, 0), src(big + 2n, 1n, 20, 0), src(big + 5n, 2n, 50, 0)];
    const a = associateSources(table(rows), { radius: 1 });
    expect(a.objects.toArray("diaObjectId")).toEqual([big + 2n, big + 5n]);
    expect(a.objects.toArray("diaSource.diaSourceId")).toEqual([big + 2n, big + 9n, big + 5n]);
    expect(a.objects.toArray("diaSource.visit")).toEqual([1n, 3n, 2n]);
  });

  it("replaces an input diaObjectId column and names other columns as asked", () => {
    const rows = [src(1n, 1n, 10, 0), src(2n, 2n, 10, 0.1 * AS)];
    const t = { ...table(rows), diaObjectId: BigInt64Array.of(99n, 98n) };
    expect(associateSources(t, { radius: 1 }).objects.toArray("diaObjectId")).toEqual([1n]);
    const renamed = { srcId: t.diaSourceId, t: Float64Array.of(60600.1, 60601.2), coord_ra: t.ra, coord_dec: t.dec };
    const b = associateSources(renamed, { radius: 1, id: "srcId", visit: "t", ra: "coord_ra", dec: "coord_dec", objectId: "objId", nest: "src", aggregates: false });
    expect(b.objects.baseNames).toEqual(["objId"]);
    expect(b.objects.nestedNames).toEqual(["src"]);
  });

  it("gives an empty DiaObject frame for an empty source table", () => {
    const a = associateSources(table([]), { radius: 1 });
    expect([a.nObjects, a.objects.length, a.diaObjectId.length, a.conflicts]).toEqual([0, 0, 0, 0]);
    expect(a.objects.baseNames).toContain("nDiaSources");
  });

  it("refuses a radius it cannot use and sources it cannot associate", () => {
    const t = table([src(1n, 1n, 10, 0)]);
    expect(() => associateSources(t, { radius: 0 })).toThrow(ArgumentError);
    expect(() => associateSources(t, { radius: NaN })).toThrow(/radius > 0 in arcsec/);
    expect(() => associateSources({ ...t, diaSourceId: BigInt64Array.of(1n), visit: BigInt64Array.of(1n) }, { radius: 1, visit: "exposure" })).toThrow(SchemaError);
  });
});

/** Random sources clustered around a few centres (some at the ra wrap or a pole), a few visits. */
const centre = fc.oneof(
  fc.record({ ra: fc.double({ min: 0, max: 360, maxExcluded: true, noNaN: true }), dec: fc.double({ min: -89, max: 89, noNaN: true }) }),
  fc.record({ ra: fc.constantFrom(0, 359.9999), dec: fc.double({ min: -1, max: 1, noNaN: true }) }),
  fc.record({ ra: fc.double({ min: 0, max: 360, maxExcluded: true, noNaN: true }), dec: fc.constantFrom(90, -90, 89.9999) }),
);
const scene = fc.record({
  centres: fc.array(centre, { minLength: 1, maxLength: 5 }),
  draws: fc.array(fc.record({ c: fc.nat(), east: fc.double({ min: -1.5, max: 1.5, noNaN: true }), north: fc.double({ min: -1.5, max: 1.5, noNaN: true }), visit: fc.integer({ min: 0, max: 5 }) }), { minLength: 1, maxLength: 40 }),
  radius: fc.constantFrom(0.3, 1, 2),
});
function rowsOf(s: { centres: { ra: number; dec: number }[]; draws: { c: number; east: number; north: number; visit: number }[] }): RefSource[] {
  return s.draws.map((d, i) => {
    const c = s.centres[d.c % s.centres.length]!;
    const p = offset(c.ra, c.dec, d.east, d.north);
    return src(600000000000000000n + BigInt((i * 7919) % 10007), BigInt(d.visit), p.ra, p.dec);
  });
}

describe("associateSources invariants", () => {
  it("agrees with an independent O(n²) implementation of the same rules", () => {
    fc.assert(
      fc.property(scene, (s) => {
        const rows = rowsOf(s);
        const ref = referenceAssociate(rows, s.radius);
        // a tie within rounding (equal distances, a distance equal to the radius) may go either way
        fc.pre(!ref.ambiguous);
        expect(Array.from(associateSources(table(rows), { radius: s.radius }).diaObjectId)).toEqual(ref.ids);
      }),
      { numRuns: 300 },
    );
  });

  it("assigns every source exactly once, at most one per object per visit, each within reach of its object's sources", () => {
    fc.assert(
      fc.property(scene, (s) => {
        const rows = rowsOf(s);
        const a = associateSources(table(rows), { radius: s.radius });
        const o = a.objects;
        expect(o.observationCount).toBe(rows.length);
        expect((o.toArray("diaSource.diaSourceId") as bigint[]).sort()).toEqual(rows.map((r) => r.id).sort());
        const nested = o.nest("diaSource");
        const ids = o.toArray("diaObjectId") as bigint[];
        const srcIds = o.toArray("diaSource.diaSourceId") as bigint[];
        const visits = o.toArray("diaSource.visit") as bigint[];
        const owner = new Map(rows.map((r, i) => [r.id, a.diaObjectId[i]!]));
        for (let i = 0; i < o.length; i++) {
          const vs = visits.slice(nested.offsets[i]!, nested.offsets[i + 1]!);
          expect(new Set(vs).size).toBe(vs.length);
          for (let r = nested.offsets[i]!; r < nested.offsets[i + 1]!; r++) expect(owner.get(srcIds[r]!)).toBe(ids[i]);
        }
        expect(a.nObjects).toBe(o.length);
      }),
      { numRuns: 200 },
    );
  });

  it("does not depend on the input's row order", () => {
    fc.assert(
      fc.property(scene.chain((s) => fc.tuple(fc.constant(s), fc.shuffledSubarray([...s.draws.keys()], { minLength: s.draws.length, maxLength: s.draws.length }))), ([s, perm]) => {
        const rows = rowsOf(s);
        const shuffled = perm.map((i) => rows[i]!);
        const a = associateSources(table(rows), { radius: s.radius });
        const b = associateSources(table(shuffled), { radius: s.radius });
        expect(perm.map((i) => a.diaObjectId[i])).toEqual(Array.from(b.diaObjectId));
        expect(b.objects.toArray("diaObjectId")).toEqual(a.objects.toArray("diaObjectId"));
        expect(b.objects.toArray("diaSource.diaSourceId")).toEqual(a.objects.toArray("diaSource.diaSourceId"));
      }),
      { numRuns: 200 },
    );
  });

  it("gives the same result with the grid and with the brute-force index", () => {
    fc.assert(
      fc.property(scene, (s) => {
        const t = table(rowsOf(s));
        expect(Array.from(associateSources(t, { radius: s.radius }).diaObjectId)).toEqual(Array.from(associateSources(t, { radius: s.radius, index: "brute" }).diaObjectId));
      }),
      { numRuns: 200 },
    );
  });

  it("puts every source within the radius of its object's position before it joined (checked by haversine)", () => {
    const sky = simulateDiaSky({ nObjects: 300, density: 2e5, visits: 8, seed: 3, astrometricError: 0.3 });
    const a = associateSources(sky.sources, { radius: 1 });
    const o = a.objects;
    const ra = o.toArray("diaSource.ra") as number[];
    const dec = o.toArray("diaSource.dec") as number[];
    const off = o.nest("diaSource").offsets;
    let checked = 0;
    for (let i = 0; i < o.length; i++) {
      // sources are nested in visit order: source k joined the mean of sources 0..k-1
      let x = 0, y = 0, z = 0;
      for (let r = off[i]!; r < off[i + 1]!; r++) {
        if (r > off[i]!) {
          const mra = ((Math.atan2(y, x) / RAD) % 360 + 360) % 360;
          const mdec = Math.atan2(z, Math.hypot(x, y)) / RAD;
          expect(haversineArcsec(ra[r]!, dec[r]!, mra, mdec)).toBeLessThanOrEqual(1 + 1e-9);
          checked++;
        }
        x += Math.cos(dec[r]! * RAD) * Math.cos(ra[r]! * RAD);
        y += Math.cos(dec[r]! * RAD) * Math.sin(ra[r]! * RAD);
        z += Math.sin(dec[r]! * RAD);
      }
    }
    expect(checked).toBeGreaterThan(500);
  });
});

describe("associateSources on simulated truth", () => {
  const sigma = 0.1;
  const score = (density: number, radius: number) => {
    const sky = simulateDiaSky({ nObjects: 1500, density, visits: 12, seed: 11, astrometricError: sigma });
    return associationScores(sky.trueObjectId, associateSources(sky.sources, { radius }).diaObjectId);
  };

  it("is complete once the radius is several astrometric sigmas, and splits objects below", () => {
    // a source lies beyond r of its object with probability exp(-r²/2σ²) (Rayleigh, per-axis σ; the
    // mean's own scatter adds a little): 0.61 at r = σ, 0.011 at 3σ, ~0 at 10σ
    const low = 1e3;
    const [r1, r3, r10] = [score(low, sigma), score(low, 3 * sigma), score(low, 10 * sigma)];
    expect(r1.completeness).toBeLessThan(0.7);
    expect(r3.completeness).toBeGreaterThan(r1.completeness);
    expect(r3.completeness).toBeGreaterThan(0.9);
    expect(r10.completeness).toBe(1);
    // at 1,000 objects per square degree (1.9 arcmin apart on average) nothing merges at any of these radii
    for (const s of [r1, r3, r10]) expect(s.purity).toBe(1);
  });

  it("loses purity as the density rises at a fixed radius", () => {
    // a merge needs another object within r; at 2" the chance of one is 1 - exp(-density·πr²):
    // 0.01 at 1e4/deg², 0.09 at 1e5, 0.62 at 1e6 (measured purity: 0.9994, 0.9947, 0.966, 0.911 at 1e7)
    const [sparse, mid, dense] = [score(1e4, 2), score(1e6, 2), score(1e7, 2)];
    expect(sparse.purity).toBeGreaterThan(0.998);
    expect(mid.purity).toBeLessThan(sparse.purity);
    expect(dense.purity).toBeLessThan(mid.purity);
    expect(dense.purity).toBeLessThan(0.95);
  });
});
