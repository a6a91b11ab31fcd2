/**
 * Paying from the e-filing portal (issue 11 §4, decision 0607): the invoice block of a filing's receipt with its
 * "Pay online" button, the applicant's or agent's invoices (`/efiling/invoices`), and what the return from the gateway
 * says. Server-rendered, without JavaScript; amounts and numbers isolated from the page's direction.
 */
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { badge, date, money } from "../fees/pages.js";
import type { AccountInvoice, PaymentSession } from "../fees/Payments.js";
import { csrfField, href, layout, type PageContext } from "../pages/layout.js";
import { isPageKey } from "../pages/messages.js";
import { filerCsrf, t } from "./accountPages.js";

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const stateLabel = (p: PageContext, state: string): string => {
  const key = `payments.state.${state}`;
  return isPageKey(key) ? p.t(key) : state;
};

/** What the return from the gateway says about a payment of this invoice. */
export const paymentNotice = (p: PageContext, session: PaymentSession, invoice: AccountInvoice | undefined): string => {
  switch (session.state) {
    case "paid":
      return invoice !== undefined && invoice.outstanding < session.amount
        ? t(p, "pay.result.paid", { number: session.invoice, state: stateLabel(p, invoice.state) })
        : t(p, "pay.result.pending");
    case "declined":
      return t(p, "pay.result.declined");
    case "expired":
      return t(p, "pay.result.expired");
    default:
      return t(p, "pay.result.open");
  }
};

/** The pay button (a form post, so it works without JavaScript), or why the office takes no payment online. */
export const payForm = (p: PageContext, invoice: AccountInvoice, action: string, online: boolean): Html =>
  invoice.outstanding <= 0
    ? html``
    : online
      ? html`<form method="post" action="${action}" class="ipo-actions">${filerCsrf(p)}${csrfField(p)}<button class="ipo-button" type="submit">${t(
          p,
          "pay.button",
          { amount: money(p, invoice.outstanding, invoice.currency) },
        )}</button></form>`
      : html`<p class="ipo-muted">${t(p, "pay.noGateway")}</p>`;

/** The invoice block of a filing's receipt. */
export const receiptInvoice = (
  p: PageContext,
  invoice: AccountInvoice,
  options: { readonly action: string; readonly online: boolean; readonly notice?: string | undefined },
): Html =>
  html`<section class="ipo-card" aria-labelledby="s-invoice" data-invoice="${invoice.number}">
<h2 id="s-invoice">${t(p, "invoices.number")} <bdi dir="ltr">${invoice.number}</bdi> ${badge(p, invoice.state)}</h2>
${options.notice ? html`<p role="status" class="ipo-notice">${options.notice}</p>` : ""}
<p>${t(p, "receipt.invoice", { number: invoice.number, owed: money(p, invoice.outstanding, invoice.currency) })}</p>
<p class="ipo-muted">${t(p, "invoices.due")} ${date(p, invoice.dueDate)}</p>
${payForm(p, invoice, options.action, options.online)}
</section>`;

/** `/efiling/invoices`: the account's invoices, what is owed, receipts, and a pay button per invoice owed. */
export const invoicesPage = (
  p: PageContext,
  input: {
    readonly invoices: ReadonlyArray<AccountInvoice>;
    readonly online: boolean;
    readonly notice?: string | undefined;
  },
) =>
  layout(p, {
    title: t(p, "invoices.title"),
    current: "my-filings",
    body: html`<h1>${t(p, "invoices.title")}</h1>
<p>${t(p, "invoices.intro")} <a href="${href(p, "/efiling/filings")}">${t(p, "nav.myFilings")}</a></p>
${input.notice ? html`<p role="status" class="ipo-notice">${input.notice}</p>` : ""}
${
  input.invoices.length === 0
    ? html`<p>${t(p, "invoices.none")}</p>`
    : html`<div class="ipo-table-wrap"><table class="ipo-table">
<thead><tr><th scope="col">${t(p, "invoices.number")}</th><th scope="col">${t(p, "invoices.issued")}</th><th scope="col">${t(
        p,
        "invoices.due",
      )}</th><th scope="col">${t(p, "invoices.filings")}</th><th scope="col">${t(p, "invoices.total")}</th><th scope="col">${t(
        p,
        "invoices.owed",
      )}</th><th scope="col">${t(p, "invoices.state")}</th><th scope="col">${t(p, "invoices.receipts")}</th><th scope="col"><span class="ipo-visually-hidden">${t(
        p,
        "pay.button",
        { amount: "" },
      )}</span></th></tr></thead>
<tbody>${input.invoices.map(
        (i) => html`<tr data-invoice="${i.number}">
<th scope="row"><a href="${href(p, `/efiling/invoices/${encodeURIComponent(i.number)}/pdf`)}" type="application/pdf"><bdi dir="ltr">${i.number}</bdi></a></th>
<td class="ipo-num">${date(p, i.issueDate)}</td>
<td class="ipo-num">${date(p, i.dueDate)}</td>
<td>${i.filings.map((n, k) => html`${k > 0 ? ", " : ""}<a href="${href(p, `/efiling/filings/${encodeURIComponent(n)}`)}"><bdi dir="ltr">${n}</bdi></a>`)}</td>
<td class="ipo-num"><bdi>${money(p, i.total, i.currency)}</bdi></td>
<td class="ipo-num"><bdi>${money(p, i.outstanding, i.currency)}</bdi></td>
<td>${badge(p, i.state)}</td>
<td>${i.receipts.map((r, k) => html`${k > 0 ? ", " : ""}<bdi dir="ltr">${r}</bdi>`)}</td>
<td>${payForm(p, i, `/efiling/invoices/${encodeURIComponent(i.number)}/pay?lang=${encodeURIComponent(p.lang)}`, input.online)}</td>
</tr>`,
      )}</tbody></table></div>`
}`,
  });

/** Why a payment could not be started, as a page. */
export const payRefusedPage = (p: PageContext, reason: "unknown" | "cancelled" | "settled" | "no-gateway") =>
  layout(p, {
    title: t(p, "pay.refused.title"),
    current: "my-filings",
    body: html`<h1>${t(p, "pay.refused.title")}</h1><p role="status">${
      reason === "no-gateway" ? t(p, "pay.noGateway") : t(p, `pay.refused.${reason}`)
    }</p><p><a href="${href(p, "/efiling/invoices")}">${t(p, "pay.backToInvoices")}</a></p>`,
  });
