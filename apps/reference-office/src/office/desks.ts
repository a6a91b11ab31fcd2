/**
 * The desks of the back office, as pages and as API operations: the queue menu with counts, a queue's worklist (the
 * time limit that falls first at the top, due date and days left per row, overdue highlighted), filters (assigned to
 * me, unassigned, kind, Nice class, text), keyset pagination, assignment and reassignment, and bulk workflow actions
 * reported per item. Plain HTML forms (the two bulk buttons use `formaction`): everything works without JavaScript.
 */
import { I18n } from "@ipoffice/ui-components";
import { type Effect, Result, Schema } from "effect";
import { type Context, Hono } from "hono";
import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { AreaContext } from "../Area.js";
import type { OperationSpec } from "../api/openapi.js";
import type { Principal } from "../auth/Accounts.js";
import { requirePrincipal } from "../auth/actor.js";
import { IpKind, kindsOf, workflowsOf } from "../config/OfficeConfig.js";
import { needs } from "../http/access.js";
import { invalidInput, problem, sendProblem } from "../http/problem.js";
import { isCrossSite, readForm, readJson } from "../http/request.js";
import { decodeAll } from "../http/validate.js";
import { statusLabel as madridStatusLabel } from "../madrid/pages.js";
import { isolate } from "../pages/bidi.js";
import { can, csrfField, href, layout, type PageContext, pageContext } from "../pages/layout.js";
import { pageText } from "../pages/messages.js";
import { stateLabel } from "../pages/records.js";
import { type OfficeKey, officeText } from "./messages.js";
import { type Queue, type QueueId, queueIds } from "./queues.js";
import type { DatabaseError, Rights } from "../rights/Rights.js";
import {
  type AssigneeNotAllowed,
  assignedFilters,
  type BulkActionNotAllowed,
  type Caller,
  type ItemOutcome,
  MAX_LIMIT,
  makeWorklists,
  type QueueCount,
  type QueueNotFound,
  type WorklistFilter,
  type WorklistItem,
  type WorklistPage,
  type WorklistsShape,
} from "./Worklists.js";

const o = (p: PageContext, key: OfficeKey, params?: Record<string, string | number>) => officeText(p.lang, key, params);

// ---------------------------------------------------------------------------------------------------------------
// Input

/** The worklist's query string: filters and the page. Unknown fields are refused, each bad field named. */
export const WorklistQuery = Schema.Struct({
  assigned: Schema.optional(Schema.Literals(assignedFilters)),
  kind: Schema.optional(IpKind),
  class: Schema.optional(Schema.NumberFromString.check(Schema.isInt(), Schema.isBetween({ minimum: 1, maximum: 45 }))),
  q: Schema.optional(Schema.String.check(Schema.isMaxLength(200))),
  after: Schema.optional(Schema.String.check(Schema.isMaxLength(400))),
  limit: Schema.optional(
    Schema.NumberFromString.check(Schema.isInt(), Schema.isBetween({ minimum: 1, maximum: MAX_LIMIT })),
  ),
});

/**
 * Reads the worklist query (page or API): empty fields count as absent (a form sends `kind=` for "any"); `lang` and
 * `_csrf` belong to the page, not to the filter.
 */
export const readWorklistQuery = (
  query: Readonly<Record<string, string>>,
): Result.Result<WorklistFilter, ReadonlyArray<{ path: string; message: string }>> => {
  const given: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) {
    if (k === "lang" || k === "_csrf" || v.trim() === "") continue;
    given[k] = v.trim();
  }
  const decoded = decodeAll(WorklistQuery, given);
  if (Result.isFailure(decoded)) return Result.fail(decoded.failure);
  const d = decoded.success;
  return Result.succeed({
    ...(d.assigned ? { assigned: d.assigned } : {}),
    ...(d.kind ? { kind: d.kind } : {}),
    ...(d.class !== undefined ? { classNumber: d.class } : {}),
    ...(d.q ? { q: d.q } : {}),
    ...(d.after ? { after: d.after } : {}),
    ...(d.limit !== undefined ? { limit: d.limit } : {}),
  });
};

const ItemKey = Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(100));
const Items = Schema.Array(ItemKey).check(Schema.isMinLength(1), Schema.isMaxLength(MAX_LIMIT));

export const AssignRequest = Schema.Struct({
  items: Items,
  /** The account (id or username) the items go to; null unassigns them. */
  assignee: Schema.NullOr(Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(200))),
});

export const BulkActionRequest = Schema.Struct({
  items: Items,
  action: Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(64)),
});

const QueueIdSchema = Schema.Literals(queueIds);

const QueueCountSchema = Schema.Struct({
  queue: QueueIdSchema,
  label: Schema.String,
  total: Schema.Number,
  overdue: Schema.Number,
  mine: Schema.Number,
  unassigned: Schema.Number,
});

