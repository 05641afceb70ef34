import { describe, expect, it } from "vitest";
import { makeColumn } from "../../src/frame/column.js";
import { NestedFrame } from "../../src/frame/nested-frame.js";
import type { ScatterTrace } from "../../src/plot/figure.js";
import { colorColor } from "../../src/rubin/color-color.js";
import { stellarLocusGr } from "../../src/rubin/sim-star-colors.js";
import { skySourceFluxCheck } from "../../src/rubin/sky-sources.js";
import { colorColorFigure, skySourceFigure } from "../../src/rubin/source-table-figures.js";

function stars(): NestedFrame {
  const n = 3;
  const col = (v: number[]) => makeColumn(Float32Array.from(v));
  return new NestedFrame({
    base: {
      g_psfFlux: col([2000, 3000, 4000]),
      r_psfFlux: col([1000, 1000, 1000]),
      i_psfFlux: col([500, 800, 900]),
      g_psfFluxErr: col([1, 1, 1]),
      r_psfFluxErr: col([1, 1, 1]),
      i_psfFluxErr: col([1, 1, 1]),
      g_psfFlux_flag: makeColumn(new Uint8Array(n), "bool"),
      r_psfFlux_flag: makeColumn(new Uint8Array(n), "bool"),
      i_psfFlux_flag: makeColumn(new Uint8Array(n), "bool"),
    },
  });
}

describe("colorColorFigure", () => {
  it("plots the selected colours and the stellar locus for g - r against r - i", () => {
    const cc = colorColor(stars());
    const fig = colorColorFigure(cc);
    const [points, locus] = fig.data as ScatterTrace[];
    expect(points!.name).toBe("stars (3)");
    expect(points!.x).toEqual(Array.from(cc.x));
    expect(points!.y).toEqual(Array.from(cc.y));
    expect(locus!.name).toBe("stellar locus");
    expect(locus!.x[10]).toBeCloseTo(stellarLocusGr(locus!.y[10]!), 15);
    expect(fig.layout.xaxis?.title?.text).toBe("g - r (mag)");
    expect(fig.layout.title?.text).toBe("r - i against g - r");
  });

  it("leaves the locus out for other colours or when asked", () => {
    expect(colorColorFigure(colorColor(stars(), { x: ["g", "i"] })).data).toHaveLength(1);
    expect(colorColorFigure(colorColor(stars()), { locus: false }).data).toHaveLength(1);
  });
});

describe("skySourceFigure", () => {
  const sources = new NestedFrame({
    base: {
      band: makeColumn(["g", "g", "g", "r", "r"]),
      sky_source: makeColumn(Uint8Array.of(1, 1, 1, 1, 1), "bool"),
      psfFlux: makeColumn(Float32Array.of(1, -1, 0.5, 2, -2)),
      psfFluxErr: makeColumn(Float32Array.of(1, 1, 1, 1, 1)),
    },
  });

  it("draws the f/e histograms of each band as densities with the N(0,1) density", () => {
    const check = skySourceFluxCheck(sources);
    const fig = skySourceFigure(check);
    expect(fig.data.map((t) => t.name)).toEqual([`g (std ${check.bands[0]!.pull.std.toFixed(3)})`, "r (std 2.828)", "N(0,1)"]);
    const g = fig.data[0] as ScatterTrace;
    // three g values in 0.2-wide bins: density 1 / (3 x 0.2) in each occupied bin
    expect(g.y.filter((v) => v !== 0)).toEqual([1 / 0.6, 1 / 0.6, 1 / 0.6].map((v) => expect.closeTo(v, 12)));
    expect(fig.layout.xaxis?.title?.text).toBe("psfFlux / psfFluxErr");
  });

  it("draws the flux in nJy without the normal curve, for the bands asked", () => {
    const fig = skySourceFigure(skySourceFluxCheck(sources), { quantity: "flux", bands: ["r"] });
    expect(fig.data.map((t) => t.name)).toEqual(["r (std 2.8 nJy)"]);
    expect(fig.layout.xaxis?.title?.text).toBe("psfFlux (nJy)");
  });
});
