/**
 * The publish portal's search (decision 0692): one box that understands what is typed, an advanced form with every
 * criterion of `@ipoffice/search`'s query model, results with the columns the user chooses (kept in the URL), live
 * facets, the evidence of each similar mark, keyset pages, and exports. Plain HTML forms and links: it works without
 * JavaScript; the facets are `<ipo-facet-list>` of `@ipoffice/ui-components`, rendered on the server.
 */
import type { Workflow } from "@ipoffice/domain";
import { type Engine, Numbers, Query, type SearchDocument, type Similarity } from "@ipoffice/search";
import { I18n, PageStyles } from "@ipoffice/ui-components";
import { renderFacetList, renderSearchResults } from "@ipoffice/ui-components/ssr";
import { Result } from "effect";
import { html, raw } from "hono/html";
import { type IpKind, kindsOf } from "../config/OfficeConfig.js";
import { href, layout, type PageContext } from "../pages/layout.js";
import { portalStyles } from "./styles.js";
import { isPageKey, type PageMessageKey } from "../pages/messages.js";
import { stateLabel } from "../pages/records.js";
import type { Column } from "../search/export.js";

type Document = SearchDocument.SearchDocument;
type Hit = Engine.Hit;

/** The parameters of the portal's pages that are not search criteria. */
export const pageParameters = ["lang", "cols", "col", "view"] as const;

/** The facets the portal shows: kind, status, class, year, owner; and the designated state for a regional office. */
export const portalFacets: ReadonlyArray<Query.Facet> = ["kind", "officeStatus", "niceClass", "filingYear", "owner"];
export const regionalFacets: ReadonlyArray<Query.Facet> = [...portalFacets, "designatedState"];

/**
 * The one search box: a number in any written form finds that number of any kind; a whole number from 1 to 45 also
 * finds the Nice class; any text finds marks that look, sound or read alike (across scripts), and any field and any
 * name that contains it.
 */
export const simpleClause = (q: string): Query.Clause | undefined => {
  const text = q.trim().slice(0, 200);
  if (text === "") return undefined;
  const clauses: Query.Clause[] = [
    { _tag: "Text", field: "mark", value: text, mode: "similar" },
    { _tag: "Text", field: "any", value: text, mode: "contains" },
    { _tag: "Name", role: "any", values: [text], mode: "contains" },
  ];
  for (const kind of Numbers.numberKinds) {
    const normalised = Numbers.normalise(kind, text);
    if (Result.isSuccess(normalised)) clauses.push({ _tag: "Number", kind, value: text });
  }
  const digits = Numbers.normalise("registration", text);
  const asClass = Result.isSuccess(digits) ? Number(digits.success) : Number.NaN;
  if (/^\d{1,2}$/.test(Result.isSuccess(digits) ? digits.success : "") && asClass >= 1 && asClass <= 45) {
    clauses.push({ _tag: "Nice", classes: [asClass] });
  }
  return { _tag: "Or", clauses };
};

/** The query of a portal URL: its criteria, `q` read as the one search box, the portal's facets. */
export const queryOf = (
  params: URLSearchParams,
  facets: ReadonlyArray<Query.Facet> = portalFacets,
): Result.Result<Query.Query, Query.QueryError> => {
  const criteria = new URLSearchParams();
  let q: string | undefined;
  for (const [k, v] of params) {
    if ((pageParameters as ReadonlyArray<string>).includes(k)) continue;
    if (k === "q") q = v;
    else criteria.append(k, v);
  }
  const decoded = Query.fromSearchParams(criteria);
  if (Result.isFailure(decoded)) return decoded;
  const simple = q === undefined ? undefined : simpleClause(q);
  const where =
    simple === undefined
      ? decoded.success.where
      : decoded.success.where === undefined
        ? simple
        : ({ _tag: "And", clauses: [simple, decoded.success.where] } as Query.Clause);
  return Result.succeed({
    ...decoded.success,
    ...(where ? { where } : {}),
    facets: decoded.success.facets ?? facets,
  });
};

// ---------------------------------------------------------------------------------------------------------------
// Columns

