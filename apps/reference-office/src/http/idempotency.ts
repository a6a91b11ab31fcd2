/**
 * `Idempotency-Key` on the API's writes (decision 0698; the IETF HTTPAPI draft "The Idempotency-Key HTTP Header
 * Field"): a client that sends a POST or PATCH with a key and loses the answer (a timeout, an instance stopped) sends
 * the same request with the same key again, to any instance, and gets the answer the first one got instead of a
 * second filing.
 *
 * - The key is the caller's (the token or account), 1 to 255 visible ASCII characters; kept 24 hours.
 * - First use: the key is recorded as in progress (one insert, so two instances racing on one key cannot both run),
 *   the request runs, and its answer (status, body, content type, location) is recorded. A 5xx is not recorded: the
 *   key is freed and the request may be sent again.
 * - Same key, same request (method, path and body), answered: the recorded answer, with `Idempotent-Replayed: true`.
 * - Same key, still in progress: 409 with `Retry-After`. Its instance holds it for `lockMs`; an instance that died
 *   with it is replaced by the next request after that. (The request it was running either committed or not; in the
 *   rare case it committed and died before recording the answer, the request runs again.)
 * - Same key, another request: 422.
 * Requests without the header are not touched.
 */
import { createHash } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { Kysely } from "kysely";
import { principalOf } from "./access.js";
import type { Database } from "../db/schema.js";
import { problem, sendProblem } from "./problem.js";

/** How long a key is kept (ms). */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 3_600_000;
const KEY = /^[\x21-\x7e]{1,255}$/;

export interface IdempotencyOptions {
  readonly db: Kysely<Database>;
  readonly officeCode: string;
  /** Paths whose bodies stream (uploads with their own limit): not covered. */
  readonly except?: (path: string) => boolean;
  /** How long an instance holds a key while it answers (ms, default 60 s). */
  readonly lockMs?: number;
  readonly now?: () => Date;
}

export const idempotencyKeys = (options: IdempotencyOptions): MiddlewareHandler => {
  const { db, officeCode } = options;
  const lockMs = options.lockMs ?? 60_000;
  const now = options.now ?? (() => new Date());
  return async (c, next) => {
    const key = c.req.header("idempotency-key");
    if (key === undefined || (c.req.method !== "POST" && c.req.method !== "PATCH")) return next();
    if (options.except?.(c.req.path)) return next();
    if (!KEY.test(key)) {
      return sendProblem(
        c,
        problem(400, "invalid-idempotency-key", "Invalid Idempotency-Key", "1 to 255 visible ASCII characters", {
          errors: [{ path: "header.idempotency-key", message: "1 to 255 visible ASCII characters" }],
        }),
      );
    }
    const principal = principalOf(c);
    // Anonymous writes (none today on the API) have no caller to scope a key to.
    if (principal === undefined) return next();
    const caller = `${principal.kind}:${principal.id}`;
    const body = await c.req.text();
    const fingerprint = createHash("sha256").update(`${c.req.method} ${c.req.path}\n${body}`).digest("hex");
    const at = now();
    const lockedUntil = new Date(at.getTime() + lockMs);

    // Claim the key: a new key, one whose instance let go of it long ago, or one older than the time keys are kept.
    const claimed = await db
      .insertInto("idempotency_keys")
      .values({ office_code: officeCode, caller, key, fingerprint, created_at: at, locked_until: lockedUntil })
      .onConflict((oc) =>
        oc
          .columns(["office_code", "caller", "key"])
          .doUpdateSet({ fingerprint, created_at: at, locked_until: lockedUntil })
          .where((eb) =>
            eb.or([
              eb.and([eb("idempotency_keys.status", "is", null), eb("idempotency_keys.locked_until", "<", at)]),
              eb("idempotency_keys.created_at", "<", new Date(at.getTime() - IDEMPOTENCY_KEY_TTL_MS)),
            ]),
          ),
      )
      .returning("fingerprint")
      .executeTakeFirst();
    if (claimed === undefined) {
      const found = await db
        .selectFrom("idempotency_keys")
        .select(["fingerprint", "status", "content_type", "location", "body"])
        .where("office_code", "=", officeCode)
        .where("caller", "=", caller)
        .where("key", "=", key)
        .executeTakeFirst();
      if (found !== undefined && found.fingerprint !== fingerprint) {
        return sendProblem(
          c,
          problem(
            422,
            "idempotency-key-reused",
            "Idempotency-Key used for another request",
            "This key was sent before with another method, path or body; use a new key for a new request.",
          ),
        );
      }
      if (found === undefined || found.status === null) {
        c.header("retry-after", "1");
        return sendProblem(
          c,
          problem(
            409,
            "idempotency-key-in-progress",
            "Request in progress",
            "A request with this key is being answered; send it again in a moment.",
          ),
        );
      }
      const headers: Record<string, string> = { "idempotent-replayed": "true" };
      if (found.content_type) headers["content-type"] = found.content_type;
      if (found.location) headers.location = found.location;
      return c.body(found.body ?? "", found.status as 200, headers);
    }
    let recorded = false;
    try {
      await next();
      if (c.res.status < 500) {
        const text = await c.res.clone().text();
        await db
          .updateTable("idempotency_keys")
          .where("office_code", "=", officeCode)
          .where("caller", "=", caller)
          .where("key", "=", key)
          .set({
            status: c.res.status,
            content_type: c.res.headers.get("content-type"),
            location: c.res.headers.get("location"),
            body: text,
          })
          .execute();
        recorded = true;
      }
    } finally {
      if (!recorded)
        await db
          .deleteFrom("idempotency_keys")
          .where("office_code", "=", officeCode)
          .where("caller", "=", caller)
          .where("key", "=", key)
          .execute()
          .catch(() => undefined);
    }
  };
};
