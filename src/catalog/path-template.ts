/**
 * Path templates for flat per-visit files: `{tract}/visit_{visit}.parquet`
 * names the dataId fields a file's path carries, as the Butler's file
 * templates do. A field matches one or more characters other than `/`.
 */
import { ArgumentError } from "../frame/errors.js";

/** A compiled path template. */
export interface PathTemplate {
  readonly template: string;
  /** The `{field}` names, in template order. */
  readonly fields: readonly string[];
  /** The dataId values of a path relative to the catalog root (`/`-separated), or undefined when it does not match. */
  match(relativePath: string): Record<string, string> | undefined;
}

const FIELD = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Compile a path template. Throws ArgumentError for a template without a
 * field, a field used twice, or a brace that is not a `{name}` field.
 *
 * @example
 * const t = pathTemplate("{tract}/visit_{visit}.parquet");
 * t.fields; // ["tract", "visit"]
 * t.match("5063/visit_2024110800253.parquet"); // { tract: "5063", visit: "2024110800253" }
 * t.match("5063/other.parquet"); // undefined
 */
export function pathTemplate(template: string): PathTemplate {
  const fields: string[] = [];
  let pattern = "";
  let last = 0;
  for (const m of template.matchAll(FIELD)) {
    const name = m[1]!;
    if (fields.includes(name)) throw new ArgumentError(`Path template "${template}" uses {${name}} twice; each dataId field may appear once.`);
    fields.push(name);
    pattern += `${escape(template.slice(last, m.index ?? 0))}([^/]+?)`;
    last = (m.index ?? 0) + m[0].length;
  }
  const rest = template.slice(last);
  const stray = /[{}]/.exec(template.replace(FIELD, ""));
  if (stray) throw new ArgumentError(`Path template "${template}" has a "${stray[0]}" that is not part of a {field}; fields are {letters, digits, _}.`);
  if (fields.length === 0) throw new ArgumentError(`Path template "${template}" has no {field}; write e.g. "{tract}/visit_{visit}.parquet".`);
  const re = new RegExp(`^${pattern}${escape(rest)}$`);
  return {
    template,
    fields,
    match(relativePath: string) {
      const m = re.exec(relativePath.split("\\").join("/"));
      if (!m) return undefined;
      const out: Record<string, string> = {};
      fields.forEach((f, k) => (out[f] = m[k + 1]!));
      return out;
    },
  };
}
