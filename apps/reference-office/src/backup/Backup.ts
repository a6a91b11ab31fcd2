/**
 * Logical backup and restore of the whole database (every table of the app's schema, all offices) in one file that
 * restores into PGlite or PostgreSQL alike.
 *
 * The file is gzip'd JSON lines: line 1 the header (format, version, when, the source engine, the migrations
 * applied, per table its columns and types, primary key, row count and SHA-256, and the sequences), then per table a
 * line `{"table":"<name>"}` followed by its rows in primary-key order, one JSON array of PostgreSQL text values per
 * line (null for SQL NULL). A table's SHA-256 is over its row lines, each with its "\n". Tables come in foreign-key
 * order. The header is a gzip member of its own, written after the rows were streamed into a second member (so the
 * counts and checksums are known without holding rows in memory); gunzip reads the two as one stream.
 *
 * A backup reads in one repeatable-read, read-only transaction (one snapshot on PostgreSQL; PGlite has one
 * connection and runs it alone). A restore runs in one transaction on one connection: it refuses a database with
 * rows, migrates to exactly the backup's migrations, loads every table checking each row's shape and each table's
 * count and checksum, sets the sequences, migrates to the latest migration, and commits; any problem rolls all of
 * it back and names the file's line, the table or the setting that is wrong.
 */
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { access, open, rename, rm, stat } from "node:fs/promises";
import { once } from "node:events";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip, gzipSync } from "node:zlib";
import { Clock, Data, Effect, Schema } from "effect";
import { type Kysely, sql } from "kysely";
import { appliedMigrations, migrateWithinTransaction, migrationNames } from "../db/Database.js";
import type { Database } from "../db/schema.js";
import {
  bookkeepingTables,
  exactTextSettings,
  firstNonEmptyTable,
  readCatalog,
  readRows,
  readSequences,
  type TableInfo,
} from "./catalog.js";

type Db = Kysely<Database>;

export const backupFormat = "ipoffice-backup";
export const backupVersion = 1;

const Column = Schema.Struct({ name: Schema.String, type: Schema.String });
const TableEntry = Schema.Struct({
  name: Schema.String,
  columns: Schema.Array(Column),
  primaryKey: Schema.Array(Schema.String),
  rows: Schema.Number.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(0)),
  sha256: Schema.String.check(Schema.isPattern(/^[0-9a-f]{64}$/)),
});
const SequenceEntry = Schema.Struct({
  name: Schema.String,
  lastValue: Schema.String.check(Schema.isPattern(/^-?\d{1,19}$/)),
  isCalled: Schema.Boolean,
});
export const BackupHeader = Schema.Struct({
  format: Schema.Literal(backupFormat),
  version: Schema.Literal(backupVersion),
  createdAt: Schema.String,
  source: Schema.Struct({ engine: Schema.String, server: Schema.String }),
  migrations: Schema.Array(Schema.String),
  tables: Schema.Array(TableEntry),
  sequences: Schema.Array(SequenceEntry),
});
export type BackupHeader = typeof BackupHeader.Type;

export type BackupErrorReason = "file-exists" | "not-migrated" | "no-primary-key" | "file" | "database";

export class BackupError extends Data.TaggedError("BackupError")<{
  readonly reason: BackupErrorReason;
  readonly message: string;
}> {}

export type RestoreErrorReason =
  | "file"
  | "gzip"
  | "encoding"
  | "header"
  | "migrations"
  | "not-empty"
  | "schema"
  | "row"
  | "count"
  | "checksum"
  | "truncated"
  | "database";

/** Why nothing was restored; `message` names the line, table or migration concerned. */
export class RestoreError extends Data.TaggedError("RestoreError")<{
  readonly reason: RestoreErrorReason;
  readonly message: string;
}> {}

export interface BackupSummary {
  readonly file: string;
  readonly tables: number;
  readonly rows: number;
  /** Size of the file written. */
  readonly bytes: number;
  readonly header: BackupHeader;
}

