import type { NestedFrame } from "../nested-frame.js";
import type { ColumnArray } from "../column.js";

/** What mapRows hands to user code: base values as scalars, nested fields as zero-copy typed-array views. */
export type RowView = Record<string, number | bigint | boolean | string | null | ColumnArray>;
export type RowResult = number | bigint | boolean | string | null | Record<string, number | bigint | boolean | string | null>;

export function mapRows(frame: NestedFrame, fn: (row: RowView, i: number) => RowResult, columns: readonly string[], options?: { name?: string }): NestedFrame {
  void frame;
  throw new Error("PENDING: being written this session");
}
