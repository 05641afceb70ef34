/**
 * The main job's HTML report, opened in a real browser: Debian's chromium (installed by
 * scripts/system-packages.sh when missing) driven by playwright-core, with no browser download and no
 * network. The page must load without console errors, plotly must draw every figure as SVG, and a
 * screenshot is kept at out/report.png for a human to look at.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/run.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
// The flags the environment notes give for Chromium on a machine with a closed network.
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

let dir: string;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync("/usr/bin/chromium")) execFileSync("bash", [join(ROOT, "scripts", "system-packages.sh")], { stdio: "inherit" });
  dir = mkdtempSync(join(tmpdir(), "nested-lc-report-"));
  const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
  try {
    const code = await main(["validate", join(ROOT, "data-samples", "dp1_object_collection"), "--html", join(dir, "report.html"), "--json", join(dir, "validation.json")]);
    expect(code).toBe(0);
  } finally {
    log.mockRestore();
  }
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the validation report in headless Chromium", () => {
  it("loads offline without console errors, and plotly draws every figure", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    // Any request leaving the file is a figure that would not work offline.
    page.on("request", (r) => {
      if (!r.url().startsWith("file:") && !r.url().startsWith("data:")) problems.push(`network request: ${r.url()}`);
    });
    await page.goto(pathToFileURL(join(dir, "report.html")).href, { waitUntil: "load" });

    const figures = await page.locator("[data-figure]").count();
    expect(figures).toBeGreaterThan(0);
    // plotly replaces each figure's div with a .js-plotly-plot holding its SVG.
    // (a string: this project's TypeScript has no DOM types)
    await page.waitForFunction(`document.querySelectorAll(".js-plotly-plot svg.main-svg").length >= ${figures}`, undefined, { timeout: 30_000 });
    const drawn = await page.locator(".js-plotly-plot").count();
    expect(drawn).toBe(figures);
    // a pull histogram has bars (or steps) and the N(0,1) curve: plotly draws them as paths
    expect(await page.locator(".js-plotly-plot .scatterlayer path, .js-plotly-plot .barlayer path").count()).toBeGreaterThan(0);

    mkdirSync(join(ROOT, "out"), { recursive: true });
    await page.screenshot({ path: join(ROOT, "out", "report.png"), fullPage: true });
    expect(problems).toEqual([]);
  });
});
