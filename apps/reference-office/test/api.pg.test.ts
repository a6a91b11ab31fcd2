import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "../src/db/Database.js";
import { countRows } from "../src/rights/RightsRepository.js";
import { publicFromFiling, stepsToPublication, testApp, trademarkFiling } from "./support/app.js";
import { testDatabases } from "./support/databases.js";

// The API's mechanics on an office that shows every right from its filing; the publication rule itself is tested in
// publication.pg.test.ts.
describe.each(testDatabases)("API v1 on $name", (target) => {
  let database: OpenDatabase;
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    database = await target.open();
    t = await testApp(database, undefined, { publication: publicFromFiling });
  });
  afterAll(() => database?.close());

  const counts = () => countRows(database.db, "OM");
  const act = (number: string, role: string, body: unknown) =>
    t.jsonAs(role, "POST", `/api/v1/applications/${encodeURIComponent(number)}/actions`, body);
  const file = (body: unknown) => t.jsonAs("clerk", "POST", "/api/v1/applications", body);

  it("files a trademark and answers 201 with its number, owners and per-class status", async () => {
    const res = await file(trademarkFiling);
    expect(res.status).toBe(201);
    const right = await res.json();
    expect(right.applicationNumber).toBe("TM/2026/000001");
    expect(right.st13).toBe("OM502026000000001");
    expect(right.filingDate).toBe("2026-03-02");
    expect(right.status).toBe("filed");
    expect(right.owners.map((o: { name: string }) => o.name)).toEqual(["Al Habsi Trading LLC", "Al Kindi Foods LLC"]);
    expect(
      right.goodsAndServices.map((c: { classNumber: number; status: string }) => [c.classNumber, c.status]),
    ).toEqual([
      [25, "pending"],
      [35, "pending"],
    ]);
    // The classes record the Nice version in force on the filing date (2026-03-02: NCL 13-2026, in force from
    // 2026-01-01), whichever list the office loaded to check the terms (`12` or the shipped `10-2015`).
    const inUse = (await (await t.json("GET", "/api/v1/nice/edition")).json()).id;
    expect(inUse).not.toBe("13-2026");
    expect(right.goodsAndServices.map((c: { edition: string }) => c.edition)).toEqual(["13-2026", "13-2026"]);
    expect(res.headers.get("location")).toBe("/api/v1/applications/TM%2F2026%2F000001");
    const again = await t.json("GET", "/api/v1/applications/TM%2F2026%2F000001");
    expect(again.status).toBe(200);
    expect((await again.json()).mark.text).toBe("NAKHLA");
    const bySt13 = await t.json("GET", "/api/v1/applications/OM502026000000001");
    expect((await bySt13.json()).applicationNumber).toBe("TM/2026/000001");
  });

  it("files a patent, a design and a utility model, numbered per kind", async () => {
    const applicants = [{ name: "Nordlicht Werke GmbH", country: "DE" }];
    const inventors = [{ name: "Said Al Rawahi", country: "OM" }];
    const filings = [
      {
        kind: "patent",
        title: "Desalination of sea water by reverse osmosis",
        claimsCount: 12,
        ipc: ["C02F 1/44"],
        applicants,
        inventors,
      },
      { kind: "utility_model", title: "Date palm harvesting pole", claimsCount: 3, applicants, inventors },
      { kind: "industrial_design", designs: [{ product: "Coffee pot", locarnoClass: "07-01", views: 4 }], applicants },
    ];
    const numbers = [];
    for (const body of filings) {
      const res = await file(body);
      expect(res.status).toBe(201);
      numbers.push((await res.json()).applicationNumber);
    }
    expect(numbers).toEqual(["PT/2026/00001", "UM/2026/00001", "ID/2026/00001"]);
    const list = await (await t.json("GET", "/api/v1/applications?kind=patent")).json();
    expect(list.total).toBe(1);
    expect(list.items[0].title).toBe("Desalination of sea water by reverse osmosis");
  });

  it("lists a page of records with the total", async () => {
    const res = await t.json("GET", "/api/v1/applications?page=1&pageSize=2");
    expect(res.status).toBe(200);
    const page = await res.json();
    expect(page.total).toBe(4);
    expect(page.items).toHaveLength(2);
    expect(page.page).toBe(1);
    const filtered = await (await t.json("GET", "/api/v1/applications?status=filed&kind=trademark")).json();
    expect(filtered.items.map((i: { applicationNumber: string }) => i.applicationNumber)).toEqual(["TM/2026/000001"]);
    expect(filtered.items[0].classes).toEqual([
      { classNumber: 25, status: "pending" },
      { classNumber: 35, status: "pending" },
    ]);
  });

  it("moves the trademark to registration with class 35 refused, recording every event", async () => {
    const number = "TM/2026/000001";
    for (const [role, action] of [
      ["clerk", "accord_filing_date"],
      ["formality_examiner", "formalities_compliant"],
      ["classifier", "classification_checked"],
    ] as const) {
      const res = await act(number, role, { action });
      expect(res.status, action).toBe(200);
    }
    const examined = await act(number, "examiner", {
      action: "examine",
      classDecisions: [
        { classNumber: 25, decision: "accept" },
        { classNumber: 35, decision: "refuse", reason: "Descriptive for advertising services" },
      ],
    });
    expect(examined.status).toBe(200);
    const afterExam = (await examined.json()).right;
    expect(afterExam.status).toBe("accepted");
    expect(afterExam.goodsAndServices.map((c: { status: string }) => c.status)).toEqual(["accepted", "refused"]);

    expect((await act(number, "registrar", { action: "publish" })).status).toBe(200);
    // The opposition period runs three months; the system closes it once it has run out (no account acts as the
    // system: the registrar runs the time limits).
    const early = await (await t.jsonAs("registrar", "POST", "/api/v1/time-limits/run")).json();
    expect(early.fired.map((f: { applicationNumber: string }) => f.applicationNumber)).not.toContain(number);
    t.time.set("2026-07-15T09:00:00Z");
    const closed = await (await t.jsonAs("registrar", "POST", "/api/v1/time-limits/run")).json();
    expect(closed.fired).toContainEqual({
      applicationNumber: number,
      action: "close_opposition_period",
      to: "registration_pending",
    });
    const registered = await act(number, "registrar", { action: "register" });
    expect(registered.status).toBe(200);
    const right = (await registered.json()).right;
    expect(right.status).toBe("registered");
    expect(right.registration.number).toBe("000001");
    expect(
      right.goodsAndServices.map((c: { classNumber: number; status: string }) => [c.classNumber, c.status]),
    ).toEqual([
      [25, "registered"],
      [35, "refused"],
    ]);
    const classRows = await database.db
      .selectFrom("right_classes")
      .select(["class_number", "status"])
      .where("application_number", "=", number)
      .orderBy("class_number")
      .execute();
    expect(classRows).toEqual([
      { class_number: 25, status: "registered" },
      { class_number: 35, status: "refused" },
    ]);
    const history = await (await t.json("GET", `/api/v1/applications/${encodeURIComponent(number)}/history`)).json();
    expect(history.items.map((e: { action: string }) => e.action)).toEqual([
      "file",
      "accord_filing_date",
      "formalities_compliant",
      "classification_checked",
      "examine",
      "publish",
      "close_opposition_period",
      "register",
    ]);
    // The public history says what happened, not who did it nor why; staff see both: the actor is the token that
    // acted, under the role the action allows, never a name the caller chose.
    expect(history.items[4]).not.toHaveProperty("actor");
    expect(JSON.stringify(history)).not.toContain("Descriptive for advertising");
    const staffHistory = await t.staff((r) => r.history(number, { audience: "staff" }));
    expect(staffHistory[4]?.actor).toMatchObject({
      id: expect.stringMatching(/^token:[a-z0-9]{12}$/),
      role: "examiner",
    });
  });

  it("records a transfer that replaces the two owners with one, and refuses a renewal years too early", async () => {
    const number = encodeURIComponent("TM/2026/000001");
    const transfer = await t.jsonAs("clerk", "POST", `/api/v1/applications/${number}/userdocs`, {
      type: "transfer",
      number: "UD/2026/1",
      filedOn: "2026-07-20",
      owners: [{ name: "Gulf Horizon Holding PJSC", country: "AE" }],
    });
    expect(transfer.status).toBe(200);
    const { right, event } = await transfer.json();
    expect(right.owners.map((o: { name: string }) => o.name)).toEqual(["Gulf Horizon Holding PJSC"]);
    expect(event.userdoc).toMatchObject({ type: "transfer", number: "UD/2026/1" });
    expect(event.changes.some((ch: { field: string }) => ch.field === "owners")).toBe(true);
    const parties = await database.db
      .selectFrom("right_parties")
      .select(["role", "name"])
      .where("application_number", "=", "TM/2026/000001")
      .where("role", "=", "owner")
      .execute();
    expect(parties).toEqual([{ role: "owner", name: "Gulf Horizon Holding PJSC" }]);

    const before = await counts();
    const early = await t.jsonAs("clerk", "POST", `/api/v1/applications/${number}/userdocs`, {
      type: "renewal",
      filedOn: "2026-07-20",
    });
    expect(early.status).toBe(409);
    expect((await early.json()).reason).toBe("out_of_time");
    const unknown = await t.jsonAs("clerk", "POST", `/api/v1/applications/${number}/userdocs`, {
      type: "teleportation",
      filedOn: "2026-07-20",
    });
    expect(unknown.status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it("performs the actions of time limits that have run out, as the system, when the registrar runs them", async () => {
    t.time.set("2026-08-03T09:00:00Z");
    const filed = await (await file({ ...trademarkFiling, mark: { text: "SWEEP", type: "word" } })).json();
    const number = filed.applicationNumber as string;
    for (const [role, action] of stepsToPublication) {
      expect((await act(number, role, { action })).status, action).toBe(200);
    }
    const published = await (await t.json("GET", `/api/v1/applications/${encodeURIComponent(number)}`)).json();
    expect(published.status).toBe("opposition_period");
    const denied = await t.jsonAs("examiner", "POST", "/api/v1/time-limits/run");
    expect(denied.status).toBe(403);
    const early = await (await t.jsonAs("registrar", "POST", "/api/v1/time-limits/run")).json();
    expect(early.fired.map((f: { applicationNumber: string }) => f.applicationNumber)).not.toContain(number);

    t.time.set(`${published.timeLimit.due}T23:00:00Z`);
    const report = await (await t.jsonAs("registrar", "POST", "/api/v1/time-limits/run")).json();
    expect(report.fired).toContainEqual({
      applicationNumber: number,
      action: "close_opposition_period",
      to: "registration_pending",
    });
    const history = await t.staff((r) => r.history(number, { audience: "staff" }));
    expect(history.at(-1)?.actor).toEqual({ id: "system", role: "system" });
  });

  describe("answers bad input with problems and writes nothing", () => {
    it("400 naming every bad field", async () => {
      const before = await counts();
      const res = await file({
        kind: "trademark",
        mark: { type: "word" },
        owners: [{ name: "", country: "ZZ" }],
        goodsAndServices: [{ classNumber: 46, terms: [] }],
        surprise: true,
      });
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      const problem = await res.json();
      expect(problem.title).toBe("Invalid input");
      const paths = problem.errors.map((e: { path: string }) => e.path);
      for (const path of [
        "mark.text",
        "owners[0].name",
        "owners[0].country",
        "goodsAndServices[0].classNumber",
        "goodsAndServices[0].terms",
        "surprise",
      ]) {
        expect(paths, path).toContain(path);
      }
      expect(await counts()).toEqual(before);
    });

    it("400 for malformed JSON and 415 for a body that is not JSON", async () => {
      const before = await counts();
      const malformed = await file('{"kind": "trademark",');
      expect(malformed.status).toBe(400);
      expect((await malformed.json()).title).toBe("Malformed JSON");
      const notJson = await t.app.request("/api/v1/applications", {
        method: "POST",
        body: "kind=trademark",
        headers: { "content-type": "application/x-www-form-urlencoded", ...(await t.as("clerk")) },
      });
      expect(notJson.status).toBe(415);
      expect(await counts()).toEqual(before);
    });

    it("413 for an oversized body", async () => {
      const before = await counts();
      const huge = JSON.stringify({ ...trademarkFiling, mark: { text: "x".repeat(2 * 1024 * 1024), type: "word" } });
      const res = await file(huge);
      expect(res.status).toBe(413);
      expect((await res.json()).title).toBe("Payload too large");
      expect(await counts()).toEqual(before);
    });

    it("404 for an unknown number", async () => {
      const res = await t.json("GET", "/api/v1/applications/TM%2F1999%2F999999");
      expect(res.status).toBe(404);
      expect((await res.json()).type).toMatch(/not-found$/);
      const action = await act("TM/1999/999999", "examiner", { action: "examine" });
      expect(action.status).toBe(404);
    });

    it("409 naming the state and the allowed actions for an action the state does not allow", async () => {
      const before = await counts();
      const res = await act("PT/2026/00001", "registrar", { action: "grant" });
      expect(res.status).toBe(409);
      const problem = await res.json();
      expect(problem.state).toBe("filed");
      expect(problem.allowedActions).toContain("accord_filing_date");
      expect(problem.detail).toContain('"filed"');
      expect(await counts()).toEqual(before);
    });

    it("403 for a role that may not act, 400 for missing action input", async () => {
      const before = await counts();
      // An examiner may perform workflow actions, but this one belongs to the clerk and the formality examiner.
      const wrongRole = await act("PT/2026/00001", "examiner", { action: "accord_filing_date" });
      expect(wrongRole.status).toBe(403);
      expect((await wrongRole.json()).allowedRoles).toEqual(["clerk", "formality_examiner"]);
      const res = await act("PT/2026/00001", "clerk", { action: "accord_filing_date" });
      expect(res.status).toBe(200);
      const noReason = await act("PT/2026/00001", "formality_examiner", { action: "notify_formality_deficiency" });
      expect(noReason.status).toBe(400);
      expect((await noReason.json()).errors[0].path).toBe("reason");
      const after = await counts();
      expect(after.events).toBe(before.events + 1);
    });

    it("400 for an invalid list query", async () => {
      const res = await t.json("GET", "/api/v1/applications?kind=spaceship&page=0");
      expect(res.status).toBe(400);
      const paths = (await res.json()).errors.map((e: { path: string }) => e.path);
      expect(paths).toEqual(expect.arrayContaining(["kind", "page"]));
    });

    it("404 problem for unknown API paths", async () => {
      const res = await t.json("GET", "/api/v1/nothing-here");
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/problem\+json/);
    });
  });

  it("serves the OpenAPI document generated from the schemas", async () => {
    const doc = await (await t.json("GET", "/api/v1/openapi.json")).json();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.paths["/api/v1/applications"].post.requestBody.content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/FilingRequest",
    });
    expect(doc.components.schemas.FilingRequest).toBeDefined();
    expect(JSON.stringify(doc)).not.toContain("#/$defs/");
  });
});

