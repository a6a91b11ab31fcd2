// Frozen in time: never import application code here.
import { type Kysely, sql } from "kysely";

/**
 * Documents issued on a record (certificates and letters from the office's templates): the PDF as issued, kept with
 * the record so it reads the same every time it is opened, whatever the templates become.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("documents")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("office_code", "text", (c) => c.notNull())
    .addColumn("application_number", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("issued_at", "timestamptz", (c) => c.notNull())
    .addColumn("issued_by", "text", (c) => c.notNull())
    .addColumn("issued_by_name", "text", (c) => c.notNull())
    .addColumn("pdf", "bytea", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("documents_by_record")
    .on("documents")
    .columns(["office_code", "application_number", "issued_at"])
    .execute();
  await sql`alter table documents add constraint documents_pdf_size check (octet_length(pdf) <= 20000000)`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("documents").execute();
}
