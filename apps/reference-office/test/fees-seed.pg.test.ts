/**
 * Demo invoices and payments: written after the demo rights (here: filings through the API, to keep the test fast;
 * the server test runs the whole demo seed), through the same ledger code as the webhook, covering the invoice states
 * the payment-tracking page shows; a second run writes nothing.
 */
import { Ledger } from "@ipoffice/fees";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "../src/db/Database.js";
import { seedDemoFees } from "../src/fees/seed.js";
import { silentLogger } from "../src/Logger.js";
import { testApp, trademarkFiling } from "./support/app.js";
import { testDatabases } from "./support/databases.js";

describe.each(testDatabases)("demo fees on $name", (target) => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(() => database?.close());

  it("gives recent filings invoices in every state, consistent with their ledgers, once", async () => {
    const t = await testApp(database, undefined, { as: ["clerk", "cashier"] });
    const owners = [
      "Owner A LLC",
      "Owner B LLC",
      "Owner C LLC",
      "Owner D LLC",
      "Owner E LLC",
      "Owner F LLC",
      "Owner G LLC",
      "Owner H LLC",
    ];
    for (const [i, name] of owners.entries())
      for (let n = 0; n <= (i % 3) + 1; n++) {
        const res = await t.json("POST", "/api/v1/applications", {
          ...trademarkFiling,
          mark: { text: `MARK ${i}-${n}`, type: "word" },
          owners: [{ name, country: "OM" }],
        });
        expect(res.status).toBe(201);
      }
    const config = t.config;
    const seeded = await seedDemoFees({ db: database.db, config, logger: silentLogger(), today: "2026-11-24" });
    expect(seeded.skipped).toBe(0);
    const invoices = await database.db.selectFrom("invoices").select(["number", "state", "data"]).execute();
    const entries = await database.db.selectFrom("ledger_entries").selectAll().orderBy("seq").execute();
    expect(invoices.length).toBe(seeded.invoices);
    expect(invoices.length).toBeGreaterThanOrEqual(8);
    const states = new Set(invoices.map((i) => i.state));
    for (const state of ["unpaid", "partially_paid", "paid", "overpaid", "refunded", "cancelled"])
      expect(states, state).toContain(state);
    for (const invoice of invoices) {
      const own = entries
        .filter((e) => e.invoice_number === invoice.number)
        .map((e) => ({
          id: e.id,
          invoice: e.invoice_number,
          kind: e.kind as Ledger.EntryKind,
          amount: Number(e.amount),
          currency: e.currency,
          at: e.at,
          ...(e.reverses ? { reverses: e.reverses } : {}),
        }));
      expect(invoice.state, invoice.number).toBe(Ledger.state(invoice.data as Ledger.Payable, own));
      expect(own.every((e) => e.at.slice(0, 10) <= "2026-11-24")).toBe(true);
    }
    const again = await seedDemoFees({ db: database.db, config, logger: silentLogger(), today: "2026-11-24" });
    expect(again).toEqual({ invoices: 0, entries: 0, skipped: 0 });
    expect((await database.db.selectFrom("invoices").select("number").execute()).length).toBe(invoices.length);
  });
});
