/** Find parquet files under a directory, in a stable (sorted) order. */
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { ParquetReadError } from "./errors.js";

/** Hidden files and `_metadata` / `_common_metadata` summaries are not data. */
export const isDataName = (name: string): boolean => !name.startsWith(".") && !name.startsWith("_");

/** A parquet data file's name. */
export const isParquetName = (name: string): boolean => isDataName(name) && (name.endsWith(".parquet") || name.endsWith(".parq"));

/**
 * Every `*.parquet` file under `dir` (recursively), sorted by path. A single
 * file path is returned as is.
 *
 * @example
 * await listParquetFiles("data-samples/forced_source_visits"); // [".../visit_2024102300019-2024102500037.parquet", ...]
 */
export async function listParquetFiles(dir: string): Promise<string[]> {
  let s;
  try {
    s = await stat(dir);
  } catch (e) {
    throw new ParquetReadError(dir, "no such file or directory", { cause: e });
  }
  if (!s.isDirectory()) return [dir];
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (!isDataName(e.name)) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listParquetFiles(p)));
    else if (isParquetName(e.name)) out.push(p);
  }
  return out.sort();
}
