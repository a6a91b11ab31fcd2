/**
 * Audit entries for what happens over HTTP outside the rights service (sign-ins, sign-outs, accounts and tokens):
 * the actor is the request's principal (or anonymous), with the client's address.
 */
import type { Context } from "hono";
import type { AreaContext } from "../Area.js";
import type { Principal } from "../auth/Accounts.js";
import { principalOf } from "../http/access.js";
import { clientAddress } from "../http/client.js";
import { appendAudit } from "./Audit.js";
import type { AuditEntry } from "./chain.js";

/** Appends an entry for this request; a failure to write it is logged and does not undo what was done. */
export const auditRequest = async (
  ctx: AreaContext,
  c: Context,
  entry: Omit<AuditEntry, "actorKind" | "actorId" | "address"> & { readonly actor?: Principal | undefined },
): Promise<void> => {
  const principal = entry.actor ?? principalOf(c);
  const { actor: _actor, ...rest } = entry;
  try {
    await appendAudit(
      ctx.db,
      ctx.config.office.code,
      {
        ...rest,
        actorKind: principal === undefined ? "anonymous" : principal.kind,
        actorId: principal?.id ?? "anonymous",
        address: clientAddress(c) ?? null,
      },
      ctx.now(),
    );
  } catch (error) {
    ctx.logger.error({ err: error, action: entry.action }, "audit entry not written");
  }
};
