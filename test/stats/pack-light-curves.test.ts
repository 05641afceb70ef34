import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/frame/errors.js";
import { packLightCurves } from "../../src/stats/pack-light-curves.js";

describe("packLightCurves", () => {
  const offsets = Int32Array.of(0, 2, 3, 3, 6);
  const keep = Uint8Array.of(1, 0, 1, 1);

  it("copies the kept light curves back to back with offsets from 0", () => {
    const p = packLightCurves(offsets, Float64Array.of(1, 2, 3, 4, 5, 6), Float64Array.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6), keep);
    expect(Array.from(p.offsets)).toEqual([0, 2, 2, 5]);
    expect(Array.from(p.flux)).toEqual([1, 2, 4, 5, 6]);
    expect(Array.from(p.err)).toEqual([0.1, 0.2, 0.4, 0.5, 0.6]);
  });

  it("keeps float32 input float32 (and each array's own type), with the same values", () => {
    const flux = Float32Array.of(1.1, 2.2, 3.3, 4.4, 5.5, 6.6);
    const err = Int32Array.of(1, 2, 3, 4, 5, 6);
    const p = packLightCurves(offsets, flux, err, keep);
    expect(p.flux).toBeInstanceOf(Float32Array);
    expect(p.err).toBeInstanceOf(Int32Array);
    expect(Array.from(p.flux)).toEqual([flux[0], flux[1], flux[3], flux[4], flux[5]]);
    expect(Array.from(p.err)).toEqual([1, 2, 4, 5, 6]);
  });

  it("reads a subarray view from its own start and leaves the input alone", () => {
    const base = Float32Array.of(99, 1, 2, 3);
    const flux = base.subarray(1);
    const p = packLightCurves(Int32Array.of(0, 1, 3), flux, flux, Uint8Array.of(0, 1));
    expect(Array.from(p.flux)).toEqual([2, 3]);
    p.flux[0] = -1;
    expect(Array.from(base)).toEqual([99, 1, 2, 3]);
  });

  it("gives empty arrays when nothing is kept", () => {
    const p = packLightCurves(offsets, new Float32Array(6), new Float32Array(6), new Uint8Array(4));
    expect(Array.from(p.offsets)).toEqual([0]);
    expect(p.flux.length).toBe(0);
    expect(p.flux).toBeInstanceOf(Float32Array);
  });

  it("throws ArgumentError when keep does not have one entry per light curve or the layout is broken", () => {
    const xs = new Float64Array(6);
    expect(() => packLightCurves(offsets, xs, xs, Uint8Array.of(1, 1))).toThrow(/keep has 2 entries but there are 4 light curves/);
    expect(() => packLightCurves(offsets, xs, xs.subarray(1), keep)).toThrow(ArgumentError);
  });
});
