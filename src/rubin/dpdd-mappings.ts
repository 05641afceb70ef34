/**
 * Column mappings from DP1's flat tables to the names analyses expect, kept as
 * data: each is a plain JSON-able object (a user's own mapping can live in a
 * `.json` file and go through `dpddMapping`). An output column is either a
 * source column renamed (`from`, with its unit) or derived from source columns
 * (`abMag`, `abMagErr`, `snr`); `{band}` in a name stands for each of `bands`.
 *
 * DC2's names follow the LSST DESC DC2 "dpdd" object and source tables
 * (`mag_g`, `magerr_g`, `psFlux_g`, `ra`, `dec`, `extendedness`); DP1's keep
 * the Science Pipelines names and add `{band}_psfMag`, `{band}_psfMagErr`.
 */

/** A source column copied under a new name. `optional`: skipped when the files lack it. */
export interface DpddRename {
  readonly from: string;
  readonly unit?: string;
  readonly optional?: boolean;
}

/** AB magnitude 31.4 - 2.5 log10(flux / nJy) of a nJy flux column (NaN where the flux is not > 0). */
export interface DpddAbMag {
  readonly derive: "abMag";
  readonly flux: string;
}

/** Magnitude error 1.0857 fluxErr / flux (NaN unless both are > 0). */
export interface DpddAbMagErr {
  readonly derive: "abMagErr";
  readonly flux: string;
  readonly fluxErr: string;
}

/** Signal to noise flux / fluxErr. */
export interface DpddSnr {
  readonly derive: "snr";
  readonly flux: string;
  readonly fluxErr: string;
}

/** How one output column is made. */
export type DpddColumnRule = DpddRename | DpddAbMag | DpddAbMagErr | DpddSnr;

/** A named mapping: output column name -> rule, in output order. */
export interface DpddMapping {
  readonly name: string;
  readonly description?: string;
  /** Values of `{band}` in output names and in the source names of their rules. */
  readonly bands?: readonly string[];
  readonly columns: Readonly<Record<string, DpddColumnRule>>;
}

const UGRIZY = ["u", "g", "r", "i", "z", "y"] as const;

/** DP1 Object: Science Pipelines names, plus AB magnitudes of the PSF fluxes. */
export const DP1_OBJECT_MAPPING: DpddMapping = {
  name: "dp1Object",
  description: "DP1 Object table (per tract): PSF fluxes in nJy and their AB magnitudes",
  bands: UGRIZY,
  columns: {
    objectId: { from: "objectId" },
    tract: { from: "tract", optional: true },
    patch: { from: "patch", optional: true },
    coord_ra: { from: "coord_ra", unit: "deg" },
    coord_dec: { from: "coord_dec", unit: "deg" },
    refExtendedness: { from: "refExtendedness" },
    "{band}_psfFlux": { from: "{band}_psfFlux", unit: "nJy" },
    "{band}_psfFluxErr": { from: "{band}_psfFluxErr", unit: "nJy" },
    "{band}_psfFlux_flag": { from: "{band}_psfFlux_flag" },
    "{band}_psfMag": { derive: "abMag", flux: "{band}_psfFlux" },
    "{band}_psfMagErr": { derive: "abMagErr", flux: "{band}_psfFlux", fluxErr: "{band}_psfFluxErr" },
  },
};

/** DP1 Source (per visit): Science Pipelines names, plus the AB magnitude of the PSF flux. */
export const DP1_SOURCE_MAPPING: DpddMapping = {
  name: "dp1Source",
  description: "DP1 Source table (per visit), sky sources included",
  columns: {
    sourceId: { from: "sourceId" },
    visit: { from: "visit" },
    detector: { from: "detector" },
    band: { from: "band" },
    coord_ra: { from: "coord_ra", unit: "deg" },
    coord_dec: { from: "coord_dec", unit: "deg" },
    psfFlux: { from: "psfFlux", unit: "nJy" },
    psfFluxErr: { from: "psfFluxErr", unit: "nJy" },
    psfFlux_flag: { from: "psfFlux_flag" },
    pixelFlags_edge: { from: "pixelFlags_edge", optional: true },
    pixelFlags_saturated: { from: "pixelFlags_saturated", optional: true },
    sky_source: { from: "sky_source" },
    extendedness: { from: "extendedness" },
    psfMag: { derive: "abMag", flux: "psfFlux" },
    psfMagErr: { derive: "abMagErr", flux: "psfFlux", fluxErr: "psfFluxErr" },
  },
};

