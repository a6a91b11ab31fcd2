/**
 * Invoices: many quotes (an agent's batch of filings) aggregated into one invoice, with a line group per filing,
 * a number per office and year, an optional tax rate and totals. Render it as JSON with `toJson` and as a PDF with
 * `renderPdf` from `@ipoffice/fees/node`.
 */
import { Result, Schema } from "effect";
import { CalendarDate, Percent, type Schedule, text } from "./FeeSchedule.js";
import { basisPoints, CurrencyCode, percentOf } from "./Money.js";
import * as NumberFormat from "./NumberFormat.js";
import { Line, type Quote } from "./Quote.js";

/**
 * An invoice number as the office's format writes it (`NumberFormat`; by default `<office>-<year>-<sequence, 6 digits
 * or more>`, e.g. `BG-2026-000042`): 3–64 capital letters, digits, `.`, `_` and `-`.
 */
export const InvoiceNumber = Schema.String.pipe(
  Schema.check(
    Schema.isPattern(/^[A-Z0-9][A-Z0-9._-]{2,63}$/, {
      message: "Expected an invoice number of 3 to 64 capital letters, digits, '.', '_' or '-', like BG-2026-000042",
    }),
  ),
);
export type InvoiceNumber = typeof InvoiceNumber.Type;

/** One filing's part of an invoice. */
export const Group = Schema.Struct({
  /** The filing's reference: application number, or the agent's reference before numbering. */
  reference: Schema.String,
  title: Schema.optional(Schema.String),
  lines: Schema.Array(Line),
  subtotal: Schema.Int,
});
export type Group = typeof Group.Type;

export const Invoice = Schema.Struct({
  number: InvoiceNumber,
  office: Schema.String,
  officeName: Schema.String,
  issueDate: CalendarDate,
  currency: CurrencyCode,
  language: Schema.String,
  payer: Schema.optional(Schema.String),
  groups: Schema.Array(Group),
  subtotal: Schema.Int,
  /** Tax rate in percent (e.g. 5 for UAE VAT); absent when the fees bear no tax. */
  taxPercent: Schema.optional(Percent),
  tax: Schema.Int,
  total: Schema.Int,
});
export type Invoice = typeof Invoice.Type;

/** A filing to put on an invoice: its reference and its quote. */
export interface Filing {
  readonly reference: string;
  readonly title?: string | undefined;
  readonly quote: Quote;
}

export class InvalidInvoiceNumber extends Schema.TaggedError<InvalidInvoiceNumber>()("InvalidInvoiceNumber", {
  office: Schema.String,
  year: Schema.Number,
  sequence: Schema.Number,
}) {
  override get message(): string {
    return `Cannot number an invoice with office ${this.office}, year ${this.year}, sequence ${this.sequence}`;
  }
}

export class EmptyInvoice extends Schema.TaggedError<EmptyInvoice>()("EmptyInvoice", {}) {
  override get message(): string {
    return "An invoice needs at least one filing";
  }
}

export class CurrencyMismatch extends Schema.TaggedError<CurrencyMismatch>()("CurrencyMismatch", {
  reference: Schema.String,
  expected: Schema.String,
  found: Schema.String,
}) {
  override get message(): string {
    return `Filing ${this.reference} is quoted in ${this.found}, the invoice is in ${this.expected}`;
  }
}

export class InvalidTaxRate extends Schema.TaggedError<InvalidTaxRate>()("InvalidTaxRate", {
  taxPercent: Schema.Number,
}) {
  override get message(): string {
    return `Tax rate ${this.taxPercent} % is not a percentage 0–100 with at most two decimals`;
  }
}

export type InvoiceError = InvalidInvoiceNumber | EmptyInvoice | CurrencyMismatch | InvalidTaxRate;

/**
 * The invoice number for an office, year and sequence in the office's format (default
 * `{office}-{yyyy}-{serial:6}`; the sequence restarts each year when the format shows the year, and the app
 * allocates it in a transaction): `invoiceNumber("BG", 2026, 42)` is `BG-2026-000042`,
 * `invoiceNumber("JO", 2026, 42, "INV{yy}{serial:5}")` is `INV2600042`.
 */
