import { describe, expect, it } from "vitest";
import { diaObjectFrame } from "../../src/association/dia-object-frame.js";
import { sourceTable } from "../../src/association/source-table.js";

describe("diaObjectFrame", () => {
  const t = sourceTable(
    { diaSourceId: BigInt64Array.of(30n, 10n, 20n), visit: BigInt64Array.of(2n, 9n, 1n), ra: [5, 6, 5], dec: [0, 0, 0], band: ["g", "r", "g"] },
    "diaSourceId",
    "ra",
    "dec",
  );

  it("groups sources by assigned id into objects ordered by id, sources by visit", () => {
    const f = diaObjectFrame(t, BigInt64Array.of(20n, 10n, 20n), { ra: "ra", dec: "dec", sortBy: "visit", aggregates: false });
    expect(f.toArray("diaObjectId")).toEqual([10n, 20n]);
    expect(f.toArray("diaSource.diaSourceId")).toEqual([10n, 20n, 30n]);
    expect(f.baseNames).toEqual(["diaObjectId"]);
  });

  it("adds the aggregates unless told not to, under the names given", () => {
    const f = diaObjectFrame(t, BigInt64Array.of(20n, 10n, 20n), { ra: "ra", dec: "dec", objectId: "obj", nest: "src" });
    expect(f.nestedNames).toEqual(["src"]);
    expect(f.toArray("nDiaSources")).toEqual([1, 2]);
    expect(f.toArray("ra")[0]).toBe(6); // one source: its own position
    expect(f.toArray("ra")[1]).toBeCloseTo(5, 12); // the mean direction of two at ra 5
  });
});
