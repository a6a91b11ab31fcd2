/**
 * The e-filing portal's applicant and agent accounts through their routes (decision 0602), on PGlite and PostgreSQL:
 * registration confirmed through the outbox page's link, sign-in, password reset, filing while signed in (the account
 * is the filer, its parties filled in), drafts saved and resumed, an agent filing for a client that authorised it,
 * my filings with status, time limit and fees, a letter of the office answered by a reply that staff read, and the
 * office that requires an account to file.
 */
import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "../src/db/Database.js";
import { stepsToPublication, testApp } from "./support/app.js";
import { testDatabases } from "./support/databases.js";

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const formHeaders = { "content-type": "application/x-www-form-urlencoded", accept: "text/html" };

const trademark = {
  kind: "trademark",
  intent: "file",
  markText: "SIDR",
  markType: "word",
  markCategory: "individual",
  ownerKind: "legal",
  goodsAndServicesText: "30: honey\n35: advertising",
};

/** The rows of the accounts' tables (a refused request changes none). */
const accountRows = async (db: OpenDatabase["db"]) => {
  const out: Record<string, number> = {};
  for (const table of ["filer_accounts", "filer_links", "filer_sessions", "outbox", "filer_clients", "filing_drafts"]) {
    const n = await sql<{ n: string | number }>`select count(*) as n from ${sql.table(table)}`.execute(db);
    out[table] = Number(n.rows[0]?.n ?? 0);
  }
  return out;
};

