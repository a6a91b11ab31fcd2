/**
 * The client's network address: the socket's peer, or the first address of `X-Forwarded-For` when the office says a
 * proxy it trusts sits in front (`TRUST_PROXY=true`). Used for sign-in throttling and the audit trail.
 */
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";

export const clientAddress = (c: Context, trustProxy = process.env.TRUST_PROXY === "true"): string | undefined => {
  if (trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded && /^[0-9a-fA-F:.]{2,45}$/.test(forwarded)) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address;
  } catch {
    // Not served by the Node adapter (tests calling app.request): no socket, no address.
    return undefined;
  }
};
