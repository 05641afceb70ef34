/**
 * Bad input on the command line: exit 0 on success, 1 for a data error, 2 for
 * a usage error; one-line messages without a stack trace unless --debug; an
 * unexpected failure is called a bug (exit 1), never an unhandled crash; and a
 * validation prints the balance of its cut-flow. Related: test/cli/run.test.ts
 * and validate-command.test.ts (usage errors of each flag, a closed pipe).
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { STACK_LINE, chunks, cli, sample, scratch, writeHatsCatalog } from "./helpers.js";

const root = scratch("cli");
const sim = sample(40, 4);
const hats = join(root, "hats");
beforeAll(async () => {
  await writeHatsCatalog(hats, chunks(sim.objects, 2));
});

afterEach(() => vi.restoreAllMocks());

describe("exit codes and messages", () => {
  it("exits 1 for an unknown band, naming the bands the data has", async () => {
    const run = await cli(["validate", hats, "--bands", "r,q"]);
    expect(run).toEqual({ code: 1, out: "", err: 'error: Unknown band "q": the ForcedSource data has bands u, g, r, i, z, y (Rubin\'s are ugrizy).' });
  });

  it("exits 2 for usage mistakes: an unknown command, option or product, and no path", async () => {
    for (const argv of [["frobnicate"], ["validate"], ["validate", "x", "--no-such-flag"], ["validate", "x", "--product", "Objects"]]) {
      const run = await cli(argv);
      expect(run.code, argv.join(" ")).toBe(2);
      expect(run.err).toContain("Usage: nested-lc <command> [options]");
      expect(run.err).not.toMatch(STACK_LINE);
    }
  });

  it("prints the stack of a data error only with --debug", async () => {
    const missing = join(root, "missing");
    const quiet = await cli(["validate", missing]);
    const loud = await cli(["validate", missing, "--debug"]);
    expect(quiet.code).toBe(1);
    expect(loud.code).toBe(1);
    expect(quiet.err).not.toMatch(STACK_LINE);
    expect(loud.err.startsWith(`${quiet.err}\nParquetReadError: `)).toBe(true);
    expect(loud.err).toMatch(STACK_LINE);
  });

  it("reports an unexpected failure as a bug with exit 1, the stack only with --debug", async () => {
    const out = join(root, "summary.json");
    vi.spyOn(JSON, "stringify").mockImplementation(() => {
      throw new TypeError("boom");
    });
    const quiet = await cli(["summary", hats, "--json", out]);
    expect(quiet.code).toBe(1);
    expect(quiet.err).toBe("error: internal error (TypeError: boom). This is a bug in nested-lc; rerun with --debug for the stack trace and report it.");
    const loud = await cli(["summary", hats, "--json", out, "--debug"]);
    expect(loud.code).toBe(1);
    expect(loud.err).toMatch(/^error: internal error \(TypeError: boom\)\. This is a bug in nested-lc; please report it with the stack below\.\nTypeError: boom\n\s+at /);
  });

  it("sets the process exit code and prints one line from the real entry point (exit 2 is checked in-process above)", () => {
    const run = (args: string[]) => spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], { encoding: "utf8" });
    const data = run(["validate", join(root, "nowhere")]);
    expect(data.status).toBe(1);
    expect(data.stderr.trim()).toBe(`error: Cannot read parquet file ${join(root, "nowhere")}: no such file or directory`);
  });

  it("turns an error thrown outside main (a stray callback) into the one-line bug report, exit 1", () => {
    const stray = join(root, "stray.mjs");
    // throws once the entry point has started (its handlers are installed), from a timer: outside main's try
    writeFileSync(stray, 'const t = setInterval(() => { if (process.listenerCount("uncaughtException") > 0) { clearInterval(t); throw new TypeError("stray"); } }, 5);\n');
    const run = (args: string[]) => spawnSync(process.execPath, ["--import", "tsx", "--import", stray, "src/cli/main.ts", ...args], { encoding: "utf8" });
    const quiet = run(["--help"]);
    expect(quiet.status).toBe(1);
    expect(quiet.stderr.trim()).toBe("error: internal error (TypeError: stray). This is a bug in nested-lc; rerun with --debug for the stack trace and report it.");
  });
});

describe("nothing lost, as printed", () => {
  it("prints a balance line whose terms are the JSON cut-flow's removals and the groups' points", async () => {
    const json = join(root, "balance.json");
    const run = await cli(["validate", hats, "--min-obs", "5", "--json", json]);
    expect(run.code).toBe(0);
    const v = JSON.parse(readFileSync(json, "utf8")) as { cutflow: Array<{ step: string; points: number }>; groups: Array<{ nPoints: number }> };
    const removed = v.cutflow.slice(1).map((s, k) => `${v.cutflow[k]!.points - s.points} ${s.step}`);
    const validated = v.groups.reduce((a, g) => a + g.nPoints, 0);
    expect(v.cutflow[0]!.points).toBe(sim.objects.observationCount);
    expect(run.out).toContain(`balance: ${sim.objects.observationCount} points in = ${validated} validated + ${removed.join(" + ")} (balanced)`);
  });
});
