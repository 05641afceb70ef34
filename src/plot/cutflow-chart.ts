/**
 * The cut-flow as a bar chart: after each step, the share of the input's
 * objects, light curves and points that remain (absolute numbers on hover),
 * so the step that removes most stands out.
 */
import type { CutflowStep } from "../frame/cutflow.js";
import { ArgumentError } from "../frame/errors.js";
import { BASE_LAYOUT, type BarTrace, type Figure } from "./figure.js";

/** What remains after one step (a validation's `cutflow` entries are these). */
export interface CutflowCounts {
  readonly step: string;
  readonly detail?: string;
  readonly objects: number;
  /** (object, band) light curves; drawn when every step has it. */
  readonly lightCurves?: number;
  readonly points: number;
}

/**
 * A frame's cut-flow (`frame.cutflow().steps`: in and out per verb) as what
 * remains after each step, starting with the input.
 *
 * @example
 * cutflowCounts([{ step: "query", detail: "lc.flux > 0", objectsIn: 10, objectsOut: 8, observationsIn: 100, observationsOut: 70 }]);
 * // [{ step: "input", objects: 10, points: 100 }, { step: "query", detail: "lc.flux > 0", objects: 8, points: 70 }]
 */
export function cutflowCounts(steps: readonly CutflowStep[]): CutflowCounts[] {
  if (steps.length === 0) return [];
  const first = steps[0]!;
  return [{ step: "input", objects: first.objectsIn, points: first.observationsIn }, ...steps.map((s) => ({ step: s.step, detail: s.detail, objects: s.objectsOut, points: s.observationsOut }))];
}

/** Step names made unique for a category axis (a repeated name gets " (2)", " (3)", ...). */
function uniqueLabels(steps: readonly CutflowCounts[]): string[] {
  const seen = new Map<string, number>();
  return steps.map((s) => {
    const k = (seen.get(s.step) ?? 0) + 1;
    seen.set(s.step, k);
    return k === 1 ? s.step : `${s.step} (${k})`;
  });
}

/**
 * A plotly bar chart of a cut-flow: per step, the percentage of the first
 * step's objects, light curves (when every step counts them) and points that
 * remain. Takes a validation's `cutflow` or a frame's `cutflow().steps`.
 *
 * @example
 * const fig = cutflowFigure([{ step: "input", objects: 10, points: 200 }, { step: "flags", objects: 8, points: 150 }]);
 * fig.data.map((t) => t.name); // ["objects", "points"]
 * fig.data[1]!.y; // [100, 75]
 */
export function cutflowFigure(steps: readonly CutflowCounts[] | readonly CutflowStep[], options: { readonly title?: string } = {}): Figure {
  const counts: readonly CutflowCounts[] = steps.length > 0 && "objectsIn" in steps[0]! ? cutflowCounts(steps as readonly CutflowStep[]) : (steps as readonly CutflowCounts[]);
  const x = uniqueLabels(counts);
  const series: { name: string; key: "objects" | "lightCurves" | "points"; color: string }[] = [
    { name: "objects", key: "objects", color: "#1f77b4" },
    ...(counts.length > 0 && counts.every((s) => s.lightCurves !== undefined) ? [{ name: "light curves", key: "lightCurves" as const, color: "#ff7f0e" }] : []),
    { name: "points", key: "points", color: "#2ca02c" },
  ];
  const data: BarTrace[] = series.map(({ name, key, color }) => {
    const first = counts[0]?.[key] ?? 0;
    const y: (number | null)[] = [];
    const text: string[] = [];
    counts.forEach((s, k) => {
      const v = s[key] ?? 0;
      if (!(v >= 0) || !Number.isFinite(v)) throw new ArgumentError(`cut-flow step ${k} ("${s.step}"): ${key} must be a count >= 0, got ${v}.`);
      y.push(first > 0 ? (100 * v) / first : null);
      text.push(`${v.toLocaleString("en-US")} ${name}${s.detail ? ` after ${s.step}: ${s.detail}` : ""}`);
    });
    return { type: "bar", name, x, y, text, textposition: "none", marker: { color }, hovertemplate: "%{text} (%{y:.1f}%)<extra></extra>" };
  });
  return {
    data,
    layout: {
      ...BASE_LAYOUT,
      title: { text: options.title ?? "Cut-flow: what remains after each step" },
      xaxis: { type: "category", automargin: true },
      yaxis: { title: { text: "% of input" }, range: [0, 105], ticksuffix: "%" },
      barmode: "group",
      margin: { ...BASE_LAYOUT.margin, t: 70 },
      legend: { orientation: "h", x: 1, xanchor: "right", y: 1.02, yanchor: "bottom" },
    },
  };
}
