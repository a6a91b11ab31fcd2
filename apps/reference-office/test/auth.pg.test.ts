/**
 * Accounts, sessions and tokens as an attacker tries them: hostile sign-in forms and bearer headers (property-based:
 * never a 5xx, nothing written when refused), the same answer for a wrong password, an unknown account and a locked
 * one, lockout per account and throttling per address, session fixation, expired and forged cookies, revoked and
 * replayed tokens, CSRF, and administrators who try to raise their own power.
 */
import { Effect, Result } from "effect";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeAccounts } from "../src/auth/Accounts.js";
import { hashPassword, needsRehash, verifyPassword } from "../src/auth/passwords.js";
import type { OpenDatabase } from "../src/db/Database.js";
import { testApp, testHash } from "./support/app.js";
import { testDatabases } from "./support/databases.js";

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const cookieOf = (res: Response) => /ipo_session=([^;]*)/.exec(res.headers.get("set-cookie") ?? "")?.[1];

describe("password hashing (scrypt, RFC 7914)", () => {
  it("verifies the password it hashed and no other, and says when a hash is weaker than the office's cost", async () => {
    const stored = await hashPassword("correct horse battery", testHash);
    expect(stored).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await verifyPassword("correct horse battery", stored)).toBe(true);
    expect(await verifyPassword("correct horse batterz", stored)).toBe(false);
    expect(await verifyPassword("correct horse battery", "$scrypt$ln=99,r=8,p=1$AAAA$BBBB")).toBe(false);
    expect(needsRehash(stored)).toBe(true);
    expect(needsRehash(stored, testHash)).toBe(false);
  });
});

