/**
 * The national rules through the API and the forms: priority claims judged on the office's calendar when filed
 * (Paris Convention art. 4C), several oppositions each with its own proceeding (audited and evented), renewal once
 * per term inside the office's window.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "../src/db/Database.js";
import { countRows } from "../src/rights/RightsRepository.js";
import { publicFromFiling, stepsToPublication, testApp, trademarkFiling } from "./support/app.js";
import { testDatabases } from "./support/databases.js";

describe.each(testDatabases)("national rules on $name", (target) => {
  let database: OpenDatabase;
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    database = await target.open();
    t = await testApp(database, "2026-03-02T09:00:00Z", { publication: publicFromFiling });
  });
  afterAll(() => database?.close());

  const counts = () => countRows(database.db, "OM");
  const file = (body: unknown) => t.jsonAs("clerk", "POST", "/api/v1/applications", body);
  const path = (number: string, rest = "") => `/api/v1/applications/${encodeURIComponent(number)}${rest}`;
  const act = (number: string, role: string, body: unknown) => t.jsonAs(role, "POST", path(number, "/actions"), body);
  const userdoc = (number: string, body: unknown) => t.jsonAs("clerk", "POST", path(number, "/userdocs"), body);
  const audited = async (target: string, action: string) =>
    (
      await database.db
        .selectFrom("audit_log")
        .select("action")
        .where("office_code", "=", "OM")
        .where("target", "=", target)
        .where("action", "=", action)
        .execute()
    ).length;

  it("refuses a priority claimed after its 6 months, naming the field, and writes nothing", async () => {
    t.time.set("2026-11-24T09:00:00Z");
    const before = await counts();
    const late = await file({
      ...trademarkFiling,
      priorities: [{ country: "FR", number: "26/1", date: "2026-05-23" }],
    });
    expect(late.status).toBe(400);
    const problem = await late.json();
    expect(problem.errors).toEqual([
      { path: "priorities[0].date", message: expect.stringContaining("ended on 2026-11-23") },
    ]);
    expect(await counts()).toEqual(before);
    const inTime = await file({
      ...trademarkFiling,
      priorities: [
        { country: "FR", number: "26/1", date: "2026-05-24" },
        { country: "EM", number: "019876543", date: "2026-06-01" },
      ],
    });
    expect(inTime.status).toBe(201);
    expect((await inTime.json()).priorities).toHaveLength(2);
  });

  it("the no-JavaScript form takes several claims and shows a late one beside its field, in the page's language", async () => {
    t.time.set("2026-11-24T09:00:00Z");
    const post = (priorities: string, lang = "en") =>
      t.app.request(`/file?lang=${lang}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          kind: "trademark",
          intent: "file",
          markText: "DUAL",
          markType: "word",
          markCategory: "individual",
          ownerName: "Nakhla Foods LLC",
          ownerKind: "legal",
          ownerCountry: "OM",
          goodsAndServicesText: "25: clothing",
          priorities,
        }).toString(),
      });
    const form = await (await t.app.request("/file?kind=patent&lang=ar")).text();
    expect(form).toContain('name="priorities"');
    expect(form).toContain("لا يزيد عمر الإيداع السابق على 12 شهراً");
    const before = await counts();
    const late = await post("FR 26/1 2026-05-24\nFR 26/2 2026-05-01");
    expect(late.status).toBe(400);
    const page = await late.text();
    expect(page).toMatch(/href="#f-priorities"/);
    expect(page).toContain("ended on 2026-11-01");
    const garbled = await post("26/1 on 24 May", "ar");
    expect(garbled.status).toBe(400);
    expect(await garbled.text()).toContain("اكتب رمز البلد ثم الرقم ثم التاريخ");
    expect(await counts()).toEqual(before);
    const filed = await post("FR 26/1 2026-05-24\nBX 1234567 2026-06-30");
    expect(filed.status).toBe(303);
  });

  it("extends a priority period ending on the office's weekend or holiday to its next working day (art. 4C(3))", async () => {
    // 2026-05-20 + 6 months = Friday 2026-11-20, National Day; Saturday 21 too: Oman's office opens on Sunday 22.
    t.time.set("2026-11-22T09:00:00Z");
    const res = await file({ ...trademarkFiling, priorities: [{ country: "JO", number: "TM/1", date: "2026-05-20" }] });
    expect(res.status).toBe(201);
    t.time.set("2026-11-23T09:00:00Z");
    const late = await file({
      ...trademarkFiling,
      priorities: [{ country: "JO", number: "TM/1", date: "2026-05-20" }],
    });
    expect(late.status).toBe(400);
    // A patent has 12 months; a PCT national phase is judged on its international filing date.
    const pct = await file({
      kind: "patent",
      title: "Solar still",
      claimsCount: 3,
      applicants: [{ name: "Aqaba Water Tech", country: "JO" }],
      inventors: [{ name: "Rana Khalil", country: "JO" }],
      pct: { applicationNumber: "PCT/JO2025/050001", filingDate: "2025-06-01" },
      priorities: [{ country: "JO", number: "JO/P/2024/77", date: "2024-06-10" }],
    });
    expect(pct.status).toBe(201);
    const entered = await pct.json();
    expect(entered.pct).toMatchObject({ filingDate: "2025-06-01", nationalPhaseEntryDate: "2026-11-23" });
    // The record page gives the international application under INID 86 and the national phase entry.
    const page = await (
      await t.raw.request(`/office/records/${encodeURIComponent(entered.applicationNumber)}?lang=en`, {
        headers: await t.as("examiner"),
      })
    ).text();
    expect(page).toContain("(86)");
    expect(page).toContain("PCT/JO2025/050001");
    expect(page).toContain("National phase entered on");
  });

  it("takes several oppositions during the period, each with its parties and classes, and waits for every one", async () => {
    t.time.set("2026-03-02T09:00:00Z");
    const filed = await (
      await file({
        ...trademarkFiling,
        mark: { text: "OPPOSED", type: "word" },
        owners: [
          {
            name: "Al Habsi Trading LLC",
            country: "OM",
            address: { street: "Way 3011, Building 12", city: "Muscat", postalCode: "112", country: "OM" },
          },
        ],
      })
    ).json();
    const number = filed.applicationNumber as string;
    const recordPage = async () => {
      const res = await t.raw.request(`/records/${encodeURIComponent(number)}?lang=en`);
      expect(res.status).toBe(200);
      return res.text();
    };
    for (const [role, action] of stepsToPublication) {
      expect((await act(number, role, { action })).status, action).toBe(200);
    }
    // The public record page says until when anyone may oppose, and gives the owner's published address.
    const published = await recordPage();
    expect(published).toMatch(/anyone may oppose this application until June \d+, 2026/);
    expect(published).toContain("Way 3011, Building 12, 112 Muscat, OM");
    // The workflow action alone has no opponent: refused.
    const bare = await act(number, "clerk", { action: "file_opposition" });
    expect(bare.status).toBe(400);
    t.time.set("2026-04-01T09:00:00Z");
    const first = await userdoc(number, {
      type: "opposition",
      number: "OPP/2026/1",
      filedOn: "2026-04-01",
      parties: [{ name: "Habsi Textiles SAOC", country: "OM" }],
      classes: [25],
      reason: "earlier mark HABSI for clothing",
    });
    expect(first.status).toBe(200);
    const second = await userdoc(number, {
      type: "opposition",
      number: "OPP/2026/2",
      filedOn: "2026-05-10",
      parties: [{ name: "Kindi Retail LLC", country: "AE" }],
      reason: "earlier trade name",
    });
    expect(second.status).toBe(200);
    const { right } = await second.json();
    expect(right.status).toBe("opposition_period");
    expect(right.proceedings.map((p: { number: string; classes?: number[] }) => [p.number, p.classes])).toEqual([
      ["OPP/2026/1", [25]],
      ["OPP/2026/2", undefined],
    ]);
    expect(right.goodsAndServices.map((c: { status: string }) => c.status)).toEqual(["opposed", "opposed"]);
    expect(await audited(number, "rights.userdoc")).toBe(2);
    // Each opposition on the public page: its number, opponent and classes; the grounds stay in the file.
    const opposed = await recordPage();
    expect(opposed).toContain("Recordals and proceedings");
    expect(opposed).toContain("OPP/2026/1");
    expect(opposed).toContain("Habsi Textiles SAOC");
    expect(opposed).toContain("Kindi Retail LLC");
    expect(opposed).not.toContain("earlier mark HABSI");

    t.time.set(`${right.timeLimit.due}T23:00:00Z`);
    const report = await (await t.jsonAs("registrar", "POST", "/api/v1/time-limits/run")).json();
    expect(report.fired).toContainEqual({
      applicationNumber: number,
      action: "close_opposition_period",
      to: "opposition",
    });
    // The period has closed: the page no longer invites oppositions.
    expect(await recordPage()).not.toContain("anyone may oppose");
    const unnamed = await act(number, "opposition_division", { action: "decide_opposition", reason: "x" });
    expect(unnamed.status).toBe(400);
    expect((await unnamed.json()).errors).toEqual([
      { path: "proceeding", message: expect.stringContaining("OPP/2026/1") },
    ]);
    const withdrawn = await act(number, "clerk", { action: "opposition_withdrawn", proceeding: "OPP/2026/2" });
    expect(withdrawn.status).toBe(200);
    const stillOne = (await withdrawn.json()).right;
    expect(stillOne.status).toBe("opposition");
    expect(stillOne.goodsAndServices.map((c: { status: string }) => c.status)).toEqual(["opposed", "accepted"]);
    const decided = await act(number, "opposition_division", {
      action: "decide_opposition",
      proceeding: "OPP/2026/1",
      reason: "confusion with HABSI for clothing",
      classDecisions: [{ classNumber: 25, decision: "refuse" }],
    });
    expect(decided.status).toBe(200);
    const after = (await decided.json()).right;
    expect(after.status).toBe("registration_pending");
    expect(after.goodsAndServices.map((c: { status: string }) => c.status)).toEqual(["refused", "accepted"]);
    const history = await t.staff((r) => r.history(number, { audience: "staff" }));
    expect(history.map((e) => e.action).slice(-5)).toEqual([
      "file_opposition",
      "file_opposition",
      "close_opposition_period",
      "opposition_withdrawn",
      "decide_opposition",
    ]);
    expect(await audited(number, "rights.perform")).toBe(8);
  });

  it("renews once per term, inside the window, and refuses it after the grace period", async () => {
    /** A mark entered from a paper filing of `filingDate`, registered now: its first term ends 10 years after it. */
    const registered = async (text: string, filingDate: string) => {
      t.time.set("2026-03-02T09:00:00Z");
      const filed = await (await file({ ...trademarkFiling, mark: { text, type: "word" }, filingDate })).json();
      const number = filed.applicationNumber as string;
      for (const [role, action] of stepsToPublication) {
        expect((await act(number, role, { action })).status, action).toBe(200);
      }
      t.time.set("2026-06-03T09:00:00Z");
      await t.jsonAs("registrar", "POST", "/api/v1/time-limits/run");
      expect((await act(number, "registrar", { action: "register" })).status).toBe(200);
      return number;
    };
    const inGrace = await registered("RENEWED", "2016-05-04");
    // Expired on 2026-05-04, in the grace period until 2026-11-04: renewed once, then refused as the same term.
    const renewed = await act(inGrace, "clerk", { action: "renew" });
    expect(renewed.status).toBe(200);
    expect((await renewed.json()).right.expiryDate).toBe("2036-05-04");
    const twice = await act(inGrace, "clerk", { action: "renew" });
    expect(twice.status).toBe(400);
    expect((await twice.json()).errors[0].message).toContain("too early");
    // Expired on 2026-01-10, grace until 2026-07-10: on the 11th, before the scheduler has run, it is too late.
    const lapsed = await registered("LAPSED", "2016-01-10");
    t.time.set("2026-07-11T09:00:00Z");
    const late = await act(lapsed, "clerk", { action: "renew" });
    expect(late.status).toBe(400);
    expect((await late.json()).errors[0].message).toContain("too late");
  });
});
