/**
 * The local payment gateway simulator (decision 0607): the hosted payment page a real gateway would show, served by
 * the office at `/gateway-simulator/{session}` when `fees.gateway` is `simulator` (the demo's gateway). Paying there
 * signs the gateway notification with the office's secret and delivers it through the same verification and ledger as
 * a real gateway's webhook; declining closes the session with nothing charged. The session's unguessable id is the
 * capability, as a gateway's checkout address is.
 */
import { I18n } from "@ipoffice/ui-components";
import { Result } from "effect";
import { type Context, Hono } from "hono";
import { html } from "hono/html";
import type { Area, AreaContext } from "../Area.js";
import type { AccountKey } from "../efiling/accountMessages.js";
import { t } from "../efiling/accountPages.js";
import { publicAccess } from "../http/access.js";
import { isCrossSite, readForm } from "../http/request.js";
import { layout, type PageContext, pageContext } from "../pages/layout.js";
import { paymentsFor } from "./area.js";
import { money } from "./pages.js";
import type { PaymentSession } from "./Payments.js";

const stateKey = (state: PaymentSession["state"]): AccountKey => `sim.state.${state}`;

const time = (p: PageContext, iso: string) =>
  new Intl.DateTimeFormat(I18n.locale(p.lang), {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: p.config.office.timeZone,
  }).format(new Date(iso));

/** Where the payer goes back to, with the session so the office's page can say how it went. */
export const returnTo = (session: PaymentSession): string =>
  `${session.returnPath}${session.returnPath.includes("?") ? "&" : "?"}payment=${encodeURIComponent(session.id)}`;

const page = (p: PageContext, session: PaymentSession, message?: string) => {
  const payee = p.config.office.names[p.lang] ?? p.config.office.names.en ?? p.config.office.code;
  const amount = money(p, session.amount, session.currency);
  const action = `/gateway-simulator/${encodeURIComponent(session.id)}?lang=${encodeURIComponent(p.lang)}`;
  return layout(p, {
    title: t(p, "sim.title"),
    body: html`<h1>${t(p, "sim.title")}</h1>
<p class="ipo-notice" role="note">${t(p, "sim.warning")}</p>
${message ? html`<p class="ipo-error" role="alert">${message}</p>` : ""}
<section class="ipo-card" aria-labelledby="sim-summary">
<h2 id="sim-summary" style="margin-top:0"><bdi>${amount}</bdi></h2>
<dl class="ipo-dl">
<dt>${t(p, "sim.payee")}</dt><dd><bdi>${payee}</bdi></dd>
<dt>${t(p, "sim.invoice")}</dt><dd><bdi dir="ltr">${session.invoice}</bdi></dd>
<dt>${t(p, "sim.amount")}</dt><dd class="ipo-num"><bdi>${amount}</bdi></dd>
</dl>
${
  session.state === "open"
    ? html`<p>${t(p, "sim.expires", { time: time(p, session.expiresAt) })}</p>
<form method="post" action="${action}" class="ipo-actions">
<button class="ipo-button" type="submit" name="outcome" value="pay">${t(p, "sim.pay", { amount })}</button>
<button class="ipo-button ipo-button--secondary" type="submit" name="outcome" value="decline">${t(p, "sim.decline")}</button>
</form>`
    : html`<p role="status">${t(p, "sim.closed", { state: t(p, stateKey(session.state)) })}</p>
${
  session.state === "paid"
    ? html`<form method="post" action="${action}"><button class="ipo-button ipo-button--secondary" type="submit" name="outcome" value="pay">${t(p, "sim.resend")}</button></form>`
    : ""
}
<p><a href="${returnTo(session)}">${t(p, "sim.continue")}</a></p>`
}
</section>`,
  });
};

const createSimulatorPages = (ctx: AreaContext) => {
  const app = new Hono();
  const unavailable = (c: Context, p: PageContext) =>
    c.html(layout(p, { title: "503", body: html`<h1>503</h1>` }), 503);

  app.get("/gateway-simulator/:session", async (c) => {
    const p = pageContext(c, ctx.config);
    const payments = paymentsFor(ctx);
    if (payments === undefined) return c.notFound();
    const got = await ctx.run(payments.session(c.req.param("session")));
    if (Result.isFailure(got)) return got.failure._tag === "PaymentSessionNotFound" ? c.notFound() : unavailable(c, p);
    c.header("cache-control", "no-store");
    return c.html(page(p, got.success));
  });

  app.post("/gateway-simulator/:session", async (c) => {
    const p = pageContext(c, ctx.config);
    const payments = paymentsFor(ctx);
    if (payments === undefined) return c.notFound();
    if (isCrossSite(c)) return c.text("Cross-site form posts are refused.", 403);
    const form = await readForm(c, (c) => c.text("Not a form.", 400));
    if (Result.isFailure(form)) return form.failure;
    const outcome = form.success.outcome;
    if (outcome !== "pay" && outcome !== "decline") return c.text("outcome: pay or decline", 400);
    const done = await ctx.run(payments.simulate(c.req.param("session"), outcome));
    if (Result.isSuccess(done)) return c.redirect(returnTo(done.success.session), 303);
    const f = done.failure;
    switch (f._tag) {
      case "PaymentSessionNotFound":
        return c.notFound();
      case "PaymentSessionClosed": {
        const now = await ctx.run(payments.session(c.req.param("session")));
        return Result.isSuccess(now) ? c.html(page(p, now.success), 409) : unavailable(c, p);
      }
      case "NotificationNotApplied": {
        // The gateway took the money; the office refused or could not record it: say why, offer to send it again.
        ctx.logger.warn(
          { err: f.failure, session: c.req.param("session").slice(0, 40) },
          "simulated notification refused",
        );
        const now = await ctx.run(payments.session(c.req.param("session")));
        const reason = f.failure._tag === "NotificationRefused" ? f.failure.detail : "the office is unavailable";
        return Result.isSuccess(now)
          ? c.html(page(p, now.success, t(p, "sim.notApplied", { reason })), 502)
          : unavailable(c, p);
      }
      default:
        return unavailable(c, p);
    }
  });
  return app;
};

export const gatewaySimulatorArea: Area = {
  name: "gateway-simulator",
  // Only where the office pays through the simulator (the demo, or `fees.gateway: simulator`).
  enabled: (config) => config.fees?.gateway === "simulator",
  pages: createSimulatorPages,
  pageRoutes: [
    {
      method: "get",
      path: "/gateway-simulator/{session}",
      access: publicAccess,
      summary: "The payment gateway simulator's hosted payment page (the session id is the capability)",
    },
    {
      method: "post",
      path: "/gateway-simulator/{session}",
      access: publicAccess,
      summary: "Pay or decline on the simulator: paying delivers the signed notification to the office",
    },
  ],
};
