/**
 * Importing IB → office batches: each file is streamed through the package's `readIBBatch` (memory flat in batch
 * size); each transaction is applied in its own database transaction, which first inserts the transaction's
 * idempotency key (ON CONFLICT DO NOTHING) so that a duplicate is detected before anything else is written. A
 * transaction the rules refuse rolls back whole. Every document gets a report row: applied, duplicate or rejected
 * with its reason. Re-running an interrupted import finishes it: what was applied is reported as duplicate.
 */
import { randomUUID } from "node:crypto";
import { Designation, IBTransaction, Parser } from "@ipoffice/madrid";
import { Result } from "effect";
import { type Kysely, sql } from "kysely";
import type { Database } from "../db/schema.js";
import type { MadridSettings } from "./settings.js";
import { lockRecords, saveRecord } from "./store.js";

export type Outcome = "applied" | "duplicate" | "rejected";

/** Longest file name and message a report carries (values of the input are cut, decision 0660). */
const MAX_FILE_NAME = 255;
const MAX_MESSAGE = 1_000;

/** `value`, or its first `max` characters and an ellipsis. */
export const clip = (value: string, max = 100): string => (value.length <= max ? value : `${value.slice(0, max)}…`);

/** The report of one document (one transaction of a batch, or a whole file that could not be read). */
export interface DocumentReport {
  readonly position: number;
  readonly file: string;
  /** Position of the transaction in its file's bag (absent when the file itself failed). */
  readonly index?: number | undefined;
  readonly outcome: Outcome;
  readonly irNumber?: string | undefined;
  readonly kind?: string | undefined;
  readonly key?: string | undefined;
  /** Why it was rejected: a parse reason (`Invalid`, `Unsupported`, `NotWellFormed`, …), `OfficeNotHosted`, or an apply reason (`UnknownRegistration`, `NotDesignated`). */
  readonly reason?: string | undefined;
  readonly message?: string | undefined;
}

export interface ImportSummary {
  readonly runId: string;
  readonly files: number;
  readonly applied: number;
  readonly duplicates: number;
  readonly rejected: number;
  /** The per-document reports (kept only when asked: large imports read them from the database). */
  readonly documents: ReadonlyArray<DocumentReport>;
}

export interface BatchSource {
  /** The file name (or "body") shown in the report. */
  readonly name: string;
  readonly chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;
}

export interface ImportOptions {
  readonly db: Kysely<Database>;
  readonly settings: MadridSettings;
  /** The app clock. */
  readonly now: () => Date;
  /** Where the batch came from (upload, API, CLI folder). */
  readonly source: string;
  /** Keep every document report in the summary (default true). */
  readonly keepDocuments?: boolean;
  /** Called after each document. */
  readonly onDocument?: (report: DocumentReport) => void;
  /** Parser limits (defaults of the package). */
  readonly parseOptions?: Parser.ParseOptions;
}

class Rejection {
  readonly reason: string;
  readonly message: string;
  constructor(reason: string, message: string) {
    this.reason = reason;
    this.message = message;
  }
}

/** The registrations a transaction reads besides its own. */
const registrationsRead = (t: IBTransaction.IBTransaction): Array<string> => {
  const own = IBTransaction.irNumberOf(t);
  switch (t._tag) {
    case "PartialChangeOwnership":
      return [own, t.remainder.irNumber];
    case "Merger":
      return [own, t.termination.irNumber];
    default:
      return [own];
  }
};

const deferrable = new WeakMap<Kysely<Database>, Promise<boolean>>();
/** True on PostgreSQL, false on PGlite (asked once per database). */
const deferCommits = (db: Kysely<Database>): Promise<boolean> => {
  let known = deferrable.get(db);
  if (known === undefined) {
    known = sql<{ v: string }>`select version() as v`
      .execute(db)
      .then((r) => !/PGlite/i.test(r.rows[0]?.v ?? ""))
      .catch(() => false);
    deferrable.set(db, known);
  }
  return known;
};

