/**
 * The gazette (issue 10): what the office published in each issue, as WIPO Publish and the offices' own gazettes list
 * it: applications published (INID 450 for marks, 43 for patents), registrations and grants, renewals and other
 * recordals, and the international registrations designating the office (Madrid Protocol art. 3bis, notified under
 * Common Regulations Rule 24). Issues are months or ISO weeks (`gazette.period`). Each section links to the records.
 */
import { Document as Doc } from "@ipoffice/documents";
import { Userdoc } from "@ipoffice/domain";
import { I18n } from "@ipoffice/ui-components";
import { html } from "hono/html";
import type { NotifiedDesignation } from "../madrid/Designations.js";
import { href, layout, type PageContext } from "../pages/layout.js";
import { isPageKey } from "../pages/messages.js";
import type { GazetteRecordal, GazetteRight, GazetteSection } from "../rights/RightsRepository.js";
import type { Issue } from "./issues.js";

/** Most entries a section lists on its page; past it the page says how many more and links to the search. */
export const sectionLimit = 500;

/** Most entries a section holds in the issue's PDF, which is the issue as a whole (past it, it says how many). */
export const pdfSectionLimit = 20_000;

export interface GazetteIssue {
  readonly issue: Issue;
  readonly previous?: Issue | undefined;
  /** Absent for the current issue (the next one has not begun). */
  readonly next?: Issue | undefined;
  readonly published: GazetteSection<GazetteRight>;
  readonly registered: GazetteSection<GazetteRight>;
  readonly recordals: GazetteSection<GazetteRecordal>;
  /** Absent for an office without the Madrid desk. */
  readonly madrid?: GazetteSection<NotifiedDesignation> | undefined;
}

const date = (p: PageContext, iso: string) =>
  html`<span class="ipo-num">${I18n.formatDate(p.lang, iso.length > 10 ? iso : `${iso}T00:00:00Z`)}</span>`;

const kindText = (p: PageContext, kind: string) => {
  const key = `kind.${kind}`;
  return isPageKey(key) ? p.t(key) : kind;
};

const userdocText = (p: PageContext, id: string) => {
  const labels = Userdoc.types.find((t) => t.id === id)?.labels as Record<string, string> | undefined;
  return labels?.[p.lang] ?? labels?.en ?? id;
};

const recordLink = (p: PageContext, r: { readonly st13: string; readonly applicationNumber: string }) =>
  html`<a href="${href(p, `/records/${r.st13}`)}" dir="ltr">${r.applicationNumber}</a>`;

/** "N of M shown", with the search that lists them all, when a section holds more than the page shows. */
const more = (p: PageContext, section: GazetteSection<unknown>, search?: string) =>
  section.total > section.items.length
    ? html`<p class="ipo-muted">${p.t("gazette.more", {
        shown: I18n.formatNumber(p.lang, section.items.length),
        total: I18n.formatNumber(p.lang, section.total),
      })}${search ? html` <a href="${href(p, search)}">${p.t("records.search")}</a>` : ""}</p>`
    : "";

const none = (p: PageContext) => html`<p class="ipo-muted">${p.t("gazette.none")}</p>`;

const rightsTable = (p: PageContext, section: GazetteSection<GazetteRight>, registered: boolean) =>
  section.items.length === 0
    ? none(p)
    : html`<div class="ipo-table-wrap"><table class="ipo-table"><thead><tr><th scope="col">${p.t("record.when")}</th><th scope="col">${p.t("records.number")}</th>${registered ? html`<th scope="col">${p.t("gazette.registrationNumber")}</th>` : ""}<th scope="col">${p.t("records.kind")}</th><th scope="col">${p.t("records.name")}</th><th scope="col">${p.t("records.owner")}</th></tr></thead>
<tbody>${section.items.map(
        (r) =>
          html`<tr><td>${date(p, r.date)}</td><td>${recordLink(p, r)}</td>${registered ? html`<td dir="ltr">${r.registrationNumber ?? ""}</td>` : ""}<td>${kindText(p, r.kind)}</td><td><bdi>${r.title ?? ""}</bdi></td><td><bdi>${r.ownerNames}</bdi></td></tr>`,
      )}</tbody></table></div>`;

const recordalsTable = (p: PageContext, section: GazetteSection<GazetteRecordal>) =>
  section.items.length === 0
    ? none(p)
    : html`<div class="ipo-table-wrap"><table class="ipo-table"><thead><tr><th scope="col">${p.t("record.when")}</th><th scope="col">${p.t("record.recordal")}</th><th scope="col">${p.t("records.number")}</th><th scope="col">${p.t("records.name")}</th><th scope="col">${p.t("records.owner")}</th></tr></thead>
<tbody>${section.items.map(
        (r) =>
          html`<tr><td>${date(p, r.at)}</td><td>${userdocText(p, r.userdoc)}</td><td>${recordLink(p, r)}</td><td><bdi>${r.title ?? ""}</bdi></td><td><bdi>${r.ownerNames}</bdi></td></tr>`,
      )}</tbody></table></div>`;

