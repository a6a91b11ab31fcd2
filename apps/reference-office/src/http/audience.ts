/**
 * Who a request reads the register as. Every public read (the register pages, the public API, invoices and receipts)
 * asks here and passes the answer to the rights service; the back office names `staff` itself.
 *
 * `staff` for a signed-in account or API token of the office that may read the whole register (`register.read`),
 * from the session or token, never from a header the caller chooses; `public` for everyone else, who read only what
 * the office's publication rule makes public.
 */
import type { Context } from "hono";
import type { Audience } from "../rights/Rights.js";
import { principalOf } from "./access.js";

export type { Audience } from "../rights/Rights.js";

export const audienceOf = (c: Context): Audience =>
  principalOf(c)?.permissions.has("register.read") === true ? "staff" : "public";
