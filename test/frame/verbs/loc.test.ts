import { describe, expect, it } from "vitest";
import { type NumberColumn, makeColumn, toArray } from "../../../src/frame/column.js";
import { ArgumentError, ColumnNotFoundError } from "../../../src/frame/errors.js";
import { NestedFrame } from "../../../src/frame/nested-frame.js";
import { BIG, expectBalanced, sampleFrame } from "./fixtures.js";

describe("loc", () => {
  it("reduce-then-loc: a boolean mask from a reduced column keeps the matching objects", () => {
    const f = sampleFrame();
    const r = f.reduce("lc", { n: "count()" });
    const n = (r.column("n") as NumberColumn).values as Int32Array;
    const out = r.loc(Array.from(n, (k) => k >= 3));
    expect(toArray(out.column("objectId"))).toEqual([BIG + 2n, BIG + 1n]);
    expect(out.cutflowSteps.at(-1)).toMatchObject({ step: "loc", detail: "mask: 2 of 3 objects" });
    expectBalanced(out, r);
  });

  it("accepts a Uint8Array mask and a bool column, nulls counting as false", () => {
    const f = sampleFrame();
    expect(f.loc(Uint8Array.of(0, 1, 1)).length).toBe(2);
    expect(f.loc(makeColumn([true, null, true])).length).toBe(2);
  });

  it("selects positions in the order given", () => {
    const out = sampleFrame().loc(Int32Array.of(2, 0));
    expect(toArray(out.column("ra"))).toEqual([30, 10]);
    expect(toArray(out.column("lc.mjd"))).toEqual([1, 2, 3, 4, 1, 2, 3]);
    expect(out.cutflowSteps.at(-1)!.detail).toBe("positions: 2");
  });

  it("looks int64 ids up exactly past 2^53 (ids one apart are told apart)", () => {
    const f = sampleFrame();
    const out = f.loc([BIG + 1n, BIG]);
    expect(toArray(out.column("objectId"))).toEqual([BIG + 1n, BIG]);
    expect(toArray(out.column("ra"))).toEqual([30, NaN]);
    expect(f.loc(BigInt64Array.of(BIG + 2n), { on: "objectId" }).length).toBe(1);
    expect(out.cutflowSteps.at(-1)!.detail).toBe("ids: 2 in objectId");
  });

  it("unknown ids are an error listing the missing ones", () => {
    expect(() => sampleFrame().loc([BIG, BIG + 10n, 7n])).toThrow(`loc: 2 of 3 ids not found in "objectId": ${BIG + 10n}, 7.`);
  });

  it("a mask of the wrong length is an error saying both lengths", () => {
    expect(() => sampleFrame().loc([true, false])).toThrow("loc: the mask has 2 entries but the frame has 3 objects.");
  });

  it("out-of-range or fractional positions are errors", () => {
    expect(() => sampleFrame().loc([3])).toThrow(/position 3 \(entry 0\) is out of range \[0, 3\)/);
    expect(() => sampleFrame().loc([0.5])).toThrow(ArgumentError);
  });

  it("ids need exactly one int64 column unless `on` names one", () => {
    const two = sampleFrame().withColumn("parentId", makeColumn(BigInt64Array.of(1n, 2n, 3n)));
    expect(() => two.loc([1n])).toThrow(/several int64 columns \(objectId, parentId\).*on/);
    expect(two.loc([2n], { on: "parentId" }).length).toBe(1);
    expect(() => new NestedFrame({ base: { x: makeColumn([1]) } }).loc([1n])).toThrow(/has none/);
    expect(() => two.loc([1n], { on: "parentID" })).toThrow(ColumnNotFoundError);
  });
});
