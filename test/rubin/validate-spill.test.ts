import { mkdtempSync, rmSync, truncateSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ArgumentError } from "../../src/frame/errors.js";
import { openSpill, readSpillBand, writeSpill } from "../../src/rubin/validate-spill.js";

const dir = mkdtempSync(join(tmpdir(), "nested-lc-spill-file-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const g = { band: "g", offsets: Int32Array.of(0, 2, 5), object: Int32Array.of(0, 3), field: Int8Array.of(2, -1), mag: Float64Array.of(21, NaN), flux: Float32Array.of(1.5, 2, -3, 4, 5), err: Float32Array.of(1, 1, 2, 2, 0.25) };
const r = { band: "r", offsets: Int32Array.of(0, 1), object: Int32Array.of(7), field: Int8Array.of(0), mag: Float64Array.of(18), flux: Float32Array.of(9), err: Float32Array.of(3) };

describe("spill files", () => {
  it("read back every band exactly as written, with odd lengths padded in between", () => {
    const layout = writeSpill(join(dir, "a.bin"), [g, r], { hasField: true, hasMag: true });
    expect(layout.float32).toBe(true);
    expect(layout.segments.map((s) => [s.band, s.lightCurves, s.rows])).toEqual([["g", 2, 5], ["r", 1, 1]]);
    const back = readSpillBand(layout, 0);
    expect(back.offsets).toEqual(g.offsets);
    expect(back.object).toEqual(g.object);
    expect(back.field).toEqual(g.field);
    expect(back.mag).toEqual(g.mag);
    expect(back.flux).toEqual(g.flux);
    expect(back.err).toEqual(g.err);
    const second = readSpillBand(layout, 1);
    expect([second.object[0], second.field![0], second.mag![0], second.flux[0], second.err[0]]).toEqual([7, 0, 18, 9, 3]);
  });

  it("store float64 when any flux is not float32, with the same values", () => {
    const mixed = { ...r, flux: Float64Array.of(0.1) };
    const layout = writeSpill(join(dir, "b.bin"), [g, mixed], { hasField: false, hasMag: false });
    expect(layout.float32).toBe(false);
    const back = readSpillBand(layout, 0);
    expect(back.flux).toBeInstanceOf(Float64Array);
    expect(Array.from(back.flux)).toEqual(Array.from(g.flux)); // float32 values, exactly
    expect(readSpillBand(layout, 1).flux[0]).toBe(0.1);
    expect(back.field).toBeUndefined();
  });

  it("append segments one by one (a group's pieces), and read only the per-light-curve arrays on request", () => {
    const w = openSpill(join(dir, "c.bin"), { float32: true, hasField: false, hasMag: false });
    w.append(g);
    w.append(r);
    const layout = w.close();
    expect(layout.segments.length).toBe(2);
    const meta = readSpillBand(layout, 0, { rows: false });
    expect(meta.offsets).toEqual(g.offsets);
    expect(meta.flux.length).toBe(0);
    expect(() => w.append(g)).toThrow(/closed/);
  });

  it("say what is wrong: no such segment, a truncated file, a layout that needs a field", () => {
    const layout = writeSpill(join(dir, "d.bin"), [g], { hasField: false, hasMag: false });
    expect(() => readSpillBand(layout, 1)).toThrow(/has 1 band segments; there is no segment 1/);
    truncateSync(layout.path, 10);
    expect(() => readSpillBand(layout, 0)).toThrow(/ends early.*deleted or truncated/);
    expect(() => writeSpill(join(dir, "e.bin"), [{ ...g, field: undefined }], { hasField: true, hasMag: false })).toThrow(ArgumentError);
  });
});
