/**
 * The names a JSDoc `@example` may use without defining them, as nested-pandas'
 * doctests get theirs from `generate_data()`: a small DP1-like frame and the
 * flat tables it comes from. Built fresh for every example (examples may mutate
 * typed arrays), deterministic, and tiny: 6 objects, 40 observations.
 */
import * as arrow from "apache-arrow";
import { type Column, makeColumn } from "../../src/frame/column.js";
import { NestedFrame } from "../../src/frame/nested-frame.js";
import { toArrow } from "../../src/io/to-arrow.js";
import { simulateForcedSource } from "../../src/rubin/simulate.js";

/** Light-curve lengths of the six objects of `frame` (one >= 10, one of length 1, as in DP1). */
export const LC_LENGTHS = [12, 3, 10, 1, 9, 5] as const;
/** objectIds: past 2^53 (a JS number would round them), ascending. */
export const OBJECT_IDS = BigInt64Array.of(
  1234567890123456789n,
  1234567890123456791n,
  1234567890123456797n,
  1234567890123456803n,
  1234567890123457001n,
  2305843009213693951n,
);
export const BANDS = ["u", "g", "r", "i", "z", "y"] as const;
/** Observation rows (over all objects) whose psfFlux is NaN, and whose psfFlux_flag is set. */
export const NAN_ROWS = [5, 17] as const;
export const FLAGGED_ROWS = [2, 17, 30] as const;

export interface Fixtures {
  /** Base objectId, coord_ra, coord_dec; nest `lc` with band, midpointMjdTai, psfFlux, psfFluxErr, psfFlux_flag, visit. */
  readonly frame: NestedFrame;
  /** Only the base column objectId (the ids of `frame`). */
  readonly objects: NestedFrame;
  /** The observations of `frame` as a flat table in per-visit order (ids unsorted). */
  readonly forcedSources: Record<string, Column | BigInt64Array | Float32Array | Float64Array | Uint8Array>;
  /** Aliases of `forcedSources`. */
  readonly table: Fixtures["forcedSources"];
  readonly flat: Fixtures["forcedSources"];
  /** A float64 column. */
  readonly c: Column;
  /** `frame` split in two partitions (objects 0-2 and 3-5). */
  readonly part0: NestedFrame;
  readonly part1: NestedFrame;
  readonly partitions: readonly NestedFrame[];
  /** Arrow IPC bytes of `frame` with its nest named `objectForcedSource` (DP1's struct<list> layout). */
  readonly bytes: Uint8Array;
  readonly arrow: typeof arrow;
  readonly tableFromIPC: typeof arrow.tableFromIPC;
  /** An accumulator some examples add to. */
  total: number;
  /**
   * 600 simulated DP1-like Objects with nest `objectForcedSource` (about 9,300
   * observations, injected error scale and floor per band), as the HATS sample
   * holds them: big enough for validateFluxErrors. Built once and shared (read-only).
   */
  readonly dp1Objects: NestedFrame;
  /** A WorkerPool entry (./fixture-double-worker.ts) whose tasks are numbers, doubled. */
  readonly doubleWorker: URL;
}

let dp1Cache: NestedFrame | undefined;
/** The shared simulated catalog behind `dp1Objects`. */
function dp1Objects(): NestedFrame {
  dp1Cache ??= simulateForcedSource({ seed: 20250630, nObjects: 600 }).objects;
  return dp1Cache;
}