export type ColumnId =
  | "number"
  | "kind"
  | "mark"
  | "owner"
  | "representative"
  | "classes"
  | "status"
  | "filed"
  | "registered"
  | "expires";

export const columnIds: ReadonlyArray<ColumnId> = [
  "number",
  "kind",
  "mark",
  "owner",
  "representative",
  "classes",
  "status",
  "filed",
  "registered",
  "expires",
];
export const defaultColumns: ReadonlyArray<ColumnId> = ["number", "mark", "owner", "classes", "status", "filed"];

/** The columns a `cols` parameter names, in its order, known ones once each; the default when none. */
export const columnsOf = (cols: string | undefined): ReadonlyArray<ColumnId> => {
  const chosen = [
    ...new Set(
      (cols ?? "")
        .split(",")
        .map((c) => c.trim())
        .filter((c): c is ColumnId => (columnIds as ReadonlyArray<string>).includes(c)),
    ),
  ];
  return chosen.length > 0 ? chosen : defaultColumns;
};

const columnLabel: Record<ColumnId, PageMessageKey> = {
  number: "records.number",
  kind: "records.kind",
  mark: "records.name",
  owner: "records.owner",
  representative: "search.col.representative",
  classes: "records.classes",
  status: "records.status",
  filed: "records.filed",
  registered: "search.col.registered",
  expires: "search.col.expires",
};

export type Workflows = Readonly<Record<IpKind, Workflow.Definition>>;

/** The number a row shows: the application number, or the international registration number of a designation. */
const numberOf = (d: Document): string =>
  d.numbers.application ?? (d.numbers.internationalRegistration ? `IR ${d.numbers.internationalRegistration}` : "");

/** The office status in the page language: the workflow's label, or the Madrid desk's for a designation. */
export const statusText = (p: PageContext, workflows: Workflows, d: Document): string => {
  const status = d.officeStatus ?? "";
  if (status.startsWith("madrid:")) {
    const key = `madrid.status.${status.slice("madrid:".length)}`;
    return isPageKey(key) ? p.t(key) : status;
  }
  return stateLabel(p, workflows[d.kind as IpKind], status);
};

const kindText = (p: PageContext, kind: string) => {
  const key = `kind.${kind}`;
  return isPageKey(key) ? p.t(key) : kind;
};

const dateText = (p: PageContext, iso: string | undefined) => (iso ? I18n.formatDate(p.lang, `${iso}T00:00:00Z`) : "");

/** The columns of an export in the page language: plain values, one per cell. */
export const exportColumns = (
  p: PageContext,
  workflows: Workflows,
  ids: ReadonlyArray<ColumnId>,
): ReadonlyArray<Column<Document>> =>
  ids.map((id) => ({
    header: p.t(columnLabel[id]),
    width: id === "mark" || id === "owner" || id === "representative" ? 40 : 18,
    value: (d: Document) => {
      switch (id) {
        case "number":
          return numberOf(d);
        case "kind":
          return kindText(p, d.kind);
        case "mark":
          return d.title ?? "";
        case "owner":
          return d.owners.join("; ");
        case "representative":
          return d.representatives.join("; ");
        case "classes":
          return d.classes.map((c) => `${c.class} (${c.status})`).join(", ");
        case "status":
          return statusText(p, workflows, d);
        case "filed":
          return d.dates.filing ?? "";
        case "registered":
          return d.dates.registration ?? "";
        case "expires":
          return d.dates.expiry ?? "";
      }
    },
  }));

// ---------------------------------------------------------------------------------------------------------------
// Page

/** What makes a mark like the one searched, in the page language. */
const evidenceText = (p: PageContext, e: Similarity.Evidence): string => {
  const key = `search.evidence.${e._tag}`;
  return isPageKey(key) ? p.t(key) : e._tag;
};

/** The page where a hit is shown in full: a right's record page, or a Madrid designation's public page. */
export const recordHref = (p: PageContext, d: Document): string | undefined =>
  d.numbers.st13
    ? href(p, `/records/${d.numbers.st13}`)
    : d.numbers.internationalRegistration
      ? href(p, `/international/${d.numbers.internationalRegistration}`)
      : undefined;

