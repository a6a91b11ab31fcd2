/**
 * The back office: a worklist of the register by kind and workflow state, the time limits falling due, and on each
 * record the actions its workflow allows, performed through the same rights service as the API (per-class and
 * per-term decisions for trademarks). Plain HTML forms: everything works without JavaScript.
 */
import { Calendar, GoodsAndServices, type IpRight, Userdoc, Workflow } from "@ipoffice/domain";
import { I18n } from "@ipoffice/ui-components";
import { Effect, Result } from "effect";
import { type Context, Hono } from "hono";
import { html, raw } from "hono/html";
import type { Area, AreaContext } from "../Area.js";
import { type IpKind, IpKind as IpKindSchema } from "../config/OfficeConfig.js";
import { toProblem } from "../http/errors.js";
import { isCrossSite, readForm } from "../http/request.js";
import { authText } from "../auth/messages.js";
import { bdi, isolate } from "../pages/bidi.js";
import { can, csrfField, href, layout, type PageContext, pageContext } from "../pages/layout.js";
import { notFoundPage, recordPage, stateLabel } from "../pages/records.js";
import { Rights } from "../rights/Rights.js";
import { decodeAll } from "../http/validate.js";
import { type OfficeKey, officeText } from "./messages.js";
import { needs } from "../http/access.js";
import { actorFor, requirePrincipal } from "../auth/actor.js";
import { documentsFor, issueForm } from "../documents/area.js";
import {
  type DecisionRead,
  decidableClasses,
  type FieldError,
  type FormValues,
  formValues,
  many,
  mayNeedConfirmation,
  one,
  readDecision,
} from "./decisionForm.js";
import { desksApi, desksMenu, desksOperations, desksPageRoutes, desksPages } from "./desks.js";
import type { WorklistsShape } from "./Worklists.js";
import { accountText } from "../efiling/accountMessages.js";
import { Filers } from "../efiling/Filers.js";

const o = (p: PageContext, key: OfficeKey, params?: Record<string, string | number>) => officeText(p.lang, key, params);

const label = (p: PageContext, labels: Workflow.Labels) => Workflow.label(labels, p.lang);

/** Staff roles of a workflow (the `system` role acts on time limits only). */
const staffRoles = (workflow: Workflow.Definition) =>
  [...new Set(workflow.actions.flatMap((a) => a.roles))].filter((r) => r !== "system");

