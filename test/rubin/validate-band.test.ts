import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DP1_FIELDS } from "../../src/rubin/fields.js";
import { simulateForcedSource } from "../../src/rubin/simulate.js";
import { type ValidateOptions, checkValidateOptions, validateFluxErrors } from "../../src/rubin/validate.js";
import { type BandPart, validateBand } from "../../src/rubin/validate-band.js";
import { validationSpill } from "../../src/rubin/validate-partition.js";

const dir = mkdtempSync(join(tmpdir(), "nested-lc-band-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("validateBand", () => {
  it("gives validateFluxErrors' groups of that band, from two partitions' spills, with its screen's keep mask", () => {
    const { objects } = simulateForcedSource({ seed: 5, nObjects: 400, variableFraction: 0.05 });
    const halves = [objects.takeObjects(Int32Array.from({ length: 150 }, (_, i) => i)), objects.takeObjects(Int32Array.from({ length: 250 }, (_, i) => 150 + i))];
    for (const options of [{}, { groupBy: ["magBin"] }] as ValidateOptions[]) {
      const spills = halves.map((f, index) => validationSpill(f, { args: { options, dir }, partition: { index } }));
      const parts: BandPart[] = [];
      let first = 0;
      spills.forEach((s, partition) => {
        const segment = s.spill.segments.findIndex((x) => x.band === "r");
        const lightCurves = s.spill.segments[segment]!.lightCurves;
        parts.push({ layout: s.spill, segment, partition, first, lightCurves });
        first += lightCurves;
      });
      const r = validateBand({ band: "r", bandIndex: 2, parts, options: { ...checkValidateOptions(options), fields: DP1_FIELDS }, dir, sortBudget: 50 });
      const whole = validateFluxErrors(objects, options);
      expect(r.groups).toEqual(whole.groups.filter((g) => g.band === "r"));
      expect(r.keep.length).toBe(first);
      const kept = r.keep.reduce((a, k) => a + k, 0);
      expect(kept).toBe(r.groups.reduce((a, g) => a + g.nObjects, 0)); // every kept light curve is in one group
      expect(kept).toBeLessThan(first); // the screen flagged the variables
      expect(readdirSync(dir).filter((f) => f.startsWith("band-"))).toEqual([]); // its work folder is removed
    }
  });
});
