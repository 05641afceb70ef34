/**
 * Bad input: partitions or files that should share a schema and do not (a
 * column missing in one, float32 in one and float64 in another). The readers
 * refuse to concatenate them, naming both files, the column and both types;
 * the validation command, which reads a projection, names the file that lacks
 * a column it needs. Related: test/io/hats.test.ts, test/io/flat.test.ts and
 * test/io/concat-frames.test.ts (the same checks on hand-made pairs).
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeColumn, rawValues, toArray } from "../../src/frame/column.js";
import { NestedFrame } from "../../src/frame/nested-frame.js";
import { FileColumnNotFoundError, SchemaMismatchError } from "../../src/io/errors.js";
import { readFlat } from "../../src/io/flat.js";
import { readHats } from "../../src/io/hats-read.js";
import { writeParquet } from "../../src/io/parquet-write.js";
import { STACK_LINE, caught, chunks, cli, sample, scratch, writeFlatFiles, writeHatsCatalog } from "./helpers.js";

const root = scratch("schemas");
const sim = sample(24);
const NEST = "objectForcedSource";

/** `frame` with the nest's field `name` replaced (or removed when `column` is undefined). */
function withField(frame: NestedFrame, name: string, column: ReturnType<typeof makeColumn> | undefined): NestedFrame {
  const nc = frame.nest(NEST);
  const fields = { ...nc.fields };
  if (column) fields[name] = column;
  else delete fields[name];
  return frame.withNested(NEST, { offsets: nc.offsets, fields });
}

describe("HATS partitions whose schemas differ", () => {
  it("names both partition files, the column and both types for float32 against float64", async () => {
    const dir = join(root, "f64");
    const parts = chunks(sim.objects, 3);
    // the whole field array (a chunk's offsets start mid-way into it)
    parts[2] = withField(parts[2]!, "psfFlux", makeColumn(Float64Array.from(rawValues(parts[2]!.nest(NEST).fields["psfFlux"]!) as Float32Array)));
    const leaves = await writeHatsCatalog(dir, parts);
    const e = await caught(() => readHats(dir));
    expect(e).toBeInstanceOf(SchemaMismatchError);
    expect(e.message).toBe(`Column "${NEST}.psfFlux" has type float32 in ${leaves[0]} but float64 in ${leaves[2]}.`);
    expect(e).toMatchObject({ fileA: leaves[0], fileB: leaves[2], column: `${NEST}.psfFlux`, typeA: "float32", typeB: "float64" });
    const run = await cli(["validate", dir]);
    expect(run.code).toBe(1);
    expect(run.err).toBe(`error: ${e.message}`);
  });

  it("names the partition that lacks a column: both files when reading all, the one file when validating", async () => {
    const dir = join(root, "dropped");
    const parts = chunks(sim.objects, 3);
    parts[1] = withField(parts[1]!, "psfFluxErr", undefined);
    const leaves = await writeHatsCatalog(dir, parts);
    const e = await caught(() => readHats(dir));
    expect(e).toBeInstanceOf(SchemaMismatchError);
    expect(e.message).toBe(`Column "${NEST}.psfFluxErr" is in ${leaves[0]} but not in ${leaves[1]}.`);
    // validate reads a projection; the partition without psfFluxErr is named with its own columns
    const run = await cli(["validate", dir]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(new RegExp(`^error: Unknown column "${NEST}.psfFluxErr" in file ${leaves[1]!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\. Did you mean "${NEST}.psfFlux"`));
    expect(run.err).not.toMatch(STACK_LINE);
    const projected = await caught(() => readHats(dir, { columns: ["objectId", `${NEST}.psfFluxErr`] }));
    expect(projected).toBeInstanceOf(FileColumnNotFoundError);
    expect((projected as FileColumnNotFoundError).file).toBe(leaves[1]);
  });
});

describe("flat per-visit files whose schemas differ", () => {
  const flat = sample(12).forcedSource;
  const replaced = (f: NestedFrame, name: string, c: ReturnType<typeof makeColumn> | undefined) => {
    const base = { ...f.base };
    if (c) base[name] = c;
    else delete base[name];
    return new NestedFrame({ base, length: f.length });
  };

  it("names both files, the column and both types for float32 against float64", async () => {
    const dir = join(root, "flat-f64");
    const [a, b] = await writeFlatFiles(dir, flat);
    const second = flat.takeObjects(Int32Array.from({ length: flat.length - Math.floor(flat.length / 2) }, (_, i) => Math.floor(flat.length / 2) + i));
    await writeParquet(replaced(second, "psfFluxErr", makeColumn(Float64Array.from(second.numbers("psfFluxErr")))), b!);
    const e = await caught(() => readFlat(dir, { on: "objectId" }));
    expect(e).toBeInstanceOf(SchemaMismatchError);
    expect(e.message).toBe(`Column "psfFluxErr" has type Float32 in ${a} but Float64 in ${b}.`);
    const run = await cli(["validate", dir]);
    expect(run.code).toBe(1);
    expect(run.err).toBe(`error: ${e.message}`);
  });

  it("names the file without a column the first file has", async () => {
    const dir = join(root, "flat-dropped");
    const [a, b] = await writeFlatFiles(dir, flat);
    const second = flat.takeObjects(Int32Array.from({ length: flat.length - Math.floor(flat.length / 2) }, (_, i) => Math.floor(flat.length / 2) + i));
    await writeParquet(replaced(second, "detector", undefined), b!);
    const e = await caught(() => readFlat(dir, { on: "objectId" }));
    expect(e).toBeInstanceOf(SchemaMismatchError);
    expect(e.message).toBe(`Column "detector" is in ${a} but not in ${b}.`);
  });

  it("reads files whose columns come in another order as the same rows (a documented, harmless difference)", async () => {
    const dir = join(root, "flat-order");
    const [, b] = await writeFlatFiles(dir, flat);
    const second = flat.takeObjects(Int32Array.from({ length: flat.length - Math.floor(flat.length / 2) }, (_, i) => Math.floor(flat.length / 2) + i));
    const reversed = Object.fromEntries(Object.entries(second.base).reverse());
    await writeParquet(new NestedFrame({ base: reversed, length: second.length }), b!);
    const f = await readFlat(dir, { on: "objectId", name: "lc" });
    const want = NestedFrame.fromFlat(flat, { on: "objectId", name: "lc" });
    expect(toArray(f.column("lc.psfFlux"))).toEqual(toArray(want.column("lc.psfFlux")));
    expect(toArray(f.column("objectId"))).toEqual(toArray(want.column("objectId")));
  });
});
