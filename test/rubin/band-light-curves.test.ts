import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SchemaError } from "../../src/frame/errors.js";
import { NestedFrame } from "../../src/frame/nested-frame.js";
import { bandLightCurves, bandOrder } from "../../src/rubin/band-light-curves.js";

const frame = NestedFrame.fromLists(
  {
    objectId: BigInt64Array.of(11n, 12n, 13n),
    band: [["r", "g", "r", "u"], [], ["g", "g"]],
    t: [Float64Array.of(1, 2, 3, 4), new Float64Array(0), Float64Array.of(5, 6)],
  },
  { lists: ["band", "t"], name: "lc" },
);

describe("bandLightCurves", () => {
  it("gives one row per (object, band) in ugrizy order, rows in their original order", () => {
    const lc = bandLightCurves(frame, "lc", { baseColumns: ["objectId"] });
    expect(lc.toArray("object")).toEqual([0, 0, 0, 2]);
    expect(lc.toArray("band")).toEqual(["u", "g", "r", "g"]);
    expect(lc.toArray("objectId")).toEqual([11n, 11n, 11n, 13n]);
    expect(Array.from(lc.nest("lc").offsets)).toEqual([0, 1, 2, 4, 6]);
    expect(Array.from(lc.numbers("lc.t"))).toEqual([4, 2, 1, 3, 5, 6]);
  });

  it("orders bands by wavelength, unknown ones last", () => {
    expect(bandOrder(["y", "r", "N921", "u", "i"])).toEqual(["u", "r", "i", "y", "N921"]);
  });

  it("refuses null bands", () => {
    const withNull = NestedFrame.fromLists({ band: [["r", null]], t: [Float64Array.of(1, 2)] }, { lists: ["band", "t"], name: "lc" });
    expect(() => bandLightCurves(withNull, "lc")).toThrow(SchemaError);
  });

  it("keeps every observation exactly once (property)", () => {
    const arb = fc.array(fc.array(fc.constantFrom("u", "g", "r", "i", "z", "y"), { maxLength: 12 }), { maxLength: 20 });
    fc.assert(
      fc.property(arb, (bands) => {
        fc.pre(bands.some((b) => b.length > 0)); // with no value at all the band type cannot be inferred
        let t = 0;
        const times = bands.map((bs) => Float64Array.from(bs, () => t++));
        const f = NestedFrame.fromLists({ band: bands, t: times }, { lists: ["band", "t"], name: "lc" });
        const lc = bandLightCurves(f, "lc");
        const seen = Array.from(lc.numbers("lc.t")).sort((a, b) => a - b);
        expect(seen).toEqual(Array.from({ length: t }, (_, k) => k));
        // each light curve is one band of one object, times increasing
        const o = lc.nest("lc").offsets;
        const obj = lc.numbers("object");
        const tt = lc.numbers("lc.t");
        for (let i = 0; i < lc.length; i++) {
          for (let r = o[i]! + 1; r < o[i + 1]!; r++) expect(tt[r]!).toBeGreaterThan(tt[r - 1]!);
          const b = lc.toArray("band")[i];
          for (let r = o[i]!; r < o[i + 1]!; r++) expect(bands[obj[i]!]![tt[r]! - times[obj[i]!]![0]!]).toBe(b);
        }
      }),
    );
  });
});
