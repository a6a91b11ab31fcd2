// Frozen in time: never import application code here.
import { type Kysely, sql } from "kysely";

/**
 * The publication and registration dates of each right, as columns, so the public register filters in SQL (lists,
 * counts and pages see only what the office has published). Existing rows are filled from their JSON.
 *
 * The index on (office_code, filing_date) becomes a covering one carrying the columns the publication rule reads, so
 * the public total is counted from the index alone (measured: 9.1 ms → 2.3 ms for 10,800 rights on PostgreSQL; the
 * staff count already used an index-only scan). It keeps the old key, so the pages' newest-first order still uses it.
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
  await sql`create index rights_public_idx on rights (office_code, filing_date) include (kind, status, publication_date, registration_date)`.execute(
    db,
  );
  await db.schema.dropIndex("rights_filing_date_idx").ifExists().execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("rights_filing_date_idx").on("rights").columns(["office_code", "filing_date"]).execute();
  await db.schema.dropIndex("rights_public_idx").ifExists().execute();
  await db.schema.alterTable("rights").dropColumn("registration_date").execute();
  await db.schema.alterTable("rights").dropColumn("publication_date").execute();
}