const worklist = async (ctx: AreaContext, p: PageContext, today: string, worklists: WorklistsShape) => {
  const counts = await ctx.db
    .selectFrom("rights")
    .select(["kind", "status", (eb) => eb.fn.countAll<string | number>().as("n")])
    .where("office_code", "=", ctx.config.office.code)
    .groupBy(["kind", "status"])
    .execute();
  const until = Result.getOrElse(Calendar.addDays(today as Calendar.IsoDate, 30), () => today);
  const due = await ctx.db
    .selectFrom("rights")
    .select(["application_number", "st13", "kind", "title", "status", "time_limit_action", "time_limit_due"])
    .where("office_code", "=", ctx.config.office.code)
    .where("time_limit_due", ">=", today)
    .where("time_limit_due", "<=", until)
    .orderBy("time_limit_due")
    .limit(100)
    .execute();
  const rights = ctx.run(Rights.useSync((r) => r.workflows));
  const workflows = Result.getOrThrow(await rights);
  const body = html`
<h1>${o(p, "office.title")}</h1>
${await desksMenu(ctx, worklists, p)}
<section class="ipo-card" aria-labelledby="worklist"><h2 id="worklist">${o(p, "office.worklist")}</h2>
${IpKindSchema.literals.map((kind) => {
  const rows = counts.filter((c) => c.kind === kind);
  const workflow = workflows[kind];
  const ordered = workflow.states.filter((s) => rows.some((r) => r.status === s.id));
  return html`<h3>${p.t(`kind.${kind}`)}</h3>
${
  ordered.length === 0
    ? html`<p class="ipo-muted">${o(p, "office.none")}</p>`
    : html`<div class="ipo-table-wrap"><table class="ipo-table"><thead><tr><th scope="col">${o(p, "office.state")}</th><th scope="col" class="ipo-num">${o(p, "office.count")}</th></tr></thead><tbody>
${ordered.map((s) => {
  const n = Number(rows.find((r) => r.status === s.id)?.n ?? 0);
  return html`<tr><td><a href="${href(p, "/office/records", { kind, status: s.id })}">${label(p, s.labels)}</a></td><td class="ipo-num">${I18n.formatNumber(p.lang, n)}</td></tr>`;
})}</tbody></table></div>`
}`;
})}
</section>
<section class="ipo-card" aria-labelledby="due"><h2 id="due">${o(p, "office.dueSoon")}</h2>
${
  due.length === 0
    ? html`<p class="ipo-muted">${o(p, "office.none")}</p>`
    : html`<div class="ipo-table-wrap"><table class="ipo-table"><thead><tr><th scope="col">${o(p, "office.due")}</th><th scope="col">${p.t("records.number")}</th><th scope="col">${p.t("records.name")}</th><th scope="col">${o(p, "office.state")}</th><th scope="col">${o(p, "office.action")}</th></tr></thead><tbody>
${due.map((d) => {
  const workflow = workflows[d.kind as IpKind];
  const action = workflow.actions.find((a) => a.id === d.time_limit_action);
  return html`<tr><td class="ipo-num">${I18n.formatDate(p.lang, `${d.time_limit_due}T00:00:00Z`)}</td><td><a dir="ltr" href="${href(p, `/office/records/${d.st13}`)}">${d.application_number}</a></td><td>${bdi(d.title)}</td><td>${stateLabel(p, workflow, d.status)}</td><td>${action ? label(p, action.labels) : (d.time_limit_action ?? "")}</td></tr>`;
})}</tbody></table></div>`
}
</section>`;
  return layout(p, { title: o(p, "office.title"), current: "office", body });
};

/**
 * An opposition is a proceeding of its own (opponent, grounds, classes): filed as a userdoc through
 * `POST /office/records/{number}/oppositions`, which performs the workflow's `file_opposition` action.
 */
const oppositionForm = (p: PageContext, right: IpRight.Right, action: Workflow.Action, today: string) => {
  const id = (name: string) => `opposition-${name}`;
  const classes =
    right.kind === "trademark" ? right.goodsAndServices.filter((c) => GoodsAndServices.isLive(c.status)) : [];
  return html`<form class="ipo-card ipo-form" method="post" action="${href(p, `/office/records/${right.st13}/oppositions`)}">
<h3>${label(p, action.labels)}</h3>${csrfField(p)}
<div class="ipo-field"><label for="${id("number")}">${o(p, "office.opposition.number")}</label><input id="${id("number")}" name="number" maxlength="100" dir="ltr"></div>
<div class="ipo-field"><label for="${id("filedOn")}">${o(p, "office.opposition.filedOn")}</label><input id="${id("filedOn")}" name="filedOn" type="date" required value="${today}"></div>
<div class="ipo-field"><label for="${id("opponent")}">${o(p, "office.opposition.opponent")}</label><input id="${id("opponent")}" name="opponent" required maxlength="500"></div>
<div class="ipo-field"><label for="${id("country")}">${o(p, "office.opposition.country")}</label><input id="${id("country")}" name="country" required maxlength="2" dir="ltr"></div>
${
  classes.length > 0
    ? html`<fieldset style="border:0;padding:0;margin:0"><legend class="ipo-label">${o(p, "office.opposition.classes")}</legend>
${classes.map((c) => html`<label style="margin-inline-end:1rem"><input type="checkbox" name="classes" value="${c.classNumber}"> ${I18n.t(p.lang, "classes.class", { classNumber: c.classNumber })}</label>`)}</fieldset>`
    : ""
}
<div class="ipo-field"><label for="${id("grounds")}">${o(p, "office.opposition.grounds")}</label><textarea id="${id("grounds")}" name="reason" required maxlength="10000"></textarea></div>
<div><button class="ipo-button" type="submit">${o(p, "office.perform")}</button></div>
</form>`;
};

