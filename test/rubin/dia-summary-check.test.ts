import { beforeAll, describe, expect, it } from "vitest";
import { type Column, toFloat64 } from "../../src/frame/column.js";
import { SchemaError } from "../../src/frame/errors.js";
import { NestedFrame } from "../../src/frame/nested-frame.js";
import { readHats } from "../../src/io/hats-read.js";
import { checkDiaObjectSummaries, formatDiaSummaryCheck } from "../../src/rubin/dia-summary-check.js";
import { DIA_SOURCE_FLAGS } from "../../src/rubin/products.js";

let dia: NestedFrame;
beforeAll(async () => {
  dia = await readHats("data-samples/dp1_dia_object_collection");
});

/** A copy of stored column `name` with `edit` applied to its float64 values. */
function edited(frame: NestedFrame, name: string, edit: (v: Float64Array) => void): Record<string, Column> {
  const v = Float64Array.from(toFloat64(frame.column(name), name));
  edit(v);
  return { [name]: { type: "float64", values: v } };
}

/** Position of the first object with exactly `n` r-band DiaSources (by the stored Ndata). */
const withRSources = (n: number, after = 0) => Array.from(dia.numbers("r_psfFluxNdata")).findIndex((x, i) => i >= after && x === n);

describe("checkDiaObjectSummaries on the DIA sample", () => {
  it("agrees everywhere: the simulator wrote these columns from the same DiaSources", () => {
    const c = checkDiaObjectSummaries(dia);
    expect(c.ok).toBe(true);
    expect(c.bands).toEqual(["u", "g", "r", "i", "z", "y"]);
    expect(c.rows.length).toBe(30);
    expect(c.disagreeing.length).toBe(0);
    expect(c.missing).toEqual([]);
    const ndata = (b: string) => Array.from(dia.numbers(`${b}_psfFluxNdata`));
    for (const r of c.rows) {
      expect(r.agree).toBe(r.compared);
      expect(r.nanMismatch).toBe(0);
      expect(r.compared + r.bothNaN).toBe(3000);
      // objects compared: every object for Ndata; with >= 1 source for Mean, MeanErr, Chi2; >= 2 for Sigma
      const least = r.statistic === "Ndata" ? 0 : r.statistic === "Sigma" ? 2 : 1;
      expect(r.compared).toBe(ndata(r.band).filter((n) => n >= least).length);
    }
    // 3209 DiaSources in all, each counted once in its band
    expect(c.rows.filter((r) => r.statistic === "Ndata").reduce((a, r) => a + ndata(r.band).reduce((x, y) => x + y, 0), 0)).toBe(3209);
  });

  it("names exactly the objects of a corrupted copy, worst first, with their BigInt ids", () => {
    const ids = dia.bigints("diaObjectId");
    const [a, b, c, d] = [withRSources(1), withRSources(2), withRSources(1, 100), withRSources(1, 200)];
    const bad = dia.withColumns({
      ...edited(dia, "r_psfFluxMean", (v) => (v[a] = v[a]! * (1 + 1e-4))), // a 1e-4 relative change
      ...edited(dia, "r_psfFluxChi2", (v) => (v[b] = v[b]! + 0.5)),
      ...edited(dia, "r_psfFluxSigma", (v) => (v[c] = 3)), // one source: NaN recomputed, a number stored
      ...edited(dia, "r_psfFluxNdata", (v) => (v[d] = v[d]! + 1)),
    });
    const check = checkDiaObjectSummaries(bad);
    expect(check.ok).toBe(false);
    expect(Array.from(check.disagreeing).sort()).toEqual([ids[a]!, ids[b]!, ids[c]!, ids[d]!].sort());
    const row = (col: string) => check.rows.find((r) => r.column === col)!;
    expect(row("r_psfFluxMean").compared - row("r_psfFluxMean").agree).toBe(1);
    expect(row("r_psfFluxMean").worst[0]!).toMatchObject({ id: ids[a], agrees: false });
    expect(row("r_psfFluxMean").maxRelDiff).toBeCloseTo(1e-4 / (1 + 1e-4), 8);
    expect(row("r_psfFluxChi2").worst[0]!).toMatchObject({ id: ids[b], agrees: false });
    expect(row("r_psfFluxChi2").maxAbsDiff).toBeCloseTo(0.5, 9);
    expect(row("r_psfFluxSigma").nanMismatch).toBe(1);
    expect(row("r_psfFluxSigma").worst[0]!).toMatchObject({ id: ids[c], stored: 3, relDiff: Infinity });
    expect(row("r_psfFluxNdata").worst[0]!).toMatchObject({ id: ids[d], absDiff: 1 });
    // every other column still agrees
    for (const r of check.rows) if (r.band !== "r") expect(r.agree).toBe(r.compared);
    const text = formatDiaSummaryCheck(check);
    expect(text).toContain("4 object(s) disagree");
    expect(text).toContain(String(ids[a]));
  });

  it("agrees at 1e-6 when the columns are stored as float32 as in DP1, and not at 1e-9", () => {
    const f32: Record<string, Column> = {};
    for (const b of ["g", "r"]) for (const s of ["Mean", "MeanErr", "Sigma", "Chi2"]) f32[`${b}_psfFlux${s}`] = { type: "float32", values: Float32Array.from(toFloat64(dia.column(`${b}_psfFlux${s}`))) };
    const stored32 = dia.withColumns(f32);
    expect(checkDiaObjectSummaries(stored32, { bands: ["g", "r"] }).ok).toBe(true);
    const strict = checkDiaObjectSummaries(stored32, { bands: ["g", "r"], rtol: 1e-9 });
    expect(strict.ok).toBe(false);
    // rounding to float32 moves a value by at most 2^-24 of itself
    for (const r of strict.rows) expect(r.maxRelDiff).toBeLessThanOrEqual(2 ** -24);
  });

  it("with the DiaSource flags excluded, disagrees at exactly the objects that have a flagged source (the stored columns count every source, as DP1's do)", () => {
    const check = checkDiaObjectSummaries(dia, { flags: [...DIA_SOURCE_FLAGS] });
    const anyFlag = dia.reduce("diaSource", Object.fromEntries(DIA_SOURCE_FLAGS.map((f) => [f, `max(${f})`])));
    const ids = dia.bigints("diaObjectId");
    const flagged = ids.filter((_, i) => DIA_SOURCE_FLAGS.some((f) => anyFlag.numbers(f)[i]! > 0));
    expect(flagged.length).toBeGreaterThan(10);
    expect(Array.from(check.disagreeing)).toEqual(Array.from(flagged));
  });

  it("counts a change just inside the tolerance as agreeing and just outside as not", () => {
    const k = withRSources(1);
    const scaled = (x: number) => dia.withColumns(edited(dia, "r_psfFluxMeanErr", (v) => (v[k] = v[k]! * (1 + x))));
    expect(checkDiaObjectSummaries(scaled(5e-7), { bands: ["r"] }).ok).toBe(true);
    expect(checkDiaObjectSummaries(scaled(2e-6), { bands: ["r"] }).ok).toBe(false);
  });
});

