import { describe, expect, it } from "vitest";
import { BAND_COLORS, SERIES_COLORS, bandColor, seriesColor, sortBands } from "../../src/plot/band-colors.js";

describe("band colours", () => {
  it("give each Rubin band its own fixed colour, whatever its position", () => {
    expect(Object.keys(BAND_COLORS)).toEqual(["u", "g", "r", "i", "z", "y"]);
    expect(new Set(Object.values(BAND_COLORS)).size).toBe(6);
    expect(bandColor("r", 0)).toBe(bandColor("r", 5));
    expect(bandColor("r")).toBe(BAND_COLORS["r"]);
  });

  it("cycle through the series colours for bands that are not Rubin's", () => {
    expect(bandColor("VR", 0)).toBe(SERIES_COLORS[0]);
    expect(bandColor("N921", 11)).toBe(SERIES_COLORS[1]);
    expect(seriesColor(10)).toBe(seriesColor(0));
  });

  it("sort u g r i z y first, then other bands by name", () => {
    expect(sortBands(["y", "N921", "g", "u", "VR", "i"])).toEqual(["u", "g", "i", "y", "N921", "VR"]);
    expect(sortBands([])).toEqual([]);
  });
});
