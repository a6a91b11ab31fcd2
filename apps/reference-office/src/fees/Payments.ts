/**
 * Paying an invoice online (issue 11 §4, decision 0607). The applicant starts a payment of what an invoice still owes;
 * the office's payment gateway shows its hosted payment page and, once the payer has paid, calls the office back with
 * a signed notification (`POST /api/v1/payments/notifications`, decision 0621). Money moves only through that
 * notification: the start and the return merely track the attempt (`payment_sessions`, migration 0023).
 *
 * A gateway plugs in behind `PaymentGateway`: it turns a started payment into the address of its hosted page. The
 * office ships one, the local **simulator** (the demo's and the tests' gateway, never for real money): its hosted page
 * is served by the office itself (`/gateway-simulator/{session}`), and paying there signs the notification with the
 * office's gateway secret and delivers it through the same verification and ledger as a real gateway's.
 */
import { randomBytes } from "node:crypto";
import { Gateway, type Invoice, Ledger } from "@ipoffice/fees";
import { Context, Data, Effect, Result } from "effect";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import { defaultPaymentDays, shiftDate } from "./Cashbook.js";
import {
  type FeesDeps,
  FeesDatabaseError,
  entriesOf,
  getInvoice,
  type NotificationOutcome,
  type NotificationRefused,
  receiveNotification,
} from "./FeesService.js";

/** How long a started payment may be completed on the gateway's page. */
export const SESSION_MINUTES = 30;

/** A payment cannot be started for this invoice. */
export class PaymentNotPossible extends Data.TaggedError("PaymentNotPossible")<{
  readonly number: string;
  /** `unknown` invoice, `cancelled`, nothing `owed`, or the office has `no-gateway`. */
  readonly reason: "unknown" | "cancelled" | "settled" | "no-gateway";
}> {}

/** No payment session by this id (or it is not this office's). */
export class PaymentSessionNotFound extends Data.TaggedError("PaymentSessionNotFound")<{ readonly id: string }> {}

/** The session was completed already or its time ran out. */
export class PaymentSessionClosed extends Data.TaggedError("PaymentSessionClosed")<{
  readonly id: string;
  readonly state: PaymentSession["state"];
}> {}

/** The simulator's notification was refused by the office (as a real gateway's would be); it may be sent again. */
export class NotificationNotApplied extends Data.TaggedError("NotificationNotApplied")<{
  readonly failure: NotificationRefused | FeesDatabaseError;
}> {}

export interface PaymentSession {
  readonly id: string;
  readonly gateway: string;
  readonly invoice: string;
  readonly amount: number;
  readonly currency: string;
  readonly state: "open" | "paid" | "declined" | "expired";
  readonly returnPath: string;
  readonly language: string;
  readonly createdAt: string;
  readonly expiresAt: string;
}

/** What a gateway is given to show its hosted payment page. */
export interface PaymentRequest {
  readonly session: string;
  readonly invoice: string;
  readonly amount: number;
  readonly currency: string;
  readonly payer: string | undefined;
  readonly language: string;
}

/** A payment gateway: where to send the payer for a started payment. A real gateway calls its API here. */
export interface PaymentGateway {
  readonly name: string;
  readonly hostedPage: (request: PaymentRequest) => Effect.Effect<string, FeesDatabaseError>;
}

/** The simulator's hosted page is the office's own `/gateway-simulator/{session}`. */
export const simulatorGateway: PaymentGateway = {
  name: "simulator",
  hostedPage: (request) => Effect.succeed(`/gateway-simulator/${encodeURIComponent(request.session)}`),
};

/** An invoice as its applicant or agent sees it in the portal. */
export interface AccountInvoice {
  readonly number: string;
  readonly issueDate: string;
  readonly dueDate: string;
  readonly currency: string;
  readonly total: number;
  readonly outstanding: number;
  readonly state: Ledger.InvoiceState;
  /** The account's filings it covers (office application numbers). */
  readonly filings: ReadonlyArray<string>;
  /** Receipts of the payments and refunds on it. */
  readonly receipts: ReadonlyArray<string>;
}

