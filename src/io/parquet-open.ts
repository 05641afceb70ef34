/**
 * Open a parquet file lazily (Node's `fs.openAsBlob`: parquet-wasm fetches only
 * the byte ranges it needs) and describe it: the Arrow schema, row groups, and
 * how user column names map to parquet leaf paths for projection.
 *
 * parquet-wasm's `columns` option takes dotted parquet leaf paths, which include
 * the list wrapper levels: `objectForcedSource.psfFlux.list.element` for a
 * struct<list> nest, `lc.list.element.psfFlux` for list<struct>. Users say
 * `objectForcedSource.psfFlux`; `columnPaths` maps one to the other.
 */
import { openAsBlob } from "node:fs";
import { open } from "node:fs/promises";
import * as arrow from "apache-arrow";
import type { ParquetFile } from "parquet-wasm";
import { nestStruct } from "./arrow-decode.js";
import { FileFormatError, ParquetReadError } from "./errors.js";
import { callParquetWasm, freeParquetFile } from "./parquet-wasm.js";

export interface OpenedParquet {
  readonly path: string;
  /** Free with `freeParquetFile` (from parquet-wasm.ts) when done. */
  readonly file: ParquetFile;
  readonly schema: arrow.Schema;
  /** Logical name (base, nest, `nest.field`) -> dotted parquet leaf paths. */
  readonly columnPaths: ReadonlyMap<string, readonly string[]>;
  readonly rowGroupRows: readonly number[];
  readonly rowGroupBytes: readonly number[];
  readonly rows: number;
  readonly keyValueMetadata: ReadonlyMap<string, string>;
}

const MAGIC = "PAR1";

/** Check existence and the PAR1 magic at both ends before handing the file to wasm, for clear messages. */
async function checkMagic(path: string): Promise<void> {
  let fh;
  try {
    fh = await open(path, "r");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : String((e as Error).message);
    throw new ParquetReadError(path, reason, { cause: e });
  }
  try {
    const st = await fh.stat();
    // open() succeeds on a directory on Linux; reading it would fail with a bare EISDIR naming no path.
    if (st.isDirectory()) throw new ParquetReadError(path, "it is a directory, not a parquet file (read a folder with readDataset, readFlat or readHats)");
    const size = st.size;
    if (size < 12) throw new FileFormatError(path, `not a parquet file (${size} bytes, too short for a parquet header and footer).`);
    const head = Buffer.alloc(4);
    const tail = Buffer.alloc(4);
    await fh.read(head, 0, 4, 0);
    await fh.read(tail, 0, 4, size - 4);
    if (head.toString("latin1") !== MAGIC) {
      throw new FileFormatError(path, `not a parquet file (starts with bytes ${head.toString("hex")}, expected "PAR1").`);
    }
    if (tail.toString("latin1") !== MAGIC) {
      throw new FileFormatError(path, `truncated or corrupt parquet file (no "PAR1" footer magic at the end of its ${size} bytes).`);
    }
  } finally {
    await fh.close();
  }
}

/** Number of parquet leaf columns under an Arrow type. */
function leafCount(t: arrow.DataType): number {
  if (t.children && t.children.length > 0 && !arrow.DataType.isDictionary(t)) return t.children.reduce((s, f) => s + leafCount(f.type), 0);
  return 1;
}

/** Zip the Arrow schema's leaves (depth-first, the parquet order) with the parquet leaf paths. */
function mapColumns(schema: arrow.Schema, leaves: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let k = 0;
  for (const f of schema.fields) {
    const n = leafCount(f.type);
    const mine = leaves.slice(k, k + n);
    out.set(f.name, mine);
    const s = nestStruct(f.type);
    if (s) {
      let j = 0;
      for (const g of s.children) {
        const m = leafCount(g.type);
        out.set(`${f.name}.${g.name}`, mine.slice(j, j + m));
        j += m;
      }
    }
    k += n;
  }
  return out;
}

/**
 * Open a parquet file and read its footer (no column data).
 *
 * @example
 * const p = await openParquet("data-samples/dp1_object_collection/object_lc/dataset/Norder=2/Dir=0/Npix=80.parquet");
 * p.rowGroupRows; // rows per row group
 */
export async function openParquet(path: string): Promise<OpenedParquet> {
  await checkMagic(path);
  return callParquetWasm(path, async (w) => {
    const file = await w.ParquetFile.fromFile(await openAsBlob(path));
    try {
      return describeFooter(path, file);
    } catch (e) {
      freeParquetFile(file);
      throw e;
    }
  });
}

/** Schema, row groups and key/value metadata of an opened file (footer only, no I/O). */
function describeFooter(path: string, file: ParquetFile): OpenedParquet {
  const schema = arrow.tableFromIPC(file.schema().intoIPCStream()).schema;
  const meta = file.metadata();
  const groups = meta.rowGroups();
  const rowGroupRows = groups.map((g) => g.numRows());
  const rowGroupBytes = groups.map((g) => g.compressedSize());
  const leaves = groups.length > 0 ? groups[0]!.columns().map((c) => c.columnPath().join(".")) : [];
  const kv = new Map<string, string>();
  for (const [key, v] of meta.fileMetadata().keyValueMetadata()) if (key !== "ARROW:schema") kv.set(String(key), String(v));
  return {
    path,
    file,
    schema,
    columnPaths: mapColumns(schema, leaves),
    rowGroupRows,
    rowGroupBytes,
    rows: rowGroupRows.reduce((s, n) => s + n, 0),
    keyValueMetadata: kv,
  };
}
