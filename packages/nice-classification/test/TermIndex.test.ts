import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TermIndex } from "../src/index.js";
import { index, index12, need } from "./helpers.js";

const top = (query: string, options: TermIndex.SearchOptions = {}) =>
  TermIndex.search(index(), query, { limit: 5, ...options }).map(
    (r) => `${r.matchKind} ${r.basicNumber ?? "-"} ${r.text}`,
  );

describe("TermIndex.search in English (the shipped 10-2015 list, 8,137 terms)", () => {
  it("ranks the exact term first, then term prefixes, then other terms with the word", () => {
    expect(top("shirts", { language: "en" })).toEqual([
      "exact 250042 shirts",
      "prefix 250072 shirt yokes",
      "prefix 250043 shirt fronts",
      "words 250155 tee-shirts",
      "words 250044 short-sleeve shirts",
    ]);
    expect(top("coffee", { language: "en", limit: 3 })).toEqual([
      "exact 300026 coffee",
      "prefix 110066 coffee roasters",
      "prefix 300149 coffee-based beverages",
    ]);
  });

  it("matches a prefix as it is typed", () => {
    expect(top("adver", { language: "en", limit: 2 })).toEqual([
      "prefix 350039 advertising / publicity",
      "prefix 350047 advertising agencies / publicity agencies",
    ]);
    expect(top("temporary accommodation")[0]).toBe("prefix 430162 temporary accommodation reservations");
  });

  it("ignores word order, plurals, case and diacritics", () => {
    expect(top("accommodation temporary")[0]).toBe("words 430162 temporary accommodation reservations");
    expect(top("SHIRT", { language: "en" })[0]).toBe("exact 250042 shirts");
    expect(top("papier mache")[0]).toBe("exact 160191 papier mâché");
    expect(top("Cafe", { language: "en" })[0]).toBe("exact 430024 cafés");
  });

  it("tolerates one typo on words of five letters or more, ranked after exact words", () => {
    expect(top("temporary acommodation")[0]).toBe("fuzzy 430162 temporary accommodation reservations");
    expect(top("computer softwre")).toContain("fuzzy 090591 computer software, recorded");
    expect(top("coffe", { language: "en" })[0]).toBe("prefix 300026 coffee");
    // no fuzzy matching on short words: "bear" is not "beer"
    expect(top("bear", { language: "en" }).some((r) => r.includes(" beer"))).toBe(false);
  });

  it("orders kinds exact > prefix > words > fuzzy > partial", () => {
    const order = ["exact", "prefix", "words", "fuzzy", "partial"];
    for (const q of ["rental of tents", "shirts", "computer softwre", "tents rental", "beer"]) {
      const kinds = TermIndex.search(index(), q, { limit: 20 }).map((r) => order.indexOf(r.matchKind));
      expect(kinds).toEqual([...kinds].sort((a, b) => a - b));
    }
  });

  it("filters by class and language", () => {
    const results = TermIndex.search(index(), "shirts", { classNumbers: [24], limit: 10 });
    expect(results.every((r) => r.classNumber === 24)).toBe(true);
    expect(TermIndex.search(index(), "shirts", { language: "fr" })).toEqual([]);
    expect(TermIndex.search(index(), "shirts", { language: "ar" })).toEqual([]);
  });
});

describe.skipIf(need.ncl12AndBg.skip)(need.ncl12AndBg.title("TermIndex.search in the 12th-edition-era list"), () => {
  const top12 = (query: string, options: TermIndex.SearchOptions = {}) =>
    TermIndex.search(index12(), query, { limit: 5, ...options }).map(
      (r) => `${r.matchKind} ${r.basicNumber ?? "-"} ${r.text}`,
    );

  it("finds English terms of the newer list", () => {
    expect(top12("hotel accommodation")[0]).toBe("prefix 430073 hotel accommodation services");
    expect(top12("hotel acommodation")[0]).toBe("fuzzy 430073 hotel accommodation services");
    expect(top12("coffee", { language: "en", limit: 3 })).toEqual([
      "exact 300026 coffee",
      "prefix 110066 coffee roasters",
      "prefix 300010 coffee flavourings / coffee flavorings",
    ]);
  });

  it("finds Bulgarian terms with their class and no basic number", () => {
    expect(top12("кафе", { language: "bg", limit: 3 })).toEqual([
      "exact - кафе",
      "prefix - кафемашини, електрически",
      "prefix - кафези за птици",
    ]);
    expect(TermIndex.search(index12(), "обувки", { language: "bg", limit: 1 })[0]).toMatchObject({
      basicNumber: null,
      classNumber: 25,
      text: "обувки",
      language: "bg",
      matchKind: "exact",
    });
    expect(top12("рекл", { language: "bg", limit: 1 })).toEqual(["prefix - реклама"]);
    expect(top12("бира малцова", { language: "bg", limit: 1 })).toEqual(["words - малцова бира"]);
    expect(TermIndex.search(index12(), "shirts", { language: "bg" })).toEqual([]);
  });
});

describe("TermIndex.search in Arabic (project fixture)", () => {
  it("matches across hamza, taa marbuta, harakat and tatweel", () => {
    for (const q of ["أحذية", "احذيه", "اَحْذِيَة", "احـذية"]) expect(top(q)).toEqual(["exact 250130 أحذية"]);
    expect(top("قُمصان")).toEqual(["exact 250042 قمصان"]);
    expect(top("المحاسبه")).toEqual(["exact 350015 مسك الدفاتر / المحاسبة"]);
  });

  it("matches a word without its article or clitic", () => {
    expect(top("اعلان")).toEqual(["words 350039 الدعاية والإعلان"]);
    expect(top("ادارة الاعمال")).toEqual(["words 350001 المساعدة في إدارة الأعمال"]);
  });
});

describe("TermIndex.search never throws", () => {
  it("returns an empty list for queries with no words", () => {
    for (const q of ["", "   ", "😀🎉", ";;;", "\u0000", "ـــ"]) expect(TermIndex.search(index(), q)).toEqual([]);
  });

  it("handles a 100 KB query, mixed scripts and silly options", () => {
    const huge = "shirts ".repeat(15_000);
    expect(huge.length).toBeGreaterThan(100_000);
    expect(Array.isArray(TermIndex.search(index(), huge))).toBe(true);
    expect(Array.isArray(TermIndex.search(index(), "shirt قمصان обувки 😀 ünïcödé"))).toBe(true);
    expect(TermIndex.search(index(), "rental", { limit: Number.NaN })).toHaveLength(10);
    expect(TermIndex.search(index(), "rental", { limit: -5 })).toHaveLength(1);
    expect(TermIndex.search(index(), "shirts", { classNumbers: [0, 99, 2.5] })).toEqual([]);
    expect(TermIndex.search(index(), 42 as unknown as string)).toEqual([]);
  });

  it("returns at most `limit` distinct terms for any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), fc.integer({ min: 1, max: 12 }), (q, limit) => {
        const results = TermIndex.search(index(), q, { limit });
        expect(results.length).toBeLessThanOrEqual(limit);
        const keys = results.map((r) => `${r.basicNumber}|${r.text}|${r.language}|${r.classNumber}`);
        expect(new Set(keys).size).toBe(keys.length);
      }),
      { numRuns: 300 },
    );
  });

  it("finds every term of a class by its own text, first", () => {
    const ix = index();
    for (const e of ix.entries.filter((x) => x.classNumber === 25 && x.language === "en")) {
      const first = e.text.split(" / ")[0]!;
      const hit = TermIndex.search(ix, first, { language: "en", limit: 3 });
      expect(hit.map((h) => h.text)).toContain(e.text);
    }
  });
});
