/**
 * Rate limits per client address: the token bucket itself (fake clock), the address a request is counted under
 * (socket, `X-Forwarded-For` only behind trusted proxies, IPv6 by /64), the limits the app applies by default to
 * searches, validation, uploads and form posts (429 with `Retry-After` and a problem, on a real server socket), their
 * configuration, and `rateLimit()` on a route of one's own.
 */
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { Result } from "effect";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Effect } from "effect";
import { createApp } from "../src/App.js";
import { makeAccounts } from "../src/auth/Accounts.js";
import { defaultRateLimits, type OfficeConfig, parseOfficeConfig } from "../src/config/OfficeConfig.js";
import type { OpenDatabase } from "../src/db/Database.js";
import { addressKey, makeRateLimiter, rateLimit } from "../src/http/rateLimit.js";
import { silentLogger } from "../src/Logger.js";
import { referenceData } from "../src/ReferenceData.js";
import { ensureOffice } from "../src/rights/Offices.js";
import { omConfig, trademarkFiling } from "./support/app.js";
import { testDatabases } from "./support/databases.js";
import { batch } from "./support/madrid.js";

describe("the token bucket", () => {
  it("allows a burst of `limit`, then one request per window/limit as the bucket refills", () => {
    let now = 1_000_000;
    const limiter = makeRateLimiter({ limit: 3, windowMs: 60_000, now: () => now });
    expect([limiter.take("a"), limiter.take("a"), limiter.take("a")]).toEqual([0, 0, 0]);
    expect(limiter.take("a")).toBe(20_000); // one more in 20 s (60 s / 3)
    expect(limiter.take("b")).toBe(0); // another address has its own bucket
    now += 19_999;
    expect(limiter.take("a")).toBe(1);
    now += 1;
    expect(limiter.take("a")).toBe(0);
    expect(limiter.take("a")).toBe(20_000);
    now += 60_000; // full again
    expect([limiter.take("a"), limiter.take("a"), limiter.take("a"), limiter.take("a") > 0]).toEqual([0, 0, 0, true]);
  });

  it("remembers a bounded number of addresses: full buckets are forgotten, then the oldest", () => {
    let now = 0;
    const limiter = makeRateLimiter({ limit: 2, windowMs: 1_000, maxKeys: 1_000, now: () => now });
    for (let i = 0; i < 5_000; i++) limiter.take(`10.0.${i >> 8}.${i & 255}`);
    expect(limiter.size).toBeLessThanOrEqual(1_000);
    now += 1_000;
    limiter.take("10.9.9.9");
    expect(limiter.size).toBe(1);
  });

  it("counts IPv4 (also IPv4-mapped) as is and IPv6 by its /64", () => {
    expect(addressKey("192.0.2.7")).toBe("192.0.2.7");
    expect(addressKey("::ffff:192.0.2.7")).toBe("192.0.2.7");
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:0db8:0001:0002:ffff:0:0:9")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
  });

  it("rateLimit() guards a route of one's own (a sign-in, later) with a 429 naming it", async () => {
    const app = new Hono();
    app.post("/sign-in", rateLimit({ name: "sign-in", limit: 2, windowMs: 60_000 }), (c) => c.text("ok"));
    const post = () => app.request("/sign-in", { method: "POST" });
    expect([(await post()).status, (await post()).status]).toEqual([200, 200]);
    const refused = await post();
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("30");
    expect(await refused.json()).toMatchObject({
      type: "https://ipoffice.dev/problems/too-many-requests",
      status: 429,
      rateLimit: "sign-in",
      limit: 2,
      windowSeconds: 60,
      retryAfter: 30,
    });
  });
});

describe("the office configuration of rate limits", () => {
  it("has defaults, takes an office's own, and names a bad field", async () => {
    const config = await omConfig();
    expect(config.http?.rateLimits?.search ?? defaultRateLimits.search).toEqual({ limit: 300, windowSeconds: 60 });
    const { readFile } = await import("node:fs/promises");
    const { defaultConfigFile } = await import("../src/config/OfficeConfig.js");
    const text = (await readFile(defaultConfigFile, "utf8")).replace(/\nhttp:[\s\S]*?(?=\n\S|$)/, "\n");
    const parsed = parseOfficeConfig(
      `${text}\nhttp:\n  trustProxy: 1\n  rateLimits:\n    search: { limit: 0, windowSeconds: 60 }\n    forms: false\n`,
      defaultConfigFile,
    );
    expect(Result.isFailure(parsed) && parsed.failure.issues.map((i) => i.path)).toEqual([
      "http.rateLimits.search.limit",
    ]);
    const good = parseOfficeConfig(
      `${text}\nhttp:\n  trustProxy: true\n  rateLimits:\n    search: { limit: 5, windowSeconds: 10 }\n    forms: false\n`,
      defaultConfigFile,
    );
    expect(Result.isSuccess(good) && good.success.http).toEqual({
      trustProxy: true,
      rateLimits: { search: { limit: 5, windowSeconds: 10 }, forms: false },
    });
  });
});

