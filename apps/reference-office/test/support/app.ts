/**
 * An app over a test database with a clock the test controls.
 */
import { randomBytes } from "node:crypto";
import { Clock, Effect, Result } from "effect";
import type { ReadRouting } from "../../src/db/Replicas.js";
import { createApp } from "../../src/App.js";
import { defaultConfigFile, loadOfficeConfig, type OfficeConfig } from "../../src/config/OfficeConfig.js";
import type { OpenDatabase } from "../../src/db/Database.js";
import { silentLogger } from "../../src/Logger.js";
import { referenceData } from "../../src/ReferenceData.js";
import { ensureOffice } from "../../src/rights/Offices.js";
import { accessSettingsOf, makeAccounts } from "../../src/auth/Accounts.js";
import { makeRights, type RightsShape } from "../../src/rights/Rights.js";
import { defaultFilerSettings, type FilerKind, makeFilers } from "../../src/efiling/Filers.js";

/** A clock standing at `iso` until moved with `set`. */
export const fixedClock = (iso: string) => {
  let ms = Date.parse(iso);
  const clock: Clock.Clock = {
    currentTimeMillisUnsafe: () => ms,
    currentTimeMillis: Effect.sync(() => ms),
    currentTimeNanosUnsafe: () => BigInt(ms) * 1_000_000n,
    currentTimeNanos: Effect.sync(() => BigInt(ms) * 1_000_000n),
    monotonicTimeNanosUnsafe: () => BigInt(ms) * 1_000_000n,
    monotonicTimeNanos: Effect.sync(() => BigInt(ms) * 1_000_000n),
    sleep: () => Effect.void,
  } as Clock.Clock;
  return { clock, set: (next: string) => (ms = Date.parse(next)) };
};

/** The payment gateway secret of test apps: random per test run, as no secret may be written in the source. */
export const testGatewaySecret = randomBytes(32).toString("hex");

export const omConfig = async (): Promise<OfficeConfig> => Result.getOrThrow(await loadOfficeConfig(defaultConfigFile));

/** Every kind public from its filing: for tests of the API's mechanics rather than of the publication rule. */
export const publicFromFiling: NonNullable<OfficeConfig["publication"]> = {
  trademark: { from: "filing" },
  patent: { from: "filing" },
  industrial_design: { from: "filing" },
  utility_model: { from: "filing" },
};

/** The office's rate limits turned off (for tests sending more requests than one address may). */
export const withoutRateLimits = (config: OfficeConfig): OfficeConfig => ({
  ...config,
  http: { ...config.http, rateLimits: { search: false, validation: false, uploads: false, forms: false } },
});

/**
 * An app over a test database. With `options.as`, every request made through `app` and `json` carries an API token
 * acting under those roles unless it brings its own `authorization` or `cookie` header (the area's tests act as its
 * staff; who may call what is the access matrix test's subject). `raw` is the app with no identity added. With
 * `options.publication`, the office's publication rule is replaced; `rateLimits: false` turns the limits off.
 */
