/**
 * The cashier's invoice list (issue 11 §4): `GET /api/v1/cashier/invoices` and the page `/cashier`, for accounts
 * holding `fees.cashbook`. Every invoice of the office, owed and overdue first, filtered by state and searched by any
 * part of the payer's name (see `Cashbook`). A query that cannot be read is a 400 naming each field; a payer search
 * never fails for what it contains (the folded key keeps letters and digits only).
 */
import { I18n } from "@ipoffice/ui-components";
import { Effect, Result, Schema } from "effect";
import { type Context, Hono } from "hono";
import { html } from "hono/html";
import type { OperationSpec } from "../api/openapi.js";
import type { AreaContext } from "../Area.js";
import { needs } from "../http/access.js";
import { type FieldIssue, invalidInput, problem, sendProblem } from "../http/problem.js";
import { decodeAll } from "../http/validate.js";
import { href, layout, type PageContext, pageContext } from "../pages/layout.js";
import {
  Cashbook,
  CashbookLive,
  type CashbookPage,
  type CashbookQuery,
  type CashbookShape,
  cashbookFilters,
  maxPage,
  maxPageSize,
} from "./Cashbook.js";
import { badge, date, isolate, money, pdfHref } from "./pages.js";

const digits = (max: number) =>
  Schema.String.check(
    Schema.isPattern(/^[1-9][0-9]{0,5}$/, { message: `a whole number from 1 to ${max}` }),
    Schema.makeFilter((s: string) => Number(s) <= max || `at most ${max}`),
  );

/** The list's query string: every field optional; unknown fields are ignored. */
export const CashbookQueryParams = Schema.Struct({
  payer: Schema.optional(Schema.String.check(Schema.isMaxLength(300))),
  state: Schema.optional(Schema.Literals(cashbookFilters)),
  page: Schema.optional(digits(maxPage)),
  pageSize: Schema.optional(digits(maxPageSize)),
});

const CashbookRowSchema = Schema.Struct({
  number: Schema.String,
  issueDate: Schema.String,
  dueDate: Schema.String,
  overdue: Schema.Boolean,
  state: Schema.String,
  currency: Schema.String,
  total: Schema.Int,
  outstanding: Schema.Int,
  payer: Schema.optional(Schema.String),
  filings: Schema.Array(Schema.String),
});

const CashbookPageSchema = Schema.Struct({
  today: Schema.String,
  paymentDays: Schema.Int,
  page: Schema.Int,
  pageSize: Schema.Int,
  matching: Schema.Int,
  counts: Schema.Record(Schema.String, Schema.Int),
  items: Schema.Array(CashbookRowSchema),
});

export const cashierOperations: ReadonlyArray<OperationSpec> = [
  {
    method: "get",
    path: "/api/v1/cashier/invoices",
    operationId: "listCashbook",
    access: needs("fees.cashbook"),
    summary:
      "Every invoice of the office, owed and overdue first (then by due date), with state, amount, balance, payer and filings; filtered by state, searched by any part of the payer's name (case, accents and Arabic letter forms ignored); paged, with counts per state",
    tags: ["fees"],
    parameters: [
      {
        name: "payer",
        in: "query",
        description: "Any part of the payer's name: `habsi` finds `Al Habsi Trading LLC`, `société` finds `Societe…`",
        schema: { type: "string", maxLength: 300 },
      },
      { name: "state", in: "query", schema: { type: "string", enum: [...cashbookFilters] } },
      { name: "page", in: "query", schema: { type: "integer", minimum: 1, maximum: maxPage } },
      { name: "pageSize", in: "query", schema: { type: "integer", minimum: 1, maximum: maxPageSize } },
    ],
    responses: {
      "200": { description: "A page of the list, with counts", name: "CashbookPage", schema: CashbookPageSchema },
      "400": { description: "A query field that cannot be read (each named)" },
    },
  },
];

export const cashierPageRoutes = [
  { method: "get", path: "/cashier", access: needs("fees.cashbook"), summary: "The cashier's invoice list" },
] as const;

const queryFields = ["payer", "state", "page", "pageSize"] as const;

/** The list's fields of a query string; others (`lang`, a tracker's) are not the list's and are ignored. */
const decodeQuery = (raw: Record<string, string>): Result.Result<CashbookQuery, ReadonlyArray<FieldIssue>> =>
  Result.map(decodeAll(CashbookQueryParams, pick(raw)), (q) => ({
    ...(q.payer === undefined ? {} : { payer: q.payer }),
    ...(q.state === undefined ? {} : { state: q.state }),
    ...(q.page === undefined ? {} : { page: Number(q.page) }),
    ...(q.pageSize === undefined ? {} : { pageSize: Number(q.pageSize) }),
  }));

