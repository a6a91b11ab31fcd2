/**
 * The cashier's invoice list (issue 11 §4) on PGlite and PostgreSQL: every invoice of the office, owed and overdue
 * first then by due date; payer search by any part of the name, whatever the case, accents or Arabic letter forms
 * (the shared `Text` folding), through a trigram index; state filters, counts and pages; refused to accounts without
 * `fees.cashbook`; hostile queries answered 200 or 400, never 5xx; the page in English and Arabic.
 */
import { Text } from "@ipoffice/domain";
import fc from "fast-check";
import { sql } from "kysely";
import { Result } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "../src/db/Database.js";
import { applyNotification, createInvoice, type FeesDeps } from "../src/fees/FeesService.js";
import { officeFees } from "../src/fees/OfficeFees.js";
import { testApp, trademarkFiling } from "./support/app.js";
import { testDatabases } from "./support/databases.js";

const at = "2026-03-02T09:00:00Z";

/** Payers and the issue dates of their invoices: with 30 days to pay, those issued before 2026-01-31 are overdue. */
const invoices = [
  { owner: "Al Habsi Trading LLC", mark: "NAKHLA", issued: "2026-01-05", pay: false },
  { owner: "Société Générale des Dattes", mark: "DATTES", issued: "2026-02-20", pay: false },
  { owner: "مؤسسة أحمد للتجارة", mark: "AHMAD", issued: "2026-01-10", pay: false },
  { owner: "Sohar Dates SAOG", mark: "SOHAR", issued: "2026-01-02", pay: true },
  { owner: "Nizwa Crafts SAOC", mark: "NIZWA", issued: "2026-02-25", pay: false },
] as const;

