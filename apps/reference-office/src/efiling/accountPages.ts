/**
 * The pages of the e-filing portal's accounts: registration, confirmation, sign-in, password reset, my filings (with
 * drafts), a filing's correspondence and reply, an agent's clients, the local outbox and the staff's list of
 * correspondence received. Server-rendered, working without JavaScript; every text from the catalogs; names and
 * addresses of unknown direction in `<bdi>` or `dir="auto"`.
 */
import type { Workflow } from "@ipoffice/domain";
import { I18n, PageStyles } from "@ipoffice/ui-components";
import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { IpKind } from "../config/OfficeConfig.js";
import type { DocumentSummary } from "../documents/Documents.js";
import type { OutboxMessage } from "../outbox/Outbox.js";
import { isolate, ltr } from "../pages/bidi.js";
import { href, layout, type PageContext } from "../pages/layout.js";
import { stateLabel } from "../pages/records.js";
import { type AccountKey, accountText } from "./accountMessages.js";
import type { Client, Draft, FieldProblem, FilingsQuery, Incoming, PortfolioItem } from "./Filers.js";
import { filingSorts } from "./Filers.js";
import { countryOptions } from "./pages.js";

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export const t = (p: PageContext, key: AccountKey, params?: Record<string, string | number>) =>
  accountText(p.lang, key, params);

/** The filer session's CSRF token as a hidden field. */
export const filerCsrf = (p: PageContext) =>
  p.filer === undefined ? "" : html`<input type="hidden" name="_csrf" value="${p.filer.csrf}">`;

/** A problem of the service in the page's language (the service names fields and speaks English to the API). */
export const problemText = (p: PageContext, issue: FieldProblem): string => {
  const m = issue.message;
  if (m === "required") return t(p, "error.required");
  const max = /^at most (\d+) characters$/.exec(m);
  if (max && issue.path !== "password") return t(p, "error.tooLong", { max: Number(max[1]) });
  if (m.startsWith("control characters")) return t(p, "error.control");
  if (m.startsWith("an e-mail address")) return t(p, "error.email");
  if (m.includes("ST.3")) return t(p, "error.country");
  if (m === "applicant or agent") return t(p, "error.kind");
  if (m.startsWith("already registered")) return t(p, "error.taken");
  if (m.startsWith("no confirmed agent")) return t(p, "error.agent");
  if (issue.path === "password") return t(p, "error.password");
  return t(p, "error.invalid");
};

const date = (p: PageContext, iso: string | null | undefined) =>
  iso ? I18n.formatDate(p.lang, iso.length > 10 ? iso : `${iso}T00:00:00Z`) : "";

const notice = (p: PageContext, title: string, text: string, links: Html = html``) =>
  layout(p, {
    title,
    current: "file",
    body: html`<h1>${title}</h1><p role="status">${text}</p>${links}`,
  });

export const noticePage = notice;

const errorsFor = (p: PageContext, issues: ReadonlyArray<FieldProblem>, name: string) =>
  issues.filter((i) => i.path === name).map((i) => html`<p class="ipo-error" id="e-${name}">${problemText(p, i)}</p>`);

const field = (p: PageContext, issues: ReadonlyArray<FieldProblem>, name: string, label: string, control: Html) =>
  html`<div class="ipo-field"><label class="ipo-label" for="f-${name}">${label}</label>${errorsFor(p, issues, name)}${control}</div>`;

const described = (issues: ReadonlyArray<FieldProblem>, name: string) =>
  issues.some((i) => i.path === name) ? raw(` aria-invalid="true" aria-describedby="e-${name}"`) : "";

const countrySelect = (p: PageContext, issues: ReadonlyArray<FieldProblem>, name: string, selected: string) =>
  html`<select class="ipo-input" id="f-${name}" name="${name}" required${described(issues, name)}><option value=""></option>${countryOptions(
    p.lang,
  ).map(
    (c) => html`<option value="${c.value}" ${c.value === selected ? raw("selected") : ""}>${c.label}</option>`,
  )}</select>`;

const summary = (p: PageContext, issues: ReadonlyArray<FieldProblem>, intro: AccountKey) =>
  issues.length === 0
    ? ""
    : html`<div class="ipo-error" role="alert"><p>${t(p, intro)}</p><ul>${issues.map(
        (i) => html`<li><a href="#f-${i.path}">${i.path}</a>: ${problemText(p, i)}</li>`,
      )}</ul></div>`;

