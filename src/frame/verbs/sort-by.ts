import type { NestedFrame } from "../nested-frame.js";

export function sortBy(frame: NestedFrame, column: string, options?: { descending?: boolean }): NestedFrame {
  void frame;
  throw new Error("PENDING: being written this session");
}
