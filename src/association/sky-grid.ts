/**
 * A declination-strip grid over the sphere: the spatial index of association.
 *
 * The sky is cut into strips of constant height in dec, and each strip into
 * cells of equal width in ra, as many as fit at the strip's pole-side edge
 * (about cos(dec) times fewer near the poles; the strips touching a pole are one
 * cell). A cell is at least `cellArcsec` on a side, so a query of radius r
 * visits about (2r/cell + 1)^2 cells, O(1) for r <= cell. Cells live in a hash
 * map from cell number to a linked list of points in typed arrays, so points
 * can be added and moved (an object's mean position drifts as sources join it)
 * in O(1), and building an index of n points is O(n). Queries wrap at
 * ra = 0/360 and take every cell of a strip when the circle contains a pole;
 * the final test is the exact chord between unit vectors.
 */
import { ArgumentError } from "../frame/errors.js";
import { CellTable } from "./cell-table.js";
import { ARCSEC_PER_DEG } from "./sky-geometry.js";
import { PointStore, type SkyIndex } from "./sky-index.js";

const DEG = Math.PI / 180;
/** Cells are never smaller than this (arcsec), so strip and column numbers fit in int32. */
const MIN_CELL_ARCSEC = 0.1;
/** Relative and absolute slack (deg) on query extents, so rounding never drops a cell. */
const SLACK = 1e-9;

/**
 * The dynamic declination-strip grid (see the module comment).
 *
 * @example
 * const grid = new SkyGrid(1);
 * grid.add(359.9999, 0); // id 0
 * grid.add(0.0001, 0); // id 1, 0.72" away across ra = 0
 * Array.from(grid.within(0, 0, 1)); // [0, 1]
 * grid.nearest(0.00005, 0, 1); // 1
 */
export class SkyGrid extends PointStore implements SkyIndex {
  /** Strip height and minimum cell width, degrees. */
  private readonly h: number;
  private readonly nStrips: number;
  private readonly heads = new CellTable();
  /** Strip and column of each point's cell. */
  private strip_ = new Int32Array(64);
  private col_ = new Int32Array(64);
  private next = new Int32Array(64);
  private prev = new Int32Array(64);

  constructor(cellArcsec: number) {
    super();
    if (!(cellArcsec > 0) || !Number.isFinite(cellArcsec)) throw new ArgumentError(`SkyGrid needs a cell size > 0 arcsec, got ${cellArcsec}.`);
    this.h = Math.min(180, Math.max(cellArcsec, MIN_CELL_ARCSEC) / ARCSEC_PER_DEG);
    this.nStrips = Math.ceil(180 / this.h);
  }

  /**
   * A grid holding every position of `ra`, `dec` (ids are row numbers). O(n).
   *
   * @example
   * SkyGrid.from(Float64Array.of(10, 10.0001), Float64Array.of(-30, -30), 1).size; // 2
   */
  static from(ra: ArrayLike<number>, dec: ArrayLike<number>, cellArcsec: number): SkyGrid {
    const g = new SkyGrid(cellArcsec);
    for (let i = 0; i < ra.length; i++) g.add(ra[i]!, dec[i]!);
    return g;
  }

  private strip(dec: number): number {
    return Math.min(this.nStrips - 1, Math.max(0, Math.floor((dec + 90) / this.h)));
  }

  /** Cells in ra of strip `s`: as many as keep a cell >= h wide at the strip's pole-side edge. */
  private columns(s: number): number {
    const d0 = -90 + s * this.h;
    const edge = Math.max(Math.abs(d0), Math.abs(Math.min(90, d0 + this.h)));
    if (edge >= 90) return 1;
    return Math.max(1, Math.floor((360 * Math.cos(edge * DEG)) / this.h));
  }

  /** The column of ra in strip s. */
  private colOf(s: number, ra: number): number {
    const cols = this.columns(s);
    let a = ra % 360;
    if (a < 0) a += 360;
    return Math.min(cols - 1, Math.floor(a / (360 / cols)));
  }

  private link(id: number, s: number, c: number): void {
    this.strip_[id] = s;
    this.col_[id] = c;
    const head = this.heads.get(s, c);
    this.prev[id] = -1;
    this.next[id] = head;
    if (head >= 0) this.prev[head] = id;
    this.heads.set(s, c, id);
  }

