/**
 * The validation as text for a terminal: the cut-flow, then one line per group
 * with what a reader checks first (pull widths, the fitted scale and floor, and
 * the KS p-value of the whitened residuals).
 */
import type { FluxErrorValidation } from "./validate.js";
import { formatBalance, validationBalance } from "./validate-balance.js";

/**
 * A plain-text table for a terminal: the first `leftColumns` columns left-aligned, the rest (numbers) right-aligned.
 *
 * @example
 * textTable(["band", "n"], [["g", "12"], ["r", "7"]], 1); // "band   n\n----  --\ng     12\nr      7"
 */
export function textTable(header: readonly string[], rows: readonly string[][], leftColumns: number): string {
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j]!.length)));
  const line = (r: readonly string[]) => r.map((c, j) => (j < leftColumns ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

const fixed = (x: number, d: number) => (Number.isFinite(x) ? x.toFixed(d) : "-");
const pm = (x: number, e: number, d: number) => (Number.isFinite(x) ? `${x.toFixed(d)} ± ${fixed(e, d)}` : "-");
const pValue = (p: number) => (!Number.isFinite(p) ? "-" : p === 0 ? "< 1e-300" : p < 1e-4 ? p.toExponential(1) : p.toFixed(4));

/**
 * The cut-flow as a table: objects, light curves and points left after each step, and the points each step removed.
 *
 * @example
 * console.log(formatValidationCutflow(validateFluxErrors(dp1Objects)));
 */
export function formatValidationCutflow(v: FluxErrorValidation): string {
  const rows = v.cutflow.map((s, k) => {
    const removed = k === 0 ? "" : String(v.cutflow[k - 1]!.points - s.points);
    return [s.step, s.detail.length > 64 ? `${s.detail.slice(0, 61)}...` : s.detail, String(s.objects), String(s.lightCurves), String(s.points), removed];
  });
  return textTable(["step", "removes", "objects", "light curves", "points", "points removed"], rows, 2);
}

/**
 * One line per group: objects, points, pull widths (naive, corrected, whitened), fitted scale and floor, KS p.
 *
 * @example
 * console.log(formatValidationGroups(validateFluxErrors(dp1Objects)));
 */
export function formatValidationGroups(v: FluxErrorValidation): string {
  const byField = v.groups.some((g) => g.field !== undefined);
  const byMag = v.groups.some((g) => g.magBin !== undefined);
  const header = ["band", ...(byField ? ["field"] : []), ...(byMag ? ["mag"] : []), "objects", "points", "pull std", "corrected", "whitened", "scale s", "floor a (nJy)", "floor p", "KS p"];
  const rows = v.groups.map((g) => [
    g.band,
    ...(byField ? [g.field ?? ""] : []),
    ...(byMag ? [g.magBin === null || g.magBin === undefined ? "-" : `${g.magBin}-${g.magBin + 1}`] : []),
    String(g.nObjects),
    String(g.nPoints),
    fixed(g.pullStd, 3),
    fixed(g.pullStdCorrected, 3),
    fixed(g.whitenedStd, 3),
    pm(g.errorScale, g.errorScaleErr, 3),
    g.floorAtBoundary ? `0 (< ${fixed(g.floorErr, 0)})` : pm(g.floor, g.floorErr, 0),
    pValue(g.floorTest.p),
    pValue(g.ks.p),
  ]);
  return textTable(header, rows, 1 + (byField ? 1 : 0) + (byMag ? 1 : 0));
}

/**
 * The whole validation as text: a title line, the cut-flow, its balance (input =
 * validated + every step's removals) and the per-group table.
 *
 * @example
 * console.log(formatValidation(validateFluxErrors(dp1Objects)));
 */
export function formatValidation(v: FluxErrorValidation): string {
  const first = v.cutflow[0]!;
  const last = v.cutflow[v.cutflow.length - 1]!;
  const title =
    `${v.product} ${v.flux}: ${first.objects} objects, ${first.points} points in; ` +
    `${last.lightCurves} light curves of ${last.objects} objects, ${last.points} points validated ` +
    `(>= ${v.options.minObs} points per band, none beyond ${v.options.clipSigma} sigma)`;
  const notes = v.groups.flatMap((g) => g.notes.map((n) => `  ${g.band}${g.field ? ` ${g.field}` : ""}${g.magBin !== undefined && g.magBin !== null ? ` mag ${g.magBin}` : ""}: ${n}`));
  return [
    title,
    "",
    formatValidationCutflow(v),
    formatBalance(validationBalance(v)),
    "",
    formatValidationGroups(v),
    "",
    "pull std: naive (f - wmean)/e; corrected (f - wmean)/sqrt(e^2 - 1/W); whitened: n-1 independent residuals per light curve.",
    "Corrected and whitened widths are 1 for correct errors; naive ones are narrower for short light curves.",
    `s and a: true error = sqrt((s e)^2 + a^2), "0 (< x)": the floor is at 0 with x its one-sided 1-sigma bound.`,
    "floor p: likelihood-ratio test of a = 0; a small p, not a/err, says there is a floor.",
    `KS: whitened residuals in [${v.options.range.join(", ")}] vs N(0,1) truncated to that range.`,
    ...(notes.length > 0 ? ["", "notes:", ...notes] : []),
  ].join("\n");
}
