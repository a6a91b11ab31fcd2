/**
 * The accounts service: staff accounts of the office, sign-in with lockout, database sessions, and API tokens. The
 * clock is read through Effect's Clock (tests move it); secrets never reach the database (passwords as scrypt
 * hashes, session and token secrets as SHA-256 digests).
 *
 * Sign-in failures are counted per account (locked for `lockoutMinutes` after `lockoutAttempts` in a row) and per
 * client address (refused for the rest of the window after `addressAttempts`); the answer is the same whether the
 * account exists, is locked or the password is wrong, and takes as long (a decoy hash for unknown names), following
 * OWASP's Authentication Cheat Sheet and NIST SP 800-63B §5.2.2 (rate limiting). The per-address count lives in the
 * process (`memorySignInThrottle`) or, with several instances, in the database's `rate_limits` table
 * (`databaseSignInThrottle`, decision 0698), so that spreading attempts over instances gains nothing.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { Clock, Context, Data, Effect, Layer } from "effect";
import { type Kysely, type Selectable, sql } from "kysely";
import { type OfficeConfig, workflowsOf } from "../config/OfficeConfig.js";
import type { AccountsTable, ApiTokensTable, Database } from "../db/schema.js";
import { DatabaseError } from "../rights/Rights.js";
import {
  decoyHash,
  defaultHashParams,
  type HashParams,
  hashPassword,
  MAX_PASSWORD_LENGTH,
  needsRehash,
  passwordProblem,
  verifyPassword,
} from "./passwords.js";
import {
  assignableRoles,
  isPermission,
  type Permission,
  permissionMatrix,
  permissionNames,
  permissionsOfRoles,
} from "./permissions.js";

/** Who is making a request: a signed-in account or an API token, of one office, with its roles and permissions. */
export interface Principal {
  readonly kind: "account" | "token";
  readonly id: string;
  /** The account's display name or the token's name. */
  readonly name: string;
  readonly officeCode: string;
  readonly roles: ReadonlyArray<string>;
  readonly permissions: ReadonlySet<Permission>;
  /** The session's CSRF token (accounts signed in with a cookie). */
  readonly csrf?: string;
}

export interface Account {
  readonly id: string;
  readonly officeCode: string;
  readonly username: string;
  readonly displayName: string;
  readonly roles: ReadonlyArray<string>;
  readonly status: "active" | "disabled";
  readonly hasPassword: boolean;
  readonly oidc: { readonly issuer: string; readonly subject: string } | null;
  readonly lockedUntil: string | null;
  readonly createdAt: string;
  readonly lastSignInAt: string | null;
}

export interface ApiToken {
  readonly id: string;
  readonly name: string;
  readonly roles: ReadonlyArray<string>;
  readonly scopes: ReadonlyArray<Permission> | null;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly revokedAt: string | null;
  readonly lastUsedAt: string | null;
}

export interface AccessSettings {
  readonly idleMinutes: number;
  readonly absoluteHours: number;
  readonly lockoutAttempts: number;
  readonly lockoutMinutes: number;
  readonly addressAttempts: number;
  readonly addressWindowMinutes: number;
  readonly maxTokenDays: number;
  readonly hash: HashParams;
}

export const defaultAccessSettings: AccessSettings = {
  idleMinutes: 30,
  absoluteHours: 12,
  lockoutAttempts: 5,
  lockoutMinutes: 15,
  addressAttempts: 20,
  addressWindowMinutes: 15,
  maxTokenDays: 366,
  hash: defaultHashParams,
};

/** One answer for every refused sign-in: it never says whether the account exists or is locked. */
export class SignInRefused extends Data.TaggedError("SignInRefused")<{
  /** For the log and the audit trail only, never for the person signing in. */
  readonly reason: "unknown" | "password" | "locked" | "disabled" | "throttled" | "no-password" | "invalid";
}> {}

export class AccountInvalid extends Data.TaggedError("AccountInvalid")<{
  readonly issues: ReadonlyArray<{ readonly path: string; readonly message: string }>;
}> {
  override get message(): string {
    return this.issues.map((i) => `${i.path}: ${i.message}`).join("; ");
  }
}

