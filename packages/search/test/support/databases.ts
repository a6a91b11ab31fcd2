/**
 * The databases the engine's tests run against: PGlite (with pg_trgm) always; when IPO_TEST_DATABASE_URL is set,
 * PostgreSQL in a fresh schema per test, and PostgreSQL in a database created with `LC_CTYPE = C` (where pg_trgm drops
 * every non-ASCII letter), so the cross-script search is shown to work in both kinds of locale.
 */
import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { withPglite } from "../../../../test-support/engines.js";
import { pgliteTemplate } from "../../../../test-support/pglite-template.js";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { type CompiledQuery, Kysely, type LogEvent, PostgresDialect } from "kysely";
import pg from "pg";
import { SearchSchema } from "../../src/index.js";
import type { SearchTables } from "../../src/SearchSchema.js";
import { PGliteDialect } from "./PGliteDialect.js";

export interface OpenTestDatabase {
  readonly db: Kysely<SearchTables>;
  close(): Promise<void>;
}

export interface OpenOptions {
  readonly migrate?: boolean;
  /** Receives every statement the engine runs (the plan tests EXPLAIN them). */
  readonly onQuery?: (query: CompiledQuery) => void;
}

export interface TestDatabase {
  readonly name: "pglite" | "postgres" | "postgres-c-locale";
  open(options?: OpenOptions): Promise<OpenTestDatabase>;
}

const logger = (options: OpenOptions) =>
  options.onQuery ? { log: (event: LogEvent) => options.onQuery?.(event.query) } : {};

const DATE_OID = 1082;

export const openPglite = async (
  dataDir?: string,
  options: OpenOptions = {},
): Promise<{ db: Kysely<SearchTables>; pglite: PGlite }> => {
  const template = dataDir ? undefined : pgliteTemplate();
  const pglite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(template ? { loadDataDir: template } : {}),
    extensions: { pg_trgm },
    parsers: { [DATE_OID]: (value: string) => value },
  });
  return { db: new Kysely<SearchTables>({ dialect: new PGliteDialect(pglite), ...logger(options) }), pglite };
};

const adminQuery = async (url: string, statement: string): Promise<void> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
};

/** Opens PostgreSQL in a new schema (pg_trgm lives in `public`, shared by every schema of the database). */
export const openPostgresSchema = async (url: string, options: OpenOptions = {}, poolSize = 4) => {
  const schema = `t_${randomBytes(6).toString("hex")}`;
  try {
    await adminQuery(url, "create extension if not exists pg_trgm schema public");
  } catch {
    // another test created it at the same moment
  }
  await adminQuery(url, `create schema "${schema}"`);
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    options: `-c search_path=${schema},public`,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === DATE_OID
          ? (value: string) => value
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  const db = new Kysely<SearchTables>({ dialect: new PostgresDialect({ pool }), ...logger(options) });
  return {
    db,
    schema,
    async close() {
      await db.destroy();
      await adminQuery(url, `drop schema if exists "${schema}" cascade`);
    },
  };
};

const cLocaleDatabase = "ipoffice_search_c_locale";

const cLocaleUrl = async (url: string): Promise<string> => {
  const target = new URL(url);
  target.pathname = `/${cLocaleDatabase}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [cLocaleDatabase]);
    if (found.rowCount === 0) {
      try {
        await client.query(
          `create database ${cLocaleDatabase} template template0 encoding 'UTF8' lc_ctype 'C' lc_collate 'C'`,
        );
      } catch {
        // created by a test running beside this one
      }
    }
  } finally {
    await client.end();
  }
  return target.toString();
};

const url = process.env.IPO_TEST_DATABASE_URL;

export const testDatabases: ReadonlyArray<TestDatabase> = [
  ...(withPglite
    ? [
        {
          name: "pglite" as const,
          async open(options: OpenOptions = {}) {
            const { db } = await openPglite(undefined, options);
            if (options.migrate !== false) await SearchSchema.migrateAll(db);
            return { db, close: () => db.destroy() };
          },
        },
      ]
    : []),
  ...(url
    ? [
        {
          name: "postgres" as const,
          async open(options: OpenOptions = {}) {
            const opened = await openPostgresSchema(url, options);
            if (options.migrate !== false) await SearchSchema.migrateAll(opened.db);
            return opened;
          },
        },
        {
          name: "postgres-c-locale" as const,
          async open(options: OpenOptions = {}) {
            const opened = await openPostgresSchema(await cLocaleUrl(url), options);
            if (options.migrate !== false) await SearchSchema.migrateAll(opened.db);
            return opened;
          },
        },
      ]
    : []),
];
