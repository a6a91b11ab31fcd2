// Frozen in time: never import application code here.
import { type Kysely, sql } from "kysely";

/**
 * The back office's desks (decision 0697): who a right or a Madrid designation is assigned to in its queue, and the
 * indexes the worklists read in order (the time limit that falls first, rights without one after, then the oldest
 * filing). `item_type` is `right` (key: application number) or `designation` (key: international registration number).
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("worklist_assignments")
    .addColumn("office_code", "text", (c) => c.notNull())
    .addColumn("item_type", "text", (c) => c.notNull())
    .addColumn("item_key", "text", (c) => c.notNull())
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("assigned_by", "text", (c) => c.notNull())
    .addColumn("assigned_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("worklist_assignments_pk", ["office_code", "item_type", "item_key"])
    .execute();
  await sql`create index worklist_assignments_account_idx on worklist_assignments (office_code, account_id)`.execute(
    db,
  );
  await sql`create index rights_worklist_idx on rights
    (office_code, kind, status, (coalesce(time_limit_due, '9999-12-31'::date)), filing_date, application_number)`.execute(
    db,
  );
  await sql`create index madrid_designations_worklist_idx on madrid_designations
    (office_code, status, time_limit_date, ir_date, ir_number)`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists madrid_designations_worklist_idx`.execute(db);
  await sql`drop index if exists rights_worklist_idx`.execute(db);
  await db.schema.dropTable("worklist_assignments").ifExists().execute();
}