export class AccountNotFound extends Data.TaggedError("AccountNotFound")<{ readonly id: string }> {}
export class TokenNotFound extends Data.TaggedError("TokenNotFound")<{ readonly id: string }> {}

export interface NewAccount {
  readonly username: string;
  readonly displayName: string;
  readonly roles: ReadonlyArray<string>;
  readonly password?: string | undefined;
  readonly oidc?: { readonly issuer: string; readonly subject: string } | undefined;
}

export interface AccountChange {
  readonly displayName?: string | undefined;
  readonly roles?: ReadonlyArray<string> | undefined;
  readonly status?: "active" | "disabled" | undefined;
}

export interface NewToken {
  readonly name: string;
  readonly roles: ReadonlyArray<string>;
  /** Only these permissions of the roles; all of them when absent. */
  readonly scopes?: ReadonlyArray<string> | undefined;
  readonly days: number;
}

export interface SignedIn {
  /** The session cookie's value (shown to the browser once, stored only as its digest). */
  readonly cookie: string;
  readonly account: Account;
  readonly principal: Principal;
  readonly expiresAt: Date;
  /** Seconds the cookie may live: the session's absolute lifetime. */
  readonly maxAge: number;
}

export interface Client {
  readonly address?: string | undefined;
  readonly userAgent?: string | undefined;
}

export interface AccountsShape {
  readonly officeCode: string;
  readonly settings: AccessSettings;
  /** The roles an account of the office may hold. */
  readonly roles: ReadonlyArray<string>;
  readonly matrix: ReadonlyMap<string, ReadonlySet<Permission>>;
  readonly create: (account: NewAccount) => Effect.Effect<Account, AccountInvalid | DatabaseError>;
  readonly list: () => Effect.Effect<ReadonlyArray<Account>, DatabaseError>;
  readonly get: (id: string) => Effect.Effect<Account, AccountNotFound | DatabaseError>;
  readonly change: (
    id: string,
    change: AccountChange,
  ) => Effect.Effect<Account, AccountNotFound | AccountInvalid | DatabaseError>;
  readonly setPassword: (
    id: string,
    password: string,
  ) => Effect.Effect<void, AccountNotFound | AccountInvalid | DatabaseError>;
  /**
   * An account changes its own password: the current one must match. Every session of the account ends and a new
   * one starts for the caller (the cookie changes).
   */
  readonly changeOwnPassword: (
    id: string,
    current: string,
    next: string,
    client: Client,
  ) => Effect.Effect<SignedIn, SignInRefused | AccountNotFound | AccountInvalid | DatabaseError>;
  /** Ends every session of the account (sign-out everywhere); the number ended. */
  readonly endSessions: (id: string) => Effect.Effect<number, DatabaseError>;
  readonly signIn: (
    username: string,
    password: string,
    client: Client,
  ) => Effect.Effect<SignedIn, SignInRefused | DatabaseError>;
  /**
   * Signs in an account known to the office's identity provider: found by issuer and subject (created on first
   * sign-in), its roles replaced by those the provider's groups map to.
   */
  readonly signInExternal: (
    identity: {
      readonly issuer: string;
      readonly subject: string;
      readonly username: string;
      readonly displayName: string;
      readonly roles: ReadonlyArray<string>;
    },
    client: Client,
  ) => Effect.Effect<SignedIn, SignInRefused | DatabaseError>;
  /** The principal of a session cookie, or undefined when it is unknown, expired, or of another office. */
  readonly session: (cookie: string) => Effect.Effect<Principal | undefined, DatabaseError>;
  readonly signOut: (cookie: string) => Effect.Effect<void, DatabaseError>;
  readonly createToken: (
    token: NewToken,
    createdBy: string,
  ) => Effect.Effect<{ readonly secret: string; readonly token: ApiToken }, AccountInvalid | DatabaseError>;
  readonly tokens: () => Effect.Effect<ReadonlyArray<ApiToken>, DatabaseError>;
  readonly revokeToken: (id: string) => Effect.Effect<void, TokenNotFound | DatabaseError>;
  /** The principal of a bearer token, or undefined when it is unknown, revoked, expired or of another office. */
  readonly tokenPrincipal: (bearer: string) => Effect.Effect<Principal | undefined, DatabaseError>;
}

