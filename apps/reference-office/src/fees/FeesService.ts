/**
 * The fees service of the reference office: stores quotes, raises invoices (numbered per office and year from a
 * counter row in the same transaction), keeps the payment ledger and applies gateway notifications once.
 *
 * The rules (quotes, invoice totals, ledger fold, signature check) are the package's (`@ipoffice/fees`); this module
 * reads and writes the database, each change with its event row in one transaction. Expected failures are values.
 */
import { todayIn } from "../config/OfficeConfig.js";
import { createHash, randomUUID } from "node:crypto";
import { type IpRight, Text } from "@ipoffice/domain";
import { Gateway, Invoice, Ledger, NumberFormat, type Quote, Receipt } from "@ipoffice/fees";
import { Data, Result } from "effect";
import { type Kysely, sql, type Transaction } from "kysely";
import type { Database } from "../db/schema.js";
import { nulPaths } from "../http/nul.js";
import type { OfficeFees } from "./OfficeFees.js";
import { filingQuoteRequest, type QuoteError, quoteRequest } from "./quoteForFiling.js";
import { actorKindOf, appendAudit } from "../audit/Audit.js";

type Db = Kysely<Database> | Transaction<Database>;

// ---------------------------------------------------------------------------------------------------------------------
// Errors

export class FeesDatabaseError extends Data.TaggedError("FeesDatabaseError")<{ readonly cause: unknown }> {
  override get message(): string {
    return `database error: ${this.cause instanceof Error ? this.cause.message : String(this.cause)}`;
  }
}

/** Items of an invoice request that name nothing known: each with its JSON path. */
export class UnknownItems extends Data.TaggedError("UnknownItems")<{
  readonly issues: ReadonlyArray<{ readonly path: string; readonly message: string }>;
}> {}

/** A filing or quote already on an invoice that is not cancelled. */
export class AlreadyInvoiced extends Data.TaggedError("AlreadyInvoiced")<{
  readonly path: string;
  readonly reference: string;
  readonly invoice: string;
}> {}

/** A filed right the schedule cannot price (no service, no schedule in force, a count outside the bands…). */
export class NotQuotable extends Data.TaggedError("NotQuotable")<{
  readonly path: string;
  readonly reference: string;
  readonly error: QuoteError;
}> {}

/** The package refused to build the invoice (mixed currencies, bad tax rate). */
export class InvoiceRefused extends Data.TaggedError("InvoiceRefused")<{ readonly error: Invoice.InvoiceError }> {}

export class InvoiceNotFound extends Data.TaggedError("InvoiceNotFound")<{ readonly number: string }> {}

export type CreateInvoiceError = UnknownItems | AlreadyInvoiced | NotQuotable | InvoiceRefused | FeesDatabaseError;

/** Why a gateway delivery was refused; every refusal is recorded in `payment_notifications_rejected`. */
export class NotificationRefused extends Data.TaggedError("NotificationRefused")<{
  readonly status: 400 | 401 | 404 | 409 | 413 | 422;
  readonly reason: string;
  readonly detail: string;
  readonly issues?: ReadonlyArray<{ readonly path: string; readonly message: string }>;
}> {}

/** Carries a typed failure out of a Kysely transaction callback (which can only throw) so it rolls back. */
class Abort<E> {
  readonly error: E;
  constructor(error: E) {
    this.error = error;
  }
}

const inTransaction = async <A, E>(
  db: Kysely<Database>,
  body: (trx: Transaction<Database>) => Promise<A>,
): Promise<Result.Result<A, E | FeesDatabaseError>> => {
  try {
    return Result.succeed(await db.transaction().execute(body));
  } catch (cause) {
    return Result.fail(cause instanceof Abort ? (cause.error as E) : new FeesDatabaseError({ cause }));
  }
};

const attempt = async <A>(run: () => Promise<A>): Promise<Result.Result<A, FeesDatabaseError>> => {
  try {
    return Result.succeed(await run());
  } catch (cause) {
    return Result.fail(new FeesDatabaseError({ cause }));
  }
};

// ---------------------------------------------------------------------------------------------------------------------
// Shapes returned to the routes and pages

export interface StoredEntry extends Ledger.Entry {
  readonly receipt?: string | undefined;
}

