/**
 * Every JSDoc `@example` in src/ runs as a test (nested-pandas: "every docstring
 * example runs as a test"). An example is the lines after `@example` up to the
 * next tag or the end of its comment. It is transpiled by TypeScript (so it may
 * carry type annotations and casts) and run as the body of an async function
 * whose parameters are every export of src/index.ts, every export of the module
 * it documents, and the fixtures of ./fixtures.ts (`frame`, `objects`,
 * `forcedSources`, ...). It runs in a scratch directory where `data-samples/`
 * points at the repository's samples, so an example may write `lc.parquet`.
 * `console` is captured and shown only when the example fails.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as api from "../../src/index.js";
import { makeFixtures } from "./fixtures.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SRC = join(ROOT, "src");

/**
 * Examples that cannot run yet, in files this suite may not edit, keyed by test
 * title, with what is wrong. Remove an entry as soon as its example is fixed.
 */
/** Set EXAMPLES_RUN_KNOWN_BROKEN=1 to run them anyway, e.g. to see whether they are fixed. */
const RUN_KNOWN_BROKEN = process.env["EXAMPLES_RUN_KNOWN_BROKEN"] === "1";
const KNOWN_BROKEN: Readonly<Record<string, string>> = {};

export interface Example {
  /** Path relative to the repository root, e.g. "src/frame/verbs/loc.ts". */
  readonly file: string;
  /** 1-based line of the `@example` tag. */
  readonly line: number;
  /** The documented symbol: `fromFlat`, `NestedFrame.query`, or `line N` when none is found. */
  readonly symbol: string;
  readonly code: string;
  /** Where the example is written when that is not `file` (README.md's blocks run in the scope of src/index.ts). */
  readonly source?: string;
}

const DECLARATION =
  /^\s*export\s+(?:default\s+)?(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:function\s*\*?|class|const|let|var|interface|type|enum)\s*([A-Za-z_$][\w$]*)/;
const MEMBER = /^\s+(?:(?:public|private|protected|static|readonly|override|abstract|async|get|set)\s+)*\*?\s*([A-Za-z_$][\w$]*)\s*[(<:=]/;
const CLASS = /^\s*export\s+(?:default\s+)?(?:abstract\s+)?class\s+([A-Za-z_$][\w$]*)/gm;

/** The name declared on the first code line after a comment; class members as `Class.member`. */
function symbolAfter(text: string, end: number, line: number): string {
  const next = text.slice(end).split("\n").find((l) => l.trim() !== "") ?? "";
  const decl = DECLARATION.exec(next);
  if (decl) return decl[1]!;
  const member = MEMBER.exec(next);
  if (member) {
    let owner: string | undefined;
    for (const m of text.slice(0, end).matchAll(CLASS)) owner = m[1];
    return owner ? `${owner}.${member[1]}` : member[1]!;
  }
  return `line ${line}`;
}

/** The `@example` blocks of one source file. */
export function extractExamples(text: string, file: string): Example[] {
  const out: Example[] = [];
  for (const m of text.matchAll(/\/\*\*([\s\S]*?)\*\//g)) {
    if (!m[1]!.includes("@example")) continue;
    const startLine = text.slice(0, m.index).split("\n").length;
    const lines = m[1]!.split("\n").map((l) => l.replace(/^\s*\* ?/, ""));
    const symbol = symbolAfter(text, m.index! + m[0].length, startLine);
    for (let i = 0; i < lines.length; i++) {
      if (!/^\s*@example\b/.test(lines[i]!)) continue;
      let j = i + 1;
      while (j < lines.length && !/^\s*@\w/.test(lines[j]!)) j++;
      const code = lines.slice(i + 1, j).join("\n").trim();
      if (code !== "") out.push({ file, line: startLine + i, symbol, code });
      i = j - 1;
    }
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
    .map((f) => join(dir, f))
    .sort();
}

/** TypeScript to JavaScript: the example as an async function `__example__`. */
function transpile(ex: Example): string {
  const source = `async function __example__() {\n${ex.code}\n}\n`;
  const result = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, isolatedModules: true },
    reportDiagnostics: true,
    fileName: `${ex.file}.example.ts`,
  });
  const errors = (result.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) {
    const msg = errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")).join("\n");
    throw new SyntaxError(`The example does not parse:\n${msg}`);
  }
  return result.outputText.replace(/^export \{\};?\s*$/m, "");
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...values: unknown[]) => Promise<unknown>;

