/**
 * Per-object reducer kernels: one loop over the offsets of a nest, reading the
 * child typed arrays in place (float32 stays float32; sums accumulate in float64).
 *
 * Skipping rule (pandas' skipna): a row is *usable* when every input is present
 * (not null) and not NaN. Weighted kernels also need a finite flux and an error
 * that is finite and > 0, because a zero, negative or infinite error gives no
 * meaningful weight (the same rule as stats' isUsableRow).
 * An object with no usable row gives NaN (the count kernels give 0).
 */
import type { NumericArray } from "../column.js";
import { selectKth } from "./select-kth.js";

/** One input of a kernel: a child column's values and its optional validity bytes. */
export interface ReducerInput {
  readonly values: NumericArray;
  /** 1 where present; absent means no nulls. */
  readonly valid?: Uint8Array | undefined;
}

/** A kernel: one output value per object, `offsets.length - 1` of them. */
export type ReducerKernel = (offsets: Int32Array, inputs: readonly ReducerInput[]) => Float64Array | Int32Array;

function usable(x: number, valid: Uint8Array | undefined, r: number): boolean {
  return x === x && (valid === undefined || valid[r] === 1);
}

function usableWeighted(f: number, e: number, fv: Uint8Array | undefined, ev: Uint8Array | undefined, r: number): boolean {
  return f - f === 0 && e > 0 && e < Infinity && (fv === undefined || fv[r] === 1) && (ev === undefined || ev[r] === 1);
}

function input(inputs: readonly ReducerInput[], k: number): ReducerInput {
  return inputs[k]!;
}

/** Observations per object, usable or not (`count()`). */
export const countRows: ReducerKernel = (offsets) => {
  const m = offsets.length - 1;
  const out = new Int32Array(m);
  for (let i = 0; i < m; i++) out[i] = offsets[i + 1]! - offsets[i]!;
  return out;
};

/** Usable values per object (`count(field)`). */
export const countValid: ReducerKernel = (offsets, inputs) => {
  const { values: x, valid: xv } = input(inputs, 0);
  const m = offsets.length - 1;
  const out = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    let n = 0;
    for (let r = offsets[i]!, end = offsets[i + 1]!; r < end; r++) if (usable(x[r]!, xv, r)) n++;
    out[i] = n;
  }
  return out;
};

/** Per-object sum of usable values into `out` (NaN when none) and their count into `counts`. */
function sumInto(offsets: Int32Array, x: NumericArray, xv: Uint8Array | undefined, out: Float64Array, counts: Int32Array): void {
  const m = offsets.length - 1;
  for (let i = 0; i < m; i++) {
    let n = 0;
    let s = 0;
    for (let r = offsets[i]!, end = offsets[i + 1]!; r < end; r++) {
      const v = x[r]!;
      if (usable(v, xv, r)) {
        s += v;
        n++;
      }
    }
    out[i] = n > 0 ? s : NaN;
    counts[i] = n;
  }
}

function meanInto(offsets: Int32Array, x: NumericArray, xv: Uint8Array | undefined, out: Float64Array, counts: Int32Array): void {
  sumInto(offsets, x, xv, out, counts);
  for (let i = 0; i < out.length; i++) out[i] = out[i]! / counts[i]!;
}

/** Sum of usable values; NaN when there are none. */
export const sumKernel: ReducerKernel = (offsets, inputs) => {
  const { values: x, valid: xv } = input(inputs, 0);
  const out = new Float64Array(offsets.length - 1);
  sumInto(offsets, x, xv, out, new Int32Array(out.length));
  return out;
};

/** Arithmetic mean of usable values. */
export const meanKernel: ReducerKernel = (offsets, inputs) => {
  const { values: x, valid: xv } = input(inputs, 0);
  const out = new Float64Array(offsets.length - 1);
  meanInto(offsets, x, xv, out, new Int32Array(out.length));
  return out;
};

/** Sample standard deviation (ddof = 1), two-pass about the mean; NaN below 2 usable values. */
export const stdKernel: ReducerKernel = (offsets, inputs) => {
  const { values: x, valid: xv } = input(inputs, 0);
  const m = offsets.length - 1;
  const out = new Float64Array(m);
  const counts = new Int32Array(m);
  meanInto(offsets, x, xv, out, counts);
  for (let i = 0; i < m; i++) {
    const n = counts[i]!;
    if (n < 2) {
      out[i] = NaN;
      continue;
    }
    const mu = out[i]!;
    let ss = 0;
    for (let r = offsets[i]!, end = offsets[i + 1]!; r < end; r++) {
      const v = x[r]!;
      if (usable(v, xv, r)) ss += (v - mu) * (v - mu);
    }
    out[i] = Math.sqrt(ss / (n - 1));
  }
  return out;
};

