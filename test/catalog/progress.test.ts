import { describe, expect, it } from "vitest";
import { Progress, progressLine } from "../../src/catalog/progress.js";

describe("progressLine", () => {
  it("shows partitions done of total, rows, the rate and the time left", () => {
    // 1234567 rows in 4 s = 308641.75 rows/s; 12 of 24 partitions in 4 s leaves 12 x 4/12 = 4 s.
    expect(progressLine(12, 24, 1234567, 4)).toBe("12/24 partitions (50%) | 1,234,567 rows | 308,642 rows/s | ETA 0:04");
    expect(progressLine(1, 100, 10, 75)).toBe("1/100 partitions (1%) | 10 rows | 0 rows/s | ETA 2:03:45"); // 75 x 99 s
    expect(progressLine(0, 3, 0, 0)).toBe("0/3 partitions (0%) | 0 rows | 0 rows/s | ETA ?");
    expect(progressLine(3, 3, 30, 2)).toBe("3/3 partitions (100%) | 30 rows | 15 rows/s | ETA 0:00");
  });
});

describe("Progress", () => {
  it("redraws one line in place with \\r and prints logs above it", () => {
    const out: string[] = [];
    const p = new Progress(2, { write: (t: string) => out.push(t) });
    expect(out[0]).toMatch(/^\r0\/2 partitions/);
    p.log("[Npix=4] hello");
    // The log clears the line (\r, spaces, \r), prints itself, and the progress line is drawn again below it.
    const k = out.findIndex((t) => t.endsWith("[Npix=4] hello\n"));
    expect(out[k]).toMatch(/^\r +\r\[Npix=4\] hello\n$/);
    expect(out[k + 1]).toMatch(/^\r0\/2 partitions/);
    p.partitionDone(10);
    p.partitionDone(5);
    expect(out.at(-1)).toMatch(/^\r2\/2 partitions \(100%\) \| 15 rows/);
    p.finish();
    expect(out.at(-1)).toBe("\n");
  });

  it("is off when asked, and by default when stderr is not a terminal", () => {
    const saved = process.stderr.isTTY;
    try {
      Object.defineProperty(process.stderr, "isTTY", { value: false, configurable: true });
      expect(new Progress(3).enabled).toBe(false);
      expect(new Progress(3, false).enabled).toBe(false);
      expect(new Progress(3, true).enabled).toBe(true); // asked: goes to stdout (a tslab cell)
    } finally {
      Object.defineProperty(process.stderr, "isTTY", { value: saved, configurable: true });
    }
  });
});
