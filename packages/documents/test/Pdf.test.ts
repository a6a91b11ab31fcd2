import fc from "fast-check";
import { Result } from "effect";
import { describe, expect, it } from "vitest";
import { Document, Template } from "../src/index.js";
import { Pdf } from "../src/node.js";
import { extract, needsPdftotext } from "./pdftotext.js";

const filled = (kind: Template.Kind, language: string) => {
  const template = Template.find({}, kind, language);
  if (template === undefined) throw new Error(`no ${kind} template in ${language}`);
  const values = Template.samples[language] ?? {};
  const document = Template.fill(kind, template, values, { language, header: values.office });
  if (Result.isFailure(document)) throw new Error(document.failure.message);
  return document.success;
};

const isPdf = (bytes: Uint8Array) => Buffer.from(bytes.subarray(0, 5)).toString("latin1") === "%PDF-";

// Letters of the Arabic alphabet (no harakat: official documents are written unvocalised).
const arabicLetters = [..."ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئةى"];
// Words of two letters or more: between two one-letter right-to-left words ("ب ب") the page shows the space, but
// pdftotext's word segmentation does not find it and extracts "بب" (as it puts harakat before their letter).
const arabicWord = fc.array(fc.constantFrom(...arabicLetters), { minLength: 2, maxLength: 9 }).map((l) => l.join(""));

describe.skipIf(needsPdftotext)("Arabic text extracts in logical order (pdftotext; needs poppler-utils)", () => {
  it("an Arabic certificate reads as written: shaped letters map back to their characters, lam-alef included", async () => {
    const lines = extract(await Pdf.renderBytes(filled("certificate", "ar")));
    expect(lines).toContain("شهادة تسجيل");
    expect(lines.join(" ")).toContain("يشهد مكتب الملكية الفكرية بأن الحق المبين أدناه");
    expect(lines).toContain("رقم التسجيل");
    expect(lines).toContain("الحماية سارية حتى");
    expect(lines).toContain("Seoul Bio Materials Co.");
    expect(lines).toContain("OM/R/2026/004567");
  });

  it("an English certificate and a French letter extract as written", async () => {
    const en = extract(await Pdf.renderBytes(filled("certificate", "en")));
    expect(en).toContain("Certificate of registration");
    expect(en.join(" ")).toContain("has been entered in the register under number OM/R/2026/004567");
    const fr = extract(await Pdf.renderBytes(filled("formality-objection", "fr")));
    expect(fr).toContain("Notification d'irrégularité");
    expect(fr.join(" ")).toContain("Veuillez y remédier au plus tard le 2026-12-12.");
  });

  it("any line of Arabic words extracts as the same words in the same order (UAX #9, shaping, ActualText)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(arabicWord, { minLength: 1, maxLength: 12 }), async (words) => {
        const text = words.join(" ");
        const document: Document.Document = {
          language: "ar",
          direction: "rtl",
          title: "t",
          blocks: [{ kind: "paragraph", text }],
        };
        // Page numbers are Latin digits on their own line.
        const lines = extract(await Pdf.renderBytes(document)).filter((l) => !/^\d+$/.test(l));
        expect(lines.join(" ")).toBe(text);
      }),
      { numRuns: 15 },
    );
  });
});

describe("rendering never fails on what it is given", () => {
  const anyText = fc.string({ unit: "binary", maxLength: 300 });
  const block: fc.Arbitrary<Document.Block> = fc.oneof(
    anyText.map((text) => ({ kind: "title" as const, text })),
    anyText.map((text) => ({ kind: "heading" as const, text })),
    anyText.map((text) => ({ kind: "paragraph" as const, text })),
    fc
      .array(fc.record({ label: anyText, value: anyText }), { maxLength: 5 })
      .map((rows) => ({ kind: "fields" as const, rows })),
    fc.array(fc.array(anyText, { maxLength: 4 }), { maxLength: 5 }).map((rows) => ({
      kind: "table" as const,
      columns: [
        { label: "a", width: 1 },
        { label: "b", width: 3 },
        { label: "c", width: 1, align: "end" as const },
      ],
      rows: rows.map((cells) => ({ cells })),
    })),
    fc.array(anyText, { maxLength: 3 }).map((lines) => ({ kind: "signature" as const, lines })),
  );

  it("random text of any script, controls and lone surrogates included, in every block gives a PDF", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("ar", "en", "fr"),
        fc.array(block, { minLength: 1, maxLength: 6 }),
        async (language, blocks) => {
          const document = { language, direction: Document.directionOf(language), title: "t", blocks };
          expect(isPdf(await Pdf.renderBytes(document))).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("a 50,000-character value without a space is cut into lines over pages, not a crash", async () => {
    let pages = 0;
    const bytes = await Pdf.renderBytes(
      { language: "ar", direction: "rtl", title: "t", blocks: [{ kind: "paragraph", text: "ب".repeat(50_000) }] },
      { onDone: (report) => (pages = report.pages) },
    );
    expect(isPdf(bytes)).toBe(true);
    expect(pages).toBeGreaterThan(5);
  });

  it("characters no shipped font has (emoji, CJK) print as ? and are counted", async () => {
    let missing = -1;
    await Pdf.renderBytes(
      { language: "en", direction: "ltr", title: "t", blocks: [{ kind: "paragraph", text: "商标 😀 ok" }] },
      { onDone: (report) => (missing = report.missingGlyphs) },
    );
    expect(missing).toBe(3);
  });

  it("a batch puts each document on its own pages", async () => {
    let pages = 0;
    const batch = Template.kinds.map((kind) => filled(kind, "ar"));
    await Pdf.renderBytes(batch, { onDone: (report) => (pages = report.pages) });
    expect(pages).toBe(batch.length);
  });
});
