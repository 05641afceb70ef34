#!/usr/bin/env node
// Executes a tslab notebook in this process, without Jupyter or Python, through tslab's own
// converter and executor (the pieces its kernel uses), and records every cell's outputs.
//
//   node scripts/run-notebook.cjs notebooks/01-nested-light-curves.ipynb [--out executed.ipynb] [--json result.json]
//
// Exit code 0 when every cell ran, 1 on the first failing cell (later cells are not run, as in
// Jupyter). tslab's converter/executor are internal API, so package.json pins tslab exactly.
// One notebook per process: cells share one executor, and module state must not leak between
// notebooks. The kernel's working directory is the notebook's folder, as under Jupyter.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

function parseArgs(argv) {
  const args = { notebook: undefined, out: undefined, json: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--out") args.out = argv[++i];
    else if (a === "--json") args.json = argv[++i];
    else if (a.startsWith("--")) throw new Error(`run-notebook: unknown option ${a} (use --out FILE, --json FILE)`);
    else args.notebook = a;
  }
  if (!args.notebook) throw new Error("usage: node scripts/run-notebook.cjs NOTEBOOK.ipynb [--out FILE.ipynb] [--json FILE.json]");
  return args;
}

const sourceOf = (cell) => (Array.isArray(cell.source) ? cell.source.join("") : String(cell.source ?? ""));

/** Jupyter stores multi-line text as a list of lines that keep their newlines. */
function lines(text) {
  const parts = text.split(/(?<=\n)/);
  return parts.length === 1 && parts[0] === "" ? [] : parts;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const nbPath = path.resolve(args.notebook);
  const outPath = args.out && path.resolve(args.out);
  const jsonPath = args.json && path.resolve(args.json);
  const nb = JSON.parse(fs.readFileSync(nbPath, "utf8"));
  process.chdir(path.dirname(nbPath));

  // Load tslab from the project that holds the notebook, as the kernel does.
  const tslabDir = path.dirname(require.resolve("tslab/package.json", { paths: [process.cwd(), __dirname] }));
  const { createConverter } = require(path.join(tslabDir, "dist", "converter.js"));
  const { createExecutor } = require(path.join(tslabDir, "dist", "executor.js"));
  const jupyter = require(path.join(tslabDir, "dist", "jupyter.js"));

  let outputs = [];
  const realStdout = process.stdout.write.bind(process.stdout);
  const realStderr = process.stderr.write.bind(process.stderr);
  const appendStream = (name, chunk) => {
    const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    const last = outputs[outputs.length - 1];
    if (last && last.output_type === "stream" && last.name === name) last.text += text;
    else outputs.push({ output_type: "stream", name, text });
  };
  // tslab's display API writes through this hook; under Jupyter it sends display_data messages.
  const displays = new Map();
  jupyter.lastWriteDisplayData = (data, update) => {
    const id = data.transient && data.transient.display_id;
    const out = { output_type: "display_data", data: data.data, metadata: data.metadata ?? {} };
    if (update && id && displays.has(id)) Object.assign(displays.get(id), out);
    else {
      outputs.push(out);
      if (id) displays.set(id, out);
    }
  };

  const node = createConverter({ isJS: false, isBrowser: false });
  let browser;
  const convs = {
    node,
    get browser() {
      return (browser ??= createConverter({ isJS: false, isBrowser: true }));
    },
    close() {
      node.close();
      if (browser) browser.close();
    },
  };
  const executor = createExecutor(process.cwd(), convs, { log: console.log, error: console.error });

  const results = [];
  let failed = false;
  let count = 0;
  for (const [index, cell] of nb.cells.entries()) {
    if (cell.cell_type !== "code") continue;
    count++;
    outputs = [];
    displays.clear();
    process.stdout.write = (chunk, ...rest) => (appendStream("stdout", chunk), typeof rest[rest.length - 1] === "function" && rest[rest.length - 1](), true);
    process.stderr.write = (chunk, ...rest) => (appendStream("stderr", chunk), typeof rest[rest.length - 1] === "function" && rest[rest.length - 1](), true);
    const started = Date.now();
    let ok;
    try {
      ok = await executor.execute(sourceOf(cell));
    } catch (e) {
      appendStream("stderr", String((e && e.stack) || e));
      ok = false;
    } finally {
      process.stdout.write = realStdout;
      process.stderr.write = realStderr;
    }
    const seconds = (Date.now() - started) / 1000;
    cell.execution_count = count;
    cell.outputs = outputs.map((o) => (o.output_type === "stream" ? { ...o, text: lines(o.text) } : o));
    const text = (name) => outputs.filter((o) => o.output_type === "stream" && o.name === name).map((o) => o.text).join("");
    results.push({ index, ok, seconds, stdout: text("stdout"), stderr: text("stderr"), mimeTypes: outputs.filter((o) => o.output_type === "display_data").map((o) => Object.keys(o.data)) });
    if (!ok) {
      failed = true;
      realStderr(`${path.basename(nbPath)}: cell ${index} failed:\n${sourceOf(cell)}\n--- stderr ---\n${text("stderr")}\n`);
      break;
    }
  }
  executor.close();
  convs.close();

  if (outPath) fs.writeFileSync(outPath, JSON.stringify(nb, null, 1) + "\n");
  if (jsonPath) fs.writeFileSync(jsonPath, JSON.stringify({ notebook: nbPath, ok: !failed, cells: results }, null, 1));
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`run-notebook: ${(e && e.message) || e}\n`);
    process.exit(2);
  },
);
