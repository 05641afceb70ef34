import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/cli/flags.js";
import { validateOptions } from "../../src/cli/validate-command.js";

describe("validateOptions", () => {
  it("turns the flags into validateFluxErrors options", () => {
    expect(validateOptions({ group: "band,field,mag", bands: "g,r", bins: "-5:5:0.5", "min-obs": "8", clip: "6", "no-screen": true, flags: "a,b", nest: "lc" })).toEqual({
      product: "ForcedSource",
      flux: "psfFlux",
      groupBy: ["band", "field", "magBin"],
      bands: ["g", "r"],
      bins: { lo: -5, hi: 5, width: 0.5, count: 20 },
      minObs: 8,
      clipSigma: 6,
      screen: false,
      nest: "lc",
      flags: ["a", "b"],
    });
    expect(validateOptions({})).toEqual({ product: "ForcedSource", flux: "psfFlux", groupBy: ["band"] });
  });

  it("makes every bad value a usage error naming its flag", () => {
    for (const [flags, message] of [
      [{ product: "Forced" }, "--product: Unknown product"],
      [{ product: "DiaSource", flux: "psfDiffFlux" }, '--flux: DiaSource has no flux "psfDiffFlux"'],
      [{ group: "band,colour" }, '--group takes band, field and mag, comma-separated; got "colour"'],
      [{ bins: "10:-10:1" }, "--bins:"],
      [{ "min-obs": "2.5" }, "--min-obs needs an integer >= 2"],
      [{ clip: "-1" }, "--clip needs a number of sigma > 0"],
    ] as const) {
      expect(() => validateOptions(flags), message).toThrow(UsageError);
      expect(() => validateOptions(flags)).toThrow(message);
    }
  });
});

describe("nested-lc validate | head", () => {
  it("still writes its report when the reader closes the pipe early", async () => {
    const dir = await mkdtemp(join(tmpdir(), "nlc-pipe-"));
    const html = join(dir, "report.html");
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "validate", "data-samples/dp1_object_collection", "--group", "band,field,mag", "--html", html], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    // read the first chunk, then close our end as `head -1` would
    await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code).toBe(0);
    expect(existsSync(html)).toBe(true);
  }, 60_000);
});
