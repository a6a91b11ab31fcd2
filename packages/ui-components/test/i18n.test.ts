import { describe, expect, it } from "vitest";
import { I18n } from "../src/index.js";

const { dir, formatDate, formatNumber, messages, normalizeStatus, statusLabel, statuses, t } = I18n;

describe("dir", () => {
  it("is rtl for Arabic, Persian, Hebrew and Urdu, with or without a region", () => {
    for (const lang of ["ar", "ar-EG", "AR_sa", "fa", "he", "ur-PK"]) expect(dir(lang)).toBe("rtl");
  });
  it("is ltr for other languages and for missing or odd input", () => {
    for (const lang of ["en", "fr-CA", "", undefined, null, "arabic", "x-ar"]) expect(dir(lang)).toBe("ltr");
  });
});

describe("t", () => {
  it("fills placeholders and formats numbers in the language", () => {
    expect(t("en", "classes.class", { classNumber: 35 })).toBe("Class 35");
    expect(t("ar", "classes.class", { classNumber: 35 })).toBe("الفئة 35");
    expect(t("ar", "classes.class", { classNumber: 35 }, { digits: "arab" })).toBe("الفئة ٣٥");
    expect(t("fr", "classes.decisionWithReason", { date: "12 mars 2025", reason: "descriptif" })).toBe(
      "Décision du 12 mars 2025 : descriptif",
    );
  });

  it("chooses Arabic plural forms: one, two, few (3–10), many (11–99), other (100+)", () => {
    expect(t("ar", "classes.summaryPart", { status: "مسجَّل", count: 1 })).toBe("مسجَّل في فئة واحدة");
    expect(t("ar", "classes.summaryPart", { status: "مسجَّل", count: 2 })).toBe("مسجَّل في فئتين");
    expect(t("ar", "classes.summaryPart", { status: "مسجَّل", count: 3 })).toBe("مسجَّل في 3 فئات");
    expect(t("ar", "classes.summaryPart", { status: "مسجَّل", count: 11 })).toBe("مسجَّل في 11 فئة");
    expect(t("ar", "classes.summaryPart", { status: "مسجَّل", count: 100 })).toBe("مسجَّل في 100 فئة");
  });

  it("chooses English and French plural forms (French 0 and 1 are singular)", () => {
    expect(t("en", "classes.count", { count: 1 })).toBe("1 term");
    expect(t("en", "classes.count", { count: 0 })).toBe("0 terms");
    expect(t("fr", "classes.count", { count: 0 })).toBe("0 terme");
    expect(t("fr", "classes.count", { count: 2 })).toBe("2 termes");
  });

  it("falls back to English for an unknown language and keeps a missing placeholder visible", () => {
    expect(t("de", "picker.label")).toBe("Goods and services");
    expect(t("xx-invalid-!!", "picker.label")).toBe("Goods and services");
    expect(t("en", "classes.class", {})).toBe("Class {classNumber}");
  });

  it("has every English key in Arabic and French, and no key the English catalog lacks", () => {
    const keys = Object.keys(messages.en).sort();
    expect(Object.keys(messages.ar).sort()).toEqual(keys);
    expect(Object.keys(messages.fr).sort()).toEqual(keys);
  });

  it("writes Arabic messages in Arabic script (no Latin letters except key names like Enter)", () => {
    for (const [key, message] of Object.entries(messages.ar)) {
      for (const text of [message]) {
        // ICU syntax (argument names, `plural`, the form names) is not text.
        const latin = text
          .replace(/\{\w+(, *plural, *)?\}?|\b(zero|one|two|few|many|other)\b|Enter|Escape/g, "")
          .match(/[A-Za-z]/);
        expect(latin, `${key}: ${text}`).toBeNull();
        expect(/[\u0600-\u06FF]/.test(text), `${key}: ${text}`).toBe(true);
      }
    }
  });
});

describe("status labels", () => {
  it("has a label per status in each language", () => {
    for (const status of statuses) {
      for (const lang of ["en", "ar", "fr"]) expect(statusLabel(lang, status)).not.toBe(status);
    }
  });
  it("accepts other spellings and shows unknown statuses as given", () => {
    expect(normalizeStatus("partially-refused")).toBe("partiallyRefused");
    expect(normalizeStatus("PARTIALLY_REFUSED")).toBe("partiallyRefused");
    expect(normalizeStatus("partiallyRefused")).toBe("partiallyRefused");
    expect(normalizeStatus("REGISTERED")).toBe("registered");
    expect(statusLabel("ar", "partially refused")).toBe("مرفوض جزئيًا");
    expect(statusLabel("en", "under appeal")).toBe("under appeal");
  });
});

describe("formatting", () => {
  it("shows Latin digits in Arabic by default and Arabic-Indic digits on request", () => {
    expect(formatNumber("ar", 1234)).toBe("1,234");
    expect(formatNumber("ar", 1234, { digits: "arab" })).toBe("١٬٢٣٤");
    expect(formatDate("ar", "2025-03-12")).toBe("12 مارس 2025");
    expect(formatDate("ar", "2025-03-12", { digits: "arab" })).toBe("١٢ مارس ٢٠٢٥");
  });
  it("formats calendar dates in UTC so the day never shifts, and returns unreadable dates as given", () => {
    expect(formatDate("en", "2025-01-01")).toBe("January 1, 2025");
    expect(formatDate("fr", "2025-01-01")).toBe("1 janvier 2025");
    expect(formatDate("en", "not a date")).toBe("not a date");
  });
  it("never throws on a malformed language tag", () => {
    expect(formatNumber("@@", 5)).toBe("5");
    expect(formatNumber("ar", 5, { digits: "not a numbering system" as never })).toBe("5");
    expect(formatDate("ar", "2025-03-12", { digits: "x y" as never })).toBe("12 مارس 2025");
    expect(I18n.locale("ar", { digits: "latn" })).toBe("ar-u-nu-latn");
  });
});
