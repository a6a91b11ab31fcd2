/**
 * Invoice and payment from the e-filing portal (issue 11 §4, decision 0607), on PGlite and PostgreSQL: every filing
 * raises its invoice in the filing's transaction; the holder of the receipt's link and the filer's account pay it
 * through the gateway; the local simulator's hosted page pays or declines, and paying delivers the signed notification
 * through the office's own webhook path (verified, applied once); another account's invoice reads as unknown; hostile
 * input on the simulator answers 4xx and writes nothing.
 */
import { Effect } from "effect";
import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "../src/db/Database.js";
import { makeUnpaidFilings } from "../src/fees/UnpaidFilings.js";
import { Rights } from "../src/rights/Rights.js";
import { testApp } from "./support/app.js";
import { testDatabases } from "./support/databases.js";

const formHeaders = { "content-type": "application/x-www-form-urlencoded", accept: "text/html" };

const trademark = (mark: string) => ({
  kind: "trademark",
  intent: "file",
  markText: mark,
  markType: "word",
  markCategory: "individual",
  ownerKind: "legal",
  ownerName: "Nizwa Crafts SAOC",
  ownerCountry: "OM",
  ownerAddress: "P.O. Box 1, Nizwa",
  goodsAndServicesText: "30: honey\n35: advertising",
});

/** A form post to the app, as a browser without JavaScript sends it. */
const postForm = (
  t: Awaited<ReturnType<typeof testApp>>,
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) =>
  t.raw.request(path, {
    method: "POST",
    headers: { ...formHeaders, ...headers },
    body: new URLSearchParams(fields).toString(),
  });

const count = async (db: OpenDatabase["db"], table: string) =>
  Number(
    (await sql<{ n: string | number }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]?.n ?? 0,
  );

