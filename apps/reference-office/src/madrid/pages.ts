/**
 * The Madrid desk's pages (`/madrid`): designations with a countdown to their time limit, a designation with its
 * goods and services per class, events, documents sent to the IB and the decision form; the import page with its
 * report; the dashboard. Plain HTML forms: everything works without JavaScript. `?lang=en|ar|fr`.
 */
import { I18n, PageStyles } from "@ipoffice/ui-components";
import { renderClassStatusList } from "@ipoffice/ui-components/ssr";
import { Designation } from "@ipoffice/madrid";
import { Result } from "effect";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { html, raw } from "hono/html";
import type { AreaContext } from "../Area.js";
import type { FieldIssue } from "../http/problem.js";
import { requirePrincipal } from "../auth/actor.js";
import { type FormBody, isCrossSite, readForm } from "../http/request.js";
import { decodeAll } from "../http/validate.js";
import { bdi, ltr } from "../pages/bidi.js";
import { href, layout, type PageContext, pageContext } from "../pages/layout.js";
import { isPageKey } from "../pages/messages.js";
import { IrParam, ListQuery, uploadProblem } from "./api.js";
import { barChart, horizontalBarChart, lineChart } from "./charts.js";
import { dashboard } from "./dashboard.js";
import { DecisionRequest, decide } from "./decisions.js";
import { type DesignationView, daysLeft, deskToday, makeDesk } from "./desk.js";
import type { ImportSummary } from "./importer.js";
import type { MadridSettings } from "./settings.js";
import { listDesignations } from "./store.js";
import { MAX_UPLOAD_BYTES, spoolUpload } from "./uploads.js";

const PAGE_SIZE = 50;

const text = (p: PageContext, key: string, fallback: string, params?: Record<string, string | number>) =>
  isPageKey(key) ? p.t(key, params) : fallback;
const num = (p: PageContext, n: number) => I18n.formatNumber(p.lang, n);
const date = (p: PageContext, iso: string | null | undefined) =>
  iso ? I18n.formatDate(p.lang, iso.length > 10 ? iso : `${iso}T00:00:00Z`) : "";
/** A designation status in the page language. */
export const statusLabel = (p: PageContext, s: string) => text(p, `madrid.status.${s}`, s);
const kindLabel = (p: PageContext, kind: string) => text(p, `madrid.kind.${kind}`, kind);

/** ST.96 `tmk:MadridDesignationCategory` values by their label; another value is shown as the code it is. */
const categoryKeys: Record<string, string> = {
  Registration: "madrid.category.registration",
  "Subsequent designation": "madrid.category.subsequent",
  "Partial change of ownership": "madrid.kind.PartialChangeOwnership",
  "International registration division": "madrid.category.division",
  "International registration merger following partial transfer": "madrid.category.mergerTransfer",
  "International registration merger following division": "madrid.category.mergerDivision",
  "Subsequent designation resulting from conversion": "madrid.category.conversion",
};
export const categoryLabel = (p: PageContext, category: string) => {
  const key = categoryKeys[category];
  return key !== undefined && isPageKey(key) ? p.t(key) : ltr(category);
};

/** The rules a refusal time limit comes from (Protocol art. 5(2)(a)–(c), Common Regulations Rule 4(4)), cited in the page's language. */
const ruleKeys: Record<string, string> = {
  "Madrid Protocol art. 5(2)(a)": "madrid.rule.art52a",
  "Madrid Protocol art. 5(2)(b)": "madrid.rule.art52b",
  "Madrid Protocol art. 5(2)(c)": "madrid.rule.art52c",
  "Rule 4(4)": "madrid.rule.rule44",
};
export const ruleText = (p: PageContext, rule: string) =>
  html`${rule.split("; ").map((part, i) => {
    const key = ruleKeys[part];
    return html`${i > 0 ? (p.lang === "ar" ? "؛ " : "; ") : ""}${key !== undefined && isPageKey(key) ? p.t(key) : ltr(part)}`;
  })}`;

/**
 * The events of a designation's history (`madrid.renewal`, `madrid.office.GrantProtection`…) by the label of the
 * transaction or communication they record; the others by their own label (`madrid.event.*`).
 */
