import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { NestedFrame } from "../../src/frame/nested-frame.js";
import { readHats } from "../../src/io/hats-read.js";
import { validateFluxErrors } from "../../src/rubin/validate.js";
import { validationPiece } from "../../src/rubin/validate-partition.js";
import { dropShortObjects } from "../../src/rubin/validate-prefilter.js";

let dia: NestedFrame;
beforeAll(async () => {
  dia = await readHats("data-samples/dp1_dia_object_collection");
});

describe("dropShortObjects", () => {
  it("clears the rows of objects with no band reaching minObs, counting only kept rows", () => {
    // object 0: r r r (reaches 3); object 1: r r g (2 + 1: does not); object 2: r r r r with one cut (3 kept: reaches);
    // object 3: one row; object 4: empty
    const offsets = Int32Array.of(0, 3, 6, 10, 11, 11);
    const codes = Int32Array.of(0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 2);
    const keep = Uint8Array.of(1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1);
    expect(dropShortObjects(keep, offsets, codes, 3)).toBe(2);
    expect(Array.from(keep)).toEqual([1, 1, 1, 0, 0, 0, 1, 0, 1, 1, 0]);
  });

  it("does not count a cut row, nor a row with a null band (-1), toward a band", () => {
    const keep = Uint8Array.of(1, 1, 0, 1);
    // band 0 has 2 kept rows + 1 cut; the 4th row has no band: 3 kept rows, but no band has 3
    expect(dropShortObjects(keep, Int32Array.of(0, 4), Int32Array.of(0, 0, 0, -1), 3)).toBe(1);
    expect(Array.from(keep)).toEqual([0, 0, 0, 0]);
  });

  it("reads rows from the offsets' first row on (a frame that is a slice)", () => {
    const keep = Uint8Array.of(1, 1, 1);
    // offsets start at row 5: object 0 = rows 0-1 of the mask, object 1 = row 2
    expect(dropShortObjects(keep, Int32Array.of(5, 7, 8), Int32Array.of(1, 1, 1), 2)).toBe(1);
    expect(Array.from(keep)).toEqual([1, 1, 0]);
  });
});

describe("validateFluxErrors with and without the prefilter", () => {
  const same = (frame: NestedFrame, options: Parameters<typeof validateFluxErrors>[1]) => {
    const on = validateFluxErrors(frame, options);
    const off = validateFluxErrors(frame, { ...options, prefilter: false });
    expect(on).toEqual(off);
    return on;
  };

  it("gives identical results on the DIA sample: DiaSource at minObs 10, 3 and 2, ForcedSourceOnDiaObject at 10", () => {
    const v10 = same(dia, { product: "DiaSource" });
    // 99.5% of DiaObjects have one DiaSource: no light curve of 10 DiaSources survives the clip (see dia-validation.test.ts)
    expect(v10.cutflow.find((s) => s.step === "minObs")!.objects).toBeLessThan(20);
    same(dia, { product: "DiaSource", minObs: 3, screen: false });
    same(dia, { product: "DiaSource", flux: "scienceFlux", minObs: 2 });
    same(dia, { product: "ForcedSourceOnDiaObject", flux: "psfDiffFlux", groupBy: ["field", "magBin"] });
  });

  it("gives identical partition pieces (what a catalog validation keeps)", () => {
    const args = { product: "DiaSource", minObs: 3 };
    const on = validationPiece(dia, { args });
    const off = validationPiece(dia, { args: { ...args, prefilter: false } });
    expect(on.steps).toEqual(off.steps);
    expect(on.frame.length).toBe(off.frame.length);
    expect(on.frame.observationCount).toBe(off.frame.observationCount);
    expect(Array.from(on.frame.lightCurveArrays(on.nest, ["psfFlux"]).values[0]!)).toEqual(Array.from(off.frame.lightCurveArrays(off.nest, ["psfFlux"]).values[0]!));
  });

  it("gives identical results on random frames with repeats, flags, NaNs and null bands (property)", () => {
    const row = fc.record({
      band: fc.constantFrom("g", "r", "r", null),
      flux: fc.oneof({ weight: 8, arbitrary: fc.double({ min: -1e3, max: 1e3, noNaN: true }) }, { weight: 1, arbitrary: fc.constant(NaN) }),
      err: fc.oneof({ weight: 8, arbitrary: fc.double({ min: 1, max: 50, noNaN: true }) }, { weight: 1, arbitrary: fc.constant(0) }),
      flag: fc.constantFrom(0, 0, 0, 0, 1),
      visit: fc.integer({ min: 1, max: 6 }),
    });
    // mostly one-row objects, as in DP1's DiaObjects, and some long enough to pass
    const object = fc.oneof({ weight: 4, arbitrary: fc.array(row, { minLength: 1, maxLength: 1 }) }, { weight: 1, arbitrary: fc.array(row, { maxLength: 9 }) });
    fc.assert(
      fc.property(fc.array(object, { minLength: 1, maxLength: 30 }), fc.integer({ min: 2, max: 4 }), (objs, minObs) => {
        fc.pre(objs.flat().some((r) => r.band !== null));
        const f = NestedFrame.fromLists(
          {
            band: objs.map((o) => o.map((r) => r.band)),
            psfFlux: objs.map((o) => Float64Array.from(o, (r) => r.flux)),
            psfFluxErr: objs.map((o) => Float64Array.from(o, (r) => r.err)),
            psfFlux_flag: objs.map((o) => Uint8Array.from(o, (r) => r.flag)),
            visit: objs.map((o) => BigInt64Array.from(o, (r) => BigInt(r.visit))),
          },
          { lists: ["band", "psfFlux", "psfFluxErr", "psfFlux_flag", "visit"], name: "lc" },
        );
        same(f, { flags: ["psfFlux_flag"], minObs, screen: false });
      }),
      { numRuns: Number(process.env["NLC_PROPERTY_RUNS"] ?? 60) },
    );
  });
});
