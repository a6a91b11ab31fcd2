/**
 * Renders an invoice as a PDF with pdfkit: the office name, the invoice number and dates, a line group per filing,
 * and the totals. The document is a stream written page by page, so memory stays flat for 10,000 filings.
 *
 * Text: the built-in Helvetica covers Latin scripts (WinAnsi: Latin-1, dashes, quotes, €); characters outside it print as `?`. Pass `font` (the
 * bytes or path of a TrueType/OpenType font) to print Cyrillic or other left-to-right scripts. Arabic needs shaping and
 * right-to-left layout that this renderer does not do: render Arabic-language invoices with English descriptions.
 */
import type { Readable } from "node:stream";
import PDFDocument from "pdfkit";
import type { Invoice } from "./Invoice.js";
import { exponent, toMajorString } from "./Money.js";

export interface PdfOptions {
  /** A TrueType/OpenType font (bytes or file path) to embed instead of Helvetica. */
  readonly font?: Uint8Array | string | undefined;
  /** Fixed creation date, for reproducible output. */
  readonly creationDate?: Date | undefined;
  /** Headings; English by default. */
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
  readonly page: string;
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
  page: "Page",
};

// What the built-in fonts can print: WinAnsi (Latin-1 plus typographic quotes, dashes, €, …).
const latin1 = (text: string): string => text.replace(/[^\u0020-\u007e\u00a0-\u00ff€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]/g, "?");

const margin = 50;
const width = 595.28; // A4
const height = 841.89;
const bottom = height - margin - 20;
const columns = { code: margin, description: margin + 55, quantity: 370, unit: 410, amount: 480 };
const rightEdge = width - margin;
const unitEdge = columns.amount - 5;

/**
 * Renders the invoice and returns the PDF as a readable stream of bytes (pipe it to a response or a file). pdfkit
 * writes each page's content out as the next page starts and keeps only the object offsets, so what stays in memory
 * is the compressed output waiting in the stream (about 0.5 KB per filing) until it is read.
 */
export const renderPdf = (invoice: Invoice, options: PdfOptions = {}): Readable => {
  const labels = { ...english, ...options.labels };
  const doc = new PDFDocument({
    size: "A4",
    margin,
    autoFirstPage: false,
    compress: true,
    info: {
      Title: `${labels.invoice} ${invoice.number}`,
      Author: invoice.officeName,
      CreationDate: options.creationDate ?? new Date(0),
    },
  });
  const clean = options.font === undefined ? latin1 : (text: string) => text;
  const money = (amount: number) => toMajorString(amount, invoice.currency);
  let page = 0;
  let y = 0;
  // Text without a width takes pdfkit's fast path (no line wrapper); right alignment is computed here.
  const left = (text: string, x: number) => doc.text(text, x, y, { lineBreak: false });
  const right = (text: string, edge: number) => doc.text(text, edge - doc.widthOfString(text), y, { lineBreak: false });

  const newPage = () => {
    doc.addPage();
    page += 1;
    if (options.font !== undefined) doc.font(options.font as string);
    else doc.font("Helvetica");
    doc.fontSize(7).fillColor("#555555");
    doc.text(`${clean(invoice.officeName)} · ${invoice.number} · ${labels.page} ${page}`, margin, height - margin, {
      lineBreak: false,
    });
    doc.fillColor("black");
    y = margin;
    if (page > 1) columnHeads();
  };
  const columnHeads = () => {
    doc.fontSize(8).fillColor("#333333");
    left(labels.code, columns.code);
    left(labels.description, columns.description);
    left(labels.quantity, columns.quantity);
    right(labels.unit, unitEdge);
    right(labels.amount, rightEdge);
    doc.fillColor("black");
    y += 14;
  };
  const ensure = (space: number) => {
    if (y + space > bottom) newPage();
  };
  const row = (code: string, description: string, quantity: string, unit: string, amount: string) => {
    ensure(11);
    left(code, columns.code);
    left(description.length > 60 ? `${description.slice(0, 59)}…` : description, columns.description);
    left(quantity, columns.quantity);
    right(unit, unitEdge);
    right(amount, rightEdge);
    y += 11;
  };

  newPage();
  doc.fontSize(16).text(clean(invoice.officeName), margin, y, { width: width - 2 * margin });
  y = doc.y + 6;
  doc.fontSize(12).text(`${labels.invoice} ${invoice.number}`, margin, y, { lineBreak: false });
  y += 18;
  doc.fontSize(9);
  doc.text(`${labels.issued}: ${invoice.issueDate}`, margin, y, { lineBreak: false });
  doc.text(`${labels.currency}: ${invoice.currency} (${exponent(invoice.currency)} decimals)`, 300, y, {
    lineBreak: false,
  });
  y += 13;
  if (invoice.payer !== undefined) {
    doc.text(`${labels.payer}: ${clean(invoice.payer)}`, margin, y, { lineBreak: false });
    y += 13;
  }
  y += 8;
  columnHeads();

  for (const group of invoice.groups) {
    ensure(11 * Math.min(group.lines.length + 2, 6));
    doc
      .fontSize(9)
      .text(clean(group.title === undefined ? group.reference : `${group.reference} — ${group.title}`), margin, y, {
        lineBreak: false,
      });
    y += 12;
    doc.fontSize(8);
    for (const line of group.lines)
      row(clean(line.code), clean(line.description), String(line.quantity), money(line.unitAmount), money(line.amount));
    ensure(14);
    doc.fontSize(8);
    right(`${labels.filingTotal}: ${money(group.subtotal)}`, rightEdge);
    y += 16;
  }

  ensure(60);
  doc.fontSize(10);
  const totalRow = (label: string, amount: number) => {
    left(label, columns.unit - 100);
    right(`${money(amount)} ${invoice.currency}`, rightEdge);
    y += 14;
  };
  totalRow(labels.subtotal, invoice.subtotal);
  if (invoice.taxPercent !== undefined) totalRow(`${labels.tax} (${invoice.taxPercent} %)`, invoice.tax);
  totalRow(labels.total, invoice.total);
  doc.end();
  return doc;
};

/** Renders the whole PDF into memory (for small invoices and tests). */
export const renderPdfBytes = async (invoice: Invoice, options: PdfOptions = {}): Promise<Uint8Array> => {
  const chunks: Array<Buffer> = [];
  for await (const chunk of renderPdf(invoice, options)) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
};
