/**
 * Flat DPDD-style tables spread over files (an Object table per tract, a
 * Source table per visit) read as one frame through a column mapping. Every
 * file's footer is checked against the first's (same columns, same types)
 * and the mapping against the files' columns before any row is read; only
 * the columns the mapping needs are decoded. A path template's `{fields}`
 * become columns, or, when the files already hold that column, are checked
 * against it row by row.
 */
import { dataIdType, templateFiles } from "../catalog/catalog-source.js";
import { dataIdColumn } from "../catalog/read-partition.js";
import { type Column, columnLength, valueAt } from "../frame/column.js";
import { ArgumentError, ColumnNotFoundError } from "../frame/errors.js";
import type { NestedFrame } from "../frame/nested-frame.js";
import { concatFrames } from "../io/concat-frames.js";
import { FileFormatError } from "../io/errors.js";
import { listParquetFiles } from "../io/list-files.js";
import { openParquet } from "../io/parquet-open.js";
import { prepareOpened, readPreparedParts } from "../io/parquet-read.js";
import { type ParquetSchemaInfo, checkSameColumns, describeOpened } from "../io/parquet-schema.js";
import { freeParquetFile } from "../io/parquet-wasm.js";
import type { DpddMapping } from "./dpdd-mappings.js";
import { type MappedColumn, applyDpddMapping, checkMapping, mappedColumns } from "./dpdd-mapping.js";

export interface ReadDpddTableOptions {
  /** Keep only the files matching this template (relative to the folder), e.g. `tract_{tract}.parquet` or `tract={tract}/object.parquet`; its fields become columns. */
  readonly template?: string;
  /** Only these output columns (mapped names), in mapping order. Default: all the mapping makes. */
  readonly columns?: readonly string[];
}

/** `dir/tract_{tract}.parquet` -> the folder before the first `{field}` and the template after it. */
function splitTemplate(source: string): { root: string; template?: string } {
  const parts = source.split("/");
  const k = parts.findIndex((p) => p.includes("{"));
  if (k < 0) return { root: source };
  if (k === 0) throw new ArgumentError(`"${source}": a path template needs a folder before its first {field} (write "./${source}").`);
  return { root: parts.slice(0, k).join("/"), template: parts.slice(k).join("/") };
}

/** Throws unless every row of `column` holds the value the file's path gives it (compared as the column's type, one typed loop). */
function checkDataIdColumn(column: Column, name: string, value: string, file: string): void {
  const n = columnLength(column);
  let bad = -1;
  if (column.type === "int64") {
    const want = /^-?\d{1,19}$/.test(value) ? BigInt(value) : undefined;
    const v = column.values;
    for (let i = 0; i < n && bad < 0; i++) if (v[i] !== want) bad = i;
  } else if (column.type === "dict") {
    const code = column.dictionary.indexOf(value);
    const c = column.codes;
    for (let i = 0; i < n && bad < 0; i++) if (c[i] !== code) bad = i;
  } else {
    // numbers and bools (1/0): the path's text as a number; "true"/"false" for bools
    const want = column.type === "bool" ? (value === "true" ? 1 : value === "false" ? 0 : NaN) : value.trim() === "" ? NaN : Number(value);
    const v = column.values;
    for (let i = 0; i < n && bad < 0; i++) if (v[i] !== want) bad = i;
  }
  if (bad < 0 && column.valid) bad = column.valid.indexOf(0);
  if (bad >= 0) throw new FileFormatError(file, `column "${name}" is ${String(valueAt(column, bad))} in row ${bad}, but the path says ${name}=${value}.`);
}

/** The mapping's columns for the first file, restricted to `columns`; template fields count as columns. */
function planColumns(mapping: DpddMapping | string | undefined, info: ParquetSchemaInfo, fields: readonly { name: string; type: string }[], columns: readonly string[] | undefined): MappedColumn[] {
  const types = new Map(info.columns.map((c) => [c.name, c.type] as const));
  for (const f of fields) if (!types.has(f.name)) types.set(f.name, f.type === "int64" ? "Int64" : "Dictionary<Int32, Utf8>");
  const identity: DpddMapping = { name: "(no mapping)", columns: Object.fromEntries([...types.keys()].map((k) => [k, { from: k }])) };
  const all = checkMapping(mapping ?? identity, types, info.path);
  // A template's field the mapping does not use is still asked for by the path: it comes last, as it is.
  for (const f of fields) {
    if (!all.some((c) => c.output === f.name || c.sources.includes(f.name))) all.push({ output: f.name, rule: { from: f.name }, sources: [f.name], unit: "" });
  }
  if (!columns) return all;
  const names = all.map((c) => c.output);
  for (const c of columns) if (!names.includes(c)) throw new ColumnNotFoundError(c, names, `the columns mapping "${mapping === undefined ? identity.name : typeof mapping === "string" ? mapping : mapping.name}" makes from ${info.path}`);
  return all.filter((c) => columns.includes(c.output));
}

