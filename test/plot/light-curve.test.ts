import { describe, expect, it } from "vitest";
import { makeColumn } from "../../src/frame/column.js";
import { ColumnNotFoundError } from "../../src/frame/errors.js";
import { NestedFrame } from "../../src/frame/nested-frame.js";
import { BAND_COLORS } from "../../src/plot/band-colors.js";
import type { ScatterTrace } from "../../src/plot/figure.js";
import { lightCurveFigure } from "../../src/plot/light-curve.js";

/** Two objects; the second has 6 points in r, g and an unknown band, with one NaN flux, one null time and one NaN error. */
function frame(): NestedFrame {
  return new NestedFrame({
    base: { objectId: makeColumn(BigInt64Array.of(9007199254740993n, 9007199254740995n)) },
    nested: {
      lc: {
        offsets: Int32Array.of(0, 2, 8),
        fields: {
          band: { type: "dict", codes: Int32Array.of(0, 0, 0, 1, 0, 2, 1, 0), dictionary: ["r", "g", "N921"] },
          mjd: { type: "float64", values: Float64Array.of(1, 2, 60001, 60002, 60003, 60004, 60005, 60006), valid: Uint8Array.of(1, 1, 1, 1, 1, 1, 0, 1) },
          flux: makeColumn(Float32Array.of(5, 6, 100, 200, NaN, 300, 250, 110)),
          fluxErr: makeColumn(Float32Array.of(1, 1, 10, 20, 10, 30, 25, NaN)),
        },
      },
    },
  });
}

const names = { time: "mjd", flux: "flux", err: "fluxErr" };

describe("lightCurveFigure", () => {
  it("draws one trace per band, u g r i z y first, each point with its error bar", () => {
    const fig = lightCurveFigure(frame(), 1, names);
    expect(fig.data.map((t) => t.name)).toEqual(["g", "r", "N921"]);
    const [g, r, other] = fig.data as ScatterTrace[];
    // g: row 3 (row 6 has a null time); r: rows 2, 7 (row 4's flux is NaN); N921: row 5
    expect(g).toMatchObject({ x: [60002], y: [200], error_y: { type: "data", array: [20], visible: true } });
    expect(r).toMatchObject({ x: [60001, 60006], y: [100, 110], error_y: { array: [10, null] } });
    expect(other).toMatchObject({ x: [60004], y: [300] });
    expect(g!.marker?.color).toBe(BAND_COLORS["g"]);
    expect(r!.error_y?.color).toBe(BAND_COLORS["r"]);
    expect(other!.marker?.color).toMatch(/^#[0-9a-f]{6}$/);
  });

  it("finds an object by its int64 id, exactly beyond 2^53, and names it in the title", () => {
    const fig = lightCurveFigure(frame(), 9007199254740995n, names);
    expect(fig.layout.title?.text).toBe("objectId 9007199254740995");
    expect((fig.data[0] as ScatterTrace).y).toEqual([200]);
    expect(lightCurveFigure(frame(), 0, names).layout.title?.text).toBe("objectId 9007199254740993");
  });

  it("reads a frame that is a slice of another (offsets not starting at 0) at the right rows", () => {
    const tail = frame().takeObjects(Int32Array.of(1));
    expect(tail.nest("lc").offsets[0]).toBe(2); // a contiguous take shares the parent's offsets and fields
    expect(lightCurveFigure(tail, 0, names)).toEqual(lightCurveFigure(frame(), 1, names));
    expect(lightCurveFigure(frame().loc([1, 0]), 1, names)).toEqual(lightCurveFigure(frame(), 0, names));
  });

  it("labels the axes with the column names and nJy", () => {
    const fig = lightCurveFigure(frame(), 0, names);
    expect(fig.layout.xaxis?.title?.text).toBe("mjd");
    expect(fig.layout.xaxis?.tickformat).toBe(".8~r"); // times as plain numbers (60612.1), not SI-suffixed "60.61k"
    expect(fig.layout.yaxis?.title?.text).toBe("flux (nJy)");
    expect(JSON.parse(JSON.stringify(fig))).toEqual(fig);
  });

  it("says which object or column is missing", () => {
    expect(() => lightCurveFigure(frame(), 7n, names)).toThrow("No object has objectId = 7 (the frame has 2 objects)");
    expect(() => lightCurveFigure(frame(), 2, names)).toThrow("Object position 2 is out of range [0, 2).");
    expect(() => lightCurveFigure(frame(), 0, { ...names, flux: "psfFlux" })).toThrow(ColumnNotFoundError);
    expect(() => lightCurveFigure(frame(), 0, { ...names, time: "band" })).toThrow('Column "lc.band" holds strings; the time of a light curve must be numeric.');
  });
});
