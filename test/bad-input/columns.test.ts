/**
 * Bad input: missing and misspelt columns. Every miss is a
 * ColumnNotFoundError (FileColumnNotFoundError when a file is read) naming the
 * column, where it was looked for, and the nearest names that exist. Related:
 * test/rubin/validate-columns.test.ts and validate-input.test.ts (a missing
 * flux, band or flag for each product), test/io/parquet.test.ts (a projection
 * of a missing column), test/cli/run.test.ts (a product the data does not hold).
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeColumn } from "../../src/frame/column.js";
import { ColumnNotFoundError, SchemaError } from "../../src/frame/errors.js";
import { NestedFrame } from "../../src/frame/nested-frame.js";
import { FileColumnNotFoundError } from "../../src/io/errors.js";
import { readHats } from "../../src/io/hats-read.js";
import { validateFluxErrors } from "../../src/rubin/validate.js";
import { STACK_LINE, caught, chunks, cli, sample, scratch, writeFlatFiles, writeHatsCatalog } from "./helpers.js";

const root = scratch("columns");
const sim = sample(12);

describe("a column the data does not have", () => {
  it("names a flux error column missing from every light curve, with the product and the nearest names", async () => {
    const nc = sim.objects.nest("objectForcedSource");
    const { psfFluxErr: _gone, ...fields } = nc.fields;
    const e = await caught(() => validateFluxErrors(sim.objects.withNested("objectForcedSource", { offsets: nc.offsets, fields })));
    expect(e).toBeInstanceOf(ColumnNotFoundError);
    expect((e as ColumnNotFoundError).column).toBe("psfFluxErr");
    expect(e.message).toMatch(/^Unknown column "psfFluxErr" in the ForcedSource light curves \(nest "objectForcedSource"\)\. Did you mean "psfFlux", "psfDiffFluxErr"/);
  });

  it("names a misspelt flag given on the command line, suggesting the file's own name", async () => {
    const dir = join(root, "flat");
    await writeFlatFiles(dir, sim.forcedSource);
    const run = await cli(["validate", dir, "--flags", "psfFlux_flag,pixelFlags_sat"]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(new RegExp(`^error: Unknown column "pixelFlags_sat" in ${dir} \\(ForcedSource psfFlux\\)\\. Did you mean "pixelFlags_saturated"`));
    expect(run.err).not.toMatch(STACK_LINE);
  });

  it("names an id column spelt differently (objectID), suggesting objectId", async () => {
    const dir = join(root, "objectID");
    const { objectId, ...rest } = sim.forcedSource.base;
    await writeFlatFiles(dir, new NestedFrame({ base: { objectID: objectId!, ...rest } }));
    const run = await cli(["validate", dir]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/^error: Unknown column "objectId" in .* \(ForcedSource psfFlux\)\. Did you mean "objectID"\?/);
  });

  it("names the nests there are when --nest is misspelt", async () => {
    const dir = join(root, "hats");
    await writeHatsCatalog(dir, chunks(sim.objects, 2));
    const run = await cli(["validate", dir, "--nest", "objectForcedSorce"]);
    expect(run.code).toBe(1);
    expect(run.err).toBe(`error: No ForcedSource light curves in ${dir}: expected a nest named "objectForcedSorce", found "objectForcedSource". Choose one with --nest (or { nest }), or pick the product it holds.`);
    const e = await caught(() => validateFluxErrors(sim.objects, { nest: "objectForcedSorce" }));
    expect(e).toBeInstanceOf(ColumnNotFoundError);
    expect((e as ColumnNotFoundError).suggestions).toEqual(["objectForcedSource"]);
  });

  it("names the partition file when a projected read asks for a misspelt field", async () => {
    const dir = join(root, "hats2");
    const leaves = await writeHatsCatalog(dir, chunks(sim.objects, 2));
    const e = await caught(() => readHats(dir, { columns: ["objectId", "objectForcedSource.psfflux"] }));
    expect(e).toBeInstanceOf(FileColumnNotFoundError);
    expect((e as FileColumnNotFoundError).file).toBe(leaves[0]);
    expect((e as FileColumnNotFoundError).suggestions[0]).toBe("objectForcedSource.psfFlux");
  });

  it("refuses a frame whose light curves are not nested, saying how to nest them", async () => {
    const e = await caught(() => validateFluxErrors(sim.forcedSource));
    expect(e).toBeInstanceOf(SchemaError);
    expect(e.message).toMatch(/it has no nested column \(is it a flat table\? read it with readFlat\)/);
  });

  it("names misspelt columns in the frame's verbs with the nearest names", async () => {
    const f = sim.objects;
    const checks: Array<[() => unknown, string, string]> = [
      [() => f.column("coord_Ra"), "coord_Ra", "coord_ra"],
      [() => f.select(["objectId", "objectForcedSource.bnd"]), "objectForcedSource.bnd", "objectForcedSource.band"],
      [() => f.split("objectForcedSource", { by: "bands" }), "objectForcedSource.bands", "objectForcedSource.band"],
      [() => f.reduce("objectForcedSource", { m: "wmean(psfflux, psfFluxErr)" }), "objectForcedSource.psfflux", "objectForcedSource.psfFlux"],
      [() => f.reduce("objectForcedSorce", { n: "count()" }), "objectForcedSorce", "objectForcedSource"],
      [() => NestedFrame.fromFlat({ objectId: BigInt64Array.of(1n), x: makeColumn([1]) }, { on: "objectID" }), "objectID", "objectId"],
    ];
    for (const [run, column, nearest] of checks) {
      const e = await caught(run);
      expect(e, column).toBeInstanceOf(ColumnNotFoundError);
      expect((e as ColumnNotFoundError).column).toBe(column);
      expect((e as ColumnNotFoundError).suggestions[0]).toBe(nearest);
    }
  });
});
