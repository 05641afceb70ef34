import { ArgumentError } from "../errors.js";
import type { NestedFrame } from "../nested-frame.js";
import { isMissing } from "./missing.js";

/**
 * Objects ordered by one base column, stably (ties keep their order). Numbers
 * compare as numbers, int64 ids exactly as bigints, bools false < true, strings by
 * UTF-16 code units (not locale). Nulls and NaN go last in either direction.
 * Not a filter, so no cut-flow step.
 *
 * @example
 * sortBy(frame.reduce("lc", { chi2: "chi2(psfFlux, psfFluxErr)" }), "chi2", { descending: true }).head(10);
 */
export function sortBy(frame: NestedFrame, column: string, options: { descending?: boolean } = {}): NestedFrame {
  const r = frame.resolve(column);
  if (r.kind !== "base") {
    throw new ArgumentError(
      `sortBy needs a base column; "${column}" is a nested field. Reduce it first, e.g. frame.reduce("${r.nest}", { key: "median(${r.field})" }).sortBy("key").`,
    );
  }
  const c = r.column;
  const n = frame.length;
  const dir = options.descending ? -1 : 1;
  const missing = new Uint8Array(n);
  for (let i = 0; i < n; i++) missing[i] = isMissing(c, i) ? 1 : 0;
  let cmpKey: (a: number, b: number) => number;
  if (c.type === "int64") {
    const v = c.values;
    cmpKey = (a, b) => (v[a]! < v[b]! ? -1 : v[a]! > v[b]! ? 1 : 0);
  } else {
    let keys: ArrayLike<number>;
    if (c.type === "dict") {
      // Rank the dictionary once so rows compare as integers.
      const order = c.dictionary.map((_, k) => k).sort((x, y) => (c.dictionary[x]! < c.dictionary[y]! ? -1 : c.dictionary[x]! > c.dictionary[y]! ? 1 : 0));
      const rank = new Int32Array(c.dictionary.length);
      order.forEach((k, pos) => (rank[k] = pos));
      keys = Int32Array.from(c.codes, (k) => rank[k]!);
    } else {
      keys = c.values;
    }
    cmpKey = (a, b) => keys[a]! - keys[b]!;
  }
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  idx.sort((a, b) => {
    const ma = missing[a]!;
    const mb = missing[b]!;
    if (ma || mb) return ma === mb ? a - b : ma - mb;
    return dir * cmpKey(a, b) || a - b;
  });
  return frame.takeObjects(idx);
}
