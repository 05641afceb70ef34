/**
 * The spill file of one partition in a bounded-memory catalog validation:
 * the light curves that survived the per-object cuts, band by band, as raw
 * typed arrays in native byte order (the file is written and read on the same
 * machine, then deleted). Per band a segment holds, for its light curves in
 * partition order, their lengths, their object's position in the partition,
 * their field (when grouping by field) and magnitude bin (when grouping by
 * magnitude), then the flux and error rows. Main keeps only the layout
 * (SpillLayout, a few numbers per band) and reads one segment at a time.
 */
import { closeSync, openSync, readSync, writeSync } from "node:fs";
import type { NumericArray } from "../frame/column.js";
import { ArgumentError } from "../frame/errors.js";

/** One band of a partition's spill file. */
export interface SpillSegment {
  readonly band: string;
  readonly lightCurves: number;
  readonly rows: number;
  /** Byte position of the segment in the file. */
  readonly at: number;
}

/** Where a partition's spill is and how it is laid out. */
export interface SpillLayout {
  readonly path: string;
  /** Flux and error are stored as float32 when both were, else float64 (the same values either way). */
  readonly float32: boolean;
  readonly hasField: boolean;
  readonly hasMag: boolean;
  readonly segments: readonly SpillSegment[];
}

/** The light curves of one band of one partition, read back. */
export interface SpillBand {
  /** nLightCurves + 1 offsets from 0 into flux and err. */
  readonly offsets: Int32Array;
  /** Each light curve's object: its position in the partition. */
  readonly object: Int32Array;
  /** Field index (-1 beyond every field), when grouping by field. */
  readonly field: Int8Array | undefined;
  /** Magnitude bin (floor of the AB magnitude, NaN when the flux is not positive), when grouping by magnitude. */
  readonly mag: Float64Array | undefined;
  readonly flux: Float32Array | Float64Array;
  readonly err: Float32Array | Float64Array;
}

/** What one band of a partition writes: its light curves packed (offsets from 0). */
export interface SpillBandInput {
  readonly band: string;
  readonly offsets: Int32Array;
  readonly object: Int32Array;
  readonly field?: Int8Array | undefined;
  readonly mag?: Float64Array | undefined;
  readonly flux: NumericArray;
  readonly err: NumericArray;
}

const pad8 = (n: number) => Math.ceil(n / 8) * 8;

/** Bytes of a segment's sections, in file order. */
function sections(layout: Pick<SpillLayout, "float32" | "hasField" | "hasMag">, lightCurves: number, rows: number): number[] {
  const f = layout.float32 ? 4 : 8;
  return [4 * lightCurves, 4 * lightCurves, layout.hasField ? lightCurves : 0, layout.hasMag ? 8 * lightCurves : 0, f * rows, f * rows].map(pad8);
}

function writeBytes(fd: number, a: ArrayBufferView, at: number, padded: number): void {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done, at + done);
  if (padded > bytes.length) writeSync(fd, new Uint8Array(padded - bytes.length), 0, padded - bytes.length, at + bytes.length);
}

function readBytes(fd: number, a: ArrayBufferView, at: number, path: string): void {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  for (let done = 0; done < bytes.length; ) {
    const n = readSync(fd, bytes, done, bytes.length - done, at + done);
    if (n === 0) throw new ArgumentError(`Spill file ${path} ends early (at byte ${at + done}): was it deleted or truncated while the validation ran?`);
    done += n;
  }
}

/** A spill file being written: segments appended one by one, then closed into its layout. */
export interface SpillWriter {
  append(b: SpillBandInput): void;
  close(): SpillLayout;
}

/**
 * Start a spill file at `path` whose flux and error are stored as float32
 * (`float32`, for inputs that are all float32) or float64.
 *
 * @example
 * const w = openSpill("pieces.bin", { float32: false, hasField: false, hasMag: false });
 * w.append({ band: "g", offsets: Int32Array.of(0, 2), object: Int32Array.of(0), flux: Float64Array.of(1, 2), err: Float64Array.of(1, 1) });
 * w.close().segments.length; // 1
 */
