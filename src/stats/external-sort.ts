/**
 * Sort more float64 values than fit in memory: values are pushed in any
 * number of blocks; up to `budget` of them are held and sorted in memory
 * (Float64Array.prototype.sort), each full buffer is written as a sorted run
 * to a file, and the runs are merged k at a time with a binary heap (Knuth,
 * TAOCP vol. 3, §5.4.1) into one sorted file. The result reads by position
 * (SortedValues), so the order statistics walk it a block at a time.
 *
 * The order is Float64Array.sort's: ascending, -0 before +0. NaN is refused
 * (a sample with NaN has no order statistics here; drop them first).
 */
import { closeSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { ArgumentError } from "../frame/errors.js";
import { type SortedValues, checkSortedRange, sortedArray } from "./sorted-values.js";

/** Options of {@link ExternalSorter}. */
export interface ExternalSortOptions {
  /** Folder for the run files (must exist; the caller removes it, or `close()` removes the files). */
  readonly dir: string;
  /** Values held in memory at once (8 bytes each): a larger sample is sorted in runs and merged. Default 8,388,608 (64 MB). */
  readonly budget?: number;
  /** Runs merged at once (open files); more runs are merged in rounds. Default 64. */
  readonly fanIn?: number;
}

/** A finished sort: the sorted values, and `close()` to delete its files. */
export interface SortedSample extends SortedValues {
  /** True when the values never left memory (at most `budget` of them). */
  readonly inMemory: boolean;
  /** Runs written to disk (0 in memory). */
  readonly runs: number;
  close(): void;
}

/** `length` float64 values in native byte order in file `path`, read by position with one open descriptor; `close()` releases it. */
function sortedFile(path: string, length: number): SortedValues & { close(): void } {
  let fd: number | undefined = openSync(path, "r");
  return {
    length,
    read(start, count) {
      checkSortedRange(length, start, count);
      if (fd === undefined) throw new ArgumentError(`Sorted values in ${path} were closed before reading.`);
      const out = new Float64Array(count);
      const bytes = new Uint8Array(out.buffer);
      for (let done = 0; done < bytes.length; ) {
        const n = readSync(fd, bytes, done, bytes.length - done, start * 8 + done);
        if (n === 0) throw new ArgumentError(`Sorted values in ${path} end before value ${start + done / 8} (expected ${length}).`);
        done += n;
      }
      return out;
    },
    close() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}

/** -0 sorts before +0, as in Float64Array.sort. */
function less(a: number, b: number): boolean {
  return a < b || (a === 0 && b === 0 && 1 / a < 1 / b);
}

function writeAll(fd: number, values: Float64Array): void {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
}

/** One run read forward in blocks of `block` values. */
class RunReader {
  private fd: number;
  private buf: Float64Array;
  private pos = 0;
  private have = 0;
  private next = 0;
  constructor(path: string, private readonly length: number, block: number) {
    this.fd = openSync(path, "r");
    this.buf = new Float64Array(Math.min(block, Math.max(1, length)));
  }
  /** The next value, or undefined at the end. */
  take(): number | undefined {
    if (this.pos === this.have) {
      if (this.next === this.length) return undefined;
      const count = Math.min(this.buf.length, this.length - this.next);
      const bytes = new Uint8Array(this.buf.buffer, 0, count * 8);
      for (let done = 0; done < bytes.length; ) done += readSync(this.fd, bytes, done, bytes.length - done, this.next * 8 + done);
      this.next += count;
      this.have = count;
      this.pos = 0;
    }
    return this.buf[this.pos++]!;
  }
  close(): void {
    closeSync(this.fd);
  }
}

/**
 * Collects values, then sorts them in memory or on disk.
 *
 * @example
 * const sorter = new ExternalSorter({ dir: ".", budget: 2 });
 * sorter.push(Float64Array.of(3, -1, 2));
 * sorter.push([0, 5]);
 * const sorted = sorter.finish(); // 3 runs of at most 2 values, merged into one file
 * sorted.read(0, 5); // Float64Array [-1, 0, 2, 3, 5]
 * sorted.close(); // deletes the files
 */
export class ExternalSorter {
  private readonly dir: string;
  private readonly budget: number;
  private readonly fanIn: number;
  private readonly prefix = `nlc-sort-${randomBytes(6).toString("hex")}`;
  private buffer = new Float64Array(0);
  private held = 0;
  private total = 0;
  private files = 0;
  private readonly runs: { path: string; length: number }[] = [];
  private finished = false;

  constructor(options: ExternalSortOptions) {
    const budget = options.budget ?? 8 * 2 ** 20;
    const fanIn = options.fanIn ?? 64;
    if (!(Number.isInteger(budget) && budget >= 1)) throw new ArgumentError(`ExternalSorter: budget must be an integer >= 1 (values held in memory), got ${budget}.`);
    if (!(Number.isInteger(fanIn) && fanIn >= 2)) throw new ArgumentError(`ExternalSorter: fanIn must be an integer >= 2 (runs merged at once), got ${fanIn}.`);
    this.dir = options.dir;
    this.budget = budget;
    this.fanIn = fanIn;
  }

  /** Values pushed so far. */
  get length(): number {
    return this.total;
  }

  /**
   * Add values (copied). Throws ArgumentError for NaN, saying how many, and after finish().
   *
   * @example
   * const sorter = new ExternalSorter({ dir: "." });
   * sorter.push(Float32Array.of(2, 1));
   * sorter.length; // 2
   */
  push(values: ArrayLike<number>): void {
    if (this.finished) throw new ArgumentError("ExternalSorter.push after finish(): start a new sorter.");
    let nan = 0;
    for (let i = 0; i < values.length; i++) if (values[i] !== values[i]) nan++;
    if (nan > 0) throw new ArgumentError(`ExternalSorter.push: ${nan} of ${values.length} values are NaN; drop them first (NaN has no place in the order).`);
    let i = 0;
    while (i < values.length) {
      if (this.held === this.budget) this.spill();
      if (this.held === this.buffer.length) this.grow(values.length - i);
      const n = Math.min(values.length - i, this.buffer.length - this.held);
      for (let k = 0; k < n; k++) this.buffer[this.held + k] = values[i + k]!;
      this.held += n;
      i += n;
    }
    this.total += values.length;
  }

  /**
   * The values pushed, in push order (a view, not a copy), while none has
   * been written to disk; undefined once a run exists. For statistics that
   * need no full order, e.g. a median by selection instead of a sort.
   *
   * @example
   * const sorter = new ExternalSorter({ dir: "." });
   * sorter.push([3, 1, 2]);
   * sorter.heldValues(); // Float64Array [3, 1, 2]
   */
  heldValues(): Float64Array | undefined {
    return this.runs.length === 0 && !this.finished ? this.buffer.subarray(0, this.held) : undefined;
  }

  /**
   * Sort what was pushed. In memory when it all fits the budget, else the
   * runs merged into one file; the sorter is spent afterwards.
   *
   * @example
   * const sorter = new ExternalSorter({ dir: "." });
   * sorter.push([2, -0, 0, 1]);
   * const s = sorter.finish();
   * [s.inMemory, Object.is(s.read(0, 1)[0], -0)]; // [true, true]
   */
  finish(): SortedSample {
    if (this.finished) throw new ArgumentError("ExternalSorter.finish() was called twice.");
    this.finished = true;
    if (this.runs.length === 0) {
      const values = this.buffer.subarray(0, this.held).sort();
      this.buffer = new Float64Array(0);
      return { ...sortedArray(values), inMemory: true, runs: 0, close: () => undefined };
    }
    if (this.held > 0) this.spill();
    this.buffer = new Float64Array(0);
    const runs = this.runs.length;
    const block = Math.max(4096, Math.min(2 ** 20, Math.floor(this.budget / (this.fanIn + 1))));
    try {
      while (this.runs.length > 1) this.runs.push(this.merge(this.runs.splice(0, this.fanIn), block));
    } catch (e) {
      this.close();
      throw e;
    }
    const last = this.runs[0]!;
    const file = sortedFile(last.path, last.length);
    return {
      length: file.length,
      read: (start, count) => file.read(start, count),
      inMemory: false,
      runs,
      close: () => {
        file.close();
        this.close();
      },
    };
  }

  /** Delete every file this sorter wrote (safe to call more than once). */
  close(): void {
    for (const r of this.runs.splice(0)) rmSync(r.path, { force: true });
  }

  private grow(want: number): void {
    const size = Math.min(this.budget, Math.max(2 * this.buffer.length, 65536, this.held + want));
    const next = new Float64Array(size);
    next.set(this.buffer.subarray(0, this.held));
    this.buffer = next;
  }

  private newPath(): string {
    return join(this.dir, `${this.prefix}-${this.files++}.f64`);
  }

  private spill(): void {
    const values = this.buffer.subarray(0, this.held).sort();
    const path = this.newPath();
    const fd = openSync(path, "w");
    try {
      writeAll(fd, values);
    } finally {
      closeSync(fd);
    }
    this.runs.push({ path, length: this.held });
    this.held = 0;
  }

  /** Merge sorted runs into a new run file (k-way, binary heap of the runs' heads); the inputs are deleted. */
  private merge(inputs: { path: string; length: number }[], block: number): { path: string; length: number } {
    const path = this.newPath();
    const readers: RunReader[] = [];
    const fd = openSync(path, "w");
    let length = 0;
    try {
      for (const r of inputs) readers.push(new RunReader(r.path, r.length, block));
      const k = readers.length;
      const heap = new Int32Array(k);
      const head = new Float64Array(k);
      let size = 0;
      const down = (i: number): void => {
        for (;;) {
          const l = 2 * i + 1;
          if (l >= size) return;
          const r = l + 1;
          const c = r < size && less(head[heap[r]!]!, head[heap[l]!]!) ? r : l;
          if (!less(head[heap[c]!]!, head[heap[i]!]!)) return;
          const t = heap[i]!;
          heap[i] = heap[c]!;
          heap[c] = t;
          i = c;
        }
      };
      for (let j = 0; j < k; j++) {
        const v = readers[j]!.take();
        if (v === undefined) continue;
        head[j] = v;
        heap[size++] = j;
      }
      for (let i = (size >> 1) - 1; i >= 0; i--) down(i);
      const out = new Float64Array(block);
      let n = 0;
      while (size > 0) {
        const j = heap[0]!;
        out[n++] = head[j]!;
        if (n === block) {
          writeAll(fd, out);
          length += n;
          n = 0;
        }
        const v = readers[j]!.take();
        if (v === undefined) heap[0] = heap[--size]!;
        else head[j] = v;
        down(0);
      }
      writeAll(fd, out.subarray(0, n));
      length += n;
    } catch (e) {
      rmSync(path, { force: true });
      throw e;
    } finally {
      closeSync(fd);
      for (const r of readers) r.close();
      for (const r of inputs) rmSync(r.path, { force: true });
    }
    return { path, length };
  }
}
