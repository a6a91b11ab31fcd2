/**
 * Rate limits per client address, in memory (decision 0660). Each limiter is a token bucket of `limit` requests that
 * refills continuously over `windowMs` (the generic cell rate algorithm: one number per address, the time its bucket
 * is full again). Beyond it, 429 with `Retry-After` and a problem body naming the limit.
 *
 * ```ts
 * app.post("/sign-in", rateLimit({ name: "sign-in", limit: 10, windowMs: 60_000 }), handler);
 * ```
 *
 * The client address is the socket's (`@hono/node-server`'s connection info); `X-Forwarded-For` is believed only for
 * as many proxies as the office configuration's `http.trustProxy` says are in front (`clientAddresses()`, which the
 * app runs before every route). Where the buckets live is the store's choice (decision 0698): in the process
 * (`memoryRateLimits`, PGlite's default: one instance), or in the database's `rate_limits` table
 * (`databaseRateLimits`, PostgreSQL's default), where every instance behind a balancer takes from the same bucket.
 */
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context, MiddlewareHandler } from "hono";
import { type Kysely, sql } from "kysely";
import type { Database } from "../db/schema.js";
import { problem, sendProblem } from "./problem.js";

declare module "hono" {
  interface ContextVariableMap {
    /** The client's address as `clientAddresses()` determined it (`unknown` for requests without a socket). */
    clientAddress: string;
  }
}

/** How many proxies in front of the app add to `X-Forwarded-For` (`true`: one). */
export type TrustProxy = boolean | number;

/** An address as a bucket key: IPv4 as is (also when IPv4-mapped), IPv6 by its /64 (one host often has a whole /64). */
export const addressKey = (address: string): string => {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (!address.includes(":")) return address;
  const [head = "", tail] = address.toLowerCase().split("::");
  const left = head === "" ? [] : head.split(":");
  const right = tail === undefined || tail === "" ? [] : tail.split(":");
  const groups =
    tail === undefined ? left : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
};

/** The socket's address, or undefined for a request that came without one (in-process requests of tests). */
const socketAddress = (c: Context): string | undefined => {
  const env = c.env as { incoming?: unknown; server?: unknown } | undefined;
  if (env?.incoming === undefined && env?.server === undefined) return undefined;
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined;
  }
};

/**
 * The client's address: the socket's, or with `trustProxy` hops of proxies in front, the address the outermost
 * trusted proxy saw (`X-Forwarded-For` read from the right, so a client cannot choose it by sending the header).
 */
export const clientAddress = (c: Context, trustProxy: TrustProxy = false): string => {
  const socket = socketAddress(c);
  const hops = trustProxy === true ? 1 : trustProxy === false ? 0 : Math.max(0, Math.floor(trustProxy));
  if (hops === 0 || socket === undefined) return socket ?? "unknown";
  const forwarded = (c.req.header("x-forwarded-for") ?? "")
    .split(",")
    .map((a) => a.trim())
    .filter((a) => a !== "");
  const chain = [...forwarded, socket];
  return chain[Math.max(0, chain.length - 1 - hops)] ?? socket;
};

/** Sets `c.var.clientAddress` for the limiters (and the logs) of every route. */
export const clientAddresses =
  (trustProxy: TrustProxy = false): MiddlewareHandler =>
  async (c, next) => {
    c.set("clientAddress", clientAddress(c, trustProxy));
    await next();
  };

export interface RateLimitOptions {
  /** Names the limit in the 429 problem and the log (`search`, `sign-in`). */
  readonly name: string;
  /** Requests allowed in a burst, and per window on average. */
  readonly limit: number;
  /** The window (ms) in which `limit` requests refill. */
  readonly windowMs: number;
  /** The bucket of a request (default: its client address, IPv6 by /64). */
  readonly key?: (c: Context) => string;
  /** Most addresses remembered at once (default 100,000); beyond, the oldest are forgotten. */
  readonly maxKeys?: number;
  /** The clock (tests). */
  readonly now?: () => number;
  /** Where the buckets live (default: this process). */
  readonly store?: RateLimitStore;
}

/** Where buckets live: `take` takes one request from `name`'s bucket of `key`; 0 when allowed, else the wait (ms). */
export interface RateLimitStore {
  readonly kind: "memory" | "database";
  take(name: string, key: string, limit: number, windowMs: number): Promise<number>;
}

/** Buckets in this process: one instance, or instances that each count on their own. */
export const memoryRateLimits = (options: { readonly maxKeys?: number; readonly now?: () => number } = {}) => {
  const limiters = new Map<string, RateLimiter>();
  const store: RateLimitStore = {
    kind: "memory",
    async take(name, key, limit, windowMs) {
      const id = `${name}\u0000${limit}\u0000${windowMs}`;
      let limiter = limiters.get(id);
      if (limiter === undefined) {
        limiter = makeRateLimiter({ limit, windowMs, ...options });
        limiters.set(id, limiter);
      }
      return limiter.take(key);
    },
  };
  return store;
};

