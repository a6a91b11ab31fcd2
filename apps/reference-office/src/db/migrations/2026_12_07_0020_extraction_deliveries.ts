// Frozen in time: never import application code here.
import { type Kysely, sql } from "kysely";

/**
 * What the extractions for WIPO's global databases delivered (decision 0801, deletions): each record an extraction
 * wrote, by collection, with the day it was first delivered and, once it left public view, the day whose update
 * announced its deletion. An update announces only records delivered before: a right never public is never named.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table extraction_deliveries (
    office_code text not null,
    collection text not null,
    application_number text not null,
    st13 text not null,
    delivered_on date not null,
    withdrawn_on date,
    constraint extraction_deliveries_pk primary key (office_code, collection, application_number)
  )`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("extraction_deliveries").ifExists().execute();
}
