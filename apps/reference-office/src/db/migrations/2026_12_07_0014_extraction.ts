// Frozen in time: never import application code here.
import { type Kysely, sql } from "kysely";

/**
 * Daily updates for WIPO's global databases (decision 0801) take the rights changed on a day: an index on the time of
 * the last change, per office, so a day's update reads that day's rows, not the whole register.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index rights_updated_idx on rights (office_code, updated_at)`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("rights_updated_idx").ifExists().execute();
}
