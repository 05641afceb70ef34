import { describe, expect, it } from "vitest";
import { decodeValue, encodeValue } from "../../src/catalog/transport.js";
import { makeColumn } from "../../src/frame/column.js";
import { NestedFrame } from "../../src/frame/nested-frame.js";
import { bins } from "../../src/stats/bin-spec.js";
import { Histogram } from "../../src/stats/histogram.js";
import { Moments } from "../../src/stats/moments.js";

describe("encodeValue / decodeValue", () => {
  it("carry frames as their columns and library objects as their JSON, through a real structured clone", () => {
    const frame = new NestedFrame({
      base: { objectId: makeColumn(BigInt64Array.of(1n << 60n, 5n)) },
      nested: { lc: { offsets: Int32Array.of(0, 2, 3), fields: { psfFlux: makeColumn(Float32Array.of(1.5, 2, 3)), band: makeColumn(["g", "r", "g"]) } } },
    });
    const h = new Histogram(bins(-1, 1, 0.5));
    h.addAll(Float64Array.of(-0.75, 0.2, 0.3, 7));
    const m = new Moments();
    m.addAll(Float64Array.of(1, 2, 4));
    const { value, transfer } = encodeValue({ frame, stats: [h, m], n: 3, label: "x" });
    expect(transfer.length).toBeGreaterThan(0);
    const cloned = structuredClone(value, { transfer });
    const back = decodeValue(cloned, { Histogram, Moments }) as { frame: NestedFrame; stats: [Histogram, Moments]; n: number; label: string };
    expect(back.frame).toBeInstanceOf(NestedFrame);
    expect(back.frame.bigints("objectId")).toEqual(BigInt64Array.of(1n << 60n, 5n));
    expect(back.frame.toArray("lc.band")).toEqual(["g", "r", "g"]);
    expect(back.stats[0]).toBeInstanceOf(Histogram);
    expect(Array.from(back.stats[0].counts)).toEqual([1, 0, 2, 0]);
    expect(back.stats[0].toJSON()).toEqual(h.toJSON());
    expect(back.stats[1].toJSON()).toEqual(m.toJSON());
    expect(back.n).toBe(3);
    expect(back.label).toBe("x");
  });

  it("leaves what structured clone carries as it is (a Date stays a Date, a Map a Map)", () => {
    const when = new Date(Date.UTC(2024, 10, 8));
    const back = decodeValue(structuredClone(encodeValue({ when, m: new Map([["g", 1]]) }).value), {}) as { when: Date; m: Map<string, number> };
    expect(back.when).toBeInstanceOf(Date);
    expect(back.when.getTime()).toBe(when.getTime());
    expect(back.m.get("g")).toBe(1);
  });

  it("leaves an object of an unknown class as its JSON", () => {
    class Point {
      constructor(readonly x: number) {}
      toJSON() {
        return { x: this.x };
      }
    }
    expect(decodeValue(structuredClone(encodeValue(new Point(2)).value), {})).toEqual({ x: 2 });
  });
});