export interface StoredInvoice {
  readonly invoice: Invoice.Invoice;
  readonly state: Ledger.InvoiceState;
  readonly balance: Ledger.Balance;
  readonly entries: ReadonlyArray<StoredEntry>;
  /** What the invoice covers: application numbers and quote ids, in order. */
  readonly items: ReadonlyArray<{ reference: string; applicationNumber?: string; quoteId?: string }>;
}

export interface FeesDeps {
  readonly db: Kysely<Database>;
  readonly fees: OfficeFees;
  /** The office name printed on invoices. */
  readonly officeName: string;
  readonly timeZone: string;
  readonly now: () => Date;
}

/** The office's current date (`YYYY-MM-DD`) in its time zone. */
export const officeToday = (deps: Pick<FeesDeps, "now" | "timeZone">): string => todayIn(deps.timeZone, deps.now());

const num = (value: string | number | bigint): number => Number(value);

// ---------------------------------------------------------------------------------------------------------------------
// Number series

/** Next value of the office's series for the year; the row is created at 1. Gapless within the caller's transaction. */
export const nextNumber = async (trx: Db, office: string, series: string, year: number): Promise<number> => {
  const row = await trx
    .insertInto("fee_number_sequences")
    .values({ office_code: office, series, year, last_value: 1 })
    .onConflict((oc) =>
      oc.columns(["office_code", "series", "year"]).doUpdateSet({
        last_value: sql<number>`fee_number_sequences.last_value + 1`,
      }),
    )
    .returning("last_value")
    .executeTakeFirstOrThrow();
  return num(row.last_value);
};

// ---------------------------------------------------------------------------------------------------------------------
// Quotes

export interface StoredQuote {
  readonly id: string;
  readonly reference?: string | undefined;
  readonly quote: Quote.Quote;
  readonly invoice?: string | undefined;
}

/** Keeps a quote so that an invoice can be raised from it. */
export const storeQuote = (
  deps: FeesDeps,
  request: Quote.Request,
  quote: Quote.Quote,
  reference?: string,
): Promise<Result.Result<StoredQuote, FeesDatabaseError>> =>
  attempt(async () => {
    const id = `Q-${randomUUID()}`;
    await deps.db
      .insertInto("fee_quotes")
      .values({
        office_code: deps.fees.office,
        id,
        reference: reference ?? null,
        currency: quote.currency,
        total: quote.total,
        request: JSON.stringify(request),
        quote: JSON.stringify(quote),
        invoice_number: null,
        created_at: deps.now().toISOString(),
      })
      .execute();
    return { id, ...(reference === undefined ? {} : { reference }), quote };
  });

export const findQuote = (
  deps: FeesDeps,
  id: string,
): Promise<Result.Result<StoredQuote | undefined, FeesDatabaseError>> =>
  attempt(async () => {
    const row = await deps.db
      .selectFrom("fee_quotes")
      .select(["id", "reference", "quote", "invoice_number"])
      .where("office_code", "=", deps.fees.office)
      .where("id", "=", id)
      .executeTakeFirst();
    return row
      ? {
          id: row.id,
          reference: row.reference ?? undefined,
          quote: row.quote as Quote.Quote,
          invoice: row.invoice_number ?? undefined,
        }
      : undefined;
  });

// ---------------------------------------------------------------------------------------------------------------------
// Invoices

/** One row of an invoice's history (`invoice_events`), in the caller's transaction. */
export const appendInvoiceEvent = (
  db: Kysely<Database> | Transaction<Database>,
  office: string,
  event: {
    readonly invoice: string;
    readonly at: Date | string;
    readonly actor: string;
    readonly action: string;
    readonly from: string | null;
    readonly to: string;
    readonly data: Record<string, unknown>;
  },
) =>
  db
    .insertInto("invoice_events")
    .values({
      office_code: office,
      invoice_number: event.invoice,
      at: event.at,
      actor_id: event.actor,
      action: event.action,
      from_state: event.from,
      to_state: event.to,
      data: JSON.stringify(event.data),
    })
    .execute();

