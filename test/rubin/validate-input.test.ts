import { describe, expect, it } from "vitest";
import { ColumnNotFoundError, SchemaError } from "../../src/frame/errors.js";
import { NestedFrame } from "../../src/frame/nested-frame.js";
import { PRODUCTS } from "../../src/rubin/products.js";
import { resolveInput } from "../../src/rubin/validate-input.js";

/** One object with ForcedSource-like fields in nest `nest`; `extra` adds nested fields. */
function one(nest: string, extra: Record<string, unknown[]> = {}): NestedFrame {
  return NestedFrame.fromLists(
    { coord_ra: Float64Array.of(53), coord_dec: Float64Array.of(-28), band: [["r"]], psfFlux: [Float32Array.of(1)], psfFluxErr: [Float32Array.of(1)], ...extra },
    { lists: ["band", "psfFlux", "psfFluxErr", ...Object.keys(extra)], name: nest },
  );
}

describe("resolveInput", () => {
  it("finds the product's nest by its DP1 name and resolves flux, error, band, flags and positions", () => {
    const r = resolveInput(one("objectForcedSource"), PRODUCTS.ForcedSource, "psfFlux", { flags: [], positions: true });
    expect(r).toEqual({
      nest: "objectForcedSource",
      flux: { flux: "psfFlux", err: "psfFluxErr" },
      magFlux: { flux: "psfFlux", err: "psfFluxErr" },
      band: "band",
      flags: [],
      position: { ra: "coord_ra", dec: "coord_dec", where: "base" },
    });
  });

  it("takes magnitudes from psfFlux when validating psfDiffFlux", () => {
    const f = one("lc", { psfDiffFlux: [Float32Array.of(0)], psfDiffFluxErr: [Float32Array.of(1)] });
    expect(resolveInput(f, PRODUCTS.ForcedSource, "psfDiffFlux", { flags: [], positions: false }).magFlux).toEqual({ flux: "psfFlux", err: "psfFluxErr" });
  });

  it("does not guess: a nest with another name is an error listing the nests, unless named", () => {
    const f = one("lightcurve");
    expect(() => resolveInput(f, PRODUCTS.DiaSource, "psfFlux", { positions: false })).toThrow(SchemaError);
    expect(() => resolveInput(f, PRODUCTS.DiaSource, "psfFlux", { positions: false })).toThrow(/expected a nest named "diaSource" or "lc", but it has "lightcurve"\. Pass \{ nest \}/);
    expect(resolveInput(f, PRODUCTS.DiaSource, "psfFlux", { nest: "lightcurve", flags: [], positions: false }).nest).toBe("lightcurve");
    expect(() => resolveInput(f, PRODUCTS.DiaSource, "psfFlux", { nest: "lightcurves", positions: false })).toThrow(/Did you mean "lightcurve"/);
  });

  it("names the product, the column and what is there when a field is missing", () => {
    expect(() => resolveInput(one("lc"), PRODUCTS.ForcedSource, "psfFlux", { positions: false })).toThrow(ColumnNotFoundError);
    expect(() => resolveInput(one("lc"), PRODUCTS.ForcedSource, "psfFlux", { positions: false })).toThrow(
      /Unknown column "psfFlux_flag" in the ForcedSource light curves \(nest "lc"\).*Available: band, psfFlux, psfFluxErr/,
    );
  });

  it("refuses a flux stored as text and a flag stored as a float", () => {
    const textFlux = NestedFrame.fromLists({ band: [["r"]], psfFlux: [["1.5"]], psfFluxErr: [Float32Array.of(1)] }, { lists: ["band", "psfFlux", "psfFluxErr"], name: "lc" });
    expect(() => resolveInput(textFlux, PRODUCTS.ForcedSource, "psfFlux", { flags: [], positions: false })).toThrow(/lc\.psfFlux is dict; expected a float/);
    const floatFlag = one("lc", { psfFlux_flag: [Float64Array.of(0)] });
    expect(() => resolveInput(floatFlag, PRODUCTS.ForcedSource, "psfFlux", { flags: ["psfFlux_flag"], positions: false })).toThrow(/flag column lc\.psfFlux_flag is float64; expected bool/);
  });

  it("finds positions in the nest for flat files, and says which is missing", () => {
    const flat = NestedFrame.fromLists(
      { band: [["r"]], psfFlux: [Float32Array.of(1)], psfFluxErr: [Float32Array.of(1)], coord_ra: [Float64Array.of(53)], coord_dec: [Float64Array.of(-28)] },
      { lists: ["band", "psfFlux", "psfFluxErr", "coord_ra", "coord_dec"], name: "lc" },
    );
    expect(resolveInput(flat, PRODUCTS.ForcedSource, "psfFlux", { flags: [], positions: true }).position).toEqual({ ra: "coord_ra", dec: "coord_dec", where: "nest" });
    const noDec = one("lc").select(["coord_ra", "lc"]);
    expect(() => resolveInput(noDec, PRODUCTS.ForcedSource, "psfFlux", { flags: [], positions: true })).toThrow(/"coord_dec" in the ForcedSource catalog \(needed to group by field\)/);
  });
});