/** DC2-style object table (DESC's `dpdd` names) from DP1 Object columns. */
export const DC2_OBJECT_MAPPING: DpddMapping = {
  name: "dc2Object",
  description: "DESC DC2 dpdd-style object table: ra/dec, extendedness, psFlux_{band}, mag_{band}, magerr_{band}",
  bands: UGRIZY,
  columns: {
    objectId: { from: "objectId" },
    ra: { from: "coord_ra", unit: "deg" },
    dec: { from: "coord_dec", unit: "deg" },
    tract: { from: "tract", optional: true },
    patch: { from: "patch", optional: true },
    extendedness: { from: "refExtendedness" },
    "psFlux_{band}": { from: "{band}_psfFlux", unit: "nJy" },
    "psFluxErr_{band}": { from: "{band}_psfFluxErr", unit: "nJy" },
    "psFlux_flag_{band}": { from: "{band}_psfFlux_flag" },
    "mag_{band}": { derive: "abMag", flux: "{band}_psfFlux" },
    "magerr_{band}": { derive: "abMagErr", flux: "{band}_psfFlux", fluxErr: "{band}_psfFluxErr" },
    "snr_{band}": { derive: "snr", flux: "{band}_psfFlux", fluxErr: "{band}_psfFluxErr" },
  },
};

/** DC2-style source table (DESC's `dpdd` names) from DP1 Source columns. */
export const DC2_SOURCE_MAPPING: DpddMapping = {
  name: "dc2Source",
  description: "DESC DC2 dpdd-style source table: ra/dec, filter, psFlux, mag, magerr",
  columns: {
    sourceId: { from: "sourceId" },
    visit: { from: "visit" },
    detector: { from: "detector" },
    filter: { from: "band" },
    ra: { from: "coord_ra", unit: "deg" },
    dec: { from: "coord_dec", unit: "deg" },
    psFlux: { from: "psfFlux", unit: "nJy" },
    psFluxErr: { from: "psfFluxErr", unit: "nJy" },
    psFlux_flag: { from: "psfFlux_flag" },
    sky_source: { from: "sky_source" },
    extendedness: { from: "extendedness" },
    mag: { derive: "abMag", flux: "psfFlux" },
    magerr: { derive: "abMagErr", flux: "psfFlux", fluxErr: "psfFluxErr" },
  },
};

/** DP1 ForcedSource (per visit, at Object positions): PSF and difference-image fluxes, and the PSF magnitude. */
export const DP1_FORCED_SOURCE_MAPPING: DpddMapping = {
  name: "dp1ForcedSource",
  description: "DP1 ForcedSource table (per visit): forced PSF fluxes on the science and difference images",
  columns: {
    objectId: { from: "objectId" },
    visit: { from: "visit" },
    detector: { from: "detector" },
    band: { from: "band" },
    midpointMjdTai: { from: "midpointMjdTai", unit: "MJD (TAI)" },
    coord_ra: { from: "coord_ra", unit: "deg" },
    coord_dec: { from: "coord_dec", unit: "deg" },
    psfFlux: { from: "psfFlux", unit: "nJy" },
    psfFluxErr: { from: "psfFluxErr", unit: "nJy" },
    psfFlux_flag: { from: "psfFlux_flag" },
    psfDiffFlux: { from: "psfDiffFlux", unit: "nJy", optional: true },
    psfDiffFluxErr: { from: "psfDiffFluxErr", unit: "nJy", optional: true },
    psfDiffFlux_flag: { from: "psfDiffFlux_flag", optional: true },
    psfMag: { derive: "abMag", flux: "psfFlux" },
    psfMagErr: { derive: "abMagErr", flux: "psfFlux", fluxErr: "psfFluxErr" },
  },
};

/** DC2-style forced-source table (DESC's `dpdd` names) from DP1 ForcedSource columns. */
export const DC2_FORCED_SOURCE_MAPPING: DpddMapping = {
  name: "dc2ForcedSource",
  description: "DESC DC2 dpdd-style forced-source table: objectId, visit, filter, mjd, psFlux, mag, magerr",
  columns: {
    objectId: { from: "objectId" },
    visit: { from: "visit" },
    detector: { from: "detector" },
    filter: { from: "band" },
    mjd: { from: "midpointMjdTai", unit: "MJD (TAI)" },
    ra: { from: "coord_ra", unit: "deg" },
    dec: { from: "coord_dec", unit: "deg" },
    psFlux: { from: "psfFlux", unit: "nJy" },
    psFluxErr: { from: "psfFluxErr", unit: "nJy" },
    psFlux_flag: { from: "psfFlux_flag" },
    mag: { derive: "abMag", flux: "psfFlux" },
    magerr: { derive: "abMagErr", flux: "psfFlux", fluxErr: "psfFluxErr" },
  },
};

/** The built-in mappings by name. */
export const DPDD_MAPPINGS: Readonly<Record<string, DpddMapping>> = {
  dp1Object: DP1_OBJECT_MAPPING,
  dp1Source: DP1_SOURCE_MAPPING,
  dc2Object: DC2_OBJECT_MAPPING,
  dc2Source: DC2_SOURCE_MAPPING,
  dp1ForcedSource: DP1_FORCED_SOURCE_MAPPING,
  dc2ForcedSource: DC2_FORCED_SOURCE_MAPPING,
};
