/**
 * Renders a receipt (a payment or a refund on an invoice, with the balance right after it) as a one-page PDF in the
 * language asked for: English, Arabic and French labels built in. Layout and Arabic shaping by `@ipoffice/documents`.
 */
import type { Readable } from "node:stream";
import { Document } from "@ipoffice/documents";
import { Pdf } from "@ipoffice/documents/node";
import type { InvoiceState } from "./Ledger.js";
import { toMajorString } from "./Money.js";
import type { Receipt } from "./Receipt.js";

export interface Labels {
  readonly receipt: string;
  readonly invoice: string;
  readonly payer: string;
  readonly date: string;
  readonly kind: string;
  readonly payment: string;
  readonly refund: string;
  readonly amount: string;
  readonly entry: string;
  readonly total: string;
  readonly paid: string;
  readonly outstanding: string;
  readonly state: string;
  readonly states: Readonly<Record<InvoiceState, string>>;
  readonly thanks: string;
}

/** The built-in labels per language. */
export const labels: Readonly<Record<string, Labels>> = {
  en: {
    receipt: "Receipt",
    invoice: "Invoice",
    payer: "Payer",
    date: "Date",
    kind: "Kind",
    payment: "Payment",
    refund: "Refund",
    amount: "Amount",
    entry: "Ledger entry",
    total: "Invoice total",
    paid: "Paid to date (net of refunds)",
    outstanding: "Outstanding",
    state: "State of the invoice",
    states: {
      unpaid: "Unpaid",
      partially_paid: "Partially paid",
      paid: "Paid",
      overpaid: "Overpaid",
      refunded: "Refunded",
      cancelled: "Cancelled",
    },
    thanks: "This receipt is issued by the office's payment records; keep it with the invoice.",
  },
  ar: {
    receipt: "إيصال",
    invoice: "الفاتورة",
    payer: "الدافع",
    date: "التاريخ",
    kind: "النوع",
    payment: "دفعة",
    refund: "استرداد",
    amount: "المبلغ",
    entry: "قيد الدفتر",
    total: "مجموع الفاتورة",
    paid: "المدفوع حتى تاريخه (بعد الاسترداد)",
    outstanding: "المتبقي",
    state: "حالة الفاتورة",
    states: {
      unpaid: "غير مدفوعة",
      partially_paid: "مدفوعة جزئيا",
      paid: "مدفوعة",
      overpaid: "مدفوعة بالزيادة",
      refunded: "مستردة",
      cancelled: "ملغاة",
    },
    thanks: "صدر هذا الإيصال من سجلات المدفوعات في المكتب؛ يرجى الاحتفاظ به مع الفاتورة.",
  },
  fr: {
    receipt: "Reçu",
    invoice: "Facture",
    payer: "Payeur",
    date: "Date",
    kind: "Nature",
    payment: "Paiement",
    refund: "Remboursement",
    amount: "Montant",
    entry: "Écriture",
    total: "Total de la facture",
    paid: "Payé à ce jour (remboursements déduits)",
    outstanding: "Reste dû",
    state: "État de la facture",
    states: {
      unpaid: "Impayée",
      partially_paid: "Partiellement payée",
      paid: "Payée",
      overpaid: "Trop-perçu",
      refunded: "Remboursée",
      cancelled: "Annulée",
    },
    thanks: "Ce reçu est établi d'après les écritures de paiement de l'office ; conservez-le avec la facture.",
  },
};

/** The built-in labels of a language (its base language, else English). */
export const labelsOf = (language: string): Labels =>
  labels[language] ?? labels[language.split("-")[0] ?? ""] ?? (labels.en as Labels);

export interface PdfOptions {
  readonly language: string;
  /** The office's name in that language, printed at the top. */
  readonly officeName?: string | undefined;
  readonly labels?: Partial<Labels> | undefined;
  readonly creationDate?: Date | undefined;
}

const iso = Document.isolate;

/** An ISO 8601 instant as date and time to the minute in UTC (`2026-11-24 10:00 UTC`); anything else as it is. */
const when = (at: string): string => {
  const date = new Date(at);
  return /^\d{4}-\d{2}-\d{2}T/.test(at) && !Number.isNaN(date.getTime())
    ? `${date.toISOString().slice(0, 10)} ${date.toISOString().slice(11, 16)} UTC`
    : at;
};

/** The receipt as a document (blocks). */
export const toDocument = (receipt: Receipt, options: PdfOptions): Document.Document => {
  const l = { ...labelsOf(options.language), ...options.labels };
  const money = (amount: number) => `${iso(toMajorString(amount, receipt.currency))} ${receipt.currency}`;
  return {
    language: options.language,
    direction: Document.directionOf(options.language),
    title: `${l.receipt} ${receipt.number}`,
    header: options.officeName ?? receipt.office,
    footer: `${l.receipt} ${iso(receipt.number)}`,
    blocks: [
      { kind: "title", text: `${l.receipt} ${iso(receipt.number)}` },
      {
        kind: "fields",
        rows: [
          { label: l.invoice, value: iso(receipt.invoice) },
          ...(receipt.payer === undefined ? [] : [{ label: l.payer, value: iso(receipt.payer) }]),
          { label: l.date, value: iso(when(receipt.at)) },
          { label: l.kind, value: receipt.kind === "refund" ? l.refund : l.payment },
          { label: l.amount, value: money(receipt.amount) },
          { label: l.entry, value: iso(receipt.entry) },
        ],
      },
      {
        kind: "fields",
        rows: [
          { label: l.total, value: money(receipt.balance.total) },
          { label: l.paid, value: money(receipt.balance.net) },
          { label: l.outstanding, value: money(receipt.balance.outstanding) },
          { label: l.state, value: l.states[receipt.state] },
        ],
      },
      { kind: "paragraph", text: l.thanks },
    ],
  };
};

export const renderPdf = (receipt: Receipt, options: PdfOptions): Readable =>
  Pdf.render(toDocument(receipt, options), { creationDate: options.creationDate ?? dateOf(receipt.at) });

const dateOf = (at: string): Date => {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? new Date(0) : date;
};

export const renderPdfBytes = async (receipt: Receipt, options: PdfOptions): Promise<Uint8Array> => {
  const chunks: Array<Buffer> = [];
  for await (const chunk of renderPdf(receipt, options)) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
};
