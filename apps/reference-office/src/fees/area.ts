/**
 * The fees area: quotes, invoices, payments and receipts under `/api/v1`, and the payment-tracking page at
 * `/payments`. Inactive (no routes) when the office configuration has no `fees` section.
 */
import { Result, Schema } from "effect";
import { Hono } from "hono";
import type { Area, AreaContext } from "../Area.js";
import { audienceOf } from "../http/audience.js";
import { pageContext } from "../pages/layout.js";
import { Rights } from "../rights/Rights.js";
import { createFeesApi, type FeesApiDeps, invoicesFor, operations, pdfResponse } from "./api.js";
import { getInvoice, listInvoices } from "./FeesService.js";
import { type GatewaySecret, gatewaySecret, officeFees } from "./OfficeFees.js";
import { paymentsPage } from "./pages.js";
import { makePayments, type PaymentsShape, simulatorGateway } from "./Payments.js";
import { cashierApi, cashierOperations, cashierPageRoutes, cashierPages, withCashbook } from "./cashier.js";
import { needs } from "../http/access.js";

const secretValue = (secret: GatewaySecret): string | undefined =>
  secret._tag === "Missing" ? undefined : secret.value;

const depsByContext = new WeakMap<AreaContext, FeesApiDeps | undefined>();

/** The fees area's dependencies, made once per app. */
export const feesDeps = (ctx: AreaContext): FeesApiDeps | undefined => {
  if (depsByContext.has(ctx)) return depsByContext.get(ctx);
  const fees = officeFees(ctx.config);
  const deps =
    fees === undefined || ctx.config.fees === undefined
      ? undefined
      : ({
          db: ctx.db,
          fees,
          officeName: ctx.config.office.names.en ?? Object.values(ctx.config.office.names)[0] ?? fees.office,
          office: {
            names: ctx.config.office.names,
            languages: ctx.config.office.languages,
            defaultLanguage: ctx.config.office.defaultLanguage,
          },
          timeZone: ctx.config.office.timeZone,
          now: ctx.now,
          logger: ctx.logger,
          secret: secretValue(ctx.gatewaySecret ?? gatewaySecret(ctx.config.fees)),
          // A failed look-up shows no title: the public never sees more than the rule allows.
          visibleRights: async (numbers, audience) => {
            const got = await ctx.run(Rights.use((r) => r.visibleNumbers(numbers, { audience })));
            return Result.isSuccess(got) ? got.success : new Set<string>();
          },
        } satisfies FeesApiDeps);
  depsByContext.set(ctx, deps);
  return deps;
};

const paymentsByContext = new WeakMap<AreaContext, PaymentsShape | undefined>();

/**
 * Paying invoices online through the office's gateway (decision 0607), made once per app; undefined when the office
 * has no fees. Without a gateway (`fees.gateway`) or its secret, every start is refused `no-gateway`.
 */
export const paymentsFor = (ctx: AreaContext): PaymentsShape | undefined => {
  if (paymentsByContext.has(ctx)) return paymentsByContext.get(ctx);
  const deps = feesDeps(ctx);
  const payments =
    deps === undefined
      ? undefined
      : makePayments(deps, {
          gateway: ctx.config.fees?.gateway === "simulator" ? simulatorGateway : undefined,
          secret: deps.secret,
          paymentDays: ctx.config.fees?.paymentDays,
        });
  paymentsByContext.set(ctx, payments);
  return payments;
};

const PageQuery = Schema.Struct({
  payer: Schema.optional(Schema.String.check(Schema.isTrimmed(), Schema.isNonEmpty(), Schema.isMaxLength(300))),
});

export const feesArea: Area = {
  name: "fees",
  // An office without a `fees` section charges nothing through the app: no invoices, payments or their links.
  enabled: (config) => config.fees !== undefined,
  operations: [...operations, ...cashierOperations],
  pageRoutes: [
    ...cashierPageRoutes,
    { method: "get", path: "/payments", access: needs("fees.read"), summary: "Invoices and payments" },
    { method: "get", path: "/payments/invoices/{file}", access: needs("fees.read"), summary: "An invoice as PDF" },
  ],
  api: (ctx) => {
    const deps = feesDeps(ctx);
    if (deps === undefined) return new Hono();
    const api = createFeesApi(deps);
    api.route("/", cashierApi(ctx, deps.fees.office));
    return api;
  },
  pages: (ctx) => {
    const deps = feesDeps(ctx);
    const pages = new Hono();
    if (deps === undefined) return pages;
    pages.route("/", cashierPages(ctx, deps.fees.office));
    pages.get("/payments", async (c) => {
      const p = pageContext(c, ctx.config);
      const raw = c.req.query("payer")?.trim();
      const decoded = Schema.decodeUnknownResult(PageQuery)(raw ? { payer: raw } : {});
      const payer = Result.isSuccess(decoded) ? decoded.success.payer : undefined;
      // A name that is not exactly a payer's offers the payers whose names contain it (any case, accents, Arabic forms).
      const [invoices, payers] = await Promise.all([
        payer === undefined ? Promise.resolve(Result.succeed([])) : listInvoices(deps, payer),
        withCashbook(ctx, deps.fees.office, (book) => book.payers({ matching: payer })),
      ]);
      if (Result.isFailure(invoices) || Result.isFailure(payers)) {
        ctx.logger.error({ err: Result.isFailure(invoices) ? invoices.failure : undefined }, "payments page failed");
        return c.text("Payments are unavailable; try again shortly.", 503);
      }
      return c.html(paymentsPage(p, { payer, invoices: invoices.success, payers: payers.success }));
    });
    pages.get("/payments/invoices/:file{[A-Z0-9][A-Z0-9._\\-]{2,63}\\.pdf}", async (c) => {
      const got = await getInvoice(deps, c.req.param("file").slice(0, -4));
      if (Result.isFailure(got))
        return got.failure._tag === "InvoiceNotFound"
          ? c.text("No such invoice.", 404)
          : c.text("Invoices are unavailable; try again shortly.", 503);
      const [shown] = await invoicesFor(deps, audienceOf(c), [got.success]);
      return pdfResponse(c, shown ?? got.success, deps);
    });
    return pages;
  },
};
