import { describe, expect, it } from "vitest";
import { PartitionFunctionError } from "../../src/catalog/errors.js";
import { explainReferenceError, loadPartitionFunction, partitionFunctionSpec } from "../../src/catalog/partition-function.js";

describe("partitionFunctionSpec / loadPartitionFunction", () => {
  it("rebuilds a self-contained function from its source", async () => {
    const spec = partitionFunctionSpec((n: number, ctx: { args: number }) => n * ctx.args);
    expect(spec.kind).toBe("source");
    const fn = await loadPartitionFunction(spec);
    expect(fn(6, { args: 7 })).toBe(42);
  });

  it("refuses what has no rebuildable source: native, bound, method shorthand", () => {
    expect(() => partitionFunctionSpec(Math.max)).toThrow(/native or bound/);
    expect(() => partitionFunctionSpec(((x: number) => x).bind(null))).toThrow(PartitionFunctionError);
    const o = {
      perPartition(x: number) {
        return x;
      },
    };
    expect(() => partitionFunctionSpec(o.perPartition)).toThrow(/method shorthand/);
  });

  it("takes a module and export name, as a file URL or an absolute path, not a relative one", async () => {
    const url = new URL("./fixtures/partition-fns.ts", import.meta.url);
    expect(partitionFunctionSpec({ module: url, export: "logFluxHistogram" })).toEqual({ kind: "module", module: url.href, export: "logFluxHistogram" });
    expect(() => partitionFunctionSpec({ module: "./x.js", export: "f" })).toThrow(/file URL or an absolute path/);
    await expect(loadPartitionFunction({ kind: "module", module: url.href, export: "nope" })).rejects.toThrow(/has no exported function "nope" \(it exports logFluxHistogram\)/);
  });

  it("turns a ReferenceError into an explanation naming the outer variable", () => {
    const spec = partitionFunctionSpec((x: number) => x);
    const e = explainReferenceError(new ReferenceError("threshold is not defined"), spec, ["Histogram"]);
    expect(e).toBeInstanceOf(PartitionFunctionError);
    expect((e as Error).message).toMatch(/uses "threshold", a variable from outside the function.*Pass data with \{ args \}/);
    expect((explainReferenceError(new ReferenceError("Histogram is not defined"), spec, ["Histogram"]) as Error).message).toMatch(/write ctx\.lib\.Histogram/);
    const other = new TypeError("x");
    expect(explainReferenceError(other, spec, [])).toBe(other);
  });
});
