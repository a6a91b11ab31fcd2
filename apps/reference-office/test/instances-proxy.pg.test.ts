/**
 * Two real instances (child processes) on one PostgreSQL database behind haproxy with health checks on `/ready`
 * (issue 14, section 4; decision 0698): 200 concurrent filings spread over both get unique, gapless numbers; one
 * instance stopped in the middle of a load run (SIGTERM, then SIGKILL) loses no acknowledged filing, no 5xx reaches a
 * client once the proxy has marked it down, and the scheduled work still runs once per slot.
 *
 * PostgreSQL only (IPO_TEST_DATABASE_URL; CI's PostgreSQL step): the instances are separate processes and need a
 * database server. Each run creates its own database and drops it.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { Effect, Result } from "effect";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { needsCommand } from "../../../test-support/reference-data.js";
import { makeAccounts } from "../src/auth/Accounts.js";
import { defaultConfigFile, loadOfficeConfig } from "../src/config/OfficeConfig.js";
import type { Database } from "../src/db/schema.js";
import { trademarkFiling } from "./support/app.js";
import {
  freshDatabase,
  type Instance,
  type RunningProxy,
  runCli,
  startInstance,
  startProxy,
} from "./support/instances.js";

const url = process.env.IPO_TEST_DATABASE_URL;
const haproxy = needsCommand("haproxy", "haproxy");
/** Scheduled work every 2 s, looked for every 250 ms: a dozen slots in one test. */
const SLOT_MS = 2_000;

const serialOf = (number: string) => Number(/(\d+)$/.exec(number)?.[1]);

