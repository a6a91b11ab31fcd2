/**
 * Applicant and agent accounts of the e-filing portal (decision 0602): self-registration confirmed by e-mail, sign-in
 * with lockout, sessions, password reset by e-mail, an agent's clients, drafts of the filing form, the account's
 * filings ("my filings") and its replies to the office's letters. Kept apart from the staff accounts of
 * `src/auth/Accounts.ts`: own tables, own sessions and cookie, no roles and no permissions of the office's matrix, so
 * a filer's session can never open a staff area.
 *
 * Every e-mail is written to the outbox in the same transaction as what causes it (src/outbox/Outbox.ts). Secrets never
 * reach the database: passwords as scrypt hashes (src/auth/passwords.ts), session and one-time link secrets as
 * SHA-256 digests. The clock is read through Effect's Clock.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { Country } from "@ipoffice/domain";
import { Clock, Context, Data, Effect, Layer } from "effect";
import { type Kysely, type Selectable, sql, type Transaction } from "kysely";
import { appendAudit } from "../audit/Audit.js";
import {
  decoyHash,
  type HashParams,
  hashPassword,
  MAX_PASSWORD_LENGTH,
  passwordProblem,
  verifyPassword,
} from "../auth/passwords.js";
import type { OfficeConfig } from "../config/OfficeConfig.js";
import type { Database, FilerAccountsTable } from "../db/schema.js";
import { enqueue } from "../outbox/Outbox.js";
import { DatabaseError } from "../rights/Rights.js";
import { accountText } from "./accountMessages.js";

export const filerKinds = ["applicant", "agent"] as const;
export type FilerKind = (typeof filerKinds)[number];

/** Who a filer's request comes from: the signed-in applicant or agent account. */
export interface FilerPrincipal {
  readonly id: string;
  readonly officeCode: string;
  readonly kind: FilerKind;
  readonly name: string;
  readonly email: string;
  readonly country: string;
  readonly address: string;
  readonly language: string;
  /** The session's CSRF token. */
  readonly csrf: string;
}

export interface FilerAccount {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly kind: FilerKind;
  readonly country: string;
  readonly address: string;
  readonly language: string;
  readonly confirmed: boolean;
  readonly createdAt: string;
}

export interface Registration {
  readonly name: string;
  readonly email: string;
  readonly password: string;
  readonly kind: string;
  readonly country: string;
  readonly address: string;
}

export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

/** Input the office refuses, each problem naming its field. Nothing was written. */
export class FilerInputInvalid extends Data.TaggedError("FilerInputInvalid")<{
  readonly issues: ReadonlyArray<FieldProblem>;
}> {
  override get message(): string {
    return this.issues.map((i) => `${i.path}: ${i.message}`).join("; ");
  }
}

/** One answer for every refused sign-in: it never says whether the account exists, is locked or unconfirmed. */
export class FilerSignInRefused extends Data.TaggedError("FilerSignInRefused")<{
  readonly reason: "unknown" | "password" | "locked" | "unconfirmed" | "invalid";
}> {}

/** A confirmation or reset link that is unknown, used or expired. */
export class LinkInvalid extends Data.TaggedError("LinkInvalid")<{ readonly purpose: "confirm" | "reset" }> {}

/** A filing, client or draft that is not the account's (or does not exist: the same answer). */
export class NotTheAccounts extends Data.TaggedError("NotTheAccounts")<{ readonly what: string }> {}

export interface FilerSignedIn {
  readonly cookie: string;
  readonly principal: FilerPrincipal;
  readonly maxAge: number;
}

export interface Client {
  readonly id: string;
  readonly name: string;
  readonly country: string;
  readonly address: string;
  /** `declared` by the agent, or `authorised` by the applicant's own account. */
  readonly basis: "declared" | "authorised";
  readonly applicantAccount: boolean;
}

export interface Draft {
  readonly id: string;
  readonly kind: string;
  readonly label: string;
  readonly values: Readonly<Record<string, string>>;
  readonly updatedAt: string;
}

export const filingSorts = ["filed-desc", "filed-asc", "due-asc", "number-asc"] as const;
export type FilingSort = (typeof filingSorts)[number];

export interface FilingsQuery {
  readonly kind?: string | undefined;
  readonly status?: string | undefined;
  readonly q?: string | undefined;
  readonly sort?: FilingSort | undefined;
}

/** A filing of the account, with what the portfolio shows of it. */
export interface PortfolioItem {
  /** `application` today; userdocs join this list with their own kind when they are filed online. */
  readonly type: "application";
  readonly applicationNumber: string;
  readonly kind: string;
  readonly name: string;
  readonly status: string;
  readonly filingDate: string;
  readonly owners: string;
  readonly relation: "filer" | "applicant";
  readonly client: string | null;
  readonly nextTimeLimit: { readonly action: string; readonly due: string } | null;
  /** Invoices of the filing: their total (what it costs) and what is still owed, in minor units of the currency. */
  readonly invoiced: { readonly currency: string; readonly total: number; readonly owed: number } | null;
}

export interface Incoming {
  readonly id: string;
  readonly applicationNumber: string;
  readonly accountName: string;
  readonly inReplyTo: string | null;
  readonly text: string;
  readonly receivedAt: string;
}

/** The address the mails' links start with (`https://efiling.office.example`), without a trailing slash. */
export type BaseUrl = string;

