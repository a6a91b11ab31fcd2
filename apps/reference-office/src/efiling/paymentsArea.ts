/**
 * Area `efiling-payments` (issue 11 §4, decision 0607): paying from the e-filing portal. The holder of a receipt's
 * link pays the filing's invoice from the receipt (`/file/receipt/{number}/pay`); an applicant or agent sees the
 * invoices of its filings with what is owed and the receipts (`/efiling/invoices`), pays one online, and reads it as
 * PDF. Only where the office runs the e-filing portal and charges fees; payments go through the office's gateway
 * (`fees.gateway`), whose notification alone moves money.
 */
import { Effect, Result } from "effect";
import { type Context, Hono } from "hono";
import type { Area, AreaContext } from "../Area.js";
import { hasProduct } from "../config/OfficeConfig.js";
import { pdfResponse } from "../fees/api.js";
import { feesDeps, paymentsFor } from "../fees/area.js";
import { getInvoice } from "../fees/FeesService.js";
import { filerAccess, publicAccess, requireFiler } from "../http/access.js";
import { pageContext } from "../pages/layout.js";
import { notFoundPage } from "../pages/records.js";
import { Rights } from "../rights/Rights.js";
import { noticePage } from "./accountPages.js";
import { messagePage } from "./pages.js";
import { invoicesPage, paymentNotice, payRefusedPage } from "./payPages.js";
import { receiptKeys } from "./receiptKeys.js";

const createPaymentPages = (ctx: AreaContext) => {
  const app = new Hono();
  const { holds: holdsReceipt } = receiptKeys(ctx);
  const unavailable = (c: Context) => {
    const p = pageContext(c, ctx.config);
    return c.html(noticePage(p, p.t("efiling.unavailable.title"), p.t("efiling.unavailable")), 503);
  };

  // Paying the filing's invoice from its receipt: only the holder of the receipt's link (its key), as for reading it.
  app.post("/file/receipt/:number/pay", async (c) => {
    const p = pageContext(c, ctx.config);
    const number = c.req.param("number");
    const key = c.req.query("key");
    const payments = paymentsFor(ctx);
    if (!holdsReceipt(number, key) || payments === undefined) return c.html(notFoundPage(p), 404);
    const started = await ctx.run(
      Effect.gen(function* () {
        const right = yield* Rights.use((r) => r.get(number, { audience: "staff" }));
        const invoice = yield* payments.filingInvoice(right.applicationNumber);
        if (invoice === undefined) return undefined;
        return yield* payments.start(invoice.number, {
          returnPath: `/file/receipt/${encodeURIComponent(number)}?lang=${encodeURIComponent(p.lang)}&key=${encodeURIComponent(key ?? "")}`,
          language: p.lang,
          startedBy: `receipt:${number.slice(0, 64)}`,
        });
      }),
    );
    if (Result.isSuccess(started) && started.success !== undefined) return c.redirect(started.success.redirect, 303);
    if (Result.isSuccess(started) || started.failure._tag === "RightNotFound") return c.html(notFoundPage(p), 404);
    if (started.failure._tag === "PaymentNotPossible") return c.html(payRefusedPage(p, started.failure.reason), 409);
    return c.html(messagePage(p, p.t("efiling.unavailable.title"), p.t("efiling.unavailable")), 503);
  });

  // The account's invoices (those covering its filings), what is owed, receipts; paying one online (issue 11 §4).
  app.get("/efiling/invoices", async (c) => {
    const p = pageContext(c, ctx.config);
    const payments = paymentsFor(ctx);
    if (payments === undefined) return c.html(invoicesPage(p, { invoices: [], online: false }));
    const me = requireFiler(c);
    const got = await ctx.run(payments.accountInvoices(me.id));
    if (Result.isFailure(got)) return unavailable(c);
    const asked = c.req.query("payment");
    const session = asked === undefined ? undefined : await ctx.run(payments.session(asked));
    const shown =
      session !== undefined && Result.isSuccess(session)
        ? got.success.find((i) => i.number === session.success.invoice)
        : undefined;
    if (asked !== undefined) c.header("cache-control", "no-store");
    return c.html(
      invoicesPage(p, {
        invoices: got.success,
        online: payments.gateway !== undefined,
        notice:
          shown !== undefined && session !== undefined && Result.isSuccess(session)
            ? paymentNotice(p, session.success, shown)
            : undefined,
      }),
    );
  });

  app.post("/efiling/invoices/:number/pay", async (c) => {
    const p = pageContext(c, ctx.config);
    const payments = paymentsFor(ctx);
    if (payments === undefined) return c.html(payRefusedPage(p, "no-gateway"), 409);
    const me = requireFiler(c);
    const number = c.req.param("number");
    const started = await ctx.run(
      Effect.gen(function* () {
        // Another account's invoice reads as unknown: never started, never confirmed to exist.
        if (!(yield* payments.accountOwns(me.id, number))) return undefined;
        return yield* payments.start(number, {
          returnPath: `/efiling/invoices?lang=${encodeURIComponent(p.lang)}`,
          language: p.lang,
          startedBy: `filer:${me.id}`,
        });
      }),
    );
    if (Result.isSuccess(started))
      return started.success === undefined
        ? c.html(payRefusedPage(p, "unknown"), 404)
        : c.redirect(started.success.redirect, 303);
    if (started.failure._tag === "PaymentNotPossible") return c.html(payRefusedPage(p, started.failure.reason), 409);
    return unavailable(c);
  });

  app.get("/efiling/invoices/:number/pdf", async (c) => {
    const p = pageContext(c, ctx.config);
    const deps = feesDeps(ctx);
    const payments = paymentsFor(ctx);
    if (deps === undefined || payments === undefined) return c.html(notFoundPage(p), 404);
    const number = c.req.param("number");
    const owns = await ctx.run(payments.accountOwns(requireFiler(c).id, number));
    if (Result.isFailure(owns)) return unavailable(c);
    if (!owns.success) return c.html(notFoundPage(p), 404);
    const got = await getInvoice(deps, number);
    if (Result.isFailure(got))
      return got.failure._tag === "InvoiceNotFound" ? c.html(notFoundPage(p), 404) : unavailable(c);
    return pdfResponse(c, got.success, deps);
  });

  return app;
};

export const filerPaymentsArea: Area = {
  name: "efiling-payments",
  enabled: (config) => hasProduct(config, "e-filing") && config.fees !== undefined,
  pages: createPaymentPages,
  pageRoutes: [
    {
      method: "post",
      path: "/file/receipt/{number}/pay",
      access: publicAccess,
      summary: "Pay the filing's invoice online (the holder of the receipt's link only: its key)",
    },
    { method: "get", path: "/efiling/invoices", access: filerAccess, summary: "My invoices, what is owed, receipts" },
    {
      method: "post",
      path: "/efiling/invoices/{number}/pay",
      access: filerAccess,
      summary: "Pay one of my invoices online through the office's gateway",
    },
    {
      method: "get",
      path: "/efiling/invoices/{number}/pdf",
      access: filerAccess,
      summary: "One of my invoices as PDF",
    },
  ],
};
