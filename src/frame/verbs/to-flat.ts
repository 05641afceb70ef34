import type { NestedFrame } from "../nested-frame.js";

export function toFlat(frame: NestedFrame, nest?: string): NestedFrame {
  void frame;
  throw new Error("PENDING: being written this session");
}
