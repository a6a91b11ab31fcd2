/**
 * The desks (src/office/queues.ts, Worklists.ts, desks.ts) through the app, as staff use them: queues derived from the
 * workflows' actions, the order (the time limit that falls first, then items without one, oldest filing first), counts,
 * filters, keyset pages, assignment and reassignment with their audit rows, who sees which queue, and bulk actions
 * reported per item. On PGlite, and on PostgreSQL when IPO_TEST_DATABASE_URL is set.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "../src/db/Database.js";
import { countRows } from "../src/rights/RightsRepository.js";
import { testApp, trademarkFiling } from "./support/app.js";
import { testDatabases } from "./support/databases.js";
import { batch, xmlPost } from "./support/madrid.js";

const patentFiling = {
  kind: "patent",
  title: "Solar desalination still",
  claimsCount: 8,
  applicants: [{ name: "Gulf Water Research Co.", country: "OM" }],
  inventors: [{ name: "Noura Al Busaidi", country: "OM" }],
};

describe.each(testDatabases)("desks on $name", (target) => {
  let database: OpenDatabase;
  let t: Awaited<ReturnType<typeof testApp>>;
  /** Application numbers by name. */
  const n: Record<string, { applicationNumber: string; st13: string }> = {};
  let examinerA: Awaited<ReturnType<typeof t.session>>;
  let examinerB: Awaited<ReturnType<typeof t.session>>;
  let cashier: Awaited<ReturnType<typeof t.session>>;
  let clerk: Awaited<ReturnType<typeof t.session>>;

  const file = async (name: string, at: string, body: unknown) => {
    t.time.set(at);
    const res = await t.jsonAs("clerk", "POST", "/api/v1/applications", body);
    expect(res.status, name).toBe(201);
    const right = await res.json();
    n[name] = { applicationNumber: right.applicationNumber, st13: right.st13 };
  };
  const act = async (role: string, name: string, action: string, extra: Record<string, unknown> = {}) => {
    const res = await t.jsonAs(role, "POST", `/api/v1/applications/${n[name]!.st13}/actions`, { action, ...extra });
    expect(res.status, `${name} ${action}`).toBe(200);
    return (await res.json()).right;
  };
  const worklist = async (roles: string | string[], queue: string, query = "") =>
    t.jsonAs(roles, "GET", `/api/v1/worklists/${queue}${query}`);

  beforeAll(async () => {
    database = await target.open();
    t = await testApp(database, "2026-01-05T09:00:00Z");
    // Filed oldest first: OLDEST on 5 January, then a patent, then NEWEST; DEFICIENT and LATE get a formality
    // deficiency, so a time limit runs on them.
    await file("DEFICIENT", "2026-01-05T09:00:00Z", { ...trademarkFiling, mark: { text: "DEFICIENT", type: "word" } });
    await file("OLDEST", "2026-01-06T09:00:00Z", { ...trademarkFiling, mark: { text: "OLDEST", type: "word" } });
    await file("PATENT", "2026-01-20T09:00:00Z", patentFiling);
    await file("LATE", "2026-02-01T09:00:00Z", { ...trademarkFiling, mark: { text: "LATE", type: "word" } });
    await file("NEWEST", "2026-02-10T09:00:00Z", {
      ...trademarkFiling,
      mark: { text: "SAHARA", type: "word" },
      goodsAndServices: [{ classNumber: 30, terms: ["coffee"] }],
    });
    t.time.set("2026-02-12T09:00:00Z");
    for (const name of ["DEFICIENT", "LATE"]) {
      await act("clerk", name, "accord_filing_date");
    }
    // LATE's deficiency is notified first, so its time limit falls first even though it was filed later.
    await act("formality_examiner", "LATE", "notify_formality_deficiency", { reason: "Missing power of attorney" });
    t.time.set("2026-02-20T09:00:00Z");
    await act("formality_examiner", "DEFICIENT", "notify_formality_deficiency", {
      reason: "Missing priority document",
    });
    examinerA = await t.session("formality_examiner");
    examinerB = await t.session("formality_examiner");
    cashier = await t.session("cashier");
    clerk = await t.session("clerk");
  });
  afterAll(() => database?.close());

  it("orders a queue by the time limit that falls first, then items with none, oldest filing first", async () => {
    const res = await worklist("formality_examiner", "formality", "?lang=en");
    expect(res.status).toBe(200);
    const page = await res.json();
    expect(page.items.map((i: { key: string }) => i.key)).toEqual(
      ["LATE", "DEFICIENT", "OLDEST", "PATENT", "NEWEST"].map((x) => n[x]!.applicationNumber),
    );
    expect(page.total).toBe(5);
    const [late, deficient, oldest] = page.items;
    expect(late.due.date < deficient.due.date).toBe(true);
    expect(late.due.action).toBe("deem_withdrawn");
    expect(late.due.actionLabel).not.toBe("deem_withdrawn");
    expect(late.statusLabel).not.toBe(late.status);
    expect(oldest.due).toBeUndefined();
    // The mark as the office holds it.
    expect(page.items.map((i: { title: string }) => i.title)).toContain("SAHARA");
  });

  it("counts each queue the caller serves; days left turn negative once a time limit has passed", async () => {
    const before = await (await t.jsonAs("formality_examiner", "GET", "/api/v1/worklists?lang=ar")).json();
    const formality = before.items.find((q: { queue: string }) => q.queue === "formality");
    expect(formality).toMatchObject({ total: 5, overdue: 0, unassigned: 5, label: "الفحص الشكلي" });
    // A formality examiner serves no examination, publication or Madrid queue.
    expect(before.items.map((q: { queue: string }) => q.queue)).toEqual(["formality"]);
    const page = await (await worklist("formality_examiner", "formality", "?limit=1")).json();
    t.time.set("2030-01-01T09:00:00Z");
    const later = await (await worklist("formality_examiner", "formality", "?limit=1")).json();
    expect(later.items[0].due.daysLeft).toBeLessThan(0);
    expect(later.items[0].due.daysLeft).toBeLessThan(page.items[0].due.daysLeft);
    const counts = await (await t.jsonAs("formality_examiner", "GET", "/api/v1/worklists")).json();
    expect(counts.items[0]).toMatchObject({ queue: "formality", overdue: 2 });
    t.time.set("2026-02-20T09:00:00Z");
  });

  it("never shows a queue to a role that does not serve it", async () => {
    expect((await worklist("examiner", "formality")).status).toBe(404);
    expect((await worklist("cashier", "formality")).status).toBe(404);
    expect((await (await t.jsonAs("cashier", "GET", "/api/v1/worklists")).json()).items).toEqual([]);
    const examiner = await (await t.jsonAs("examiner", "GET", "/api/v1/worklists")).json();
    expect(examiner.items.map((q: { queue: string }) => q.queue)).toEqual(["examination"]);
    // The page answers the same way, and lists nothing of the queue.
    const page = await t.raw.request("/office/worklists/formality?lang=en", { headers: { cookie: cashier.cookie } });
    expect(page.status).toBe(404);
    expect(await page.text()).not.toContain(n["LATE"]!.applicationNumber);
  });

  it("filters by kind, Nice class and text, and refuses a filter it does not understand, naming the field", async () => {
    const keys = async (query: string) =>
      (await (await worklist("clerk", "formality", query)).json()).items.map((i: { key: string }) => i.key);
    expect(await keys("?kind=patent")).toEqual([n["PATENT"]!.applicationNumber]);
    expect(await keys("?class=30")).toEqual([n["NEWEST"]!.applicationNumber]);
    expect(await keys("?q=sahara")).toEqual([n["NEWEST"]!.applicationNumber]);
    expect(await keys("?q=Gulf%20Water")).toEqual([n["PATENT"]!.applicationNumber]);
    expect(await keys("?q=%25")).toEqual([]);
    for (const [query, field] of [
      ["?class=46", "class"],
      ["?kind=ship", "kind"],
      ["?assigned=someone", "assigned"],
      ["?limit=0", "limit"],
      ["?colour=red", "colour"],
    ] as const) {
      const res = await worklist("clerk", "formality", query);
      expect(res.status, query).toBe(400);
      expect(JSON.stringify(await res.json()), query).toContain(field);
    }
    expect((await worklist("clerk", "formality", "?after=bm90LWEtY3Vyc29y")).status).toBe(400);
  });

  it("pages with a cursor: every item once, in order", async () => {
    const seen: string[] = [];
    let query = "?limit=2";
    for (let i = 0; i < 5; i += 1) {
      const page = await (await worklist("clerk", "formality", query)).json();
      expect(page.total).toBe(5);
      seen.push(...page.items.map((x: { key: string }) => x.key));
      if (!page.next) break;
      query = `?limit=2&after=${encodeURIComponent(page.next)}`;
    }
    const all = (await (await worklist("clerk", "formality")).json()).items.map((x: { key: string }) => x.key);
    expect(seen).toEqual(all);
  });

  it("assigns and reassigns to a named examiner of the queue, item by item, each with its audit row", async () => {
    const items = [n["LATE"]!.applicationNumber, n["OLDEST"]!.st13, "TM/1999/999999"];
    const res = await t.jsonAs("clerk", "POST", "/api/v1/worklists/formality/assign", {
      items,
      assignee: examinerA.accountId,
    });
    expect(res.status).toBe(200);
    const { results } = await res.json();
    expect(results.map((r: { outcome: string }) => r.outcome)).toEqual(["assigned", "assigned", "not-in-queue"]);
    expect(results[2].code).toBe("unknown");
    // Reassigned: the row says from whom to whom.
    const again = await (
      await t.jsonAs("clerk", "POST", "/api/v1/worklists/formality/assign", {
        items: [n["LATE"]!.applicationNumber],
        assignee: examinerB.username,
      })
    ).json();
    expect(again.results[0]).toMatchObject({ outcome: "assigned", from: examinerA.accountId, to: examinerB.accountId });
    const audit = await sql<{ target: string; details: unknown }>`
      select target, details from audit_log where office_code = 'OM' and action = 'worklists.assign' order by seq`.execute(
      database.db,
    );
    expect(audit.rows.map((r) => r.target)).toEqual([
      n["LATE"]!.applicationNumber,
      n["OLDEST"]!.applicationNumber,
      n["LATE"]!.applicationNumber,
    ]);
    const last = audit.rows.at(-1)?.details as Record<string, unknown>;
    const details = typeof last === "string" ? JSON.parse(last) : last;
    expect(details).toMatchObject({ queue: "formality", from: examinerA.accountId, to: examinerB.accountId });
    // "Assigned to me", "unassigned".
    const mine = await (
      await t.app.request("/api/v1/worklists/formality?assigned=me", { headers: examinerB.headers })
    ).json();
    expect(mine.items.map((i: { key: string }) => i.key)).toEqual([n["LATE"]!.applicationNumber]);
    expect(mine.items[0].assignee.name).toMatch(/^Staff \d+$/);
    const unassigned = await (await worklist("clerk", "formality", "?assigned=unassigned")).json();
    expect(unassigned.total).toBe(3);
  });

  it("refuses an assignee who does not serve the queue, writing nothing", async () => {
    const before = await sql<{ n: number }>`select count(*)::int as n from worklist_assignments`.execute(database.db);
    for (const assignee of [cashier.accountId, "nobody-at-all", clerk.username.toUpperCase()]) {
      const res = await t.jsonAs("clerk", "POST", "/api/v1/worklists/formality/assign", {
        items: [n["NEWEST"]!.applicationNumber],
        assignee,
      });
      expect(res.status, assignee).toBe(422);
      expect((await res.json()).errors[0].path).toBe("assignee");
    }
    for (const body of [{ items: [], assignee: null }, { items: ["x"] }, { items: ["x"], assignee: 3 }, "[]"]) {
      expect((await t.jsonAs("clerk", "POST", "/api/v1/worklists/formality/assign", body)).status).toBe(400);
    }
    const after = await sql<{ n: number }>`select count(*)::int as n from worklist_assignments`.execute(database.db);
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });

  it("performs one action on several items, each on its own, and reports each", async () => {
    for (const name of ["PUB1", "PUB2"]) {
      await file(name, "2026-02-20T09:00:00Z", { ...trademarkFiling, mark: { text: name, type: "word" } });
      await act("clerk", name, "accord_filing_date");
      await act("formality_examiner", name, "formalities_compliant");
      await act("classifier", name, "classification_checked");
      await act("examiner", name, "examine");
    }
    const before = await countRows(database.db, "OM");
    // Per-item input (per-class decisions) cannot be given in bulk.
    const refused = await t.jsonAs("examiner", "POST", "/api/v1/worklists/examination/actions", {
      items: [n["PUB1"]!.applicationNumber],
      action: "examine",
    });
    expect(refused.status).toBe(422);
    // The problem names the failing field as every other problem of the API does.
    expect((await refused.json()).errors).toEqual([
      { path: "action", message: expect.stringContaining("several items") },
    ]);
    expect(await countRows(database.db, "OM")).toEqual(before);
    const res = await t.jsonAs("registrar", "POST", "/api/v1/worklists/publication/actions", {
      items: [n["PUB1"]!.applicationNumber, n["OLDEST"]!.applicationNumber, n["PUB2"]!.st13],
      action: "publish",
    });
    expect(res.status).toBe(200);
    const { results } = await res.json();
    expect(results.map((r: { outcome: string }) => r.outcome)).toEqual(["performed", "not-in-queue", "performed"]);
    expect(results[1]).toMatchObject({ code: "status" });
    expect(results[0].status).toBe("opposition_period");
    const after = await countRows(database.db, "OM");
    expect(after.events).toBe(before.events + 2);
  });

  it("shows the worklist page with labels, due dates and the queue menu, in English and Arabic", async () => {
    const en = await (
      await t.raw.request("/office/worklists/formality?lang=en", { headers: { cookie: examinerA.cookie } })
    ).text();
    expect(en).toContain("Formality examination");
    expect(en).toContain("data-queue-menu");
    expect(en.indexOf(n["LATE"]!.applicationNumber)).toBeLessThan(en.indexOf(n["OLDEST"]!.applicationNumber));
    expect(en).not.toContain(">deem_withdrawn<");
    expect(en).toContain("<bdi>SAHARA</bdi>");
    const ar = await (
      await t.raw.request("/office/worklists/formality?lang=ar", { headers: { cookie: examinerA.cookie } })
    ).text();
    expect(ar).toContain('dir="rtl"');
    expect(ar).toContain("الفحص الشكلي");
    expect(ar).not.toMatch(/>\s*(formality|formality_deficiency|filed)\s*</);
    // The back office's home shows the same menu.
    const home = await (await t.raw.request("/office?lang=en", { headers: { cookie: examinerA.cookie } })).text();
    expect(home).toContain('href="/office/worklists/formality?lang=en"');
  });

  it("assigns from the page and reports per item; a bulk registration asks for confirmation first", async () => {
    const post = (path: string, fields: Array<[string, string]>, who = clerk) =>
      t.raw.request(path, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: who.cookie, accept: "text/html" },
        body: new URLSearchParams([...fields, ["_csrf", who.csrf]]).toString(),
      });
    const assigned = await post("/office/worklists/formality/assign?lang=en", [
      ["item", n["NEWEST"]!.applicationNumber],
      ["assignee", examinerA.accountId],
    ]);
    expect(assigned.status).toBe(200);
    const page = await assigned.text();
    expect(page).toContain('data-outcome="assigned"');
    // Outcomes are labelled in the page's language, with no code or English reason.
    const unknown = await (
      await post("/office/worklists/formality/assign?lang=ar", [
        ["item", "TM/1999/999999"],
        ["assignee", examinerA.accountId],
      ])
    ).text();
    expect(unknown).toContain("ليس في هذه القائمة");
    expect(unknown).toContain("رقم غير معروف");
    expect(unknown).not.toContain("unknown application number");
    const none = await post("/office/worklists/formality/assign?lang=en", [["assignee", examinerA.accountId]]);
    expect(none.status).toBe(400);
    // Past the end of the opposition period the published marks await registration.
    t.time.set("2026-06-01T09:00:00Z");
    expect((await t.jsonAs("registrar", "POST", "/api/v1/time-limits/run")).status).toBe(200);
    const registrar = await t.session("registrar");
    const items: Array<[string, string]> = [
      ["item", n["PUB1"]!.applicationNumber],
      ["item", n["PUB2"]!.applicationNumber],
      ["action", "register"],
    ];
    const before = await countRows(database.db, "OM");
    const asked = await post("/office/worklists/registration/actions?lang=en", items, registrar);
    expect(asked.status).toBe(200);
    const confirm = await asked.text();
    expect(confirm).toContain("data-confirm");
    expect(await countRows(database.db, "OM")).toEqual(before);
    const done = await post(
      "/office/worklists/registration/actions?lang=en",
      [...items, ["confirm", "yes"]],
      registrar,
    );
    expect(done.status).toBe(200);
    expect((await done.text()).match(/data-outcome="performed"/g)?.length).toBe(2);
    const right = await (await t.jsonAs("registrar", "GET", `/api/v1/applications/${n["PUB1"]!.st13}`)).json();
    expect(right.status).toBe("registered");
  });

  it("refuses through the API a class refusal without grounds, naming the field, and writes nothing", async () => {
    await file("REFUSE", "2026-06-01T09:00:00Z", { ...trademarkFiling, mark: { text: "REFUSE", type: "word" } });
    await act("clerk", "REFUSE", "accord_filing_date");
    await act("formality_examiner", "REFUSE", "formalities_compliant");
    await act("classifier", "REFUSE", "classification_checked");
    const before = await countRows(database.db, "OM");
    const path = `/api/v1/applications/${n["REFUSE"]!.st13}/actions`;
    const bare = await t.jsonAs("examiner", "POST", path, {
      action: "examine",
      classDecisions: [
        { classNumber: 25, decision: "accept" },
        { classNumber: 35, decision: "limit", terms: [{ text: "advertising", decision: "refuse" }] },
      ],
    });
    expect(bare.status).toBe(400);
    expect(JSON.stringify(await bare.json())).toContain("classDecisions.1.reason");
    expect(await countRows(database.db, "OM")).toEqual(before);
    const right = await act("examiner", "REFUSE", "examine", {
      classDecisions: [
        { classNumber: 25, decision: "accept" },
        { classNumber: 35, decision: "refuse", reason: "Descriptive" },
      ],
    });
    expect(right.status).toBe("accepted");
  });

  it("lists Madrid designations waiting for a decision by their refusal time limit (Madrid Protocol art. 5(2)) for the Madrid examiner only", async () => {
    t.time.set("2026-11-24T09:00:00Z");
    const examiner = await t.as("madrid_examiner");
    for (const [notificationDate, firstIrNumber] of [
      ["2026-06-01", 1_800_000],
      ["2025-12-01", 1_900_000],
    ] as const) {
      const res = await t.app.request("/api/v1/madrid/transactions", {
        ...xmlPost(batch({ count: 2, mode: "designations", notificationDate, firstIrNumber })),
        headers: { ...xmlPost("").headers, ...examiner },
      });
      expect(res.status).toBeLessThan(300);
    }
    const res = await worklist("madrid_examiner", "madrid", "?lang=en");
    const page = await res.json();
    expect(page.total, JSON.stringify(page)).toBe(4);
    const limits = page.items.map((i: { due: { date: string } }) => i.due.date);
    expect(limits).toEqual([...limits].sort());
    // Notified first, its time limit falls first.
    expect(page.items[0].key).toMatch(/^19/);
    expect(page.items[0].due.actionLabel).toContain("Madrid Protocol art. 5(2)");
    expect((await worklist("clerk", "madrid")).status).toBe(404);
    const assigned = await (
      await t.jsonAs("madrid_examiner", "POST", "/api/v1/worklists/madrid/assign", {
        items: [page.items[0].key],
        assignee: (await t.session("madrid_examiner")).accountId,
      })
    ).json();
    expect(assigned.results[0].outcome).toBe("assigned");
    expect((await worklist("madrid_examiner", "madrid", "?class=99")).status).toBe(400);
  });
});
