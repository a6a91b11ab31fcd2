/**
 * The payment-tracking page (`/payments?payer=&lang=`): a payer's invoices with number, date, total, outstanding
 * amount and state badge, the payments under each, and links to the PDF. Server-rendered, readable without
 * JavaScript, English and Arabic (right to left).
 */
import { Money } from "@ipoffice/fees";
import { I18n } from "@ipoffice/ui-components";
import { html } from "hono/html";
import { isolate } from "../pages/bidi.js";
import { href, layout, type PageContext } from "../pages/layout.js";
import { isPageKey } from "../pages/messages.js";
import type { StoredInvoice } from "./FeesService.js";

const stateTone: Record<string, string> = {
  unpaid: "info",
  partially_paid: "warning",
  paid: "success",
  overpaid: "warning",
  refunded: "neutral",
  cancelled: "danger",
};

const label = (p: PageContext, key: string, fallback: string) => (isPageKey(key) ? p.t(key) : fallback);

export const money = (p: PageContext, amount: number, currency: string) => {
  try {
    return Money.format(amount, currency, I18n.locale(p.lang));
  } catch {
    return `${Money.toMajorString(amount, currency)} ${currency}`;
  }
};

export const date = (p: PageContext, iso: string) =>
  I18n.formatDate(p.lang, iso.length > 10 ? iso : `${iso}T00:00:00Z`);

export const badge = (p: PageContext, state: string) =>
  html`<span class="ipo-badge ipo-badge--${stateTone[state] ?? "neutral"}">${label(p, `payments.state.${state}`, state)}</span>`;

/** Wraps text from data in Unicode isolates (FSI … PDI) so a Latin name inside Arabic text keeps its order. */
export { isolate };

/** The link to an invoice's PDF (a page route, since a link cannot send `Accept: application/pdf`). */
export const pdfHref = (number: string, lang: string) =>
  `/payments/invoices/${encodeURIComponent(number)}.pdf?lang=${encodeURIComponent(lang)}`;

const invoiceCard = (p: PageContext, stored: StoredInvoice) => {
  const { invoice, balance } = stored;
  const reversed = new Set(stored.entries.flatMap((e) => (e.kind === "reversal" && e.reverses ? [e.reverses] : [])));
  return html`<section class="ipo-card" aria-labelledby="inv-${invoice.number}">
<h2 id="inv-${invoice.number}" style="margin-top:0;display:flex;flex-wrap:wrap;gap:0.5rem 1rem;align-items:center">
<span dir="ltr">${invoice.number}</span> ${badge(p, stored.state)}</h2>
<dl class="ipo-dl">
<dt>${p.t("payments.date")}</dt><dd class="ipo-num">${date(p, invoice.issueDate)}</dd>
<dt>${p.t("payments.total")}</dt><dd class="ipo-num"><bdi>${money(p, invoice.total, invoice.currency)}</bdi></dd>
<dt>${p.t("payments.outstanding")}</dt><dd class="ipo-num"><bdi>${money(p, balance.outstanding, invoice.currency)}</bdi></dd>
<dt>${p.t("payments.items")}</dt><dd>${invoice.groups.map(
    (g, i) =>
      html`${i > 0 ? ", " : ""}<a href="${href(p, `/records/${encodeURIComponent(g.reference)}`)}" dir="ltr">${g.reference}</a>`,
  )}</dd>
<dt>${p.t("payments.pdf")}</dt><dd><a href="${pdfHref(invoice.number, p.lang)}" type="application/pdf" dir="ltr">${invoice.number}.pdf</a>
<span class="ipo-muted">(${p.t("payments.pdfNote")})</span></dd>
</dl>
<h3 style="margin-top:var(--ipo-space-4,1rem)">${p.t("payments.payments")}</h3>
${
  stored.entries.length === 0
    ? html`<p class="ipo-muted">${p.t("payments.noPayments")}</p>`
    : html`<div class="ipo-table-wrap"><table class="ipo-table">
<thead><tr><th scope="col">${p.t("payments.date")}</th><th scope="col">${p.t("payments.kind")}</th><th scope="col">${p.t("payments.amount")}</th><th scope="col">${p.t("payments.receipt")}</th></tr></thead>
<tbody>${stored.entries.map(
        (e) => html`<tr>
<td>${date(p, e.at)}</td>
<td>${label(p, `payments.kind.${e.kind}`, e.kind)}${reversed.has(e.id) ? html` <span class="ipo-muted">(${p.t("payments.reversed")})</span>` : ""}</td>
<td class="ipo-num">${e.kind === "cancellation" ? "" : html`<bdi>${e.kind === "refund" ? "−" : ""}${money(p, e.amount, e.currency)}</bdi>`}</td>
<td>${e.receipt ? html`<a href="/api/v1/receipts/${encodeURIComponent(e.receipt)}" dir="ltr">${e.receipt}</a>` : ""}</td>
</tr>`,
      )}</tbody></table></div>`
}
</section>`;
};

export interface PaymentsPageInput {
  readonly payer: string | undefined;
  readonly invoices: ReadonlyArray<StoredInvoice>;
  readonly payers: ReadonlyArray<{ payer: string; invoices: number }>;
}

export const paymentsPage = (p: PageContext, input: PaymentsPageInput) => {
  const body = html`
<h1>${p.t("payments.title")}</h1>
<form class="ipo-card" method="get" action="/payments">
  <input type="hidden" name="lang" value="${p.lang}">
  <div style="display:flex;flex-wrap:wrap;gap:0.75rem;align-items:end">
    <div class="ipo-field" style="flex:1 1 18rem"><label for="payer">${p.t("payments.payer")}</label>
      <input id="payer" name="payer" type="search" dir="auto" value="${input.payer ?? ""}" maxlength="300" autocomplete="name"></div>
    <div><button class="ipo-button" type="submit">${p.t("payments.show")}</button></div>
  </div>
</form>
${
  input.payer === undefined
    ? html`<p>${p.t("payments.choose")}</p>
<ul>${input.payers.map(
        (x) =>
          html`<li><a href="${href(p, "/payments", { payer: x.payer })}"><bdi>${x.payer}</bdi></a> <span class="ipo-muted">(${I18n.formatNumber(p.lang, x.invoices)})</span></li>`,
      )}</ul>`
    : input.invoices.length === 0
      ? html`<p role="status">${p.t("payments.none", { payer: isolate(input.payer) })}</p>
${
  input.payers.length === 0
    ? ""
    : html`<p>${p.t("payments.similar")}</p>
<ul>${input.payers.map(
        (x) =>
          html`<li><a href="${href(p, "/payments", { payer: x.payer })}"><bdi>${x.payer}</bdi></a> <span class="ipo-muted">(${I18n.formatNumber(p.lang, x.invoices)})</span></li>`,
      )}</ul>`
}`
      : html`<p class="ipo-muted" role="status">${p.t("payments.count", {
          count: I18n.formatNumber(p.lang, input.invoices.length),
          payer: isolate(input.payer),
        })}</p>
${input.invoices.map((stored) => invoiceCard(p, stored))}`
}`;
  return layout(p, { title: p.t("payments.title"), current: "payments", body });
};
