import { describe, expect, it } from "vitest";
import { UsageError, bigintSafe, listFlag, numberFlag } from "../../src/cli/flags.js";

describe("option values", () => {
  it("numberFlag reads numbers and names the flag when it cannot", () => {
    expect(numberFlag("clip", "5")).toBe(5);
    expect(numberFlag("clip", undefined)).toBeUndefined();
    expect(() => numberFlag("clip", "five")).toThrow(UsageError);
    expect(() => numberFlag("clip", " ")).toThrow('--clip needs a number, got " "');
  });

  it("listFlag splits on commas and drops blanks", () => {
    expect(listFlag("g, r,,i,")).toEqual(["g", "r", "i"]);
    expect(listFlag("")).toEqual([]);
  });

  it("bigintSafe writes int64 ids exactly", () => {
    expect(JSON.stringify({ id: 2n ** 62n + 1n }, bigintSafe)).toBe('{"id":"4611686018427387905"}');
  });
});
