/**
 * Independent reference implementations for the association tests: plain
 * objects and O(n²) scans, written from the rules in the JSDoc, sharing no code
 * with src/association (its own haversine).
 */
export interface RefSource {
  readonly id: bigint;
  readonly visit: bigint;
  readonly ra: number;
  readonly dec: number;
}

const RAD = Math.PI / 180;

/** Great-circle distance in arcsec (haversine). */
export function haversineArcsec(ra1: number, dec1: number, ra2: number, dec2: number): number {
  const a = Math.sin(((dec2 - dec1) * RAD) / 2) ** 2 + Math.cos(dec1 * RAD) * Math.cos(dec2 * RAD) * Math.sin(((ra2 - ra1) * RAD) / 2) ** 2;
  return (2 * Math.asin(Math.min(1, Math.sqrt(a)))) / RAD * 3600;
}

interface RefObject {
  id: bigint;
  x: number;
  y: number;
  z: number;
  ra: number;
  dec: number;
}

/**
 * Sequential association by the documented rules: visit order then id; each
 * source's nearest object from before the visit within `radius`; closest
 * (source, object) pairs first, one source per object per visit; the rest
 * start objects named by their id; objects move to the mean of their unit vectors.
 * Returns the object id of each source (by position in `sources`), and whether
 * a decision hung on a near-tie (distances within 1e-7 arcsec of each other or
 * of the radius), which rounding may decide either way.
 */
export function referenceAssociate(sources: readonly RefSource[], radius: number): { ids: bigint[]; ambiguous: boolean } {
  const EPS = 1e-7;
  let ambiguous = false;
  const order = sources.map((s, i) => ({ s, i })).sort((a, b) => (a.s.visit !== b.s.visit ? (a.s.visit < b.s.visit ? -1 : 1) : a.s.id < b.s.id ? -1 : 1));
  const objects: RefObject[] = [];
  const out: bigint[] = new Array(sources.length);
  for (let g = 0; g < order.length; ) {
    let h = g;
    while (h < order.length && order[h]!.s.visit === order[g]!.s.visit) h++;
    const group = order.slice(g, h);
    const proposals = group.map(({ s, i }, k) => {
      let best: RefObject | undefined;
      let bestD = Infinity;
      const ds = objects.map((o) => haversineArcsec(s.ra, s.dec, o.ra, o.dec));
      objects.forEach((o, j) => {
        if (ds[j]! <= radius && ds[j]! < bestD) [best, bestD] = [o, ds[j]!];
      });
      // a tie for the nearest: two objects (even at exactly the same distance, e.g. both at a pole) within EPS of the best
      if (ds.some((d) => Math.abs(d - radius) < EPS) || ds.filter((d) => Math.abs(d - bestD) < EPS).length > 1) ambiguous = true;
      return { i, k, best, d: bestD };
    });
    for (const p of proposals) for (const q of proposals) if (p !== q && p.best && p.best === q.best && Math.abs(p.d - q.d) < EPS) ambiguous = true;
    const taken = new Set<RefObject>();
    const joined: RefObject[] = [];
    for (const p of proposals.filter((p) => p.best).sort((a, b) => a.d - b.d || a.k - b.k)) {
      if (taken.has(p.best!)) continue;
      taken.add(p.best!);
      out[p.i] = p.best!.id;
      const s = sources[p.i]!;
      p.best!.x += Math.cos(s.dec * RAD) * Math.cos(s.ra * RAD);
      p.best!.y += Math.cos(s.dec * RAD) * Math.sin(s.ra * RAD);
      p.best!.z += Math.sin(s.dec * RAD);
      joined.push(p.best!);
    }
    for (const { s, i } of group) {
      if (out[i] !== undefined) continue;
      out[i] = s.id;
      objects.push({ id: s.id, x: Math.cos(s.dec * RAD) * Math.cos(s.ra * RAD), y: Math.cos(s.dec * RAD) * Math.sin(s.ra * RAD), z: Math.sin(s.dec * RAD), ra: s.ra, dec: s.dec });
    }
    for (const o of joined) {
      o.ra = ((Math.atan2(o.y, o.x) / RAD) % 360 + 360) % 360;
      o.dec = Math.atan2(o.z, Math.hypot(o.x, o.y)) / RAD;
    }
    g = h;
  }
  return { ids: out, ambiguous };
}

/** Connected components of "closer than `link`" by breadth-first search over all pairs: a label per source. */
export function referenceComponents(ra: readonly number[], dec: readonly number[], link: number): number[] {
  const n = ra.length;
  const label = new Array<number>(n).fill(-1);
  let next = 0;
  for (let i = 0; i < n; i++) {
    if (label[i]! >= 0) continue;
    label[i] = next;
    const queue = [i];
    while (queue.length > 0) {
      const a = queue.pop()!;
      for (let b = 0; b < n; b++) {
        if (label[b]! < 0 && haversineArcsec(ra[a]!, dec[a]!, ra[b]!, dec[b]!) <= link) {
          label[b] = next;
          queue.push(b);
        }
      }
    }
    next++;
  }
  return label;
}

/** True when two labelings define the same partition. */
export function samePartition(a: ArrayLike<unknown>, b: ArrayLike<unknown>): boolean {
  const ab = new Map<unknown, unknown>();
  const ba = new Map<unknown, unknown>();
  for (let i = 0; i < a.length; i++) {
    if (ab.has(a[i]) && ab.get(a[i]) !== b[i]) return false;
    if (ba.has(b[i]) && ba.get(b[i]) !== a[i]) return false;
    ab.set(a[i], b[i]);
    ba.set(b[i], a[i]);
  }
  return true;
}
