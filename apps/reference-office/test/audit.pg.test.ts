import { IpRight, Userdoc } from "@ipoffice/domain";
import { Clock, Effect, Result, Schema } from "effect";
import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AuditEntry,
  AuditEntryInvalid,
  actorKindOf,
  appendAudit,
  appendAuditMany,
  genesisHash,
  listAudit,
  makeAudit,
  outcomeOfStatus,
  verifyAudit,
} from "../src/audit/Audit.js";
import { canonicalJson, hashRow, limits } from "../src/audit/chain.js";
import { runAuditCli } from "../src/audit/cli.js";
import { type OpenDatabase, openDatabase } from "../src/db/Database.js";
import { makeRights } from "../src/rights/Rights.js";
import { fixedClock, omConfig, trademarkFiling } from "./support/app.js";
import { testDatabases } from "./support/databases.js";

const entry = (i: number, over: Partial<AuditEntry> = {}): AuditEntry => ({
  actorKind: i % 7 === 0 ? "system" : "account",
  actorId: `user-${i % 5}`,
  action: i % 3 === 0 ? "rights.perform" : "rights.file",
  target: `TM/2026/${String(1 + (i % 40)).padStart(6, "0")}`,
  outcome: i % 11 === 0 ? "refused" : "ok",
  address: i % 2 === 0 ? "192.0.2.7" : null,
  details: { i, note: "قيد نقل الملكية", nested: { b: [1, 2.5, "x"], a: true } },
  ...over,
});

const cliIo = () => {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) } },
    out: () => out.join(""),
    err: () => err.join(""),
  };
};

describe("audit chain rules", () => {
  it("writes canonical JSON with keys sorted at every level and no whitespace", () => {
    expect(canonicalJson({ b: 1, a: { d: [true, null], c: "é" } })).toBe('{"a":{"c":"é","d":[true,null]},"b":1}');
  });

  it("tells system processes from accounts, and maps HTTP answers to outcomes", () => {
    expect(actorKindOf({ id: "system", role: "system" })).toBe("system");
    expect(actorKindOf({ id: "time-limits", role: "registrar" })).toBe("system");
    expect(actorKindOf({ id: "tester", role: "examiner" })).toBe("account");
    expect([200, 303, 400, 403, 409, 500, 503].map(outcomeOfStatus)).toEqual([
      "ok",
      "ok",
      "refused",
      "refused",
      "refused",
      "failed",
      "failed",
    ]);
  });
});

