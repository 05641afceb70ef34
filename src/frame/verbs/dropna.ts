import type { NestedFrame } from "../nested-frame.js";

export interface DropnaOptions {
  /** Nested column whose observations are checked (default: base columns and every nest named in subset). */
  readonly nest?: string;
  /** Columns to check (base names or nest.field); default all of the checked level. */
  readonly subset?: readonly string[];
  /** "any": drop when any checked value is null/NaN (default); "all": only when all are. */
  readonly how?: "any" | "all";
}

export function dropna(frame: NestedFrame, options?: DropnaOptions): NestedFrame {
  void frame;
  throw new Error("PENDING: being written this session");
}
