import { describe, expect, it } from "vitest";
import { formatFrame } from "../../src/frame/format.js";
import { sampleFrame } from "./verbs/fixtures.js";

describe("formatFrame", () => {
  it("prints sizes, then rows with int64 ids exact and nested cells as [n obs]", () => {
    expect(sampleFrame().toString()).toBe(
      [
        "NestedFrame: 3 objects; lc: 7 observations",
        "           objectId   ra  lc",
        "0  9007199254740995   10  [3 obs]",
        "1  9007199254740993  NaN  [0 obs]",
        "2  9007199254740994   30  [4 obs]",
      ].join("\n"),
    );
  });

  it("shows the first values of each nested field and how many rows are left", () => {
    const text = formatFrame(sampleFrame(), { rows: 1, nestedValues: 2 });
    expect(text).toContain("lc.psfFlux");
    expect(text).toContain("[1, 3] +1 rows");
    expect(text).toContain("[g, r] +1 rows");
    expect(text.split("\n").at(-1)).toBe("... 2 more objects");
  });

  it("cuts long cells", () => {
    expect(formatFrame(sampleFrame(), { maxCellWidth: 5 })).toContain("9007…");
  });
});
