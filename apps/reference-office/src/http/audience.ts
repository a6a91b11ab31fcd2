/**
 * Who a request reads the register as. Every public read (the register pages, the public API, invoices and receipts)
 * asks here and passes the answer to the rights service; the back office names `staff` itself.
 *
 * For now every request reads as the public: nobody signs in yet. When accounts arrive, this is the one place that
 * answers `staff` for a signed-in member of the office's staff (from the session or token, never from a header the
 * caller chooses), and every public route follows.
 */
import type { Context } from "hono";
import type { Audience } from "../rights/Rights.js";

export type { Audience } from "../rights/Rights.js";

export const audienceOf = (_c: Context): Audience => "public";
