import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/run.js";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
  return { out: () => out.join("\n"), err: () => err.join("\n") };
}

afterEach(() => vi.restoreAllMocks());

describe("nested-lc command", () => {
  it("summarises every embedded sample and writes the same numbers as JSON", async () => {
    const io = capture();
    const dir = await mkdtemp(join(tmpdir(), "nlc-cli-"));
    const json = join(dir, "summary.json");
    expect(await main(["summary", "data-samples", "--json", json])).toBe(0);
    expect(io.out()).toContain("data-samples/dp1_object_collection");
    expect(io.out()).toContain("data-samples/forced_source_visits");
    expect(io.out()).toMatch(/objectForcedSource: \d+ observations/);
    const parsed = JSON.parse(await readFile(json, "utf8")) as Record<string, { objects: number; nests: Array<{ observations: number }> }>;
    const hats = parsed["data-samples/dp1_object_collection"]!;
    const flat = parsed["data-samples/forced_source_visits"]!;
    // the same observations, nested in HATS and flat per visit
    expect(hats.nests[0]!.observations).toBe(flat.nests[0]!.observations);
  });

  it("exits 1 with a one-line message, no stack, for a data error", async () => {
    const io = capture();
    expect(await main(["summary", "no/such/path", "--json", "-"])).toBe(1);
    expect(io.err()).toMatch(/^error: .*no\/such\/path.*no such file/);
    expect(io.err()).not.toContain("    at ");
  });

  it("exits 1 for a file that is not parquet", async () => {
    const io = capture();
    const dir = await mkdtemp(join(tmpdir(), "nlc-cli-"));
    await writeFile(join(dir, "junk.parquet"), "definitely not parquet");
    expect(await main(["summary", join(dir, "junk.parquet"), "--json", "-"])).toBe(1);
    expect(io.err()).toContain("junk.parquet");
  });

  it("exits 2 on usage errors and prints the usage", async () => {
    const io = capture();
    expect(await main(["frobnicate"])).toBe(2);
    expect(await main(["summary"])).toBe(2);
    expect(await main(["summary", "x", "--nope"])).toBe(2);
    expect(io.err()).toContain("Usage: nested-lc");
  });

  it("prints help and exits 0 with --help", async () => {
    const io = capture();
    expect(await main(["--help"])).toBe(0);
    expect(io.out()).toContain("summary <path>");
  });
});