describe.each(testDatabases)("paying filings through the gateway simulator on $name", (target) => {
  let database: OpenDatabase;
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    database = await target.open();
    t = await testApp(database, "2026-11-24T09:00:00Z", {
      rateLimits: false,
      configure: (c) => ({ ...c, fees: c.fees === undefined ? undefined : { ...c.fees, gateway: "simulator" } }),
    });
  });
  afterAll(() => database?.close());

  const post = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    postForm(t, path, fields, headers);
  const get = (path: string, headers: Record<string, string> = {}) =>
    t.raw.request(path, { headers: { accept: "text/html", ...headers } });

  /** Files through the form; the receipt's address (with its key). */
  const file = async (mark: string, headers: Record<string, string> = {}, extra: Record<string, string> = {}) => {
    const res = await post("/file?lang=en", { ...trademark(mark), ...extra }, headers);
    expect(res.status, await res.clone().text()).toBe(303);
    return res.headers.get("location") as string;
  };
  const numberOf = (receipt: string) => decodeURIComponent(/\/file\/receipt\/([^?]+)/.exec(receipt)?.[1] ?? "");

  it("raises the filing's invoice with the filing and shows it, owed, with a pay button on the receipt", async () => {
    const receipt = await file("SIDR GOLD");
    const st13 = numberOf(receipt);
    const right = await database.db
      .selectFrom("rights")
      .select(["application_number"])
      .where("st13", "=", st13)
      .executeTakeFirstOrThrow();
    const items = await database.db
      .selectFrom("invoice_items")
      .innerJoin("invoices", "invoices.number", "invoice_items.invoice_number")
      .select(["invoices.number", "invoices.state", "invoices.total", "invoices.payer"])
      .where("invoice_items.application_number", "=", right.application_number)
      .execute();
    expect(items).toHaveLength(1);
    expect(items[0]?.state).toBe("unpaid");
    expect(items[0]?.payer).toBe("Nizwa Crafts SAOC");
    const page = await (await get(receipt)).text();
    expect(page).toContain(`data-invoice="${items[0]?.number}"`);
    expect(page).toMatch(/Pay .*online/);
    // Without the receipt's key, the public sees no invoice (and the filing is not public yet).
    const bare = await get(receipt.replace(/[?&]key=[^&]+/, ""));
    expect(await bare.text()).not.toContain("data-invoice");
  });

  it("a declined payment charges nothing; a paid one is applied once through the signed notification", async () => {
    const receipt = await file("SIDR SILVER");
    const payAt = receipt.replace(/^\/file\/receipt\/([^?]+)\?/, "/file/receipt/$1/pay?");
    const started = await post(payAt, {});
    expect(started.status).toBe(303);
    const hosted = started.headers.get("location") as string;
    expect(hosted).toMatch(/^\/gateway-simulator\/[A-Za-z0-9_-]{24}$/);
    const shown = await get(`${hosted}?lang=ar`);
    expect(shown.status).toBe(200);
    const html = await shown.text();
    expect(html).toContain('dir="rtl"');
    expect(html).toContain("محاكي بوابة الدفع");

    const declined = await post(hosted, { outcome: "decline" });
    expect(declined.status).toBe(303);
    const back = declined.headers.get("location") as string;
    expect(back).toContain("payment=");
    expect(await (await get(back)).text()).toContain("The payment was declined");
    // A closed session cannot be paid.
    expect((await post(hosted, { outcome: "pay" })).status).toBe(409);
    expect(await count(database.db, "ledger_entries")).toBe(0);

    const again = await post(payAt, {});
    const second = again.headers.get("location") as string;
    expect(second).not.toBe(hosted);
    const paid = await post(second, { outcome: "pay" });
    expect(paid.status).toBe(303);
    const result = await (await get(paid.headers.get("location") as string)).text();
    expect(result).toContain("Payment received");
    expect(result).toContain("Paid");
    const entries = await database.db.selectFrom("ledger_entries").selectAll().execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]?.gateway).toBe("simulator");
    expect(entries[0]?.receipt_number).toBeTruthy();
    // Sending the notification again (the gateway's retry) applies nothing twice.
    expect((await post(second, { outcome: "pay" })).status).toBe(303);
    expect(await count(database.db, "ledger_entries")).toBe(1);
    // Nothing is owed: no new payment starts.
    expect((await post(payAt, {})).status).toBe(409);
  });

  it("refuses to start a payment without the receipt's key, and lets no session be completed after its time", async () => {
    const receipt = await file("SIDR BRONZE");
    const payAt = receipt.replace(/^\/file\/receipt\/([^?]+)\?/, "/file/receipt/$1/pay?");
    const before = await count(database.db, "payment_sessions");
    expect((await post(payAt.replace(/key=[^&]+/, "key=forged"), {})).status).toBe(404);
    expect(await count(database.db, "payment_sessions")).toBe(before);
    const started = await post(payAt, {});
    const hosted = started.headers.get("location") as string;
    t.time.set("2026-11-24T09:31:00Z");
    try {
      expect((await post(hosted, { outcome: "pay" })).status).toBe(409);
      expect(await (await get(`${hosted}?lang=en`)).text()).toContain("This payment is closed (expired)");
    } finally {
      t.time.set("2026-11-24T09:00:00Z");
    }
  });

  it("an applicant pays from My invoices; another account neither sees nor pays that invoice", async () => {
    const owner = await t.filer("applicant", "Dhofar Honey LLC");
    const other = await t.filer("applicant", "Someone Else");
    await file("DHOFAR BEES", owner.headers, { _csrf: owner.csrf });
    const list = await get("/efiling/invoices?lang=en", { cookie: owner.cookie });
    expect(list.status).toBe(200);
    const text = await list.text();
    const number = /data-invoice="([^"]+)"/.exec(text)?.[1] as string;
    expect(number).toBeTruthy();
    expect(await (await get("/efiling/invoices?lang=en", { cookie: other.cookie })).text()).not.toContain(number);
    const pdf = await get(`/efiling/invoices/${encodeURIComponent(number)}/pdf`, { cookie: owner.cookie });
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect((await get(`/efiling/invoices/${encodeURIComponent(number)}/pdf`, { cookie: other.cookie })).status).toBe(
      404,
    );
    const refused = await post(
      `/efiling/invoices/${encodeURIComponent(number)}/pay`,
      { _csrf: other.csrf },
      {
        cookie: other.cookie,
      },
    );
    expect(refused.status).toBe(404);
    const started = await post(
      `/efiling/invoices/${encodeURIComponent(number)}/pay?lang=en`,
      { _csrf: owner.csrf },
      {
        cookie: owner.cookie,
      },
    );
    expect(started.status).toBe(303);
    const paid = await post(started.headers.get("location") as string, { outcome: "pay" });
    const back = paid.headers.get("location") as string;
    expect(back).toMatch(/^\/efiling\/invoices\?lang=en&payment=/);
    const after = await (await get(back, { cookie: owner.cookie })).text();
    expect(after).toContain("Payment received");
  });

  it("answers any simulator input with a 4xx, never a 500, and writes nothing", async () => {
    const sessions = await count(database.db, "payment_sessions");
    const entries = await count(database.db, "ledger_entries");
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 60 }),
        fc.oneof(fc.constantFrom("pay", "decline", ""), fc.string({ maxLength: 20 })),
        async (id, outcome) => {
          const path = `/gateway-simulator/${encodeURIComponent(id || "x")}`;
          const res = await post(path, { outcome });
          expect([400, 404]).toContain(res.status);
          expect([404]).toContain((await get(path)).status);
        },
      ),
      { numRuns: 40 },
    );
    expect(await count(database.db, "payment_sessions")).toBe(sessions);
    expect(await count(database.db, "ledger_entries")).toBe(entries);
  });

  it("files nothing when the invoice cannot be written: the filing and its invoice commit together", async () => {
    const rights = await count(database.db, "rights");
    const invoices = await count(database.db, "invoices");
    await sql`create or replace function ipo_test_refuse_invoice() returns trigger language plpgsql as $$
      begin raise exception 'invoice refused by the test'; end $$`.execute(database.db);
    await sql`create trigger ipo_test_refuse_invoice before insert on invoices
      for each row execute function ipo_test_refuse_invoice()`.execute(database.db);
    try {
      const res = await post("/file?lang=en", trademark("SIDR LOST"));
      expect(res.status).toBe(503);
    } finally {
      await sql`drop trigger ipo_test_refuse_invoice on invoices`.execute(database.db);
      await sql`drop function ipo_test_refuse_invoice()`.execute(database.db);
    }
    expect(await count(database.db, "rights")).toBe(rights);
    expect(await count(database.db, "invoices")).toBe(invoices);
  });
});