/** Applies one transaction in one database transaction; returns its outcome. */
export const applyTransaction = async (
  db: Kysely<Database>,
  settings: MadridSettings,
  officeCode: string,
  t: IBTransaction.IBTransaction,
  now: Date,
  runId: string,
  report: Omit<DocumentReport, "outcome" | "irNumber" | "kind" | "key" | "reason" | "message">,
): Promise<DocumentReport> => {
  const key = IBTransaction.idempotencyKey(officeCode, t);
  const base = { ...report, irNumber: IBTransaction.irNumberOf(t), kind: t._tag, key };
  const row = (r: DocumentReport) => ({
    office_code: officeCode,
    run_id: runId,
    position: r.position,
    file: r.file.slice(0, 500),
    index: r.index ?? null,
    outcome: r.outcome,
    ir_number: r.irNumber ?? null,
    kind: r.kind ?? null,
    key: r.key ?? null,
    reason: r.reason ?? null,
    message: r.message?.slice(0, 4000) ?? null,
  });
  // asked before the transaction: PGlite has one connection, which the transaction holds
  const defer = await deferCommits(db);
  try {
    return await db.transaction().execute(async (trx) => {
      // The import is idempotent and re-runnable: on PostgreSQL a commit lost in a server crash is re-applied by the
      // next run, so the commit need not wait for the WAL flush (decision 0640). PGlite has no WAL writer process:
      // there a deferred commit would wait for the database to close, so it stays synchronous.
      if (defer) await sql`set local synchronous_commit = off`.execute(trx);
      const inserted = await trx
        .insertInto("madrid_applied_transactions")
        .values({
          office_code: officeCode,
          key,
          ir_number: base.irNumber,
          kind: t._tag,
          category: "category" in t ? t.category : null,
          run_id: runId,
          applied_at: now,
        })
        .onConflict((oc) => oc.columns(["office_code", "key"]).doNothing())
        .returning("key")
        .executeTakeFirst();
      if (inserted === undefined) {
        const duplicate: DocumentReport = { ...base, outcome: "duplicate" };
        await trx.insertInto("madrid_import_reports").values(row(duplicate)).execute();
        return duplicate;
      }
      const current = await lockRecords(trx, officeCode, registrationsRead(t));
      const applied = Designation.apply(settings.rules(officeCode), t, (ir) => current.get(ir)?.record);
      if (Result.isFailure(applied)) throw new Rejection(applied.failure.reason, applied.failure.message);
      for (const record of applied.success) {
        await saveRecord(trx, record, current.get(record.irNumber)?.record.events.length ?? 0, now);
      }
      const done: DocumentReport = { ...base, outcome: "applied" };
      await trx.insertInto("madrid_import_reports").values(row(done)).execute();
      return done;
    });
  } catch (error) {
    // A rule's refusal, or a storage failure inside the document's transaction: nothing of it was written.
    const rejected: DocumentReport =
      error instanceof Rejection
        ? { ...base, outcome: "rejected", reason: error.reason, message: clip(error.message, MAX_MESSAGE) }
        : {
            ...base,
            outcome: "rejected",
            reason: "StoreFailed",
            message: clip(error instanceof Error ? error.message : String(error), MAX_MESSAGE),
          };
    await db.insertInto("madrid_import_reports").values(row(rejected)).execute();
    return rejected;
  }
};

/**
 * What the PostgreSQL advisory lock of an import run is keyed by: the importer holds it on its connection while the run
 * lives (PostgreSQL drops it when the process dies), so a recovery in another process leaves a live run alone.
 */
export const importLockName = (officeCode: string, runId: string): string => `madrid-import:${officeCode}:${runId}`;
const lockKey = (officeCode: string, runId: string) => sql`hashtextextended(${importLockName(officeCode, runId)}, 0)`;

/**
 * Imports batches (files, uploads or a body), one after the other, and records the run. On PostgreSQL the run holds
 * its advisory lock on one connection, which it uses for everything it writes; PGlite is one process's alone.
 */
