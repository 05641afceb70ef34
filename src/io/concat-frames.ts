/**
 * Stack frames object-wise (partitions, row groups, record batches). Base
 * columns are concatenated; each nest's offsets are re-based so object i of
 * frame k points into the concatenated children.
 */
import { type Column, concatColumns, sliceColumn } from "../frame/column.js";
import { ArgumentError, SchemaError } from "../frame/errors.js";
import type { NestedColumn } from "../frame/nested-column.js";
import { NestedFrame } from "../frame/nested-frame.js";
import { assertSameTypes } from "./errors.js";

function schemaOf(f: NestedFrame): Map<string, string> {
  const m = new Map<string, string>();
  for (const [k, c] of Object.entries(f.base)) m.set(k, c.type);
  for (const [k, n] of Object.entries(f.nested)) {
    m.set(k, "nested");
    for (const [g, c] of Object.entries(n.fields)) m.set(`${k}.${g}`, c.type);
  }
  return m;
}

/** Throw SchemaMismatchError naming the sources when two frames differ in columns or types. */
function checkSameSchema(frames: readonly NestedFrame[], sources?: readonly string[]): void {
  const label = (i: number) => sources?.[i] ?? `frame ${i}`;
  const first = { label: label(0), types: schemaOf(frames[0]!) };
  for (let i = 1; i < frames.length; i++) assertSameTypes(first, { label: label(i), types: schemaOf(frames[i]!) });
}

function concatNested(parts: readonly NestedColumn[], name: string): NestedColumn {
  const objects = parts.reduce((s, p) => s + p.offsets.length - 1, 0);
  const offsets = new Int32Array(objects + 1);
  let at = 0;
  let rows = 0;
  for (const p of parts) {
    const o = p.offsets;
    const start = o[0]!;
    for (let i = 1; i < o.length; i++) offsets[at + i] = rows + (o[i]! - start);
    at += o.length - 1;
    rows += o[o.length - 1]! - start;
    if (rows > 0x7fffffff) throw new SchemaError(`Nested column "${name}": more than 2^31-1 observations after concatenation (Int32 offsets).`);
  }
  const fields: Record<string, Column> = {};
  for (const f of Object.keys(parts[0]!.fields)) {
    const slices = parts.map((p) => sliceColumn(p.fields[f]!, p.offsets[0]!, p.offsets[p.offsets.length - 1]!));
    fields[f] = concatColumns(slices, `field ${name}.${f}`);
  }
  return { offsets, fields };
}

/**
 * One frame holding the objects of every frame in order. Frames must share their
 * columns and types (`sources` names them in the error otherwise). The cut-flow
 * is not carried over: concatenation is not a filtering step.
 *
 * @example
 * const all = concatFrames([part0, part1], ["Npix=0.parquet", "Npix=1.parquet"]);
 * all.length === part0.length + part1.length;
 */
export function concatFrames(frames: readonly NestedFrame[], sources?: readonly string[]): NestedFrame {
  if (frames.length === 0) throw new ArgumentError("concatFrames needs at least one frame.");
  checkSameSchema(frames, sources);
  if (frames.length === 1) return frames[0]!;
  const first = frames[0]!;
  const base: Record<string, Column> = {};
  for (const k of Object.keys(first.base)) base[k] = concatColumns(frames.map((f) => f.base[k]!), `column ${k}`);
  const nested: Record<string, NestedColumn> = {};
  for (const k of Object.keys(first.nested)) nested[k] = concatNested(frames.map((f) => f.nested[k]!), k);
  const length = frames.reduce((s, f) => s + f.length, 0);
  return new NestedFrame({ base, nested, length });
}
