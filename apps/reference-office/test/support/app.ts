/**
 * An app over a test database with a clock the test controls.
 */
import { randomBytes } from "node:crypto";
import { type Clock, Effect, Result } from "effect";
import { createApp } from "../../src/App.js";
import { defaultConfigFile, loadOfficeConfig, type OfficeConfig } from "../../src/config/OfficeConfig.js";
import type { OpenDatabase } from "../../src/db/Database.js";
import { silentLogger } from "../../src/Logger.js";
import { referenceData } from "../../src/ReferenceData.js";
import { ensureOffice } from "../../src/rights/Offices.js";

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

/** The office's rate limits turned off (for tests sending more requests than one address may). */
export const withoutRateLimits = (config: OfficeConfig): OfficeConfig => ({
  ...config,
  http: { ...config.http, rateLimits: { search: false, validation: false, uploads: false, forms: false } },
});

export const testApp = async (
  database: OpenDatabase,
  at = "2026-03-02T09:00:00Z",
  options: { readonly rateLimits?: boolean } = {},
) => {
  const loaded = await omConfig();
  const config = options.rateLimits === false ? withoutRateLimits(loaded) : loaded;
  await ensureOffice(database.db, config);
  const time = fixedClock(at);
  const app = createApp({
    db: database.db,
    config,
    logger: silentLogger(),
    reference: referenceData(),
    clock: time.clock,
    gatewaySecret: { _tag: "Configured", value: testGatewaySecret, variable: "IPO_PAYMENT_GATEWAY_SECRET" },
  });
  const json = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.request(path, {
      method,
      headers: body === undefined ? headers : { "content-type": "application/json", ...headers },
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
  return { app, config, time, json };
};

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