export const registerPage = (
  p: PageContext,
  values: Readonly<Record<string, string>>,
  issues: ReadonlyArray<FieldProblem>,
) =>
  layout(p, {
    title: t(p, "register.title"),
    body: html`<h1>${t(p, "register.title")}</h1>
<p>${t(p, "register.intro")}</p>
${summary(p, issues, "register.errors")}
<form class="ipo-card ipo-form" method="post" action="${href(p, "/efiling/register")}" novalidate accept-charset="utf-8">
${field(p, issues, "name", t(p, "register.name"), html`<input class="ipo-input" id="f-name" name="name" dir="auto" autocomplete="name" maxlength="400" value="${values.name ?? ""}"${described(issues, "name")}>`)}
${field(p, issues, "email", t(p, "register.email"), html`<input class="ipo-input" id="f-email" name="email" type="email" dir="ltr" autocomplete="email" maxlength="400" value="${values.email ?? ""}"${described(issues, "email")}>`)}
${field(p, issues, "password", t(p, "register.password"), html`<input class="ipo-input" id="f-password" name="password" type="password" dir="ltr" autocomplete="new-password" maxlength="1024"${described(issues, "password")}>`)}
${field(
  p,
  issues,
  "kind",
  t(p, "register.kind"),
  html`<select class="ipo-input" id="f-kind" name="kind"${described(issues, "kind")}>${(
    ["applicant", "agent"] as const
  ).map(
    (k) =>
      html`<option value="${k}" ${(values.kind ?? "applicant") === k ? raw("selected") : ""}>${t(p, `kind.${k}`)}</option>`,
  )}</select>`,
)}
${field(p, issues, "country", t(p, "register.country"), countrySelect(p, issues, "country", values.country ?? ""))}
${field(p, issues, "address", t(p, "register.address"), html`<textarea class="ipo-input" id="f-address" name="address" dir="auto" rows="3" maxlength="1000"${described(issues, "address")}>${values.address ?? ""}</textarea>`)}
<div><button class="ipo-button" type="submit">${t(p, "register.submit")}</button></div>
</form>
<p><a href="${href(p, "/efiling/sign-in")}">${t(p, "register.haveAccount")}</a></p>`,
  });

export const registeredPage = (p: PageContext, email: string) =>
  notice(
    p,
    t(p, "register.done.title"),
    t(p, "register.done", { email }),
    p.config.efiling?.outboxPage === true
      ? html`<p><a href="${href(p, "/outbox")}">${t(p, "outbox.title")}</a></p>`
      : html``,
  );

export const confirmPage = (p: PageContext, secret: string) =>
  layout(p, {
    title: t(p, "confirm.title"),
    body: html`<h1>${t(p, "confirm.title")}</h1><p>${t(p, "confirm.intro")}</p>
<form method="post" action="${href(p, `/efiling/confirm/${secret}`)}"><button class="ipo-button" type="submit">${t(p, "confirm.submit")}</button></form>`,
  });

export const linkInvalidPage = (p: PageContext) =>
  notice(
    p,
    t(p, "link.invalid.title"),
    t(p, "link.invalid"),
    html`<p><a href="${href(p, "/efiling/reset")}">${t(p, "signIn.forgot")}</a></p>`,
  );

export const signInPage = (p: PageContext, options: { next?: string | undefined; failed?: boolean; done?: string }) =>
  layout(p, {
    title: t(p, "signIn.title"),
    body: html`<h1>${t(p, "signIn.title")}</h1>
${options.done ? html`<p role="status">${options.done}</p>` : ""}
<p>${t(p, "signIn.intro")}</p>
${options.failed ? html`<p class="ipo-error" role="alert" id="sign-in-error">${t(p, "signIn.failed")}</p>` : ""}
<form class="ipo-card ipo-form" method="post" action="${href(p, "/efiling/sign-in")}">
${options.next ? html`<input type="hidden" name="next" value="${options.next}">` : ""}
<div class="ipo-field"><label class="ipo-label" for="f-email">${t(p, "signIn.email")}</label>
<input class="ipo-input" id="f-email" name="email" type="email" dir="ltr" autocomplete="username" required maxlength="300"></div>
<div class="ipo-field"><label class="ipo-label" for="f-password">${t(p, "signIn.password")}</label>
<input class="ipo-input" id="f-password" name="password" type="password" dir="ltr" autocomplete="current-password" required maxlength="1024"></div>
<div><button class="ipo-button" type="submit">${t(p, "signIn.submit")}</button></div>
</form>
<p><a href="${href(p, "/efiling/register")}">${t(p, "signIn.register")}</a> · <a href="${href(p, "/efiling/reset")}">${t(p, "signIn.forgot")}</a></p>`,
  });