export interface CreateInvoiceInput {
  /** Application numbers (or ST.13) of filed rights: their filing fees are quoted now. */
  readonly applications?: ReadonlyArray<string> | undefined;
  /** Ids of stored quotes. */
  readonly quotes?: ReadonlyArray<string> | undefined;
  /** Who pays; defaults to the first applicant of the first filing. */
  readonly payer?: string | undefined;
  readonly actor?: string | undefined;
  /** False for the demo seed, which writes its history directly (as it does for rights); requests are audited. */
  readonly audited?: boolean | undefined;
  /** The issue date (the demo seed backdates invoices); default today in the office's time zone. */
  readonly issueDate?: string | undefined;
  /** Raised with a filing through the e-filing portal: the office's unpaid-filings rule applies (decision 0608). */
  readonly onFiling?: boolean | undefined;
}

const rightTitle = (right: IpRight.Right): string | undefined =>
  right.kind === "trademark" ? right.mark.text : right.kind === "industrial_design" ? right.title : right.title;

/**
 * Raises one invoice for filed rights and stored quotes: quotes each filing now (English descriptions, the PDF
 * cannot print Arabic), aggregates with the package, numbers it `<office>-<year>-<sequence>` and stores it with its
 * items and an `issued` event, all in one transaction. Nothing is written when any item fails.
 */
export const createInvoice = (
  deps: FeesDeps,
  input: CreateInvoiceInput,
): Promise<Result.Result<StoredInvoice, CreateInvoiceError>> =>
  inTransaction<StoredInvoice, CreateInvoiceError>(deps.db, (trx) => raiseInvoiceIn(trx, deps, input));

/** A typed failure thrown out of `raiseInvoiceIn` (it rolls the caller's transaction back). */
export const invoiceFailureOf = (cause: unknown): CreateInvoiceError | undefined =>
  cause instanceof Abort ? (cause.error as CreateInvoiceError) : undefined;

/**
 * `createInvoice` inside the caller's transaction (a filing and its invoice commit together): a refusal is thrown
 * (read it with `invoiceFailureOf`), so the caller's transaction rolls back and nothing of either is written.
 */
