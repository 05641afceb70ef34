/**
 * Bad input: values. Unusable numbers (NaN, ±Infinity, zero, negative, null
 * errors), null bands, repeated visits, single-point and empty light curves
 * and empty catalogs are not errors: each is removed by a named cut-flow step
 * and counted, so the balance line adds up. Values of the wrong type (a flux
 * stored as text, a flag stored as a float) are errors naming the file, the
 * column, what was expected and what was found. Related:
 * test/rubin/validate-cuts.test.ts (the masks), test/rubin/validate.test.ts
 * (the nothing-lost property over random frames).
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeColumn, rawValues } from "../../src/frame/column.js";
import { SchemaError } from "../../src/frame/errors.js";
import { NestedFrame } from "../../src/frame/nested-frame.js";
import { writeParquet } from "../../src/io/parquet-write.js";
import { validateFluxErrors } from "../../src/rubin/validate.js";
import { validationBalance } from "../../src/rubin/validate-balance.js";
import { STACK_LINE, caught, cli, sample, scratch, writeFlatFiles } from "./helpers.js";

const root = scratch("values");

/**
 * Four objects, hand-made so every cut removes a known number of points:
 * object 1 (r): 12 rows, 3 usable + 1 repeat of visit 1 (another flux) + 1 flagged + 7 unusable;
 * object 2 (g): a single point; object 3: an empty light curve; object 4: one row with a null band.
 */
function handMade(): NestedFrame {
  const r = "r";
  return new NestedFrame({
    base: { objectId: makeColumn(BigInt64Array.of(1n, 2n, 3n, 4n)) },
    nested: {
      lc: {
        offsets: Int32Array.of(0, 12, 13, 13, 14),
        fields: {
          band: makeColumn([r, r, r, r, r, r, r, r, r, r, r, r, "g", null]),
          visit: makeColumn(BigInt64Array.of(1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 1n, 9n, 10n, 11n, 1n, 1n)),
          psfFlux: makeColumn([100, NaN, Infinity, -Infinity, 110, 90, 105, 95, 130, 102, 98, null, 50, 1], "float32"),
          psfFluxErr: makeColumn([10, 10, 10, 10, 0, -5, Infinity, 10, 10, 10, 10, 10, 5, 1], "float32"),
          psfFlux_flag: makeColumn([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0].map(Boolean), "bool"),
        },
      },
    },
  });
}

const OPTIONS = { flags: ["psfFlux_flag"], minObs: 2, screen: false as const };

