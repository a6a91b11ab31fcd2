// Frozen in time: never import application code here. The search engine's own tables come from its versioned,
// frozen migration "0001" (`@ipoffice/search` never changes a published version; it adds the next one).
import { SearchSchema } from "@ipoffice/search";
import { type Kysely, sql } from "kysely";

/**
 * The public register's search (decision 0692): the engine's tables, and an outbox the database fills by itself.
 *
 * Every insert, update or delete of a right or of a Madrid designation puts its id in `search_outbox`, by trigger, in
 * the same transaction: whatever wrote it (an API call, a page, the time-limit sweep, a Madrid import, a restore), the
 * index learns of it, and only once the change has committed. The app empties the outbox into the index after each
 * write and on a timer. Rights are `right:<application number>`, designations `madrid:<IR number>`. Existing rows are
 * queued once, so the first sync indexes the whole register.
 *
 * A change queued while a sync holds its outbox row must not be lost when the sync deletes that row: the trigger
 * updates the row on conflict (`do update`, not `do nothing`), so it waits for the sync's lock and, once the sync has
 * committed and deleted the row, queues it again.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await SearchSchema.migrations["0001"](db);
  await sql`create table search_outbox (
    office_code text not null,
    record_id text not null,
    queued_at timestamptz not null default now(),
    constraint search_outbox_pk primary key (office_code, record_id)
  )`.execute(db);
  // One trigger per table: its rows' ids, prefixed, go to the outbox on every insert, update and delete.
  for (const [name, table, prefix, key] of [
    ["search_outbox_rights", "rights", "right:", "application_number"],
    ["search_outbox_madrid", "madrid_designations", "madrid:", "ir_number"],
  ] as const) {
    const fn = sql.raw(name);
    await sql`create function ${fn}() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' then
          insert into search_outbox (office_code, record_id) values (old.office_code, ${sql.lit(prefix)} || old.${sql.raw(key)})
            on conflict (office_code, record_id) do update set queued_at = now();
        else
          insert into search_outbox (office_code, record_id) values (new.office_code, ${sql.lit(prefix)} || new.${sql.raw(key)})
            on conflict (office_code, record_id) do update set queued_at = now();
        end if;
        return null;
      end $$`.execute(db);
    await sql`create trigger ${fn} after insert or update or delete on ${sql.table(table)}
      for each row execute function ${fn}()`.execute(db);
  }
  await sql`insert into search_outbox (office_code, record_id)
    select office_code, 'right:' || application_number from rights`.execute(db);
  await sql`insert into search_outbox (office_code, record_id)
    select office_code, 'madrid:' || ir_number from madrid_designations`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger if exists search_outbox_madrid on madrid_designations`.execute(db);
  await sql`drop trigger if exists search_outbox_rights on rights`.execute(db);
  await sql`drop function if exists search_outbox_madrid()`.execute(db);
  await sql`drop function if exists search_outbox_rights()`.execute(db);
  await sql`drop table if exists search_outbox`.execute(db);
  await SearchSchema.rollbacks["0001"](db);
}
