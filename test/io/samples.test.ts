import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { toArray } from "../../src/frame/column.js";
import { readFlat } from "../../src/io/flat.js";
import { openHats } from "../../src/io/hats-open.js";
import { readHats } from "../../src/io/hats-read.js";

const samples = join(import.meta.dirname, "..", "..", "data-samples");

describe("the embedded samples", () => {
  it("open as a DP1-style collection: Int64 objectId, struct<list> nest with Float32 fluxes", async () => {
    const cat = await openHats(join(samples, "dp1_object_collection"));
    const type = (n: string) => cat.columns.find((c) => c.name === n)?.type;
    expect(type("objectId")).toBe("Int64");
    expect(type("objectForcedSource.psfFlux")).toBe("Float32");
    expect(cat.partitions.length).toBeGreaterThan(1);
  });

  it("HATS light curves and the flat per-visit files hold the same observations per object", async () => {
    const cols = ["objectId", "objectForcedSource.psfFlux"];
    const hats = (await readHats(join(samples, "dp1_object_collection"), { columns: cols })).dropEmpty("objectForcedSource");
    const flat = await readFlat(join(samples, "forced_source_visits"), { on: "objectId", name: "lc", columns: ["psfFlux"] });
    expect(hats.observationCount).toBe(flat.observationCount);
    const count = new Map<bigint, number>();
    const ho = hats.nest("objectForcedSource").offsets;
    toArray(hats.column("objectId")).forEach((id, i) => count.set(id as bigint, ho[i + 1]! - ho[i]!));
    const fo = flat.nest("lc").offsets;
    toArray(flat.column("objectId")).forEach((id, i) => expect(count.get(id as bigint)).toBe(fo[i + 1]! - fo[i]!));
    expect(count.size).toBe(flat.length);
  });
});