export const importBatches = async (
  sources: AsyncIterable<BatchSource> | Iterable<BatchSource>,
  options: ImportOptions,
): Promise<ImportSummary> => {
  const runId = randomUUID();
  const officeCode = options.settings.officeCode;
  if (!(await deferCommits(options.db))) return importRun(sources, options, runId);
  return options.db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${lockKey(officeCode, runId)})`.execute(conn);
    try {
      return await importRun(sources, { ...options, db: conn }, runId);
    } finally {
      await sql`select pg_advisory_unlock(${lockKey(officeCode, runId)})`.execute(conn).catch(() => undefined);
    }
  });
};

const importRun = async (
  sources: AsyncIterable<BatchSource> | Iterable<BatchSource>,
  options: ImportOptions,
  runId: string,
): Promise<ImportSummary> => {
  const { db, settings } = options;
  const officeCode = settings.officeCode;
  await db
    .insertInto("madrid_import_runs")
    .values({ office_code: officeCode, id: runId, source: options.source.slice(0, 500), started_at: options.now() })
    .execute();
  const keep = options.keepDocuments ?? true;
  const documents: DocumentReport[] = [];
  const counts = { applied: 0, duplicate: 0, rejected: 0 };
  let position = 0;
  let files = 0;
  const record = async (r: DocumentReport, write: boolean) => {
    if (write) {
      await db
        .insertInto("madrid_import_reports")
        .values({
          office_code: officeCode,
          run_id: runId,
          position: r.position,
          file: r.file.slice(0, 500),
          index: r.index ?? null,
          outcome: r.outcome,
          ir_number: r.irNumber ?? null,
          kind: r.kind ?? null,
          key: r.key ?? null,
          reason: r.reason ?? null,
          message: r.message?.slice(0, 4000) ?? null,
        })
        .execute();
    }
    counts[r.outcome]++;
    if (keep) documents.push(r);
    options.onDocument?.(r);
  };

  for await (const given of sources) {
    files++;
    // The name is the caller's (an upload's file name): shown in reports, so cut like any echoed value.
    const source = { ...given, name: clip(given.name, MAX_FILE_NAME) };
    let receiving: string | undefined;
    for await (const event of Parser.readIBBatch(source.chunks, options.parseOptions)) {
      switch (event._tag) {
        case "Header":
          receiving = event.header.receivingOffice;
          break;
        case "Failed":
          await record(
            {
              position: position++,
              file: source.name,
              outcome: "rejected",
              reason: event.error.reason,
              message: clip(event.error.message, MAX_MESSAGE),
            },
            true,
          );
          break;
        case "Rejected":
          await record(
            {
              position: position++,
              file: source.name,
              index: event.index,
              outcome: "rejected",
              reason: event.error.reason,
              message: clip(event.error.message, MAX_MESSAGE),
            },
            true,
          );
          break;
        case "Transaction": {
          const t = event.transaction;
          const at = { position: position++, file: source.name, index: event.index };
          if (receiving === undefined || !settings.hostedOffices.includes(receiving)) {
            await record(
              {
                ...at,
                outcome: "rejected",
                irNumber: IBTransaction.irNumberOf(t),
                kind: t._tag,
                reason: "OfficeNotHosted",
                message: `the batch is addressed to office ${receiving ?? "(unknown)"}, which this deployment does not host (it hosts ${settings.hostedOffices.join(", ")})`,
              },
              true,
            );
            break;
          }
          const r = await applyTransaction(db, settings, receiving, t, options.now(), runId, at);
          await record(r, false);
          break;
        }
      }
    }
  }
  await db
    .updateTable("madrid_import_runs")
    .set({
      finished_at: options.now(),
      applied: counts.applied,
      duplicates: counts.duplicate,
      rejected: counts.rejected,
    })
    .where("office_code", "=", officeCode)
    .where("id", "=", runId)
    .execute();
  return {
    runId,
    files,
    applied: counts.applied,
    duplicates: counts.duplicate,
    rejected: counts.rejected,
    documents,
  };
};

/** A run found unfinished and marked interrupted, with the counts of what it had done. */
export interface RecoveredRun {
  readonly runId: string;
  readonly source: string;
  readonly startedAt: Date;
  readonly applied: number;
  readonly duplicates: number;
  readonly rejected: number;
}

/**
 * Runs left unfinished by an import that was killed (its process ended before it wrote the run's counts) are marked
 * interrupted, with their counts recomputed from their reports (each report is written in the transaction of its
 * document, so the reports are what was actually done). Called at start and by the import command. On PostgreSQL a
 * run whose importer still lives (in another process) holds its advisory lock and is left alone.
 */
export const recoverInterruptedRuns = async (
  db: Kysely<Database>,
  officeCode: string,
  now: Date,
): Promise<Array<RecoveredRun>> => {
  const open = await db
    .selectFrom("madrid_import_runs")
    .select(["id", "source", "started_at"])
    .where("office_code", "=", officeCode)
    .where("finished_at", "is", null)
    .where("interrupted_at", "is", null)
    .orderBy("started_at")
    .execute();
  if (open.length === 0) return [];
  const postgres = await deferCommits(db);
  const recovered: Array<RecoveredRun> = [];
  for (const run of open) {
    const recover = async (executor: Kysely<Database>): Promise<RecoveredRun | undefined> => {
      const rows = await executor
        .selectFrom("madrid_import_reports")
        .select(["outcome", (eb) => eb.fn.countAll<string | number>().as("n")])
        .where("office_code", "=", officeCode)
        .where("run_id", "=", run.id)
        .groupBy("outcome")
        .execute();
      const count = (outcome: Outcome) => Number(rows.find((r) => r.outcome === outcome)?.n ?? 0);
      const counts = { applied: count("applied"), duplicates: count("duplicate"), rejected: count("rejected") };
      const updated = await executor
        .updateTable("madrid_import_runs")
        .set({ interrupted_at: now, ...counts })
        .where("office_code", "=", officeCode)
        .where("id", "=", run.id)
        .where("finished_at", "is", null)
        .where("interrupted_at", "is", null)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return undefined;
      return { runId: run.id, source: run.source, startedAt: new Date(run.started_at), ...counts };
    };
    const done = postgres
      ? await db.connection().execute(async (conn) => {
          const { rows } = await sql<{
            free: boolean;
          }>`select pg_try_advisory_lock(${lockKey(officeCode, run.id)}) as free`.execute(conn);
          if (rows[0]?.free !== true) return undefined; // its importer is alive
          try {
            return await recover(conn);
          } finally {
            await sql`select pg_advisory_unlock(${lockKey(officeCode, run.id)})`.execute(conn);
          }
        })
      : await recover(db);
    if (done) recovered.push(done);
  }
  return recovered;
};
