/**
 * Applying a column mapping (src/rubin/dpdd-mappings.ts): expand its `{band}`
 * names, check it against a file's columns and types before any row is read
 * (a misspelt source column is named with the nearest names in the file), and
 * build the mapped frame: renamed columns share their buffers, derived ones
 * (AB magnitudes, their errors, SNR) are float64 columns computed in one loop.
 */
import { type Column, toFloat64 } from "../frame/column.js";
import { ArgumentError, ColumnNotFoundError, SchemaError } from "../frame/errors.js";
import { NestedFrame } from "../frame/nested-frame.js";
import { DPDD_MAPPINGS, type DpddColumnRule, type DpddMapping } from "./dpdd-mappings.js";
import { AB_ZERO_POINT_NJY } from "./magnitudes.js";

/** One output column of a mapping, `{band}` substituted. */
export interface MappedColumn {
  readonly output: string;
  readonly rule: DpddColumnRule;
  /** The source columns it reads. */
  readonly sources: readonly string[];
  /** Its unit: the rename's `unit`, "mag" for magnitudes and their errors, "" for SNR and unitless columns. */
  readonly unit: string;
}

/** A source column a mapping needs and a file lacks: names the file, the mapping, the output column and the nearest names. */
export class MappedColumnNotFoundError extends ColumnNotFoundError {
  override name = "ColumnNotFoundError";
  constructor(
    column: string,
    available: readonly string[],
    readonly file: string,
    readonly mapping: string,
    readonly output: string,
  ) {
    super(column, available, `${file} (needed by mapping "${mapping}" for column "${output}")`);
  }
}

const RULE_KEYS: Readonly<Record<string, readonly string[]>> = { abMag: ["flux"], abMagErr: ["flux", "fluxErr"], snr: ["flux", "fluxErr"] };
const MAG_PER_LN = 2.5 / Math.LN10;

function sourcesOf(rule: DpddColumnRule): string[] {
  return "from" in rule ? [rule.from] : rule.derive === "abMag" ? [rule.flux] : [rule.flux, rule.fluxErr];
}

function substitute(rule: DpddColumnRule, band: string): DpddColumnRule {
  const s = (x: string) => x.split("{band}").join(band);
  if ("from" in rule) return { ...rule, from: s(rule.from) };
  if (rule.derive === "abMag") return { derive: "abMag", flux: s(rule.flux) };
  return { derive: rule.derive, flux: s(rule.flux), fluxErr: s(rule.fluxErr) };
}

/** A rule read from JSON, checked field by field. */
function checkedRule(m: string, output: string, rule: unknown): DpddColumnRule {
  const where = `Mapping "${m}", column "${output}"`;
  if (typeof rule !== "object" || rule === null) throw new ArgumentError(`${where}: a rule must be an object like { "from": "coord_ra" }, got ${JSON.stringify(rule)}.`);
  const r = rule as Record<string, unknown>;
  if ("from" in r) {
    if (typeof r["from"] !== "string") throw new ArgumentError(`${where}: "from" must be a column name, got ${JSON.stringify(r["from"])}.`);
    return rule as DpddColumnRule;
  }
  const need = RULE_KEYS[String(r["derive"])];
  if (need === undefined) throw new ArgumentError(`${where}: a rule needs "from", or "derive" one of ${Object.keys(RULE_KEYS).map((k) => `"${k}"`).join(", ")}; got ${JSON.stringify(rule)}.`);
  for (const k of need) if (typeof r[k] !== "string") throw new ArgumentError(`${where}: derive "${String(r["derive"])}" needs "${k}" (a column name).`);
  return rule as DpddColumnRule;
}

