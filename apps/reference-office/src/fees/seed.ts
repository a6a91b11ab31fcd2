/**
 * Demo invoices and payments: after the demo rights are written, the applicants with the most recent filings get
 * invoices (one for two filings, the others one each) and payments through the same ledger code as the gateway
 * webhook, so the payment-tracking page shows every state: unpaid, partially paid, paid, overpaid, refunded (and a
 * reversed payment), cancelled. Runs only when the office has no invoices yet.
 */
import type { IpRight } from "@ipoffice/domain";
import type { Ledger } from "@ipoffice/fees";
import { Result } from "effect";
import type { Kysely } from "kysely";
import type { OfficeConfig } from "../config/OfficeConfig.js";
import type { Database } from "../db/schema.js";
import type { Logger } from "../Logger.js";
import { applyNotification, cancelInvoice, createInvoice, type FeesDeps } from "./FeesService.js";
import { officeFees } from "./OfficeFees.js";

export interface SeedFeesOptions {
  readonly db: Kysely<Database>;
  readonly config: OfficeConfig;
  readonly logger: Logger;
  /** "Now" of the demo (default: the current date). */
  readonly today?: string;
}

type Plan = "paid" | "partially_paid" | "unpaid" | "overpaid" | "refunded" | "reversed" | "cancelled";
const plans: ReadonlyArray<Plan> = [
  "paid",
  "partially_paid",
  "unpaid",
  "paid",
  "overpaid",
  "refunded",
  "reversed",
  "cancelled",
];

/** The earlier / later of two ISO dates (strings compare in date order). */
const earlier = (a: string, b: string): string => [a, b].sort()[0] ?? a;
const later = (a: string, b: string): string => [a, b].sort()[1] ?? a;

const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export const seedDemoFees = async (
  options: SeedFeesOptions,
): Promise<{ invoices: number; entries: number; skipped: number }> => {
  const { db, config, logger } = options;
  const fees = officeFees(config);
  const none = { invoices: 0, entries: 0, skipped: 0 };
  if (fees === undefined) return none;
  const existing = await db
    .selectFrom("invoices")
    .select("number")
    .where("office_code", "=", fees.office)
    .limit(1)
    .executeTakeFirst();
  if (existing) return none;

  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const earliest = fees.schedules.reduce((min, s) => earlier(min, s.effectiveFrom), "9999-12-31");
  const rows = await db
    .selectFrom("rights")
    .select(["application_number", "filing_date", "data"])
    .where("office_code", "=", fees.office)
    .where("filing_date", ">=", earliest)
    .orderBy("filing_date", "desc")
    .orderBy("application_number")
    .limit(400)
    .execute();
  const byOwner = new Map<string, Array<{ number: string; date: string }>>();
  for (const row of rows) {
    const owner = (row.data as IpRight.Right).owners[0]?.name;
    if (!owner) continue;
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), { number: row.application_number, date: row.filing_date }]);
  }
  const owners = [...byOwner.entries()]
    .sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))
    .slice(0, 12);

  let now = new Date(`${today}T12:00:00Z`);
  const deps: FeesDeps = {
    db,
    fees,
    officeName: config.office.names.en ?? fees.office,
    timeZone: config.office.timeZone,
    now: () => now,
  };
  let invoices = 0;
  let entries = 0;
  let skipped = 0;
  let transaction = 0;
  for (const [index, [payer, filings]] of owners.entries()) {
    const chronological = [...filings].reverse().slice(0, 5);
    const groups =
      chronological.length > 2
        ? [chronological.slice(0, 2), ...chronological.slice(2).map((f) => [f])]
        : [chronological];
    for (const [g, group] of groups.entries()) {
      const issueDate = group.reduce((max, f) => later(max, f.date), group[0]?.date ?? today);
      now = new Date(`${issueDate}T09:00:00Z`);
      const created = await createInvoice(deps, {
        applications: group.map((f) => f.number),
        payer,
        actor: "demo-clerk",
        audited: false,
        issueDate,
      });
      if (Result.isFailure(created)) {
        skipped++;
        continue;
      }
      invoices++;
      const invoice = created.success.invoice;
      const plan = plans[(index + g) % plans.length] as Plan;
      const paidOn = earlier(addDays(issueDate, 3), today);
      const laterOn = earlier(addDays(issueDate, 20), today);
      const notify = async (
        kind: Ledger.Notification["kind"],
        amount: number,
        on: string,
        reverses?: string,
      ): Promise<string> => {
        const transactionId = `demo-${String(++transaction).padStart(5, "0")}`;
        now = new Date(`${on}T10:00:00Z`);
        const applied = await applyNotification(deps, {
          gateway: "demo",
          transactionId,
          invoice: invoice.number,
          kind,
          amount,
          currency: invoice.currency,
          at: `${on}T10:00:00Z`,
          ...(reverses === undefined ? {} : { reverses }),
        });
        if (Result.isSuccess(applied) && applied.success.applied) entries++;
        return transactionId;
      };
      switch (plan) {
        case "paid":
          await notify("payment", invoice.total, paidOn);
          break;
        case "partially_paid":
          await notify("payment", Math.floor(invoice.total / 2), paidOn);
          break;
        case "overpaid":
          await notify("payment", invoice.total + 5_000, paidOn);
          break;
        case "refunded": {
          await notify("payment", invoice.total, paidOn);
          await notify("refund", invoice.total, laterOn);
          break;
        }
        case "reversed": {
          const first = await notify("payment", invoice.total, paidOn);
          await notify("reversal", 0, laterOn, first);
          break;
        }
        case "cancelled":
          now = new Date(`${laterOn}T10:00:00Z`);
          if (
            Result.isSuccess(
              await cancelInvoice(deps, invoice.number, {
                reason: "Filing withdrawn before payment",
                actor: "demo-clerk",
                audited: false,
              }),
            )
          )
            entries++;
          break;
        case "unpaid":
          break;
      }
    }
  }
  logger.info({ invoices, entries, skipped }, "demo invoices and payments seeded");
  return { invoices, entries, skipped };
};