/** Make a console whose output goes to `log` instead of the test output. */
function capturingConsole(log: string[]): Pick<Console, "log" | "info" | "warn" | "error" | "debug" | "table" | "dir"> {
  const put = (...xs: unknown[]) => void log.push(xs.map((x) => (typeof x === "string" ? x : String(x))).join(" "));
  return { log: put, info: put, warn: put, error: put, debug: put, table: put, dir: put };
}

const moduleCache = new Map<string, Promise<Record<string, unknown>>>();
function moduleOf(file: string): Promise<Record<string, unknown>> {
  let p = moduleCache.get(file);
  if (!p) {
    p = import(/* @vite-ignore */ pathToFileURL(join(ROOT, file)).href) as Promise<Record<string, unknown>>;
    moduleCache.set(file, p);
  }
  return p;
}

async function runExample(ex: Example): Promise<void> {
  const js = transpile(ex);
  const scope = new Map<string, unknown>();
  for (const [k, v] of Object.entries(api)) scope.set(k, v);
  for (const [k, v] of Object.entries(await moduleOf(ex.file))) scope.set(k, v);
  for (const [k, v] of Object.entries(makeFixtures())) scope.set(k, v);
  const log: string[] = [];
  scope.set("console", capturingConsole(log));
  const names = [...scope.keys()].filter((k) => IDENTIFIER.test(k) && k !== "default");
  const fn = new AsyncFunction(...names, `${js}\nreturn __example__();`);
  try {
    await fn(...names.map((k) => scope.get(k)));
  } catch (e) {
    const where = `\n  in the example at ${ex.source ?? ex.file}:${ex.line}:\n${ex.code.replace(/^/gm, "    | ")}`;
    const output = log.length > 0 ? `\n  console output:\n${log.join("\n").replace(/^/gm, "    > ")}` : "";
    if (e instanceof Error) {
      e.message += where + output;
      throw e;
    }
    throw new Error(`${String(e)}${where}${output}`);
  }
}

/**
 * Type-check every example as a user would write it: in a virtual file next to
 * this one that imports what the documented module sees (its own imports and
 * exports, rewritten to absolute paths), every export of src/index.ts, and the
 * fixtures. One program for all examples; returns the errors per example
 * ("file:line: message", lines of the source file).
 */
