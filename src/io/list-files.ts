/** Find parquet files under a directory, in a stable (sorted) order. */
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { ParquetReadError } from "./errors.js";

/** Hidden files and `_metadata` / `_common_metadata` summaries are not data. */
const isData = (name: string) => !name.startsWith(".") && !name.startsWith("_");

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
    if (!isData(e.name)) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listParquetFiles(p)));
    else if (e.name.endsWith(".parquet") || e.name.endsWith(".parq")) out.push(p);
  }
  return out.sort();
}
