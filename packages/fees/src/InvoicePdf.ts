/**
 * Renders an invoice as a PDF in the language asked for (English, Arabic or French labels built in; any other with
 * labels given): the office name, the invoice number and dates, a line group per filing, and the totals. Layout,
 * Arabic shaping and right-to-left order come from `@ipoffice/documents` (embedded Noto fonts); every value (names,
 * references, amounts) is isolated so it keeps its own direction. The PDF is a stream written page by page.
 */
import type { Readable } from "node:stream";
import { Document } from "@ipoffice/documents";
import { Fonts, Pdf } from "@ipoffice/documents/node";
import { readFileSync } from "node:fs";
import type { Invoice } from "./Invoice.js";
import { toMajorString } from "./Money.js";

export interface PdfOptions {
  /** The language of the labels and the layout direction; default the invoice's own language. */
  readonly language?: string | undefined;
  /** A TrueType/OpenType font (bytes or file path) tried before the shipped fonts (a script they do not cover). */
  readonly font?: Uint8Array | string | undefined;
  /** Fixed creation date, for reproducible output. */
  readonly creationDate?: Date | undefined;
  /** Headings; the built-in ones of the language (else English) by default. */
  readonly labels?: Partial<Labels> | undefined;
}

export interface Labels {
  readonly invoice: string;
  readonly issued: string;
  readonly payer: string;
  readonly currency: string;
  readonly code: string;
  readonly description: string;
  readonly quantity: string;
  readonly unit: string;
  readonly amount: string;
  readonly filingTotal: string;
  readonly subtotal: string;
  readonly tax: string;
  readonly total: string;
}

const english: Labels = {
  invoice: "Invoice",
  issued: "Issued",
  payer: "Payer",
  currency: "Currency",
  code: "Code",
  description: "Description",
  quantity: "Qty",
  unit: "Unit",
  amount: "Amount",
  filingTotal: "Filing total",
  subtotal: "Subtotal",
  tax: "Tax",
  total: "Total",
};

/** The built-in labels per language. */
export const labels: Readonly<Record<string, Labels>> = {
  en: english,
  ar: {
    invoice: "فاتورة",
    issued: "تاريخ الإصدار",
    payer: "الدافع",
    currency: "العملة",
    code: "الرمز",
    description: "البيان",
    quantity: "العدد",
    unit: "سعر الوحدة",
    amount: "المبلغ",
    filingTotal: "مجموع الطلب",
    subtotal: "المجموع الفرعي",
    tax: "الضريبة",
    total: "المجموع",
  },
  fr: {
    invoice: "Facture",
    issued: "Émise le",
    payer: "Payeur",
    currency: "Devise",
    code: "Code",
    description: "Libellé",
    quantity: "Qté",
    unit: "Prix unitaire",
    amount: "Montant",
    filingTotal: "Total de la demande",
    subtotal: "Sous-total",
    tax: "Taxe",
    total: "Total",
  },
};

/** The built-in labels of a language (its base language, else English). */
export const labelsOf = (language: string): Labels =>
  labels[language] ?? labels[language.split("-")[0] ?? ""] ?? english;

const iso = Document.isolate;

/** The invoice as a document (blocks), for rendering or inspection. */
export const toDocument = (invoice: Invoice, options: Pick<PdfOptions, "language" | "labels"> = {}) => {
  const language = options.language ?? invoice.language;
  const l = { ...labelsOf(language), ...options.labels };
  const money = (amount: number) => iso(toMajorString(amount, invoice.currency));
  const rows: Array<{ cells: ReadonlyArray<string>; strong?: boolean }> = [];
  for (const group of invoice.groups) {
    rows.push({ cells: [iso(group.reference), group.title === undefined ? "" : iso(group.title)], strong: true });
    for (const line of group.lines)
      rows.push({
        cells: [
          iso(line.code),
          iso(line.description),
          iso(String(line.quantity)),
          money(line.unitAmount),
          money(line.amount),
        ],
      });
    rows.push({ cells: ["", l.filingTotal, "", "", money(group.subtotal)], strong: true });
  }
  const totals = [
    { cells: [l.subtotal, `${money(invoice.subtotal)} ${invoice.currency}`] },
    ...(invoice.taxPercent === undefined
      ? []
      : [{ cells: [`${l.tax} (${iso(`${invoice.taxPercent} %`)})`, `${money(invoice.tax)} ${invoice.currency}`] }]),
    { cells: [l.total, `${money(invoice.total)} ${invoice.currency}`], strong: true },
  ];
  const document: Document.Document = {
    language,
    direction: Document.directionOf(language),
    title: `${l.invoice} ${invoice.number}`,
    header: invoice.officeName,
    footer: `${l.invoice} ${iso(invoice.number)}`,
    blocks: [
      { kind: "title", text: `${l.invoice} ${iso(invoice.number)}` },
      {
        kind: "fields",
        rows: [
          { label: l.issued, value: iso(invoice.issueDate) },
          ...(invoice.payer === undefined ? [] : [{ label: l.payer, value: iso(invoice.payer) }]),
          { label: l.currency, value: iso(invoice.currency) },
        ],
      },
      {
        kind: "table",
        columns: [
          { label: l.code, width: 1.3 },
          { label: l.description, width: 4.2 },
          { label: l.quantity, width: 0.7, align: "end" },
          { label: l.unit, width: 1.4, align: "end" },
          { label: l.amount, width: 1.5, align: "end" },
        ],
        rows,
      },
      {
        kind: "table",
        columns: [
          { label: "", width: 7.6, align: "end" },
          { label: "", width: 1.5, align: "end" },
        ],
        rows: totals,
      },
    ],
  };
  return document;
};

const fontsWith = (font: Uint8Array | string | undefined) => {
  const shipped = Fonts.noto();
  if (font === undefined) return shipped;
  const bytes = typeof font === "string" ? readFileSync(font) : Buffer.from(font);
  const own = Fonts.face("invoice-font", bytes);
  return { ...shipped, others: [{ regular: own, bold: own }, ...shipped.others] };
};

/**
 * Renders the invoice and returns the PDF as a readable stream of bytes (pipe it to a response or a file). Pages are
 * written out as the next one starts.
 */
export const renderPdf = (invoice: Invoice, options: PdfOptions = {}): Readable =>
  Pdf.render(toDocument(invoice, options), {
    fonts: fontsWith(options.font),
    creationDate: options.creationDate,
  });

/** Renders the whole PDF into memory (for small invoices and tests). */
export const renderPdfBytes = async (invoice: Invoice, options: PdfOptions = {}): Promise<Uint8Array> => {
  const chunks: Array<Buffer> = [];
  for await (const chunk of renderPdf(invoice, options)) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
};
