/**
 * `cli migrate`: the schema brought up to date on its own, before the instances of a new version start (decision
 * 0698, docs/operations.md: expand, deploy, contract). `cli migrate --status` tells where the schema stands and
 * changes nothing. Same settings as the server: DATABASE_URL (PostgreSQL) or IPO_DATA_DIR (PGlite).
 *
 * Several instances may run it at once: Kysely's migrator holds a lock in the database while it migrates.
 */
import { migrate, type OpenDatabase, type SchemaState, schemaState } from "./Database.js";

export interface CliIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

export const migrateUsage = `usage:
  cli migrate            run the migrations this version knows that the database has not run (then exit)
  cli migrate --status   tell whether the schema is behind, current or ahead of this version (exit 0 when it can serve)`;

const describe = (state: SchemaState): string => {
  const lines = [`schema: ${state.current ?? "(empty)"}; this version's: ${state.expected}`];
  if (state.missing.length > 0) lines.push(`behind: not run yet: ${state.missing.join(", ")}`);
  if (state.unknown.length > 0) lines.push(`ahead: unknown to this version: ${state.unknown.join(", ")}`);
  if (state.floor !== undefined) lines.push(`versions must know at least: ${state.floor}`);
  lines.push(state.compatible ? "this version can serve on it" : "this version cannot serve on it");
  return `${lines.join("\n")}\n`;
};

/** Runs `migrate`; returns the exit code (0 done or current, 1 cannot serve, 2 bad command). */
export const runMigrateCli = async (
  args: ReadonlyArray<string>,
  deps: { readonly database: OpenDatabase; readonly io: CliIo },
): Promise<number> => {
  const { database, io } = deps;
  const status = args.length === 1 && args[0] === "--status";
  if (args.length > 0 && !status) {
    io.stderr.write(`${migrateUsage}\n`);
    return 2;
  }
  if (status) {
    const state = await schemaState(database.db, database.schema);
    io.stdout.write(describe(state));
    return state.compatible ? 0 : 1;
  }
  const before = await schemaState(database.db, database.schema);
  if (before.unknown.length > 0) {
    // A newer version migrated this database: this one runs nothing (it would not know how to undo what it finds).
    (before.compatible ? io.stdout : io.stderr).write(describe(before));
    return before.compatible ? 0 : 1;
  }
  const started = performance.now();
  await migrate(database.db, database.schema);
  const after = await schemaState(database.db, database.schema);
  io.stdout.write(
    before.missing.length === 0
      ? `nothing to run: the schema is at ${after.current}\n`
      : `ran ${before.missing.length} migration(s) in ${((performance.now() - started) / 1000).toFixed(1)} s: ${before.missing.join(", ")}\nschema: ${after.current}\n`,
  );
  return 0;
};
