/**
 * The actor recorded on events: always the signed-in account or the token of the request, never a header or form
 * field. An account with several roles acts, for a workflow action, under the first of its roles the action allows.
 */
import type { Actor, Workflow } from "@ipoffice/domain";
import type { Context } from "hono";
import { principalOf } from "../http/access.js";
import type { Principal } from "./Accounts.js";

/** The principal of a request the access middleware has let through to a route that needs one. */
export const requirePrincipal = (c: Context): Principal => {
  const principal = principalOf(c);
  // The access middleware answers 401 before a handler that needs a permission runs; reaching here without one is a
  // route declared public that calls this, which is a programming error.
  if (principal === undefined) throw new Error(`route ${c.req.method} ${c.req.path} needs a signed-in caller`);
  return principal;
};

/** The actor for an action of a workflow: the first of the principal's roles the action allows, else its first role. */
export const actorFor = (
  principal: Principal,
  workflow?: Workflow.Definition,
  actionId?: string,
  preferred: ReadonlyArray<string> = [],
): Actor.Actor => {
  const allowed = workflow?.actions.find((a) => a.id === actionId)?.roles ?? preferred;
  const role = principal.roles.find((r) => allowed.includes(r)) ?? principal.roles[0] ?? "anonymous";
  return { id: principal.id, role, name: principal.name.slice(0, 300) };
};
