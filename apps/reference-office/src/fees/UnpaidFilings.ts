/**
 * The office's rule on filings whose fees stay unpaid (issue 11 §4, decision 0608), for invoices raised with a filing
 * through the e-filing portal (`invoices.raised_on_filing`): the filer's accounts are reminded by e-mail on each of
 * `fees.unpaidFilings.remindAfterDays` after the invoice's issue; `withdrawAfterDays` after it, each filing the invoice
 * covers undergoes the workflow action `action` (default `deem_withdrawn`) as the `system` role, with the reason, as
 * EPC art. 78(2) with rule 38(1) deems a European application withdrawn when its filing fee is not paid within a month.
 * Run daily by the scheduler; each step is recorded as an invoice event, so a run repeated does nothing twice.
 */
import { Context, Effect } from "effect";
import type { Kysely } from "kysely";
import type { OfficeConfig } from "../config/OfficeConfig.js";
import type { Database } from "../db/schema.js";
import { accountText } from "../efiling/accountMessages.js";
import { enqueue } from "../outbox/Outbox.js";
import { DatabaseError, Rights } from "../rights/Rights.js";
import { shiftDate } from "./Cashbook.js";
import { appendInvoiceEvent } from "./FeesService.js";

export const defaultUnpaidAction = "deem_withdrawn";

export interface UnpaidReport {
  /** Reminders written to the outbox (one per account and reminder day). */
  readonly reminded: number;
  /** Filings the action was performed on. */
  readonly withdrawn: ReadonlyArray<string>;
  /** Filings the action could not be performed on (not allowed from their status, …), with why. */
  readonly skipped: ReadonlyArray<{ readonly applicationNumber: string; readonly reason: string }>;
}

export interface UnpaidFilingsShape {
  /** One pass of the rule as of the office's date `today` (`YYYY-MM-DD`). */
  readonly sweep: (today: string, now: Date) => Effect.Effect<UnpaidReport, DatabaseError, Rights>;
}

export class UnpaidFilings extends Context.Service<UnpaidFilings, UnpaidFilingsShape>()("ipoffice/UnpaidFilings") {}

const query = <A>(run: () => Promise<A>): Effect.Effect<A, DatabaseError> =>
  Effect.tryPromise({ try: run, catch: (cause) => new DatabaseError({ cause }) });

export const makeUnpaidFilings = (db: Kysely<Database>, config: OfficeConfig): UnpaidFilingsShape => {
  const office = config.office.code;
  const rule = config.fees?.unpaidFilings;
  const remindDays = [...(rule?.remindAfterDays ?? [])].sort((a, b) => a - b);
  const action = rule?.action ?? defaultUnpaidAction;

  const sweep: UnpaidFilingsShape["sweep"] = (today, now) =>
    Effect.gen(function* () {
      if (rule === undefined) return { reminded: 0, withdrawn: [], skipped: [] };
      const first = remindDays[0] ?? rule.withdrawAfterDays;
      // Invoices raised with a filing, still owed, issued at least the first step's days ago.
      const invoices = yield* query(() =>
        db
          .selectFrom("invoices")
          .select(["number", "issue_date", "state"])
          .where("office_code", "=", office)
          .where("raised_on_filing", "=", true)
          .where("state", "in", ["unpaid", "partially_paid"])
          .where("issue_date", "<=", shiftDate(today, -Math.min(first, rule.withdrawAfterDays)))
          .orderBy("issue_date")
          .limit(1000)
          .execute(),
      );
      let reminded = 0;
      const withdrawn: string[] = [];
      const skipped: Array<{ applicationNumber: string; reason: string }> = [];
      // The steps already taken and the filings of every listed invoice, in one query each.
      const listed = invoices.map((i) => i.number);
      const [events, items] =
        listed.length === 0
          ? [[], []]
          : yield* query(() =>
              Promise.all([
                db
                  .selectFrom("invoice_events")
                  .select(["invoice_number", "action", "data"])
                  .where("office_code", "=", office)
                  .where("invoice_number", "in", listed)
                  .where("action", "in", ["unpaid.reminded", "unpaid.withdrawn"])
                  .execute(),
                db
                  .selectFrom("invoice_items")
                  .select(["invoice_number", "application_number"])
                  .where("office_code", "=", office)
                  .where("invoice_number", "in", listed)
                  .where("application_number", "is not", null)
                  .orderBy("position")
                  .execute(),
              ]),
            );
      const done = new Set(
        events.map((e) => `${e.invoice_number}:${e.action}:${(e.data as { day?: number } | null)?.day ?? ""}`),
      );
      for (const invoice of invoices) {
        const issued = String(invoice.issue_date).slice(0, 10);
        const numbers = items.flatMap((i) =>
          i.invoice_number === invoice.number && i.application_number ? [i.application_number] : [],
        );
        const deadline = shiftDate(issued, rule.withdrawAfterDays);
        if (today >= deadline) {
          if (done.has(`${invoice.number}:unpaid.withdrawn:`)) continue;
          const rights = yield* Rights;
          for (const number of numbers) {
            const performed = yield* Effect.result(
              rights.perform(
                number,
                {
                  action,
                  reason: `The fees of invoice ${invoice.number} were not paid within ${rule.withdrawAfterDays} days of its issue on ${issued} (fees.unpaidFilings).`,
                },
                { id: "system", role: "system" },
                { rule: "fees.unpaidFilings" },
              ),
            );
            if (performed._tag === "Success") withdrawn.push(number);
            else skipped.push({ applicationNumber: number, reason: performed.failure._tag });
          }
          yield* query(() =>
            appendInvoiceEvent(db, office, {
              invoice: invoice.number,
              at: now,
              actor: "system",
              action: "unpaid.withdrawn",
              from: invoice.state,
              to: invoice.state,
              data: { action, deadline, numbers },
            }),
          );
          continue;
        }
        // The latest reminder due and not yet sent (a missed day is not sent twice over).
        const due = remindDays.filter((d) => shiftDate(issued, d) <= today).at(-1);
        if (due === undefined || done.has(`${invoice.number}:unpaid.reminded:${due}`)) continue;
        const accounts = yield* query(() =>
          numbers.length === 0
            ? Promise.resolve([])
            : db
                .selectFrom("filer_filings as f")
                .innerJoin("filer_accounts as a", (j) =>
                  j.onRef("a.office_code", "=", "f.office_code").onRef("a.id", "=", "f.account_id"),
                )
                .select(["a.email", "a.name", "a.language"])
                .distinct()
                .where("f.office_code", "=", office)
                .where("f.application_number", "in", numbers)
                .where("a.confirmed_at", "is not", null)
                .execute(),
        );
        yield* query(() =>
          db.transaction().execute(async (trx) => {
            for (const a of accounts)
              await enqueue(
                trx,
                office,
                {
                  to: a.email,
                  subject: accountText(a.language, "mail.unpaid.subject", { invoice: invoice.number }),
                  text: accountText(a.language, "mail.unpaid.body", {
                    name: a.name,
                    invoice: invoice.number,
                    filings: numbers.join(", "),
                    deadline,
                  }),
                },
                now,
              );
            await appendInvoiceEvent(trx, office, {
              invoice: invoice.number,
              at: now,
              actor: "system",
              action: "unpaid.reminded",
              from: invoice.state,
              to: invoice.state,
              data: { day: due, accounts: accounts.length, deadline },
            });
          }),
        );
        reminded += accounts.length;
      }
      return { reminded, withdrawn, skipped };
    });

  return { sweep };
};
