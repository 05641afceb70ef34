/**
 * A histogram as a small, self-contained SVG (no script, no fonts to load), for
 * reports that must open offline. Bars are the counts; optional curves (e.g.
 * the expected counts of N(0,1)) are drawn on top. Log scale plots log10(1 + y)
 * so that empty bins stay on the axis.
 */

export interface SvgCurve {
  readonly label: string;
  /** y per bin, same length as the counts. */
  readonly y: ArrayLike<number>;
  readonly color: string;
}

export interface SvgHistogramOptions {
  readonly title: string;
  readonly xLabel?: string;
  readonly width?: number;
  readonly height?: number;
  readonly log?: boolean;
  readonly curves?: readonly SvgCurve[];
  /** Only draw bins inside [lo, hi] (default all). */
  readonly xRange?: readonly [number, number];
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const num = (x: number) => (Math.round(x * 10) / 10).toString();

/**
 * SVG markup of a histogram with `edges.length - 1` bins.
 *
 * @example
 * const svg = svgHistogram(Float64Array.of(-1, 0, 1), [3, 5], { title: "pulls", curves: [{ label: "N(0,1)", y: [4, 4], color: "#d62728" }] });
 * svg.startsWith("<svg"); // true
 */
export function svgHistogram(edges: ArrayLike<number>, counts: ArrayLike<number>, o: SvgHistogramOptions): string {
  const W = o.width ?? 420;
  const H = o.height ?? 260;
  const m = { l: 52, r: 12, t: 26, b: 40 };
  let k0 = 0;
  let k1 = counts.length;
  if (o.xRange) {
    while (k0 < k1 && edges[k0 + 1]! <= o.xRange[0]) k0++;
    while (k1 > k0 && edges[k1 - 1]! >= o.xRange[1]) k1--;
  }
  const tf = (y: number) => (o.log ? Math.log10(1 + Math.max(0, y)) : Math.max(0, y));
  let top = 0;
  for (let k = k0; k < k1; k++) top = Math.max(top, tf(counts[k]!), ...(o.curves ?? []).map((c) => tf(c.y[k]!)));
  if (top === 0) top = 1;
  const x0 = edges[k0]!;
  const x1 = edges[k1]!;
  const sx = (x: number) => m.l + ((x - x0) / (x1 - x0)) * (W - m.l - m.r);
  const sy = (y: number) => H - m.b - (tf(y) / top) * (H - m.t - m.b);
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="sans-serif" font-size="11">`);
  parts.push(`<text x="${W / 2}" y="16" text-anchor="middle" font-size="13">${esc(o.title)}</text>`);
  let bars = "";
  for (let k = k0; k < k1; k++) {
    const c = counts[k]!;
    if (c <= 0) continue;
    const y = sy(c);
    bars += `M${num(sx(edges[k]!))} ${num(H - m.b)}V${num(y)}H${num(sx(edges[k + 1]!))}V${num(H - m.b)}Z`;
  }
  parts.push(`<path d="${bars}" fill="#1f77b4" fill-opacity="0.55" stroke="#1f77b4" stroke-width="0.5"/>`);
  for (const c of o.curves ?? []) {
    let d = "";
    for (let k = k0; k < k1; k++) d += `${k === k0 ? "M" : "L"}${num(sx((edges[k]! + edges[k + 1]!) / 2))} ${num(sy(c.y[k]!))}`;
    parts.push(`<path d="${d}" fill="none" stroke="${c.color}" stroke-width="1.5"><title>${esc(c.label)}</title></path>`);
  }
  // Axes: x ticks at integers when the range is small, else at 5 evenly spaced values.
  parts.push(`<path d="M${m.l} ${H - m.b}H${W - m.r}M${m.l} ${H - m.b}V${m.t}" stroke="#333" fill="none"/>`);
  const step = x1 - x0 <= 12 ? 1 : Math.ceil((x1 - x0) / 5);
  for (let t = Math.ceil(x0 / step) * step; t <= x1 + 1e-9; t += step) {
    parts.push(`<text x="${num(sx(t))}" y="${H - m.b + 14}" text-anchor="middle">${t}</text>`);
  }
  // y ticks with light grid lines: decades on a log scale, a few round numbers on a linear one.
  const yTop = o.log ? 10 ** top - 1 : top;
  const ticks: number[] = [0];
  if (o.log) for (let d = 1; d <= yTop; d *= 10) ticks.push(d);
  else {
    const step = 10 ** Math.floor(Math.log10(yTop / 2 || 1));
    const k = yTop / step >= 8 ? 2 * step : step;
    for (let t = k; t <= yTop; t += k) ticks.push(t);
  }
  for (const t of ticks) {
    const y = num(sy(t));
    parts.push(`<path d="M${m.l} ${y}H${W - m.r}" stroke="#ddd" stroke-width="0.5"/><text x="${m.l - 4}" y="${y}" dy="3" text-anchor="end">${t}</text>`);
  }
  if (o.log) parts.push(`<text x="12" y="${(m.t + H - m.b) / 2}" transform="rotate(-90 12 ${(m.t + H - m.b) / 2})" text-anchor="middle">count (log)</text>`);
  if (o.xLabel) parts.push(`<text x="${(m.l + W - m.r) / 2}" y="${H - 6}" text-anchor="middle">${esc(o.xLabel)}</text>`);
  (o.curves ?? []).forEach((c, i) => {
    parts.push(`<text x="${W - m.r}" y="${m.t + 12 + 13 * i}" text-anchor="end" fill="${c.color}">${esc(c.label)}</text>`);
  });
  parts.push("</svg>");
  return parts.join("");
}
