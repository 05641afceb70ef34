/**
 * Uniform histogram bins as data: `bins(-10, 10, 0.1)` or the CLI's
 * `--bins -10:10:0.1`. A spec is plain numbers so that it serialises with the
 * histogram and two specs compare exactly.
 */
import { ArgumentError } from "../frame/errors.js";

/** Most bins a spec may have (10 million: 80 MB of float64 counts). */
export const MAX_BINS = 10_000_000;

/** Relative tolerance within which `width` must divide `hi - lo`. */
const DIVIDE_TOLERANCE = 1e-9;

/**
 * Uniform bins `[lo + k·width, lo + (k+1)·width)` for k = 0..count-1, with
 * `count = Math.round((hi - lo) / width)`.
 */
export interface BinSpec {
  readonly lo: number;
  readonly hi: number;
  readonly width: number;
  readonly count: number;
}

/**
 * Uniform bins of `width` from `lo` to `hi`. Throws ArgumentError for
 * non-finite bounds, `hi <= lo`, `width <= 0`, a width that does not divide
 * `hi - lo` to within 1e-9 relative, or more than 10 million bins.
 *
 * @example
 * bins(-10, 10, 0.1); // { lo: -10, hi: 10, width: 0.1, count: 200 }
 */
export function bins(lo: number, hi: number, width: number): BinSpec {
  return checked(lo, hi, width, `bins(${lo}, ${hi}, ${width})`);
}

/**
 * Parse `"lo:hi:width"` (the CLI's `--bins -10:10:0.1`) into a BinSpec, with
 * the same checks as {@link bins}. Throws ArgumentError naming the spec and
 * what was expected.
 *
 * @example
 * parseBinSpec("-10:10:0.1").count; // 200
 * parseBinSpec("0:1e3:50"); // { lo: 0, hi: 1000, width: 50, count: 20 }
 */
export function parseBinSpec(spec: string): BinSpec {
  const parts = spec.split(":");
  const where = `bin spec "${spec}"`;
  if (parts.length !== 3) {
    throw new ArgumentError(`Bad ${where}: expected three numbers lo:hi:width, e.g. -10:10:0.1.`);
  }
  const names = ["lo", "hi", "width"] as const;
  const values = parts.map((p, i) => {
    const t = p.trim();
    // Number("") is 0 and Number("0x10") is 16; accept only decimal notation.
    const v = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) ? Number(t) : NaN;
    if (!Number.isFinite(v)) {
      throw new ArgumentError(`Bad ${where}: ${names[i]} "${p}" is not a finite decimal number; expected lo:hi:width, e.g. -10:10:0.1.`);
    }
    return v;
  });
  return checked(values[0]!, values[1]!, values[2]!, where);
}

/**
 * `"lo:hi:width"`, the form parseBinSpec reads back (numbers in shortest round-trip form).
 *
 * @example
 * formatBinSpec(bins(-10, 10, 0.1)); // "-10:10:0.1"
 */
export function formatBinSpec(spec: BinSpec): string {
  return `${spec.lo}:${spec.hi}:${spec.width}`;
}

/**
 * Whether two specs describe the same bins (lo, hi, width and count exactly equal),
 * the condition for merging histograms.
 *
 * @example
 * sameBins(bins(0, 1, 0.1), parseBinSpec("0:1:0.1")); // true
 * sameBins(bins(0, 1, 0.1), bins(0, 1, 0.2)); // false
 */
export function sameBins(a: BinSpec, b: BinSpec): boolean {
  return a.lo === b.lo && a.hi === b.hi && a.width === b.width && a.count === b.count;
}

function checked(lo: number, hi: number, width: number, where: string): BinSpec {
  for (const [name, v] of [["lo", lo], ["hi", hi], ["width", width]] as const) {
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new ArgumentError(`Bad ${where}: ${name} must be a finite number, got ${String(v)}.`);
    }
  }
  if (!(hi > lo)) throw new ArgumentError(`Bad ${where}: hi (${hi}) must be greater than lo (${lo}).`);
  if (!(width > 0)) throw new ArgumentError(`Bad ${where}: width must be positive, got ${width}.`);
  const range = hi - lo;
  const exact = range / width;
  if (!(exact <= MAX_BINS + 0.5)) {
    throw new ArgumentError(`Bad ${where}: ${exact > 1e15 ? exact.toExponential(3) : Math.round(exact)} bins, more than the ${MAX_BINS} allowed; use a wider width.`);
  }
  const count = Math.round(exact);
  if (count < 1 || Math.abs(count * width - range) > DIVIDE_TOLERANCE * range) {
    throw new ArgumentError(
      `Bad ${where}: width ${width} does not divide hi - lo = ${range} (${exact} bins); choose a width that gives a whole number of bins.`,
    );
  }
  return Object.freeze({ lo, hi, width, count });
}