export const resetRequestPage = (p: PageContext, sent: boolean) =>
  layout(p, {
    title: t(p, "reset.title"),
    body: html`<h1>${t(p, "reset.title")}</h1>
${sent ? html`<p role="status">${t(p, "reset.sent")}</p>` : ""}
<p>${t(p, "reset.intro")}</p>
<form class="ipo-card ipo-form" method="post" action="${href(p, "/efiling/reset")}">
<div class="ipo-field"><label class="ipo-label" for="f-email">${t(p, "signIn.email")}</label>
<input class="ipo-input" id="f-email" name="email" type="email" dir="ltr" autocomplete="username" required maxlength="300"></div>
<div><button class="ipo-button" type="submit">${t(p, "reset.submit")}</button></div></form>`,
  });

export const resetPage = (p: PageContext, secret: string, issues: ReadonlyArray<FieldProblem>) =>
  layout(p, {
    title: t(p, "reset.new.title"),
    body: html`<h1>${t(p, "reset.new.title")}</h1>
<form class="ipo-card ipo-form" method="post" action="${href(p, `/efiling/reset/${secret}`)}">
${field(p, issues, "password", t(p, "reset.new.password"), html`<input class="ipo-input" id="f-password" name="password" type="password" dir="ltr" autocomplete="new-password" maxlength="1024"${described(issues, "password")}>`)}
<div><button class="ipo-button" type="submit">${t(p, "reset.new.submit")}</button></div></form>`,
  });

const money = (p: PageContext, currency: string, minor: number) => {
  try {
    const digits =
      new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    return new Intl.NumberFormat(I18n.locale(p.lang), { style: "currency", currency }).format(minor / 10 ** digits);
  } catch {
    return `${currency} ${minor}`;
  }
};

const kindLabel = (p: PageContext, kind: string) =>
  kind === "trademark" || kind === "patent" || kind === "industrial_design" || kind === "utility_model"
    ? p.t(`kind.${kind}`)
    : kind;

const signOutForm = (p: PageContext) =>
  html`<form method="post" action="${href(p, "/efiling/sign-out")}" class="ipo-inline">${filerCsrf(p)}<button class="ipo-button ipo-button--secondary" type="submit">${t(p, "signOut.submit")}</button></form>`;

export interface FilingsPageInput {
  readonly items: ReadonlyArray<PortfolioItem>;
  readonly drafts: ReadonlyArray<Draft>;
  readonly query: FilingsQuery;
  readonly workflows: Record<IpKind, Workflow.Definition>;
  readonly kinds: ReadonlyArray<IpKind>;
  readonly notice?: string | undefined;
}

