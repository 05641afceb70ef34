import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CellTable } from "../../src/association/cell-table.js";

describe("CellTable", () => {
  it("behaves as a map from (strip, column) to a head, through growth", () => {
    const cell = fc.tuple(fc.integer({ min: 0, max: 7_000_000 }), fc.integer({ min: 0, max: 13_000_000 }));
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, fc.integer({ min: -1, max: 1e6 })), { maxLength: 3000 }), fc.array(cell, { maxLength: 50 }), (sets, probes) => {
        const table = new CellTable();
        const model = new Map<string, number>();
        for (const [[s, c], head] of sets) {
          table.set(s, c, head);
          model.set(`${s},${c}`, head);
        }
        for (const [[s, c]] of sets) expect(table.get(s, c)).toBe(model.get(`${s},${c}`));
        for (const [s, c] of probes) expect(table.get(s, c)).toBe(model.get(`${s},${c}`) ?? -1);
      }),
      { numRuns: 50 },
    );
  });

  it("tells (s, c) from (c, s) and keeps an emptied cell empty", () => {
    const t = new CellTable();
    t.set(1, 2, 5);
    expect(t.get(2, 1)).toBe(-1);
    t.set(1, 2, -1);
    expect(t.get(1, 2)).toBe(-1);
    t.set(1, 2, 0);
    expect(t.get(1, 2)).toBe(0);
  });
});
