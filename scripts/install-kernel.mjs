// Registers this project's tslab as a Jupyter kernel named "tslab" (display name "TypeScript (nested-lc)").
//
//   npm run kernel                 -> installs the kernelspec for the current user (jupyter kernelspec install --user)
//   node scripts/install-kernel.mjs --dir DIR
//                                  -> only writes DIR/kernels/tslab/kernel.json; point JUPYTER_PATH=DIR at it
//                                     (the tests do this, so they never touch the user's Jupyter set-up)
//
// `tslab install` needs IPython; writing the kernelspec ourselves needs only jupyter_client. The kernel
// command is the absolute path of this project's tslab, so the notebooks run with the pinned version.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const tslab = join(root, "node_modules", ".bin", "tslab");
if (!existsSync(tslab)) {
  console.error(`install-kernel: ${tslab} not found; run npm install first`);
  process.exit(1);
}

export function kernelSpec() {
  return {
    argv: [process.execPath, tslab, "kernel", "--config-path", "{connection_file}"],
    display_name: "TypeScript (nested-lc)",
    language: "typescript",
  };
}

const i = process.argv.indexOf("--dir");
if (i >= 0) {
  const dir = join(resolve(process.argv[i + 1] ?? "."), "kernels", "tslab");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "kernel.json"), JSON.stringify(kernelSpec(), null, 2));
  console.log(dir);
} else {
  const tmp = mkdtempSync(join(tmpdir(), "nested-lc-kernel-"));
  const dir = join(tmp, "tslab");
  mkdirSync(dir);
  writeFileSync(join(dir, "kernel.json"), JSON.stringify(kernelSpec(), null, 2));
  // Debian's python3 is where Debian's jupyter packages live; a science platform's python3 has its own.
  const python = existsSync("/usr/bin/python3") && process.env.NESTED_LC_PYTHON === undefined ? "/usr/bin/python3" : (process.env.NESTED_LC_PYTHON ?? "python3");
  const attempts = [
    [python, ["-m", "jupyter", "kernelspec", "install", dir, "--name", "tslab", "--user"]],
    [python, ["-m", "jupyter_client.kernelspecapp", "install", dir, "--name", "tslab", "--user"]],
    ["python3", ["-m", "jupyter", "kernelspec", "install", dir, "--name", "tslab", "--user"]],
  ];
  let done = false;
  for (const [cmd, args] of attempts) {
    try {
      execFileSync(cmd, args, { stdio: ["ignore", "inherit", "pipe"] });
      done = true;
      break;
    } catch {
      // try the next way of reaching jupyter_client
    }
  }
  rmSync(tmp, { recursive: true, force: true });
  if (!done) {
    console.error("install-kernel: no Jupyter found (tried `python3 -m jupyter kernelspec` and jupyter_client.kernelspecapp).\n" +
      "Install Jupyter (Debian: apt-get install jupyter-core python3-nbclient; or pip install jupyterlab), or set NESTED_LC_PYTHON to the python that has it.");
    process.exit(1);
  }
  console.log('install-kernel: kernel "tslab" (TypeScript (nested-lc)) installed for this user; pick it in Jupyter for notebooks/*.ipynb');
}
