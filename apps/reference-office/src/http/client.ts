/**
 * The client's network address as the rate limits see it (src/http/rateLimit.ts: the socket's, or with
 * `http.trustProxy` the address the outermost trusted proxy saw). Used for sign-in throttling and the audit trail;
 * undefined when there is no socket (tests calling `app.request`).
 */
import type { Context } from "hono";

export const clientAddress = (c: Context): string | undefined => {
  const address = c.get("clientAddress" as never) as string | undefined;
  return address === undefined || address === "unknown" ? undefined : address;
};
