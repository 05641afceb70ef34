/**
 * NestedFrame: one row per object, base columns (one value per object) and
 * nested columns (a light curve per object). Immutable: every verb returns a
 * new frame sharing the buffers it did not change.
 *
 * The class is a thin wrapper; each verb lives in its own module under
 * `verbs/` and the method here is a one-line delegate carrying the docs.
 */
import { type Column, type ColumnArray, type NumericArray, columnLength, gatherColumn, rawValues, sliceColumn, toArray } from "./column.js";
import { Cutflow, type CutflowStep } from "./cutflow.js";
import { ArgumentError, ColumnNotFoundError, SchemaError } from "./errors.js";
import { type FormatOptions, formatFrame } from "./format.js";
import { countNested } from "./verbs/count-nested.js";
import { type FlatInput, type FromFlatOptions, fromFlat } from "./verbs/from-flat.js";
import { type FromListsOptions, fromLists } from "./verbs/from-lists.js";
import { type JoinNestedOptions, joinNested } from "./verbs/join-nested.js";
import { describe } from "./verbs/describe.js";
import { dropEmpty } from "./verbs/drop-empty.js";
import { type DropnaOptions, dropna } from "./verbs/dropna.js";
import { head } from "./verbs/head.js";
import { type LocSelector, loc } from "./verbs/loc.js";
import { type RowResult, type RowView, mapRows } from "./verbs/map-rows.js";
import { query } from "./verbs/query.js";
import type { CompiledExpr } from "../expr/compile.js";
import { reduce } from "./verbs/reduce.js";
import type { ReducerSpec } from "./reducers.js";
import { select } from "./verbs/select.js";
import { sortBy } from "./verbs/sort-by.js";
import { split } from "./verbs/split.js";
import { toFlat } from "./verbs/to-flat.js";
import { type NestedColumn, checkNested, filterNestedRows, nestedCount, nestedLength, takeNested } from "./nested-column.js";

export interface NestedFrameInit {
  readonly base?: Readonly<Record<string, Column>>;
  readonly nested?: Readonly<Record<string, NestedColumn>>;
  /** Number of objects; needed only when there are no columns at all. */
  readonly length?: number;
  readonly cutflow?: readonly CutflowStep[];
}

/** Where a dotted column name points: a base column, or a field of a nested column. */
export type ResolvedColumn =
  | { readonly kind: "base"; readonly name: string; readonly column: Column }
  | { readonly kind: "nested"; readonly name: string; readonly nest: string; readonly field: string; readonly column: Column; readonly nested: NestedColumn };

/** One object's observations: zero-copy views of each field (dictionary columns give their codes). */
export type LightCurve = Record<string, ColumnArray>;

export class NestedFrame {
  readonly base: Readonly<Record<string, Column>>;
  readonly nested: Readonly<Record<string, NestedColumn>>;
  /** Number of objects. */
  readonly length: number;
  readonly cutflowSteps: readonly CutflowStep[];

  constructor(init: NestedFrameInit) {
    this.base = init.base ?? {};
    this.nested = init.nested ?? {};
    this.cutflowSteps = init.cutflow ?? [];
    let n = init.length;
    for (const [name, c] of Object.entries(this.base)) {
      const len = columnLength(c);
      if (n === undefined) n = len;
      else if (len !== n) throw new SchemaError(`Base column "${name}" has ${len} rows, expected ${n}.`);
    }
    for (const [name, c] of Object.entries(this.nested)) {
      if (name in this.base) throw new SchemaError(`"${name}" is both a base and a nested column.`);
      checkNested(name, c);
      const len = nestedLength(c);
      if (n === undefined) n = len;
      else if (len !== n) throw new SchemaError(`Nested column "${name}" spans ${len} objects, expected ${n}.`);
    }
    this.length = n ?? 0;
  }

  /** Names of the base columns. */
  get baseNames(): string[] {
    return Object.keys(this.base);
  }

  /** Names of the nested columns. */
  get nestedNames(): string[] {
    return Object.keys(this.nested);
  }

  /** Every addressable column: base names and `nest.field` names. */
  get columnNames(): string[] {
    const out = this.baseNames;
    for (const [nest, c] of Object.entries(this.nested)) for (const f of Object.keys(c.fields)) out.push(`${nest}.${f}`);
    return out;
  }

  /** Total observations over all nested columns. */
  get observationCount(): number {
    let s = 0;
    for (const c of Object.values(this.nested)) s += nestedCount(c);
    return s;
  }

