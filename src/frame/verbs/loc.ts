import type { NestedFrame } from "../nested-frame.js";
import type { Column } from "../column.js";

/** A boolean mask (one per object), positions, or int64 ids. */
export type LocSelector = Uint8Array | readonly boolean[] | Column | Int32Array | readonly number[] | BigInt64Array | readonly bigint[];

export function loc(frame: NestedFrame, selector: LocSelector, options?: { on?: string }): NestedFrame {
  void frame;
  throw new Error("PENDING: being written this session");
}
