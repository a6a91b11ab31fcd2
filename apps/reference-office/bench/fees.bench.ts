import { randomBytes } from "node:crypto";
import os from "node:os";
import { Gateway, type Quote } from "@ipoffice/fees";
import { Result } from "effect";
import { defaultConfigFile, loadOfficeConfig } from "../src/config/OfficeConfig.js";
import type { OpenDatabase } from "../src/db/Database.js";
import { createInvoice, type FeesDeps, receiveNotification, storeQuote } from "../src/fees/FeesService.js";
import { officeFees } from "../src/fees/OfficeFees.js";
import { quoteRequest } from "../src/fees/quoteForFiling.js";
import { openPglite, openPostgres } from "./support.js";

const N = Number(process.env.BENCH_INVOICES ?? 1_000);

const config = Result.getOrThrow(await loadOfficeConfig(defaultConfigFile));
const fees = officeFees(config);
if (!fees) throw new Error("the office configuration has no fees section");
const now = new Date("2026-11-24T09:00:00Z");
const timestamp = Math.floor(now.getTime() / 1000);
/** The gateway secret of this run (random: no secret is written in the source). */
const secret = randomBytes(32).toString("hex");

const requests: Quote.Request[] = Array.from({ length: 2 * N }, (_, i) => ({
  services: ["trademark.filing", "trademark.publication"],
  dueDate: "2026-11-24",
  classes: 1 + (i % 5),
  priorities: i % 3 === 0 ? 1 : 0,
}));

const line = (name: string, value: number, unit: string, baseline: number, baselineName: string) =>
  console.log(
    `${name}: ${value.toFixed(0)} ${unit} (baseline: ${baseline.toFixed(0)} ${unit} ${baselineName}, ratio: ${(value / baseline).toFixed(2)})`,
  );

const run = async (engine: string, open: () => Promise<OpenDatabase | undefined>) => {
  const database = await open();
  if (!database) return;
  const deps: FeesDeps = { db: database.db, fees, officeName: "Bench office", timeZone: "Asia/Muscat", now: () => now };
  const quoteIds: string[] = [];
  for (const request of requests) {
    const quote = Result.getOrThrow(quoteRequest(fees, request));
    quoteIds.push(Result.getOrThrow(await storeQuote(deps, request, quote)).id);
  }

  // Invoices: two stored quotes each.
  const t0 = performance.now();
  const invoices: Array<{ number: string; total: number }> = [];
  for (let i = 0; i < N; i++) {
    const created = await createInvoice(deps, {
      quotes: [quoteIds[2 * i]!, quoteIds[2 * i + 1]!],
      payer: `Payer ${i % 50}`,
    });
    const stored = Result.getOrThrow(created);
    invoices.push({ number: stored.invoice.number, total: stored.invoice.total });
  }
  const invoiceMs = performance.now() - t0;

  const t1 = performance.now();
  for (let i = 0; i < N; i++) {
    await database.db.transaction().execute((trx) =>
      trx
        .insertInto("invoices")
        .values({
          office_code: "OM",
          number: `OM-1999-${String(i + 1).padStart(6, "0")}`,
          year: 1999,
          sequence: i + 1,
          issue_date: "1999-01-01",
          payer: "raw",
          currency: "OMR",
          subtotal: 1,
          tax: 0,
          total: 1,
          state: "unpaid",
          data: "{}",
          created_at: now.toISOString(),
          updated_at: now.toISOString(),
        })
        .execute(),
    );
  }
  const rawInvoiceMs = performance.now() - t1;
  line(
    `raise ${N} invoices of 2 filings (${engine})`,
    (N / invoiceMs) * 1000,
    "invoices/s",
    (N / rawInvoiceMs) * 1000,
    "single-row INSERT per transaction",
  );

  // Signed notifications, one payment per invoice; signatures made before timing.
  const deliveries = await Promise.all(
    invoices.map(async (invoice, i) => {
      const body = new TextEncoder().encode(
        JSON.stringify({
          gateway: "bench",
          transactionId: `tx-${i}`,
          invoice: invoice.number,
          kind: "payment",
          amount: invoice.total,
          currency: "OMR",
          at: now.toISOString(),
        }),
      );
      return { body, header: await Gateway.sign(body, secret, timestamp) };
    }),
  );
  const t2 = performance.now();
  for (const d of deliveries) Result.getOrThrow(await receiveNotification(deps, secret, d.body, d.header));
  const notifyMs = performance.now() - t2;

  const t3 = performance.now();
  for (let i = 0; i < N; i++) {
    await database.db.transaction().execute((trx) =>
      trx
        .insertInto("ledger_entries")
        .values({
          office_code: "OM",
          id: `raw:${i}`,
          invoice_number: `OM-1999-${String(i + 1).padStart(6, "0")}`,
          kind: "payment",
          amount: 1,
          currency: "OMR",
          at: now.toISOString(),
          reverses: null,
          note: null,
          gateway: "raw",
          transaction_id: String(i),
          receipt_number: null,
          recorded_at: now.toISOString(),
        })
        .execute(),
    );
  }
  const rawNotifyMs = performance.now() - t3;
  line(
    `apply ${N} signed payment notifications (${engine})`,
    (N / notifyMs) * 1000,
    "notifications/s",
    (N / rawNotifyMs) * 1000,
    "single-row INSERT per transaction",
  );

  // Ten deliveries of one notification at once, after all the payments above.
  const quote = Result.getOrThrow(quoteRequest(fees, requests[0]!));
  const extra = Result.getOrThrow(await storeQuote(deps, requests[0]!, quote));
  const last = Result.getOrThrow(await createInvoice(deps, { quotes: [extra.id] })).invoice;
  const body = new TextEncoder().encode(
    JSON.stringify({
      gateway: "bench",
      transactionId: "dup",
      invoice: last.number,
      kind: "payment",
      amount: last.total,
      currency: "OMR",
      at: now.toISOString(),
    }),
  );
  const header = await Gateway.sign(body, secret, timestamp);
  const t4 = performance.now();
  const all = await Promise.all(Array.from({ length: 10 }, () => receiveNotification(deps, secret, body, header)));
  const dupMs = performance.now() - t4;
  const applied = all.filter((r) => Result.isSuccess(r) && r.success.applied).length;
  const t5 = performance.now();
  Result.getOrThrow(await receiveNotification(deps, secret, body, header));
  const oneMs = performance.now() - t5;
  line(
    `10 concurrent deliveries of one notification, ${applied} applied (${engine})`,
    dupMs,
    "ms",
    oneMs,
    "one repeat delivery",
  );
  await database.close();
};

console.log(
  `# reference-office fees bench: ${N} invoices (2 quoted filings each), ${N} payments; ${os.cpus().length} cores, Node ${process.version}, load ${os.loadavg()[0]?.toFixed(1)}`,
);
await run("pglite", openPglite);
await run("postgres", openPostgres);
