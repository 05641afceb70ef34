/**
 * Vectorised per-object reducers over one nest: each is a small object naming
 * its input fields and a kernel that loops over the offsets (see
 * `reducers/kernels.ts` for the NaN/null rules). Build them with `reducers.wmean("psfFlux", "psfFluxErr")`
 * or write them as strings, `"wmean(psfFlux, psfFluxErr)"`, `"count()"`.
 */
import { ArgumentError, SchemaError, nearestNames } from "./errors.js";
import { type NestedColumn, nestField } from "./nested-column.js";
import * as k from "./reducers/kernels.js";

export type { ReducerInput, ReducerKernel } from "./reducers/kernels.js";

/** A per-object reducer: which fields of the nest it reads and the kernel that reduces them. */
export interface Reducer {
  /** The reducer's name, e.g. "wmean". */
  readonly name: string;
  /** Field names inside the nest (`psfFlux`, not `lc.psfFlux`), in kernel input order. */
  readonly fields: readonly string[];
  readonly kernel: k.ReducerKernel;
}

/** A reducer object or its string form, e.g. `"median(psfFlux)"`. */
export type ReducerSpec = Reducer | string;

interface Entry {
  /** Allowed field counts. */
  readonly arity: readonly number[];
  /** What the fields mean, for error messages. */
  readonly usage: string;
  readonly kernel: (nFields: number) => k.ReducerKernel;
}

const one = (kernel: k.ReducerKernel): Entry => ({ arity: [1], usage: "(field)", kernel: () => kernel });
const weighted = (kernel: k.ReducerKernel): Entry => ({ arity: [2], usage: "(flux, fluxErr)", kernel: () => kernel });

const REGISTRY: Readonly<Record<string, Entry>> = {
  count: { arity: [0, 1], usage: "() or (field)", kernel: (n) => (n === 0 ? k.countRows : k.countValid) },
  sum: one(k.sumKernel),
  mean: one(k.meanKernel),
  std: one(k.stdKernel),
  min: one(k.minKernel),
  max: one(k.maxKernel),
  median: one(k.medianKernel),
  wmean: weighted(k.wmeanKernel),
  wmeanErr: weighted(k.wmeanErrKernel),
  chi2: weighted(k.chi2Kernel),
  maxAbsPull: weighted(k.maxAbsPullKernel),
};

/** Names of the built-in reducers. */
export const reducerNames: readonly string[] = Object.keys(REGISTRY);

/**
 * Build a built-in reducer by name, checking the number of fields.
 *
 * @example
 * makeReducer("wmean", ["psfFlux", "psfFluxErr"]);
 */
export function makeReducer(name: string, fields: readonly string[]): Reducer {
  const entry = Object.hasOwn(REGISTRY, name) ? REGISTRY[name] : undefined;
  if (!entry) {
    const near = nearestNames(name, reducerNames);
    const hint = near.length > 0 ? ` Did you mean "${near[0]}"?` : "";
    throw new ArgumentError(`Unknown reducer "${name}".${hint} Known reducers: ${reducerNames.join(", ")}.`);
  }
  if (!entry.arity.includes(fields.length)) {
    throw new ArgumentError(`Reducer ${name} takes ${name}${entry.usage}, got ${fields.length} field(s): ${name}(${fields.join(", ")}).`);
  }
  return { name, fields: [...fields], kernel: entry.kernel(fields.length) };
}

/**
 * Builders for the built-in reducers.
 *
 * @example
 * frame.reduce("lc", { n: reducers.count(), mu: reducers.wmean("psfFlux", "psfFluxErr") });
 */
export const reducers = {
  /** Observations per object; with a field, its usable (non-null, non-NaN) values. */
  count: (field?: string): Reducer => makeReducer("count", field === undefined ? [] : [field]),
  /** Sum of usable values (NaN when none, unlike pandas' 0, so that "no data" stays visible). */
  sum: (field: string): Reducer => makeReducer("sum", [field]),
  /** Arithmetic mean. */
  mean: (field: string): Reducer => makeReducer("mean", [field]),
  /** Sample standard deviation (ddof = 1). */
  std: (field: string): Reducer => makeReducer("std", [field]),
  min: (field: string): Reducer => makeReducer("min", [field]),
  max: (field: string): Reducer => makeReducer("max", [field]),
  median: (field: string): Reducer => makeReducer("median", [field]),
  /** sum(f/e^2) / sum(1/e^2). */
  wmean: (flux: string, err: string): Reducer => makeReducer("wmean", [flux, err]),
  /** 1 / sqrt(sum(1/e^2)). */
  wmeanErr: (flux: string, err: string): Reducer => makeReducer("wmeanErr", [flux, err]),
  /** sum(((f - wmean)/e)^2). */
  chi2: (flux: string, err: string): Reducer => makeReducer("chi2", [flux, err]),
  /** max |f - wmean| / e. */
  maxAbsPull: (flux: string, err: string): Reducer => makeReducer("maxAbsPull", [flux, err]),
} as const;

const CALL = /^\s*([A-Za-z_$][\w$]*)\s*\(([^()]*)\)\s*$/;
const FIELD = /^[A-Za-z_$][\w$.]*$/;

/**
 * Parse the string form of a reducer: `name(field, ...)`.
 *
 * @example
 * parseReducer("wmean(psfFlux, psfFluxErr)"); // { name: "wmean", fields: ["psfFlux", "psfFluxErr"], kernel }
 */
export function parseReducer(text: string): Reducer {
  const m = CALL.exec(text);
  if (!m) throw new ArgumentError(`Cannot parse reducer "${text}": write name(field, ...), e.g. "wmean(psfFlux, psfFluxErr)" or "count()".`);
  const args = m[2]!.trim();
  const fields = args === "" ? [] : args.split(",").map((s) => s.trim());
  for (const f of fields) {
    if (!FIELD.test(f)) throw new ArgumentError(`Cannot parse reducer "${text}": "${f}" is not a field name.`);
  }
  return makeReducer(m[1]!, fields);
}

/** A reducer spec as a Reducer (parsing strings). */
export function toReducer(spec: ReducerSpec): Reducer {
  return typeof spec === "string" ? parseReducer(spec) : spec;
}

/**
 * The kernel inputs of `reducer` in nest `nestName`. Fields may be written bare
 * (`psfFlux`) or qualified (`lc.psfFlux`). Unknown fields raise ColumnNotFoundError
 * naming `nest.field`; int64 and string fields raise SchemaError.
 *
 * @example
 * const r = reducers.mean("psfFlux");
 * r.kernel(frame.nest("lc").offsets, reducerInputs(r, "lc", frame.nest("lc")));
 */
export function reducerInputs(reducer: Reducer, nestName: string, nested: NestedColumn): k.ReducerInput[] {
  return reducer.fields.map((name) => {
    const { field, column: col } = nestField(nestName, nested, name, `reducer ${reducer.name}`);
    if (col.type === "int64" || col.type === "dict") {
      throw new SchemaError(`Reducer ${reducer.name} needs numeric fields; "${nestName}.${field}" is ${col.type === "dict" ? "a string (dictionary)" : "int64"} column.`);
    }
    return { values: col.values, valid: col.valid };
  });
}
