/**
 * The one message catalog (decision 0412): every catalog file checked against English (missing keys, extra keys,
 * arguments that differ, ICU syntax errors, Arabic plurals without one of the six forms), counts read in the plural
 * forms of each language, the office's digits used by every formatter, and a readable text for any parameters.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { InvoicePdf, ReceiptPdf } from "@ipoffice/fees/node";
import { I18n, MessageFormat } from "@ipoffice/ui-components";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { accountText } from "../src/efiling/accountMessages.js";
import {
  appBundles,
  appCatalogFolder,
  builtInCatalog,
  catalogFor,
  readOfficeBundles,
  referenceBundle,
  withOffice,
} from "../src/messages/Catalog.js";
import { invoicePdfLabels, receiptPdfLabels } from "../src/messages/pdfLabels.js";
import { officeText } from "../src/office/messages.js";
import { pageText } from "../src/pages/messages.js";

const sampleCatalogs = new URL("../config/offices/catalogs/", import.meta.url).pathname;
const jsonFiles = (folder: string) => readdirSync(folder).filter((f) => f.endsWith(".json"));

describe("the catalog files", () => {
  it("ship English, Arabic and French for the app", () => {
    expect(jsonFiles(appCatalogFolder).sort()).toEqual(["ar.json", "en.json", "fr.json"]);
  });
  for (const file of jsonFiles(appCatalogFolder)) {
    const lang = file.replace(/\.json$/, "");
    it(`catalog/${file} has every key of English and no other, with the English arguments, in valid ICU syntax`, () => {
      const bundle = JSON.parse(readFileSync(join(appCatalogFolder, file), "utf8")) as Record<string, unknown>;
      const english = appBundles["en"] ?? {};
      expect(MessageFormat.checkBundle(english, bundle, lang, { complete: true })).toEqual([]);
    });
  }
  it("keep the app's keys apart from the components' (one key, one meaning), or say the same", () => {
    const clashes = Object.keys(appBundles["en"] ?? {}).filter(
      (key) =>
        Object.hasOwn(I18n.messages.en, key) &&
        ["en", "ar", "fr"].some(
          (lang) =>
            appBundles[lang]?.[key] !==
            (I18n.messages as Record<string, Record<string, string | undefined>>)[lang]?.[key],
        ),
    );
    expect(clashes).toEqual([]);
  });
  it("write Arabic messages in Arabic script", () => {
    const latinOnly = Object.entries(appBundles["ar"] ?? {}).filter(
      ([, text]) => !/[\u0600-\u06FF]/.test(text) && /[A-Za-z]{3}/.test(text.replace(/\{[^}]*\}/g, "")),
    );
    // A handful are codes or names the same in every script (ST.96, API, WIPO's acronyms).
    expect(latinOnly.length, JSON.stringify(latinOnly.slice(0, 10))).toBeLessThan(15);
  });
});

describe("the sample offices' catalog files (config/offices/catalogs)", () => {
  for (const file of jsonFiles(sampleCatalogs)) {
    const lang = file.replace(/\.json$/, "");
    it(`${file} is valid against English`, () => {
      const { problems } = readOfficeBundles(sampleCatalogs, [lang]);
      expect(problems).toEqual([]);
    });
    it(`${file} has every key of the public portal and of the components`, () => {
      const bundle = JSON.parse(readFileSync(join(sampleCatalogs, file), "utf8")) as Record<string, string>;
      const portal = Object.keys(referenceBundle).filter((key) => publicPortalKey(key));
      expect(portal.filter((key) => !Object.hasOwn(bundle, key))).toEqual([]);
    });
  }
});

/** The keys the public portal (home, search, records, gazette) and the components show. */
const publicPortalKey = (key: string): boolean =>
  Object.hasOwn(I18n.messages.en, key) ||
  /^(nav|skip|records|record|recordal|proceeding|kind|markType|markCategory|footer|lang|home|gazette|ipc|search|adv)(\.|$)/.test(
    key,
  );

