/**
 * The audit trail and backup/restore, on PGlite and PostgreSQL.
 *
 * Audit: appending N entries through `appendAudit` (lock the chain's head, hash, insert, move the head), one per
 * transaction and in batches of 500, beside plain INSERTs of the same precomputed rows into a table of the same shape
 * (no chain, no trigger). On PostgreSQL also 4 writers at once (the pool's 4 connections), where appends of one office queue on the head's lock.
 *
 * Backup and restore: the demo data (default counts, with the Madrid desk and fees) plus audit rows, backed up to a
 * file and restored into an empty database; baselines are `select *` of every table through the driver (no paging,
 * text form, hashing or gzip) and a server-side `insert … select` of every table into an empty copy.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { Result } from "effect";
import { type Kysely, sql } from "kysely";
import { type AuditEntry, appendAudit, appendAuditMany } from "../src/audit/Audit.js";
import { chain, genesisHash } from "../src/audit/chain.js";
import { restoreBackup, writeBackup } from "../src/backup/Backup.js";
import { readCatalog } from "../src/backup/catalog.js";
import { defaultConfigFile, loadOfficeConfig } from "../src/config/OfficeConfig.js";
import type { OpenDatabase } from "../src/db/Database.js";
import type { Database } from "../src/db/schema.js";
import { silentLogger } from "../src/Logger.js";
import { referenceData } from "../src/ReferenceData.js";
import { ensureOffice } from "../src/rights/Offices.js";
import { seedDemoData } from "../src/seed/demo.js";
import { openPglite, openPostgres } from "./support.js";

const N = Number(process.env.BENCH_AUDIT ?? 3_000);
const EXTRA_AUDIT = Number(process.env.BENCH_BACKUP_AUDIT ?? 20_000);
const config = Result.getOrThrow(await loadOfficeConfig(defaultConfigFile));
const work = mkdtempSync(join(os.tmpdir(), "audit-backup-bench-"));

const entries: AuditEntry[] = Array.from({ length: N }, (_, i) => ({
  actorKind: "account",
  actorId: `examiner-${i % 17}`,
  action: i % 3 === 0 ? "rights.file" : "rights.perform",
  target: `TM/2026/${String(1 + (i % 5000)).padStart(6, "0")}`,
  outcome: "ok",
  address: "192.0.2.10",
  details: { action: "accord_filing_date", role: "clerk", from: "filed", to: "formalities_check" },
}));

const plainRows = (office: string) =>
  chain(office, { seq: 0, hash: genesisHash }, entries, new Date().toISOString()).map((r) => ({
    office_code: r.officeCode,
    seq: r.seq,
    at: r.at,
    actor_kind: r.actorKind,
    actor_id: r.actorId,
    action: r.action,
    target: r.target,
    outcome: r.outcome,
    address: r.address,
    details: JSON.stringify(r.details),
    prev_hash: r.prevHash,
    hash: r.hash,
  }));

const createPlain = (db: Kysely<Database>) =>
  sql`create table audit_plain (like audit_log including defaults including constraints including indexes)`.execute(db);

// biome-ignore lint/suspicious/noExplicitAny: the baseline table is not part of the app's schema
const plain = (db: Kysely<Database>) => db as unknown as Kysely<any>;

const rate = (n: number, ms: number) => (n / ms) * 1000;
const line = (what: string, value: number, unit: string, baseline: number, baselineWhat: string) =>
  console.log(
    `${what}: ${value.toFixed(0)} ${unit} (baseline: ${baseline.toFixed(0)} ${unit} ${baselineWhat}, ratio: ${(value / baseline).toFixed(2)})`,
  );

const timed = async (run: () => Promise<unknown>) => {
  const t0 = performance.now();
  await run();
  return performance.now() - t0;
};

const auditBench = async (engine: string, database: OpenDatabase) => {
  const { db } = database;
  await createPlain(db);
  // Warm-up (plans, JIT) on another office.
  for (let i = 0; i < 50; i++) await appendAudit(db, "WU", entries[i]!, new Date());
  await plain(db).insertInto("audit_plain").values(plainRows("WU").slice(0, 50)).execute();

  const one = await timed(async () => {
    for (const e of entries) await appendAudit(db, "A1", e, new Date());
  });
  const rows1 = plainRows("P1");
  const onePlain = await timed(async () => {
    for (const r of rows1)
      await plain(db)
        .transaction()
        .execute((trx) => trx.insertInto("audit_plain").values(r).execute());
  });
  line(
    `audit append, one per transaction (${engine}, ${N} rows)`,
    rate(N, one),
    "rows/s",
    rate(N, onePlain),
    "plain single-row INSERT per transaction",
  );

  const batched = await timed(async () => {
    for (let i = 0; i < N; i += 500) await appendAuditMany(db, "A2", entries.slice(i, i + 500), new Date());
  });
  const rows2 = plainRows("P2");
  const batchedPlain = await timed(async () => {
    for (let i = 0; i < N; i += 500) {
      await plain(db)
        .transaction()
        .execute((trx) =>
          trx
            .insertInto("audit_plain")
            .values(rows2.slice(i, i + 500))
            .execute(),
        );
    }
  });
  line(
    `audit append, batches of 500 (${engine}, ${N} rows)`,
    rate(N, batched),
    "rows/s",
    rate(N, batchedPlain),
    "plain multi-row INSERT",
  );

  if (engine === "postgres") {
    const writers = 4;
    const parallel = await timed(() =>
      Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          for (let i = w; i < N; i += writers) await appendAudit(db, "A3", entries[i]!, new Date());
        }),
      ),
    );
    const rows3 = plainRows("P3");
    const parallelPlain = await timed(() =>
      Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          for (let i = w; i < N; i += writers) await plain(db).insertInto("audit_plain").values(rows3[i]!).execute();
        }),
      ),
    );
    line(
      `audit append, ${writers} writers on one office (${engine}, ${N} rows)`,
      rate(N, parallel),
      "rows/s",
      rate(N, parallelPlain),
      `plain single-row INSERT from ${writers} writers`,
    );
  }
};

const countRows = async (db: Kysely<Database>) => {
  let n = 0;
  for (const t of await readCatalog(db)) {
    const r = await sql<{ n: string | number }>`select count(*) as n from ${sql.id(t.name)}`.execute(db);
    n += Number(r.rows[0]!.n);
  }
  return n;
};

const backupBench = async (engine: string, open: () => Promise<OpenDatabase | undefined>) => {
  const source = await open();
  if (!source) return;
  const target = await open();
  if (!target) return;
  try {
    await ensureOffice(source.db, config);
    await seedDemoData({
      db: source.db,
      config,
      reference: referenceData(),
      logger: silentLogger(),
      today: "2026-12-01",
    });
    for (let i = 0; i < EXTRA_AUDIT; i += 500) {
      await appendAuditMany(
        source.db,
        config.office.code,
        entries.slice(0, Math.min(500, EXTRA_AUDIT - i)),
        new Date(),
      );
    }
    const rows = await countRows(source.db);
    const file = join(work, `${engine}.jsonl.gz`);
    let bytes = 0;
    const backupMs = await timed(async () => {
      bytes = (await writeBackup(source.db, file, { createdAt: new Date(), engine })).bytes;
    });
    const tables = await readCatalog(source.db);
    const selectMs = await timed(async () => {
      for (const t of tables) await sql`select * from ${sql.id(t.name)}`.execute(source.db);
    });
    console.log(
      `data (${engine}): ${rows} rows in ${tables.length} tables (demo data with the Madrid desk and fees, ${EXTRA_AUDIT} extra audit rows); backup file ${(bytes / 1e6).toFixed(2)} MB`,
    );
    line(`backup (${engine})`, rate(rows, backupMs), "rows/s", rate(rows, selectMs), "select * of every table");

    const restoreMs = await timed(() => restoreBackup(target.db, file, target.schema ? { schema: target.schema } : {}));
    // Server-side copy of every table into an empty twin: the database's own floor for writing the same rows.
    const copyMs = await timed(() =>
      source.db.transaction().execute(async (trx) => {
        for (const t of tables) {
          await sql`create temporary table ${sql.id(`copy_${t.name}`)} (like ${sql.id(t.name)} including all) on commit drop`.execute(
            trx,
          );
          await sql`insert into ${sql.id(`copy_${t.name}`)} select * from ${sql.id(t.name)}`.execute(trx);
        }
      }),
    );
    line(`restore (${engine})`, rate(rows, restoreMs), "rows/s", rate(rows, copyMs), "server-side insert … select");
  } finally {
    await source.close();
    await target.close();
  }
};

console.log(
  `# reference-office audit and backup bench: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}`,
);
try {
  const pglite = await openPglite();
  await auditBench("pglite", pglite);
  await pglite.close();
  const postgres = await openPostgres();
  if (postgres) {
    const v = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(postgres.db);
    console.log(`# PostgreSQL ${v.rows[0]?.v} on the same machine`);
    await auditBench("postgres", postgres);
    await postgres.close();
  }
  await backupBench("pglite", () => openPglite());
  await backupBench("postgres", openPostgres);
} finally {
  rmSync(work, { recursive: true, force: true });
}