describe.each(testDatabases)("the unpaid-filings rule on $name", (target) => {
  let database: OpenDatabase;
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    database = await target.open();
    t = await testApp(database, "2026-11-24T09:00:00Z", {
      rateLimits: false,
      configure: (c) => ({
        ...c,
        fees:
          c.fees === undefined
            ? undefined
            : { ...c.fees, gateway: "simulator", unpaidFilings: { remindAfterDays: [10], withdrawAfterDays: 30 } },
      }),
    });
  });
  afterAll(() => database?.close());

  const post = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    postForm(t, path, fields, headers);
  const sweep = (day: string) => {
    const unpaid = makeUnpaidFilings(database.db, t.config);
    return t.staff((rights) => Effect.provideService(unpaid.sweep(day, new Date(`${day}T06:00:00Z`)), Rights, rights));
  };
  const statusOf = async (number: string) =>
    (
      await database.db
        .selectFrom("rights")
        .select("status")
        .where("application_number", "=", number)
        .executeTakeFirstOrThrow()
    ).status;

  it("reminds the filer once, then deems an unpaid filing withdrawn (EPC art. 78(2) as the default's model); paid and cashier-billed filings are left alone", async () => {
    const applicant = await t.filer("applicant", "Sur Boats LLC");
    const file = async (mark: string) => {
      const res = await post(
        "/file?lang=en",
        { ...trademark(mark), _csrf: applicant.csrf },
        { cookie: applicant.cookie },
      );
      expect(res.status).toBe(303);
      const st13 = decodeURIComponent(/\/file\/receipt\/([^?]+)/.exec(res.headers.get("location") ?? "")?.[1] ?? "");
      return (
        await database.db
          .selectFrom("rights")
          .select("application_number")
          .where("st13", "=", st13)
          .executeTakeFirstOrThrow()
      ).application_number;
    };
    const unpaid = await file("SUR DHOW");
    const paid = await file("SUR SAIL");
    // The second is paid through the gateway simulator.
    const invoices = await (
      await t.raw.request("/efiling/invoices?lang=en", { headers: { cookie: applicant.cookie } })
    ).text();
    const paidInvoice = (
      await database.db
        .selectFrom("invoice_items")
        .select("invoice_number")
        .where("application_number", "=", paid)
        .executeTakeFirstOrThrow()
    ).invoice_number;
    expect(invoices).toContain(paidInvoice);
    const started = await post(
      `/efiling/invoices/${encodeURIComponent(paidInvoice)}/pay`,
      { _csrf: applicant.csrf },
      {
        cookie: applicant.cookie,
      },
    );
    expect((await post(started.headers.get("location") as string, { outcome: "pay" })).status).toBe(303);
    // A filing made by staff through the API and billed by the cashier: not raised on filing, never touched.
    const staffFiled = await t.jsonAs("clerk", "POST", "/api/v1/applications", {
      kind: "trademark",
      mark: { text: "SUR NET", type: "word" },
      owners: [{ name: "Sur Nets SAOC", country: "OM" }],
      goodsAndServices: [{ classNumber: 22, terms: ["fishing nets"] }],
    });
    const cashierBilled = (await staffFiled.json()).applicationNumber as string;
    expect((await t.jsonAs("cashier", "POST", "/api/v1/invoices", { applications: [cashierBilled] })).status).toBe(201);

    const mails = async () =>
      Number(
        (
          await database.db
            .selectFrom("outbox")
            .select((eb) => eb.fn.countAll<string | number>().as("n"))
            .where("recipient", "=", applicant.email)
            .where("subject", "like", "Fees unpaid%")
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect((await sweep("2026-11-30")).reminded).toBe(0);
    const reminded = await sweep("2026-12-04");
    expect(reminded.reminded).toBe(1);
    expect(await mails()).toBe(1);
    // Run again (another instance, the next hour): nothing twice.
    expect((await sweep("2026-12-05")).reminded).toBe(0);
    expect(await mails()).toBe(1);

    const report = await sweep("2026-12-24");
    expect(report.withdrawn).toEqual([unpaid]);
    expect(await statusOf(unpaid)).toBe("deemed_withdrawn");
    expect(await statusOf(paid)).toBe("filed");
    expect(await statusOf(cashierBilled)).not.toBe("deemed_withdrawn");
    const history = await t.staff((r) => r.history(unpaid, { audience: "staff" }));
    expect(JSON.stringify(history.at(-1))).toContain("were not paid within 30 days");
    expect((await sweep("2026-12-25")).withdrawn).toEqual([]);
  });
});
