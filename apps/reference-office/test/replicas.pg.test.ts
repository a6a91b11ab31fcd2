/**
 * Read replicas (decision 0690): the public's reads go to a hot standby, staff reads and writes to the primary, and a
 * client that has just written reads from the primary until a standby has replayed its write.
 *
 * The routing rules run on every engine; the real standby test runs when `IPO_TEST_DATABASE_REPLICA_URL` names a
 * streaming replica of `IPO_TEST_DATABASE_URL` (CI starts one with `scripts/start-replica.sh`), and pauses the
 * standby's replay so "the read went to the standby" shows as "the standby does not have the write yet".
 */
import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type OpenDatabase, openDatabase } from "../src/db/Database.js";
import { parseLsn, readRouting, replicaUrlsOf } from "../src/db/Replicas.js";
import { silentLogger } from "../src/Logger.js";
import { startServer } from "../src/Server.js";
import { testDatabases } from "./support/databases.js";
import { publicFromFiling, testApp, trademarkFiling } from "./support/app.js";

describe("read routing rules", () => {
  it("reads a client's last-write position only in PostgreSQL's form, whatever the cookie or header holds", () => {
    expect(parseLsn("16/B374D848")).toBe("16/B374D848");
    expect(parseLsn("0/3000148")).toBe("0/3000148");
    expect(parseLsn("16/b374d848")).toBe("16/B374D848");
    for (const bad of ["", "16", "16/", "/1", "G/1", "1/2/3", "123456789/1", " 1/2", "1/2;drop", undefined, null]) {
      expect(parseLsn(bad)).toBeUndefined();
    }
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const parsed = parseLsn(text);
        expect(parsed === undefined || /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/.test(parsed)).toBe(true);
      }),
    );
  });

  it("takes the replicas' URLs from DATABASE_REPLICA_URLS, comma or space separated", () => {
    expect(replicaUrlsOf(undefined)).toEqual([]);
    expect(replicaUrlsOf("  ")).toEqual([]);
    expect(replicaUrlsOf("postgres://a/x, postgres://b/x\npostgres://c/x,,")).toEqual([
      "postgres://a/x",
      "postgres://b/x",
      "postgres://c/x",
    ]);
  });
});

describe("starting with replicas", () => {
  it("refuses DATABASE_REPLICA_URLS without DATABASE_URL, saying why (PGlite has no standbys)", async () => {
    await expect(
      startServer({ port: 0, replicaUrls: ["postgres://127.0.0.1:5433/x"], seed: false, logger: silentLogger() }),
    ).rejects.toThrow(/DATABASE_REPLICA_URLS needs DATABASE_URL/);
  });
});

describe.each(testDatabases)("read routing on $name", (target) => {
  let primary: OpenDatabase;
  let other: OpenDatabase;
  beforeAll(async () => {
    primary = await target.open();
    other = await target.open();
  });
  afterAll(async () => {
    await primary?.close();
    await other?.close();
  });

  it("without standbys every read is the primary's and no write position is handed out", async () => {
    const reads = readRouting(primary.db, []);
    expect(reads.replicas).toBe(0);
    expect((await reads.reader()).source).toBe("primary");
    expect((await reads.reader("0/1")).source).toBe("primary");
    expect(await reads.writePosition()).toBeUndefined();
  });

  it("takes standbys in turn; a client's write position sends its read to the primary when no standby has replayed it", async () => {
    // `other` is not in recovery, so it is no standby: reads after a write cannot go to it (even when, after crash
    // recovery, it still reports the last record it replayed).
    const reads = readRouting(primary.db, [other.db, other.db]);
    expect(reads.replicas).toBe(2);
    const plain = await reads.reader();
    expect(plain.source).toBe("replica");
    expect(plain.db).toBe(other.db);
    const afterWrite = await reads.reader("0/1");
    expect(afterWrite.source).toBe("primary");
    expect(afterWrite.db).toBe(primary.db);
    // A position that is not one is ignored, as if the client had none.
    expect((await reads.reader("not a position")).source).toBe("replica");
  });

  it("leaves a standby that fails out for a while, then tries it again", async () => {
    const broken = await target.open();
    await broken.close();
    let now = 1_000;
    const failures: number[] = [];
    const reads = readRouting(primary.db, [broken.db], {
      now: () => now,
      retryAfterMs: 5_000,
      onReplicaError: (index) => failures.push(index),
    });
    expect((await reads.reader("0/1")).source).toBe("primary");
    expect(failures).toEqual([0]);
    // Within the window it is not asked (no new failure), and a plain read goes to the primary too.
    now += 4_000;
    expect((await reads.reader()).source).toBe("primary");
    expect((await reads.reader("0/1")).source).toBe("primary");
    expect(failures).toEqual([0]);
    now += 2_000;
    expect((await reads.reader("0/1")).source).toBe("primary");
    expect(failures).toEqual([0, 0]);
  });
});

const primaryUrl = process.env.IPO_TEST_DATABASE_URL;
const replicaUrl = process.env.IPO_TEST_DATABASE_REPLICA_URL;

