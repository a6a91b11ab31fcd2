import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "../src/db/Database.js";
import { countRows } from "../src/rights/RightsRepository.js";
import { stepsToPublication, testApp, trademarkFiling } from "./support/app.js";
import { testDatabases } from "./support/databases.js";

describe.each(testDatabases)("back office on $name", (target) => {
  let database: OpenDatabase;
  let t: Awaited<ReturnType<typeof testApp>>;
  let st13: string;
  beforeAll(async () => {
    database = await target.open();
    t = await testApp(database);
    st13 = (await (await t.jsonAs("clerk", "POST", "/api/v1/applications", trademarkFiling)).json()).st13;
  });
  afterAll(() => database?.close());

  /** Staff signed in through the browser, one per role: the forms carry the session's CSRF token. */
  const sessions = new Map<string, Awaited<ReturnType<typeof t.session>>>();
  const staff = async (role: string) => {
    let s = sessions.get(role);
    if (s === undefined) {
      s = await t.session(role);
      sessions.set(role, s);
    }
    return s;
  };
  const post = async (
    role: string,
    path: string,
    fields: Array<[string, string]>,
    headers: Record<string, string> = {},
  ) => {
    const s = await staff(role);
    return t.raw.request(path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: s.cookie, ...headers },
      body: new URLSearchParams([...fields, ["_csrf", s.csrf]]).toString(),
    });
  };
  const get = async (role: string, path: string) =>
    t.raw.request(path, { headers: { cookie: (await staff(role)).cookie } });

  it("shows the worklist by kind and state", async () => {
    const res = await get("clerk", "/office?lang=en");
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain("Worklist");
    expect(page).toContain("/office/records?kind=trademark&amp;status=filed");
    const list = await (await get("clerk", "/office/records?kind=trademark&status=filed&lang=en")).text();
    expect(list).toContain(`/office/records/${st13}`);
  });

  it("moves a right through its workflow with plain forms, per class and per term", async () => {
    for (const [role, action] of [
      ["clerk", "accord_filing_date"],
      ["formality_examiner", "formalities_compliant"],
      ["classifier", "classification_checked"],
    ]) {
      const res = await post(role as string, `/office/records/${st13}/actions?lang=en`, [["action", action as string]]);
      expect(res.status, action).toBe(303);
      expect(res.headers.get("location")).toContain(`done=${action}`);
    }
    const page = await (await get("examiner", `/office/records/${st13}?lang=en`)).text();
    expect(page).toContain('name="class.25"');
    // The form says under which role the account acts; there is no role to choose.
    expect(page).toContain("You act as Examiner");
    expect(page).not.toContain('name="role"');
    const decision: Array<[string, string]> = [
      ["action", "examine"],
      ["class.25", "accept"],
      ["class.35", "limit"],
      ["refuse.35", "advertising"],
      ["reason", "Descriptive for advertising"],
    ];
    // A refusal without its grounds is not recorded: the form comes back with every value as chosen.
    const before = await countRows(database.db, "OM");
    const noGrounds = await post("examiner", `/office/records/${st13}/actions?lang=en`, decision);
    expect(noGrounds.status).toBe(400);
    const kept = await noGrounds.text();
    expect(kept).toContain("State the grounds for refusing class 35.");
    expect(kept).toMatch(/name="class\.35" value="limit" checked/);
    expect(kept).toMatch(/name="refuse\.35" value="advertising" checked/);
    expect(kept).toContain(">Descriptive for advertising</textarea>");
    expect(await countRows(database.db, "OM")).toEqual(before);
    // With its grounds, a refusal asks for a confirmation first (it cannot be undone), writing nothing yet.
    const withGrounds: Array<[string, string]> = [...decision, ["grounds.35", "Descriptive (art. 3(1)(c))"]];
    const asked = await post("examiner", `/office/records/${st13}/actions?lang=en`, withGrounds);
    expect(asked.status).toBe(200);
    const confirmation = await asked.text();
    expect(confirmation).toContain("data-confirm");
    expect(confirmation).toContain('name="confirm" value="yes"');
    expect(confirmation).toContain("Descriptive (art. 3(1)(c))");
    expect(await countRows(database.db, "OM")).toEqual(before);
    // Going back shows the form again with the values.
    const back = await post("examiner", `/office/records/${st13}/actions?lang=en`, [...withGrounds, ["edit", "yes"]]);
    expect(back.status).toBe(200);
    expect(await back.text()).toContain(">Descriptive (art. 3(1)(c))</textarea>");
    const examined = await post("examiner", `/office/records/${st13}/actions?lang=en`, [
      ...withGrounds,
      ["confirm", "yes"],
    ]);
    expect(examined.status).toBe(303);
    // Not yet published: the public API does not know it; staff (who may read the register) do.
    expect((await t.json("GET", `/api/v1/applications/${st13}`)).status).toBe(404);
    const right = await (await t.jsonAs("examiner", "GET", `/api/v1/applications/${st13}`)).json();
    expect(right.status).toBe("accepted");
    const class35 = right.goodsAndServices.find((c: { classNumber: number }) => c.classNumber === 35);
    expect(class35?.status).toBe("limited");
    // The grounds of the class are recorded on its decision.
    expect(class35?.decision?.reason).toBe("Descriptive (art. 3(1)(c))");
    expect(class35?.terms.map((term: { text: string; status: string }) => [term.text, term.status])).toEqual([
      ["advertising", "refused"],
      ["retail services of clothing", "accepted"],
    ]);
  });

  it("files oppositions from the record page, each its own proceeding, and decides the one chosen", async () => {
    const filed = await (
      await t.jsonAs("clerk", "POST", "/api/v1/applications", {
        ...trademarkFiling,
        mark: { text: "MUQAWAMA", type: "word" },
      })
    ).json();
    const number = filed.st13 as string;
    for (const [role, action] of stepsToPublication) {
      expect(
        (await post(role as string, `/office/records/${number}/actions?lang=en`, [["action", action as string]]))
          .status,
        action,
      ).toBe(303);
    }
    const page = await (await get("clerk", `/office/records/${number}?lang=en`)).text();
    expect(page).toContain(`action="/office/records/${number}/oppositions?lang=en"`);
    expect(page).toContain('name="opponent"');
    const before = await countRows(database.db, "OM");
    const noGrounds = await post("clerk", `/office/records/${number}/oppositions?lang=en`, [
      ["filedOn", "2026-03-10"],
      ["opponent", "Habsi Textiles SAOC"],
      ["country", "om"],
    ]);
    expect(noGrounds.status).toBe(400);
    expect(await noGrounds.text()).toContain("grounds");
    expect(await countRows(database.db, "OM")).toEqual(before);
    for (const [opponent, classes] of [
      ["Habsi Textiles SAOC", ["25"]],
      ["Kindi Retail LLC", []],
    ] as const) {
      const res = await post("clerk", `/office/records/${number}/oppositions?lang=en`, [
        ["filedOn", "2026-03-10"],
        ["opponent", opponent],
        ["country", "om"],
        ...classes.map((c): [string, string] => ["classes", c]),
        ["reason", "earlier mark"],
      ]);
      expect(res.status, opponent).toBe(303);
    }
    // An examiner may read the record but not record a userdoc: no opposition form for them.
    expect(await (await get("examiner", `/office/records/${number}?lang=en`)).text()).not.toContain('name="opponent"');
    const right = await (await t.jsonAs("clerk", "GET", `/api/v1/applications/${number}`)).json();
    expect(
      right.proceedings.map((x: { number: string; parties: { name: string }[] }) => [x.number, x.parties[0]?.name]),
    ).toEqual([
      ["opposition-1", "Habsi Textiles SAOC"],
      ["opposition-2", "Kindi Retail LLC"],
    ]);
    expect(right.goodsAndServices.map((c: { status: string }) => c.status)).toEqual(["opposed", "opposed"]);
    // While the period runs, a withdrawal names the opposition withdrawn.
    const withdrawPage = await (await get("clerk", `/office/records/${number}?lang=en`)).text();
    expect(withdrawPage).toContain('name="proceeding"');
    const withdrawn = await post("clerk", `/office/records/${number}/actions?lang=en`, [
      ["action", "withdraw_opposition_in_period"],
      ["proceeding", "opposition-2"],
    ]);
    expect(withdrawn.status).toBe(303);
    const after = await (await t.jsonAs("clerk", "GET", `/api/v1/applications/${number}`)).json();
    expect(after.status).toBe("opposition_period");
    expect(after.goodsAndServices.map((c: { status: string }) => c.status)).toEqual(["opposed", "accepted"]);
  });

  it("refuses a role that may not act, a cross-site post, a post without the CSRF token and a stranger, writing nothing", async () => {
    const before = await countRows(database.db, "OM");
    // An examiner may act, but publishing is the registrar's.
    const wrongRole = await post("examiner", `/office/records/${st13}/actions?lang=en`, [["action", "publish"]]);
    expect(wrongRole.status).toBe(403);
    expect(await wrongRole.text()).toContain("may not perform");
    const crossSite = await post("registrar", `/office/records/${st13}/actions`, [["action", "publish"]], {
      "sec-fetch-site": "cross-site",
    });
    expect(crossSite.status).toBe(403);
    const registrar = await staff("registrar");
    const noToken = await t.raw.request(`/office/records/${st13}/actions`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: registrar.cookie },
      body: "action=publish",
    });
    expect(noToken.status).toBe(403);
    const stranger = await t.raw.request(`/office/records/${st13}/actions`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
      body: "action=publish&role=registrar",
    });
    expect(stranger.status).toBe(401);
    // A cashier is signed in but may not act on rights at all.
    const cashier = await post("cashier", `/office/records/${st13}/actions`, [["action", "publish"]]);
    expect(cashier.status).toBe(403);
    expect(await countRows(database.db, "OM")).toEqual(before);
  });

  it("sends a stranger who opens the back office to the sign-in page, and back after signing in", async () => {
    const res = await t.raw.request("/office?lang=en", { headers: { accept: "text/html" } });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/sign-in?next=${encodeURIComponent("/office?lang=en")}`);
  });

  it("shows the registrar the audit trail of a record, with who acted; an examiner may not read it", async () => {
    const number = encodeURIComponent((await t.staff((r) => r.get(st13, { audience: "staff" }))).applicationNumber);
    const page = await (await get("registrar", `/audit?target=${number}&lang=en`)).text();
    expect(page).toContain("rights.file");
    expect(page).toContain("rights.perform");
    // Who acted, by name: the examiner's browser session and the clerk's API token.
    expect(page).toMatch(/Staff \d+ \(staff\d+-examiner\)/);
    expect(page).toMatch(/test clerk \(ipo_[a-z0-9]{12}_…\)/);
    const record = await (await get("registrar", `/office/records/${st13}?lang=en`)).text();
    expect(record).toContain(`/audit?target=${number}`);
    expect((await get("examiner", `/audit?target=${number}`)).status).toBe(403);
  });
});
