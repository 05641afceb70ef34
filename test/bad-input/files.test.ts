/**
 * Bad input: files that are not (whole) parquet, and paths that are not there.
 * Each case is a typed error naming the file (ParquetReadError or
 * FileFormatError) from the library, and exit 1 with a one-line message from
 * the command line. Related: test/io/parquet.test.ts and
 * test/io/parquet-wasm.test.ts (the same damage on the readers' other entry
 * points, and a corrupt column chunk behind an intact footer).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { FileFormatError, ParquetReadError } from "../../src/io/errors.js";
import { parquetSchema } from "../../src/io/parquet-schema.js";
import { readParquet } from "../../src/io/parquet-read.js";
import { writeParquet } from "../../src/io/parquet-write.js";
import { findDatasets } from "../../src/io/read-dataset.js";
import { Random } from "../../src/stats/random.js";
import { STACK_LINE, caught, cli, sample, scratch } from "./helpers.js";

const dir = scratch("files");
const good = join(dir, "good.parquet");
let bytes: Buffer;
let groups: readonly { rows: number; compressedBytes: number }[];

beforeAll(async () => {
  // 3 row groups of flat rows, so a cut can fall inside one of them
  const flat = sample(30).forcedSource;
  await writeParquet(flat, good, { rowGroupSize: Math.ceil(flat.length / 3) });
  bytes = readFileSync(good);
  groups = (await parquetSchema(good)).rowGroups;
});

/** `name` in the scratch folder holding `content`. */
function file(name: string, content: Uint8Array | string): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

/** The library's error for reading `path`, and what `nested-lc summary` makes of it. */
async function both(path: string): Promise<{ e: Error; code: number; err: string }> {
  const e = await caught(() => readParquet(path));
  const run = await cli(["summary", path, "--json", "-"]);
  expect(run.err).not.toMatch(STACK_LINE);
  expect(run.err.split("\n")).toHaveLength(1);
  return { e, code: run.code, err: run.err };
}

describe("files that are not parquet", () => {
  it("reads the intact file (the control)", async () => {
    expect(groups).toHaveLength(3);
    expect((await readParquet(good)).length).toBe(sample(30).forcedSource.length);
  });

  it("names random bytes as not parquet, showing the first bytes", async () => {
    const rng = new Random(5);
    const junk = Uint8Array.from({ length: 4096 }, () => Math.floor(rng.uniform() * 256));
    junk.set([0x4e, 0x4f, 0x50, 0x45]); // "NOPE", so the message is known
    const p = file("random.parquet", junk);
    const { e, code, err } = await both(p);
    expect(e).toBeInstanceOf(FileFormatError);
    expect((e as FileFormatError).file).toBe(p);
    expect(e.message).toBe(`${p}: not a parquet file (starts with bytes 4e4f5045, expected "PAR1").`);
    expect(code).toBe(1);
    expect(err).toBe(`error: ${e.message}`);
  });

  it("names a file whose leading magic is wrong (PAR2) as not parquet", async () => {
    const p = file("magic.parquet", Buffer.concat([Buffer.from("PAR2"), bytes.subarray(4)]));
    const { e, code } = await both(p);
    expect(e).toBeInstanceOf(FileFormatError);
    expect(e.message).toMatch(/not a parquet file \(starts with bytes 50415232, expected "PAR1"\)/);
    expect(code).toBe(1);
  });

  it("names a file whose trailing magic is wrong as truncated or corrupt", async () => {
    const b = Buffer.from(bytes);
    b.write("XXXX", b.length - 4, "latin1");
    const p = file("tail.parquet", b);
    const { e, code } = await both(p);
    expect(e).toBeInstanceOf(FileFormatError);
    expect(e.message).toBe(`${p}: truncated or corrupt parquet file (no "PAR1" footer magic at the end of its ${bytes.length} bytes).`);
    expect(code).toBe(1);
  });

  it("names a file cut in the middle of its second row group as truncated", async () => {
    // 4 bytes of magic, then the row groups' column chunks in order: cut half-way through group 2
    const cut = 4 + groups[0]!.compressedBytes + Math.floor(groups[1]!.compressedBytes / 2);
    const p = file("cut.parquet", bytes.subarray(0, cut));
    const { e, code } = await both(p);
    expect(e).toBeInstanceOf(FileFormatError);
    expect(e.message).toBe(`${p}: truncated or corrupt parquet file (no "PAR1" footer magic at the end of its ${cut} bytes).`);
    expect(code).toBe(1);
  });

  it("names an empty (0-byte) file as too short to be parquet", async () => {
    const p = file("empty.parquet", "");
    const { e, code } = await both(p);
    expect(e).toBeInstanceOf(FileFormatError);
    expect(e.message).toBe(`${p}: not a parquet file (0 bytes, too short for a parquet header and footer).`);
    expect(code).toBe(1);
  });
});

describe("paths that are not files", () => {
  it("names a path that does not exist, in the library and on the command line", async () => {
    const p = join(dir, "no", "such.parquet");
    const e = await caught(() => readParquet(p));
    expect(e).toBeInstanceOf(ParquetReadError);
    expect(e.message).toBe(`Cannot read parquet file ${p}: no such file`);
    const missing = join(dir, "no-such-catalog");
    expect(await caught(() => findDatasets(missing))).toBeInstanceOf(ParquetReadError);
    const run = await cli(["validate", missing]);
    expect(run).toEqual({ code: 1, out: "", err: `error: Cannot read parquet file ${missing}: no such file or directory` });
  });

  it("names a directory handed to readParquet instead of failing with a bare EISDIR", async () => {
    const d = join(dir, "a-folder.parquet");
    mkdirSync(d, { recursive: true });
    const e = await caught(() => readParquet(d));
    expect(e).toBeInstanceOf(ParquetReadError);
    expect(e.message).toBe(`Cannot read parquet file ${d}: it is a directory, not a parquet file (read a folder with readDataset, readFlat or readHats)`);
  });
});
