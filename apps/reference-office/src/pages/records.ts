/**
 * The public register: a search form with a list of records, and a record page with bibliographic data (labelled
 * with INID codes), parties with their addresses, per-class status, the opposition period while it runs, recordals and
 * proceedings, and status history. Plain HTML first.
 */
import { type Event, Inid, type Publication, Userdoc, type Workflow } from "@ipoffice/domain";
import { I18n, PageStyles } from "@ipoffice/ui-components";
import { renderClassStatusList, renderStatusBadge } from "@ipoffice/ui-components/ssr";
import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { type IpKind, IpKind as IpKindSchema } from "../config/OfficeConfig.js";
import type { RightSummary } from "../rights/RightsRepository.js";
import { backArrow, bdi, languageName, ltr } from "./bidi.js";
import { href, layout, type PageContext, switchToRegister } from "./layout.js";
import { isPageKey } from "./messages.js";

/** A label for a value that comes from data (a role, a mark type), or the value itself when none is written. */
const dataText = (p: PageContext, key: string, fallback: string): string => (isPageKey(key) ? p.t(key) : fallback);

const date = (p: PageContext, iso: string | null | undefined) =>
  iso ? I18n.formatDate(p.lang, iso.length > 10 ? iso : `${iso}T00:00:00Z`) : "";

/**
 * A standard legal status: an ST.96 mark status category by its label in the page's language (the standard's own
 * wording in English), with the standard named; another code (an ST.27 event such as `A10`) as the code it is.
 */
export const standardStatusText = (p: PageContext, code: string, standard?: string) => {
  const key = `st96.${code.toLowerCase().replace(/ /g, "-")}`;
  return (standard === undefined || standard === "ST.96") && isPageKey(key)
    ? html`${p.t(key)}${standard ? html` <span class="ipo-muted">(${ltr(standard)})</span>` : ""}`
    : ltr(standard ? `${standard}: ${code}` : code);
};

/** The office status as the workflow labels it, in the page language. */
export const stateLabel = (p: PageContext, workflow: Workflow.Definition | undefined, status: string): string => {
  const state = workflow?.states.find((s) => s.id === status);
  const labels = state?.labels as Record<string, string> | undefined;
  return labels?.[p.lang] ?? labels?.en ?? status;
};

const statusBadge = (p: PageContext, workflow: Workflow.Definition | undefined, status: string) =>
  html`<span class="ipo-badge ${PageStyles.badgeClass(status)}">${stateLabel(p, workflow, status)}</span>`;

export interface RecordsPageInput {
  readonly items: ReadonlyArray<RightSummary>;
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly query: { kind?: string | undefined; status?: string | undefined; q?: string | undefined };
  readonly workflows: Record<IpKind, Workflow.Definition>;
}

