/**
 * Hostile and arbitrary input to the fees API (fast-check): never a 5xx, always an RFC 9457 problem for a refusal,
 * and nothing written when a request fails.
 */
import { Gateway } from "@ipoffice/fees";
import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "../src/db/Database.js";
import { signatureHeader } from "../src/fees/api.js";
import { testApp, testGatewaySecret } from "./support/app.js";
import { testDatabases } from "./support/databases.js";

const [pglite] = testDatabases;

describe.each(pglite ? [pglite] : [])("fees API input on $name", (target) => {
  let database: OpenDatabase;
  let t: Awaited<ReturnType<typeof testApp>>;
  const at = "2026-03-02T09:00:00Z";
  beforeAll(async () => {
    database = await target.open();
    t = await testApp(database, at, { as: ["clerk", "cashier"] });
  });
  afterAll(() => database?.close());

  const rows = async () => {
    const { rows } = await sql<{ n: string | number }>`select
      (select count(*) from fee_quotes) + (select count(*) from invoices) + (select count(*) from ledger_entries)
      + (select count(*) from invoice_events) as n`.execute(database.db);
    return Number(rows[0]?.n);
  };
  const rejected = async () =>
    Number(
      (await sql<{ n: string | number }>`select count(*) as n from payment_notifications_rejected`.execute(database.db))
        .rows[0]?.n,
    );

  const countLike = fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null), fc.boolean());
  const quoteBody = fc.oneof(
    fc.anything(),
    fc.record(
      {
        service: fc.oneof(fc.constantFrom("trademark.filing", "patent.annuity", "x"), fc.string()),
        services: fc.array(fc.string(), { maxLength: 3 }),
        dueDate: fc.oneof(fc.constantFrom("2026-03-02", "2026-02-30", "1900-01-01"), fc.string()),
        classes: countLike,
        claims: countLike,
        year: countLike,
        daysLate: countLike,
        filing: fc.anything(),
      },
      { requiredKeys: [] },
    ),
  );

  it("answers any quote body with 201 or a 4xx problem; a refusal stores nothing", async () => {
    await fc.assert(
      fc.asyncProperty(quoteBody, async (body) => {
        const before = await rows();
        const res = await t.json("POST", "/api/v1/fees/quote", JSON.stringify(body) ?? "null");
        expect(res.status).not.toBeGreaterThanOrEqual(500);
        if (res.status === 201) expect(await rows()).toBe(before + 1);
        else {
          expect(res.headers.get("content-type")).toContain("application/problem+json");
          const problem = await res.json();
          expect(problem.status).toBe(res.status);
          expect(await rows()).toBe(before);
        }
      }),
      { numRuns: 50 },
    );
  });

  it("answers any invoice body with a 4xx problem naming fields, storing nothing", async () => {
    const body = fc.oneof(
      fc.anything(),
      fc.record(
        {
          applications: fc.oneof(fc.array(fc.string(), { maxLength: 4 }), fc.anything()),
          quotes: fc.oneof(fc.array(fc.string(), { maxLength: 4 }), fc.anything()),
          payer: fc.oneof(fc.string(), fc.anything()),
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(body, async (value) => {
        const before = await rows();
        const res = await t.json("POST", "/api/v1/invoices", JSON.stringify(value) ?? "null");
        expect([400, 409, 422]).toContain(res.status);
        expect(res.headers.get("content-type")).toContain("application/problem+json");
        expect(await rows()).toBe(before);
      }),
      { numRuns: 50 },
    );
  });

  it("refuses any signed but arbitrary webhook body, recording each refusal and touching no ledger", async () => {
    const body = fc.oneof(
      fc.string(),
      fc.json(),
      fc
        .record({
          gateway: fc.oneof(fc.constant("thawani"), fc.string()),
          transactionId: fc.string(),
          invoice: fc.oneof(fc.constant("OM-2026-000001"), fc.string()),
          kind: fc.oneof(fc.constantFrom("payment", "refund", "reversal"), fc.string()),
          amount: countLike,
          currency: fc.oneof(fc.constant("OMR"), fc.string()),
          at: fc.oneof(fc.constant(at), fc.string()),
        })
        .map((v) => JSON.stringify(v)),
    );
    await fc.assert(
      fc.asyncProperty(body, fc.boolean(), async (text, signed) => {
        const before = await rows();
        const refusals = await rejected();
        const header = signed ? await Gateway.sign(text, testGatewaySecret, Date.parse(at) / 1000) : "t=1,v1=00";
        const res = await t.app.request("/api/v1/payments/notifications", {
          method: "POST",
          headers: { "content-type": "application/json", [signatureHeader]: header },
          body: text,
        });
        expect([400, 401, 404, 409, 413, 422]).toContain(res.status);
        expect(res.headers.get("content-type")).toContain("application/problem+json");
        expect(await rows()).toBe(before);
        expect(await rejected()).toBe(refusals + 1);
      }),
      { numRuns: 50 },
    );
  });
});
