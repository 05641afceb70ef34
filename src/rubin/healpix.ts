/**
 * HEALPix NESTED pixel indices, enough for HATS: `_healpix_29` (the order-29
 * nested index HATS tables carry) and the `Norder=/Npix=` partition of a
 * position. No npm package in reach did nested ang2pix at order 29 exactly, so
 * this follows the reference algorithm (Górski et al. 2005, ApJ 622, 759; the
 * `loc2pix`/`pix2loc` of HEALPix C++ that healpy wraps), written so that no
 * intermediate passes through 32-bit integer operations (order 29 needs 31 bits
 * for ring coordinates) and the final index is assembled as a bigint.
 */
import { ArgumentError } from "../frame/errors.js";

const DEG = Math.PI / 180;
const HALF_PI = Math.PI / 2;
const INV_HALF_PI = 0.6366197723675813430755350534900574;
const TWO_THIRDS = 2 / 3;
/** Ring and phi offsets of each base face's lowest corner (HEALPix C++ `jrll`, `jpll`). */
const JRLL = [2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4] as const;
const JPLL = [1, 3, 5, 7, 0, 2, 4, 6, 1, 3, 5, 7] as const;

/** Largest order whose nested indices are exact as JS numbers (12 * 4^24 < 2^53). */
export const MAX_NUMBER_ORDER = 24;
/** The order HATS uses for `_healpix_29`. */
export const HATS_ORDER = 29;

function checkOrder(order: number): void {
  if (!Number.isInteger(order) || order < 0 || order > 29) throw new ArgumentError(`HEALPix order must be an integer in [0, 29], got ${order}.`);
}

/** Spread the low 16 bits of x to the even bits of a 32-bit result. */
function spread16(x: number): number {
  x &= 0xffff;
  x = (x | (x << 8)) & 0x00ff00ff;
  x = (x | (x << 4)) & 0x0f0f0f0f;
  x = (x | (x << 2)) & 0x33333333;
  x = (x | (x << 1)) & 0x55555555;
  return x >>> 0;
}

/** Inverse of spread16: gather the even bits of a 32-bit value into 16 bits. */
function compact16(x: number): number {
  x &= 0x55555555;
  x = (x | (x >>> 1)) & 0x33333333;
  x = (x | (x >>> 2)) & 0x0f0f0f0f;
  x = (x | (x >>> 4)) & 0x00ff00ff;
  x = (x | (x >>> 8)) & 0x0000ffff;
  return x;
}

// Scratch outputs of loc2xyf, so the vectorised loop allocates nothing per row.
let F = 0;
let IX = 0;
let IY = 0;

/** (ra, dec) in degrees to face and in-face (ix, iy) at `nside`; HEALPix C++ loc2pix, nested branch. */
function loc2xyf(nside: number, ra: number, dec: number): void {
  // Through theta, as healpy's lonlat=True does, so boundary cases round the same way.
  const theta = HALF_PI - dec * DEG;
  const z = Math.cos(theta);
  const za = Math.abs(z);
  let tt = (ra * DEG * INV_HALF_PI) % 4;
  if (tt < 0) tt += 4;
  if (za <= TWO_THIRDS) {
    const temp1 = nside * (0.5 + tt);
    const temp2 = nside * (z * 0.75);
    const jp = Math.floor(temp1 - temp2);
    const jm = Math.floor(temp1 + temp2);
    const ifp = Math.floor(jp / nside);
    const ifm = Math.floor(jm / nside);
    F = ifp === ifm ? ifp | 4 : ifp < ifm ? ifp : ifm + 8;
    IX = jm - ifm * nside;
    IY = nside - (jp - ifp * nside) - 1;
    return;
  }
  const ntt = Math.min(3, Math.floor(tt));
  const tp = tt - ntt;
  // Near the poles 1 - |z| cancels; sin(theta) keeps the precision (HEALPix's have_sth branch).
  const nearPole = theta < 0.01 || theta > Math.PI - 0.01;
  const tmp = nearPole ? (nside * Math.sin(theta)) / Math.sqrt((1 + za) / 3) : nside * Math.sqrt(3 * (1 - za));
  const jp = Math.min(nside - 1, Math.floor(tp * tmp));
  const jm = Math.min(nside - 1, Math.floor((1 - tp) * tmp));
  if (z >= 0) {
    F = ntt;
    IX = nside - jm - 1;
    IY = nside - jp - 1;
  } else {
    F = ntt + 8;
    IX = jp;
    IY = jm;
  }
}

/**
 * Nested pixel index of (ra, dec) in degrees at `order` (nside = 2^order), as a
 * bigint (exact up to order 29, where indices reach 12 * 4^29 > 2^53).
 *
 * @example
 * ang2pixNest(4, 0, 0); // 1216n (healpy: ang2pix(16, pi/2, 0) = ring 1440 = nested 1216)
 * ang2pixNest(29, 53.13, -28.1); // the _healpix_29 of ECDFS's centre
 */
