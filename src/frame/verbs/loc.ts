import { type Column, type Int64Column, makeColumn, maskPositions } from "../column.js";
import { ArgumentError, ColumnNotFoundError, SchemaError } from "../errors.js";
import { groupKeys, groupPermutation, keyPairs } from "../key-index.js";
import type { NestedFrame } from "../nested-frame.js";

/** A boolean mask (one per object), positions, or int64 ids. */
export type LocSelector = Uint8Array | readonly boolean[] | Column | Int32Array | readonly number[] | BigInt64Array | readonly bigint[];

/**
 * Select objects: a boolean mask (Uint8Array, boolean[] or a bool column; null
 * counts as false), positions (Int32Array, number[] or an integer column), or int64
 * ids (BigInt64Array, bigint[] or an int64 column) looked up in the id column `on`
 * (default: the only int64 base column). Positions and ids keep the order given;
 * an id held by several objects selects all of them. Records a cut-flow step.
 * The second half of reduce-then-loc.
 *
 * @example
 * const r = frame.reduce("lc", { n: "count()" });
 * loc(r, Array.from((r.column("n") as NumberColumn).values, (n) => n >= 10));
 * loc(frame, [1234567890123456789n], { on: "objectId" });
 */
export function loc(frame: NestedFrame, selector: LocSelector, options: { on?: string } = {}): NestedFrame {
  const sel = normalise(selector);
  let idx: Int32Array;
  let detail: string;
  if (sel.kind === "mask") {
    const mask = sel.mask;
    if (mask.length !== frame.length) {
      throw new ArgumentError(`loc: the mask has ${mask.length} entries but the frame has ${frame.length} objects.`);
    }
    idx = maskPositions(mask);
    detail = `mask: ${idx.length} of ${frame.length} objects`;
  } else if (sel.kind === "positions") {
    idx = sel.positions;
    for (let i = 0; i < idx.length; i++) {
      const p = idx[i]!;
      if (!(p >= 0 && p < frame.length)) throw new ArgumentError(`loc: position ${p} (entry ${i}) is out of range [0, ${frame.length}).`);
    }
    detail = `positions: ${idx.length}`;
  } else {
    const on = options.on ?? defaultIdColumn(frame);
    idx = lookupIds(frame, on, sel.ids);
    detail = `ids: ${sel.ids.length} in ${on}`;
  }
  return frame.takeObjects(idx, { step: "loc", detail });
}

type Normalised = { kind: "mask"; mask: Uint8Array } | { kind: "positions"; positions: Int32Array } | { kind: "ids"; ids: BigInt64Array };

function normalise(s: LocSelector): Normalised {
  if (s instanceof BigInt64Array) return { kind: "ids", ids: s };
  if (s instanceof Int32Array) return { kind: "positions", positions: s };
  if (s instanceof Uint8Array) return { kind: "mask", mask: s };
  if (Array.isArray(s)) return fromArray(s as readonly unknown[]);
  const c = s as Column;
  if (c.type === "bool") {
    if (!c.valid) return { kind: "mask", mask: c.values };
    const mask = new Uint8Array(c.values.length);
    for (let i = 0; i < mask.length; i++) mask[i] = c.valid[i] === 1 && c.values[i] === 1 ? 1 : 0;
    return { kind: "mask", mask };
  }
  if (c.type === "int64") return { kind: "ids", ids: validOnly(c) };
  if (c.type === "dict" || c.type === "float32" || c.type === "float64") {
    throw new SchemaError(`loc: a ${c.type} column cannot select objects; pass a bool mask, integer positions or int64 ids.`);
  }
  return fromArray(Array.from(c.values as ArrayLike<number>));
}

function fromArray(a: readonly unknown[]): Normalised {
  const t = a.length > 0 ? typeof a[0] : "number";
  if (t === "boolean") return { kind: "mask", mask: Uint8Array.from(a, (x) => (x === true ? 1 : 0)) };
  if (t === "bigint") {
    const col = makeColumn(a) as Int64Column;
    if (col.type !== "int64") throw new ArgumentError("loc: ids must all be bigints.");
    return { kind: "ids", ids: validOnly(col) };
  }
  if (t !== "number") throw new ArgumentError(`loc: cannot select with values of type ${t}; pass booleans, positions or bigint ids.`);
  const positions = new Int32Array(a.length);
  a.forEach((x, i) => {
    if (typeof x !== "number" || !Number.isInteger(x)) throw new ArgumentError(`loc: position ${String(x)} (entry ${i}) is not an integer.`);
    positions[i] = x;
  });
  return { kind: "positions", positions };
}

function validOnly(c: Int64Column): BigInt64Array {
  if (!c.valid) return c.values;
  const v = c.valid;
  return c.values.filter((_, i) => v[i] === 1);
}

function defaultIdColumn(frame: NestedFrame): string {
  const ids = frame.baseNames.filter((n) => frame.base[n]!.type === "int64");
  if (ids.length === 1) return ids[0]!;
  throw new ArgumentError(
    ids.length === 0
      ? "loc: ids need an int64 id column, and this frame has none."
      : `loc: several int64 columns (${ids.join(", ")}) could hold the ids; pass { on: "<column>" }.`,
  );
}

function lookupIds(frame: NestedFrame, on: string, ids: BigInt64Array): Int32Array {
  const col = Object.hasOwn(frame.base, on) ? frame.base[on] : undefined;
  if (!col) throw new ColumnNotFoundError(on, frame.baseNames, "the base columns (loc on)");
  if (col.type !== "int64") throw new SchemaError(`loc: the id column "${on}" is ${col.type}, not int64.`);
  // Hash the id column once (the index fromFlat uses); chain the objects sharing an id so duplicates are all selected.
  const groups = groupKeys(keyPairs({ type: "int64", values: col.values }, on));
  // Objects grouped by id (null ids in no group), each group in frame order, so a duplicated id selects all its objects.
  const groupOf = col.valid ? groups.groupOf.map((g, i) => (col.valid![i] ? g : -1)) : groups.groupOf;
  const { perm, offsets } = groupPermutation(groupOf, undefined, groups.count);
  const want = keyPairs({ type: "int64", values: ids }, "ids");
  const found = new Int32Array(ids.length);
  let total = 0;
  const missing: bigint[] = [];
  for (let k = 0; k < ids.length; k++) {
    const g = groups.find(want[2 * k]!, want[2 * k + 1]!);
    found[k] = g;
    const size = g < 0 ? 0 : offsets[g + 1]! - offsets[g]!;
    if (size === 0) missing.push(ids[k]!);
    total += size;
  }
  if (missing.length > 0) {
    const shown = missing.slice(0, 5).map(String).join(", ");
    const more = missing.length > 5 ? `, ... (${missing.length} in all)` : "";
    throw new ArgumentError(`loc: ${missing.length} of ${ids.length} ids not found in "${on}": ${shown}${more}.`);
  }
  const out = new Int32Array(total);
  let at = 0;
  for (const g of found) {
    if (g < 0) continue;
    out.set(perm.subarray(offsets[g]!, offsets[g + 1]!), at);
    at += offsets[g + 1]! - offsets[g]!;
  }
  return out;
}
