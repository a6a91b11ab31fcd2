// Frozen in time: never import application code here.
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design (they outlive the schema)
export async function up(db: Kysely<any>): Promise<void> {
  // The national record of each designation (the @ipoffice/madrid record as JSON) with the columns lists query.
  await db.schema
    .createTable("madrid_designations")
    .addColumn("office_code", "text", (c) => c.notNull())
    .addColumn("ir_number", "text", (c) => c.notNull())
    .addColumn("ir_date", "date", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("status_date", "date", (c) => c.notNull())
    .addColumn("notification_date", "date", (c) => c.notNull())
    .addColumn("time_limit_date", "date", (c) => c.notNull())
    .addColumn("time_limit_kind", "text", (c) => c.notNull())
    .addColumn("holder", "text", (c) => c.notNull())
    .addColumn("mark", "text")
    .addColumn("office_of_origin", "text", (c) => c.notNull())
    .addColumn("classes", "text", (c) => c.notNull())
    .addColumn("first_decision_date", "date")
    .addColumn("data", "jsonb", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("madrid_designations_pk", ["office_code", "ir_number"])
    .execute();
  await db.schema
    .createIndex("madrid_designations_due_idx")
    .on("madrid_designations")
    .columns(["office_code", "status", "time_limit_date"])
    .execute();
  await db.schema
    .createIndex("madrid_designations_notified_idx")
    .on("madrid_designations")
    .columns(["office_code", "notification_date"])
    .execute();

  // Every IB transaction applied, keyed by the package's idempotency key: inserting the key first (ON CONFLICT DO
  // NOTHING) tells a duplicate apart before anything else is written.
  await db.schema
    .createTable("madrid_applied_transactions")
    .addColumn("office_code", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("ir_number", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("category", "text")
    .addColumn("run_id", "text", (c) => c.notNull())
    .addColumn("applied_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("madrid_applied_transactions_pk", ["office_code", "key"])
    .execute();

  // The events of designations (who, when, what, status before and after), one per change.
  await db.schema
    .createTable("madrid_designation_events")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("office_code", "text", (c) => c.notNull())
    .addColumn("ir_number", "text", (c) => c.notNull())
    .addColumn("at", "timestamptz", (c) => c.notNull())
    .addColumn("actor_id", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("from_status", "text")
    .addColumn("to_status", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("data", "jsonb", (c) => c.notNull())
    .addUniqueConstraint("madrid_designation_events_key_unique", ["office_code", "ir_number", "key"])
    .execute();

  // Import runs and their per-document report.
  await db.schema
    .createTable("madrid_import_runs")
    .addColumn("office_code", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("started_at", "timestamptz", (c) => c.notNull())
    .addColumn("finished_at", "timestamptz")
    .addColumn("applied", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("duplicates", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("rejected", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("madrid_import_runs_pk", ["office_code", "id"])
    .execute();
  await db.schema
    .createTable("madrid_import_reports")
    .addColumn("office_code", "text", (c) => c.notNull())
    .addColumn("run_id", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("file", "text", (c) => c.notNull())
    .addColumn("index", "integer")
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("ir_number", "text")
    .addColumn("kind", "text")
    .addColumn("key", "text")
    .addColumn("reason", "text")
    .addColumn("message", "text")
    .addPrimaryKeyConstraint("madrid_import_reports_pk", ["office_code", "run_id", "position"])
    .execute();

  // Office → IB documents the desk wrote (refusals, statements of grant, decisions): the XML as sent.
  await db.schema
    .createTable("madrid_office_documents")
    .addColumn("office_code", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("ir_number", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("decision_date", "date", (c) => c.notNull())
    .addColumn("xml", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("madrid_office_documents_pk", ["office_code", "id"])
    .execute();
  await db.schema
    .createIndex("madrid_office_documents_ir_idx")
    .on("madrid_office_documents")
    .columns(["office_code", "ir_number", "created_at"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "madrid_office_documents",
    "madrid_import_reports",
    "madrid_import_runs",
    "madrid_designation_events",
    "madrid_applied_transactions",
    "madrid_designations",
  ])
    await db.schema.dropTable(table).execute();
}
