/**
 * The fees API on PGlite and PostgreSQL: quotes, invoices (numbering per office and year, JSON and PDF), the payer's
 * list, the gateway webhook (signature refused and recorded, repeats and concurrent deliveries applied once),
 * receipts, and the payment-tracking page. Failures write nothing (row counts).
 */
import { Gateway } from "@ipoffice/fees";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OfficeConfig } from "../src/config/OfficeConfig.js";
import type { OpenDatabase } from "../src/db/Database.js";
import { signatureHeader } from "../src/fees/api.js";
import { createApp } from "../src/App.js";
import { silentLogger } from "../src/Logger.js";
import { referenceData } from "../src/ReferenceData.js";
import { omConfig, testApp, testGatewaySecret, trademarkFiling } from "./support/app.js";
import { testDatabases } from "./support/databases.js";
import { listAudit } from "../src/audit/Audit.js";
import { spawnSync } from "node:child_process";

// poppler-utils' pdftotext (installed by CI) reads PDFs back; without it the text checks are left out.
const hasPdftotext = spawnSync("pdftotext", ["-v"]).error === undefined;
const pdfText = (bytes: Uint8Array) =>
  spawnSync("pdftotext", ["-", "-"], { input: Buffer.from(bytes), encoding: "utf8" })
    .stdout.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .split("\n")
    .map((l) => l.trim());

const tables = [
  "fee_quotes",
  "invoices",
  "invoice_items",
  "ledger_entries",
  "invoice_events",
  "payment_notifications_rejected",
  "fee_number_sequences",
] as const;