export function ang2pixNest(order: number, ra: number, dec: number): bigint {
  checkOrder(order);
  loc2xyf(2 ** order, ra, dec);
  const lo = (spread16(IX) | (spread16(IY) << 1)) >>> 0;
  const hi = (spread16(IX >>> 16) | (spread16(IY >>> 16) << 1)) >>> 0;
  return (BigInt(F) << BigInt(2 * order)) | (BigInt(hi) << 32n) | BigInt(lo);
}

/**
 * Nested pixel index as a JS number, for orders up to 24 (partition orders).
 *
 * @example
 * ang2pixNestNumber(0, 45, 60); // 0 (north polar face 0)
 */
export function ang2pixNestNumber(order: number, ra: number, dec: number): number {
  checkOrder(order);
  if (order > MAX_NUMBER_ORDER) throw new ArgumentError(`Order ${order} indices exceed 2^53; use ang2pixNest (bigint).`);
  loc2xyf(2 ** order, ra, dec);
  const lo = (spread16(IX) | (spread16(IY) << 1)) >>> 0;
  const hi = (spread16(IX >>> 16) | (spread16(IY >>> 16) << 1)) >>> 0;
  return F * 4 ** order + hi * 4294967296 + lo;
}

/**
 * `_healpix_29` for many positions at once (HATS' spatial index column).
 *
 * @example
 * const h = healpix29(Float64Array.of(53.13), Float64Array.of(-28.1)); // BigInt64Array
 */
export function healpix29(ra: Float64Array, dec: Float64Array): BigInt64Array {
  if (ra.length !== dec.length) throw new ArgumentError(`ra has ${ra.length} values but dec has ${dec.length}.`);
  const out = new BigInt64Array(ra.length);
  for (let i = 0; i < ra.length; i++) out[i] = ang2pixNest(HATS_ORDER, ra[i]!, dec[i]!);
  return out;
}

/**
 * The pixel at a coarser `order` containing nested pixel `pix29` of order 29
 * (a right shift by 2 * (29 - order) bits), as a number.
 *
 * @example
 * healpixParent(ang2pixNest(29, 10, 20), 5) === ang2pixNestNumber(5, 10, 20); // true
 */
export function healpixParent(pix29: bigint, order: number): number {
  checkOrder(order);
  return Number(pix29 >> BigInt(2 * (HATS_ORDER - order)));
}

/**
 * Centre of nested pixel `pix` at `order`, in degrees (HEALPix C++ pix2loc).
 *
 * @example
 * pix2angNest(0, 4); // { ra: 0, dec: 0 } (face 4 is centred on the equator at RA 0)
 */
export function pix2angNest(order: number, pix: bigint | number): { ra: number; dec: number } {
  checkOrder(order);
  const p = BigInt(pix);
  const nside = 2 ** order;
  const npix = 12 * nside * nside;
  if (p < 0n || p >= BigInt(npix)) throw new ArgumentError(`Pixel ${p} is out of range [0, ${npix}) at order ${order}.`);
  const face = Number(p >> BigInt(2 * order));
  const ipf = p & ((1n << BigInt(2 * order)) - 1n);
  const lo = Number(ipf & 0xffffffffn);
  const hi = Number(ipf >> 32n);
  const ix = compact16(lo) + compact16(hi) * 65536;
  const iy = compact16(lo >>> 1) + compact16(hi >>> 1) * 65536;
  const jr = JRLL[face]! * nside - ix - iy - 1;
  const fact2 = 4 / npix;
  let nr: number;
  let z: number;
  let sth = NaN;
  let kshift = 0;
  if (jr < nside) {
    nr = jr;
    const tmp = nr * nr * fact2;
    z = 1 - tmp;
    sth = Math.sqrt(tmp * (2 - tmp));
  } else if (jr > 3 * nside) {
    nr = 4 * nside - jr;
    const tmp = nr * nr * fact2;
    z = tmp - 1;
    sth = Math.sqrt(tmp * (2 - tmp));
  } else {
    nr = nside;
    z = (2 * nside - jr) * 2 * nside * fact2;
    kshift = (jr - nside) % 2;
  }
  let jp = (JPLL[face]! * nr + ix - iy + 1 + kshift) / 2;
  if (jp > 4 * nside) jp -= 4 * nside;
  if (jp < 1) jp += 4 * nside;
  const phi = (jp - (kshift + 1) * 0.5) * (HALF_PI / nr);
  const dec = sth === sth ? Math.atan2(z, sth) / DEG : Math.asin(z) / DEG;
  return { ra: phi / DEG, dec };
}
