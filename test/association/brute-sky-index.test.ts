import { describe, expect, it } from "vitest";
import { BruteSkyIndex } from "../../src/association/brute-sky-index.js";

const AS = 1 / 3600;

describe("BruteSkyIndex", () => {
  it("returns every point within the radius in ascending id order, across the pole", () => {
    const b = new BruteSkyIndex();
    for (let k = 0; k < 200; k++) b.add((k * 37) % 360, 90 - (k % 4) * 0.2 * AS); // rings 0, 0.2, 0.4, 0.6" from the pole
    expect(b.size).toBe(200);
    // from the pole: the rings at 0, 0.2 and 0.4" (k % 4 < 3)
    expect(Array.from(b.within(0, 90, 0.45))).toEqual(Array.from({ length: 200 }, (_, k) => k).filter((k) => k % 4 < 3));
    expect(b.nearest(123, 90, 0.45) % 4).toBe(0); // one of the points on the pole (their vectors differ by rounding: cos 90° is 6e-17)
  });

  it("follows moved points", () => {
    const b = new BruteSkyIndex();
    b.add(10, 10);
    b.add(20, 20);
    b.move(1, 10, 10 + 0.5 * AS);
    expect(Array.from(b.within(10, 10, 1))).toEqual([0, 1]);
    expect(b.nearest(10, 10 + 0.4 * AS, 1)).toBe(1);
    expect(Math.sqrt(b.lastChord2) / (Math.PI / 180) / AS).toBeCloseTo(0.1, 6);
  });
});
