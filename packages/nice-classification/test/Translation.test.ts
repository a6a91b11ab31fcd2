import { describe, expect, it } from "vitest";
import { Translation } from "../src/index.js";
import { edition12WithArabic, index, index12, need, shippedWithArabic } from "./helpers.js";

describe("Translation.translate", () => {
  it("shows terms in Arabic through basic numbers and lists those without a translation", () => {
    const r = Translation.translate(shippedWithArabic(), ["250042", "250121", "350039", "999999", "250042"], "ar");
    expect(r.translated).toEqual([
      { basicNumber: "250042", classNumber: 25, text: "قمصان", language: "ar" },
      { basicNumber: "350039", classNumber: 35, text: "الدعاية والإعلان", language: "ar" },
    ]);
    expect(r.missing).toEqual([
      { basicNumber: "250121", classNumber: 25, text: "jackets [clothing]", reason: "no-translation" },
      { basicNumber: "999999", classNumber: null, text: null, reason: "unknown-basic-number" },
    ]);
  });

  it("translates back from Arabic to English", () => {
    const r = Translation.translate(shippedWithArabic(), ["250130"], "en");
    expect(r.translated[0]?.text).toBe("shoes*");
    expect(r.missing).toEqual([]);
  });
});

describe("Translation.translateList", () => {
  it("recognises written terms, translates them and lists the rest with a reason", () => {
    const r = Translation.translateList(
      shippedWithArabic(),
      index(),
      [
        { classNumber: 25, text: "shirts; hats; jackets [clothing]; blue widgets; 46 things" },
        { classNumber: 35, text: "marketing" },
        { classNumber: 46, text: "shirts" },
      ],
      "ar",
    );
    expect(r.translated.map((t) => t.text)).toEqual(["قمصان", "قبعات", "التسويق"]);
    expect(r.missing.map((m) => [m.text, m.reason])).toEqual([
      ["jackets [clothing]", "no-translation"],
      ["blue widgets", "not-an-official-term"],
      ["46 things", "not-an-official-term"],
      ["shirts", "invalid"],
    ]);
  });

  it.skipIf(need.ncl12AndBg.skip)(need.ncl12AndBg.title("lists Bulgarian terms as not linked"), () => {
    const r = Translation.translateList(
      edition12WithArabic(),
      index12(),
      [{ classNumber: 25, text: "shirts; обувки" }],
      "ar",
    );
    expect(r.translated.map((t) => t.text)).toEqual(["قمصان"]);
    expect(r.missing.map((m) => [m.text, m.reason])).toEqual([["обувки", "not-linked"]]);
  });
});