  /**
   * Find a column by name: `objectId` (base) or `lc.psfFlux` (nested field).
   * Throws ColumnNotFoundError with the nearest names.
   */
  resolve(name: string): ResolvedColumn {
    const b = this.base[name];
    if (b) return { kind: "base", name, column: b };
    const dot = name.indexOf(".");
    if (dot > 0) {
      const nest = name.slice(0, dot);
      const field = name.slice(dot + 1);
      const nc = this.nested[nest];
      const col = nc?.fields[field];
      if (nc && col) return { kind: "nested", name, nest, field, column: col, nested: nc };
    }
    throw new ColumnNotFoundError(name, this.columnNames);
  }

  /** The column called `name` (base, or a nested field's flat child column). */
  column(name: string): Column {
    return this.resolve(name).column;
  }

  /**
   * The rows of column `name` that belong to this frame: a base column, or a nested
   * field over this frame's observations (a zero-copy view, also after `head`).
   */
  private ownRows(name: string): Column {
    const r = this.resolve(name);
    if (r.kind === "base") return r.column;
    const o = r.nested.offsets;
    return sliceColumn(r.column, o[0]!, o[o.length - 1]!);
  }

  /**
   * A numeric or bool column's values as its typed array, without copying; nested
   * fields give all of this frame's observations. Nulls keep their stored value.
   *
   * @example
   * const flux = frame.numbers("lc.psfFlux"); // Float32Array over every observation
   * const ra = frame.numbers("coord_ra"); // Float64Array, one per object
   */
  numbers(name: string): NumericArray {
    const c = this.ownRows(name);
    if (c.type === "int64" || c.type === "dict") {
      throw new SchemaError(`Column "${name}" is ${c.type === "dict" ? "a string column" : "int64"}; use ${c.type === "dict" ? "toArray" : "bigints"}("${name}").`);
    }
    return c.values;
  }

  /**
   * An int64 column's values, exact (ids beyond 2^53 are never rounded).
   *
   * @example
   * frame.bigints("objectId")[0]; // 1234567890123456789n
   */
  bigints(name: string): BigInt64Array {
    const c = this.ownRows(name);
    if (c.type !== "int64") throw new SchemaError(`Column "${name}" is ${c.type}, not int64; use numbers("${name}") or toArray("${name}").`);
    return c.values;
  }

  /**
   * Any column as a plain JS array: numbers, bigints, booleans, strings, null for nulls.
   * A copy, for display and small data; kernels want `numbers`/`bigints`.
   *
   * @example
   * frame.head(2).toArray("lc.band"); // ["g", "r", ...]
   */
  toArray(name: string): Array<number | bigint | boolean | string | null> {
    return toArray(this.ownRows(name));
  }

  /**
   * Offsets (from 0) and numeric fields of nest `nest`, aligned for a kernel
   * that loops over light curves. Use this rather than `nest(n).offsets` with
   * `numbers("n.f")`: the values start at this frame's first observation, while
   * the stored offsets may not (a `head` or a contiguous `takeObjects` shares
   * its parent's).
   *
   * @example
   * const { offsets, values } = frame.head(2).lightCurveArrays("lc", ["psfFlux", "psfFluxErr"]);
   * offsets[0]; // 0, and values[0] holds the 15 fluxes of the first two objects
   */
  lightCurveArrays(nest: string, fields: readonly string[]): { offsets: Int32Array; values: NumericArray[] } {
    const o = this.nest(nest).offsets;
    const base = o[0]!;
    let offsets = o;
    if (base !== 0) {
      offsets = new Int32Array(o.length);
      for (let i = 0; i < o.length; i++) offsets[i] = o[i]! - base;
    }
    return { offsets, values: fields.map((f) => this.numbers(`${nest}.${f}`)) };
  }

  /** The nested column called `name`, or the only one when `name` is omitted. */
  nest(name?: string): NestedColumn {
    const key = name ?? this.defaultNest();
    const c = this.nested[key];
    if (!c) throw new ColumnNotFoundError(key, this.nestedNames, "the nested columns");
    return c;
  }

  /** The name of the only nested column (error if there are none or several). */
  defaultNest(): string {
    const names = this.nestedNames;
    if (names.length === 1) return names[0]!;
    throw new ArgumentError(
      names.length === 0 ? "This frame has no nested column." : `Several nested columns (${names.join(", ")}): name one.`,
    );
  }

  /**
   * Object `i`'s observations as zero-copy typed-array views.
   *
   * @example
   * const lc = frame.lightCurve(0, "lc");
   * lc.psfFlux; // Float32Array view of object 0's fluxes
   */
  lightCurve(i: number, nest?: string): LightCurve {
    const c = this.nest(nest);
    if (i < 0 || i >= this.length) throw new ArgumentError(`Object position ${i} is out of range [0, ${this.length}).`);
    const a = c.offsets[i]!;
    const b = c.offsets[i + 1]!;
    const out: LightCurve = {};
    for (const [f, col] of Object.entries(c.fields)) {
      out[f] = rawValues(col).subarray(a, b);
    }
    return out;
  }

