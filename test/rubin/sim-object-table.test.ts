import { describe, expect, it } from "vitest";
import { toArray } from "../../src/frame/column.js";
import { Random } from "../../src/stats/random.js";
import { magToFlux } from "../../src/rubin/magnitudes.js";
import { SATURATION_MAG, drawFieldObjects, objectTable } from "../../src/rubin/sim-object-table.js";
import { LOCUS_BANDS } from "../../src/rubin/sim-star-colors.js";

const FIELD = { name: "EDFS", ra: 59.1, dec: -48.73, tracts: [{ tract: 2234, raMax: 59.1 }, { tract: 2235, raMax: Infinity }] };

describe("drawFieldObjects", () => {
  it("places objects within the radius and assigns tracts by right ascension", () => {
    const o = drawFieldObjects(new Random(1), FIELD, 2000, 0.4, 0.45);
    const cos = Math.cos((FIELD.dec * Math.PI) / 180);
    for (let i = 0; i < o.n; i++) {
      expect(Math.hypot((o.ra[i]! - FIELD.ra) * cos, o.dec[i]! - FIELD.dec)).toBeLessThanOrEqual(0.45 + 1e-12);
      expect(o.tract[i]).toBe(o.ra[i]! < 59.1 ? 2234 : 2235);
    }
    const stars = o.star.reduce((a, b) => a + b, 0);
    expect(Math.abs(stars - 800)).toBeLessThan(3 * Math.sqrt(2000 * 0.4 * 0.6));
  });
});

describe("objectTable", () => {
  const rng = new Random(2);
  const o = drawFieldObjects(rng, FIELD, 3000, 0.4, 0.45);
  const idx = Int32Array.from({ length: o.n }, (_, k) => k);
  const t = objectTable(new Random(3), o, idx, 2234, FIELD);

  it("scatters each flux by exactly its reported error (coadd errors are correct)", () => {
    let n = 0;
    let s2 = 0;
    LOCUS_BANDS.forEach((band, b) => {
      const f = t.numbers(`${band}_psfFlux`);
      const e = t.numbers(`${band}_psfFluxErr`);
      for (let j = 0; j < t.length; j++) {
        if (!Number.isFinite(f[j]!) || !Number.isFinite(e[j]!)) continue;
        const z = (f[j]! - o.flux[j * 6 + b]!) / e[j]!;
        s2 += z * z;
        n++;
      }
    });
    // float32 rounding of f adds < 1e-7 relative, far below the statistical error
    expect(Math.abs(Math.sqrt(s2 / n) - 1)).toBeLessThan(3 / Math.sqrt(2 * n));
  });

  it("flags about 1.5% of measurements and every saturated one, and leaves about 0.5% NaN without a flag", () => {
    let flagged = 0;
    let silentNaN = 0;
    let total = 0;
    LOCUS_BANDS.forEach((band, b) => {
      const f = t.numbers(`${band}_psfFlux`);
      const flag = toArray(t.column(`${band}_psfFlux_flag`));
      for (let j = 0; j < t.length; j++) {
        total++;
        const saturated = o.flux[j * 6 + b]! > magToFlux(SATURATION_MAG);
        if (saturated) expect(flag[j]).toBe(true);
        else if (flag[j]) flagged++;
        if (Number.isNaN(f[j]!) && !flag[j]) silentNaN++;
      }
    });
    expect(Math.abs(flagged / total - 0.015)).toBeLessThan(3 * Math.sqrt((0.015 * 0.985) / total));
    expect(Math.abs(silentNaN / total - 0.005)).toBeLessThan(3 * Math.sqrt((0.005 * 0.995) / total));
  });

  it("writes ids past 2^53, the tract, and refExtendedness 0 for bright stars, 1 for bright galaxies, NaN for some", () => {
    const ids = toArray(t.column("objectId")) as bigint[];
    expect(ids[0]).toBe(609_000_002_234_000_000n);
    expect(ids[ids.length - 1]! - ids[0]!).toBe(BigInt(t.length - 1));
    expect(new Set(toArray(t.column("tract")))).toEqual(new Set([2234n]));
    const ext = t.numbers("refExtendedness");
    let nan = 0;
    for (let j = 0; j < t.length; j++) {
      if (Number.isNaN(ext[j]!)) nan++;
      else if (31.4 - 2.5 * Math.log10(o.flux[j * 6 + 2]!) <= 23.5) expect(ext[j]).toBe(o.star[j] ? 0 : 1);
    }
    expect(Math.abs(nan / t.length - 0.02)).toBeLessThan(3 * Math.sqrt((0.02 * 0.98) / t.length));
  });
});