export const filingsPage = (p: PageContext, input: FilingsPageInput) => {
  const filer = p.filer;
  const statuses = [...new Set(Object.values(input.workflows).flatMap((w) => w.states.map((s) => s.id)))];
  /** What happens when the time limit runs out, as the workflow labels the action. */
  const actionLabel = (kind: string, id: string) => {
    const labels = input.workflows[kind as IpKind]?.actions.find((a) => a.id === id)?.labels as
      | Record<string, string>
      | undefined;
    return labels?.[p.lang] ?? labels?.en ?? id;
  };
  const labelOf = (status: string) =>
    stateLabel(
      p,
      Object.values(input.workflows).find((w) => w.states.some((s) => s.id === status)),
      status,
    );
  return layout(p, {
    title: t(p, "filings.title"),
    current: "my-filings",
    body: html`<h1>${t(p, "filings.title")}</h1>
${input.notice ? html`<p role="status">${input.notice}</p>` : ""}
<p>${filer ? t(p, "filings.signedInAs", { name: isolate(filer.name), kind: t(p, `kind.${filer.kind}`) }) : ""} ${signOutForm(p)}</p>
<p>${t(p, "filings.intro")}</p>
<p><a class="ipo-button" href="${href(p, "/file")}">${t(p, "filings.newFiling")}</a>
${p.config.fees === undefined ? "" : html`<a class="ipo-button ipo-button--secondary" href="${href(p, "/efiling/invoices")}">${t(p, "nav.myInvoices")}</a>`}
${filer?.kind === "agent" ? html` <a class="ipo-button ipo-button--secondary" href="${href(p, "/efiling/clients")}">${t(p, "clients.title")}</a>` : ""}</p>
<form class="ipo-card ipo-form ipo-filters" method="get" action="/efiling/filings">
<input type="hidden" name="lang" value="${p.lang}">
<div class="ipo-field"><label class="ipo-label" for="q">${t(p, "filings.q")}</label><input class="ipo-input" id="q" name="q" dir="auto" maxlength="200" value="${input.query.q ?? ""}"></div>
<div class="ipo-field"><label class="ipo-label" for="kind">${t(p, "filings.kind")}</label><select class="ipo-input" id="kind" name="kind"><option value="">${t(p, "filings.any")}</option>${input.kinds.map(
      (k) => html`<option value="${k}" ${input.query.kind === k ? raw("selected") : ""}>${kindLabel(p, k)}</option>`,
    )}</select></div>
<div class="ipo-field"><label class="ipo-label" for="status">${t(p, "filings.status")}</label><select class="ipo-input" id="status" name="status"><option value="">${t(p, "filings.any")}</option>${statuses.map(
      (s) => html`<option value="${s}" ${input.query.status === s ? raw("selected") : ""}>${labelOf(s)}</option>`,
    )}</select></div>
<div class="ipo-field"><label class="ipo-label" for="sort">${t(p, "filings.sort")}</label><select class="ipo-input" id="sort" name="sort">${filingSorts.map(
      (s) =>
        html`<option value="${s}" ${(input.query.sort ?? "filed-desc") === s ? raw("selected") : ""}>${t(p, `sort.${s}`)}</option>`,
    )}</select></div>
<div><button class="ipo-button ipo-button--secondary" type="submit">${t(p, "filings.apply")}</button></div>
</form>
${
  input.items.length === 0
    ? html`<p>${t(p, "filings.none")}</p>`
    : html`<div class="ipo-table-wrap"><table class="ipo-table" data-filings>
<thead><tr><th scope="col">${t(p, "filings.number")}</th><th scope="col">${t(p, "filings.type")}</th><th scope="col">${t(p, "filings.name")}</th><th scope="col">${t(p, "filings.for")}</th><th scope="col">${t(p, "filings.status")}</th><th scope="col">${t(p, "filings.filed")}</th><th scope="col">${t(p, "filings.due")}</th><th scope="col">${t(p, "filings.cost")}</th><th scope="col">${t(p, "filings.owed")}</th></tr></thead>
<tbody>${input.items.map(
        (i) => html`<tr data-number="${i.applicationNumber}">
<td><a href="${href(p, `/efiling/filings/${encodeURIComponent(i.applicationNumber)}`)}" dir="ltr">${i.applicationNumber}</a></td>
<td>${t(p, "filings.type.application")} · ${kindLabel(p, i.kind)}</td>
<td><bdi>${i.name}</bdi></td>
<td><bdi>${i.client ?? i.owners}</bdi>${i.relation === "applicant" ? html` <span class="ipo-hint">(${t(p, "filings.viaAgent")})</span>` : ""}</td>
<td><span class="ipo-badge ${PageStyles.badgeClass(i.status)}">${labelOf(i.status)}</span></td>
<td>${date(p, i.filingDate)}</td>
<td>${i.nextTimeLimit ? html`${date(p, i.nextTimeLimit.due)}<br><span class="ipo-hint">${actionLabel(i.kind, i.nextTimeLimit.action)}</span>` : ""}</td>
<td>${i.invoiced ? money(p, i.invoiced.currency, i.invoiced.total) : html`<span class="ipo-hint">${t(p, "filings.noInvoice")}</span>`}</td>
<td>${i.invoiced ? money(p, i.invoiced.currency, i.invoiced.owed) : ""}</td></tr>`,
      )}</tbody></table></div>`
}
<h2>${t(p, "drafts.title")}</h2>
${
  input.drafts.length === 0
    ? html`<p>${t(p, "drafts.none")}</p>`
    : html`<ul class="ipo-list" data-drafts>${input.drafts.map(
        (
          d,
        ) => html`<li data-draft="${d.id}"><bdi>${d.label || t(p, "drafts.untitled")}</bdi> · ${kindLabel(p, d.kind)} · ${t(p, "drafts.updated", { date: date(p, d.updatedAt) })}
<a href="${href(p, "/file", { kind: d.kind, draft: d.id })}">${t(p, "drafts.resume")}</a>
<form method="post" action="${href(p, `/efiling/drafts/${d.id}/delete`)}" class="ipo-inline">${filerCsrf(p)}<button class="ipo-button ipo-button--secondary" type="submit">${t(p, "drafts.delete")}</button></form></li>`,
      )}</ul>`
}
${
  filer?.kind === "applicant"
    ? html`<h2>${t(p, "authorise.title")}</h2><p>${t(p, "authorise.intro")}</p>
<form class="ipo-card ipo-form" method="post" action="${href(p, "/efiling/authorise")}">${filerCsrf(p)}
<div class="ipo-field"><label class="ipo-label" for="f-agentEmail">${t(p, "authorise.email")}</label><input class="ipo-input" id="f-agentEmail" name="agentEmail" type="email" dir="ltr" maxlength="300"></div>
<div><button class="ipo-button ipo-button--secondary" type="submit">${t(p, "authorise.submit")}</button></div></form>`
    : ""
}`,
  });
};

