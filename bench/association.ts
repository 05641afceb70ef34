/**
 * DIASource -> DIAObject association: time against the number of sources at a
 * fixed density (the grid keeps each query O(1), so the run is O(n log n) from
 * the visit sort), the brute-force index (O(n) per query, O(n²) in all) on
 * small n as the reference, friends-of-friends, and purity / completeness
 * against radius and density on simulated truth. Prints markdown tables.
 *
 *   npx tsx bench/association.ts                  # up to 1e6 sources
 *   npx tsx bench/association.ts --max 300000     # a quicker run
 */
import { parseArgs } from "node:util";
import { associateSources, associationScores, friendsOfFriends, simulateDiaSky } from "../src/index.js";

const { values } = parseArgs({ options: { max: { type: "string", default: "1000000" }, "max-brute": { type: "string", default: "100000" } } });
const maxN = Number(values.max);
const maxBrute = Number(values["max-brute"]);
const VISITS = 10;
const P_DETECT = 0.5;
const DENSITY = 1e5; // objects per square degree: ~11" apart on average, a crowded DIA field
const SIGMA = 0.1;

/** Sources for about `n` detections: n / (visits * p) objects. */
function sky(n: number, seed = 1, density = DENSITY) {
  return simulateDiaSky({ nObjects: Math.round(n / (VISITS * P_DETECT)), density, visits: VISITS, detectionProbability: P_DETECT, astrometricError: SIGMA, seed });
}

/**
 * Best of `reps` CPU times (user + system), seconds. CPU time, not wall time: the
 * benchmark machine is shared, and a busy neighbour stretches wall time only.
 */
function time(fn: () => void, reps: number): number {
  let best = Infinity;
  for (let r = 0; r < reps; r++) {
    const t = process.cpuUsage();
    fn();
    const d = process.cpuUsage(t);
    best = Math.min(best, (d.user + d.system) / 1e6);
  }
  return best;
}

console.log(`# association benchmark (Node ${process.version}, load ${(await import("node:os")).loadavg().map((x) => x.toFixed(1)).join(" ")})\n`);
console.log(`density ${DENSITY.toExponential(0)} objects/deg², ${VISITS} visits, detection probability ${P_DETECT}, astrometric error ${SIGMA}", radius 1"\n`);

console.log("## time against n\n");
console.log("CPU seconds (best of 3 below 1e5 sources, else 1 run)\n");
console.log("| sources | objects found | associate (s) | µs/source | associate, no aggregates (s) | friends-of-friends (s) | brute-force index (s) |");
console.log("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
const sizes: number[] = [];
for (let n = 1e3; n <= maxN * 1.001; n *= Math.sqrt(10)) sizes.push(Math.round(n));
const points: Array<[number, number]> = [];
const brutePoints: Array<[number, number]> = [];
for (const n of sizes) {
  const s = sky(n);
  const rows = s.sources.length;
  const reps = rows <= 1e5 ? 3 : 1;
  let found = 0;
  associateSources(s.sources, { radius: 1 }); // warm-up
  const tAll = time(() => (found = associateSources(s.sources, { radius: 1 }).nObjects), reps);
  const tCore = time(() => associateSources(s.sources, { radius: 1, aggregates: false }), reps);
  const tFof = time(() => friendsOfFriends(s.sources, { linkingLength: 1, aggregates: false }), reps);
  let tBrute = NaN;
  if (rows <= maxBrute) {
    tBrute = time(() => associateSources(s.sources, { radius: 1, aggregates: false, index: "brute" }), 1);
    brutePoints.push([rows, tBrute]);
  }
  points.push([rows, tCore]);
  const f = (x: number) => (Number.isNaN(x) ? "-" : x.toFixed(3));
  console.log(`| ${rows.toLocaleString("en-US")} | ${found.toLocaleString("en-US")} | ${f(tAll)} | ${((tAll / rows) * 1e6).toFixed(2)} | ${f(tCore)} | ${f(tFof)} | ${f(tBrute)} |`);
}
/** Least-squares slope of log t against log n. */
const slope = (p: Array<[number, number]>) => {
  const xs = p.map(([n]) => Math.log(n));
  const ys = p.map(([, t]) => Math.log(t));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  return xs.reduce((a, x, i) => a + (x - mx) * (ys[i]! - my), 0) / xs.reduce((a, x) => a + (x - mx) ** 2, 0);
};
const big = (p: Array<[number, number]>) => p.filter(([n]) => n >= 1e4);
console.log(`\nlog-log slope of CPU time against n from 1e4 sources up (1 = linear, 2 = quadratic): grid ${slope(big(points)).toFixed(2)}${big(brutePoints).length > 1 ? `, brute force ${slope(big(brutePoints)).toFixed(2)}` : ""}`);
console.log(`grid, per step: ${points.slice(1).map(([n, t], i) => `${slope([points[i]!, [n, t]]).toFixed(2)}`).join(", ")} (timer noise dominates below 1e4)`);

console.log("\n## purity / completeness against radius and density\n");
const radii = [0.1, 0.2, 0.3, 0.5, 1, 2];
const densities = [1e4, 1e5, 1e6, 1e7];
console.log(`1,500 objects, ${VISITS} visits, astrometric error ${SIGMA}" per axis; each cell: purity / completeness (sequential association; FoF in the last column at 1")\n`);
console.log(`| density (objects/deg²) | ${radii.map((r) => `r = ${r}"`).join(" | ")} | FoF 1" |`);
console.log(`| ---: | ${radii.map(() => "---").join(" | ")} | --- |`);
for (const density of densities) {
  const s = simulateDiaSky({ nObjects: 1500, density, visits: VISITS, astrometricError: SIGMA, seed: 11 });
  const cells = radii.map((radius) => {
    const sc = associationScores(s.trueObjectId, associateSources(s.sources, { radius, aggregates: false }).diaObjectId);
    return `${sc.purity.toFixed(4)} / ${sc.completeness.toFixed(4)}`;
  });
  const fof = associationScores(s.trueObjectId, friendsOfFriends(s.sources, { linkingLength: 1, aggregates: false }).diaObjectId);
  console.log(`| ${density.toExponential(0)} | ${cells.join(" | ")} | ${fof.purity.toFixed(4)} / ${fof.completeness.toFixed(4)} |`);
}
console.log(`\npeak RSS ${(process.resourceUsage().maxRSS / 1024 / 1024).toFixed(2)} GB`);
