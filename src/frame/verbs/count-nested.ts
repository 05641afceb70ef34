import type { NestedFrame } from "../nested-frame.js";

export function countNested(frame: NestedFrame, nest: string, options?: { by?: string }): NestedFrame {
  void frame;
  throw new Error("PENDING: being written this session");
}
