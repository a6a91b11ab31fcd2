/**
 * The cashier's book (issue 11 §4, decision 0696): every invoice of the office, those still owed and past their due
 * date first, then those still owed, then the rest, each group by due date; filtered by state and searched by payer
 * with partial, case-, accent- and Arabic-letter-insensitive matching (the shared folding of `@ipoffice/domain`
 * `Text.key`, stored in `invoices.payer_key` under a trigram index). Pages by number; counts per state and overdue.
 *
 * An invoice falls due `paymentDays` after its issue date (the office's practice; `fees.paymentDays`, default 30):
 * no treaty fixes the period, so it is configuration. The office's date is read from Effect's Clock.
 */
import { Text } from "@ipoffice/domain";
import { type Invoice, Ledger } from "@ipoffice/fees";
import { Clock, Context, Effect, Layer } from "effect";
import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from "kysely";
import { todayIn } from "../config/OfficeConfig.js";
import type { Database } from "../db/schema.js";
import { entriesOf, FeesDatabaseError } from "./FeesService.js";

/** Days between an invoice's issue and its due date when the office configures none. */
export const defaultPaymentDays = 30;

/** The states the list filters by: a ledger state, or `outstanding` (unpaid or partly paid), or `overdue`. */
export const cashbookFilters = [
  "unpaid",
  "partially_paid",
  "paid",
  "overpaid",
  "refunded",
  "cancelled",
  "outstanding",
  "overdue",
] as const satisfies ReadonlyArray<Ledger.InvoiceState | "outstanding" | "overdue">;
export type CashbookFilter = (typeof cashbookFilters)[number];

const owed = ["unpaid", "partially_paid"] as const;

export interface CashbookQuery {
  /** Any part of the payer's name, in any case, with or without accents or Arabic letter variants. */
  readonly payer?: string | undefined;
  readonly state?: CashbookFilter | undefined;
  /** From 1. */
  readonly page?: number | undefined;
  readonly pageSize?: number | undefined;
}

export interface CashbookRow {
  readonly number: string;
  readonly issueDate: string;
  readonly dueDate: string;
  readonly overdue: boolean;
  readonly state: Ledger.InvoiceState;
  readonly currency: string;
  readonly total: number;
  readonly outstanding: number;
  readonly payer: string | undefined;
  /** The filings (or quote references) the invoice covers, in order. */
  readonly filings: ReadonlyArray<string>;
}

export interface CashbookPage {
  /** The office's date the list was made on (overdue is judged against it). */
  readonly today: string;
  readonly paymentDays: number;
  readonly page: number;
  readonly pageSize: number;
  /** Invoices matching the payer and state filters. */
  readonly matching: number;
  /** Invoices matching the payer filter, per state, with `overdue` and `all`. */
  readonly counts: Readonly<Record<Ledger.InvoiceState | "overdue" | "all", number>>;
  readonly items: ReadonlyArray<CashbookRow>;
}

export interface CashbookShape {
  readonly list: (query: CashbookQuery) => Effect.Effect<CashbookPage, FeesDatabaseError>;
  /**
   * Payers with invoices, by name (the payments page's chooser); with `matching`, those whose name contains it
   * whatever the case, accents or Arabic letter forms.
   */
  readonly payers: (options?: {
    readonly matching?: string | undefined;
    readonly limit?: number | undefined;
  }) => Effect.Effect<ReadonlyArray<{ readonly payer: string; readonly invoices: number }>, FeesDatabaseError>;
}

export class Cashbook extends Context.Service<Cashbook, CashbookShape>()("ipoffice/Cashbook") {}

const day = 86_400_000;
/** A `YYYY-MM-DD` date moved by a number of days. */
export const shiftDate = (iso: string, days: number): string =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * day).toISOString().slice(0, 10);

/** `LIKE` metacharacters escaped (the folded key holds none, but the pattern never trusts that). */
const likeEscape = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The largest page number accepted: a list deeper than this is searched, not paged through. */
export const maxPage = 10_000;
export const maxPageSize = 200;