const WorklistItemSchema = Schema.Struct({
  type: Schema.Literals(["right", "designation"]),
  key: Schema.String,
  st13: Schema.optional(Schema.String),
  kind: IpKind,
  title: Schema.NullOr(Schema.String),
  owners: Schema.String,
  status: Schema.String,
  statusLabel: Schema.String,
  filingDate: Schema.String,
  due: Schema.optional(
    Schema.Struct({
      date: Schema.String,
      action: Schema.optional(Schema.String),
      actionLabel: Schema.optional(Schema.String),
      daysLeft: Schema.Number,
    }),
  ),
  assignee: Schema.optional(Schema.Struct({ id: Schema.String, name: Schema.String })),
});

const WorklistPageSchema = Schema.Struct({
  queue: QueueIdSchema,
  items: Schema.Array(WorklistItemSchema),
  total: Schema.Number,
  next: Schema.optional(Schema.String),
});

const ItemOutcomeSchema = Schema.Struct({
  key: Schema.String,
  outcome: Schema.Literals(["assigned", "unassigned", "unchanged", "performed", "not-in-queue", "failed"]),
  from: Schema.optional(Schema.String),
  to: Schema.optional(Schema.String),
  status: Schema.optional(Schema.String),
  code: Schema.optional(Schema.String),
  reason: Schema.optional(Schema.String),
});
const BulkResult = Schema.Struct({ results: Schema.Array(ItemOutcomeSchema) });

// ---------------------------------------------------------------------------------------------------------------
// Labels

const callerOf = (principal: Principal): Caller => ({
  id: principal.id,
  kind: principal.kind,
  name: principal.name,
  roles: principal.roles,
});

export const queueLabel = (lang: string, queue: QueueId): string =>
  officeText(lang, `office.queue.${queue}` as OfficeKey);

const itemStatusLabel = (ctx: AreaContext, lang: string, item: WorklistItem): string =>
  item.type === "designation"
    ? madridStatusLabel(
        {
          lang,
          t: (key: Parameters<PageContext["t"]>[0], params?: Record<string, string | number>) =>
            pageText(lang, key, params),
        } as PageContext,
        item.status,
      )
    : stateLabel({ lang } as PageContext, workflowsOf(ctx.config)[item.kind], item.status);

const dueActionLabel = (ctx: AreaContext, lang: string, item: WorklistItem): string | undefined => {
  const action = item.due?.action;
  if (action === undefined) return undefined;
  if (item.type === "designation") {
    const key = `office.madrid.limit.${action}`;
    const text = officeText(lang, key as OfficeKey);
    return text === key ? action : text;
  }
  const found = workflowsOf(ctx.config)[item.kind].actions.find((a) => a.id === action);
  return found ? (found.labels[lang] ?? found.labels["en"] ?? action) : action;
};

// ---------------------------------------------------------------------------------------------------------------
// Pages

const queueMenu = (p: PageContext, counts: ReadonlyArray<QueueCount>, current?: QueueId) =>
  html`<nav class="ipo-card" aria-labelledby="queues"><h2 id="queues">${o(p, "office.desks")}</h2>
${
  counts.length === 0
    ? html`<p class="ipo-muted">${o(p, "office.none")}</p>`
    : html`<div class="ipo-table-wrap"><table class="ipo-table" data-queue-menu><thead><tr><th scope="col">${o(p, "office.col.queue")}</th><th scope="col" class="ipo-num">${o(p, "office.col.items")}</th><th scope="col" class="ipo-num">${o(p, "office.col.overdue")}</th><th scope="col" class="ipo-num">${o(p, "office.col.mine")}</th><th scope="col" class="ipo-num">${o(p, "office.col.unassigned")}</th></tr></thead><tbody>
${counts.map(
  (c) =>
    html`<tr data-queue="${c.queue}"><td><a href="${href(p, `/office/worklists/${c.queue}`)}" ${c.queue === current ? raw('aria-current="page"') : ""}>${queueLabel(p.lang, c.queue)}</a></td><td class="ipo-num">${I18n.formatNumber(p.lang, c.total)}</td><td class="ipo-num">${c.overdue > 0 ? html`<span class="ipo-badge ipo-badge--danger">${I18n.formatNumber(p.lang, c.overdue)}</span>` : I18n.formatNumber(p.lang, 0)}</td><td class="ipo-num"><a href="${href(p, `/office/worklists/${c.queue}`, { assigned: "me" })}">${I18n.formatNumber(p.lang, c.mine)}</a></td><td class="ipo-num"><a href="${href(p, `/office/worklists/${c.queue}`, { assigned: "unassigned" })}">${I18n.formatNumber(p.lang, c.unassigned)}</a></td></tr>`,
)}</tbody></table></div>`
}</nav>`;