/**
 * A mapping by name (`"dp1Object"`, `"dp1Source"`, `"dp1ForcedSource"` and their
 * DC2-style counterparts `"dc2Object"`, `"dc2Source"`, `"dc2ForcedSource"`),
 * or a mapping object (e.g. parsed from your own JSON file) checked rule by rule.
 * An unknown name suggests the nearest built-in ones.
 *
 * @example
 * dpddMapping("dc2Object").columns["mag_{band}"]; // { derive: "abMag", flux: "{band}_psfFlux" }
 * dpddMapping({ name: "mine", columns: { ra: { from: "coord_ra", unit: "deg" } } }).name; // "mine"
 */
export function dpddMapping(mapping: string | DpddMapping): DpddMapping {
  if (typeof mapping === "string") {
    const m = DPDD_MAPPINGS[mapping];
    if (!m) throw new ColumnNotFoundError(mapping, Object.keys(DPDD_MAPPINGS), "the built-in DPDD mappings");
    return m;
  }
  if (typeof mapping !== "object" || mapping === null || typeof mapping.name !== "string" || typeof mapping.columns !== "object" || mapping.columns === null) {
    throw new ArgumentError(`A DPDD mapping is { name, bands?, columns: { output: rule } }; got ${JSON.stringify(mapping)?.slice(0, 80)}.`);
  }
  if (mapping.bands !== undefined && !(Array.isArray(mapping.bands) && mapping.bands.every((b) => typeof b === "string"))) {
    throw new ArgumentError(`Mapping "${mapping.name}": bands must be an array of strings, got ${JSON.stringify(mapping.bands)}.`);
  }
  for (const [output, rule] of Object.entries(mapping.columns)) checkedRule(mapping.name, output, rule);
  return mapping;
}

/**
 * The output columns of a mapping in order, `{band}` expanded for each band.
 *
 * @example
 * mappedColumns(dpddMapping("dc2Object")).find((c) => c.output === "magerr_g");
 * // { output: "magerr_g", rule: { derive: "abMagErr", flux: "g_psfFlux", fluxErr: "g_psfFluxErr" }, sources: ["g_psfFlux", "g_psfFluxErr"], unit: "mag" }
 */
export function mappedColumns(mapping: string | DpddMapping): MappedColumn[] {
  const m = dpddMapping(mapping);
  const out: MappedColumn[] = [];
  const seen = new Set<string>();
  for (const [name, rule0] of Object.entries(m.columns)) {
    const perBand = name.includes("{band}");
    if (perBand && !m.bands?.length) throw new ArgumentError(`Mapping "${m.name}": column "${name}" uses {band} but the mapping has no bands.`);
    for (const band of perBand ? m.bands! : [""]) {
      const output = perBand ? name.split("{band}").join(band) : name;
      if (seen.has(output)) throw new ArgumentError(`Mapping "${m.name}" makes column "${output}" twice.`);
      seen.add(output);
      const rule = perBand ? substitute(rule0, band) : rule0;
      const unit = "from" in rule ? (rule.unit ?? "") : rule.derive === "snr" ? "" : "mag";
      out.push({ output, rule, sources: sourcesOf(rule), unit });
    }
  }
  return out;
}

/**
 * Output column -> unit (nJy, deg, mag; "" when unitless) of a mapping.
 *
 * @example
 * const u = mappingUnits("dc2Object");
 * [u["ra"], u["psFlux_g"], u["mag_g"]]; // ["deg", "nJy", "mag"]
 */
export function mappingUnits(mapping: string | DpddMapping): Record<string, string> {
  return Object.fromEntries(mappedColumns(mapping).map((c) => [c.output, c.unit]));
}

/** Arrow (footer) and column type names a flux may have. */
const NUMBER_TYPE = /^(Float(16|32|64)?|Int(8|16|32)|Uint(8|16|32)|float32|float64|u?int(8|16|32))$/;

/**
 * The mapped columns that apply to a table with these columns (name -> type,
 * Arrow names from a footer or column types): optional renames of absent
 * columns are dropped; a missing source column throws MappedColumnNotFoundError,
 * a derived column over a non-numeric source a SchemaError, both naming `where`.
 *
 * @example
 * const cols = new Map([["coord_ra", "Float64"], ["g_psfFlux", "Float32"]]);
 * const mine = { name: "mine", columns: { ra: { from: "coord_ra" }, mag_g: { derive: "abMag" as const, flux: "g_psfFlux" } } };
 * checkMapping(mine, cols, "table.parquet").map((c) => c.output); // ["ra", "mag_g"]
 */