export const recordsPage = (
  p: PageContext,
  input: RecordsPageInput,
  base: "/records" | "/office/records" = "/records",
) => {
  const pages = Math.max(1, Math.ceil(input.total / input.pageSize));
  const statuses = [
    ...new Map(
      Object.values(input.workflows)
        .flatMap((w) => w.states.map((s) => [s.id, stateLabel(p, w, s.id)] as const))
        .map(([id, label]) => [id, label]),
    ),
  ];
  const body = html`
<h1>${p.t("records.title")}</h1>
<form class="ipo-card" method="get" action="${base}" role="search">
  <input type="hidden" name="lang" value="${p.lang}">
  <div style="display:grid;gap:var(--ipo-space-3,0.75rem);grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));align-items:end">
    <div class="ipo-field"><label for="q">${p.t("records.query")}</label>
      <input id="q" name="q" type="search" value="${input.query.q ?? ""}" maxlength="200"></div>
    <div class="ipo-field"><label for="kind">${p.t("records.kind")}</label>
      <select id="kind" name="kind"><option value="">${p.t("records.any")}</option>
      ${IpKindSchema.literals.map((k) => html`<option value="${k}" ${input.query.kind === k ? raw("selected") : ""}>${p.t(`kind.${k}`)}</option>`)}
      </select></div>
    <div class="ipo-field"><label for="status">${p.t("records.status")}</label>
      <select id="status" name="status"><option value="">${p.t("records.any")}</option>
      ${statuses.map(([id, label]) => html`<option value="${id}" ${input.query.status === id ? raw("selected") : ""}>${label}</option>`)}
      </select></div>
    <div><button class="ipo-button" type="submit">${p.t("records.search")}</button></div>
  </div>
</form>
<p class="ipo-muted" role="status">${p.t("records.count", { total: I18n.formatNumber(p.lang, input.total) })}</p>
${
  input.items.length === 0
    ? html`<p>${p.t("records.none")}</p>`
    : html`<div class="ipo-table-wrap"><table class="ipo-table">
<thead><tr><th scope="col">${p.t("records.number")}</th><th scope="col">${p.t("records.kind")}</th><th scope="col">${p.t("records.name")}</th><th scope="col">${p.t("records.owner")}</th><th scope="col">${p.t("records.filed")}</th><th scope="col">${p.t("records.status")}</th><th scope="col">${p.t("records.classes")}</th></tr></thead>
<tbody>
${input.items.map(
  (r) => html`<tr>
<td><a href="${href(p, `${base}/${r.st13}`)}" dir="ltr">${r.applicationNumber}</a></td>
<td>${p.t(`kind.${r.kind as IpKind}`)}</td>
<td>${bdi(r.title)}</td>
<td>${bdi(r.owners)}</td>
<td class="ipo-num">${date(p, r.filingDate)}</td>
<td>${statusBadge(p, input.workflows[r.kind as IpKind], r.status)}</td>
<td>${r.classes.map((c) => html`<span class="ipo-badge ${PageStyles.badgeClass(c.status)}" title="${I18n.statusLabel(p.lang, c.status)}">${c.classNumber}</span> `)}</td>
</tr>`,
)}
</tbody></table></div>
<nav class="ipo-pagination" aria-label="${p.t("records.page", { page: input.page, pages })}">
${input.page > 1 ? html`<a class="ipo-button ipo-button--secondary" rel="prev" href="${href(p, base, { ...input.query, page: input.page - 1 })}">${p.t("records.previous")}</a>` : ""}
<span>${p.t("records.page", { page: I18n.formatNumber(p.lang, input.page), pages: I18n.formatNumber(p.lang, pages) })}</span>
${input.page < pages ? html`<a class="ipo-button ipo-button--secondary" rel="next" href="${href(p, base, { ...input.query, page: input.page + 1 })}">${p.t("records.next")}</a>` : ""}
</nav>`
}`;
  return layout(p, { title: p.t("records.title"), current: base === "/records" ? "records" : "office", body });
};

const inidLabel = (p: PageContext, kind: IpKind, field: Inid.Field, fallback: string) => {
  const inid = Inid.inidFor(kind, field);
  const label = inid ? ((inid.label as unknown as Record<string, string>)[p.lang] ?? inid.label.en) : fallback;
  return html`${inid ? html`<span class="ipo-muted" dir="ltr">(${inid.code})</span> ` : ""}${label}`;
};

const row = (p: PageContext, kind: IpKind, field: Inid.Field, fallback: string, value: unknown) =>
  value === undefined || value === null || value === ""
    ? ""
    : html`<dt>${inidLabel(p, kind, field, fallback)}</dt><dd>${value}</dd>`;

interface ListedParty {
  readonly name: string;
  readonly country?: string | undefined;
  readonly share?: number | undefined;
  readonly address?:
    | {
        readonly street?: string | undefined;
        readonly city?: string | undefined;
        readonly postalCode?: string | undefined;
        readonly region?: string | undefined;
        readonly country: string;
      }
    | undefined;
}

/** A party's address on one line, as the register publishes it (INID 731/732, 71/73, 74/740 name and address). */
const addressLine = (a: NonNullable<ListedParty["address"]>) =>
  [a.street, [a.postalCode, a.city].filter(Boolean).join(" "), a.region, a.country]
    .filter((part) => part !== undefined && part !== "")
    .join(", ");

const party = (o: ListedParty) =>
  html`${bdi(o.name)}${o.country ? html` <span class="ipo-muted">(${ltr(o.country)})</span>` : ""}${o.share ? html` — ${ltr(`${o.share}%`)}` : ""}${o.address ? html`<br><span class="ipo-muted">${bdi(addressLine(o.address))}</span>` : ""}`;

/**
 * A national phase entry's PCT data: the international application and its filing date (INID 86), the international
 * publication (INID 87), and the date the application entered the national phase.
 */
const pctRows = (
  p: PageContext,
  kind: IpKind,
  pct: {
    readonly applicationNumber: string;
    readonly filingDate: string;
    readonly publicationNumber?: string | undefined;
    readonly publicationDate?: string | undefined;
    readonly nationalPhaseEntryDate?: string | undefined;
  },
) => html`${row(p, kind, "pct.applicationNumber", p.t("adv.pct"), html`<span dir="ltr">${pct.applicationNumber}</span> (${date(p, pct.filingDate)})`)}
${pct.publicationNumber ? row(p, kind, "pct.publicationNumber", p.t("adv.pct"), html`<span dir="ltr">${pct.publicationNumber}</span>${pct.publicationDate ? html` (${date(p, pct.publicationDate)})` : ""}`) : ""}
${pct.nationalPhaseEntryDate ? html`<dt>${p.t("record.nationalPhase")}</dt><dd>${date(p, pct.nationalPhaseEntryDate)}</dd>` : ""}`;