describe.runIf(url !== undefined && !haproxy.skip)(
  haproxy.title("two instances on one PostgreSQL database behind haproxy"),
  () => {
    let database: Awaited<ReturnType<typeof freshDatabase>>;
    let db: Kysely<Database>;
    let a: Instance;
    let b: Instance;
    let proxy: RunningProxy;
    let token: string;

    beforeAll(async () => {
      database = await freshDatabase(url as string);
      const env = {
        DATABASE_URL: database.url,
        IPO_SEED: "false",
        IPO_JOBS_EVERY_MS: String(SLOT_MS),
        IPO_JOBS_TICK_MS: "250",
        IPO_SHUTDOWN_DRAIN_MS: "1500",
        IPO_RATE_LIMIT_STORE: "database",
      };
      // The schema by its own command; the instances start with --no-migrate.
      const migrated = await runCli(["migrate"], { DATABASE_URL: database.url });
      expect(migrated.stderr).toBe("");
      expect(migrated.stdout).toMatch(/^ran \d+ migration\(s\)/);
      expect(migrated.code).toBe(0);
      [a, b] = await Promise.all([
        startInstance("a", 3610, env, ["--no-migrate"]),
        startInstance("b", 3611, env, ["--no-migrate"]),
      ]);
      proxy = await startProxy(3603, [
        { name: "a", port: a.port },
        { name: "b", port: b.port },
      ]);
      db = new Kysely<Database>({
        dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 2 }) }),
      });
      const config = Result.getOrThrow(await loadOfficeConfig(defaultConfigFile));
      const accounts = makeAccounts(db, config);
      token = (await Effect.runPromise(accounts.createToken({ name: "load", roles: ["clerk"], days: 1 }, "test")))
        .secret;
    }, 90_000);

    afterAll(async () => {
      for (const instance of [a, b]) instance?.child.kill("SIGKILL");
      await proxy?.stop();
      await db?.destroy();
      await database?.drop();
    });

    const file = async (n: number) => {
      const started = performance.now();
      try {
        const res = await fetch(`${proxy.url}/api/v1/applications`, {
          method: "POST",
          headers: {
            authorization: `Bearer ${token}`,
            "content-type": "application/json",
            "idempotency-key": `load-${n}`,
          },
          body: JSON.stringify({ ...trademarkFiling, mark: { text: `LOAD ${n}`, type: "word" } }),
        });
        const body = res.headers.get("content-type")?.includes("json") ? await res.json() : await res.text();
        return {
          started,
          status: res.status,
          instance: res.headers.get("x-instance"),
          number: typeof body === "object" ? (body.applicationNumber as string | undefined) : undefined,
        };
      } catch (error) {
        return { started, status: 0, instance: null, number: undefined, error: String(error) };
      }
    };
    const read = async (number: string) => {
      const started = performance.now();
      try {
        const res = await fetch(`${proxy.url}/api/v1/applications/${encodeURIComponent(number)}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        await res.arrayBuffer();
        return { started, status: res.status };
      } catch (error) {
        return { started, status: 0, error: String(error) };
      }
    };

    it("gives 200 concurrent filings spread over both instances unique, gapless numbers", async () => {
      const results = await Promise.all(Array.from({ length: 200 }, (_, i) => file(i)));
      expect(results.filter((r) => r.status !== 201)).toEqual([]);
      const served = { a: 0, b: 0 } as Record<string, number>;
      for (const r of results) served[r.instance as string] = (served[r.instance as string] ?? 0) + 1;
      expect(served.a).toBeGreaterThan(50);
      expect(served.b).toBeGreaterThan(50);
      const numbers = results.map((r) => r.number as string);
      expect(new Set(numbers).size).toBe(200);
      expect(numbers.map(serialOf).sort((x, y) => x - y)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    }, 60_000);

    it("loses no acknowledged filing and sends no 5xx once the proxy has marked a stopped instance down; the scheduled work runs once per slot", async () => {
      const acknowledged: string[] = [];
      const outcomes: Array<{ started: number; status: number; kind: string; error?: string }> = [];
      const known = (await db.selectFrom("rights").select("application_number").execute()).map(
        (r) => r.application_number,
      );
      let running = true;
      let n = 1_000;
      const worker = async (w: number) => {
        while (running) {
          n += 1;
          if (w % 3 === 0) {
            const r = await file(n);
            outcomes.push({ ...r, kind: "file" });
            if (r.status === 201 && r.number) {
              acknowledged.push(r.number);
              known.push(r.number);
            }
          } else {
            const r = await read(known[n % known.length] as string);
            outcomes.push({ ...r, kind: "read" });
          }
        }
      };
      const load = Promise.all(Array.from({ length: 12 }, (_, w) => worker(w)));
      await sleep(2_000);

      // Stop instance a: SIGTERM (it stops being ready, the proxy takes it out, it finishes what it has), then SIGKILL.
      const stopAt = performance.now();
      a.child.kill("SIGTERM");
      let markedDown: number | undefined;
      while (markedDown === undefined && performance.now() - stopAt < 5_000) {
        if ((await proxy.states()).a?.startsWith("DOWN")) markedDown = performance.now();
        else await sleep(20);
      }
      await sleep(Math.max(0, stopAt + 3_000 - performance.now()));
      if (a.child.exitCode === null && a.child.signalCode === null) a.child.kill("SIGKILL");
      const exit = await a.exited;
      // The load goes on on b alone for a while.
      await sleep(2_500);
      running = false;
      await load;

      expect(markedDown, "haproxy marked the stopped instance down").toBeDefined();
      expect(markedDown as number).toBeLessThan(stopAt + 1_500);
      // A graceful stop: the instance exited by itself within the drain and grace, before the SIGKILL.
      expect(exit).toEqual({ code: 0, signal: null });

      const after = outcomes.filter((o) => o.started >= (markedDown as number));
      expect(after.length).toBeGreaterThan(20);
      expect(after.filter((o) => o.status >= 500 || o.status === 0)).toEqual([]);
      // Before the mark-down too, with the instance draining while still serving, nothing failed.
      expect(outcomes.filter((o) => o.status >= 500 || o.status === 0)).toEqual([]);
      expect(acknowledged.length).toBeGreaterThan(10);
      expect(outcomes.filter((o) => o.kind === "read" && o.status !== 200)).toEqual([]);

      // Every acknowledged filing is in the register, and the numbers stay unique and gapless.
      const stored = (await db.selectFrom("rights").select("application_number").execute()).map(
        (r) => r.application_number,
      );
      const storedSet = new Set(stored);
      expect(acknowledged.filter((number) => !storedSet.has(number))).toEqual([]);
      expect(stored.map(serialOf).sort((x, y) => x - y)).toEqual(
        Array.from({ length: stored.length }, (_, i) => i + 1),
      );

      // Scheduled work: every slot of every job was run by exactly one instance, by the logs of both.
      const ran = [...a.logs, ...b.logs].filter((l) => l.msg === "scheduled job ran");
      const perSlot = new Map<string, number>();
      for (const line of ran) {
        const key = `${line.job} ${line.slot}`;
        perSlot.set(key, (perSlot.get(key) ?? 0) + 1);
      }
      expect([...perSlot.values()].filter((count) => count !== 1)).toEqual([]);
      const rows = await db
        .selectFrom("job_runs")
        .select(["job", "slot", "owner", "outcome", "attempt"])
        .where("job", "=", "time-limits")
        .orderBy("slot")
        .execute();
      expect(rows.length).toBe(ran.filter((l) => l.job === "time-limits").length);
      expect(rows.filter((r) => r.outcome !== "done")).toEqual([]);
      // The sweep went on after a stopped: slots after its exit were run by b.
      const lastSlot = new Date(rows.at(-1)?.slot as string).getTime();
      expect(rows.at(-1)?.owner).toMatch(new RegExp(`:${b.child.pid}:`));
      expect(lastSlot).toBeGreaterThan(Date.now() - 3 * SLOT_MS);
    }, 60_000);
  },
);
