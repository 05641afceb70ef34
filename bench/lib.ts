/**
 * The library under benchmark, loaded from the build (dist/, what users run;
 * worker threads start from plain .js) unless NESTED_LC_BENCH_LIB=src.
 */
import type * as Lib from "../src/index.js";

export type NestedLc = typeof Lib;

/** nested-lc from dist/ (run `npm run build` first) or, with NESTED_LC_BENCH_LIB=src, from the sources. */
export async function loadNestedLc(): Promise<NestedLc> {
  const src = process.env["NESTED_LC_BENCH_LIB"] === "src";
  const url = new URL(src ? "../src/index.js" : "../dist/index.js", import.meta.url);
  return (await import(url.href)) as NestedLc;
}