/** What a form shown again carries: the values typed and the problems found (src/office/decisionForm.ts). */
interface FormState {
  readonly action: string;
  readonly values: FormValues;
  readonly errors: ReadonlyArray<FieldError>;
}

/** The inputs one action needs, as form fields; with `state`, the values typed before and the problems found. */
const actionForm = (
  p: PageContext,
  right: IpRight.Right,
  action: Workflow.Action,
  roles: ReadonlyArray<string>,
  workflow: Workflow.Definition,
  state?: FormState,
) => {
  const mine = state?.action === action.id ? state : undefined;
  const values: FormValues = mine?.values ?? {};
  const errors = mine?.errors ?? [];
  const value = (name: string) => one(values, name) ?? "";
  const requires = new Set(action.requires ?? []);
  // With several proceedings open, the action names the one it decides or closes.
  const closing = action.effects?.closeProceedings;
  const open =
    closing === undefined || action.effects?.closeAll === true
      ? []
      : (right.proceedings ?? []).filter((x) => x.closedOn === undefined && closing.includes(x.type));
  const id = (name: string) => `${action.id}-${name.replace(/\./g, "-")}`;
  const errorOf = (field: string) => errors.find((e) => e.field === field);
  const errorText = (e: FieldError) => o(p, e.key, e.params);
  const fieldError = (field: string) => {
    const e = errorOf(field);
    return e ? html`<p class="ipo-error" id="${id(field)}-error">${errorText(e)}</p>` : "";
  };
  const described = (field: string) =>
    errorOf(field) ? raw(`aria-invalid="true" aria-describedby="${id(field)}-error"`) : "";
  const classes = decidableClasses(right, action);
  // The account acts under the first of its roles the action allows (src/auth/actor.ts); the form says which.
  const actingAs = roles.find((r) => action.roles.includes(r)) ?? "";
  return html`<form class="ipo-card ipo-form" method="post" action="${href(p, `/office/records/${right.st13}/actions`)}" id="form-${action.id}" ${mine ? raw("data-kept") : ""}>
<h3>${label(p, action.labels)}</h3>
${
  errors.length > 0
    ? html`<div role="alert" class="ipo-card" data-error-summary tabindex="-1"><p><strong>${o(p, "office.error.summary")}</strong></p><ul>${errors.map(
        (e) => html`<li><a href="#${id(e.field)}">${errorText(e)}</a></li>`,
      )}</ul></div>`
    : ""
}
<input type="hidden" name="action" value="${action.id}">${csrfField(p)}
<p class="ipo-hint">${o(p, "office.actingAs", { role: roleLabel(p, actingAs) })}</p>
${mayNeedConfirmation(workflow, action) ? html`<p class="ipo-hint" data-confirm-hint>${o(p, "office.confirm.needed")}</p>` : ""}
${
  open.length > 1
    ? html`<div class="ipo-field"><label for="${id("proceeding")}">${o(p, "office.proceeding")}</label><select id="${id("proceeding")}" name="proceeding" required>
${open.map((x) => html`<option value="${x.number ?? ""}" ${value("proceeding") === (x.number ?? "") ? raw("selected") : ""}>${isolate(x.number ?? "")}${x.parties?.[0] ? ` — ${isolate(x.parties[0].name)}` : ""}${x.classes ? ` (${isolate(x.classes.join(", "))})` : ""}</option>`)}</select></div>`
    : ""
}
${
  classes.length > 0
    ? html`<fieldset style="border:0;padding:0;margin:0" data-class-panel><legend class="ipo-label">${o(p, "office.classDecisions")}</legend>
${classes.map((c) => {
  const chosen = value(`class.${c.classNumber}`) || "accept";
  const ticked = new Set(many(values, `refuse.${c.classNumber}`));
  const name = I18n.t(p.lang, "classes.class", { classNumber: c.classNumber });
  return html`<div class="ipo-card" data-class="${c.classNumber}"><p><strong>${name}</strong></p>
<div role="radiogroup" aria-label="${name}" id="${id(`class.${c.classNumber}`)}" style="display:flex;flex-wrap:wrap;gap:0.5rem 1.5rem">
${(["accept", "refuse", "limit"] as const).map(
  (d) =>
    html`<label><input type="radio" name="class.${c.classNumber}" value="${d}" ${chosen === d ? raw("checked") : ""}> ${o(p, `office.${d}`)}</label>`,
)}
</div>${fieldError(`class.${c.classNumber}`)}
<ul style="list-style:none;padding-inline-start:0" id="${id(`refuse.${c.classNumber}`)}">${c.terms
    .filter(
      (t) => t.status === undefined || t.status === "pending" || t.status === "accepted" || t.status === "opposed",
    )
    .map(
      (t) =>
        html`<li><label><input type="checkbox" name="refuse.${c.classNumber}" value="${t.text}" ${ticked.has(t.text) ? raw("checked") : ""}> <bdi>${t.text}</bdi></label></li>`,
    )}</ul>${fieldError(`refuse.${c.classNumber}`)}
<div class="ipo-field"><label for="${id(`grounds.${c.classNumber}`)}">${o(p, "office.classGrounds", { classNumber: c.classNumber })}</label>
<textarea id="${id(`grounds.${c.classNumber}`)}" name="grounds.${c.classNumber}" maxlength="10000" dir="auto" ${described(`grounds.${c.classNumber}`)}>${value(`grounds.${c.classNumber}`)}</textarea>${fieldError(`grounds.${c.classNumber}`)}</div></div>`;
})}</fieldset>`
    : ""
}
${
  requires.has("reason") || action.outcome
    ? html`<div class="ipo-field"><label for="${id("reason")}">${requires.has("reason") ? o(p, "office.reasonRequired") : o(p, "office.reason")}</label>
<textarea id="${id("reason")}" name="reason" maxlength="10000" dir="auto" ${requires.has("reason") ? raw("required") : ""} ${described("reason")}>${value("reason")}</textarea>${fieldError("reason")}</div>`
    : ""
}
${
  action.effects?.registration || requires.has("registrationNumber")
    ? html`<div class="ipo-field"><label for="${id("registrationNumber")}">${o(p, "office.registrationNumber")}</label><input id="${id("registrationNumber")}" name="registrationNumber" maxlength="100" dir="ltr" value="${value("registrationNumber")}"></div>`
    : ""
}
${
  requires.has("publicationNumber")
    ? html`<div class="ipo-field"><label for="${id("publicationNumber")}">${o(p, "office.publicationNumber")}</label><input id="${id("publicationNumber")}" name="publicationNumber" required maxlength="100" dir="ltr" value="${value("publicationNumber")}" ${described("publicationNumber")}>${fieldError("publicationNumber")}</div>`
    : ""
}
${
  requires.has("publicationDate")
    ? html`<div class="ipo-field"><label for="${id("publicationDate")}">${o(p, "office.publicationDate")}</label><input id="${id("publicationDate")}" name="publicationDate" type="date" required value="${value("publicationDate")}" ${described("publicationDate")}>${fieldError("publicationDate")}</div>`
    : ""
}
<div><button class="ipo-button" type="submit">${o(p, "office.perform")}</button></div>
</form>`;
};