const madridTable = (p: PageContext, section: GazetteSection<NotifiedDesignation>) =>
  section.items.length === 0
    ? none(p)
    : html`<div class="ipo-table-wrap"><table class="ipo-table"><thead><tr><th scope="col">${p.t("madrid.notified")}</th><th scope="col">${p.t("madrid.irn")}</th><th scope="col">${p.t("madrid.record.irDate")}</th><th scope="col">${p.t("madrid.mark")}</th><th scope="col">${p.t("madrid.holder")}</th><th scope="col">${p.t("madrid.origin")}</th><th scope="col">${p.t("record.classes")}</th></tr></thead>
<tbody>${section.items.map(
        (d) =>
          html`<tr><td>${date(p, d.notificationDate)}</td><td><a href="${href(p, `/international/${d.irNumber}`)}" dir="ltr">${d.irNumber}</a></td><td>${date(p, d.irDate)}</td><td><bdi>${d.mark ?? ""}</bdi></td><td><bdi>${d.holder}</bdi></td><td dir="ltr">${d.officeOfOrigin}</td><td dir="ltr">${d.classes.join(", ")}</td></tr>`,
      )}</tbody></table></div>`;

/** "Issue 2026-10", the id isolated left to right (U+2066 … U+2069) so an Arabic title does not show "10-2026". */
const issueTitle = (p: PageContext, issue: Issue) => p.t("gazette.issue", { issue: `\u2066${issue.id}\u2069` });

const period = (p: PageContext, issue: Issue) =>
  html`${p.t("gazette.from")} ${date(p, issue.from)} ${p.t("gazette.to")} ${date(p, issue.to)}`;

export const gazetteIssuePage = (p: PageContext, g: GazetteIssue) => {
  const { issue } = g;
  const range = (prefix: string) => `${prefix}From=${issue.from}&${prefix}To=${issue.to}`;
  const title = `${p.t("gazette.title")} — ${issueTitle(p, issue)}`;
  const nav = html`<nav class="ipo-pager" aria-label="${p.t("gazette.issues")}">${
    g.previous
      ? html`<a class="ipo-button ipo-button--secondary" rel="prev" href="${href(p, `/gazette/${g.previous.id}`)}">${p.t("gazette.previous")}</a>`
      : ""
  } <a href="${href(p, "/gazette")}">${p.t("gazette.issues")}</a> ${
    g.next
      ? html`<a class="ipo-button ipo-button--secondary" rel="next" href="${href(p, `/gazette/${g.next.id}`)}">${p.t("gazette.next")}</a>`
      : ""
  }</nav>`;
  const body = html`
<h1>${title}</h1>
<p class="ipo-muted">${period(p, issue)} · <a href="${href(p, `/gazette/${issue.id}/pdf`)}" type="application/pdf" dir="ltr" translate="no">PDF</a></p>
${nav}
<section class="ipo-card" aria-labelledby="published"><h2 id="published">${p.t("gazette.published")} <span class="ipo-muted">(${I18n.formatNumber(p.lang, g.published.total)})</span></h2>
${rightsTable(p, g.published, false)}${more(p, g.published, `/search?${range("published")}`)}</section>
<section class="ipo-card" aria-labelledby="registered"><h2 id="registered">${p.t("gazette.registered")} <span class="ipo-muted">(${I18n.formatNumber(p.lang, g.registered.total)})</span></h2>
${rightsTable(p, g.registered, true)}${more(p, g.registered, `/search?${range("registered")}`)}</section>
<section class="ipo-card" aria-labelledby="recordals"><h2 id="recordals">${p.t("gazette.recordals")} <span class="ipo-muted">(${I18n.formatNumber(p.lang, g.recordals.total)})</span></h2>
${recordalsTable(p, g.recordals)}${more(p, g.recordals)}</section>
${
  g.madrid
    ? html`<section class="ipo-card" aria-labelledby="madrid"><h2 id="madrid">${p.t("gazette.madrid")} <span class="ipo-muted">(${I18n.formatNumber(p.lang, g.madrid.total)})</span></h2>
${madridTable(p, g.madrid)}${more(p, g.madrid)}</section>`
    : ""
}
${nav}`;
  return layout(p, { title, current: "search", body });
};

/**
 * The issue as one PDF (`@ipoffice/documents`): the same sections as the page, every entry up to
 * {@link pdfSectionLimit}, in the page's language and direction.
 */
