/**
 * The DP1 photometry products the flux-error validation knows: where their
 * light curves live, which columns hold the id, time, band and each flux/error
 * pair, and which flag columns "any flag set" means for them. Kept as data so a
 * new product (or a renamed column in a later data release) is a new entry, not
 * new code.
 */
import { ArgumentError } from "../frame/errors.js";

/** DP1 ForcedSource flag columns, in schema order (bad/edge/nodata have no `*Center` variant). */
export const FORCED_SOURCE_FLAGS = [
  "psfFlux_flag",
  "psfDiffFlux_flag",
  "pixelFlags_bad",
  "pixelFlags_cr",
  "pixelFlags_crCenter",
  "pixelFlags_edge",
  "pixelFlags_interpolated",
  "pixelFlags_interpolatedCenter",
  "pixelFlags_nodata",
  "pixelFlags_saturated",
  "pixelFlags_saturatedCenter",
  "pixelFlags_suspect",
  "pixelFlags_suspectCenter",
  "invalidPsfFlag",
] as const;
export type ForcedSourceFlag = (typeof FORCED_SOURCE_FLAGS)[number];

/** DiaSource flag columns of the DP1-like samples. */
export const DIA_SOURCE_FLAGS = [
  "psfFlux_flag",
  "pixelFlags_bad",
  "pixelFlags_cr",
  "pixelFlags_edge",
  "pixelFlags_interpolated",
  "pixelFlags_saturated",
  "pixelFlags_suspect",
] as const;

/** A flux column and its 1-sigma error column (nJy). */
export interface FluxPair {
  readonly flux: string;
  readonly err: string;
}

/** Names of the products the validation knows. */
export type ProductName = "ForcedSource" | "ForcedSourceOnDiaObject" | "DiaSource";

/** Where one product's columns are. */
export interface Product {
  readonly name: ProductName;
  readonly description: string;
  /** Object id (base column of a nested catalog, a row column of flat files). */
  readonly objectId: string;
  /** Nest names that hold this product in DP1 HATS collections, tried in order (flat files are read into `lc`). */
  readonly nests: readonly string[];
  /** Position columns (degrees), for the field of each object. */
  readonly ra: string;
  readonly dec: string;
  readonly band: string;
  readonly time: string;
  /** Visit id: two rows of one object with the same visit are one measurement twice (the validation keeps the first). */
  readonly visit?: string;
  /** Flux/error pairs by flux name. */
  readonly fluxes: Readonly<Record<string, FluxPair>>;
  /** Flag columns; an observation with any of them set is dropped. */
  readonly flags: readonly string[];
}

const pair = (flux: string): FluxPair => ({ flux, err: `${flux}Err` });

/** The three DP1 photometry products. */
export const PRODUCTS: Readonly<Record<ProductName, Product>> = Object.freeze({
  ForcedSource: {
    name: "ForcedSource",
    description: "forced photometry at Object positions on every visit (direct and difference images)",
    objectId: "objectId",
    nests: ["objectForcedSource", "forcedSource", "lc"],
    ra: "coord_ra",
    dec: "coord_dec",
    band: "band",
    time: "midpointMjdTai",
    visit: "visit",
    fluxes: { psfFlux: pair("psfFlux"), psfDiffFlux: pair("psfDiffFlux") },
    flags: FORCED_SOURCE_FLAGS,
  },
  ForcedSourceOnDiaObject: {
    name: "ForcedSourceOnDiaObject",
    description: "forced photometry at DiaObject positions on every visit",
    objectId: "diaObjectId",
    nests: ["diaObjectForcedSource", "forcedSourceOnDiaObject", "lc"],
    ra: "ra",
    dec: "dec",
    band: "band",
    time: "midpointMjdTai",
    visit: "visit",
    fluxes: { psfFlux: pair("psfFlux"), psfDiffFlux: pair("psfDiffFlux") },
    flags: FORCED_SOURCE_FLAGS,
  },
  DiaSource: {
    name: "DiaSource",
    description: "detections on difference images, associated into DiaObjects",
    objectId: "diaObjectId",
    nests: ["diaSource", "lc"],
    ra: "ra",
    dec: "dec",
    band: "band",
    time: "midpointMjdTai",
    visit: "visit",
    fluxes: { psfFlux: pair("psfFlux"), scienceFlux: pair("scienceFlux") },
    flags: DIA_SOURCE_FLAGS,
  },
});

/** Names of the known products. */
export const productNames: readonly ProductName[] = Object.keys(PRODUCTS) as ProductName[];

/**
 * The product called `name`, or an ArgumentError listing the known ones.
 *
 * @example
 * product("DiaSource").fluxes.scienceFlux; // { flux: "scienceFlux", err: "scienceFluxErr" }
 */
export function product(name: string): Product {
  if (Object.hasOwn(PRODUCTS, name)) return PRODUCTS[name as ProductName];
  throw new ArgumentError(`Unknown product "${name}". Known products: ${productNames.join(", ")}.`);
}

/**
 * The flux/error pair called `flux` in a product, or an ArgumentError listing the product's fluxes.
 *
 * @example
 * fluxPair(product("ForcedSource"), "psfDiffFlux"); // { flux: "psfDiffFlux", err: "psfDiffFluxErr" }
 */
export function fluxPair(p: Product, flux: string): FluxPair {
  if (Object.hasOwn(p.fluxes, flux)) return p.fluxes[flux]!;
  throw new ArgumentError(`${p.name} has no flux "${flux}". Its fluxes: ${Object.keys(p.fluxes).join(", ")}.`);
}
