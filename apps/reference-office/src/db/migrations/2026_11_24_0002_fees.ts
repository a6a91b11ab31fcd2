// Frozen in time: never import application code here.
import { type Kysely, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design (they outlive the schema)
export async function up(db: Kysely<any>): Promise<void> {
  // Counters of invoice and receipt numbers per office, series and year. Incremented with
  // INSERT … ON CONFLICT DO UPDATE … RETURNING inside the invoice's transaction: gapless, and a rolled-back
  // invoice gives its number back.
  await db.schema
    .createTable("fee_number_sequences")
    .addColumn("office_code", "text", (c) => c.notNull())
    .addColumn("series", "text", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("last_value", "bigint", (c) => c.notNull().check(sql`last_value >= 1`))
    .addPrimaryKeyConstraint("fee_number_sequences_pk", ["office_code", "series", "year"])
    .execute();

  // Quotes given by POST /fees/quote, so that an invoice can be raised from them (once).
  await db.schema
    .createTable("fee_quotes")
    .addColumn("office_code", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("reference", "text")
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("total", "bigint", (c) => c.notNull())
    .addColumn("request", "jsonb", (c) => c.notNull())
    .addColumn("quote", "jsonb", (c) => c.notNull())
    .addColumn("invoice_number", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("fee_quotes_pk", ["office_code", "id"])
    .execute();

  await db.schema
    .createTable("invoices")
    .addColumn("office_code", "text", (c) => c.notNull())
    .addColumn("number", "text", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("sequence", "bigint", (c) => c.notNull())
    .addColumn("issue_date", "date", (c) => c.notNull())
    .addColumn("payer", "text")
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("subtotal", "bigint", (c) => c.notNull())
    .addColumn("tax", "bigint", (c) => c.notNull())
    .addColumn("total", "bigint", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    // The invoice as built by @ipoffice/fees (groups of lines per filing), the source of the JSON and PDF forms.
    .addColumn("data", "jsonb", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("invoices_pk", ["office_code", "number"])
    .addUniqueConstraint("invoices_sequence_unique", ["office_code", "year", "sequence"])
    .execute();
  await db.schema
    .createIndex("invoices_payer_idx")
    .on("invoices")
    .columns(["office_code", "payer", "issue_date"])
    .execute();

  // What each invoice covers: one row per filing (application number) or quote.
  await db.schema
    .createTable("invoice_items")
    .addColumn("office_code", "text", (c) => c.notNull())
    .addColumn("invoice_number", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("reference", "text", (c) => c.notNull())
    .addColumn("application_number", "text")
    .addColumn("quote_id", "text")
    .addColumn("subtotal", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("invoice_items_pk", ["office_code", "invoice_number", "position"])
    .addForeignKeyConstraint("invoice_items_invoice_fk", ["office_code", "invoice_number"], "invoices", [
      "office_code",
      "number",
    ])
    .execute();
  await db.schema
    .createIndex("invoice_items_application_idx")
    .on("invoice_items")
    .columns(["office_code", "application_number"])
    .execute();

  // The payment ledger: append-only. `id` is the package's idempotency key (`<gateway>:<transaction id>`) for gateway
  // entries; the primary key makes a second delivery of one notification insert nothing (ON CONFLICT DO NOTHING).
  await db.schema
    .createTable("ledger_entries")
    .addColumn("office_code", "text", (c) => c.notNull())
    .addColumn("id", "text", (c) => c.notNull())
    .addColumn("invoice_number", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('payment', 'refund', 'reversal', 'cancellation')`))
    .addColumn("amount", "bigint", (c) => c.notNull().check(sql`amount >= 0`))
    .addColumn("currency", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("reverses", "text")
    .addColumn("note", "text")
    .addColumn("gateway", "text")
    .addColumn("transaction_id", "text")
    .addColumn("receipt_number", "text")
    .addColumn("recorded_at", "timestamptz", (c) => c.notNull())
    .addColumn("seq", "bigserial", (c) => c.notNull())
    .addPrimaryKeyConstraint("ledger_entries_pk", ["office_code", "id"])
    .addForeignKeyConstraint("ledger_entries_invoice_fk", ["office_code", "invoice_number"], "invoices", [
      "office_code",
      "number",
    ])
    .execute();
  await db.schema
    .createIndex("ledger_entries_invoice_idx")
    .on("ledger_entries")
    .columns(["office_code", "invoice_number", "seq"])
    .execute();
  await db.schema
    .createIndex("ledger_entries_receipt_idx")
    .on("ledger_entries")
    .columns(["office_code", "receipt_number"])
    .unique()
    .execute();

  // Events of invoices (issued, payment, refund, reversal…): who, when, what, state before and after.
  await db.schema
    .createTable("invoice_events")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("office_code", "text", (c) => c.notNull())
    .addColumn("invoice_number", "text", (c) => c.notNull())
    .addColumn("at", "timestamptz", (c) => c.notNull())
    .addColumn("actor_id", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("from_state", "text")
    .addColumn("to_state", "text", (c) => c.notNull())
    .addColumn("data", "jsonb", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("invoice_events_invoice_idx")
    .on("invoice_events")
    .columns(["office_code", "invoice_number", "id"])
    .execute();

  // Webhook deliveries the office refused (bad or missing signature, invalid body, ledger rule), kept for audit.
  await db.schema
    .createTable("payment_notifications_rejected")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("office_code", "text", (c) => c.notNull())
    .addColumn("received_at", "timestamptz", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("detail", "text", (c) => c.notNull())
    .addColumn("signature_header", "text")
    .addColumn("body_sha256", "text", (c) => c.notNull())
    .addColumn("body_bytes", "integer", (c) => c.notNull())
    // The first 4 KiB of the body as text, for the person who investigates.
    .addColumn("body_excerpt", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("payment_notifications_rejected_at_idx")
    .on("payment_notifications_rejected")
    .columns(["office_code", "received_at"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "payment_notifications_rejected",
    "invoice_events",
    "ledger_entries",
    "invoice_items",
    "invoices",
    "fee_quotes",
    "fee_number_sequences",
  ])
    await db.schema.dropTable(table).execute();
}
