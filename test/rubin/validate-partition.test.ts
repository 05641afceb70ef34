import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readHats } from "../../src/io/hats-read.js";
import { simulateForcedSource } from "../../src/rubin/simulate.js";
import { validateFluxErrors } from "../../src/rubin/validate.js";
import { DP1_FIELDS } from "../../src/rubin/fields.js";
import { validationPiece, validationSpill } from "../../src/rubin/validate-partition.js";
import { readSpillBand } from "../../src/rubin/validate-spill.js";

describe("validationPiece", () => {
  it("applies the cuts before the screen exactly as validateFluxErrors counts them", () => {
    const { objects } = simulateForcedSource({ seed: 3, nObjects: 300 });
    const piece = validationPiece(objects, { args: { maxReducedChi2: 4 } });
    const whole = validateFluxErrors(objects, { maxReducedChi2: 4 });
    expect(piece.steps.map((s) => s.step)).toEqual(["input", "band", "flags", "finite", "duplicate", "minObs", "clip", "chi2"]);
    expect(piece.steps).toEqual(whole.cutflow.slice(0, piece.steps.length));
    const last = piece.steps.at(-1)!;
    // What the piece keeps is what passed those cuts: its objects and rows are the last step's.
    expect(piece.frame.length).toBe(last.objects);
    expect(piece.frame.observationCount).toBe(last.points);
    expect(piece.frame.columnNames).toEqual(["objectForcedSource.band", "objectForcedSource.psfFlux", "objectForcedSource.psfFluxErr"]);
    expect(piece.inputObjects).toBe(300);
    expect(piece.bands).toEqual(["u", "g", "r", "i", "z", "y"]);
  });

  it("keeps each object's position (from the uncut rows) when grouping by field, and the magnitude's flux for psfDiffFlux", async () => {
    const frame = await readHats("data-samples/dp1_object_collection", { pixels: [{ order: 2, pixel: 80 }] });
    const piece = validationPiece(frame, { args: { groupBy: ["field", "magBin"], flux: "psfDiffFlux" } });
    expect(piece.frame.baseNames).toEqual(["coord_ra", "coord_dec"]);
    expect(Object.keys(piece.frame.nest("objectForcedSource").fields).sort()).toEqual(["band", "psfDiffFlux", "psfDiffFluxErr", "psfFlux", "psfFluxErr"]);
    // The kept objects' positions are their own: look them up by position in the input.
    const ra = frame.numbers("coord_ra");
    const kept = piece.frame.numbers("coord_ra");
    for (let i = 0; i < kept.length; i++) expect(Array.prototype.includes.call(ra, kept[i]!)).toBe(true);
  });
});

describe("validationSpill", () => {
  const dir = mkdtempSync(join(tmpdir(), "nested-lc-spill-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("spills, band by band, exactly the rows of the light curves validationPiece keeps, with each light curve's object", () => {
    const { objects } = simulateForcedSource({ seed: 4, nObjects: 200 });
    const options = { minObs: 5 };
    const piece = validationPiece(objects, { args: options });
    const s = validationSpill(objects, { args: { options, dir }, partition: { index: 3 }, batch: 2 });
    expect(s.steps).toEqual(piece.steps);
    expect(s.spill.path).toBe(join(dir, "partition-3-2.bin")); // row group 2 of partition 3
    expect(s.spill.float32).toBe(true); // psfFlux and psfFluxErr are float32
    expect(s.spill.segments.map((x) => x.band)).toEqual(["u", "g", "r", "i", "z", "y"]);
    expect(s.spill.segments.reduce((a, x) => a + x.rows, 0)).toBe(piece.frame.observationCount);
    // Band g's rows in the spill are the piece's g rows, object by object, in order.
    const nest = piece.frame.nest("objectForcedSource");
    const band = nest.fields["band"]!;
    const flux = piece.frame.lightCurveArrays("objectForcedSource", ["psfFlux"]).values[0]!;
    const labels = band.type === "dict" ? band.dictionary : [];
    const codes = band.type === "dict" ? band.codes : new Int32Array(0);
    const g = readSpillBand(s.spill, 1);
    const want: number[] = [];
    for (let r = 0; r < flux.length; r++) if (labels[codes[r]!] === "g") want.push(flux[r]!);
    expect(Array.from(g.flux)).toEqual(want);
    // Each light curve's object is its position in the partition, ascending within a band.
    for (let i = 1; i < g.object.length; i++) expect(g.object[i]!).toBeGreaterThan(g.object[i - 1]!);
    expect(g.object[g.object.length - 1]!).toBeLessThan(200);
  });

  it("computes each light curve's field and magnitude bin as validateFluxErrors groups them", async () => {
    const frame = await readHats("data-samples/dp1_object_collection", { pixels: [{ order: 2, pixel: 80 }] });
    const options = { groupBy: ["field", "magBin"] as const };
    const s = validationSpill(frame, { args: { options, dir }, partition: { index: 0 } });
    const whole = validateFluxErrors(frame, options);
    const counts = new Map<string, number>();
    for (const [k, seg] of s.spill.segments.entries()) {
      const b = readSpillBand(s.spill, k, { rows: false });
      expect(b.flux.length).toBe(0); // rows: false reads only the per-light-curve arrays
      for (let i = 0; i < seg.lightCurves; i++) {
        const key = `${seg.band} ${DP1_FIELDS[b.field![i]!]?.name ?? "none"} ${Number.isFinite(b.mag![i]!) ? b.mag![i] : null}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    // Before the screen every light curve is there: each group's count is at least what validateFluxErrors kept.
    for (const gr of whole.groups) expect(counts.get(`${gr.band} ${gr.field} ${gr.magBin}`) ?? 0).toBeGreaterThanOrEqual(gr.nObjects);
    const screenOff = validateFluxErrors(frame, { ...options, screen: false });
    const nonEmpty = screenOff.groups.filter((gr) => gr.nObjects > 0);
    for (const gr of nonEmpty) expect(counts.get(`${gr.band} ${gr.field} ${gr.magBin}`)).toBe(gr.nObjects);
    expect(counts.size).toBe(nonEmpty.length);
  });
});