export class Accounts extends Context.Service<Accounts, AccountsShape>()("ipoffice/Accounts") {}

const query = <A>(run: () => Promise<A>): Effect.Effect<A, DatabaseError> =>
  Effect.tryPromise({ try: run, catch: (cause) => new DatabaseError({ cause }) });

const digest = (secret: string): string => createHash("sha256").update(secret).digest("hex");
const sameDigest = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());
const arrayOf = (value: unknown): ReadonlyArray<string> =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

const USERNAME = /^[a-z0-9][a-z0-9._@+-]{1,99}$/;
/** Sign-in names are compared in lower case, without surrounding spaces. */
export const normaliseUsername = (name: string): string => name.normalize("NFKC").trim().toLowerCase();

const displayNameIssues = (name: string) =>
  name.trim().length === 0 || name.length > 200 || name.includes("\u0000")
    ? [{ path: "displayName", message: "1 to 200 characters" }]
    : [];

const toAccount = (row: Selectable<AccountsTable>): Account => ({
  id: row.id,
  officeCode: row.office_code,
  username: row.username,
  displayName: row.display_name,
  roles: arrayOf(row.roles),
  status: row.status,
  hasPassword: row.password_hash !== null,
  oidc:
    row.oidc_issuer !== null && row.oidc_subject !== null
      ? { issuer: row.oidc_issuer, subject: row.oidc_subject }
      : null,
  lockedUntil: iso(row.locked_until),
  createdAt: iso(row.created_at) as string,
  lastSignInAt: iso(row.last_sign_in_at),
});

const toToken = (row: Selectable<ApiTokensTable>): ApiToken => ({
  id: row.id,
  name: row.name,
  roles: arrayOf(row.roles),
  scopes: row.scopes === null ? null : arrayOf(row.scopes).filter(isPermission),
  createdBy: row.created_by,
  createdAt: iso(row.created_at) as string,
  expiresAt: iso(row.expires_at) as string,
  revokedAt: iso(row.revoked_at),
  lastUsedAt: iso(row.last_used_at),
});

const TOKEN = /^ipo_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

/**
 * Sign-in failures per client address: `addressAttempts` failures per `addressWindowMinutes`, as a token bucket that
 * refills over the window (one more attempt every window / attempts once the address has spent them).
 */
export interface SignInThrottle {
  /** True when the address has no attempt left. */
  throttled(address: string, at: number): Promise<boolean>;
  /** Counts one failure of the address. */
  failed(address: string, at: number): Promise<void>;
}

const bucketOf = (settings: AccessSettings) => {
  const window = settings.addressWindowMinutes * 60_000;
  const interval = window / settings.addressAttempts;
  return { interval, tolerance: window - interval };
};

/** The failures in this process (one instance). */
export const memorySignInThrottle = (settings: AccessSettings): SignInThrottle => {
  const { interval, tolerance } = bucketOf(settings);
  /** Per address, when its bucket is full again. */
  const full = new Map<string, number>();
  return {
    async throttled(address, at) {
      return (full.get(address) ?? at) - at > tolerance;
    },
    async failed(address, at) {
      // Forget full buckets now and then so the map stays small.
      if (full.size > 10_000) for (const [k, v] of full) if (v <= at) full.delete(k);
      full.set(address, Math.max(full.get(address) ?? at, at) + interval);
    },
  };
};

/** The failures in the database (`rate_limits`, limit `sign-in-failures`): shared by every instance. */
export const databaseSignInThrottle = (
  db: Kysely<Database>,
  officeCode: string,
  settings: AccessSettings,
): SignInThrottle => {
  const { interval, tolerance } = bucketOf(settings);
  const name = "sign-in-failures";
  return {
    async throttled(address, at) {
      const row = await db
        .selectFrom("rate_limits")
        .select("tat")
        .where("office_code", "=", officeCode)
        .where("name", "=", name)
        .where("key", "=", address)
        .executeTakeFirst();
      return row !== undefined && Number(row.tat) - at > tolerance;
    },
    async failed(address, at) {
      await sql`
        insert into rate_limits (office_code, name, key, tat)
        values (${officeCode}, ${name}, ${address}, ${Math.ceil(at + interval)})
        on conflict (office_code, name, key) do update
          set tat = greatest(rate_limits.tat, ${Math.floor(at)}::bigint) + ${Math.ceil(interval)}::bigint`.execute(db);
    },
  };
};

