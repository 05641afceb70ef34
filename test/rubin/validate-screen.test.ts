import { describe, expect, it } from "vitest";
import { NestedFrame } from "../../src/frame/nested-frame.js";
import { bandLightCurves } from "../../src/rubin/band-light-curves.js";
import { screenBands } from "../../src/rubin/validate-screen.js";
import { Random } from "../../src/stats/random.js";

/** 60 objects with 20 r and 20 g points each; objects 0-2 vary strongly in r only. */
function objects() {
  const rng = new Random(5);
  const band: string[][] = [];
  const f: Float64Array[] = [];
  const e: Float64Array[] = [];
  for (let j = 0; j < 60; j++) {
    const b = [...Array<string>(20).fill("r"), ...Array<string>(20).fill("g")];
    const err = Float64Array.from(b, () => 10 + 10 * rng.uniform());
    f.push(Float64Array.from(b, (x, i) => 500 + (j < 3 && x === "r" ? 200 * Math.sin(i) : 0) + err[i]! * rng.normal()));
    e.push(err);
    band.push(b);
  }
  return bandLightCurves(NestedFrame.fromLists({ band, f, e }, { lists: ["band", "f", "e"], name: "lc" }), "lc");
}

describe("screenBands", () => {
  it("clears the variables of each band from the keep mask and returns each band's fit", () => {
    const lcs = objects();
    const keep = new Uint8Array(lcs.length).fill(1);
    const out = screenBands(lcs, keep, { flux: "f", err: "e" }, { pValue: 1e-6, fitFloor: false });
    const dropped = Array.from(keep).flatMap((k, i) => (k === 0 ? [`${lcs.toArray("object")[i]}${lcs.toArray("band")[i]}`] : []));
    expect(dropped).toEqual(["0r", "1r", "2r"]);
    expect([...out.keys()].sort()).toEqual(["g", "r"]);
    expect(out.get("r")!.fit!.nLightCurves).toBe(57);
    expect(out.get("g")!.fit!.nLightCurves).toBe(60);
    expect(Math.abs(out.get("r")!.fit!.scale - 1)).toBeLessThan(3 * out.get("r")!.fit!.scaleErr);
  });

  it("leaves light curves already cut alone and notes a band it cannot fit", () => {
    const lcs = objects();
    const keep = new Uint8Array(lcs.length).fill(1);
    // keep a single g light curve: too few to fit a band model
    const band = lcs.toArray("band");
    let g = 0;
    band.forEach((b, i) => {
      if (b === "g" && g++ > 0) keep[i] = 0;
    });
    const out = screenBands(lcs, keep, { flux: "f", err: "e" }, { pValue: 1e-6, fitFloor: false });
    expect(out.get("g")!.note).toMatch(/variability screening skipped/);
    expect(out.get("g")!.fit).toBeUndefined();
    expect(Array.from(keep).filter((k, i) => k === 1 && band[i] === "g")).toHaveLength(1);
  });
});