export interface PaymentsShape {
  /** The gateway's name, or undefined when the office takes no payment online. */
  readonly gateway: string | undefined;
  /** Starts paying what the invoice still owes; the address of the gateway's page to send the payer to. */
  readonly start: (
    invoice: string,
    options: { readonly returnPath: string; readonly language: string; readonly startedBy: string },
  ) => Effect.Effect<
    { readonly session: PaymentSession; readonly redirect: string },
    PaymentNotPossible | FeesDatabaseError
  >;
  /** The invoices that cover filings of an e-filing account (it filed them or is their applicant), newest first. */
  readonly accountInvoices: (accountId: string) => Effect.Effect<ReadonlyArray<AccountInvoice>, FeesDatabaseError>;
  /** The invoice (not cancelled) that covers a filing, by its office application number. */
  readonly filingInvoice: (applicationNumber: string) => Effect.Effect<AccountInvoice | undefined, FeesDatabaseError>;
  /** Whether the invoice covers a filing of the account (who may pay it from the portal). */
  readonly accountOwns: (accountId: string, invoice: string) => Effect.Effect<boolean, FeesDatabaseError>;
  /** A started payment (for the return page and the simulator's page); an expired open one reads as expired. */
  readonly session: (id: string) => Effect.Effect<PaymentSession, PaymentSessionNotFound | FeesDatabaseError>;
  /**
   * The simulator's page: the payer pays or declines. Paying marks the session paid, then delivers the signed
   * notification; a session already paid delivers it again (the ledger applies it once).
   */
  readonly simulate: (
    id: string,
    outcome: "pay" | "decline",
  ) => Effect.Effect<
    { readonly session: PaymentSession; readonly applied?: NotificationOutcome | undefined },
    PaymentSessionNotFound | PaymentSessionClosed | NotificationNotApplied | FeesDatabaseError
  >;
}

export class Payments extends Context.Service<Payments, PaymentsShape>()("ipoffice/Payments") {}

const attempt = <A>(run: () => Promise<A>): Effect.Effect<A, FeesDatabaseError> =>
  Effect.tryPromise({ try: run, catch: (cause) => new FeesDatabaseError({ cause }) });

const iso = (value: Date | string): string => (value instanceof Date ? value : new Date(value)).toISOString();

type SessionRow = {
  id: string;
  gateway: string;
  invoice_number: string;
  amount: string | number;
  currency: string;
  state: PaymentSession["state"];
  return_path: string;
  language: string;
  created_at: Date | string;
  expires_at: Date | string;
};

const toSession = (row: SessionRow, now: Date): PaymentSession => ({
  id: row.id,
  gateway: row.gateway,
  invoice: row.invoice_number,
  amount: Number(row.amount),
  currency: row.currency,
  state: row.state === "open" && new Date(row.expires_at).getTime() <= now.getTime() ? "expired" : row.state,
  returnPath: row.return_path,
  language: row.language,
  createdAt: iso(row.created_at),
  expiresAt: iso(row.expires_at),
});

/** Only a path of this site is a place to return to (never another site: no open redirect). */
export const safeReturnPath = (path: string): string =>
  /^\/(?![/\\])[\x21-\x7e]{0,500}$/.test(path) && !path.includes("\\") ? path : "/";

