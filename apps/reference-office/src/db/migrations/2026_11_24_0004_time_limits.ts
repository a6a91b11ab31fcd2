// Frozen in time: never import application code here.
import { type Kysely, sql } from "kysely";

/** The pending time limit of each right, as columns, so the daily sweep finds the due ones with an index. */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("rights").addColumn("time_limit_action", "text").execute();
  await db.schema.alterTable("rights").addColumn("time_limit_due", "date").execute();
  await sql`update rights set time_limit_action = data->'timeLimit'->>'action', time_limit_due = (data->'timeLimit'->>'due')::date where data ? 'timeLimit'`.execute(
    db,
  );
  await db.schema
    .createIndex("rights_time_limit_idx")
    .on("rights")
    .columns(["office_code", "time_limit_due"])
    .where(sql.ref("time_limit_due"), "is not", null)
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("rights_time_limit_idx").ifExists().execute();
  await db.schema.alterTable("rights").dropColumn("time_limit_due").execute();
  await db.schema.alterTable("rights").dropColumn("time_limit_action").execute();
}
