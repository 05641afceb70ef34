import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/run.js";
import { shardFlag } from "../../src/cli/validate-command.js";
import { UsageError } from "../../src/cli/flags.js";

const OBJECTS = "data-samples/dp1_object_collection";
const out = mkdtempSync(join(tmpdir(), "nested-lc-merge-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** main(argv) with console output captured. */
async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const logs: string[] = [];
  const errs: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...v: unknown[]) => void logs.push(v.join(" ")));
  const err = vi.spyOn(console, "error").mockImplementation((...v: unknown[]) => void errs.push(v.join(" ")));
  try {
    return { code: await main(argv), stdout: logs.join("\n"), stderr: errs.join("\n") };
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
}

/** The JSON a run wrote, without the fields that differ by run (time, how the result was obtained). */
const result = (path: string) => {
  const { created: _c, ...rest } = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  return rest;
};

describe("validate --shard i/n --partial FILE, then merge", () => {
  it("merges the shards, given in any order, into exactly the single run's JSON", async () => {
    const flags = ["--group", "band,mag", "--threads", "0"];
    for (const i of [0, 1, 2]) {
      const r = await run(["validate", OBJECTS, ...flags, "--shard", `${i}/3`, "--partial", join(out, `part-${i}.json`)]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^wrote .*part-${i}\\.json: shard ${i}/3 of ${OBJECTS}, partitions \\d+\\.\\.\\d+ of 23`));
    }
    const merged = await run(["merge", join(out, "part-2.json"), join(out, "part-0.json"), join(out, "part-1.json"), "--json", join(out, "merged.json")]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toMatch(/3 shards of 23 partitions merged/);
    const single = await run(["validate", OBJECTS, "--group", "band,mag", "--json", join(out, "single.json")]); // in memory, no catalog
    expect(single.code, single.stderr).toBe(0);
    expect(result(join(out, "merged.json"))).toEqual(result(join(out, "single.json")));
  });

  it("refuses a missing shard (exit 1) and a shard without its partial file (exit 2)", async () => {
    const part = join(out, "lonely.json");
    expect((await run(["validate", OBJECTS, "--threads", "0", "--shard", "0/2", "--partial", part])).code).toBe(0);
    const missing = await run(["merge", part]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Missing shard 1 of 2/);
    const usage = await run(["validate", OBJECTS, "--shard", "0/2"]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--shard i\/n and --partial FILE go together/);
    writeFileSync(join(out, "not-a-partial.json"), "{}");
    const bad = await run(["merge", join(out, "not-a-partial.json")]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/not-a-partial\.json: Not a validation partial/);
  });

  it("keeps each shard's spill files in a folder next to its partial, and names a missing folder or an old partial", async () => {
    const part = join(out, "alone-0.json");
    const r = await run(["validate", OBJECTS, "--threads", "0", "--shard", "0/1", "--partial", part]);
    expect(r.code, r.stderr).toBe(0);
    const spill = join(out, "alone-0.spill");
    const written = JSON.parse(readFileSync(part, "utf8")) as { version: number; spillDir: string; spills: { spill: { path: string } }[] };
    expect(written.version).toBe(2);
    expect(written.spillDir).toBe("alone-0.spill"); // relative to the partial's folder
    expect(written.spills.map((s) => s.spill.path).sort()).toEqual(readdirSync(spill).map((f) => `alone-0.spill/${f}`).sort());
    expect((await run(["merge", part])).code).toBe(0);
    rmSync(spill, { recursive: true });
    const gone = await run(["merge", part]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain(`${part}: its spill folder ${spill} is missing`);
    const old = join(out, "old.json");
    writeFileSync(old, JSON.stringify({ ...written, version: 1 }));
    const v1 = await run(["merge", old]);
    expect(v1.code).toBe(1);
    expect(v1.stderr).toMatch(/old\.json: partial of format version 1, with its rows inline, written by an older nested-lc/);
  });
});

describe("shardFlag", () => {
  it("reads i/n with 0 <= i < n and refuses anything else", () => {
    expect(shardFlag("0/1")).toEqual({ index: 0, count: 1 });
    expect(shardFlag("7/8")).toEqual({ index: 7, count: 8 });
    for (const bad of ["8/8", "1/0", "-1/4", "a/b", "3", "1/2/3"]) expect(() => shardFlag(bad), bad).toThrow(UsageError);
  });
});
