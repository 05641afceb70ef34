import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { concatFrames } from "../../src/io/concat-frames.js";
import { DP1_FIELDS } from "../../src/rubin/fields.js";
import { simulateForcedSource } from "../../src/rubin/simulate.js";
import { type ValidateOptions, checkValidateOptions, validateFluxErrors } from "../../src/rubin/validate.js";
import { validationSpill } from "../../src/rubin/validate-partition.js";
import { emptyGroup, streamedValidation } from "../../src/rubin/validate-stream.js";

const dir = mkdtempSync(join(tmpdir(), "nested-lc-stream-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// 600 objects with variables, in three partitions of unequal size.
const { objects } = simulateForcedSource({ seed: 21, nObjects: 600, variableFraction: 0.05 });
const cuts = [0, 50, 420, 600];
const parts = cuts.slice(1).map((hi, k) => objects.takeObjects(Int32Array.from({ length: hi - cuts[k]! }, (_, j) => cuts[k]! + j)));
const BANDS = ["u", "g", "r", "i", "z", "y"];

function streamed(options: ValidateOptions, sortBudget: number, threads: number) {
  const spilled = parts.map((f, index) => validationSpill(f, { args: { options, dir }, partition: { index } }));
  return streamedValidation(spilled, BANDS, { ...checkValidateOptions(options), fields: DP1_FIELDS }, dir, { sortBudget, threads });
}

describe("streamedValidation", () => {
  it("screens and computes every group from the spills as validateFluxErrors does on the concatenated partitions, in this thread and in workers", async () => {
    for (const [options, threads] of [[{}, 0], [{ groupBy: ["field", "magBin"] }, 0], [{}, 2]] as [ValidateOptions, number][]) {
      const whole = validateFluxErrors(concatFrames(parts), options);
      const { screened, groups } = await streamed(options, 100, threads);
      expect(groups).toEqual(whole.groups.filter((g) => g.nObjects > 0));
      const { step, detail, ...counts } = whole.cutflow.at(-1)!;
      expect(step).toBe("variability");
      expect(screened).toEqual(counts);
      expect(detail).toMatch(/p < 1e-6/);
    }
    expect(readdirSync(dir).filter((f) => !f.startsWith("partition-"))).toEqual([]); // group and sort files are gone
  });

  it("tells each band's end, in band order", async () => {
    const phases: string[] = [];
    const options: ValidateOptions = { screen: false, bands: ["g", "r"] };
    const spilled = parts.map((f, index) => validationSpill(f, { args: { options, dir }, partition: { index } }));
    const r = await streamedValidation(spilled, ["g", "r"], { ...checkValidateOptions(options), fields: DP1_FIELDS }, dir, { onPhase: (p) => phases.push(p), threads: 2 });
    expect(phases).toEqual(["band g", "band r"]);
    expect(r.screened).toBeUndefined();
    expect(r.groups.map((g) => g.band)).toEqual(["g", "r"]);
  });
});

describe("emptyGroup", () => {
  it("reports a band without light curves with NaN statistics and says why", () => {
    const o = checkValidateOptions({});
    const e = emptyGroup("u", o, "; because");
    expect(e.nObjects).toBe(0);
    expect(e.errorScale).toBeNaN();
    expect(e.notes).toEqual(["no u-band light curve passed the cuts (see the cut-flow); because"]);
  });
});