/** Parties in their order; one is a name, not a list whose "1." a right-to-left page shows as ".1". */
const parties = (list: ReadonlyArray<ListedParty> | undefined) =>
  list === undefined || list.length === 0
    ? ""
    : list.length === 1 && list[0]
      ? party(list[0])
      : html`<ol>${list.map((o) => html`<li>${party(o)}</li>`)}</ol>`;

/** Recordals (licences, pledges…) and proceedings (oppositions…) on the right, as the register publishes them. */
const recordalsSection = (p: PageContext, right: Publication.PublicRight) => {
  const recordals = right.recordals ?? [];
  const proceedings = right.proceedings ?? [];
  if (recordals.length === 0 && proceedings.length === 0) return "";
  return html`<section class="ipo-card" aria-labelledby="recordals"><h2 id="recordals">${p.t("record.recordals")}</h2>
${
  recordals.length === 0
    ? ""
    : html`<div class="ipo-table-wrap"><table class="ipo-table"><thead><tr><th scope="col">${p.t("record.when")}</th><th scope="col">${p.t("record.recordal")}</th><th scope="col">${p.t("record.parties")}</th><th scope="col">${p.t("records.status")}</th></tr></thead>
<tbody>${recordals.map(
        (r) =>
          html`<tr><td class="ipo-num">${date(p, r.date)}</td><td>${dataText(p, `recordal.${r.type}`, r.type)}${r.number ? html` <span class="ipo-muted" dir="ltr">${r.number}</span>` : ""}</td><td>${parties(r.parties)}</td><td>${p.t(r.active ? "record.recordal.active" : "record.recordal.ended")}</td></tr>`,
      )}</tbody></table></div>`
}
${
  proceedings.length === 0
    ? ""
    : html`<div class="ipo-table-wrap"><table class="ipo-table"><thead><tr><th scope="col">${p.t("record.when")}</th><th scope="col">${p.t("record.proceeding")}</th><th scope="col">${p.t("record.parties")}</th><th scope="col">${p.t("record.classes")}</th><th scope="col">${p.t("records.status")}</th></tr></thead>
<tbody>${proceedings.map(
        (x) =>
          html`<tr><td class="ipo-num">${date(p, x.openedOn)}</td><td>${dataText(p, `proceeding.${x.type}`, x.type)}${x.number ? html` <span class="ipo-muted" dir="ltr">${x.number}</span>` : ""}</td><td>${parties(x.parties)}</td><td dir="ltr">${(x.classes ?? []).join(", ")}</td><td>${x.closedOn ? p.t("record.proceeding.closed", { date: date(p, x.closedOn) }) : p.t("record.proceeding.open")}${x.outcome ? html` — <bdi>${x.outcome}</bdi>` : ""}</td></tr>`,
      )}</tbody></table></div>`
}</section>`;
};

/** While the opposition period runs (its time limit is pending), the page says until when anyone may oppose. */
const oppositionNotice = (p: PageContext, right: Publication.PublicRight) =>
  right.timeLimit?.action === "close_opposition_period"
    ? html`<p class="ipo-card" role="note"><strong>${p.t("record.oppositionOpen", { date: date(p, right.timeLimit.due) })}</strong></p>`
    : "";

/** An event as the page shows it: staff events carry who acted and why; public ones do not (Publication.publicEvent). */
type HistoryEvent = Event.RightEvent | Publication.PublicEvent;

const isStaffEvent = (e: HistoryEvent): e is Event.RightEvent => "actor" in e;