const eventKeys: Record<string, string> = {
  "madrid.designation": "madrid.kind.Designation",
  "madrid.termination": "madrid.kind.DesignationTermination",
  "madrid.restriction": "madrid.kind.ProtectionRestriction",
  "madrid.renewal": "madrid.kind.Renewal",
  "madrid.holder-representative-change": "madrid.kind.HolderRepresentativeChange",
  "madrid.completed-processing": "madrid.kind.CompletedProcessing",
  "madrid.licence": "madrid.kind.RecordLicence",
  "madrid.licensee-change": "madrid.kind.LicenseeRecordChange",
  "madrid.correction": "madrid.kind.Correction",
  "madrid.protected-by-default": "madrid.status.protected-by-default",
  "madrid.office.ProvisionalRefusal": "madrid.doc.provisional-refusal",
  "madrid.office.GrantProtection": "madrid.doc.statement-of-grant",
  "madrid.office.PossibleOpposition": "madrid.doc.possible-opposition",
};
/** Who acted on a designation: the IB, the office's Madrid desk or an expired time limit by label; staff by name. */
const actorKeys: Record<string, string> = {
  "wipo-ib": "madrid.actor.ib",
  "madrid-desk": "madrid.actor.desk",
  system: "role.system",
};
const actorLabel = (p: PageContext, actor: { readonly id: string; readonly name?: string | undefined }) => {
  const key = actorKeys[actor.id];
  return key !== undefined && isPageKey(key) ? p.t(key) : bdi(actor.name ?? actor.id);
};
export const eventLabel = (p: PageContext, action: string) =>
  text(p, eventKeys[action] ?? `madrid.event.${action.replace(/^madrid\./, "")}`, action);
/** The basic application or registration of each office of origin, on one line: "CN CN664248 (2025-09-18)". */
export const basicMarksText = (basic: Designation.Designation["basic"]): string =>
  basic
    .map((b) =>
      [b.officeCode, b.registration ? `${b.registration.number} (${b.registration.date})` : b.application?.number]
        .filter(Boolean)
        .join(" "),
    )
    .join("; ");

/** A designation status as a badge (the desk's and the public page's). */
export const badge = (p: PageContext, s: string) =>
  html`<span class="ipo-badge ${PageStyles.badgeClass(s === "protected-by-default" ? "registered" : s === "provisionally-refused" ? "refused" : s)}">${statusLabel(p, s)}</span>`;

/** "12 days left", "ends today" or "30 days overdue", overdue in the error colour. */
const countdown = (p: PageContext, days: number, pending: boolean) => {
  if (!pending) return html`<span class="ipo-muted">—</span>`;
  if (days < 0)
    return html`<strong class="ipo-error madrid-overdue">${p.t("madrid.countdown.overdue", { days: num(p, -days) })}</strong>`;
  if (days === 0) return html`<strong class="madrid-soon">${p.t("madrid.countdown.today")}</strong>`;
  const label = p.t("madrid.countdown.left", { days: num(p, days) });
  return days <= 30 ? html`<strong class="madrid-soon">${label}</strong>` : html`<span>${label}</span>`;
};

const deskStyles = raw(`<style>
.madrid-tabs{display:flex;gap:var(--ipo-space-3,.75rem);flex-wrap:wrap;margin-block:0 var(--ipo-space-4,1rem)}
.madrid-tabs a[aria-current=page]{font-weight:700;text-decoration:none}
.madrid-soon{color:#8a5a00}
.madrid-overdue{color:var(--ipo-color-danger,#b00020)}
tr.madrid-row-overdue td{background:#fdecee}
.madrid-grid{display:grid;gap:var(--ipo-space-4,1rem);grid-template-columns:repeat(auto-fit,minmax(min(100%,30rem),1fr))}
.madrid-terms{columns:2 14rem;list-style:none;padding:0}
.madrid-figure{font-size:2rem;font-weight:700;margin:0}
</style>`);

const tabs = (
  p: PageContext,
  current: "list" | "import" | "dashboard",
) => html`${deskStyles}<nav class="madrid-tabs" aria-label="${p.t("nav.madrid")}">
<a href="${href(p, "/madrid")}" ${current === "list" ? raw('aria-current="page"') : ""}>${p.t("madrid.tab.designations")}</a>
<a href="${href(p, "/madrid/import")}" ${current === "import" ? raw('aria-current="page"') : ""}>${p.t("madrid.tab.import")}</a>
<a href="${href(p, "/madrid/dashboard")}" ${current === "dashboard" ? raw('aria-current="page"') : ""}>${p.t("madrid.tab.dashboard")}</a>
</nav>`;

const page = (p: PageContext, title: string, current: "list" | "import" | "dashboard" | undefined, body: unknown) =>
  layout(p, {
    title,
    current: "madrid",
    body: html`${current ? tabs(p, current) : deskStyles}${body}`,
  });

const filterValues = [...Designation.Status.literals, "overdue", "open"] as const;

const reportTable = (p: PageContext, s: ImportSummary) => html`<section class="ipo-card" aria-labelledby="report">
<h2 id="report">${p.t("madrid.import.summary", { applied: num(p, s.applied), duplicates: num(p, s.duplicates), rejected: num(p, s.rejected) })}</h2>
<div class="ipo-table-wrap"><table class="ipo-table">
<thead><tr><th scope="col">${p.t("madrid.import.file")}</th><th scope="col">#</th><th scope="col">${p.t("madrid.irn")}</th><th scope="col">${p.t("madrid.dash.kind")}</th><th scope="col">${p.t("madrid.import.outcome")}</th><th scope="col">${p.t("madrid.import.reason")}</th></tr></thead>
<tbody>${s.documents.slice(0, 2000).map(
  (
    d,
  ) => html`<tr${d.outcome === "rejected" ? raw(' class="madrid-row-overdue"') : ""}><td dir="ltr">${d.file}</td><td class="ipo-num">${d.index ?? ""}</td>
