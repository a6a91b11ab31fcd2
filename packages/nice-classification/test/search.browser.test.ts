import { describe, expect, it } from "vitest";
import { Edition, TermIndex, Validation } from "../src/index.js";

// The main entry must run in a browser (the e-filing picker may search client-side): no Node built-ins.
const edition = Edition.make({
  id: "fixture",
  label: "browser fixture",
  sources: [],
  classes: [],
  unlinkedTerms: [{ classNumber: 25 as Edition.ClassNumber, language: "bg", text: "обувки" }],
  terms: [
    ["250042", 25, { en: "shirts", ar: "قمصان" }],
    ["250130", 25, { en: "shoes*", ar: "أحذية" }],
    ["430073", 43, { en: "hotel accommodation services" }],
  ].map(([basicNumber, classNumber, texts]) => ({
    basicNumber: basicNumber as Edition.BasicNumber,
    classNumber: classNumber as Edition.ClassNumber,
    texts: texts as Record<string, string>,
  })),
});

describe("in a real browser", () => {
  it("searches, folds Arabic and validates", () => {
    const index = TermIndex.make(edition);
    expect(TermIndex.search(index, "hotel acommodation")[0]?.basicNumber).toBe("430073");
    expect(TermIndex.search(index, "احذيه")[0]).toMatchObject({ basicNumber: "250130", matchKind: "exact" });
    expect(TermIndex.search(index, "обув")[0]).toMatchObject({ basicNumber: null, language: "bg" });
    const verdicts = Validation.validate(index, [{ classNumber: 43, text: "shirts" }]);
    expect(verdicts._tag === "Success" && verdicts.success[0]?.kind).toBe("wrong-class");
  });
});