describe("checkDiaObjectSummaries on small frames", () => {
  const frame = (stored: Record<string, Column>) =>
    NestedFrame.fromLists(
      { diaObjectId: BigInt64Array.of(2n ** 62n + 1n, 2n ** 62n + 2n), band: [["g"], ["g", "g"]], psfFlux: [Float64Array.of(3), Float64Array.of(1, 3)], psfFluxErr: [Float64Array.of(1), Float64Array.of(1, 1)] },
      { lists: ["band", "psfFlux", "psfFluxErr"], name: "diaSource" },
    ).withColumns(stored);

  it("treats a single source's Chi2 of 0 and a recomputed 1e-30 as equal (the scale of a chi-square is 1), and ids past 2^53 exactly", () => {
    // by hand: object 1 mean 3, chi2 0; object 2 mean 2, chi2 (1-2)^2 + (3-2)^2 = 2
    const c = checkDiaObjectSummaries(frame({ g_psfFluxChi2: { type: "float64", values: Float64Array.of(1e-30, 2) }, g_psfFluxMean: { type: "float64", values: Float64Array.of(3, 2.5) } }));
    expect(c.rows.map((r) => r.statistic)).toEqual(["Mean", "Chi2"]);
    expect(c.missing).toEqual(["g_psfFluxMeanErr", "g_psfFluxSigma", "g_psfFluxNdata"]);
    expect(c.rows[1]!.agree).toBe(2);
    expect(Array.from(c.disagreeing)).toEqual([2n ** 62n + 2n]);
    expect(c.rows[0]!.worst[0]).toMatchObject({ stored: 2.5, recomputed: 2, absDiff: 0.5, agrees: false });
  });

  it("refuses a frame without summary columns, saying which columns it has", () => {
    expect(() => checkDiaObjectSummaries(frame({}))).toThrow(SchemaError);
    expect(() => checkDiaObjectSummaries(frame({}))).toThrow(/g_psfFluxMean.*diaObjectId/);
  });
});
