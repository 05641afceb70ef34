import { describe as group, expect, it } from "vitest";
import { makeColumn, toArray } from "../../../src/frame/column.js";
import { SchemaError } from "../../../src/frame/errors.js";
import { NestedFrame } from "../../../src/frame/nested-frame.js";
import { sampleFrame } from "./fixtures.js";

group("describe", () => {
  it("summarises numeric base columns and nested fields, skipping NaN and ids", () => {
    const d = sampleFrame().describe();
    expect(toArray(d.column("column"))).toEqual(["ra", "lc.mjd", "lc.psfFlux", "lc.psfFluxErr"]);
    expect(d.baseNames).toEqual(["column", "count", "mean", "std", "min", "25%", "50%", "75%", "max"]);
    const row = (k: number) => d.baseNames.slice(1).map((s) => toArray(d.column(s))[k]);
    // psfFlux without its NaN: 1, 3, 4, 5, 6, 7
    const flux = row(2) as number[];
    expect(flux.slice(0, 2)).toEqual([6, 26 / 6]);
    const mean = 26 / 6;
    const ss = [1, 3, 4, 5, 6, 7].reduce((acc, x) => acc + (x - mean) ** 2, 0);
    expect(flux[2]).toBeCloseTo(Math.sqrt(ss / 5), 12);
    expect(flux.slice(3)).toEqual([1, 3.25, 4.5, 5.75, 7]);
  });

  it("uses pandas' linear-interpolation quantiles", () => {
    const d = new NestedFrame({ base: { x: makeColumn([1, 2, 3, 4]) } }).describe();
    expect([d.column("25%"), d.column("50%"), d.column("75%")].map((c) => toArray(c)[0])).toEqual([1.75, 2.5, 3.25]);
  });

  it("gives count 0 and NaN statistics for a column with no values", () => {
    const d = new NestedFrame({ base: { x: makeColumn([NaN, null]) } }).describe(["x"]);
    expect(toArray(d.column("count"))).toEqual([0]);
    expect(toArray(d.column("mean"))).toEqual([NaN]);
  });

  it("refuses string and int64 columns named explicitly", () => {
    expect(() => sampleFrame().describe(["lc.band"])).toThrow(SchemaError);
    expect(() => sampleFrame().describe(["objectId"])).toThrow(/"objectId" is int64/);
  });
});
