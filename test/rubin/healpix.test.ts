import { describe, expect, it } from "vitest";
import { angularDistance } from "../../src/rubin/fields.js";
import { ang2pixNest, ang2pixNestNumber, healpix29, healpixParent, pix2angNest } from "../../src/rubin/healpix.js";
import { Random } from "../../src/stats/random.js";

const RAD = 180 / Math.PI;

// healpy docstrings (pixelfunc.py): ang2pix(16, theta, phi) in RING order and
// pix2xyf(16, ring) = (x, y, face); the nested index is face * 256 + interleave(x, y).
const HEALPY_NSIDE16 = [
  { theta: Math.PI / 2, phi: 0, ring: 1440, xyf: [8, 8, 4], nest: 1216, centreTheta: 1.5291175943723188, centrePhi: 0 },
  { theta: Math.PI / 4, phi: Math.PI / 4, ring: 427, xyf: [8, 8, 0], nest: 192, centreTheta: 0.78550497, centrePhi: 0.78539816 },
  { theta: Math.PI / 2, phi: Math.PI / 2, ring: 1520, xyf: [8, 7, 5], nest: 1386, centreTheta: 1.57079633, centrePhi: 1.61988371 },
  { theta: 0, phi: 0, ring: 0, xyf: [15, 15, 0], nest: 255, centreTheta: 0.05103658, centrePhi: 0.78539816 },
  { theta: Math.PI, phi: 0, ring: 3068, xyf: [0, 0, 8], nest: 2048, centreTheta: 3.09055608, centrePhi: 0.78539816 },
];

describe("ang2pixNest", () => {
  it("matches healpy's published nside=16 examples", () => {
    for (const c of HEALPY_NSIDE16) {
      const [x, y, f] = c.xyf as [number, number, number];
      let inter = 0;
      for (let b = 0; b < 4; b++) inter |= (((x >> b) & 1) << (2 * b)) | (((y >> b) & 1) << (2 * b + 1));
      expect(f * 256 + inter).toBe(c.nest);
      expect(ang2pixNest(4, c.phi * RAD, 90 - c.theta * RAD)).toBe(BigInt(c.nest));
      expect(ang2pixNestNumber(4, c.phi * RAD, 90 - c.theta * RAD)).toBe(c.nest);
    }
  });

  it("matches healpy's ring2nest examples through ang2pix(nside, 0, 0, lonlat=True)", () => {
    // ang2pix([1, 2], 0, 0, lonlat=True) = ring [4, 12]; reorder(r2n) maps ring 12 to nest 19 at nside 2.
    expect(ang2pixNestNumber(0, 0, 0)).toBe(4);
    expect(ang2pixNestNumber(1, 0, 0)).toBe(19);
  });

  it("puts order-0 positions on the right base face", () => {
    expect(ang2pixNestNumber(0, 45, 60)).toBe(0);
    expect(ang2pixNestNumber(0, 135, 60)).toBe(1);
    expect(ang2pixNestNumber(0, 90, 0)).toBe(5);
    expect(ang2pixNestNumber(0, 180, 0)).toBe(6);
    expect(ang2pixNestNumber(0, 45, -60)).toBe(8);
    expect(ang2pixNestNumber(0, 315, -60)).toBe(11);
  });

  it("returns exact bigints above 2^53 at order 29", () => {
    const p = ang2pixNest(29, 53.13, -28.1);
    expect(p).toBeGreaterThan(2n ** 53n);
    expect(p).toBeLessThan(12n * 4n ** 29n);
    expect(healpixParent(p, 0)).toBe(ang2pixNestNumber(0, 53.13, -28.1));
  });

  it("is consistent across orders (parent = index >> 2(29-k)) for random positions", () => {
    const r = new Random(29);
    for (let i = 0; i < 500; i++) {
      const ra = r.uniformRange(0, 360);
      const dec = (Math.asin(r.uniformRange(-1, 1)) * 180) / Math.PI;
      const p29 = ang2pixNest(29, ra, dec);
      for (const k of [0, 3, 7, 12, 20, 24]) expect(healpixParent(p29, k)).toBe(ang2pixNestNumber(k, ra, dec));
    }
  });

  it("rejects orders outside [0, 29] and number output above order 24", () => {
    expect(() => ang2pixNest(30, 0, 0)).toThrow(/order/);
    expect(() => ang2pixNestNumber(25, 0, 0)).toThrow(/bigint/);
  });
});

describe("pix2angNest", () => {
  it("gives healpy's published pixel centres", () => {
    for (const c of HEALPY_NSIDE16) {
      const { ra, dec } = pix2angNest(4, c.nest);
      expect(90 - dec).toBeCloseTo(c.centreTheta * RAD, 5);
      expect(ra).toBeCloseTo(c.centrePhi * RAD, 5);
    }
  });

  it("round-trips with ang2pixNest at order 29, sky-wide and near the poles", () => {
    const r = new Random(30);
    for (let i = 0; i < 300; i++) {
      const ra = r.uniformRange(0, 360);
      const dec = i < 50 ? 89.99 + r.uniformRange(0, 0.01) : (Math.asin(r.uniformRange(-1, 1)) * 180) / Math.PI;
      const p = ang2pixNest(29, ra, dec);
      const c = pix2angNest(29, p);
      expect(ang2pixNest(29, c.ra, c.dec)).toBe(p);
      // Order-29 pixels are ~0.4 milliarcsec across.
      expect(angularDistance(ra, dec, c.ra, c.dec)).toBeLessThan(1e-6);
    }
  });

  it("healpix29 vectorises ang2pixNest(29, ...)", () => {
    const ra = Float64Array.of(6.02, 53.13, 106.3);
    const dec = Float64Array.of(-72.08, -28.1, -10.5);
    const h = healpix29(ra, dec);
    expect(h).toBeInstanceOf(BigInt64Array);
    for (let i = 0; i < 3; i++) expect(h[i]).toBe(ang2pixNest(29, ra[i]!, dec[i]!));
  });
});
