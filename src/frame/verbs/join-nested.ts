/**
 * joinNested: attach a flat table (one row per observation) to an existing frame
 * as a nested column, matching `flat[on]` to the frame's base `on` column.
 * Rows whose id has no parent object are counted and reported in the cut-flow,
 * never dropped silently.
 */
import { type Column, gatherColumn } from "../column.js";
import { SchemaError } from "../errors.js";
import { groupKeys, groupPermutation, keyPairs } from "../key-index.js";
import { nonEmptyPositions } from "../nested-column.js";
import type { NestedFrame } from "../nested-frame.js";
import { type FlatInput, flatTable } from "./from-flat.js";

export interface JoinNestedOptions {
  /** Id column present in the frame's base columns and in the flat table. */
  readonly on: string;
  /** Name of the new nested column. */
  readonly name: string;
  /** "left" keeps every object (empty light curves where no row matched, the default); "inner" drops them. */
  readonly how?: "left" | "inner";
}

/** Keys of the flat table's id column expressed in the frame's key space (dictionary codes remapped by string). */
function flatKeys(parent: Column, child: Column, on: string): Int32Array {
  if (parent.type !== "dict" && child.type !== "dict") return keyPairs(child, on);
  if (parent.type !== "dict" || child.type !== "dict") {
    throw new SchemaError(`Cannot join on "${on}": the frame's column is ${parent.type}, the flat table's is ${child.type}.`);
  }
  const index = new Map(parent.dictionary.map((s, k) => [s, k] as const));
  const remap = Int32Array.from(child.dictionary, (s) => index.get(s) ?? -1);
  const out = new Int32Array(child.codes.length * 2);
  for (let i = 0; i < child.codes.length; i++) {
    const k = remap[child.codes[i]!]!;
    out[2 * i] = k;
    out[2 * i + 1] = k < 0 ? 0x7fffffff : 0; // a key no parent has
  }
  return out;
}

/**
 * Attach flat rows to their parent objects as nested column `name`.
 *
 * @example
 * const objects = new NestedFrame({ base: { objectId: makeColumn(BigInt64Array.of(1n, 2n)) } });
 * const joined = joinNested(objects, { objectId: BigInt64Array.of(2n, 2n, 5n), flux: new Float32Array([1, 2, 3]) }, { on: "objectId", name: "lc" });
 * joined.cutflow().steps[0]; // 1 row had no parent (objectId 5)
 */
export function joinNested(frame: NestedFrame, flat: FlatInput, options: JoinNestedOptions): NestedFrame {
  const { on, name } = options;
  const { cols, ids: child, n } = flatTable(flat, on);
  const parent = frame.resolve(on);
  if (parent.kind !== "base") throw new SchemaError(`joinNested needs "${on}" as a base column of the frame, not a nested field.`);
  if (name in frame.nested || name in frame.base) throw new SchemaError(`The frame already has a column "${name}".`);

  const parentPairs = keyPairs(parent.column, on);
  const parents = groupKeys(parentPairs);
  if (parents.count !== frame.length) {
    throw new SchemaError(`The frame's "${on}" column has ${frame.length - parents.count} duplicate id(s); joinNested needs unique parent ids.`);
  }
  const childPairs = flatKeys(parent.column, child, on);
  const groupOf = new Int32Array(n);
  let orphans = 0;
  for (let i = 0; i < n; i++) {
    const g = parents.find(childPairs[2 * i]!, childPairs[2 * i + 1]!);
    // groups are in first-seen order, and parent ids are unique, so group g is object firstRow[g]
    groupOf[i] = g < 0 ? -1 : parents.firstRow[g]!;
    if (g < 0) orphans++;
  }
  const { perm, offsets } = groupPermutation(groupOf, undefined, frame.length);
  const fields: Record<string, Column> = {};
  for (const [c, col] of Object.entries(cols)) if (c !== on) fields[c] = gatherColumn(col, perm);

  const before = frame.observationCount + n;
  let out = frame.withNested(name, { offsets, fields });
  const detail = `${name}: ${orphans} of ${n} rows had no parent ${on}`;
  if (options.how === "inner") {
    const keep = nonEmptyPositions([{ offsets, fields }]);
    if (keep.length < out.length) out = out.takeObjects(keep);
  }
  const step = { step: "joinNested", detail: options.how === "inner" ? `${detail}; inner join` : detail, objectsIn: frame.length, objectsOut: out.length, observationsIn: before, observationsOut: out.observationCount };
  return out.withCutflow([...frame.cutflowSteps, step]);
}