function extremum(sign: 1 | -1): ReducerKernel {
  return (offsets, inputs) => {
    const { values: x, valid: xv } = input(inputs, 0);
    const m = offsets.length - 1;
    const out = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      let best = NaN;
      for (let r = offsets[i]!, end = offsets[i + 1]!; r < end; r++) {
        const v = x[r]!;
        if (usable(v, xv, r) && !(sign * v <= sign * best)) best = v;
      }
      out[i] = best;
    }
    return out;
  };
}

/** Smallest usable value. */
export const minKernel: ReducerKernel = extremum(-1);
/** Largest usable value. */
export const maxKernel: ReducerKernel = extremum(1);

/** Median of usable values (mean of the two middle ones for an even count), by in-place selection on one scratch buffer. */
export const medianKernel: ReducerKernel = (offsets, inputs) => {
  const { values: x, valid: xv } = input(inputs, 0);
  const m = offsets.length - 1;
  let longest = 0;
  for (let i = 0; i < m; i++) longest = Math.max(longest, offsets[i + 1]! - offsets[i]!);
  const scratch = new Float64Array(longest);
  const out = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let n = 0;
    for (let r = offsets[i]!, end = offsets[i + 1]!; r < end; r++) {
      const v = x[r]!;
      if (usable(v, xv, r)) scratch[n++] = v;
    }
    if (n === 0) {
      out[i] = NaN;
      continue;
    }
    const mid = n >> 1;
    const upper = selectKth(scratch, n, mid);
    if (n % 2 === 1) {
      out[i] = upper;
      continue;
    }
    // After selection everything left of `mid` is <= the upper middle; the lower middle is their maximum.
    let lower = -Infinity;
    for (let k = 0; k < mid; k++) if (scratch[k]! > lower) lower = scratch[k]!;
    out[i] = (lower + upper) / 2;
  }
  return out;
};

/** Weighted mean sum(f/e^2)/sum(1/e^2) into `out`, and sum(1/e^2) into `wsum` when given. */
function wmeanInto(offsets: Int32Array, f: ReducerInput, e: ReducerInput, out: Float64Array, wsum?: Float64Array): void {
  const fx = f.values;
  const ex = e.values;
  const fv = f.valid;
  const ev = e.valid;
  const m = offsets.length - 1;
  for (let i = 0; i < m; i++) {
    let sw = 0;
    let swf = 0;
    for (let r = offsets[i]!, end = offsets[i + 1]!; r < end; r++) {
      const fr = fx[r]!;
      const er = ex[r]!;
      if (usableWeighted(fr, er, fv, ev, r)) {
        const w = 1 / (er * er);
        sw += w;
        swf += w * fr;
      }
    }
    out[i] = sw > 0 ? swf / sw : NaN;
    if (wsum) wsum[i] = sw;
  }
}

/** Inverse-variance weighted mean. */
export const wmeanKernel: ReducerKernel = (offsets, inputs) => {
  const out = new Float64Array(offsets.length - 1);
  wmeanInto(offsets, input(inputs, 0), input(inputs, 1), out);
  return out;
};

/** Error of the weighted mean, 1/sqrt(sum(1/e^2)). */
export const wmeanErrKernel: ReducerKernel = (offsets, inputs) => {
  const m = offsets.length - 1;
  const mean = new Float64Array(m);
  const out = new Float64Array(m);
  wmeanInto(offsets, input(inputs, 0), input(inputs, 1), mean, out);
  for (let i = 0; i < m; i++) out[i] = out[i]! > 0 ? 1 / Math.sqrt(out[i]!) : NaN;
  return out;
};

/** Second pass over usable rows: sum of squared pulls (chi2) or the largest |pull|. */
function pullPass(mode: "chi2" | "maxAbs"): ReducerKernel {
  return (offsets, inputs) => {
    const f = input(inputs, 0);
    const e = input(inputs, 1);
    const m = offsets.length - 1;
    const out = new Float64Array(m);
    wmeanInto(offsets, f, e, out);
    const fx = f.values;
    const ex = e.values;
    for (let i = 0; i < m; i++) {
      const mu = out[i]!;
      if (mu !== mu) continue;
      let acc = 0;
      for (let r = offsets[i]!, end = offsets[i + 1]!; r < end; r++) {
        const fr = fx[r]!;
        const er = ex[r]!;
        if (!usableWeighted(fr, er, f.valid, e.valid, r)) continue;
        const pull = (fr - mu) / er;
        if (mode === "chi2") acc += pull * pull;
        else if (Math.abs(pull) > acc) acc = Math.abs(pull);
      }
      out[i] = acc;
    }
    return out;
  };
}

/** Chi-square about the weighted mean, sum(((f - wmean)/e)^2). */
export const chi2Kernel: ReducerKernel = pullPass("chi2");
/** Largest absolute pull, max |f - wmean|/e. */
export const maxAbsPullKernel: ReducerKernel = pullPass("maxAbs");