<td dir="ltr">${d.irNumber && d.outcome !== "rejected" ? html`<a href="${href(p, `/madrid/designations/${encodeURIComponent(d.irNumber)}`)}">${d.irNumber}</a>` : (d.irNumber ?? "")}</td>
<td>${d.kind ? kindLabel(p, d.kind) : ""}</td><td>${p.t(`madrid.outcome.${d.outcome}`)}</td>
<td dir="ltr">${d.reason ? html`<strong>${d.reason}</strong>: ${d.message ?? ""}` : ""}</td></tr>`,
)}</tbody></table></div></section>`;

const importForm = (
  p: PageContext,
) => html`<form class="ipo-card" method="post" action="${href(p, "/madrid/import")}" enctype="multipart/form-data">
<div class="ipo-field"><label for="files">${p.t("madrid.import.files", { mib: MAX_UPLOAD_BYTES / 1024 / 1024 })}</label>
<input id="files" name="files" type="file" accept=".xml,application/xml,text/xml" multiple required></div>
<p><button class="ipo-button" type="submit">${p.t("madrid.import.submit")}</button></p></form>`;

const decisionForm = (
  p: PageContext,
  v: DesignationView,
  errors: ReadonlyArray<FieldIssue>,
  values: Record<string, unknown>,
  settings: MadridSettings,
) => {
  const d = v.designation;
  const irn = encodeURIComponent(d.irNumber);
  const s = v.statusToday;
  const decided = s === "granted" || s === "partially-granted" || s === "refused";
  if (s !== "pending" && s !== "provisionally-refused" && s !== "protected-by-default" && !decided) {
    return html`<p class="ipo-muted">${p.t("madrid.decide.closed")}</p>`;
  }
  const lost = s === "protected-by-default";
  const refusedBefore = s === "provisionally-refused";
  // goods the examiner may name: still to decide, refused (to confirm or refuse again), or protected (further decision)
  const open = (st: string | undefined) =>
    st === undefined ||
    st === "pending" ||
    st === "refused" ||
    st === "accepted" ||
    st === "opposed" ||
    (decided && st === "registered");
  const checked = (name: string, value: string) => {
    const given = values[name];
    const list = Array.isArray(given) ? given : given === undefined ? [] : [given];
    return list.includes(value) ? raw("checked") : "";
  };
  const value = (name: string, fallback = "") => (values[name] as string | undefined) ?? fallback;
  const field = (name: string, label: string, type = "text", fallback = "") =>
    html`<div class="ipo-field"><label for="${name}">${label}</label> <input id="${name}" name="${name}" type="${type}" maxlength="1000" value="${value(name, fallback)}"></div>`;
  const outcome = value("outcome", "grant");
  const kind = value("kind", refusedBefore ? "final" : "");
  const radio = (o: string, label: string) =>
    html`<label><input type="radio" name="outcome" value="${o}" ${outcome === o ? raw("checked") : ""}> ${label}</label><br>`;
  return html`${
    errors.length > 0
      ? html`<div class="ipo-error" role="alert"><p>${p.t("madrid.decide.errors")}</p><ul>${errors.map((e) => html`<li><code dir="ltr">${e.path || "(form)"}</code>: ${e.message}</li>`)}</ul></div>`
      : ""
  }${lost ? html`<p class="ipo-error">${p.t("madrid.decide.lost")}</p>` : ""}
<form method="post" action="${href(p, `/madrid/designations/${irn}/decide`)}" class="ipo-form">
${
  refusedBefore && v.daysLeft >= 0
    ? html`<fieldset><legend>${p.t("madrid.decide.kind")}</legend>
<label><input type="radio" name="kind" value="final" ${kind === "final" ? raw("checked") : ""}> ${p.t("madrid.decide.kind.final")}</label><br>
<label><input type="radio" name="kind" value="provisional" ${kind === "provisional" ? raw("checked") : ""}> ${p.t("madrid.decide.kind.provisional")}</label></fieldset>`
    : decided
      ? html`<p>${p.t("madrid.decide.kind.further")}</p><input type="hidden" name="kind" value="further">`
      : ""
}
<fieldset><legend>${p.t("madrid.decide.title")}</legend>
${radio("grant", p.t("madrid.decide.grant"))}
${lost ? "" : html`${radio("total-refusal", p.t("madrid.decide.total"))}${radio("partial-refusal", p.t("madrid.decide.partial"))}`}
${refusedBefore ? radio("confirm-refusal", p.t("madrid.decide.confirm")) : ""}
</fieldset>
${
  lost
    ? ""
    : html`<fieldset><legend>${p.t("madrid.record.goods")}</legend>
${d.goodsAndServices
  .filter((c) => open(c.status) || c.terms.some((t) => open(t.status)))
  .map(
    (
      c,
    ) => html`<div><label><input type="checkbox" name="refuseClass" value="${c.classNumber}" ${checked("refuseClass", String(c.classNumber))}> <strong>${p.t("madrid.decide.wholeClass", { class: num(p, c.classNumber) })}</strong></label>
<ul class="madrid-terms">${c.terms
      .filter((t) => open(t.status))
      .map(
        (t) =>
          html`<li><label><input type="checkbox" name="refuseTerm" value="${c.classNumber}|${t.text}" ${checked("refuseTerm", `${c.classNumber}|${t.text}`)}> ${bdi(t.text)}</label></li>`,
      )}</ul></div>`,
  )}
</fieldset>
<div class="ipo-field"><label for="grounds">${p.t("madrid.decide.grounds")}</label>
<textarea id="grounds" name="grounds" rows="3" maxlength="10000">${value("grounds")}</textarea></div>
${
  decided
    ? ""
    : html`<fieldset><legend>${p.t("madrid.decide.kind.provisional")}</legend>
${field("responseMonths", p.t("madrid.decide.months"), "number", String(settings.refusalReview.months ?? ""))}
${field("reviewAuthority", p.t("madrid.decide.authority"), "text", settings.refusalReview.authority)}
<label><input type="checkbox" name="localRepresentativeRequired" value="yes" ${
        (
          values.localRepresentativeRequired ?? (settings.refusalReview.localRepresentativeRequired ? "yes" : undefined)
        ) === "yes"
          ? raw("checked")
          : ""
      }> ${p.t("madrid.decide.localRep")}</label>
<fieldset><legend>${p.t("madrid.decide.earlierMark")}</legend>
${field("em.officeCode", p.t("madrid.field.office"))}${field("em.applicationNumber", p.t("madrid.field.applicationNumber"))}
${field("em.applicationDate", p.t("madrid.field.applicationDate"), "date")}${field("em.registrationNumber", p.t("madrid.field.registrationNumber"))}
${field("em.registrationDate", p.t("madrid.field.registrationDate"), "date")}${field("em.verbalElement", p.t("madrid.field.verbal"))}
${field("em.owner", p.t("madrid.field.owner"))}${field("em.address", p.t("madrid.field.address"))}
${field("em.city", p.t("madrid.field.city"))}${field("em.country", p.t("madrid.field.country"))}
</fieldset>
<fieldset><legend>${p.t("madrid.decide.opposition")}</legend>
${field("opp.name", p.t("madrid.field.opponent"))}${field("opp.address", p.t("madrid.field.address"))}
${field("opp.city", p.t("madrid.field.city"))}${field("opp.country", p.t("madrid.field.country"))}
${field("opp.filedOn", p.t("madrid.field.filedOn"), "date")}
</fieldset></fieldset>`
}`
}
<p><button class="ipo-button" type="submit">${p.t("madrid.decide.submit")}</button></p>
</form>`;
};

