// Frozen in time: never import application code here.
import { type Kysely, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design (they outlive the schema)
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("offices")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("names", "jsonb", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("rights")
    .addColumn("office_code", "text", (c) => c.notNull())
    .addColumn("application_number", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("st13", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("standard_status", "text")
    .addColumn("filing_date", "date", (c) => c.notNull())
    .addColumn("title", "text")
    .addColumn("owner_names", "text", (c) => c.notNull())
    .addColumn("registration_number", "text")
    .addColumn("expiry_date", "date")
    .addColumn("data", "jsonb", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("rights_pk", ["office_code", "application_number"])
    .addUniqueConstraint("rights_st13_unique", ["office_code", "st13"])
    .execute();
  await db.schema
    .createIndex("rights_kind_status_idx")
    .on("rights")
    .columns(["office_code", "kind", "status"])
    .execute();
  await db.schema.createIndex("rights_filing_date_idx").on("rights").columns(["office_code", "filing_date"]).execute();

  await db.schema
    .createTable("right_classes")
    .addColumn("office_code", "text", (c) => c.notNull())
    .addColumn("application_number", "text", (c) => c.notNull())
    .addColumn("class_number", "integer", (c) => c.notNull().check(sql`class_number between 1 and 45`))
    .addColumn("status", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("right_classes_pk", ["office_code", "application_number", "class_number"])
    .addForeignKeyConstraint("right_classes_right_fk", ["office_code", "application_number"], "rights", [
      "office_code",
      "application_number",
    ])
    .execute();
  await db.schema
    .createIndex("right_classes_class_idx")
    .on("right_classes")
    .columns(["office_code", "class_number", "status"])
    .execute();

  await db.schema
    .createTable("right_parties")
    .addColumn("office_code", "text", (c) => c.notNull())
    .addColumn("application_number", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("country", "text")
    .addPrimaryKeyConstraint("right_parties_pk", ["office_code", "application_number", "role", "position"])
    .addForeignKeyConstraint("right_parties_right_fk", ["office_code", "application_number"], "rights", [
      "office_code",
      "application_number",
    ])
    .execute();
  await db.schema.createIndex("right_parties_name_idx").on("right_parties").columns(["office_code", "name"]).execute();

  await db.schema
    .createTable("right_events")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("office_code", "text", (c) => c.notNull())
    .addColumn("application_number", "text", (c) => c.notNull())
    .addColumn("at", "timestamptz", (c) => c.notNull())
    .addColumn("actor_id", "text", (c) => c.notNull())
    .addColumn("actor_role", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("from_status", "text")
    .addColumn("to_status", "text", (c) => c.notNull())
    .addColumn("standard_code", "text")
    .addColumn("data", "jsonb", (c) => c.notNull())
    .addForeignKeyConstraint("right_events_right_fk", ["office_code", "application_number"], "rights", [
      "office_code",
      "application_number",
    ])
    .execute();
  await db.schema
    .createIndex("right_events_right_idx")
    .on("right_events")
    .columns(["office_code", "application_number", "id"])
    .execute();

  await db.schema
    .createTable("number_sequences")
    .addColumn("office_code", "text", (c) => c.notNull())
    .addColumn("series", "text", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("last_serial", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("number_sequences_pk", ["office_code", "series", "year"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["right_events", "right_parties", "right_classes", "rights", "number_sequences", "offices"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