export const raiseInvoiceIn = async (
  trx: Transaction<Database>,
  deps: FeesDeps,
  input: CreateInvoiceInput,
): Promise<StoredInvoice> => {
  const office = deps.fees.office;
  const issueDate = input.issueDate ?? officeToday(deps);
  const year = Number(issueDate.slice(0, 4));
  const at = deps.now().toISOString();
  const filings: Array<Invoice.Filing & { applicationNumber?: string; quoteId?: string }> = [];
  const unknown: Array<{ path: string; message: string }> = [];
  let firstOwner: string | undefined;

  const applications = input.applications ?? [];
  const rows =
    applications.length === 0
      ? []
      : await trx
          .selectFrom("rights")
          .select(["application_number", "st13", "data"])
          .where("office_code", "=", office)
          .where((eb) => eb.or([eb("application_number", "in", applications), eb("st13", "in", applications)]))
          // Locked until commit: a concurrent invoice for the same filing waits, then sees this one's items.
          .forUpdate()
          .execute();
  for (const [index, given] of applications.entries()) {
    const path = `applications[${index}]`;
    const row = rows.find((r) => r.application_number === given || r.st13 === given);
    if (row === undefined) {
      unknown.push({ path, message: `no application numbered ${given.slice(0, 100)}` });
      continue;
    }
    const right = row.data as IpRight.Right;
    firstOwner ??= right.owners[0]?.name;
    const quoted = quoteRequest(deps.fees, filingQuoteRequest(deps.fees, right, { date: issueDate, language: "en" }));
    if (Result.isFailure(quoted))
      throw new Abort(new NotQuotable({ path, reference: right.applicationNumber, error: quoted.failure }));
    const title = rightTitle(right);
    filings.push({
      reference: right.applicationNumber,
      ...(title === undefined ? {} : { title }),
      quote: quoted.success,
      applicationNumber: right.applicationNumber,
    });
  }

  const quoteIds = input.quotes ?? [];
  const quoteRows =
    quoteIds.length === 0
      ? []
      : await trx
          .selectFrom("fee_quotes")
          .select(["id", "reference", "quote", "invoice_number"])
          .where("office_code", "=", office)
          .where("id", "in", quoteIds)
          .forUpdate()
          .execute();
  for (const [index, id] of quoteIds.entries()) {
    const path = `quotes[${index}]`;
    const row = quoteRows.find((r) => r.id === id);
    if (row === undefined) {
      unknown.push({ path, message: `no quote ${id.slice(0, 100)}` });
      continue;
    }
    if (row.invoice_number !== null)
      throw new Abort(new AlreadyInvoiced({ path, reference: id, invoice: row.invoice_number }));
    filings.push({ reference: row.reference ?? row.id, quote: row.quote as Quote.Quote, quoteId: row.id });
  }
  if (unknown.length > 0) throw new Abort(new UnknownItems({ issues: unknown }));

  // A filing already on an invoice that is not cancelled is not billed twice.
  const numbers = filings.flatMap((f) => (f.applicationNumber ? [f.applicationNumber] : []));
  if (numbers.length > 0) {
    const billed = await trx
      .selectFrom("invoice_items")
      .innerJoin("invoices", (j) =>
        j
          .onRef("invoices.office_code", "=", "invoice_items.office_code")
          .onRef("invoices.number", "=", "invoice_items.invoice_number"),
      )
      .select(["invoice_items.application_number", "invoices.number"])
      .where("invoice_items.office_code", "=", office)
      .where("invoice_items.application_number", "in", numbers)
      .where("invoices.state", "!=", "cancelled")
      .executeTakeFirst();
    if (billed?.application_number) {
      const index = applications.indexOf(billed.application_number);
      throw new Abort(
        new AlreadyInvoiced({
          path: `applications[${Math.max(0, index)}]`,
          reference: billed.application_number,
          invoice: billed.number,
        }),
      );
    }
  }

  const format = deps.fees.invoiceFormat;
  const sequence = await nextNumber(trx, office, "invoice", NumberFormat.restartsYearly(format) ? year : 0);
  const number = Invoice.invoiceNumber(office, year, sequence, format);
  if (Result.isFailure(number)) throw new Abort(new InvoiceRefused({ error: number.failure }));
  const built = Invoice.build({
    number: number.success,
    office,
    officeName: deps.officeName,
    issueDate,
    filings,
    language: "en",
    payer: input.payer ?? firstOwner,
    taxPercent: deps.fees.taxPercent,
  });
  if (Result.isFailure(built)) throw new Abort(new InvoiceRefused({ error: built.failure }));
  const invoice = built.success;
  const state = Ledger.state(invoice, []);
  await trx
    .insertInto("invoices")
    .values({
      office_code: office,
      number: invoice.number,
      year,
      sequence,
      issue_date: issueDate,
      payer: invoice.payer ?? null,
      payer_key: Text.key(invoice.payer ?? ""),
      currency: invoice.currency,
      subtotal: invoice.subtotal,
      tax: invoice.tax,
      total: invoice.total,
      state,
      data: JSON.stringify(invoice),
      created_at: at,
      updated_at: at,
      raised_on_filing: input.onFiling === true,
    })
    .execute();
  await trx
    .insertInto("invoice_items")
    .values(
      filings.map((f, position) => ({
        office_code: office,
        invoice_number: invoice.number,
        position,
        reference: f.reference,
        application_number: f.applicationNumber ?? null,
        quote_id: f.quoteId ?? null,
        subtotal: f.quote.total,
      })),
    )
    .execute();
  const quoted = filings.flatMap((f) => (f.quoteId ? [f.quoteId] : []));
  if (quoted.length > 0)
    await trx
      .updateTable("fee_quotes")
      .set({ invoice_number: invoice.number })
      .where("office_code", "=", office)
      .where("id", "in", quoted)
      .execute();
  await appendInvoiceEvent(trx, office, {
    invoice: invoice.number,
    at,
    actor: input.actor ?? "anonymous",
    action: "issued",
    from: null,
    to: state,
    data: { total: invoice.total, currency: invoice.currency, items: filings.length },
  });
  if (input.actor !== undefined && input.audited !== false)
    await appendAudit(
      trx,
      office,
      {
        actorKind: actorKindOf({ id: input.actor, role: "cashier" }),
        actorId: input.actor,
        action: "fees.invoice.issue",
        target: invoice.number,
        outcome: "ok",
        details: { total: invoice.total, currency: invoice.currency, items: filings.length },
      },
      at,
    );
  return {
    invoice,
    state,
    balance: Ledger.balance(invoice, []),
    entries: [],
    items: filings.map((f) => ({
      reference: f.reference,
      ...(f.applicationNumber ? { applicationNumber: f.applicationNumber } : {}),
      ...(f.quoteId ? { quoteId: f.quoteId } : {}),
    })),
  };
};

