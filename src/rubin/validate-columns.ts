/**
 * Which columns of a file a validation reads, checked against the file's
 * schema before anything is read: a DP1 table of a thousand columns is read
 * for a dozen, and a missing or misspelt column is reported with the file's
 * own column names (not just the ones a projection would have returned).
 */
import { ColumnNotFoundError, SchemaError } from "../frame/errors.js";
import type { ParquetColumnInfo } from "../io/parquet-schema.js";
import { fluxPair, product as productNamed } from "./products.js";
import type { ValidateOptions } from "./validate.js";

/** Arrow types (as parquetSchema names them) a flux, a flag and a flat object id may have. */
const NUMBER = /^(Float(16|32|64)?|Int(8|16|32)|Uint(8|16|32))$/;
const FLAG = /^(Bool|Int(8|16|32)|Uint(8|16|32))$/;
const ID = /^(Int(8|16|32|64)|Uint(8|16|32|64)|Utf8|LargeUtf8|Dictionary<.*>)$/;

/**
 * The columns `validateFluxErrors(frame, options)` needs from a file with
 * schema `schema` (`datasetColumns(ds)`, `parquetSchema(file).columns` or an
 * opened HATS catalog's columns): `nest.field` names for nested data, plain
 * names for flat per-visit files. Throws, naming `source`, when the product's
 * light curves or a required column (id, band, flux, error, a flag; positions
 * when grouping by field) is not in the file; optional ones (time, visit, the
 * magnitude's psfFlux) are left out when absent. A flux or error that is not a
 * number, a flag that is not bool or integer, or a flat file's object id that
 * is not an integer or string is a SchemaError naming `source` and the type found.
 *
 * @example
 * const info = await parquetSchema("data-samples/dp1_object_collection/object_lc/dataset/_common_metadata");
 * validationColumns(info.columns, { product: "ForcedSource", flux: "psfFlux", groupBy: ["field"] });
 * // ["objectId", "coord_ra", "coord_dec", "objectForcedSource.band", "objectForcedSource.midpointMjdTai", ...]
 */
export function validationColumns(schema: readonly ParquetColumnInfo[], options: ValidateOptions = {}, source = "the input"): string[] {
  const product = typeof options.product === "object" ? options.product : productNamed(options.product ?? "ForcedSource");
  const fluxName = options.flux ?? "psfFlux";
  const flux = fluxPair(product, fluxName);
  const groupBy = options.groupBy ?? [];
  const mag = groupBy.includes("magBin") && fluxName === "psfDiffFlux" ? product.fluxes["psfFlux"] : undefined;
  const required = [product.band, flux.flux, flux.err, ...(options.flags ?? product.flags)];
  const optional = [product.time, ...(product.visit ? [product.visit] : []), ...(mag ? [mag.flux, mag.err] : [])];
  const positions = groupBy.includes("field") ? [product.ra, product.dec] : [];
  const names = schema.map((c) => c.name);
  const has = new Set(names);
  const where = `${source} (${product.name} ${fluxName})`;
  const need = (name: string, candidates: readonly string[]): string => {
    if (!has.has(name)) throw new ColumnNotFoundError(name, candidates, where);
    return name;
  };
  // Types from the footer too, so a flux stored as text or a float flag is named with its file before a row is read.
  const typeOf = new Map(schema.map((c) => [c.name, c.type] as const));
  const typed = (name: string, expected: RegExp, what: string): string => {
    const t = typeOf.get(name) ?? "";
    if (!expected.test(t)) throw new SchemaError(`${where}: column ${name} is ${t}; expected ${what}.`);
    return name;
  };
  const checkTypes = (prefix: string): void => {
    for (const n of [flux.flux, flux.err]) typed(`${prefix}${n}`, NUMBER, "a float (flux in nJy)");
    for (const n of options.flags ?? product.flags) typed(`${prefix}${n}`, FLAG, "bool (or an integer 0/1)");
  };
  const nests = schema.filter((c) => c.kind === "nest").map((c) => c.name);
  if (nests.length === 0) {
    // Flat per-visit rows: the product's id groups them, and it must be this product's id.
    const plain = names.filter((n) => !n.includes("."));
    need(product.objectId, plain);
    const columns = [product.objectId, ...positions.map((n) => need(n, plain)), ...required.map((n) => need(n, plain)), ...optional.filter((n) => has.has(n))];
    typed(product.objectId, ID, "integer (int64) or string object ids: floating-point ids lose precision beyond 2^53");
    checkTypes("");
    return columns;
  }
  const nest = options.nest ?? product.nests.find((n) => nests.includes(n));
  if (nest === undefined || !nests.includes(nest)) {
    const wanted = options.nest ? `"${options.nest}"` : product.nests.map((n) => `"${n}"`).join(" or ");
    throw new SchemaError(`No ${product.name} light curves in ${source}: expected a nest named ${wanted}, found ${nests.map((n) => `"${n}"`).join(", ")}. Choose one with --nest (or { nest }), or pick the product it holds.`);
  }
  const base = names.filter((n) => !n.includes(".") && !nests.includes(n));
  const fields = names.filter((n) => n.startsWith(`${nest}.`));
  for (const n of required) need(`${nest}.${n}`, fields);
  checkTypes(`${nest}.`);
  return [
    ...[product.objectId].filter((n) => has.has(n)),
    ...positions.map((n) => need(n, base)),
    ...required.map((n) => need(`${nest}.${n}`, fields)),
    ...optional.map((n) => `${nest}.${n}`).filter((n) => has.has(n)),
  ];
}
