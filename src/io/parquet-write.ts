/**
 * Write a NestedFrame (or any Arrow Table) as Parquet through parquet-wasm.
 * The whole table passes through wasm memory once, so a file is bounded by what
 * fits there (wasm32: 4 GB); write big catalogs as several files (partitions).
 */
import { writeFile } from "node:fs/promises";
import * as arrow from "apache-arrow";
import { ArgumentError } from "../frame/errors.js";
import { NestedFrame } from "../frame/nested-frame.js";
import type { Compression, WriterProperties } from "parquet-wasm";
import { type ParquetWasm, parquetWasm, toWasmTable } from "./parquet-wasm.js";
import { type NestedLayout, toArrow } from "./to-arrow.js";

export type ParquetCompression = "zstd" | "snappy" | "gzip" | "brotli" | "lz4" | "none";

export interface WriteParquetOptions {
  /** Default `"zstd"`. */
  readonly compression?: ParquetCompression;
  /** Maximum rows (objects, for a nested frame) per row group. Default: parquet-wasm's (1 M rows). */
  readonly rowGroupSize?: number;
  /** Layout of nested columns when writing a NestedFrame. Default `"list<struct>"`. */
  readonly layout?: NestedLayout;
  /** Extra key/value pairs stored in the file footer. */
  readonly metadata?: Readonly<Record<string, string>>;
}

const { Compression: C } = parquetWasm();
const CODECS: Record<ParquetCompression, Compression> = {
  zstd: C.ZSTD,
  snappy: C.SNAPPY,
  gzip: C.GZIP,
  brotli: C.BROTLI,
  lz4: C.LZ4_RAW,
  none: C.UNCOMPRESSED,
};

function writerProperties(w: ParquetWasm, options: WriteParquetOptions): WriterProperties {
  const compression = options.compression ?? "zstd";
  const codec = CODECS[compression];
  if (codec === undefined) {
    throw new ArgumentError(`Unknown compression "${compression}"; use one of ${Object.keys(CODECS).join(", ")}.`);
  }
  let b = new w.WriterPropertiesBuilder().setCompression(codec).setCreatedBy("nested-lc");
  if (options.rowGroupSize !== undefined) {
    if (!Number.isInteger(options.rowGroupSize) || options.rowGroupSize < 1) {
      throw new ArgumentError(`rowGroupSize must be a positive integer, got ${options.rowGroupSize}.`);
    }
    b = b.setMaxRowGroupSize(options.rowGroupSize);
  }
  if (options.metadata) b = b.setKeyValueMetadata(new Map(Object.entries(options.metadata)));
  return b.build();
}

/**
 * Parquet bytes of a frame or Arrow Table, in memory.
 *
 * @example
 * const bytes = toParquetBuffer(frame, { layout: "struct<list>" });
 */
export function toParquetBuffer(data: NestedFrame | arrow.Table, options: WriteParquetOptions = {}): Uint8Array {
  const table = data instanceof NestedFrame ? toArrow(data, { layout: options.layout ?? "list<struct>" }) : data;
  const w = parquetWasm();
  return w.writeParquet(toWasmTable(table, w), writerProperties(w, options));
}

/**
 * Write a frame or Arrow Table to a Parquet file (zstd by default).
 *
 * @example
 * await writeParquet(frame, "lc.parquet", { rowGroupSize: 10_000, layout: "struct<list>" });
 */
export async function writeParquet(data: NestedFrame | arrow.Table, path: string, options: WriteParquetOptions = {}): Promise<void> {
  await writeFile(path, toParquetBuffer(data, options));
}