export interface RestoreSummary {
  readonly tables: number;
  readonly rows: number;
  readonly header: BackupHeader;
  /** Migrations the restore ran after loading the backup's data (the code is newer than the backup). */
  readonly migratedAfter: ReadonlyArray<string>;
}

const fail = (reason: RestoreErrorReason, message: string): never => {
  throw new RestoreError({ reason, message });
};

const exists = async (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** Writes a backup of the whole database to `file` (which must not exist yet); see the module comment. */
export const writeBackup = async (
  db: Db,
  file: string,
  options: { readonly createdAt: Date; readonly engine: string },
): Promise<BackupSummary> => {
  if (await exists(file)) {
    throw new BackupError({ reason: "file-exists", message: `${file} exists: the backup never overwrites a file` });
  }
  const partial = `${file}.partial`;
  const body = `${file}.rows.partial`;
  const gzip = createGzip();
  try {
    const written = pipeline(gzip, createWriteStream(body));
    // A failed write ends the pipeline; the rejection is awaited after the rows.
    written.catch(() => {});
    // Lines go to gzip in chunks of about 256 KiB: each write to a zlib stream is a trip to the thread pool.
    let buffered: string[] = [];
    let size = 0;
    const flush = async () => {
      if (size === 0) return;
      const chunk = buffered.join("");
      buffered = [];
      size = 0;
      if (!gzip.write(chunk)) await once(gzip, "drain");
    };
    const write = async (text: string) => {
      buffered.push(text);
      size += text.length;
      if (size >= 256 * 1024) await flush();
    };
    const header = await db
      .transaction()
      .setIsolationLevel("repeatable read")
      .setAccessMode("read only")
      .execute(async (trx) => {
        await exactTextSettings(trx);
        const migrations = await appliedMigrations(trx);
        if (migrations.length === 0) {
          throw new BackupError({
            reason: "not-migrated",
            message: "the database has no ipoffice schema (it was never migrated): nothing to back up",
          });
        }
        const tables = await readCatalog(trx);
        const keyless = tables.find((t) => t.primaryKey.length === 0);
        if (keyless) {
          throw new BackupError({
            reason: "no-primary-key",
            message: `table ${keyless.name} has no primary key: the backup reads tables in key order`,
          });
        }
        const server = await sql<{ v: string }>`select current_setting('server_version') as v`.execute(trx);
        const entries: Array<typeof TableEntry.Type> = [];
        for (const table of tables) {
          await write(`${JSON.stringify({ table: table.name })}\n`);
          const hash = createHash("sha256");
          let rows = 0;
          for await (const values of readRows(trx, table)) {
            const line = `${JSON.stringify(values)}\n`;
            hash.update(line, "utf8");
            await write(line);
            rows++;
          }
          entries.push({
            name: table.name,
            columns: table.columns.map((c) => ({ name: c.name, type: c.type })),
            primaryKey: [...table.primaryKey],
            rows,
            sha256: hash.digest("hex"),
          });
        }
        const result: BackupHeader = {
          format: backupFormat,
          version: backupVersion,
          createdAt: options.createdAt.toISOString(),
          source: { engine: options.engine, server: server.rows[0]?.v ?? "" },
          migrations,
          tables: entries,
          sequences: await readSequences(trx),
        };
        return result;
      });
    await flush();
    gzip.end();
    await written;
    // Backups hold personal data: readable by the owner only.
    const out = await open(partial, "w", 0o600);
    try {
      await out.write(gzipSync(`${JSON.stringify(header)}\n`));
      for await (const chunk of createReadStream(body)) await out.write(chunk as Buffer);
      await out.sync();
    } finally {
      await out.close();
    }
    await rename(partial, file);
    return {
      file,
      tables: header.tables.length,
      rows: header.tables.reduce((n, t) => n + t.rows, 0),
      bytes: (await stat(file)).size,
      header,
    };
  } catch (error) {
    gzip.destroy();
    await rm(partial, { force: true });
    if (error instanceof BackupError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new BackupError({
      reason: code && /^E[A-Z]+$/.test(code) ? "file" : "database",
      message: `${code ? `${file}: ` : ""}${(error as Error).message}`,
    });
  } finally {
    await rm(body, { force: true });
  }
};

/** Longest line a restore accepts (a row of a very large record): a guard against a file that never ends a line. */
const maxLine = 256 * 1024 * 1024;

/** The decompressed file's lines with their numbers; gzip, encoding and truncation problems as `RestoreError`. */
async function* numberedLines(file: string): AsyncGenerator<{ line: string; n: number }> {
  const input = createReadStream(file);
  const gunzip = createGunzip();
  input.on("error", (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let rest = "";
  let n = 0;
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      let text: string;
      try {
        text = rest + decoder.decode(chunk, { stream: true });
      } catch {
        return fail("encoding", `${file}: line ${n + 1} is not UTF-8 text`);
      }
      let start = 0;
      for (let end = text.indexOf("\n"); end !== -1; end = text.indexOf("\n", start)) {
        yield { line: text.slice(start, end), n: ++n };
        start = end + 1;
      }
      rest = text.slice(start);
      if (rest.length > maxLine) fail("row", `${file}: line ${n + 1} is longer than ${maxLine} characters`);
    }
  } catch (error) {
    if (error instanceof RestoreError) throw error;
    const e = error as NodeJS.ErrnoException;
    if (e.code === "ENOENT" || e.code === "EACCES" || e.code === "EISDIR")
      fail("file", `cannot read ${file}: ${e.code}`);
    fail(
      "gzip",
      e.code === "Z_BUF_ERROR" || /unexpected end/i.test(e.message)
        ? `${file} is truncated: the gzip stream ends early, ${n === 0 ? "inside the header" : `after line ${n}`} (${e.message})`
        : `${file} is not a readable gzip file (${e.message}): corrupt, or not a backup`,
    );
  } finally {
    input.destroy();
  }
  if (rest !== "") fail("truncated", `${file}: line ${n + 1} has no end: the file is truncated`);
}

const describeSchemaMismatch = (expected: TableInfo, found: TableInfo): string | undefined => {
  const a = expected.columns.map((c) => `${c.name} ${c.type}`).join(", ");
  const b = found.columns.map((c) => `${c.name} ${c.type}`).join(", ");
  return a === b ? undefined : `the backup has (${a}); the database at the same migrations has (${b})`;
};

/** Rows a statement, or fewer when their text is large. */
const BATCH_ROWS = 1000;
const BATCH_CHARS = 8 * 1024 * 1024;

/**
 * Restores `file` into an empty database (no rows in any table of its schema) in one transaction; see the module
 * comment. `schema` is the migration tables' schema when the database is not in the default one (tests).
 */
export const restoreBackup = async (db: Db, file: string, options: { readonly schema?: string } = {}) => {
  const lines = numberedLines(file);
  try {
    const first = await lines.next();
    if (first.done) return fail("header", `${file} is empty: not an ipoffice backup`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(first.value.line);
    } catch {
      return fail("header", `${file}: line 1 is not JSON: not an ipoffice backup`);
    }
    const decoded = Schema.decodeUnknownExit(BackupHeader)(parsed);
    if (decoded._tag === "Failure") {
      const what = (parsed as { format?: unknown })?.format === backupFormat ? "an unreadable" : "no";
      return fail(
        "header",
        `${file}: line 1 is ${what} ipoffice backup header (format "${backupFormat}", version ${backupVersion})`,
      );
    }
    const header = decoded.value;
    const unknown = header.migrations.filter((m) => !migrationNames.includes(m));
    if (unknown.length > 0) {
      fail("migrations", `the backup was made by newer or other code: unknown migration(s) ${unknown.join(", ")}`);
    }
    if (header.migrations.length === 0 || header.migrations.some((m, i) => migrationNames[i] !== m)) {
      fail(
        "migrations",
        `the backup's migrations (${header.migrations.join(", ") || "none"}) are not the first ones this code runs (${migrationNames.join(", ")})`,
      );
    }
    const seen = new Set<string>();
    for (const t of header.tables) {
      if (seen.has(t.name)) fail("header", `${file}: the header lists table ${t.name} twice`);
      seen.add(t.name);
    }

    return await db.connection().execute(async (conn) => {
      await sql`begin`.execute(conn);
      try {
        const summary = await load(conn, header, lines, file, options.schema);
        await sql`commit`.execute(conn);
        return summary;
      } catch (error) {
        await sql`rollback`.execute(conn);
        throw error;
      }
    });
  } catch (error) {
    if (error instanceof RestoreError) throw error;
    throw new RestoreError({ reason: "database", message: (error as Error).message });
  } finally {
    await lines.return(undefined);
  }
};

const load = async (
  conn: Db,
  header: BackupHeader,
  lines: AsyncGenerator<{ line: string; n: number }>,
  file: string,
  schema: string | undefined,
): Promise<RestoreSummary> => {
  await exactTextSettings(conn);
  const existing = await readCatalog(conn);
  const busy = await firstNonEmptyTable(
    conn,
    existing.map((t) => t.name),
  );
  if (busy) fail("not-empty", `the database is not empty: table ${busy} has rows (a restore needs an empty database)`);
  const target = header.migrations[header.migrations.length - 1]!;
  await migrateWithinTransaction(conn, target, schema);

  const tables = new Map((await readCatalog(conn)).map((t) => [t.name, t]));
  for (const t of header.tables) {
    const found = tables.get(t.name);
    if (!found) fail("schema", `the backup's table ${t.name} does not exist at migration ${target}`);
    const mismatch = describeSchemaMismatch({ ...t, references: [] }, found!);
    if (mismatch) fail("schema", `table ${t.name}: ${mismatch}`);
  }
  for (const name of tables.keys()) {
    if (!header.tables.some((t) => t.name === name) && !(bookkeepingTables as ReadonlyArray<string>).includes(name)) {
      fail("schema", `the backup has no table ${name}, which exists at migration ${target}: the header is incomplete`);
    }
  }

  let rows = 0;
  let pending: { line: string; n: number } | undefined;
  for (const entry of header.tables) {
    const table = tables.get(entry.name)!;
    const marker = pending ?? (await lines.next()).value;
    pending = undefined;
    if (!marker) fail("truncated", `${file} ends before table ${entry.name}: the file is truncated`);
    let name: unknown;
    try {
      name = (JSON.parse(marker!.line) as { table?: unknown }).table;
    } catch {
      name = undefined;
    }
    if (name !== entry.name) {
      fail(
        "row",
        `${file}: line ${marker!.n} should start table ${entry.name} (${typeof name === "string" ? `found table ${name}` : "found something else"})`,
      );
    }
    const hash = createHash("sha256");
    let count = 0;
    let batch: Array<{ values: Array<string | null>; n: number }> = [];
    let chars = 0;
    const flush = async () => {
      if (batch.length > 0) await insertBatch(conn, table, batch);
      batch = [];
      chars = 0;
    };
    for (;;) {
      const next = await lines.next();
      if (next.done) break;
      const { line, n } = next.value;
      if (line.startsWith("{")) {
        pending = next.value;
        break;
      }
      count++;
      if (count > entry.rows)
        fail("count", `table ${entry.name}: line ${n} is beyond the ${entry.rows} row(s) the header counts`);
      hash.update(`${line}\n`, "utf8");
      let values: unknown;
      try {
        values = JSON.parse(line);
      } catch {
        fail("row", `table ${entry.name}, line ${n}: not JSON`);
      }
      if (
        !Array.isArray(values) ||
        values.length !== table.columns.length ||
        !values.every((v) => v === null || typeof v === "string")
      ) {
        fail(
          "row",
          `table ${entry.name}, line ${n}: a row is an array of ${table.columns.length} strings or nulls (${table.columns.map((c) => c.name).join(", ")})`,
        );
      }
      batch.push({ values: values as Array<string | null>, n });
      chars += line.length;
      if (batch.length >= BATCH_ROWS || chars >= BATCH_CHARS) await flush();
    }
    if (count < entry.rows) {
      fail(
        pending ? "count" : "truncated",
        `table ${entry.name}: the file holds ${count} of the ${entry.rows} row(s) the header counts${pending ? "" : ": the file is truncated"}`,
      );
    }
    if (hash.digest("hex") !== entry.sha256) {
      fail("checksum", `table ${entry.name}: checksum mismatch: its rows are not the ones the backup wrote`);
    }
    await flush();
    rows += count;
  }
  const extra = pending ?? (await lines.next()).value;
  if (extra) fail("row", `${file}: line ${extra.n} comes after the last table of the header`);

  const sequences = new Set((await readSequences(conn)).map((s) => s.name));
  for (const s of header.sequences) {
    if (!sequences.has(s.name)) fail("schema", `the backup's sequence ${s.name} does not exist at migration ${target}`);
    await sql`select setval(cast(${quoteIdent(s.name)} as regclass), cast(${s.lastValue} as bigint), ${s.isCalled})`.execute(
      conn,
    );
  }
  await migrateWithinTransaction(conn, "latest", schema);
  const after = await appliedMigrations(conn);
  return {
    tables: header.tables.length,
    rows,
    header,
    migratedAfter: after.filter((m) => !header.migrations.includes(m)),
  };
};

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Inserts rows given as PostgreSQL text values: one statement for the batch, each value cast from text with its
 * column's type. When the batch fails, finds the first row that does not fit (each in a savepoint) and names its line.
 */
const insertBatch = async (
  conn: Db,
  table: TableInfo,
  batch: ReadonlyArray<{ values: Array<string | null>; n: number }>,
) => {
  const statement = (rows: ReadonlyArray<{ values: Array<string | null> }>) =>
    sql`insert into ${sql.id(table.name)} (${sql.join(table.columns.map((c) => sql.id(c.name)))}) overriding system value
      select ${sql.join(table.columns.map((c, i) => sql`cast(e->>${sql.lit(i)} as ${sql.raw(c.type)})`))}
      from jsonb_array_elements(cast(${JSON.stringify(rows.map((r) => r.values))} as jsonb)) as e`;
  await sql`savepoint restore_batch`.execute(conn);
  try {
    await statement(batch).execute(conn);
    await sql`release savepoint restore_batch`.execute(conn);
    return;
  } catch (batchError) {
    await sql`rollback to savepoint restore_batch`.execute(conn);
    for (const row of batch) {
      try {
        await statement([row]).execute(conn);
      } catch (error) {
        fail("row", `table ${table.name}, line ${row.n}: the row does not fit: ${(error as Error).message}`);
      }
    }
    fail(
      "row",
      `table ${table.name}, lines ${batch[0]!.n}–${batch[batch.length - 1]!.n}: ${(batchError as Error).message}`,
    );
  }
};

/** Effect form of `writeBackup`, with the creation time from Effect's Clock. */
export const backup = (db: Db, file: string, engine: string): Effect.Effect<BackupSummary, BackupError> =>
  Effect.flatMap(Clock.currentTimeMillis, (ms) =>
    Effect.tryPromise({
      try: () => writeBackup(db, file, { createdAt: new Date(ms), engine }),
      catch: (cause) =>
        cause instanceof BackupError
          ? cause
          : new BackupError({ reason: "database", message: (cause as Error).message ?? String(cause) }),
    }),
  );

/** Effect form of `restoreBackup`. */
export const restore = (
  db: Db,
  file: string,
  options: { readonly schema?: string } = {},
): Effect.Effect<RestoreSummary, RestoreError> =>
  Effect.tryPromise({
    try: () => restoreBackup(db, file, options),
    catch: (cause) =>
      cause instanceof RestoreError
        ? cause
        : new RestoreError({ reason: "database", message: (cause as Error).message ?? String(cause) }),
  });
