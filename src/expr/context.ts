/**
 * Where a conjunct is evaluated: over objects (base level) or over the
 * observations of one nest. At nest level, nested fields are zero-copy views of
 * the rows the offsets cover and base columns are broadcast to each
 * observation of their object.
 */
import { gatherColumn } from "../frame/column.js";
import { type NestedColumn, nestedParents } from "../frame/nested-column.js";
import type { ResolvedColumn } from "../frame/nested-frame.js";
import { SchemaError } from "../frame/errors.js";
import { type Value, columnValue } from "./values.js";

/** What the evaluator needs from a frame (NestedFrame provides it). */
export interface ExprFrame {
  readonly length: number;
  readonly nested: Readonly<Record<string, NestedColumn>>;
  resolve(name: string): ResolvedColumn;
}

/** The rows a sub-expression runs over: none (a constant), objects, or one nest's observations. */
export type Level = { readonly kind: "const" } | { readonly kind: "base" } | { readonly kind: "nest"; readonly nest: string };

export function levelName(l: Level): string {
  return l.kind === "nest" ? `nest "${l.nest}"` : l.kind === "base" ? "objects" : "constant";
}

export class EvalContext {
  /** Rows every array value has in this context. */
  readonly n: number;
  private readonly start: number;
  private objectOfRow: Int32Array | undefined;

  constructor(
    private readonly frame: ExprFrame,
    readonly level: Level,
  ) {
    if (level.kind === "nest") {
      const nc = frame.nested[level.nest];
      if (!nc) throw new SchemaError(`The expression filters nest "${level.nest}", which this frame does not have.`);
      this.start = nc.offsets[0]!;
      this.n = nc.offsets[nc.offsets.length - 1]! - this.start;
    } else {
      this.start = 0;
      this.n = level.kind === "base" ? frame.length : 1;
    }
  }

  /** Column `name` over this context's rows. */
  load(name: string): Value {
    const r = this.frame.resolve(name);
    const lv = this.level;
    if (r.kind === "nested") {
      if (lv.kind !== "nest" || lv.nest !== r.nest) {
        throw new SchemaError(`Column "${name}" is a field of nest "${r.nest}" here, but the expression was compiled for ${levelName(lv)}.`);
      }
      return columnValue(r.column, this.start, this.start + this.n);
    }
    if (lv.kind !== "nest") return columnValue(r.column, 0, this.frame.length);
    return columnValue(gatherColumn(r.column, this.objectIndex(lv.nest)), 0, this.n);
  }

  /** For each observation row, the position of its object (built once per context). */
  private objectIndex(nest: string): Int32Array {
    if (this.objectOfRow) return this.objectOfRow;
    this.objectOfRow = nestedParents(this.frame.nested[nest]!);
    return this.objectOfRow;
  }
}
