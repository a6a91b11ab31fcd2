// Frozen in time: never import application code here.
import type { Kysely } from "kysely";

/**
 * An import run killed mid-way (its process ended before it could finish the run's row) is marked interrupted by the
 * next start or import, with its counts taken from its reports, instead of staying unfinished with zero counts.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("madrid_import_runs").addColumn("interrupted_at", "timestamptz").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("madrid_import_runs").dropColumn("interrupted_at").execute();
}
