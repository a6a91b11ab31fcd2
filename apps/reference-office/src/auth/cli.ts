/**
 * `cli accounts …` and `cli tokens …`: the first administrator of an office, and accounts and tokens from the shell
 * (same settings as the server: DATABASE_URL or IPO_DATA_DIR, IPO_OFFICE_CONFIG). Passwords are read from standard
 * input, never from the command line (where other users and shell histories see them).
 */
import { Effect, Result } from "effect";
import type { Kysely } from "kysely";
import type { OfficeConfig } from "../config/OfficeConfig.js";
import type { Database } from "../db/schema.js";
import { makeAccounts } from "./Accounts.js";

export interface AuthCliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** Standard input, read whole (the password). */
  readonly stdin: () => Promise<string>;
}

export const accountsUsage = `usage:
  cli accounts create <name> --roles <role,role> [--display-name <text>]   password from standard input
  cli accounts list
  cli accounts set-password <name>                                          password from standard input
  cli accounts disable <name> | enable <name>
  cli tokens create --name <text> --roles <role,role> [--scopes <permission,…>] [--days <n>]
  cli tokens list
  cli tokens revoke <id>`;

const option = (args: ReadonlyArray<string>, name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const list = (value: string | undefined) =>
  (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");

export const runAuthCli = async (
  area: "accounts" | "tokens",
  args: ReadonlyArray<string>,
  deps: { readonly db: Kysely<Database>; readonly config: OfficeConfig; readonly io: AuthCliIo },
): Promise<number> => {
  const { io } = deps;
  const accounts = makeAccounts(deps.db, deps.config);
  const run = <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(Effect.result(effect));
  const say = (line: string) => io.stdout.write(`${line}\n`);
  const fail = (line: string, code = 1) => {
    io.stderr.write(`${line}\n`);
    return code;
  };
  const password = async () => (await io.stdin()).replace(/\r?\n$/, "");
  const byName = async (name: string | undefined) => {
    const all = await run(accounts.list());
    if (Result.isFailure(all)) return undefined;
    return all.success.find((a) => a.username === (name ?? "").trim().toLowerCase());
  };
  const [command, ...rest] = args;

  if (area === "accounts") {
    if (command === "list") {
      const all = await run(accounts.list());
      if (Result.isFailure(all)) return fail(`database error: ${all.failure.message}`);
      for (const a of all.success)
        say(`${a.username}\t${a.status}\t${a.roles.join(",")}\t${a.displayName}\t${a.lastSignInAt ?? "never"}`);
      return 0;
    }
    if (command === "create" && rest[0] !== undefined) {
      const created = await run(
        accounts.create({
          username: rest[0],
          displayName: option(rest, "--display-name") ?? rest[0],
          roles: list(option(rest, "--roles")),
          password: await password(),
        }),
      );
      if (Result.isFailure(created)) return fail(`not created: ${created.failure.message}`);
      say(`created ${created.success.username} (${created.success.roles.join(", ")})`);
      return 0;
    }
    if ((command === "set-password" || command === "disable" || command === "enable") && rest[0] !== undefined) {
      const account = await byName(rest[0]);
      if (account === undefined) return fail(`no account named ${rest[0]} in office ${deps.config.office.code}`);
      const done: Result.Result<unknown, { readonly message: string }> =
        command === "set-password"
          ? await run(accounts.setPassword(account.id, await password()))
          : await run(accounts.change(account.id, { status: command === "disable" ? "disabled" : "active" }));
      if (Result.isFailure(done)) return fail(`not changed: ${done.failure.message}`);
      say(`${command === "set-password" ? "password set for" : `${command}d`} ${account.username}; its sessions ended`);
      return 0;
    }
    return fail(accountsUsage, 2);
  }

  if (command === "list") {
    const all = await run(accounts.tokens());
    if (Result.isFailure(all)) return fail(`database error: ${all.failure.message}`);
    for (const t of all.success)
      say(
        `${t.id}\t${t.revokedAt ? "revoked" : `expires ${t.expiresAt}`}\t${t.roles.join(",")}\t${t.scopes?.join(",") ?? "*"}\t${t.name}`,
      );
    return 0;
  }
  if (command === "create") {
    const scopes = list(option(rest, "--scopes"));
    const created = await run(
      accounts.createToken(
        {
          name: option(rest, "--name") ?? "",
          roles: list(option(rest, "--roles")),
          scopes: scopes.length === 0 ? undefined : scopes,
          days: Number(option(rest, "--days") ?? 90),
        },
        `cli:${process.env.USER ?? "unknown"}`,
      ),
    );
    if (Result.isFailure(created)) return fail(`not created: ${created.failure.message}`);
    // The secret goes to standard output alone, so it can be piped; the rest to standard error.
    io.stderr.write(`token ${created.success.token.id} created; it is shown once:\n`);
    say(created.success.secret);
    return 0;
  }
  if (command === "revoke" && rest[0] !== undefined) {
    const done = await run(accounts.revokeToken(rest[0]));
    if (Result.isFailure(done))
      return fail(`not revoked: ${done.failure._tag === "TokenNotFound" ? "no such token" : done.failure.message}`);
    say(`revoked ${rest[0]}`);
    return 0;
  }
  return fail(accountsUsage, 2);
};
