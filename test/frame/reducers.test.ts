import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeColumn, toArray } from "../../src/frame/column.js";
import { ArgumentError, ColumnNotFoundError, SchemaError } from "../../src/frame/errors.js";
import { NestedFrame } from "../../src/frame/nested-frame.js";
import { type ReducerInput, parseReducer, reducerInputs, reducerNames, reducers } from "../../src/frame/reducers.js";
import { selectKth } from "../../src/frame/reducers/select-kth.js";

/** Brute force: the same definitions written as plain loops over arrays of numbers. */
function bruteForce(name: string, f: number[], e: number[]): number {
  const ok = f.map((x) => !Number.isNaN(x));
  const okW = f.map((x, i) => Number.isFinite(x) && e[i]! > 0 && Number.isFinite(e[i]!));
  const xs = f.filter((_, i) => ok[i]);
  const fw = f.filter((_, i) => okW[i]);
  const ew = e.filter((_, i) => okW[i]);
  const sum = (a: number[]) => a.reduce((s, x) => s + x, 0);
  const wm = () => sum(fw.map((x, i) => x / ew[i]! ** 2)) / sum(ew.map((x) => 1 / x ** 2));
  switch (name) {
    case "count":
      return f.length;
    case "countValid":
      return xs.length;
    case "sum":
      return xs.length ? sum(xs) : NaN;
    case "mean":
      return xs.length ? sum(xs) / xs.length : NaN;
    case "std": {
      if (xs.length < 2) return NaN;
      const mu = sum(xs) / xs.length;
      return Math.sqrt(sum(xs.map((x) => (x - mu) ** 2)) / (xs.length - 1));
    }
    case "min":
      return xs.length ? Math.min(...xs) : NaN;
    case "max":
      return xs.length ? Math.max(...xs) : NaN;
    case "median": {
      if (!xs.length) return NaN;
      const s = [...xs].sort((a, b) => a - b);
      const h = s.length >> 1;
      return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
    }
    case "wmean":
      return fw.length ? wm() : NaN;
    case "wmeanErr":
      return fw.length ? 1 / Math.sqrt(sum(ew.map((x) => 1 / x ** 2))) : NaN;
    case "chi2":
      return fw.length ? sum(fw.map((x, i) => ((x - wm()) / ew[i]!) ** 2)) : NaN;
    case "maxAbsPull":
      return fw.length ? Math.max(...fw.map((x, i) => Math.abs(x - wm()) / ew[i]!)) : NaN;
    default:
      throw new Error(name);
  }
}

const flux = fc.oneof({ weight: 8, arbitrary: fc.double({ min: -1e4, max: 1e4, noNaN: true }) }, { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity) });
const err = fc.oneof({ weight: 8, arbitrary: fc.double({ min: 0.01, max: 100, noNaN: true }) }, { weight: 1, arbitrary: fc.constantFrom(NaN, 0, -1, Infinity) });
const lightCurves = fc.array(fc.array(fc.tuple(flux, err), { maxLength: 12 }), { maxLength: 8 });

