import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { frameFromJSON, frameToJSON } from "../../src/catalog/frame-json.js";
import { makeColumn } from "../../src/frame/column.js";
import { SchemaError } from "../../src/frame/errors.js";
import { NestedFrame } from "../../src/frame/nested-frame.js";

const roundTrip = (f: NestedFrame) => frameFromJSON(JSON.parse(JSON.stringify(frameToJSON(f))));

describe("frameToJSON / frameFromJSON", () => {
  it("keep every column type, nulls, dictionaries, and offsets that start mid-way", () => {
    const f = new NestedFrame({
      base: {
        objectId: makeColumn(BigInt64Array.of((1n << 62n) + 1n, -3n)),
        ra: makeColumn([1.5, null]),
        field: makeColumn(["ECDFS", "EDFS"]),
      },
      nested: {
        lc: {
          offsets: Int32Array.of(1, 3, 4),
          fields: { psfFlux: makeColumn(Float32Array.of(9, 0.1, -0, NaN)), band: makeColumn(["u", "g", null, "y"]), flag: makeColumn([true, false, null, true]), n: makeColumn(Int16Array.of(1, -2, 3, 4)) },
        },
      },
    });
    const back = roundTrip(f);
    expect(back.bigints("objectId")).toEqual(f.bigints("objectId"));
    expect(back.toArray("ra")).toEqual([1.5, null]);
    expect(back.toArray("field")).toEqual(["ECDFS", "EDFS"]);
    expect(back.nest("lc").offsets).toEqual(Int32Array.of(1, 3, 4));
    expect(back.toArray("lc.band")).toEqual(f.toArray("lc.band"));
    expect(back.toArray("lc.flag")).toEqual(f.toArray("lc.flag"));
    expect(back.column("lc.psfFlux").type).toBe("float32");
    expect(back.column("lc.n").type).toBe("int16");
  });

  it("keeps float bits exactly (property)", () => {
    fc.assert(
      fc.property(fc.float64Array({ maxLength: 50 }), (xs) => {
        const f = new NestedFrame({ base: { x: makeColumn(Float64Array.from(xs)) } });
        const back = roundTrip(f).column("x");
        expect(back.type === "float64" && new Uint8Array(back.values.buffer)).toEqual(new Uint8Array(Float64Array.from(xs).buffer));
      }),
    );
  });

  it("refuses bytes that are not whole values", () => {
    expect(() => frameFromJSON({ length: 1, base: { x: { type: "float64", values: Buffer.from([1, 2, 3]).toString("base64") } }, nested: {} })).toThrow(SchemaError);
  });
});