/** The status history: date, action, statuses and the standard code; staff also see who acted and why. */
const historyTable = (p: PageContext, workflow: Workflow.Definition, events: ReadonlyArray<HistoryEvent>) => {
  const staff = events.some(isStaffEvent);
  return html`<div class="ipo-table-wrap"><table class="ipo-table"><thead><tr><th scope="col">${p.t("record.when")}</th><th scope="col">${p.t("record.action")}</th><th scope="col">${p.t("record.from")}</th><th scope="col">${p.t("record.to")}</th><th scope="col">${p.t("record.standardStatus")}</th>${staff ? html`<th scope="col">${p.t("record.by")}</th><th scope="col">${p.t("record.reason")}</th>` : ""}</tr></thead>
<tbody>${events.map((e) => {
    const action = workflow.actions.find((a) => a.id === e.action);
    // A workflow action or a userdoc as their data label them; the filing, an import or a national phase entry
    // (events outside the workflow's actions) from the catalog.
    const labels = (action?.labels ?? Userdoc.types.find((t) => t.id === e.action)?.labels) as
      | Record<string, string>
      | undefined;
    const actionLabel = labels?.[p.lang] ?? labels?.en ?? dataText(p, `event.${e.action}`, e.action);
    const who = isStaffEvent(e)
      ? html`<td>${dataText(p, `role.${e.actor.role}`, e.actor.role)}</td><td>${bdi(e.reason)}</td>`
      : staff
        ? html`<td></td><td></td>`
        : "";
    return html`<tr><td class="ipo-num">${date(p, e.at.slice(0, 10))}</td><td>${actionLabel}</td><td>${e.fromStatus ? stateLabel(p, workflow, e.fromStatus) : "—"}</td><td>${stateLabel(p, workflow, e.toStatus)}</td><td>${e.standardCode ? standardStatusText(p, e.standardCode) : ""}</td>${who}</tr>`;
  })}</tbody></table></div>`;
};

/**
 * A record page. The right and its events come as the reader's audience sees them (the rights service projects
 * them for the public), so the page shows whatever it is given.
 */
export const recordPage = (
  p: PageContext,
  right: Publication.PublicRight,
  events: ReadonlyArray<HistoryEvent>,
  workflow: Workflow.Definition,
  /** Extra sections after the title (the back office adds its actions here). */
  extra?: HtmlEscapedString | Promise<HtmlEscapedString>,
  current: "records" | "office" = "records",
  /** Documents issued on the record (certificates, letters), listed with its history. */
  documents: ReadonlyArray<IssuedDocument> = [],
) => {
  const kind = right.kind;
  const title =
    right.kind === "trademark"
      ? (right.mark.text ?? right.applicationNumber)
      : (right.title ?? right.applicationNumber);
  const body = html`
<p><a href="${href(p, "/records")}">${backArrow(p.dir)} ${p.t("nav.records")}</a></p>
<h1>${bdi(title)} ${statusBadge(p, workflow, right.status)}</h1>
<p class="ipo-muted">${p.t("record.download")}: <a href="/records/${right.st13}/st96" type="application/xml" dir="ltr" translate="no">WIPO ST.96 XML</a></p>
${oppositionNotice(p, right)}
${extra ?? ""}
<section class="ipo-card" aria-labelledby="bib"><h2 id="bib">${p.t("record.bibliographic")}</h2>
<dl class="ipo-dl">
<dt>${p.t("records.kind")}</dt><dd>${p.t(`kind.${kind}`)}</dd>
${row(p, kind, "applicationNumber", p.t("records.number"), html`<span dir="ltr">${right.applicationNumber}</span>`)}
<dt>${p.t("record.st13")}</dt><dd><span dir="ltr">${right.st13}</span></dd>
${row(p, kind, "filingDate", p.t("records.filed"), date(p, right.filingDate))}
<dt>${p.t("record.status")}</dt><dd>${stateLabel(p, workflow, right.status)} <span class="ipo-muted">(${date(p, right.statusSince)})</span></dd>
${right.standardStatus ? html`<dt>${p.t("record.standardStatus")}</dt><dd>${standardStatusText(p, right.standardStatus.code, right.standardStatus.standard)}</dd>` : ""}
${row(p, kind, "registration.number", p.t("gazette.registrationNumber"), ltr(right.registration?.number))}
${row(p, kind, "registration.date", p.t("search.col.registered"), date(p, right.registration?.date))}
${row(p, kind, "expiryDate", p.t("search.col.expires"), date(p, right.expiryDate))}
${right.priorities.length > 0 ? row(p, kind, "priorities", p.t("efiling.section.priority"), ltr(right.priorities.map((x) => `${x.country} ${x.number} ${x.date}`).join("; "))) : ""}
${right.kind === "trademark" ? row(p, kind, "mark", p.t("madrid.mark"), bdi(right.mark.text)) : ""}
${right.kind === "trademark" ? html`<dt>${p.t("record.markType")}</dt><dd>${dataText(p, `markType.${right.mark.type}`, right.mark.type)} · ${dataText(p, `markCategory.${right.mark.category}`, right.mark.category)}</dd>` : ""}
${right.kind === "trademark" && right.mark.viennaCodes?.length ? row(p, kind, "mark.viennaCodes", p.t("adv.vienna"), ltr(right.mark.viennaCodes.join(", "))) : ""}
${right.kind !== "trademark" ? row(p, kind, "title", p.t("efiling.rightTitle"), bdi(right.title)) : ""}
${right.kind === "patent" || right.kind === "utility_model" ? row(p, kind, "ipc", p.t("efiling.ipc"), ltr(right.ipc.join(", "))) : ""}
${(right.kind === "patent" || right.kind === "utility_model") && right.pct ? pctRows(p, kind, right.pct) : ""}
${right.kind === "patent" || right.kind === "utility_model" ? row(p, kind, "abstract", p.t("efiling.abstract"), bdi(right.abstract)) : ""}
</dl></section>
<section class="ipo-card" aria-labelledby="parties"><h2 id="parties">${p.t("record.parties")}</h2>
<dl class="ipo-dl">
${row(p, kind, "owners", p.t("record.owners"), parties(right.owners))}
${row(p, kind, "representatives", p.t("record.representatives"), parties(right.representatives))}
${right.kind === "patent" || right.kind === "utility_model" ? row(p, kind, "inventors", p.t("record.inventors"), parties(right.inventors)) : ""}
${right.kind === "industrial_design" ? row(p, kind, "designers", p.t("record.designers"), parties(right.designers)) : ""}
</dl></section>
${
  right.kind === "trademark"
    ? html`<section class="ipo-card" aria-labelledby="gs"><h2 id="gs">${inidLabel(p, kind, "goodsAndServices", p.t("record.goods"))}</h2>
${raw(renderClassStatusList({ classes: right.goodsAndServices, lang: p.lang, headingLevel: 3 }))}</section>`
    : ""
}
${
  right.kind === "industrial_design"
    ? html`<section class="ipo-card" aria-labelledby="designs"><h2 id="designs">${p.t("record.designs")}</h2>
<div class="ipo-table-wrap"><table class="ipo-table"><thead><tr><th scope="col">#</th><th scope="col">${p.t("record.product")}</th><th scope="col">${p.t("record.locarno")}</th><th scope="col">${p.t("record.views")}</th><th scope="col">${p.t("records.status")}</th></tr></thead>
<tbody>${right.designs.map((d) => html`<tr><td>${d.number}</td><td>${bdi(d.product)}</td><td>${ltr(`LOC ${d.locarnoClass}`)}</td><td class="ipo-num">${d.views}</td><td>${raw(renderStatusBadge({ status: d.status ?? "pending", lang: p.lang }))}</td></tr>`)}</tbody></table></div></section>`
    : ""
}
${recordalsSection(p, right)}
<section class="ipo-card" aria-labelledby="history"><h2 id="history">${p.t("record.history")}</h2>
${historyTable(p, workflow, events)}
${documents.length > 0 ? documentsTable(p, right.st13, documents) : ""}</section>`;
  return layout(p, { title, current, body });
};