function typeCheck(list: readonly { ex: Example; title: string }[], fixtureNames: readonly string[]): Map<string, string[]> {
  const config = ts.readConfigFile(join(ROOT, "tsconfig.json"), (f) => ts.sys.readFile(f));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const options: ts.CompilerOptions = {
    ...parsed.options,
    noEmit: true,
    declaration: false,
    sourceMap: false,
    noUnusedLocals: false,
    noUnusedParameters: false,
  };
  const index = join(SRC, "index.ts");
  const fixtures = join(ROOT, "test/docs/fixtures.ts");
  const modules = [...new Set(list.map((t) => join(ROOT, t.ex.file)))];
  const first = ts.createProgram([index, fixtures, ...modules], options);
  const checker = first.getTypeChecker();
  const exportsOf = (file: string): string[] => {
    const sf = first.getSourceFile(file);
    const sym = sf && checker.getSymbolAtLocation(sf);
    return sym ? checker.getExportsOfModule(sym).map((x) => x.name) : [];
  };
  const specifier = (from: string, spec: string) => (spec.startsWith(".") ? join(dirname(from), spec) : spec);
  /** name -> the import statement that brings it into scope. */
  const scopeOf = (file: string): Map<string, string> => {
    const scope = new Map<string, string>();
    for (const name of exportsOf(index)) scope.set(name, `import { ${name} } from ${JSON.stringify(index.replace(/\.ts$/, ".js"))};`);
    for (const st of first.getSourceFile(file)?.statements ?? []) {
      if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || !st.importClause) continue;
      const from = JSON.stringify(specifier(file, st.moduleSpecifier.text));
      const b = st.importClause.namedBindings;
      if (st.importClause.name) scope.set(st.importClause.name.text, `import ${st.importClause.name.text} from ${from};`);
      if (b && ts.isNamespaceImport(b)) scope.set(b.name.text, `import * as ${b.name.text} from ${from};`);
      if (b && ts.isNamedImports(b)) {
        for (const e of b.elements) scope.set(e.name.text, `import { ${e.propertyName ? `${e.propertyName.text} as ` : ""}${e.name.text} } from ${from};`);
      }
    }
    for (const name of exportsOf(file)) scope.set(name, `import { ${name} } from ${JSON.stringify(file.replace(/\.ts$/, ".js"))};`);
    for (const name of fixtureNames) scope.delete(name);
    return scope;
  };
  const virtual = new Map<string, { text: string; header: number; title: string; ex: Example }>();
  const scopes = new Map<string, string[]>();
  list.forEach(({ ex, title }, k) => {
    const file = join(ROOT, ex.file);
    let imports = scopes.get(file);
    if (!imports) scopes.set(file, (imports = [...scopeOf(file).values()]));
    const head = [
      ...imports,
      `import type { Fixtures as __Fixtures } from ${JSON.stringify(fixtures.replace(/\.ts$/, ".js"))};`,
      "declare const __fx: __Fixtures;",
      `let { ${fixtureNames.join(", ")} } = __fx;`,
      "export async function __example__() {",
    ];
    virtual.set(join(ROOT, "test/docs", `__example_${k}__.ts`), { text: `${head.join("\n")}\n${ex.code}\n}\n`, header: head.length, title, ex });
  });
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang, ...rest) => {
    const v = virtual.get(name);
    return v ? ts.createSourceFile(name, v.text, lang) : getSourceFile(name, lang, ...rest);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => virtual.has(name) || fileExists(name);
  const program = ts.createProgram({ rootNames: [...virtual.keys()], options, host, oldProgram: first });
  const out = new Map<string, string[]>();
  for (const [name, v] of virtual) {
    const sf = program.getSourceFile(name)!;
    const diags = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)];
    out.set(
      v.title,
      diags.map((d) => {
        const line = d.start === undefined ? 0 : sf.getLineAndCharacterOfPosition(d.start).line - v.header;
        return `${v.ex.file}:${v.ex.line + 1 + line}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
      }),
    );
  }
  return out;
}

/** The data-samples paths an example names that do not exist (yet). */
function missingSamples(ex: Example): string[] {
  // a path template (`.../tract={tract}/object.parquet`) is checked up to the folder before its first field
  const paths = (ex.code.match(/data-samples(?:\/[\w.=\-/{}]*)?/g) ?? []).map((p) => p.replace(/\/?[^/]*\{.*$/, ""));
  return paths.filter((p) => !existsSync(join(ROOT, p.replace(/\/$/, ""))));
}

/**
 * The ```ts blocks of a markdown file, run in the scope of src/index.ts; their
 * `import ... from "nested-lc"` lines are dropped since the whole API is in scope.
 */
export function markdownExamples(text: string, source: string): Example[] {
  const out: Example[] = [];
  for (const m of text.matchAll(/^```ts\n([\s\S]*?)^```/gm)) {
    const line = text.slice(0, m.index).split("\n").length;
    const code = m[1]!.replace(/^import [^;]* from "nested-lc";\n/gm, "").trim();
    out.push({ file: "src/index.ts", line, symbol: `code block at line ${line}`, code, source });
  }
  return out;
}

const examples = [
  ...sourceFiles(SRC).flatMap((f) => extractExamples(readFileSync(f, "utf8"), relative(ROOT, f).split("\\").join("/"))),
  ...markdownExamples(readFileSync(join(ROOT, "README.md"), "utf8"), "README.md"),
];

function titleOf(ex: Example, seen: Map<string, number>): string {
  const base = `${ex.source ?? ex.file}: ${ex.symbol}`;
  const k = (seen.get(base) ?? 0) + 1;
  seen.set(base, k);
  return k === 1 ? base : `${base} (line ${ex.line})`;
}

const seen = new Map<string, number>();
const titled = examples.map((ex) => ({ ex, title: titleOf(ex, seen) }));

describe("JSDoc @example blocks", () => {
  let scratch = "";
  let cwd = "";
  beforeAll(() => {
    cwd = process.cwd();
    scratch = mkdtempSync(join(tmpdir(), "nested-lc-examples-"));
    symlinkSync(join(ROOT, "data-samples"), join(scratch, "data-samples"), "dir");
    process.chdir(scratch);
  });
  afterAll(() => {
    process.chdir(cwd);
    rmSync(scratch, { recursive: true, force: true });
  });

  let typeErrors: Map<string, string[]> | undefined;
  const typeErrorsOf = (title: string): string[] => {
    const runnable = titled.filter((t) => RUN_KNOWN_BROKEN || KNOWN_BROKEN[t.title] === undefined);
    typeErrors ??= typeCheck(runnable, Object.keys(makeFixtures()));
    return typeErrors.get(title) ?? [];
  };
  // One type-check of every example (15-30 s on a busy machine) in a hook, under the hook timeout,
  // not inside whichever example happens to run first and its 30 s test timeout.
  beforeAll(() => void typeErrorsOf(""));

  for (const { ex, title } of titled) {
    const broken = KNOWN_BROKEN[title];
    const missing = missingSamples(ex);
    if (broken !== undefined && !RUN_KNOWN_BROKEN) {
      it.skip(`${title} [KNOWN_BROKEN: ${broken}]`, () => {});
    } else {
      const name = missing.length > 0 ? `${title} [sample missing: ${missing.join(", ")}]` : title;
      it.skipIf(missing.length > 0)(
        name,
        async () => {
          await runExample(ex);
          expect(typeErrorsOf(title), "the example type-checks").toEqual([]);
        },
        30_000,
      );
    }
  }
});

describe("the example extractor", () => {
  it("finds examples in src/", () => {
    expect(examples.length).toBeGreaterThan(50);
  });

  it("names the documented symbol, class members as Class.member", () => {
    const text = [
      "/**",
      " * Doc.",
      " *",
      " * @example",
      " * const x = f(1);",
      " * x; // 2",
      " * @returns one more",
      " */",
      "export function f(n: number): number {",
      "  return n + 1;",
      "}",
      "export class K {",
      "  /**",
      "   * @example",
      "   * new K().m();",
      "   */",
      "  static async m(): Promise<void> {}",
      "}",
    ].join("\n");
    expect(extractExamples(text, "x.ts")).toEqual([
      { file: "x.ts", line: 4, symbol: "f", code: "const x = f(1);\nx; // 2" },
      { file: "x.ts", line: 14, symbol: "K.m", code: "new K().m();" },
    ]);
  });

  it("runs README.md's TypeScript blocks too, without their package imports", () => {
    const md = ["# x", "", "```ts", 'import { NestedFrame } from "nested-lc";', "const f = 1;", "```", "", "```bash", "npm test", "```"].join("\n");
    expect(markdownExamples(md, "x.md")).toEqual([{ file: "src/index.ts", line: 3, symbol: "code block at line 3", code: "const f = 1;", source: "x.md" }]);
    expect(titled.some((t) => t.title.startsWith("README.md: "))).toBe(true);
  });

  it("lists in KNOWN_BROKEN only examples that exist", () => {
    const titles = new Set(titled.map((t) => t.title));
    expect(Object.keys(KNOWN_BROKEN).filter((k) => !titles.has(k))).toEqual([]);
  });
});
