/**
 * `cli backup <file>` and `cli restore <file>`: the whole database to one file and back, PGlite or PostgreSQL alike.
 * Same settings as the server: DATABASE_URL (PostgreSQL) or IPO_DATA_DIR (PGlite). Neither command migrates or
 * registers the office first: a backup reads the database as it is, a restore needs it empty.
 */
import { Effect, Result } from "effect";
import { sql } from "kysely";
import { verifyAudit } from "../audit/Audit.js";
import type { OpenDatabase } from "../db/Database.js";
import { backup, restore } from "./Backup.js";

export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

export const backupUsage = `usage:
  cli backup <file>     write a backup of the whole database (all offices) to a new file (gzip'd JSON lines)
  cli restore <file>    restore a backup into an empty database, then migrate it to this code's schema`;

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Runs `backup` or `restore`; returns the exit code (1 when nothing was written, 2 for a bad command). */
export const runBackupCli = async (
  command: "backup" | "restore",
  args: ReadonlyArray<string>,
  deps: { readonly database: OpenDatabase; readonly io: CliIo },
): Promise<number> => {
  const { io, database } = deps;
  const [file, ...extra] = args;
  if (file === undefined || file.startsWith("--") || extra.length > 0) {
    io.stderr.write(`${backupUsage}\n`);
    return 2;
  }
  const started = performance.now();
  const seconds = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;

  if (command === "backup") {
    const written = await Effect.runPromise(Effect.result(backup(database.db, file, database.engine)));
    if (Result.isFailure(written)) {
      io.stderr.write(`no backup written: ${written.failure.message}\n`);
      return 1;
    }
    const w = written.success;
    io.stdout.write(
      `backed up ${w.rows} row(s) of ${w.tables} tables (migrations to ${w.header.migrations.at(-1)}) to ${file}: ${megabytes(w.bytes)} in ${seconds()}\n`,
    );
    return 0;
  }

  const restored = await Effect.runPromise(
    Effect.result(restore(database.db, file, database.schema ? { schema: database.schema } : {})),
  );
  if (Result.isFailure(restored)) {
    io.stderr.write(`nothing restored: ${restored.failure.message}\n`);
    return 1;
  }
  const r = restored.success;
  io.stdout.write(
    `restored ${r.rows} row(s) of ${r.tables} tables from ${file} (made ${r.header.createdAt} on ${r.header.source.engine} ${r.header.source.server}) in ${seconds()}${
      r.migratedAfter.length > 0 ? `; then migrated: ${r.migratedAfter.join(", ")}` : ""
    }\n`,
  );
  // The audit chains came back as they were written: say so, or say where one is broken (as it was in the backup).
  const offices = await sql<{ office_code: string }>`select office_code from audit_heads order by office_code`.execute(
    database.db,
  );
  for (const { office_code } of offices.rows) {
    const v = await verifyAudit(database.db, office_code);
    if (v.ok) io.stdout.write(`audit trail of ${office_code} intact: ${v.rows} row(s), head ${v.head.hash}\n`);
    else io.stderr.write(`audit trail of ${office_code} broken at row ${v.firstBadSeq}: ${v.reason}\n`);
  }
  return 0;
};
