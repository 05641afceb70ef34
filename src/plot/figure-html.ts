/**
 * A figure as HTML: a div and a script that draws it with plotly.js. The
 * plotly.js bundle (plotly.js-dist-min, 4.8 MB) can be inlined, so a page
 * works offline; a page inlines it once and draws its other figures with
 * `plotly: "none"`.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { ArgumentError } from "../frame/errors.js";
import type { Figure } from "./figure.js";

export interface FigureHtmlOptions {
  /** "inline" puts the plotly.js bundle before the figure; "none" (default) expects the page to have it. */
  readonly plotly?: "inline" | "none";
  /** The div's id (default: made from the figure's content and a counter). Use your own for reproducible pages. */
  readonly id?: string;
  /** CSS of the div (default "width:100%"). */
  readonly style?: string;
  /** What the figure shows, in the div's `data-figure` attribute (default "figure"); pages and tests find figures by it. */
  readonly name?: string;
}

let bundle: string | undefined;

/**
 * The plotly.js bundle this library draws with (plotly.js-dist-min, read
 * once), ready to go inside a `<script>` element. It defines `window.Plotly`.
 *
 * @example
 * plotlySource().includes("plotly.js v4.1.1"); // true
 */
export function plotlySource(): string {
  if (bundle === undefined) {
    const path = createRequire(import.meta.url).resolve("plotly.js-dist-min");
    bundle = scriptSafe(readFileSync(path, "utf8"));
  }
  return bundle;
}

/**
 * `<script>` with the plotly.js bundle: put it once in a page, before figures made with `plotly: "none"`.
 *
 * @example
 * plotlyScriptTag().startsWith("<script>"); // true
 */
export function plotlyScriptTag(): string {
  return `<script>${plotlySource()}</script>`;
}

/** Text that cannot end the `<script>` element it sits in. */
function scriptSafe(js: string): string {
  return js.replace(/<\/(script)/gi, "<\\/$1");
}

/** JSON for inside a `<script>`: `<` escaped, so no `</script>` or `<!--` can appear. */
function scriptJson(x: unknown): string {
  return JSON.stringify(x).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/** FNV-1a 32-bit hash, hex: a short id derived from the figure's content. */
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

let counter = 0;

/** The plotly config of every figure: resizes with its container, no plotly logo, no links out. */
export const PLOTLY_CONFIG = { responsive: true, displaylogo: false, showLink: false } as const;

/**
 * HTML that draws `fig`: a div (class `nlc-figure`, attribute `data-figure`)
 * and a script calling `Plotly.newPlot`. With
 * `plotly: "none"` the script waits (up to 10 s) for `window.Plotly`, so it
 * may come before the bundle on the page; if plotly.js never arrives the div
 * says so instead of throwing. Figure JSON is escaped for a `<script>`.
 *
 * @example
 * const html = figureHtml(pullHistogramFigure({ lo: -1, width: 1, counts: [3, 4] }), { id: "pulls" });
 * html.startsWith('<div id="pulls"'); // true
 * figureHtml(pullHistogramFigure({ lo: -1, width: 1, counts: [3, 4] }), { plotly: "inline" }).length > 4_000_000; // true
 */
export function figureHtml(fig: Figure, options: FigureHtmlOptions = {}): string {
  const json = scriptJson({ data: fig.data, layout: fig.layout });
  const id = options.id ?? `nlc-${fnv1a(json)}-${counter++}`;
  if (!/^[A-Za-z][\w-]*$/.test(id)) throw new ArgumentError(`figure id must be a letter followed by letters, digits, "_" or "-", got "${id}".`);
  const plotly = options.plotly ?? "none";
  if (plotly !== "inline" && plotly !== "none") throw new ArgumentError(`plotly must be "inline" or "none", got "${String(plotly)}".`);
  const attr = (x: string) => x.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  const style = attr(options.style ?? "width:100%");
  const draw =
    `(function(){var el=document.getElementById(${JSON.stringify(id)});var fig=${json};var tries=0;` +
    `function draw(){if(window.Plotly){window.Plotly.newPlot(el,fig.data,fig.layout,${JSON.stringify(PLOTLY_CONFIG)});}` +
    `else if(++tries<100){setTimeout(draw,100);}` +
    `else{el.textContent="This figure needs plotly.js, which this page does not load.";}}draw();})();`;
  return `${plotly === "inline" ? plotlyScriptTag() : ""}<div id="${id}" class="nlc-figure" data-figure="${attr(options.name ?? "figure")}" style="${style}"></div><script>${draw}</script>`;
}
