import { describe, expect, it } from "vitest";
import { NestedFrame } from "../../src/frame/nested-frame.js";
import { type FluxErrorValidation, validateFluxErrors } from "../../src/rubin/validate.js";
import { formatBalance, validationBalance } from "../../src/rubin/validate-balance.js";
import { formatValidation } from "../../src/rubin/validate-format.js";
import { simulateForcedSource } from "../../src/rubin/simulate.js";

const sim = simulateForcedSource({ seed: 3, nObjects: 60 });
const v = validateFluxErrors(sim.objects, { minObs: 5 });

describe("validationBalance", () => {
  it("splits the input into validated points and each step's removals", () => {
    const b = validationBalance(v);
    expect(b.points).toBe(sim.objects.observationCount);
    expect(b.validated).toBe(v.groups.reduce((a, g) => a + g.nPoints, 0));
    expect(b.removed.map((r) => r.step)).toEqual(["band", "flags", "finite", "duplicate", "minObs", "clip", "variability"]);
    expect(b.removed.find((r) => r.step === "flags")!.points).toBe(v.cutflow[1]!.points - v.cutflow[2]!.points);
    expect(b.points).toBe(b.validated + b.removed.reduce((a, r) => a + r.points, 0));
    expect(b.balanced).toBe(true);
  });

  it("flags a result whose groups hold fewer points than the last step kept", () => {
    const lost: FluxErrorValidation = { ...v, groups: v.groups.map((g, k) => (k === 0 ? { ...g, nPoints: g.nPoints - 1 } : g)) };
    const b = validationBalance(lost);
    expect(b.balanced).toBe(false);
    expect(b.kept - b.validated).toBe(1);
    expect(formatBalance(b)).toMatch(/UNBALANCED \(the terms sum to \d+; the last step kept \d+\): please report this as a bug$/);
  });

  it("prints one line the command line shows under the cut-flow", () => {
    const b = validationBalance(v);
    const line = formatBalance(b);
    expect(line).toBe(`balance: ${b.points} points in = ${b.validated} validated + ${b.removed.map((r) => `${r.points} ${r.step}`).join(" + ")} (balanced)`);
    expect(formatValidation(v).split("\n")).toContain(line);
  });

  it("balances an input without observations: 0 = 0", () => {
    const empty = NestedFrame.fromLists({ band: [["r"]], psfFlux: [[1]], psfFluxErr: [[1]], psfFlux_flag: [[false]] }, { lists: ["band", "psfFlux", "psfFluxErr", "psfFlux_flag"], name: "lc" }).head(0);
    const b = validationBalance(validateFluxErrors(empty, { flags: ["psfFlux_flag"] }));
    expect([b.points, b.validated, b.balanced]).toEqual([0, 0, true]);
  });
});
