import { describe, expect, it } from "vitest";
import { makeColumn, toArray } from "../../src/frame/column.js";
import { ColumnNotFoundError, SchemaError } from "../../src/frame/errors.js";
import { NestedFrame } from "../../src/frame/nested-frame.js";

const frame = () =>
  new NestedFrame({
    base: { objectId: makeColumn(BigInt64Array.of(1n, 2n, 3n)), ra: makeColumn(new Float64Array([10, 20, 30])) },
    nested: {
      lc: {
        offsets: Int32Array.of(0, 2, 2, 5),
        fields: { psfFlux: makeColumn(new Float32Array([1, 2, 3, 4, 5])), band: makeColumn(["g", "r", "g", "i", "z"]) },
      },
    },
  });

describe("NestedFrame", () => {
  it("knows its objects, observations and column names", () => {
    const f = frame();
    expect(f.length).toBe(3);
    expect(f.observationCount).toBe(5);
    expect(f.columnNames).toEqual(["objectId", "ra", "lc.psfFlux", "lc.band"]);
  });

  it("hands out one object's light curve as zero-copy views", () => {
    const f = frame();
    const lc = f.lightCurve(2, "lc");
    expect(Array.from(lc.psfFlux! as Float32Array)).toEqual([3, 4, 5]);
    const col = f.column("lc.psfFlux");
    expect(lc.psfFlux!.buffer).toBe(col.type !== "dict" && col.values.buffer);
    expect(f.lightCurve(1).psfFlux!.length).toBe(0);
  });

  it("resolves base and nested names and suggests the nearest on a typo", () => {
    const f = frame();
    expect(f.resolve("lc.band")).toMatchObject({ kind: "nested", nest: "lc", field: "band" });
    expect(() => f.resolve("lc.psfflux")).toThrow(ColumnNotFoundError);
    expect(() => f.resolve("lc.psfflux")).toThrow(/Unknown column "lc.psfflux". Did you mean "lc.psfFlux"/);
  });

  it("checks that columns agree on the number of objects", () => {
    expect(() => new NestedFrame({ base: { a: makeColumn([1, 2]), b: makeColumn([1]) } })).toThrow(/"b" has 1 rows, expected 2/);
    expect(
      () => new NestedFrame({ base: { a: makeColumn([1, 2]) }, nested: { lc: { offsets: Int32Array.of(0, 1), fields: { x: makeColumn([1]) } } } }),
    ).toThrow(SchemaError);
  });

  it("takes objects by position and records the step in the cut-flow", () => {
    const t = frame().takeObjects(Int32Array.of(2, 0), { step: "loc", detail: "positions" });
    expect(toArray(t.column("objectId"))).toEqual([3n, 1n]);
    expect(toArray(t.column("lc.band"))).toEqual(["g", "i", "z", "g", "r"]);
    expect(t.cutflow().steps).toEqual([{ step: "loc", detail: "positions", objectsIn: 3, objectsOut: 2, observationsIn: 5, observationsOut: 5 }]);
  });

  it("filters observations, keeping every object", () => {
    const f = frame().filterObservations("lc", Uint8Array.of(1, 0, 0, 1, 1), { step: "query", detail: "x" });
    expect(f.length).toBe(3);
    expect(Array.from(f.nest("lc").offsets)).toEqual([0, 1, 1, 3]);
    expect(f.cutflow().steps[0]).toMatchObject({ observationsIn: 5, observationsOut: 3 });
  });

  it("adds columns without touching the original", () => {
    const f = frame();
    const g = f.withColumn("dec", makeColumn([1, 2, 3]));
    expect(g.baseNames).toEqual(["objectId", "ra", "dec"]);
    expect(f.baseNames).toEqual(["objectId", "ra"]);
  });

  it("asks for a nest name when there are several", () => {
    const f = frame().withNested("dia", { offsets: Int32Array.of(0, 0, 0, 0), fields: {} });
    expect(() => f.lightCurve(0)).toThrow(/Several nested columns \(lc, dia\): name one/);
  });
});

describe("NestedFrame typed accessors", () => {
  it("numbers() gives a numeric column's typed array without copying, nested fields over this frame's observations", () => {
    const f = frame();
    expect(f.numbers("ra")).toBe((f.column("ra") as { values: Float64Array }).values);
    expect(Array.from(f.numbers("lc.psfFlux"))).toEqual([1, 2, 3, 4, 5]);
    // after a zero-copy slice only the frame's own observations are visible
    expect(Array.from(f.takeObjects(Int32Array.of(1, 2)).numbers("lc.psfFlux"))).toEqual([3, 4, 5]);
  });

  it("bigints() keeps int64 exact and numbers() refuses int64 and strings, pointing to the right accessor", () => {
    const f = frame();
    expect(Array.from(f.bigints("objectId"))).toEqual([1n, 2n, 3n]);
    expect(() => f.numbers("objectId")).toThrow(/is int64; use bigints\("objectId"\)/);
    expect(() => f.numbers("lc.band")).toThrow(/is a string column; use toArray\("lc.band"\)/);
    expect(() => f.bigints("ra")).toThrow(/is float64, not int64/);
  });

  it("toArray() decodes strings and nulls for display", () => {
    expect(frame().takeObjects(Int32Array.of(2)).toArray("lc.band")).toEqual(["g", "i", "z"]);
  });
});

describe("lightCurveArrays", () => {
  it("aligns offsets (from 0) with the values numbers() returns, also for a slice of the parent", () => {
    const f = NestedFrame.fromLists({ t: [Float64Array.of(1, 2), Float64Array.of(3), Float64Array.of(4, 5, 6)] }, { lists: ["t"], name: "lc" });
    const tail = f.takeObjects(Int32Array.of(1, 2)); // contiguous: the offsets are a view starting at row 2
    expect(tail.nest("lc").offsets[0]).toBe(2);
    const { offsets, values } = tail.lightCurveArrays("lc", ["t"]);
    expect(Array.from(offsets)).toEqual([0, 1, 4]);
    expect(Array.from(values[0]!)).toEqual([3, 4, 5, 6]);
    expect(f.lightCurveArrays("lc", []).offsets).toBe(f.nest("lc").offsets); // no copy when already from 0
  });
});