describe.each(testDatabases)("e-filing accounts on $name", (target) => {
  let database: OpenDatabase;
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    database = await target.open();
    t = await testApp(database, "2026-11-24T09:00:00Z", {
      rateLimits: false,
      configure: (c) => ({ ...c, efiling: { ...c.efiling, outboxPage: true } }),
    });
  });
  afterAll(() => database?.close());

  const post = (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    t.raw.request(path, { method: "POST", headers: { ...formHeaders, ...headers }, body: form(fields) });
  const get = (path: string, headers: Record<string, string> = {}) =>
    t.raw.request(path, { headers: { accept: "text/html", ...headers } });
  const cookieOf = (res: Response) => /ipo_filer=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")?.[1];

  describe("registration, confirmation and sign-in", () => {
    const email = "Mariam.Al-Rawahi@Example.OM";
    const password = "dates and frankincense 2026";

    it("registers an applicant and writes the confirmation e-mail to the outbox, shown with its link on /outbox", async () => {
      const res = await post("/efiling/register?lang=en", {
        name: "مريم الرواحي",
        email,
        password,
        kind: "applicant",
        country: "OM",
        address: "Way 3021, Muscat",
      });
      expect(res.status).toBe(201);
      expect(await res.text()).toContain("mariam.al-rawahi@example.om");
      const outbox = await (await get("/outbox?lang=en")).text();
      expect(outbox).toContain("Confirm your e-mail address");
      expect(outbox).toMatch(/href="\/efiling\/confirm\/[A-Za-z0-9_-]{43}\?lang=en"/);
    });

    it("refuses to sign in before the address is confirmed, then confirms through the link (once) and signs in", async () => {
      const early = await post("/efiling/sign-in?lang=en", { email, password });
      expect(early.status).toBe(401);
      expect(cookieOf(early)).toBeUndefined();
      const outbox = await (await get("/outbox")).text();
      const link = /href="(\/efiling\/confirm\/[A-Za-z0-9_-]{43})\?lang=en"/.exec(outbox)?.[1] as string;
      // The link's page only asks: following a link in a mail (or a scanner doing it) confirms nothing.
      expect((await get(link)).status).toBe(200);
      const beforeConfirm = await database.db.selectFrom("filer_accounts").select("confirmed_at").executeTakeFirst();
      expect(beforeConfirm?.confirmed_at).toBeNull();
      expect((await post(link, {})).status).toBe(200);
      expect((await post(link, {})).status).toBe(400);
      const signed = await post("/efiling/sign-in?lang=en", { email: "  MARIAM.al-rawahi@example.om ", password });
      expect(signed.status).toBe(303);
      expect(signed.headers.get("location")).toBe("/efiling/filings?lang=en");
      const cookie = cookieOf(signed);
      expect(cookie).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const page = await get("/efiling/filings?lang=ar", { cookie: `ipo_filer=${cookie}` });
      expect(page.status).toBe(200);
      const text = await page.text();
      expect(text).toContain('dir="rtl"');
      expect(text).toContain("طلباتي");
    });

    it("registers the same address once only", async () => {
      const again = await post("/efiling/register?lang=en", {
        name: "Someone else",
        email: email.toUpperCase(),
        password,
        kind: "agent",
        country: "OM",
        address: "x",
      });
      expect(again.status).toBe(400);
      expect(await again.text()).toContain("This address is already registered");
    });

    it("resets a forgotten password by e-mail; the old one stops working, unknown addresses get the same answer", async () => {
      const unknown = await post("/efiling/reset?lang=en", { email: "nobody@example.om" });
      const known = await post("/efiling/reset?lang=en", { email });
      expect(unknown.status).toBe(200);
      expect(known.status).toBe(200);
      expect(await unknown.text()).toBe(await known.text());
      const mails = await database.db
        .selectFrom("outbox")
        .select(["recipient", "link", "subject"])
        .where("subject", "=", "Choose a new password")
        .execute();
      expect(mails.map((m) => m.recipient)).toEqual(["mariam.al-rawahi@example.om"]);
      const link = `${new URL(mails[0]?.link as string).pathname}?lang=en`;
      const weak = await post(link, { password: "short" });
      expect(weak.status).toBe(400);
      expect(await weak.text()).toContain("At least 12 characters");
      expect((await post(link, { password: "a new and longer passphrase" })).status).toBe(200);
      expect((await post("/efiling/sign-in", { email, password })).status).toBe(401);
      expect((await post("/efiling/sign-in", { email, password: "a new and longer passphrase" })).status).toBe(303);
      expect((await post(link, { password: "yet another passphrase!" })).status).toBe(400);
    });
  });

  describe("filing while signed in", () => {
    it("ties the filing to the account, fills the applicant from it, and lists it under my filings; others never see it", async () => {
      const applicant = await t.filer("applicant", "Sidr Honey Co.");
      const page = await (await get("/file?lang=en", applicant.headers)).text();
      expect(page).toContain("data-filing-as");
      expect(page).toContain(`value="${applicant.csrf}"`);
      const filed = await post("/file?lang=en", { ...trademark, _csrf: applicant.csrf }, { cookie: applicant.cookie });
      expect(filed.status).toBe(303);
      const list = await (await get("/efiling/filings?lang=en", applicant.headers)).text();
      const number = /data-number="([^"]+)"/.exec(list)?.[1] as string;
      expect(number).toMatch(/^TM\/2026\/\d{6}$/);
      expect(list).toContain("SIDR");
      expect(list).toContain("Sidr Honey Co.");
      // The filing event names the account as the filer.
      const event = await database.db
        .selectFrom("right_events")
        .select(["actor_id", "actor_role"])
        .where("application_number", "=", number)
        .executeTakeFirstOrThrow();
      expect(event).toEqual({ actor_id: `filer:${applicant.id}`, actor_role: "applicant" });
      const owner = await database.db
        .selectFrom("right_parties")
        .select(["name", "country"])
        .where("application_number", "=", number)
        .where("role", "=", "owner")
        .executeTakeFirstOrThrow();
      expect(owner).toEqual({ name: "Sidr Honey Co.", country: "OM" });
      // Another account: not in its list, and the filing's page answers as for an unknown number.
      const other = await t.filer("applicant");
      expect(await (await get("/efiling/filings", other.headers)).text()).not.toContain(number);
      expect((await get(`/efiling/filings/${encodeURIComponent(number)}`, other.headers)).status).toBe(404);
      const reply = await post(
        `/efiling/filings/${encodeURIComponent(number)}/reply`,
        { text: "not mine", _csrf: other.csrf },
        { cookie: other.cookie },
      );
      expect(reply.status).toBe(404);
    });

    it("refuses a filer's post without its session's CSRF token, filing nothing", async () => {
      const applicant = await t.filer("applicant");
      const before = await database.db
        .selectFrom("rights")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirst();
      const res = await post("/file?lang=en", trademark, { cookie: applicant.cookie });
      expect(res.status).toBe(403);
      const after = await database.db
        .selectFrom("rights")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirst();
      expect(after).toEqual(before);
    });

    it("keeps the anonymous form as it was: filing without an account files for no one", async () => {
      const res = await post("/file?lang=en", { ...trademark, ownerName: "Walk-in LLC", ownerCountry: "OM" });
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toMatch(/^\/file\/receipt\//);
    });

    it("saves a draft server-side and resumes it; filing the draft removes it", async () => {
      const applicant = await t.filer("applicant");
      const saved = await post(
        "/file?lang=en",
        { ...trademark, intent: "draft", markText: "HALF DONE", _csrf: applicant.csrf },
        { cookie: applicant.cookie },
      );
      expect(saved.status).toBe(303);
      const location = saved.headers.get("location") as string;
      const draftId = /draft=([0-9a-f-]{36})/.exec(location)?.[1] as string;
      const resumed = await (await get(location, applicant.headers)).text();
      expect(resumed).toContain('value="HALF DONE"');
      expect(resumed).toContain(`name="draft" value="${draftId}"`);
      expect(resumed).toContain("Draft saved.");
      const list = await (await get("/efiling/filings", applicant.headers)).text();
      expect(list).toContain(`data-draft="${draftId}"`);
      // Nobody else resumes it.
      const other = await t.filer("applicant");
      expect(await (await get(location, other.headers)).text()).not.toContain("HALF DONE");
      const filed = await post(
        "/file?lang=en",
        { ...trademark, markText: "HALF DONE", draft: draftId, _csrf: applicant.csrf },
        { cookie: applicant.cookie },
      );
      expect(filed.status).toBe(303);
      expect(await (await get("/efiling/filings", applicant.headers)).text()).not.toContain(`data-draft="${draftId}"`);
    });
  });

  describe("agents and their clients", () => {
    it("an agent files for a client who authorised it: both see the filing; the agent is the representative", async () => {
      const agent = await t.filer("agent", "Gulf IP Attorneys");
      const applicant = await t.filer("applicant", "Wadi Crafts SAOC");
      const refused = await post(
        "/efiling/authorise?lang=en",
        { agentEmail: "nobody@example.test", _csrf: applicant.csrf },
        { cookie: applicant.cookie },
      );
      expect(refused.status).toBe(400);
      const authorised = await post(
        "/efiling/authorise?lang=en",
        { agentEmail: agent.email, _csrf: applicant.csrf },
        { cookie: applicant.cookie },
      );
      expect(authorised.status).toBe(303);
      const clients = await (await get("/efiling/clients?lang=en", agent.headers)).text();
      const clientId = /data-client="([0-9a-f-]{36})"/.exec(clients)?.[1] as string;
      expect(clients).toContain("Wadi Crafts SAOC");
      expect(clients).toContain("authorised by the applicant");
      const filed = await post(
        "/file?lang=en",
        { ...trademark, markText: "WADI", client: clientId, _csrf: agent.csrf },
        { cookie: agent.cookie },
      );
      expect(filed.status).toBe(303);
      const agentList = await (await get("/efiling/filings?lang=en", agent.headers)).text();
      const applicantList = await (await get("/efiling/filings?lang=en", applicant.headers)).text();
      const number = /data-number="([^"]+)"/.exec(agentList)?.[1] as string;
      expect(applicantList).toContain(`data-number="${number}"`);
      expect(applicantList).toContain("filed by your agent");
      const parties = await database.db
        .selectFrom("right_parties")
        .select(["role", "name"])
        .where("application_number", "=", number)
        .orderBy("role")
        .execute();
      expect(parties).toEqual([
        { role: "owner", name: "Wadi Crafts SAOC" },
        { role: "representative", name: "Gulf IP Attorneys" },
      ]);
    });

    it("an agent declares a client; another agent's client id is refused; applicants have no client list", async () => {
      const agent = await t.filer("agent");
      const declared = await post(
        "/efiling/clients?lang=en",
        { name: "Nizwa Pottery", country: "OM", address: "Nizwa", _csrf: agent.csrf },
        { cookie: agent.cookie },
      );
      expect(declared.status).toBe(303);
      const clientId = /data-client="([0-9a-f-]{36})"/.exec(
        await (await get("/efiling/clients", agent.headers)).text(),
      )?.[1] as string;
      const intruder = await t.filer("agent");
      const before = await database.db
        .selectFrom("rights")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirst();
      const res = await post(
        "/file?lang=en",
        { ...trademark, client: clientId, _csrf: intruder.csrf },
        { cookie: intruder.cookie },
      );
      expect(res.status).toBe(400);
      expect(
        await database.db
          .selectFrom("rights")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirst(),
      ).toEqual(before);
      const applicant = await t.filer("applicant");
      const page = await get("/efiling/clients", applicant.headers);
      expect(page.status).toBe(403);
      expect(await page.text()).toContain("agent-required");
    });
  });

  describe("my filings: status, time limit, fees; correspondence and replies", () => {
    it("shows the invoice and what is owed, the office's letter, and files a reply staff read on the record", async () => {
      const applicant = await t.filer("applicant", "Frankincense Trading");
      await post(
        "/file?lang=en",
        { ...trademark, markText: "LUBAN", _csrf: applicant.csrf },
        { cookie: applicant.cookie },
      );
      const list = await (await get("/efiling/filings?lang=en", applicant.headers)).text();
      const number = /data-number="([^"]+)"/.exec(list)?.[1] as string;
      // The filing raised its invoice (issue 11 §4): billed once, so the cashier cannot bill it again.
      const again = await t.jsonAs("cashier", "POST", "/api/v1/invoices", { applications: [number] });
      expect(again.status).toBe(409);
      const { total } = await database.db
        .selectFrom("invoice_items")
        .innerJoin("invoices", "invoices.number", "invoice_items.invoice_number")
        .select("invoices.total")
        .where("invoice_items.application_number", "=", number)
        .executeTakeFirstOrThrow();
      const withFees = list;
      expect(withFees).not.toContain("no invoice yet");
      const row = /<tr data-number="[^"]+">([\s\S]*?)<\/tr>/.exec(withFees)?.[1] ?? "";
      // Nothing paid yet: what it costs and what is owed are both the invoice's total (OMR has 3 decimals).
      expect(Number(total)).toBeGreaterThan(0);
      const shown = new Intl.NumberFormat("en-u-nu-latn", { style: "currency", currency: "OMR" }).format(
        Number(total) / 1000,
      );
      expect(row.split(shown).length - 1).toBe(2);
      // Sorting and filtering come from the query.
      const filtered = await (await get("/efiling/filings?lang=en&q=LUBAN&sort=due-asc", applicant.headers)).text();
      expect(filtered.match(/<tr data-number=/g)?.length).toBe(1);
      expect(await (await get("/efiling/filings?lang=en&q=nothing-like-this", applicant.headers)).text()).toContain(
        "No filing matches",
      );
      // A letter of the office, then the applicant's reply.
      const issued = await t.jsonAs(
        "formality_examiner",
        "POST",
        `/api/v1/applications/${encodeURIComponent(number)}/documents`,
        {
          kind: "formality-objection",
          language: "en",
          grounds: "The class 35 fee is missing.",
        },
      );
      expect(issued.status).toBe(201);
      const letterId = (await issued.json()).id as string;
      const filingPage = await (
        await get(`/efiling/filings/${encodeURIComponent(number)}?lang=en`, applicant.headers)
      ).text();
      expect(filingPage).toContain(`/documents/${letterId}`);
      const pdf = await get(`/efiling/filings/${encodeURIComponent(number)}/documents/${letterId}`, applicant.headers);
      expect(pdf.headers.get("content-type")).toBe("application/pdf");
      const empty = await post(
        `/efiling/filings/${encodeURIComponent(number)}/reply?lang=en`,
        { text: "   ", _csrf: applicant.csrf },
        { cookie: applicant.cookie },
      );
      expect(empty.status).toBe(400);
      const reply = await post(
        `/efiling/filings/${encodeURIComponent(number)}/reply?lang=en`,
        { text: "The class 35 fee was paid today.", inReplyTo: letterId, _csrf: applicant.csrf },
        { cookie: applicant.cookie },
      );
      expect(reply.status).toBe(303);
      // Published, the filing shows its next time limit: the end of the opposition period, as the workflow names it.
      for (const [role, action] of stepsToPublication) {
        const done = await t.jsonAs(role, "POST", `/api/v1/applications/${encodeURIComponent(number)}/actions`, {
          action,
        });
        expect(done.status, action).toBe(200);
      }
      const due = await (await get("/efiling/filings?lang=en&sort=due-asc", applicant.headers)).text();
      const dueRow = new RegExp(`<tr data-number="${number}">([\\s\\S]*?)</tr>`).exec(due)?.[1] ?? "";
      expect(dueRow).toMatch(/\d{4}/);
      expect(dueRow).toContain("Opposition period ended");
      const staff = await t.session("examiner");
      const received = await get(`/office/records/${encodeURIComponent(number)}/correspondence?lang=en`, staff.headers);
      expect(received.status).toBe(200);
      const text = await received.text();
      expect(text).toContain("The class 35 fee was paid today.");
      expect(text).toContain("Frankincense Trading");
      const record = await (await get(`/office/records/${encodeURIComponent(number)}?lang=en`, staff.headers)).text();
      expect(record).toContain('data-incoming="1"');
      const audit = await database.db
        .selectFrom("audit_log")
        .select(["action", "target"])
        .where("action", "=", "filer.reply")
        .execute();
      expect(audit).toContainEqual({ action: "filer.reply", target: number });
    });

    it("never lets a filer's session into a staff area", async () => {
      const applicant = await t.filer("applicant");
      for (const path of ["/office", "/office/records", "/admin", "/cashier", "/madrid", "/account"]) {
        const res = await get(path, applicant.headers);
        expect([303, 401, 403], path).toContain(res.status);
        if (res.status === 303) expect(res.headers.get("location"), path).toMatch(/^\/sign-in/);
      }
      const api = await t.raw.request("/api/v1/applications", {
        method: "POST",
        headers: { cookie: applicant.cookie, "x-csrf-token": applicant.csrf, "content-type": "application/json" },
        body: JSON.stringify({ kind: "trademark" }),
      });
      expect(api.status).toBe(401);
      // Nor does a staff session open the portal's account pages.
      const staff = await t.session("registrar", "clerk");
      const mine = await get("/efiling/filings", staff.headers);
      expect(mine.status).toBe(303);
      expect(mine.headers.get("location")).toMatch(/^\/efiling\/sign-in\?next=/);
      const reply = await post(
        "/efiling/authorise",
        { agentEmail: "x@example.om", _csrf: staff.csrf },
        { cookie: staff.cookie },
      );
      expect(reply.status).toBe(401);
      expect(await reply.text()).toContain("filer-sign-in-required");
    });
  });

  describe("bad input", () => {
    /** Hostile or oversized registration fields: 400 naming the field, nothing written. */
    it("answers 400 naming the field for hostile names, e-mails and oversized fields, and writes nothing", async () => {
      const valid = {
        name: "Valid Name",
        email: "valid@example.om",
        password: "a long enough passphrase",
        kind: "applicant",
        country: "OM",
        address: "Muscat",
      };
      const hostile = fc.oneof(
        fc.constant(""),
        fc.constant("   "),
        fc.string({ minLength: 1001, maxLength: 1500 }),
        fc.constantFrom("a\u0000b", "x\u202ey", "line\u0007bell", "<script>alert(1)</script>\u0000"),
      );
      const badEmail = fc.oneof(
        fc.constantFrom("no-at-sign", "a@b", "a b@example.om", '"quoted"@example.om', "x@-bad.om", "@example.om"),
        fc.string({ minLength: 255, maxLength: 400 }).map((s) => `${s}@example.om`),
      );
      const field = fc.constantFrom("name", "email", "kind", "country", "address", "password");
      await fc.assert(
        fc.asyncProperty(field, hostile, badEmail, async (name, value, email) => {
          const before = await accountRows(database.db);
          const fields: Record<string, string> = {
            ...valid,
            email: `p${Math.random().toString(36).slice(2)}@example.om`,
          };
          fields[name] =
            name === "email"
              ? email
              : name === "kind"
                ? "staff"
                : name === "country"
                  ? "ZZ"
                  : name === "password"
                    ? "x".repeat(2000)
                    : value.split("\u0000").join("\u0001");
          const res = await post("/efiling/register?lang=en", fields);
          expect(res.status).toBe(400);
          expect(await res.text()).toContain(`href="#f-${name}"`);
          expect(await accountRows(database.db)).toEqual(before);
        }),
        { numRuns: 40 },
      );
    });
  });

  describe("an office that requires an account to file", () => {
    it("sends the anonymous to sign in and files nothing for them", async () => {
      const required = await testApp(database, "2026-11-24T09:00:00Z", {
        rateLimits: false,
        configure: (c) => ({ ...c, efiling: { ...c.efiling, accountRequired: true } }),
      });
      const page = await required.raw.request("/file?lang=en", { headers: { accept: "text/html" } });
      expect(page.status).toBe(303);
      expect(page.headers.get("location")).toMatch(/^\/efiling\/sign-in\?next=/);
      const res = await required.raw.request("/file?lang=en", {
        method: "POST",
        headers: formHeaders,
        body: form({ ...trademark, ownerName: "Anon", ownerCountry: "OM" }),
      });
      expect(res.status).toBe(401);
      const applicant = await required.filer("applicant");
      const ok = await required.raw.request("/file?lang=en", {
        method: "POST",
        headers: { ...formHeaders, cookie: applicant.cookie },
        body: form({ ...trademark, _csrf: applicant.csrf }),
      });
      expect(ok.status).toBe(303);
    });
  });
});
