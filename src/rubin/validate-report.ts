/**
 * The validation as one self-contained HTML page (no scripts, no network):
 * what was validated, the cut-flow, the per-group table and, per group, the
 * naive-pull histogram against the N(0,1) expectation.
 */
import { svgHistogram } from "../plot/svg-histogram.js";
import type { FluxErrorValidation, ValidationGroup } from "./validate.js";
import { normalCdf } from "../stats/distributions.js";

/** Groups with fewer points get no histogram; at most this many are drawn. */
const MIN_POINTS = 50;
const MAX_FIGURES = 48;

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const f = (x: number, d: number) => (Number.isFinite(x) ? x.toFixed(d) : "–");
const p = (x: number) => (!Number.isFinite(x) ? "–" : x === 0 ? "&lt; 1e-300" : x < 1e-4 ? x.toExponential(1) : x.toFixed(4));
const pm = (x: number, e: number, d: number) => (Number.isFinite(x) ? `${x.toFixed(d)} ± ${f(e, d)}` : "–");
const floorCell = (g: ValidationGroup) => (!Number.isFinite(g.floor) ? "–" : g.floorAtBoundary ? `0 (&lt; ${f(g.floorErr, 0)})` : pm(g.floor, g.floorErr, 0));

function groupLabel(g: ValidationGroup): string {
  const mag = g.magBin === undefined ? "" : g.magBin === null ? " · mag –" : ` · mag ${g.magBin}–${g.magBin + 1}`;
  return `${g.band}${g.field !== undefined ? ` · ${g.field}` : ""}${mag}`;
}

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

/** The groups that get a histogram: enough points, and the largest few of every band so no band is crowded out. */
function figureGroups(groups: readonly ValidationGroup[]): ValidationGroup[] {
  const bands = [...new Set(groups.map((g) => g.band))];
  const perBand = Math.floor(MAX_FIGURES / Math.max(1, bands.length));
  const keep = new Set<ValidationGroup>();
  for (const b of bands) {
    const largest = groups.filter((g) => g.band === b && g.nPoints >= MIN_POINTS).sort((x, y) => y.nPoints - x.nPoints);
    for (const g of largest.slice(0, perBand)) keep.add(g);
  }
  return groups.filter((g) => keep.has(g));
}

/**
 * HTML of a validation report.
 *
 * @example
 * const html = validationReportHtml(validateFluxErrors(dp1Objects), { source: "data-samples/dp1_object_collection" });
 * html.includes("<svg"); // true
 */
export function validationReportHtml(v: FluxErrorValidation, meta: { source: string; seconds?: number }): string {
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
  const drawn = figureGroups(v.groups);
  const figures = drawn.map(histogramFigure).join("\n");
  const shown =
    drawn.length < v.groups.length
      ? `<p class="note">Showing ${drawn.length} of ${v.groups.length} groups: those with at least ${MIN_POINTS} points, at most ${Math.floor(MAX_FIGURES / Math.max(1, v.options.bands.length))} per band (the largest).</p>`
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
</style></head><body>
<h1>Are the ${esc(v.product)} ${esc(v.flux)} errors right?</h1>
<p>${esc(meta.source)}: ${first.objects} objects, ${first.points} observations; ${last.lightCurves} light curves of ${last.objects} objects (${last.points} observations) validated${when}.
Light curves need ≥ ${v.options.minObs} points in a band and no point beyond ${v.options.clipSigma}σ of their weighted mean.</p>
<h2>Cut-flow</h2>
<table><tr><th>step</th><th class="l">removes</th><th>objects</th><th>light curves</th><th>points</th><th>points removed</th></tr>
${cut}
</table>
<h2>Per ${esc(v.options.groupBy.join(" × "))}</h2>
<table><tr><th>band</th>${byField ? '<th class="l">field</th>' : ""}${byMag ? "<th>mag</th>" : ""}<th>objects</th><th>points</th><th>pull mean</th><th>pull std</th><th>corrected std</th><th>whitened std</th><th>scale s</th><th>floor a (nJy)</th><th>floor p</th><th>KS p</th><th>AD p</th><th>χ² p</th></tr>
${rows}
</table>
<p class="note">Pull std: naive pulls (f − wmean)/e, the recipe's definition, narrower than 1 for short light curves even when the errors are right;
corrected pulls (f − wmean)/√(e² − 1/W) and whitened residuals (n − 1 independent values per light curve) have unit width for correct errors.
The error model says the true error is √((s·e)² + a²), fitted by restricted maximum likelihood with Fisher-information errors.
Floor p is the likelihood-ratio test of a = 0: a small p, not a/error, says there is a floor.
KS, Anderson–Darling and χ² test the whitened residuals inside [${v.options.range.join(", ")}] against N(0,1) truncated to that range.</p>
${notesHtml}
<h2>Naive pulls against N(0,1)</h2>
${shown}
<div class="figs">
${figures}
</div>
</body></html>
`;
}
