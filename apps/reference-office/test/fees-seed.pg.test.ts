/**
 * Demo invoices and payments: written after the demo rights, through the same ledger code as the webhook, covering
 * the invoice states the payment-tracking page shows; a second run writes nothing.
 */
import { Ledger } from "@ipoffice/fees";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "../src/db/Database.js";
import { seedDemoFees } from "../src/fees/seed.js";
import { silentLogger } from "../src/Logger.js";
import { referenceData } from "../src/ReferenceData.js";
import { ensureOffice } from "../src/rights/Offices.js";
import { seedDemoData } from "../src/seed/demo.js";
import { omConfig } from "./support/app.js";
import { testDatabases } from "./support/databases.js";

describe.each(testDatabases)("demo fees on $name", (target) => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(() => database?.close());

  it("gives recent filings invoices in every state, consistent with their ledgers, once", async () => {
    const config = await omConfig();
    await ensureOffice(database.db, config);
    await seedDemoData({
      db: database.db,
      config,
      reference: referenceData(),
      logger: silentLogger(),
      counts: { trademark: 60, patent: 12, industrial_design: 6, utility_model: 4 },
      today: "2026-11-24",
    });
    const invoices = await database.db.selectFrom("invoices").select(["number", "state", "data"]).execute();
    const entries = await database.db.selectFrom("ledger_entries").selectAll().orderBy("seq").execute();
    expect(invoices.length).toBeGreaterThanOrEqual(12);
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