function close(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (a === b) return true; // equal infinities
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

describe("reducers", () => {
  it("every reducer agrees with a brute-force loop on random light curves, including empty ones, NaNs and sliced offsets", () => {
    fc.assert(
      fc.property(lightCurves, fc.nat({ max: 3 }), fc.boolean(), (lcs, pad, f32) => {
        // `pad` junk rows in front give offsets[0] > 0, as a zero-copy slice has.
        const fs = [...Array<number>(pad).fill(999), ...lcs.flatMap((lc) => lc.map(([x]) => x))];
        const es = [...Array<number>(pad).fill(999), ...lcs.flatMap((lc) => lc.map(([, y]) => y))];
        const offsets = new Int32Array(lcs.length + 1);
        offsets[0] = pad;
        lcs.forEach((lc, i) => (offsets[i + 1] = offsets[i]! + lc.length));
        const F = f32 ? new Float32Array(fs) : new Float64Array(fs);
        const E = f32 ? new Float32Array(es) : new Float64Array(es);
        const inputs: ReducerInput[] = [{ values: F }, { values: E }];
        for (const name of reducerNames) {
          const weightedName = ["wmean", "wmeanErr", "chi2", "maxAbsPull"].includes(name);
          const r = weightedName ? reducers[name as "wmean"]("f", "e") : name === "count" ? reducers.count() : reducers[name as "sum"]("f");
          const out = r.kernel(offsets, inputs);
          lcs.forEach((lc, i) => {
            // Compare with what the kernel actually read (float32 rounding included).
            const fi = Array.from(F.subarray(offsets[i]!, offsets[i + 1]!));
            const ei = Array.from(E.subarray(offsets[i]!, offsets[i + 1]!));
            expect(close(out[i]!, bruteForce(name, fi, ei)), `${name} object ${i} ${JSON.stringify(lc)}`).toBe(true);
          });
        }
        const cv = reducers.count("f").kernel(offsets, inputs);
        lcs.forEach((_, i) => expect(cv[i]).toBe(bruteForce("countValid", Array.from(F.subarray(offsets[i]!, offsets[i + 1]!)), [])));
      }),
      { numRuns: 300 },
    );
  });

  it("wmean of [1, 3] with errors [1, 1] is 2, its error 1/sqrt(2), chi2 2 and max |pull| 1", () => {
    const frame = new NestedFrame({
      nested: { lc: { offsets: Int32Array.of(0, 2), fields: { f: makeColumn(Float64Array.of(1, 3)), e: makeColumn(Float64Array.of(1, 1)) } } },
    }).reduce("lc", { mu: "wmean(f, e)", muErr: "wmeanErr(f, e)", chi2: "chi2(f, e)", pull: "maxAbsPull(f, e)" });
    expect(toArray(frame.column("mu"))[0]).toBe(2);
    expect(toArray(frame.column("muErr"))[0]).toBeCloseTo(1 / Math.SQRT2, 15);
    expect(toArray(frame.column("chi2"))[0]).toBe(2);
    expect(toArray(frame.column("pull"))[0]).toBe(1);
  });

  it("weights by inverse variance: wmean of [0, 10] with errors [1, 2] is 2", () => {
    const offsets = Int32Array.of(0, 2);
    const inputs = [{ values: Float64Array.of(0, 10) }, { values: Float64Array.of(1, 2) }];
    // weights 1 and 1/4: (0 + 10/4) / (5/4) = 2
    expect(reducers.wmean("f", "e").kernel(offsets, inputs)[0]).toBe(2);
    expect(reducers.wmeanErr("f", "e").kernel(offsets, inputs)[0]).toBeCloseTo(Math.sqrt(4 / 5), 15);
  });

  it("std, median, min and max match hand computations", () => {
    const offsets = Int32Array.of(0, 4, 7);
    const inputs = [{ values: Float32Array.of(1, 2, 3, 4, 10, NaN, -2) }];
    expect(Array.from(reducers.median("x").kernel(offsets, inputs))).toEqual([2.5, 4]);
    expect(Array.from(reducers.min("x").kernel(offsets, inputs))).toEqual([1, -2]);
    expect(Array.from(reducers.max("x").kernel(offsets, inputs))).toEqual([4, 10]);
    expect(reducers.std("x").kernel(offsets, inputs)[0]).toBeCloseTo(Math.sqrt(5 / 3), 14);
    expect(reducers.std("x").kernel(offsets, inputs)[1]).toBeCloseTo(Math.sqrt(72), 13);
  });

  it("nulls are skipped like NaN; an object with no usable values gives NaN and count() still counts rows", () => {
    const frame = new NestedFrame({
      nested: { lc: { offsets: Int32Array.of(0, 2, 3, 3), fields: { f: makeColumn([5, null, null]) } } },
    }).reduce("lc", { n: "count()", nValid: "count(f)", sum: "sum(f)", mean: "mean(lc.f)" });
    expect(toArray(frame.column("n"))).toEqual([2, 1, 0]);
    expect(frame.column("n").type).toBe("int32");
    expect(toArray(frame.column("nValid"))).toEqual([1, 0, 0]);
    expect(toArray(frame.column("sum"))).toEqual([5, NaN, NaN]);
    expect(toArray(frame.column("mean"))).toEqual([5, NaN, NaN]);
  });

  it("reads the observations between offsets[i] and offsets[i+1] when offsets do not start at 0", () => {
    const inputs = [{ values: Float64Array.of(100, 100, 1, 2, 3, 4, 5) }];
    expect(Array.from(reducers.sum("x").kernel(Int32Array.of(2, 4, 7), inputs))).toEqual([3, 12]);
  });

  it("selectKth finds every order statistic of arrays with ties", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 30 }), (xs) => {
        const sorted = [...xs].sort((a, b) => a - b);
        for (let k = 0; k < xs.length; k++) expect(selectKth(Float64Array.from(xs), xs.length, k)).toBe(sorted[k]);
      }),
    );
  });
});

describe("reducer strings", () => {
  it('parses "wmean(psfFlux, psfFluxErr)", "count()" and "median(psfFlux)"', () => {
    expect(parseReducer("wmean(psfFlux, psfFluxErr)").fields).toEqual(["psfFlux", "psfFluxErr"]);
    expect(parseReducer(" count ( ) ").fields).toEqual([]);
    expect(parseReducer("median(psfFlux)").name).toBe("median");
  });

  it("an unknown reducer name suggests the nearest one", () => {
    expect(() => parseReducer("wmaen(f, e)")).toThrow(ArgumentError);
    expect(() => parseReducer("wmaen(f, e)")).toThrow(/Unknown reducer "wmaen". Did you mean "wmean"\?/);
  });

  it("a wrong number of fields says how the reducer is called", () => {
    expect(() => parseReducer("wmean(psfFlux)")).toThrow(/wmean\(flux, fluxErr\), got 1 field/);
  });

  it("text that is not a call is rejected with an example", () => {
    expect(() => parseReducer("count")).toThrow(/Cannot parse reducer "count": write name\(field, \.\.\.\)/);
    expect(() => parseReducer("sum(a + b)")).toThrow(/"a \+ b" is not a field name/);
  });

  it("an unknown field is a ColumnNotFoundError naming nest.field and the nearest field", () => {
    const lc = { offsets: Int32Array.of(0, 1), fields: { psfFlux: makeColumn(Float32Array.of(1)), band: makeColumn(["g"]) } };
    const run = () => reducerInputs(parseReducer("mean(psfFlx)"), "lc", lc);
    expect(run).toThrow(ColumnNotFoundError);
    expect(run).toThrow(/Unknown column "lc.psfFlx".*Did you mean "lc.psfFlux"/);
    expect(() => reducerInputs(parseReducer("mean(band)"), "lc", lc)).toThrow(SchemaError);
  });
});
