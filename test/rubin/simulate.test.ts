import { describe, expect, it } from "vitest";
import type { BoolColumn, DictColumn, Int64Column, NumberColumn } from "../../src/frame/column.js";
import { nearestFields } from "../../src/rubin/fields.js";
import { simulateDiaObjects } from "../../src/rubin/sim-dia.js";
import { FORCED_SOURCE_FLAGS } from "../../src/rubin/products.js";
import { DP1_BANDS, simulateForcedSource } from "../../src/rubin/simulate.js";

const sim = simulateForcedSource({ seed: 7, nObjects: 2500 });
const lc = sim.objects.nest("objectForcedSource");
const f32 = (name: string): Float32Array => (lc.fields[name] as NumberColumn).values as Float32Array;
const bool = (name: string): Uint8Array => (lc.fields[name] as BoolColumn).values;

describe("simulateForcedSource", () => {
  it("is deterministic for a seed and changes with the seed", () => {
    const again = simulateForcedSource({ seed: 7, nObjects: 300 });
    const same = simulateForcedSource({ seed: 7, nObjects: 300 });
    const other = simulateForcedSource({ seed: 8, nObjects: 300 });
    const flux = (s: typeof again): Float32Array => (s.objects.nest("objectForcedSource").fields.psfFlux as NumberColumn).values as Float32Array;
    expect(flux(same)).toEqual(flux(again));
    expect((same.objects.column("objectId") as Int64Column).values).toEqual((again.objects.column("objectId") as Int64Column).values);
    expect(flux(other)).not.toEqual(flux(again));
  });

  it("has DP1 object_collection columns and types", () => {
    const o = sim.objects;
    expect(o.length).toBe(2500);
    expect(o.column("objectId").type).toBe("int64");
    expect(o.column("_healpix_29").type).toBe("int64");
    expect(o.column("coord_ra").type).toBe("float64");
    expect(o.baseNames).not.toContain("field");
    for (const b of DP1_BANDS) {
      expect(o.column(`${b}_psfFlux`).type).toBe("float32");
      expect(o.column(`${b}_psfFluxErr`).type).toBe("float32");
    }
    const types = Object.fromEntries(Object.entries(lc.fields).map(([k, c]) => [k, c.type]));
    expect(types).toMatchObject({
      band: "dict",
      midpointMjdTai: "float64",
      visit: "int64",
      detector: "int16",
      psfFlux: "float32",
      psfFluxErr: "float32",
      psfDiffFlux: "float32",
      psfDiffFluxErr: "float32",
      psfMag: "float32",
      psfMagErr: "float32",
    });
    for (const f of FORCED_SOURCE_FLAGS) expect(types[f]).toBe("bool");
    expect((lc.fields.band as DictColumn).dictionary).toEqual(["u", "g", "r", "i", "z", "y"]);
  });

  it("places objects in the seven DP1 fields, within ~1.5 deg of a centre, sorted by _healpix_29", () => {
    const ra = (sim.objects.column("coord_ra") as NumberColumn).values as Float64Array;
    const dec = (sim.objects.column("coord_dec") as NumberColumn).values as Float64Array;
    const { index, distance } = nearestFields(ra, dec);
    const perField = new Array<number>(7).fill(0);
    for (let i = 0; i < index.length; i++) {
      perField[index[i]!]!++;
      expect(distance[i]).toBeLessThan(1.52); // tangent-plane offsets: 1.5 deg to first order
    }
    for (const c of perField) expect(c).toBeGreaterThan(200);
    const h = (sim.objects.column("_healpix_29") as Int64Column).values;
    for (let i = 1; i < h.length; i++) expect(h[i]! >= h[i - 1]!).toBe(true);
  });

  it("has realistic light-curve lengths: many short, a tail above 100, time-ordered", () => {
    const sizes: number[] = [];
    for (let i = 0; i < sim.objects.length; i++) sizes.push(lc.offsets[i + 1]! - lc.offsets[i]!);
    sizes.sort((a, b) => a - b);
    expect(sizes[Math.floor(sizes.length / 2)]).toBeLessThan(20);
    expect(sizes.filter((s) => s > 100).length).toBeGreaterThan(10);
    const t = (lc.fields.midpointMjdTai as NumberColumn).values as Float64Array;
    for (let i = 0; i < sim.objects.length; i++) for (let r = lc.offsets[i]! + 1; r < lc.offsets[i + 1]!; r++) expect(t[r]! > t[r - 1]!).toBe(true);
  });

  it("flags about 2% of rows, and only flagged rows have NaN fluxes or non-positive errors", () => {
    const n = lc.offsets[sim.objects.length]!;
    const flags = FORCED_SOURCE_FLAGS.map(bool);
    const flux = f32("psfFlux");
    const err = f32("psfFluxErr");
    let flagged = 0;
    let nan = 0;
    let badErr = 0;
    for (let r = 0; r < n; r++) {
      const any = flags.some((f) => f[r] === 1);
      if (any) {
        flagged++;
        if (Number.isNaN(flux[r]!)) nan++;
        if (err[r]! <= 0) badErr++;
      } else {
        expect(Number.isFinite(flux[r]!) && err[r]! > 0).toBe(true);
      }
    }
    expect(flagged / n).toBeGreaterThan(0.016);
    expect(flagged / n).toBeLessThan(0.024);
    expect(nan).toBeGreaterThan(0);
    expect(badErr).toBeGreaterThan(0);
  });

  it("recovers the injected truths: scatter of constant unflagged stars over e is sqrt(s^2 + (a/e)^2)", () => {
    const flux = f32("psfFlux");
    const err = f32("psfFluxErr");
    const diff = f32("psfDiffFlux");
    const diffErr = f32("psfDiffFluxErr");
    const band = (lc.fields.band as DictColumn).codes;
    const flags = FORCED_SOURCE_FLAGS.map(bool);
    const nb = DP1_BANDS.length;
    for (let b = 0; b < nb; b++) {
      const s = sim.truth.errorScale[DP1_BANDS[b]!]!;
      const a = sim.truth.errorFloor[DP1_BANDS[b]!]!;
      let ratio = 0;
      let ratioDiff = 0;
      let naive = 0;
      let k = 0;
      for (let i = 0; i < sim.objects.length; i++) {
        if (sim.objectTruth.variable[i]) continue;
        const F = sim.objectTruth.meanFlux[i * nb + b]!;
        for (let r = lc.offsets[i]!; r < lc.offsets[i + 1]!; r++) {
          if (band[r] !== b || flags.some((f) => f[r] === 1)) continue;
          const e = err[r]!;
          const z2 = ((flux[r]! - F) / e) ** 2;
          ratio += z2 / (s * s + (a / e) ** 2);
          ratioDiff += (diff[r]! / diffErr[r]!) ** 2 / (s * s + (a / diffErr[r]!) ** 2);
          naive += z2 / (s * s);
          k++;
        }
      }
      expect(k).toBeGreaterThan(1000);
      // Mean of chi^2_1 / 1 over k rows has standard error sqrt(2/k) (< 0.045 here).
      const tol = 4 * Math.sqrt(2 / k);
      expect(Math.abs(ratio / k - 1)).toBeLessThan(tol);
      expect(Math.abs(ratioDiff / k - 1)).toBeLessThan(tol);
      // The floor is visible: ignoring it leaves excess scatter.
      expect(naive / k - 1).toBeGreaterThan(0.02);
    }
  });

  it("nested and flat outputs describe the same observations, flat sorted by visit", () => {
    const flat = sim.forcedSource;
    expect(flat.length).toBe(sim.objects.observationCount);
    expect(flat.baseNames.slice(0, 4)).toEqual(["objectId", "coord_ra", "coord_dec", "band"]);
    const visits = (flat.column("visit") as Int64Column).values;
    for (let r = 1; r < visits.length; r++) expect(visits[r]! >= visits[r - 1]!).toBe(true);
    const key = (id: bigint, visit: bigint, f: number, d: number): string => `${id}|${visit}|${f}|${d}`;
    const ids = (sim.objects.column("objectId") as Int64Column).values;
    const nv = (lc.fields.visit as Int64Column).values;
    const nested: string[] = [];
    for (let i = 0; i < sim.objects.length; i++) {
      for (let r = lc.offsets[i]!; r < lc.offsets[i + 1]!; r++) nested.push(key(ids[i]!, nv[r]!, f32("psfFlux")[r]!, f32("psfDiffFluxErr")[r]!));
    }
    const fid = (flat.column("objectId") as Int64Column).values;
    const ff = (flat.column("psfFlux") as NumberColumn).values as Float32Array;
    const fd = (flat.column("psfDiffFluxErr") as NumberColumn).values as Float32Array;
    const flatKeys = Array.from(fid, (id, r) => key(id, visits[r]!, ff[r]!, fd[r]!));
    expect(flatKeys.sort()).toEqual(nested.sort());
  });

  it("keeps int64 ids above 2^53 exact (neighbours collide as float64)", () => {
    const ids = (sim.objects.column("objectId") as Int64Column).values;
    expect(ids[0]! > 2n ** 53n).toBe(true);
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
    expect(new Set(Array.from(ids, Number)).size).toBeLessThan(ids.length);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("makes ~2% of objects variable with large light-curve scatter", () => {
    let v = 0;
    for (const x of sim.objectTruth.variable) v += x;
    expect(v / sim.objects.length).toBeGreaterThan(0.01);
    expect(v / sim.objects.length).toBeLessThan(0.03);
  });
});

describe("simulateDiaObjects", () => {
  const dia = simulateDiaObjects({ seed: 7, nDiaObjects: 1500 });
  const frame = dia.diaObjects;
  const src = frame.nest("diaSource");

  it("has ~99% single-DiaSource objects and nDiaSources matching the nest", () => {
    const nd = (frame.column("nDiaSources") as NumberColumn).values as Int32Array;
    let single = 0;
    for (let i = 0; i < frame.length; i++) {
      expect(nd[i]).toBe(src.offsets[i + 1]! - src.offsets[i]!);
      if (nd[i] === 1) single++;
    }
    expect(single / frame.length).toBeGreaterThan(0.98);
    expect(single).toBeLessThan(frame.length);
  });

  it("has DP1 dia_object_collection columns and types", () => {
    expect(frame.column("diaObjectId").type).toBe("int64");
    expect(frame.column("nDiaSources").type).toBe("int32");
    expect(frame.column("g_psfFluxNdata").type).toBe("int32");
    expect(src.fields.diaSourceId!.type).toBe("int64");
    expect(Object.keys(frame.nest("diaObjectForcedSource").fields)).toEqual(expect.arrayContaining(["visit", "band", "psfFlux", "psfDiffFlux", "psfDiffFluxErr", "invalidPsfFlag"]));
    expect(Object.keys(src.fields)).toEqual(expect.arrayContaining(["visit", "detector", "band", "midpointMjdTai", "psfFlux", "psfFluxErr", "scienceFlux", "scienceFluxErr"]));
  });

  it("computes per-band aggregates from the DiaSources", () => {
    const flux = (src.fields.psfFlux as NumberColumn).values as Float32Array;
    const err = (src.fields.psfFluxErr as NumberColumn).values as Float32Array;
    const band = (src.fields.band as DictColumn).codes;
    const nd = (frame.column("nDiaSources") as NumberColumn).values as Int32Array;
    const i = nd.findIndex((n) => n >= 4);
    expect(i).toBeGreaterThanOrEqual(0);
    DP1_BANDS.forEach((b, k) => {
      let sw = 0;
      let swf = 0;
      let n = 0;
      for (let r = src.offsets[i]!; r < src.offsets[i + 1]!; r++) {
        if (band[r] !== k) continue;
        sw += 1 / err[r]! ** 2;
        swf += flux[r]! / err[r]! ** 2;
        n++;
      }
      expect(((frame.column(`${b}_psfFluxNdata`) as NumberColumn).values as Int32Array)[i]).toBe(n);
      const mean = ((frame.column(`${b}_psfFluxMean`) as NumberColumn).values as Float64Array)[i]!;
      if (n === 0) expect(mean).toBeNaN();
      else expect(mean).toBeCloseTo(swf / sw, 6);
    });
  });

  it("shares the visits of simulateForcedSource for the same seed", () => {
    expect(dia.visits.visit).toEqual(sim.visits.visit);
  });
});
