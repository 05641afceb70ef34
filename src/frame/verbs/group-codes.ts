import { type Column, sliceColumn } from "../column.js";
import { SchemaError } from "../errors.js";
import { groupKeys, keyPairs } from "../key-index.js";

/** Rows mapped to group numbers, and each group's label. */
export interface GroupCodes {
  /** Group of row `start + k` at `codes[k]`; -1 for a null. */
  readonly codes: Int32Array;
  /** Label of each group: dictionary order for strings, first-seen order otherwise. */
  readonly labels: readonly string[];
  /** True when the labels are strings (for quoting them in cut-flow details). */
  readonly strings: boolean;
}

/**
 * Group rows `[start, end)` of a dictionary, integer, int64 or bool column by
 * value, for countNested and split. Only values that occur get a group.
 *
 * @example
 * groupCodes(makeColumn(["r", "g", "r"]), 0, 3, "lc.band"); // codes [0, 1, 0], labels ["r", "g"] (dictionary order; makeColumn builds it in first-seen order)
 */
export function groupCodes(c: Column, start: number, end: number, name: string): GroupCodes {
  const n = end - start;
  const codes = new Int32Array(n);
  const valid = c.valid;
  if (c.type === "dict") {
    const seen = new Uint8Array(c.dictionary.length);
    for (let r = start; r < end; r++) if (valid === undefined || valid[r] === 1) seen[c.codes[r]!] = 1;
    const remap = new Int32Array(c.dictionary.length).fill(-1);
    const labels: string[] = [];
    for (let d = 0; d < seen.length; d++) {
      if (seen[d]) {
        remap[d] = labels.length;
        labels.push(c.dictionary[d]!);
      }
    }
    for (let r = start; r < end; r++) codes[r - start] = valid === undefined || valid[r] === 1 ? remap[c.codes[r]!]! : -1;
    return { codes, labels, strings: true };
  }
  if (c.type === "float32" || c.type === "float64") {
    throw new SchemaError(`Cannot group by "${name}": it is ${c.type}; use a dictionary (string), integer or bool field.`);
  }
  // The shared int64 hash index (no BigInt or Map entry per row); nulls get no group.
  const plain: Column = c.type === "bool" ? { type: "uint8", values: c.values } : { ...c, valid: undefined };
  const groups = groupKeys(keyPairs(sliceColumn(plain, start, end), name));
  const relabel = new Int32Array(groups.count).fill(-1);
  const labels: string[] = [];
  for (let k = 0; k < n; k++) {
    if (valid !== undefined && valid[start + k] === 0) {
      codes[k] = -1;
      continue;
    }
    const g = groups.groupOf[k]!;
    if (relabel[g]! < 0) {
      relabel[g] = labels.length;
      const v = c.values[start + k]!;
      labels.push(c.type === "bool" ? String(v === 1) : String(v));
    }
    codes[k] = relabel[g]!;
  }
  return { codes, labels, strings: false };
}
