/**
 * Run-time values of the vectorised evaluator: a whole array per AST node
 * (numexpr-style), never one JS value per row. A literal is a length-1 array
 * flagged `scalar`, broadcast by the kernels. `valid` (1 = present) carries
 * nulls through arithmetic; comparisons turn nulls into false.
 */
import type { Column, NumericArray } from "../frame/column.js";

interface Common {
  /** 1 where present, 0 where null; absent means no nulls. Scalars never have it. */
  readonly valid?: Uint8Array | undefined;
  /** A literal of length 1 that stands for every row. */
  readonly scalar?: boolean;
}
export interface NumValue extends Common {
  readonly kind: "number";
  readonly values: NumericArray | Float64Array;
}
export interface Int64Value extends Common {
  readonly kind: "int64";
  readonly values: BigInt64Array;
}
export interface BoolValue extends Common {
  readonly kind: "bool";
  readonly values: Uint8Array;
  /** Values are exactly 0/1 with no nulls, so they can serve as a mask as they are. */
  readonly clean?: boolean;
}
export interface StrValue extends Common {
  readonly kind: "string";
  readonly codes: Int32Array;
  readonly dictionary: readonly string[];
}
export type Value = NumValue | Int64Value | BoolValue | StrValue;
export type ValueKind = Value["kind"];

/** Which value kind a column evaluates to. */
export function kindOfColumn(c: Column): ValueKind {
  switch (c.type) {
    case "dict":
      return "string";
    case "bool":
      return "bool";
    case "int64":
      return "int64";
    default:
      return "number";
  }
}

/** Rows `[start, end)` of a column as a value, without copying. */
export function columnValue(c: Column, start: number, end: number): Value {
  const valid = c.valid?.subarray(start, end);
  switch (c.type) {
    case "dict":
      return { kind: "string", codes: c.codes.subarray(start, end), dictionary: c.dictionary, valid };
    case "bool":
      return { kind: "bool", values: c.values.subarray(start, end), valid };
    case "int64":
      return { kind: "int64", values: c.values.subarray(start, end), valid };
    default:
      return { kind: "number", values: c.values.subarray(start, end), valid };
  }
}

/** A length-1 broadcast value for a literal; integer literals that fit int64 stay exact. */
export function scalarOf(x: number | bigint | boolean | string): Value {
  if (typeof x === "string") return { kind: "string", codes: Int32Array.of(0), dictionary: [x], scalar: true };
  if (typeof x === "boolean") return { kind: "bool", values: Uint8Array.of(x ? 1 : 0), clean: true, scalar: true };
  if (typeof x === "bigint") {
    if (BigInt.asIntN(64, x) === x) return { kind: "int64", values: BigInt64Array.of(x), scalar: true };
    return { kind: "number", values: Float64Array.of(Number(x)), scalar: true };
  }
  return { kind: "number", values: Float64Array.of(x), scalar: true };
}

/** The row count a kernel over these operands produces: 1 when every operand is a literal. */
export function rowsOf(n: number, ...vs: readonly Value[]): number {
  return vs.every((v) => v.scalar) ? 1 : n;
}

/** Row-wise AND of two optional validity masks (undefined = all present). */
export function bothValid(a: Uint8Array | undefined, b: Uint8Array | undefined, n: number): Uint8Array | undefined {
  if (!a) return b;
  if (!b) return a;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = a[i]! & b[i]!;
  return out;
}

/** Zero the rows of `out` that are null in `valid` (in place; `out` must be ours). */
export function clearInvalid(out: Uint8Array, valid: Uint8Array | undefined): Uint8Array {
  if (valid) for (let i = 0; i < out.length; i++) out[i]! &= valid[i]!;
  return out;
}

/** A bool value as a 0/1 mask with nulls as 0 (no copy when already clean). */
export function truth(v: BoolValue): Uint8Array {
  if (v.clean) return v.values;
  const src = v.values;
  const valid = v.valid;
  const out = new Uint8Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = src[i] !== 0 && (!valid || valid[i] === 1) ? 1 : 0;
  return out;
}

/** Numbers or int64 as float64 (int64 beyond 2^53 rounds: only arithmetic does this, comparisons stay exact). */
export function asFloat(v: NumValue | Int64Value): NumericArray | Float64Array {
  if (v.kind === "number") return v.values;
  const src = v.values;
  const out = new Float64Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = Number(src[i]!);
  return out;
}

/** A bool value as 0/1 numbers, keeping nulls, so bools compare with the numeric kernels. */
export function boolAsNumber(v: BoolValue): NumValue {
  const src = v.values;
  const out = new Uint8Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = src[i] !== 0 ? 1 : 0;
  return { kind: "number", values: out, valid: v.valid, scalar: v.scalar };
}