export interface FilingPageInput {
  readonly applicationNumber: string;
  readonly st13: string;
  readonly name: string;
  readonly status: string;
  readonly documents: ReadonlyArray<DocumentSummary>;
  readonly replies: ReadonlyArray<Incoming>;
  readonly issues: ReadonlyArray<FieldProblem>;
  readonly text?: string | undefined;
  readonly done?: boolean | undefined;
}

export const filingPage = (p: PageContext, input: FilingPageInput) => {
  const title = t(p, "filing.title", { number: input.applicationNumber });
  const base = `/efiling/filings/${encodeURIComponent(input.applicationNumber)}`;
  return layout(p, {
    title,
    current: "my-filings",
    body: html`<h1><bdi>${title}</bdi></h1>
<p><bdi>${input.name}</bdi> · ${input.status}</p>
${input.done ? html`<p role="status">${t(p, "filing.replied")}</p>` : ""}
<h2>${t(p, "filing.correspondence")}</h2>
${
  input.documents.length === 0
    ? html`<p>${t(p, "filing.noLetters")}</p>`
    : html`<ul class="ipo-list" data-letters>${input.documents.map(
        (d) =>
          html`<li><bdi>${d.title}</bdi> · ${t(p, "filing.issued")} ${date(p, d.issuedAt)} · <a href="${`${base}/documents/${d.id}`}">${t(p, "filing.open")}</a></li>`,
      )}</ul>`
}
<h2>${t(p, "filing.reply")}</h2>
${summary(p, input.issues, "register.errors")}
<form class="ipo-card ipo-form" method="post" action="${href(p, `${base}/reply`)}" accept-charset="utf-8">${filerCsrf(p)}
<div class="ipo-field"><label class="ipo-label" for="f-inReplyTo">${t(p, "filing.replyTo")}</label>${errorsFor(p, input.issues, "inReplyTo")}
<select class="ipo-input" id="f-inReplyTo" name="inReplyTo"><option value="">${t(p, "filing.replyGeneral")}</option>${input.documents.map(
      (d) => html`<option value="${d.id}">${d.title} (${date(p, d.issuedAt)})</option>`,
    )}</select></div>
${field(p, input.issues, "text", t(p, "filing.replyText"), html`<textarea class="ipo-input" id="f-text" name="text" dir="auto" rows="6" maxlength="20000"${described(input.issues, "text")}>${input.text ?? ""}</textarea>`)}
<div><button class="ipo-button" type="submit">${t(p, "filing.replySubmit")}</button></div></form>
${
  input.replies.length === 0
    ? ""
    : html`<h2>${t(p, "filing.replies")}</h2><ul class="ipo-list" data-replies>${input.replies.map(
        (r) =>
          html`<li><p class="ipo-hint">${t(p, "filing.receivedOn", { date: date(p, r.receivedAt) })}</p><p dir="auto" style="white-space: pre-wrap">${r.text}</p></li>`,
      )}</ul>`
}
<p><a href="${href(p, "/efiling/filings")}">${t(p, "filings.title")}</a></p>`,
  });
};

