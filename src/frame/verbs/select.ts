import type { Column } from "../column.js";
import { ColumnNotFoundError } from "../errors.js";
import { NestedFrame } from "../nested-frame.js";

/**
 * Keep only the named columns, in the order given: base names, whole nests
 * (`lc`) and nested fields (`lc.psfFlux`; a nest named whole wins over its fields).
 * Buffers are shared, nothing is copied; the cut-flow is kept.
 *
 * @example
 * select(frame, ["objectId", "lc.psfFlux", "lc.psfFluxErr"]);
 */
export function select(frame: NestedFrame, columns: readonly string[]): NestedFrame {
  const base: Record<string, Column> = {};
  const whole = new Set<string>();
  const fields = new Map<string, Record<string, Column>>();
  for (const name of columns) {
    if (Object.hasOwn(frame.base, name)) base[name] = frame.base[name]!;
    else if (Object.hasOwn(frame.nested, name)) whole.add(name);
    else {
      const dot = name.indexOf(".");
      const nest = dot > 0 ? name.slice(0, dot) : "";
      const field = name.slice(dot + 1);
      const nc = Object.hasOwn(frame.nested, nest) ? frame.nested[nest] : undefined;
      if (!nc || !Object.hasOwn(nc.fields, field)) {
        throw new ColumnNotFoundError(name, [...frame.baseNames, ...frame.nestedNames, ...frame.columnNames.slice(frame.baseNames.length)], "select");
      }
      fields.set(nest, { ...fields.get(nest), [field]: nc.fields[field]! });
    }
  }
  const nested: Record<string, (typeof frame.nested)[string]> = {};
  for (const name of new Set([...whole, ...fields.keys()])) {
    const nc = frame.nested[name]!;
    nested[name] = whole.has(name) ? nc : { offsets: nc.offsets, fields: fields.get(name)! };
  }
  return new NestedFrame({ base, nested, length: frame.length, cutflow: frame.cutflowSteps });
}