const filterForm = (p: PageContext, ctx: AreaContext, queue: QueueId, query: Readonly<Record<string, string>>) => {
  const v = (name: string) => query[name] ?? "";
  return html`<form class="ipo-card ipo-form" method="get" action="/office/worklists/${queue}" role="search" aria-label="${o(p, "office.filter.apply")}">
<input type="hidden" name="lang" value="${p.lang}">
<div style="display:flex;flex-wrap:wrap;gap:0.75rem 1.5rem;align-items:end">
<div class="ipo-field"><label for="f-assigned">${o(p, "office.filter.assigned")}</label><select id="f-assigned" name="assigned">
${assignedFilters.map((a) => html`<option value="${a}" ${v("assigned") === a || (a === "all" && v("assigned") === "") ? raw("selected") : ""}>${o(p, `office.filter.assigned.${a}` as OfficeKey)}</option>`)}</select></div>
${
  queue === "madrid"
    ? ""
    : html`<div class="ipo-field"><label for="f-kind">${o(p, "office.filter.kind")}</label><select id="f-kind" name="kind"><option value="">${o(p, "office.filter.any")}</option>
${kindsOf(ctx.config).map((k) => html`<option value="${k}" ${v("kind") === k ? raw("selected") : ""}>${p.t(`kind.${k}`)}</option>`)}</select></div>`
}
<div class="ipo-field"><label for="f-class">${o(p, "office.filter.class")}</label><input id="f-class" name="class" inputmode="numeric" size="4" maxlength="2" pattern="[0-9]{1,2}" value="${v("class")}" dir="ltr"></div>
<div class="ipo-field"><label for="f-q">${o(p, "office.filter.q")}</label><input id="f-q" name="q" maxlength="200" value="${v("q")}" dir="auto"></div>
<div><button class="ipo-button" type="submit">${o(p, "office.filter.apply")}</button></div>
</div></form>`;
};

const daysCell = (p: PageContext, item: WorklistItem) => {
  if (item.due === undefined) return html`<td class="ipo-num ipo-muted">${o(p, "office.noDue")}</td>`;
  const overdue = item.due.daysLeft < 0;
  return html`<td class="ipo-num" ${overdue ? raw("data-overdue") : ""}>${
    overdue
      ? html`<span class="ipo-badge ipo-badge--danger">${o(p, "office.overdue")}</span> <strong>${I18n.formatNumber(p.lang, item.due.daysLeft)}</strong>`
      : item.due.daysLeft <= 14
        ? html`<strong>${I18n.formatNumber(p.lang, item.due.daysLeft)}</strong>`
        : I18n.formatNumber(p.lang, item.due.daysLeft)
  }</td>`;
};

const rows = (p: PageContext, ctx: AreaContext, page: WorklistPage, selected: ReadonlySet<string>) =>
  page.items.map((item) => {
    const link =
      item.type === "designation"
        ? href(p, `/madrid/designations/${item.key}`)
        : href(p, `/office/records/${item.st13 ?? item.key}`);
    const id = `item-${item.key.replace(/[^A-Za-z0-9]/g, "_")}`;
    const action = dueActionLabel(ctx, p.lang, item);
    return html`<tr data-item="${item.key}">
<td><input type="checkbox" name="item" value="${item.key}" id="${id}" ${selected.has(item.key) ? raw("checked") : ""} aria-label="${o(p, "office.col.select")} ${item.key}"></td>
<td><a dir="ltr" href="${link}">${item.key}</a></td>
<td><bdi>${item.title ?? ""}</bdi></td>
<td><bdi>${item.owners}</bdi></td>
<td>${itemStatusLabel(ctx, p.lang, item)}</td>
<td class="ipo-num">${I18n.formatDate(p.lang, `${item.filingDate}T00:00:00Z`)}</td>
<td>${item.due ? html`${I18n.formatDate(p.lang, `${item.due.date}T00:00:00Z`)}${action ? html`<br><span class="ipo-hint">${action}</span>` : ""}` : ""}</td>
${daysCell(p, item)}
<td>${item.assignee ? html`<bdi>${item.assignee.name}</bdi>` : html`<span class="ipo-muted">${o(p, "office.unassigned")}</span>`}</td>
</tr>`;
  });

/** Why an item was not done, in the page's language (the API gives the code and an English reason). */
const reasonLabel = (p: PageContext, code: string): string => {
  const key = `office.bulk.reason.${code}`;
  const text = officeText(p.lang, key as OfficeKey);
  return text === key ? o(p, "office.bulk.reason.other") : text;
};