describe("unusable values are counted, not errors", () => {
  it("removes each kind of bad value at its own step, and the balance adds up", () => {
    const v = validateFluxErrors(handMade(), OPTIONS);
    expect(v.cutflow.map((s) => [s.step, s.objects, s.lightCurves, s.points])).toEqual([
      ["input", 3, 2, 14], // 4 objects, one empty; object 4's row has no band, so is in no light curve
      ["band", 2, 2, 13], // the null band
      ["flags", 2, 2, 12], // row 10
      ["finite", 2, 2, 5], // NaN, +inf, -inf flux; error 0, -5, +inf; a null flux
      ["duplicate", 2, 2, 4], // visit 1 of object 1 again
      ["minObs", 1, 1, 3], // object 2's single point
      ["clip", 1, 1, 3],
    ]);
    expect(v.cutflow[0]!.detail).toBe("ForcedSource lc: 4 objects (1 empty)");
    expect(v.cutflow[4]!.detail).toBe("same object and visit as an earlier usable row (the first is kept)");
    const b = validationBalance(v);
    expect(b).toMatchObject({ points: 14, validated: 3, balanced: true });
    expect(b.removed.map((x) => x.points)).toEqual([1, 1, 7, 1, 1, 0]);
    // the r group holds fluxes 100, 95, 98 (the first copy of visit 1, not the 130): mean 293/3,
    // pulls 7/30, -8/30, 1/30, sample std sqrt(57)/30; keeping the 130 instead would give about 1.7
    const g = v.groups.find((x) => x.band === "r")!;
    expect(g.nPoints).toBe(3);
    expect(g.pullStd).toBeCloseTo(Math.sqrt(57) / 30, 12);
  });

  it("keeps the first of two copies of a visit even when their fluxes differ, and checks by time without a visit column", () => {
    const f = handMade();
    const nc = f.nest("lc");
    const { visit: _visit, ...noVisit } = nc.fields;
    const byTime = f.withNested("lc", { offsets: nc.offsets, fields: { ...noVisit, midpointMjdTai: makeColumn(Float64Array.from(rawValues(nc.fields["visit"]!) as BigInt64Array, (x) => 60000 + Number(x))) } });
    const v = validateFluxErrors(byTime, OPTIONS);
    expect(v.cutflow[4]).toMatchObject({ step: "duplicate", points: 4, detail: "same object and band and midpointMjdTai as an earlier usable row (the first is kept)" });
    const neither = validateFluxErrors(f.withNested("lc", { offsets: nc.offsets, fields: noVisit }), OPTIONS);
    expect(neither.cutflow[4]).toMatchObject({ step: "duplicate", points: 5, detail: "not checked: no visit or time column" });
  });

  it("reports a band whose light curves are all single points, with a hint, instead of failing", () => {
    const v = validateFluxErrors(handMade(), { ...OPTIONS, bands: ["g", "r"] });
    const g = v.groups.find((x) => x.band === "g")!;
    expect(g.nPoints).toBe(0);
    expect(Number.isNaN(g.errorScale)).toBe(true);
    expect(g.notes).toEqual(["no g-band light curve passed the cuts (see the cut-flow)"]);
  });

  it("validates an input of empty light curves and of no objects at all to a balanced zero", () => {
    const f = handMade();
    for (const frame of [f.takeObjects(Int32Array.of(2)), f.head(0)]) {
      const v = validateFluxErrors(frame, OPTIONS);
      expect(v.cutflow.every((s) => s.points === 0)).toBe(true);
      expect(validationBalance(v)).toMatchObject({ points: 0, validated: 0, balanced: true });
    }
  });

  it("prints the same counts and the balance line on the command line", async () => {
    const file = join(root, "hand-made.parquet");
    await writeParquet(handMade(), file);
    const run = await cli(["validate", file, "--flags", "psfFlux_flag", "--min-obs", "2", "--no-screen"]);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^duplicate +same object and visit .* +2 +2 +4 +1$/m);
    expect(run.out).toContain("balance: 14 points in = 3 validated + 1 band + 1 flags + 7 finite + 1 duplicate + 1 minObs + 0 clip (balanced)");
  });

  it("says an empty catalog holds no observations, exits 0 and still balances", async () => {
    const file = join(root, "no-objects.parquet");
    await writeParquet(handMade().head(0), file);
    const run = await cli(["validate", file, "--flags", "psfFlux_flag"]);
    expect(run.code).toBe(0);
    expect(run.out).toContain("The input holds no observations (a metadata-only file?).");
    expect(run.out).toContain("balance: 0 points in = 0 validated + 0 band + 0 flags + 0 finite + 0 duplicate + 0 minObs + 0 clip + 0 variability (balanced)");
    const summary = await cli(["summary", file, "--json", "-"]);
    expect(summary.code).toBe(0);
    expect(summary.out).toContain("  objects: 0 (1 base columns)\n  lc: 0 observations\n    no objects, so no light curves");
    expect(summary.out).not.toContain("NaN");
  });
});

describe("values of the wrong type are errors naming file, column, expected and found", () => {
  const flat = sample(12).forcedSource;
  const replaced = (name: string, values: Parameters<typeof makeColumn>[0]) => new NestedFrame({ base: { ...flat.base, [name]: makeColumn(values) }, length: flat.length });

  it("refuses a flux stored as text, from the file's schema before reading, and from a frame", async () => {
    const dir = join(root, "text-flux");
    const text = replaced("psfFlux", Array.from(flat.numbers("psfFlux"), String));
    await writeFlatFiles(dir, text);
    const run = await cli(["validate", dir]);
    expect(run.code).toBe(1);
    expect(run.err).toBe(`error: ${dir} (ForcedSource psfFlux): column psfFlux is Dictionary<Int32, Utf8>; expected a float (flux in nJy).`);
    expect(run.err).not.toMatch(STACK_LINE);
    const nested = NestedFrame.fromFlat(text, { on: "objectId", name: "lc" });
    const e = await caught(() => validateFluxErrors(nested));
    expect(e).toBeInstanceOf(SchemaError);
    expect(e.message).toBe("ForcedSource column lc.psfFlux is dict; expected a float (flux in nJy).");
  });

  it("refuses a flag stored as a float (is 0.5 set?)", async () => {
    const dir = join(root, "float-flag");
    await writeFlatFiles(dir, replaced("pixelFlags_cr", Float64Array.from({ length: flat.length }, (_, i) => (i % 7 === 0 ? 0.5 : 0))));
    const run = await cli(["validate", dir]);
    expect(run.code).toBe(1);
    expect(run.err).toBe(`error: ${dir} (ForcedSource psfFlux): column pixelFlags_cr is Float64; expected bool (or an integer 0/1).`);
  });

  it("accepts float64 fluxes where DP1 has float32, with the same result", () => {
    const nested = NestedFrame.fromFlat(flat, { on: "objectId", name: "lc" });
    const f64 = NestedFrame.fromFlat(replaced("psfFlux", Float64Array.from(flat.numbers("psfFlux"))), { on: "objectId", name: "lc" });
    const a = validateFluxErrors(nested, { minObs: 3 });
    const b = validateFluxErrors(f64, { minObs: 3 });
    expect(b.cutflow).toEqual(a.cutflow);
    expect(b.groups.map((g) => g.pullStd)).toEqual(a.groups.map((g) => g.pullStd));
  });
});