const cell = (p: PageContext, workflows: Workflows, id: ColumnId, hit: Hit) => {
  const d = hit.document;
  switch (id) {
    case "number": {
      const link = recordHref(p, d);
      return link
        ? html`<a class="ipo-number" href="${link}" dir="ltr">${numberOf(d)}</a>`
        : html`<span class="ipo-number" dir="ltr">${numberOf(d)}</span>`;
    }
    case "kind":
      return html`${kindText(p, d.kind)}`;
    case "mark":
      return html`<bdi>${d.title ?? ""}</bdi>${
        hit.similarity
          ? html`<ul class="ipo-evidence" aria-label="${p.t("search.why")}">${hit.similarity.evidence
              .slice(0, 3)
              .map((e) => html`<li>${evidenceText(p, e)}</li>`)}</ul>`
          : ""
      }`;
    case "owner":
      return html`${d.owners.map((o, i) => html`${i > 0 ? html`<br>` : ""}<bdi>${o}</bdi>`)}`;
    case "representative":
      return html`${d.representatives.map((o, i) => html`${i > 0 ? html`<br>` : ""}<bdi>${o}</bdi>`)}`;
    case "classes":
      return html`<span class="ipo-chips">${d.classes.map(
        (c) =>
          html`<span class="ipo-badge ${PageStyles.badgeClass(c.status)}" title="${c.status}">${I18n.formatNumber(p.lang, c.class)}</span> `,
      )}</span>`;
    case "status":
      return html`<span class="ipo-badge ${PageStyles.badgeClass(d.officeStatus ?? "")}">${statusText(p, workflows, d)}</span>`;
    case "filed":
      return html`${dateText(p, d.dates.filing)}`;
    case "registered":
      return html`${dateText(p, d.dates.registration)}`;
    case "expires":
      return html`${dateText(p, d.dates.expiry)}`;
  }
};

/** The facet values as links that add the value to the search. */
const facetParam: Partial<Record<Query.Facet, (value: string) => ReadonlyArray<readonly [string, string]>>> = {
  kind: (v) => [["kind", v]],
  officeStatus: (v) => [["status", v]],
  niceClass: (v) => [["nice", v]],
  filingYear: (v) => [
    ["filedFrom", `${v}-01-01`],
    ["filedTo", `${v}-12-31`],
  ],
  owner: (v) => [["owner", v]],
  designatedState: (v) => [["state", v]],
};

const facetTitle: Partial<Record<Query.Facet, PageMessageKey>> = {
  kind: "records.kind",
  officeStatus: "records.status",
  niceClass: "search.facet.class",
  filingYear: "search.facet.year",
  owner: "records.owner",
  designatedState: "search.facet.state",
};

export interface SearchPageInput {
  readonly params: URLSearchParams;
  readonly result?: Engine.SearchResult | undefined;
  readonly error?: { readonly field: string; readonly reason: string } | undefined;
  readonly columns: ReadonlyArray<ColumnId>;
  readonly workflows: Workflows;
  /** Most rows an export holds. */
  readonly exportCap: number;
}

const withParams = (
  p: PageContext,
  params: URLSearchParams,
  changes: ReadonlyArray<readonly [string, string]>,
  drop: ReadonlyArray<string> = [],
) => {
  const next = new URLSearchParams(params);
  for (const name of ["cursor", ...drop]) next.delete(name);
  for (const [k, v] of changes) next.append(k, v);
  next.set("lang", p.lang);
  return `/search?${next.toString()}`;
};

