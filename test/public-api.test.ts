/**
 * The public surface, as a user sees it through `nested-lc` (src/index.ts): every
 * operation of DESIGN.md's table is exported or reachable as a method, a tiny
 * reduce-then-loc pipeline gives the hand-computed answer, and the main
 * signatures have the types a user relies on (the `expectTypeOf` block is
 * checked by `tsc --noEmit`; at run time it does nothing).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type * as arrow from "apache-arrow";
import { describe, expect, expectTypeOf, it } from "vitest";
import * as api from "../src/index.js";
import {
  type Column,
  type FlatInput,
  type Int64Column,
  type LocSelector,
  type NestedColumn,
  type ReducerSpec,
  type RowResult,
  type RowView,
  NestedFrame,
  fromArrow,
  fromFlat,
  makeColumn,
  readParquet,
  reducers,
  toArrow,
  toArray,
  writeParquet,
} from "../src/index.js";

/** DESIGN.md's operations; each is a free function, a NestedFrame method, or both. */
const FREE_FUNCTIONS = [
  "fromFlat", "fromLists", "joinNested", "fromArrow", "toArrow", "readParquet", "writeParquet",
  "query", "dropna", "countNested", "split", "reduce", "mapRows", "loc", "head", "sortBy", "select", "toFlat", "describe",
] as const;
const METHODS = [
  "joinNested", "query", "dropna", "dropEmpty", "countNested", "split", "reduce", "mapRows", "loc", "head", "sortBy",
  "select", "toFlat", "explode", "describe", "cutflow", "toString", "column", "nest", "lightCurve",
] as const;
const STATICS = ["fromFlat", "fromLists"] as const;

describe("public API surface", () => {
  it("exports NestedFrame with the verbs as methods", () => {
    expect(typeof api.NestedFrame).toBe("function");
    for (const m of METHODS) expect(typeof NestedFrame.prototype[m], `NestedFrame.prototype.${m}`).toBe("function");
    for (const s of STATICS) expect(typeof NestedFrame[s], `NestedFrame.${s}`).toBe("function");
  });

  it("exports every operation of DESIGN.md's table as a function", () => {
    const exported = api as unknown as Record<string, unknown>;
    const missing = FREE_FUNCTIONS.filter((f) => typeof exported[f] !== "function");
    expect(missing).toEqual([]);
  });

  it("exports the reducers, the expression language and the errors", () => {
    expect(api.reducerNames).toEqual(expect.arrayContaining(["count", "sum", "mean", "wmean", "wmeanErr", "chi2", "std", "min", "max", "median", "maxAbsPull"]));
    for (const f of ["parseExpr", "compileExpr", "evaluateExpr", "formatExpr", "columnsOf", "tokenize"] as const) expect(typeof api[f]).toBe("function");
    for (const E of [api.NestedLcError, api.ColumnNotFoundError, api.SchemaError, api.ArgumentError, api.ExprSyntaxError, api.ExprTypeError]) {
      expect(E.prototype).toBeInstanceOf(Error);
    }
  });

  it("has no default export", () => {
    expect("default" in api).toBe(false);
  });
});

// Four objects with ids just past 2^53: as JS numbers 993 and 995 would collide (both round to ...992/...996).
const A = 9007199254740993n;
const B = 9007199254740995n;
const C = 9007199254740997n;
const D = 9007199254740999n;

/** Per-visit rows, ids interleaved. After the cuts: A (10, 20), B (5, 7, 9), C nothing, D (8, 4, 6). */
function visits() {
  return {
    objectId: BigInt64Array.of(D, A, B, C, A, B, D, C, B, D, A),
    psfFlux: Float32Array.of(8, 10, 5, 3, 20, 7, 4, 4, 9, 6, 100),
    psfFluxErr: Float32Array.of(2, 1, 1, 0, 1, 1, 2, 2, 1, 1, 1),
    psfFlux_flag: makeColumn(Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1), "bool"),
  };
}

