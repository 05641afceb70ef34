/**
 * Values crossing a worker boundary. postMessage clones plain data and typed
 * arrays but drops prototypes: a NestedFrame travels as its columns (typed
 * arrays moved, not copied), and a library object with `toJSON` and a static
 * `fromJSON` (Histogram, Moments, ...) as its JSON, revived on arrival.
 */
import { NestedFrame } from "../frame/nested-frame.js";

const TAG = "$nestedLcTransport";

/** A value as sent: plain data, tagged where it was a frame or a library object. */
export type Encoded = unknown;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !ArrayBuffer.isView(v) && !(v instanceof ArrayBuffer);
}

/** What structured clone carries itself (Date has a toJSON, but must stay a Date). */
function isCloneable(v: object): boolean {
  return v instanceof Date || v instanceof Map || v instanceof Set || v instanceof RegExp || v instanceof Error || v instanceof ArrayBuffer;
}

/** A plain object (what encode produced, or a clone of one): not a Date, Map, ... */
function isPlain(v: object): boolean {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Buffers of the typed arrays in `v` (each once), for a postMessage transfer list. */
function collectBuffers(v: unknown, out: Set<ArrayBuffer>, depth = 0): void {
  if (depth > 64) return;
  if (ArrayBuffer.isView(v)) {
    if (v.buffer instanceof ArrayBuffer) out.add(v.buffer);
    return;
  }
  if (Array.isArray(v)) for (const x of v) collectBuffers(x, out, depth + 1);
  else if (isRecord(v)) for (const x of Object.values(v)) collectBuffers(x, out, depth + 1);
}

/**
 * Encode `value` for postMessage; `transfer` lists the typed-array buffers
 * that may be moved. Frames keep their columns; objects of a class with
 * `toJSON` are sent as `{ class, json }`; arrays and plain objects recurse.
 *
 * @example
 * const { value } = encodeValue({ n: 3, frame });
 * decodeValue(value, { NestedFrame }); // { n: 3, frame: NestedFrame }
 */
export function encodeValue(value: unknown): { value: Encoded; transfer: ArrayBuffer[] } {
  const encoded = encode(value, 0);
  const buffers = new Set<ArrayBuffer>();
  collectBuffers(encoded, buffers);
  return { value: encoded, transfer: [...buffers] };
}

function encode(v: unknown, depth: number): Encoded {
  if (depth > 64 || v === null || typeof v !== "object" || ArrayBuffer.isView(v)) return v;
  if (v instanceof NestedFrame) return { [TAG]: "NestedFrame", base: v.base, nested: v.nested, length: v.length, cutflow: v.cutflowSteps };
  if (Array.isArray(v)) return v.map((x) => encode(x, depth + 1));
  if (isCloneable(v)) return v;
  const proto = Object.getPrototypeOf(v) as { constructor?: { name?: string } } | null;
  if (proto !== null && proto !== Object.prototype) {
    const withJson = v as { toJSON?: () => unknown };
    const name = proto.constructor?.name;
    if (typeof withJson.toJSON === "function" && name) return { [TAG]: name, json: withJson.toJSON() };
    return v;
  }
  const out: Record<string, Encoded> = {};
  for (const [k, x] of Object.entries(v)) out[k] = encode(x, depth + 1);
  return out;
}

/** Classes that can be revived: name -> a constructor with a static `fromJSON`. */
export type Revivers = Readonly<Record<string, unknown>>;

/**
 * Undo {@link encodeValue}. `classes` maps class names to classes with a static
 * `fromJSON` (the library's exports); an unknown class stays its JSON.
 *
 * @example
 * const h = new Histogram(bins(-1, 1, 0.5));
 * h.add(0.2);
 * (decodeValue(encodeValue(h).value, { Histogram }) as Histogram).total; // 1
 */
export function decodeValue(v: Encoded, classes: Revivers): unknown {
  if (v === null || typeof v !== "object" || ArrayBuffer.isView(v)) return v;
  if (Array.isArray(v)) return v.map((x) => decodeValue(x, classes));
  if (!isPlain(v)) return v;
  const r = v as Record<string, unknown>;
  const tag = r[TAG];
  if (tag === "NestedFrame") {
    const init = r as { base: NestedFrame["base"]; nested: NestedFrame["nested"]; length: number; cutflow: NestedFrame["cutflowSteps"] };
    return new NestedFrame({ base: init.base, nested: init.nested, length: init.length, cutflow: init.cutflow });
  }
  if (typeof tag === "string") {
    const cls = classes[tag] as { fromJSON?: (json: unknown) => unknown } | undefined;
    return typeof cls?.fromJSON === "function" ? cls.fromJSON(r.json) : r.json;
  }
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(r)) out[k] = decodeValue(x, classes);
  return out;
}
