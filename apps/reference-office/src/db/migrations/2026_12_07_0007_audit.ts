// Frozen in time: never import application code here.
import { type Kysely, sql } from "kysely";

/**
 * The audit trail: one append-only, hash-chained log per office (`audit_log`, gapless `seq` from 1) and the head of
 * each chain (`audit_heads`: the last seq and hash), whose row lock serialises appends of one office and whose values
 * reveal a truncated tail. Triggers refuse UPDATE, DELETE and TRUNCATE of the log.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design (they outlive the schema)
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("audit_log")
    .addColumn("office_code", "text", (c) => c.notNull())
    .addColumn("seq", "bigint", (c) => c.notNull().check(sql`seq >= 1`))
    .addColumn("at", "timestamptz", (c) => c.notNull())
    .addColumn("actor_kind", "text", (c) =>
      c.notNull().check(sql`actor_kind in ('account', 'token', 'system', 'anonymous')`),
    )
    .addColumn("actor_id", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("target", "text")
    .addColumn("outcome", "text", (c) => c.notNull().check(sql`outcome in ('ok', 'refused', 'failed')`))
    .addColumn("address", "text")
    .addColumn("details", "jsonb", (c) => c.notNull())
    .addColumn("prev_hash", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("audit_log_pk", ["office_code", "seq"])
    .execute();
  await db.schema
    .createIndex("audit_log_target_idx")
    .on("audit_log")
    .columns(["office_code", "target", "seq"])
    .where(sql.ref("target"), "is not", null)
    .execute();
  await db.schema
    .createIndex("audit_log_actor_idx")
    .on("audit_log")
    .columns(["office_code", "actor_id", "seq"])
    .execute();

  await db.schema
    .createTable("audit_heads")
    .addColumn("office_code", "text", (c) => c.primaryKey())
    .addColumn("seq", "bigint", (c) => c.notNull().check(sql`seq >= 0`))
    .addColumn("hash", "text", (c) => c.notNull())
    .execute();

  await sql`
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only: % refused', tg_op
        using errcode = 'insufficient_privilege', hint = 'audit rows are never changed or removed';
    end
    $$`.execute(db);
  await sql`
    create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function audit_log_append_only()`.execute(db);
  await sql`
    create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_append_only()`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("audit_heads").ifExists().execute();
  await db.schema.dropTable("audit_log").ifExists().execute();
  await sql`drop function if exists audit_log_append_only()`.execute(db);
}
