/**
 * Every notebook in notebooks/ runs headless, cell by cell, and a failing cell fails the build.
 * The fast path runs each notebook in its own Node process through tslab's converter/executor
 * (scripts/run-notebook.cjs: the real tslab compiler, no Python); one test goes through a real
 * Jupyter kernel (Debian's nbclient/nbconvert, installed by scripts/system-packages.sh when missing).
 * Key outputs are checked against the library computed here.
 */
import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NestedFrame } from "../../src/frame/nested-frame.js";
import { readFlat } from "../../src/io/flat.js";
import { readHats } from "../../src/io/hats-read.js";
import { associateSources } from "../../src/association/associate-sources.js";
import { associationScores } from "../../src/association/association-scores.js";
import { simulateDiaSky } from "../../src/association/simulate-dia-sky.js";
import { colorColor } from "../../src/rubin/color-color.js";
import { checkDiaObjectSummaries } from "../../src/rubin/dia-summary-check.js";
import { readDpddTable } from "../../src/rubin/dpdd-tables.js";
import { skySourceFluxCheck } from "../../src/rubin/sky-sources.js";
import { validateFluxErrors } from "../../src/rubin/validate.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const NOTEBOOKS = join(ROOT, "notebooks");
const run = promisify(execFile);

interface CellResult {
  readonly index: number;
  readonly ok: boolean;
  readonly stdout: string;
  readonly stderr: string;
  readonly mimeTypes: readonly (readonly string[])[];
}
interface NotebookResult {
  readonly ok: boolean;
  readonly cells: readonly CellResult[];
}

let scratch: string;

beforeAll(() => {
  // Cells import "nested-lc" by package name, as a user's notebook does: that needs the build and the self-link.
  execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: ROOT, stdio: "pipe" });
  execFileSync("node", ["scripts/link-self.mjs"], { cwd: ROOT });
  scratch = mkdtempSync(join(tmpdir(), "nested-lc-notebooks-"));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const notebookFiles = (): string[] => readdirSync(NOTEBOOKS).filter((f) => f.endsWith(".ipynb")).sort();

async function runNotebook(file: string): Promise<NotebookResult> {
  const json = join(scratch, `${file}.json`);
  try {
    await run("node", [join(ROOT, "scripts", "run-notebook.cjs"), join(NOTEBOOKS, file), "--json", json], { cwd: ROOT, maxBuffer: 64 << 20 });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`${file} failed:\n${err.stderr ?? err.message}`);
  }
  return JSON.parse(readFileSync(json, "utf8")) as NotebookResult;
}

const stdoutOf = (r: NotebookResult): string => r.cells.map((c) => c.stdout).join("");

