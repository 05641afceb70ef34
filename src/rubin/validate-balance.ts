/**
 * Nothing lost: every input observation of a validation is either in a
 * group's statistics or removed by exactly one cut-flow step. The balance
 * counts both sides independently (the validated points from the groups, not
 * from the last cut-flow row), so a point that went missing between the cuts
 * and the statistics shows as an imbalance.
 */
import type { FluxErrorValidation } from "./validate.js";

/** Input points, validated points and the points each step removed. */
export interface CutflowBalance {
  /** Observations in the input (the cut-flow's first row). */
  readonly points: number;
  /** Observations in the groups' statistics (the sum of their nPoints). */
  readonly validated: number;
  /** Observations the last cut-flow step kept (equal to `validated` when nothing went missing). */
  readonly kept: number;
  /** Points removed by each step after the input, in order. */
  readonly removed: ReadonlyArray<{ readonly step: string; readonly points: number }>;
  /** points = validated + every removal, no step removed a negative number, and the groups hold what the last step kept. */
  readonly balanced: boolean;
}

/**
 * The balance of a validation's cut-flow: input = validated + each step's removals.
 *
 * @example
 * const b = validationBalance(validateFluxErrors(dp1Objects));
 * b.points === b.validated + b.removed.reduce((a, r) => a + r.points, 0); // true
 */
export function validationBalance(v: FluxErrorValidation): CutflowBalance {
  const steps = v.cutflow;
  const points = steps[0]?.points ?? 0;
  const removed = steps.slice(1).map((s, k) => ({ step: s.step, points: steps[k]!.points - s.points }));
  const validated = v.groups.reduce((a, g) => a + g.nPoints, 0);
  const last = steps[steps.length - 1]?.points ?? 0;
  const sum = validated + removed.reduce((a, r) => a + r.points, 0);
  return { points, validated, kept: last, removed, balanced: sum === points && last === validated && removed.every((r) => r.points >= 0) };
}

/**
 * The balance as one line: `balance: N points in = V validated + a band + b flags + ...`,
 * ending in `(balanced)` or saying what does not add up.
 *
 * @example
 * formatBalance(validationBalance(validateFluxErrors(dp1Objects))); // "balance: 69314 points in = ... (balanced)"
 */
export function formatBalance(b: CutflowBalance): string {
  const terms = [`${b.validated} validated`, ...b.removed.map((r) => `${r.points} ${r.step}`)].join(" + ");
  const sum = b.validated + b.removed.reduce((a, r) => a + r.points, 0);
  const verdict = b.balanced ? "(balanced)" : `UNBALANCED (the terms sum to ${sum}; the last step kept ${b.kept}): please report this as a bug`;
  return `balance: ${b.points} points in = ${terms} ${verdict}`;
}
