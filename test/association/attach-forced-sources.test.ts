import { describe, expect, it } from "vitest";
import { attachForcedSources } from "../../src/association/attach-forced-sources.js";
import { makeColumn } from "../../src/frame/column.js";
import { ArgumentError, SchemaError } from "../../src/frame/errors.js";
import { NestedFrame } from "../../src/frame/nested-frame.js";

const AS = 1 / 3600;

/** Two DiaObjects: 1 first detected at 60603 (and again at 60605), 2 at 60601. */
function objects(): NestedFrame {
  return new NestedFrame({
    base: { diaObjectId: makeColumn(BigInt64Array.of(1n, 2n)), ra: makeColumn([10, 20]), dec: makeColumn([-5, -5]) },
    nested: {
      diaSource: {
        offsets: Int32Array.of(0, 2, 3),
        fields: { midpointMjdTai: makeColumn([60605, 60603, 60601]), visit: makeColumn(BigInt64Array.of(5n, 3n, 1n)) },
      },
    },
  });
}

/** Forced rows at four epochs for each object, plus one row of an unknown object. */
const forced = {
  diaObjectId: BigInt64Array.of(1n, 2n, 1n, 2n, 1n, 2n, 1n, 2n, 9n),
  midpointMjdTai: Float64Array.of(60601, 60601, 60602, 60602, 60603, 60603, 60604, 60604, 60604),
  visit: BigInt64Array.of(1n, 1n, 2n, 2n, 3n, 3n, 4n, 4n, 4n),
  psfFlux: Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9),
};

describe("attachForcedSources", () => {
  it("keeps every visit in level-2 style and reports the row without a DiaObject", () => {
    const f = attachForcedSources(objects(), forced);
    expect(Array.from(f.nest("diaObjectForcedSource").offsets)).toEqual([0, 4, 8]);
    expect(f.toArray("diaObjectForcedSource.psfFlux")).toEqual([1, 3, 5, 7, 2, 4, 6, 8]);
    expect(f.cutflow().steps[0]!.detail).toMatch(/1 of 9 rows had no parent diaObjectId/);
  });

  it("keeps only visits from the first detection on in level-1 style, by time or by visit", () => {
    for (const time of ["midpointMjdTai", "visit"]) {
      const f = attachForcedSources(objects(), forced, { style: "level1", time });
      // object 1 first detected at 60603 (visit 3): 60603, 60604; object 2 at 60601: all four
      expect(f.toArray("diaObjectForcedSource.psfFlux")).toEqual([5, 7, 2, 4, 6, 8]);
      const step = f.cutflow().steps.at(-1)!;
      expect([step.step, step.observationsIn - step.observationsOut]).toEqual(["level1", 2]);
    }
  });

  it("matches rows that carry only a position to the nearest DiaObject within the radius", () => {
    const byPosition = { ra: Float64Array.of(10, 10 + 0.5 * AS, 20, 15), dec: Float64Array.of(-5, -5, -5 + 0.2 * AS, -5), psfFlux: Float32Array.of(1, 2, 3, 4) };
    const f = attachForcedSources(objects(), byPosition, { match: { radius: 1 } });
    expect(Array.from(f.nest("diaObjectForcedSource").offsets)).toEqual([0, 2, 3]);
    expect(f.toArray("diaObjectForcedSource.psfFlux")).toEqual([1, 2, 3]);
    expect(f.cutflow().steps.at(-1)!.detail).toMatch(/1 forced rows had no DiaObject within 1"/);
  });

  it("refuses an unknown style and time columns that cannot be compared", () => {
    expect(() => attachForcedSources(objects(), forced, { style: "level3" as "level1" })).toThrow(ArgumentError);
    const mixed = { ...forced, midpointMjdTai: forced.visit };
    expect(() => attachForcedSources(objects(), mixed, { style: "level1" })).toThrow(SchemaError);
    expect(() => attachForcedSources(objects(), forced, { style: "level1", time: "mjd" })).toThrow(/mjd/);
  });
});
