import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "../src/db/Database.js";
import { countRows } from "../src/rights/RightsRepository.js";
import { testApp, trademarkFiling } from "./support/app.js";
import { testDatabases } from "./support/databases.js";

describe.each(testDatabases)("back office on $name", (target) => {
  let database: OpenDatabase;
  let t: Awaited<ReturnType<typeof testApp>>;
  let st13: string;
  beforeAll(async () => {
    database = await target.open();
    t = await testApp(database);
    st13 = (await (await t.json("POST", "/api/v1/applications", trademarkFiling)).json()).st13;
  });
  afterAll(() => database?.close());

  const post = (path: string, fields: Array<[string, string]>, headers: Record<string, string> = {}) =>
    t.app.request(path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(fields).toString(),
    });

  it("shows the worklist by kind and state", async () => {
    const res = await t.app.request("/office?lang=en");
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain("Worklist");
    expect(page).toContain("/office/records?kind=trademark&amp;status=filed");
    const list = await (await t.app.request("/office/records?kind=trademark&status=filed&lang=en")).text();
    expect(list).toContain(`/office/records/${st13}`);
  });

  it("moves a right through its workflow with plain forms, per class and per term", async () => {
    for (const [role, action] of [
      ["clerk", "accord_filing_date"],
      ["formality_examiner", "formalities_compliant"],
      ["classifier", "classification_checked"],
    ]) {
      const res = await post(`/office/records/${st13}/actions?lang=en`, [
        ["action", action as string],
        ["role", role as string],
      ]);
      expect(res.status, action).toBe(303);
      expect(res.headers.get("location")).toContain(`done=${action}`);
    }
    const page = await (await t.app.request(`/office/records/${st13}?lang=en`)).text();
    expect(page).toContain('name="class.25"');
    const examined = await post(`/office/records/${st13}/actions?lang=en`, [
      ["action", "examine"],
      ["role", "examiner"],
      ["class.25", "accept"],
      ["class.35", "limit"],
      ["refuse.35", "advertising"],
      ["reason", "Descriptive for advertising"],
    ]);
    expect(examined.status).toBe(303);
    // Not yet published: the public API does not know it, the back office does.
    expect((await t.json("GET", `/api/v1/applications/${st13}`)).status).toBe(404);
    const right = await t.staff((r) => r.get(st13, { audience: "staff" }));
    expect(right.status).toBe("accepted");
    const class35 = right.kind === "trademark" ? right.goodsAndServices.find((c) => c.classNumber === 35) : undefined;
    expect(class35?.status).toBe("limited");
    expect(class35?.terms.map((term) => [term.text, term.status])).toEqual([
      ["advertising", "refused"],
      ["retail services of clothing", "accepted"],
    ]);
  });

  it("refuses a role that may not act, and a cross-site post, writing nothing", async () => {
    const before = await countRows(database.db, "OM");
    const wrongRole = await post(`/office/records/${st13}/actions?lang=en`, [
      ["action", "publish"],
      ["role", "applicant"],
    ]);
    expect(wrongRole.status).toBe(403);
    expect(await wrongRole.text()).toContain("may not perform");
    const crossSite = await post(
      `/office/records/${st13}/actions`,
      [
        ["action", "publish"],
        ["role", "registrar"],
      ],
      {
        "sec-fetch-site": "cross-site",
      },
    );
    expect(crossSite.status).toBe(403);
    expect(await countRows(database.db, "OM")).toEqual(before);
  });
});
