/**
 * `office.products` and `office.kinds` drive the areas, links and routes: an office without the Madrid desk has no
 * desk, Madrid API or links (404); one without fees has no invoices, payments or their links; only the kinds it handles
 * are numbered, filed, offered and listed. The access matrix of such an office still holds (its declared routes are
 * the ones it serves).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OfficeConfig } from "../src/config/OfficeConfig.js";
import type { OpenDatabase } from "../src/db/Database.js";
import { testApp, trademarkFiling } from "./support/app.js";
import { testDatabases } from "./support/databases.js";

/** A regional office of patents and designs without the Madrid desk or fees (as the GCC Patent Office sample). */
const patentsAndDesigns = (config: OfficeConfig): OfficeConfig => {
  const { fees: _fees, madrid: _madrid, ...rest } = config;
  return {
    ...rest,
    office: {
      ...config.office,
      products: ["back-office", "publish", "e-filing"],
      kinds: ["patent", "industrial_design"],
      regional: true,
      memberStates: ["SA", "AE", "BH", "KW", "OM", "QA"] as unknown as NonNullable<
        OfficeConfig["office"]["memberStates"]
      >,
    },
  };
};

const patent = {
  kind: "patent",
  title: "Desalination membrane",
  claimsCount: 10,
  applicants: [{ name: "Nordlicht Werke GmbH", country: "DE" }],
  inventors: [{ name: "Said Al Rawahi", country: "OM" }],
};

describe.each(testDatabases)("products and kinds on $name", (target) => {
  let database: OpenDatabase;
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    database = await target.open();
    t = await testApp(database, undefined, { configure: patentsAndDesigns, rateLimits: false });
  });
  afterAll(() => database?.close());

  it("serves no Madrid desk, Madrid API, payments or invoices, and declares none of them", async () => {
    const registrar = await t.session("registrar", "madrid_examiner", "cashier");
    for (const path of ["/madrid", "/madrid/dashboard", "/madrid/import", "/payments"]) {
      expect((await t.raw.request(path, { headers: registrar.headers })).status, path).toBe(404);
    }
    for (const path of ["/api/v1/madrid/designations", "/api/v1/invoices", "/api/v1/fees/schedules"]) {
      expect((await t.jsonAs("registrar", "GET", path)).status, path).toBe(404);
    }
    const declared = t.raw.declaredRoutes.map((r) => r.path);
    expect(declared.filter((p) => p.startsWith("/madrid") || p.startsWith("/api/v1/madrid"))).toEqual([]);
    expect(declared.filter((p) => p.startsWith("/payments") || p.includes("invoice"))).toEqual([]);
    const openapi = await (await t.raw.request("/api/v1/openapi.json")).json();
    expect(Object.keys(openapi.paths).filter((p) => p.includes("madrid") || p.includes("invoice"))).toEqual([]);
    // The menu of a member of staff who could use both links them nowhere.
    const home = await (await t.raw.request("/?lang=en", { headers: registrar.headers })).text();
    expect(home).not.toMatch(/href="\/madrid/);
    expect(home).not.toMatch(/href="\/payments/);
    expect(home).toMatch(/href="\/file/);
  });

  it("files, offers and lists only the kinds the office handles", async () => {
    const refused = await t.jsonAs("clerk", "POST", "/api/v1/applications", trademarkFiling);
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    expect(JSON.stringify(await refused.json())).toContain("does not handle trademark");
    const filed = await t.jsonAs("clerk", "POST", "/api/v1/applications", patent);
    expect(filed.status).toBe(201);
    const form = await (await t.raw.request("/file?lang=en")).text();
    expect(form).toContain("kind=patent");
    expect(form).toContain("kind=industrial_design");
    expect(form).not.toContain("kind=trademark");
    expect(form).not.toContain("kind=utility_model");
    // Asked for a kind it does not handle, the form shows the office's first kind.
    const asked = await (await t.raw.request("/file?lang=en&kind=trademark")).text();
    expect(asked).toContain('<input type="hidden" name="kind" value="patent">');
    expect(asked).toMatch(/kind=patent[^"]*" aria-current="page"/);
    const home = await (await t.raw.request("/?lang=en")).text();
    expect(home).not.toContain("kind=trademark");
    expect(home).toContain("kind=patent");
    // No chart of Nice classes for an office without marks; the lead names its kinds.
    expect(home).not.toContain('id="home-classes"');
    expect(home).toContain('id="home-technology"');
    expect(home).toMatch(/published rights: Patent and Industrial design\./);
  });
});

describe.each(testDatabases)("an office with every product on $name", (target) => {
  let database: OpenDatabase;
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    database = await target.open();
    t = await testApp(database, undefined, { rateLimits: false });
  });
  afterAll(() => database?.close());

  it("links and serves the Madrid desk and payments to staff who may use them", async () => {
    const registrar = await t.session("registrar", "madrid_examiner", "cashier");
    const home = await (await t.raw.request("/?lang=en", { headers: registrar.headers })).text();
    expect(home).toMatch(/href="\/madrid/);
    expect(home).toMatch(/href="\/payments/);
    expect((await t.raw.request("/madrid", { headers: registrar.headers })).status).toBe(200);
  });
});
