import { describe, expect, it } from "vitest";
import { makeColumn } from "../../src/frame/column.js";
import { NestedFrame } from "../../src/frame/nested-frame.js";
import { bandLightCurves } from "../../src/rubin/band-light-curves.js";
import { CutflowLog, cutLightCurves, cutRows, dropFlagged, dropUnusable, tallyLightCurves, tallyRows } from "../../src/rubin/validate-cuts.js";

const PSF = { flux: "f", err: "e" };

/** Two objects: A has 4 r + 1 g rows, B has 2 g rows; some rows are bad. */
function frame() {
  return NestedFrame.fromLists(
    {
      id: Int32Array.of(1, 2, 3),
      band: [["r", "r", "g", "r", "r"], ["g", "g"], []],
      f: [Float32Array.of(1, 2, NaN, 4, 5), Float32Array.of(1, 2), new Float32Array(0)],
      e: [Float32Array.of(1, 1, 1, 0, 1), Float32Array.of(1, -1), new Float32Array(0)],
      bad: [Uint8Array.of(0, 1, 0, 0, 0), Uint8Array.of(0, 0), new Uint8Array(0)],
    },
    { lists: ["band", "f", "e", "bad"], name: "lc" },
  );
}

describe("tallies", () => {
  it("count objects, (object, band) pairs and points kept", () => {
    const offsets = Int32Array.of(0, 5, 7, 7);
    const codes = Int32Array.of(0, 0, 1, 0, 0, 1, 1);
    expect(tallyRows(offsets, codes)).toEqual({ objects: 2, lightCurves: 3, points: 7 });
    expect(tallyRows(offsets, codes, Uint8Array.of(1, 1, 0, 1, 1, 0, 0))).toEqual({ objects: 1, lightCurves: 1, points: 4 });
    expect(tallyLightCurves(Int32Array.of(0, 0, 1), Int32Array.of(0, 4, 5, 7), Uint8Array.of(1, 0, 1), 3)).toEqual({ objects: 2, lightCurves: 2, points: 6 });
  });

  it("count a row with a null band (-1) as a point of its object but in no light curve", () => {
    expect(tallyRows(Int32Array.of(0, 2, 3), Int32Array.of(-1, 0, -1))).toEqual({ objects: 2, lightCurves: 1, points: 3 });
  });

  it("count light curves right with more than 32 band labels (narrow-band filters)", () => {
    // one object with rows in bands 0, 32 and 64: a 32-bit mask would alias them into one
    expect(tallyRows(Int32Array.of(0, 3), Int32Array.of(0, 32, 64))).toEqual({ objects: 1, lightCurves: 3, points: 3 });
  });
});

describe("row masks", () => {
  it("drop set or null flags, and unusable flux/error pairs", () => {
    const keep = new Uint8Array(4).fill(1);
    dropFlagged(keep, [makeColumn(Uint8Array.of(0, 1, 0, 0), "bool"), { type: "bool", values: Uint8Array.of(0, 0, 0, 0), valid: Uint8Array.of(1, 1, 0, 1) }], 0);
    expect(Array.from(keep)).toEqual([1, 0, 0, 1]);
    const k2 = new Uint8Array(5).fill(1);
    dropUnusable(k2, makeColumn(Float64Array.of(1, NaN, Infinity, 2, 3)), makeColumn(Float64Array.of(1, 1, 1, 0, Infinity)), 0);
    expect(Array.from(k2)).toEqual([1, 0, 0, 0, 0]);
  });
});

describe("cutRows", () => {
  it("records input, band, flags and finite steps, and keeps only the good rows and the needed fields", () => {
    const log = new CutflowLog();
    const kept = cutRows(frame(), { nest: "lc", band: "band", flags: ["bad"], flux: PSF }, ["g", "r"], false, "Test", log);
    expect(log.steps.map((s) => [s.step, s.objects, s.lightCurves, s.points])).toEqual([
      ["input", 2, 3, 7],
      ["band", 2, 3, 7],
      ["flags", 2, 3, 6],
      ["finite", 2, 2, 3],
      ["duplicate", 2, 2, 3],
    ]);
    expect(log.steps[4]!.detail).toBe("not checked: no visit or time column");
    expect(log.steps[0]!.detail).toBe("Test lc: 3 objects (1 empty)");
    expect(kept.nest("lc").fields).toHaveProperty("f");
    expect(Object.keys(kept.nest("lc").fields)).toEqual(["band", "f", "e"]);
    expect(Array.from(kept.numbers("lc.f"))).toEqual([1, 5, 1]);
  });

  it("carries the magnitude's flux along without cutting on it", () => {
    const f = frame().withNested("lc", { ...frame().nest("lc"), fields: { ...frame().nest("lc").fields, m: frame().nest("lc").fields["f"]! } });
    const log = new CutflowLog();
    const kept = cutRows(f, { nest: "lc", band: "band", flags: [], flux: { flux: "e", err: "e" }, carry: ["m"] }, ["g", "r"], false, "Test", log);
    // rows with e > 0 stay although m (a copy of f) is NaN in one of them
    expect(Array.from(kept.numbers("lc.m")).map(String)).toEqual(["1", "2", "NaN", "5", "1"]);
    expect(Object.keys(kept.nest("lc").fields)).toEqual(["band", "e", "m"]);
  });

  it("drops the bands not asked for, saying which were kept", () => {
    const log = new CutflowLog();
    cutRows(frame(), { nest: "lc", band: "band", flags: [], flux: PSF }, ["r"], true, "Test", log);
    expect(log.steps[1]).toMatchObject({ step: "band", detail: "band not in r (or null)", objects: 1, lightCurves: 1, points: 4 });
  });
});

describe("cutLightCurves", () => {
  it("drops light curves that are too short or have a point beyond the clip", () => {
    const f = NestedFrame.fromLists(
      { band: [["r", "r", "r", "r"], ["r", "r", "r"], ["r", "r", "r", "r"]], f: [Float64Array.of(0, 1, 0, 1), Float64Array.of(0, 0, 0), Float64Array.of(0, 0, 0, 100)], e: [Float64Array.of(1, 1, 1, 1), Float64Array.of(1, 1, 1), Float64Array.of(1, 1, 1, 1)] },
      { lists: ["band", "f", "e"], name: "lc" },
    );
    const lcs = bandLightCurves(f, "lc");
    const log = new CutflowLog();
    const { keep, mean } = cutLightCurves(lcs, PSF, { minObs: 4, clipSigma: 10 }, 3, log);
    // third: mean 25, pulls -25, -25, -25, 75: beyond 10 sigma
    expect(Array.from(keep)).toEqual([1, 0, 0]);
    expect(mean[2]).toBe(25);
    expect(log.steps.map((s) => [s.step, s.lightCurves, s.points])).toEqual([
      ["minObs", 2, 8],
      ["clip", 1, 4],
    ]);
    const log2 = new CutflowLog();
    cutLightCurves(lcs, PSF, { minObs: 3, clipSigma: 100, maxReducedChi2: 0.2 }, 3, log2);
    // reduced chi-squares: first 1/3 and third 2500 are above 0.2, the second (0) is not
    expect(log2.steps.map((s) => [s.step, s.lightCurves])).toEqual([
      ["minObs", 3],
      ["clip", 3],
      ["chi2", 1],
    ]);
  });
});
