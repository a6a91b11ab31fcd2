// Frozen in time: never import application code here.
import { type Kysely, sql } from "kysely";

/**
 * Classification lists an office imports (Locarno, Vienna, IPC): one list per office and scheme with its entries,
 * and a log row for every import that changed a list (who, when, from which file, what it replaced).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design (they outlive the schema)
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("classification_lists")
    .addColumn("office_code", "text", (c) => c.notNull())
    .addColumn("scheme", "text", (c) => c.notNull().check(sql`scheme in ('locarno', 'vienna', 'ipc')`))
    .addColumn("edition", "text")
    .addColumn("source", "text", (c) => c.notNull())
    // SHA-256 of the edition and the list written in the import format: the same list imported again is a no-op.
    .addColumn("checksum", "text", (c) => c.notNull())
    .addColumn("entries", "integer", (c) => c.notNull())
    .addColumn("languages", "text", (c) => c.notNull())
    .addColumn("imported_at", "timestamptz", (c) => c.notNull())
    .addColumn("imported_by", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("classification_lists_pk", ["office_code", "scheme"])
    .execute();

  await db.schema
    .createTable("classification_entries")
    .addColumn("office_code", "text", (c) => c.notNull())
    .addColumn("scheme", "text", (c) => c.notNull())
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("parent", "text")
    .addColumn("level", "smallint", (c) => c.notNull())
    // Order of the printed classification.
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("titles", "jsonb", (c) => c.notNull())
    .addPrimaryKeyConstraint("classification_entries_pk", ["office_code", "scheme", "code"])
    .addForeignKeyConstraint(
      "classification_entries_list_fk",
      ["office_code", "scheme"],
      "classification_lists",
      ["office_code", "scheme"],
      (fk) => fk.onDelete("cascade"),
    )
    .execute();

  await db.schema
    .createTable("classification_imports")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("office_code", "text", (c) => c.notNull())
    .addColumn("scheme", "text", (c) => c.notNull())
    .addColumn("at", "timestamptz", (c) => c.notNull())
    .addColumn("actor_id", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("edition", "text")
    .addColumn("checksum", "text", (c) => c.notNull())
    .addColumn("entries", "integer", (c) => c.notNull())
    .addColumn("previous_edition", "text")
    .addColumn("previous_checksum", "text")
    .addColumn("previous_entries", "integer")
    .execute();
  await db.schema
    .createIndex("classification_imports_scheme_idx")
    .on("classification_imports")
    .columns(["office_code", "scheme", "at"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("classification_imports").ifExists().execute();
  await db.schema.dropTable("classification_entries").ifExists().execute();
  await db.schema.dropTable("classification_lists").ifExists().execute();
}