export const invoiceNumber = (
  office: string,
  year: number,
  sequence: number,
  format: string = NumberFormat.defaultInvoiceFormat,
): Result.Result<InvoiceNumber, InvalidInvoiceNumber> =>
  Result.mapError(
    NumberFormat.format(format, { office, year, serial: sequence }),
    () => new InvalidInvoiceNumber({ office, year, sequence }),
  );

/** What `build` needs besides the filings. */
export interface BuildOptions {
  readonly number: InvoiceNumber;
  readonly office: string;
  readonly officeName: string;
  readonly issueDate: string;
  readonly filings: ReadonlyArray<Filing>;
  readonly language?: string | undefined;
  readonly payer?: string | undefined;
  /** Tax in percent on the fees, computed once on the invoice subtotal, half-up to the minor unit. */
  readonly taxPercent?: number | undefined;
}

/** Aggregates filings into an invoice: one group per filing, in the order given. All quotes share one currency. */
export const build = (options: BuildOptions): Result.Result<Invoice, InvoiceError> => {
  const first = options.filings[0];
  if (first === undefined) return Result.fail(new EmptyInvoice());
  const { taxPercent } = options;
  if (
    taxPercent !== undefined &&
    !(taxPercent >= 0 && taxPercent <= 100 && Math.abs(taxPercent * 100 - Math.round(taxPercent * 100)) < 1e-9)
  )
    return Result.fail(new InvalidTaxRate({ taxPercent }));
  const currency = first.quote.currency;
  const groups: Array<Group> = [];
  let subtotal = 0;
  for (const filing of options.filings) {
    if (filing.quote.currency !== currency)
      return Result.fail(
        new CurrencyMismatch({ reference: filing.reference, expected: currency, found: filing.quote.currency }),
      );
    groups.push({
      reference: filing.reference,
      ...(filing.title === undefined ? {} : { title: filing.title }),
      lines: filing.quote.lines,
      subtotal: filing.quote.total,
    });
    subtotal += filing.quote.total;
  }
  const tax = taxPercent === undefined ? 0 : percentOf(subtotal, basisPoints(taxPercent));
  return Result.succeed({
    number: options.number,
    office: options.office,
    officeName: options.officeName,
    issueDate: options.issueDate,
    currency,
    language: options.language ?? first.quote.language,
    ...(options.payer === undefined ? {} : { payer: options.payer }),
    groups,
    subtotal,
    ...(taxPercent === undefined ? {} : { taxPercent }),
    tax,
    total: subtotal + tax,
  });
};

/** The invoice as JSON text (amounts stay integers of minor units). */
export const toJson = (invoice: Invoice): string => JSON.stringify(invoice);

/** Number of lines over all groups. */
export const lineCount = (invoice: Invoice): number => invoice.groups.reduce((n, group) => n + group.lines.length, 0);

/**
 * The invoice with its line descriptions in another language, taken from the schedule rule that produced each line.
 * Invoices store the descriptions they were built with (English, decision 0622); a line is translated only when one
 * of the schedules has the line's service with a rule of the line's code whose English description is the line's, so
 * a description is never replaced by another fee's. Other lines keep their text; amounts never change.
 */
export const localise = (invoice: Invoice, schedules: ReadonlyArray<Schedule>, language: string): Invoice => {
  const translations = new Map<string, string>();
  for (const schedule of schedules)
    for (const [service, item] of Object.entries(schedule.items))
      for (const rule of item.rules) {
        const texts = rule.description ?? item.description;
        const key = `${service}\u0000${rule.code}\u0000${text(texts, "en")}`;
        if (!translations.has(key)) translations.set(key, text(texts, language));
      }
  const translate = (line: Line): Line => {
    const found = translations.get(`${line.service}\u0000${line.code}\u0000${line.description}`);
    return found === undefined || found === "" ? line : { ...line, description: found };
  };
  return {
    ...invoice,
    language,
    groups: invoice.groups.map((group) => ({ ...group, lines: group.lines.map(translate) })),
  };
};
