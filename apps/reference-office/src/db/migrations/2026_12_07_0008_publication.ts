// Frozen in time: never import application code here.
import { type Kysely, sql } from "kysely";

/**
 * The publication and registration dates of each right, as columns, so the public register filters in SQL (lists,
 * counts and pages see only what the office has published). Existing rows are filled from their JSON.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("rights").addColumn("publication_date", "date").execute();
  await db.schema.alterTable("rights").addColumn("registration_date", "date").execute();
  await sql`update rights set publication_date = (data->'publication'->>'date')::date where data ? 'publication'`.execute(
    db,
  );
  await sql`update rights set registration_date = (data->'registration'->>'date')::date where data ? 'registration'`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("rights").dropColumn("registration_date").execute();
  await db.schema.alterTable("rights").dropColumn("publication_date").execute();
}
