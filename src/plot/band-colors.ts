/**
 * One colour per photometric band, the same in every figure, and a plain
 * palette for series that are not bands.
 */

/** Rubin's six bands in the multiband colours of Rubin's plotting guidelines (white background). */
export const BAND_COLORS: Readonly<Record<string, string>> = {
  u: "#1600ea",
  g: "#31de1f",
  r: "#b52626",
  i: "#370201",
  z: "#ba52ff",
  y: "#61a2b3",
};

/** Series colours (plotly's default cycle), for everything that is not a band. */
export const SERIES_COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"] as const;

/**
 * The colour of a band: Rubin's for u g r i z y, else the series cycle at `k`.
 *
 * @example
 * bandColor("g"); // "#31de1f"
 * bandColor("VR", 1); // "#ff7f0e"
 */
export function bandColor(band: string, k = 0): string {
  return BAND_COLORS[band] ?? SERIES_COLORS[k % SERIES_COLORS.length]!;
}

/**
 * The n-th series colour.
 *
 * @example
 * seriesColor(0); // "#1f77b4"
 */
export function seriesColor(k: number): string {
  return SERIES_COLORS[k % SERIES_COLORS.length]!;
}

/**
 * Bands in plotting order: u g r i z y first, then any others by name (so
 * legends list bands the same way in every figure).
 *
 * @example
 * sortBands(["z", "g", "VR", "u"]); // ["u", "g", "z", "VR"]
 */
export function sortBands(bands: readonly string[]): string[] {
  const rank = (b: string) => (b.length === 1 && "ugrizy".includes(b) ? "ugrizy".indexOf(b) : 6);
  return [...bands].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
