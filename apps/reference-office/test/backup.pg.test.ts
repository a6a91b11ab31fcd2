import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { IpRight } from "@ipoffice/domain";
import { Clock, Effect, Schema } from "effect";
import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAuditMany, verifyAudit } from "../src/audit/Audit.js";
import { RestoreError, restoreBackup, writeBackup } from "../src/backup/Backup.js";
import { exactTextSettings, firstNonEmptyTable, readCatalog, readRows, readSequences } from "../src/backup/catalog.js";
import { runBackupCli } from "../src/backup/cli.js";
import {
  appliedMigrations,
  migrateWithinTransaction,
  migrationNames,
  type OpenDatabase,
  openDatabase,
} from "../src/db/Database.js";
import type { Database } from "../src/db/schema.js";
import { silentLogger } from "../src/Logger.js";
import { referenceData } from "../src/ReferenceData.js";
import { ensureOffice } from "../src/rights/Offices.js";
import { makeRights } from "../src/rights/Rights.js";
import { seedDemoData } from "../src/seed/demo.js";
import { fixedClock, omConfig, trademarkFiling } from "./support/app.js";
// Backups move between engines (PGlite → PostgreSQL and back): every engine, whatever IPO_TEST_ENGINES says.
import { everyDatabase as testDatabases, type TestDatabase } from "./support/databases.js";
import type { Kysely } from "kysely";

const dir = mkdtempSync(join(tmpdir(), "ipo-backup-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const newFile = () => join(dir, `b${++files}.jsonl.gz`);

/** Every table's rows as PostgreSQL text, sorted (collations may order text keys differently between engines). */
const dump = (db: Kysely<Database>) =>
  db.transaction().execute(async (trx) => {
    await exactTextSettings(trx);
    const out: Record<string, string[]> = {};
    for (const table of await readCatalog(trx)) {
      const rows: string[] = [];
      for await (const r of readRows(trx, table)) rows.push(JSON.stringify(r));
      out[table.name] = rows.sort();
    }
    return out;
  });

const sequences = (db: Kysely<Database>) => db.transaction().execute((trx) => readSequences(trx));

/** Nothing in any table, and the migrations as they were. */
const expectUntouched = async (database: OpenDatabase, migrations: ReadonlyArray<string>) => {
  const tables = (await readCatalog(database.db)).map((t) => t.name);
  expect(await firstNonEmptyTable(database.db, tables)).toBeUndefined();
  expect(await appliedMigrations(database.db)).toEqual(migrations);
};

const restoreInto = (database: OpenDatabase, file: string) =>
  restoreBackup(database.db, file, database.schema ? { schema: database.schema } : {});

const failure = async (promise: Promise<unknown>): Promise<RestoreError> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RestoreError) return error;
    throw error;
  }
  throw new Error("the restore succeeded");
};

/** A table whose columns have the types a restore must carry exactly, created in a database beside the app's. */
const createTypeProbe = async (db: Kysely<Database>) => {
  await sql`create table type_probe (
    id integer primary key, n numeric, n2 numeric(12,3), f double precision, r real, b bytea, ts timestamptz,
    t timestamp, d date, i interval, arr text[], j json, jb jsonb, u uuid, big bigint, bo boolean, ch char(3), tx text
  )`.execute(db);
};
const fillTypeProbe = async (db: Kysely<Database>) => {
  await sql`insert into type_probe values
    (1, 12345678901234567890.123456789012345678901234567890, 1.5, 0.1, 0.1, '\\x00ff10'::bytea,
     '2026-03-02 09:00:00.123456+04', '1999-12-31 23:59:59.999999', '0001-01-01', '1 year 2 mons 3 days 04:05:06.789',
     array['a', 'b c', null, '"', '{}'], '{"b":1,  "a": [1, 2]}', '{"b":1,"a":[1.50,2e3,"\\u00e9"]}',
     'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 9223372036854775807, true, 'ab', e'نخلة 𝔘\\n\\ttab'),
    (2, 'NaN', -0.001, 5e-324, 'Infinity', '', '-infinity', 'infinity', 'infinity', '-1 days', '{}', 'null', '[]',
     '00000000-0000-0000-0000-000000000000', -9223372036854775808, false, '', ''),
    (3, null, null, '-0', 'NaN', null, null, null, null, null, null, null, null, null, null, null, null, null)`.execute(
    db,
  );
};

