import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_ERROR_FLOOR, DEFAULT_ERROR_SCALE } from "../../src/rubin/simulate.js";

const truth = JSON.parse(readFileSync("data-samples/truth.json", "utf8")) as {
  seed: number;
  errorScale: Record<string, number>;
  errorFloor: Record<string, number>;
  samples: { dp1_object_collection: { objects: number; partitions: number } };
};
const readme = readFileSync("data-samples/README.md", "utf8");

describe("data-samples", () => {
  it("truth.json states the simulation's default injected truths, s_b in [1, 1.2] and all different", () => {
    expect(truth.errorScale).toEqual(DEFAULT_ERROR_SCALE);
    expect(truth.errorFloor).toEqual(DEFAULT_ERROR_FLOOR);
    const s = Object.values(truth.errorScale);
    for (const v of s) expect(v >= 1 && v <= 1.2).toBe(true);
    expect(new Set(s).size).toBe(s.length);
  });

  it("the README's truth table matches truth.json", () => {
    for (const [b, s] of Object.entries(truth.errorScale)) {
      expect(readme).toContain(`| ${b} | ${s.toFixed(2)} | ${truth.errorFloor[b]} |`);
    }
    expect(readme).toContain(`Seed \`${truth.seed}\``);
  });

  it("the HATS sample's properties and partition list agree with truth.json", () => {
    const props = readFileSync("data-samples/dp1_object_collection/object_lc/hats.properties", "utf8");
    expect(props).toContain(`hats_nrows=${truth.samples.dp1_object_collection.objects}`);
    expect(props).toContain("hats_col_ra=coord_ra");
    const pixels = readFileSync("data-samples/dp1_object_collection/object_lc/partition_info.csv", "utf8").trim().split("\n").slice(1);
    expect(pixels.length).toBe(truth.samples.dp1_object_collection.partitions);
    expect(pixels.length).toBeGreaterThanOrEqual(4);
  });
});
