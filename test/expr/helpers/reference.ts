/**
 * A deliberately naive row-by-row interpreter of the query language, written
 * independently of the kernels, to check them against. Test helper only.
 */
import { toArray } from "../../../src/frame/column.js";
import type { NestedFrame } from "../../../src/frame/nested-frame.js";
import { type Expr, conjunctsOf, columnsOf } from "../../../src/expr/ast.js";
import { parseExpr } from "../../../src/expr/parser.js";

type V = number | bigint | boolean | string | null;

/** Exact three-way comparison of numbers and bigints; undefined when unordered (NaN). */
function order(a: number | bigint, b: number | bigint): -1 | 0 | 1 | undefined {
  if (typeof a === "number" && Number.isNaN(a)) return undefined;
  if (typeof b === "number" && Number.isNaN(b)) return undefined;
  if (typeof a === "bigint" && typeof b === "number") {
    const o = order(b, a);
    return o === undefined ? undefined : ((-o) as -1 | 0 | 1);
  }
  if (typeof a === "number" && typeof b === "bigint") {
    if (!Number.isFinite(a)) return a > 0 ? 1 : -1;
    const fl = BigInt(Math.floor(a));
    if (fl < b) return -1;
    if (fl > b) return 1;
    return Number.isInteger(a) ? 0 : 1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function compare(op: string, a: V, b: V): boolean {
  if (a === null || b === null) return false;
  if (typeof a === "string" || typeof b === "string") return op === "==" ? a === b : a !== b;
  const o = order(typeof a === "boolean" ? +a : a, typeof b === "boolean" ? +b : b);
  if (o === undefined) return op === "!=";
  return { "==": o === 0, "!=": o !== 0, "<": o < 0, "<=": o <= 0, ">": o > 0, ">=": o >= 0 }[op]!;
}

const truthy = (v: V): boolean => v === true;
const num = (v: number | bigint): number => Number(v);

export function evalRow(e: Expr, get: (name: string) => V): V {
  switch (e.kind) {
    case "number":
      return e.int !== undefined && BigInt.asIntN(64, e.int) === e.int ? e.int : e.value;
    case "string":
    case "bool":
      return e.value;
    case "column":
      return get(e.name);
    case "negate": {
      const a = evalRow(e.arg, get) as number | bigint | null;
      return a === null ? null : typeof a === "bigint" ? BigInt.asIntN(64, -a) : -a;
    }
    case "not":
      return !truthy(evalRow(e.arg, get));
    case "arith": {
      const a = evalRow(e.left, get) as number | bigint | null;
      const b = evalRow(e.right, get) as number | bigint | null;
      if (a === null || b === null) return null;
      const x = num(a), y = num(b);
      return e.op === "+" ? x + y : e.op === "-" ? x - y : e.op === "*" ? x * y : x / y;
    }
    case "compare":
      return compare(e.op, evalRow(e.left, get), evalRow(e.right, get));
    case "and":
      return truthy(evalRow(e.left, get)) && truthy(evalRow(e.right, get));
    case "or":
      return truthy(evalRow(e.left, get)) || truthy(evalRow(e.right, get));
    case "call": {
      const a = evalRow(e.arg, get);
      if (e.fn === "isnull") return a === null;
      if (e.fn === "isnan") return typeof a === "number" && Number.isNaN(a);
      if (e.fn === "isfinite") return a !== null && (typeof a === "bigint" || Number.isFinite(a as number));
      if (a === null) return null;
      return typeof a === "bigint" ? BigInt.asIntN(64, a < 0n ? -a : a) : Math.abs(a as number);
    }
    case "in": {
      const a = evalRow(e.arg, get);
      if (a === null) return false;
      const hit = e.items.some((it) => compare("==", a, evalRow(it, get)));
      return e.negated ? !hit : hit;
    }
  }
}

/** A frame as plain values: base columns, and per nest one list of row records per object. */
export interface Snapshot {
  length: number;
  base: Record<string, V[]>;
  nested: Record<string, Array<Array<Record<string, V>>>>;
}

export function snapshot(f: NestedFrame): Snapshot {
  const base: Record<string, V[]> = {};
  for (const [k, c] of Object.entries(f.base)) base[k] = toArray(c);
  const nested: Snapshot["nested"] = {};
  for (const [k, nc] of Object.entries(f.nested)) {
    const fields = Object.entries(nc.fields).map(([name, c]) => [name, toArray(c)] as const);
    nested[k] = [];
    for (let i = 0; i < f.length; i++) {
      const rows: Array<Record<string, V>> = [];
      for (let r = nc.offsets[i]!; r < nc.offsets[i + 1]!; r++) rows.push(Object.fromEntries(fields.map(([n, vals]) => [n, vals[r]!])));
      nested[k].push(rows);
    }
  }
  return { length: f.length, base, nested };
}

const nestOf = (name: string): string | undefined => (name.includes(".") ? name.slice(0, name.indexOf(".")) : undefined);

/** What `frame.query(expr)` must give, computed row by row; "mixed" when a conjunct spans two nests. */
export function referenceQuery(frame: NestedFrame, expr: string): Snapshot | "mixed" {
  const snap = snapshot(frame);
  const keepObj = new Array<boolean>(frame.length).fill(true);
  const keepObs: Record<string, boolean[][]> = {};
  for (const [k, lcs] of Object.entries(snap.nested)) keepObs[k] = lcs.map((rows) => rows.map(() => true));
  for (const c of conjunctsOf(parseExpr(expr))) {
    const nests = [...new Set(columnsOf(c).map(nestOf).filter((n) => n !== undefined))];
    if (nests.length > 1) return "mixed";
    const nest = nests[0];
    for (let i = 0; i < frame.length; i++) {
      const baseGet = (name: string): V => snap.base[name]![i]!;
      if (nest === undefined) {
        if (!truthy(evalRow(c, baseGet))) keepObj[i] = false;
        continue;
      }
      snap.nested[nest]![i]!.forEach((row, r) => {
        const get = (name: string): V => (nestOf(name) ? row[name.slice(nest.length + 1)]! : baseGet(name));
        if (!truthy(evalRow(c, get))) keepObs[nest]![i]![r] = false;
      });
    }
  }
  const idx = keepObj.flatMap((k, i) => (k ? [i] : []));
  const base: Snapshot["base"] = {};
  for (const [k, vals] of Object.entries(snap.base)) base[k] = idx.map((i) => vals[i]!);
  const nested: Snapshot["nested"] = {};
  for (const [k, lcs] of Object.entries(snap.nested)) nested[k] = idx.map((i) => lcs[i]!.filter((_, r) => keepObs[k]![i]![r]));
  return { length: idx.length, base, nested };
}