describe.each(testDatabases)("cashier's invoice list on $name", (target) => {
  let database: OpenDatabase;
  let t: Awaited<ReturnType<typeof testApp>>;
  const numbers = new Map<string, string>();

  beforeAll(async () => {
    database = await target.open();
    t = await testApp(database, at, { as: ["cashier"] });
    const fees = officeFees(t.config);
    if (fees === undefined) throw new Error("the sample office charges fees");
    const deps: FeesDeps = {
      db: database.db,
      fees,
      officeName: "Oman",
      timeZone: t.config.office.timeZone,
      now: () => new Date(at),
    };
    for (const x of invoices) {
      const filed = await t.jsonAs("clerk", "POST", "/api/v1/applications", {
        ...trademarkFiling,
        mark: { text: x.mark, type: "word" },
        owners: [{ name: x.owner, country: "OM" }],
      });
      expect(filed.status).toBe(201);
      const applicationNumber = (await filed.json()).applicationNumber as string;
      const made = Result.getOrThrow(
        await createInvoice(deps, { applications: [applicationNumber], issueDate: x.issued, audited: false }),
      );
      numbers.set(x.owner, made.invoice.number);
      if (x.pay)
        Result.getOrThrow(
          await applyNotification(deps, {
            gateway: "thawani",
            transactionId: `T-${x.mark}`,
            invoice: made.invoice.number,
            kind: "payment",
            amount: made.invoice.total,
            currency: made.invoice.currency,
            at: "2026-01-03T10:00:00Z",
          }),
        );
    }
  });
  afterAll(() => database?.close());

  const list = async (query = "") => {
    const res = await t.app.request(`/api/v1/cashier/invoices${query}`);
    expect(res.status).toBe(200);
    return res.json();
  };

  it("lists every invoice, overdue first, then owed, then the rest, each by due date", async () => {
    const body = await list();
    expect(body.today).toBe("2026-03-02");
    expect(body.paymentDays).toBe(30);
    expect(body.items.map((r: { payer: string }) => r.payer)).toEqual([
      "Al Habsi Trading LLC",
      "مؤسسة أحمد للتجارة",
      "Société Générale des Dattes",
      "Nizwa Crafts SAOC",
      "Sohar Dates SAOG",
    ]);
    const [first] = body.items;
    expect(first).toMatchObject({ issueDate: "2026-01-05", dueDate: "2026-02-04", overdue: true, state: "unpaid" });
    expect(first.outstanding).toBe(first.total);
    expect(first.filings).toHaveLength(1);
    const paid = body.items.at(-1);
    expect(paid).toMatchObject({ state: "paid", overdue: false, outstanding: 0 });
    expect(body.counts).toEqual({
      unpaid: 4,
      partially_paid: 0,
      paid: 1,
      overpaid: 0,
      refunded: 0,
      cancelled: 0,
      overdue: 2,
      all: 5,
    });
    expect(body.matching).toBe(5);
  });

  it("finds a payer by any part of the name, whatever the case, accents or Arabic letter forms", async () => {
    const payers = async (q: string) =>
      (await list(`?payer=${encodeURIComponent(q)}`)).items.map((r: { payer: string }) => r.payer);
    expect(await payers("habsi")).toEqual(["Al Habsi Trading LLC"]);
    expect(await payers("HABSI trad")).toEqual(["Al Habsi Trading LLC"]);
    expect(await payers("al-habsi")).toEqual(["Al Habsi Trading LLC"]);
    expect(await payers("societe")).toEqual(["Société Générale des Dattes"]);
    expect(await payers("SOCIÉTÉ GÉNÉ")).toEqual(["Société Générale des Dattes"]);
    // Hamza on alef or not, taa marbuta or haa: the same letters for the search (the shared Text folding).
    expect(await payers("احمد")).toEqual(["مؤسسة أحمد للتجارة"]);
    expect(await payers("مؤسسه")).toEqual(["مؤسسة أحمد للتجارة"]);
    expect(await payers("dates")).toEqual(["Sohar Dates SAOG"]);
    expect(await payers("zzz-nobody")).toEqual([]);
    // Only punctuation folds to nothing: no filter, the whole list.
    expect(await payers("%_\\")).toHaveLength(5);
  });

  it("filters by state, counts what the payer search matches, and pages", async () => {
    const overdue = await list("?state=overdue");
    expect(overdue.items.map((r: { number: string }) => r.number)).toEqual([
      numbers.get("Al Habsi Trading LLC"),
      numbers.get("مؤسسة أحمد للتجارة"),
    ]);
    expect(overdue.matching).toBe(2);
    expect((await list("?state=paid")).items).toHaveLength(1);
    expect((await list("?state=outstanding")).matching).toBe(4);
    expect((await list("?state=cancelled")).items).toEqual([]);
    const searched = await list("?payer=dates");
    expect(searched.counts).toMatchObject({ all: 1, paid: 1, unpaid: 0, overdue: 0 });
    const page1 = await list("?pageSize=2");
    const page3 = await list("?pageSize=2&page=3");
    expect(page1.items).toHaveLength(2);
    expect(page3.items).toHaveLength(1);
    expect(page3.items[0].state).toBe("paid");
    expect(page3.matching).toBe(5);
  });

  it("refuses a query it cannot read, naming each field", async () => {
    const res = await t.app.request("/api/v1/cashier/invoices?state=late&page=0&pageSize=9999");
    expect(res.status).toBe(400);
    const problem = await res.json();
    expect(problem.errors.map((e: { path: string }) => e.path).sort()).toEqual(["page", "pageSize", "state"]);
    // Fields that are not the list's (the page's language, a tracker's) are ignored.
    expect((await t.app.request("/api/v1/cashier/invoices?lang=ar&utm_source=x")).status).toBe(200);
    const long = await t.app.request(`/api/v1/cashier/invoices?payer=${"a".repeat(301)}`);
    expect(long.status).toBe(400);
  });

  it("is the cashier's: anonymous callers and a clerk are refused", async () => {
    expect((await t.raw.request("/api/v1/cashier/invoices")).status).toBe(401);
    expect((await t.jsonAs("clerk", "GET", "/api/v1/cashier/invoices")).status).toBe(403);
    expect((await t.raw.request("/cashier", { headers: await t.as("clerk") })).status).toBe(403);
  });

  it("answers any payer text with 200, and every invoice it lists contains the folded text", async () => {
    const all = (await list()).items as Array<{ payer: string }>;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ unit: "grapheme", maxLength: 60 }),
          fc.string({ unit: "binary", maxLength: 60 }),
          fc.constantFrom("%", "_", "\\", "'; drop table invoices; --", "\u0000", "أحمد%", "a\u0301", "ـــ"),
        ),
        async (payer) => {
          const res = await t.app.request(`/api/v1/cashier/invoices?payer=${encodeURIComponent(payer)}`);
          expect(res.status).toBeLessThan(500);
          if (res.status !== 200) {
            expect(res.status).toBe(400);
            return;
          }
          const body = await res.json();
          const key = Text.key(payer);
          const expected = all.filter((r) => Text.key(r.payer).includes(key)).map((r) => r.payer);
          expect(body.items.map((r: { payer: string }) => r.payer)).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("answers any query string with 200 or 400, never 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.constantFrom("payer", "state", "page", "pageSize", "lang", "x"),
          fc.string({ unit: "binary", maxLength: 20 }),
        ),
        async (params) => {
          const query = new URLSearchParams(params).toString();
          const api = await t.app.request(`/api/v1/cashier/invoices?${query}`);
          expect([200, 400]).toContain(api.status);
          // The page reads what it can; only what the whole app refuses (a NUL character, decision 0660) is a 400.
          const page = await t.app.request(`/cashier?${query}`);
          expect([200, 400]).toContain(page.status);
          if (!query.includes("%00")) expect(page.status).toBe(200);
        },
      ),
      { numRuns: 40 },
    );
  });

  it("searches the payer through the trigram index", async () => {
    const plan = await database.db.connection().execute(async (conn) => {
      await sql`set enable_seqscan = off`.execute(conn);
      // Five rows are read faster whole; with sequential scans off, the planner shows the index that serves the match.
      const explained = await sql<Record<string, string>>`explain select number from invoices
        where payer_key like '%habsi%'`.execute(conn);
      await sql`reset enable_seqscan`.execute(conn);
      return explained.rows.map((r) => Object.values(r)[0]).join("\n");
    });
    expect(plan).toContain("invoices_payer_key_trgm");
  });

  it("offers, on the payments page, the payers whose names contain a name that is not exactly one", async () => {
    const en = await (await t.app.request(`/payments?lang=en&payer=${encodeURIComponent("HABSI")}`)).text();
    expect(en).toContain("No invoices for");
    expect(en).toContain("Payers whose names contain it:");
    expect(en).toContain(`href="/payments?payer=Al+Habsi+Trading+LLC&amp;lang=en"`);
    const ar = await (await t.app.request(`/payments?lang=ar&payer=${encodeURIComponent("احمد")}`)).text();
    expect(ar).toContain("مؤسسة أحمد للتجارة");
    expect(ar).not.toContain("Al Habsi Trading LLC");
    const exact = await (
      await t.app.request(`/payments?lang=en&payer=${encodeURIComponent("Sohar Dates SAOG")}`)
    ).text();
    expect(exact).toContain(numbers.get("Sohar Dates SAOG"));
    expect(exact).not.toContain("Payers whose names contain it:");
  });

  it("shows the list in English and Arabic, with overdue badges, counts and links", async () => {
    const en = await (await t.app.request("/cashier?lang=en")).text();
    expect(en).toContain("Cashier");
    expect(en).toContain(numbers.get("Al Habsi Trading LLC"));
    expect(en).toContain("ipo-badge--danger");
    expect(en).toContain("Overdue");
    expect(en).toContain("Invoices found: 5");
    expect(en).not.toContain("Unknown field");
    expect(en.indexOf(numbers.get("Al Habsi Trading LLC") ?? "?")).toBeLessThan(
      en.indexOf(numbers.get("Sohar Dates SAOG") ?? "?"),
    );
    const ar = await (await t.app.request(`/cashier?lang=ar&payer=${encodeURIComponent("احمد")}`)).text();
    expect(ar).toContain('dir="rtl"');
    expect(ar).toContain("أمين الصندوق");
    expect(ar).toContain("متأخرة السداد");
    expect(ar).toContain(numbers.get("مؤسسة أحمد للتجارة"));
    expect(ar).not.toContain(numbers.get("Al Habsi Trading LLC"));
    const hostile = await (await t.app.request(`/cashier?payer=${encodeURIComponent("<script>x</script>")}`)).text();
    expect(hostile).not.toContain("<script>x");
  });
});
