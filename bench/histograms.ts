/**
 * The recipe's output as every engine reports it: per band, 200 bins of 0.1
 * over [-10, 10) of naive pulls, with under/overflow; and the bin-for-bin
 * comparison the benchmark fails on.
 */
export const LO = -10;
export const HI = 10;
export const WIDTH = 0.1;
export const NBINS = 200;

export interface BandHistogram {
  counts: number[];
  underflow: number;
  overflow: number;
}
export type BandHistograms = Record<string, BandHistogram>;

export function emptyHistogram(): BandHistogram {
  return { counts: new Array<number>(NBINS).fill(0), underflow: 0, overflow: 0 };
}

/** Add `n` values of bin index `bin` (floor((x - lo) / width)) to `h`. */
export function addBin(h: BandHistogram, bin: number, n: number): void {
  if (bin < 0) h.underflow += n;
  else if (bin >= NBINS) h.overflow += n;
  else h.counts[bin]! += n;
}

/** Points counted, over every band. */
export function totalPoints(hs: BandHistograms): number {
  let s = 0;
  for (const h of Object.values(hs)) s += h.counts.reduce((a, b) => a + b, 0) + h.underflow + h.overflow;
  return s;
}

/** Differences between two engines' histograms, in words (empty when identical bin for bin). */
export function histogramDifferences(a: BandHistograms, b: BandHistograms, labelA: string, labelB: string): string[] {
  const out: string[] = [];
  const bands = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const band of bands) {
    const x = a[band];
    const y = b[band];
    if (!x || !y) {
      out.push(`band ${band}: only in ${x ? labelA : labelB}`);
      continue;
    }
    for (let k = 0; k < NBINS; k++) {
      if (x.counts[k] !== y.counts[k]) out.push(`band ${band} bin ${k} [${(LO + k * WIDTH).toFixed(1)}, ${(LO + (k + 1) * WIDTH).toFixed(1)}): ${labelA} ${x.counts[k]}, ${labelB} ${y.counts[k]}`);
    }
    if (x.underflow !== y.underflow) out.push(`band ${band} underflow: ${labelA} ${x.underflow}, ${labelB} ${y.underflow}`);
    if (x.overflow !== y.overflow) out.push(`band ${band} overflow: ${labelA} ${x.overflow}, ${labelB} ${y.overflow}`);
  }
  return out;
}