export function openSpill(path: string, shape: Pick<SpillLayout, "float32" | "hasField" | "hasMag">): SpillWriter {
  const Ctor = shape.float32 ? Float32Array : Float64Array;
  let fd: number | undefined = openSync(path, "w");
  const segments: SpillSegment[] = [];
  let at = 0;
  return {
    append(b) {
      if (fd === undefined) throw new ArgumentError(`Spill ${path} is closed.`);
      const lightCurves = b.offsets.length - 1;
      const rows = b.offsets[lightCurves]! - b.offsets[0]!;
      if (b.offsets[0] !== 0) throw new ArgumentError(`writeSpill: band ${b.band}'s offsets must start at 0.`);
      segments.push({ band: b.band, lightCurves, rows, at });
      const lengths = new Int32Array(lightCurves);
      for (let i = 0; i < lightCurves; i++) lengths[i] = b.offsets[i + 1]! - b.offsets[i]!;
      const s = sections(shape, lightCurves, rows);
      if (shape.float32 && !(b.flux instanceof Float32Array && b.err instanceof Float32Array)) throw new ArgumentError(`Spill ${path} stores float32 fluxes; band ${b.band} has others.`);
      const parts: (ArrayBufferView | undefined)[] = [
        lengths,
        b.object,
        shape.hasField ? b.field : undefined,
        shape.hasMag ? b.mag : undefined,
        b.flux instanceof Ctor ? b.flux.subarray(0, rows) : Ctor.from(b.flux.subarray(0, rows)),
        b.err instanceof Ctor ? b.err.subarray(0, rows) : Ctor.from(b.err.subarray(0, rows)),
      ];
      for (let k = 0; k < parts.length; k++) {
        const part = parts[k];
        if (s[k]! > 0 && part === undefined) throw new ArgumentError(`writeSpill: band ${b.band} has no ${k === 2 ? "field" : "magnitude"} per light curve, but the layout needs one.`);
        if (part) writeBytes(fd, part, at, s[k]!);
        at += s[k]!;
      }
    },
    close() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
      return { path, ...shape, segments };
    },
  };
}

/**
 * Write a partition's bands (in the order given) to `path`; returns the layout.
 *
 * @example
 * const layout = writeSpill("part-0.bin", [{ band: "g", offsets: Int32Array.of(0, 2), object: Int32Array.of(0), flux: Float32Array.of(1, 2), err: Float32Array.of(1, 1) }], { hasField: false, hasMag: false });
 * layout.segments[0]!.rows; // 2
 */
export function writeSpill(path: string, bands: readonly SpillBandInput[], o: { readonly hasField: boolean; readonly hasMag: boolean }): SpillLayout {
  const float32 = bands.every((b) => b.flux instanceof Float32Array && b.err instanceof Float32Array);
  const w = openSpill(path, { float32, ...o });
  try {
    for (const b of bands) w.append(b);
  } catch (e) {
    w.close();
    throw e;
  }
  return w.close();
}

/**
 * Read segment `k` of a spill file (one band of one partition); with
 * `{ rows: false }` only the per-light-curve arrays (flux and err come back empty).
 *
 * @example
 * const layout = writeSpill("part-1.bin", [{ band: "r", offsets: Int32Array.of(0, 1, 3), object: Int32Array.of(0, 4), flux: Float64Array.of(5, 6, 7), err: Float64Array.of(1, 1, 2) }], { hasField: false, hasMag: false });
 * readSpillBand(layout, 0).offsets; // Int32Array [0, 1, 3]
 */
export function readSpillBand(layout: SpillLayout, k: number, what: { readonly rows?: boolean } = {}): SpillBand {
  const seg = layout.segments[k];
  if (seg === undefined) throw new ArgumentError(`Spill ${layout.path} has ${layout.segments.length} band segments; there is no segment ${k}.`);
  const { lightCurves: n, rows } = seg;
  const s = sections(layout, n, rows);
  const lengths = new Int32Array(n);
  const object = new Int32Array(n);
  const field = layout.hasField ? new Int8Array(n) : undefined;
  const mag = layout.hasMag ? new Float64Array(n) : undefined;
  const stored = what.rows === false ? 0 : rows;
  const flux = layout.float32 ? new Float32Array(stored) : new Float64Array(stored);
  const err = layout.float32 ? new Float32Array(stored) : new Float64Array(stored);
  const fd = openSync(layout.path, "r");
  try {
    let at = seg.at;
    const parts = what.rows === false ? [lengths, object, field, mag] : [lengths, object, field, mag, flux, err];
    for (let j = 0; j < parts.length; j++) {
      const part = parts[j];
      if (part) readBytes(fd, part, at, layout.path);
      at += s[j]!;
    }
  } finally {
    closeSync(fd);
  }
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i]! + lengths[i]!;
  return { offsets, object, field, mag, flux, err };
}