/** What each notebook must print or show, checked against the library run here on the same data. */
const CHECKS: Readonly<Record<string, (r: NotebookResult) => Promise<void>>> = {
  "01-nested-light-curves.ipynb": async (r) => {
    const flat = await readFlat(join(ROOT, "data-samples", "forced_source_visits"), { on: "objectId", name: "lc", columns: ["objectId", "psfFlux"] });
    expect(stdoutOf(r)).toContain(`${flat.observationCount} observations in ${flat.length} objects`);
    expect(plotlyFigures(r)).toBeGreaterThanOrEqual(2);
  },
  "02-reduce-then-loc.ipynb": async (r) => {
    const out = stdoutOf(r);
    const stats = (await sampleObjects())
      .query("not objectForcedSource.psfFlux_flag and isfinite(objectForcedSource.psfFlux) and objectForcedSource.psfFluxErr > 0")
      .reduce("objectForcedSource", { n: "count()", chi2: "chi2(psfFlux, psfFluxErr)" });
    expect(out).toContain(`${stats.query("n >= 10 and chi2 / (n - 1) < 2").length} objects with >= 10 points and reduced chi-square < 2`);
    expect(out).toContain("largest relative difference 0.0e+0");
    expect(out).toContain("ids round-trip exactly");
    expect(out).toMatch(/reduce: \d+ ms; per-object loop over row objects: \d+ ms/);
  },
  "03-flux-error-validation.ipynb": async (r) => {
    const out = stdoutOf(r);
    const v = validateFluxErrors(await sampleObjects(), { product: "ForcedSource", flux: "psfFlux" });
    for (const g of v.groups) expect(out).toContain(`${g.band} band: s = ${g.errorScale.toFixed(3)} ± ${g.errorScaleErr.toFixed(3)}`);
    // the step-by-step recipe and the one-call bare recipe keep the same r-band light curves
    const m = /r band: (\d+) light curves \(step by step: (\d+)\), (\d+) points \((\d+)\)/.exec(out);
    expect(m).not.toBeNull();
    expect(m![1]).toBe(m![2]);
    expect(m![3]).toBe(m![4]);
    expect(plotlyFigures(r)).toBeGreaterThanOrEqual(4);
  },
  "04-statistics-per-field-and-magnitude.ipynb": async (r) => {
    const v = validateFluxErrors(await sampleObjects(), { product: "ForcedSource", flux: "psfFlux", groupBy: ["band", "field", "magBin"] });
    const tested = v.groups.filter((g) => Number.isFinite(g.ks.p));
    expect(stdoutOf(r)).toContain(`KS rejects ${tested.filter((g) => g.ks.p < 0.05).length} of ${tested.length} groups at 5%`);
    expect(plotlyFigures(r)).toBeGreaterThanOrEqual(3);
  },
  "05-whole-catalog.ipynb": async (r) => {
    const out = stdoutOf(r);
    expect(out).toContain("catalogue and in-memory results are identical");
    expect(out).toContain("merged shards = single run");
    expect(out).toMatch(/PartitionFunctionError: .*uses "threshold", a variable from outside the function/);
    expect(out).toContain("23/23 partitions (100%) | 69,314 rows");
    const v = validateFluxErrors(await sampleObjects(), { product: "ForcedSource", flux: "psfFlux" });
    const rBand = v.groups.find((g) => g.band === "r")!;
    expect(out).toContain(`flat files, r band: ${rBand.nObjects} light curves, s = ${rBand.errorScale.toFixed(3)} ± ${rBand.errorScaleErr.toFixed(3)}`);
  },
  "06-dia-and-association.ipynb": async (r) => {
    const out = stdoutOf(r);
    const dia = await readHats(join(ROOT, "data-samples", "dp1_dia_object_collection"));
    const clipped = validateFluxErrors(dia, { product: "ForcedSourceOnDiaObject", flux: "psfDiffFlux", clipSigma: 5 });
    const line = out.split("\n").find((l) => l.startsWith("clip 5σ: ")) ?? "";
    for (const g of clipped.groups) expect(line).toContain(`${g.band} s = ${g.errorScale.toFixed(2)} ± ${g.errorScaleErr.toFixed(2)}`);
    expect(checkDiaObjectSummaries(dia).ok).toBe(true);
    expect(out).toContain("every compared value agrees");
    const sky = simulateDiaSky({ nObjects: 2000, density: 2e4, visits: 30, astrometricError: 0.1, spuriousPerVisit: 20, seed: 7 });
    const a = associateSources(sky.sources, { radius: 1 });
    const s = associationScores(sky.trueObjectId, a.diaObjectId);
    expect(out).toContain(`${a.nObjects} DiaObjects (${s.nTrue} true); purity ${s.purity.toFixed(4)}, completeness ${s.completeness.toFixed(4)}`);
    expect(out).toContain("the association's summaries agree with their recomputation");
    expect(out).toMatch(/level 2: 49914 forced rows; level 1: \d+/);
    expect(plotlyFigures(r)).toBe(2);
  },
  "07-source-table-exercises.ipynb": async (r) => {
    const out = stdoutOf(r);
    const tables = join(ROOT, "data-samples", "dp1_source_tables");
    const sources = await readDpddTable(join(tables, "source", "visit_{visit}.parquet"), "dp1Source");
    expect(out).toContain(`${sources.length} sources in 24 visits, of which ${sources.query("sky_source").length} sky sources`);
    const truth = JSON.parse(readFileSync(join(tables, "truth.json"), "utf8")) as { skyScale: Record<string, number> };
    for (const b of skySourceFluxCheck(sources).bands) {
      expect(out).toContain(`${b.band}: width of f/e = ${b.pull.std.toFixed(3)} ± ${b.pull.stdErr.toFixed(3)} (injected ${truth.skyScale[b.band]})`);
    }
    const objects = await readDpddTable(join(tables, "object", "tract_{tract}.parquet"), "dp1Object");
    const stars = colorColor(objects, { where: "refExtendedness == 0", minSnr: 100 });
    expect(out).toMatch(new RegExp(`snr .* ${stars.objects.length} +\\d+ +0 +0 +0\\n`));
    expect(out).toMatch(/ColumnNotFoundError: Unknown column "r_psfFlx" .*Did you mean "r_psfFlux"/);
    expect(plotlyFigures(r)).toBe(2);
  },
};

