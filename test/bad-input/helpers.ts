/**
 * Shared by the bad-input suite: small DP1-like catalogs written to a scratch
 * folder at test time (flat per-visit files and HATS catalogs), the command
 * line run in-process with its output captured, and the error a call throws.
 * Test helper only.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, vi } from "vitest";
import { main } from "../../src/cli/run.js";
import { NestedFrame } from "../../src/frame/nested-frame.js";
import { pixelPath } from "../../src/io/hats-open.js";
import { writeParquet } from "../../src/io/parquet-write.js";
import { type SimulatedForcedSource, simulateForcedSource } from "../../src/rubin/simulate.js";

const scratchDirs: string[] = [];
// Registered when a test file imports this module: its scratch folders go when the file's tests are done.
afterAll(() => {
  for (const dir of scratchDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder under the system's temp dir, removed after the test file. */
export function scratch(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `nlc-bad-${name}-`));
  scratchDirs.push(dir);
  return dir;
}

/** A small simulated DP1 ForcedSource sample: nested objects and the same rows flat. */
export function sample(nObjects = 30, seed = 9): SimulatedForcedSource {
  return simulateForcedSource({ seed, nObjects });
}

/** The flat rows of `frame` split into `files` parquet files (consecutive rows) in `dir`. */
export async function writeFlatFiles(dir: string, flat: NestedFrame, files = 2): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const n = flat.length;
  const out: string[] = [];
  for (let k = 0; k < files; k++) {
    const a = Math.floor((k * n) / files);
    const b = Math.floor(((k + 1) * n) / files);
    const path = join(dir, `visits_${k}.parquet`);
    await writeParquet(flat.takeObjects(Int32Array.from({ length: b - a }, (_, i) => a + i)), path);
    out.push(path);
  }
  return out;
}

/**
 * A HATS catalog in `dir`: the objects split into `parts.length` order-0 pixels
 * (pixel k holds `parts[k]`), with hats.properties, partition_info.csv and
 * dataset/_common_metadata; the nest in DP1's struct<list> layout. Returns the leaf paths.
 */
export async function writeHatsCatalog(dir: string, parts: readonly NestedFrame[]): Promise<string[]> {
  mkdirSync(join(dir, "dataset"), { recursive: true });
  const rows = parts.reduce((a, p) => a + p.length, 0);
  writeFileSync(join(dir, "hats.properties"), `obs_collection=object_lc\ndataproduct_type=object\nhats_nrows=${rows}\nhats_npix_suffix=.parquet\n`);
  writeFileSync(join(dir, "partition_info.csv"), `Norder,Npix\n${parts.map((_, k) => `0,${k}`).join("\n")}\n`);
  const leaves: string[] = [];
  for (const [k, p] of parts.entries()) {
    const leaf = `${join(dir, pixelPath(0, k))}.parquet`;
    mkdirSync(join(leaf, ".."), { recursive: true });
    await writeParquet(p, leaf, { layout: "struct<list>" });
    leaves.push(leaf);
  }
  await writeParquet(parts[0]!.head(0), join(dir, "dataset", "_common_metadata"), { layout: "struct<list>" });
  return leaves;
}

/** `frame` cut into `k` runs of consecutive objects. */
export function chunks(frame: NestedFrame, k: number): NestedFrame[] {
  const n = frame.length;
  return Array.from({ length: k }, (_, j) => {
    const a = Math.floor((j * n) / k);
    const b = Math.floor(((j + 1) * n) / k);
    return frame.takeObjects(Int32Array.from({ length: b - a }, (_, i) => a + i));
  });
}

/** What one run of the command printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** Run `nested-lc argv` in-process, capturing what it prints (restored afterwards). */
export async function cli(argv: readonly string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  const error = vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
  try {
    const code = await main(argv);
    return { code, out: out.join("\n"), err: err.join("\n") };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

/** The error `f` throws or rejects with; fails the test when it returns. */
export async function caught(f: () => unknown): Promise<Error> {
  try {
    await f();
  } catch (e) {
    if (e instanceof Error) return e;
    throw new Error(`expected an Error, got ${String(e)}`);
  }
  throw new Error("expected the call to fail, but it returned");
}

/** A stack trace line, as Node prints them. */
export const STACK_LINE = /^\s+at .+/m;
