import type { NestedFrame } from "../nested-frame.js";

export function dropEmpty(frame: NestedFrame, nest?: string): NestedFrame {
  void frame;
  throw new Error("PENDING: being written this session");
}
