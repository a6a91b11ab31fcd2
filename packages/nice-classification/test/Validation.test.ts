import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Validation } from "../src/index.js";
import { index, index12, need } from "./helpers.js";

const ok = (items: ReadonlyArray<Validation.Item>, options?: Validation.ValidateOptions) => {
  const r = Validation.validate(index(), items, options);
  if (r._tag === "Failure") throw new Error(r.failure.message);
  return r.success;
};

describe("Validation.splitTerms", () => {
  it("splits on ';', trims and drops empty pieces", () => {
    expect(Validation.splitTerms(" shirts ;hats;; ; coats ")).toEqual(["shirts", "hats", "coats"]);
    expect(Validation.splitTerms(";;")).toEqual([]);
  });
});

describe("Validation.validate", () => {
  it("says official, wrong class or free text, keeping the applicant's text", () => {
    const verdicts = ok([{ classNumber: 25, text: "Shirts; advertising ; blue widgets for hats" }]);
    expect(verdicts).toHaveLength(3);
    expect(verdicts[0]).toEqual({
      itemIndex: 0,
      classNumber: 25,
      text: "Shirts",
      kind: "official",
      basicNumber: "250042",
      officialText: "shirts",
      language: "en",
    });
    expect(verdicts[1]).toMatchObject({
      text: "advertising",
      kind: "wrong-class",
      basicNumber: "350039",
      officialClass: 35,
      officialClasses: [35],
    });
    const free = verdicts[2];
    expect(free?.kind).toBe("free-text");
    if (free?.kind !== "free-text") return;
    expect(free.text).toBe("blue widgets for hats");
    expect(free.suggestions.length).toBe(3);
    expect(free.suggestions[0]?.classNumber).toBe(25); // the filed class first
  });

  it("accepts one wording of a term with alternatives, and diacritics or case differences", () => {
    expect(ok([{ classNumber: 35, text: "publicity" }])[0]).toMatchObject({ kind: "official", basicNumber: "350039" });
    expect(ok([{ classNumber: 16, text: "Papier Mache" }])[0]).toMatchObject({
      kind: "official",
      basicNumber: "160191",
    });
  });

  it("does not take a plural for the official singular (or the reverse)", () => {
    expect(ok([{ classNumber: 25, text: "shirt" }])[0]?.kind).toBe("free-text");
  });

  it("recognises Arabic terms (project fixture)", () => {
    expect(ok([{ classNumber: 25, text: "احذيه" }])[0]).toMatchObject({ kind: "official", basicNumber: "250130" });
    expect(ok([{ classNumber: 35, text: "قمصان" }])[0]).toMatchObject({ kind: "wrong-class", officialClass: 25 });
    expect(ok([{ classNumber: 25, text: "shirts" }], { language: "ar" })[0]?.kind).toBe("free-text");
  });

  it.skipIf(need.ncl12AndBg.skip)(need.ncl12AndBg.title("recognises Bulgarian terms of the per-class lists"), () => {
    const ok12 = (items: ReadonlyArray<Validation.Item>, options?: Validation.ValidateOptions) => {
      const r = Validation.validate(index12(), items, options);
      if (r._tag === "Failure") throw new Error(r.failure.message);
      return r.success;
    };
    expect(ok12([{ classNumber: 25, text: "обувки" }])[0]).toMatchObject({
      kind: "official",
      basicNumber: null,
      language: "bg",
    });
    expect(ok12([{ classNumber: 35, text: "обувки" }])[0]).toMatchObject({ kind: "wrong-class", officialClass: 25 });
    expect(ok12([{ classNumber: 25, text: "shirts" }], { language: "bg" })[0]?.kind).toBe("free-text");
  });

  it("reports input errors as verdicts", () => {
    const verdicts = ok([
      { classNumber: 46, text: "shirts" },
      { classNumber: 25, text: " ; " },
      { classNumber: 25, text: "x".repeat(1001) },
    ]);
    expect(verdicts.map((v) => (v.kind === "invalid" ? v.reason : v.kind))).toEqual([
      "class-out-of-range",
      "empty-text",
      "text-too-long",
    ]);
    expect(verdicts[0]).toMatchObject({ itemIndex: 0, text: "shirts", message: "46 is not a Nice class (1 to 45)" });
  });

  it("refuses an oversized list as a whole, saying the limits", () => {
    const r = Validation.validate(index(), [{ classNumber: 25, text: "shirts;".repeat(6000) }]);
    expect(r._tag).toBe("Failure");
    if (r._tag !== "Failure") return;
    expect(r.failure).toMatchObject({ _tag: "ListTooLarge", terms: 6000, maxTerms: 5000 });
    expect(r.failure.message).toContain("6000 terms");
    const many = Array.from({ length: 201 }, () => ({ classNumber: 25, text: "shirts" }));
    expect(Validation.validate(index(), many)._tag).toBe("Failure");
  });

  it("gives one verdict per term for any input, never throwing", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ classNumber: fc.integer({ min: -5, max: 50 }), text: fc.string({ maxLength: 60 }) }), {
          maxLength: 5,
        }),
        (items) => {
          const verdicts = ok(items);
          const expected = items.reduce((n, i) => n + Math.max(1, Validation.splitTerms(i.text).length), 0);
          expect(verdicts).toHaveLength(expected);
        },
      ),
      { numRuns: 100 },
    );
  });
});
