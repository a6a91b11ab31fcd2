/**
 * The payments ledger of invoices: entries are appended, never changed; an invoice's state and balance are folded from
 * its entries. A payment gateway notification is applied once whatever number of times it arrives: the entry id is the
 * gateway's transaction id (`idempotencyKey`), which the app also stores under a unique constraint.
 */
import { Result, Schema } from "effect";
import { CurrencyCode } from "./Money.js";

const NonNegative = Schema.Int.pipe(
  Schema.check(
    Schema.isBetween({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }, { message: "Expected an amount ≥ 0" }),
  ),
);

/** Kinds of ledger entries: money in, money back, a payment or refund undone (bounced, charged back), a cancellation. */
export const EntryKind = Schema.Literals(["payment", "refund", "reversal", "cancellation"]);
export type EntryKind = typeof EntryKind.Type;

export const Entry = Schema.Struct({
  /** Unique per ledger; for gateway entries the idempotency key `<gateway>:<transaction id>`. */
  id: Schema.String.pipe(Schema.check(Schema.isNonEmpty())),
  invoice: Schema.String,
  kind: EntryKind,
  /** Minor units, ≥ 0; the kind gives the direction. A reversal carries the amount of the entry it undoes. */
  amount: NonNegative,
  currency: CurrencyCode,
  /** When it happened (ISO 8601 date-time). */
  at: Schema.String,
  /** For a reversal: the id of the payment or refund it undoes. */
  reverses: Schema.optional(Schema.String),
  /** Free note: payment method, bank reference, reason of a cancellation. */
  note: Schema.optional(Schema.String),
});
export type Entry = typeof Entry.Type;

/** The states an invoice can be in, derived from its ledger. */
export const InvoiceState = Schema.Literals(["unpaid", "partially_paid", "paid", "overpaid", "refunded", "cancelled"]);
export type InvoiceState = typeof InvoiceState.Type;

/** What the fold needs to know of an invoice. */
export interface Payable {
  readonly number: string;
  readonly currency: string;
  readonly total: number;
}

export interface Balance {
  readonly total: number;
  /** Payments less reversed payments. */
  readonly paid: number;
  /** Refunds less reversed refunds. */
  readonly refunded: number;
  /** paid − refunded: what the office holds for this invoice. */
  readonly net: number;
  /** What is still owed (0 when paid or cancelled). */
  readonly outstanding: number;
  /** What the office holds beyond the total (or everything it holds after a cancellation): to refund. */
  readonly credit: number;
  readonly cancelled: boolean;
}

/** Folds an invoice's entries (entries of other invoices are ignored) into its balance. */
export const balance = (invoice: Payable, entries: ReadonlyArray<Entry>): Balance => {
  const own = entries.filter((entry) => entry.invoice === invoice.number);
  const reversed = new Set(
    own.flatMap((entry) => (entry.kind === "reversal" && entry.reverses ? [entry.reverses] : [])),
  );
  let paid = 0;
  let refunded = 0;
  let cancelled = false;
  for (const entry of own) {
    if (reversed.has(entry.id)) continue;
    if (entry.kind === "payment") paid += entry.amount;
    else if (entry.kind === "refund") refunded += entry.amount;
    else if (entry.kind === "cancellation") cancelled = true;
  }
  const net = paid - refunded;
  return {
    total: invoice.total,
    paid,
    refunded,
    net,
    outstanding: cancelled ? 0 : Math.max(0, invoice.total - net),
    credit: cancelled ? Math.max(0, net) : Math.max(0, net - invoice.total),
    cancelled,
  };
};

/**
 * The invoice state: `cancelled` once cancelled; else `refunded` when money came back and nothing is held,
 * `unpaid` when nothing is held, `partially_paid` below the total, `paid` at it, `overpaid` above it.
 */
export const state = (invoice: Payable, entries: ReadonlyArray<Entry>): InvoiceState => {
  const b = balance(invoice, entries);
  if (b.cancelled) return "cancelled";
  if (b.net > invoice.total) return "overpaid";
  if (b.net === invoice.total) return invoice.total === 0 || b.net > 0 ? "paid" : "unpaid";
  if (b.net > 0) return "partially_paid";
  return b.refunded > 0 ? "refunded" : "unpaid";
};

// ---------------------------------------------------------------------------------------------------------------------
// Gateway notifications

