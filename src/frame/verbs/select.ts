import type { NestedFrame } from "../nested-frame.js";

export function select(frame: NestedFrame, columns: readonly string[]): NestedFrame {
  void frame;
  throw new Error("PENDING: being written this session");
}