export const gazetteDocument = (p: PageContext, g: GazetteIssue): Doc.Document => {
  const officeName = p.config.office.names[p.lang] ?? p.config.office.names[p.config.office.defaultLanguage] ?? "";
  const day = (iso: string) => Doc.isolate(I18n.formatDate(p.lang, iso.length > 10 ? iso : `${iso}T00:00:00Z`));
  const v = (text: string | null | undefined) => Doc.isolate(text ?? "");
  const heading = (key: Parameters<PageContext["t"]>[0], total: number) =>
    ({ kind: "heading", text: `${p.t(key)} (${I18n.formatNumber(p.lang, total)})` }) as const;
  const tail = (section: GazetteSection<unknown>): ReadonlyArray<Doc.Block> =>
    section.items.length === 0
      ? [{ kind: "paragraph", text: p.t("gazette.none") }]
      : section.total > section.items.length
        ? [
            {
              kind: "paragraph",
              text: p.t("gazette.more", {
                shown: I18n.formatNumber(p.lang, section.items.length),
                total: I18n.formatNumber(p.lang, section.total),
              }),
            },
          ]
        : [];
  const rights = (section: GazetteSection<GazetteRight>, registered: boolean): ReadonlyArray<Doc.Block> => [
    ...(section.items.length === 0
      ? []
      : [
          {
            kind: "table" as const,
            columns: [
              { label: p.t("record.when"), width: 14 },
              { label: p.t("records.number"), width: 18 },
              ...(registered ? [{ label: p.t("gazette.registrationNumber"), width: 12 }] : []),
              { label: p.t("records.kind"), width: 12 },
              { label: p.t("records.name"), width: 24 },
              { label: p.t("records.owner"), width: 24 },
            ],
            rows: section.items.map((r) => ({
              cells: [
                day(r.date),
                v(r.applicationNumber),
                ...(registered ? [v(r.registrationNumber)] : []),
                kindText(p, r.kind),
                v(r.title),
                v(r.ownerNames),
              ],
            })),
          },
        ]),
    ...tail(section),
  ];
  const blocks: Doc.Block[] = [
    // The id isolated as the documents package isolates values (first strong isolate), which its layout reads.
    { kind: "title", text: `${p.t("gazette.title")} — ${p.t("gazette.issue", { issue: Doc.isolate(g.issue.id) })}` },
    { kind: "paragraph", text: `${p.t("gazette.from")} ${day(g.issue.from)} ${p.t("gazette.to")} ${day(g.issue.to)}` },
    heading("gazette.published", g.published.total),
    ...rights(g.published, false),
    heading("gazette.registered", g.registered.total),
    ...rights(g.registered, true),
    heading("gazette.recordals", g.recordals.total),
    ...(g.recordals.items.length === 0
      ? []
      : [
          {
            kind: "table" as const,
            columns: [
              { label: p.t("record.when"), width: 14 },
              { label: p.t("record.recordal"), width: 24 },
              { label: p.t("records.number"), width: 18 },
              { label: p.t("records.name"), width: 22 },
              { label: p.t("records.owner"), width: 22 },
            ],
            rows: g.recordals.items.map((r) => ({
              cells: [day(r.at), userdocText(p, r.userdoc), v(r.applicationNumber), v(r.title), v(r.ownerNames)],
            })),
          },
        ]),
    ...tail(g.recordals),
  ];
  if (g.madrid) {
    blocks.push(heading("gazette.madrid", g.madrid.total));
    if (g.madrid.items.length > 0)
      blocks.push({
        kind: "table",
        columns: [
          { label: p.t("madrid.notified"), width: 14 },
          { label: p.t("madrid.irn"), width: 12 },
          { label: p.t("madrid.record.irDate"), width: 14 },
          { label: p.t("madrid.mark"), width: 18 },
          { label: p.t("madrid.holder"), width: 22 },
          { label: p.t("madrid.origin"), width: 8 },
          { label: p.t("record.classes"), width: 12 },
        ],
        rows: g.madrid.items.map((d) => ({
          cells: [
            day(d.notificationDate),
            v(d.irNumber),
            day(d.irDate),
            v(d.mark),
            v(d.holder),
            v(d.officeOfOrigin),
            v(d.classes.join(", ")),
          ],
        })),
      });
    blocks.push(...tail(g.madrid));
  }
  return {
    language: p.lang,
    direction: Doc.directionOf(p.lang),
    title: `${p.t("gazette.title")} — ${g.issue.id}`,
    header: officeName,
    footer: `${p.t("gazette.title")} ${Doc.isolate(g.issue.id)}`,
    blocks,
  };
};

export const gazetteIndexPage = (p: PageContext, issues: ReadonlyArray<Issue>) => {
  const title = p.t("gazette.title");
  const body = html`
<h1>${title}</h1>
<p>${p.t("gazette.lead")}</p>
<section class="ipo-card" aria-labelledby="issues"><h2 id="issues">${p.t("gazette.issues")}</h2>
<ul>${issues.map(
    (issue) =>
      html`<li><a href="${href(p, `/gazette/${issue.id}`)}">${issueTitle(p, issue)}</a> <span class="ipo-muted">(${period(p, issue)})</span></li>`,
  )}</ul></section>`;
  return layout(p, { title, current: "search", body });
};
