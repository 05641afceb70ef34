import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeColumn } from "../../src/frame/column.js";
import { dropRepeats } from "../../src/rubin/validate-repeats.js";

const visits = (...v: bigint[]) => makeColumn(BigInt64Array.from(v));

describe("dropRepeats", () => {
  it("keeps the first row of each (object, visit) and clears the repeats", () => {
    const keep = Uint8Array.of(1, 1, 1, 1, 1);
    // object 0: visits 7, 7, 8, 7; object 1: visit 7 (another object, so not a repeat)
    expect(dropRepeats(keep, Int32Array.of(0, 4, 5), Int32Array.of(0, 0, 0, 0, 0), visits(7n, 7n, 8n, 7n, 7n), true)).toBe(2);
    expect(Array.from(keep)).toEqual([1, 0, 1, 0, 1]);
  });

  it("keeps the first usable row: a repeat of a row already cut stays", () => {
    const keep = Uint8Array.of(0, 1, 1);
    expect(dropRepeats(keep, Int32Array.of(0, 3), Int32Array.of(0, 0, 0), visits(7n, 7n, 7n), true)).toBe(1);
    expect(Array.from(keep)).toEqual([0, 1, 0]);
  });

  it("tells visit ids past 2^53 apart by one", () => {
    const big = 2n ** 60n;
    const keep = Uint8Array.of(1, 1, 1);
    expect(dropRepeats(keep, Int32Array.of(0, 3), Int32Array.of(0, 0, 0), visits(big, big + 1n, big), true)).toBe(1);
    expect(Array.from(keep)).toEqual([1, 1, 0]);
  });

  it("with a time key, counts a repeat only within one band; null bands, NaN and null times are never repeats", () => {
    const keep = Uint8Array.of(1, 1, 1, 1, 1, 1, 1);
    const time = makeColumn([60000.5, 60000.5, 60000.5, NaN, NaN, null, null], "float64");
    const band = Int32Array.of(0, 1, 0, 0, 0, -1, -1);
    expect(dropRepeats(keep, Int32Array.of(0, 7), band, time, false)).toBe(1);
    expect(Array.from(keep)).toEqual([1, 1, 0, 1, 1, 1, 1]);
  });

  it("reads rows from the offsets' first row on (a frame that is a slice)", () => {
    const keep = Uint8Array.of(1, 1);
    // offsets start at row 2: rows 2 and 3 of the column (visits 5, 5)
    expect(dropRepeats(keep, Int32Array.of(2, 4), Int32Array.of(0, 0), visits(9n, 9n, 5n, 5n), true)).toBe(1);
    expect(Array.from(keep)).toEqual([1, 0]);
  });

  it("agrees with a set of (object, key, band) seen so far, for any rows (property)", () => {
    const row = fc.record({ key: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }), band: fc.integer({ min: -1, max: 2 }), keep: fc.boolean() });
    fc.assert(
      fc.property(fc.array(fc.array(row, { maxLength: 8 }), { maxLength: 6 }), fc.boolean(), (objs, isVisit) => {
        const rows = objs.flat();
        const offsets = Int32Array.from([0, ...objs.map((o) => o.length)].map((_, k, a) => a.slice(0, k + 1).reduce((x, y) => x + y, 0)));
        const keep = Uint8Array.from(rows, (r) => (r.keep ? 1 : 0));
        const key = makeColumn(rows.map((r) => (r.key === null ? null : r.key + 0.25)), "float64");
        const dropped = dropRepeats(keep, offsets, Int32Array.from(rows, (r) => r.band), key, isVisit);
        const want: number[] = [];
        objs.forEach((o, i) => {
          const seen = new Set<string>();
          for (const r of o) {
            if (!r.keep) want.push(0);
            else if (r.key === null || r.band < 0) want.push(1);
            else {
              const k = `${i}|${r.key}|${isVisit ? "" : r.band}`;
              want.push(seen.has(k) ? 0 : 1);
              seen.add(k);
            }
          }
        });
        expect(Array.from(keep)).toEqual(want);
        expect(dropped).toBe(rows.filter((r) => r.keep).length - want.reduce((a, b) => a + b, 0));
      }),
      { numRuns: 300 },
    );
  });
});
