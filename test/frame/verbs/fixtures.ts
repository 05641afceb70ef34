import { makeColumn } from "../../../src/frame/column.js";
import { NestedFrame } from "../../../src/frame/nested-frame.js";

/** Ids past 2^53, where a JS number would round them. */
export const BIG = 2n ** 53n + 1n;

/**
 * Three objects: 0 has 3 observations (one NaN flux), 1 has none, 2 has 4.
 * objectIds exceed 2^53; ra has a NaN for object 1.
 */
export function sampleFrame(): NestedFrame {
  return new NestedFrame({
    base: {
      objectId: makeColumn(BigInt64Array.of(BIG + 2n, BIG, BIG + 1n)),
      ra: makeColumn(Float64Array.of(10, NaN, 30)),
    },
    nested: {
      lc: {
        offsets: Int32Array.of(0, 3, 3, 7),
        fields: {
          mjd: makeColumn(Float64Array.of(1, 2, 3, 1, 2, 3, 4)),
          psfFlux: makeColumn(Float32Array.of(1, 3, NaN, 4, 5, 6, 7)),
          psfFluxErr: makeColumn(Float32Array.of(1, 1, 1, 2, 2, 2, 2)),
          band: makeColumn(["g", "r", "g", "r", "r", "g", "i"]),
        },
      },
    },
  });
}

/** Cut-flow balance of the last step: it starts from the input frame's counts and ends at the output frame's. */
export function expectBalanced(frame: NestedFrame, before: NestedFrame): void {
  const s = frame.cutflowSteps.at(-1)!;
  if (s.objectsIn !== before.length || s.observationsIn !== before.observationCount) throw new Error("step does not start from the input frame");
  if (s.objectsOut !== frame.length || s.observationsOut !== frame.observationCount) throw new Error("step does not end at the output frame");
}
