import type { NestedFrame } from "../nested-frame.js";
import type { ReducerSpec } from "../reducers.js";

export function reduce(frame: NestedFrame, nest: string, spec: Readonly<Record<string, ReducerSpec>>): NestedFrame {
  void frame;
  throw new Error("PENDING: being written this session");
}