type EntryRow = {
  id: string;
  invoice_number: string;
  kind: string;
  amount: string | number;
  currency: string;
  at: string;
  reverses: string | null;
  note: string | null;
  receipt_number: string | null;
};

const toEntry = (row: EntryRow): StoredEntry => ({
  id: row.id,
  invoice: row.invoice_number,
  kind: row.kind as Ledger.EntryKind,
  amount: num(row.amount),
  currency: row.currency,
  at: row.at,
  ...(row.reverses === null ? {} : { reverses: row.reverses }),
  ...(row.note === null ? {} : { note: row.note }),
  ...(row.receipt_number === null ? {} : { receipt: row.receipt_number }),
});

const entryColumns = [
  "id",
  "invoice_number",
  "kind",
  "amount",
  "currency",
  "at",
  "reverses",
  "note",
  "receipt_number",
] as const;

export const entriesOf = async (db: Db, office: string, numbers: ReadonlyArray<string>): Promise<StoredEntry[]> =>
  numbers.length === 0
    ? []
    : (
        await db
          .selectFrom("ledger_entries")
          .select(entryColumns)
          .where("office_code", "=", office)
          .where("invoice_number", "in", numbers)
          .orderBy("seq")
          .execute()
      ).map(toEntry);

const assemble = (
  invoice: Invoice.Invoice,
  entries: ReadonlyArray<StoredEntry>,
  items: StoredInvoice["items"],
): StoredInvoice => {
  const own = entries.filter((e) => e.invoice === invoice.number);
  return {
    invoice,
    state: Ledger.state(invoice, own),
    balance: Ledger.balance(invoice, own),
    entries: own,
    items,
  };
};

/** An invoice with its ledger, state and balance. */
export const getInvoice = (
  deps: Pick<FeesDeps, "db" | "fees">,
  number: string,
): Promise<Result.Result<StoredInvoice, InvoiceNotFound | FeesDatabaseError>> =>
  attempt(async () => {
    const row = await deps.db
      .selectFrom("invoices")
      .select("data")
      .where("office_code", "=", deps.fees.office)
      .where("number", "=", number)
      .executeTakeFirst();
    if (!row) return undefined;
    const items = await deps.db
      .selectFrom("invoice_items")
      .select(["reference", "application_number", "quote_id"])
      .where("office_code", "=", deps.fees.office)
      .where("invoice_number", "=", number)
      .orderBy("position")
      .execute();
    return assemble(
      row.data as Invoice.Invoice,
      await entriesOf(deps.db, deps.fees.office, [number]),
      items.map(itemOf),
    );
  }).then((r) =>
    Result.isFailure(r)
      ? Result.fail(r.failure)
      : r.success === undefined
        ? Result.fail(new InvoiceNotFound({ number }))
        : Result.succeed(r.success),
  );

export const itemOf = (i: { reference: string; application_number: string | null; quote_id: string | null }) => ({
  reference: i.reference,
  ...(i.application_number ? { applicationNumber: i.application_number } : {}),
  ...(i.quote_id ? { quoteId: i.quote_id } : {}),
});

/** A payer's invoices, newest first, each with its ledger (three queries whatever the number of invoices). */
export const listInvoices = (
  deps: Pick<FeesDeps, "db" | "fees">,
  payer: string,
  limit = 200,
): Promise<Result.Result<StoredInvoice[], FeesDatabaseError>> =>
  attempt(async () => {
    const rows = await deps.db
      .selectFrom("invoices")
      .select(["number", "data"])
      .where("office_code", "=", deps.fees.office)
      .where("payer", "=", payer)
      .orderBy("issue_date", "desc")
      .orderBy("number", "desc")
      .limit(limit)
      .execute();
    const numbers = rows.map((r) => r.number);
    const entries = await entriesOf(deps.db, deps.fees.office, numbers);
    const items =
      numbers.length === 0
        ? []
        : await deps.db
            .selectFrom("invoice_items")
            .select(["invoice_number", "reference", "application_number", "quote_id"])
            .where("office_code", "=", deps.fees.office)
            .where("invoice_number", "in", numbers)
            .orderBy("invoice_number")
            .orderBy("position")
            .execute();
    return rows.map((r) =>
      assemble(r.data as Invoice.Invoice, entries, items.filter((i) => i.invoice_number === r.number).map(itemOf)),
    );
  });

