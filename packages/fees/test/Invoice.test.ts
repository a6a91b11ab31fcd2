import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Invoice, Quote } from "../src/index.js";
import { InvoicePdf } from "../src/node.js";
import { decodeOrThrow, failure, sample, schedule, unwrap } from "./fixtures.js";

const quoteFor = (classes: number) =>
  unwrap(Quote.quote(schedule, { service: "trademark.filing", dueDate: "2026-06-01", classes, priorities: 1 }));

const number = unwrap(Invoice.invoiceNumber("XX", 2026, 42));
const options = (filings: ReadonlyArray<Invoice.Filing>, taxPercent?: number) => ({
  number,
  office: "XX",
  officeName: "Test Office",
  issueDate: "2026-11-24",
  payer: "Agent Ltd",
  filings,
  taxPercent,
});

describe("Invoice numbering", () => {
  it("numbers per office and year with a zero-padded sequence", () => {
    expect(number).toBe("XX-2026-000042");
    expect(unwrap(Invoice.invoiceNumber("BG", 2027, 1_234_567))).toBe("BG-2027-1234567");
    for (const [office, year, sequence] of [
      ["bg", 2026, 1],
      ["BG", 26, 1],
      ["BG", 2026, 0],
      ["BG", 2026, 1.5],
    ] as const)
      expect(failure(Invoice.invoiceNumber(office, year, sequence))._tag).toBe("InvalidInvoiceNumber");
  });
});

describe("Invoice.build", () => {
  it("aggregates quotes into one group per filing with totals", () => {
    const invoice = unwrap(
      Invoice.build(
        options([
          { reference: "XX/T/2026/1", title: "ALPHA", quote: quoteFor(1) },
          { reference: "XX/T/2026/2", quote: quoteFor(3) },
        ]),
      ),
    );
    // 1 class: 100.000 + 20.000 priority; 3 classes: 100.000 + 2 × 50.000 + 20.000.
    expect(invoice.groups.map((group) => [group.reference, group.subtotal, group.lines.length])).toEqual([
      ["XX/T/2026/1", 120_000, 2],
      ["XX/T/2026/2", 220_000, 3],
    ]);
    expect(invoice.groups[0]?.title).toBe("ALPHA");
    expect([invoice.subtotal, invoice.tax, invoice.total, invoice.currency]).toEqual([340_000, 0, 340_000, "JOD"]);
    expect(Invoice.lineCount(invoice)).toBe(5);
    expect(JSON.parse(Invoice.toJson(invoice))).toEqual(invoice);
  });

  it("adds tax on the subtotal, half-up to the minor unit", () => {
    const invoice = unwrap(Invoice.build(options([{ reference: "1", quote: quoteFor(1) }], 7.5)));
    expect([invoice.subtotal, invoice.tax, invoice.total]).toEqual([120_000, 9_000, 129_000]);
    const odd = unwrap(
      Invoice.build(options([{ reference: "1", quote: { ...quoteFor(1), total: 333, lines: [] } }], 5)),
    );
    expect(odd.tax).toBe(17); // 16.65 → 17
    expect(failure(Invoice.build(options([{ reference: "1", quote: quoteFor(1) }], 101)))._tag).toBe("InvalidTaxRate");
  });

  it("refuses an empty batch and mixed currencies", () => {
    expect(failure(Invoice.build(options([])))._tag).toBe("EmptyInvoice");
    const eur = decodeOrThrow({ ...sample, currency: "EUR" });
    const eurQuote = unwrap(Quote.quote(eur, { service: "trademark.filing", dueDate: "2026-06-01", classes: 1 }));
    expect(
      failure(
        Invoice.build(
          options([
            { reference: "A", quote: quoteFor(1) },
            { reference: "B", quote: eurQuote },
          ]),
        ),
      ),
    ).toMatchObject({ _tag: "CurrencyMismatch", reference: "B", expected: "JOD", found: "EUR" });
  });
});

const pdfText = (bytes: Uint8Array) => Buffer.from(bytes).toString("latin1");
const pageCount = (bytes: Uint8Array) => (pdfText(bytes).match(/\/Type \/Page\b(?!s)/g) ?? []).length;

