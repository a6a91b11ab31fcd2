/**
 * Opening the database: PGlite (embedded, a data directory on disk or in memory) by default, PostgreSQL when a
 * connection URL is given. Both speak the same SQL dialect and run the same migrations.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { Kysely, type Migration, type MigrationProvider, Migrator, PostgresDialect, sql } from "kysely";
import pg from "pg";
import * as m0001 from "./migrations/2026_11_24_0001_rights.js";
import * as m0002 from "./migrations/2026_11_24_0002_fees.js";
import * as m0003 from "./migrations/2026_11_24_0003_madrid.js";
import * as m0004 from "./migrations/2026_11_24_0004_time_limits.js";
import * as m0005 from "./migrations/2026_12_02_0005_classification_lists.js";
import * as m0006 from "./migrations/2026_12_07_0006_accounts.js";
import * as m0007 from "./migrations/2026_12_07_0007_audit.js";
import * as m0008 from "./migrations/2026_12_07_0008_publication.js";
import * as m0009 from "./migrations/2026_12_07_0009_madrid_import_interrupted.js";
import * as m0012 from "./migrations/2026_12_07_0012_search.js";
import * as m0014 from "./migrations/2026_12_07_0014_exchange.js";
import * as m0015 from "./migrations/2026_12_07_0015_documents.js";
import * as m0016 from "./migrations/2026_12_07_0016_invoice_payer_key.js";
import * as m0017 from "./migrations/2026_12_07_0017_worklists.js";
import * as m0018 from "./migrations/2026_12_07_0018_instances.js";
import * as m0019 from "./migrations/2026_12_07_0019_filer_accounts.js";
import * as m0020 from "./migrations/2026_12_07_0020_exchange_jobs.js";
import * as m0021 from "./migrations/2026_12_07_0021_unique_registration_numbers.js";
import * as m0023 from "./migrations/2026_12_07_0023_payment_sessions.js";
import * as m0024 from "./migrations/2026_12_07_0024_invoices_raised_on_filing.js";
import * as m0025 from "./migrations/2026_12_07_0025_search_0002.js";
import { PGliteDialect } from "./PGliteDialect.js";
import { traceQueries } from "./tracing.js";
import type { Database } from "./schema.js";

export type Engine = "pglite" | "postgres";

export interface DatabaseOptions {
  /** A PostgreSQL connection URL; when absent, PGlite is used. */
  readonly url?: string | undefined;
  /** PGlite's data directory; when absent (and no url), an in-memory database. */
  readonly dataDir?: string | undefined;
  /** PostgreSQL only: a schema to create and use (tests isolate themselves this way). */
  readonly schema?: string | undefined;
  /** PostgreSQL only: pool size. */
  readonly poolSize?: number | undefined;
  /**
   * PostgreSQL only: the server is a read-only hot standby (decision 0690), so the schema is used as the primary
   * made it, never created.
   */
  readonly standby?: boolean | undefined;
}

export interface OpenDatabase {
  readonly db: Kysely<Database>;
  readonly engine: Engine;
  /** PostgreSQL only: the schema the database lives in, when not the default. */
  readonly schema?: string | undefined;
  close(): Promise<void>;
}

const DATE_OID = 1082;

const migrations: Record<string, Migration> = {
  "2026_11_24_0001_rights": m0001,
  "2026_11_24_0002_fees": m0002,
  "2026_11_24_0003_madrid": m0003,
  "2026_11_24_0004_time_limits": m0004,
  "2026_12_02_0005_classification_lists": m0005,
  "2026_12_07_0006_accounts": m0006,
  "2026_12_07_0007_audit": m0007,
  "2026_12_07_0008_publication": m0008,
  "2026_12_07_0009_madrid_import_interrupted": m0009,
  "2026_12_07_0012_search": m0012,
  "2026_12_07_0014_exchange": m0014,
  "2026_12_07_0015_documents": m0015,
  "2026_12_07_0016_invoice_payer_key": m0016,
  "2026_12_07_0017_worklists": m0017,
  "2026_12_07_0018_instances": m0018,
  "2026_12_07_0019_filer_accounts": m0019,
  "2026_12_07_0020_exchange_jobs": m0020,
  "2026_12_07_0021_unique_registration_numbers": m0021,
  "2026_12_07_0023_payment_sessions": m0023,
  "2026_12_07_0024_invoices_raised_on_filing": m0024,
  "2026_12_07_0025_search_0002": m0025,
};

/** The names of the migrations this code knows, in the order they run. */
export const migrationNames: ReadonlyArray<string> = Object.keys(migrations).sort();

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * `IPO_PGLITE_TEMPLATE` names a PGlite data directory as `dumpDataDir` wrote it (a tarball, made by the same PGlite
 * version with the same extensions): a new embedded database starts from it instead of running initdb, which takes
 * seconds. The test runner makes one per run (test-support/pglite-template.ts); an office has no need of it.
 */
