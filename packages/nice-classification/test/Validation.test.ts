import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Edition, Import, TermIndex, Validation } from "../src/index.js";
import { edition, index, index12, need } from "./helpers.js";

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
      wording: "shirts",
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

/**
 * Nice alphabetical list: a term with alternative wordings ("advertising / publicity", one basic number) is one
 * official indication. It is official picked whole (as the term picker inserts it) and given as either wording; in
 * the 12th-edition list 1,053 of 10,029 terms have such alternatives.
 */
describe("Validation of terms with alternative wordings", () => {
  const fixture = fileURLToPath(new URL("./fixtures/alternatives-en.csv", import.meta.url));
  const fixtureEdition = (() => {
    const r = Import.editionFromCsv(readFileSync(fixture, "utf8"), {
      file: "alternatives-en.csv",
      id: "t",
      label: "t",
    });
    if (r._tag === "Failure") throw new Error(r.failure.message);
    return r.success;
  })();
  const own = TermIndex.make(fixtureEdition);
  const check = (ix: TermIndex.TermIndex, classNumber: number, text: string) => {
    const r = Validation.validate(ix, [{ classNumber, text }]);
    if (r._tag === "Failure") throw new Error(r.failure.message);
    return r.success[0];
  };

  it("accepts the whole term and each wording, saying which wording matched (project fixture)", () => {
    expect(check(own, 35, "advertising / publicity")).toMatchObject({
      kind: "official",
      basicNumber: "350039",
      officialText: "advertising / publicity",
      wording: "advertising / publicity",
    });
    expect(check(own, 35, "Publicity")).toMatchObject({
      kind: "official",
      basicNumber: "350039",
      wording: "publicity",
    });
    expect(check(own, 35, "advertising")).toMatchObject({ kind: "official", wording: "advertising" });
    expect(check(own, 1, "Additives, chemical, to drilling muds / chemical additives to drilling muds")).toMatchObject({
      kind: "official",
      basicNumber: "010019",
    });
    expect(check(own, 1, "chemical additives to drilling muds")).toMatchObject({
      kind: "official",
      basicNumber: "010019",
    });
    // written without the spaces around the slash, the whole term is still the same words
    expect(check(own, 1, "activated carbon/activated charcoal")).toMatchObject({
      kind: "official",
      basicNumber: "010025",
    });
    // a slash inside one wording is not an alternative
    expect(check(own, 7, "cream/milk separators")).toMatchObject({ kind: "official", basicNumber: "070083" });
    expect(check(own, 7, "cream")).toMatchObject({ kind: "free-text" });
  });

  it("says wrong class for the whole term or a wording filed in another class (project fixture)", () => {
    expect(check(own, 25, "advertising / publicity")).toMatchObject({ kind: "wrong-class", officialClass: 35 });
    expect(check(own, 25, "publicity")).toMatchObject({ kind: "wrong-class", officialClass: 35 });
  });

  it("does not take wordings of two different terms, or extra words, for a term", () => {
    expect(check(own, 35, "advertising / shirts")?.kind).toBe("free-text");
    expect(check(own, 35, "advertising publicity agencies")?.kind).toBe("free-text");
  });

  it("any wording of a fixture term, or the whole term, in any letter case, is official", () => {
    fc.assert(
      fc.property(fc.constantFrom(...fixtureEdition.terms), fc.boolean(), fc.nat(), (term, upper, pick) => {
        const text = term.texts.en ?? "";
        const options = [text, ...TermIndex.wordings(text)];
        const chosen = options[pick % options.length] ?? text;
        expect(check(own, term.classNumber, upper ? chosen.toUpperCase() : chosen)).toMatchObject({
          kind: "official",
          basicNumber: term.basicNumber,
        });
      }),
      { numRuns: 200 },
    );
  });

  it("accepts the shipped 10-2015 term whole as well as in either wording", () => {
    expect(check(index(), 35, "advertising / publicity")).toMatchObject({ kind: "official", basicNumber: "350039" });
  });

  it.skipIf(need.ncl12.skip)(
    need.ncl12.title("accepts the 1,053 terms with alternatives of the 12th-edition list whole and in every wording"),
    () => {
      const e12: Edition.Edition = edition("12");
      const ix = TermIndex.make(e12);
      const withAlternatives = e12.terms.filter((t) => (t.texts.en ?? "").includes(" / "));
      expect(e12.terms).toHaveLength(10_029);
      expect(withAlternatives).toHaveLength(1_053);
      const failures: Array<string> = [];
      for (const t of withAlternatives) {
        const text = t.texts.en ?? "";
        for (const wording of [text, ...TermIndex.wordings(text)]) {
          const r = Validation.validate(ix, [{ classNumber: t.classNumber, text: wording }], { language: "en" });
          const v = r._tag === "Success" ? r.success[0] : undefined;
          if (v?.kind !== "official") failures.push(`${t.basicNumber} ${wording}: ${v?.kind}`);
        }
      }
      expect(failures).toEqual([]);
    },
  );
});