const gunzipLines = (file: string) => gunzipSync(readFileSync(file)).toString("utf8").split("\n");
const gzipLines = (file: string, lines: ReadonlyArray<string>) => writeFileSync(file, gzipSync(lines.join("\n")));
const sha = (rows: ReadonlyArray<string>) => {
  const h = createHash("sha256");
  for (const r of rows) h.update(`${r}\n`);
  return h.digest("hex");
};
/** The lines of a table's section (marker excluded), and their range in the file. */
const section = (lines: ReadonlyArray<string>, table: string) => {
  const start = lines.indexOf(JSON.stringify({ table })) + 1;
  let end = start;
  while (end < lines.length && lines[end]!.startsWith("[")) end++;
  return { start, end, rows: lines.slice(start, end) };
};

const pairs = testDatabases.flatMap((from) =>
  testDatabases.map((to) => ({ from, to, name: `${from.name} → ${to.name}` })),
);

/** An office seeded with the demo data (small counts), some filings and actions through the rights service (audit
 * rows), and a second office's audit chain with Unicode details. */
const seeded = async (target: TestDatabase) => {
  const database = await target.open();
  const config = await omConfig();
  await ensureOffice(database.db, config);
  await seedDemoData({
    db: database.db,
    config,
    reference: referenceData(),
    logger: silentLogger(),
    counts: { trademark: 14, patent: 4, industrial_design: 3, utility_model: 3 },
    today: "2026-12-01",
  });
  const clock = fixedClock("2026-12-02T09:00:00.250Z");
  const rights = makeRights(database.db, config, "12-2023");
  const run = <A, E>(effect: Effect.Effect<A, E>) =>
    Effect.runPromise(Effect.provideService(effect, Clock.Clock, clock.clock));
  const request = Schema.decodeUnknownSync(IpRight.FilingRequest)(trademarkFiling);
  const filed = await run(rights.file([request, request, request], { id: "efiling-portal", role: "applicant" }));
  for (const f of filed) {
    await run(rights.perform(f.right.applicationNumber, { action: "accord_filing_date" }, { id: "c1", role: "clerk" }));
  }
  await appendAuditMany(
    database.db,
    "ZZ",
    Array.from({ length: 25 }, (_, i) => ({
      actorKind: "token" as const,
      actorId: `token-${i}`,
      action: "sign-in",
      outcome: i % 4 === 0 ? ("refused" as const) : ("ok" as const),
      address: "2001:db8::7",
      details: { i, text: "قيد 𝔘 \u2028 é", nested: { z: [0.1, -0, 1e21], a: null } },
    })),
    "2026-12-02T10:00:00.001Z",
  );
  return database;
};