describe("counts in the plural forms of each language", () => {
  const counts = [0, 1, 2, 3, 11, 100];
  it("English: one and other (never '1 records')", () => {
    expect(counts.map((total) => pageText("en", "records.count", { total }))).toEqual([
      "0 records",
      "1 record",
      "2 records",
      "3 records",
      "11 records",
      "100 records",
    ]);
  });
  it("Arabic: zero, one, two, few (3–10), many (11–99), other (100–102)", () => {
    expect(counts.map((total) => pageText("ar", "records.count", { total }))).toEqual([
      "لا سجلات",
      "سجل واحد",
      "سجلان",
      "3 سجلات",
      "11 سجلًا",
      "100 سجل",
    ]);
    expect([3, 10, 11, 99, 100, 102, 103].map((days) => pageText("ar", "madrid.countdown.left", { days }))).toEqual([
      "بقيت 3 أيام",
      "بقيت 10 أيام",
      "بقي 11 يومًا",
      "بقي 99 يومًا",
      "بقي 100 يوم",
      "بقي 102 يوم",
      "بقيت 103 أيام",
    ]);
  });
  it("reads the formatted numbers pages pass (`I18n.formatNumber`), grouping and Arabic-Indic digits included", () => {
    expect(pageText("en", "search.count", { total: I18n.formatNumber("en", 1234) })).toBe("1,234 records found");
    expect(pageText("ar", "records.count", { total: "١٢" })).toBe("12 سجلًا");
    expect(officeText("en", "office.bulk.confirm", { count: "1", action: "Accept" })).toBe(
      "Confirm for 1 selected item: Accept",
    );
    expect(accountText("en", "mail.confirm.body", { name: "A", link: "L", hours: 1 })).toContain("(valid 1 hour)");
  });
});

describe("the office's digits, chosen once", () => {
  const arab: MessageFormat.Catalog = builtInCatalog;
  it("are used by messages, numbers, dates and the components inside a request of the office", () => {
    withOffice({ catalog: arab, digits: "arab" }, () => {
      expect(pageText("ar", "records.count", { total: 12 })).toBe("١٢ سجلًا");
      expect(pageText("ar", "records.count", { total: I18n.formatNumber("ar", 1234) })).toBe("١٬٢٣٤ سجلًا");
      expect(I18n.formatDate("ar", "2025-03-12")).toMatch(/٢٠٢٥/);
      expect(I18n.t("ar", "classes.count", { count: 3 })).toBe("٣ بنود");
    });
    expect(pageText("ar", "records.count", { total: 12 })).toBe("12 سجلًا");
  });
});

describe("an office's own catalog files", () => {
  it("add a language, and English stands in for a key the file lacks", () => {
    const catalog = catalogFor(sampleCatalogs, ["en", "bg"]);
    withOffice({ catalog, digits: "latn" }, () => {
      expect(pageText("bg", "records.count", { total: 2 })).toBe("2 записа");
      expect(pageText("bg", "records.count", { total: 1 })).toBe("1 запис");
      expect(I18n.t("bg", "classes.count", { count: 1 })).toBe("1 термин");
      expect(officeText("bg", "office.title")).toBe("Back office");
    });
  });
});

describe("a readable text whatever the parameters", () => {
  const keys = Object.keys(referenceBundle);
  it("never throws, for any key, language and parameters", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...keys),
        fc.constantFrom("en", "ar", "fr", "de", ""),
        fc.dictionary(
          fc.constantFrom("count", "total", "days", "name", "number", "date", "cap", "max", "action", "x"),
          fc.oneof(fc.string(), fc.integer(), fc.double(), fc.constantFrom("١٢", "1,234", "{", "'")),
        ),
        fc.constantFrom<I18n.Digits>("latn", "arab"),
        (key, lang, params, digits) => {
          const out = builtInCatalog.format(lang, key, params, { digits });
          expect(typeof out).toBe("string");
          expect(out).not.toMatch(/\[object|undefined/);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("the invoice and receipt PDFs' labels", () => {
  it("come from the catalog, word for word the fees package's built-in labels in en, ar and fr", () => {
    for (const lang of ["en", "ar", "fr"]) {
      expect(invoicePdfLabels(lang)).toEqual(InvoicePdf.labelsOf(lang));
      expect(receiptPdfLabels(lang)).toEqual(ReceiptPdf.labelsOf(lang));
    }
  });
  it("print in a language the office adds with its file", () => {
    withOffice({ catalog: catalogFor(sampleCatalogs, ["en", "bg"]), digits: "latn" }, () => {
      expect(invoicePdfLabels("bg").invoice).toBe("Фактура");
      expect(receiptPdfLabels("bg").states.partially_paid).toBe("Частично платена");
    });
  });
});
