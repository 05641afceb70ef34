/**
 * A nested column: Arrow's `list<struct>` layout. `offsets` (length nObjects+1)
 * delimits each object's observations in flat child columns, so light curve i is
 * `child.subarray(offsets[i], offsets[i+1])` with no copy.
 */
import { type Column, columnLength, filterColumn, gatherColumn, sliceColumn } from "./column.js";
import { ColumnNotFoundError, SchemaError } from "./errors.js";

export interface NestedColumn {
  /** Int32 offsets, length nObjects + 1, non-decreasing; offsets[0] may be > 0 for a zero-copy slice. */
  readonly offsets: Int32Array;
  /** Child columns over all observations, in schema order. */
  readonly fields: Readonly<Record<string, Column>>;
}

/** Number of objects (rows of the parent) a nested column spans. */
export function nestedLength(n: NestedColumn): number {
  return n.offsets.length - 1;
}

/** Number of observations referenced by the offsets. */
export function nestedCount(n: NestedColumn): number {
  return n.offsets[n.offsets.length - 1]! - n.offsets[0]!;
}

/** Observations per object, as Int32Array. */
export function nestedSizes(n: NestedColumn): Int32Array {
  const m = nestedLength(n);
  const out = new Int32Array(m);
  const o = n.offsets;
  for (let i = 0; i < m; i++) out[i] = o[i + 1]! - o[i]!;
  return out;
}

/**
 * For each observation in `[offsets[0], offsets[last])`, the position of its object.
 *
 * @example
 * nestedParents({ offsets: Int32Array.of(0, 2, 2, 3), fields: {} }); // Int32Array [0, 0, 2]
 */
export function nestedParents(n: NestedColumn): Int32Array {
  const o = n.offsets;
  const start = o[0]!;
  const out = new Int32Array(o[o.length - 1]! - start);
  for (let i = 0; i + 1 < o.length; i++) out.fill(i, o[i]! - start, o[i + 1]! - start);
  return out;
}

/**
 * Positions of the objects with at least one observation in any of `nests`
 * (all spanning the same objects), in order.
 *
 * @example
 * nonEmptyPositions([{ offsets: Int32Array.of(0, 2, 2, 3), fields: {} }]); // Int32Array [0, 2]
 */
export function nonEmptyPositions(nests: readonly NestedColumn[]): Int32Array {
  const m = nests.length === 0 ? 0 : nestedLength(nests[0]!);
  const idx = new Int32Array(m);
  let k = 0;
  for (let i = 0; i < m; i++) {
    for (const { offsets: o } of nests) {
      if (o[i + 1]! > o[i]!) {
        idx[k++] = i;
        break;
      }
    }
  }
  return idx.subarray(0, k);
}

/**
 * Field `name` of nest `nestName`, written bare (`psfFlux`) or qualified
 * (`lc.psfFlux`); ColumnNotFoundError naming `nest.field` and listing the nest's
 * fields otherwise. `where` says who asked (for the message).
 *
 * @example
 * nestField("lc", frame.nest("lc"), "lc.psfFlux", "reduce").field; // "psfFlux"
 */
export function nestField(nestName: string, n: NestedColumn, name: string, where: string): { field: string; column: Column } {
  const field = !Object.hasOwn(n.fields, name) && name.startsWith(`${nestName}.`) ? name.slice(nestName.length + 1) : name;
  const column = Object.hasOwn(n.fields, field) ? n.fields[field] : undefined;
  if (!column) throw new ColumnNotFoundError(`${nestName}.${field}`, Object.keys(n.fields).map((f) => `${nestName}.${f}`), where);
  return { field, column };
}

/**
 * Check the invariants (monotone offsets, children long enough), naming the
 * nested column and field that break them.
 */
export function checkNested(name: string, n: NestedColumn): void {
  const o = n.offsets;
  if (o.length < 1) throw new SchemaError(`Nested column "${name}": offsets must have length nObjects+1 >= 1.`);
  for (let i = 1; i < o.length; i++) {
    if (o[i]! < o[i - 1]!) throw new SchemaError(`Nested column "${name}": offsets decrease at object ${i - 1} (${o[i - 1]} > ${o[i]}).`);
  }
  const end = o[o.length - 1]!;
  for (const [f, c] of Object.entries(n.fields)) {
    if (columnLength(c) < end) {
      throw new SchemaError(`Nested column "${name}": field "${f}" has ${columnLength(c)} values, offsets need ${end}.`);
    }
  }
}

/**
 * Objects `idx` (in that order) of a nested column: new offsets and gathered
 * observations. A contiguous ascending run is returned as a zero-copy slice.
 */
export function takeNested(n: NestedColumn, idx: Int32Array): NestedColumn {
  const o = n.offsets;
  const m = idx.length;
  let contiguous = m > 0;
  for (let i = 1; i < m && contiguous; i++) contiguous = idx[i] === idx[i - 1]! + 1;
  if (contiguous) return { offsets: o.subarray(idx[0]!, idx[0]! + m + 1), fields: n.fields };
  const offsets = new Int32Array(m + 1);
  for (let i = 0; i < m; i++) offsets[i + 1] = offsets[i]! + (o[idx[i]! + 1]! - o[idx[i]!]!);
  const rows = new Int32Array(offsets[m]!);
  let k = 0;
  for (let i = 0; i < m; i++) {
    const a = o[idx[i]!]!;
    const b = o[idx[i]! + 1]!;
    for (let r = a; r < b; r++) rows[k++] = r;
  }
  const fields: Record<string, Column> = {};
  for (const [f, c] of Object.entries(n.fields)) fields[f] = gatherColumn(c, rows);
  return { offsets, fields };
}

/**
 * Keep the observations whose mask byte is set (mask is indexed by child row,
 * over `[offsets[0], offsets[last])`). Objects stay, possibly with empty light curves.
 */
export function filterNestedRows(n: NestedColumn, mask: Uint8Array): NestedColumn {
  const o = n.offsets;
  const m = o.length - 1;
  const start = o[0]!;
  const offsets = new Int32Array(m + 1);
  let kept = 0;
  for (let i = 0; i < m; i++) {
    for (let r = o[i]! - start; r < o[i + 1]! - start; r++) if (mask[r]) kept++;
    offsets[i + 1] = kept;
  }
  // Filter each field's zero-copy view of [start, end): one copy, whatever the slice.
  const fields: Record<string, Column> = {};
  for (const [f, col] of Object.entries(n.fields)) fields[f] = filterColumn(sliceColumn(col, start, o[m]!), mask, kept);
  return { offsets, fields };
}
