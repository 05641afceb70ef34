/**
 * What association asks of a spatial index (SkyIndex), and the storage and
 * exact distance test its implementations share (PointStore): unit vectors in
 * a growable typed array, a reusable result buffer, and one chord comparison,
 * so the grid and the brute-force reference answer every query identically.
 */
import { ArgumentError } from "../frame/errors.js";
import { ARCSEC_PER_DEG, chord2 } from "./sky-geometry.js";

const DEG = Math.PI / 180;

/** What association needs from a spatial index; SkyGrid and BruteSkyIndex both provide it. */
export interface SkyIndex {
  /** Number of points added. */
  readonly size: number;
  /** Add a point; returns its id (0, 1, 2, ... in order of addition). */
  add(ra: number, dec: number): number;
  /** Move point `id` to a new position. */
  move(id: number, ra: number, dec: number): void;
  /** Ids of the points within `arcsec` of (ra, dec): a view valid until the next query. */
  within(ra: number, dec: number, arcsec: number): Int32Array;
  /** The nearest point within `arcsec` (the smaller id on a tie), or -1; its squared chord in `lastChord2`. */
  nearest(ra: number, dec: number, arcsec: number): number;
  /** Squared chord (unit-vector distance) of the last `nearest` hit. */
  readonly lastChord2: number;
}

/**
 * Growable per-point storage, the result buffer and the exact chord test shared
 * by SkyGrid and BruteSkyIndex (subclasses add points and visit candidates).
 *
 * @example
 * const grid: PointStore = new SkyGrid(1);
 * grid.size; // 0
 */
export abstract class PointStore {
  protected xyz = new Float64Array(3 * 64);
  protected n = 0;
  protected hits = new Int32Array(64);
  protected nHits = 0;
  lastChord2 = NaN;

  /**
   * Number of points added.
   *
   * @example
   * SkyGrid.from([1, 2], [0, 0], 1).size; // 2
   */
  get size(): number {
    return this.n;
  }

  protected grow(): void {
    const xyz = new Float64Array(this.xyz.length * 2);
    xyz.set(this.xyz);
    this.xyz = xyz;
  }

  protected setVector(id: number, ra: number, dec: number): void {
    const cd = Math.cos(dec * DEG);
    this.xyz[3 * id] = cd * Math.cos(ra * DEG);
    this.xyz[3 * id + 1] = cd * Math.sin(ra * DEG);
    this.xyz[3 * id + 2] = Math.sin(dec * DEG);
  }

  protected pushHit(id: number): void {
    if (this.nHits === this.hits.length) {
      const h = new Int32Array(this.hits.length * 2);
      h.set(this.hits);
      this.hits = h;
    }
    this.hits[this.nHits++] = id;
  }

  // The query under way: its unit vector, squared-chord limit, and the best hit so far.
  private qx = 0;
  private qy = 0;
  private qz = 0;
  private limit = 0;
  private best = -1;
  private bestC2 = Infinity;

  /** Start a query of `arcsec` around (ra, dec). */
  protected begin(ra: number, dec: number, arcsec: number): void {
    checkRadius(arcsec);
    const cd = Math.cos(dec * DEG);
    this.qx = cd * Math.cos(ra * DEG);
    this.qy = cd * Math.sin(ra * DEG);
    this.qz = Math.sin(dec * DEG);
    this.limit = chord2(arcsec);
    this.best = -1;
    this.bestC2 = Infinity;
    this.nHits = 0;
  }

  /** Test point `id` against the query: collect it, or keep it if nearest so far (smaller id on a tie). */
  protected consider(id: number, nearestOnly: boolean): void {
    const dx = this.xyz[3 * id]! - this.qx;
    const dy = this.xyz[3 * id + 1]! - this.qy;
    const dz = this.xyz[3 * id + 2]! - this.qz;
    const c2 = dx * dx + dy * dy + dz * dz;
    if (c2 > this.limit) return;
    if (!nearestOnly) this.pushHit(id);
    else if (c2 < this.bestC2 || (c2 === this.bestC2 && id < this.best)) {
      this.best = id;
      this.bestC2 = c2;
    }
  }

  /** End the query: the nearest id (or -1), its squared chord in lastChord2. */
  protected finish(): number {
    this.lastChord2 = this.bestC2;
    return this.best;
  }
}

/**
 * Throw an ArgumentError for a radius that is negative, NaN, or 180 degrees or more.
 *
 * @example
 * checkRadius(1); // passes
 */
export function checkRadius(arcsec: number): void {
  if (!(arcsec >= 0 && arcsec < 180 * ARCSEC_PER_DEG)) throw new ArgumentError(`A search radius must be >= 0 and below 180 degrees (in arcsec), got ${arcsec}.`);
}