/**
 * The confirmation of an action that cannot be undone: what it does, the decisions and grounds as typed, and two
 * buttons posting the same values back, one with the confirmation, one to change them (the form shown again).
 */
const confirmationPage = (
  p: PageContext,
  right: IpRight.Right,
  workflow: Workflow.Definition,
  read: DecisionRead,
  values: FormValues,
) => {
  const action = read.action as Workflow.Action;
  const actionLabel = label(p, action.labels);
  const target = action.to ? stateLabel(p, workflow, action.to) : "";
  const hidden = Object.entries(values)
    .filter(([name]) => name !== "_csrf" && name !== "confirm" && name !== "edit")
    .flatMap(([name, vs]) => vs.map((v) => html`<input type="hidden" name="${name}" value="${v}">`));
  const decisions = read.request.classDecisions ?? [];
  const decisionLabel = (d: string) =>
    o(p, d === "refuse" ? "office.refuse" : d === "limit" ? "office.limit" : "office.accept");
  const url = href(p, `/office/records/${right.st13}/actions`);
  return layout(p, {
    title: o(p, "office.confirm.title", { action: actionLabel }),
    current: "office",
    body: html`<h1>${o(p, "office.confirm.title", { action: actionLabel })}</h1>
<section class="ipo-card" data-confirm>
<p><a dir="ltr" href="${href(p, `/office/records/${right.st13}`)}">${right.applicationNumber}</a></p>
<p role="alert"><strong>${
      read.irreversible === "refusal"
        ? o(p, "office.confirm.refusal")
        : read.irreversible === "registration"
          ? o(p, "office.confirm.registration")
          : o(p, "office.confirm.final", { state: target })
    }</strong></p>
${
  decisions.length > 0
    ? html`<ul>${decisions.map(
        (d) =>
          html`<li>${o(p, "office.confirm.class", { classNumber: d.classNumber, decision: decisionLabel(d.decision) })}${
            d.terms && d.terms.length > 0 ? html`: <bdi>${d.terms.map((t) => t.text).join("; ")}</bdi>` : ""
          }${d.reason ? html`<br>${o(p, "office.confirm.grounds")}: <bdi>${d.reason}</bdi>` : ""}</li>`,
      )}</ul>`
    : ""
}
${read.request.reason ? html`<p>${o(p, "office.reason")}: <bdi>${read.request.reason}</bdi></p>` : ""}
<form method="post" action="${url}">${csrfField(p)}${hidden}
<div style="display:flex;gap:1rem;flex-wrap:wrap">
<button class="ipo-button ipo-button--danger" type="submit" name="confirm" value="yes">${o(p, "office.confirm.yes")}</button>
<button class="ipo-button ipo-button--secondary" type="submit" name="edit" value="yes">${o(p, "office.confirm.back")}</button>
</div></form></section>`,
  });
};

