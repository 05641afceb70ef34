import type { NestedFrame } from "../nested-frame.js";

export function split(frame: NestedFrame, nest: string, options: { by: string; dropEmpty?: boolean }): Record<string, NestedFrame> {
  void frame;
  throw new Error("PENDING: being written this session");
}