describe("reduce-then-loc end to end", () => {
  it("fromFlat -> query -> reduce -> loc -> toFlat gives the hand-computed rows", () => {
    const frame = fromFlat(visits(), { on: "objectId", name: "lc" });
    expect(toArray(frame.column("objectId"))).toEqual([A, B, C, D]);
    expect(Array.from(frame.nest("lc").offsets)).toEqual([0, 3, 6, 8, 11]);

    const clean = frame.query("not lc.psfFlux_flag and lc.psfFluxErr > 0");
    const r = clean.reduce("lc", { n: "count()", mu: reducers.wmean("psfFlux", "psfFluxErr") });
    expect(toArray(r.column("n"))).toEqual([2, 3, 0, 3]);
    const mu = toArray(r.column("mu")) as number[];
    // A: (10 + 20) / 2; B: (5 + 7 + 9) / 3; D: (8/4 + 4/4 + 6/1) / (1/4 + 1/4 + 1) = 9 / 1.5.
    expect([mu[0], mu[1], mu[3]]).toEqual([15, 7, 6]);

    const n = r.column("n") as api.NumberColumn;
    const kept = r.loc(Array.from(n.values, (k) => k >= 3));
    const flat = kept.toFlat("lc");
    expect(toArray(flat.column("objectId"))).toEqual([B, B, B, D, D, D]);
    expect(toArray(flat.column("psfFlux"))).toEqual([5, 7, 9, 8, 4, 6]);
    expect(toArray(flat.column("mu"))).toEqual([7, 7, 7, 6, 6, 6]);

    expect(kept.cutflow().steps.map((s) => [s.step, s.objectsIn, s.objectsOut, s.observationsIn, s.observationsOut])).toEqual([
      ["query", 4, 4, 11, 8],
      ["loc", 4, 2, 8, 6],
    ]);
  });

  it("the free functions give the same frame as the methods", () => {
    const frame = api.fromFlat(visits(), { on: "objectId", name: "lc" });
    const viaMethods = frame.query("lc.psfFluxErr > 0").reduce("lc", { n: "count()" }).loc([D, A], { on: "objectId" }).toFlat();
    const viaFunctions = api.toFlat(api.loc(api.reduce(api.query(frame, "lc.psfFluxErr > 0"), "lc", { n: "count()" }), [D, A], { on: "objectId" }));
    expect(viaFunctions.toString()).toBe(viaMethods.toString());
    expect(toArray(viaMethods.column("objectId"))).toEqual([D, D, D, A, A, A]);
  });

  it("round-trips through Arrow and Parquet with ids exact", async () => {
    const frame = fromFlat(visits(), { on: "objectId", name: "lc" });
    const back = fromArrow(toArrow(frame, { layout: "struct<list>" }));
    expect(toArray(back.column("objectId"))).toEqual([A, B, C, D]);
    const dir = mkdtempSync(join(tmpdir(), "nested-lc-public-"));
    try {
      const path = join(dir, "lc.parquet");
      await writeParquet(frame, path);
      const read = await readParquet(path, { columns: ["objectId", "lc.psfFlux"] });
      expect(toArray(read.column("objectId"))).toEqual([A, B, C, D]);
      expect(toArray(read.column("lc.psfFlux"))).toEqual(toArray(frame.column("lc.psfFlux")));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Type-level checks of the main signatures: this function is never called, only compiled. */
export function publicTypes(frame: NestedFrame): void {
  expectTypeOf(fromFlat).parameters.toEqualTypeOf<[FlatInput, api.FromFlatOptions]>();
  expectTypeOf(fromFlat).returns.toEqualTypeOf<NestedFrame>();
  expectTypeOf(NestedFrame.fromFlat).toEqualTypeOf(fromFlat);
  expectTypeOf<{ objectId: BigInt64Array; psfFlux: Float32Array; band: string[] }>().toMatchTypeOf<FlatInput>();

  expectTypeOf(frame.query).parameters.toEqualTypeOf<[string | api.CompiledExpr]>();
  expectTypeOf(frame.query("x > 0")).toEqualTypeOf<NestedFrame>();
  expectTypeOf(frame.reduce).parameters.toEqualTypeOf<[string, Readonly<Record<string, ReducerSpec>>]>();
  expectTypeOf<"wmean(psfFlux, psfFluxErr)">().toMatchTypeOf<ReducerSpec>();
  expectTypeOf(reducers.wmean("f", "e")).toMatchTypeOf<ReducerSpec>();
  expectTypeOf(frame.split("lc", { by: "band" })).toEqualTypeOf<Record<string, NestedFrame>>();
  expectTypeOf(frame.countNested("lc", { by: "band" })).toEqualTypeOf<NestedFrame>();
  expectTypeOf(frame.mapRows).parameter(0).toEqualTypeOf<(row: RowView, i: number) => RowResult>();

  // loc takes masks, positions and int64 ids, typed or plain.
  expectTypeOf<Uint8Array>().toMatchTypeOf<LocSelector>();
  expectTypeOf<boolean[]>().toMatchTypeOf<LocSelector>();
  expectTypeOf<number[]>().toMatchTypeOf<LocSelector>();
  expectTypeOf<BigInt64Array>().toMatchTypeOf<LocSelector>();
  expectTypeOf<bigint[]>().toMatchTypeOf<LocSelector>();
  expectTypeOf<Column>().toMatchTypeOf<LocSelector>();

  // Columns: a union to narrow; int64 values are BigInt64Array, never number.
  expectTypeOf(frame.column("objectId")).toEqualTypeOf<Column>();
  expectTypeOf<Int64Column["values"]>().toEqualTypeOf<BigInt64Array>();
  expectTypeOf(frame.nest("lc")).toEqualTypeOf<NestedColumn>();
  expectTypeOf<NestedColumn["offsets"]>().toEqualTypeOf<Int32Array>();
  expectTypeOf(frame.length).toBeNumber();
  expectTypeOf(frame.observationCount).toBeNumber();

  // I/O.
  expectTypeOf(readParquet).returns.toEqualTypeOf<Promise<NestedFrame>>();
  expectTypeOf(writeParquet).returns.toEqualTypeOf<Promise<void>>();
  expectTypeOf(toArrow).returns.toEqualTypeOf<arrow.Table>();
  expectTypeOf(fromArrow).parameter(0).toEqualTypeOf<arrow.Table>();
  expectTypeOf(fromArrow).returns.toEqualTypeOf<NestedFrame>();

  // Mistakes the types catch.
  // @ts-expect-error query takes an expression string
  frame.query((x: number) => x > 0);
  // @ts-expect-error reduce needs the nest name first
  frame.reduce({ n: "count()" });
  // @ts-expect-error a DictColumn has codes, not values: narrow the Column first
  void frame.column("n").values;
}
