import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pathTemplate } from "../../src/catalog/path-template.js";
import { ArgumentError } from "../../src/frame/errors.js";

describe("pathTemplate", () => {
  it("reads the dataId fields of a path and refuses paths of another shape", () => {
    const t = pathTemplate("data/{tract}/visit_{visit}.parquet");
    expect(t.fields).toEqual(["tract", "visit"]);
    expect(t.match("data/5063/visit_2024110800253.parquet")).toEqual({ tract: "5063", visit: "2024110800253" });
    expect(t.match("data/5063/extra/visit_1.parquet")).toBeUndefined(); // a field never spans a "/"
    expect(t.match("data/5063/visit_1.parquet.bak")).toBeUndefined();
    expect(t.match("data/5063/calexp_1.parquet")).toBeUndefined();
  });

  it("treats regular-expression characters of the template literally", () => {
    const t = pathTemplate("a+b/(x)_{v}.parquet");
    expect(t.match("a+b/(x)_7.parquet")).toEqual({ v: "7" });
    expect(t.match("aab/(x)_7.parquet")).toBeUndefined();
  });

  it("refuses a template without fields, with a field twice, or with a stray brace", () => {
    expect(() => pathTemplate("visit.parquet")).toThrow(ArgumentError);
    expect(() => pathTemplate("{visit}/{visit}.parquet")).toThrow(/uses \{visit\} twice/);
    expect(() => pathTemplate("{visit}/{1bad}.parquet")).toThrow(/not part of a \{field\}/);
  });

  it("gives back the values a path was built from (property)", () => {
    const value = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);
    fc.assert(
      fc.property(value, value, (tract, visit) => {
        expect(pathTemplate("{tract}/visit_{visit}.parquet").match(`${tract}/visit_${visit}.parquet`)).toEqual({ tract, visit });
      }),
    );
  });
});
