/**
 * Bad input: HATS catalogs whose partition_info.csv and files disagree, or whose
 * leaf files are damaged. Every case ends in a FileFormatError naming the file
 * at fault (exit 1 from the command line, no stack trace). Related:
 * test/io/hats.test.ts (the well-formed reads, a missing leaf through openHats).
 */
import { copyFileSync, mkdirSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { FileFormatError } from "../../src/io/errors.js";
import { hatsPartitionFrames, readHats } from "../../src/io/hats-read.js";
import { writeParquet } from "../../src/io/parquet-write.js";
import { STACK_LINE, caught, chunks, cli, sample, scratch, writeHatsCatalog } from "./helpers.js";

const root = scratch("hats");
const objects = sample(24).objects;
const parts = chunks(objects, 3);

/** A fresh copy of the 3-pixel catalog in its own folder. */
async function catalog(name: string): Promise<{ dir: string; leaves: string[] }> {
  const dir = join(root, name);
  return { dir, leaves: await writeHatsCatalog(dir, parts) };
}

let good: string;
beforeAll(async () => {
  good = (await catalog("good")).dir;
});

describe("a HATS catalog that disagrees with its partition_info.csv", () => {
  it("reads whole when files and partition_info.csv agree (the control)", async () => {
    const f = await readHats(good);
    expect(f.length).toBe(24);
    expect(f.observationCount).toBe(objects.observationCount);
  });

  it("names partition_info.csv and the pixel when a listed partition file is missing", async () => {
    const { dir, leaves } = await catalog("missing");
    unlinkSync(leaves[1]!);
    const e = await caught(() => readHats(dir));
    expect(e).toBeInstanceOf(FileFormatError);
    expect((e as FileFormatError).file).toBe(join(dir, "partition_info.csv"));
    expect(e.message).toMatch(/lists pixel Norder=0 Npix=1, but neither .*Npix=1\.parquet nor the directory .*Npix=1 exists/);
    const run = await cli(["validate", dir]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/^error: .*partition_info\.csv: lists pixel Norder=0 Npix=1/);
    expect(run.err).not.toMatch(STACK_LINE);
  });

  it("refuses a partition file that partition_info.csv does not list, instead of leaving its rows out", async () => {
    const { dir, leaves } = await catalog("unlisted");
    copyFileSync(leaves[2]!, leaves[2]!.replace("Npix=2.parquet", "Npix=7.parquet"));
    const e = await caught(() => readHats(dir));
    expect(e).toBeInstanceOf(FileFormatError);
    expect(e.message).toMatch(/partition_info\.csv: does not list 1 partition file\(s\) found under dataset\/ \(.*Npix=7\.parquet\); their rows would be left out/);
    // the partition-at-a-time reader refuses too, before yielding anything
    const it = hatsPartitionFrames(dir);
    await expect(it.next()).rejects.toThrow(/does not list 1 partition file/);
    const run = await cli(["summary", dir, "--json", "-"]);
    expect(run.code).toBe(1);
    expect(run.err).toContain("Npix=7.parquet");
  });

  it("names the line of partition_info.csv that is not an Norder,Npix pair", async () => {
    const { dir } = await catalog("badline");
    writeFileSync(join(dir, "partition_info.csv"), "Norder,Npix\n0,0\n0,one\n0,2\n");
    const e = await caught(() => readHats(dir));
    expect(e).toBeInstanceOf(FileFormatError);
    expect(e.message).toMatch(/partition_info\.csv: line 3 \("0,one"\) is not a valid Norder,Npix pair/);
  });

  it("refuses a pixel listed twice, whose rows would be read twice", async () => {
    const { dir } = await catalog("twice");
    writeFileSync(join(dir, "partition_info.csv"), "Norder,Npix\n0,0\n0,1\n0,2\n0,1\n");
    const e = await caught(() => readHats(dir));
    expect(e).toBeInstanceOf(FileFormatError);
    expect(e.message).toBe(`${join(dir, "partition_info.csv")}: lists Norder=0 Npix=1 twice (lines 3 and 5); its rows would be read twice.`);
  });

  it("refuses a pixel inside another listed pixel (partitions must not overlap)", async () => {
    const { dir, leaves } = await catalog("overlap");
    // Norder=1 Npix=5 lies inside Norder=0 Npix=1 (5 div 4 = 1)
    const inner = join(dir, "dataset", "Norder=1", "Dir=0", "Npix=5.parquet");
    mkdirSync(join(inner, ".."), { recursive: true });
    copyFileSync(leaves[1]!, inner);
    writeFileSync(join(dir, "partition_info.csv"), "Norder,Npix\n0,0\n0,1\n0,2\n1,5\n");
    const e = await caught(() => readHats(dir));
    expect(e).toBeInstanceOf(FileFormatError);
    expect(e.message).toMatch(/partition_info\.csv: Norder=1 Npix=5 \(line 5\) lies inside Norder=0 Npix=1 \(line 3\); HATS partitions must not overlap/);
  });

  it("refuses a pixel number beyond its order's 12 x 4^order pixels", async () => {
    const { dir } = await catalog("range");
    writeFileSync(join(dir, "partition_info.csv"), "Norder,Npix\n0,0\n0,12\n");
    const e = await caught(() => readHats(dir));
    expect(e.message).toMatch(/partition_info\.csv: line 3: Npix=12 is beyond the 12 pixels of Norder=0\./);
  });

  it("names collection.properties when its primary table is not there", async () => {
    const dir = join(root, "collection");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "collection.properties"), "obs_collection=objects\nhats_primary_table_url=object_lc\n");
    const e = await caught(() => readHats(dir));
    expect(e).toBeInstanceOf(FileFormatError);
    expect(e.message).toBe(`${join(dir, "collection.properties")}: names the primary table "object_lc", but ${join(dir, "object_lc")} does not exist.`);
  });

  it("names partition_info.csv when its header lacks Norder or Npix", async () => {
    const { dir } = await catalog("badheader");
    writeFileSync(join(dir, "partition_info.csv"), "order,pixel\n0,0\n");
    const e = await caught(() => readHats(dir));
    expect(e).toBeInstanceOf(FileFormatError);
    expect(e.message).toMatch(/expected a header with Norder and Npix, found "order,pixel"/);
  });
});

