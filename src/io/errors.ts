/**
 * File-level errors of the io room. Each names the file and says what was wrong
 * with it, so a user with hundreds of partitions knows which one to look at.
 */
import { ColumnNotFoundError, NestedLcError, SchemaError } from "../frame/errors.js";

/** A file could not be read: missing, unreadable, or the decoder failed on it. */
export class ParquetReadError extends NestedLcError {
  override name = "ParquetReadError";
  constructor(
    readonly file: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`Cannot read parquet file ${file}: ${reason}`, options);
  }
}

/** A file exists but is not what it should be (not parquet, truncated, corrupt, bad HATS layout). */
export class FileFormatError extends NestedLcError {
  override name = "FileFormatError";
  constructor(
    readonly file: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${reason}`, options);
  }
}

/** A requested column is not in a file; the message names the file and suggests the nearest names. */
export class FileColumnNotFoundError extends ColumnNotFoundError {
  override name = "ColumnNotFoundError";
  constructor(
    column: string,
    available: readonly string[],
    readonly file: string,
  ) {
    super(column, available, `file ${file}`);
  }
}

/**
 * Throw SchemaMismatchError unless `b` has exactly the columns of `a` with the same
 * types (column name -> type name), naming both sources, the column and both types.
 */
export function assertSameTypes(a: { label: string; types: ReadonlyMap<string, string> }, b: { label: string; types: ReadonlyMap<string, string> }): void {
  for (const [k, t] of a.types) {
    const u = b.types.get(k);
    if (u !== t) throw new SchemaMismatchError(a.label, b.label, k, t, u ?? "(missing)");
  }
  for (const [k, u] of b.types) if (!a.types.has(k)) throw new SchemaMismatchError(a.label, b.label, k, "(missing)", u);
}

/** Two files that should share a schema do not; names both files, the column and both types. */
export class SchemaMismatchError extends SchemaError {
  override name = "SchemaMismatchError";
  constructor(
    readonly fileA: string,
    readonly fileB: string,
    readonly column: string,
    readonly typeA: string,
    readonly typeB: string,
  ) {
    super(
      typeB === "(missing)" || typeA === "(missing)"
        ? `Column "${column}" is in ${typeA === "(missing)" ? fileB : fileA} but not in ${typeA === "(missing)" ? fileA : fileB}.`
        : `Column "${column}" has type ${typeA} in ${fileA} but ${typeB} in ${fileB}.`,
    );
  }
}