export const makePayments = (
  deps: FeesDeps,
  options: {
    readonly gateway: PaymentGateway | undefined;
    readonly secret: string | undefined;
    /** `fees.paymentDays`: an invoice falls due this many days after issue (default 30). */
    readonly paymentDays?: number | undefined;
  },
): PaymentsShape => {
  const db: Kysely<Database> = deps.db;
  const office = deps.fees.office;
  const columns = [
    "id",
    "gateway",
    "invoice_number",
    "amount",
    "currency",
    "state",
    "return_path",
    "language",
    "created_at",
    "expires_at",
  ] as const;

  const read = (id: string) =>
    attempt(() =>
      db
        .selectFrom("payment_sessions")
        .select(columns)
        .where("office_code", "=", office)
        .where("id", "=", id.slice(0, 100))
        .executeTakeFirst(),
    );

  const start: PaymentsShape["start"] = (number, how) =>
    Effect.gen(function* () {
      const gateway = options.gateway;
      if (gateway === undefined || options.secret === undefined)
        return yield* Effect.fail(new PaymentNotPossible({ number, reason: "no-gateway" }));
      const got = yield* Effect.promise(() => getInvoice(deps, number));
      if (Result.isFailure(got))
        return yield* Effect.fail(
          got.failure._tag === "InvoiceNotFound"
            ? new PaymentNotPossible({ number, reason: "unknown" })
            : new FeesDatabaseError({ cause: got.failure }),
        );
      const stored = got.success;
      const balance: Ledger.Balance = stored.balance;
      if (balance.cancelled) return yield* Effect.fail(new PaymentNotPossible({ number, reason: "cancelled" }));
      if (balance.outstanding <= 0) return yield* Effect.fail(new PaymentNotPossible({ number, reason: "settled" }));
      const now = deps.now();
      const row: SessionRow = {
        id: randomBytes(18).toString("base64url"),
        gateway: gateway.name,
        invoice_number: stored.invoice.number,
        amount: balance.outstanding,
        currency: stored.invoice.currency,
        state: "open",
        return_path: safeReturnPath(how.returnPath),
        language: how.language.slice(0, 16),
        created_at: now,
        expires_at: new Date(now.getTime() + SESSION_MINUTES * 60_000),
      };
      yield* attempt(() =>
        db
          .insertInto("payment_sessions")
          .values({
            office_code: office,
            id: row.id,
            gateway: row.gateway,
            invoice_number: row.invoice_number,
            amount: balance.outstanding,
            currency: row.currency,
            return_path: row.return_path,
            language: row.language,
            started_by: how.startedBy.slice(0, 200),
            created_at: now,
            expires_at: row.expires_at,
          })
          .execute(),
      );
      const session = toSession(row, now);
      const redirect = yield* gateway.hostedPage({
        session: session.id,
        invoice: session.invoice,
        amount: session.amount,
        currency: session.currency,
        payer: stored.invoice.payer,
        language: session.language,
      });
      return { session, redirect };
    });

  const session: PaymentsShape["session"] = (id) =>
    Effect.gen(function* () {
      const row = yield* read(id);
      if (row === undefined) return yield* Effect.fail(new PaymentSessionNotFound({ id: id.slice(0, 100) }));
      return toSession(row, deps.now());
    });

  // The notification the simulator sends, as a gateway writes it: its transaction is the session.
  const deliver = (s: PaymentSession) =>
    Effect.gen(function* () {
      const secret = options.secret;
      if (secret === undefined)
        return yield* Effect.fail(
          new NotificationNotApplied({ failure: new FeesDatabaseError({ cause: "no gateway secret" }) }),
        );
      const body = JSON.stringify({
        gateway: s.gateway,
        transactionId: s.id,
        invoice: s.invoice,
        kind: "payment",
        amount: s.amount,
        currency: s.currency,
        at: deps.now().toISOString(),
      });
      const signature = yield* Effect.promise(() =>
        Gateway.sign(body, secret, Math.floor(deps.now().getTime() / 1000)),
      );
      const outcome = yield* Effect.promise(() =>
        receiveNotification(deps, secret, new TextEncoder().encode(body), signature),
      );
      if (Result.isFailure(outcome))
        return yield* Effect.fail(new NotificationNotApplied({ failure: outcome.failure }));
      return outcome.success;
    });

  const simulate: PaymentsShape["simulate"] = (id, outcome) =>
    Effect.gen(function* () {
      const current = yield* session(id);
      if (current.state === "paid" && outcome === "pay") {
        // Paid at the gateway, perhaps not yet applied by the office: the notification goes again (applied once).
        const applied = yield* deliver(current);
        return { session: current, applied };
      }
      if (current.state !== "open")
        return yield* Effect.fail(new PaymentSessionClosed({ id: current.id, state: current.state }));
      const now = deps.now();
      const next = outcome === "pay" ? "paid" : "declined";
      // Completed once: of two concurrent presses, one changes the row; the other reads it closed (or paid).
      const changed = yield* attempt(() =>
        db
          .updateTable("payment_sessions")
          .set({ state: next, completed_at: now })
          .where("office_code", "=", office)
          .where("id", "=", current.id)
          .where("state", "=", "open")
          .where("expires_at", ">", now)
          .executeTakeFirst(),
      );
      if (Number(changed.numUpdatedRows) !== 1) {
        const after = yield* session(id);
        return yield* Effect.fail(new PaymentSessionClosed({ id: after.id, state: after.state }));
      }
      const done: PaymentSession = { ...current, state: next };
      if (next === "declined") return { session: done };
      const applied = yield* deliver(done);
      return { session: done, applied };
    });

  // Invoices read with the filings they cover (one row per item), with their ledger in one more query.
  const summarise = (
    rows: ReadonlyArray<{ number: string; data: unknown; application_number: string | null }>,
  ): Effect.Effect<ReadonlyArray<AccountInvoice>, FeesDatabaseError> =>
    Effect.gen(function* () {
      const byNumber = new Map<string, { invoice: Invoice.Invoice; filings: Set<string> }>();
      for (const r of rows) {
        const one = byNumber.get(r.number) ?? { invoice: r.data as Invoice.Invoice, filings: new Set<string>() };
        if (r.application_number !== null) one.filings.add(r.application_number);
        byNumber.set(r.number, one);
      }
      const numbers = [...byNumber.keys()];
      const entries = numbers.length === 0 ? [] : yield* attempt(() => entriesOf(db, office, numbers));
      return numbers.flatMap((number): AccountInvoice[] => {
        const one = byNumber.get(number);
        if (one === undefined) return [];
        const own = entries.filter((e) => e.invoice === number);
        return [
          {
            number,
            issueDate: one.invoice.issueDate,
            dueDate: shiftDate(one.invoice.issueDate, options.paymentDays ?? defaultPaymentDays),
            currency: one.invoice.currency,
            total: one.invoice.total,
            outstanding: Ledger.balance(one.invoice, own).outstanding,
            state: Ledger.state(one.invoice, own),
            filings: [...one.filings],
            receipts: own.flatMap((e) => (e.receipt ? [e.receipt] : [])),
          },
        ];
      });
    });

  const filingInvoice: PaymentsShape["filingInvoice"] = (applicationNumber) =>
    Effect.gen(function* () {
      const rows = yield* attempt(() =>
        db
          .selectFrom("invoice_items as i")
          .innerJoin("invoices as v", (j) =>
            j.onRef("v.office_code", "=", "i.office_code").onRef("v.number", "=", "i.invoice_number"),
          )
          .select(["v.number", "v.data", "i.application_number"])
          .where("i.office_code", "=", office)
          .where("i.application_number", "=", applicationNumber.slice(0, 100))
          .where("v.state", "!=", "cancelled")
          .orderBy("v.created_at", "desc")
          .limit(1)
          .execute(),
      );
      return (yield* summarise(rows))[0];
    });

  // The invoice items that cover filings of an account (it filed them or is their applicant).
  const accountItems = (accountId: string) =>
    db
      .selectFrom("invoice_items as i")
      .innerJoin("filer_filings as f", (j) =>
        j.onRef("f.office_code", "=", "i.office_code").onRef("f.application_number", "=", "i.application_number"),
      )
      .where("i.office_code", "=", office)
      .where("f.account_id", "=", accountId);

  const accountInvoices: PaymentsShape["accountInvoices"] = (accountId) =>
    Effect.gen(function* () {
      const rows = yield* attempt(() =>
        accountItems(accountId)
          .innerJoin("invoices as v", (j) =>
            j.onRef("v.office_code", "=", "i.office_code").onRef("v.number", "=", "i.invoice_number"),
          )
          .select(["v.number", "v.data", "i.application_number"])
          .orderBy("v.created_at", "desc")
          .orderBy("v.number", "desc")
          .orderBy("i.position")
          .limit(5000)
          .execute(),
      );
      return yield* summarise(rows);
    });

  const accountOwns: PaymentsShape["accountOwns"] = (accountId, number) =>
    Effect.map(
      attempt(() =>
        accountItems(accountId)
          .select("i.invoice_number")
          .where("i.invoice_number", "=", number.slice(0, 100))
          .executeTakeFirst(),
      ),
      (row) => row !== undefined,
    );

  // Without the gateway's secret no notification could be verified: no online payment is offered.
  return {
    gateway: options.secret === undefined ? undefined : options.gateway?.name,
    start,
    session,
    simulate,
    accountInvoices,
    accountOwns,
    filingInvoice,
  };
};