describe.each(testDatabases)("rate limits of the app on $name", (target) => {
  let database: OpenDatabase;
  let config: OfficeConfig;
  const servers: ServerType[] = [];
  beforeAll(async () => {
    database = await target.open();
    config = await omConfig();
    await ensureOffice(database.db, config);
  });
  afterAll(async () => {
    for (const s of servers) {
      await new Promise<void>((resolve) => {
        (s as import("node:http").Server).closeAllConnections();
        s.close(() => resolve());
      });
    }
    await database?.close();
  });

  /** The app on a real socket, with these settings. */
  const start = async (http: OfficeConfig["http"]) => {
    const app = createApp({
      db: database.db,
      config: { ...config, http },
      logger: silentLogger(),
      reference: referenceData(),
    });
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
    servers.push(server);
    await new Promise<void>((resolve) => server.once("listening", () => resolve()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return (path: string, init: RequestInit = {}) => fetch(`${base}${path}`, init);
  };
  const expect429 = async (res: Response, name: string) => {
    expect(res.status, name).toBe(429);
    expect(Number(res.headers.get("retry-after")), name).toBeGreaterThanOrEqual(1);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const problem = await res.json();
    expect(problem).toMatchObject({ type: "https://ipoffice.dev/problems/too-many-requests", rateLimit: name });
    expect(problem.detail).toMatch(/try again in \d+ seconds?/);
  };

  it("limits searches, validation, uploads and form posts per address, with Retry-After and a problem", async () => {
    const one = { limit: 2, windowSeconds: 60 };
    const get = await start({
      rateLimits: { search: { limit: 3, windowSeconds: 60 }, validation: one, uploads: one, forms: one },
    });
    // search: one bucket for the register, the lists and the term search
    expect((await get("/api/v1/nice/terms?q=shirt")).status).toBe(200);
    expect((await get("/records?q=x")).status).toBe(200);
    expect((await get("/api/v1/applications?pageSize=1")).status).toBe(200);
    await expect429(await get("/api/v1/nice/terms?q=shirt"), "search");
    await expect429(await get("/records"), "search");
    // other routes are not searches
    expect((await get("/health")).status).toBe(200);
    expect((await get("/api/v1/nice/edition")).status).toBe(200);

    const json = { "content-type": "application/json" };
    const validate = () =>
      get("/api/v1/nice/validate", {
        method: "POST",
        headers: json,
        body: JSON.stringify({ goodsAndServices: [{ classNumber: 25, terms: ["shirts"] }] }),
      });
    expect([(await validate()).status, (await validate()).status]).toEqual([200, 200]);
    await expect429(await validate(), "validation");

    const clerk = await Effect.runPromise(
      makeAccounts(database.db, config).createToken({ name: "clerk", roles: ["clerk"], days: 1 }, "test"),
    );
    // The IB batch client's token (uploads need madrid.import).
    const made = await Effect.runPromise(
      makeAccounts(database.db, config).createToken({ name: "IB client", roles: ["madrid_examiner"], days: 1 }, "test"),
    );
    const upload = () =>
      get("/api/v1/madrid/transactions", {
        method: "POST",
        headers: { "content-type": "application/xml", authorization: `Bearer ${made.secret}` },
        body: batch({ count: 1, mode: "designations", notificationDate: "2026-06-01", firstIrNumber: 1_880_000 }),
      });
    expect([(await upload()).status, (await upload()).status]).toEqual([200, 200]);
    await expect429(await upload(), "uploads");
    // the import page shares the uploads bucket
    await expect429(
      await get("/madrid/import", { method: "POST", headers: { "content-type": "application/xml" }, body: "<x/>" }),
      "uploads",
    );

    const form = () =>
      get("/office/records/OM502026000000001/actions", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "action=accord_filing_date&role=clerk",
      });
    expect((await form()).status).not.toBe(429);
    expect(
      (
        await get("/file", {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: "kind=x",
        })
      ).status,
    ).not.toBe(429);
    await expect429(await form(), "forms");
    // the API's own writes are not form posts
    expect(
      (
        await get("/api/v1/applications", {
          method: "POST",
          headers: { ...json, authorization: `Bearer ${clerk.secret}` },
          body: JSON.stringify(trademarkFiling),
        })
      ).status,
    ).toBe(201);
  });

  it("counts by the socket's address: X-Forwarded-For is ignored unless proxies are trusted", async () => {
    const limit = { search: { limit: 2, windowSeconds: 60 } };
    const direct = await start({ rateLimits: limit });
    const as = (address: string) => ({ headers: { "x-forwarded-for": address } });
    expect((await direct("/records", as("198.51.100.1"))).status).toBe(200);
    expect((await direct("/records", as("198.51.100.2"))).status).toBe(200);
    await expect429(await direct("/records", as("198.51.100.3")), "search");

    const proxied = await start({ trustProxy: 1, rateLimits: limit });
    for (const address of ["198.51.100.1", "198.51.100.2", "198.51.100.3"]) {
      expect((await proxied("/records", as(address))).status, address).toBe(200);
    }
    expect((await proxied("/records", as("198.51.100.1"))).status).toBe(200);
    await expect429(await proxied("/records", as("198.51.100.1")), "search");
    // A client cannot choose its address by sending the header itself: the proxy appends the real one.
    await expect429(await proxied("/records", as("203.0.113.9, 198.51.100.1")), "search");
  });

  it("applies the defaults when the office configures none, and none where it turns one off", async () => {
    const get = await start({ rateLimits: { search: false } });
    for (let i = 0; i < 400; i++) {
      const res = await get("/api/v1/nice/terms?q=sh");
      if (res.status !== 200) throw new Error(`request ${i} answered ${res.status}`);
    }
    const defaults = await start(undefined);
    const burst = 300; // defaultRateLimits.search: 300 per 60 s
    expect(defaultRateLimits.search).toEqual({ limit: burst, windowSeconds: 60 });
    let answered = 0;
    const started = performance.now();
    for (;;) {
      const res = await defaults("/api/v1/nice/terms?q=sh");
      if (res.status === 429) break;
      answered++;
      if (answered > 2 * burst) break;
    }
    // the bucket refills (5 a second) while the requests run: a few more than the burst may pass
    const refilled = Math.ceil(((performance.now() - started) / 1000) * (burst / 60));
    expect(answered).toBeGreaterThanOrEqual(burst);
    expect(answered).toBeLessThanOrEqual(burst + refilled);
  });
});
