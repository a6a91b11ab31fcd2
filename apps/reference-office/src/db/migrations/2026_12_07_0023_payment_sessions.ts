import { type Kysely, sql } from "kysely";

/**
 * Payments started by applicants through the office's payment gateway (issue 11 §4): one row per hosted payment the
 * gateway was asked for, so the return from the gateway finds its invoice and a repeated return or notification changes
 * nothing. The invoice's money moves only through the signed notification (ledger_entries); this row tracks the
 * attempt: open, then paid, declined or expired.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table payment_sessions (
      office_code text not null,
      id text not null,
      gateway text not null,
      invoice_number text not null,
      amount bigint not null check (amount > 0),
      currency text not null,
      state text not null default 'open' check (state in ('open', 'paid', 'declined', 'expired')),
      return_path text not null,
      language text not null,
      started_by text not null,
      created_at timestamptz not null,
      expires_at timestamptz not null,
      completed_at timestamptz,
      primary key (office_code, id),
      foreign key (office_code, invoice_number) references invoices (office_code, number)
    )`.execute(db);
  await sql`create index payment_sessions_invoice on payment_sessions (office_code, invoice_number, created_at)`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists payment_sessions`.execute(db);
}
