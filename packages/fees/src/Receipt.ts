/**
 * Receipts: what the payer gets for a ledger entry (a payment or a refund), with the invoice's balance and state
 * right after it.
 */
import { Result, Schema } from "effect";
import * as NumberFormat from "./NumberFormat.js";
import { type Balance, balance, type Entry, type InvoiceState, state } from "./Ledger.js";

export interface Receipt {
  /** In the office's receipt format, by default `<office>-R-<year>-<sequence>`, e.g. `BG-R-2026-000007`. */
  readonly number: string;
  readonly invoice: string;
  readonly office: string;
  readonly payer?: string | undefined;
  readonly entry: string;
  readonly kind: Entry["kind"];
  readonly amount: number;
  readonly currency: string;
  readonly at: string;
  /** The invoice's balance and state counting every entry up to and including this one. */
  readonly balance: Balance;
  readonly state: InvoiceState;
}

export class ReceiptUnavailable extends Schema.TaggedError<ReceiptUnavailable>()("ReceiptUnavailable", {
  entry: Schema.String,
  reason: Schema.String,
}) {
  override get message(): string {
    return `No receipt for entry ${this.entry}: ${this.reason}`;
  }
}

export interface ReceiptInvoice {
  readonly number: string;
  readonly office: string;
  readonly currency: string;
  readonly total: number;
  readonly payer?: string | undefined;
}

/**
 * The receipt for one entry of an invoice's ledger. `sequence` is the office's receipt counter (allocated by the app,
 * for the year of the entry when the format shows the year); `format` the office's receipt number format
 * (`NumberFormat`, default `{office}-R-{yyyy}-{serial:6}`).
 */
export const make = (
  invoice: ReceiptInvoice,
  entries: ReadonlyArray<Entry>,
  entryId: string,
  sequence: number,
  format: string = NumberFormat.defaultReceiptFormat,
): Result.Result<Receipt, ReceiptUnavailable> => {
  const index = entries.findIndex((entry) => entry.id === entryId);
  const entry = entries[index];
  if (entry === undefined || entry.invoice !== invoice.number)
    return Result.fail(new ReceiptUnavailable({ entry: entryId, reason: "not in this invoice's ledger" }));
  if (entry.kind !== "payment" && entry.kind !== "refund")
    return Result.fail(new ReceiptUnavailable({ entry: entryId, reason: `a ${entry.kind} has no receipt` }));
  const year = entry.at.slice(0, 4);
  if (!/^\d{4}$/.test(year) || !Number.isSafeInteger(sequence) || sequence < 1)
    return Result.fail(new ReceiptUnavailable({ entry: entryId, reason: "bad date or sequence" }));
  const number = NumberFormat.format(format, { office: invoice.office, year: Number(year), serial: sequence });
  if (Result.isFailure(number))
    return Result.fail(new ReceiptUnavailable({ entry: entryId, reason: number.failure.reason }));
  const upTo = entries.slice(0, index + 1);
  return Result.succeed({
    number: number.success,
    invoice: invoice.number,
    office: invoice.office,
    ...(invoice.payer === undefined ? {} : { payer: invoice.payer }),
    entry: entry.id,
    kind: entry.kind,
    amount: entry.amount,
    currency: entry.currency,
    at: entry.at,
    balance: balance(invoice, upTo),
    state: state(invoice, upTo),
  });
};
