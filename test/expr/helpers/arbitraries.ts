/**
 * fast-check generators for the property tests: small random frames (nulls,
 * NaN, ±Infinity, int64 ids past 2^53, offsets not starting at 0) and random
 * well-typed expressions over their columns. Test helper only.
 */
import fc from "fast-check";
import { type Column, makeColumn } from "../../../src/frame/column.js";
import { NestedFrame } from "../../../src/frame/nested-frame.js";
import type { Expr } from "../../../src/expr/ast.js";

const BIG = 2n ** 60n;
const bigints = fc.constantFrom(BIG + 1n, BIG + 2n, -3n, 0n, 7n, -(2n ** 63n) + 1n);
// Values overlap the literals below so that ==, <= and in meet ties often.
const floats = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(0, 1, 2, 3, 0.5, 1.5, -1.5, 2.25, NaN, Infinity, -Infinity, 1e300) },
  { weight: 1, arbitrary: fc.double({ min: -10, max: 10, noNaN: true }) },
);
const nullable = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.oneof({ weight: 5, arbitrary: a }, { weight: 1, arbitrary: fc.constant(null) });

function column(kind: "float64" | "float32" | "int32" | "int64" | "bool" | "dict", n: number): fc.Arbitrary<Column> {
  switch (kind) {
    case "float64":
      return fc.array(nullable(floats), { minLength: n, maxLength: n }).map((v) => makeColumn(v, "float64"));
    case "float32":
      return fc.array(floats, { minLength: n, maxLength: n }).map((v) => makeColumn(Float32Array.from(v)));
    case "int32":
      return fc.array(nullable(fc.integer({ min: -3, max: 3 })), { minLength: n, maxLength: n }).map((v) => makeColumn(v, "int32"));
    case "int64":
      return fc.array(nullable(bigints), { minLength: n, maxLength: n }).map((v) => withNulls(makeColumn(BigInt64Array.from(v, (x) => x ?? 0n)), v));
    case "bool":
      return fc.array(nullable(fc.boolean()), { minLength: n, maxLength: n }).map((v) => withNulls(makeColumn(Uint8Array.from(v, (x) => (x ? 1 : 0)), "bool"), v));
    case "dict":
      return fc.array(nullable(fc.constantFrom("g", "r", "i")), { minLength: n, maxLength: n }).map((v) => makeColumn(v, "dict"));
  }
}

// makeColumn infers a plain array's type from its values, so an empty one would not be bool/int64.
function withNulls(c: Column, v: readonly unknown[]): Column {
  return v.includes(null) ? { ...c, valid: Uint8Array.from(v, (x) => (x === null ? 0 : 1)) } : c;
}

/** Offsets for `sizes`, shifted by `pad` rows that belong to no object (as after a zero-copy slice). */
function offsetsOf(sizes: readonly number[], pad: number): Int32Array {
  const o = new Int32Array(sizes.length + 1);
  o[0] = pad;
  sizes.forEach((s, i) => (o[i + 1] = o[i]! + s));
  return o;
}

export const frames: fc.Arbitrary<NestedFrame> = fc
  .record({ sizes: fc.array(fc.nat(4), { maxLength: 6 }), srcSizes: fc.array(fc.nat(2), { minLength: 6, maxLength: 6 }), pad: fc.nat(2) })
  .chain(({ sizes, srcSizes, pad }) => {
    const n = sizes.length;
    const total = sizes.reduce((a, b) => a + b, 0) + pad + 1;
    const srcTotal = srcSizes.slice(0, n).reduce((a, b) => a + b, 0);
    return fc
      .record({
        id: column("int64", n), ra: column("float64", n), k: column("int32", n), ok: column("bool", n), name: column("dict", n),
        flux: column("float32", total), err: column("float64", total), band: column("dict", total), flag: column("bool", total), visit: column("int64", total),
        mag: column("float64", srcTotal),
      })
      .map((c) => new NestedFrame({
        base: { id: c.id, ra: c.ra, k: c.k, ok: c.ok, name: c.name },
        nested: {
          lc: { offsets: offsetsOf(sizes, pad), fields: { flux: c.flux, err: c.err, band: c.band, flag: c.flag, visit: c.visit } },
          src: { offsets: offsetsOf(srcSizes.slice(0, n), 0), fields: { mag: c.mag } },
        },
        length: n,
      }));
  });