const outcomeTable = (p: PageContext, results: ReadonlyArray<ItemOutcome>) =>
  html`<section class="ipo-card" aria-labelledby="results" role="status"><h2 id="results">${o(p, "office.bulk.results")}</h2>
<div class="ipo-table-wrap"><table class="ipo-table" data-results><tbody>
${results.map(
  (r) =>
    html`<tr data-outcome="${r.outcome}"><td dir="ltr">${r.key}</td><td>${
      r.outcome === "failed" || r.outcome === "not-in-queue"
        ? html`<span class="ipo-error">${o(p, `office.bulk.outcome.${r.outcome}` as OfficeKey)}</span>: ${reasonLabel(p, r.code)}`
        : o(p, `office.bulk.outcome.${r.outcome}` as OfficeKey)
    }</td></tr>`,
)}</tbody></table></div></section>`;

interface Notice {
  readonly results?: ReadonlyArray<ItemOutcome>;
  readonly error?: string;
  readonly selected?: ReadonlySet<string>;
}

const worklistPage = async (
  ctx: AreaContext,
  worklists: WorklistsShape,
  c: Context,
  queueId: string,
  notice: Notice = {},
  status: 200 | 400 | 404 | 409 | 422 = 200,
): Promise<Response> => {
  const p = pageContext(c, ctx.config);
  const caller = callerOf(requirePrincipal(c));
  const counts = await ctx.run(worklists.counts(caller));
  if (Result.isFailure(counts))
    return c.html(
      layout(p, { title: o(p, "office.failed"), body: html`<p role="alert">${o(p, "office.failed")}</p>` }),
      503,
    );
  const queue = worklists.desks.get(queueId as QueueId);
  if (queue === undefined || !counts.success.some((x) => x.queue === queueId)) {
    return c.html(
      layout(p, {
        title: o(p, "office.desks"),
        current: "office",
        body: html`<h1>${o(p, "office.desks")}</h1>${queueMenu(p, counts.success)}<p role="alert" data-unknown-queue>${o(p, "office.none")}</p>`,
      }),
      404,
    );
  }
  const query = c.req.query();
  const filter = readWorklistQuery(query);
  const filterError = Result.isFailure(filter)
    ? o(p, "office.filter.invalid", { fields: filter.failure.map((i) => i.path || i.message).join(", ") })
    : undefined;
  const listed = await ctx.run(worklists.list(queue.id, Result.isSuccess(filter) ? filter.success : {}, caller));
  if (Result.isFailure(listed) && listed.failure._tag === "DatabaseError")
    return c.html(
      layout(p, { title: o(p, "office.failed"), body: html`<p role="alert">${o(p, "office.failed")}</p>` }),
      503,
    );
  const page: WorklistPage = Result.isSuccess(listed) ? listed.success : { queue: queue.id, items: [], total: 0 };
  const people = can(p, "worklists.assign") ? await ctx.run(worklists.assignees(queue.id, caller)) : undefined;
  const assignable = people && Result.isSuccess(people) ? people.success : [];
  const actions = worklists.bulkActions(queue, caller);
  const title = queueLabel(p.lang, queue.id);
  const keep = Object.fromEntries(Object.entries(query).filter(([k]) => k !== "after" && k !== "lang"));
  const body = html`<h1>${o(p, "office.desks")}: ${title}</h1>
<p class="ipo-hint">${o(p, "office.desks.intro")}</p>
${queueMenu(p, counts.success, queue.id)}
${filterForm(p, ctx, queue.id, query)}
${filterError || Result.isFailure(listed) ? html`<p role="alert" class="ipo-error" data-filter-error>${filterError ?? o(p, "office.filter.invalid", { fields: "after" })}</p>` : ""}
${notice.error ? html`<p role="alert" class="ipo-error" data-bulk-error>${notice.error}</p>` : ""}
${notice.results ? outcomeTable(p, notice.results) : ""}
<section class="ipo-card" aria-labelledby="items"><h2 id="items">${title} <span class="ipo-muted">(${o(p, "office.showing", { shown: I18n.formatNumber(p.lang, page.items.length), total: I18n.formatNumber(p.lang, page.total) })})</span></h2>
<form method="post" action="${href(p, `/office/worklists/${queue.id}/assign`, keep)}">${csrfField(p)}
${
  page.items.length === 0
    ? html`<p class="ipo-muted">${o(p, "office.none")}</p>`
    : html`<div class="ipo-table-wrap"><table class="ipo-table" data-worklist><thead><tr><th scope="col"><span class="ipo-visually-hidden">${o(p, "office.col.select")}</span></th><th scope="col">${o(p, "office.col.number")}</th><th scope="col">${o(p, "office.col.title")}</th><th scope="col">${o(p, "office.col.owners")}</th><th scope="col">${o(p, "office.col.status")}</th><th scope="col">${o(p, "office.col.filed")}</th><th scope="col">${o(p, "office.col.due")}</th><th scope="col" class="ipo-num">${o(p, "office.col.daysLeft")}</th><th scope="col">${o(p, "office.col.assignee")}</th></tr></thead><tbody>
${rows(p, ctx, page, notice.selected ?? new Set())}</tbody></table></div>
<fieldset class="ipo-form" style="border:0;padding:0;margin:1rem 0 0"><legend class="ipo-label">${o(p, "office.bulk.legend")}</legend>
<div style="display:flex;flex-wrap:wrap;gap:0.75rem 1.5rem;align-items:end">
${
  can(p, "worklists.assign")
    ? html`<div class="ipo-field"><label for="assignee">${o(p, "office.bulk.assignTo")}</label><select id="assignee" name="assignee"><option value="">${o(p, "office.bulk.nobody")}</option>
${assignable.map((a) => html`<option value="${a.id}">${isolate(a.name)} (${isolate(a.username)})</option>`)}</select></div>
<div><button class="ipo-button" type="submit">${o(p, "office.bulk.assign")}</button></div>`
    : ""
}
${
  actions.length > 0 && can(p, "rights.act")
    ? html`<div class="ipo-field"><label for="bulk-action">${o(p, "office.bulk.action")}</label><select id="bulk-action" name="action">
${actions.map((a) => html`<option value="${a.id}">${a.labels[p.lang] ?? a.labels["en"] ?? a.id}</option>`)}</select></div>
<div><button class="ipo-button ipo-button--secondary" type="submit" formaction="${href(p, `/office/worklists/${queue.id}/actions`, keep)}">${o(p, "office.bulk.perform")}</button></div>`
    : ""
}
</div></fieldset>`
}
</form>
<p class="ipo-pagination">${filter && Result.isSuccess(filter) && filter.success.after ? html`<a href="${href(p, `/office/worklists/${queue.id}`, keep)}">${o(p, "office.first")}</a> ` : ""}${page.next ? html`<a rel="next" href="${href(p, `/office/worklists/${queue.id}`, { ...keep, after: page.next })}">${o(p, "office.next")}</a>` : ""}</p>
</section>`;
  return c.html(layout(p, { title: `${title} · ${o(p, "office.desks")}`, current: "office", body }), status);
};