describe.each(testDatabases)("fees API on $name", (target) => {
  let database: OpenDatabase;
  let t: Awaited<ReturnType<typeof testApp>>;
  const at = "2026-03-02T09:00:00Z";
  const applications: string[] = [];

  beforeAll(async () => {
    database = await target.open();
    t = await testApp(database, at, { as: ["clerk", "cashier"] });
    for (const filing of [
      trademarkFiling,
      { ...trademarkFiling, mark: { text: "SAFA", type: "word" } },
      {
        ...trademarkFiling,
        mark: { text: "MASQAT", type: "word" },
        owners: [{ name: "Sohar Dates SAOG", country: "OM" }],
      },
    ]) {
      const res = await t.json("POST", "/api/v1/applications", filing);
      expect(res.status).toBe(201);
      applications.push((await res.json()).applicationNumber);
    }
  });
  afterAll(() => database?.close());

  const counts = async () => {
    const out = {} as Record<(typeof tables)[number], number>;
    for (const table of tables) {
      const { rows } = await sql<{ n: string | number }>`select count(*) as n from ${sql.table(table)}`.execute(
        database.db,
      );
      out[table] = Number(rows[0]?.n);
    }
    return out;
  };

  const deliver = async (
    body: unknown,
    options: { secret?: string; timestamp?: number; header?: string | null } = {},
  ) => {
    const text = typeof body === "string" ? body : JSON.stringify(body);
    const timestamp = options.timestamp ?? Math.floor(Date.parse(at) / 1000);
    const header =
      options.header === undefined
        ? await Gateway.sign(text, options.secret ?? testGatewaySecret, timestamp)
        : options.header;
    return t.app.request("/api/v1/payments/notifications", {
      method: "POST",
      headers: { "content-type": "application/json", ...(header === null ? {} : { [signatureHeader]: header }) },
      body: text,
    });
  };

  const payment = (invoice: string, transactionId: string, amount: number, extra: Record<string, unknown> = {}) => ({
    gateway: "thawani",
    transactionId,
    invoice,
    kind: "payment",
    amount,
    currency: "OMR",
    at: "2026-03-02T08:59:00Z",
    ...extra,
  });

  describe("quotes", () => {
    it("quotes a fee request and stores it", async () => {
      const res = await t.json("POST", "/api/v1/fees/quote", {
        services: ["trademark.filing", "trademark.publication"],
        dueDate: "2026-03-02",
        classes: 3,
      });
      expect(res.status).toBe(201);
      const body = await res.json();
      expect(body.id).toMatch(/^Q-/);
      expect(body.quote.total).toBe(50000 + 2 * 20000 + 30000);
      expect(res.headers.get("location")).toBe(`/api/v1/fees/quotes/${body.id}`);
      const again = await t.json("GET", `/api/v1/fees/quotes/${body.id}`);
      expect((await again.json()).quote.total).toBe(120000);
    });

    it("quotes a filing before submission, in Arabic, due today by the office's clock", async () => {
      const res = await t.json("POST", "/api/v1/fees/quote", { filing: trademarkFiling, language: "ar" });
      expect(res.status).toBe(201);
      const { quote } = await res.json();
      expect(quote.dueDate).toBe("2026-03-02");
      expect(quote.total).toBe(70000);
      expect(quote.lines[0].description).toBe("الإيداع، الفئة الأولى");
    });

    it("answers bad input with problems naming each field, and stores nothing", async () => {
      const before = await counts();
      const bad = await t.json("POST", "/api/v1/fees/quote", {
        service: "Trademark",
        dueDate: "2026-13-01",
        classes: -1,
        x: 1,
      });
      expect(bad.status).toBe(400);
      expect(bad.headers.get("content-type")).toContain("application/problem+json");
      const paths = (await bad.json()).errors.map((e: { path: string }) => e.path).sort();
      expect(paths).toEqual(["classes", "dueDate", "service", "x"]);
      const filing = await t.json("POST", "/api/v1/fees/quote", { filing: { kind: "trademark", owners: [] } });
      expect(filing.status).toBe(400);
      expect((await filing.json()).errors.map((e: { path: string }) => e.path)).toContain("filing.mark");
      const unpriced = await t.json("POST", "/api/v1/fees/quote", {
        service: "trademark.filing",
        dueDate: "2026-03-02",
      });
      expect(unpriced.status).toBe(422);
      expect((await unpriced.json()).errors).toEqual([
        { path: "classes", message: expect.stringContaining("classes") },
      ]);
      const early = await t.json("POST", "/api/v1/fees/quote", { filing: trademarkFiling, dueDate: "2019-01-01" });
      expect(early.status).toBe(422);
      expect((await early.json()).errors[0].path).toBe("dueDate");
      expect((await t.app.request("/api/v1/fees/quote", { method: "POST", body: "{" })).status).toBe(415);
      expect((await t.json("POST", "/api/v1/fees/quote", "{")).status).toBe(400);
      expect((await t.json("POST", "/api/v1/fees/quote", [])).status).toBe(400);
      expect(await counts()).toEqual(before);
    });
  });

  describe("invoices", () => {
    let first: string;

    it("raises an invoice for filed rights, numbered per office and year", async () => {
      const res = await t.json("POST", "/api/v1/invoices", { applications: [applications[0], applications[1]] });
      expect(res.status).toBe(201);
      const body = await res.json();
      first = body.invoice.number;
      expect(first).toBe("OM-2026-000001");
      expect(res.headers.get("location")).toBe("/api/v1/invoices/OM-2026-000001");
      expect(body.invoice.payer).toBe("Al Habsi Trading LLC");
      expect(body.invoice.groups.map((g: { reference: string }) => g.reference)).toEqual(applications.slice(0, 2));
      expect(body.invoice.total).toBe(2 * 70000);
      expect(body.state).toBe("unpaid");
      expect(body.balance.outstanding).toBe(140000);
    });

    it("raises an invoice from a stored quote, once", async () => {
      const quoted = await (
        await t.json("POST", "/api/v1/fees/quote", { filing: trademarkFiling, reference: "AGENT-17" })
      ).json();
      const res = await t.json("POST", "/api/v1/invoices", { quotes: [quoted.id], payer: "Gulf IP Agents" });
      expect(res.status).toBe(201);
      const body = await res.json();
      expect(body.invoice.number).toBe("OM-2026-000002");
      expect(body.invoice.groups[0].reference).toBe("AGENT-17");
      expect(body.items).toEqual([{ reference: "AGENT-17", quoteId: quoted.id }]);
      const before = await counts();
      const twice = await t.json("POST", "/api/v1/invoices", { quotes: [quoted.id] });
      expect(twice.status).toBe(409);
      expect((await twice.json()).errors[0].path).toBe("quotes[0]");
      expect(await counts()).toEqual(before);
    });

    it("refuses unknown items, billed filings and bad bodies with paths, writing nothing", async () => {
      const before = await counts();
      const unknown = await t.json("POST", "/api/v1/invoices", {
        applications: [applications[2], "TM/2026/999999"],
        quotes: ["Q-00000000-0000-0000-0000-000000000000"],
      });
      expect(unknown.status).toBe(400);
      expect((await unknown.json()).errors.map((e: { path: string }) => e.path)).toEqual([
        "applications[1]",
        "quotes[0]",
      ]);
      const billed = await t.json("POST", "/api/v1/invoices", { applications: [applications[2], applications[0]] });
      expect(billed.status).toBe(409);
      const problem = await billed.json();
      expect(problem.invoice).toBe(first);
      expect(problem.errors[0].path).toBe("applications[1]");
      const empty = await t.json("POST", "/api/v1/invoices", { payer: "  " });
      expect(empty.status).toBe(400);
      expect((await empty.json()).errors.map((e: { path: string }) => e.path)).toEqual(["payer"]);
      const nothing = await t.json("POST", "/api/v1/invoices", {});
      expect((await nothing.json()).errors.map((e: { path: string }) => e.path)).toEqual(["applications"]);
      const twice = await t.json("POST", "/api/v1/invoices", { applications: [applications[2], applications[2]] });
      expect((await twice.json()).errors.map((e: { path: string }) => e.path)).toEqual(["applications[1]"]);
      const huge = await t.json("POST", "/api/v1/invoices", {
        applications: Array.from({ length: 501 }, (_, i) => `A${i}`),
      });
      expect(huge.status).toBe(400);
      expect(await counts()).toEqual(before);
    });

    it("continues the numbering per year: a new year starts at 1, the old year continues", async () => {
      t.time.set("2027-01-04T08:00:00Z");
      const next = await t.json("POST", "/api/v1/invoices", { applications: [applications[2]] });
      expect((await next.json()).invoice.number).toBe("OM-2027-000001");
      t.time.set(at);
      const quoted = await (
        await t.json("POST", "/api/v1/fees/quote", { service: "trademark.certifiedCopy", dueDate: "2026-03-02" })
      ).json();
      const back = await t.json("POST", "/api/v1/invoices", { quotes: [quoted.id] });
      expect((await back.json()).invoice.number).toBe("OM-2026-000003");
    });

    it("numbers concurrent invoices without gaps or repeats, and bills a filing once under concurrency", async () => {
      const ids = await Promise.all(
        Array.from({ length: 5 }, async () => {
          const res = await t.json("POST", "/api/v1/fees/quote", {
            service: "trademark.opposition",
            dueDate: "2026-03-02",
          });
          return (await res.json()).id as string;
        }),
      );
      const created = await Promise.all(ids.map((id) => t.json("POST", "/api/v1/invoices", { quotes: [id] })));
      expect(created.map((r) => r.status)).toEqual(Array(5).fill(201));
      const numbers = (await Promise.all(created.map((r) => r.json()))).map((b) => b.invoice.number).sort();
      expect(numbers).toEqual([
        "OM-2026-000004",
        "OM-2026-000005",
        "OM-2026-000006",
        "OM-2026-000007",
        "OM-2026-000008",
      ]);
      const filed = await (
        await t.json("POST", "/api/v1/applications", {
          ...trademarkFiling,
          mark: { text: "RIMAL", type: "word" },
          owners: [{ name: "Rimal Sands LLC", country: "OM" }],
        })
      ).json();
      const race = await Promise.all(
        Array.from({ length: 4 }, () =>
          t.json("POST", "/api/v1/invoices", { applications: [filed.applicationNumber] }),
        ),
      );
      expect(race.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    });

    it("serves an invoice as JSON by default and as a PDF when asked", async () => {
      const json = await t.app.request(`/api/v1/invoices/${first}`);
      expect(json.status).toBe(200);
      expect(json.headers.get("content-type")).toContain("application/json");
      expect((await json.json()).invoice.number).toBe(first);
      const pdf = await t.app.request(`/api/v1/invoices/${first}`, { headers: { accept: "application/pdf" } });
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get("content-type")).toBe("application/pdf");
      const bytes = new Uint8Array(await pdf.arrayBuffer());
      expect(new TextDecoder().decode(bytes.subarray(0, 5))).toBe("%PDF-");
      const preferJson = await t.app.request(`/api/v1/invoices/${first}`, {
        headers: { accept: "application/json, application/pdf;q=0.5" },
      });
      expect(preferJson.headers.get("content-type")).toContain("application/json");
      expect((await t.app.request("/api/v1/invoices/OM-2026-999999")).status).toBe(404);
      // Printed in the language asked for (the office's default, Arabic, otherwise), descriptions from the schedule.
      if (hasPdftotext) {
        const get = async (query: string) =>
          pdfText(
            new Uint8Array(
              await (
                await t.app.request(`/api/v1/invoices/${first}${query}`, { headers: { accept: "application/pdf" } })
              ).arrayBuffer(),
            ),
          );
        const ar = await get("");
        expect(ar).toContain(`فاتورة ${first}`);
        expect(ar).toContain("كل فئة إضافية");
        const en = await get("?lang=en");
        expect(en).toContain(`Invoice ${first}`);
        expect(en).toContain("Filing, first class");
      }
      expect((await t.app.request("/api/v1/invoices/..%2Fetc")).status).toBe(404);
    });

    it("lists a payer's invoices; the payer is required", async () => {
      const res = await t.app.request(`/api/v1/invoices?payer=${encodeURIComponent("Al Habsi Trading LLC")}`);
      const body = await res.json();
      expect(body.items.map((i: { invoice: { number: string } }) => i.invoice.number)).toEqual([first]);
      const missing = await t.app.request("/api/v1/invoices");
      expect(missing.status).toBe(400);
      expect((await missing.json()).errors[0].path).toBe("payer");
    });
  });

  describe("payment notifications", () => {
    const invoice = "OM-2026-000001";

    it("refuses and records a bad, missing, malformed or expired signature; the ledger is unchanged", async () => {
      const before = await counts();
      const body = payment(invoice, "tx-forged", 140000);
      const cases = [
        [await deliver(body, { secret: "not-the-secret" }), "signature_mismatch"],
        [await deliver(body, { header: null }), "signature_missing"],
        [await deliver(body, { header: "v1=zz" }), "signature_malformed"],
        [await deliver(body, { timestamp: Math.floor(Date.parse(at) / 1000) - 3600 }), "signature_expired"],
      ] as const;
      for (const [res, reason] of cases) {
        expect(res.status).toBe(401);
        expect(res.headers.get("content-type")).toContain("application/problem+json");
        expect((await res.json()).reason).toBe(reason);
      }
      const after = await counts();
      expect(after.payment_notifications_rejected).toBe(before.payment_notifications_rejected + 4);
      expect({ ...after, payment_notifications_rejected: 0 }).toEqual({ ...before, payment_notifications_rejected: 0 });
      const recorded = await database.db
        .selectFrom("payment_notifications_rejected")
        .select(["reason", "body_sha256", "body_excerpt"])
        .orderBy("id")
        .execute();
      expect(recorded.slice(-4).map((r) => r.reason)).toEqual(cases.map(([, reason]) => reason));
      expect(recorded.at(-1)?.body_excerpt).toContain("tx-forged");
    });

    it("refuses a notification signed with the secret once published in the source (401, recorded)", async () => {
      const before = await counts();
      const res = await deliver(payment(invoice, "tx-published", 140000), {
        secret: "ipoffice-development-gateway-secret",
      });
      expect(res.status).toBe(401);
      expect((await res.json()).reason).toBe("signature_mismatch");
      expect((await counts()).ledger_entries).toBe(before.ledger_entries);
    });

    it("without a configured secret, refuses every notification with 503 and records nothing", async () => {
      const config = await omConfig();
      const bare = createApp({
        db: database.db,
        config,
        logger: silentLogger(),
        reference: referenceData(),
        gatewaySecret: { _tag: "Missing", variable: "IPO_PAYMENT_GATEWAY_SECRET" },
      });
      const before = await counts();
      for (const secret of [testGatewaySecret, "ipoffice-development-gateway-secret"]) {
        const text = JSON.stringify(payment(invoice, "tx-unconfigured", 140000));
        const res = await bare.request("/api/v1/payments/notifications", {
          method: "POST",
          headers: {
            "content-type": "application/json",
            [signatureHeader]: await Gateway.sign(text, secret, Math.floor(Date.now() / 1000)),
          },
          body: text,
        });
        expect(res.status).toBe(503);
        expect(res.headers.get("content-type")).toContain("application/problem+json");
        const problem = await res.json();
        expect(problem.type).toBe("https://ipoffice.dev/problems/payment-gateway-not-configured");
        expect(problem.detail).toMatch(/no payment gateway secret configured/);
      }
      expect(await counts()).toEqual(before);
    });

    it("refuses a signed but invalid body with paths, and an unknown invoice, recording both", async () => {
      const before = await counts();
      const invalid = await deliver({ ...payment(invoice, "tx 1", -5), currency: "omr" });
      expect(invalid.status).toBe(400);
      const paths = (await invalid.json()).errors.map((e: { path: string }) => e.path).sort();
      expect(paths).toEqual(["$.amount", "$.currency", "$.transactionId"]);
      const badDate = await deliver(payment(invoice, "tx-date", 100, { at: "yesterday" }));
      expect(badDate.status).toBe(400);
      const unknown = await deliver(payment("OM-2026-000999", "tx-x", 100));
      expect(unknown.status).toBe(404);
      const after = await counts();
      expect(after.payment_notifications_rejected).toBe(before.payment_notifications_rejected + 3);
      expect(after.ledger_entries).toBe(before.ledger_entries);
    });

    it("applies a payment once: a repeat changes nothing, the same id with other content conflicts", async () => {
      const res = await deliver(payment(invoice, "tx-100", 40000));
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.applied).toBe(true);
      expect(body.state).toBe("partially_paid");
      expect(body.receipt.number).toBe("OM-R-2026-000001");
      expect(body.receipt.balance.outstanding).toBe(100000);
      const before = await counts();
      const again = await deliver(payment(invoice, "tx-100", 40000));
      expect(again.status).toBe(200);
      expect((await again.json()).applied).toBe(false);
      expect(await counts()).toEqual(before);
      const conflicting = await deliver(payment(invoice, "tx-100", 99999));
      expect(conflicting.status).toBe(409);
      expect((await counts()).ledger_entries).toBe(before.ledger_entries);
      const receipt = await t.app.request("/api/v1/receipts/OM-R-2026-000001");
      expect((await receipt.json()).invoice).toBe(invoice);
      const pdf = await t.app.request("/api/v1/receipts/OM-R-2026-000001?lang=ar", {
        headers: { accept: "application/pdf" },
      });
      expect(pdf.headers.get("content-type")).toBe("application/pdf");
      if (hasPdftotext) expect(pdfText(new Uint8Array(await pdf.arrayBuffer()))).toContain("إيصال OM-R-2026-000001");
    });

    it("applies ten concurrent deliveries of one notification as one payment", async () => {
      const before = await counts();
      const results = await Promise.all(
        Array.from({ length: 10 }, () => deliver(payment(invoice, "tx-concurrent", 100000))),
      );
      expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
      const bodies = await Promise.all(results.map((r) => r.json()));
      expect(bodies.filter((b) => b.applied).length).toBe(1);
      const after = await counts();
      expect(after.ledger_entries).toBe(before.ledger_entries + 1);
      expect(after.invoice_events).toBe(before.invoice_events + 1);
      const rows = await database.db
        .selectFrom("ledger_entries")
        .select(["id", "receipt_number"])
        .where("id", "=", "thawani:tx-concurrent")
        .execute();
      expect(rows.length).toBe(1);
      const view = await (await t.app.request(`/api/v1/invoices/${invoice}`)).json();
      expect(view.state).toBe("paid");
      expect(view.balance.outstanding).toBe(0);
      const state = await database.db
        .selectFrom("invoices")
        .select("state")
        .where("number", "=", invoice)
        .executeTakeFirst();
      expect(state?.state).toBe("paid");
    });
  });

  describe("cancellation", () => {
    it("cancels an invoice once, with its reason; the filing can then be invoiced again", async () => {
      const before = await counts();
      const bad = await t.json("POST", "/api/v1/invoices/OM-2027-000001/cancellation", { reason: "", extra: 1 });
      expect(bad.status).toBe(400);
      expect((await bad.json()).errors.map((e: { path: string }) => e.path).sort()).toEqual(["extra", "reason"]);
      const unknown = await t.json("POST", "/api/v1/invoices/OM-2027-000999/cancellation", { reason: "typo" });
      expect(unknown.status).toBe(404);
      expect(await counts()).toEqual(before);
      const done = await t.json("POST", "/api/v1/invoices/OM-2027-000001/cancellation", {
        reason: "Application withdrawn",
      });
      expect(done.status).toBe(200);
      const body = await done.json();
      expect(body.state).toBe("cancelled");
      expect(body.entries.at(-1)).toMatchObject({ kind: "cancellation", note: "Application withdrawn" });
      const event = await database.db
        .selectFrom("invoice_events")
        .select(["actor_id", "from_state", "to_state"])
        .where("invoice_number", "=", "OM-2027-000001")
        .orderBy("id", "desc")
        .executeTakeFirst();
      // The actor is the token of the request (the area's tests act as a clerk and cashier), not a header.
      expect(event).toMatchObject({
        actor_id: expect.stringMatching(/^token:/),
        from_state: "unpaid",
        to_state: "cancelled",
      });
      const audit = await listAudit(database.db, "OM", { target: "OM-2027-000001", limit: 5 });
      expect(audit.items.map((r) => r.action)).toEqual(["fees.invoice.cancel", "fees.invoice.issue"]);
      const twice = await t.json("POST", "/api/v1/invoices/OM-2027-000001/cancellation", { reason: "again" });
      expect(twice.status).toBe(409);
      const rebill = await t.json("POST", "/api/v1/invoices", { applications: [applications[2]] });
      expect(rebill.status).toBe(201);
    });
  });

  describe("payment-tracking page", () => {
    it("lists the payer's invoices with state badges, payments and PDF links, in English and Arabic", async () => {
      const payer = encodeURIComponent("Al Habsi Trading LLC");
      const en = await t.app.request(`/payments?payer=${payer}&lang=en`);
      expect(en.status).toBe(200);
      const page = await en.text();
      expect(page).toContain("OM-2026-000001");
      expect(page).toContain("ipo-badge--success");
      expect(page).toContain("Paid");
      expect(page).toContain("OM-R-2026-000001");
      expect(page).toContain('href="/payments/invoices/OM-2026-000001.pdf?lang=en"');
      const ar = await (await t.app.request(`/payments?payer=${payer}&lang=ar`)).text();
      expect(ar).toContain('dir="rtl"');
      expect(ar).toContain("مدفوعة");
      const chooser = await (await t.app.request("/payments?lang=en")).text();
      expect(chooser).toContain("Gulf IP Agents");
      const hostile = await (await t.app.request(`/payments?payer=${encodeURIComponent("<script>x</script>")}`)).text();
      expect(hostile).not.toContain("<script>x");
      const pdf = await t.app.request("/payments/invoices/OM-2026-000001.pdf");
      expect(pdf.headers.get("content-type")).toBe("application/pdf");
      expect((await t.app.request("/payments/invoices/OM-2026-000404.pdf")).status).toBe(404);
    });

    it("documents its endpoints in the OpenAPI document", async () => {
      const doc = await (await t.app.request("/api/v1/openapi.json")).json();
      for (const path of [
        "/api/v1/fees/quote",
        "/api/v1/invoices",
        "/api/v1/invoices/{number}",
        "/api/v1/invoices/{number}/cancellation",
        "/api/v1/payments/notifications",
        "/api/v1/receipts/{number}",
      ])
        expect(doc.paths[path], path).toBeDefined();
    });
  });
});

