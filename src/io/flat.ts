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

/** Floating-point ids are refused from the footer, naming the file, before any row is read. */
function checkIdType(info: ParquetSchemaInfo, on: string): void {
  const c = info.columns.find((x) => x.name === on);
  if (c && /^(Float|Decimal)/i.test(c.type)) {
    throw new FileFormatError(info.path, `column "${on}" is ${c.type}; object ids must be integers (int64) or strings, and floating-point ids lose precision beyond 2^53.`);
  }
}

/** A row without an object id cannot be placed in any light curve: name the file that has one. */
function checkIdsPresent(part: NestedFrame, on: string, file: string): void {
  if (!part.columnNames.includes(on)) return;
  const valid = part.column(on).valid;
  if (valid === undefined) return;
  let nulls = 0;
  for (let i = 0; i < valid.length; i++) if (valid[i] === 0) nulls++;
  if (nulls > 0) throw new FileFormatError(file, `column "${on}" has ${nulls} null id(s) in a row group; every observation needs an object id.`);
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
      if (first === info) checkIdType(info, options.on);
      const parts = await readPreparedParts(r);
      for (const part of parts) checkIdsPresent(part, options.on, f);
      frames.push(...parts);
      labels.push(...parts.map(() => f));
    } finally {
      freeParquetFile(r.p.file);
    }
  }
  const { columns: _drop, ...flatOptions } = options;
  return fromFlat(concatFrames(frames, labels), flatOptions);
}
