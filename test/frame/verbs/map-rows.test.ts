import { describe, expect, it } from "vitest";
import { type NumberColumn, toArray } from "../../../src/frame/column.js";
import { ArgumentError, ColumnNotFoundError } from "../../../src/frame/errors.js";
import { BIG, sampleFrame } from "./fixtures.js";

describe("mapRows", () => {
  it("hands base values as scalars (int64 as bigint) and nested fields as zero-copy views", () => {
    const f = sampleFrame();
    const seen: Array<[unknown, unknown, number]> = [];
    f.mapRows(
      (row, i) => {
        const flux = row["lc.psfFlux"] as Float32Array;
        expect(flux).toBeInstanceOf(Float32Array);
        expect(flux.buffer).toBe(((f.column("lc.psfFlux") as NumberColumn).values as Float32Array).buffer);
        seen.push([row.objectId, row.ra, flux.length]);
        return i;
      },
      ["objectId", "ra", "lc.psfFlux"],
    );
    expect(seen).toEqual([
      [BIG + 2n, 10, 3],
      [BIG, NaN, 0],
      [BIG + 1n, 30, 4],
    ]);
  });

  it("turns a scalar result into the column `name`", () => {
    const out = sampleFrame().mapRows((row) => (row["lc.mjd"] as Float64Array).length, ["lc.mjd"], { name: "n" });
    expect(out.column("n").type).toBe("float64");
    expect(toArray(out.column("n"))).toEqual([3, 0, 4]);
  });

  it("turns object results into one typed column per key", () => {
    const out = sampleFrame().mapRows(
      (row) => {
        const f = row["lc.psfFlux"] as Float32Array;
        return { peak: f.length ? Math.max(...f) : null, id: row.objectId as bigint, long: f.length > 3, label: f.length ? "some" : "none" };
      },
      ["objectId", "lc"],
    );
    expect(out.column("peak").type).toBe("float64");
    expect(toArray(out.column("peak"))).toEqual([NaN, null, 7]);
    expect(out.column("id").type).toBe("int64");
    expect(toArray(out.column("id"))).toEqual([BIG + 2n, BIG, BIG + 1n]);
    expect(toArray(out.column("long"))).toEqual([false, false, true]);
    expect(out.column("label").type).toBe("dict");
  });

  it("reads each object's own rows on a slice starting past offset 0", () => {
    const out = sampleFrame().loc([1, 2]).mapRows((row) => (row["lc.mjd"] as Float64Array)[0] ?? null, ["lc.mjd"], { name: "first" });
    expect(toArray(out.column("first"))).toEqual([null, 1]);
  });

  it("reports results whose type changes between objects, and unknown columns", () => {
    expect(() => sampleFrame().mapRows((_, i) => (i === 0 ? 1 : "x"), [])).toThrow('mapRows: result "result" is a number for earlier objects but a string for object 1.');
    expect(() => sampleFrame().mapRows(() => 1, ["lc.flux"])).toThrow(ColumnNotFoundError);
    expect(() => sampleFrame().mapRows(() => ({ a: 1 }), [], { name: "x" })).toThrow(ArgumentError);
  });
});
