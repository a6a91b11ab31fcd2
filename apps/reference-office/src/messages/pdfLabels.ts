/**
 * The labels of the invoice and receipt PDFs (`@ipoffice/fees`) from the one catalog (decision 0412): `pdf.invoice.*`
 * and `pdf.receipt.*` in `catalog/<lang>.json`, so an office's catalog file words them, and a language the fees
 * package does not know (Bulgarian) prints its own.
 */
import type { InvoicePdf, ReceiptPdf } from "@ipoffice/fees/node";
import { text } from "./Catalog.js";

const invoiceKeys = [
  "invoice",
  "issued",
  "payer",
  "currency",
  "code",
  "description",
  "quantity",
  "unit",
  "amount",
  "filingTotal",
  "subtotal",
  "tax",
  "total",
] as const satisfies ReadonlyArray<keyof InvoicePdf.Labels>;

const receiptKeys = [
  "receipt",
  "invoice",
  "payer",
  "date",
  "kind",
  "payment",
  "refund",
  "amount",
  "entry",
  "total",
  "paid",
  "outstanding",
  "state",
  "thanks",
] as const satisfies ReadonlyArray<Exclude<keyof ReceiptPdf.Labels, "states">>;

const states = [
  "unpaid",
  "partially_paid",
  "paid",
  "overpaid",
  "refunded",
  "cancelled",
] as const satisfies ReadonlyArray<keyof ReceiptPdf.Labels["states"]>;

const pick = <K extends string>(lang: string, prefix: string, keys: ReadonlyArray<K>): Record<K, string> =>
  Object.fromEntries(keys.map((k) => [k, text(lang, `${prefix}${k}`)])) as Record<K, string>;

/** The invoice PDF's labels in a language (English for a key the language lacks). */
export const invoicePdfLabels = (lang: string): InvoicePdf.Labels => pick(lang, "pdf.invoice.", invoiceKeys);

/** The receipt PDF's labels in a language (English for a key the language lacks). */
export const receiptPdfLabels = (lang: string): ReceiptPdf.Labels => ({
  ...pick(lang, "pdf.receipt.", receiptKeys),
  states: pick(lang, "pdf.receipt.state.", states),
});
