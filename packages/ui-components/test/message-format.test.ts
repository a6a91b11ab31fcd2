/**
 * ICU MessageFormat of the catalogs (decision 0412): plural forms by CLDR's rules (Arabic's six: zero, one, two, few
 * 3–10, many 11–99, other 100–102), digits per setting, and a readable text whatever the parameters.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { I18n, MessageFormat } from "../src/index.js";

const { formatMessage, localeFor, Catalog, checkBundle } = MessageFormat;

describe("plural forms", () => {
  const counts = [0, 1, 2, 3, 11, 100];
  it("reads English counts with one and other (never '1 terms')", () => {
    expect(counts.map((count) => I18n.t("en", "classes.count", { count }))).toEqual([
      "0 terms",
      "1 term",
      "2 terms",
      "3 terms",
      "11 terms",
      "100 terms",
    ]);
    expect(I18n.t("en", "picker.results", { count: 0 })).toBe("No terms found");
  });
  it("reads Arabic counts with the six forms of Modern Standard Arabic", () => {
    expect(counts.map((count) => I18n.t("ar", "classes.count", { count }))).toEqual([
      "لا بنود",
      "بند واحد",
      "بندان",
      "3 بنود",
      "11 بندًا",
      "100 بند",
    ]);
    // 103 and 110 take the plural of few and many again (CLDR: n % 100 in 3..10, 11..99).
    expect(I18n.t("ar", "classes.count", { count: 103 })).toBe("103 بنود");
    expect(I18n.t("ar", "classes.count", { count: 111 })).toBe("111 بندًا");
  });
  it("reads a count given already formatted (as pages pass them), in Latin or Arabic-Indic digits", () => {
    expect(I18n.t("ar", "classes.count", { count: "١١" })).toBe("11 بندًا");
    expect(I18n.t("en", "classes.count", { count: "1,234" })).toBe("1,234 terms");
  });
});

describe("digits", () => {
  it("writes the numbers of a message in the digits asked for, Latin by default", () => {
    expect(I18n.t("ar", "classes.count", { count: 12 })).toBe("12 بندًا");
    expect(I18n.t("ar", "classes.count", { count: 12 }, { digits: "arab" })).toBe("١٢ بندًا");
    expect(I18n.t("ar", "classes.class", { classNumber: 25 }, { digits: "arab" })).toBe("الفئة ٢٥");
  });
  it("takes the default digits from the source an application sets, for messages, numbers and dates", () => {
    I18n.setDefaultDigits(() => "arab");
    try {
      expect(I18n.t("ar", "classes.count", { count: 12 })).toBe("١٢ بندًا");
      expect(I18n.formatNumber("ar", 1234)).toBe("١٬٢٣٤");
      expect(I18n.formatDate("ar", "2025-03-12")).toContain("٢٠٢٥");
      expect(I18n.t("ar", "classes.count", { count: 12 }, { digits: "latn" })).toBe("12 بندًا");
    } finally {
      I18n.setDefaultDigits(() => undefined);
    }
    expect(I18n.formatNumber("ar", 12)).toBe("12");
  });
});

describe("a readable text whatever the parameters", () => {
  const catalog = new Catalog(I18n.messages);
  const keys = Object.keys(I18n.messages.en);
  const value = fc.oneof(
    fc.string(),
    fc.integer(),
    fc.double(),
    fc.constantFrom("١٢", "1,234", "", "{", "NaN", "-0"),
    fc.constant(undefined),
  );
  it("never throws and never shows a JavaScript artefact, for any key, language and parameters", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...keys),
        fc.constantFrom("en", "ar", "fr", "de", "", "ar-EG", "x-!!"),
        fc.dictionary(fc.constantFrom("count", "status", "classNumber", "term", "value", "other"), value),
        fc.constantFrom<MessageFormat.Digits | undefined>("latn", "arab", "locale", undefined),
        (key, lang, params, digits) => {
          const out = catalog.format(lang, key, params, digits === undefined ? {} : { digits });
          expect(typeof out).toBe("string");
          expect(out).not.toMatch(/\[object|undefined/);
        },
      ),
    );
  });
  it("leaves a missing argument visible and takes the other form for a count that is not a number", () => {
    expect(formatMessage("{count, plural, one {# term} other {# terms}}", "en", { count: "many" })).toBe("many terms");
    expect(formatMessage("Class {n} of {m}", "en", { n: 3 })).toBe("Class 3 of {m}");
    expect(formatMessage("{kind, select, a {A} other {B}}", "en", {})).toBe("B");
    expect(formatMessage("{broken", "en", {})).toBe("{broken");
  });
});

describe("checking a catalog file against English", () => {
  const en = { a: "Hello {name}", b: "{count, plural, one {# term} other {# terms}}" };
  it("finds missing and extra keys, arguments that differ, syntax errors and Arabic plurals lacking a form", () => {
    const problems = checkBundle(
      en,
      { a: "مرحبا {nom}", b: "{count, plural, one {بند} other {# بند}}", c: "x", d: "{oops" },
      "ar",
      { complete: true },
    );
    expect(problems.map((p) => `${p.key}:${p.problem}`).sort()).toEqual([
      "a:arguments",
      "b:plural-forms",
      "c:extra",
      "d:extra",
    ]);
    expect(checkBundle(en, { a: "Bonjour {name}" }, "fr", { complete: true }).map((p) => p.problem)).toEqual([
      "missing",
    ]);
    expect(checkBundle({ d: "x" }, { d: "{oops" }, "fr", { complete: true }).map((p) => p.problem)).toEqual(["syntax"]);
  });
  it("holds the components' catalogs complete in Arabic and French", () => {
    for (const lang of ["ar", "fr"] as const)
      expect(checkBundle(I18n.messages.en, I18n.messages[lang], lang, { complete: true })).toEqual([]);
    expect(checkBundle(I18n.messages.en, I18n.messages.en, "en", { complete: true })).toEqual([]);
  });
  it("asks Arabic for six forms, English for two, French for two (its many is for millions)", () => {
    expect(MessageFormat.pluralCategoriesFor("ar")).toEqual(["zero", "one", "two", "few", "many", "other"]);
    expect(MessageFormat.pluralCategoriesFor("en")).toEqual(["other", "one"]);
    expect(MessageFormat.pluralCategoriesFor("fr")).toEqual(["one", "other"]);
    expect(localeFor("ar", "arab")).toBe("ar-u-nu-arab");
  });
});