const at = { start: 0, end: 0 };
const col = (name: string): Expr => ({ kind: "column", name, ...at });
const numLit: fc.Arbitrary<Expr> = fc.oneof(
  fc.constantFrom(0n, 1n, 2n, 3n, -3n, BIG + 1n, BIG + 2n, 7n).map((i): Expr => ({ kind: "number", value: Number(i), int: i, ...at })),
  fc.constantFrom(0.5, 1.5, 1e300, 2.25, 2.0).map((value): Expr => ({ kind: "number", value, ...at })),
);
const strLit = fc.constantFrom("g", "r", "z").map((value): Expr => ({ kind: "string", value, ...at }));

/** Random well-typed conditions; `nests` picks which nests may appear. */
export function conditions(nests: readonly ("lc" | "src")[] = ["lc"]): fc.Arbitrary<Expr> {
  const numCols = ["ra", "k", "id", ...(nests.includes("lc") ? ["lc.flux", "lc.err", "lc.visit"] : []), ...(nests.includes("src") ? ["src.mag"] : [])];
  const strCols = ["name", ...(nests.includes("lc") ? ["lc.band"] : [])];
  const boolCols = ["ok", ...(nests.includes("lc") ? ["lc.flag"] : [])];
  const { cond } = fc.letrec<{ cond: Expr; num: Expr; str: Expr }>((tie) => ({
    num: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.constantFrom(...numCols).map(col),
      numLit,
      tie("num").map((arg): Expr => ({ kind: "negate", arg, ...at })),
      tie("num").map((arg): Expr => ({ kind: "call", fn: "abs", arg, ...at })),
      fc.tuple(fc.constantFrom("+", "-", "*", "/" as const), tie("num"), tie("num")).map(([op, left, right]): Expr => ({ kind: "arith", op, left, right, ...at })),
    ),
    str: fc.oneof(fc.constantFrom(...strCols).map(col), strLit),
    cond: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.constantFrom(...boolCols).map(col),
      fc.boolean().map((value): Expr => ({ kind: "bool", value, ...at })),
      { weight: 3, arbitrary: fc.tuple(fc.constantFrom("==", "!=", "<", "<=", ">", ">=" as const), tie("num"), tie("num")).map(([op, left, right]): Expr => ({ kind: "compare", op, left, right, ...at })) },
      fc.tuple(fc.constantFrom("==", "!=" as const), tie("str"), tie("str")).map(([op, left, right]): Expr => ({ kind: "compare", op, left, right, ...at })),
      fc.tuple(fc.boolean(), tie("num"), fc.array(numLit, { maxLength: 3 })).map(([negated, arg, items]): Expr => ({ kind: "in", negated, arg, items, ...at })),
      fc.tuple(fc.boolean(), tie("str"), fc.array(strLit, { maxLength: 3 })).map(([negated, arg, items]): Expr => ({ kind: "in", negated, arg, items, ...at })),
      fc.tuple(fc.constantFrom("isnull", "isnan", "isfinite" as const), tie("num")).map(([fn, arg]): Expr => ({ kind: "call", fn, arg, ...at })),
      tie("cond").map((arg): Expr => ({ kind: "not", arg, ...at })),
      fc.tuple(fc.constantFrom("and", "or" as const), tie("cond"), tie("cond")).map(([kind, left, right]): Expr => ({ kind, left, right, ...at })),
    ),
  }));
  return cond;
}
