// Frozen in time: never import application code here.
import { type Kysely, sql } from "kysely";

/**
 * Exchange with the world (decisions 0801 and 0802):
 * - daily updates for WIPO's global databases take the rights changed on a day: an index on the time of the last
 *   change, per office, so a day's update reads that day's rows, not the whole register;
 * - rights brought in from another system are recorded by that system's name and number, so running an import again
 *   finds them and changes nothing (idempotent by the source's number).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index rights_updated_idx on rights (office_code, updated_at)`.execute(db);
  await sql`create table imported_rights (
    office_code text not null,
    source text not null,
    source_number text not null,
    application_number text not null,
    imported_at timestamptz not null,
    constraint imported_rights_pk primary key (office_code, source, source_number),
    constraint imported_rights_right_fk foreign key (office_code, application_number)
      references rights (office_code, application_number) on delete cascade
  )`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("imported_rights").ifExists().execute();
  await db.schema.dropIndex("rights_updated_idx").ifExists().execute();
}
