/**
 * A Madrid designation's public page: the international registration as it stands in this office (decision 0692).
 * What the public may see comes from the Designations service (no examiner, no reasons, no drafts); the page adds
 * the way to WIPO's own record of the international registration.
 */
import { I18n } from "@ipoffice/ui-components";
import { renderClassStatusList } from "@ipoffice/ui-components/ssr";
import { html, raw } from "hono/html";
import type { PublicDesignation } from "../madrid/Designations.js";
import { badge, basicMarksText, categoryLabel, ruleText, statusLabel } from "../madrid/pages.js";
import { bdi, ltr } from "../pages/bidi.js";
import { href, layout, type PageContext } from "../pages/layout.js";

const date = (p: PageContext, iso: string | undefined) =>
  iso ? html`<span class="ipo-num">${I18n.formatDate(p.lang, `${iso.slice(0, 10)}T00:00:00Z`)}</span>` : "";

/** WIPO's Madrid Monitor page of an international registration. */
export const madridMonitorUrl = (irNumber: string): string =>
  `https://www3.wipo.int/madrid/monitor/en/showData.jsp?ID=ROM.${encodeURIComponent(irNumber)}`;

export const designationPage = (p: PageContext, d: PublicDesignation) => {
  const row = (label: string, value: unknown) =>
    value === undefined || value === null || value === "" ? "" : html`<dt>${label}</dt><dd>${value}</dd>`;
  const basic = basicMarksText(d.basic);
  const title = p.t("madrid.record.title", { irn: d.irNumber });
  const party = (x: { readonly name: string; readonly country?: string | undefined }) =>
    html`${bdi(x.name)}${x.country ? html` <span class="ipo-muted">(${ltr(x.country)})</span>` : ""}`;
  const body = html`
<p><a href="${href(p, "/search")}">${p.t("nav.records")}</a></p>
<h1>${title}${d.mark.verbalElement ? html` — <bdi>${d.mark.verbalElement}</bdi>` : ""} ${badge(p, d.status)}</h1>
<p class="ipo-muted">${p.t("madrid.public.intro")} <a href="${madridMonitorUrl(d.irNumber)}" rel="external noopener">${p.t("madrid.public.monitor")}</a></p>
<section class="ipo-card" aria-labelledby="data"><h2 id="data">${p.t("madrid.record.data")}</h2>
<dl class="ipo-dl">
${row(p.t("madrid.status"), html`${statusLabel(p, d.status)} <span class="ipo-muted">(${date(p, d.statusDate)})</span>`)}
${row(p.t("madrid.irn"), html`<span dir="ltr">${d.irNumber}</span>`)}
${row(p.t("madrid.record.irDate"), date(p, d.irDate))}
${row(p.t("madrid.record.category"), categoryLabel(p, d.designationCategory))}
${row(p.t("madrid.origin"), html`<span dir="ltr">${d.officeOfOrigin}</span>`)}
${row(p.t("madrid.notified"), date(p, d.notificationDate))}
${row(p.t("madrid.timeLimit"), html`${date(p, d.refusalTimeLimit.limit)} <span class="ipo-muted">(${ruleText(p, d.refusalTimeLimit.rule)})</span>`)}
${row(p.t("madrid.record.expiry"), date(p, d.expiryDate))}
${row(
  p.t("madrid.holder"),
  // Several holders in their order; one is a name, not a list whose "1." an RTL page shows as ".1".
  d.holders.length === 1 && d.holders[0]
    ? party(d.holders[0])
    : html`<ol>${d.holders.map((h) => html`<li>${party(h)}</li>`)}</ol>`,
)}
${row(p.t("madrid.record.representative"), d.representative ? party(d.representative) : "")}
${row(p.t("madrid.record.basic"), basic ? html`<span dir="ltr">${basic}</span>` : "")}
</dl></section>
<section class="ipo-card" aria-labelledby="goods"><h2 id="goods">${p.t("madrid.record.goods")}</h2>
${raw(renderClassStatusList({ classes: d.goodsAndServices, lang: p.lang, headingLevel: 3 }))}</section>
<section class="ipo-card" aria-labelledby="history"><h2 id="history">${p.t("record.history")}</h2>
<div class="ipo-table-wrap"><table class="ipo-table"><thead><tr><th scope="col">${p.t("record.when")}</th><th scope="col">${p.t("record.from")}</th><th scope="col">${p.t("record.to")}</th><th scope="col">${p.t("record.standardStatus")}</th></tr></thead>
<tbody>${[...d.history]
    .reverse()
    .map(
      (e) =>
        html`<tr><td>${date(p, e.at)}</td><td>${e.fromStatus ? statusLabel(p, e.fromStatus) : "—"}</td><td>${statusLabel(p, e.toStatus)}</td><td>${ltr(e.standardCode)}</td></tr>`,
    )}</tbody></table></div></section>`;
  return layout(p, { title, current: "search", body });
};