/** The items and the other fields of a bulk form. */
const bulkForm = (form: Record<string, string | File | (string | File)[]>) => {
  const all = (name: string) =>
    (Array.isArray(form[name])
      ? (form[name] as (string | File)[])
      : form[name] === undefined
        ? []
        : [form[name]]
    ).filter((x): x is string => typeof x === "string");
  return {
    items: [
      ...new Set(
        all("item")
          .map((x) => x.trim())
          .filter((x) => x !== "" && x.length <= 100),
      ),
    ].slice(0, MAX_LIMIT),
    one: (name: string) => all(name)[0]?.trim() ?? "",
  };
};

const confirmPage = (
  p: PageContext,
  queue: Queue,
  action: { id: string; label: string },
  items: ReadonlyArray<string>,
  back: string,
  target: string,
) =>
  layout(p, {
    title: o(p, "office.confirm.title", { action: action.label }),
    current: "office",
    body: html`<h1>${o(p, "office.confirm.title", { action: action.label })}</h1>
<section class="ipo-card" data-confirm>
<p role="alert">${o(p, "office.bulk.confirm", { count: I18n.formatNumber(p.lang, items.length), action: action.label })}</p>
<ul>${items.map((i) => html`<li dir="ltr">${i}</li>`)}</ul>
<form method="post" action="${target}">${csrfField(p)}
<input type="hidden" name="action" value="${action.id}"><input type="hidden" name="confirm" value="yes">
${items.map((i) => html`<input type="hidden" name="item" value="${i}">`)}
<div style="display:flex;gap:1rem;flex-wrap:wrap"><button class="ipo-button ipo-button--danger" type="submit">${o(p, "office.confirm.yes")}</button>
<a class="ipo-button ipo-button--secondary" href="${back}">${o(p, "office.confirm.back")}</a></div>
</form></section>
<p class="ipo-hint">${queueLabel(p.lang, queue.id)}</p>`,
  });

export const desksPageRoutes = [
  {
    method: "get",
    path: "/office/worklists",
    access: needs("register.read"),
    summary: "Desks: the queues the account serves, with counts",
  },
  {
    method: "get",
    path: "/office/worklists/{queue}",
    access: needs("register.read"),
    summary: "Desks: a queue's worklist (time limit first), filters and pages",
  },
  {
    method: "post",
    path: "/office/worklists/{queue}/assign",
    access: needs("worklists.assign"),
    summary: "Desks: assign or reassign selected items (audited), result per item",
  },
  {
    method: "post",
    path: "/office/worklists/{queue}/actions",
    access: needs("rights.act"),
    summary:
      "Desks: perform one workflow action on each selected item (confirmed when it cannot be undone), result per item",
  },
] as const;