/** A small deterministic generator (LCG), so fixtures need nothing from src/stats. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function buildFrame(): NestedFrame {
  const rand = lcg(20250630);
  const n = LC_LENGTHS.reduce((a, b) => a + b, 0);
  const offsets = new Int32Array(LC_LENGTHS.length + 1);
  for (let i = 0; i < LC_LENGTHS.length; i++) offsets[i + 1] = offsets[i]! + LC_LENGTHS[i]!;
  const band = new Int32Array(n);
  const mjd = new Float64Array(n);
  const flux = new Float32Array(n);
  const err = new Float32Array(n);
  const flag = new Uint8Array(n);
  const visit = new BigInt64Array(n);
  for (let i = 0; i < LC_LENGTHS.length; i++) {
    const mean = 1000 * (i + 1);
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
      const j = k - offsets[i]!;
      band[k] = (i + j) % BANDS.length;
      mjd[k] = 60600.1 + 1.5 * j + 0.01 * i;
      err[k] = 20 + 10 * rand();
      flux[k] = mean + err[k]! * (2 * rand() - 1);
      visit[k] = 2024110800000n + BigInt(j * 7 + i);
    }
  }
  for (const k of NAN_ROWS) flux[k] = NaN;
  for (const k of FLAGGED_ROWS) flag[k] = 1;
  return new NestedFrame({
    base: {
      objectId: makeColumn(OBJECT_IDS.slice()),
      coord_ra: makeColumn(Float64Array.of(6.02, 53.13, 59.1, 37.86, 95.0, 106.3)),
      coord_dec: makeColumn(Float64Array.of(-72.08, -28.1, -48.73, -34.45, -25.0, -10.5)),
    },
    nested: {
      lc: {
        offsets,
        fields: {
          band: { type: "dict", codes: band, dictionary: [...BANDS] },
          midpointMjdTai: makeColumn(mjd),
          psfFlux: makeColumn(flux),
          psfFluxErr: makeColumn(err),
          psfFlux_flag: makeColumn(flag, "bool"),
          visit: makeColumn(visit),
        },
      },
    },
  });
}

/** The observations of `frame` as flat rows ordered by visit (so ids are interleaved, as in a per-visit file). */
function flatten(frame: NestedFrame): Fixtures["forcedSources"] {
  const lc = frame.nest("lc");
  const ids = (frame.column("objectId") as { values: BigInt64Array }).values;
  const visit = (lc.fields["visit"] as { values: BigInt64Array }).values;
  const n = visit.length;
  const owner = new Int32Array(n);
  for (let i = 0; i < frame.length; i++) owner.fill(i, lc.offsets[i]!, lc.offsets[i + 1]!);
  const order = Array.from({ length: n }, (_, k) => k).sort((a, b) => (visit[a]! < visit[b]! ? -1 : visit[a]! > visit[b]! ? 1 : a - b));
  const take = <T extends Float32Array | Float64Array | Uint8Array | BigInt64Array | Int32Array>(src: T): T => {
    const out = new (src.constructor as new (n: number) => T)(n);
    order.forEach((k, r) => (out[r] = src[k]!));
    return out;
  };
  const field = <T>(name: string) => (lc.fields[name] as unknown as { values: T }).values;
  const band = lc.fields["band"] as { codes: Int32Array; dictionary: readonly string[] };
  return {
    objectId: BigInt64Array.from(order, (k) => ids[owner[k]!]!),
    visit: take(visit),
    band: { type: "dict", codes: take(band.codes), dictionary: band.dictionary },
    midpointMjdTai: take(field<Float64Array>("midpointMjdTai")),
    psfFlux: take(field<Float32Array>("psfFlux")),
    psfFluxErr: take(field<Float32Array>("psfFluxErr")),
    psfFlux_flag: makeColumn(take(field<Uint8Array>("psfFlux_flag")), "bool"),
  };
}

/** A fresh set of fixtures. */
export function makeFixtures(): Fixtures {
  const frame = buildFrame();
  const forcedSources = flatten(frame);
  const dp1 = new NestedFrame({ base: frame.base, nested: { objectForcedSource: frame.nest("lc") } });
  return {
    frame,
    objects: new NestedFrame({ base: { objectId: frame.column("objectId") } }),
    forcedSources,
    table: forcedSources,
    flat: forcedSources,
    c: makeColumn(Float64Array.of(1.5, -2, 3.25, NaN, 0)),
    part0: frame.head(3),
    part1: frame.loc([3, 4, 5]),
    partitions: [frame.head(3), frame.loc([3, 4, 5])],
    bytes: arrow.tableToIPC(toArrow(dp1, { layout: "struct<list>" })),
    arrow,
    tableFromIPC: arrow.tableFromIPC,
    total: 0,
    get dp1Objects() {
      return dp1Objects();
    },
    doubleWorker: new URL("./fixture-double-worker.js", import.meta.url),
  };
}
