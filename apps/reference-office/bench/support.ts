/**
 * The databases the benchmarks run on: a fresh PGlite (in memory or in a folder) and a fresh schema on PostgreSQL
 * (`IPO_BENCH_DATABASE_URL`, else `IPO_TEST_DATABASE_URL`, else the local server), dropped on close.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { migrate, type OpenDatabase, openDatabase } from "../src/db/Database.js";

export const pgUrl =
  process.env.IPO_BENCH_DATABASE_URL ?? process.env.IPO_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export const openPglite = async (dataDir?: string): Promise<OpenDatabase> => {
  const database = await openDatabase(dataDir ? { dataDir } : {});
  await migrate(database.db);
  return database;
};

/** A migrated schema of its own on PostgreSQL, or undefined (with a note) when the server is not reachable. */
export const openPostgres = async (): Promise<OpenDatabase | undefined> => {
  const schema = `bench_${randomBytes(4).toString("hex")}`;
  try {
    const database = await openDatabase({ url: pgUrl, schema, poolSize: 4 });
    await migrate(database.db, schema);
    return {
      ...database,
      async close() {
        await database.close();
        const client = new pg.Client({ connectionString: pgUrl });
        await client.connect();
        await client.query(`drop schema if exists "${schema}" cascade`);
        await client.end();
      },
    };
  } catch (error) {
    console.log(`# PostgreSQL at ${pgUrl.replace(/\/\/[^@]*@/, "//")} unavailable: ${(error as Error).message}`);
    return undefined;
  }
};
