/**
 * Several instances on one database (decision 0698), on PGlite and PostgreSQL: scheduled work claimed once per slot
 * by whichever instance comes first, taken over when its runner's lease runs out, tried again after a failure; rate
 * limits counted in one bucket by every instance; `/ready` and the refusal to serve when the schema is behind or
 * incompatibly ahead; `cli migrate`; an instance started with `--no-migrate` that serves once the schema is
 * migrated; sign-in failures and `Idempotency-Key` across instances; the metrics. The same behaviour with real
 * processes behind a proxy is `instances-proxy.pg.test.ts`.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Effect } from "effect";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/App.js";
import { accessSettingsOf, databaseSignInThrottle, makeAccounts, memorySignInThrottle } from "../src/auth/Accounts.js";
import { migrate, migrationNames, type OpenDatabase, schemaState } from "../src/db/Database.js";
import { runMigrateCli } from "../src/db/cli.js";
import { makeMetrics } from "../src/http/observability.js";
import { databaseRateLimits, forgetFullBuckets, memoryRateLimits } from "../src/http/rateLimit.js";
import { everySlot, type Job, makeScheduler } from "../src/jobs/Scheduler.js";
import { silentLogger } from "../src/Logger.js";
import { referenceData } from "../src/ReferenceData.js";
import { ensureOffice } from "../src/rights/Offices.js";
import { startServer } from "../src/Server.js";
import { withPglite } from "../../../test-support/engines.js";
import { omConfig, testApp, testHash, trademarkFiling } from "./support/app.js";
import { testDatabases } from "./support/databases.js";

const io = () => {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t) } },
    out: () => out.join(""),
    err: () => err.join(""),
  };
};

describe.each(testDatabases)("several instances on $name", (target) => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(async () => {
    await database?.close();
  });

  it("runs each slot of a job once, whichever of two instances ticks first, and the next slot again", async () => {
    let now = new Date("2026-12-07T10:05:00Z");
    const ran: Array<{ owner: string; slot: string }> = [];
    const job = (owner: string): Job => ({
      name: "count",
      slot: everySlot(3_600_000),
      run: async (at) => {
        ran.push({ owner, slot: everySlot(3_600_000)(at) });
        // Long enough that the other instance ticks while this one works.
        await new Promise((resolve) => setTimeout(resolve, 30));
        return { owner };
      },
    });
    const make = (owner: string) =>
      makeScheduler({
        db: database.db,
        officeCode: "OM",
        jobs: [job(owner)],
        logger: silentLogger(),
        owner,
        now: () => now,
      });
    const a = make("a");
    const b = make("b");
    const both = await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
    expect(both.flat()).toHaveLength(1);
    expect(ran).toHaveLength(1);
    expect(ran[0]?.slot).toBe("2026-12-07T10");
    now = new Date("2026-12-07T11:00:01Z");
    await Promise.all([b.tick(), a.tick()]);
    expect(ran.map((r) => r.slot)).toEqual(["2026-12-07T10", "2026-12-07T11"]);
    const rows = await database.db
      .selectFrom("job_runs")
      .selectAll()
      .where("job", "=", "count")
      .orderBy("slot")
      .execute();
    expect(rows.map((r) => [r.slot, r.outcome, r.attempt])).toEqual([
      ["2026-12-07T10", "done", 1],
      ["2026-12-07T11", "done", 1],
    ]);
    expect(rows.map((r) => r.owner)).toEqual(ran.map((r) => r.owner));
  });

  it("takes over a slot whose runner died (its lease ran out), and tries a failed slot again after the retry time", async () => {
    let now = new Date("2026-12-07T12:00:00Z");
    // The runner that died: it claimed the slot and never finished (its process was killed).
    await database.db
      .insertInto("job_runs")
      .values({
        office_code: "OM",
        job: "takeover",
        slot: "2026-12-07T12",
        owner: "dead",
        started_at: now,
        lease_until: new Date(now.getTime() + 60_000),
        outcome: null,
        detail: null,
      })
      .execute();
    let runs = 0;
    let fail = false;
    const scheduler = makeScheduler({
      db: database.db,
      officeCode: "OM",
      logger: silentLogger(),
      owner: "alive",
      leaseMs: 60_000,
      retryMs: 120_000,
      now: () => now,
      jobs: [
        {
          name: "takeover",
          slot: everySlot(3_600_000),
          run: async () => {
            runs += 1;
            if (fail) throw new Error("the work failed");
            return {};
          },
        },
      ],
    });
    expect(await scheduler.tick()).toEqual([]); // the dead runner's lease still holds
    now = new Date("2026-12-07T12:01:01Z");
    fail = true;
    expect(await scheduler.tick()).toEqual([{ job: "takeover", slot: "2026-12-07T12", outcome: "failed" }]);
    const failed = await database.db
      .selectFrom("job_runs")
      .selectAll()
      .where("job", "=", "takeover")
      .executeTakeFirstOrThrow();
    expect([failed.owner, failed.attempt, failed.outcome]).toEqual(["alive", 2, "failed"]);
    expect(failed.detail).toEqual({ error: "the work failed" });
    now = new Date("2026-12-07T12:02:00Z");
    expect(await scheduler.tick()).toEqual([]); // too soon to retry
    now = new Date("2026-12-07T12:04:00Z");
    fail = false;
    expect(await scheduler.tick()).toEqual([{ job: "takeover", slot: "2026-12-07T12", outcome: "done" }]);
    expect(await scheduler.tick()).toEqual([]); // done: never again
    expect(runs).toBe(2);
  });

  it("counts a client's requests in one bucket whichever instance they reach; memory buckets count apart", async () => {
    let now = 5_000_000;
    const one = databaseRateLimits(database.db, "OM", { now: () => now });
    const two = databaseRateLimits(database.db, "OM", { now: () => now });
    // 4 per minute: 2 on each instance, then both refuse with the wait until the bucket has one again (15 s).
    const taken = [
      await one.take("search", "192.0.2.1", 4, 60_000),
      await two.take("search", "192.0.2.1", 4, 60_000),
      await one.take("search", "192.0.2.1", 4, 60_000),
      await two.take("search", "192.0.2.1", 4, 60_000),
    ];
    expect(taken).toEqual([0, 0, 0, 0]);
    expect(await one.take("search", "192.0.2.1", 4, 60_000)).toBe(15_000);
    expect(await two.take("search", "192.0.2.1", 4, 60_000)).toBe(15_000);
    expect(await two.take("search", "192.0.2.2", 4, 60_000)).toBe(0); // another address
    expect(await two.take("forms", "192.0.2.1", 4, 60_000)).toBe(0); // another limit
    // 200 concurrent requests of one address over both instances: exactly `limit` pass.
    const burst = await Promise.all(
      Array.from({ length: 200 }, (_, i) => (i % 2 ? one : two).take("burst", "192.0.2.9", 50, 60_000)),
    );
    expect(burst.filter((w) => w === 0)).toHaveLength(50);
    now += 15_000;
    expect(await one.take("search", "192.0.2.1", 4, 60_000)).toBe(0);
    // Full again after the window: the housekeeping forgets the rows, which changes nothing for the client.
    now += 60_000;
    expect(await forgetFullBuckets(database.db, now)).toBeGreaterThanOrEqual(3);
    expect(await one.take("search", "192.0.2.1", 4, 60_000)).toBe(0);
    // In memory, each instance has its own bucket: 4 more on each.
    const a = memoryRateLimits({ now: () => now });
    const b = memoryRateLimits({ now: () => now });
    for (let i = 0; i < 4; i++)
      expect([await a.take("s", "k", 4, 60_000), await b.take("s", "k", 4, 60_000)]).toEqual([0, 0]);
    expect(await a.take("s", "k", 4, 60_000)).toBeGreaterThan(0);
  });

  it("throttles an address's sign-in failures across instances with the database's count; each alone in memory", async () => {
    const config = await omConfig();
    await ensureOffice(database.db, config);
    const settings = { ...accessSettingsOf(config), addressAttempts: 3, hash: testHash };
    const reasonOf = async (accounts: ReturnType<typeof makeAccounts>, name: string, address: string) => {
      const result = await Effect.runPromise(Effect.result(accounts.signIn(name, "wrong password!", { address })));
      return result._tag === "Failure" ? (result.failure as { reason?: string }).reason : "signed in";
    };
    const shared = () =>
      makeAccounts(database.db, config, settings, databaseSignInThrottle(database.db, "OM", settings));
    const [one, two] = [shared(), shared()];
    expect(await reasonOf(one, "nobody-1", "198.51.100.7")).toBe("unknown");
    expect(await reasonOf(two, "nobody-2", "198.51.100.7")).toBe("unknown");
    expect(await reasonOf(one, "nobody-3", "198.51.100.7")).toBe("unknown");
    expect(await reasonOf(two, "nobody-4", "198.51.100.7")).toBe("throttled");
    expect(await reasonOf(one, "nobody-5", "198.51.100.7")).toBe("throttled");
    expect(await reasonOf(two, "nobody-6", "198.51.100.8")).toBe("unknown");
    // In memory each instance counts its own: the fourth failure on another instance is not throttled.
    const m1 = makeAccounts(database.db, config, settings, memorySignInThrottle(settings));
    const m2 = makeAccounts(database.db, config, settings, memorySignInThrottle(settings));
    for (let i = 0; i < 3; i++) expect(await reasonOf(m1, `nobody-m${i}`, "198.51.100.9")).toBe("unknown");
    expect(await reasonOf(m1, "nobody-m3", "198.51.100.9")).toBe("throttled");
    expect(await reasonOf(m2, "nobody-m4", "198.51.100.9")).toBe("unknown");
  });

  it("answers a write sent again with the same Idempotency-Key with the first answer, on either instance, and files once", async () => {
    const one = await testApp(database, "2026-12-07T09:00:00Z", { as: ["clerk"] });
    const two = await testApp(database, "2026-12-07T09:00:00Z");
    const auth = await one.as("clerk");
    const count = async () =>
      Number(
        (
          await database.db
            .selectFrom("rights")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const send = (app: typeof one, key: string, body: unknown = trademarkFiling) =>
      app.raw.request("/api/v1/applications", {
        method: "POST",
        headers: { ...auth, "content-type": "application/json", "idempotency-key": key },
        body: JSON.stringify(body),
      });
    const first = await send(one, "filing-0001");
    expect(first.status).toBe(201);
    const filed = await first.json();
    const again = await send(two, "filing-0001");
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect((await again.json()).applicationNumber).toBe(filed.applicationNumber);
    expect(await count()).toBe(before + 1);
    // The same key for another request: refused, nothing filed.
    const other = await send(two, "filing-0001", { ...trademarkFiling, mark: { text: "OTHER", type: "word" } });
    expect(other.status).toBe(422);
    expect((await other.json()).type).toMatch(/idempotency-key-reused$/);
    for (const bad of ["", "é", "a b", "x".repeat(256)]) {
      const res = await send(one, bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
    const counted = await count();
    // The same key sent to both instances at once: one filing, the other answer is the replay or "in progress".
    const raced = await Promise.all([send(one, "filing-race"), send(two, "filing-race")]);
    expect(raced.map((r) => r.status).sort()).toEqual(expect.arrayContaining([201]));
    for (const r of raced) expect([201, 409]).toContain(r.status);
    expect(await count()).toBe(counted + 1);
    // A refused request (400) is recorded too: the same key gets the same refusal.
    const invalid = await send(one, "filing-bad", { kind: "trademark" });
    const invalidAgain = await send(two, "filing-bad", { kind: "trademark" });
    expect([invalid.status, invalidAgain.status]).toEqual([400, 400]);
    expect(invalidAgain.headers.get("idempotent-replayed")).toBe("true");
    expect(await count()).toBe(counted + 1);
  });

  it("is ready when the schema is this version's; behind or incompatibly ahead, not ready and refusing", async () => {
    const config = await omConfig();
    await ensureOffice(database.db, config);
    let refusing: string | undefined;
    const metrics = makeMetrics("OM", { process: false });
    const app = createApp({
      db: database.db,
      config,
      logger: silentLogger(),
      reference: referenceData(),
      schema: database.schema,
      readyCacheMs: 0,
      metrics,
      refusing: () => refusing,
    });
    const ready = await app.request("/ready");
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready", migration: { current: migrationNames.at(-1) } });
    const table = database.schema ? `"${database.schema}".kysely_migration` : "kysely_migration";
    const floor = database.schema ? `"${database.schema}".schema_floor` : "schema_floor";

    // Ahead by an expand migration of a newer version: the floor is one this version knows, so it serves.
    await sql`insert into ${sql.raw(table)} (name, timestamp) values ('2099_01_01_0001_expand', '2099-01-01T00:00:00Z')`.execute(
      database.db,
    );
    expect((await app.request("/ready")).status).toBe(200);
    // A contract migration raised the floor: this version must not serve.
    await sql`update ${sql.raw(floor)} set requires = '2099_01_01_0001_expand'`.execute(database.db);
    const ahead = await app.request("/ready");
    expect(ahead.status).toBe(503);
    expect((await ahead.json()).reasons[0]).toMatch(/schema ahead.*2099_01_01_0001_expand/);
    const state = await schemaState(database.db, database.schema);
    expect([state.compatible, state.unknown, state.floor]).toEqual([
      false,
      ["2099_01_01_0001_expand"],
      "2099_01_01_0001_expand",
    ]);
    const status = io();
    expect(await runMigrateCli(["--status"], { database, io: status.io })).toBe(1);
    expect(status.out()).toMatch(
      /ahead: unknown to this version: 2099_01_01_0001_expand\n.*\nthis version cannot serve/,
    );
    const refused = io();
    expect(await runMigrateCli([], { database, io: refused.io })).toBe(1);
    await sql`update ${sql.raw(floor)} set requires = '2026_12_07_0018_instances'`.execute(database.db);
    await sql`delete from ${sql.raw(table)} where name = '2099_01_01_0001_expand'`.execute(database.db);

    // Behind: a migration of this version not run (as if `cli migrate` had not been run before the start).
    const last = migrationNames.at(-1) as string;
    await sql`delete from ${sql.raw(table)} where name = ${last}`.execute(database.db);
    const behind = await app.request("/ready");
    expect(behind.status).toBe(503);
    expect((await behind.json()).reasons).toEqual([`schema behind: 1 migration(s) not run (${last})`]);
    refusing = "the database schema is behind this version";
    const refusedRequest = await app.request("/api/v1/applications");
    expect(refusedRequest.status).toBe(503);
    expect(refusedRequest.headers.get("retry-after")).toBe("5");
    expect((await refusedRequest.json()).type).toMatch(/not-ready$/);
    expect((await app.request("/health")).status).toBe(200);
    refusing = undefined;
    await sql`insert into ${sql.raw(table)} (name, timestamp) values (${last}, now())`.execute(database.db);
    const back = io();
    expect(await runMigrateCli(["--status"], { database, io: back.io })).toBe(0);
    expect(back.out()).toMatch(/this version can serve on it/);
    const nothing = io();
    expect(await runMigrateCli([], { database, io: nothing.io })).toBe(0);
    expect(nothing.out()).toBe(`nothing to run: the schema is at ${last}\n`);
    expect(await runMigrateCli(["--bogus"], { database, io: io().io })).toBe(2);

    // Metrics: per route template, method and status, labelled with the office; readiness as a gauge.
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/ipoffice_http_requests_total\{method="GET",route="\/ready",status="503",office="OM"\} 2/);
    expect(text).toMatch(
      /ipoffice_http_requests_total\{method="GET",route="\/api\/v1\/applications",status="503",office="OM"\} 1/,
    );
    expect(text).toMatch(/ipoffice_ready\{office="OM"\} 0/);
    await app.request("/ready");
    expect(await metrics.registry.metrics()).toMatch(/ipoffice_ready\{office="OM"\} 1/);
  });
});

describe.runIf(withPglite)("an instance started with --no-migrate on a schema behind it", () => {
  it("listens not ready, refuses requests, and serves by itself once the schema is migrated", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "ipo-no-migrate-"));
    const server = await startServer({ port: 0, dataDir, seed: false, migrate: false, logger: silentLogger() });
    try {
      const notReady = await fetch(`${server.url}/ready`);
      expect(notReady.status).toBe(503);
      expect((await notReady.json()).reasons[0]).toMatch(/^schema behind: \d+ migration\(s\) not run/);
      const refused = await fetch(`${server.url}/api/v1/applications`);
      expect(refused.status).toBe(503);
      expect((await refused.json()).detail).toMatch(/behind this version \(run cli migrate\)/);
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
      await migrate(server.database.db);
      let ready = 503;
      for (let i = 0; i < 40 && ready !== 200; i++) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        ready = (await fetch(`${server.url}/ready`)).status;
      }
      expect(ready).toBe(200);
      expect((await fetch(`${server.url}/api/v1/applications`)).status).toBe(200);
    } finally {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