const pick = (raw: Record<string, string>): Record<string, string> =>
  Object.fromEntries(queryFields.flatMap((k) => (raw[k] === undefined ? [] : [[k, raw[k]]])));

/** Runs a use of the `Cashbook` service of the office (its layer provided here: an office without fees has none). */
export const withCashbook = <A, E>(
  ctx: AreaContext,
  office: string,
  use: (book: CashbookShape) => Effect.Effect<A, E>,
) =>
  ctx.run(
    Cashbook.use(use).pipe(
      Effect.provide(
        CashbookLive(ctx.db, {
          office,
          timeZone: ctx.config.office.timeZone,
          paymentDays: ctx.config.fees?.paymentDays,
        }),
      ),
    ),
  );

const listWith = (ctx: AreaContext, office: string, query: CashbookQuery) =>
  withCashbook(ctx, office, (book) => book.list(query));

/** The API route, mounted under `/api/v1`. */
export const cashierApi = (ctx: AreaContext, office: string) => {
  const api = new Hono();
  api.get("/cashier/invoices", async (c) => {
    const query = decodeQuery(c.req.query());
    if (Result.isFailure(query)) return sendProblem(c, invalidInput(query.failure, "query"));
    const listed = await listWith(ctx, office, query.success);
    if (Result.isFailure(listed)) return unavailable(c, ctx, listed.failure);
    return c.json(listed.success);
  });
  return api;
};

const unavailable = (c: Context, ctx: AreaContext, error: unknown) => {
  ctx.logger.error({ err: error, requestId: c.get("requestId") }, "cashier list failed");
  return sendProblem(
    c,
    problem(503, "database-unavailable", "Database unavailable", "The database did not answer; try again shortly."),
  );
};

/** The page, mounted with the other pages. */
export const cashierPages = (ctx: AreaContext, office: string) => {
  const pages = new Hono();
  pages.get("/cashier", async (c) => {
    const p = pageContext(c, ctx.config);
    const raw = c.req.query();
    const decoded = decodeQuery(raw);
    // A page reads what it can: a field it cannot read is shown and left out of the search.
    const issues = Result.isFailure(decoded) ? decoded.failure : [];
    const query = Result.isSuccess(decoded)
      ? decoded.success
      : Result.getOrElse(
          decodeQuery(
            Object.fromEntries(
              Object.entries(raw).filter(([k]) => !issues.some((i) => i.path === k || i.path.startsWith(`${k}.`))),
            ),
          ),
          () => ({}),
        );
    const listed = await listWith(ctx, office, query);
    if (Result.isFailure(listed)) {
      ctx.logger.error({ err: listed.failure }, "cashier page failed");
      return c.text("The cashier's list is unavailable; try again shortly.", 503);
    }
    return c.html(cashierPage(p, query, listed.success, issues));
  });
  return pages;
};

const stateLabel = (p: PageContext, state: string): string =>
  state === "outstanding"
    ? p.t("cashier.outstanding")
    : state === "overdue"
      ? p.t("cashier.overdue")
      : p.t(`payments.state.${state}` as Parameters<PageContext["t"]>[0]);