describe("InvoicePdf", () => {
  it("renders a one-page PDF for a small invoice", async () => {
    const invoice = unwrap(Invoice.build(options([{ reference: "XX/T/2026/1", quote: quoteFor(2) }], 5)));
    const bytes = await InvoicePdf.renderPdfBytes(invoice);
    const text = pdfText(bytes);
    expect(text.startsWith("%PDF-1.")).toBe(true);
    expect(text.trimEnd().endsWith("%%EOF")).toBe(true);
    expect(pageCount(bytes)).toBe(1);
    expect(text).toMatch(/\/Count 1\b/);
    // The shipped Noto Sans, embedded (a subset), not a font the reader must have.
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSans/);
    expect(text).toContain("/FontFile2");
    // Same input, same bytes (fixed creation date by default).
    expect(Buffer.from(await InvoicePdf.renderPdfBytes(invoice)).equals(Buffer.from(bytes))).toBe(true);
  });

  it("breaks a batch of 300 filings over pages, each page counted in the page tree", async () => {
    const filings = Array.from({ length: 300 }, (_, i) => ({ reference: `XX/T/2026/${i + 1}`, quote: quoteFor(3) }));
    const invoice = unwrap(Invoice.build(options(filings)));
    const bytes = await InvoicePdf.renderPdfBytes(invoice);
    const pages = pageCount(bytes);
    // Each filing takes 5 rows (heading, 3 lines, total): about 10 filings on a page.
    expect(pages).toBeGreaterThanOrEqual(22);
    expect(pages).toBeLessThanOrEqual(36);
    expect(pdfText(bytes)).toMatch(new RegExp(`/Count ${pages}\\b`));
  });

  it.skipIf(spawnSync("pdftotext", ["-v"]).error !== undefined && process.env.CI !== "true")(
    "an Arabic invoice (descriptions from the schedule) reads in logical order (pdftotext; skipped without it)",
    async () => {
      const invoice = unwrap(
        Invoice.build(options([{ reference: "XX/T/2026/1", title: "Seoul Bio Materials Co.", quote: quoteFor(2) }], 5)),
      );
      const arabic = Invoice.localise(invoice, [schedule], "ar");
      expect(arabic.groups[0]?.lines.map((l) => l.description)).toEqual([
        "إيداع علامة تجارية",
        "كل فئة إضافية",
        "إيداع علامة تجارية",
      ]);
      const bytes = await InvoicePdf.renderPdfBytes(arabic);
      const out = spawnSync("pdftotext", ["-", "-"], { input: Buffer.from(bytes), encoding: "utf8" }).stdout;
      const lines = out
        .replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "")
        .split("\n")
        .map((l) => l.trim());
      expect(lines).toContain("إيداع علامة تجارية");
      expect(lines).toContain("كل فئة إضافية");
      expect(lines).toContain("مجموع الطلب");
      expect(lines).toContain("Seoul Bio Materials Co.");
      expect(lines).toContain("المجموع");
    },
  );

  it("localise translates only lines whose code and English text match a schedule rule; amounts stay", () => {
    const invoice = unwrap(Invoice.build(options([{ reference: "1", quote: quoteFor(2) }])));
    const edited = {
      ...invoice,
      groups: invoice.groups.map((g) => ({
        ...g,
        lines: g.lines.map((l, i) => (i === 0 ? { ...l, description: "Hand-written line" } : l)),
      })),
    };
    const fr = Invoice.localise(edited, [schedule], "ar");
    expect(fr.groups[0]?.lines[0]?.description).toBe("Hand-written line");
    expect(fr.groups[0]?.lines[1]?.description).toBe("كل فئة إضافية");
    expect(fr.total).toBe(invoice.total);
    expect(fr.language).toBe("ar");
  });

  // Debian's fonts-liberation (installed with chromium) covers Cyrillic; the package itself ships no font.
  const liberation = "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf";
  it.skipIf(!existsSync(liberation))(
    "embeds a caller's font for Cyrillic descriptions (skipped when no Liberation Sans is installed)",
    async () => {
      const bg = decodeOrThrow({
        ...sample,
        items: {
          "trademark.filing": {
            description: { en: "Filing", bg: "Заявка за марка" },
            rules: [sample.items["trademark.filing"].rules[0]],
          },
        },
      });
      const quote = unwrap(Quote.quote(bg, { service: "trademark.filing", dueDate: "2026-06-01", language: "bg" }));
      expect(quote.lines[0]?.description).toBe("Заявка за марка");
      const invoice = unwrap(Invoice.build(options([{ reference: "BG/1", quote }])));
      const bytes = await InvoicePdf.renderPdfBytes(invoice, { font: liberation });
      expect(pageCount(bytes)).toBe(1);
      expect(pdfText(bytes)).toContain("/FontFile2");
      expect(pdfText(bytes)).toMatch(/LiberationSans/);
    },
  );

  // poppler-utils' pdftotext reads the text back; it is not a project dependency, so the test says when it cannot run.
  const hasPdftotext = spawnSync("pdftotext", ["-v"]).error === undefined;
  it.skipIf(!hasPdftotext)(
    "prints the office, a group per filing, amounts and totals (read back with pdftotext; skipped without it)",
    async () => {
      const invoice = unwrap(
        Invoice.build(
          options(
            [
              { reference: "XX/T/2026/1", title: "ALPHA – “Quotes” €", quote: quoteFor(3) },
              { reference: "XX/T/2026/2", quote: quoteFor(1) },
            ],
            5,
          ),
        ),
      );
      const file = join(mkdtempSync(join(tmpdir(), "fees-pdf-")), "invoice.pdf");
      writeFileSync(file, await InvoicePdf.renderPdfBytes(invoice));
      const text = spawnSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).stdout.replace(/ +/g, " ");
      expect(text).toContain("Test Office");
      expect(text).toContain("Invoice XX-2026-000042");
      expect(text).toContain("Payer Agent Ltd");
      expect(text).toContain("XX/T/2026/1 ALPHA – “Quotes” €");
      expect(text).toMatch(/TM2 Each class beyond the first 2 50\.000 100\.000/);
      expect(text).toContain("Filing total 220.000");
      expect(text).toContain("Filing total 120.000");
      expect(text).toMatch(/Subtotal 340\.000 JOD/);
      expect(text).toMatch(/Tax \(5 %\) 17\.000 JOD/);
      expect(text).toMatch(/Total 357\.000 JOD/);
    },
  );
});
