/**
 * Flat per-visit parquet files (the Butler/DPDD layout: one row per observation,
 * int64 ids, float32 fluxes) read and grouped into light curves with fromFlat.
 */
import type { FromFlatOptions } from "../frame/verbs/from-flat.js";
import { fromFlat } from "../frame/verbs/from-flat.js";
import { ArgumentError } from "../frame/errors.js";
import type { NestedFrame } from "../frame/nested-frame.js";
import { concatFrames } from "./concat-frames.js";
import { FileFormatError } from "./errors.js";
import { listParquetFiles } from "./list-files.js";
import { prepareRead, readPreparedParts } from "./parquet-read.js";
import { freeParquetFile } from "./parquet-wasm.js";
import { type ParquetSchemaInfo, checkSameColumns, describeOpened } from "./parquet-schema.js";

export interface ReadFlatOptions extends FromFlatOptions {
  /** Columns to read (the `on` id column is added if missing). Default: all. */
  readonly columns?: readonly string[];
}

/**
 * Read flat parquet files (a directory, searched recursively, or a list) and group
 * their rows into one light curve per object. Every file must have the same
 * columns and types; a mismatch names both files.
 *
 * @example
 * const lcs = await readFlat("data-samples/forced_source_visits", { on: "objectId", name: "lc", sortBy: "midpointMjdTai" });
 */
export async function readFlat(source: string | readonly string[], options: ReadFlatOptions): Promise<NestedFrame> {
  const files = typeof source === "string" ? await listParquetFiles(source) : [...source];
  if (files.length === 0) throw new ArgumentError(`No parquet files found in ${String(source)}.`);
  const columns = options.columns && !options.columns.includes(options.on) ? [options.on, ...options.columns] : options.columns;
  // Each file is opened once: its schema is checked against the first file's, then its row groups are read.
  let first: ParquetSchemaInfo | undefined;
  const frames: NestedFrame[] = [];
  const labels: string[] = [];
  for (const f of files) {
    const r = await prepareRead(f, columns ? { columns } : {});
    try {
      const info = describeOpened(r.p);
      if (first) checkSameColumns(first, info);
      else {
        first = info;
        const nest = info.columns.find((c) => c.kind === "nest");
        if (nest) throw new FileFormatError(info.path, `is nested (column "${nest.name}"); readFlat needs one row per observation. Use readParquet.`);
      }
      const parts = await readPreparedParts(r);
      frames.push(...parts);
      labels.push(...parts.map(() => f));
    } finally {
      freeParquetFile(r.p.file);
    }
  }
  const { columns: _drop, ...flatOptions } = options;
  return fromFlat(concatFrames(frames, labels), flatOptions);
}
