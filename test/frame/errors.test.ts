import { describe, expect, it } from "vitest";
import { ArgumentError, ColumnNotFoundError, InsufficientDataError, NestedLcError, nearestNames } from "../../src/frame/errors.js";

describe("errors", () => {
  it("suggests near names for typos, case slips and missing prefixes", () => {
    expect(nearestNames("psfflux", ["psfFlux", "psfFluxErr", "band"])[0]).toBe("psfFlux");
    expect(nearestNames("psfFlux", ["lc.psfFlux", "lc.band"])).toEqual(["lc.psfFlux"]);
    expect(nearestNames("zzz", ["psfFlux"])).toEqual([]);
  });

  it("makes ColumnNotFoundError a NestedLcError that lists what exists", () => {
    const e = new ColumnNotFoundError("bnd", ["band", "psfFlux"], "partition Npix=3");
    expect(e).toBeInstanceOf(NestedLcError);
    expect(e.message).toBe('Unknown column "bnd" in partition Npix=3. Did you mean "band"? Available: band, psfFlux.');
  });

  it("makes InsufficientDataError an ArgumentError, so callers can catch just the too-little-data case", () => {
    const e = new InsufficientDataError("fit needs 2 light curves, got 1.");
    expect(e).toBeInstanceOf(ArgumentError);
    expect(e.name).toBe("InsufficientDataError");
    expect(new ArgumentError("bad option")).not.toBeInstanceOf(InsufficientDataError);
  });
});