let objectsCache: Promise<NestedFrame> | undefined;
const sampleObjects = (): Promise<NestedFrame> => (objectsCache ??= readHats(join(ROOT, "data-samples", "dp1_object_collection")));
const plotlyFigures = (r: NotebookResult): number => r.cells.flatMap((c) => c.mimeTypes).filter((m) => m.includes("application/vnd.plotly.v1+json")).length;

describe("the tutorial notebooks", () => {
  it("are there, numbered in reading order, each with the tslab kernel", () => {
    const files = notebookFiles();
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files) {
      expect(f).toMatch(/^\d\d-[a-z0-9-]+\.ipynb$/);
      const nb = JSON.parse(readFileSync(join(NOTEBOOKS, f), "utf8")) as { metadata: { kernelspec: { name: string } }; cells: { cell_type: string }[] };
      expect(nb.metadata.kernelspec.name).toBe("tslab");
      expect(nb.cells[0]!.cell_type).toBe("markdown");
      expect(CHECKS[f], `${f} needs an entry in CHECKS`).toBeDefined();
    }
  });

  for (const file of notebookFiles()) {
    it(`${file} runs every cell without an error and shows what it says`, async () => {
      const r = await runNotebook(file);
      expect(r.ok).toBe(true);
      const code = (JSON.parse(readFileSync(join(NOTEBOOKS, file), "utf8")) as { cells: { cell_type: string }[] }).cells.filter((c) => c.cell_type === "code");
      expect(r.cells.length).toBe(code.length);
      await CHECKS[file]?.(r);
    });
  }

  it("run through a real Jupyter kernel too (tslab under nbclient)", () => {
    execFileSync("bash", [join(ROOT, "scripts", "system-packages.sh")], { stdio: "inherit" });
    const jupyterPath = join(scratch, "jupyter");
    execFileSync("node", [join(ROOT, "scripts", "install-kernel.mjs"), "--dir", jupyterPath], { stdio: "pipe" });
    const out = join(scratch, "01-executed.ipynb");
    execFileSync("/usr/bin/python3", ["-m", "jupyter", "nbconvert", "--to", "notebook", "--execute", "--output", out, "01-nested-light-curves.ipynb"], {
      cwd: NOTEBOOKS,
      env: { ...process.env, JUPYTER_PATH: jupyterPath },
      stdio: "pipe",
    });
    const nb = JSON.parse(readFileSync(out, "utf8")) as { cells: { cell_type: string; outputs?: { output_type: string; name?: string; text?: string[]; data?: Record<string, unknown> }[] }[] };
    const outputs = nb.cells.flatMap((c) => c.outputs ?? []);
    expect(outputs.filter((o) => o.output_type === "stream" && o.name === "stderr")).toEqual([]);
    expect(outputs.some((o) => o.output_type === "stream" && (o.text ?? []).join("").includes("observations in"))).toBe(true);
    expect(outputs.some((o) => o.output_type === "display_data" && o.data !== undefined && "application/vnd.plotly.v1+json" in o.data)).toBe(true);
  });
});