describe.each(testDatabases)("accounts and sessions on $name", (target) => {
  let database: OpenDatabase;
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    database = await target.open();
    t = await testApp(database, "2026-03-02T09:00:00Z", { rateLimits: false });
  });
  afterAll(() => database?.close());

  const signIn = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
    t.raw.request("/sign-in", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: form(fields),
    });
  const accountRows = async () =>
    database.db
      .selectFrom("accounts")
      .select(["id", "username", "roles", "status", "password_hash"])
      .orderBy("id")
      .execute();

  it("signs in with the right password: a new HttpOnly, SameSite cookie, and the back office for an examiner", async () => {
    const s = await t.session("examiner");
    const res = await signIn({ username: s.username, password: s.password, next: "/office/records?kind=patent" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/office/records?kind=patent");
    expect(res.headers.get("set-cookie")).toMatch(
      /^ipo_session=[A-Za-z0-9_-]{43}; Max-Age=43200; Path=\/; HttpOnly; SameSite=Lax$/,
    );
    const office = await t.raw.request("/office?lang=en", { headers: { cookie: `ipo_session=${cookieOf(res)}` } });
    expect(office.status).toBe(200);
    // Over HTTPS the cookie is Secure, with the __Host- prefix.
    const secure = await t.raw.request("https://office.example/sign-in", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form({ username: s.username, password: s.password }),
    });
    expect(secure.headers.getSetCookie().find((c) => c.startsWith("__Host-"))).toMatch(
      /^__Host-ipo_session=[A-Za-z0-9_-]{43}; Max-Age=43200; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );
  });

  it("never sends a signed-in person to another site", async () => {
    const s = await t.session("clerk");
    for (const next of [
      "//evil.example/x",
      "https://evil.example",
      "/\\evil.example",
      "javascript:alert(1)",
      "/sign-in",
    ]) {
      const res = await signIn({ username: s.username, password: s.password, next });
      expect(res.status).toBe(303);
      expect(res.headers.get("location"), next).toBe("/office?lang=ar");
    }
  });

  it("answers a wrong password, an unknown account and a locked account alike, and locks after five failures", async () => {
    const s = await t.session("clerk");
    const wrong = await signIn({ username: s.username, password: "not it at all" });
    const unknown = await signIn({ username: "no-such-person", password: "not it at all" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const body = (res: Response) => res.text();
    const wrongText = await body(wrong);
    expect(await body(unknown)).toBe(wrongText);
    for (let i = 0; i < 4; i++) await signIn({ username: s.username, password: "not it at all" });
    // Locked now (five failures in a row): the right password is refused with the same page.
    const locked = await signIn({ username: s.username, password: s.password });
    expect(locked.status).toBe(401);
    expect(await body(locked)).toBe(wrongText);
    // After the lockout (15 minutes by default) the account signs in again.
    t.time.set("2026-03-02T09:16:00Z");
    expect((await signIn({ username: s.username, password: s.password })).status).toBe(303);
    t.time.set("2026-03-02T09:00:00Z");
  });

  it("throttles an address that fails too often, whatever the account", async () => {
    const accounts = makeAccounts(database.db, t.config, { ...t.accounts.settings, addressAttempts: 3 });
    const run = <A, E>(e: Effect.Effect<A, E>) => t.withClock(Effect.result(e));
    const s = await t.session("registrar");
    for (let i = 0; i < 3; i++)
      await run(accounts.signIn(`someone-${i}`, "wrong password!", { address: "203.0.113.9" }));
    const refused = await run(accounts.signIn(s.username, s.password, { address: "203.0.113.9" }));
    expect(Result.isFailure(refused) && refused.failure._tag === "SignInRefused" && refused.failure.reason).toBe(
      "throttled",
    );
    const other = await run(accounts.signIn(s.username, s.password, { address: "203.0.113.10" }));
    expect(Result.isSuccess(other)).toBe(true);
  });

  it("gives a new session at sign-in whatever cookie the browser brought (no fixation), and ends the old one", async () => {
    const a = await t.session("examiner");
    const planted = "A".repeat(43);
    const res = await signIn({ username: a.username, password: a.password }, { cookie: `ipo_session=${planted}` });
    expect(cookieOf(res)).not.toBe(planted);
    // A second sign-in from a browser holding a real session ends that session.
    // (Signed in, the browser's form carries the session's CSRF token like every other.)
    const again = await signIn({ username: a.username, password: a.password, _csrf: a.csrf }, { cookie: a.cookie });
    expect(again.status).toBe(303);
    expect(cookieOf(again)).not.toBe(a.cookie.split("=")[1]);
    const old = await t.raw.request("/account", { headers: { cookie: a.cookie, accept: "text/html" } });
    expect(old.status).toBe(303);
  });

  it("treats forged, expired and idle sessions as no session, and clears the cookie", async () => {
    const forged = await t.raw.request("/account", {
      headers: { cookie: `ipo_session=${"x".repeat(43)}`, accept: "text/html" },
    });
    expect(forged.status).toBe(303);
    expect(forged.headers.get("set-cookie")).toMatch(/ipo_session=; Max-Age=0/);
    const s = await t.session("clerk");
    t.time.set("2026-03-02T09:29:00Z");
    expect((await t.raw.request("/account", { headers: { cookie: s.cookie } })).status).toBe(200);
    // Idle for more than 30 minutes since the last request: gone.
    t.time.set("2026-03-02T10:00:00Z");
    expect((await t.raw.request("/account", { headers: { cookie: s.cookie, accept: "text/html" } })).status).toBe(303);
    // Active all along but past the absolute 12 hours: gone too.
    const busy = await t.session("clerk");
    for (let h = 0; h < 12 * 4; h++) {
      t.time.set(new Date(Date.parse("2026-03-02T10:00:00Z") + h * 15 * 60_000).toISOString());
      await t.raw.request("/account", { headers: { cookie: busy.cookie } });
    }
    t.time.set("2026-03-02T22:01:00Z");
    expect((await t.raw.request("/account", { headers: { cookie: busy.cookie, accept: "text/html" } })).status).toBe(
      303,
    );
    t.time.set("2026-03-02T09:00:00Z");
  });

  it("signs out here, or everywhere", async () => {
    const s = await t.session("clerk");
    const second = await signIn({ username: s.username, password: s.password });
    const secondCookie = `ipo_session=${cookieOf(second)}`;
    const out = await t.raw.request("/sign-out", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: s.cookie },
      body: form({ _csrf: s.csrf, everywhere: "1" }),
    });
    expect(out.status).toBe(303);
    for (const cookie of [s.cookie, secondCookie])
      expect((await t.raw.request("/account", { headers: { cookie, accept: "text/html" } })).status).toBe(303);
  });

  it("refuses a revoked, an expired, a malformed or a replayed-after-revocation token", async () => {
    const made = await t.withClock(
      t.accounts.createToken({ name: "batch client", roles: ["madrid_examiner"], days: 1 }, "test"),
    );
    const auth = { authorization: `Bearer ${made.secret}` };
    expect((await t.raw.request("/api/v1/madrid/designations", { headers: auth })).status).toBe(200);
    t.time.set("2026-03-03T09:00:01Z");
    expect((await t.raw.request("/api/v1/madrid/designations", { headers: auth })).status).toBe(401);
    t.time.set("2026-03-02T09:00:00Z");
    await t.withClock(t.accounts.revokeToken(made.token.id));
    const replay = await t.raw.request("/api/v1/madrid/designations", { headers: auth });
    expect(replay.status).toBe(401);
    expect(replay.headers.get("www-authenticate")).toBe('Bearer realm="ipoffice"');
    // The right id with another secret is no one.
    const forged = made.secret.replace(/_[A-Za-z0-9_-]{43}$/, `_${"A".repeat(43)}`);
    expect(
      (await t.raw.request("/api/v1/madrid/designations", { headers: { authorization: `Bearer ${forged}` } })).status,
    ).toBe(401);
  });

  it("never answers a 5xx to any Authorization header or session cookie, and writes nothing for them", async () => {
    const before = await accountRows();
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), fc.string({ maxLength: 300 }), async (authorization, cookie) => {
        const headers = new Headers();
        try {
          headers.set("authorization", authorization);
          headers.set("cookie", `ipo_session=${cookie}`);
        } catch {
          return; // not a value a client can send
        }
        const res = await t.raw.request("/api/v1/invoices", { headers });
        expect(res.status).toBeLessThan(500);
        expect([401, 403]).toContain(res.status);
      }),
      { numRuns: 150 },
    );
    expect(await accountRows()).toEqual(before);
  });

  it("never answers a 5xx to any sign-in form, and signs no one in with it", async () => {
    const before = (await accountRows()).map((r) => ({ ...r, password_hash: r.password_hash?.slice(0, 20) }));
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.constantFrom("username", "password", "next", "_csrf", "x"),
          fc.oneof(
            fc.string({ maxLength: 500 }),
            fc.string({ unit: "grapheme", maxLength: 50 }),
            fc.constant("\u0000"),
          ),
        ),
        async (fields) => {
          const res = await signIn(fields);
          expect(res.status).toBeLessThan(500);
          expect(res.status).not.toBe(303);
          expect(res.headers.get("set-cookie")).toBeNull();
        },
      ),
      { numRuns: 100 },
    );
    const huge = await signIn({ username: "a", password: "p".repeat(20_000) });
    expect(huge.status).toBe(413);
    const after = (await accountRows()).map((r) => ({ ...r, password_hash: r.password_hash?.slice(0, 20) }));
    expect(after).toEqual(before);
  });

  describe("administration", () => {
    const post = async (
      session: Awaited<ReturnType<typeof t.session>>,
      path: string,
      fields: Array<[string, string]>,
    ) =>
      t.raw.request(path, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: session.cookie },
        body: new URLSearchParams([...fields, ["_csrf", session.csrf]]).toString(),
      });

    it("creates an account that can sign in; refuses a weak password, a taken name and unknown roles, writing nothing", async () => {
      const admin = await t.session("office_admin");
      const created = await post(admin, "/admin/accounts?lang=en", [
        ["displayName", "Salma Al Harthy"],
        ["username", "salma"],
        ["roles", "examiner"],
        ["roles", "classifier"],
        ["password", "a long enough passphrase"],
      ]);
      expect(created.status).toBe(303);
      expect((await signIn({ username: "SALMA ", password: "a long enough passphrase" })).status).toBe(303);
      const before = await accountRows();
      for (const fields of [
        [
          ["displayName", "X"],
          ["username", "weak"],
          ["roles", "clerk"],
          ["password", "short"],
        ],
        [
          ["displayName", "X"],
          ["username", "salma"],
          ["roles", "clerk"],
          ["password", "a long enough passphrase"],
        ],
        [
          ["displayName", "X"],
          ["username", "newname"],
          ["roles", "wizard"],
          ["password", "a long enough passphrase"],
        ],
        [
          ["displayName", "X"],
          ["username", "newname"],
          ["roles", "sysadmin"],
          ["password", "a long enough passphrase"],
        ],
        [
          ["displayName", "X"],
          ["username", "newname"],
          ["password", "a long enough passphrase"],
        ],
      ] as Array<Array<[string, string]>>) {
        const res = await post(admin, "/admin/accounts?lang=en", fields);
        expect(res.status, JSON.stringify(fields)).toBe(400);
      }
      expect(await accountRows()).toEqual(before);
    });

    it("never answers a 5xx to any account form, and creates nothing from a refused one", async () => {
      const admin = await t.session("office_admin");
      const before = (await accountRows()).length;
      let created = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.tuple(
              fc.constantFrom("displayName", "username", "roles", "password", "status"),
              fc.oneof(
                fc.string({ maxLength: 300 }),
                fc.constantFrom("clerk", "sysadmin", "office_admin", "\u0000", ""),
              ),
            ),
            { maxLength: 8 },
          ),
          async (fields) => {
            const res = await post(admin, "/admin/accounts", fields);
            expect(res.status).toBeLessThan(500);
            if (res.status === 303) created += 1;
            else expect(res.status).toBe(400);
          },
        ),
        { numRuns: 60 },
      );
      expect((await accountRows()).length).toBe(before + created);
    });

    it("lets no one raise their own power: no own roles, no system administrator, no administrator tokens", async () => {
      const admin = await t.session("office_admin");
      const self = await post(admin, `/admin/accounts/${admin.accountId}`, [
        ["displayName", "Me"],
        ["roles", "office_admin"],
        ["roles", "registrar"],
        ["status", "active"],
      ]);
      expect(self.status).toBe(200);
      const me = await t.withClock(t.accounts.get(admin.accountId));
      expect(me.roles).toEqual(["office_admin"]);
      const other = await t.session("clerk");
      const grant = await post(admin, `/admin/accounts/${other.accountId}`, [
        ["displayName", "C"],
        ["roles", "sysadmin"],
      ]);
      expect(grant.status).toBe(400);
      const token = await post(admin, "/admin/tokens", [
        ["name", "root"],
        ["tokenRoles", "office_admin"],
        ["days", "30"],
      ]);
      expect(token.status).toBe(400);
      const fine = await post(admin, "/admin/tokens", [
        ["name", "IB batch client"],
        ["tokenRoles", "madrid_examiner"],
        ["scopes", "madrid.import"],
        ["days", "30"],
      ]);
      expect(fine.status).toBe(201);
      const secret = /ipo_[a-z0-9]{12}_[A-Za-z0-9_-]{43}/.exec(await fine.text())?.[0];
      expect(secret).toBeDefined();
      // Scoped to madrid.import: it imports, but reads nothing else of the desk.
      const read = await t.raw.request("/api/v1/madrid/designations", {
        headers: { authorization: `Bearer ${secret}` },
      });
      expect(read.status).toBe(403);
      // Changing someone's roles ends their sessions.
      await post(admin, `/admin/accounts/${other.accountId}`, [
        ["displayName", "C"],
        ["roles", "cashier"],
      ]);
      expect((await t.raw.request("/account", { headers: { cookie: other.cookie, accept: "text/html" } })).status).toBe(
        303,
      );
    });

    it("refuses an administration post without the session's CSRF token", async () => {
      const admin = await t.session("office_admin");
      const res = await t.raw.request("/admin/tokens", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: admin.cookie },
        body: form({ name: "x", tokenRoles: "clerk", days: "3" }),
      });
      expect(res.status).toBe(403);
    });
  });
});
