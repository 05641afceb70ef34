/**
 * An open-addressing hash map from a grid cell (strip, column: two int32) to
 * the first point of the cell's linked list, in typed arrays: no boxed keys,
 * no per-entry objects. A cell that empties keeps its slot with head -1 (cells
 * are few next to points, and an emptied cell is often refilled as objects move).
 *
 * @example
 * const cells = new CellTable();
 * cells.set(1200, 5, 0); // cell (strip 1200, column 5) starts at point 0
 * cells.get(1200, 5); // 0
 */
export class CellTable {
  private strips = new Int32Array(1024);
  private cols = new Int32Array(1024);
  private heads = new Int32Array(1024).fill(-2); // -2: free slot; -1: cell known, empty
  private used = 0;
  private mask = 1023;

  private slot(s: number, c: number): number {
    let h = Math.imul(s ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(c ^ 0xc2b2ae35, 0x27d4eb2f);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 13;
    let i = h & this.mask;
    while (this.heads[i] !== -2 && (this.strips[i] !== s || this.cols[i] !== c)) i = (i + 1) & this.mask;
    return i;
  }

  /**
   * The first point of cell (s, c), or -1.
   *
   * @example
   * const t = new CellTable();
   * t.set(3, 7, 42);
   * t.get(3, 7); // 42
   * t.get(7, 3); // -1
   */
  get(s: number, c: number): number {
    const h = this.heads[this.slot(s, c)]!;
    return h < 0 ? -1 : h;
  }

  /**
   * Set the first point of cell (s, c); -1 marks it empty.
   *
   * @example
   * const t = new CellTable();
   * t.set(0, 0, 3);
   * t.set(0, 0, -1);
   * t.get(0, 0); // -1
   */
  set(s: number, c: number, head: number): void {
    let i = this.slot(s, c);
    if (this.heads[i] === -2) {
      if (2 * (this.used + 1) > this.heads.length) {
        this.grow();
        i = this.slot(s, c);
      }
      this.used++;
      this.strips[i] = s;
      this.cols[i] = c;
    }
    this.heads[i] = head;
  }

  private grow(): void {
    const { strips, cols, heads } = this;
    const m = heads.length * 2;
    this.strips = new Int32Array(m);
    this.cols = new Int32Array(m);
    this.heads = new Int32Array(m).fill(-2);
    this.mask = m - 1;
    for (let i = 0; i < heads.length; i++) {
      if (heads[i] === -2) continue;
      const j = this.slot(strips[i]!, cols[i]!);
      this.strips[j] = strips[i]!;
      this.cols[j] = cols[i]!;
      this.heads[j] = heads[i]!;
    }
  }
}
