/**
 * A NestedFrame as plain data for another thread: its columns are plain objects
 * of typed arrays (structured-cloneable), and their buffers can be moved
 * instead of copied. The frame is rebuilt on the other side.
 */
import type { Column } from "../frame/column.js";
import type { NestedColumn } from "../frame/nested-column.js";
import { NestedFrame } from "../frame/nested-frame.js";

/** A frame as it crosses a thread boundary: columns, nests and the object count. */
export interface FrameData {
  readonly base: Readonly<Record<string, Column>>;
  readonly nested: Readonly<Record<string, NestedColumn>>;
  readonly length: number;
}

function addColumn(c: Column, out: Set<ArrayBufferLike>): void {
  out.add(c.type === "dict" ? c.codes.buffer : c.values.buffer);
  if (c.valid) out.add(c.valid.buffer);
}

/**
 * `frame` as plain data and the distinct buffers under it, to list as
 * transferables (moving them detaches every view on them in this thread,
 * `frame` included). Shared memory is left out: it is shared, not moved.
 *
 * @example
 * const { data, buffers } = frameData(frame);
 * console.log(data.length, buffers.length > 0); // 6 true
 */
export function frameData(frame: NestedFrame): { data: FrameData; buffers: ArrayBuffer[] } {
  const seen = new Set<ArrayBufferLike>();
  for (const c of Object.values(frame.base)) addColumn(c, seen);
  for (const n of Object.values(frame.nested)) {
    seen.add(n.offsets.buffer);
    for (const c of Object.values(n.fields)) addColumn(c, seen);
  }
  const buffers = [...seen].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
  return { data: { base: frame.base, nested: frame.nested, length: frame.length }, buffers };
}

/**
 * The frame back from its plain data (checked as any new frame is).
 *
 * @example
 * const back = frameFromData(structuredClone(frameData(frame).data));
 * console.log(back.length, back.nestedNames); // 6 ["lc"]
 */
export function frameFromData(data: FrameData): NestedFrame {
  return new NestedFrame({ base: data.base, nested: data.nested, length: data.length });
}
