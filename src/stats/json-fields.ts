/**
 * Reading a mergeable accumulator (Histogram, Moments) back from its `toJSON()`
 * form: the object check, one error format per class and the field checks.
 * Internal to src/stats; not part of the public API.
 */
import { ArgumentError } from "../frame/errors.js";

/** The fields of a JSON object, read with one error format (see {@link readJsonObject}). */
export interface JsonFields {
  /** The object's own fields, unchecked. */
  readonly fields: Readonly<Record<string, unknown>>;
  /** Throw the ArgumentError `Bad <kind> JSON: <problem>. Expected the output of <shape>.` */
  readonly bad: (problem: string) => never;
  /**
   * `fields[name]` when `ok` accepts it; otherwise throws `"<name>" is missing` (undefined)
   * or `"<name>" is <notOk(JSON of the value)>`, e.g. `notOk = (s) => \`${s}, not a finite number\``.
   */
  field<T>(name: string, ok: (v: unknown) => v is T, notOk: (shown: string) => string): T;
}

/**
 * Start reading `json` (as parsed from a shard file) as the output of `shape`
 * (e.g. `"Moments.toJSON(): { n, mean, ... }"`); errors read
 * `Bad <kind> JSON: <problem>. Expected the output of <shape>.` Throws an
 * ArgumentError (`got null`, `got an array`, `got string`, ...) when `json` is
 * not a plain object. O(1).
 *
 * @example
 * const j = readJsonObject({ n: 2 }, "thing", "Thing.toJSON(): { n }");
 * j.field("n", isTally, (s) => `${s}, not a non-negative integer`); // 2
 * // j.field("m", isTally, ...) throws 'Bad thing JSON: "m" is missing. Expected the output of Thing.toJSON(): { n }.'
 */
export function readJsonObject(json: unknown, kind: string, shape: string): JsonFields {
  const bad = (problem: string): never => {
    throw new ArgumentError(`Bad ${kind} JSON: ${problem}. Expected the output of ${shape}.`);
  };
  if (typeof json !== "object" || json === null || Array.isArray(json)) return bad(`got ${json === null ? "null" : Array.isArray(json) ? "an array" : typeof json}`);
  const fields = json as Readonly<Record<string, unknown>>;
  return {
    fields,
    bad,
    field<T>(name: string, ok: (v: unknown) => v is T, notOk: (shown: string) => string): T {
      const v = fields[name];
      return ok(v) ? v : bad(`"${name}" is ${v === undefined ? "missing" : notOk(JSON.stringify(v))}`);
    },
  };
}

/**
 * A count read from JSON: a safe integer >= 0.
 *
 * @example
 * [isTally(3), isTally(-1), isTally(0.5), isTally("3")]; // [true, false, false, false]
 */
export function isTally(v: unknown): v is number {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
}

/**
 * Any JSON number (JSON.parse never gives NaN or ±Infinity, but a caller's object may).
 *
 * @example
 * [isNumber(0.5), isNumber("0.5"), isNumber(null)]; // [true, false, false]
 */
export function isNumber(v: unknown): v is number {
  return typeof v === "number";
}

/**
 * A finite number.
 *
 * @example
 * [isFiniteNumber(1), isFiniteNumber(Infinity), isFiniteNumber("1")]; // [true, false, false]
 */
export function isFiniteNumber(v: unknown): v is number {
  return typeof v === "number" && Number.isFinite(v);
}
