/**
 * Cut-flow bookkeeping: every filtering verb appends one step saying how many
 * objects and observations went in and came out, and why. Nothing disappears
 * silently; `in - out` is exactly what the step removed.
 */

export interface CutflowStep {
  /** The verb, e.g. "query", "dropna", "loc". */
  readonly step: string;
  /** What it did: the expression, the columns, the reason. */
  readonly detail: string;
  readonly objectsIn: number;
  readonly objectsOut: number;
  /** Observations summed over all nested columns. */
  readonly observationsIn: number;
  readonly observationsOut: number;
}

/**
 * The cut-flow as an aligned text table (what `frame.cutflow().toString()` prints).
 *
 * @example
 * formatCutflow([{ step: "query", detail: "lc.flux > 0", objectsIn: 10, objectsOut: 8, observationsIn: 100, observationsOut: 70 }]);
 */
export function formatCutflow(steps: readonly CutflowStep[]): string {
  const header = ["step", "detail", "objects in", "objects out", "removed", "obs in", "obs out", "removed"];
  const rows = steps.map((s) => [
    s.step,
    s.detail.length > 60 ? `${s.detail.slice(0, 57)}...` : s.detail,
    String(s.objectsIn),
    String(s.objectsOut),
    String(s.objectsIn - s.objectsOut),
    String(s.observationsIn),
    String(s.observationsOut),
    String(s.observationsIn - s.observationsOut),
  ]);
  const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j]!.length)));
  const line = (r: string[]) => r.map((c, j) => (j < 2 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** The cut-flow of a frame: its steps, printable as a table. */
export class Cutflow {
  constructor(readonly steps: readonly CutflowStep[]) {}
  toString(): string {
    return this.steps.length === 0 ? "(no filtering steps)" : formatCutflow(this.steps);
  }
}
