/**
 * The publish portal's home page: the office, a search box, and the register in four graphs (top 10 applicants, Nice
 * class distribution, technology distribution by IPC section, filings per year and kind), each a server-rendered SVG
 * with the same numbers in a table, like the Madrid dashboard (decision 0642). The figures come from the search
 * engine's counters (`Statistics.read`): a few indexed rows, never an aggregation of the register per view.
 */
import { I18n } from "@ipoffice/ui-components";
import type { Statistics } from "@ipoffice/search";
import { html, raw } from "hono/html";
import { barChart, horizontalBarChart } from "../madrid/charts.js";
import { kindsOf } from "../config/OfficeConfig.js";
import { href, layout, type PageContext } from "../pages/layout.js";
import { portalStyles } from "./styles.js";
import type { PageMessageKey as PageKey } from "../pages/messages.js";

type Figures = Statistics.Statistics;

const IPC_SECTIONS = ["A", "B", "C", "D", "E", "F", "G", "H"] as const;

const table = (p: PageContext, headers: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string | number>>) =>
  html`<details class="ipo-figures"><summary>${p.t("home.table")}</summary><table class="ipo-table">
<thead><tr>${headers.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
<tbody>${rows.map(
    (r) =>
      html`<tr>${r.map((cell, i) =>
        i === 0
          ? html`<th scope="row"><bdi>${cell}</bdi></th>`
          : html`<td>${typeof cell === "number" ? I18n.formatNumber(p.lang, cell) : cell}</td>`,
      )}</tr>`,
  )}</tbody></table></details>`;

const card = (id: string, title: string, svg: string, figures: unknown, empty: boolean, p: PageContext) =>
  html`<section class="ipo-card" aria-labelledby="${id}"><h2 id="${id}">${title}</h2>${
    empty
      ? html`<p class="ipo-muted">${p.t("home.noFigures")}</p>`
      : html`<figure style="margin:0">${raw(svg)}</figure>${figures}`
  }</section>`;

/** `latestIssue`: the id of the gazette's current issue, linked from the page. */
export const homePage = (p: PageContext, figures: Figures, latestIssue: string) => {
  const rtl = p.dir === "rtl";
  const fmt = (n: number) => I18n.formatNumber(p.lang, n);
  const officeName = p.config.office.names[p.lang] ?? p.config.office.names[p.config.office.defaultLanguage] ?? "";
  const total = figures.byKind.reduce((n, k) => n + k.count, 0);

  const applicants = figures.topApplicants.map((a) => ({ label: a.label, value: a.count }));
  const classes = figures.byNiceClass
    .map((c) => ({ label: c.key, value: c.count }))
    .sort((a, b) => Number(a.label) - Number(b.label));
  const sections = IPC_SECTIONS.map((s) => ({
    label: s,
    value: figures.byIpcSection.find((x) => x.key === s)?.count ?? 0,
  }));
  const years = [...new Set(figures.filingsPerYear.map((f) => f.year))].sort((a, b) => a - b).slice(-15);
  const perYear = years.map((y) => ({
    label: String(y),
    value: figures.filingsPerYear.filter((f) => f.year === y).reduce((n, f) => n + f.count, 0),
  }));
  const kinds = kindsOf(p.config);
  const kindsFiled = kinds.filter((k) => figures.filingsPerYear.some((f) => f.kind === k));

  const body = html`<h1>${officeName}</h1>
<p class="ipo-lead">${
    // An office of fewer kinds names its own (the GCC office: patents and industrial designs).
    kinds.length === 4
      ? p.t("home.lead", { total: fmt(total) })
      : p.t("home.leadKinds", {
          total: fmt(total),
          kinds: new Intl.ListFormat(p.lang, { type: "conjunction" }).format(
            kinds.map((k) => p.t(`kind.${k}` as PageKey)),
          ),
        })
  }</p>
<form class="ipo-search" method="get" action="${href(p, "/search")}" role="search">
<input type="hidden" name="lang" value="${p.lang}">
<label for="home-q">${p.t("home.searchLabel")}</label>
<div class="ipo-search__row"><input id="home-q" name="q" type="search" maxlength="200" dir="auto" autocomplete="off" placeholder="${p.t("home.searchHint")}">
<button class="ipo-button" type="submit">${p.t("records.search")}</button></div>
<p class="ipo-muted"><a href="${href(p, "/search/advanced")}">${p.t("home.advanced")}</a> · <a href="${href(p, "/records")}">${p.t("nav.records")}</a> · <a href="${href(p, `/gazette/${latestIssue}`)}">${p.t("gazette.latest")}</a></p>
</form>
<ul class="ipo-kinds" aria-label="${p.t("home.byKind")}">${kindsOf(p.config).map((k) => {
    const n = figures.byKind.find((x) => x.key === k)?.count ?? 0;
    return html`<li><a href="${href(p, "/search", { kind: k })}"><span class="ipo-figure">${fmt(n)}</span> ${p.t(`kind.${k}` as PageKey)}</a></li>`;
  })}</ul>
<div class="madrid-grid">
${card(
  "home-applicants",
  p.t("home.applicants"),
  horizontalBarChart(applicants, { title: p.t("home.applicants"), rtl, format: fmt }),
  table(
    p,
    [p.t("records.owner"), p.t("home.rights")],
    applicants.map((a) => [a.label, a.value]),
  ),
  applicants.length === 0,
  p,
)}
${
  !kinds.includes("trademark")
    ? ""
    : card(
        "home-classes",
        p.t("home.classes"),
        barChart(classes, { title: p.t("home.classes"), rtl, format: fmt, width: 720 }),
        table(
          p,
          [p.t("home.class"), p.t("home.rights")],
          classes.map((c) => [c.label, c.value]),
        ),
        classes.length === 0,
        p,
      )
}
${
  !kinds.includes("patent") && !kinds.includes("utility_model")
    ? ""
    : card(
        "home-technology",
        p.t("home.technology"),
        horizontalBarChart(
          sections.map((s) => ({ label: `${s.label} · ${p.t(`ipc.${s.label}` as PageKey)}`, value: s.value })),
          { title: p.t("home.technology"), rtl, format: fmt },
        ),
        table(
          p,
          [p.t("home.ipcSection"), p.t("home.rights")],
          sections.map((s) => [`${s.label} ${p.t(`ipc.${s.label}` as PageKey)}`, s.value]),
        ),
        sections.every((s) => s.value === 0),
        p,
      )
}
${card(
  "home-filings",
  p.t("home.filings"),
  barChart(perYear, { title: p.t("home.filings"), rtl, format: fmt }),
  table(
    p,
    [p.t("home.year"), ...kindsFiled.map((k) => p.t(`kind.${k}` as PageKey))],
    years.map((y) => [
      String(y),
      ...kindsFiled.map((k) => figures.filingsPerYear.find((f) => f.year === y && f.kind === k)?.count ?? 0),
    ]),
  ),
  perYear.length === 0,
  p,
)}
</div>`;
  return layout(p, { title: officeName, current: "home", body, styles: portalStyles });
};
