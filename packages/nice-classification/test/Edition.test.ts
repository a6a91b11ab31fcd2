import { describe, expect, it } from "vitest";
import { Edition } from "../src/index.js";
import { edition, edition12WithArabic } from "./helpers.js";

describe("Edition 12 (the 12th-edition-era English list with the Bulgarian lists)", () => {
  const e = edition("12");

  it("has 10,029 linked terms in 45 classes and Bulgarian unlinked terms", () => {
    expect(Edition.size(e)).toBe(10029);
    expect(e.classes).toHaveLength(45);
    expect(new Set(e.terms.map((t) => t.classNumber)).size).toBe(45);
    expect(e.unlinkedTerms).toHaveLength(9343);
    expect(Edition.languages(e)).toEqual(["bg", "en"]);
    expect(e.sources).toEqual(["nice/ncl12-en-alphabetical-list.csv", "nice/bg-alphabetical-lists-by-class.json"]);
  });

  it("finds a term by basic number", () => {
    expect(Edition.term(e, "250042")).toEqual({ basicNumber: "250042", classNumber: 25, texts: { en: "shirts" } });
    expect(Edition.termText(e, "350039", "en")).toBe("advertising / publicity");
    expect(Edition.term(e, "999999")).toBeUndefined();
  });

  it("lists the terms of a class in a language, alphabetically, Bulgarian ones not linked", () => {
    const en = Edition.termsOfClass(e, 25, "en");
    expect(en.length).toBe(e.termsByClass.get(25)?.length);
    expect(en[0]?.text.localeCompare(en[1]?.text ?? "")).toBeLessThanOrEqual(0);
    expect(en.every((t) => t.classNumber === 25 && t.basicNumber !== null)).toBe(true);
    const bg = Edition.termsOfClass(e, 25, "bg");
    expect(bg.length).toBeGreaterThan(100);
    expect(bg.every((t) => t.basicNumber === null && t.language === "bg")).toBe(true);
    expect(bg.map((t) => t.text)).toContain("обувки");
    expect(Edition.termsOfClass(e, 46, "en")).toEqual([]);
    expect(Edition.termsOfClass(e, 25, "not a tag!")).toEqual([]);
  });

  it("says a class has no heading when the sources give none", () => {
    expect(Edition.classOf(e, 25, "en")).toMatchObject({ number: 25, kind: "goods", heading: null, fallback: false });
    expect(Edition.classOf(e, 35)?.kind).toBe("services");
  });

  it("adds a language from the documented CSV format and reports unknown numbers", () => {
    const withAr = edition12WithArabic();
    expect(Edition.languages(withAr)).toEqual(["ar", "bg", "en"]);
    expect(Edition.termText(withAr, "250130", "ar")).toBe("أحذية");
    expect(Edition.termText(withAr, "250130", "en")).toBe("shoes*");
    const { unknown } = Edition.addLanguage(e, [{ basicNumber: "999999", text: "x", language: "fr" }]);
    expect(unknown).toEqual([{ basicNumber: "999999", language: "fr" }]);
  });
});

describe("Class headings with language fallback", () => {
  it("gives the 13-2026 headings, notes, includes and excludes in English", () => {
    const e = edition("13-2026");
    expect(Edition.size(e)).toBe(0);
    const c1 = Edition.classOf(e, 1, "en");
    expect(c1?.heading).toMatch(/^Chemicals for use in industry/);
    expect(c1?.note).toMatch(/^Class 1 includes mainly chemical products/);
    expect(c1?.excludes).toContain("straw mulch (Cl. 31).");
    expect(c1?.fallback).toBe(false);
  });

  it("falls back to English for a language it lacks, and says so", () => {
    const views = Edition.classes(edition("10-2015"), "ar");
    expect(views).toHaveLength(45);
    expect(views.every((v) => v.fallback && v.headingLanguage === "en" && v.heading !== null)).toBe(true);
    expect(views[24]?.heading).toMatch(/^Clothing, footwear, headgear/);
  });

  it("round-trips an edition through JSON (as sent to a browser)", () => {
    const e = edition("12");
    const back = Edition.decode(JSON.parse(JSON.stringify(Edition.toData(e))));
    if (back._tag === "Failure") throw new Error(String(back.failure));
    expect(back.success.terms).toEqual(e.terms);
    expect(back.success.unlinkedTerms).toEqual(e.unlinkedTerms);
    expect(Edition.languages(back.success)).toEqual(["bg", "en"]);
  });

  it("decodes edition data from unknown input and rejects bad data", () => {
    const ok = Edition.decode({
      id: "t",
      label: "test",
      sources: [],
      classes: [],
      terms: [{ basicNumber: "250042", classNumber: 25, texts: { en: "shirts" } }],
      unlinkedTerms: [],
    });
    expect(ok._tag === "Success" && ok.success.classes.length).toBe(45);
    const bad = Edition.decode({
      id: "t",
      label: "",
      sources: [],
      classes: [],
      terms: [{ basicNumber: "25004", classNumber: 46, texts: {} }],
      unlinkedTerms: [],
    });
    expect(bad._tag).toBe("Failure");
  });
});