const designationPage = (
  p: PageContext,
  settings: MadridSettings,
  v: DesignationView,
  errors: ReadonlyArray<FieldIssue> = [],
  values: Record<string, unknown> = {},
  notice?: string,
) => {
  const d = v.designation;
  const pending = v.statusToday === "pending" || v.statusToday === "protected-by-default";
  const row = (label: string, value: unknown) =>
    value === undefined || value === null || value === "" ? "" : html`<dt>${label}</dt><dd>${value}</dd>`;
  const basic = basicMarksText(d.basic);
  const body = html`
<p><a href="${href(p, "/madrid")}">${p.t("madrid.tab.designations")}</a></p>
<h1>${p.t("madrid.record.title", { irn: d.irNumber })}${d.mark.verbalElement ? html` — <bdi>${d.mark.verbalElement}</bdi>` : ""}</h1>
${notice ? html`<p class="ipo-card" role="status">${notice}</p>` : ""}
<div class="madrid-grid">
<section class="ipo-card" aria-labelledby="data"><h2 id="data">${p.t("madrid.record.data")}</h2>
<dl class="ipo-dl">
${row(p.t("madrid.status"), badge(p, v.statusToday))}
${row(p.t("madrid.irn"), html`<span dir="ltr">${d.irNumber}</span>`)}
${row(p.t("madrid.record.irDate"), date(p, d.irDate))}
${row(p.t("madrid.record.category"), categoryLabel(p, d.designationCategory))}
${row(p.t("madrid.origin"), ltr(d.officeOfOrigin))}
${row(p.t("madrid.notified"), date(p, d.notificationDate))}
${row(p.t("madrid.timeLimit"), html`${date(p, d.refusalTimeLimit.limit)}${pending ? html` — ${countdown(p, v.daysLeft, pending)}` : ""}<br><span class="ipo-muted">${ruleText(p, d.refusalTimeLimit.rule)}</span>`)}
${row(p.t("madrid.record.expiry"), date(p, d.expiryDate))}
${row(p.t("madrid.holder"), html`<ol>${d.holders.map((h) => html`<li>${bdi(h.name)} <span class="ipo-muted">(${ltr(h.country)})</span></li>`)}</ol>`)}
${row(p.t("madrid.record.representative"), d.representative ? html`${bdi(d.representative.name)} <span class="ipo-muted">(${ltr(d.representative.country)})</span>` : "")}
${row(p.t("madrid.record.basic"), basic ? html`<span dir="ltr">${basic}</span>` : "")}
</dl></section>
<section class="ipo-card" aria-labelledby="decide"><h2 id="decide">${p.t("madrid.decide.title")}</h2>
${decisionForm(p, v, errors, values, settings)}</section>
</div>
<section class="ipo-card" aria-labelledby="goods"><h2 id="goods">${p.t("madrid.record.goods")}</h2>
${raw(renderClassStatusList({ classes: d.goodsAndServices, lang: p.lang, headingLevel: 3 }))}</section>
<section class="ipo-card" aria-labelledby="docs"><h2 id="docs">${p.t("madrid.record.documents")}</h2>
${
  v.documents.length === 0
    ? html`<p class="ipo-muted">${p.t("madrid.record.noDocuments")}</p>`
    : html`<ul>${v.documents.map(
        (doc) =>
          html`<li>${date(p, doc.decisionDate)} — ${text(p, `madrid.doc.${doc.kind}`, doc.kind)} (${ltr(doc.createdBy)}) — <a href="/api/v1/madrid/documents/${doc.id}" download>${p.t("madrid.record.download")}</a></li>`,
      )}</ul>`
}</section>
<section class="ipo-card" aria-labelledby="events"><h2 id="events">${p.t("madrid.record.events")}</h2>
<div class="ipo-table-wrap"><table class="ipo-table"><thead><tr><th scope="col">${p.t("record.when")}</th><th scope="col">${p.t("record.action")}</th><th scope="col">${p.t("record.from")}</th><th scope="col">${p.t("record.to")}</th><th scope="col">${p.t("record.by")}</th><th scope="col">${p.t("record.reason")}</th></tr></thead>
<tbody>${[...d.events].reverse().map(
    (
      e,
    ) => html`<tr><td class="ipo-num">${date(p, e.at)}</td><td>${eventLabel(p, e.action)}${e.standardCode ? html` <span class="ipo-muted">(${ltr(e.standardCode)})</span>` : ""}</td>
<td>${e.fromStatus ? statusLabel(p, e.fromStatus) : ""}</td><td>${statusLabel(p, e.toStatus)}</td><td>${actorLabel(p, e.actor)}</td><td>${bdi(e.reason)}</td></tr>`,
  )}</tbody></table></div></section>`;
  return page(p, p.t("madrid.record.title", { irn: d.irNumber }), undefined, body);
};

