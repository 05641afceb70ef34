/**
 * The validation as one self-contained HTML page that opens offline: what was
 * validated, the cut-flow, the per-group table, and the figures of
 * validate-figures drawn by plotly.js (inlined once, so no network): the
 * cut-flow chart, pull widths against 1, error-scale heatmaps when grouped by
 * field or magnitude, a QQ plot per band and each group's pull histogram
 * against N(0,1). The histograms are also drawn as plain SVG inside
 * `<noscript>`, for readers without JavaScript; `plotly: false` gives the
 * SVG-only page with no script at all.
 */
import { type Figure } from "../plot/figure.js";
import { figureHtml, plotlyScriptTag } from "../plot/figure-html.js";
import { svgHistogram } from "../plot/svg-histogram.js";
import { normalCdf } from "../stats/distributions.js";
import type { FluxErrorValidation, ValidationGroup } from "./validate.js";
import { figureGroups, groupLabel, validationFigures } from "./validate-figures.js";

/** What the page says about its input, and whether it carries plotly. */
export interface ReportMeta {
  /** The input's path or name, shown at the top. */
  readonly source: string;
  /** The validation's run time. */
  readonly seconds?: number;
  /** Interactive plotly figures with plotly.js inlined (default true); false: SVG histograms only, no script. */
  readonly plotly?: boolean;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const f = (x: number, d: number) => (Number.isFinite(x) ? x.toFixed(d) : "–");
const p = (x: number) => (!Number.isFinite(x) ? "–" : x === 0 ? "&lt; 1e-300" : x < 1e-4 ? x.toExponential(1) : x.toFixed(4));
const pm = (x: number, e: number, d: number) => (Number.isFinite(x) ? `${x.toFixed(d)} ± ${f(e, d)}` : "–");
const floorCell = (g: ValidationGroup) => (!Number.isFinite(g.floor) ? "–" : g.floorAtBoundary ? `0 (&lt; ${f(g.floorErr, 0)})` : pm(g.floor, g.floorErr, 0));

/** Expected counts of N(0,1) in each bin for `total` values. */
function expectedNormal(edges: readonly number[], total: number): Float64Array {
  const out = new Float64Array(edges.length - 1);
  for (let k = 0; k < out.length; k++) out[k] = total * (normalCdf(edges[k + 1]!) - normalCdf(edges[k]!));
  return out;
}

function histogramFigure(g: ValidationGroup): string {
  const h = g.histogram;
  const total = h.counts.reduce((a, b) => a + b, 0) + h.underflow + h.overflow;
  return svgHistogram(h.edges, h.counts, {
    title: `${groupLabel(g)}: ${g.nPoints} pulls, std ${f(g.pullStd, 3)}`,
    xLabel: "naive pull (f − wmean) / e",
    log: true,
    xRange: [-6, 6],
    curves: [{ label: "N(0,1)", y: expectedNormal(h.edges, total), color: "#d62728" }],
  });
}

/** One plotly figure's div and script; `name` goes to data-figure, the id is made from it. */
function plotlyFigure(fig: Figure, name: string, wide: boolean): string {
  return figureHtml(fig, { id: `fig-${name}`, name, style: wide ? "width:100%;max-width:1150px" : "width:560px" });
}

/**
 * HTML of a validation report (see ReportMeta for the plotly and SVG-only forms).
 *
 * @example
 * const v = validateFluxErrors(dp1Objects);
 * const html = validationReportHtml(v, { source: "data-samples/dp1_object_collection" });
 * html.includes('data-figure="cutflow"'); // true
 * validationReportHtml(v, { source: "sample", plotly: false }).includes("<script"); // false
 */
export function validationReportHtml(v: FluxErrorValidation, meta: ReportMeta): string {
  const plotly = meta.plotly ?? true;
  const first = v.cutflow[0]!;
  const last = v.cutflow[v.cutflow.length - 1]!;
  const cut = v.cutflow
    .map((s, k) => `<tr><td>${esc(s.step)}</td><td class="l">${esc(s.detail)}</td><td>${s.objects}</td><td>${s.lightCurves}</td><td>${s.points}</td><td>${k === 0 ? "" : v.cutflow[k - 1]!.points - s.points}</td></tr>`)
    .join("\n");
  const byField = v.groups.some((g) => g.field !== undefined);
  const byMag = v.groups.some((g) => g.magBin !== undefined);
  const rows = v.groups
    .map(
      (g) =>
        `<tr><td>${esc(g.band)}</td>${byField ? `<td class="l">${esc(g.field ?? "")}</td>` : ""}${byMag ? `<td>${g.magBin === null || g.magBin === undefined ? "–" : `${g.magBin}–${g.magBin + 1}`}</td>` : ""}` +
        `<td>${g.nObjects}</td><td>${g.nPoints}</td><td>${f(g.pullMean, 3)}</td><td>${f(g.pullStd, 3)}</td><td>${f(g.pullStdCorrected, 3)}</td><td>${f(g.whitenedStd, 3)}</td>` +
        `<td>${pm(g.errorScale, g.errorScaleErr, 3)}</td><td>${floorCell(g)}</td><td>${p(g.floorTest.p)}</td><td>${p(g.ks.p)}</td><td>${p(g.ad.p)}</td><td>${p(g.chi2.p)}</td></tr>`,
    )
    .join("\n");
  const figs = plotly ? validationFigures(v) : undefined;
  const drawn = figs?.drawn ?? figureGroups(v);
  const perBand = Math.floor(48 / Math.max(1, v.options.bands.length));
  const svgs = `<div class="figs">\n${drawn.map(histogramFigure).join("\n")}\n</div>`;
  const histograms = figs
    ? `${plotlyFigure(figs.qq, "qq", true)}\n<div class="figs">\n${figs.pulls.map((x, k) => plotlyFigure(x.figure, `pulls-${k}`, false)).join("\n")}\n</div>\n<noscript>\n${svgs}\n</noscript>`
    : svgs;
  const shown =
    drawn.length < v.groups.length
      ? `<p class="note">Showing ${drawn.length} of ${v.groups.length} groups: those with at least 50 points, at most ${perBand} per band (the largest).</p>`
      : "";
  const scale =
    figs && figs.errorScale.length > 0
      ? `<h2>Error scale by ${byField && byMag ? "field and magnitude" : byField ? "field" : "magnitude"}</h2>
<p class="note">The fitted scale s of the error model √((s·e)² + a²): 1 when the errors are right, red where they are underestimated (s &gt; 1), blue where overestimated. Hover a cell for s ± its error and the number of light curves; groups with fewer than 50 points are left blank.</p>
<div class="figs">\n${figs.errorScale.map((h, k) => plotlyFigure(h.figure, `scale-${k}`, figs.errorScale.length === 1)).join("\n")}\n</div>`
      : "";
  const notes = v.groups.flatMap((g) => g.notes.map((n) => `<li>${esc(groupLabel(g))}: ${esc(n)}</li>`));
  const notesHtml = notes.length > 0 ? `<h2>Notes</h2>\n<ul class="note">\n${notes.join("\n")}\n</ul>` : "";
  const when = meta.seconds !== undefined ? ` in ${meta.seconds.toFixed(2)} s` : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(`${v.product} ${v.flux} flux-error validation`)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2em;max-width:1200px;color:#222}
table{border-collapse:collapse;margin:1em 0;font-variant-numeric:tabular-nums}
td,th{padding:3px 9px;border-bottom:1px solid #ddd;text-align:right}
td.l,th.l{text-align:left}
.figs{display:flex;flex-wrap:wrap;gap:8px}
p.note,ul.note{color:#555;max-width:60em}
</style>${plotly ? `\n${plotlyScriptTag()}` : ""}</head><body>
<h1>Are the ${esc(v.product)} ${esc(v.flux)} errors right?</h1>
<p>${esc(meta.source)}: ${first.objects} objects, ${first.points} observations; ${last.lightCurves} light curves of ${last.objects} objects (${last.points} observations) validated${when}.
Light curves need ≥ ${v.options.minObs} points in a band and no point beyond ${v.options.clipSigma}σ of their weighted mean.</p>
<h2>Cut-flow</h2>
<table><tr><th>step</th><th class="l">removes</th><th>objects</th><th>light curves</th><th>points</th><th>points removed</th></tr>
${cut}
</table>
${figs ? plotlyFigure(figs.cutflow, "cutflow", true) : ""}
<h2>Per ${esc(v.options.groupBy.join(" × "))}</h2>
<table><tr><th>band</th>${byField ? '<th class="l">field</th>' : ""}${byMag ? "<th>mag</th>" : ""}<th>objects</th><th>points</th><th>pull mean</th><th>pull std</th><th>corrected std</th><th>whitened std</th><th>scale s</th><th>floor a (nJy)</th><th>floor p</th><th>KS p</th><th>AD p</th><th>χ² p</th></tr>
${rows}
</table>
<p class="note">Pull std: naive pulls (f − wmean)/e, the recipe's definition, narrower than 1 for short light curves even when the errors are right;
corrected pulls (f − wmean)/√(e² − 1/W) and whitened residuals (n − 1 independent values per light curve) have unit width for correct errors.
The error model says the true error is √((s·e)² + a²), fitted by restricted maximum likelihood with Fisher-information errors.
Floor p is the likelihood-ratio test of a = 0: a small p, not a/error, says there is a floor.
KS, Anderson–Darling and χ² test the whitened residuals inside [${v.options.range.join(", ")}] against N(0,1) truncated to that range.</p>
${figs ? plotlyFigure(figs.widths, "widths", true) : ""}
${scale}
${notesHtml}
<h2>Naive pulls against N(0,1)</h2>
${shown}
${histograms}
</body></html>
`;
}