export function checkMapping(mapping: string | DpddMapping, types: ReadonlyMap<string, string>, where: string): MappedColumn[] {
  const m = dpddMapping(mapping);
  const out: MappedColumn[] = [];
  for (const c of mappedColumns(m)) {
    if ("from" in c.rule && c.rule.optional && !types.has(c.rule.from)) continue;
    for (const s of c.sources) {
      if (!types.has(s)) throw new MappedColumnNotFoundError(s, [...types.keys()], where, m.name, c.output);
      if (!("from" in c.rule) && !NUMBER_TYPE.test(types.get(s)!)) {
        throw new SchemaError(`${where}: column "${s}" is ${types.get(s)}; mapping "${m.name}" derives "${c.output}" from it and expected a number (a flux in nJy).`);
      }
    }
    out.push(c);
  }
  return out;
}

/** One derived column, one loop: NaN wherever the inputs do not give a finite value. */
function derive(rule: DpddColumnRule, frame: NestedFrame): Column {
  if ("from" in rule) return frame.column(rule.from);
  const f = toFloat64(frame.column(rule.flux), rule.flux);
  const out = new Float64Array(f.length);
  if (rule.derive === "abMag") {
    for (let i = 0; i < f.length; i++) out[i] = f[i]! > 0 && f[i]! < Infinity ? AB_ZERO_POINT_NJY - 2.5 * Math.log10(f[i]!) : NaN;
    return { type: "float64", values: out };
  }
  const e = toFloat64(frame.column(rule.fluxErr), rule.fluxErr);
  if (rule.derive === "abMagErr") {
    for (let i = 0; i < f.length; i++) {
      const x = f[i]!;
      const s = e[i]!;
      out[i] = x > 0 && s > 0 && x < Infinity && s < Infinity ? (MAG_PER_LN * s) / x : NaN;
    }
  } else {
    for (let i = 0; i < f.length; i++) out[i] = f[i]! / e[i]!;
  }
  return { type: "float64", values: out };
}

/**
 * A flat frame with the mapping's output columns, in mapping order: renames
 * share their source buffers, magnitudes are `31.4 - 2.5 log10(f)` (NaN for
 * f <= 0), their errors `1.0857 e / f`, SNR `f / e`. Columns the mapping does
 * not name are dropped; the cut-flow is kept.
 *
 * @example
 * const t = new NestedFrame({ base: { coord_ra: makeColumn([10.5]), g_psfFlux: makeColumn(Float32Array.of(1000)), g_psfFluxErr: makeColumn(Float32Array.of(100)) } });
 * const mine = { name: "mine", columns: { ra: { from: "coord_ra" }, mag_g: { derive: "abMag" as const, flux: "g_psfFlux" }, magerr_g: { derive: "abMagErr" as const, flux: "g_psfFlux", fluxErr: "g_psfFluxErr" } } };
 * const out = applyDpddMapping(t, mine);
 * out.columnNames; // ["ra", "mag_g", "magerr_g"]
 * out.toArray("mag_g"); // [23.9]
 */
export function applyDpddMapping(frame: NestedFrame, mapping: string | DpddMapping | readonly MappedColumn[]): NestedFrame {
  const columns = Array.isArray(mapping) ? (mapping as readonly MappedColumn[]) : checkMapping(mapping as string | DpddMapping, new Map(frame.baseNames.map((n) => [n, frame.column(n).type])), "the frame");
  const base: Record<string, Column> = {};
  for (const c of columns) base[c.output] = derive(c.rule, frame);
  return new NestedFrame({ base, length: frame.length, cutflow: frame.cutflowSteps });
}
