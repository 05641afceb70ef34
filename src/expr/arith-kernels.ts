/**
 * Vectorised arithmetic and numeric functions. Results are float64 (int64
 * operands are converted, so sums of ids past 2^53 round; unary minus and
 * abs keep int64 exact). Nulls propagate: a null operand gives a null result.
 */
import type { ArithOp } from "./ast.js";
import { type Int64Value, type NumValue, type Value, asFloat, bothValid, clearInvalid, rowsOf } from "./values.js";

type Nums = ArrayLike<number>;

function withScalarRight(op: ArithOp, a: Nums, y: number, out: Float64Array): void {
  const n = out.length;
  switch (op) {
    case "+": for (let i = 0; i < n; i++) out[i] = a[i]! + y; break;
    case "-": for (let i = 0; i < n; i++) out[i] = a[i]! - y; break;
    case "*": for (let i = 0; i < n; i++) out[i] = a[i]! * y; break;
    case "/": for (let i = 0; i < n; i++) out[i] = a[i]! / y; break;
  }
}

function withScalarLeft(op: ArithOp, x: number, b: Nums, out: Float64Array): void {
  const n = out.length;
  switch (op) {
    case "+": for (let i = 0; i < n; i++) out[i] = x + b[i]!; break;
    case "-": for (let i = 0; i < n; i++) out[i] = x - b[i]!; break;
    case "*": for (let i = 0; i < n; i++) out[i] = x * b[i]!; break;
    case "/": for (let i = 0; i < n; i++) out[i] = x / b[i]!; break;
  }
}

function rowWise(op: ArithOp, a: Nums, b: Nums, out: Float64Array): void {
  const n = out.length;
  switch (op) {
    case "+": for (let i = 0; i < n; i++) out[i] = a[i]! + b[i]!; break;
    case "-": for (let i = 0; i < n; i++) out[i] = a[i]! - b[i]!; break;
    case "*": for (let i = 0; i < n; i++) out[i] = a[i]! * b[i]!; break;
    case "/": for (let i = 0; i < n; i++) out[i] = a[i]! / b[i]!; break;
  }
}

/**
 * `a op b` row by row as float64 (IEEE: division by zero gives ±Infinity or NaN).
 *
 * @example
 * const flux: NumValue = { kind: "number", values: Float32Array.of(100, 50) };
 * const err: NumValue = { kind: "number", values: Float32Array.of(10, 25) };
 * arithmetic("/", flux, err, 2).values; // Float64Array [10, 2]: signal-to-noise per row
 */
export function arithmetic(op: ArithOp, a: NumValue | Int64Value, b: NumValue | Int64Value, n: number): NumValue {
  const rows = rowsOf(n, a, b);
  const out = new Float64Array(rows);
  const x = asFloat(a);
  const y = asFloat(b);
  if (a.scalar && !b.scalar) withScalarLeft(op, x[0]!, y, out);
  else if (b.scalar) withScalarRight(op, x, y[0]!, out);
  else rowWise(op, x, y, out);
  return { kind: "number", values: out, valid: bothValid(a.valid, b.valid, rows), scalar: a.scalar === true && b.scalar === true };
}

/** `-a`; int64 stays int64 so `objectId == -5` style comparisons stay exact. */
export function negate(a: NumValue | Int64Value): NumValue | Int64Value {
  if (a.kind === "int64") {
    const src = a.values;
    const out = new BigInt64Array(src.length);
    for (let i = 0; i < src.length; i++) out[i] = -src[i]!;
    return { kind: "int64", values: out, valid: a.valid, scalar: a.scalar };
  }
  const src = a.values;
  const out = new Float64Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = -src[i]!;
  return { kind: "number", values: out, valid: a.valid, scalar: a.scalar };
}

/** `abs(a)`; int64 stays int64. */
export function absolute(a: NumValue | Int64Value): NumValue | Int64Value {
  if (a.kind === "int64") {
    const src = a.values;
    const out = new BigInt64Array(src.length);
    for (let i = 0; i < src.length; i++) out[i] = src[i]! < 0n ? -src[i]! : src[i]!;
    return { kind: "int64", values: out, valid: a.valid, scalar: a.scalar };
  }
  const src = a.values;
  const out = new Float64Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = Math.abs(src[i]!);
  return { kind: "number", values: out, valid: a.valid, scalar: a.scalar };
}

/** `isnan(a)`: present and NaN (int64 is never NaN). */
export function isNaNMask(a: NumValue | Int64Value): Uint8Array {
  const out = new Uint8Array(a.values.length);
  if (a.kind === "int64") return out;
  const src = a.values;
  for (let i = 0; i < src.length; i++) out[i] = Number.isNaN(src[i]!) ? 1 : 0;
  return clearInvalid(out, a.valid);
}

/** `isfinite(a)`: present and neither NaN nor ±Infinity (int64: present). */
export function isFiniteMask(a: NumValue | Int64Value): Uint8Array {
  const out = new Uint8Array(a.values.length);
  if (a.kind === "int64") out.fill(1);
  else {
    const src = a.values;
    // x - x is 0 exactly when x is finite (NaN and ±Infinity give NaN). Float columns get
    // their own loops: one loop over every array type reads elements through V8's slow generic path.
    if (src instanceof Float32Array) finiteF32(src, out);
    else if (src instanceof Float64Array) finiteF64(src, out);
    else for (let i = 0; i < src.length; i++) out[i] = src[i]! - src[i]! === 0 ? 1 : 0;
  }
  return clearInvalid(out, a.valid);
}

function finiteF32(src: Float32Array, out: Uint8Array): void {
  for (let i = 0; i < src.length; i++) out[i] = src[i]! - src[i]! === 0 ? 1 : 0;
}

function finiteF64(src: Float64Array, out: Uint8Array): void {
  for (let i = 0; i < src.length; i++) out[i] = src[i]! - src[i]! === 0 ? 1 : 0;
}

/** `isnull(a)`: 1 where the value is null (any type). */
export function isNullMask(a: Value): Uint8Array {
  const n = a.kind === "string" ? a.codes.length : a.values.length;
  const out = new Uint8Array(n);
  const valid = a.valid;
  if (valid) for (let i = 0; i < n; i++) out[i] = 1 - valid[i]!;
  return out;
}
