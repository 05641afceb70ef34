import * as arrow from "apache-arrow";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Int64Column, type NumberColumn, makeColumn, toArray, valueAt } from "../../src/frame/column.js";
import { SchemaError } from "../../src/frame/errors.js";
import { NestedFrame } from "../../src/frame/nested-frame.js";
import { fromArrow } from "../../src/io/from-arrow.js";
import { toArrow } from "../../src/io/to-arrow.js";
import { BIG_ID, frameArb, smallFrame, snapshot } from "./fixtures/frames.js";

const LAYOUTS = ["list<struct>", "struct<list>"] as const;

/** Arrow tables as they come back from an IPC stream (what parquet-wasm hands over). */
const viaIpc = (t: arrow.Table) => arrow.tableFromIPC(arrow.tableToIPC(t, "stream"));

describe("toArrow / fromArrow", () => {
  for (const layout of LAYOUTS) {
    it(`round-trips a frame exactly in the ${layout} layout, in memory and through IPC`, () => {
      const f = smallFrame();
      expect(snapshot(fromArrow(toArrow(f, { layout })))).toEqual(snapshot(f));
      expect(snapshot(fromArrow(viaIpc(toArrow(f, { layout }))))).toEqual(snapshot(f));
    });

    it(`keeps int64 ids past 2^53 exact (${layout})`, () => {
      const back = fromArrow(viaIpc(toArrow(smallFrame(), { layout })));
      expect(toArray(back.column("objectId"))).toEqual([BIG_ID, BIG_ID + 1n, -7n]);
      expect(valueAt(back.column("lc.visit"), 0)).toBe(BIG_ID);
    });

    it(`round-trips a zero-copy slice whose offsets start past 0 (${layout})`, () => {
      const s = smallFrame().takeObjects(Int32Array.of(1, 2));
      expect(s.nest("lc").offsets[0]).toBe(2);
      expect(snapshot(fromArrow(viaIpc(toArrow(s, { layout }))))).toEqual(snapshot(s));
    });

    it(`round-trips random frames (property, ${layout})`, () => {
      fc.assert(
        fc.property(frameArb, (f) => {
          expect(snapshot(fromArrow(viaIpc(toArrow(f, { layout }))))).toEqual(snapshot(f));
        }),
        { numRuns: 60 },
      );
    });
  }

  it("writes DP1's types: Int64 ids, Float32 fluxes, Dictionary<Int32, Utf8> bands, struct of lists", () => {
    const t = toArrow(smallFrame(), { layout: "struct<list>" });
    expect(String(t.getChild("objectId")!.type)).toBe("Int64");
    const lc = t.schema.fields.find((f) => f.name === "lc")!.type as arrow.Struct;
    expect(lc.children.map((f) => `${f.name}:${String(f.type)}`)).toContain("psfFlux:List<Float32>");
    expect(lc.children.map((f) => `${f.name}:${String(f.type)}`)).toContain("band:List<Dictionary<Int32, Utf8>>");
  });

  it("shares value and offset buffers with Arrow instead of copying them", () => {
    const f = smallFrame();
    const t = toArrow(f, { layout: "list<struct>" });
    const back = fromArrow(t);
    const buf = (fr: NestedFrame, c: string) => (fr.column(c) as NumberColumn | Int64Column).values.buffer;
    expect(buf(back, "lc.psfFlux")).toBe(buf(f, "lc.psfFlux"));
    expect(buf(back, "objectId")).toBe(buf(f, "objectId"));
    expect(back.nest("lc").offsets.buffer).toBe(f.nest("lc").offsets.buffer);
  });

  it("reads plain Utf8 strings as a dictionary column", () => {
    const t = new arrow.Table({ band: arrow.vectorFromArray(["g", "r", null, "g", "longer-than-six"], new arrow.Utf8()) });
    const c = fromArrow(t).column("band");
    expect(c.type).toBe("dict");
    expect(toArray(c)).toEqual(["g", "r", null, "g", "longer-than-six"]);
  });

  it("reads a table of several record batches as one frame with re-based offsets", () => {
    const f = smallFrame();
    const t = toArrow(f);
    const two = new arrow.Table([...t.batches, ...toArrow(f.takeObjects(Int32Array.of(2, 0))).batches]);
    const back = fromArrow(two);
    expect(back.length).toBe(5);
    expect(Array.from(back.nest("lc").offsets)).toEqual([0, 2, 2, 5, 8, 10]);
    expect(toArray(back.column("lc.band"))).toEqual(["g", "r", null, "g", "y", null, "g", "y", "g", "r"]);
  });

  it("turns a null list entry into an empty light curve, dropping whatever its slot spanned", () => {
    const child = arrow.vectorFromArray([1, 2, 3, 4], new arrow.Float64()).data[0]!;
    const struct = arrow.makeData({ type: new arrow.Struct([new arrow.Field("flux", child.type)]), length: 4, children: [child] });
    const type = new arrow.List(new arrow.Field("element", struct.type));
    // Object 1 is null but its slot spans rows 1..3: those rows must not leak into the frame.
    const list = arrow.makeData({ type, length: 3, valueOffsets: Int32Array.of(0, 1, 3, 4), child: struct, nullBitmap: Uint8Array.of(0b101) });
    const f = fromArrow(new arrow.Table({ lc: arrow.makeVector(list) }));
    expect(Array.from(f.nest("lc").offsets)).toEqual([0, 1, 1, 2]);
    expect(toArray(f.column("lc.flux"))).toEqual([1, 4]);
  });

  it("rejects a struct<list> nest whose fields have different offsets, naming column and field", () => {
    const a = arrow.vectorFromArray([[1, 2], [3]], new arrow.List(new arrow.Field("element", new arrow.Float64())));
    const b = arrow.vectorFromArray([[1], [2, 3]], new arrow.List(new arrow.Field("element", new arrow.Float64())));
    const s = arrow.makeData({
      type: new arrow.Struct([new arrow.Field("psfFlux", a.type), new arrow.Field("psfFluxErr", b.type)]),
      length: 2,
      children: [a.data[0]!, b.data[0]!],
    });
    const t = new arrow.Table({ objectForcedSource: arrow.makeVector(s) });
    expect(() => fromArrow(t)).toThrow(SchemaError);
    expect(() => fromArrow(t)).toThrow(/"objectForcedSource".*field "psfFluxErr".*different list offsets/);
  });

  it("rejects unsupported types with an error naming the column and its Arrow type", () => {
    const t = new arrow.Table({ blob: arrow.vectorFromArray([new Uint8Array([1])], new arrow.Binary()) });
    expect(() => fromArrow(t)).toThrow(/Column "blob" has Arrow type Binary/);
    const l = new arrow.Table({ xs: arrow.vectorFromArray([[1, 2]], new arrow.List(new arrow.Field("element", new arrow.Float64()))) });
    expect(() => fromArrow(l)).toThrow(/Column "xs" has Arrow type List<Float64>; nests must be/);
  });

  it("reads timestamps as int64 in their unit and uint64 ids as exact int64", () => {
    const t = new arrow.Table({
      t: arrow.vectorFromArray([new Date(1000), null], new arrow.TimestampMillisecond()),
      u: arrow.makeVector(BigUint64Array.of(BIG_ID, 3n)),
    });
    const f = fromArrow(t);
    expect(toArray(f.column("t"))).toEqual([1000n, null]);
    expect(toArray(f.column("u"))).toEqual([BIG_ID, 3n]);
  });

  it("projects columns: base names, whole nests and nest.field names", () => {
    const t = toArrow(smallFrame(), { layout: "struct<list>" });
    const f = fromArrow(t, { columns: ["objectId", "lc.psfFlux"] });
    expect(f.columnNames).toEqual(["objectId", "lc.psfFlux"]);
    expect(() => fromArrow(t, { columns: ["lc.psfflux"] })).toThrow(/Did you mean "lc.psfFlux"/);
  });

  it("reads an empty table with its schema", () => {
    const t = toArrow(smallFrame());
    const f = fromArrow(new arrow.Table(t.schema));
    expect(f.length).toBe(0);
    expect(f.columnNames).toEqual(smallFrame().columnNames);
  });

  it("survives columns that share one buffer (apache-arrow's IPC writer would merge them)", () => {
    const shared = makeColumn(Float64Array.of(1, 2, 3));
    const f = new NestedFrame({ base: { a: shared, b: shared } });
    expect(snapshot(fromArrow(viaIpc(toArrow(f))))).toEqual(snapshot(f));
  });

  it("writes a frame without nests as a flat table", () => {
    const f = new NestedFrame({ base: { x: makeColumn(Float32Array.of(1, 2)) } });
    expect(fromArrow(toArrow(f)).column("x")).toEqual({ type: "float32", values: Float32Array.of(1, 2), valid: undefined });
  });
});
