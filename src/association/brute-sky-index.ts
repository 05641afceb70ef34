/**
 * The brute-force spatial index: every point is tested at every query, O(n)
 * per query. The reference the grid is tested and benchmarked against.
 */
import { PointStore, type SkyIndex } from "./sky-index.js";

/**
 * The O(n) per query reference index: every point is tested. Same answers as
 * SkyGrid (the same chord test), for tests and benchmarks.
 *
 * @example
 * const brute = new BruteSkyIndex();
 * brute.add(0, 90);
 * brute.add(180, 89.9999); // 0.36" from the pole
 * brute.nearest(180, 89.99992, 1); // 1 (0.07" away; the pole is 0.29" away)
 */
export class BruteSkyIndex extends PointStore implements SkyIndex {
  /**
   * Add a point at (ra, dec) degrees; returns its id.
   *
   * @example
   * new BruteSkyIndex().add(10, 20); // 0
   */
  add(ra: number, dec: number): number {
    if (3 * (this.n + 1) > this.xyz.length) this.grow();
    const id = this.n++;
    this.setVector(id, ra, dec);
    return id;
  }

  /**
   * Move point `id` to (ra, dec).
   *
   * @example
   * const b = new BruteSkyIndex();
   * b.add(10, 20);
   * b.move(0, 11, 20);
   * b.nearest(11, 20, 1); // 0
   */
  move(id: number, ra: number, dec: number): void {
    this.setVector(id, ra, dec);
  }

  private scan(ra: number, dec: number, arcsec: number, nearestOnly: boolean): number {
    this.begin(ra, dec, arcsec);
    for (let id = 0; id < this.n; id++) this.consider(id, nearestOnly);
    return this.finish();
  }

  /**
   * Ids within `arcsec` of (ra, dec), ascending: a view of a buffer reused by the next query.
   *
   * @example
   * const b = new BruteSkyIndex();
   * b.add(0, 0);
   * b.add(0, 2 / 3600);
   * Array.from(b.within(0, 1 / 3600, 1.5)); // [0, 1]
   */
  within(ra: number, dec: number, arcsec: number): Int32Array {
    this.scan(ra, dec, arcsec, false);
    return this.hits.subarray(0, this.nHits);
  }

  /**
   * The nearest point within `arcsec` (smaller id on a tie), or -1.
   *
   * @example
   * const b = new BruteSkyIndex();
   * b.add(0, 0);
   * b.nearest(0, 2 / 3600, 1); // -1 (2" away)
   */
  nearest(ra: number, dec: number, arcsec: number): number {
    return this.scan(ra, dec, arcsec, true);
  }
}