export const desksPages = (ctx: AreaContext, app: Hono) => {
  const worklists = makeWorklists(ctx.db, ctx.config);

  app.get("/office/worklists", async (c) => {
    const p = pageContext(c, ctx.config);
    const counts = await ctx.run(worklists.counts(callerOf(requirePrincipal(c))));
    if (Result.isFailure(counts))
      return c.html(
        layout(p, { title: o(p, "office.failed"), body: html`<p role="alert">${o(p, "office.failed")}</p>` }),
        503,
      );
    const first = counts.success[0];
    return c.html(
      layout(p, {
        title: o(p, "office.desks"),
        current: "office",
        body: html`<h1>${o(p, "office.desks")}</h1><p class="ipo-hint">${o(p, "office.desks.intro")}</p>${queueMenu(p, counts.success)}${
          first
            ? html`<p><a href="${href(p, `/office/worklists/${first.queue}`)}">${queueLabel(p.lang, first.queue)}</a></p>`
            : ""
        }`,
      }),
    );
  });

  app.get("/office/worklists/:queue", (c) => worklistPage(ctx, worklists, c, c.req.param("queue")));

  const crossSite = (c: Context, p: PageContext) =>
    c.html(
      layout(p, { title: o(p, "office.failed"), body: html`<p role="alert">${o(p, "office.crossSite")}</p>` }),
      403,
    );

  app.post("/office/worklists/:queue/assign", async (c: Context) => {
    const p = pageContext(c, ctx.config);
    if (isCrossSite(c)) return crossSite(c, p);
    const queue = c.req.param("queue") ?? "";
    const read = await readForm(c, (c) =>
      c.html(
        layout(p, { title: o(p, "office.failed"), body: html`<p role="alert">${o(p, "office.failed")}</p>` }),
        400,
      ),
    );
    if (Result.isFailure(read)) return read.failure;
    const { items, one } = bulkForm(read.success);
    if (items.length === 0) return worklistPage(ctx, worklists, c, queue, { error: o(p, "office.bulk.none") }, 400);
    const assignee = one("assignee");
    const done = await ctx.run(
      worklists.assign(queue, items, assignee === "" ? null : assignee, callerOf(requirePrincipal(c))),
    );
    if (Result.isSuccess(done)) return worklistPage(ctx, worklists, c, queue, { results: done.success });
    const failure = done.failure;
    if (failure._tag === "QueueNotFound") return worklistPage(ctx, worklists, c, queue, {}, 404);
    if (failure._tag === "AssigneeNotAllowed")
      return worklistPage(
        ctx,
        worklists,
        c,
        queue,
        { error: o(p, "office.bulk.assigneeRefused"), selected: new Set(items) },
        422,
      );
    return c.html(
      layout(p, { title: o(p, "office.failed"), body: html`<p role="alert">${o(p, "office.failed")}</p>` }),
      503,
    );
  });

  app.post("/office/worklists/:queue/actions", async (c: Context) => {
    const p = pageContext(c, ctx.config);
    if (isCrossSite(c)) return crossSite(c, p);
    const queueId = c.req.param("queue") ?? "";
    const read = await readForm(c, (c) =>
      c.html(
        layout(p, { title: o(p, "office.failed"), body: html`<p role="alert">${o(p, "office.failed")}</p>` }),
        400,
      ),
    );
    if (Result.isFailure(read)) return read.failure;
    const { items, one } = bulkForm(read.success);
    const caller = callerOf(requirePrincipal(c));
    const queue = worklists.desks.get(queueId as QueueId);
    if (queue === undefined) return worklistPage(ctx, worklists, c, queueId, {}, 404);
    if (items.length === 0) return worklistPage(ctx, worklists, c, queueId, { error: o(p, "office.bulk.none") }, 400);
    const actionId = one("action");
    const action = worklists.bulkActions(queue, caller).find((a) => a.id === actionId);
    if (action === undefined)
      return worklistPage(
        ctx,
        worklists,
        c,
        queueId,
        { error: o(p, "office.bulk.actionRefused"), selected: new Set(items) },
        422,
      );
    if (action.irreversible && one("confirm") !== "yes") {
      const url = new URL(c.req.url);
      return c.html(
        confirmPage(
          p,
          queue,
          { id: action.id, label: action.labels[p.lang] ?? action.labels["en"] ?? action.id },
          items,
          `${href(p, `/office/worklists/${queue.id}`)}`,
          `${url.pathname}${url.search}`,
        ),
      );
    }
    const done = await ctx.run(worklists.performMany(queueId, items, action.id, caller));
    if (Result.isSuccess(done)) return worklistPage(ctx, worklists, c, queueId, { results: done.success });
    const failure = done.failure;
    if (failure._tag === "QueueNotFound") return worklistPage(ctx, worklists, c, queueId, {}, 404);
    if (failure._tag === "BulkActionNotAllowed")
      return worklistPage(
        ctx,
        worklists,
        c,
        queueId,
        { error: o(p, "office.bulk.actionRefused"), selected: new Set(items) },
        422,
      );
    return c.html(
      layout(p, { title: o(p, "office.failed"), body: html`<p role="alert">${o(p, "office.failed")}</p>` }),
      503,
    );
  });
  return worklists;
};