export interface FilersShape {
  readonly officeCode: string;
  /** Creates an unconfirmed account and writes the confirmation e-mail to the outbox, in one transaction. */
  readonly register: (
    input: Registration,
    language: string,
    base: BaseUrl,
  ) => Effect.Effect<FilerAccount, FilerInputInvalid | DatabaseError>;
  /** Confirms the e-mail address of the link's account (a link works once, within its lifetime). */
  readonly confirm: (secret: string) => Effect.Effect<FilerAccount, LinkInvalid | DatabaseError>;
  readonly signIn: (
    email: string,
    password: string,
  ) => Effect.Effect<FilerSignedIn, FilerSignInRefused | DatabaseError>;
  readonly session: (cookie: string) => Effect.Effect<FilerPrincipal | undefined, DatabaseError>;
  readonly signOut: (cookie: string) => Effect.Effect<void, DatabaseError>;
  /** Writes a reset e-mail to the outbox when the address is an account's; answers the same either way. */
  readonly requestReset: (email: string, base: BaseUrl) => Effect.Effect<void, DatabaseError>;
  /** Sets a new password through a reset link; every session of the account ends. */
  readonly resetPassword: (
    secret: string,
    password: string,
  ) => Effect.Effect<void, LinkInvalid | FilerInputInvalid | DatabaseError>;
  readonly clients: (agentId: string) => Effect.Effect<ReadonlyArray<Client>, DatabaseError>;
  /** An agent declares representation of an applicant party (offices accept the agent's declaration). */
  readonly addClient: (
    agentId: string,
    client: { readonly name: string; readonly country: string; readonly address: string },
  ) => Effect.Effect<Client, FilerInputInvalid | DatabaseError>;
  /** An applicant account authorises the agent account of this e-mail address to act for it. */
  readonly authorise: (
    applicantId: string,
    agentEmail: string,
  ) => Effect.Effect<Client, FilerInputInvalid | DatabaseError>;
  readonly client: (agentId: string, clientId: string) => Effect.Effect<Client, NotTheAccounts | DatabaseError>;
  readonly saveDraft: (
    accountId: string,
    draft: {
      readonly id?: string | undefined;
      readonly kind: string;
      readonly values: Readonly<Record<string, string>>;
    },
  ) => Effect.Effect<Draft, FilerInputInvalid | NotTheAccounts | DatabaseError>;
  readonly drafts: (accountId: string) => Effect.Effect<ReadonlyArray<Draft>, DatabaseError>;
  readonly draft: (accountId: string, id: string) => Effect.Effect<Draft, NotTheAccounts | DatabaseError>;
  readonly deleteDraft: (accountId: string, id: string) => Effect.Effect<void, DatabaseError>;
  /**
   * Ties filed rights to the account inside the filing's transaction: the filer, and for an agent filing for a
   * client whose applicant account authorised it, that applicant account too. A draft filed is deleted with it.
   */
  readonly recordFiling: (
    trx: Transaction<Database>,
    filer: FilerPrincipal,
    applicationNumbers: ReadonlyArray<string>,
    options: { readonly clientId?: string | undefined; readonly draftId?: string | undefined; readonly at: Date },
  ) => Promise<void>;
  readonly filings: (
    accountId: string,
    query: FilingsQuery,
  ) => Effect.Effect<ReadonlyArray<PortfolioItem>, DatabaseError>;
  /** Whether the account filed or is the applicant of this right (by office or ST.13 number): its office number. */
  readonly ownFiling: (accountId: string, number: string) => Effect.Effect<string, NotTheAccounts | DatabaseError>;
  /** A reply to the office on one of the account's filings, recorded on the record for staff (and audited). */
  readonly reply: (
    filer: FilerPrincipal,
    applicationNumber: string,
    reply: { readonly text: string; readonly inReplyTo?: string | undefined },
  ) => Effect.Effect<Incoming, FilerInputInvalid | NotTheAccounts | DatabaseError>;
  /** Correspondence received on a record (staff read it with the record; the filer with its filing). */
  readonly incoming: (applicationNumber: string) => Effect.Effect<ReadonlyArray<Incoming>, DatabaseError>;
}

export class Filers extends Context.Service<Filers, FilersShape>()("ipoffice/Filers") {}

export interface FilerSettings {
  readonly idleMinutes: number;
  readonly absoluteHours: number;
  readonly lockoutAttempts: number;
  readonly lockoutMinutes: number;
  readonly confirmHours: number;
  readonly resetMinutes: number;
  readonly hash: HashParams;
}

const query = <A>(run: () => Promise<A>): Effect.Effect<A, DatabaseError> =>
  Effect.tryPromise({ try: run, catch: (cause) => new DatabaseError({ cause }) });

