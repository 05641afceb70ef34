import { describe, expect, it } from "vitest";
import { readHats } from "../../src/io/hats-read.js";
import { simulateForcedSource } from "../../src/rubin/simulate.js";
import { validateFluxErrors } from "../../src/rubin/validate.js";
import { validationPiece } from "../../src/rubin/validate-partition.js";

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
