/**
 * Where a product's columns are in the frame a user hands to validateFluxErrors:
 * which nest holds the light curves, which fields are the flux, its error, the
 * band and the flags, and where the object positions are (base columns of a
 * nested catalog, or fields of the nest for flat per-visit files). Every miss
 * names the product, the column and the columns present.
 */
import { type Column } from "../frame/column.js";
import { ColumnNotFoundError, SchemaError } from "../frame/errors.js";
import type { NestedFrame } from "../frame/nested-frame.js";
import type { FluxPair, Product } from "./products.js";

export interface ResolvedInput {
  readonly nest: string;
  readonly flux: FluxPair;
  /** The flux pair whose weighted mean gives each light curve's magnitude. */
  readonly magFlux: FluxPair;
  readonly band: string;
  readonly flags: readonly string[];
  /** The field naming an exposure, for finding repeated rows: the visit, else the time; absent when the nest has neither. */
  readonly repeatKey?: { readonly field: string; readonly isVisit: boolean };
  /** Position columns and whether they are base columns or nest fields; absent when not needed. */
  readonly position?: { readonly ra: string; readonly dec: string; readonly where: "base" | "nest" };
}

export interface ResolveOptions {
  /** Nest to use instead of the product's usual names. */
  readonly nest?: string | undefined;
  /** Flag columns instead of the product's list. */
  readonly flags?: readonly string[] | undefined;
  /** Whether object positions are needed (grouping by field). */
  readonly positions: boolean;
}

/**
 * The nest holding the product: the option, else the first of the product's nest names present.
 * No guessing beyond that: a DiaSource validation must not run on ForcedSource light curves.
 */
function findNest(frame: NestedFrame, product: Product, nest: string | undefined): string {
  const names = frame.nestedNames;
  if (nest !== undefined) {
    if (!names.includes(nest)) throw new ColumnNotFoundError(nest, names, `the nests of this ${product.name} catalog`);
    return nest;
  }
  const found = product.nests.find((n) => names.includes(n));
  if (found) return found;
  const have = names.length === 0 ? "it has no nested column (is it a flat table? read it with readFlat)" : `it has ${names.map((n) => `"${n}"`).join(", ")}`;
  throw new SchemaError(`No ${product.name} light curves found: expected a nest named ${product.nests.map((n) => `"${n}"`).join(" or ")}, but ${have}. Pass { nest } to choose one.`);
}

/**
 * Resolve the columns of `product` in `frame`, checking every one exists.
 *
 * @example
 * resolveInput(dp1Objects, PRODUCTS.ForcedSource, "psfFlux", { positions: false }).nest; // "objectForcedSource"
 */
export function resolveInput(frame: NestedFrame, product: Product, fluxName: string, options: ResolveOptions): ResolvedInput {
  const nest = findNest(frame, product, options.nest);
  const fields = frame.nest(nest).fields;
  const where = `the ${product.name} light curves (nest "${nest}")`;
  const need = (name: string): Column => {
    if (!Object.hasOwn(fields, name)) throw new ColumnNotFoundError(name, Object.keys(fields), where);
    return fields[name]!;
  };
  const numeric = (name: string): void => {
    const c = need(name);
    if (!(c.type.startsWith("float") || c.type.startsWith("int") || c.type.startsWith("uint")) || c.type === "int64") {
      throw new SchemaError(`${product.name} column ${nest}.${name} is ${c.type}; expected a float (flux in nJy).`);
    }
  };
  const flux = product.fluxes[fluxName]!;
  numeric(flux.flux);
  numeric(flux.err);
  const magFlux = fluxName === "psfDiffFlux" && product.fluxes["psfFlux"] && Object.hasOwn(fields, "psfFlux") && Object.hasOwn(fields, "psfFluxErr") ? product.fluxes["psfFlux"] : flux;
  need(product.band);
  const flags = options.flags ?? product.flags;
  for (const f of flags) {
    const c = need(f);
    if (c.type === "dict" || c.type === "int64" || c.type.startsWith("float")) {
      throw new SchemaError(`${product.name} flag column ${nest}.${f} is ${c.type}; expected bool (or an integer 0/1).`);
    }
  }
  const keyField = [product.visit, product.time].find((k) => k !== undefined && Object.hasOwn(fields, k));
  const repeatKey = keyField === undefined ? {} : { repeatKey: { field: keyField, isVisit: keyField === product.visit } };
  if (!options.positions) return { nest, flux, magFlux, band: product.band, flags, ...repeatKey };
  const inBase = frame.baseNames.includes(product.ra) && frame.baseNames.includes(product.dec);
  const inNest = Object.hasOwn(fields, product.ra) && Object.hasOwn(fields, product.dec);
  if (!inBase && !inNest) {
    const missing = frame.baseNames.includes(product.ra) || Object.hasOwn(fields, product.ra) ? product.dec : product.ra;
    throw new ColumnNotFoundError(missing, [...frame.baseNames, ...Object.keys(fields)], `the ${product.name} catalog (needed to group by field)`);
  }
  return { nest, flux, magFlux, band: product.band, flags, ...repeatKey, position: { ra: product.ra, dec: product.dec, where: inBase ? "base" : "nest" } };
}

