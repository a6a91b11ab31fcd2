// Frozen in time: never import application code here.
import { type Kysely, sql } from "kysely";

/**
 * Staff accounts of each office, their sessions, and API tokens for machines. Secrets are never stored: passwords as
 * scrypt hashes, session and token secrets as SHA-256 digests of 256-bit random values.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are typed Kysely<any> by design (they outlive the schema)
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("accounts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("office_code", "text", (c) => c.notNull())
    // Lower-case sign-in name, unique in the office.
    .addColumn("username", "text", (c) => c.notNull())
    .addColumn("display_name", "text", (c) => c.notNull())
    // Null for accounts that sign in only through the office's identity provider.
    .addColumn("password_hash", "text")
    .addColumn("roles", "jsonb", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('active', 'disabled')`))
    .addColumn("oidc_issuer", "text")
    .addColumn("oidc_subject", "text")
    .addColumn("failed_attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("locked_until", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("updated_at", "timestamptz", (c) => c.notNull())
    .addColumn("last_sign_in_at", "timestamptz")
    .addUniqueConstraint("accounts_username_unique", ["office_code", "username"])
    .addUniqueConstraint("accounts_oidc_unique", ["office_code", "oidc_issuer", "oidc_subject"])
    .execute();

  await db.schema
    .createTable("sessions")
    // SHA-256 (hex) of the cookie's secret: a stolen database row cannot be replayed as a cookie.
    .addColumn("id_hash", "text", (c) => c.primaryKey())
    .addColumn("account_id", "text", (c) => c.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("office_code", "text", (c) => c.notNull())
    .addColumn("csrf_token", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("last_seen_at", "timestamptz", (c) => c.notNull())
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("address", "text")
    .addColumn("user_agent", "text")
    .execute();
  await db.schema.createIndex("sessions_account_idx").on("sessions").column("account_id").execute();

  await db.schema
    .createTable("api_tokens")
    // The public part of the token (`ipo_<id>_<secret>`), shown in lists.
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("office_code", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("secret_hash", "text", (c) => c.notNull())
    .addColumn("roles", "jsonb", (c) => c.notNull())
    // Null: every permission of the roles; otherwise only these.
    .addColumn("scopes", "jsonb")
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull())
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("revoked_at", "timestamptz")
    .addColumn("last_used_at", "timestamptz")
    .execute();
  await db.schema.createIndex("api_tokens_office_idx").on("api_tokens").column("office_code").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("api_tokens").execute();
  await db.schema.dropTable("sessions").execute();
  await db.schema.dropTable("accounts").execute();
}
