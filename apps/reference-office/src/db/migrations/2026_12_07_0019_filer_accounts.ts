// Frozen in time: never import application code here.
import { type Kysely, sql } from "kysely";

/**
 * Applicant and agent accounts of the e-filing portal (decision 0602), kept apart from staff accounts: their own
 * table, sessions and one-time links (e-mail confirmation, password reset), so a filer's session can never stand for a
 * staff account. The outbox holds the e-mails the office sends, written in the same transaction as what causes them.
 * An agent's clients (applicant parties, optionally an applicant account that authorised the agent), the filings each
 * account made or represents, drafts of the filing form, and the replies filers send to the office's letters.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("filer_accounts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("office_code", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("country", "text", (c) => c.notNull())
    .addColumn("address", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("confirmed_at", "timestamptz")
    .addColumn("failed_attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("locked_until", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .addUniqueConstraint("filer_accounts_email", ["office_code", "email"])
    .execute();
  await sql`alter table filer_accounts add constraint filer_accounts_kind check (kind in ('applicant', 'agent'))`.execute(
    db,
  );
  await db.schema
    .createTable("filer_sessions")
    .addColumn("id_hash", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull().references("filer_accounts.id").onDelete("cascade"))
    .addColumn("office_code", "text", (c) => c.notNull())
    .addColumn("csrf_token", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("last_seen_at", "timestamptz", (c) => c.notNull())
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("filer_links")
    .addColumn("id_hash", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull().references("filer_accounts.id").onDelete("cascade"))
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("used_at", "timestamptz")
    .execute();
  await db.schema
    .createTable("outbox")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("office_code", "text", (c) => c.notNull())
    .addColumn("recipient", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("link", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("sent_at", "timestamptz")
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_error", "text")
    .execute();
  await db.schema
    .createIndex("outbox_pending")
    .on("outbox")
    .columns(["office_code", "sent_at", "created_at"])
    .execute();
  await db.schema
    .createTable("filer_clients")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("office_code", "text", (c) => c.notNull())
    .addColumn("agent_id", "text", (c) => c.notNull().references("filer_accounts.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("country", "text", (c) => c.notNull())
    .addColumn("address", "text", (c) => c.notNull())
    .addColumn("applicant_id", "text", (c) => c.references("filer_accounts.id").onDelete("set null"))
    .addColumn("basis", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("filer_clients_by_agent").on("filer_clients").columns(["agent_id", "name"]).execute();
  await db.schema
    .createTable("filer_filings")
    .addColumn("office_code", "text", (c) => c.notNull())
    .addColumn("application_number", "text", (c) => c.notNull())
    .addColumn("account_id", "text", (c) => c.notNull().references("filer_accounts.id").onDelete("cascade"))
    .addColumn("relation", "text", (c) => c.notNull())
    .addColumn("client_id", "text")
    .addColumn("filed_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("filer_filings_pk", ["office_code", "application_number", "account_id"])
    .execute();
  await db.schema.createIndex("filer_filings_by_account").on("filer_filings").columns(["account_id"]).execute();
  await db.schema
    .createTable("filing_drafts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("office_code", "text", (c) => c.notNull())
    .addColumn("account_id", "text", (c) => c.notNull().references("filer_accounts.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("values", "jsonb", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("filing_drafts_by_account").on("filing_drafts").columns(["account_id"]).execute();
  await db.schema
    .createTable("incoming_correspondence")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("office_code", "text", (c) => c.notNull())
    .addColumn("application_number", "text", (c) => c.notNull())
    .addColumn("account_id", "text", (c) => c.notNull())
    .addColumn("account_name", "text", (c) => c.notNull())
    .addColumn("in_reply_to", "text")
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("received_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("incoming_by_record")
    .on("incoming_correspondence")
    .columns(["office_code", "application_number", "received_at"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "incoming_correspondence",
    "filing_drafts",
    "filer_filings",
    "filer_clients",
    "outbox",
    "filer_links",
    "filer_sessions",
    "filer_accounts",
  ])
    await db.schema.dropTable(table).ifExists().execute();
}
