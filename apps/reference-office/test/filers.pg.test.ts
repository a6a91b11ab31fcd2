/**
 * The Filers and Outbox services (decisions 0602, 0603) on PGlite and PostgreSQL: a registration and its e-mail in one
 * transaction, one-time links that expire on the office's clock, sign-in lockout, the outbox sender with a real file
 * transport and one that fails (retried, counted), and, by property-based sequences of accounts, that an account reads
 * only the filings it filed or that its authorised agent filed for it.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { IpRight } from "@ipoffice/domain";
import { Clock, Effect, Result } from "effect";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "../src/db/Database.js";
import { defaultFilerSettings, type FilerPrincipal, makeFilers, registrationIssues } from "../src/efiling/Filers.js";
import { fileTransport, makeOutbox } from "../src/outbox/Outbox.js";
import { makeRights } from "../src/rights/Rights.js";
import { fixedClock, omConfig, testHash } from "./support/app.js";
import { testDatabases } from "./support/databases.js";
import { ensureOffice } from "../src/rights/Offices.js";

const filing = (name: string): IpRight.FilingRequest =>
  ({
    kind: "trademark",
    mark: { text: name, type: "word" },
    owners: [{ name, country: "OM" }],
    goodsAndServices: [{ classNumber: 30, terms: ["honey"] }],
  }) as unknown as IpRight.FilingRequest;

describe.each(testDatabases)("filer accounts and the outbox on $name", (target) => {
  let database: OpenDatabase;
  let filers: ReturnType<typeof makeFilers>;
  let rights: ReturnType<typeof makeRights>;
  const time = fixedClock("2026-11-24T09:00:00Z");
  const run = <A, E>(effect: Effect.Effect<A, E>) =>
    Effect.runPromise(Effect.result(Effect.provideService(effect, Clock.Clock, time.clock)));
  const ok = async <A, E>(effect: Effect.Effect<A, E>): Promise<A> => Result.getOrThrow(await run(effect));
  let made = 0;
  const linkOf = async (email: string, path: "confirm" | "reset") => {
    const row = await database.db
      .selectFrom("outbox")
      .select("link")
      .where("recipient", "=", email)
      .where("link", "like", `%/efiling/${path}/%`)
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    return new RegExp(`/efiling/${path}/([A-Za-z0-9_-]{43})`).exec(row.link ?? "")?.[1] as string;
  };
  const account = async (kind: "applicant" | "agent"): Promise<FilerPrincipal> => {
    made += 1;
    const email = `${kind}${made}@example.om`;
    const password = `a long passphrase ${made}`;
    await ok(
      filers.register(
        { name: `${kind} ${made}`, email, password, kind, country: "OM", address: "Muscat" },
        "ar",
        "https://efiling.example",
      ),
    );
    await ok(filers.confirm(await linkOf(email, "confirm")));
    return (await ok(filers.signIn(email, password))).principal;
  };

  beforeAll(async () => {
    database = await target.open();
    const config = await omConfig();
    await ensureOffice(database.db, config);
    filers = makeFilers(database.db, config, defaultFilerSettings(testHash));
    rights = makeRights(database.db, config, "12");
  });
  afterAll(() => database?.close());

  it("writes the account and its confirmation e-mail together, in the account's language, with an https link", async () => {
    await ok(
      filers.register(
        {
          name: "Aisha",
          email: "Aisha@Example.OM",
          password: "a long passphrase",
          kind: "applicant",
          country: "om",
          address: "Sohar",
        },
        "ar",
        "https://efiling.example",
      ),
    );
    const mail = await database.db
      .selectFrom("outbox")
      .selectAll()
      .where("recipient", "=", "aisha@example.om")
      .executeTakeFirstOrThrow();
    expect(mail.subject).toBe("أكّد بريدك الإلكتروني");
    expect(mail.link).toMatch(/^https:\/\/efiling\.example\/efiling\/confirm\/[A-Za-z0-9_-]{43}\?lang=ar$/);
    expect(mail.body).toContain(mail.link as string);
    expect(mail.sent_at).toBeNull();
    const stored = await database.db
      .selectFrom("filer_accounts")
      .selectAll()
      .where("email", "=", "aisha@example.om")
      .executeTakeFirstOrThrow();
    expect(stored.country).toBe("OM");
    expect(stored.password_hash).not.toContain("a long passphrase");
    // The link secret itself is not stored, only its digest.
    const secret = await linkOf("aisha@example.om", "confirm");
    const links = await database.db.selectFrom("filer_links").select("id_hash").execute();
    expect(links.map((l) => l.id_hash)).not.toContain(secret);
  });

  it("lets a confirmation link expire on the office's clock (48 hours)", async () => {
    await ok(
      filers.register(
        {
          name: "Late",
          email: "late@example.om",
          password: "a long passphrase",
          kind: "agent",
          country: "AE",
          address: "Dubai",
        },
        "en",
        "http://x.test",
      ),
    );
    const secret = await linkOf("late@example.om", "confirm");
    time.set("2026-11-26T09:00:01Z");
    const late = await run(filers.confirm(secret));
    time.set("2026-11-24T09:00:00Z");
    expect(Result.isFailure(late) && late.failure._tag).toBe("LinkInvalid");
    const again = await run(filers.confirm(secret));
    expect(Result.isSuccess(again)).toBe(true);
  });

  it("locks an account after five wrong passwords, saying the same as for an unknown address", async () => {
    const me = await account("applicant");
    for (let i = 0; i < 5; i++) {
      const wrong = await run(filers.signIn(me.email, "not the password at all"));
      expect(Result.isFailure(wrong)).toBe(true);
    }
    const locked = await run(filers.signIn(me.email, `a long passphrase ${made}`));
    expect(Result.isFailure(locked) && locked.failure._tag).toBe("FilerSignInRefused");
    time.set("2026-11-24T09:16:00Z");
    const later = await run(filers.signIn(me.email, `a long passphrase ${made}`));
    time.set("2026-11-24T09:00:00Z");
    expect(Result.isSuccess(later)).toBe(true);
  });

  it("ends every session when the password is reset", async () => {
    made += 1;
    const email = `reset${made}@example.om`;
    await ok(
      filers.register(
        { name: "R", email, password: "the first passphrase", kind: "applicant", country: "OM", address: "Sur" },
        "en",
        "http://x.test",
      ),
    );
    await ok(filers.confirm(await linkOf(email, "confirm")));
    const signed = await ok(filers.signIn(email, "the first passphrase"));
    expect(await ok(filers.session(signed.cookie))).toBeDefined();
    await ok(filers.requestReset(email, "http://x.test"));
    await ok(filers.resetPassword(await linkOf(email, "reset"), "the second passphrase"));
    expect(await ok(filers.session(signed.cookie))).toBeUndefined();
  });

  it("sends the pending e-mails through a file transport, once; a failing transport leaves them pending with the error", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ipo-outbox-"));
    // A path whose parent is a file: appending fails for real.
    writeFileSync(join(dir, "not-a-directory"), "");
    const broken = makeOutbox(database.db, {
      officeCode: "OM",
      from: "office@example.om",
      transport: fileTransport(join(dir, "not-a-directory", "outbox.jsonl")),
    });
    const pending = (await database.db.selectFrom("outbox").select("id").where("sent_at", "is", null).execute()).length;
    expect(pending).toBeGreaterThan(0);
    const failed = await ok(broken.sendPending());
    expect(failed).toEqual({ sent: 0, failed: pending });
    const errors = await database.db.selectFrom("outbox").select(["attempts", "last_error"]).execute();
    expect(errors.every((e) => e.attempts === 1 && (e.last_error ?? "").length > 0)).toBe(true);

    const path = join(dir, "outbox.jsonl");
    const outbox = makeOutbox(database.db, {
      officeCode: "OM",
      from: "office@example.om",
      transport: fileTransport(path),
    });
    expect(await ok(outbox.sendPending())).toEqual({ sent: pending, failed: 0 });
    expect(await ok(outbox.sendPending())).toEqual({ sent: 0, failed: 0 });
    const lines = readFileSync(path, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(pending);
    expect(lines[0]).toMatchObject({ from: "office@example.om" });
    const latest = await ok(outbox.latest(5));
    expect(latest[0]?.sentAt).not.toBeNull();
  });

  it("refuses hostile registrations naming each field, and writes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          name: fc.oneof(fc.constant(""), fc.string({ minLength: 201, maxLength: 300 }), fc.constant("a\u202eb")),
          email: fc.oneof(
            fc.constant("x"),
            fc.constant("a@b"),
            fc.string({ maxLength: 30 }).filter((s) => !s.includes("@")),
          ),
          password: fc.oneof(fc.constant("short"), fc.string({ minLength: 257, maxLength: 300 })),
          kind: fc.string({ maxLength: 10 }).filter((s) => s !== "applicant" && s !== "agent"),
          country: fc.constantFrom("", "ZZ", "om1", "OMN"),
          address: fc.oneof(fc.constant("  "), fc.string({ minLength: 501, maxLength: 600 })),
        }),
        async (input) => {
          const before = await database.db
            .selectFrom("filer_accounts")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirst();
          const refused = await run(filers.register(input, "en", "http://x.test"));
          expect(Result.isFailure(refused)).toBe(true);
          const issues =
            Result.isFailure(refused) && refused.failure._tag === "FilerInputInvalid" ? refused.failure.issues : [];
          expect(new Set(issues.map((i) => i.path))).toEqual(
            new Set(["name", "email", "password", "kind", "country", "address"]),
          );
          expect(registrationIssues(input)).toEqual(issues);
          const after = await database.db
            .selectFrom("filer_accounts")
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirst();
          expect(after).toEqual(before);
        },
      ),
      { numRuns: 30 },
    );
  });

  it("an account reads only its own filings and those its authorised agent filed for it (property-based sequences)", async () => {
    // Steps over a small pool of accounts: file for oneself, authorise an agent, file as an agent for a client.
    const step = fc.oneof(
      fc.record({ op: fc.constant("file" as const), who: fc.nat(4) }),
      fc.record({ op: fc.constant("authorise" as const), who: fc.nat(4), agent: fc.nat(4) }),
      fc.record({ op: fc.constant("fileFor" as const), who: fc.nat(4), client: fc.nat(4) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        const pool: FilerPrincipal[] = [];
        for (let i = 0; i < 5; i++) pool.push(await account(i % 2 === 0 ? "applicant" : "agent"));
        /** What each account must see: the numbers it filed, and those filed for it by an agent it authorised. */
        const expected = new Map<string, Set<string>>(pool.map((a) => [a.id, new Set()]));
        const authorised = new Map<string, Map<string, string>>(); // agent id → applicant id → client id
        for (const s of steps) {
          const me = pool[s.who] as FilerPrincipal;
          if (s.op === "authorise") {
            const agent = pool[s.agent] as FilerPrincipal;
            const done = await run(filers.authorise(me.id, agent.email));
            const valid = me.kind === "applicant" && agent.kind === "agent";
            expect(Result.isSuccess(done)).toBe(valid);
            if (Result.isSuccess(done)) {
              const byApplicant = authorised.get(agent.id) ?? new Map();
              byApplicant.set(me.id, done.success.id);
              authorised.set(agent.id, byApplicant);
            }
            continue;
          }
          const client = s.op === "fileFor" ? pool[s.client] : undefined;
          const clientId = client === undefined ? undefined : authorised.get(me.id)?.get(client.id);
          if (s.op === "fileFor" && clientId === undefined) continue;
          const filed = await ok(
            rights.file(
              [filing(`MARK ${me.id.slice(0, 4)}`)],
              { id: `filer:${me.id}`, role: "applicant" },
              {
                within: (trx, out) =>
                  filers.recordFiling(
                    trx,
                    me,
                    out.map((o) => o.right.applicationNumber),
                    { clientId, at: new Date() },
                  ),
              },
            ),
          );
          const number = filed[0]?.right.applicationNumber as string;
          expected.get(me.id)?.add(number);
          if (client !== undefined) expected.get(client.id)?.add(number);
        }
        const everything = new Set([...expected.values()].flatMap((s) => [...s]));
        for (const a of pool) {
          const seen = new Set((await ok(filers.filings(a.id, {}))).map((i) => i.applicationNumber));
          expect(seen).toEqual(expected.get(a.id));
          for (const number of everything) {
            const own = await run(filers.ownFiling(a.id, number));
            expect(Result.isSuccess(own)).toBe(expected.get(a.id)?.has(number) === true);
          }
        }
      }),
      { numRuns: 6 },
    );
  }, 120_000);

  it("rolls the filing back when tying it to the account fails (another agent's client)", async () => {
    const agent = await account("agent");
    const other = await account("agent");
    const client = await ok(filers.addClient(other.id, { name: "Not yours", country: "OM", address: "Muscat" }));
    const before = await database.db
      .selectFrom("rights")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirst();
    const filed = await run(
      rights.file(
        [filing("ROLLBACK")],
        { id: `filer:${agent.id}`, role: "representative" },
        {
          within: (trx, out) =>
            filers.recordFiling(
              trx,
              agent,
              out.map((o) => o.right.applicationNumber),
              { clientId: client.id, at: new Date() },
            ),
        },
      ),
    );
    expect(Result.isFailure(filed)).toBe(true);
    const after = await database.db
      .selectFrom("rights")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirst();
    expect(after).toEqual(before);
  });
});