let template: { readonly path: string; readonly blob: Blob } | undefined;
const pgliteTemplate = (dataDir: string | undefined): Blob | undefined => {
  const path = process.env.IPO_PGLITE_TEMPLATE;
  if (path === undefined || path === "") return undefined;
  // A data directory that already holds a database opens as it is.
  if (dataDir !== undefined && existsSync(join(dataDir, "PG_VERSION"))) return undefined;
  if (template?.path !== path) template = { path, blob: new Blob([readFileSync(path)]) };
  return template.blob;
};

export async function openDatabase(options: DatabaseOptions = {}): Promise<OpenDatabase> {
  if (options.url) return openPostgres(options.url, options);
  const loadDataDir = pgliteTemplate(options.dataDir);
  const pglite = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(loadDataDir ? { loadDataDir } : {}),
    // Trigram indexes of the register's search (decision 0692).
    extensions: { pg_trgm },
    // Calendar dates stay ISO strings: no time zone can shift them.
    parsers: { [DATE_OID]: (value: string) => value },
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite), log: traceQueries });
  return { db, engine: "pglite", close: () => db.destroy() };
}

async function openPostgres(url: string, options: DatabaseOptions): Promise<OpenDatabase> {
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`invalid schema name: ${schema}`);
  }
  if (schema && !options.standby) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`create schema if not exists "${schema}"`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    // The schema first; then public, where extensions such as pg_trgm live for every schema of the database.
    ...(schema ? { options: `-c search_path=${schema},public` } : {}),
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === DATE_OID
          ? (value: string) => value
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: traceQueries });
  return { db, engine: "postgres", schema, close: () => db.destroy() };
}

/** Brings the schema up to date. Safe to call on every start. */
export async function migrate(db: Kysely<Database>, schema?: string): Promise<void> {
  // With several schemas in one database (tests), the migration tables must be looked up in this one.
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ""} failed: ${String(error)}`);
  }
}

/**
 * Migrates up or down to `target` (a migration name, or `latest`) on a connection that is already inside a
 * transaction the caller opened (`db.connection()` then `begin`): the migrations and whatever the caller writes
 * around them commit or roll back together. PostgreSQL's DDL is transactional, PGlite's too.
 */
export async function migrateWithinTransaction(
  connection: Kysely<Database>,
  target: string,
  schema?: string,
): Promise<void> {
  const migrator = new Migrator({
    db: connection,
    provider,
    disableTransactions: true,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = target === "latest" ? await migrator.migrateToLatest() : await migrator.migrateTo(target);
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ""} failed: ${String(error)}`);
  }
}

/** The migrations applied to the database, in order (empty when it was never migrated). */
export async function appliedMigrations(db: Kysely<Database>, schema?: string): Promise<string[]> {
  const table = schema ? `"${schema}".kysely_migration` : "kysely_migration";
  const found = await sql<{ t: string | null }>`select to_regclass(${table})::text as t`.execute(db);
  if (!found.rows[0]?.t) return [];
  const rows = await sql<{ name: string }>`select name from ${sql.raw(table)} order by name`.execute(db);
  return rows.rows.map((r) => r.name);
}

/** Answers when the database answers. */
export async function ping(db: Kysely<Database>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

export interface SchemaState {
  /** The migrations this code knows that the database has not run (the schema is behind: run `cli migrate`). */
  readonly missing: ReadonlyArray<string>;
  /** Migrations the database ran that this code does not know (the schema is ahead: a newer version migrated it). */
  readonly unknown: ReadonlyArray<string>;
  /**
   * The oldest migration a version must know to work on this schema (`schema_floor`, raised by contract migrations),
   * when the database records one.
   */
  readonly floor: string | undefined;
  /**
   * True when this code can serve on the schema: nothing missing, and whatever is ahead was an expand migration
   * (the floor is a migration this code knows).
   */
  readonly compatible: boolean;
  /** The last migration the database ran. */
  readonly current: string | undefined;
  /** The last migration this code knows. */
  readonly expected: string;
}

/** How the database's schema stands against the migrations this code knows (readiness, `cli migrate --status`). */
export async function schemaState(db: Kysely<Database>, schema?: string): Promise<SchemaState> {
  const applied = await appliedMigrations(db, schema);
  const known = new Set(migrationNames);
  const ran = new Set(applied);
  const missing = migrationNames.filter((name) => !ran.has(name));
  const unknown = applied.filter((name) => !known.has(name));
  let floor: string | undefined;
  if (ran.has("2026_12_07_0018_instances")) {
    const table = schema ? `"${schema}".schema_floor` : "schema_floor";
    const rows = await sql<{ requires: string }>`select requires from ${sql.raw(table)} where id = 1`.execute(db);
    floor = rows.rows[0]?.requires;
  }
  return {
    missing,
    unknown,
    floor,
    compatible: missing.length === 0 && (unknown.length === 0 || (floor !== undefined && known.has(floor))),
    current: applied.at(-1),
    expected: migrationNames.at(-1) as string,
  };
}
