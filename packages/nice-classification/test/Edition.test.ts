import { describe, expect, it } from "vitest";
import { Edition } from "../src/index.js";
import { edition, edition12WithArabic, need, shipped, shippedWithArabic } from "./helpers.js";

describe("the shipped edition, 10-2015 (English, CC0)", () => {
  const e = shipped();

  it("has 8,137 terms in 45 classes, each class with its heading", () => {
    expect(e.id).toBe("10-2015");
    expect(Edition.size(e)).toBe(8137);
    expect(e.classes).toHaveLength(45);
    expect(new Set(e.terms.map((t) => t.classNumber)).size).toBe(45);
    expect(e.classes.every((c) => typeof c.headings["en"] === "string")).toBe(true);
    expect(Edition.languages(e)).toEqual(["en"]);
    expect(e.unlinkedTerms).toEqual([]);
  });

  it("says where it comes from and under which licence", () => {
    expect(e.provenance).toEqual([
      {
        content: "class headings and alphabetical list (en)",
        file: "nice/ncl10-2015-en.json",
        origin: "kemitchell/nice-classification.json @ 52650716",
        licence: "CC0-1.0",
        tier: "shipped",
      },
    ]);
    expect(Edition.licences(e)).toEqual(["CC0-1.0"]);
    expect(Edition.tier(e)).toBe("shipped");
    expect(e.sources).toEqual(["nice/ncl10-2015-en.json"]);
  });

  it("finds a term by basic number, alternative wordings joined", () => {
    expect(Edition.term(e, "250042")).toEqual({ basicNumber: "250042", classNumber: 25, texts: { en: "shirts" } });
    expect(Edition.termText(e, "350039", "en")).toBe("advertising / publicity");
    expect(Edition.termText(e, "010025", "en")).toBe("activated carbon / activated charcoal");
    expect(Edition.term(e, "999999")).toBeUndefined();
  });

  it("lists the terms of a class in a language, alphabetically", () => {
    const en = Edition.termsOfClass(e, 25, "en");
    expect(en.length).toBe(e.termsByClass.get(25)?.length);
    for (let i = 1; i < en.length; i++)
      expect(new Intl.Collator("en").compare(en[i - 1]?.text ?? "", en[i]?.text ?? "")).toBeLessThanOrEqual(0);
    expect(en.every((t) => t.classNumber === 25 && t.basicNumber !== null)).toBe(true);
    expect(Edition.termsOfClass(e, 46, "en")).toEqual([]);
    expect(Edition.termsOfClass(e, 25, "not a tag!")).toEqual([]);
  });

  it("adds a language from the documented CSV format and reports unknown numbers", () => {
    const withAr = shippedWithArabic();
    expect(Edition.languages(withAr)).toEqual(["ar", "en"]);
    expect(Edition.termText(withAr, "250130", "ar")).toBe("أحذية");
    expect(Edition.termText(withAr, "250130", "en")).toBe("shoes*");
    expect(withAr.provenance).toEqual(e.provenance);
    const { unknown } = Edition.addLanguage(e, [{ basicNumber: "999999", text: "x", language: "fr" }]);
    expect(unknown).toEqual([{ basicNumber: "999999", language: "fr" }]);
  });
});

describe.skipIf(need.ncl12AndBg.skip)(
  need.ncl12AndBg.title("Edition 12 (the 12th-edition-era English list with the Bulgarian lists)"),
  () => {
    it("has 10,029 linked terms in 45 classes and Bulgarian unlinked terms", () => {
      const e = edition("12");
      expect(Edition.size(e)).toBe(10029);
      expect(e.classes).toHaveLength(45);
      expect(new Set(e.terms.map((t) => t.classNumber)).size).toBe(45);
      expect(e.unlinkedTerms).toHaveLength(9343);
      expect(Edition.languages(e)).toEqual(["bg", "en"]);
      expect(e.sources).toEqual(["nice/ncl12-en-alphabetical-list.csv", "nice/bg-alphabetical-lists-by-class.json"]);
      expect(Edition.licences(e)).toEqual(["GPL-3.0", "EUPL-1.2"]);
      expect(Edition.tier(e)).toBe("reference-data");
    });

    it("finds a term by basic number", () => {
      const e = edition("12");
      expect(Edition.term(e, "250042")).toEqual({ basicNumber: "250042", classNumber: 25, texts: { en: "shirts" } });
      expect(Edition.termText(e, "430073", "en")).toBe("hotel accommodation services");
    });

    it("lists Bulgarian terms of a class, not linked to basic numbers", () => {
      const bg = Edition.termsOfClass(edition("12"), 25, "bg");
      expect(bg.length).toBeGreaterThan(100);
      expect(bg.every((t) => t.basicNumber === null && t.language === "bg")).toBe(true);
      expect(bg.map((t) => t.text)).toContain("обувки");
    });

    it("says a class has no heading when the sources give none", () => {
      const e = edition("12");
      expect(Edition.hasHeadings(e)).toBe(false);
      expect(Edition.classOf(e, 25, "en")).toMatchObject({ number: 25, kind: "goods", heading: null, fallback: false });
      expect(Edition.classOf(e, 35)?.kind).toBe("services");
    });

    it("adds Arabic beside English and Bulgarian", () => {
      expect(Edition.languages(edition12WithArabic())).toEqual(["ar", "bg", "en"]);
    });

    it("round-trips through JSON with its unlinked terms", () => {
      const e = edition("12");
      const back = Edition.decode(JSON.parse(JSON.stringify(Edition.toData(e))));
      if (back._tag === "Failure") throw new Error(String(back.failure));
      expect(back.success.unlinkedTerms).toEqual(e.unlinkedTerms);
      expect(Edition.languages(back.success)).toEqual(["bg", "en"]);
    });
  },
);