describe.each(testDatabases)("an office's own invoice and receipt numbers on $name", (target) => {
  let database: OpenDatabase;
  afterAll(() => database?.close());

  it("numbers invoices and receipts in the formats of fees.invoiceNumber and fees.receiptNumber", async () => {
    database = await target.open();
    const t = await testApp(database, "2026-03-02T09:00:00Z", {
      as: ["clerk", "cashier"],
      configure: (config) =>
        config.fees === undefined
          ? config
          : {
              ...config,
              fees: {
                ...config.fees,
                invoiceNumber: "INV{yy}{serial:5}" as NonNullable<OfficeConfig["fees"]>["invoiceNumber"],
                receiptNumber: "RC.{serial:4}" as NonNullable<OfficeConfig["fees"]>["receiptNumber"],
              },
            },
    });
    const filed = await t.json("POST", "/api/v1/applications", trademarkFiling);
    const application = (await filed.json()).applicationNumber;
    const raised = await t.json("POST", "/api/v1/invoices", { applications: [application] });
    expect(raised.status).toBe(201);
    const { invoice } = await raised.json();
    expect(invoice.number).toBe("INV2600001");
    const body = JSON.stringify({
      gateway: "thawani",
      transactionId: "tx-own-format",
      invoice: invoice.number,
      kind: "payment",
      amount: invoice.total,
      currency: "OMR",
      at: "2026-03-02T08:59:00Z",
    });
    const paid = await t.app.request("/api/v1/payments/notifications", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        [signatureHeader]: await Gateway.sign(
          body,
          testGatewaySecret,
          Math.floor(Date.parse("2026-03-02T09:00:00Z") / 1000),
        ),
      },
      body,
    });
    expect(paid.status).toBe(200);
    expect((await paid.json()).receipt.number).toBe("RC.0001");
    const receipt = await t.app.request("/api/v1/receipts/RC.0001");
    expect(receipt.status).toBe(200);
    expect((await receipt.json()).number).toBe("RC.0001");
    expect((await t.app.request("/api/v1/invoices/INV2600001")).status).toBe(200);
    const pdf = await t.app.request("/payments/invoices/INV2600001.pdf");
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
  });
});