/** A document issued on a record, as its history lists it. */
export interface IssuedDocument {
  readonly id: string;
  readonly title: string;
  readonly language: string;
  readonly issuedAt: string;
  readonly issuedBy?: string | undefined;
}

const documentsTable = (p: PageContext, st13: string, documents: ReadonlyArray<IssuedDocument>) =>
  html`<h3 id="documents" style="margin-top:var(--ipo-space-4,1rem)">${p.t("record.documents")}</h3>
<div class="ipo-table-wrap"><table class="ipo-table" aria-labelledby="documents"><thead><tr><th scope="col">${p.t("record.when")}</th><th scope="col">${p.t("record.documents")}</th><th scope="col">${p.t("record.by")}</th></tr></thead>
<tbody>${documents.map(
    (d) =>
      html`<tr><td class="ipo-num">${date(p, d.issuedAt)}</td><td><a href="/api/v1/applications/${st13}/documents/${d.id}" type="application/pdf" lang="${d.language}" dir="auto">${d.title}</a> <span class="ipo-muted">(PDF, ${languageName(p.lang, d.language)})</span></td><td><bdi>${d.issuedBy ?? ""}</bdi></td></tr>`,
  )}</tbody></table></div>`;

/** The page for a record or path that does not exist; its language switch leads to the register, never back here. */
export const notFoundPage = (p: PageContext) =>
  layout(switchToRegister(p), {
    title: p.t("record.notFound"),
    body: html`<h1>${p.t("record.notFound")}</h1><p><a href="${href(p, "/records")}">${p.t("nav.records")}</a></p>`,
  });
