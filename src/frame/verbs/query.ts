import type { NestedFrame } from "../nested-frame.js";

export function query(frame: NestedFrame, expr: string): NestedFrame {
  void frame;
  throw new Error("PENDING: being written this session");
}
