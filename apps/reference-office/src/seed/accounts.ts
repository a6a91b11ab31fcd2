/**
 * Demo staff accounts: one per role of the office (`clerk`, `examiner`, `madrid-examiner`, `office-admin`, …), sharing
 * one password made at random for the data directory, and an API token for integrations acting as a clerk. Written
 * only when the office has no account at all; the credentials go to `demo-credentials.json` in the PGlite data
 * directory (readable by its owner only), never into the log. No published password is ever accepted.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { chmod, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Effect } from "effect";
import type { Kysely } from "kysely";
import { accessSettingsOf, makeAccounts } from "../auth/Accounts.js";
import { hashPassword } from "../auth/passwords.js";
import type { OfficeConfig } from "../config/OfficeConfig.js";
import type { Database } from "../db/schema.js";
import type { Logger } from "../Logger.js";

export interface DemoCredentials {
  readonly password: string;
  /** Account name per role. */
  readonly accounts: Readonly<Record<string, string>>;
  /** An API token acting as a clerk (filing through the API). */
  readonly token: string;
  /** The file they were written to, if any. */
  readonly file?: string;
}

export const DEMO_CREDENTIALS_FILE = "demo-credentials.json";

export const seedDemoAccounts = async (options: {
  readonly db: Kysely<Database>;
  readonly config: OfficeConfig;
  readonly logger: Logger;
  /** The PGlite data directory, where the credentials are written; none for an in-memory or server database. */
  readonly dataDir?: string | undefined;
}): Promise<DemoCredentials | undefined> => {
  const { db, config, logger } = options;
  const any = await db
    .selectFrom("accounts")
    .select("id")
    .where("office_code", "=", config.office.code)
    .executeTakeFirst();
  if (any !== undefined) return undefined;
  const service = makeAccounts(db, config);
  const password = randomBytes(12).toString("base64url");
  const hash = await hashPassword(password, accessSettingsOf(config).hash);
  const at = new Date();
  const accounts: Record<string, string> = {};
  const rows = service.roles.map((role) => {
    const username = role.replace(/_/g, "-");
    accounts[role] = username;
    const name = role.replace(/_/g, " ");
    return {
      id: randomUUID(),
      office_code: config.office.code,
      username,
      display_name: `Demo ${name}`,
      password_hash: hash,
      roles: JSON.stringify([role]),
      status: "active" as const,
      oidc_issuer: null,
      oidc_subject: null,
      created_at: at,
      updated_at: at,
      locked_until: null,
      last_sign_in_at: null,
    };
  });
  await db.insertInto("accounts").values(rows).execute();
  const token = await Effect.runPromise(
    service.createToken({ name: "Demo integration (files as a clerk)", roles: ["clerk"], days: 90 }, "demo-seed"),
  );
  const credentials: DemoCredentials = { password, accounts, token: token.secret };
  if (options.dataDir === undefined) {
    logger.warn(
      { accounts: Object.values(accounts) },
      "demo accounts created; their password is not stored anywhere (no data directory): set one with `cli accounts set-password`",
    );
    return credentials;
  }
  const file = join(options.dataDir, DEMO_CREDENTIALS_FILE);
  await writeFile(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  logger.info(
    { file, accounts: Object.values(accounts) },
    "demo accounts created; their password and an API token are in this file",
  );
  return { ...credentials, file };
};