describe.runIf(primaryUrl !== undefined && process.env.CI === "true")("read replicas in CI", () => {
  it("CI names a streaming replica (IPO_TEST_DATABASE_REPLICA_URL), so the standby tests never skip there", () => {
    expect(replicaUrl, "IPO_TEST_DATABASE_REPLICA_URL").toBeTruthy();
  });
});

describe.runIf(primaryUrl !== undefined && replicaUrl !== undefined)("a real streaming replica", () => {
  const schema = `t_${randomBytes(6).toString("hex")}`;
  let primary: OpenDatabase;
  let standby: OpenDatabase;

  /** Waits until the standby has replayed the primary's current position. */
  const caughtUp = async () => {
    const { rows } = await sql<{ lsn: string }>`select pg_current_wal_lsn()::text as lsn`.execute(primary.db);
    const lsn = rows[0]!.lsn;
    for (let i = 0; i < 200; i++) {
      const replayed = await sql<{ ok: boolean }>`select pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn as ok`.execute(
        standby.db,
      );
      if (replayed.rows[0]?.ok) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`the standby did not replay ${lsn} within 10 s`);
  };

  beforeAll(async () => {
    const { migrate } = await import("../src/db/Database.js");
    primary = await openDatabase({ url: primaryUrl, schema, poolSize: 2 });
    await migrate(primary.db, schema);
    standby = await openDatabase({ url: replicaUrl, schema, poolSize: 2, standby: true });
    const recovering = await sql<{ r: boolean }>`select pg_is_in_recovery() as r`.execute(standby.db);
    expect(recovering.rows[0]?.r, "IPO_TEST_DATABASE_REPLICA_URL is a hot standby").toBe(true);
    await caughtUp();
  });
  afterAll(async () => {
    if (standby) {
      await sql`select pg_wal_replay_resume()`.execute(standby.db).catch(() => undefined);
      await standby.close();
    }
    if (primary) {
      await primary.db.schema.dropSchema(schema).ifExists().cascade().execute();
      await primary.close();
    }
  });

  it("the public reads from the standby; the writer reads its own write from the primary until the standby has it", async () => {
    const reads = readRouting(primary.db, [standby.db]);
    const t = await testApp(primary, "2026-03-02T09:00:00Z", { publication: publicFromFiling, reads });
    const clerk = await t.as("clerk");
    await caughtUp();
    // Replay paused: what the primary writes now is not on the standby.
    await sql`select pg_wal_replay_pause()`.execute(standby.db);
    try {
      const filed = await t.json("POST", "/api/v1/applications", trademarkFiling, clerk);
      expect(filed.status).toBe(201);
      const position = filed.headers.get("x-write-lsn");
      expect(parseLsn(position)).toBe(position);
      const number = ((await filed.json()) as { applicationNumber: string }).applicationNumber;
      const path = `/api/v1/applications/${encodeURIComponent(number)}`;

      // Someone else (no write position): the standby answers, and it does not have the filing yet.
      const elsewhere = await t.raw.request(path);
      expect(elsewhere.headers.get("x-read-from")).toBe("replica");
      expect(elsewhere.status).toBe(404);

      // The writer, by header (API clients) and by cookie (browsers): the primary answers, with the filing.
      const byHeader = await t.raw.request(path, { headers: { "x-read-after-lsn": position as string } });
      expect(byHeader.headers.get("x-read-from")).toBe("primary");
      expect(byHeader.status).toBe(200);
      const cookie = filed.headers.get("set-cookie") ?? "";
      expect(cookie).toMatch(/ipo_lsn=[0-9A-F]+%2F[0-9A-F]+|ipo_lsn=[0-9A-F]+\/[0-9A-F]+/);
      const byCookie = await t.raw.request(path, { headers: { cookie: cookie.split(";")[0] as string } });
      expect(byCookie.headers.get("x-read-from")).toBe("primary");
      expect(byCookie.status).toBe(200);

      // The public register page reads the same way.
      const page = await t.raw.request(`/records?q=${encodeURIComponent(number)}`);
      expect(page.headers.get("x-read-from")).toBe("replica");
      expect(await page.text()).not.toContain(`dir="ltr">${number}</a>`);

      // Staff read the primary, never a standby.
      const staff = await t.json("GET", path, undefined, clerk);
      expect(staff.status).toBe(200);
      expect(staff.headers.get("x-read-from")).toBeNull();
    } finally {
      await sql`select pg_wal_replay_resume()`.execute(standby.db);
    }
    await caughtUp();
    // Replayed: the writer's reads go to the standby again, and everyone sees the filing there.
    const list = await t.raw.request("/api/v1/applications?q=NAKHLA");
    expect(list.headers.get("x-read-from")).toBe("replica");
    const listed = (await list.json()) as { total: number; items: Array<{ applicationNumber: string }> };
    expect(listed.total).toBe(1);
    const filedNumber = listed.items[0]?.applicationNumber as string;
    const page = await t.raw.request(`/records?q=${encodeURIComponent(filedNumber)}`);
    expect(page.headers.get("x-read-from")).toBe("replica");
    expect(await page.text()).toContain(`dir="ltr">${filedNumber}</a>`);
  });
});