describe("backup and restore", () => {
  const sources = new Map<string, OpenDatabase>();
  const files = new Map<string, string>();
  beforeAll(async () => {
    for (const t of testDatabases) {
      const database = await seeded(t);
      await createTypeProbe(database.db);
      await fillTypeProbe(database.db);
      sources.set(t.name, database);
      const file = newFile();
      await writeBackup(database.db, file, { createdAt: new Date("2026-12-07T12:00:00Z"), engine: t.name });
      files.set(t.name, file);
    }
  });
  afterAll(async () => {
    for (const d of sources.values()) await d.close();
  });

  it("writes a header with the migrations, every table with its row count and SHA-256, then rows in key order", async () => {
    const source = sources.get("pglite")!;
    const lines = gunzipLines(files.get("pglite")!);
    const header = JSON.parse(lines[0]!);
    expect(header).toMatchObject({
      format: "ipoffice-backup",
      version: 1,
      createdAt: "2026-12-07T12:00:00.000Z",
      source: { engine: "pglite" },
      migrations: migrationNames,
    });
    const catalog = await readCatalog(source.db);
    expect(header.tables.map((t: { name: string }) => t.name).sort()).toEqual(catalog.map((t) => t.name).sort());
    // Referenced tables come first.
    const order = header.tables.map((t: { name: string }) => t.name);
    expect(order.indexOf("rights")).toBeLessThan(order.indexOf("right_events"));
    expect(order.indexOf("invoices")).toBeLessThan(order.indexOf("ledger_entries"));
    for (const t of header.tables) {
      const s = section(lines, t.name);
      expect(s.rows.length, t.name).toBe(t.rows);
      expect(sha(s.rows), t.name).toBe(t.sha256);
    }
    const counts = Object.fromEntries(header.tables.map((t: { name: string; rows: number }) => [t.name, t.rows]));
    for (const table of ["rights", "right_events", "madrid_designations", "invoices", "audit_log", "audit_heads"]) {
      expect(counts[table], table).toBeGreaterThan(0);
    }
    // Three filings and three actions of the test, the second office's 25, and the demo's Madrid decisions.
    expect(counts.audit_log).toBeGreaterThanOrEqual(3 + 3 + 25);
    expect(header.sequences.map((s: { name: string }) => s.name)).toContain("right_events_id_seq");
    // Keyset pages: more rows than one page in some table would be read the same; the key order holds here.
    const audit = section(lines, "audit_log").rows.map((r) => JSON.parse(r));
    expect(audit.map((r: string[]) => `${r[0]}:${r[1]!.padStart(4, "0")}`)).toEqual(
      audit.map((r: string[]) => `${r[0]}:${r[1]!.padStart(4, "0")}`).sort(),
    );
  });

  it.each(pairs)(
    "restores $name: every row of every table, every sequence and audit hash the same, chains verify",
    async ({ from, to }) => {
      const source = sources.get(from.name)!;
      const target = await to.open();
      try {
        await createTypeProbe(target.db);
        const summary = await restoreInto(target, files.get(from.name)!);
        expect(summary.migratedAfter).toEqual([]);
        const [a, b] = [await dump(source.db), await dump(target.db)];
        expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
        for (const table of Object.keys(a)) expect(b[table], table).toEqual(a[table]);
        expect(await sequences(target.db)).toEqual(await sequences(source.db));
        for (const office of ["OM", "ZZ"]) {
          const [x, y] = [await verifyAudit(source.db, office), await verifyAudit(target.db, office)];
          expect(y).toEqual(x);
          expect(y.ok).toBe(true);
        }
        // Exact values of the awkward types, read back on the target.
        expect(b.type_probe).toContain(
          JSON.stringify([
            "1",
            "12345678901234567890.123456789012345678901234567890",
            "1.500",
            "0.1",
            "0.1",
            "\\x00ff10",
            "2026-03-02 05:00:00.123456+00",
            "1999-12-31 23:59:59.999999",
            "0001-01-01",
            "1 year 2 mons 3 days 04:05:06.789",
            '{a,"b c",NULL,"\\"","{}"}',
            '{"b":1,  "a": [1, 2]}',
            '{"a": [1.50, 2e3, "é"], "b": 1}'.replace("2e3", "2000"),
            "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
            "9223372036854775807",
            "true",
            // char(n) as text drops the padding; cast back to char(3) it is padded again: the same value.
            "ab",
            "نخلة 𝔘\n\ttab",
          ]),
        );
        // The office carries on: new events and audit rows continue the sequences and the chains.
        const restored = await verifyAudit(target.db, "OM");
        expect(restored.ok).toBe(true);
        const config = await omConfig();
        const rights = makeRights(target.db, config, "12-2023");
        const clock = fixedClock("2026-12-08T09:00:00Z");
        const request = Schema.decodeUnknownSync(IpRight.FilingRequest)(trademarkFiling);
        await Effect.runPromise(
          Effect.provideService(rights.file([request], { id: "after", role: "applicant" }), Clock.Clock, clock.clock),
        );
        expect(await verifyAudit(target.db, "OM")).toMatchObject({
          ok: true,
          rows: (restored.ok ? restored.rows : 0) + 1,
        });
      } finally {
        await target.close();
      }
    },
  );

  it("restores into a database never migrated, and a backup of older migrations into one migrated further", async () => {
    const small = await testDatabases[0]!.open();
    const fresh = await openDatabase({});
    try {
      await ensureOffice(small.db, await omConfig());
      await appendAuditMany(
        small.db,
        "OM",
        [{ actorKind: "system", actorId: "system", action: "backup.test", outcome: "ok" }],
        new Date(),
      );
      const file = newFile();
      await writeBackup(small.db, file, { createdAt: new Date(), engine: "pglite" });
      expect(await appliedMigrations(fresh.db)).toEqual([]);
      const summary = await restoreBackup(fresh.db, file);
      expect(summary).toMatchObject({ rows: 3, migratedAfter: [] });
      expect(await appliedMigrations(fresh.db)).toEqual(migrationNames);
      expect(await dump(fresh.db)).toEqual(await dump(small.db));
      expect(await verifyAudit(fresh.db, "OM")).toMatchObject({ ok: true, rows: 1 });
    } finally {
      await small.close();
      await fresh.close();
    }

    // A database of the code as it was at migration 0005, with a few rows.
    const old = await openDatabase({});
    const target = await testDatabases[testDatabases.length - 1]!.open();
    try {
      await old.db.connection().execute(async (conn) => {
        await sql`begin`.execute(conn);
        await migrateWithinTransaction(conn, "2026_12_02_0005_classification_lists");
        await sql`commit`.execute(conn);
      });
      await ensureOffice(old.db, await omConfig());
      await sql`insert into number_sequences values ('OM', 'application:trademark', 2026, 41)`.execute(old.db);
      const file = newFile();
      await writeBackup(old.db, file, { createdAt: new Date(), engine: "pglite" });
      const summary = await restoreInto(target, file);
      expect(summary.header.migrations).toHaveLength(5);
      expect(summary.migratedAfter).toEqual(migrationNames.slice(5));
      expect(await appliedMigrations(target.db)).toEqual(migrationNames);
      expect((await dump(target.db)).number_sequences).toEqual([
        JSON.stringify(["OM", "application:trademark", "2026", "41"]),
      ]);
    } finally {
      await old.close();
      await target.close();
    }
  });

  describe.each(testDatabases)("hostile files restored into $name write nothing", (to) => {
    let target: OpenDatabase;
    let migrations: string[];
    let small: string;
    let smallSource: OpenDatabase;
    beforeAll(async () => {
      target = await to.open();
      migrations = await appliedMigrations(target.db);
      // A small backup: a few filings with their audit rows.
      smallSource = await testDatabases[0]!.open();
      const config = await omConfig();
      await ensureOffice(smallSource.db, config);
      const rights = makeRights(smallSource.db, config, "12-2023");
      const request = Schema.decodeUnknownSync(IpRight.FilingRequest)(trademarkFiling);
      await Effect.runPromise(rights.file([request, request, request, request], { id: "a", role: "applicant" }));
      small = newFile();
      await writeBackup(smallSource.db, small, { createdAt: new Date(), engine: "pglite" });
    });
    afterAll(async () => {
      await target?.close();
      await smallSource?.close();
    });
    /** A restore that succeeded (a byte gzip does not check) leaves rows: start again from an empty database. */
    const reopenIfWritten = async () => {
      const tables = (await readCatalog(target.db)).map((t) => t.name);
      if ((await firstNonEmptyTable(target.db, tables)) !== undefined) {
        await target.close();
        target = await to.open();
      }
    };

    it("a non-empty database: refused, naming the table, nothing changed", async () => {
      const source = sources.get(to.name)!;
      const before = await dump(source.db);
      const e = await failure(restoreInto(source, small));
      expect(e.reason).toBe("not-empty");
      expect(e.message).toMatch(
        /^the database is not empty: table [a-z_]+ has rows \(a restore needs an empty database\)$/,
      );
      expect(await dump(source.db)).toEqual(before);
    });

    it("a file truncated anywhere: a clear error, nothing written", async () => {
      const bytes = readFileSync(small);
      const cut = newFile();
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: bytes.length - 1 }), async (length) => {
          writeFileSync(cut, bytes.subarray(0, length));
          const e = await failure(restoreInto(target, cut));
          expect(["gzip", "truncated", "header"]).toContain(e.reason);
          expect(e.message).toMatch(/truncated|empty|not a readable gzip file|line 1/);
          await expectUntouched(target, migrations);
        }),
        { numRuns: 12, examples: [[0], [10], [bytes.length - 1], [bytes.length - 8]] },
      );
    });

    it("a flipped byte: a clear error and nothing written, or (a byte gzip does not check) the same rows", async () => {
      const bytes = readFileSync(small);
      const flipped = newFile();
      const original = await dump(smallSource.db);
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: bytes.length - 1 }),
          fc.integer({ min: 0, max: 7 }),
          async (at, bit) => {
            const copy = Buffer.from(bytes);
            copy[at] = copy[at]! ^ (1 << bit);
            writeFileSync(flipped, copy);
            try {
              await restoreInto(target, flipped);
            } catch (error) {
              expect(error).toBeInstanceOf(RestoreError);
              expect((error as RestoreError).message.length).toBeGreaterThan(20);
              await expectUntouched(target, migrations);
              return;
            }
            expect(await dump(target.db)).toEqual(original);
            await reopenIfWritten();
          },
        ),
        {
          numRuns: 15,
          examples: [
            [30, 0],
            [bytes.length - 5, 3],
          ],
        },
      );
    });

    it("a header that is not a backup's, an unknown migration, a table the schema lacks: refused before a row", async () => {
      const lines = gunzipLines(small);
      const header = JSON.parse(lines[0]!);
      const cases: Array<[string, ReadonlyArray<string> | Buffer, RestoreError["reason"], string | RegExp]> = [
        ["plain text", Buffer.from("hello\n"), "gzip", /is not a readable gzip file/],
        ["not JSON", ["not json", ...lines.slice(1)], "header", /line 1 is not JSON: not an ipoffice backup$/],
        [
          "another format",
          [JSON.stringify({ format: "pg_dump" }), ...lines.slice(1)],
          "header",
          /line 1 is no ipoffice backup header/,
        ],
        [
          "version 2",
          [JSON.stringify({ ...header, version: 2 }), ...lines.slice(1)],
          "header",
          /line 1 is an unreadable ipoffice backup header/,
        ],
        [
          "an unknown migration",
          [
            JSON.stringify({ ...header, migrations: [...header.migrations, "2027_01_01_0099_future"] }),
            ...lines.slice(1),
          ],
          "migrations",
          "the backup was made by newer or other code: unknown migration(s) 2027_01_01_0099_future",
        ],
        [
          "migrations with a hole",
          [
            JSON.stringify({ ...header, migrations: header.migrations.filter((_: string, i: number) => i !== 1) }),
            ...lines.slice(1),
          ],
          "migrations",
          /are not the first ones this code runs/,
        ],
        [
          "an unknown table",
          [
            JSON.stringify({
              ...header,
              tables: [
                ...header.tables,
                { name: "bogus", columns: [{ name: "x", type: "text" }], primaryKey: ["x"], rows: 0, sha256: sha([]) },
              ],
            }),
            ...lines.slice(1),
          ],
          "schema",
          `the backup's table bogus does not exist at migration ${migrationNames.at(-1)}`,
        ],
        [
          "a changed column type",
          [
            JSON.stringify({
              ...header,
              tables: header.tables.map((t: { name: string; columns: Array<{ name: string; type: string }> }) =>
                t.name === "rights"
                  ? { ...t, columns: t.columns.map((c) => (c.name === "version" ? { ...c, type: "text" } : c)) }
                  : t,
              ),
            }),
            ...lines.slice(1),
          ],
          "schema",
          /^table rights: the backup has \(.*version text.*\); the database at the same migrations has \(.*version integer/,
        ],
      ];
      for (const [name, content, reason, message] of cases) {
        const file = newFile();
        if (Buffer.isBuffer(content)) writeFileSync(file, content);
        else gzipLines(file, content);
        const e = await failure(restoreInto(target, file));
        expect(e.reason, name).toBe(reason);
        if (typeof message === "string") expect(e.message, name).toBe(message);
        else expect(e.message, name).toMatch(message);
        await expectUntouched(target, migrations);
      }
    });

    it("rows that were changed, do not fit, are missing or extra: refused naming the table and line", async () => {
      const lines = gunzipLines(small);
      const header = JSON.parse(lines[0]!);
      const rights = section(lines, "rights");
      const rightsColumns = header.tables.find((t: { name: string }) => t.name === "rights").columns;
      const filingDate = rightsColumns.findIndex((c: { name: string }) => c.name === "filing_date");
      /** The file with the rights rows replaced, and (when `fix`) the header's checksum and count made to match. */
      const withRights = (rows: string[], fix: boolean) => {
        const h = fix
          ? {
              ...header,
              tables: header.tables.map((t: { name: string }) =>
                t.name === "rights" ? { ...t, rows: rows.length, sha256: sha(rows) } : t,
              ),
            }
          : header;
        return [JSON.stringify(h), ...lines.slice(1, rights.start), ...rows, ...lines.slice(rights.end)];
      };
      const changed = [...rights.rows];
      changed[1] = changed[1]!.replace("NAKHLA", "NAKHLB");
      const badDate = JSON.parse(rights.rows[2]!);
      badDate[filingDate] = "2026-02-30";
      const line = rights.start + 1; // the file's line number of the first rights row
      const cases: Array<[string, ReadonlyArray<string>, RestoreError["reason"], string | RegExp]> = [
        [
          "a changed value",
          withRights(changed, false),
          "checksum",
          "table rights: checksum mismatch: its rows are not the ones the backup wrote",
        ],
        [
          "a date that does not exist",
          withRights([rights.rows[0]!, rights.rows[1]!, JSON.stringify(badDate), ...rights.rows.slice(3)], true),
          "row",
          new RegExp(`^table rights, line ${line + 2}: the row does not fit: .*date.*2026-02-30`),
        ],
        [
          "a row with a column too few",
          withRights(
            [rights.rows[0]!, JSON.stringify(JSON.parse(rights.rows[1]!).slice(1)), ...rights.rows.slice(2)],
            true,
          ),
          "row",
          new RegExp(`^table rights, line ${line + 1}: a row is an array of ${rightsColumns.length} strings or nulls`),
        ],
        [
          "a row that is not JSON",
          withRights(["[oops", ...rights.rows.slice(1)], true),
          "row",
          `table rights, line ${line}: not JSON`,
        ],
        [
          "the same key twice",
          withRights([rights.rows[0]!, rights.rows[0]!, ...rights.rows.slice(2)], true),
          "row",
          new RegExp(`^table rights, line ${line + 1}: the row does not fit: duplicate key`),
        ],
        [
          "a row missing",
          withRights(rights.rows.slice(1), false),
          "count",
          "table rights: the file holds 3 of the 4 row(s) the header counts",
        ],
        [
          "a row extra",
          withRights([...rights.rows, rights.rows[0]!], false),
          "count",
          `table rights: line ${line + 4} is beyond the 4 row(s) the header counts`,
        ],
        [
          "a row too many in the last table",
          [...lines.slice(0, -1), "[]", ""],
          "count",
          /is beyond the \d+ row\(s\) the header counts$/,
        ],
        [
          "a table after the last table",
          [...lines.slice(0, -1), JSON.stringify({ table: "extra" }), ""],
          "row",
          /^.*: line \d+ comes after the last table of the header$/,
        ],
        [
          "the last table cut off",
          lines.slice(0, -3).concat([""]),
          "truncated",
          /the file holds \d+ of the \d+ row\(s\) the header counts: the file is truncated|ends before table/,
        ],
      ];
      for (const [name, content, reason, message] of cases) {
        const file = newFile();
        gzipLines(file, content);
        const e = await failure(restoreInto(target, file));
        expect(e.reason, name).toBe(reason);
        if (typeof message === "string") expect(e.message.endsWith(message), `${name}: ${e.message}`).toBe(true);
        else expect(e.message, name).toMatch(message);
        await expectUntouched(target, migrations);
      }
    });
  });

  it("cli backup and restore: a one-line summary each, the audit chains named, exit 1 and nothing written on error", async () => {
    const io = () => {
      const out: string[] = [];
      const err: string[] = [];
      return {
        io: { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) } },
        out: () => out.join(""),
        err: () => err.join(""),
      };
    };
    const source = sources.get("pglite")!;
    const file = newFile();
    const b = io();
    expect(await runBackupCli("backup", [file], { database: source, io: b.io })).toBe(0);
    expect(statSync(file).mode & 0o777, "owner-only file mode").toBe(0o600);
    expect(b.out()).toMatch(
      /^backed up \d+ row\(s\) of \d+ tables \(migrations to 2026_12_07_\d{4}_[a-z0-9_]+\) to .* MB in [\d.]+ s\n$/,
    );
    const again = io();
    expect(await runBackupCli("backup", [file], { database: source, io: again.io })).toBe(1);
    expect(again.err()).toBe(`no backup written: ${file} exists: the backup never overwrites a file\n`);
    expect(await runBackupCli("backup", [], { database: source, io: io().io })).toBe(2);

    const target = await testDatabases[0]!.open();
    try {
      await createTypeProbe(target.db);
      const r = io();
      expect(await runBackupCli("restore", [file], { database: target, io: r.io })).toBe(0);
      expect(r.out()).toMatch(
        /^restored \d+ row\(s\) of \d+ tables from .* \(made .* on pglite [\d.]+\) in [\d.]+ s\n/,
      );
      expect(r.out()).toMatch(
        /\naudit trail of OM intact: \d+ row\(s\), head [0-9a-f]{64}\naudit trail of ZZ intact: 25 row\(s\)/,
      );
      const twice = io();
      expect(await runBackupCli("restore", [file], { database: target, io: twice.io })).toBe(1);
      expect(twice.err()).toMatch(/^nothing restored: the database is not empty: table \w+ has rows/);
    } finally {
      await target.close();
    }
  });
});