/** The decision form's fields → the API's decision request. */
const fromForm = (form: Record<string, string | File | (string | File)[]>): Record<string, unknown> => {
  const list = (k: string) => {
    const v = form[k];
    return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === "string");
  };
  const one = (k: string) => {
    const v = list(k)[0]?.trim();
    return v === "" ? undefined : v;
  };
  const wholeClasses = list("refuseClass").map(Number);
  const terms = new Map<number, string[]>();
  for (const t of list("refuseTerm")) {
    const bar = t.indexOf("|");
    const c = Number(t.slice(0, bar));
    if (bar < 0 || wholeClasses.includes(c)) continue;
    terms.set(c, [...(terms.get(c) ?? []), t.slice(bar + 1)]);
  }
  const refused = [
    ...wholeClasses.map((classNumber) => ({ classNumber })),
    ...[...terms].map(([classNumber, t]) => ({ classNumber, terms: t })),
  ];
  const outcome = one("outcome");
  const kind = one("kind");
  const provisionalRefusal =
    outcome !== "grant" && outcome !== "confirm-refusal" && kind !== "final" && kind !== "further";
  const months = one("responseMonths");
  const defined = (o: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  const address = (prefix: string) =>
    defined({
      lines: one(`${prefix}.address`) !== undefined ? [one(`${prefix}.address`)] : [],
      city: one(`${prefix}.city`),
      countryCode: one(`${prefix}.country`)?.toUpperCase(),
    });
  const markFields = [
    "officeCode",
    "applicationNumber",
    "applicationDate",
    "registrationNumber",
    "registrationDate",
    "verbalElement",
    "owner",
    "address",
    "city",
    "country",
  ];
  const hasMark = markFields.some((f) => one(`em.${f}`) !== undefined);
  const hasOpposition = ["name", "address", "city", "country", "filedOn"].some((f) => one(`opp.${f}`) !== undefined);
  return defined({
    outcome,
    kind,
    grounds: one("grounds"),
    refused: outcome === "partial-refusal" && refused.length > 0 ? refused : undefined,
    ...(provisionalRefusal
      ? {
          responseMonths: months !== undefined ? Number(months) : undefined,
          reviewAuthority: one("reviewAuthority"),
          localRepresentativeRequired: one("localRepresentativeRequired") === "yes" ? true : undefined,
          earlierMarks: hasMark
            ? [
                defined({
                  officeCode: one("em.officeCode")?.toUpperCase(),
                  applicationNumber: one("em.applicationNumber"),
                  applicationDate: one("em.applicationDate"),
                  registrationNumber: one("em.registrationNumber"),
                  registrationDate: one("em.registrationDate"),
                  verbalElement: one("em.verbalElement"),
                  owner: defined({ name: one("em.owner"), address: address("em") }),
                }),
              ]
            : undefined,
          opposition: hasOpposition
            ? { filedOn: one("opp.filedOn"), opponent: defined({ name: one("opp.name"), address: address("opp") }) }
            : undefined,
        }
      : {}),
  });
};