export const clientsPage = (
  p: PageContext,
  clients: ReadonlyArray<Client>,
  issues: ReadonlyArray<FieldProblem>,
  values: Readonly<Record<string, string>> = {},
) =>
  layout(p, {
    title: t(p, "clients.title"),
    current: "my-filings",
    body: html`<h1>${t(p, "clients.title")}</h1><p>${t(p, "clients.intro")}</p>
${
  clients.length === 0
    ? html`<p>${t(p, "clients.none")}</p>`
    : html`<ul class="ipo-list" data-clients>${clients.map(
        (c) =>
          html`<li data-client="${c.id}"><bdi>${c.name}</bdi> (${ltr(c.country)}) · <span class="ipo-hint">${t(p, `clients.basis.${c.basis}`)}</span></li>`,
      )}</ul>`
}
<h2>${t(p, "clients.add")}</h2>
${summary(p, issues, "register.errors")}
<form class="ipo-card ipo-form" method="post" action="${href(p, "/efiling/clients")}" novalidate accept-charset="utf-8">${filerCsrf(p)}
${field(p, issues, "name", t(p, "clients.name"), html`<input class="ipo-input" id="f-name" name="name" dir="auto" maxlength="400" value="${values.name ?? ""}"${described(issues, "name")}>`)}
${field(p, issues, "country", t(p, "clients.country"), countrySelect(p, issues, "country", values.country ?? ""))}
${field(p, issues, "address", t(p, "clients.address"), html`<textarea class="ipo-input" id="f-address" name="address" dir="auto" rows="3" maxlength="1000"${described(issues, "address")}>${values.address ?? ""}</textarea>`)}
<div><button class="ipo-button" type="submit">${t(p, "clients.submit")}</button></div></form>
<p><a href="${href(p, "/efiling/filings")}">${t(p, "filings.title")}</a></p>`,
  });

export const outboxPage = (p: PageContext, messages: ReadonlyArray<OutboxMessage>) =>
  layout(p, {
    title: t(p, "outbox.title"),
    body: html`<h1>${t(p, "outbox.title")}</h1><p>${t(p, "outbox.intro")}</p>
${
  messages.length === 0
    ? html`<p>${t(p, "outbox.none")}</p>`
    : html`<div class="ipo-table-wrap"><table class="ipo-table" data-outbox><thead><tr><th scope="col">${t(p, "outbox.to")}</th><th scope="col">${t(p, "outbox.subject")}</th><th scope="col">${t(p, "outbox.link")}</th><th scope="col">${t(p, "outbox.state")}</th></tr></thead>
<tbody>${messages.map(
        (
          m,
        ) => html`<tr data-message="${m.id}"><td>${ltr(m.to)}</td><td><bdi>${m.subject}</bdi><details><summary>…</summary><pre dir="auto" style="white-space: pre-wrap">${m.text}</pre></details></td>
<td>${m.link ? html`<a href="${localLink(m.link)}" dir="ltr" translate="no">${m.link}</a>` : ""}</td>
<td>${m.sentAt ? t(p, "outbox.sent", { date: date(p, m.sentAt) }) : t(p, "outbox.pending")}</td></tr>`,
      )}</tbody></table></div>`
}`,
  });

/** The outbox page links to the path of a message's link (the demo's host may differ from the mail's). */
const localLink = (link: string): string => {
  try {
    const u = new URL(link);
    return `${u.pathname}${u.search}`;
  } catch {
    return "/outbox";
  }
};

export const correspondencePage = (p: PageContext, number: string, items: ReadonlyArray<Incoming>) =>
  layout(p, {
    title: t(p, "correspondence.title", { number }),
    current: "office",
    body: html`<h1><bdi>${t(p, "correspondence.title", { number })}</bdi></h1>
${
  items.length === 0
    ? html`<p>${t(p, "correspondence.none")}</p>`
    : html`<ul class="ipo-list" data-incoming>${items.map(
        (r) =>
          html`<li><p class="ipo-hint">${t(p, "filing.receivedOn", { date: date(p, r.receivedAt) })} · ${t(p, "correspondence.from")} <bdi>${r.accountName}</bdi></p><p dir="auto" style="white-space: pre-wrap">${r.text}</p></li>`,
      )}</ul>`
}
<p><a href="${href(p, `/office/records/${encodeURIComponent(number)}`)}">${t(p, "filing.record")}</a></p>`,
  });