const roleLabel = (p: PageContext, role: string) => {
  const key = `role.${role}`;
  const text = p.t(key as Parameters<PageContext["t"]>[0]);
  return text === key ? role : text;
};

const actionsSection = (
  p: PageContext,
  right: IpRight.Right,
  workflow: Workflow.Definition,
  notice?: { kind: "done" | "failed"; text: string },
  today = "",
  state?: FormState,
) => {
  // Only the actions the signed-in account's roles allow.
  const roles = (p.principal?.roles ?? []).filter((r) => staffRoles(workflow).includes(r));
  const actions = Workflow.availableActions(workflow, right).filter((a) => a.roles.some((r) => roles.includes(r)));
  return html`<section class="ipo-card" aria-labelledby="actions"><h2 id="actions">${o(p, "office.actions")}</h2>
${notice ? html`<p role="${notice.kind === "failed" ? "alert" : "status"}" class="${notice.kind === "failed" ? "ipo-error" : ""}">${notice.text}</p>` : ""}
${
  actions.length === 0
    ? html`<p>${o(p, "office.noActions")}</p>`
    : actions.map((a) =>
        a.effects?.opensProceeding === "opposition"
          ? can(p, "userdocs.record")
            ? oppositionForm(p, right, a, today)
            : ""
          : actionForm(p, right, a, roles, workflow, state),
      )
}
${can(p, "audit.read") ? html`<p><a href="${href(p, "/audit", { target: right.applicationNumber })}">${authText(p.lang, "audit.link")}</a></p>` : ""}
</section>`;
};

const load = (ctx: AreaContext, number: string) =>
  ctx.run(
    Rights.use((r) =>
      Effect.flatMap(r.get(number, { audience: "staff" }), (right) =>
        Effect.map(r.history(right.applicationNumber, { audience: "staff" }), (events) => ({
          right,
          events,
          workflow: r.workflows[right.kind],
        })),
      ),
    ),
  );