export const createMadridPages = (ctx: AreaContext) => {
  const desk = makeDesk(ctx);
  const officeCode = desk.settings.officeCode;
  const app = new Hono();

  app.get("/madrid", async (c) => {
    const p = pageContext(c, ctx.config);
    const raw0 = { ...c.req.query() };
    for (const k of Object.keys(raw0)) if (raw0[k] === "" || k === "lang") delete raw0[k];
    const q = decodeAll(ListQuery, raw0);
    const query = Result.isSuccess(q) ? q.success : {};
    const today = deskToday(ctx);
    const pageNo = query.page ?? 1;
    const listed = await listDesignations(ctx.db, officeCode, {
      status: query.status,
      dueWithinDays: query.due,
      today,
      limit: PAGE_SIZE,
      offset: (pageNo - 1) * PAGE_SIZE,
    });
    const pages = Math.max(1, Math.ceil(listed.total / PAGE_SIZE));
    const params = { status: query.status, due: query.due };
    const body = html`<h1>${p.t("madrid.title")}</h1>
<form class="ipo-card" method="get" action="/madrid">
<input type="hidden" name="lang" value="${p.lang}">
<div style="display:grid;gap:var(--ipo-space-3,.75rem);grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));align-items:end">
<div class="ipo-field"><label for="status">${p.t("madrid.filter.status")}</label><select id="status" name="status"><option value="">${p.t("madrid.filter.any")}</option>
${filterValues.map((s) => html`<option value="${s}" ${query.status === s ? raw("selected") : ""}>${statusLabel(p, s)}</option>`)}</select></div>
<div class="ipo-field"><label for="due">${p.t("madrid.filter.due")}</label><select id="due" name="due"><option value="">${p.t("madrid.filter.any")}</option>
${[30, 60, 90].map((n) => html`<option value="${n}" ${query.due === n ? raw("selected") : ""}>${p.t("madrid.filter.days", { days: num(p, n) })}</option>`)}</select></div>
<div><button class="ipo-button" type="submit">${p.t("madrid.filter.apply")}</button></div></div></form>
<p class="ipo-muted" role="status">${p.t("madrid.count", { total: num(p, listed.total) })}</p>
${
  listed.items.length === 0
    ? html`<p>${p.t("madrid.none")}</p>`
    : html`<div class="ipo-table-wrap"><table class="ipo-table"><thead><tr>
<th scope="col">${p.t("madrid.irn")}</th><th scope="col">${p.t("madrid.mark")}</th><th scope="col">${p.t("madrid.holder")}</th><th scope="col">${p.t("madrid.origin")}</th>
<th scope="col">${p.t("madrid.notified")}</th><th scope="col">${p.t("madrid.timeLimit")}</th><th scope="col">${p.t("madrid.daysLeft")}</th><th scope="col">${p.t("madrid.status")}</th><th scope="col">${p.t("madrid.classes")}</th></tr></thead>
<tbody>${listed.items.map((d) => {
        const left = daysLeft(today, d.timeLimit);
        const pending = d.status === "pending";
        const shown = pending && left < 0 ? "protected-by-default" : d.status;
        return html`<tr${pending && left < 0 ? raw(' class="madrid-row-overdue"') : ""}>
<td><a href="${href(p, `/madrid/designations/${encodeURIComponent(d.irNumber)}`)}" dir="ltr">${d.irNumber}</a></td><td><bdi>${d.mark ?? ""}</bdi></td><td><bdi>${d.holder}</bdi></td><td>${ltr(d.officeOfOrigin)}</td>
<td class="ipo-num">${date(p, d.notificationDate)}</td><td class="ipo-num">${date(p, d.timeLimit)}</td><td>${countdown(p, left, pending)}</td><td>${badge(p, shown)}</td>
<td>${d.classes.map((n) => num(p, n)).join(p.dir === "rtl" ? "، " : ", ")}</td></tr>`;
      })}</tbody></table></div>
<nav class="ipo-pagination" aria-label="${p.t("records.page", { page: pageNo, pages })}">
${pageNo > 1 ? html`<a class="ipo-button ipo-button--secondary" rel="prev" href="${href(p, "/madrid", { ...params, page: pageNo - 1 })}">${p.t("records.previous")}</a>` : ""}
<span>${p.t("records.page", { page: num(p, pageNo), pages: num(p, pages) })}</span>
${pageNo < pages ? html`<a class="ipo-button ipo-button--secondary" rel="next" href="${href(p, "/madrid", { ...params, page: pageNo + 1 })}">${p.t("records.next")}</a>` : ""}
</nav>`
}`;
    return c.html(page(p, p.t("madrid.title"), "list", body));
  });

  app.get("/madrid/designations/:irn", async (c) => {
    const p = pageContext(c, ctx.config);
    const irn = decodeAll(IrParam, c.req.param("irn"));
    const v = Result.isSuccess(irn) ? await desk.view(irn.success) : undefined;
    if (!v)
      return c.html(
        page(p, p.t("madrid.record.notFound"), undefined, html`<h1>${p.t("madrid.record.notFound")}</h1>`),
        404,
      );
    const decided = c.req.query("decided");
    const notice = decided ? p.t("madrid.decide.done", { kind: text(p, `madrid.doc.${decided}`, decided) }) : undefined;
    return c.html(designationPage(p, desk.settings, v, [], {}, notice));
  });

  app.post(
    "/madrid/designations/:irn/decide",
    bodyLimit({ maxSize: 256 * 1024, onError: (c) => c.text("The form is too large.", 413) }),
    async (c) => {
      const p = pageContext(c, ctx.config);
      if (isCrossSite(c)) return c.text("Cross-site form posts are refused.", 403);
      const irn = decodeAll(IrParam, c.req.param("irn"));
      const v = Result.isSuccess(irn) ? await desk.view(irn.success) : undefined;
      if (!v)
        return c.html(
          page(p, p.t("madrid.record.notFound"), undefined, html`<h1>${p.t("madrid.record.notFound")}</h1>`),
          404,
        );
      const type = c.req.header("content-type") ?? "";
      let form: FormBody = {};
      if (/^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) {
        const read = await readForm(c, (c) => c.text("The form could not be read.", 400));
        if (Result.isFailure(read)) return read.failure;
        form = read.success;
      }
      const values = form as Record<string, unknown>;
      const request = decodeAll(DecisionRequest, fromForm(form));
      if (Result.isFailure(request)) return c.html(designationPage(p, desk.settings, v, request.failure, values), 400);
      const done = await decide(
        ctx.db,
        desk.settings,
        v.designation.irNumber,
        { ...request.success, examiner: requirePrincipal(c).id },
        ctx.now(),
      );
      if (Result.isFailure(done)) {
        const e = done.failure;
        const issues =
          e._tag === "DecisionInvalid"
            ? e.issues
            : [{ path: "", message: e._tag === "DecisionNotAllowed" ? e.message : "not found" }];
        return c.html(
          designationPage(p, desk.settings, v, issues, values),
          e._tag === "DecisionNotAllowed" ? 409 : 400,
        );
      }
      return c.redirect(
        href(p, `/madrid/designations/${encodeURIComponent(v.designation.irNumber)}`, { decided: done.success.kind }),
        303,
      );
    },
  );

  app.get("/madrid/import", (c) => {
    const p = pageContext(c, ctx.config);
    return c.html(
      page(p, p.t("madrid.import.title"), "import", html`<h1>${p.t("madrid.import.title")}</h1>${importForm(p)}`),
    );
  });

  app.post("/madrid/import", async (c) => {
    const p = pageContext(c, ctx.config);
    if (isCrossSite(c)) return c.text("Cross-site form posts are refused.", 403);
    const spooled = await spoolUpload(c.req.raw);
    if (Result.isFailure(spooled)) {
      if (c.req.header("accept")?.includes("application/json")) return uploadProblem(c, spooled.failure);
      const e = spooled.failure;
      const message = e._tag === "UploadTooLarge" ? `The upload exceeds ${e.limit} bytes.` : e.message;
      return c.html(
        page(
          p,
          p.t("madrid.import.title"),
          "import",
          html`<h1>${p.t("madrid.import.title")}</h1><p class="ipo-error" role="alert">${message}</p>${importForm(p)}`,
        ),
        e._tag === "UploadTooLarge" ? 413 : e.status,
      );
    }
    try {
      const summary = await desk.importFiles(spooled.success.files, "upload");
      return c.html(
        page(
          p,
          p.t("madrid.import.title"),
          "import",
          html`<h1>${p.t("madrid.import.title")}</h1>${reportTable(p, summary)}${importForm(p)}`,
        ),
      );
    } finally {
      await spooled.success.cleanup();
    }
  });

  app.get("/madrid/dashboard", async (c) => {
    const p = pageContext(c, ctx.config);
    const today = deskToday(ctx);
    const dash = await dashboard(ctx.db, officeCode, today);
    const rtl = p.dir === "rtl";
    const fmt = (n: number) => num(p, n);
    const ageLabel = (a: { from: number; to: number | null }) =>
      a.to === null
        ? p.t("madrid.dash.monthsOver", { from: fmt(a.from) })
        : p.t("madrid.dash.months", { from: fmt(a.from), to: fmt(a.to) });
    const monthFormat = new Intl.DateTimeFormat(I18n.locale(p.lang), {
      month: "short",
      year: "numeric",
      timeZone: "UTC",
    });
    const monthLabel = (m: string) => monthFormat.format(new Date(`${m}-01T00:00:00Z`));
    const table = (
      head: [string, string],
      rows: ReadonlyArray<readonly [string, number]>,
    ) => html`<div class="ipo-table-wrap"><table class="ipo-table">
<thead><tr><th scope="col">${head[0]}</th><th scope="col">${head[1]}</th></tr></thead>
<tbody>${rows.map(([l, n]) => html`<tr><td>${l}</td><td class="ipo-num">${fmt(n)}</td></tr>`)}</tbody></table></div>`;
    const age = dash.pendingByAge.map((a) => ({ label: ageLabel(a), value: a.count }));
    const due = dash.dueWithin.map((d) => ({
      label: p.t("madrid.dash.dueWithin", { days: fmt(d.days) }),
      value: d.count,
    }));
    const overdue = [
      { label: p.t("madrid.dash.overdueUnsettled"), value: dash.overdue.pending },
      { label: p.t("madrid.dash.settled"), value: dash.overdue.settled },
    ];
    const months = dash.decisionsPerMonth.map((m) => ({ label: m.month, value: m.count }));
    const kinds = dash.transactionsPerKind.map((k) => ({ label: kindLabel(p, k.kind), value: k.count }));
    const chart = (
      id: string,
      title: string,
      svg: string,
      tbl: unknown,
    ) => html`<section class="ipo-card" aria-labelledby="${id}">
<h2 id="${id}">${title}</h2><figure style="margin:0">${raw(svg)}</figure>${tbl}</section>`;
    const body = html`<h1>${p.t("madrid.dash.title")}</h1>
<div class="madrid-grid">
<section class="ipo-card" aria-labelledby="median"><h2 id="median">${p.t("madrid.dash.median")}</h2>
<p class="madrid-figure">${dash.medianDaysToDecision === null ? p.t("madrid.dash.none") : fmt(dash.medianDaysToDecision)}</p>
<p class="ipo-muted">${p.t("madrid.dash.decided", { total: fmt(dash.decided) })}</p></section>
${chart(
  "overdue",
  p.t("madrid.dash.overdue"),
  barChart(overdue, {
    title: p.t("madrid.dash.overdue"),
    rtl,
    format: fmt,
    colour: () => "var(--ipo-color-danger,#b00020)",
  }),
  table(
    [p.t("madrid.status"), p.t("madrid.dash.count")],
    overdue.map((d) => [d.label, d.value] as const),
  ),
)}
${chart(
  "age",
  p.t("madrid.dash.pendingAge"),
  barChart(age, {
    title: p.t("madrid.dash.pendingAge"),
    rtl,
    format: fmt,
    colour: (_, i) => (i >= 4 ? "#8a5a00" : "var(--ipo-color-primary,#7a1f2b)"),
  }),
  table(
    [p.t("madrid.dash.pendingAge"), p.t("madrid.dash.count")],
    age.map((d) => [d.label, d.value] as const),
  ),
)}
${chart(
  "due",
  p.t("madrid.dash.due"),
  barChart(due, { title: p.t("madrid.dash.due"), rtl, format: fmt, colour: () => "#8a5a00" }),
  table(
    [p.t("madrid.timeLimit"), p.t("madrid.dash.count")],
    due.map((d) => [d.label, d.value] as const),
  ),
)}
${chart(
  "decisions",
  p.t("madrid.dash.decisions"),
  lineChart(months, { title: p.t("madrid.dash.decisions"), rtl, format: fmt }),
  table(
    [p.t("madrid.dash.month"), p.t("madrid.dash.count")],
    dash.decisionsPerMonth.map((m) => [monthLabel(m.month) || m.month, m.count] as const),
  ),
)}
${chart(
  "kinds",
  p.t("madrid.dash.kinds"),
  horizontalBarChart(kinds, { title: p.t("madrid.dash.kinds"), rtl, format: fmt }),
  table(
    [p.t("madrid.dash.kind"), p.t("madrid.dash.count")],
    kinds.map((d) => [d.label, d.value] as const),
  ),
)}
</div>`;
    return c.html(page(p, p.t("madrid.dash.title"), "dashboard", body));
  });

  return app;
};