const digest = (secret: string): string => createHash("sha256").update(secret).digest("hex");
const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/** Control characters other than tab, line feed and carriage return; and the Unicode bidi overrides. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;
/** An e-mail address as offices accept it: one @, a dotted domain, no spaces or quotes (RFC 5321 §4.5.3.1 lengths). */
const EMAIL =
  /^[A-Za-z0-9.!#$%&*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export const LIMITS = { name: 200, email: 254, address: 500, reply: 10_000, draftValues: 200_000 } as const;

/** E-mail addresses are compared in lower case without surrounding spaces. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

const textIssues = (path: string, value: unknown, max: number, multiline = false): FieldProblem[] => {
  if (typeof value !== "string" || value.trim().length === 0) return [{ path, message: "required" }];
  if (value.length > max) return [{ path, message: `at most ${max} characters` }];
  if (CONTROL.test(value) || (!multiline && /[\r\n\t]/.test(value)))
    return [{ path, message: "control characters are not allowed" }];
  return [];
};

const emailIssues = (path: string, value: unknown): FieldProblem[] => {
  if (typeof value !== "string" || value.trim().length === 0) return [{ path, message: "required" }];
  if (value.length > LIMITS.email) return [{ path, message: `at most ${LIMITS.email} characters` }];
  return EMAIL.test(normaliseEmail(value)) ? [] : [{ path, message: "an e-mail address (name@domain.example)" }];
};

const countryIssues = (path: string, value: unknown): FieldProblem[] =>
  typeof value === "string" && Country.isCountryCode(value.trim().toUpperCase())
    ? []
    : [{ path, message: "a WIPO ST.3 two-letter country code (e.g. OM)" }];

/** The problems of a registration, each naming its field (the form's and the API's field names). */
export const registrationIssues = (input: Registration): FieldProblem[] => {
  const issues = [
    ...textIssues("name", input.name, LIMITS.name),
    ...emailIssues("email", input.email),
    ...((filerKinds as ReadonlyArray<string>).includes(input.kind)
      ? []
      : [{ path: "kind", message: "applicant or agent" }]),
    ...countryIssues("country", input.country),
    ...textIssues("address", input.address, LIMITS.address, true),
  ];
  if (typeof input.password !== "string" || input.password.length > MAX_PASSWORD_LENGTH)
    issues.push({ path: "password", message: `at most ${MAX_PASSWORD_LENGTH} characters` });
  else {
    const problem = passwordProblem(input.password, normaliseEmail(String(input.email ?? "")) || "\u0000");
    if (problem) issues.push({ path: "password", message: problem });
  }
  return issues;
};

const toAccount = (row: Selectable<FilerAccountsTable>): FilerAccount => ({
  id: row.id,
  email: row.email,
  name: row.name,
  kind: row.kind,
  country: row.country,
  address: row.address,
  language: row.language,
  confirmed: row.confirmed_at !== null,
  createdAt: iso(row.created_at) as string,
});

export const defaultFilerSettings = (hash: HashParams): FilerSettings => ({
  idleMinutes: 60,
  absoluteHours: 12,
  lockoutAttempts: 5,
  lockoutMinutes: 15,
  confirmHours: 48,
  resetMinutes: 60,
  hash,
});

export const makeFilers = (db: Kysely<Database>, config: OfficeConfig, settings: FilerSettings): FilersShape => {
  const officeCode = config.office.code;
  const nowMs = Clock.currentTimeMillis;

  const newLink = async (
    trx: Transaction<Database>,
    accountId: string,
    purpose: "confirm" | "reset",
    at: number,
  ): Promise<string> => {
    const secret = randomBytes(32).toString("base64url");
    await trx
      .insertInto("filer_links")
      .values({
        id_hash: digest(secret),
        account_id: accountId,
        purpose,
        created_at: new Date(at),
        expires_at: new Date(
          at + (purpose === "confirm" ? settings.confirmHours * 3_600_000 : settings.resetMinutes * 60_000),
        ),
        used_at: null,
      })
      .execute();
    return secret;
  };

  const findByEmail = (email: string) =>
    query(() =>
      db
        .selectFrom("filer_accounts")
        .selectAll()
        .where("office_code", "=", officeCode)
        .where("email", "=", email)
        .executeTakeFirst(),
    );

  const register: FilersShape["register"] = (input, language, base) =>
    Effect.gen(function* () {
      const issues = registrationIssues(input);
      if (issues.length > 0) return yield* Effect.fail(new FilerInputInvalid({ issues }));
      const email = normaliseEmail(input.email);
      if ((yield* findByEmail(email)) !== undefined)
        return yield* Effect.fail(
          new FilerInputInvalid({
            issues: [{ path: "email", message: "already registered: sign in or reset the password" }],
          }),
        );
      const hash = yield* Effect.promise(() => hashPassword(input.password, settings.hash));
      const at = yield* nowMs;
      const lang = config.office.languages.includes(language) ? language : config.office.defaultLanguage;
      const row = {
        id: randomUUID(),
        office_code: officeCode,
        email,
        name: input.name.trim(),
        kind: input.kind as FilerKind,
        country: input.country.trim().toUpperCase(),
        address: input.address.trim(),
        language: lang,
        password_hash: hash,
        confirmed_at: null,
        locked_until: null,
        created_at: new Date(at),
        updated_at: new Date(at),
      };
      const written = yield* Effect.tryPromise({
        try: () =>
          db.transaction().execute(async (trx) => {
            const inserted = await trx
              .insertInto("filer_accounts")
              .values(row)
              .onConflict((oc) => oc.columns(["office_code", "email"]).doNothing())
              .returning("id")
              .executeTakeFirst();
            if (inserted === undefined) return false;
            const secret = await newLink(trx, row.id, "confirm", at);
            const link = `${base}/efiling/confirm/${secret}?lang=${lang}`;
            await enqueue(
              trx,
              officeCode,
              {
                to: email,
                subject: accountText(lang, "mail.confirm.subject"),
                text: accountText(lang, "mail.confirm.body", { name: row.name, link, hours: settings.confirmHours }),
                link,
              },
              new Date(at),
            );
            await appendAudit(
              trx,
              officeCode,
              {
                actorKind: "account",
                actorId: `filer:${row.id}`,
                action: "filer.register",
                outcome: "ok",
                details: { kind: row.kind },
              },
              new Date(at),
            );
            return true;
          }),
        catch: (cause) => new DatabaseError({ cause }),
      });
      if (!written)
        return yield* Effect.fail(
          new FilerInputInvalid({
            issues: [{ path: "email", message: "already registered: sign in or reset the password" }],
          }),
        );
      return toAccount({ ...row, failed_attempts: 0 } as unknown as Selectable<FilerAccountsTable>);
    });

  /** Uses a one-time link: its account id, or LinkInvalid. Marks it used inside `trx`. */
  const useLink = async (trx: Transaction<Database>, secret: string, purpose: "confirm" | "reset", at: number) => {
    if (!/^[A-Za-z0-9_-]{43}$/.test(secret)) return undefined;
    const used = await trx
      .updateTable("filer_links")
      .set({ used_at: new Date(at) })
      .where("id_hash", "=", digest(secret))
      .where("purpose", "=", purpose)
      .where("used_at", "is", null)
      .where("expires_at", ">", new Date(at))
      .returning("account_id")
      .executeTakeFirst();
    return used?.account_id;
  };

  const confirm: FilersShape["confirm"] = (secret) =>
    Effect.gen(function* () {
      const at = yield* nowMs;
      const row = yield* Effect.tryPromise({
        try: () =>
          db.transaction().execute(async (trx) => {
            const accountId = await useLink(trx, secret, "confirm", at);
            if (accountId === undefined) return undefined;
            return trx
              .updateTable("filer_accounts")
              .set((eb) => ({
                confirmed_at: eb.fn.coalesce("confirmed_at", sql<Date>`${new Date(at)}`),
                updated_at: new Date(at),
              }))
              .where("id", "=", accountId)
              .where("office_code", "=", officeCode)
              .returningAll()
              .executeTakeFirst();
          }),
        catch: (cause) => new DatabaseError({ cause }),
      });
      if (row === undefined) return yield* Effect.fail(new LinkInvalid({ purpose: "confirm" }));
      return toAccount(row);
    });

  const principalOf = (row: Selectable<FilerAccountsTable>, csrf: string): FilerPrincipal => ({
    id: row.id,
    officeCode: row.office_code,
    kind: row.kind,
    name: row.name,
    email: row.email,
    country: row.country,
    address: row.address,
    language: row.language,
    csrf,
  });

  const signIn: FilersShape["signIn"] = (rawEmail, password) =>
    Effect.gen(function* () {
      const at = yield* nowMs;
      const email = normaliseEmail(rawEmail.slice(0, 300));
      if (password.length === 0 || password.length > MAX_PASSWORD_LENGTH * 4 || !EMAIL.test(email))
        return yield* Effect.fail(new FilerSignInRefused({ reason: "invalid" }));
      const row = yield* findByEmail(email);
      // Always spend one hash, whatever the outcome, so timing tells nothing.
      const stored = row?.password_hash ?? (yield* Effect.promise(() => decoyHash(settings.hash)));
      const matches = yield* Effect.promise(() => verifyPassword(password, stored));
      if (row === undefined) return yield* Effect.fail(new FilerSignInRefused({ reason: "unknown" }));
      if (row.locked_until !== null && new Date(row.locked_until).getTime() > at)
        return yield* Effect.fail(new FilerSignInRefused({ reason: "locked" }));
      if (!matches) {
        const failures = row.failed_attempts + 1;
        const lock = failures >= settings.lockoutAttempts;
        yield* query(() =>
          db
            .updateTable("filer_accounts")
            .set({
              failed_attempts: lock ? 0 : failures,
              locked_until: lock ? new Date(at + settings.lockoutMinutes * 60_000) : row.locked_until,
            })
            .where("id", "=", row.id)
            .execute(),
        );
        return yield* Effect.fail(new FilerSignInRefused({ reason: "password" }));
      }
      if (row.confirmed_at === null) return yield* Effect.fail(new FilerSignInRefused({ reason: "unconfirmed" }));
      const cookie = randomBytes(32).toString("base64url");
      const csrf = randomBytes(24).toString("base64url");
      yield* query(() =>
        db.transaction().execute(async (trx) => {
          await trx
            .updateTable("filer_accounts")
            .set({ failed_attempts: 0, locked_until: null })
            .where("id", "=", row.id)
            .execute();
          await trx
            .insertInto("filer_sessions")
            .values({
              id_hash: digest(cookie),
              account_id: row.id,
              office_code: officeCode,
              csrf_token: csrf,
              created_at: new Date(at),
              last_seen_at: new Date(at),
              expires_at: new Date(at + settings.absoluteHours * 3_600_000),
            })
            .execute();
        }),
      );
      return { cookie, principal: principalOf(row, csrf), maxAge: settings.absoluteHours * 3600 };
    });

  const session: FilersShape["session"] = (cookie) =>
    Effect.gen(function* () {
      if (!/^[A-Za-z0-9_-]{43}$/.test(cookie)) return undefined;
      const at = yield* nowMs;
      const row = yield* query(() =>
        db
          .selectFrom("filer_sessions")
          .innerJoin("filer_accounts", "filer_accounts.id", "filer_sessions.account_id")
          .selectAll("filer_accounts")
          .select([
            "filer_sessions.id_hash",
            "filer_sessions.csrf_token",
            "filer_sessions.last_seen_at",
            "filer_sessions.expires_at",
          ])
          .select("filer_sessions.office_code as session_office")
          .where("filer_sessions.id_hash", "=", digest(cookie))
          .executeTakeFirst(),
      );
      if (row === undefined) return undefined;
      const idleEnd = new Date(row.last_seen_at).getTime() + settings.idleMinutes * 60_000;
      const expired = new Date(row.expires_at).getTime() <= at || idleEnd <= at;
      if (expired || row.session_office !== officeCode || row.office_code !== officeCode) {
        if (expired) yield* query(() => db.deleteFrom("filer_sessions").where("id_hash", "=", row.id_hash).execute());
        return undefined;
      }
      if (at - new Date(row.last_seen_at).getTime() > 60_000)
        yield* query(() =>
          db
            .updateTable("filer_sessions")
            .set({ last_seen_at: new Date(at) })
            .where("id_hash", "=", row.id_hash)
            .execute(),
        );
      return principalOf(row, row.csrf_token);
    });

  const signOut: FilersShape["signOut"] = (cookie) =>
    query(() => db.deleteFrom("filer_sessions").where("id_hash", "=", digest(cookie)).execute()).pipe(Effect.asVoid);

  const requestReset: FilersShape["requestReset"] = (rawEmail, base) =>
    Effect.gen(function* () {
      const email = normaliseEmail(rawEmail.slice(0, 300));
      if (!EMAIL.test(email)) return;
      const row = yield* findByEmail(email);
      if (row === undefined) return;
      const at = yield* nowMs;
      yield* query(() =>
        db.transaction().execute(async (trx) => {
          const secret = await newLink(trx, row.id, "reset", at);
          const link = `${base}/efiling/reset/${secret}?lang=${row.language}`;
          await enqueue(
            trx,
            officeCode,
            {
              to: row.email,
              subject: accountText(row.language, "mail.reset.subject"),
              text: accountText(row.language, "mail.reset.body", {
                name: row.name,
                link,
                minutes: settings.resetMinutes,
              }),
              link,
            },
            new Date(at),
          );
        }),
      );
    });

  const resetPassword: FilersShape["resetPassword"] = (secret, password) =>
    Effect.gen(function* () {
      const at = yield* nowMs;
      if (typeof password !== "string" || password.length > MAX_PASSWORD_LENGTH)
        return yield* Effect.fail(
          new FilerInputInvalid({
            issues: [{ path: "password", message: `at most ${MAX_PASSWORD_LENGTH} characters` }],
          }),
        );
      // The password must not contain the account's address (as at registration).
      const pending = /^[A-Za-z0-9_-]{43}$/.test(secret)
        ? yield* query(() =>
            db
              .selectFrom("filer_links")
              .innerJoin("filer_accounts", "filer_accounts.id", "filer_links.account_id")
              .select("filer_accounts.email")
              .where("filer_links.id_hash", "=", digest(secret))
              .executeTakeFirst(),
          )
        : undefined;
      const problem = passwordProblem(password, pending?.email ?? "\u0000");
      if (problem)
        return yield* Effect.fail(new FilerInputInvalid({ issues: [{ path: "password", message: problem }] }));
      const hash = yield* Effect.promise(() => hashPassword(password, settings.hash));
      const done = yield* query(() =>
        db.transaction().execute(async (trx) => {
          const accountId = await useLink(trx, secret, "reset", at);
          if (accountId === undefined) return false;
          await trx
            .updateTable("filer_accounts")
            // Reading the mail proves the address as well as the confirmation link does.
            .set((eb) => ({
              password_hash: hash,
              failed_attempts: 0,
              locked_until: null,
              updated_at: new Date(at),
              confirmed_at: eb.fn.coalesce("confirmed_at", sql<Date>`${new Date(at)}`),
            }))
            .where("id", "=", accountId)
            .execute();
          await trx.deleteFrom("filer_sessions").where("account_id", "=", accountId).execute();
          return true;
        }),
      );
      if (!done) return yield* Effect.fail(new LinkInvalid({ purpose: "reset" }));
    });

  const clientRows = (agentId: string) =>
    db.selectFrom("filer_clients").selectAll().where("office_code", "=", officeCode).where("agent_id", "=", agentId);
  const toClient = (r: {
    id: string;
    name: string;
    country: string;
    address: string;
    basis: "declared" | "authorised";
    applicant_id: string | null;
  }): Client => ({
    id: r.id,
    name: r.name,
    country: r.country,
    address: r.address,
    basis: r.basis,
    applicantAccount: r.applicant_id !== null,
  });

  const clients: FilersShape["clients"] = (agentId) =>
    query(() => clientRows(agentId).orderBy("name").orderBy("id").execute()).pipe(
      Effect.map((rows) => rows.map(toClient)),
    );

  const isAgent = (id: string) =>
    Effect.map(
      query(() =>
        db
          .selectFrom("filer_accounts")
          .select("kind")
          .where("office_code", "=", officeCode)
          .where("id", "=", id)
          .executeTakeFirst(),
      ),
      (row) => row?.kind === "agent",
    );

  const addClient: FilersShape["addClient"] = (agentId, input) =>
    Effect.gen(function* () {
      const issues = [
        ...textIssues("name", input.name, LIMITS.name),
        ...countryIssues("country", input.country),
        ...textIssues("address", input.address, LIMITS.address, true),
      ];
      if (!(yield* isAgent(agentId))) issues.push({ path: "account", message: "only an agent account has clients" });
      if (issues.length > 0) return yield* Effect.fail(new FilerInputInvalid({ issues }));
      const at = yield* nowMs;
      const row = {
        id: randomUUID(),
        office_code: officeCode,
        agent_id: agentId,
        name: input.name.trim(),
        country: input.country.trim().toUpperCase(),
        address: input.address.trim(),
        applicant_id: null,
        basis: "declared" as const,
        created_at: new Date(at),
      };
      yield* query(() => db.insertInto("filer_clients").values(row).execute());
      return toClient(row);
    });

  const authorise: FilersShape["authorise"] = (applicantId, agentEmail) =>
    Effect.gen(function* () {
      const issues = emailIssues("agentEmail", agentEmail);
      if (issues.length > 0) return yield* Effect.fail(new FilerInputInvalid({ issues }));
      const agent = yield* findByEmail(normaliseEmail(agentEmail));
      const applicant = yield* query(() =>
        db
          .selectFrom("filer_accounts")
          .selectAll()
          .where("office_code", "=", officeCode)
          .where("id", "=", applicantId)
          .executeTakeFirst(),
      );
      if (applicant === undefined || applicant.kind !== "applicant")
        return yield* Effect.fail(
          new FilerInputInvalid({
            issues: [{ path: "account", message: "only an applicant account authorises an agent" }],
          }),
        );
      if (agent === undefined || agent.kind !== "agent" || agent.confirmed_at === null)
        return yield* Effect.fail(
          new FilerInputInvalid({
            issues: [{ path: "agentEmail", message: "no confirmed agent account has this address" }],
          }),
        );
      const existing = yield* query(() =>
        clientRows(agent.id).where("applicant_id", "=", applicant.id).executeTakeFirst(),
      );
      if (existing !== undefined) return toClient(existing);
      const at = yield* nowMs;
      const row = {
        id: randomUUID(),
        office_code: officeCode,
        agent_id: agent.id,
        name: applicant.name,
        country: applicant.country,
        address: applicant.address,
        applicant_id: applicant.id,
        basis: "authorised" as const,
        created_at: new Date(at),
      };
      yield* query(() =>
        db.transaction().execute(async (trx) => {
          await trx.insertInto("filer_clients").values(row).execute();
          await appendAudit(
            trx,
            officeCode,
            {
              actorKind: "account",
              actorId: `filer:${applicant.id}`,
              action: "filer.authorise-agent",
              target: `filer:${agent.id}`,
              outcome: "ok",
            },
            new Date(at),
          );
        }),
      );
      return toClient(row);
    });

  const client: FilersShape["client"] = (agentId, clientId) =>
    Effect.gen(function* () {
      if (!/^[0-9a-f-]{36}$/.test(clientId)) return yield* Effect.fail(new NotTheAccounts({ what: "client" }));
      const row = yield* query(() => clientRows(agentId).where("id", "=", clientId).executeTakeFirst());
      return row === undefined ? yield* Effect.fail(new NotTheAccounts({ what: "client" })) : toClient(row);
    });

  const toDraft = (r: {
    id: string;
    kind: string;
    label: string;
    values: unknown;
    updated_at: Date | string;
  }): Draft => ({
    id: r.id,
    kind: r.kind,
    label: r.label,
    values: (typeof r.values === "string" ? JSON.parse(r.values) : r.values) as Record<string, string>,
    updatedAt: iso(r.updated_at) as string,
  });

  const saveDraft: FilersShape["saveDraft"] = (accountId, input) =>
    Effect.gen(function* () {
      const values: Record<string, string> = {};
      for (const [k, v] of Object.entries(input.values)) if (typeof v === "string" && v !== "") values[k] = v;
      const json = JSON.stringify(values);
      if (json.length > LIMITS.draftValues)
        return yield* Effect.fail(
          new FilerInputInvalid({ issues: [{ path: "draft", message: `at most ${LIMITS.draftValues} characters` }] }),
        );
      const label = (values.markText ?? values.title ?? values.product ?? "").slice(0, 200);
      const at = new Date(yield* nowMs);
      if (input.id !== undefined) {
        const updated = yield* query(() =>
          db
            .updateTable("filing_drafts")
            .set({ kind: input.kind, label, values: json, updated_at: at })
            .where("office_code", "=", officeCode)
            .where("account_id", "=", accountId)
            .where("id", "=", input.id as string)
            .returningAll()
            .executeTakeFirst(),
        );
        if (updated === undefined) return yield* Effect.fail(new NotTheAccounts({ what: "draft" }));
        return toDraft(updated);
      }
      const row = {
        id: randomUUID(),
        office_code: officeCode,
        account_id: accountId,
        kind: input.kind,
        label,
        values: json,
        updated_at: at,
      };
      yield* query(() => db.insertInto("filing_drafts").values(row).execute());
      return toDraft({ ...row, values });
    });

  const draftRows = (accountId: string) =>
    db
      .selectFrom("filing_drafts")
      .selectAll()
      .where("office_code", "=", officeCode)
      .where("account_id", "=", accountId);

  const drafts: FilersShape["drafts"] = (accountId) =>
    query(() => draftRows(accountId).orderBy("updated_at", "desc").orderBy("id").execute()).pipe(
      Effect.map((rows) => rows.map(toDraft)),
    );
  const draft: FilersShape["draft"] = (accountId, id) =>
    Effect.gen(function* () {
      if (!/^[0-9a-f-]{36}$/.test(id)) return yield* Effect.fail(new NotTheAccounts({ what: "draft" }));
      const row = yield* query(() => draftRows(accountId).where("id", "=", id).executeTakeFirst());
      return row === undefined ? yield* Effect.fail(new NotTheAccounts({ what: "draft" })) : toDraft(row);
    });
  const deleteDraft: FilersShape["deleteDraft"] = (accountId, id) =>
    /^[0-9a-f-]{36}$/.test(id)
      ? query(() =>
          db
            .deleteFrom("filing_drafts")
            .where("office_code", "=", officeCode)
            .where("account_id", "=", accountId)
            .where("id", "=", id)
            .execute(),
        ).pipe(Effect.asVoid)
      : Effect.void;

  const recordFiling: FilersShape["recordFiling"] = async (trx, filer, numbers, options) => {
    const at = options.at;
    let applicantId: string | null = null;
    if (options.clientId !== undefined) {
      const row = await trx
        .selectFrom("filer_clients")
        .select(["applicant_id"])
        .where("office_code", "=", officeCode)
        .where("agent_id", "=", filer.id)
        .where("id", "=", options.clientId)
        .executeTakeFirst();
      if (row === undefined) throw new Error("the client is not the agent's");
      applicantId = row.applicant_id;
    }
    for (const number of numbers) {
      await trx
        .insertInto("filer_filings")
        .values({
          office_code: officeCode,
          application_number: number,
          account_id: filer.id,
          relation: "filer",
          client_id: options.clientId ?? null,
          filed_at: at,
        })
        .execute();
      if (applicantId !== null && applicantId !== filer.id)
        await trx
          .insertInto("filer_filings")
          .values({
            office_code: officeCode,
            application_number: number,
            account_id: applicantId,
            relation: "applicant",
            client_id: options.clientId ?? null,
            filed_at: at,
          })
          .execute();
    }
    if (options.draftId !== undefined && /^[0-9a-f-]{36}$/.test(options.draftId))
      await trx
        .deleteFrom("filing_drafts")
        .where("office_code", "=", officeCode)
        .where("account_id", "=", filer.id)
        .where("id", "=", options.draftId)
        .execute();
  };

  const filings: FilersShape["filings"] = (accountId, q) =>
    Effect.gen(function* () {
      const rows = yield* query(() => {
        let s = db
          .selectFrom("filer_filings as f")
          .innerJoin("rights as r", (j) =>
            j.onRef("r.office_code", "=", "f.office_code").onRef("r.application_number", "=", "f.application_number"),
          )
          .leftJoin("filer_clients as c", "c.id", "f.client_id")
          .select([
            "r.application_number",
            "r.kind",
            "r.status",
            "r.filing_date",
            "r.title",
            "r.owner_names",
            "r.time_limit_action",
            "r.time_limit_due",
            "f.relation",
            "c.name as client",
          ])
          .where("f.office_code", "=", officeCode)
          .where("f.account_id", "=", accountId);
        if (q.kind) s = s.where("r.kind", "=", q.kind);
        if (q.status) s = s.where("r.status", "=", q.status);
        if (q.q) {
          const like = `%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
          s = s.where((eb) =>
            eb.or([
              eb("r.application_number", "ilike", like),
              eb("r.title", "ilike", like),
              eb("r.owner_names", "ilike", like),
            ]),
          );
        }
        switch (q.sort ?? "filed-desc") {
          case "filed-asc":
            s = s.orderBy("r.filing_date", "asc");
            break;
          case "due-asc":
            s = s.orderBy(sql`r.time_limit_due asc nulls last`);
            break;
          case "number-asc":
            break;
          default:
            s = s.orderBy("r.filing_date", "desc");
        }
        return s.orderBy("r.application_number").limit(1000).execute();
      });
      const numbers = rows.map((r) => r.application_number);
      // What each filing costs and what is owed: its invoices' totals less payments (one query for the whole list).
      const invoiced =
        numbers.length === 0
          ? []
          : yield* query(() =>
              db
                .selectFrom("invoice_items as i")
                .innerJoin("invoices as v", (j) =>
                  j.onRef("v.office_code", "=", "i.office_code").onRef("v.number", "=", "i.invoice_number"),
                )
                .select([
                  "i.application_number",
                  "v.number",
                  "v.currency",
                  "v.total",
                  "v.state",
                  sql<string>`coalesce((select sum(case when l.kind = 'payment' then l.amount when l.kind in ('refund', 'reversal') then -l.amount else 0 end) from ledger_entries l where l.office_code = v.office_code and l.invoice_number = v.number), 0)`.as(
                    "paid",
                  ),
                ])
                .where("i.office_code", "=", officeCode)
                .where("i.application_number", "in", numbers)
                .execute(),
            );
      const byNumber = new Map<string, { currency: string; total: number; owed: number; seen: Set<string> }>();
      for (const inv of invoiced) {
        if (inv.application_number === null || inv.state === "cancelled") continue;
        const entry = byNumber.get(inv.application_number) ?? {
          currency: inv.currency,
          total: 0,
          owed: 0,
          seen: new Set(),
        };
        if (entry.seen.has(inv.number)) continue;
        entry.seen.add(inv.number);
        entry.total += Number(inv.total);
        entry.owed += Math.max(0, Number(inv.total) - Number(inv.paid));
        byNumber.set(inv.application_number, entry);
      }
      return rows.map(
        (r): PortfolioItem => ({
          type: "application",
          applicationNumber: r.application_number,
          kind: r.kind,
          name: r.title ?? "",
          status: r.status,
          filingDate: r.filing_date,
          owners: r.owner_names,
          relation: r.relation,
          client: r.client ?? null,
          nextTimeLimit:
            r.time_limit_action !== null && r.time_limit_due !== null
              ? { action: r.time_limit_action, due: r.time_limit_due }
              : null,
          invoiced: (() => {
            const e = byNumber.get(r.application_number);
            return e === undefined ? null : { currency: e.currency, total: e.total, owed: e.owed };
          })(),
        }),
      );
    });

  const ownFiling: FilersShape["ownFiling"] = (accountId, number) =>
    Effect.gen(function* () {
      if (number.length > 40) return yield* Effect.fail(new NotTheAccounts({ what: "filing" }));
      const row = yield* query(() =>
        db
          .selectFrom("filer_filings as f")
          .innerJoin("rights as r", (j) =>
            j.onRef("r.office_code", "=", "f.office_code").onRef("r.application_number", "=", "f.application_number"),
          )
          .select("r.application_number")
          .where("f.office_code", "=", officeCode)
          .where("f.account_id", "=", accountId)
          .where((eb) => eb.or([eb("r.application_number", "=", number), eb("r.st13", "=", number)]))
          .executeTakeFirst(),
      );
      return row === undefined ? yield* Effect.fail(new NotTheAccounts({ what: "filing" })) : row.application_number;
    });

  const reply: FilersShape["reply"] = (filer, number, input) =>
    Effect.gen(function* () {
      const issues = textIssues("text", input.text, LIMITS.reply, true);
      if (input.inReplyTo !== undefined && !/^[0-9a-f-]{36}$/.test(input.inReplyTo))
        issues.push({ path: "inReplyTo", message: "a document of this filing" });
      if (issues.length > 0) return yield* Effect.fail(new FilerInputInvalid({ issues }));
      const applicationNumber = yield* ownFiling(filer.id, number);
      if (input.inReplyTo !== undefined) {
        const doc = yield* query(() =>
          db
            .selectFrom("documents")
            .select("id")
            .where("office_code", "=", officeCode)
            .where("application_number", "=", applicationNumber)
            .where("id", "=", input.inReplyTo as string)
            .executeTakeFirst(),
        );
        if (doc === undefined)
          return yield* Effect.fail(
            new FilerInputInvalid({ issues: [{ path: "inReplyTo", message: "a document of this filing" }] }),
          );
      }
      const at = new Date(yield* nowMs);
      const row = {
        id: randomUUID(),
        office_code: officeCode,
        application_number: applicationNumber,
        account_id: filer.id,
        account_name: filer.name,
        in_reply_to: input.inReplyTo ?? null,
        text: input.text.trim(),
        received_at: at,
      };
      yield* query(() =>
        db.transaction().execute(async (trx) => {
          await trx.insertInto("incoming_correspondence").values(row).execute();
          await appendAudit(
            trx,
            officeCode,
            {
              actorKind: "account",
              actorId: `filer:${filer.id}`,
              action: "filer.reply",
              target: applicationNumber,
              outcome: "ok",
              details: { id: row.id, inReplyTo: row.in_reply_to },
            },
            at,
          );
        }),
      );
      return {
        id: row.id,
        applicationNumber,
        accountName: row.account_name,
        inReplyTo: row.in_reply_to,
        text: row.text,
        receivedAt: at.toISOString(),
      };
    });

  const incoming: FilersShape["incoming"] = (applicationNumber) =>
    query(() =>
      db
        .selectFrom("incoming_correspondence")
        .selectAll()
        .where("office_code", "=", officeCode)
        .where("application_number", "=", applicationNumber)
        .orderBy("received_at")
        .orderBy("id")
        .execute(),
    ).pipe(
      Effect.map((rows) =>
        rows.map(
          (r): Incoming => ({
            id: r.id,
            applicationNumber: r.application_number,
            accountName: r.account_name,
            inReplyTo: r.in_reply_to,
            text: r.text,
            receivedAt: iso(r.received_at) as string,
          }),
        ),
      ),
    );

  return {
    officeCode,
    register,
    confirm,
    signIn,
    session,
    signOut,
    requestReset,
    resetPassword,
    clients,
    addClient,
    authorise,
    client,
    saveDraft,
    drafts,
    draft,
    deleteDraft,
    recordFiling,
    filings,
    ownFiling,
    reply,
    incoming,
  };
};

export const FilersLive = (db: Kysely<Database>, config: OfficeConfig, settings: FilerSettings) =>
  Layer.succeed(Filers, makeFilers(db, config, settings));
