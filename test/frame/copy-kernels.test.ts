import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { filterInto, gatherInto } from "../../src/frame/copy-kernels.js";

const CTORS = [Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint16Array, Int8Array, Uint8Array] as const;

describe("gatherInto and filterInto", () => {
  it("gather every array type exactly, as a plain loop would", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -100, max: 100 }), { minLength: 1, maxLength: 40 }), fc.array(fc.nat(), { maxLength: 40 }), (xs, picks) => {
        const idx = Int32Array.from(picks, (p) => p % xs.length);
        for (const C of CTORS) {
          const src = C.from(xs);
          const out = new C(idx.length);
          gatherInto(src, idx, out);
          expect(Array.from(out)).toEqual(Array.from(idx, (k) => src[k]));
        }
      }),
    );
  });

  it("filter every array type exactly, in order", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: -100, max: 100 }), fc.boolean()), { maxLength: 40 }), (rows) => {
        const mask = Uint8Array.from(rows, ([, k]) => (k ? 1 : 0));
        const kept = rows.filter(([, k]) => k).map(([x]) => x);
        for (const C of CTORS) {
          const out = new C(kept.length);
          filterInto(C.from(rows.map(([x]) => x)), mask, out);
          expect(Array.from(out)).toEqual(Array.from(C.from(kept)));
        }
      }),
    );
  });

  it("copy 64-bit values bit for bit: bigints past 2^53, NaN payloads, -0", () => {
    const big = BigInt64Array.of(2n ** 62n + 1n, -(2n ** 60n) - 7n, 5n);
    const out = new BigInt64Array(3);
    gatherInto(big, Int32Array.of(2, 0, 1), out);
    expect(Array.from(out)).toEqual([5n, 2n ** 62n + 1n, -(2n ** 60n) - 7n]);
    const bits = new BigUint64Array([0x7ff8dead_beef0001n, 0x8000000000000000n]);
    const f = new Float64Array(bits.buffer);
    const g = new Float64Array(2);
    filterInto(f, Uint8Array.of(1, 1), g);
    expect(Array.from(new BigUint64Array(g.buffer))).toEqual([0x7ff8dead_beef0001n, 0x8000000000000000n]);
  });

  it("read from views with a byte offset (slices of a larger buffer)", () => {
    const whole = Float32Array.of(9, 1, 2, 3);
    const slice = whole.subarray(1);
    const out = new Float32Array(2);
    gatherInto(slice, Int32Array.of(2, 0), out);
    expect(Array.from(out)).toEqual([3, 1]);
  });
});