export const searchPage = (p: PageContext, input: SearchPageInput) => {
  const { params, result } = input;
  const q = params.get("q") ?? "";
  const fmt = (n: number) => I18n.formatNumber(p.lang, n);
  const facetLabel = (facet: Query.Facet, v: Engine.FacetValue) =>
    facet === "kind"
      ? kindText(p, v.value)
      : facet === "officeStatus"
        ? statusText(p, input.workflows, {
            // A status counted over every kind: labelled by the workflow that has it.
            kind:
              (Object.keys(input.workflows) as Array<IpKind>).find((k) =>
                input.workflows[k]?.states.some((s) => s.id === v.value),
              ) ?? "trademark",
            officeStatus: v.value,
          } as Document)
        : v.label || v.value;
  const exportHref = (format: "csv" | "xlsx" | "st96") => {
    const next = new URLSearchParams(params);
    next.delete("cursor");
    next.set("cols", input.columns.join(","));
    return `/search/export/${format}?${next.toString()}`;
  };
  const feedHref = (format: "atom" | "json") => {
    const next = new URLSearchParams([...params].filter(([k]) => k !== "cursor" && k !== "cols" && k !== "col"));
    return `/search/feed/${format}?${next.toString()}`;
  };
  const total = result?.total;
  // `view=cards` shows the hits as `<ipo-search-results>` cards (evidence and class chips in full) instead of the table.
  const cards = params.get("view") === "cards";
  const viewSwitch = html`<p class="ipo-muted">${p.t("search.view")}: ${
    cards
      ? html`<a href="${withParams(p, params, [], ["view"])}">${p.t("search.view.table")}</a> · <strong aria-current="true">${p.t("search.view.cards")}</strong>`
      : html`<strong aria-current="true">${p.t("search.view.table")}</strong> · <a href="${withParams(p, params, [["view", "cards"]], ["view"])}">${p.t("search.view.cards")}</a>`
  }</p>`;
  const body = html`<h1>${p.t("search.title")}</h1>
<form class="ipo-card ipo-search" method="get" action="/search" role="search">
<input type="hidden" name="lang" value="${p.lang}">
${input.columns === defaultColumns ? "" : html`<input type="hidden" name="cols" value="${input.columns.join(",")}">`}
${cards ? html`<input type="hidden" name="view" value="cards">` : ""}
<label for="search-q">${p.t("home.searchLabel")}</label>
<div class="ipo-search__row"><input id="search-q" name="q" type="search" value="${q}" maxlength="200" dir="auto" placeholder="${p.t("home.searchHint")}">
<button class="ipo-button" type="submit">${p.t("records.search")}</button></div>
<p class="ipo-muted"><a href="${href(p, "/search/advanced")}">${p.t("home.advanced")}</a></p>
</form>
${
  input.error
    ? html`<p role="alert" class="ipo-alert">${p.t("search.invalid", { field: input.error.field, reason: input.error.reason })}</p>`
    : ""
}
${
  result && total
    ? html`<p class="ipo-muted" role="status">${p.t(total.exact ? "search.count" : "search.countAbout", { total: fmt(total.value) })}
${
  total.value > 0
    ? html` · ${p.t("search.export")}: <a href="${exportHref("csv")}" dir="ltr" translate="no">CSV</a> · <a href="${exportHref("xlsx")}" dir="ltr" translate="no">XLSX</a> · <a href="${exportHref("st96")}" type="application/zip" dir="ltr" translate="no">ST.96</a>${
        total.value > input.exportCap
          ? html` <span>(${p.t("search.exportCap", { cap: fmt(input.exportCap) })})</span>`
          : ""
      }`
    : ""
} · ${p.t("search.follow")}: <a href="${feedHref("atom")}" type="application/atom+xml" dir="ltr" translate="no">Atom</a> · <a href="${feedHref("json")}" type="application/feed+json" dir="ltr" translate="no">JSON</a></p>
<div class="ipo-search-layout">
<aside class="ipo-facets" aria-label="${p.t("search.refine")}">
${raw(
  renderFacetList({
    lang: p.lang,
    headingLevel: 2,
    facets: regionalFacets.flatMap((facet) => {
      const values = result.facets[facet] ?? [];
      const param = facetParam[facet];
      if (values.length === 0 || !param) return [];
      return [
        {
          name: facet,
          title: p.t(facetTitle[facet] ?? "records.kind"),
          values: values.map((v) => ({
            value: v.value,
            label: facetLabel(facet, v),
            count: v.count,
            href: withParams(p, params, param(v.value)),
          })),
        },
      ];
    }),
  }),
)}
<details><summary>${p.t("search.columns")}</summary>
<form method="get" action="/search">${[...params]
        .filter(([k]) => k !== "cols" && k !== "cursor")
        .map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}
<fieldset><legend>${p.t("search.columns")}</legend>${columnIds.map(
        (id) =>
          html`<label><input type="checkbox" name="col" value="${id}" ${input.columns.includes(id) ? raw("checked") : ""}> ${p.t(columnLabel[id])}</label><br>`,
      )}</fieldset>
<button class="ipo-button ipo-button--secondary" type="submit">${p.t("search.apply")}</button></form></details>
</aside>
<div>
${
  result.hits.length === 0
    ? html`<p>${p.t("records.none")}</p>`
    : cards
      ? html`${viewSwitch}${raw(
          renderSearchResults({
            lang: p.lang,
            headingLevel: 2,
            hits: result.hits.map((hit) => ({
              ...hit,
              href: recordHref(p, hit.document),
              statusLabel: hit.document.officeStatus ? statusText(p, input.workflows, hit.document) : undefined,
            })),
          }),
        )}`
      : html`${viewSwitch}<div class="ipo-table-wrap"><table class="ipo-table">
<thead><tr>${input.columns.map((id) => html`<th scope="col">${p.t(columnLabel[id])}</th>`)}</tr></thead>
<tbody>${result.hits.map(
          (hit) => html`<tr>${input.columns.map((id) => html`<td>${cell(p, input.workflows, id, hit)}</td>`)}</tr>`,
        )}</tbody></table></div>`
}
<nav class="ipo-pager" aria-label="${p.t("search.pages")}">
${params.has("cursor") ? html`<a class="ipo-button ipo-button--secondary" href="${withParams(p, params, [])}">${p.t("search.first")}</a>` : ""}
${
  result.next
    ? html`<a class="ipo-button ipo-button--secondary" rel="next" href="${withParams(p, params, [["cursor", Query.encodeCursor(result.next)]])}">${p.t("records.next")}</a>`
    : ""
}
</nav>
</div>
</div>`
    : ""
}`;
  return layout(p, { title: p.t("search.title"), current: "search", body, styles: portalStyles });
};

