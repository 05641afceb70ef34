import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/frame/errors.js";
import { andersonDarling, andersonDarlingStatistic } from "../../src/stats/anderson-darling.js";
import { normalCdf } from "../../src/stats/distributions.js";
import { ExternalSorter } from "../../src/stats/external-sort.js";
import { ksStatistic, ksTest } from "../../src/stats/ks-test.js";
import { Random } from "../../src/stats/random.js";
import { madSigma, madSigmaSorted } from "../../src/stats/robust-sigma.js";
import { SORTED_BLOCK } from "../../src/stats/sorted-values.js";
import { truncatedCdf } from "../../src/stats/truncate.js";

const dir = mkdtempSync(join(tmpdir(), "nested-lc-sort-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Push `values` in blocks of `block`, sort with `budget` values in memory. */
function sortExternally(values: Float64Array, budget: number, block: number, fanIn?: number) {
  const sorter = new ExternalSorter({ dir, budget, fanIn });
  for (let i = 0; i < values.length; i += block) sorter.push(values.subarray(i, i + block));
  return sorter.finish();
}

function normals(seed: number, n: number): Float64Array {
  const r = new Random(seed);
  return Float64Array.from({ length: n }, () => r.normal());
}

/** Bitwise equality, so that -0 and +0 differ. */
function sameBits(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

describe("ExternalSorter", () => {
  it("sorts exactly as Float64Array.sort, ties and signed zeros included, for any budget, block and fan-in", () => {
    const value = fc.oneof(fc.constantFrom(0, -0, 1, -1, 2.5, Infinity, -Infinity), fc.double({ noNaN: true }), fc.integer({ min: -3, max: 3 }));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 80 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 2, max: 5 }), (xs, budget, block, fanIn) => {
        const values = Float64Array.from(xs);
        const s = sortExternally(values, budget, block, fanIn);
        try {
          return s.length === values.length && sameBits(s.read(0, s.length), values.slice().sort());
        } finally {
          s.close();
        }
      }),
      { numRuns: 200 },
    );
    expect(readdirSync(dir)).toEqual([]); // close() deleted every run
  });

  it("keeps a sample of at most `budget` values in memory and writes runs beyond it, at every run boundary", () => {
    for (const n of [9, 10, 11, 19, 20, 21, 30]) {
      const values = Float64Array.from({ length: n }, (_, i) => (i * 7919) % 13);
      const s = sortExternally(values, 10, 3);
      expect(s.inMemory).toBe(n <= 10);
      expect(s.runs).toBe(n <= 10 ? 0 : Math.ceil(n / 10));
      expect(sameBits(s.read(0, n), values.slice().sort())).toBe(true);
      s.close();
    }
  });

  it("merges more runs than its fan-in in rounds", () => {
    const values = normals(3, 5000);
    const s = sortExternally(values, 100, 777, 4); // 50 runs, 4 at a time
    expect(s.runs).toBe(50);
    expect(sameBits(s.read(0, s.length), values.slice().sort())).toBe(true);
    expect(readdirSync(dir)).toHaveLength(1); // only the merged file is left
    s.close();
    expect(readdirSync(dir)).toEqual([]);
  });

  it("refuses NaN, a push after finish, and nonsense options", () => {
    const sorter = new ExternalSorter({ dir });
    expect(() => sorter.push([1, NaN, NaN])).toThrow("ExternalSorter.push: 2 of 3 values are NaN; drop them first (NaN has no place in the order).");
    sorter.finish();
    expect(() => sorter.push([1])).toThrow(/after finish/);
    expect(() => sorter.finish()).toThrow(/twice/);
    expect(() => new ExternalSorter({ dir, budget: 0 })).toThrow(ArgumentError);
    expect(() => new ExternalSorter({ dir, fanIn: 1 })).toThrow(ArgumentError);
  });

  it("reads back by position, and says when a range is outside the values", () => {
    const s = sortExternally(Float64Array.of(5, 4, 3, 2, 1), 2, 5);
    expect(Array.from(s.read(1, 3))).toEqual([2, 3, 4]);
    expect(() => s.read(4, 2)).toThrow("SortedValues.read(4, 2): a range within the 5 values is expected.");
    s.close();
  });
});

describe("order statistics of a sample sorted on disk", () => {
  // More than two blocks of the statistics, in many runs: every block edge and run edge is crossed.
  const n = 2 * SORTED_BLOCK + 1234;
  const values = normals(11, n);
  for (let i = 0; i < n; i += 97) values[i] = values[i + 1] ?? 0; // ties
  let sorted: ReturnType<typeof sortExternally>;
  beforeAll(() => {
    sorted = sortExternally(values, 20000, 5000);
  });
  afterAll(() => sorted.close());

  it("is on disk in several runs", () => {
    expect(sorted.inMemory).toBe(false);
    expect(sorted.runs).toBe(Math.ceil(n / 20000));
  });

  it("gives ksTest's D bit for bit", () => {
    expect(ksStatistic(sorted)).toBe(ksTest(values).stat);
    const cdf = truncatedCdf(normalCdf, -3, 3);
    const inside = sortExternally(values.filter((x) => x >= -3 && x <= 3), 20000, 4096);
    expect(ksStatistic(inside, cdf)).toBe(ksTest(values.filter((x) => x >= -3 && x <= 3), cdf).stat);
    inside.close();
  });

  it("gives andersonDarling's A² bit for bit (both ends read in blocks)", () => {
    expect(andersonDarlingStatistic(sorted)).toBe(andersonDarling(values).stat);
  });

  it("gives madSigma bit for bit, for odd and even sizes", () => {
    expect(madSigmaSorted(sorted)).toBe(madSigma(values));
    const even = values.subarray(1);
    const s = sortExternally(even, 30000, 4096);
    expect(madSigmaSorted(s)).toBe(madSigma(even));
    s.close();
  });
});
