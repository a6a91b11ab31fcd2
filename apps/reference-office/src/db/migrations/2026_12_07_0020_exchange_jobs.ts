// Frozen in time: never import application code here.
import { type Kysely, sql } from "kysely";

/**
 * Exchange jobs that must survive a restart.
 *
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
  await sql`create table import_jobs (
    office_code text not null,
    id text not null,
    source text not null,
    file_name text not null,
    file_sha256 text not null,
    spec_sha256 text not null,
    chunk_rows integer not null,
    state text not null,
    rows_total integer not null,
    rows_done integer not null,
    chunks_done integer not null,
    message text,
    started_at timestamptz not null,
    updated_at timestamptz not null,
    constraint import_jobs_pk primary key (office_code, id),
    constraint import_jobs_file_uq unique (office_code, source, file_sha256, spec_sha256)
  )`.execute(db);
  await sql`create table import_job_chunks (
    office_code text not null,
    job_id text not null,
    chunk integer not null,
    first_row integer not null,
    last_row integer not null,
    imported integer not null,
    unchanged integer not null,
    committed_at timestamptz not null,
    constraint import_job_chunks_pk primary key (office_code, job_id, chunk),
    constraint import_job_chunks_job_fk foreign key (office_code, job_id)
      references import_jobs (office_code, id) on delete cascade
  )`.execute(db);
  await sql`create table import_job_numbers (
    office_code text not null,
    job_id text not null,
    source_number text not null,
    chunk integer not null,
    constraint import_job_numbers_pk primary key (office_code, job_id, source_number),
    constraint import_job_numbers_chunk_fk foreign key (office_code, job_id, chunk)
      references import_job_chunks (office_code, job_id, chunk) on delete cascade
  )`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("import_job_numbers").ifExists().execute();
  await db.schema.dropTable("import_job_chunks").ifExists().execute();
  await db.schema.dropTable("import_jobs").ifExists().execute();
  await db.schema.dropTable("extraction_deliveries").ifExists().execute();
}