// The Nice version a class records, on its own database so that the filings here leave the counts above alone.
describe.each(testDatabases)("API v1 filing dates and Nice versions on $name", (target) => {
  let database: OpenDatabase;
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    database = await target.open();
    t = await testApp(database, undefined, { publication: publicFromFiling });
  });
  afterAll(() => database?.close());
  const counts = () => countRows(database.db, "OM");
  const file = (body: unknown) => t.jsonAs("clerk", "POST", "/api/v1/applications", body);

  it("records on each class the Nice version in force on the filing date, and names the list in the audit", async () => {
    // Nice versions enter into force on 1 January (WIPO, annual versions of NCL since 2013).
    const editionsFiledOn = async (filingDate: string) => {
      const res = await file({ ...trademarkFiling, filingDate });
      expect(res.status).toBe(201);
      return (await res.json()).goodsAndServices.map((c: { edition: string }) => c.edition);
    };
    expect(await editionsFiledOn("2023-06-15")).toEqual(["12-2023", "12-2023"]);
    expect(await editionsFiledOn("2025-12-31")).toEqual(["12-2025", "12-2025"]);
    expect(await editionsFiledOn("2026-01-01")).toEqual(["13-2026", "13-2026"]);
    const audit = await database.db
      .selectFrom("audit_log")
      .select("details")
      .where("action", "=", "rights.file")
      .orderBy("seq", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    const inUse = (await (await t.json("GET", "/api/v1/nice/edition")).json()).id;
    expect(audit.details).toMatchObject({ kind: "trademark", niceList: inUse });
    // Before every version the office's history knows: a 422 naming the filing date, and nothing written.
    const before = await counts();
    const old = await file({ ...trademarkFiling, filingDate: "1990-05-01" });
    expect(old.status).toBe(422);
    expect((await old.json()).errors).toEqual([{ path: "filingDate", message: expect.stringContaining("1990-05-01") }]);
    expect(await counts()).toEqual(before);
  });
});