export const makeAccounts = (
  db: Kysely<Database>,
  config: OfficeConfig,
  settings: AccessSettings = accessSettingsOf(config),
  throttle: SignInThrottle = memorySignInThrottle(settings),
): AccountsShape => {
  const officeCode = config.office.code;
  const roles = assignableRoles(Object.values(workflowsOf(config)));
  const matrix = permissionMatrix(config.access?.permissions, roles);
  const nowMs = Clock.currentTimeMillis;

  const roleIssues = (given: ReadonlyArray<string>, path: string) => {
    const issues: Array<{ path: string; message: string }> = [];
    if (given.length === 0) issues.push({ path, message: "at least one role" });
    given.forEach((r, i) => {
      if (!roles.includes(r))
        issues.push({ path: `${path}.${i}`, message: `unknown role ${r.slice(0, 64)} (roles: ${roles.join(", ")})` });
    });
    if (new Set(given).size !== given.length) issues.push({ path, message: "a role is named twice" });
    return issues;
  };

  const principalOf = (account: Account, csrf?: string): Principal => ({
    kind: "account",
    id: account.id,
    name: account.displayName,
    officeCode: account.officeCode,
    roles: account.roles,
    permissions: permissionsOfRoles(matrix, account.roles),
    ...(csrf === undefined ? {} : { csrf }),
  });

  const usernameTaken = (username: string) =>
    Effect.map(
      query(() =>
        db
          .selectFrom("accounts")
          .select("id")
          .where("office_code", "=", officeCode)
          .where("username", "=", username)
          .executeTakeFirst(),
      ),
      (row) => row !== undefined,
    );

  const findAccount = (id: string) =>
    query(() =>
      db
        .selectFrom("accounts")
        .selectAll()
        .where("office_code", "=", officeCode)
        .where("id", "=", id)
        .executeTakeFirst(),
    );

  const startSession = (account: Account, client: Client, at: number) =>
    Effect.gen(function* () {
      const cookie = randomBytes(32).toString("base64url");
      const csrf = randomBytes(24).toString("base64url");
      const expiresAt = new Date(at + settings.absoluteHours * 3_600_000);
      yield* query(() =>
        db
          .insertInto("sessions")
          .values({
            id_hash: digest(cookie),
            account_id: account.id,
            office_code: officeCode,
            csrf_token: csrf,
            created_at: new Date(at),
            last_seen_at: new Date(at),
            expires_at: expiresAt,
            address: client.address?.slice(0, 100) ?? null,
            user_agent: client.userAgent?.slice(0, 300) ?? null,
          })
          .execute(),
      );
      return {
        cookie,
        account,
        principal: principalOf(account, csrf),
        expiresAt,
        maxAge: settings.absoluteHours * 3600,
      } satisfies SignedIn;
    });

  const create: AccountsShape["create"] = (input) =>
    Effect.gen(function* () {
      const username = normaliseUsername(input.username);
      const issues = [
        ...(USERNAME.test(username)
          ? []
          : [
              { path: "username", message: "2 to 100 letters, digits and . _ @ + - , starting with a letter or digit" },
            ]),
        ...displayNameIssues(input.displayName),
        ...roleIssues(input.roles, "roles"),
      ];
      if (input.password !== undefined) {
        const problem = passwordProblem(input.password, username);
        if (problem) issues.push({ path: "password", message: problem });
      } else if (input.oidc === undefined)
        issues.push({ path: "password", message: "a password, or an identity-provider account" });
      if (issues.length > 0) return yield* Effect.fail(new AccountInvalid({ issues }));
      if (yield* usernameTaken(username))
        return yield* Effect.fail(new AccountInvalid({ issues: [{ path: "username", message: "already in use" }] }));
      const hash =
        input.password === undefined
          ? null
          : yield* Effect.promise(() => hashPassword(input.password as string, settings.hash));
      const at = new Date(yield* nowMs);
      const row = {
        id: randomUUID(),
        office_code: officeCode,
        username,
        display_name: input.displayName.trim(),
        password_hash: hash,
        roles: JSON.stringify(input.roles),
        status: "active" as const,
        oidc_issuer: input.oidc?.issuer ?? null,
        oidc_subject: input.oidc?.subject ?? null,
        created_at: at,
        updated_at: at,
        locked_until: null,
        last_sign_in_at: null,
      };
      yield* query(() => db.insertInto("accounts").values(row).execute());
      return toAccount({ ...row, roles: input.roles, failed_attempts: 0 } as unknown as Selectable<AccountsTable>);
    });

  const get: AccountsShape["get"] = (id) =>
    Effect.flatMap(findAccount(id), (row) =>
      row ? Effect.succeed(toAccount(row)) : Effect.fail(new AccountNotFound({ id })),
    );

  const change: AccountsShape["change"] = (id, input) =>
    Effect.gen(function* () {
      yield* get(id);
      const issues = [
        ...(input.roles === undefined ? [] : roleIssues(input.roles, "roles")),
        ...(input.displayName === undefined ? [] : displayNameIssues(input.displayName)),
      ];
      if (issues.length > 0) return yield* Effect.fail(new AccountInvalid({ issues }));
      const at = new Date(yield* nowMs);
      yield* query(() =>
        db.transaction().execute(async (trx) => {
          await trx
            .updateTable("accounts")
            .set({
              updated_at: at,
              ...(input.displayName === undefined ? {} : { display_name: input.displayName.trim() }),
              ...(input.roles === undefined ? {} : { roles: JSON.stringify(input.roles) }),
              ...(input.status === undefined ? {} : { status: input.status }),
              // Enabling an account also lifts a lockout.
              ...(input.status === "active" ? { failed_attempts: 0, locked_until: null } : {}),
            })
            .where("office_code", "=", officeCode)
            .where("id", "=", id)
            .execute();
          // Sessions carry the roles they started with: a change of roles or a disabled account ends them.
          if (input.roles !== undefined || input.status === "disabled")
            await trx.deleteFrom("sessions").where("account_id", "=", id).execute();
        }),
      );
      return yield* get(id);
    });

  const setPassword: AccountsShape["setPassword"] = (id, password) =>
    Effect.gen(function* () {
      const account = yield* get(id);
      const problem = passwordProblem(password, account.username);
      if (problem) return yield* Effect.fail(new AccountInvalid({ issues: [{ path: "password", message: problem }] }));
      const hash = yield* Effect.promise(() => hashPassword(password, settings.hash));
      const at = new Date(yield* nowMs);
      yield* query(() =>
        db.transaction().execute(async (trx) => {
          await trx
            .updateTable("accounts")
            .set({ password_hash: hash, updated_at: at, failed_attempts: 0, locked_until: null })
            .where("office_code", "=", officeCode)
            .where("id", "=", id)
            .execute();
          await trx.deleteFrom("sessions").where("account_id", "=", id).execute();
        }),
      );
    });

  const changeOwnPassword: AccountsShape["changeOwnPassword"] = (id, current, next, client) =>
    Effect.gen(function* () {
      const row = yield* findAccount(id);
      if (row === undefined) return yield* Effect.fail(new AccountNotFound({ id }));
      const matches =
        row.password_hash !== null &&
        current.length <= MAX_PASSWORD_LENGTH * 4 &&
        (yield* Effect.promise(() => verifyPassword(current, row.password_hash as string)));
      if (!matches) return yield* Effect.fail(new SignInRefused({ reason: "password" }));
      yield* setPassword(id, next);
      const at = yield* nowMs;
      return yield* startSession(toAccount(row), client, at);
    });

  const endSessions: AccountsShape["endSessions"] = (id) =>
    query(async () => {
      const result = await db
        .deleteFrom("sessions")
        .where("office_code", "=", officeCode)
        .where("account_id", "=", id)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    });

  const throttled = (address: string | undefined, at: number) =>
    address === undefined ? Effect.succeed(false) : query(() => throttle.throttled(address, at));
  const countAddressFailure = (address: string | undefined, at: number) =>
    address === undefined ? Effect.void : query(() => throttle.failed(address, at));

  const signIn: AccountsShape["signIn"] = (rawName, password, client) =>
    Effect.gen(function* () {
      const at = yield* nowMs;
      const username = normaliseUsername(rawName.slice(0, 200));
      const refuse = (reason: SignInRefused["reason"]) =>
        Effect.flatMap(countAddressFailure(client.address, at), () => Effect.fail(new SignInRefused({ reason })));
      if (yield* throttled(client.address, at)) return yield* Effect.fail(new SignInRefused({ reason: "throttled" }));
      if (password.length === 0 || password.length > MAX_PASSWORD_LENGTH * 4 || !USERNAME.test(username))
        return yield* refuse("invalid");
      const row = yield* query(() =>
        db
          .selectFrom("accounts")
          .selectAll()
          .where("office_code", "=", officeCode)
          .where("username", "=", username)
          .executeTakeFirst(),
      );
      // Always spend one hash, whatever the outcome, so timing tells nothing.
      const stored = row?.password_hash ?? (yield* Effect.promise(() => decoyHash(settings.hash)));
      const matches = yield* Effect.promise(() => verifyPassword(password, stored));
      if (row === undefined) return yield* refuse("unknown");
      if (row.password_hash === null) return yield* refuse("no-password");
      if (row.status !== "active") return yield* refuse("disabled");
      if (row.locked_until !== null && new Date(row.locked_until).getTime() > at) return yield* refuse("locked");
      if (!matches) {
        const failures = row.failed_attempts + 1;
        const lock = failures >= settings.lockoutAttempts;
        yield* query(() =>
          db
            .updateTable("accounts")
            .set({
              failed_attempts: lock ? 0 : failures,
              locked_until: lock ? new Date(at + settings.lockoutMinutes * 60_000) : row.locked_until,
            })
            .where("id", "=", row.id)
            .execute(),
        );
        return yield* refuse("password");
      }
      const rehash = needsRehash(row.password_hash, settings.hash)
        ? yield* Effect.promise(() => hashPassword(password, settings.hash))
        : undefined;
      yield* query(() =>
        db
          .updateTable("accounts")
          .set({
            failed_attempts: 0,
            locked_until: null,
            last_sign_in_at: new Date(at),
            ...(rehash === undefined ? {} : { password_hash: rehash }),
          })
          .where("id", "=", row.id)
          .execute(),
      );
      return yield* startSession(toAccount({ ...row, last_sign_in_at: new Date(at) }), client, at);
    });

  const signInExternal: AccountsShape["signInExternal"] = (identity, client) =>
    Effect.gen(function* () {
      const at = yield* nowMs;
      const granted = identity.roles.filter((r) => roles.includes(r));
      if (granted.length === 0) return yield* Effect.fail(new SignInRefused({ reason: "invalid" }));
      const existing = yield* query(() =>
        db
          .selectFrom("accounts")
          .selectAll()
          .where("office_code", "=", officeCode)
          .where("oidc_issuer", "=", identity.issuer)
          .where("oidc_subject", "=", identity.subject)
          .executeTakeFirst(),
      );
      if (existing !== undefined && existing.status !== "active")
        return yield* Effect.fail(new SignInRefused({ reason: "disabled" }));
      let account: Account;
      if (existing === undefined) {
        // A sign-in name free in the office: the provider's, else with the subject's digest appended.
        let username = normaliseUsername(identity.username);
        if (!USERNAME.test(username)) username = `sso-${digest(identity.subject).slice(0, 12)}`;
        if (yield* usernameTaken(username))
          username = `${username.slice(0, 80)}-${digest(`${identity.issuer} ${identity.subject}`).slice(0, 8)}`;
        const created = yield* Effect.mapError(
          create({
            username,
            displayName: identity.displayName.slice(0, 200) || username,
            roles: granted,
            oidc: { issuer: identity.issuer, subject: identity.subject },
          }),
          (e) => (e._tag === "AccountInvalid" ? new SignInRefused({ reason: "invalid" }) : e),
        );
        account = created;
      } else {
        account = toAccount({
          ...existing,
          roles: granted as never,
          display_name: identity.displayName.slice(0, 200) || existing.display_name,
        });
      }
      yield* query(() =>
        db
          .updateTable("accounts")
          .set({
            roles: JSON.stringify(granted),
            last_sign_in_at: new Date(at),
            updated_at: new Date(at),
            display_name: account.displayName,
          })
          .where("id", "=", account.id)
          .execute(),
      );
      return yield* startSession({ ...account, roles: granted }, client, at);
    });

  const session: AccountsShape["session"] = (cookie) =>
    Effect.gen(function* () {
      if (!/^[A-Za-z0-9_-]{43}$/.test(cookie)) return undefined;
      const at = yield* nowMs;
      const row = yield* query(() =>
        db
          .selectFrom("sessions")
          .innerJoin("accounts", "accounts.id", "sessions.account_id")
          .selectAll("accounts")
          .select([
            "sessions.id_hash",
            "sessions.csrf_token",
            "sessions.last_seen_at",
            "sessions.expires_at",
            "sessions.office_code as session_office",
          ])
          .where("sessions.id_hash", "=", digest(cookie))
          .executeTakeFirst(),
      );
      if (row === undefined) return undefined;
      const idleEnd = new Date(row.last_seen_at).getTime() + settings.idleMinutes * 60_000;
      const expired = new Date(row.expires_at).getTime() <= at || idleEnd <= at;
      if (expired || row.status !== "active" || row.session_office !== officeCode || row.office_code !== officeCode) {
        if (expired) yield* query(() => db.deleteFrom("sessions").where("id_hash", "=", row.id_hash).execute());
        return undefined;
      }
      // Sliding idle expiry, written at most once a minute.
      if (at - new Date(row.last_seen_at).getTime() > 60_000)
        yield* query(() =>
          db
            .updateTable("sessions")
            .set({ last_seen_at: new Date(at) })
            .where("id_hash", "=", row.id_hash)
            .execute(),
        );
      return principalOf(toAccount(row), row.csrf_token);
    });

  const signOut: AccountsShape["signOut"] = (cookie) =>
    query(() => db.deleteFrom("sessions").where("id_hash", "=", digest(cookie)).execute()).pipe(Effect.asVoid);

  const createToken: AccountsShape["createToken"] = (input, createdBy) =>
    Effect.gen(function* () {
      const issues = [
        ...(input.name.trim().length === 0 || input.name.length > 100 || input.name.includes("\u0000")
          ? [{ path: "name", message: "1 to 100 characters" }]
          : []),
        ...roleIssues(input.roles, "roles"),
        ...(Number.isInteger(input.days) && input.days >= 1 && input.days <= settings.maxTokenDays
          ? []
          : [{ path: "days", message: `a whole number of days from 1 to ${settings.maxTokenDays}` }]),
      ];
      (input.scopes ?? []).forEach((s, i) => {
        if (!isPermission(s))
          issues.push({
            path: `scopes.${i}`,
            message: `unknown permission ${s.slice(0, 64)} (permissions: ${permissionNames.join(", ")})`,
          });
      });
      if (issues.length > 0) return yield* Effect.fail(new AccountInvalid({ issues }));
      const at = yield* nowMs;
      const id = randomBytes(9)
        .toString("base64url")
        .toLowerCase()
        .replace(/[^a-z0-9]/g, "0")
        .slice(0, 12)
        .padEnd(12, "0");
      const secret = randomBytes(32).toString("base64url");
      const row = {
        id,
        office_code: officeCode,
        name: input.name.trim(),
        secret_hash: digest(secret),
        roles: JSON.stringify(input.roles),
        scopes: input.scopes === undefined ? null : JSON.stringify(input.scopes),
        created_by: createdBy,
        created_at: new Date(at),
        expires_at: new Date(at + input.days * 86_400_000),
        revoked_at: null,
        last_used_at: null,
      };
      yield* query(() => db.insertInto("api_tokens").values(row).execute());
      return {
        secret: `ipo_${id}_${secret}`,
        token: toToken({
          ...row,
          roles: input.roles,
          scopes: input.scopes ?? null,
        } as unknown as Selectable<ApiTokensTable>),
      };
    });

  const tokens: AccountsShape["tokens"] = () =>
    query(() =>
      db
        .selectFrom("api_tokens")
        .selectAll()
        .where("office_code", "=", officeCode)
        .orderBy("created_at", "desc")
        .execute(),
    ).pipe(Effect.map((rows) => rows.map(toToken)));

  const revokeToken: AccountsShape["revokeToken"] = (id) =>
    Effect.gen(function* () {
      const at = yield* nowMs;
      const result = yield* query(() =>
        db
          .updateTable("api_tokens")
          .set({ revoked_at: new Date(at) })
          .where("office_code", "=", officeCode)
          .where("id", "=", id)
          .where("revoked_at", "is", null)
          .executeTakeFirst(),
      );
      if (Number(result.numUpdatedRows) === 0) {
        const exists = yield* query(() =>
          db
            .selectFrom("api_tokens")
            .select("id")
            .where("office_code", "=", officeCode)
            .where("id", "=", id)
            .executeTakeFirst(),
        );
        if (!exists) return yield* Effect.fail(new TokenNotFound({ id }));
      }
    });

  const tokenPrincipal: AccountsShape["tokenPrincipal"] = (bearer) =>
    Effect.gen(function* () {
      const m = TOKEN.exec(bearer);
      if (!m) return undefined;
      const at = yield* nowMs;
      const row = yield* query(() =>
        db
          .selectFrom("api_tokens")
          .selectAll()
          .where("id", "=", m[1] as string)
          .executeTakeFirst(),
      );
      if (
        row === undefined ||
        !sameDigest(row.secret_hash, digest(m[2] as string)) ||
        row.office_code !== officeCode ||
        row.revoked_at !== null ||
        new Date(row.expires_at).getTime() <= at
      )
        return undefined;
      if (row.last_used_at === null || at - new Date(row.last_used_at).getTime() > 60_000)
        yield* query(() =>
          db
            .updateTable("api_tokens")
            .set({ last_used_at: new Date(at) })
            .where("id", "=", row.id)
            .execute(),
        );
      const token = toToken(row);
      const ofRoles = permissionsOfRoles(matrix, token.roles);
      const permissions =
        token.scopes === null
          ? ofRoles
          : new Set([...ofRoles].filter((p) => (token.scopes as ReadonlyArray<Permission>).includes(p)));
      return {
        kind: "token",
        id: `token:${token.id}`,
        name: token.name,
        officeCode,
        roles: token.roles,
        permissions,
      } satisfies Principal;
    });

  return {
    officeCode,
    settings,
    roles,
    matrix,
    create,
    list: () =>
      query(() =>
        db.selectFrom("accounts").selectAll().where("office_code", "=", officeCode).orderBy("username").execute(),
      ).pipe(Effect.map((rows) => rows.map(toAccount))),
    get,
    change,
    setPassword,
    changeOwnPassword,
    endSessions,
    signIn,
    signInExternal,
    session,
    signOut,
    createToken,
    tokens,
    revokeToken,
    tokenPrincipal,
  };
};

/** The office's access settings: its configuration over the defaults. */
export const accessSettingsOf = (config: OfficeConfig): AccessSettings => {
  const given = config.access;
  return {
    idleMinutes: given?.sessions?.idleMinutes ?? defaultAccessSettings.idleMinutes,
    absoluteHours: given?.sessions?.absoluteHours ?? defaultAccessSettings.absoluteHours,
    lockoutAttempts: given?.lockout?.attempts ?? defaultAccessSettings.lockoutAttempts,
    lockoutMinutes: given?.lockout?.minutes ?? defaultAccessSettings.lockoutMinutes,
    addressAttempts: given?.lockout?.addressAttempts ?? defaultAccessSettings.addressAttempts,
    addressWindowMinutes: given?.lockout?.addressWindowMinutes ?? defaultAccessSettings.addressWindowMinutes,
    maxTokenDays: given?.tokens?.maxDays ?? defaultAccessSettings.maxTokenDays,
    hash: { ...defaultHashParams, ln: given?.passwordCost ?? defaultHashParams.ln },
  };
};

export const AccountsLive = (db: Kysely<Database>, config: OfficeConfig) =>
  Layer.succeed(Accounts, makeAccounts(db, config));
