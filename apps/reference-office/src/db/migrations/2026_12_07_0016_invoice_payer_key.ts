// Frozen in time: never import application code here. The folding is the shared one of `@ipoffice/domain` (`Text.key`);
// should it ever change, a later migration recomputes the column.
import { Text } from "@ipoffice/domain";
import { type Kysely, sql } from "kysely";

/**
 * The cashier's invoice list (decision 0696): the payer's name folded as the register's search folds text (case,
 * Latin diacritics, Arabic letter variants; words joined by one space) in `payer_key`, with a trigram index so that a
 * part of a name ("habsi" in "Al Habsi Trading LLC") is found without reading every invoice; and an index on state and
 * issue date for the list's order (outstanding and overdue first). Existing invoices are folded here.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table invoices add column payer_key text not null default ''`.execute(db);
  const rows = await sql<{ office_code: string; number: string; payer: string }>`
    select office_code, number, payer from invoices where payer is not null`.execute(db);
  for (const row of rows.rows)
    await sql`update invoices set payer_key = ${Text.key(row.payer)}
      where office_code = ${row.office_code} and number = ${row.number}`.execute(db);
  await sql`create index invoices_payer_key_trgm on invoices using gin (payer_key gin_trgm_ops)`.execute(db);
  await sql`create index invoices_state_issue_idx on invoices (office_code, state, issue_date, number)`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists invoices_state_issue_idx`.execute(db);
  await sql`drop index if exists invoices_payer_key_trgm`.execute(db);
  await sql`alter table invoices drop column if exists payer_key`.execute(db);
}