// ---------------------------------------------------------------------------------------------------------------
// Advanced search: every criterion of the query model as one form (GET /search), no script needed.

const sorts: ReadonlyArray<Query.Sort> = [
  "relevance",
  "-filingDate",
  "filingDate",
  "-registrationDate",
  "registrationDate",
  "applicationNumber",
  "mark",
];

export const advancedPage = (p: PageContext, workflows: Workflows, regional: boolean) => {
  const field = (name: string, label: PageMessageKey, attrs = "") =>
    html`<div class="ipo-field"><label for="adv-${name}">${p.t(label)}</label><input id="adv-${name}" name="${name}" dir="auto" ${raw(attrs)}></div>`;
  const mode = (name: string, chosen: "exact" | "contains" | "similar") =>
    html`<div class="ipo-field"><label for="adv-${name}">${p.t("adv.mode")}</label><select id="adv-${name}" name="${name}">${(
      ["similar", "contains", "exact"] as const
    ).map(
      (m) => html`<option value="${m}" ${m === chosen ? raw("selected") : ""}>${p.t(`adv.mode.${m}`)}</option>`,
    )}</select></div>`;
  const dates = (name: string, label: PageMessageKey) =>
    html`<fieldset class="ipo-range"><legend>${p.t(label)}</legend>
<label>${p.t("adv.from")} <input type="date" name="${name}From"></label>
<label>${p.t("adv.to")} <input type="date" name="${name}To"></label></fieldset>`;
  const statuses = [
    ...new Map(Object.values(workflows).flatMap((w) => w.states.map((s) => [s.id, stateLabel(p, w, s.id)] as const))),
  ];
  const body = html`<h1>${p.t("home.advanced")}</h1>
<form class="ipo-card ipo-advanced" method="get" action="/search">
<input type="hidden" name="lang" value="${p.lang}">
<fieldset><legend>${p.t("adv.marks")}</legend><div class="ipo-grid">
${field("mark", "adv.mark", 'maxlength="200"')}${mode("markMode", "similar")}
${field("goods", "adv.goods", 'maxlength="200"')}
</div></fieldset>
<fieldset><legend>${p.t("adv.names")}</legend><div class="ipo-grid">
${field("owner", "records.owner", 'maxlength="200"')}${field("representative", "search.col.representative", 'maxlength="200"')}
${field("inventor", "adv.inventor", 'maxlength="200"')}${field("designer", "adv.designer", 'maxlength="200"')}
${mode("nameMode", "contains")}
</div></fieldset>
<fieldset><legend>${p.t("adv.numbers")}</legend><div class="ipo-grid">
${field("appNo", "records.number", 'maxlength="64"')}${field("regNo", "adv.regNo", 'maxlength="64"')}
${field("st13", "adv.st13", 'maxlength="64"')}${field("irNo", "adv.irNo", 'maxlength="64"')}
${field("pct", "adv.pct", 'maxlength="64"')}${field("priorityNo", "adv.priorityNo", 'maxlength="64"')}
</div></fieldset>
<fieldset><legend>${p.t("adv.classification")}</legend><div class="ipo-grid">
<div class="ipo-field"><label for="adv-kind">${p.t("records.kind")}</label><select id="adv-kind" name="kind"><option value="">${p.t("records.any")}</option>${kindsOf(p.config).map((k) => html`<option value="${k}">${p.t(`kind.${k}`)}</option>`)}</select></div>
<div class="ipo-field"><label for="adv-status">${p.t("records.status")}</label><select id="adv-status" name="status"><option value="">${p.t("records.any")}</option>${statuses.map(
    ([id, label]) => html`<option value="${id}">${label}</option>`,
  )}</select></div>
<div class="ipo-field"><label for="adv-nice">${p.t("search.facet.class")}</label><select id="adv-nice" name="nice" multiple size="4">${Array.from(
    { length: 45 },
    (_, i) => html`<option value="${i + 1}">${I18n.formatNumber(p.lang, i + 1)}</option>`,
  )}</select></div>
<div class="ipo-field"><label for="adv-niceStatus">${p.t("adv.niceStatus")}</label><select id="adv-niceStatus" name="niceStatus"><option value="">${p.t("records.any")}</option>${(
    ["pending", "accepted", "refused", "opposed", "registered", "cancelled"] as const
  ).map((s) => html`<option value="${s}">${p.t(`adv.classStatus.${s}`)}</option>`)}</select></div>
${field("vienna", "adv.vienna", 'maxlength="20" placeholder="26.04.01"')}${field("ipc", "adv.ipc", 'maxlength="40" placeholder="A61K"')}
${field("locarno", "adv.locarno", 'maxlength="20" placeholder="06-01"')}
${regional ? field("state", "search.facet.state", 'maxlength="2" placeholder="SA"') : ""}
</div></fieldset>
<fieldset><legend>${p.t("adv.dates")}</legend><div class="ipo-grid">
${dates("filed", "records.filed")}${dates("published", "adv.published")}${dates("registered", "search.col.registered")}${dates("expires", "search.col.expires")}
</div></fieldset>
<fieldset><legend>${p.t("adv.expert")}</legend>
<div class="ipo-field"><label for="adv-where">${p.t("adv.where")}</label>
<textarea id="adv-where" name="where" rows="2" dir="ltr" maxlength="2000" placeholder='TM=(NOOR OR NUR) AND CL=25 AND NOT ST=refused'></textarea>
<p class="ipo-muted">${p.t("adv.whereHelp")}</p></div></fieldset>
<div class="ipo-grid"><div class="ipo-field"><label for="adv-sort">${p.t("adv.sort")}</label><select id="adv-sort" name="sort">${sorts.map(
    (s) => html`<option value="${s}">${p.t(`adv.sort.${s}` as PageMessageKey)}</option>`,
  )}</select></div></div>
<p><button class="ipo-button" type="submit">${p.t("records.search")}</button></p>
</form>`;
  return layout(p, { title: p.t("home.advanced"), current: "search", body, styles: portalStyles });
};
