import type { NestedFrame } from "../nested-frame.js";

export function head(frame: NestedFrame, n?: number): NestedFrame {
  void frame;
  throw new Error("PENDING: being written this session");
}
