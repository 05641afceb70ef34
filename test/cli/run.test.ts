import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/run.js";
import { capture } from "./fixtures/capture.js";

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

describe("nested-lc validate", () => {
  it("validates the HATS sample: a per-band table, JSON with every group, an HTML report with histograms", async () => {
    const io = capture();
    const dir = await mkdtemp(join(tmpdir(), "nlc-validate-"));
    const json = join(dir, "v.json");
    const html = join(dir, "report.html");
    expect(await main(["validate", "data-samples/dp1_object_collection", "--json", json, "--html", html])).toBe(0);
    expect(io.out()).toMatch(/ForcedSource psfFlux: 4484 objects, 69314 points in/);
    for (const b of ["u", "g", "r", "i", "z", "y"]) expect(io.out()).toMatch(new RegExp(`\\n${b} +\\d+ +\\d+ +\\d\\.\\d{3}`));
    const v = JSON.parse(await readFile(json, "utf8")) as { product: string; flux: string; groups: Array<{ band: string; errorScale: number }>; cutflow: Array<{ step: string }> };
    expect(v.product).toBe("ForcedSource");
    expect(v.flux).toBe("psfFlux");
    expect(v.groups.map((g) => g.band)).toEqual(["u", "g", "r", "i", "z", "y"]);
    expect(v.cutflow.map((s) => s.step)).toContain("variability");
    const page = await readFile(html, "utf8");
    expect(page).toContain("<h2>Cut-flow</h2>");
    expect((page.match(/data-figure="pulls-/g) ?? []).length).toBe(6); // one plotly histogram per band
    expect((/<noscript>[\s\S]*<\/noscript>/.exec(page)?.[0].match(/<svg /g) ?? []).length).toBe(6); // and its SVG for readers without JavaScript
  });

  it("reads flat per-visit files and groups by field and magnitude on request", async () => {
    const io = capture();
    expect(await main(["validate", "data-samples/forced_source_visits", "--flux", "psfDiffFlux", "--group", "band,field,mag", "--no-screen"])).toBe(0);
    expect(io.out()).toMatch(/ForcedSource psfDiffFlux/);
    expect(io.out()).toMatch(/band +field +mag +objects/);
    expect(io.out()).not.toContain("variability");
  });

  it("validates DIA products from the DIA collection", async () => {
    const io = capture();
    expect(await main(["validate", "data-samples/dp1_dia_object_collection", "--product", "ForcedSourceOnDiaObject", "--flux", "psfDiffFlux"])).toBe(0);
    expect(io.out()).toMatch(/ForcedSourceOnDiaObject psfDiffFlux: 3000 objects/);
  });

  it("asks which dataset when a folder holds several, and exits 2", async () => {
    const io = capture();
    expect(await main(["validate", "data-samples"])).toBe(2);
    expect(io.err()).toMatch(/holds 5 datasets; point validate at one of them/);
    expect(io.err()).toContain("data-samples/forced_source_visits");
  });

  it("exits 1 naming the product and column when the data lacks one", async () => {
    const io = capture();
    expect(await main(["validate", "data-samples/dp1_object_collection", "--product", "DiaSource"])).toBe(1);
    expect(io.err()).toMatch(/^error: No DiaSource light curves in data-samples\/dp1_object_collection: expected a nest named "diaSource" or "lc", found "objectForcedSource"\. Choose one with --nest/);
  });

  it("refuses flat files of another product instead of validating the wrong rows", async () => {
    const io = capture();
    expect(await main(["validate", "data-samples/forced_source_visits", "--product", "DiaSource"])).toBe(1);
    expect(io.err()).toMatch(/^error: Unknown column "diaObjectId" in data-samples\/forced_source_visits \(DiaSource psfFlux\)/);
  });

  it("names the file's own columns when a required one is missing, and takes --flags and --nest", async () => {
    const io = capture();
    expect(await main(["validate", "data-samples/forced_source_visits", "--flags", "psfFlux_flag,pixelFlags_sat"])).toBe(1);
    expect(io.err()).toMatch(/"pixelFlags_sat" in data-samples\/forced_source_visits \(ForcedSource psfFlux\)\. Did you mean "pixelFlags_saturated"/);
    expect(await main(["validate", "data-samples/dp1_object_collection", "--nest", "objectForcedSource", "--flags", "psfFlux_flag", "--json", "-"])).toBe(0);
    const v = JSON.parse(io.out()) as { options: { flags: string[] }; source: string; generator: string };
    expect(v.options.flags).toEqual(["psfFlux_flag"]);
    expect(v.source).toBe("data-samples/dp1_object_collection");
    expect(v.generator).toMatch(/^nested-lc \d+\.\d+\.\d+/);
  });

  it("says a folder without data holds no parquet files (exit 1)", async () => {
    const io = capture();
    const dir = await mkdtemp(join(tmpdir(), "nlc-empty-"));
    expect(await main(["validate", dir])).toBe(1);
    expect(io.err()).toMatch(/holds no parquet files/);
  });

  it("exits 2 for bad option values", async () => {
    const io = capture();
    expect(await main(["validate", "data-samples/dp1_object_collection", "--group", "band,colour"])).toBe(2);
    expect(await main(["validate", "data-samples/dp1_object_collection", "--min-obs", "ten"])).toBe(2);
    expect(io.err()).toContain("--group takes band, field and mag");
    expect(io.err()).toContain('--min-obs needs a number, got "ten"');
    expect(await main(["validate", "data-samples/dp1_object_collection", "--min-obs", "1"])).toBe(2);
    expect(io.err()).toContain("--min-obs needs an integer >= 2");
    expect(await main(["validate", "data-samples/dp1_object_collection", "--clip", "0"])).toBe(2);
    expect(io.err()).toContain("--clip needs a number of sigma > 0");
    expect(await main(["validate", "data-samples/dp1_object_collection", "--product", "Forced"])).toBe(2);
    expect(io.err()).toContain('--product: Unknown product "Forced"');
    expect(await main(["validate", "data-samples/dp1_object_collection", "--flux", "apFlux"])).toBe(2);
    expect(io.err()).toContain('--flux: ForcedSource has no flux "apFlux"');
  });

  it("exits 2 for a bad --bins spec, saying what was expected", async () => {
    const io = capture();
    expect(await main(["validate", "data-samples/dp1_object_collection", "--bins", "-10:10"])).toBe(2);
    expect(io.err()).toMatch(/^--bins: .*"-10:10"/);
  });

  it("takes --bins lo:hi:width for the histogram, a negative lo included", async () => {
    const io = capture();
    const dir = await mkdtemp(join(tmpdir(), "nlc-validate-"));
    const json = join(dir, "v.json");
    expect(await main(["validate", "data-samples/dp1_object_collection", "--bins", "-5:5:0.5", "--json", json])).toBe(0);
    const v = JSON.parse(await readFile(json, "utf8")) as { groups: Array<{ histogram: { edges: number[]; counts: number[] } }> };
    expect(v.groups[0]!.histogram.counts).toHaveLength(20);
    expect(v.groups[0]!.histogram.edges[0]).toBe(-5);
    expect(io.out()).toContain("wrote");
  });
});

describe("nested-lc validate on unreadable input", () => {
  it("exits 1 naming the file that is not parquet", async () => {
    const io = capture();
    const dir = await mkdtemp(join(tmpdir(), "nlc-validate-"));
    await writeFile(join(dir, "visit_1-2.parquet"), "PAR1 but then nothing useful");
    expect(await main(["validate", join(dir, "visit_1-2.parquet")])).toBe(1);
    expect(io.err()).toMatch(/^error: .*visit_1-2\.parquet/);
    expect(io.err()).not.toContain("    at ");
  });
});