/**
 * Buckets in the database, shared by every instance: one statement per request, the same generic cell rate
 * algorithm as in memory. The row's `tat` moves forward only when the request is allowed (an upsert with a condition),
 * so concurrent requests from one address on two instances are counted one after the other by the row's lock.
 * When the database does not answer, the request is allowed (a limiter never makes the register unavailable) and
 * `onError` is told.
 */
export const databaseRateLimits = (
  db: Kysely<Database>,
  officeCode: string,
  options: { readonly now?: () => number; readonly onError?: (error: unknown) => void } = {},
): RateLimitStore => {
  const now = options.now ?? Date.now;
  return {
    kind: "database",
    async take(name, key, limit, windowMs) {
      const at = Math.floor(now());
      const interval = windowMs / limit;
      const tolerance = windowMs - interval;
      try {
        const { rows } = await sql<{ tat: string | number; allowed: boolean }>`
          insert into rate_limits (office_code, name, key, tat)
          values (${officeCode}, ${name}, ${key}, ${Math.ceil(at + interval)})
          on conflict (office_code, name, key) do update
            set tat = greatest(rate_limits.tat, ${at}::bigint) + ${Math.ceil(interval)}::bigint
            where greatest(rate_limits.tat, ${at}::bigint) - ${at}::bigint <= ${Math.floor(tolerance)}::bigint
          returning tat`.execute(db);
        if (rows.length > 0) return 0;
        const found = await db
          .selectFrom("rate_limits")
          .select("tat")
          .where("office_code", "=", officeCode)
          .where("name", "=", name)
          .where("key", "=", key)
          .executeTakeFirst();
        const wait = Number(found?.tat ?? at) - at - tolerance;
        return wait > 0 ? Math.ceil(wait) : 1;
      } catch (error) {
        options.onError?.(error);
        return 0;
      }
    },
  };
};

/** Forgets the buckets that are full again (the housekeeping job): a full bucket is the same as no row. */
export const forgetFullBuckets = async (db: Kysely<Database>, now: number): Promise<number> => {
  const result = await db.deleteFrom("rate_limits").where("tat", "<=", Math.floor(now)).executeTakeFirst();
  return Number(result.numDeletedRows);
};

export interface RateLimiter {
  /** Takes one request from `key`'s bucket: 0 when allowed, else the milliseconds until one is. */
  take(key: string): number;
  readonly size: number;
}

/** A token bucket per key (generic cell rate algorithm): `limit` requests refilling over `windowMs`. */
export const makeRateLimiter = (options: Omit<RateLimitOptions, "name" | "key">): RateLimiter => {
  const { limit, windowMs, maxKeys = 100_000, now = Date.now } = options;
  if (!(limit >= 1) || !(windowMs >= 1)) throw new Error("a rate limit needs a limit and a window of at least 1");
  const interval = windowMs / limit;
  const tolerance = windowMs - interval;
  /** Per key: the time its bucket is full again (insertion order: oldest first). */
  const full = new Map<string, number>();
  let swept = now();
  const sweep = (at: number) => {
    swept = at;
    for (const [key, time] of full) if (time <= at) full.delete(key);
    // Still too many (a flood of addresses): forget the oldest, which are the nearest to full anyway.
    for (const key of full.keys()) {
      if (full.size <= maxKeys * 0.9) break;
      full.delete(key);
    }
  };
  return {
    take(key) {
      const at = now();
      if (full.size >= maxKeys || at - swept >= windowMs) sweep(at);
      const tat = Math.max(full.get(key) ?? at, at);
      const wait = tat - at - tolerance;
      if (wait > 0) return Math.ceil(wait);
      full.delete(key); // re-inserted last: the map stays ordered by last use
      full.set(key, tat + interval);
      return 0;
    },
    get size() {
      return full.size;
    },
  };
};

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** The 429 problem, with `Retry-After` in seconds. */
export const tooManyRequests = (c: Context, options: RateLimitOptions, waitMs: number): Response => {
  const retryAfter = seconds(waitMs);
  c.header("retry-after", String(retryAfter));
  return sendProblem(
    c,
    problem(
      429,
      "too-many-requests",
      "Too many requests",
      `More than ${options.limit} ${options.name} requests in ${seconds(options.windowMs)} seconds from this address; try again in ${retryAfter} second${retryAfter === 1 ? "" : "s"}.`,
      { limit: options.limit, windowSeconds: seconds(options.windowMs), retryAfter, rateLimit: options.name },
    ),
  );
};

/**
 * A middleware allowing `limit` requests per `windowMs` per client address (the bucket refills continuously), and
 * answering 429 with `Retry-After` beyond. Each call makes its own buckets: make it once per route or group.
 */
export const rateLimit = (options: RateLimitOptions): MiddlewareHandler => {
  const store = options.store ?? memoryRateLimits(options);
  const key = options.key ?? ((c: Context) => addressKey(c.get("clientAddress") ?? clientAddress(c)));
  return async (c, next) => {
    const wait = await store.take(options.name, key(c), options.limit, options.windowMs);
    if (wait > 0) return tooManyRequests(c, options, wait);
    await next();
  };
};