  /** A copy of this frame with the base column `name` added or replaced. */
  withColumn(name: string, column: Column): NestedFrame {
    return this.withColumns({ [name]: column });
  }

  /**
   * A copy of this frame with several base columns added or replaced at once
   * (replaced ones keep their position; new ones go at the end, in order).
   *
   * @example
   * frame.withColumns({ a: makeColumn([1, 2, 3, 4, 5, 6]), b: makeColumn(new Float32Array(6)) }).baseNames.slice(-2); // ["a", "b"]
   */
  withColumns(columns: Readonly<Record<string, Column>>): NestedFrame {
    return new NestedFrame({ ...this.init(), base: { ...this.base, ...columns } });
  }

  /** A copy of this frame with the nested column `name` added or replaced. */
  withNested(name: string, nested: NestedColumn): NestedFrame {
    return new NestedFrame({ ...this.init(), nested: { ...this.nested, [name]: nested } });
  }

  /** The cut-flow so far: every filtering step with objects and observations in and out. */
  cutflow(): Cutflow {
    return new Cutflow(this.cutflowSteps);
  }

  /**
   * Objects at positions `idx`, in that order; records a cut-flow step when `step` is given.
   * Low-level: most users want `loc`, `head` or `query`.
   */
  takeObjects(idx: Int32Array, step?: { step: string; detail: string }): NestedFrame {
    for (let i = 0; i < idx.length; i++) {
      const k = idx[i]!;
      if (k < 0 || k >= this.length) throw new ArgumentError(`Object position ${k} is out of range [0, ${this.length}).`);
    }
    const base: Record<string, Column> = {};
    for (const [name, c] of Object.entries(this.base)) base[name] = gatherColumn(c, idx);
    const nested: Record<string, NestedColumn> = {};
    for (const [name, c] of Object.entries(this.nested)) nested[name] = takeNested(c, idx);
    const out = new NestedFrame({ base, nested, length: idx.length, cutflow: this.cutflowSteps });
    return step ? out.recordStep(this, step) : out;
  }

  /**
   * Keep the observations of nested column `nest` whose mask byte is 1 (mask over
   * its child rows). Objects stay, possibly with empty light curves.
   */
  filterObservations(nest: string, mask: Uint8Array, step?: { step: string; detail: string }): NestedFrame {
    const c = this.nest(nest);
    const out = this.withNested(nest, filterNestedRows(c, mask));
    return step ? out.recordStep(this, step) : out;
  }

  /** This frame with one more cut-flow step, counting from `before` to this frame. */
  recordStep(before: NestedFrame, step: { step: string; detail: string }): NestedFrame {
    const s: CutflowStep = {
      step: step.step,
      detail: step.detail,
      objectsIn: before.length,
      objectsOut: this.length,
      observationsIn: before.observationCount,
      observationsOut: this.observationCount,
    };
    return new NestedFrame({ ...this.init(), cutflow: [...before.cutflowSteps, s] });
  }

  /** This frame with the cut-flow history replaced (e.g. cleared with `[]`). */
  withCutflow(steps: readonly CutflowStep[]): NestedFrame {
    return new NestedFrame({ ...this.init(), cutflow: steps });
  }

  // ---- verbs: one-line delegates; each verb lives in verbs/<name>.ts ----

  /**
   * Group flat per-visit rows into nested light curves, O(n) on int64 ids.
   *
   * @example
   * const frame = NestedFrame.fromFlat(
   *   { objectId: BigInt64Array.of(9n, 7n, 9n), psfFlux: new Float32Array([1, 2, 3]) },
   *   { on: "objectId", name: "lc" },
   * );
   */
  static fromFlat(table: FlatInput, options: FromFlatOptions): NestedFrame {
    return fromFlat(table, options);
  }

  /**
   * Build a frame from per-object list columns.
   *
   * @example
   * NestedFrame.fromLists({ id: BigInt64Array.of(1n), flux: [new Float32Array([1, 2])] }, { lists: ["flux"], name: "lc" });
   */
  static fromLists(table: Parameters<typeof fromLists>[0], options: FromListsOptions): NestedFrame {
    return fromLists(table, options);
  }

  /**
   * Attach a flat table as nested column `name`, matching ids; rows without a parent are reported in the cut-flow.
   *
   * @example
   * objects.joinNested(forcedSources, { on: "objectId", name: "lc" });
   */
  joinNested(flat: FlatInput, options: JoinNestedOptions): NestedFrame {
    return joinNested(this, flat, options);
  }

  /**
   * Filter with an expression compiled once to typed-array kernels. Terms on
   * nested fields (`lc.psfFlux > 0`) filter observations; pure base terms filter
   * objects. Records a cut-flow step.
   *
   * @example
   * frame.query("not lc.psfFlux_flag and lc.psfFluxErr > 0 and lc.band == 'r'");
   */
  query(expr: string | CompiledExpr): NestedFrame {
    return query(this, expr);
  }