describe("a HATS catalog with a damaged leaf", () => {
  it("refuses a whole-catalog read holding fewer rows than hats_nrows (a partition rewritten short)", async () => {
    const { dir, leaves } = await catalog("short");
    await writeParquet(parts[1]!.head(2), leaves[1]!, { layout: "struct<list>" });
    const lost = parts[1]!.length - 2;
    const want = `${join(dir, "hats.properties")}: says hats_nrows=24, but its 3 partition files hold ${24 - lost} rows; a partition was replaced or cut short (or hats_nrows is stale).`;
    expect((await caught(() => readHats(dir))).message).toBe(want);
    expect((await caught(() => readHats(dir, { filter: "objectForcedSource.psfFlux > 0" }))).message).toBe(want);
    // chosen pixels are not the whole catalog: nothing to compare
    expect((await readHats(dir, { pixels: [1] })).length).toBe(2);
    const run = await cli(["validate", dir]);
    expect(run.code).toBe(1);
    expect(run.err).toBe(`error: ${want}`);
  });

  it("names the leaf whose bytes are not parquet, and the command exits 1", async () => {
    const { dir, leaves } = await catalog("junkleaf");
    writeFileSync(leaves[1]!, "this partition was overwritten by a log file\n".repeat(20));
    const e = await caught(() => readHats(dir));
    expect(e).toBeInstanceOf(FileFormatError);
    expect((e as FileFormatError).file).toBe(leaves[1]);
    expect(e.message).toMatch(/not a parquet file \(starts with bytes 74686973, expected "PAR1"\)/);
    const run = await cli(["validate", dir, "--json", "-"]);
    expect(run.code).toBe(1);
    expect(run.err).toContain(leaves[1]!);
    expect(run.out).toBe("");
  });
});
