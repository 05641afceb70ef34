import { describe, expect, it } from "vitest";
import { toArray } from "../../../src/frame/column.js";
import { ColumnNotFoundError } from "../../../src/frame/errors.js";
import { reducers } from "../../../src/frame/reducers.js";
import { sampleFrame } from "./fixtures.js";

describe("reduce", () => {
  it("adds one base column per spec key, from strings or reducer objects", () => {
    const r = sampleFrame().reduce("lc", { n: "count()", mu: "wmean(psfFlux, psfFluxErr)", top: reducers.max("psfFlux") });
    expect(toArray(r.column("n"))).toEqual([3, 0, 4]);
    expect(toArray(r.column("mu"))).toEqual([2, NaN, 5.5]);
    expect(toArray(r.column("top"))).toEqual([3, NaN, 7]);
    expect(r.baseNames).toEqual(["objectId", "ra", "n", "mu", "top"]);
  });

  it("works on a head() slice whose offsets do not start at 0", () => {
    const f = sampleFrame();
    const tail = f.loc([1, 2]).head(2);
    const sliced = f.head(3).reduce("lc", { s: "sum(psfFlux)" });
    expect(toArray(sliced.column("s"))).toEqual([4, NaN, 22]);
    expect(toArray(tail.reduce("lc", { s: "sum(psfFlux)" }).column("s"))).toEqual([NaN, 22]);
  });

  it("checks every spec before computing any, naming the unknown field", () => {
    expect(() => sampleFrame().reduce("lc", { n: "count()", bad: "mean(psfFlx)" })).toThrow(ColumnNotFoundError);
    expect(() => sampleFrame().reduce("lc", { bad: "mean(psfFlx)" })).toThrow(/"lc.psfFlx".*"lc.psfFlux"/);
  });

  it("an unknown nest is a ColumnNotFoundError", () => {
    expect(() => sampleFrame().reduce("lcc", { n: "count()" })).toThrow(/Unknown column "lcc".*Did you mean "lc"/);
  });
});
