import { type Kysely, sql } from "kysely";

/**
 * Invoices raised with a filing through the e-filing portal (decision 0607) are marked, so the office's rule on unpaid
 * filings (decision 0608: reminded, then deemed withdrawn) finds them and never touches an invoice a cashier raised.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table invoices add column raised_on_filing boolean not null default false`.execute(db);
  await sql`create index invoices_unpaid_filings on invoices (office_code, issue_date)
    where raised_on_filing and state in ('unpaid', 'partially_paid')`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists invoices_unpaid_filings`.execute(db);
  await sql`alter table invoices drop column if exists raised_on_filing`.execute(db);
}