  /**
   * Drop null/NaN values: observations of a nest, or objects on base columns.
   *
   * @example
   * frame.dropna({ nest: "lc", subset: ["psfFlux", "psfFluxErr"] });
   */
  dropna(options?: DropnaOptions): NestedFrame {
    return dropna(this, options);
  }

  /**
   * Drop objects whose light curve in `nest` (default: every nest) is empty.
   *
   * @example
   * frame.query("lc.band == 'u'").dropEmpty("lc");
   */
  dropEmpty(nest?: string): NestedFrame {
    return dropEmpty(this, nest);
  }

  /**
   * Count observations per object as new base columns (`n_lc`, or `n_lc_g`, `n_lc_r`, ... with `by`).
   *
   * @example
   * frame.countNested("lc", { by: "band" }).column("n_lc_r");
   */
  countNested(nest: string, options?: { by?: string }): NestedFrame {
    return countNested(this, nest, options);
  }

  /**
   * One frame per value of a nested field (e.g. per band), each holding only that value's observations.
   *
   * @example
   * for (const [band, f] of Object.entries(frame.split("lc", { by: "band" }))) console.log(band, f.observationCount);
   */
  split(nest: string, options: { by: string; dropEmpty?: boolean }): Record<string, NestedFrame> {
    return split(this, nest, options);
  }

  /**
   * Run user code once per object on zero-copy views; the results become base columns.
   *
   * @example
   * frame.mapRows((r) => ({ amp: Math.max(...(r["lc.psfFlux"] as Float32Array)) }), ["lc.psfFlux"]);
   */
  mapRows(fn: (row: RowView, i: number) => RowResult, columns: readonly string[], options?: { name?: string }): NestedFrame {
    return mapRows(this, fn, columns, options);
  }

  /**
   * Vectorised per-object reducers over one nested column; each output is a new base column.
   * The first half of reduce-then-loc.
   *
   * @example
   * frame.reduce("lc", { n: "count()", wmean: "wmean(psfFlux, psfFluxErr)" });
   */
  reduce(nest: string, spec: Readonly<Record<string, ReducerSpec>>): NestedFrame {
    return reduce(this, nest, spec);
  }

  /**
   * Select objects by boolean mask, positions, or int64 ids (`on` names the id column).
   * The second half of reduce-then-loc. Records a cut-flow step.
   *
   * @example
   * const r = frame.reduce("lc", { n: "count()" });
   * const n = (r.column("n") as NumberColumn).values; // column() returns the Column union: narrow it
   * r.loc(Array.from(n, (k) => k >= 10)); // the same as r.query("n >= 10")
   */
  loc(selector: LocSelector, options?: { on?: string }): NestedFrame {
    return loc(this, selector, options);
  }

  /**
   * The first `n` objects (zero-copy).
   *
   * @example
   * frame.head(5);
   */
  head(n?: number): NestedFrame {
    return head(this, n);
  }

  /**
   * Objects ordered by a base column (stable).
   *
   * @example
   * frame.sortBy("coord_ra", { descending: true });
   */
  sortBy(column: string, options?: { descending?: boolean }): NestedFrame {
    return sortBy(this, column, options);
  }

  /**
   * Keep only the named base columns, whole nests (`lc`) and nested fields (`lc.psfFlux`).
   *
   * @example
   * frame.select(["objectId", "lc.psfFlux", "lc.psfFluxErr"]);
   */
  select(columns: readonly string[]): NestedFrame {
    return select(this, columns);
  }

  /**
   * One row per observation: base columns repeated, nested fields as columns.
   *
   * @example
   * frame.toFlat("lc").length === frame.observationCount;
   */
  toFlat(nest?: string): NestedFrame {
    return toFlat(this, nest);
  }

  /** Alias of `toFlat`, as in pandas. */
  explode(nest?: string): NestedFrame {
    return toFlat(this, nest);
  }

  /**
   * Summary statistics (count, mean, std, min, quartiles, max) of numeric columns, as a frame.
   *
   * @example
   * console.log(frame.describe(["lc.psfFlux"]).toString());
   */
  describe(columns?: readonly string[]): NestedFrame {
    return describe(this, columns);
  }

  /**
   * The frame as compact text: sizes, then the first rows with each nested cell as "[n obs]"
   * (or its first values with `nestedValues`).
   *
   * @example
   * console.log(frame.toString({ rows: 5, nestedValues: 3 }));
   */
  toString(options?: FormatOptions): string {
    return formatFrame(this, options);
  }

  private init(): NestedFrameInit {
    return { base: this.base, nested: this.nested, length: this.length, cutflow: this.cutflowSteps };
  }
}