  private unlink(id: number): void {
    const p = this.prev[id]!;
    const nx = this.next[id]!;
    if (p >= 0) this.next[p] = nx;
    else this.heads.set(this.strip_[id]!, this.col_[id]!, nx);
    if (nx >= 0) this.prev[nx] = p;
  }

  protected override grow(): void {
    super.grow();
    const m = this.strip_.length * 2;
    const strip = new Int32Array(m);
    strip.set(this.strip_);
    this.strip_ = strip;
    const col = new Int32Array(m);
    col.set(this.col_);
    this.col_ = col;
    const next = new Int32Array(m);
    next.set(this.next);
    this.next = next;
    const prev = new Int32Array(m);
    prev.set(this.prev);
    this.prev = prev;
  }

  /**
   * Add a point at (ra, dec) degrees; returns its id. O(1).
   *
   * @example
   * const grid = new SkyGrid(1);
   * grid.add(150, 2); // 0
   * grid.add(150, 2.5); // 1
   */
  add(ra: number, dec: number): number {
    if (this.n === this.strip_.length) this.grow();
    const id = this.n++;
    this.setVector(id, ra, dec);
    const s = this.strip(dec);
    this.link(id, s, this.colOf(s, ra));
    return id;
  }

  /**
   * Move point `id` to (ra, dec); O(1). Association moves an object to its new mean position.
   *
   * @example
   * const grid = SkyGrid.from([10], [0], 1);
   * grid.move(0, 20, 0);
   * grid.nearest(20, 0, 1); // 0
   * grid.nearest(10, 0, 1); // -1
   */
  move(id: number, ra: number, dec: number): void {
    this.setVector(id, ra, dec);
    const s = this.strip(dec);
    const c = this.colOf(s, ra);
    if (s === this.strip_[id] && c === this.col_[id]) return;
    this.unlink(id);
    this.link(id, s, c);
  }

  /** Visit every point in the cells a circle of `arcsec` around (ra, dec) touches; keep those within it. */
  private collect(ra: number, dec: number, arcsec: number, nearestOnly: boolean): number {
    this.begin(ra, dec, arcsec);
    const cd = Math.cos(dec * DEG);
    const r = (arcsec / ARCSEC_PER_DEG) * (1 + SLACK) + SLACK;
    let a0 = ra % 360;
    if (a0 < 0) a0 += 360;
    const sinR = Math.sin(Math.min(r, 90) * DEG);
    const allRa = dec + r >= 90 || dec - r <= -90 || sinR >= cd;
    const half = allRa ? 180 : Math.asin(sinR / cd) / DEG + SLACK;
    for (let s = this.strip(dec - r), s1 = this.strip(dec + r); s <= s1; s++) {
      const cols = this.columns(s);
      const w = 360 / cols;
      let c0 = Math.floor((a0 - half) / w);
      let c1 = Math.floor((a0 + half) / w);
      if (allRa || c1 - c0 + 1 >= cols) {
        c0 = 0;
        c1 = cols - 1;
      }
      for (let c = c0; c <= c1; c++) {
        const col = ((c % cols) + cols) % cols;
        for (let id = this.heads.get(s, col); id >= 0; id = this.next[id]!) this.consider(id, nearestOnly);
      }
    }
    return this.finish();
  }

  /**
   * Ids within `arcsec` of (ra, dec), in no particular order: a view of a buffer
   * reused by the next query (copy it with `Array.from` or `.slice()` to keep it).
   *
   * @example
   * const grid = SkyGrid.from([0, 0, 0], [0, 0.5 / 3600, 3 / 3600], 1);
   * Array.from(grid.within(0, 0, 1)).sort(); // [0, 1]
   */
  within(ra: number, dec: number, arcsec: number): Int32Array {
    this.collect(ra, dec, arcsec, false);
    return this.hits.subarray(0, this.nHits);
  }

  /**
   * The nearest point within `arcsec` (smaller id on a tie), or -1; its squared
   * chord is then in `lastChord2`.
   *
   * @example
   * const grid = SkyGrid.from([0, 0], [0.2 / 3600, -0.6 / 3600], 1);
   * grid.nearest(0, 0, 1); // 0
   * grid.nearest(0, 0, 0.1); // -1
   */
  nearest(ra: number, dec: number, arcsec: number): number {
    return this.collect(ra, dec, arcsec, true);
  }
}