/**
 * Read flat tables from many files as one frame, renamed and derived by
 * `mapping` (a built-in name such as `"dc2Object"`, your own mapping object,
 * or undefined to keep the columns as stored). `source` is a folder (every
 * parquet file under it), a file, a list of files, or a path with a template,
 * `"data-samples/dp1_source_tables/object/tract_{tract}.parquet"`: the
 * template picks the files and its fields become columns (int64 when every
 * value is an integer), or are checked against the files' own column of that
 * name; a field the mapping does not use comes last under its own name.
 * Rows come in file order (sorted paths for a folder).
 *
 * Files whose columns or types differ throw SchemaMismatchError naming both
 * files, the column and both types; a source column the mapping needs and the
 * files lack throws a ColumnNotFoundError naming the file, the mapping, the
 * output column and the nearest names; all before any row is read.
 *
 * @example
 * const objects = await readDpddTable("data-samples/dp1_source_tables/object/tract_{tract}.parquet", "dc2Object");
 * objects.columnNames.slice(0, 6); // ["objectId", "ra", "dec", "tract", "patch", "extendedness"]
 * const sources = await readDpddTable("data-samples/dp1_source_tables/source/visit_{visit}.parquet", "dp1Source", { columns: ["band", "psfFlux", "psfFluxErr", "sky_source"] });
 * sources.columnNames; // ["band", "psfFlux", "psfFluxErr", "sky_source"]
 */
export async function readDpddTable(source: string | readonly string[], mapping?: DpddMapping | string, options: ReadDpddTableOptions = {}): Promise<NestedFrame> {
  let root: string | undefined;
  let template = options.template;
  if (typeof source === "string") {
    const split = splitTemplate(source);
    if (split.template !== undefined && template !== undefined) throw new ArgumentError(`"${source}" has a template in its path and options.template is "${template}"; give one.`);
    root = split.root;
    template ??= split.template;
  }
  let files = typeof source === "string" ? await listParquetFiles(root!) : [...source];
  if (files.length === 0) throw new ArgumentError(`No parquet files found in ${String(source)}.`);
  let dataIds: Record<string, string>[] | undefined;
  if (template !== undefined) {
    if (root === undefined) throw new ArgumentError(`A template is relative to a folder; pass the folder (or "folder/${template}"), not a list of files.`);
    ({ files, dataIds } = templateFiles(root, files, template));
  }
  const fieldNames = dataIds ? Object.keys(dataIds[0] ?? {}) : [];
  const fields = fieldNames.map((name) => ({ name, type: dataIdType(dataIds!, name) }));
  if (mapping !== undefined) mappedColumns(mapping); // a malformed mapping is named before any file is opened
  let first: ParquetSchemaInfo | undefined;
  let plan: MappedColumn[] = [];
  let read: string[] = [];
  const frames: NestedFrame[] = [];
  const labels: string[] = [];
  for (let k = 0; k < files.length; k++) {
    const file = files[k]!;
    const p = await openParquet(file);
    try {
      const info = describeOpened(p);
      if (first) checkSameColumns(first, info);
      else {
        first = info;
        const nest = info.columns.find((c) => c.kind === "nest");
        if (nest) throw new FileFormatError(file, `is nested (column "${nest.name}"); readDpddTable reads flat tables. Use readParquet or readHats.`);
        plan = planColumns(mapping, info, fields, options.columns);
        const stored = new Set(info.columns.map((c) => c.name));
        // Stored template fields are read even when unmapped: every row is checked against its path.
        read = [...new Set([...plan.flatMap((c) => c.sources), ...fieldNames])].filter((s) => stored.has(s));
      }
      for (const part of await readPreparedParts(prepareOpened(p, { columns: read }))) {
        const extra: Record<string, Column> = {};
        for (const f of fields) {
          const value = dataIds![k]![f.name]!;
          if (part.columnNames.includes(f.name)) checkDataIdColumn(part.column(f.name), f.name, value, file);
          else extra[f.name] = dataIdColumn(f.type, value, part.length);
        }
        frames.push(Object.keys(extra).length > 0 ? part.withColumns(extra) : part);
        labels.push(file);
      }
    } finally {
      freeParquetFile(p.file);
    }
  }
  return applyDpddMapping(concatFrames(frames, labels), plan);
}