export const testApp = async (
  database: OpenDatabase,
  at = "2026-03-02T09:00:00Z",
  options: {
    readonly as?: ReadonlyArray<string>;
    readonly publication?: OfficeConfig["publication"];
    readonly rateLimits?: boolean;
    /** Changes the office configuration before the app starts (e.g. the Madrid declarations). */
    readonly configure?: (config: OfficeConfig) => OfficeConfig;
    /** Where public reads go (a test with a read replica). */
    readonly reads?: ReadRouting;
  } = {},
) => {
  const loaded = options.configure ? options.configure(await omConfig()) : await omConfig();
  const limited = options.rateLimits === false ? withoutRateLimits(loaded) : loaded;
  const config: OfficeConfig =
    options.publication === undefined ? limited : { ...limited, publication: options.publication };
  await ensureOffice(database.db, config);
  const time = fixedClock(at);
  const raw = createApp({
    db: database.db,
    config,
    logger: silentLogger(),
    reference: referenceData(),
    clock: time.clock,
    passwordHash: testHash,
    gatewaySecret: { _tag: "Configured", value: testGatewaySecret, variable: "IPO_PAYMENT_GATEWAY_SECRET" },
    ...(options.reads ? { reads: options.reads } : {}),
  });
  let identity: Record<string, string> = {};
  /** `raw`, with the default identity's token on requests that bring none. */
  const app = {
    request: (input: string | Request | URL, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      if (!headers.has("authorization") && !headers.has("cookie"))
        for (const [k, v] of Object.entries(identity)) headers.set(k, v);
      return raw.request(input, { ...init, headers });
    },
    routes: raw.routes,
    fetch: raw.fetch,
  };
  const json = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method,
      headers: body === undefined ? headers : { "content-type": "application/json", ...headers },
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
  const accounts = makeAccounts(database.db, config, {
    ...accessSettingsOf(config),
    hash: testHash,
    maxTokenDays: 3660,
  });
  const withClock = <A, E>(effect: Effect.Effect<A, E>) =>
    Effect.runPromise(Effect.provideService(effect, Clock.Clock, time.clock));
  let made = 0;
  /** Headers of an API token acting under these roles (created on first use per role set). */
  const tokens = new Map<string, Record<string, string>>();
  const as = async (...roles: string[]): Promise<Record<string, string>> => {
    const key = roles.join(",");
    const known = tokens.get(key);
    if (known) return known;
    const created = await withClock(accounts.createToken({ name: `test ${key}`, roles, days: 3650 }, "test"));
    const headers = { authorization: `Bearer ${created.secret}` };
    tokens.set(key, headers);
    return headers;
  };
  /** A signed-in browser session of a new account with these roles: its cookie and CSRF token. */
  const session = async (...roles: string[]) => {
    made += 1;
    const username = `staff${made}-${roles.join("-").replace(/_/g, "-")}`.slice(0, 90);
    const password = `correct horse ${made} battery staple`;
    await withClock(accounts.create({ username, displayName: `Staff ${made}`, roles, password }));
    const signedIn = await withClock(accounts.signIn(username, password, { address: "127.0.0.1" }));
    return {
      username,
      password,
      accountId: signedIn.account.id,
      cookie: `ipo_session=${signedIn.cookie}`,
      csrf: signedIn.principal.csrf as string,
      headers: { cookie: `ipo_session=${signedIn.cookie}`, "x-csrf-token": signedIn.principal.csrf as string },
    };
  };
  // The e-filing portal's applicant and agent accounts, on the same database and clock.
  const filers = makeFilers(database.db, config, defaultFilerSettings(testHash));
  let filersMade = 0;
  /**
   * A confirmed applicant or agent account signed in to the e-filing portal: registered, confirmed through the link
   * of the e-mail the outbox holds, signed in. Its cookie header and CSRF token.
   */
  const filer = async (kind: FilerKind, name = `${kind === "agent" ? "Agent" : "Applicant"} ${filersMade + 1}`) => {
    filersMade += 1;
    const email = `${kind}${filersMade}-${randomBytes(3).toString("hex")}@example.test`;
    const password = `correct horse ${filersMade} battery staple`;
    const account = await withClock(
      filers.register(
        { name, email, password, kind, country: "OM", address: "P.O. Box 100, Muscat" },
        "en",
        "http://office.test",
      ),
    );
    const mail = await database.db
      .selectFrom("outbox")
      .select(["link"])
      .where("recipient", "=", email)
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    const secret = /\/efiling\/confirm\/([A-Za-z0-9_-]{43})/.exec(mail.link ?? "")?.[1] ?? "";
    await withClock(filers.confirm(secret));
    const signed = await withClock(filers.signIn(email, password));
    return {
      id: account.id,
      email,
      password,
      name,
      kind,
      cookie: `ipo_filer=${signed.cookie}`,
      csrf: signed.principal.csrf,
      principal: signed.principal,
      headers: { cookie: `ipo_filer=${signed.cookie}`, "x-csrf-token": signed.principal.csrf },
    };
  };
  /** A JSON request as these roles (an API token). */
  const jsonAs = async (roles: string | string[], method: string, path: string, body?: unknown) =>
    json(method, path, body, await as(...(Array.isArray(roles) ? roles : [roles])));
  if (options.as !== undefined) identity = await as(...options.as);
  // What staff see, read directly: the rights service on the same database and clock.
  const rights = makeRights(database.db, config, "12");
  const staff = <A, E>(read: (r: RightsShape) => Effect.Effect<A, E>): Promise<A> =>
    Effect.runPromise(Effect.provideService(read(rights), Clock.Clock, time.clock));
  return { app, raw, config, time, json, as, session, jsonAs, accounts, withClock, staff, filers, filer };
};

/** A cheap hash cost for tests (the production cost is measured by the sign-in bench). */
export const testHash = { ln: 10, r: 8, p: 1 };

/** The roles and actions that take a trademark of the default workflow from filing to publication, in order. */
export const stepsToPublication = [
  ["clerk", "accord_filing_date"],
  ["formality_examiner", "formalities_compliant"],
  ["classifier", "classification_checked"],
  ["examiner", "examine"],
  ["registrar", "publish"],
] as const;

export const trademarkFiling = {
  kind: "trademark",
  mark: { text: "NAKHLA", type: "word" },
  owners: [
    { name: "Al Habsi Trading LLC", country: "OM" },
    { name: "Al Kindi Foods LLC", country: "OM" },
  ],
  goodsAndServices: [
    { classNumber: 25, terms: ["clothing", "footwear", "headgear"] },
    { classNumber: 35, terms: ["advertising", "retail services of clothing"] },
  ],
};