/** The queue menu for the back office's home page. */
export const desksMenu = async (
  ctx: AreaContext,
  worklists: WorklistsShape,
  p: PageContext,
): Promise<HtmlEscapedString | Promise<HtmlEscapedString> | ""> => {
  if (p.principal === undefined) return "";
  const counts = await ctx.run(worklists.counts(callerOf(p.principal as Principal)));
  return Result.isSuccess(counts) ? queueMenu(p, counts.success) : "";
};

// ---------------------------------------------------------------------------------------------------------------
// API

const queueParam = {
  name: "queue",
  in: "path" as const,
  required: true,
  description:
    "The queue: formality, classification, examination, publication, registration, userdocs, renewals, madrid",
  schema: { type: "string", enum: [...queueIds] },
};

export const desksOperations: ReadonlyArray<OperationSpec> = [
  {
    method: "get",
    path: "/api/v1/worklists",
    operationId: "listWorklists",
    access: needs("register.read"),
    summary:
      "The queues the caller's roles serve, with their counts (total, overdue, assigned to the caller, unassigned)",
    tags: ["worklists"],
    parameters: [
      { name: "lang", in: "query", description: "Language of the labels (en, ar, fr)", schema: { type: "string" } },
    ],
    responses: {
      "200": {
        description: "Queues",
        name: "Worklists",
        schema: Schema.Struct({ items: Schema.Array(QueueCountSchema) }),
      },
    },
  },
  {
    method: "get",
    path: "/api/v1/worklists/{queue}",
    operationId: "getWorklist",
    access: needs("register.read"),
    summary:
      "A page of a queue: the time limit that falls first at the top, items with none after, then the oldest filing; keyset pages (`next`)",
    tags: ["worklists"],
    parameters: [
      queueParam,
      { name: "assigned", in: "query", schema: { type: "string", enum: [...assignedFilters] } },
      { name: "kind", in: "query", schema: { type: "string", enum: [...IpKind.literals] } },
      {
        name: "class",
        in: "query",
        description: "Nice class number",
        schema: { type: "integer", minimum: 1, maximum: 45 },
      },
      {
        name: "q",
        in: "query",
        description: "words in the mark or title, an owner or the number",
        schema: { type: "string" },
      },
      { name: "after", in: "query", description: "`next` of the previous page", schema: { type: "string" } },
      { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: MAX_LIMIT } },
      { name: "lang", in: "query", description: "Language of the labels (en, ar, fr)", schema: { type: "string" } },
    ],
    responses: {
      "200": { description: "A page of the queue", name: "WorklistPage", schema: WorklistPageSchema },
      "400": { description: "Invalid query (each bad field named), or a cursor this office did not make" },
      "404": { description: "Unknown queue, or one the caller's roles do not serve (the same answer)" },
    },
  },
  {
    method: "post",
    path: "/api/v1/worklists/{queue}/assign",
    operationId: "assignWorklistItems",
    access: needs("worklists.assign"),
    summary:
      "Assign items of a queue to an account of the office that serves it, or unassign them (assignee null); each item checked and audited on its own",
    tags: ["worklists"],
    parameters: [queueParam],
    requestBody: { name: "AssignRequest", schema: AssignRequest },
    responses: {
      "200": { description: "The result per item", name: "BulkResult", schema: BulkResult },
      "400": { description: "Invalid body" },
      "404": { description: "Unknown queue, or one the caller's roles do not serve" },
      "422": { description: "The assignee is not an active account of the office serving this queue" },
    },
  },
  {
    method: "post",
    path: "/api/v1/worklists/{queue}/actions",
    operationId: "performWorklistAction",
    access: needs("rights.act"),
    summary:
      "Perform one workflow action on each item (an action of the queue needing no input per item); each item performed, or refused, on its own",
    tags: ["worklists"],
    parameters: [queueParam],
    requestBody: { name: "BulkActionRequest", schema: BulkActionRequest },
    responses: {
      "200": { description: "The result per item", name: "BulkResult", schema: BulkResult },
      "400": { description: "Invalid body" },
      "404": { description: "Unknown queue, or one the caller's roles do not serve" },
      "422": { description: "Not an action of this queue the caller may perform in bulk" },
    },
  },
];