export const cashierPage = (
  p: PageContext,
  query: CashbookQuery,
  book: CashbookPage,
  issues: ReadonlyArray<FieldIssue>,
) => {
  const pages = Math.max(1, Math.ceil(book.matching / book.pageSize));
  const link = (params: Record<string, string | number | undefined>) =>
    href(p, "/cashier", { payer: query.payer, state: query.state, ...params });
  const chips = (["all", "overdue", "unpaid", "partially_paid", "paid", "overpaid", "refunded", "cancelled"] as const)
    .filter((k) => k === "all" || k === "overdue" || book.counts[k] > 0)
    .map((k) => {
      const current = (query.state ?? "all") === k;
      const label = k === "all" ? p.t("cashier.all") : stateLabel(p, k);
      return html`<li><a href="${link({ state: k === "all" ? undefined : k, page: undefined })}" ${current ? html`aria-current="true"` : ""}>${label}</a> <span class="ipo-num ipo-muted">(${I18n.formatNumber(p.lang, book.counts[k])})</span></li>`;
    });
  const body = html`
<h1>${p.t("cashier.title")}</h1>
<form class="ipo-card" method="get" action="/cashier" role="search">
  <input type="hidden" name="lang" value="${p.lang}">
  <div style="display:flex;flex-wrap:wrap;gap:0.75rem;align-items:end">
    <div class="ipo-field" style="flex:1 1 18rem"><label for="payer">${p.t("cashier.payer")}</label>
      <input id="payer" name="payer" type="search" dir="auto" value="${query.payer ?? ""}" maxlength="300"></div>
    <div class="ipo-field"><label for="state">${p.t("cashier.state")}</label>
      <select id="state" name="state"><option value="">${p.t("cashier.allStates")}</option>${cashbookFilters.map(
        (s) => html`<option value="${s}" ${query.state === s ? html`selected` : ""}>${stateLabel(p, s)}</option>`,
      )}</select></div>
    <div><button class="ipo-button" type="submit">${p.t("cashier.search")}</button></div>
  </div>
</form>
${
  issues.length === 0
    ? ""
    : html`<div class="ipo-alert ipo-alert--danger" role="alert"><ul>${issues.map(
        (i) => html`<li><code dir="ltr">${i.path}</code>: ${i.message}</li>`,
      )}</ul></div>`
}
<nav aria-label="${p.t("cashier.counts")}"><ul class="ipo-inline-list" style="display:flex;flex-wrap:wrap;gap:0.25rem 1.25rem;list-style:none;padding:0">${chips}</ul></nav>
<p class="ipo-muted">${p.t("cashier.dueRule", { days: I18n.formatNumber(p.lang, book.paymentDays), today: date(p, book.today) })}</p>
<p role="status">${book.matching === 0 ? p.t("cashier.none") : p.t("cashier.matching", { count: I18n.formatNumber(p.lang, book.matching) })}</p>
${
  book.items.length === 0
    ? ""
    : html`<div class="ipo-table-wrap"><table class="ipo-table">
<thead><tr>
<th scope="col">${p.t("cashier.number")}</th><th scope="col">${p.t("payments.payer")}</th><th scope="col">${p.t("payments.items")}</th>
<th scope="col">${p.t("payments.date")}</th><th scope="col">${p.t("cashier.due")}</th>
<th scope="col">${p.t("payments.total")}</th><th scope="col">${p.t("payments.outstanding")}</th><th scope="col">${p.t("payments.state")}</th>
</tr></thead>
<tbody>${book.items.map(
        (r) => html`<tr>
<td style="white-space:nowrap"><a href="${pdfHref(r.number, p.lang)}" type="application/pdf" dir="ltr">${r.number}</a></td>
<td>${r.payer === undefined ? "" : html`<bdi>${isolate(r.payer)}</bdi>`}</td>
<td>${r.filings.map((f) => html`<a href="${href(p, `/records/${encodeURIComponent(f)}`)}" dir="ltr" style="display:block;white-space:nowrap">${f}</a>`)}</td>
<td class="ipo-num" style="white-space:nowrap">${date(p, r.issueDate)}</td>
<td class="ipo-num" style="white-space:nowrap">${date(p, r.dueDate)}</td>
<td class="ipo-num" style="white-space:nowrap"><bdi>${money(p, r.total, r.currency)}</bdi></td>
<td class="ipo-num" style="white-space:nowrap"><bdi>${money(p, r.outstanding, r.currency)}</bdi></td>
<td>${badge(p, r.state)}${r.overdue ? html` <span class="ipo-badge ipo-badge--danger">${p.t("cashier.overdue")}</span>` : ""}</td>
</tr>`,
      )}</tbody></table></div>`
}
${
  pages <= 1
    ? ""
    : html`<nav aria-label="${p.t("cashier.pages")}" style="display:flex;gap:1rem;align-items:center;margin-top:1rem">
${book.page > 1 ? html`<a href="${link({ page: book.page - 1 })}" rel="prev">${p.t("cashier.previous")}</a>` : ""}
<span>${p.t("cashier.pageOf", { page: I18n.formatNumber(p.lang, book.page), pages: I18n.formatNumber(p.lang, pages) })}</span>
${book.page < pages ? html`<a href="${link({ page: book.page + 1 })}" rel="next">${p.t("cashier.next")}</a>` : ""}
</nav>`
}`;
  return layout(p, { title: p.t("cashier.title"), current: "cashier", body });
};