describe.each(testDatabases)("audit trail on $name", (target) => {
  let database: OpenDatabase;
  let office = 0;
  /** Each test works on an office of its own, so tests do not see each other's rows. */
  const nextOffice = () => `X${String(++office).padStart(2, "0")}`;
  const count = async (officeCode: string) =>
    Number(
      (
        await database.db
          .selectFrom("audit_log")
          .where("office_code", "=", officeCode)
          .select((eb) => eb.fn.countAll<string | number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  /** Runs `body` with the append-only triggers off, as someone with table-owner rights could. */
  const tamper = async (...statements: string[]) => {
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(database.db);
    try {
      for (const statement of statements) await sql.raw(statement).execute(database.db);
    } finally {
      await sql`alter table audit_log enable trigger audit_log_append_only`.execute(database.db);
    }
  };
  const seed = async (officeCode: string, n: number) => {
    await appendAuditMany(
      database.db,
      officeCode,
      Array.from({ length: n }, (_, i) => entry(i)),
      "2026-12-07T09:00:00.123Z",
    );
  };

  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(async () => {
    await database?.close();
  });

  it("chains 2,500 rows from the genesis value and verifies them", async () => {
    const officeCode = nextOffice();
    await seed(officeCode, 1200);
    for (let i = 0; i < 50; i++)
      await appendAudit(database.db, officeCode, entry(i), new Date(Date.UTC(2026, 11, 7, 10, 0, i)));
    await seed(officeCode, 1250);
    const rows = await database.db
      .selectFrom("audit_log")
      .select(["seq", "prev_hash", "hash"])
      .where("office_code", "=", officeCode)
      .orderBy("seq")
      .execute();
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 2500 }, (_, i) => i + 1));
    expect(rows[0]!.prev_hash).toBe(genesisHash);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    const result = await verifyAudit(database.db, officeCode);
    expect(result).toEqual({ ok: true, rows: 2500, head: { seq: 2500, hash: rows[2499]!.hash } });
  });

  it("refuses UPDATE, DELETE and TRUNCATE of the log in the database itself", async () => {
    const officeCode = nextOffice();
    await seed(officeCode, 3);
    await expect(
      sql`update audit_log set action = 'nothing' where office_code = ${officeCode} and seq = 2`.execute(database.db),
    ).rejects.toThrow(/audit_log is append-only: UPDATE refused/);
    await expect(
      sql`delete from audit_log where office_code = ${officeCode} and seq = 3`.execute(database.db),
    ).rejects.toThrow(/audit_log is append-only: DELETE refused/);
    await expect(sql`truncate audit_log`.execute(database.db)).rejects.toThrow(/append-only: TRUNCATE refused/);
    expect(await count(officeCode)).toBe(3);
    expect((await verifyAudit(database.db, officeCode)).ok).toBe(true);
  });

  it("names the row whose field was changed with the trigger disabled (action, details, address, microseconds)", async () => {
    for (const [change, seq] of [
      ["action = 'rights.file-x'", 17],
      ["details = details || '{\"i\": 999}'::jsonb", 1],
      ["address = '198.51.100.1'", 40],
      ["at = at + interval '1 microsecond'", 23],
      ["actor_kind = 'token'", 50],
    ] as const) {
      const officeCode = nextOffice();
      await seed(officeCode, 50);
      await tamper(`update audit_log set ${change} where office_code = '${officeCode}' and seq = ${seq}`);
      const result = await verifyAudit(database.db, officeCode);
      expect(result, change).toMatchObject({ ok: false, firstBadSeq: seq });
      expect(result.ok === false && result.reason).toMatch(/changed/);
    }
  });

  it("names a row whose stored hash was replaced, and the next row when a changed row's hash was recomputed", async () => {
    const officeCode = nextOffice();
    await seed(officeCode, 10);
    await tamper(`update audit_log set hash = repeat('a', 64) where office_code = '${officeCode}' and seq = 4`);
    expect(await verifyAudit(database.db, officeCode)).toMatchObject({ ok: false, firstBadSeq: 4 });

    const other = nextOffice();
    await seed(other, 10);
    const row = (await listAudit(database.db, other, { limit: 1, before: 5 })).items[0]!;
    const forged = { ...row, action: "rights.forged" };
    await tamper(
      `update audit_log set action = 'rights.forged', hash = '${hashRow(forged)}' where office_code = '${other}' and seq = 4`,
    );
    expect(await verifyAudit(database.db, other)).toMatchObject({
      ok: false,
      firstBadSeq: 5,
      reason: "prev_hash does not match the hash of row 4: a row was changed, moved or replaced",
    });
  });

  it("names a row deleted from the middle", async () => {
    const officeCode = nextOffice();
    await seed(officeCode, 30);
    await tamper(`delete from audit_log where office_code = '${officeCode}' and seq = 12`);
    expect(await verifyAudit(database.db, officeCode)).toMatchObject({
      ok: false,
      firstBadSeq: 12,
      reason: "row 12 is missing (the next row is 13)",
    });
  });

  it("names rows deleted from the end (the head records more)", async () => {
    const officeCode = nextOffice();
    await seed(officeCode, 30);
    await tamper(`delete from audit_log where office_code = '${officeCode}' and seq > 27`);
    expect(await verifyAudit(database.db, officeCode)).toMatchObject({
      ok: false,
      firstBadSeq: 28,
      reason: "the log ends at row 27 but its head records row 30: rows 28 to 30 were removed from the end",
    });
  });

  it("names reordered rows (two rows' seq swapped)", async () => {
    const officeCode = nextOffice();
    await seed(officeCode, 20);
    const where = `office_code = '${officeCode}'`;
    await tamper(
      `update audit_log set seq = 1000 where ${where} and seq = 8`,
      `update audit_log set seq = 8 where ${where} and seq = 15`,
      `update audit_log set seq = 15 where ${where} and seq = 1000`,
    );
    const result = await verifyAudit(database.db, officeCode);
    expect(result).toMatchObject({ ok: false, firstBadSeq: 8 });
  });

  it("names a row whose prev_hash was replaced, and a head that was rewritten", async () => {
    const officeCode = nextOffice();
    await seed(officeCode, 5);
    await tamper(`update audit_log set prev_hash = repeat('0', 64) where office_code = '${officeCode}' and seq = 3`);
    expect(await verifyAudit(database.db, officeCode)).toMatchObject({ ok: false, firstBadSeq: 3 });

    const other = nextOffice();
    await seed(other, 5);
    await database.db
      .updateTable("audit_heads")
      .set({ hash: "f".repeat(64) })
      .where("office_code", "=", other)
      .execute();
    expect(await verifyAudit(database.db, other)).toMatchObject({ ok: false, firstBadSeq: 5 });
  });

  it("keeps one unbroken chain per office under many parallel appends", async () => {
    // PGlite has one connection, so appends are serial there anyway; PostgreSQL gets a pool of 16 connections.
    const pool =
      target.name === "postgres"
        ? await openDatabase({ url: process.env.IPO_TEST_DATABASE_URL, schema: database.schema, poolSize: 16 })
        : database;
    try {
      const a = nextOffice();
      const b = nextOffice();
      const n = 300;
      await Promise.all(
        Array.from({ length: n }, (_, i) =>
          i % 5 === 0
            ? appendAuditMany(pool.db, i % 2 ? a : b, [entry(i), entry(i + 1)], new Date())
            : appendAudit(pool.db, i % 2 ? a : b, entry(i), new Date()),
        ),
      );
      for (const officeCode of [a, b]) {
        const seqs = (
          await database.db.selectFrom("audit_log").select("seq").where("office_code", "=", officeCode).execute()
        ).map((r) => Number(r.seq));
        seqs.sort((x, y) => x - y);
        expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
        const result = await verifyAudit(database.db, officeCode);
        expect(result).toMatchObject({ ok: true, rows: seqs.length });
      }
      expect((await count(a)) + (await count(b))).toBe(n + n / 5);
    } finally {
      if (pool !== database) await pool.close();
    }
  });

  it("lists newest first by target and by actor, in keyset pages", async () => {
    const officeCode = nextOffice();
    await seed(officeCode, 120);
    const all = await listAudit(database.db, officeCode, { limit: 1000 });
    expect(all.items.map((r) => r.seq)).toEqual(Array.from({ length: 120 }, (_, i) => 120 - i));
    expect(all.next).toBeNull();
    const pages: number[][] = [];
    let before: number | undefined;
    for (;;) {
      const page = await listAudit(database.db, officeCode, { limit: 2, target: "TM/2026/000003", before });
      pages.push(page.items.map((r) => r.seq));
      if (page.next === null) break;
      before = page.next;
    }
    expect(pages).toEqual([[83, 43], [3]]);
    const byActor = await listAudit(database.db, officeCode, { limit: 1000, actorId: "user-1" });
    expect(byActor.items.every((r) => r.actorId === "user-1")).toBe(true);
    expect(byActor.items).toHaveLength(24);
    const first = byActor.items[byActor.items.length - 1]!;
    expect(first).toMatchObject({
      officeCode,
      seq: 2,
      at: "2026-12-07T09:00:00.123Z",
      actorKind: "account",
      action: "rights.file",
      target: "TM/2026/000002",
      outcome: "ok",
      address: null,
      details: { i: 1, note: "قيد نقل الملكية", nested: { a: true, b: [1, 2.5, "x"] } },
    });
  });

  it("appends through the Audit service at the Clock's instant, alone or inside the caller's transaction", async () => {
    const officeCode = nextOffice();
    const clock = fixedClock("2026-12-07T11:22:33.456Z");
    const audit = makeAudit(database.db, officeCode);
    const run = <A, E>(effect: Effect.Effect<A, E>) =>
      Effect.runPromise(Effect.result(Effect.provideService(effect, Clock.Clock, clock.clock)));
    const row = await run(
      audit.append({
        actorKind: "anonymous",
        actorId: "-",
        action: "sign-in-failed",
        outcome: "refused",
        address: "203.0.113.9",
        details: { login: "nobody" },
      }),
    );
    expect(Result.getOrThrow(row)).toMatchObject({ seq: 1, at: "2026-12-07T11:22:33.456Z", prevHash: genesisHash });
    // Rolled back with the caller's change.
    await expect(
      database.db.transaction().execute(async (trx) => {
        await Effect.runPromise(Effect.provideService(audit.appendIn(trx, entry(1)), Clock.Clock, clock.clock));
        throw new Error("the caller's change failed");
      }),
    ).rejects.toThrow("the caller's change failed");
    expect(await count(officeCode)).toBe(1);
    await database.db.transaction().execute(async (trx) => {
      await Effect.runPromise(Effect.provideService(audit.appendIn(trx, entry(2)), Clock.Clock, clock.clock));
    });
    expect(await count(officeCode)).toBe(2);
    const refused = await run(audit.append(entry(3, { actorId: "a\u0000b" })));
    expect(Result.isFailure(refused) && refused.failure).toBeInstanceOf(AuditEntryInvalid);
    expect(Result.isFailure(refused) && refused.failure.message).toBe(
      "audit entry refused: actorId: contains a NUL character (U+0000), which PostgreSQL text cannot hold",
    );
    expect(Result.getOrThrow(await run(audit.verify()))).toMatchObject({ ok: true, rows: 2 });
  });

  it("verifies random entries (any Unicode, strings up to the limits) once appended; refuses NULs before the database", async () => {
    const officeCode = nextOffice();
    const text = (max: number) => fc.string({ unit: "grapheme", maxLength: Math.floor(max / 4) });
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: "small", maxDepth: 3 },
        fc.constant(null),
        fc.boolean(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.integer(),
        fc.string({ unit: "binary", maxLength: 30 }).filter((s) => !s.includes("\u0000")),
        fc.array(tie("value"), { maxLength: 4 }),
        fc.dictionary(fc.string({ unit: "grapheme", maxLength: 8 }), tie("value"), { maxKeys: 4 }),
      ),
    })).value;
    const entries = fc.record({
      actorKind: fc.constantFrom("account", "token", "system", "anonymous" as const),
      actorId: fc.oneof(
        text(limits.actorId).filter((s) => s.length > 0),
        fc.constant("x".repeat(limits.actorId)),
      ),
      action: text(limits.action).filter((s) => s.length > 0),
      target: fc.option(fc.oneof(text(limits.target), fc.constant("𝔘".repeat(limits.target / 2)))),
      outcome: fc.constantFrom("ok", "refused", "failed" as const),
      address: fc.option(fc.constantFrom("192.0.2.1", "2001:db8::1", "fe80::1%eth0")),
      details: fc.dictionary(fc.string({ unit: "grapheme", maxLength: 10 }), json, { maxKeys: 5 }),
    });
    let appended = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(entries, { minLength: 1, maxLength: 5 }), async (batch) => {
        const valid = batch.filter((e) => canonicalJson(e.details).length <= limits.details) as AuditEntry[];
        await appendAuditMany(database.db, officeCode, valid, new Date());
        appended += valid.length;
        const page = await listAudit(database.db, officeCode, { limit: valid.length || 1 });
        for (const [i, e] of [...valid].reverse().entries()) {
          const row = page.items[i]!;
          expect(row.actorId).toBe(e.actorId);
          expect(row.target).toBe(e.target ?? null);
          expect(canonicalJson(row.details)).toBe(canonicalJson(e.details));
        }
      }),
      { numRuns: 40 },
    );
    expect(await verifyAudit(database.db, officeCode)).toMatchObject({ ok: true, rows: appended });

    const nul = fc.oneof(
      fc.string().map((s) => ({ actorId: `${s}\u0000` })),
      fc.string().map((s) => ({ target: `\u0000${s}` })),
      fc.string().map((s) => ({ details: { deep: [{ x: `${s}\u0000${s}` }] } })),
      fc.string().map((s) => ({ details: { [`k\u0000${s}`]: 1 } })),
    );
    await fc.assert(
      fc.asyncProperty(nul, async (over) => {
        await expect(appendAudit(database.db, officeCode, entry(1, over), new Date())).rejects.toThrow(
          /contains a NUL character \(U\+0000\), which PostgreSQL text cannot hold/,
        );
      }),
      { numRuns: 30 },
    );
    for (const [over, message] of [
      [{ actorId: "\uD800x" }, "actorId: contains an unpaired UTF-16 surrogate"],
      [{ action: "" }, "action: must not be empty"],
      [{ target: "x".repeat(limits.target + 1) }, `target: is longer than ${limits.target} characters`],
      [{ details: { big: "x".repeat(limits.details) } }, "details: is 8202 characters as JSON; at most 8192"],
      [{ details: { n: Number.NaN } }, "details.n: numbers must be finite"],
      [{ outcome: "maybe" as never }, "outcome: must be one of ok, refused, failed"],
    ] as const) {
      await expect(appendAudit(database.db, officeCode, entry(1, over), new Date())).rejects.toThrow(message);
    }
    expect(await count(officeCode)).toBe(appended);
  });

  it("writes an audit row with every right filed, action performed and userdoc recorded, in the same transaction", async () => {
    const config = await omConfig();
    const officeCode = config.office.code;
    const clock = fixedClock("2026-03-02T09:00:00Z");
    const rights = makeRights(database.db, config, "12-2023");
    const run = <A, E>(effect: Effect.Effect<A, E>) =>
      Effect.runPromise(Effect.result(Effect.provideService(effect, Clock.Clock, clock.clock)));
    const request = Schema.decodeUnknownSync(IpRight.FilingRequest)(trademarkFiling);
    const filed = Result.getOrThrow(
      await run(rights.file([request, request], { id: "efiling-portal", role: "applicant" })),
    );
    const [a, b] = filed.map((f) => f.right.applicationNumber);
    const before = await count(officeCode);
    clock.set("2026-03-03T10:00:00Z");
    Result.getOrThrow(
      await run(rights.perform(a!, { action: "accord_filing_date" }, { id: "clerk-7", role: "clerk" })),
    );
    // Refused by the workflow: nothing written, no audit row either.
    expect(
      Result.isFailure(await run(rights.perform(b!, { action: "register" }, { id: "clerk-7", role: "clerk" }))),
    ).toBe(true);
    const userdoc = Schema.decodeUnknownSync(Userdoc.Userdoc)({
      type: "transfer",
      number: "UD/2026/9",
      filedOn: "2026-03-03",
      owners: [{ name: "Gulf Horizon Holding PJSC", country: "AE" }],
    });
    Result.getOrThrow(await run(rights.recordUserdoc(a!, userdoc, { id: "clerk-7", role: "clerk" })));
    expect(await count(officeCode)).toBe(before + 2);
    const rows = (await listAudit(database.db, officeCode, { limit: 4 })).items;
    expect(rows.map((r) => [r.action, r.target, r.actorKind, r.actorId, r.at])).toEqual([
      ["rights.userdoc", a, "account", "clerk-7", "2026-03-03T10:00:00.000Z"],
      ["rights.perform", a, "account", "clerk-7", "2026-03-03T10:00:00.000Z"],
      ["rights.file", b, "account", "efiling-portal", "2026-03-02T09:00:00.000Z"],
      ["rights.file", a, "account", "efiling-portal", "2026-03-02T09:00:00.000Z"],
    ]);
    expect(rows[1]!.details).toEqual({
      action: "accord_filing_date",
      role: "clerk",
      from: "filed",
      to: expect.any(String),
    });
    expect(rows[0]!.details).toMatchObject({ type: "transfer", number: "UD/2026/9", filedOn: "2026-03-03" });
    expect(rows[2]!.details).toMatchObject({ kind: "trademark", status: "filed", role: "applicant" });
    expect((await verifyAudit(database.db, officeCode)).ok).toBe(true);
  });

  it("cli audit verify and list: a one-line summary, exit 1 naming the first bad row", async () => {
    const officeCode = nextOffice();
    const cli = async (args: string[]) => {
      const io = cliIo();
      const code = await runAuditCli(args, { db: database.db, officeCode, io: io.io });
      return { code, out: io.out(), err: io.err() };
    };
    expect(await cli(["verify"])).toEqual({ code: 0, out: `audit trail of ${officeCode}: empty\n`, err: "" });
    await seed(officeCode, 12);
    const ok = await cli(["verify"]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(new RegExp(`^audit trail of ${officeCode} intact: 12 row\\(s\\), head 12 [0-9a-f]{64}\\n$`));
    const list = await cli(["list", "--target", "TM/2026/000003", "--limit", "5"]);
    expect(list.code).toBe(0);
    expect(
      list.out
        .trim()
        .split("\n")
        .map((l) => l.trim().split(/\s+/)[0]),
    ).toEqual(["3"]);
    expect(list.out).toContain("account:user-2  rights.file  TM/2026/000003  ok  192.0.2.7");
    const jsonl = await cli(["list", "--limit=2", "--jsonl"]);
    expect(
      jsonl.out
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l).seq),
    ).toEqual([12, 11]);
    expect((await cli(["list", "--limit", "0"])).code).toBe(2);
    expect((await cli(["list", "--bogus"])).code).toBe(2);
    expect((await cli(["rewrite"])).code).toBe(2);
    await tamper(`update audit_log set outcome = 'ok' where office_code = '${officeCode}' and seq = 12`);
    expect(await cli(["verify"])).toEqual({
      code: 1,
      out: `audit trail of ${officeCode} broken at row 12: hash mismatch: the row's fields were changed after it was written\n`,
      err: "",
    });
  });
});
