/**
 * The databases every repository test runs against: PGlite (unless IPO_TEST_ENGINES=postgres), PostgreSQL when
 * IPO_TEST_DATABASE_URL is set.
 * Each PostgreSQL test database is a fresh schema, dropped afterwards, so test files can run in parallel.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { withPglite } from "../../../../test-support/engines.js";
import { migrate, type OpenDatabase, openDatabase } from "../../src/db/Database.js";

export interface TestDatabase {
  readonly name: "pglite" | "postgres";
  open(): Promise<OpenDatabase>;
}

/**
 * pg_trgm in `public` before any schema migrates: test files migrate in parallel, and two `create extension` at the
 * same moment collide (the migration creates it too, for a real office).
 */
const trigramsReady = new Map<string, Promise<void>>();
const ensureTrigrams = (url: string): Promise<void> => {
  let ready = trigramsReady.get(url);
  if (ready === undefined) {
    ready = (async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query("create extension if not exists pg_trgm schema public");
      } catch {
        // another test file created it at the same moment
      } finally {
        await client.end();
      }
    })();
    trigramsReady.set(url, ready);
  }
  return ready;
};

const pglite: TestDatabase = {
  name: "pglite",
  async open() {
    const database = await openDatabase({});
    await migrate(database.db);
    return database;
  },
};

export const testDatabases: ReadonlyArray<TestDatabase> = [
  ...(withPglite ? [pglite] : []),
  ...(process.env.IPO_TEST_DATABASE_URL
    ? [
        {
          name: "postgres" as const,
          async open() {
            const url = process.env.IPO_TEST_DATABASE_URL as string;
            const schema = `t_${randomBytes(6).toString("hex")}`;
            await ensureTrigrams(url);
            const database = await openDatabase({ url, schema, poolSize: 4 });
            await migrate(database.db, schema);
            return {
              ...database,
              async close() {
                await database.close();
                const client = new pg.Client({ connectionString: url });
                await client.connect();
                try {
                  await client.query(`drop schema if exists "${schema}" cascade`);
                } finally {
                  await client.end();
                }
              },
            };
          },
        },
      ]
    : []),
];

/** PGlite and PostgreSQL (when set) whatever IPO_TEST_ENGINES says: for tests across engines (backup → restore). */
export const everyDatabase: ReadonlyArray<TestDatabase> = withPglite ? testDatabases : [pglite, ...testDatabases];
