import { describe, expect, it } from "vitest";
import { AB_ZERO_POINT_NJY, fluxErrToMagErr, fluxToMag, fluxesToMags, magErrToFluxErr, magToFlux } from "../../src/rubin/magnitudes.js";

describe("nJy <-> AB magnitudes", () => {
  it("uses the nJy zero point 31.4, i.e. 3631 Jy is AB 0 to 0.01%", () => {
    expect(AB_ZERO_POINT_NJY).toBe(31.4);
    expect(fluxToMag(3631e9)).toBeCloseTo(0, 3);
    expect(fluxToMag(1)).toBe(31.4);
    expect(fluxToMag(1000)).toBeCloseTo(23.9, 12);
  });

  it("round-trips flux -> mag -> flux", () => {
    for (const f of [0.5, 17, 1000, 3.2e6]) expect(magToFlux(fluxToMag(f)) / f).toBeCloseTo(1, 12);
  });

  it("gives NaN for non-positive or non-finite fluxes", () => {
    for (const f of [0, -3, NaN, Infinity]) expect(fluxToMag(f)).toBeNaN();
  });

  it("propagates errors to first order: 10% in flux is 0.1086 mag", () => {
    expect(fluxErrToMagErr(1000, 100)).toBeCloseTo(0.1085736204758129, 14);
    expect(magErrToFluxErr(23.9, fluxErrToMagErr(1000, 100))).toBeCloseTo(100, 9);
    expect(fluxErrToMagErr(1000, 0)).toBeNaN();
    expect(fluxErrToMagErr(-1, 1)).toBeNaN();
  });

  it("converts whole columns to float32 like DP1's psfMag", () => {
    const { mag, magErr } = fluxesToMags(Float32Array.of(1000, -5, 10, NaN), Float32Array.of(100, 10, -1, 1));
    expect(mag).toBeInstanceOf(Float32Array);
    expect(mag[0]).toBeCloseTo(23.9, 5);
    expect(magErr[0]).toBeCloseTo(0.10857, 5);
    for (const k of [1, 2, 3]) {
      expect(mag[k]).toBeNaN();
      expect(magErr[k]).toBeNaN();
    }
  });
});
