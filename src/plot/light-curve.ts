/**
 * One object's light curve: flux against time with error bars, one trace per
 * band in the band's fixed colour, read straight from a NestedFrame's nest.
 */
import { type Column, rawValues } from "../frame/column.js";
import { ArgumentError, SchemaError } from "../frame/errors.js";
import type { NestedFrame } from "../frame/nested-frame.js";
import { bandColor, sortBands } from "./band-colors.js";
import { BASE_LAYOUT, type Figure, type ScatterTrace, finiteOrNull } from "./figure.js";

export interface LightCurveFigureOptions {
  /** The nest holding the observations (default: the frame's only nest). */
  readonly nest?: string;
  /** Nested field names: time (default midpointMjdTai), flux (psfFlux), err (flux + "Err"), band (band). */
  readonly time?: string;
  readonly flux?: string;
  readonly err?: string;
  readonly band?: string;
  /** Base column of object ids (default objectId): finds a bigint `which`, and names the object in the title. */
  readonly id?: string;
  readonly title?: string;
  /** Default "<flux> (nJy)". */
  readonly yLabel?: string;
  /** Default "<time>". */
  readonly xLabel?: string;
}

/** Value of a numeric nested field at row r, NaN for a null. */
function numberAt(c: Column, values: ArrayLike<number | bigint>, r: number): number {
  return c.valid && c.valid[r] === 0 ? NaN : Number(values[r]!);
}

/** Band label of row r: the dictionary string, the number as text, or "null". */
function bandAt(c: Column, r: number): string {
  if (c.valid && c.valid[r] === 0) return "null";
  return c.type === "dict" ? c.dictionary[c.codes[r]!]! : String(rawValues(c)[r]!);
}

/** The object's row: a position, or the row whose id equals a bigint. */
function objectRow(frame: NestedFrame, which: number | bigint, idName: string): number {
  if (typeof which === "number") {
    if (!Number.isInteger(which) || which < 0 || which >= frame.length) throw new ArgumentError(`Object position ${which} is out of range [0, ${frame.length}).`);
    return which;
  }
  const ids = frame.bigints(idName);
  for (let i = 0; i < ids.length; i++) if (ids[i] === which) return i;
  throw new ArgumentError(`No object has ${idName} = ${which} (the frame has ${frame.length} objects); pass a bigint id or a row position.`);
}

/** Object name for the title: its id when the frame has the id column. */
function objectName(frame: NestedFrame, row: number, idName: string): string {
  if (!frame.baseNames.includes(idName)) return `object ${row}`;
  return `${idName} ${String(frame.toArray(idName)[row])}`;
}

/**
 * A plotly figure of one object's light curve, flux against time with error
 * bars, one trace per band (u g r i z y first, in Rubin's colours). `which` is
 * a row position (number) or an object id (bigint, looked up in `id`). Points
 * whose time or flux is null or not finite are left out; a missing error
 * draws no bar.
 *
 * @example
 * const fig = lightCurveFigure(frame, 1234567890123456789n, { nest: "lc" });
 * fig.data.map((t) => t.name); // ["u", "g", "r", "i", "z", "y"]
 * fig.layout.title?.text; // "objectId 1234567890123456789"
 */
export function lightCurveFigure(frame: NestedFrame, which: number | bigint, options: LightCurveFigureOptions = {}): Figure {
  const nest = options.nest ?? frame.defaultNest();
  const idName = options.id ?? "objectId";
  const fluxName = options.flux ?? "psfFlux";
  const names = { time: options.time ?? "midpointMjdTai", flux: fluxName, err: options.err ?? `${fluxName}Err`, band: options.band ?? "band" };
  const cols = {
    time: frame.column(`${nest}.${names.time}`),
    flux: frame.column(`${nest}.${names.flux}`),
    err: frame.column(`${nest}.${names.err}`),
    band: frame.column(`${nest}.${names.band}`),
  };
  for (const k of ["time", "flux", "err"] as const) {
    if (cols[k].type === "dict") throw new SchemaError(`Column "${nest}.${names[k]}" holds strings; the ${k} of a light curve must be numeric.`);
  }
  const row = objectRow(frame, which, idName);
  const o = frame.nest(nest).offsets;
  const t = rawValues(cols.time);
  const f = rawValues(cols.flux);
  const e = rawValues(cols.err);
  const byBand = new Map<string, { x: number[]; y: number[]; err: (number | null)[] }>();
  for (let r = o[row]!; r < o[row + 1]!; r++) {
    const x = numberAt(cols.time, t, r);
    const y = numberAt(cols.flux, f, r);
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const b = bandAt(cols.band, r);
    let s = byBand.get(b);
    if (!s) byBand.set(b, (s = { x: [], y: [], err: [] }));
    s.x.push(x);
    s.y.push(y);
    s.err.push(finiteOrNull(numberAt(cols.err, e, r)));
  }
  const traces: ScatterTrace[] = sortBands([...byBand.keys()]).map((b, k) => {
    const s = byBand.get(b)!;
    const color = bandColor(b, k);
    return { type: "scatter", name: b, x: s.x, y: s.y, mode: "markers", marker: { color, size: 6 }, error_y: { type: "data", array: s.err, visible: true, color, thickness: 1, width: 2 } };
  });
  return {
    data: traces,
    layout: {
      ...BASE_LAYOUT,
      title: { text: options.title ?? objectName(frame, row, idName) },
      // MJDs read as 60612.1, not plotly's default "60.61k"
      xaxis: { title: { text: options.xLabel ?? names.time }, zeroline: false, tickformat: ".8~r" },
      yaxis: { title: { text: options.yLabel ?? `${names.flux} (nJy)` } },
      hovermode: "closest",
    },
  };
}
