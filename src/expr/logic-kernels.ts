/**
 * Vectorised `and`, `or`, `not` over 0/1 masks. Logic is two-valued: a null
 * has already become false in the comparison that read it, so `not (x > 0)`
 * keeps rows where x is null (write `x <= 0` to drop them).
 */
import { type BoolValue, rowsOf, truth } from "./values.js";

function maskOf(v: BoolValue, rows: number): Uint8Array {
  const t = truth(v);
  return v.scalar && rows !== 1 ? new Uint8Array(rows).fill(t[0]!) : t;
}

/**
 * Row-wise `a and b` / `a or b`.
 *
 * @example
 * const positiveFlux: BoolValue = { kind: "bool", values: Uint8Array.of(1, 1, 0) };
 * const notFlagged: BoolValue = { kind: "bool", values: Uint8Array.of(1, 0, 1) };
 * logical("and", positiveFlux, notFlagged, 3).values; // [1, 0, 0]: 1 where both hold
 */
export function logical(op: "and" | "or", a: BoolValue, b: BoolValue, n: number): BoolValue {
  const rows = rowsOf(n, a, b);
  const x = maskOf(a, rows);
  const y = maskOf(b, rows);
  const out = new Uint8Array(rows);
  if (op === "and") for (let i = 0; i < rows; i++) out[i] = x[i]! & y[i]!;
  else for (let i = 0; i < rows; i++) out[i] = x[i]! | y[i]!;
  return { kind: "bool", values: out, clean: true };
}

/** Row-wise `not a` (a null bool column reads as false, so `not` of it is true). */
export function logicalNot(a: BoolValue): BoolValue {
  const x = truth(a);
  const out = new Uint8Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = 1 - x[i]!;
  return { kind: "bool", values: out, clean: true };
}

/** A 0/1 mask as a clean bool value. */
export function boolValue(mask: Uint8Array): BoolValue {
  return { kind: "bool", values: mask, clean: true };
}
