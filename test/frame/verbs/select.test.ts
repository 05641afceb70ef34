import { describe, expect, it } from "vitest";
import { ColumnNotFoundError } from "../../../src/frame/errors.js";
import { sampleFrame } from "./fixtures.js";

describe("select", () => {
  it("keeps base columns, whole nests and single nested fields in the order given", () => {
    const f = sampleFrame();
    const out = f.select(["ra", "lc.psfFluxErr", "lc.psfFlux"]);
    expect(out.baseNames).toEqual(["ra"]);
    expect(Object.keys(out.nest("lc").fields)).toEqual(["psfFluxErr", "psfFlux"]);
    expect(out.nest("lc").offsets).toBe(f.nest("lc").offsets);
    expect(Object.keys(f.select(["lc", "lc.mjd"]).nest("lc").fields)).toEqual(["mjd", "psfFlux", "psfFluxErr", "band"]);
  });

  it("keeps the object count even with no base column selected", () => {
    expect(sampleFrame().select([]).length).toBe(3);
  });

  it("an unknown name is a ColumnNotFoundError with the nearest names", () => {
    expect(() => sampleFrame().select(["lc.psfflux"])).toThrow(ColumnNotFoundError);
    expect(() => sampleFrame().select(["objectID"])).toThrow(/Did you mean "objectId"/);
  });
});
