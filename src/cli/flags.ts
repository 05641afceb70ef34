/**
 * What every command shares: the usage error (exit 2) and parsing of option values.
 */

/** A mistake in the command line itself: exit code 2 and the usage text. */
export class UsageError extends Error {
  override name = "UsageError";
}

/**
 * The number an option was given, or undefined when it was not; a usage error naming the flag otherwise.
 *
 * @example
 * numberFlag("clip", "5"); // 5
 */
export function numberFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const x = Number(value);
  if (value.trim() === "" || !Number.isFinite(x)) throw new UsageError(`--${name} needs a number, got "${value}".`);
  return x;
}

/**
 * A comma-separated option value as a list, blanks dropped.
 *
 * @example
 * listFlag("g, r,,i"); // ["g", "r", "i"]
 */
export function listFlag(value: string): string[] {
  return value
    .split(",")
    .map((w) => w.trim())
    .filter((w) => w !== "");
}

/** JSON.stringify replacer that writes bigints (int64 ids) as exact decimal strings. */
export const bigintSafe = (_k: string, v: unknown): unknown => (typeof v === "bigint" ? v.toString() : v);
