/**
 * A one-line progress display for partitioned runs: partitions done/total,
 * rows, rows/s and ETA, redrawn in place with `\r` (a terminal's stderr, or a
 * notebook cell's stdout). Logs print above it without garbling it.
 */
import { ArgumentError } from "../frame/errors.js";

/** Where progress goes: false (off), true (stderr in a terminal, else stdout, e.g. a tslab cell), or a writable with `write(text)`. */
export type ProgressOption = boolean | { readonly write: (text: string) => unknown };

/**
 * The text of the progress line (no `\r`).
 *
 * @example
 * progressLine(12, 24, 1234567, 4); // "12/24 partitions (50%) | 1,234,567 rows | 308,642 rows/s | ETA 0:04"
 */
export function progressLine(done: number, total: number, rows: number, seconds: number): string {
  const rate = seconds > 0 ? rows / seconds : 0;
  const eta = done > 0 && done < total ? (seconds / done) * (total - done) : done >= total ? 0 : NaN;
  const pct = total > 0 ? Math.floor((100 * done) / total) : 100;
  return `${done}/${total} partitions (${pct}%) | ${rows.toLocaleString("en-US")} rows | ${Math.round(rate).toLocaleString("en-US")} rows/s | ETA ${clock(eta)}`;
}

/** Seconds as m:ss or h:mm:ss; `?` when unknown. */
function clock(s: number): string {
  if (!Number.isFinite(s)) return "?";
  const t = Math.round(s);
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const ss = String(t % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

/**
 * Where text for `option` goes: undefined when progress is off (by default,
 * off unless stderr is a terminal).
 *
 * @example
 * progressWriter(false); // undefined
 */
export function progressWriter(option: ProgressOption | undefined): ((text: string) => unknown) | undefined {
  return writerFor(option);
}

/** The writer for `option`: undefined means on only when stderr is a terminal. */
function writerFor(option: ProgressOption | undefined): ((text: string) => unknown) | undefined {
  if (option === false) return undefined;
  if (option === undefined) return process.stderr.isTTY ? (t) => process.stderr.write(t) : undefined;
  if (option === true) return process.stderr.isTTY ? (t) => process.stderr.write(t) : (t) => process.stdout.write(t);
  if (typeof option.write !== "function") throw new ArgumentError("progress must be true, false, or an object with write(text).");
  return (t) => option.write(t);
}

/**
 * Progress of a partitioned run.
 *
 * @example
 * const lines: string[] = [];
 * const p = new Progress(2, { write: (t: string) => lines.push(t) });
 * p.partitionDone(1000);
 * lines.at(-1)!.startsWith("\r1/2 partitions (50%) | 1,000 rows"); // true
 */
export class Progress {
  private done = 0;
  private rows = 0;
  private readonly start = performance.now();
  private readonly write: ((text: string) => unknown) | undefined;
  private width = 0;
  private lastDraw = 0;

  constructor(
    readonly total: number,
    option?: ProgressOption,
  ) {
    this.write = writerFor(option);
    this.draw(true);
  }

  /** Whether anything is displayed. */
  get enabled(): boolean {
    return this.write !== undefined;
  }

  /** Count one finished partition of `rows` rows and redraw (at most ten times a second, always for the last). */
  partitionDone(rows: number): void {
    this.done++;
    this.rows += rows;
    this.draw(this.done === this.total);
  }

  /** Print a line above the progress line. */
  log(line: string): void {
    if (!this.write) return;
    this.write(`\r${" ".repeat(this.width)}\r${line}\n`);
    this.draw(true);
  }

  /** End the line (a newline after the last redraw). */
  finish(): void {
    if (!this.write) return;
    this.draw(true);
    this.write("\n");
  }

  private draw(force: boolean): void {
    if (!this.write) return;
    const now = performance.now();
    if (!force && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const line = progressLine(this.done, this.total, this.rows, (now - this.start) / 1000);
    this.write(`\r${line}${" ".repeat(Math.max(0, this.width - line.length))}`);
    this.width = line.length;
  }
}
