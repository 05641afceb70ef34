/**
 * The description groupFlat leaves in its directory, so that a regrouped flat
 * catalog reopens (in another process, e.g. a shard job) with the same
 * id-range partitions instead of one partition per spilled file.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { FileFormatError } from "../io/errors.js";
import type { CatalogSource } from "./catalog-source.js";

/** The file groupFlat writes in its directory, describing the regrouped catalog. */
export const GROUPED_FILE = "_nested_lc_catalog.json";
/** Its `format` field. */
export const GROUPED_FORMAT = "nested-lc/grouped-flat";

/**
 * The regrouped catalog described by `dir/_nested_lc_catalog.json` (written by
 * groupFlat), or undefined when there is none.
 *
 * @example
 * await readGroupedSource("data-samples/forced_source_visits"); // undefined: not a regrouped catalog
 */
export async function readGroupedSource(dir: string): Promise<CatalogSource | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, GROUPED_FILE), "utf8");
  } catch {
    return undefined;
  }
  const j = JSON.parse(text) as { format?: string; source?: CatalogSource };
  if (j.format !== GROUPED_FORMAT || !j.source) throw new FileFormatError(join(dir, GROUPED_FILE), `is not a regrouped catalog description (format ${String(j.format)}).`);
  return { ...j.source, path: dir, partitions: j.source.partitions.map((p) => ({ ...p, files: p.files.map((f) => join(dir, f)) })) };
}