// ---------------------------------------------------------------------------------------------------------------------
// Payments

export interface NotificationOutcome {
  /** False when the notification had already been applied (a repeat delivery): nothing changed. */
  readonly applied: boolean;
  readonly entry: StoredEntry;
  readonly state: Ledger.InvoiceState;
  readonly receipt?: Receipt.Receipt | undefined;
}

const refuse = (
  status: NotificationRefused["status"],
  reason: string,
  detail: string,
  issues?: ReadonlyArray<{ path: string; message: string }>,
) => new NotificationRefused({ status, reason, detail, ...(issues ? { issues } : {}) });

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Applies a verified notification to its invoice's ledger, once: the invoice row is locked, the ledger read, the
 * package's `applyNotification` decides, and the entry is inserted with `ON CONFLICT DO NOTHING` on its idempotency
 * key, with the invoice's new state, a receipt number and an event, in one transaction.
 */
export const applyNotification = async (
  deps: Pick<FeesDeps, "db" | "fees" | "now">,
  notification: Ledger.Notification,
  options: { readonly note?: string } = {},
): Promise<Result.Result<NotificationOutcome, NotificationRefused | FeesDatabaseError>> => {
  const office = deps.fees.office;
  if (!isoInstant.test(notification.at) || Number.isNaN(Date.parse(notification.at)))
    return Result.fail(
      refuse(400, "invalid_body", "at is not an ISO 8601 instant", [
        { path: "$.at", message: "Expected an ISO 8601 date-time such as 2026-11-24T10:00:00Z" },
      ]),
    );
  const recordedAt = deps.now().toISOString();
  return inTransaction<NotificationOutcome, NotificationRefused>(deps.db, async (trx) => {
    const row = await trx
      .selectFrom("invoices")
      .select(["data", "state"])
      .where("office_code", "=", office)
      .where("number", "=", notification.invoice)
      .forUpdate()
      .executeTakeFirst();
    if (!row)
      throw new Abort(refuse(404, "unknown_invoice", `no invoice numbered ${notification.invoice.slice(0, 100)}`));
    const invoice = row.data as Invoice.Invoice;
    const entries = await entriesOf(trx, office, [invoice.number]);
    const decided = Ledger.applyNotification(invoice, entries, notification);
    if (Result.isFailure(decided)) {
      const { reason, detail } = decided.failure;
      const status = reason === "conflicting_duplicate" || reason === "already_reversed" ? 409 : 422;
      throw new Abort(refuse(status, reason, detail));
    }
    const previous = (entries as StoredEntry[]).find((e) => e.id === decided.success.entry.id);
    if (!decided.success.applied)
      return { applied: false, entry: previous ?? decided.success.entry, state: Ledger.state(invoice, entries) };
    const entry = decided.success.entry;
    const inserted = await trx
      .insertInto("ledger_entries")
      .values({
        office_code: office,
        id: entry.id,
        invoice_number: invoice.number,
        kind: entry.kind,
        amount: entry.amount,
        currency: entry.currency,
        at: entry.at,
        reverses: entry.reverses ?? null,
        note: options.note ?? null,
        gateway: notification.gateway,
        transaction_id: notification.transactionId,
        receipt_number: null,
        recorded_at: recordedAt,
      })
      .onConflict((oc) => oc.columns(["office_code", "id"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (inserted === undefined) {
      // Another delivery of the same notification committed first (the row lock makes this rare): a repeat.
      const [existing] = await trx
        .selectFrom("ledger_entries")
        .select(entryColumns)
        .where("office_code", "=", office)
        .where("id", "=", entry.id)
        .execute();
      const all = await entriesOf(trx, office, [invoice.number]);
      return { applied: false, entry: existing ? toEntry(existing) : entry, state: Ledger.state(invoice, all) };
    }
    const after = decided.success.entries;
    const state = Ledger.state(invoice, after);
    let receipt: Receipt.Receipt | undefined;
    if (entry.kind === "payment" || entry.kind === "refund") {
      const format = deps.fees.receiptFormat;
      const year = NumberFormat.restartsYearly(format) ? Number(entry.at.slice(0, 4)) : 0;
      const sequence = await nextNumber(trx, office, "receipt", year);
      const made = Receipt.make(invoice, after, entry.id, sequence, format);
      if (Result.isSuccess(made)) {
        receipt = made.success;
        await trx
          .updateTable("ledger_entries")
          .set({ receipt_number: receipt.number })
          .where("office_code", "=", office)
          .where("id", "=", entry.id)
          .execute();
      }
    }
    await trx
      .updateTable("invoices")
      .set({ state, updated_at: recordedAt })
      .where("office_code", "=", office)
      .where("number", "=", invoice.number)
      .execute();
    await appendInvoiceEvent(trx, office, {
      invoice: invoice.number,
      at: recordedAt,
      actor: `gateway:${notification.gateway}`,
      action: entry.kind,
      from: row.state,
      to: state,
      data: { entry: entry.id, amount: entry.amount, receipt: receipt?.number ?? null },
    });
    return { applied: true, entry: { ...entry, ...(receipt ? { receipt: receipt.number } : {}) }, state, receipt };
  });
};

export class AlreadyCancelled extends Data.TaggedError("AlreadyCancelled")<{ readonly number: string }> {}

/**
 * Cancels an invoice (the office's act, e.g. a filing withdrawn before payment): a `cancellation` ledger entry with
 * the reason, the state `cancelled` and an event, in one transaction. Money already held stays as credit to refund.
 */
export const cancelInvoice = async (
  deps: Pick<FeesDeps, "db" | "fees" | "now">,
  number: string,
  options: { readonly reason: string; readonly actor: string; readonly audited?: boolean },
): Promise<Result.Result<StoredInvoice, InvoiceNotFound | AlreadyCancelled | FeesDatabaseError>> => {
  const office = deps.fees.office;
  const at = deps.now().toISOString();
  const done = await inTransaction<string, InvoiceNotFound | AlreadyCancelled>(deps.db, async (trx) => {
    const row = await trx
      .selectFrom("invoices")
      .select(["data", "state"])
      .where("office_code", "=", office)
      .where("number", "=", number)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new Abort(new InvoiceNotFound({ number }));
    const invoice = row.data as Invoice.Invoice;
    const entries = await entriesOf(trx, office, [number]);
    if (Ledger.state(invoice, entries) === "cancelled") throw new Abort(new AlreadyCancelled({ number }));
    const entry: Ledger.Entry = {
      id: `office:cancellation:${number}`,
      invoice: number,
      kind: "cancellation",
      amount: 0,
      currency: invoice.currency,
      at,
      note: options.reason,
    };
    const state = Ledger.state(invoice, [...entries, entry]);
    await trx
      .insertInto("ledger_entries")
      .values({
        office_code: office,
        id: entry.id,
        invoice_number: number,
        kind: entry.kind,
        amount: 0,
        currency: entry.currency,
        at,
        reverses: null,
        note: options.reason,
        gateway: null,
        transaction_id: null,
        receipt_number: null,
        recorded_at: at,
      })
      .execute();
    await trx
      .updateTable("invoices")
      .set({ state, updated_at: at })
      .where("office_code", "=", office)
      .where("number", "=", number)
      .execute();
    await appendInvoiceEvent(trx, office, {
      invoice: number,
      at,
      actor: options.actor,
      action: "cancellation",
      from: row.state,
      to: state,
      data: { reason: options.reason },
    });
    if (options.audited !== false)
      await appendAudit(
        trx,
        office,
        {
          actorKind: actorKindOf({ id: options.actor, role: "cashier" }),
          actorId: options.actor,
          action: "fees.invoice.cancel",
          target: number,
          outcome: "ok",
          details: { reason: options.reason.slice(0, 500) },
        },
        at,
      );
    return number;
  });
  if (Result.isFailure(done)) return Result.fail(done.failure);
  return getInvoice(deps, number);
};

/** Keeps a refused delivery for audit: reason, detail, signature header and the start of the body. */
export const recordRejected = async (
  deps: Pick<FeesDeps, "db" | "fees" | "now">,
  rejection: { reason: string; detail: string; signature: string | undefined; body: Uint8Array },
): Promise<Result.Result<void, FeesDatabaseError>> =>
  attempt(async () => {
    await deps.db
      .insertInto("payment_notifications_rejected")
      .values({
        office_code: deps.fees.office,
        received_at: deps.now().toISOString(),
        reason: rejection.reason.slice(0, 100),
        detail: rejection.detail.replaceAll("\u0000", "").slice(0, 2000),
        signature_header: rejection.signature === undefined ? null : rejection.signature.slice(0, 1024),
        body_sha256: createHash("sha256").update(rejection.body).digest("hex"),
        body_bytes: rejection.body.byteLength,
        body_excerpt: new TextDecoder("utf-8", { fatal: false })
          .decode(rejection.body.subarray(0, 4096))
          .replaceAll("\u0000", ""),
      })
      .execute();
  });

/**
 * A gateway delivery from the raw body and signature header: verifies the HMAC with the package's `Gateway`, parses
 * the notification, applies it once. Every refusal (bad or missing signature, invalid body, ledger rule) is recorded.
 */
export const receiveNotification = async (
  deps: Pick<FeesDeps, "db" | "fees" | "now">,
  secret: string,
  body: Uint8Array,
  signature: string | undefined,
): Promise<Result.Result<NotificationOutcome, NotificationRefused | FeesDatabaseError>> => {
  const outcome = await (async (): Promise<
    Result.Result<NotificationOutcome, NotificationRefused | FeesDatabaseError>
  > => {
    if (body.byteLength > Gateway.maxBodyBytes)
      return Result.fail(refuse(413, "too_large", `body over ${Gateway.maxBodyBytes} bytes`));
    const verified = await Gateway.verifySignature(body, signature, secret, { now: deps.now() });
    if (Result.isFailure(verified))
      return Result.fail(refuse(401, `signature_${verified.failure.reason}`, verified.failure.detail));
    const parsed = Gateway.parseNotification(body);
    if (Result.isFailure(parsed))
      return Result.fail(refuse(400, "invalid_body", parsed.failure.message, parsed.failure.issues));
    // The database cannot store a NUL character in text (decision 0660).
    const nul = nulPaths(parsed.success, "$");
    if (nul.length > 0)
      return Result.fail(
        refuse(
          400,
          "invalid_body",
          `${nul.join(", ")}: contains a NUL character (U+0000)`,
          nul.map((path) => ({ path, message: "contains a NUL character (U+0000), which is not accepted" })),
        ),
      );
    return applyNotification(deps, parsed.success);
  })();
  if (Result.isFailure(outcome) && outcome.failure instanceof NotificationRefused) {
    const recorded = await recordRejected(deps, {
      reason: outcome.failure.reason,
      detail: outcome.failure.detail,
      signature,
      body,
    });
    if (Result.isFailure(recorded)) return Result.fail(recorded.failure);
  }
  return outcome;
};

/** The receipt of a ledger entry, by its number. */
export const getReceipt = (
  deps: Pick<FeesDeps, "db" | "fees">,
  number: string,
): Promise<Result.Result<Receipt.Receipt | undefined, FeesDatabaseError>> =>
  attempt(async () => {
    const row = await deps.db
      .selectFrom("ledger_entries")
      .select(["id", "invoice_number"])
      .where("office_code", "=", deps.fees.office)
      .where("receipt_number", "=", number)
      .executeTakeFirst();
    if (!row) return undefined;
    const invoice = await deps.db
      .selectFrom("invoices")
      .select("data")
      .where("office_code", "=", deps.fees.office)
      .where("number", "=", row.invoice_number)
      .executeTakeFirstOrThrow();
    const entries = await entriesOf(deps.db, deps.fees.office, [row.invoice_number]);
    // The receipt as issued, under the number it was issued with (the format may have changed since).
    const made = Receipt.make(invoice.data as Invoice.Invoice, entries, row.id, 1);
    return Result.isSuccess(made) ? { ...made.success, number } : undefined;
  });