export const officeArea: Area = {
  name: "office",
  operations: desksOperations,
  api: desksApi,
  pageRoutes: [
    { method: "get", path: "/office", access: needs("register.read"), summary: "Back office worklist" },
    ...desksPageRoutes,
    {
      method: "get",
      path: "/office/records/{number}",
      access: needs("register.read"),
      summary: "A record in the back office",
    },
    {
      method: "post",
      path: "/office/records/{number}/actions",
      access: needs("rights.act"),
      summary: "Perform a workflow action",
    },
    {
      method: "post",
      path: "/office/records/{number}/oppositions",
      access: needs("userdocs.record"),
      summary: "File an opposition (opponent, grounds, classes) in the opposition period",
    },
  ],
  pages: (ctx) => {
    const app = new Hono();
    const worklists = desksPages(ctx, app);
    app.get("/office", async (c) => c.html(await worklist(ctx, pageContext(c, ctx.config), ctx.today(), worklists)));

    app.get("/office/records/:number", async (c) => {
      const p = pageContext(c, ctx.config);
      const got = await load(ctx, c.req.param("number"));
      if (Result.isFailure(got)) return c.html(notFoundPage(p), got.failure._tag === "RightNotFound" ? 404 : 503);
      const { right, events, workflow } = got.success;
      const done = c.req.query("done");
      const action = done ? workflow.actions.find((a) => a.id === done) : undefined;
      const documents = await documentsFor(ctx, right.applicationNumber, "staff");
      const issued = documents.find((d) => d.id === c.req.query("issued"));
      const notice = action
        ? { kind: "done" as const, text: o(p, "office.done", { action: label(p, action.labels) }) }
        : issued
          ? { kind: "done" as const, text: o(p, "office.documents.issued", { title: issued.title }) }
          : undefined;
      // Replies filers sent through the e-filing portal (src/efiling/accountsArea.ts) are read with the record.
      const incoming = await ctx.run(Filers.use((f) => f.incoming(right.applicationNumber)));
      const received = Result.isSuccess(incoming) ? incoming.success.length : 0;
      const extra = html`${actionsSection(p, right, workflow, notice, ctx.today())}${
        received > 0
          ? html`<section class="ipo-card" aria-labelledby="incoming" data-incoming="${received}"><h2 id="incoming">${accountText(p.lang, "staff.incoming")}</h2>
<p><a href="${href(p, `/office/records/${encodeURIComponent(right.applicationNumber)}/correspondence`)}">${accountText(p.lang, "staff.incomingLink", { count: received })}</a></p></section>`
          : ""
      }${
        can(p, "rights.act")
          ? html`<section class="ipo-card" aria-labelledby="issue-document"><h2 id="issue-document">${o(p, "office.documents.issue")}</h2>
${issueForm(p, right.st13, csrfField(p))}
<p><a href="${href(p, "/office/templates")}">${o(p, "office.documents.templates")}</a></p></section>`
          : ""
      }`;
      return c.html(recordPage(p, right, events, workflow, extra, "office", documents));
    });

    app.post("/office/records/:number/actions", async (c: Context) => {
      const p = pageContext(c, ctx.config);
      if (isCrossSite(c))
        return c.html(
          layout(p, { title: o(p, "office.failed"), body: html`<p role="alert">${o(p, "office.crossSite")}</p>` }),
          403,
        );
      const number = c.req.param("number") ?? "";
      const got = await load(ctx, number);
      if (Result.isFailure(got)) return c.html(notFoundPage(p), got.failure._tag === "RightNotFound" ? 404 : 503);
      const read = await readForm(c, (c) =>
        c.html(
          layout(p, { title: o(p, "office.failed"), body: html`<p role="alert">${o(p, "office.failed")}</p>` }),
          400,
        ),
      );
      if (Result.isFailure(read)) return read.failure;
      const values = formValues(read.success);
      const { right, events, workflow } = got.success;
      const decision = readDecision(workflow, right, values);
      const request = decision.request;
      const principal = requirePrincipal(c);
      const actor = actorFor(principal, workflow, request.action);
      // An unknown action, or one none of the account's roles may perform, is the service's to refuse (409, 403).
      const mayAct = decision.action?.roles.includes(actor.role) === true;
      const again = (state: FormState, status: 200 | 400) =>
        c.html(
          recordPage(
            p,
            right,
            events,
            workflow,
            actionsSection(p, right, workflow, undefined, ctx.today(), state),
            "office",
          ),
          status,
        );
      if (mayAct && decision.errors.length > 0)
        return again({ action: request.action, values, errors: decision.errors }, 400);
      if (mayAct && one(values, "edit") === "yes") return again({ action: request.action, values, errors: [] }, 200);
      if (mayAct && decision.needsConfirmation) return c.html(confirmationPage(p, right, workflow, decision, values));
      const done = await ctx.run(Rights.use((r) => r.perform(right.applicationNumber, request, actor)));
      if (Result.isSuccess(done)) {
        return c.redirect(href(p, `/office/records/${done.success.right.st13}`, { done: request.action }), 303);
      }
      const problem = toProblem(done.failure);
      const detail = problem.detail;
      return c.html(
        recordPage(
          p,
          right,
          events,
          workflow,
          actionsSection(
            p,
            right,
            workflow,
            { kind: "failed", text: `${o(p, "office.failed")}: ${detail}` },
            ctx.today(),
            { action: request.action, values, errors: [] },
          ),
          "office",
        ),
        problem.status === 503 ? 503 : problem.status >= 500 ? 500 : (problem.status as 400 | 403 | 404 | 409),
      );
    });

    app.post("/office/records/:number/oppositions", async (c: Context) => {
      const p = pageContext(c, ctx.config);
      if (isCrossSite(c))
        return c.html(
          layout(p, { title: o(p, "office.failed"), body: html`<p role="alert">${o(p, "office.crossSite")}</p>` }),
          403,
        );
      const got = await load(ctx, c.req.param("number") ?? "");
      if (Result.isFailure(got)) return c.html(notFoundPage(p), got.failure._tag === "RightNotFound" ? 404 : 503);
      const read = await readForm(c, (c) =>
        c.html(
          layout(p, { title: o(p, "office.failed"), body: html`<p role="alert">${o(p, "office.failed")}</p>` }),
          400,
        ),
      );
      if (Result.isFailure(read)) return read.failure;
      const { right, events, workflow } = got.success;
      const failed = (status: 400 | 403 | 404 | 409 | 500 | 503, text: string) =>
        c.html(
          recordPage(
            p,
            right,
            events,
            workflow,
            actionsSection(
              p,
              right,
              workflow,
              { kind: "failed", text: `${o(p, "office.failed")}: ${text}` },
              ctx.today(),
            ),
            "office",
          ),
          status,
        );
      const form = read.success;
      const text = (name: string) => {
        const v = form[name];
        const first = Array.isArray(v) ? v[0] : v;
        return typeof first === "string" && first.trim() !== "" ? first.trim() : undefined;
      };
      const classes = (Array.isArray(form.classes) ? form.classes : form.classes === undefined ? [] : [form.classes])
        .filter((x): x is string => typeof x === "string")
        .map((x) => (/^\d{1,2}$/.test(x) ? Number(x) : x));
      const decoded = decodeAll(Userdoc.Userdoc, {
        type: "opposition",
        ...(text("number") ? { number: text("number") } : {}),
        filedOn: text("filedOn") ?? "",
        parties: [{ name: text("opponent") ?? "", country: (text("country") ?? "").toUpperCase() }],
        ...(classes.length > 0 ? { classes } : {}),
        ...(text("reason") ? { reason: text("reason") } : {}),
      });
      if (Result.isFailure(decoded)) {
        return failed(400, decoded.failure.map((i) => `${i.path}: ${i.message}`).join("; "));
      }
      const actor = actorFor(requirePrincipal(c), workflow, "file_opposition");
      const done = await ctx.run(Rights.use((r) => r.recordUserdoc(right.applicationNumber, decoded.success, actor)));
      if (Result.isSuccess(done)) {
        return c.redirect(href(p, `/office/records/${done.success.right.st13}`, { done: "file_opposition" }), 303);
      }
      const problem = toProblem(done.failure);
      return failed(
        problem.status === 503 ? 503 : problem.status >= 500 ? 500 : (problem.status as 400 | 403 | 404 | 409),
        problem.detail,
      );
    });
    return app;
  },
};