const langOf = (ctx: AreaContext, c: Context) => {
  const asked = c.req.query("lang");
  return asked && ctx.config.office.languages.includes(asked) ? asked : "en";
};

export const desksApi = (ctx: AreaContext) => {
  const worklists = makeWorklists(ctx.db, ctx.config);
  const api = new Hono();
  const unavailable = (c: Context) =>
    sendProblem(
      c,
      problem(503, "unavailable", "Service unavailable", "The worklists cannot be read right now; try again shortly."),
    );
  const unknownQueue = (c: Context, queue: string) =>
    sendProblem(
      c,
      problem(
        404,
        "unknown-queue",
        "Unknown queue",
        `No queue "${queue.slice(0, 64)}" that your roles serve; see GET /api/v1/worklists.`,
      ),
    );

  api.get("/worklists", async (c) => {
    const lang = langOf(ctx, c);
    const counts = await ctx.run(worklists.counts(callerOf(requirePrincipal(c))));
    if (Result.isFailure(counts)) return unavailable(c);
    return c.json({ items: counts.success.map((x) => ({ ...x, label: queueLabel(lang, x.queue) })) });
  });

  api.get("/worklists/:queue", async (c) => {
    const lang = langOf(ctx, c);
    const filter = readWorklistQuery(c.req.query());
    if (Result.isFailure(filter)) return sendProblem(c, invalidInput(filter.failure, "query"));
    const listed = await ctx.run(worklists.list(c.req.param("queue"), filter.success, callerOf(requirePrincipal(c))));
    if (Result.isFailure(listed)) {
      const f = listed.failure;
      if (f._tag === "QueueNotFound") return unknownQueue(c, c.req.param("queue"));
      if (f._tag === "BadCursor")
        return sendProblem(c, invalidInput([{ path: "after", message: "not a cursor of this worklist" }], "query"));
      return unavailable(c);
    }
    return c.json({
      ...listed.success,
      items: listed.success.items.map((item) => {
        const actionLabel = dueActionLabel(ctx, lang, item);
        return {
          ...item,
          statusLabel: itemStatusLabel(ctx, lang, item),
          ...(item.due ? { due: { ...item.due, ...(actionLabel ? { actionLabel } : {}) } } : {}),
        };
      }),
    });
  });

  // Both bulk endpoints read a body, decode it, run the service on each item and map a refusal to a 422 naming the
  // field, in the problem shape of the whole API (`errors: [{ path, message }]`).
  const bulk =
    <S extends Schema.Top & { readonly DecodingServices: never }>(
      schema: S,
      perform: (
        queue: string,
        request: S["Type"],
        caller: ReturnType<typeof callerOf>,
      ) => Effect.Effect<
        ReadonlyArray<ItemOutcome>,
        QueueNotFound | AssigneeNotAllowed | BulkActionNotAllowed | DatabaseError,
        Rights
      >,
    ) =>
    async (c: Context) => {
      const body = await readJson(c);
      if (Result.isFailure(body)) return body.failure;
      const request = decodeAll(schema, body.success);
      if (Result.isFailure(request)) return sendProblem(c, invalidInput(request.failure));
      const queue = c.req.param("queue") ?? "";
      const done = await ctx.run(perform(queue, request.success, callerOf(requirePrincipal(c))));
      if (Result.isSuccess(done)) return c.json({ results: done.success });
      const f = done.failure;
      const refused = (type: string, title: string, detail: string, path: string, message: string) =>
        sendProblem(c, problem(422, type, title, detail, { errors: [{ path, message }] }));
      switch (f._tag) {
        case "QueueNotFound":
          return unknownQueue(c, queue);
        case "AssigneeNotAllowed":
          return refused("assignee-not-allowed", "Assignee not allowed", f.reason, "assignee", f.reason);
        case "BulkActionNotAllowed":
          return refused(
            "bulk-action-not-allowed",
            "Action not allowed in bulk",
            `${f.action}: ${f.reason}`,
            "action",
            f.reason,
          );
        default:
          return unavailable(c);
      }
    };

  api.post(
    "/worklists/:queue/assign",
    bulk(AssignRequest, (queue, r, caller) => worklists.assign(queue, r.items, r.assignee, caller)),
  );
  api.post(
    "/worklists/:queue/actions",
    bulk(BulkActionRequest, (queue, r, caller) => worklists.performMany(queue, r.items, r.action, caller)),
  );
  return api;
};
