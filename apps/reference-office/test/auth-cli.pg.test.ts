/** `cli accounts` and `cli tokens`: the office's first administrator and its machines' tokens from the shell. */
import { Writable } from "node:stream";
import { Effect } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeAccounts } from "../src/auth/Accounts.js";
import { runAuthCli } from "../src/auth/cli.js";
import type { OpenDatabase } from "../src/db/Database.js";
import { omConfig } from "./support/app.js";
import { testDatabases } from "./support/databases.js";

const sink = () => {
  let text = "";
  const stream = new Writable({
    write(chunk, _enc, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
};

describe.each(testDatabases)("accounts and tokens from the shell on $name", (target) => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(() => database?.close());

  const cli = async (area: "accounts" | "tokens", args: string[], stdin = "") => {
    const out = sink();
    const err = sink();
    const config = await omConfig();
    const code = await runAuthCli(area, args, {
      db: database.db,
      config,
      io: { stdout: out.stream, stderr: err.stream, stdin: async () => stdin },
    });
    return { code, out: out.text(), err: err.text() };
  };

  it("creates the first administrator with the password from standard input, who can then sign in", async () => {
    const made = await cli(
      "accounts",
      ["create", "Head-Admin", "--roles", "office_admin", "--display-name", "Head of IT"],
      "a long enough passphrase\n",
    );
    expect(made).toMatchObject({ code: 0, out: "created head-admin (office_admin)\n" });
    const accounts = makeAccounts(database.db, await omConfig());
    const signedIn = await Effect.runPromise(accounts.signIn("head-admin", "a long enough passphrase", {}));
    expect(signedIn.principal.permissions.has("accounts.manage")).toBe(true);
    expect((await cli("accounts", ["list"])).out).toMatch(/^head-admin\tactive\toffice_admin\tHead of IT\t20/m);
  }, 30_000);

  it("refuses a weak password, an unknown role and a bad command with their reasons", async () => {
    expect(await cli("accounts", ["create", "weak", "--roles", "clerk"], "short")).toMatchObject({
      code: 1,
      err: expect.stringContaining("password: at least 12 characters"),
    });
    expect(await cli("accounts", ["create", "odd", "--roles", "wizard"], "a long enough passphrase")).toMatchObject({
      code: 1,
      err: expect.stringContaining("unknown role wizard"),
    });
    expect((await cli("accounts", ["frobnicate"])).code).toBe(2);
    expect(await cli("accounts", ["disable", "nobody"])).toMatchObject({
      code: 1,
      err: expect.stringContaining("no account named nobody"),
    });
  });

  it("disables an account, and issues, lists and revokes a scoped token shown once on standard output", async () => {
    expect((await cli("accounts", ["disable", "head-admin"])).code).toBe(0);
    expect((await cli("accounts", ["list"])).out).toMatch(/^head-admin\tdisabled/m);
    const token = await cli("tokens", [
      "create",
      "--name",
      "IB batch client",
      "--roles",
      "madrid_examiner",
      "--scopes",
      "madrid.import",
      "--days",
      "30",
    ]);
    expect(token.code).toBe(0);
    expect(token.out).toMatch(/^ipo_[a-z0-9]{12}_[A-Za-z0-9_-]{43}\n$/);
    const id = token.out.slice(4, 16);
    expect((await cli("tokens", ["list"])).out).toContain(`${id}\texpires`);
    expect(await cli("tokens", ["revoke", id])).toMatchObject({ code: 0, out: `revoked ${id}\n` });
    expect((await cli("tokens", ["list"])).out).toContain(`${id}\trevoked`);
    expect(await cli("tokens", ["revoke", "aaaaaaaaaaaa"])).toMatchObject({
      code: 1,
      err: expect.stringContaining("no such token"),
    });
  });
});