export const makeCashbook = (
  db: Kysely<Database>,
  options: { readonly office: string; readonly timeZone: string; readonly paymentDays?: number | undefined },
): CashbookShape => {
  const paymentDays = options.paymentDays ?? defaultPaymentDays;
  const query = <A>(run: () => Promise<A>): Effect.Effect<A, FeesDatabaseError> =>
    Effect.tryPromise({ try: run, catch: (cause) => new FeesDatabaseError({ cause }) });

  return {
    payers: (o = {}) => {
      const key = o.matching === undefined ? "" : Text.key(o.matching);
      return query(() =>
        db
          .selectFrom("invoices")
          .select((eb) => ["payer", eb.fn.countAll<string | number>().as("n")])
          .where("office_code", "=", options.office)
          .where("payer", "is not", null)
          .$if(key !== "", (qb) => qb.where("payer_key", "like", `%${likeEscape(key)}%`))
          .groupBy("payer")
          .orderBy("payer")
          .limit(Math.min(Math.max(1, Math.trunc(o.limit ?? 50)), maxPageSize))
          .execute(),
      ).pipe(Effect.map((rows) => rows.map((r) => ({ payer: r.payer ?? "", invoices: Number(r.n) }))));
    },
    list: (q) =>
      Effect.gen(function* () {
        const ms = yield* Clock.currentTimeMillis;
        const today = todayIn(options.timeZone, new Date(ms));
        // Overdue: still owed and issued before this date (due date = issue date + paymentDays, now past).
        const issuedBefore = shiftDate(today, -paymentDays);
        const page = Math.min(Math.max(1, Math.trunc(q.page ?? 1)), maxPage);
        const pageSize = Math.min(Math.max(1, Math.trunc(q.pageSize ?? 50)), maxPageSize);
        const key = q.payer === undefined ? "" : Text.key(q.payer);

        const base = (eb: ExpressionBuilder<Database, "invoices">): Expression<SqlBool> =>
          eb.and([
            eb("office_code", "=", options.office),
            ...(key === "" ? [] : [eb("payer_key", "like", `%${likeEscape(key)}%`)]),
          ]);
        const stateFilter = (eb: ExpressionBuilder<Database, "invoices">): Expression<SqlBool> => {
          switch (q.state) {
            case undefined:
              return eb.lit(true);
            case "outstanding":
              return eb("state", "in", owed);
            case "overdue":
              return eb.and([eb("state", "in", owed), eb("issue_date", "<", issuedBefore)]);
            default:
              return eb("state", "=", q.state);
          }
        };
        const rank = sql<number>`case when state in ('unpaid', 'partially_paid') and issue_date < ${issuedBefore} then 0
          when state in ('unpaid', 'partially_paid') then 1 else 2 end`;

        const [rows, grouped] = yield* query(() =>
          Promise.all([
            db
              .selectFrom("invoices")
              .select(["number", "issue_date", "state", "currency", "total", "payer", "data"])
              .where((eb) => eb.and([base(eb), stateFilter(eb)]))
              .orderBy(rank)
              .orderBy("issue_date")
              .orderBy("number")
              .limit(pageSize)
              .offset((page - 1) * pageSize)
              .execute(),
            db
              .selectFrom("invoices")
              .select((eb) => [
                "state",
                eb.fn.countAll<string | number>().as("n"),
                sql<string | number>`count(*) filter (where issue_date < ${issuedBefore})`.as("late"),
              ])
              .where(base)
              .groupBy("state")
              .execute(),
          ]),
        );
        const numbers = rows.map((r) => r.number);
        const [entries, items] = yield* query(() =>
          Promise.all([
            entriesOf(db, options.office, numbers),
            numbers.length === 0
              ? Promise.resolve([])
              : db
                  .selectFrom("invoice_items")
                  .select(["invoice_number", "reference"])
                  .where("office_code", "=", options.office)
                  .where("invoice_number", "in", numbers)
                  .orderBy("invoice_number")
                  .orderBy("position")
                  .execute(),
          ]),
        );

        const counts: Record<Ledger.InvoiceState | "overdue" | "all", number> = {
          unpaid: 0,
          partially_paid: 0,
          paid: 0,
          overpaid: 0,
          refunded: 0,
          cancelled: 0,
          overdue: 0,
          all: 0,
        };
        for (const g of grouped) {
          const n = Number(g.n);
          if (Object.hasOwn(counts, g.state)) counts[g.state as Ledger.InvoiceState] += n;
          counts.all += n;
          if ((owed as ReadonlyArray<string>).includes(g.state)) counts.overdue += Number(g.late);
        }
        const matching =
          q.state === undefined
            ? counts.all
            : q.state === "outstanding"
              ? counts.unpaid + counts.partially_paid
              : counts[q.state];

        return {
          today,
          paymentDays,
          page,
          pageSize,
          matching,
          counts,
          items: rows.map((r): CashbookRow => {
            const invoice = r.data as Invoice.Invoice;
            const balance = Ledger.balance(
              invoice,
              entries.filter((e) => e.invoice === r.number),
            );
            const state = r.state as Ledger.InvoiceState;
            return {
              number: r.number,
              issueDate: r.issue_date,
              dueDate: shiftDate(r.issue_date, paymentDays),
              overdue: (owed as ReadonlyArray<string>).includes(state) && r.issue_date < issuedBefore,
              state,
              currency: r.currency,
              total: Number(r.total),
              outstanding: balance.outstanding,
              payer: r.payer ?? undefined,
              filings: items.filter((i) => i.invoice_number === r.number).map((i) => i.reference),
            };
          }),
        };
      }),
  };
};

export const CashbookLive = (
  db: Kysely<Database>,
  options: { readonly office: string; readonly timeZone: string; readonly paymentDays?: number | undefined },
) => Layer.succeed(Cashbook, makeCashbook(db, options));