describe("Class headings with language fallback", () => {
  it.skipIf(need.ncl13.skip)(need.ncl13.title("gives the 13-2026 headings, notes, includes and excludes"), () => {
    const e = edition("13-2026");
    expect(Edition.size(e)).toBe(0);
    const c1 = Edition.classOf(e, 1, "en");
    expect(c1?.heading).toMatch(/^Chemicals for use in industry/);
    expect(c1?.note).toMatch(/^Class 1 includes mainly chemical products/);
    expect(c1?.excludes).toContain("straw mulch (Cl. 31).");
    expect(c1?.fallback).toBe(false);
    expect(Edition.licences(e)).toEqual(["MIT"]);
  });

  it("falls back to English for a language it lacks, and says so", () => {
    const views = Edition.classes(shipped(), "ar");
    expect(views).toHaveLength(45);
    expect(views.every((v) => v.fallback && v.headingLanguage === "en" && v.heading !== null)).toBe(true);
    expect(views[24]?.heading).toBe("Clothing, footwear, headgear.");
  });
});

describe("Edition data", () => {
  it("round-trips an edition through JSON (as sent to a browser), provenance included", () => {
    const e = Edition.addUnlinked(shipped(), [
      { classNumber: 25 as Edition.ClassNumber, language: "bg", text: "обувки" },
    ]);
    const back = Edition.decode(JSON.parse(JSON.stringify(Edition.toData(e))));
    if (back._tag === "Failure") throw new Error(String(back.failure));
    expect(back.success.terms).toEqual(e.terms);
    expect(back.success.unlinkedTerms).toEqual(e.unlinkedTerms);
    expect(back.success.provenance).toEqual(e.provenance);
    expect(Edition.languages(back.success)).toEqual(["bg", "en"]);
  });

  it("decodes edition data from unknown input (provenance optional) and rejects bad data", () => {
    const ok = Edition.decode({
      id: "t",
      label: "test",
      sources: [],
      classes: [],
      terms: [{ basicNumber: "250042", classNumber: 25, texts: { en: "shirts" } }],
      unlinkedTerms: [],
    });
    expect(ok._tag === "Success" && ok.success.classes.length).toBe(45);
    expect(ok._tag === "Success" && ok.success.provenance).toEqual([]);
    const bad = Edition.decode({
      id: "t",
      label: "",
      sources: [],
      classes: [],
      terms: [{ basicNumber: "25004", classNumber: 46, texts: {} }],
      unlinkedTerms: [],
    });
    expect(bad._tag).toBe("Failure");
    const badTier = Edition.decode({
      id: "t",
      label: "",
      sources: [],
      provenance: [{ content: "x", file: "x", origin: "x", licence: "x", tier: "somewhere" }],
      classes: [],
      terms: [],
      unlinkedTerms: [],
    });
    expect(badTier._tag).toBe("Failure");
  });

  it("orders edition ids from oldest to newest", () => {
    const ids = ["13-2026", "12", "nice-x", "10-2015", "12-2024", "11-2023", "12-2023"];
    expect([...ids].sort(Edition.compareIds)).toEqual([
      "nice-x",
      "10-2015",
      "11-2023",
      "12",
      "12-2023",
      "12-2024",
      "13-2026",
    ]);
  });
});