/** A payment gateway's notification, after its signature was verified (see `Gateway`). */
export const Notification = Schema.Struct({
  gateway: Schema.String.pipe(Schema.check(Schema.isPattern(/^[a-z0-9][a-z0-9_-]{0,31}$/))),
  transactionId: Schema.String.pipe(Schema.check(Schema.isPattern(/^[A-Za-z0-9._:-]{1,128}$/))),
  invoice: Schema.String,
  kind: Schema.Literals(["payment", "refund", "reversal"]),
  amount: NonNegative,
  currency: CurrencyCode,
  at: Schema.String,
  /** For a reversal: the gateway transaction id of the payment or refund it undoes. */
  reverses: Schema.optional(Schema.String),
});
export type Notification = typeof Notification.Type;

/** The key that makes a notification apply once: the gateway and its transaction id. */
export const idempotencyKey = (notification: Pick<Notification, "gateway" | "transactionId">): string =>
  `${notification.gateway}:${notification.transactionId}`;

export class NotificationRejected extends Schema.TaggedError<NotificationRejected>()("NotificationRejected", {
  key: Schema.String,
  reason: Schema.Literals([
    "wrong_invoice",
    "currency_mismatch",
    "zero_amount",
    "refund_exceeds_paid",
    "unknown_reversal_target",
    "already_reversed",
    "conflicting_duplicate",
  ]),
  detail: Schema.String,
}) {
  override get message(): string {
    return `Notification ${this.key} rejected (${this.reason}): ${this.detail}`;
  }
}

export interface Applied {
  /** The ledger after the notification (the same array when it had already been applied). */
  readonly entries: ReadonlyArray<Entry>;
  /** The entry of this notification (the existing one on a repeat). */
  readonly entry: Entry;
  /** False when the notification had already been applied: nothing changed. */
  readonly applied: boolean;
}

/**
 * Applies a verified notification to an invoice's ledger, once: a repeat (same gateway and transaction id, same
 * content) changes nothing; the same id with different content is rejected as a conflict.
 */
export const applyNotification = (
  invoice: Payable,
  entries: ReadonlyArray<Entry>,
  notification: Notification,
): Result.Result<Applied, NotificationRejected> => {
  const key = idempotencyKey(notification);
  const reject = (reason: NotificationRejected["reason"], detail: string) =>
    Result.fail(new NotificationRejected({ key, reason, detail }));
  const reverses =
    notification.reverses === undefined
      ? undefined
      : idempotencyKey({ gateway: notification.gateway, transactionId: notification.reverses });
  const existing = entries.find((entry) => entry.id === key);
  if (existing !== undefined) {
    const same =
      existing.invoice === notification.invoice &&
      existing.kind === notification.kind &&
      (existing.kind === "reversal" || existing.amount === notification.amount) &&
      existing.currency === notification.currency &&
      existing.reverses === reverses;
    return same
      ? Result.succeed({ entries, entry: existing, applied: false })
      : reject("conflicting_duplicate", "the same transaction id arrived earlier with different content");
  }
  if (notification.invoice !== invoice.number)
    return reject("wrong_invoice", `addressed to ${notification.invoice}, not ${invoice.number}`);
  if (notification.currency !== invoice.currency)
    return reject("currency_mismatch", `${notification.currency} for an invoice in ${invoice.currency}`);
  if (notification.kind !== "reversal" && notification.amount === 0) return reject("zero_amount", "amount is 0");
  if (notification.kind === "refund") {
    const held = balance(invoice, entries).net;
    if (notification.amount > held)
      return reject("refund_exceeds_paid", `refund of ${notification.amount} when ${held} is held`);
  }
  let amount = notification.amount;
  if (notification.kind === "reversal") {
    const target = entries.find((entry) => entry.id === reverses && entry.invoice === invoice.number);
    if (target === undefined || (target.kind !== "payment" && target.kind !== "refund"))
      return reject("unknown_reversal_target", `no payment or refund ${notification.reverses ?? "(none given)"}`);
    if (entries.some((entry) => entry.kind === "reversal" && entry.reverses === target.id))
      return reject("already_reversed", `${target.id} was already reversed`);
    amount = target.amount;
  }
  const entry: Entry = {
    id: key,
    invoice: invoice.number,
    kind: notification.kind,
    amount,
    currency: notification.currency,
    at: notification.at,
    ...(reverses === undefined ? {} : { reverses }),
  };
  return Result.succeed({ entries: [...entries, entry], entry, applied: true });
};
