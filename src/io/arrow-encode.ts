/**
 * Columns to Arrow `Data`, sharing value buffers: numbers, int64 and dictionary
 * codes go to Arrow as they are. Only what Arrow stores differently is built:
 * validity byte masks and bool bytes become bitmaps, the dictionary becomes a
 * Utf8 vector.
 */
import * as arrow from "apache-arrow";
import { type Column, columnLength } from "../frame/column.js";

const NUMERIC_ARROW = {
  float64: () => new arrow.Float64(),
  float32: () => new arrow.Float32(),
  int8: () => new arrow.Int8(),
  int16: () => new arrow.Int16(),
  int32: () => new arrow.Int32(),
  uint8: () => new arrow.Uint8(),
  uint16: () => new arrow.Uint16(),
  uint32: () => new arrow.Uint32(),
} as const;

/** Pack a 0/1 byte per row into an LSB-first bitmap (Arrow's validity and bool layout). */
export function packBits(bytes: Uint8Array): Uint8Array {
  const n = bytes.length;
  const out = new Uint8Array((n + 7) >> 3);
  for (let i = 0; i < n; i++) if (bytes[i]) out[i >> 3]! |= 1 << (i & 7);
  return out;
}

function nullCount(valid: Uint8Array | undefined): number {
  if (!valid) return 0;
  let k = 0;
  for (let i = 0; i < valid.length; i++) if (!valid[i]) k++;
  return k;
}

/**
 * One column as Arrow Data, zero-copy for the values buffer. `dictId` fixes the
 * Arrow dictionary id, so that two tables of the same frame schema have equal
 * Arrow schemas (apache-arrow otherwise numbers dictionaries globally).
 *
 * @example
 * columnToArrow(makeColumn(new Float32Array([1, 2]))).type.toString(); // "Float32"
 */
export function columnToArrow(c: Column, dictId?: number): arrow.Data {
  const length = columnLength(c);
  const nulls = nullCount(c.valid);
  const nullBitmap = nulls > 0 ? packBits(c.valid!) : undefined;
  const common = { length, nullCount: nulls, nullBitmap };
  switch (c.type) {
    case "int64":
      return arrow.makeData({ type: new arrow.Int64(), data: c.values, ...common });
    case "bool":
      return arrow.makeData({ type: new arrow.Bool(), data: packBits(c.values), ...common });
    case "dict": {
      const type = new arrow.Dictionary(new arrow.Utf8(), new arrow.Int32(), dictId);
      const dictionary = arrow.vectorFromArray(c.dictionary as string[], new arrow.Utf8());
      return arrow.makeData({ type, data: c.codes, dictionary, ...common });
    }
    default:
      // One generic call for eight numeric types; the type and buffer match by construction.
      return arrow.makeData({ type: NUMERIC_ARROW[c.type]() as arrow.Float64, data: c.values as Float64Array, ...common });
  }
}
