/**
 * Single sign-on in the office: `auth.oidc` configured, a real OpenID provider started in the test. A member of a
 * mapped group signs in, gets an account of the office with the mapped roles (created on first sign-in, found by
 * issuer and subject after) and a session that opens the back office; someone whose groups map to no role gets no
 * account and no session.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/App.js";
import type { OpenDatabase } from "../src/db/Database.js";
import { silentLogger } from "../src/Logger.js";
import { referenceData } from "../src/ReferenceData.js";
import { ensureOffice } from "../src/rights/Offices.js";
import { omConfig, testHash } from "./support/app.js";
import { testDatabases } from "./support/databases.js";
import {
  CookieJar,
  signInAtProvider,
  startTestProvider,
  type TestProvider,
  testClient,
} from "./support/oidcProvider.js";

describe.each(testDatabases)("single sign-on in the office on $name", (target) => {
  let database: OpenDatabase;
  let provider: TestProvider;
  let app: ReturnType<typeof createApp>;
  const office = "http://office.test";

  beforeAll(async () => {
    database = await target.open();
    process.env.IPO_TEST_OIDC_SECRET = "office-client-secret-0123456789";
    process.env.IPO_SESSION_SECRET = "a session secret of at least thirty-two bytes";
    provider = await startTestProvider({
      clients: [testClient("ipoffice", "office-client-secret-0123456789", [`${office}/sign-in/oidc/callback`])],
      accounts: {
        salma: { email: "salma@ipo.example", name: "Salma Al Harthy", groups: ["tm-examiners"] },
        visitor: { email: "visitor@ipo.example", name: "Visitor", groups: ["library"] },
      },
      groupsInIdToken: true,
    });
    const base = await omConfig();
    const config = {
      ...base,
      auth: {
        oidc: {
          issuer: provider.issuer,
          clientId: "ipoffice",
          clientSecretEnv: "IPO_TEST_OIDC_SECRET",
          scopes: ["openid", "profile", "email", "groups"],
          groupsClaim: "groups",
          roleMapping: { "tm-examiners": ["examiner"] },
          tokenEndpointAuthMethod: "client_secret_basic" as const,
        },
      },
    } as typeof base;
    await ensureOffice(database.db, config);
    app = createApp({
      db: database.db,
      config,
      logger: silentLogger(),
      reference: referenceData(),
      passwordHash: testHash,
    });
  });
  afterAll(async () => {
    // Test files share their worker: what this one set must not reach the next.
    delete process.env.IPO_TEST_OIDC_SECRET;
    delete process.env.IPO_SESSION_SECRET;
    await provider?.stop();
    await database?.close();
  });

  const signInAs = async (login: string) => {
    const jar = new CookieJar();
    const page = await (await app.request(`${office}/sign-in?lang=en`)).text();
    expect(page).toContain('href="/sign-in/oidc"');
    const start = await app.request(`${office}/sign-in/oidc?returnTo=${encodeURIComponent("/office")}`);
    expect(start.status).toBe(302);
    jar.store(start);
    const back = new URL(
      await signInAtProvider(start.headers.get("location") ?? "", login, `${office}/sign-in/oidc/callback`),
    );
    return app.request(`${office}${back.pathname}${back.search}`, { headers: { cookie: jar.header(back.href) } });
  };

  it("signs a mapped group's member in with the mapped roles, creating the account once", async () => {
    const done = await signInAs("salma");
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe("/office");
    const session = /ipo_session=([A-Za-z0-9_-]{43})/.exec(done.headers.getSetCookie().join("\n"))?.[1];
    expect(session).toBeDefined();
    const officePage = await app.request(`${office}/office?lang=en`, { headers: { cookie: `ipo_session=${session}` } });
    expect(officePage.status).toBe(200);
    const again = await signInAs("salma");
    expect(again.status).toBe(303);
    const accounts = await database.db
      .selectFrom("accounts")
      .select(["username", "display_name", "roles", "oidc_subject", "password_hash"])
      .execute();
    expect(accounts).toEqual([
      {
        username: "salma@ipo.example",
        display_name: "Salma Al Harthy",
        roles: ["examiner"],
        oidc_subject: "salma",
        password_hash: null,
      },
    ]);
  }, 30_000);

  it("gives no account and no session to someone whose groups map to no role", async () => {
    const done = await signInAs("visitor");
    expect(done.status).toBe(403);
    expect(done.headers.getSetCookie().join("\n")).not.toMatch(/ipo_session=[A-Za-z0-9_-]{43}/);
    expect(
      await database.db.selectFrom("accounts").select("username").where("username", "like", "visitor%").execute(),
    ).toEqual([]);
  }, 30_000);
});
