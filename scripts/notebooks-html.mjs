// Executes every notebook in notebooks/ through a real Jupyter kernel (this project's tslab) and
// exports the executed notebooks to out/notebooks/*.html, plotly.js inlined once per page by the
// figures' HTML fallback, so the pages work offline.
//
//   npm run notebooks:html [-- notebooks/03-flux-error-validation.ipynb ...]
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { stdio: "inherit", cwd: root, ...opts });

run("bash", ["scripts/system-packages.sh"]);
run("npm", ["run", "--silent", "build"]);
run("node", ["scripts/link-self.mjs"]);
// The kernelspec goes to a scratch JUPYTER_PATH: exporting never touches the user's Jupyter set-up.
const jupyterPath = mkdtempSync(join(tmpdir(), "nested-lc-jupyter-"));
run("node", ["scripts/install-kernel.mjs", "--dir", jupyterPath], { stdio: ["ignore", "ignore", "inherit"] });

const args = process.argv.slice(2);
const notebooks = args.length > 0 ? args.map((a) => resolve(a)) : readdirSync(join(root, "notebooks")).filter((f) => f.endsWith(".ipynb")).sort().map((f) => join(root, "notebooks", f));
const outDir = join(root, "out", "notebooks");
mkdirSync(outDir, { recursive: true });
let failed = 0;
for (const nb of notebooks) {
  const started = Date.now();
  try {
    run("/usr/bin/python3", ["-m", "jupyter", "nbconvert", "--to", "html", "--execute", "--output-dir", outDir, "--ExecutePreprocessor.timeout=600", nb],
      { cwd: dirname(nb), env: { ...process.env, JUPYTER_PATH: jupyterPath }, stdio: ["ignore", "ignore", "pipe"] });
    console.log(`${basename(nb)} -> out/notebooks/${basename(nb, ".ipynb")}.html (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } catch (e) {
    failed++;
    // tslab reports a failing cell's message only in the cell's stderr; the in-process runner prints it.
    console.error(`${basename(nb)}: a cell failed under Jupyter; re-running in-process to show the message:`);
    try {
      run("node", ["scripts/run-notebook.cjs", nb]);
    } catch {
      // the runner has printed the failing cell and its stderr
    }
  }
}
rmSync(jupyterPath, { recursive: true, force: true });
process.exit(failed > 0 ? 1 : 0);
