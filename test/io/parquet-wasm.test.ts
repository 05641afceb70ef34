import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/frame/errors.js";
import { FileFormatError, ParquetReadError } from "../../src/io/errors.js";
import { readFlat } from "../../src/io/flat.js";
import { readParquet, readParquetBatches } from "../../src/io/parquet-read.js";
import { parquetSchema } from "../../src/io/parquet-schema.js";
import { callParquetWasm, parquetWasm } from "../../src/io/parquet-wasm.js";
import { findDatasets, readDataset } from "../../src/io/read-dataset.js";
import { snapshot } from "./fixtures/frames.js";

const dir = mkdtempSync(join(tmpdir(), "nested-lc-wasm-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const VISITS = "data-samples/forced_source_visits";
const GOOD = join(VISITS, "visit_2024102300019-2024102500037.parquet");
const NESTED = "data-samples/dp1_object_collection/object_lc/dataset/Norder=2/Dir=0/Npix=80.parquet";

/** A copy of `source` in its own folder with 2048 bytes zeroed at the middle (inside a column chunk; footer intact). */
function zeroedCopy(source: string, name: string): string {
  mkdirSync(join(dir, name));
  const path = join(dir, name, basename(source));
  const bytes = readFileSync(source);
  const mid = bytes.length >> 1;
  bytes.fill(0, mid, mid + 2048);
  writeFileSync(path, bytes);
  return path;
}

/** The message every corrupt-data failure carries: the file, "corrupt or unreadable", the decoder's message, what to do. */
const corrupt = (path: string, original: string) =>
  `Cannot read parquet file ${path}: corrupt or unreadable parquet data (${original}); re-download or regenerate the file`;

describe("a file with zeroed bytes in a column chunk", () => {
  it("fails readParquet with a ParquetReadError naming the file, the wasm trap kept as cause", async () => {
    const bad = zeroedCopy(NESTED, "nested");
    const err = await readParquet(bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ParquetReadError);
    expect((err as ParquetReadError).message).toBe(corrupt(bad, "RuntimeError: unreachable"));
    expect((err as ParquetReadError).file).toBe(bad);
    const cause = (err as Error).cause as Error;
    expect(cause.name).toBe("RuntimeError");
    expect(cause.message).toBe("unreachable");
  });

  it("still describes its footer and reads the columns whose chunks are intact: only the damaged chunk fails", async () => {
    const bad = zeroedCopy(GOOD, "footer-only");
    expect((await parquetSchema(bad)).rows).toBe((await parquetSchema(GOOD)).rows);
    // objectId is the first column chunk, far from the zeroed middle.
    const ids = (await readParquet(bad, { columns: ["objectId"] })).bigints("objectId");
    expect(ids).toEqual((await readParquet(GOOD, { columns: ["objectId"] })).bigints("objectId"));
    await expect(readParquet(bad)).rejects.toThrow(corrupt(bad, "RuntimeError: unreachable"));
  });

  it("fails readParquetBatches, readFlat and readDataset the same way, naming the corrupt file among good ones", async () => {
    mkdirSync(join(dir, "visits"));
    copyFileSync(GOOD, join(dir, "visits", "a.parquet"));
    const bad = join(dir, "visits", "b.parquet");
    writeFileSync(bad, readFileSync(zeroedCopy(GOOD, "visit")));
    const message = corrupt(bad, "RuntimeError: unreachable");
    const batches = async () => {
      const parts = [];
      for await (const part of readParquetBatches(bad)) parts.push(part);
      return parts;
    };
    await expect(batches()).rejects.toThrow(message);
    await expect(readFlat(join(dir, "visits"), { on: "objectId" })).rejects.toThrow(message);
    const [ds] = await findDatasets(join(dir, "visits"));
    expect(ds!.kind).toBe("flat");
    await expect(readDataset(ds!)).rejects.toThrow(ParquetReadError);
    await expect(readDataset(ds!)).rejects.toThrow(message);
  });
});

describe("the wasm module after a trap", () => {
  it("reads a good file after a corrupt one to the same frame as before, on a fresh instance", async () => {
    const bad = zeroedCopy(GOOD, "then-good");
    const before = snapshot(await readParquet(GOOD));
    const instance = parquetWasm();
    await expect(readParquet(bad)).rejects.toThrow(ParquetReadError);
    expect(parquetWasm()).not.toBe(instance);
    expect(snapshot(await readParquet(GOOD))).toEqual(before);
    await expect(readParquet(bad)).rejects.toThrow(ParquetReadError);
    expect(snapshot(await readParquet(GOOD))).toEqual(before);
  });

  it("pins the failure on the corrupt file when reads run at the same time, and the others finish", async () => {
    // Unserialized, the reads queued behind the trap on the same instance never settled.
    const bad = zeroedCopy(GOOD, "concurrent");
    const before = snapshot(await readParquet(GOOD));
    const results = await Promise.allSettled([readParquet(GOOD), readParquet(bad), readParquet(GOOD), readParquet(NESTED)]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled"]);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(ParquetReadError);
    expect(((results[1] as PromiseRejectedResult).reason as Error).message).toContain(bad);
    expect(snapshot((results[2] as PromiseFulfilledResult<Awaited<ReturnType<typeof readParquet>>>).value)).toEqual(before);
  });
});

describe("truncated files and random bytes", () => {
  const bytes = readFileSync(GOOD);
  const n = bytes.length;

  it("names a file cut short (footer gone) as truncated", async () => {
    const path = join(dir, "cut.parquet");
    writeFileSync(path, bytes.subarray(0, n - 1000));
    await expect(readParquet(path)).rejects.toThrow(FileFormatError);
    await expect(readParquet(path)).rejects.toThrow(`${path}: truncated or corrupt parquet file`);
  });

  it("names a file with 4 kB cut out of its middle (footer kept) as corrupt, with the decoder's message", async () => {
    const path = join(dir, "holed.parquet");
    writeFileSync(path, Buffer.concat([bytes.subarray(0, n >> 1), bytes.subarray((n >> 1) + 4096)]));
    const err = await readParquet(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ParquetReadError);
    expect((err as Error).message).toMatch(new RegExp(`^Cannot read parquet file ${path}: corrupt or unreadable parquet data \\(Parquet error: .+\\); re-download or regenerate the file$`));
  });

  it("names random bytes between the PAR1 magics as corrupt, keeping the decoder's error as cause", async () => {
    const path = join(dir, "random.parquet");
    const noise = Uint8Array.from({ length: 2000 }, (_, i) => (i * 7919) % 251);
    writeFileSync(path, Buffer.concat([Buffer.from("PAR1"), noise, Buffer.from("PAR1")]));
    const err = await parquetSchema(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ParquetReadError);
    expect((err as Error).message).toMatch(/corrupt or unreadable parquet data \(EOF: file size of 2008 is less than footer/);
    expect((err as Error).cause).toBeInstanceOf(Error);
  });

  it("names random bytes in a column chunk (footer intact) as corrupt", async () => {
    const path = join(dir, "noisy.parquet");
    const noisy = Uint8Array.from(bytes);
    let s = 1;
    for (let i = n >> 1; i < (n >> 1) + 2048; i++) {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      noisy[i] = s >>> 24;
    }
    writeFileSync(path, noisy);
    await expect(readParquet(path)).rejects.toThrow(ParquetReadError);
    await expect(readParquet(path)).rejects.toThrow(`Cannot read parquet file ${path}: corrupt or unreadable parquet data (`);
  });
});

describe("callParquetWasm", () => {
  it("passes a NestedLcError through unchanged", async () => {
    const e = new ArgumentError("bad argument");
    await expect(callParquetWasm("x.parquet", () => Promise.reject(e))).rejects.toBe(e);
  });

  it("wraps any other error, thrown or rejected, naming the file and keeping it as cause", async () => {
    const e = new TypeError("boom");
    const thrown = await callParquetWasm("x.parquet", () => {
      throw e;
    }).catch((x: unknown) => x);
    expect(thrown).toBeInstanceOf(ParquetReadError);
    expect((thrown as Error).message).toBe(corrupt("x.parquet", "TypeError: boom"));
    expect((thrown as Error).cause).toBe(e);
    const rejected = await callParquetWasm("y.parquet", () => Promise.reject("text")).catch((x: unknown) => x);
    expect((rejected as Error).message).toBe(corrupt("y.parquet", "text"));
  });
});
