/**
 * Area `admin`: the office administrator's pages: staff accounts (create, change name and roles, disable and enable,
 * set a password, end sessions) and API tokens (issue, shown once; revoke). No one changes their own roles or status,
 * only a system administrator grants the system administrator role, and tokens never carry the administrators'
 * roles, so no account can raise its own power (OWASP Authorization Cheat Sheet: deny by default, least privilege).
 */
import { Result } from "effect";
import type { Context } from "hono";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { html } from "hono/html";
import type { Area, AreaContext } from "../Area.js";
import { type Account, Accounts, type ApiToken, type Principal } from "../auth/Accounts.js";
import { type AuthKey, authText } from "../auth/messages.js";
import { permissionNames } from "../auth/permissions.js";
import { roleLabel } from "../auth/roles.js";
import { type AuditPage, listAudit } from "../audit/Audit.js";
import { auditRequest } from "../audit/http.js";
import { needs, principalOf } from "../http/access.js";
import { importPages } from "../exchange/pages.js";
import { ltr } from "../pages/bidi.js";
import { can, csrfField, href, layout, type PageContext, pageContext } from "../pages/layout.js";

const a = (p: PageContext, key: AuthKey, params?: Record<string, string | number>) => authText(p.lang, key, params);
const formLimit = bodyLimit({ maxSize: 32 * 1024, onError: (c) => c.text("The form is too large.", 413) });
const adminRoles = ["office_admin", "sysadmin"];

/** The roles this principal may grant: every role of the office, the system administrator's only by one. */
export const grantableRoles = (principal: Principal | undefined, roles: ReadonlyArray<string>): ReadonlyArray<string> =>
  roles.filter((r) => r !== "sysadmin" || (principal?.roles.includes("sysadmin") ?? false));

type Issues = ReadonlyArray<{ readonly path: string; readonly message: string }>;

const issueFor = (issues: Issues, path: string) => {
  const found = issues.filter((i) => i.path === path || i.path.startsWith(`${path}.`));
  return found.length === 0
    ? ""
    : html`<p class="ipo-error" id="e-${path}">${found.map((i) => i.message).join("; ")}</p>`;
};

const roleBoxes = (
  p: PageContext,
  name: string,
  roles: ReadonlyArray<string>,
  checked: ReadonlyArray<string>,
  issues: Issues,
) =>
  html`<fieldset class="ipo-field"><legend class="ipo-label">${a(p, name === "roles" ? "admin.roles" : "admin.tokenRoles")}</legend>
${issueFor(issues, "roles")}
${roles.map(
  (r) =>
    html`<label style="display:flex;align-items:center;gap:.5rem;margin:.25rem 0"><input type="checkbox" style="width:auto;margin:0" name="${name}" value="${r}"${checked.includes(r) ? html` checked` : ""}> ${roleLabel(p.lang, r)}</label>`,
)}</fieldset>`;

const when = (iso: string | null, p: PageContext) =>
  iso === null ? a(p, "admin.never") : html`<bdi>${iso.slice(0, 16).replace("T", " ")}</bdi>`;

const accountsPage = (
  p: PageContext,
  accounts: ReadonlyArray<Account>,
  grantable: ReadonlyArray<string>,
  state: { values?: Record<string, unknown>; issues?: Issues; notice?: string } = {},
) => {
  const issues = state.issues ?? [];
  const v = (k: string) => (typeof state.values?.[k] === "string" ? (state.values[k] as string) : "");
  const checked = Array.isArray(state.values?.roles)
    ? (state.values.roles as string[])
    : typeof state.values?.roles === "string"
      ? [state.values.roles as string]
      : [];
  return layout(p, {
    title: a(p, "admin.accounts"),
    current: "admin",
    body: html`<h1>${a(p, "admin.accounts")}</h1>
<p><a href="${href(p, "/admin/tokens")}">${a(p, "admin.tokens")}</a>${
      can(p, "rights.import") ? html` · <a href="${href(p, "/admin/import")}">${a(p, "import.title")}</a>` : ""
    }</p>
${state.notice ? html`<p role="status">${state.notice}</p>` : ""}
${issues.length > 0 ? html`<p class="ipo-error" role="alert">${a(p, "admin.invalid")}</p>` : ""}
<div class="ipo-table-wrap"><table class="ipo-table"><thead><tr><th scope="col">${a(p, "admin.displayName")}</th><th scope="col">${a(p, "admin.username")}</th><th scope="col">${a(p, "admin.roles")}</th><th scope="col">${a(p, "admin.status")}</th><th scope="col">${a(p, "admin.lastSignIn")}</th></tr></thead>
<tbody>${accounts.map(
      (
        acc,
      ) => html`<tr><td><a href="${href(p, `/admin/accounts/${acc.id}`)}"><bdi>${acc.displayName}</bdi></a></td><td>${ltr(acc.username)}</td><td>${acc.roles.map((r) => roleLabel(p.lang, r)).join(", ")}</td>
<td>${a(p, `admin.status.${acc.status}`)}${acc.lockedUntil && acc.lockedUntil > new Date().toISOString() ? html` (${a(p, "admin.locked", { until: acc.lockedUntil.slice(0, 16).replace("T", " ") })})` : ""}</td><td>${when(acc.lastSignInAt, p)}</td></tr>`,
    )}</tbody></table></div>
<section class="ipo-card" aria-labelledby="new-account"><h2 id="new-account">${a(p, "admin.newAccount")}</h2>
<form class="ipo-form" method="post" action="${href(p, "/admin/accounts")}">${csrfField(p)}
<div class="ipo-field"><label class="ipo-label" for="displayName">${a(p, "admin.displayName")}</label>${issueFor(issues, "displayName")}
<input class="ipo-input" id="displayName" name="displayName" required maxlength="200" value="${v("displayName")}"></div>
<div class="ipo-field"><label class="ipo-label" for="username">${a(p, "admin.username")}</label>${issueFor(issues, "username")}
<input class="ipo-input" id="username" name="username" dir="ltr" required maxlength="100" autocomplete="off" value="${v("username")}"></div>
${roleBoxes(p, "roles", grantable, checked, issues)}
<div class="ipo-field"><label class="ipo-label" for="password">${a(p, "admin.password")}</label>${issueFor(issues, "password")}
<input class="ipo-input" id="password" name="password" type="password" dir="ltr" autocomplete="new-password" required minlength="12" maxlength="256"></div>
<div><button class="ipo-button" type="submit">${a(p, "admin.create")}</button></div></form></section>`,
  });
};

const accountPage = (
  p: PageContext,
  acc: Account,
  grantable: ReadonlyArray<string>,
  self: boolean,
  state: { issues?: Issues; notice?: string } = {},
) => {
  const issues = state.issues ?? [];
  return layout(p, {
    title: acc.displayName,
    current: "admin",
    body: html`<p><a href="${href(p, "/admin")}">${a(p, "admin.accounts")}</a></p>
<h1><bdi>${acc.displayName}</bdi></h1>
${state.notice ? html`<p role="status">${state.notice}</p>` : ""}
${issues.length > 0 ? html`<p class="ipo-error" role="alert">${a(p, "admin.invalid")}</p>` : ""}
<dl class="ipo-dl ipo-card"><dt>${a(p, "admin.username")}</dt><dd>${ltr(acc.username)}</dd>
<dt>${a(p, "admin.status")}</dt><dd>${a(p, `admin.status.${acc.status}`)}</dd>
<dt>${a(p, "admin.lastSignIn")}</dt><dd>${when(acc.lastSignInAt, p)}</dd></dl>
<form class="ipo-card ipo-form" method="post" action="${href(p, `/admin/accounts/${acc.id}`)}">${csrfField(p)}
<div class="ipo-field"><label class="ipo-label" for="displayName">${a(p, "admin.displayName")}</label>${issueFor(issues, "displayName")}
<input class="ipo-input" id="displayName" name="displayName" required maxlength="200" value="${acc.displayName}"></div>
${self ? "" : roleBoxes(p, "roles", [...new Set([...grantable, ...acc.roles])], acc.roles, issues)}
${
  self
    ? ""
    : html`<div class="ipo-field"><label class="ipo-label" for="status">${a(p, "admin.status")}</label>
<select class="ipo-input" id="status" name="status"><option value="active"${acc.status === "active" ? html` selected` : ""}>${a(p, "admin.status.active")}</option><option value="disabled"${acc.status === "disabled" ? html` selected` : ""}>${a(p, "admin.status.disabled")}</option></select></div>`
}
<div><button class="ipo-button" type="submit">${a(p, "admin.save")}</button></div></form>
<form class="ipo-card ipo-form" method="post" action="${href(p, `/admin/accounts/${acc.id}/password`)}">${csrfField(p)}
<div class="ipo-field"><label class="ipo-label" for="password">${a(p, "admin.setPassword")}</label>${issueFor(issues, "password")}
<input class="ipo-input" id="password" name="password" type="password" dir="ltr" autocomplete="new-password" required minlength="12" maxlength="256"></div>
<div><button class="ipo-button" type="submit">${a(p, "admin.save")}</button></div></form>
<form class="ipo-form" method="post" action="${href(p, `/admin/accounts/${acc.id}/sessions`)}">${csrfField(p)}
<button class="ipo-button ipo-button--secondary" type="submit">${a(p, "admin.endSessions")}</button></form>`,
  });
};

const tokensPage = (
  p: PageContext,
  tokens: ReadonlyArray<ApiToken>,
  roles: ReadonlyArray<string>,
  state: { issues?: Issues; created?: string; values?: Record<string, unknown> } = {},
) => {
  const issues = state.issues ?? [];
  const now = new Date().toISOString();
  return layout(p, {
    title: a(p, "admin.tokens"),
    current: "admin",
    body: html`<h1>${a(p, "admin.tokens")}</h1>
<p><a href="${href(p, "/admin")}">${a(p, "admin.accounts")}</a></p>
${state.created ? html`<div class="ipo-card" role="status"><p>${a(p, "admin.tokenCreated")}</p><p dir="ltr"><code id="new-token">${state.created}</code></p></div>` : ""}
${issues.length > 0 ? html`<p class="ipo-error" role="alert">${a(p, "admin.invalid")}</p>` : ""}
${
  tokens.length === 0
    ? html`<p>${a(p, "admin.none")}</p>`
    : html`<div class="ipo-table-wrap"><table class="ipo-table"><thead><tr><th scope="col">${a(p, "admin.tokenName")}</th><th scope="col">${a(p, "admin.tokenRoles")}</th><th scope="col">${a(p, "admin.createdBy")}</th><th scope="col">${a(p, "admin.expires")}</th><th scope="col">${a(p, "admin.lastUsed")}</th><th scope="col"><span class="ipo-visually-hidden">${a(p, "admin.revoke")}</span></th></tr></thead>
<tbody>${tokens.map(
        (
          t,
        ) => html`<tr><td><bdi>${t.name}</bdi> <code dir="ltr">ipo_${t.id}_…</code></td><td>${t.roles.map((r) => roleLabel(p.lang, r)).join(", ")}${t.scopes ? html`<br><small>${ltr(t.scopes.join(", "))}</small>` : ""}</td>
<td>${ltr(t.createdBy)}</td><td>${when(t.expiresAt, p)}</td><td>${when(t.lastUsedAt, p)}</td>
<td>${
          t.revokedAt !== null || t.expiresAt <= now
            ? a(p, "admin.revoked")
            : html`<form method="post" action="${href(p, `/admin/tokens/${t.id}/revoke`)}">${csrfField(p)}<button class="ipo-button ipo-button--danger" type="submit">${a(p, "admin.revoke")}</button></form>`
        }</td></tr>`,
      )}</tbody></table></div>`
}
<section class="ipo-card" aria-labelledby="new-token-h"><h2 id="new-token-h">${a(p, "admin.newToken")}</h2>
<form class="ipo-form" method="post" action="${href(p, "/admin/tokens")}">${csrfField(p)}
<div class="ipo-field"><label class="ipo-label" for="name">${a(p, "admin.tokenName")}</label>${issueFor(issues, "name")}
<input class="ipo-input" id="name" name="name" required maxlength="100"></div>
${roleBoxes(p, "tokenRoles", roles, [], issues)}
<fieldset class="ipo-field"><legend class="ipo-label">${a(p, "admin.tokenScopes")}</legend>${issueFor(issues, "scopes")}
${permissionNames.map((s) => html`<label style="display:flex;align-items:center;gap:.5rem;margin:.25rem 0"><input type="checkbox" style="width:auto;margin:0" name="scopes" value="${s}"> ${a(p, `permission.${s}`)} <code dir="ltr">${s}</code></label>`)}</fieldset>
<div class="ipo-field"><label class="ipo-label" for="days">${a(p, "admin.tokenDays")}</label>${issueFor(issues, "days")}
<input class="ipo-input" id="days" name="days" type="number" min="1" max="3660" value="90" required></div>
<div><button class="ipo-button" type="submit">${a(p, "admin.create")}</button></div></form></section>`,
  });
};

const strings = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.filter((v): v is string => typeof v === "string")
    : typeof value === "string"
      ? [value]
      : [];
const one = (form: Record<string, unknown>, key: string): string => {
  const v = form[key];
  return typeof v === "string" ? v : Array.isArray(v) && typeof v[0] === "string" ? v[0] : "";
};
const readForm = async (c: Context): Promise<Record<string, unknown>> =>
  /^application\/x-www-form-urlencoded/i.test(c.req.header("content-type") ?? "")
    ? ((await c.req.parseBody({ all: true })) as Record<string, unknown>)
    : {};

const unavailable = (c: Context) => c.text("The office's database did not answer; try again shortly.", 503);

export const adminPages = (ctx: AreaContext) => {
  const app = new Hono();
  const list = () => ctx.run(Accounts.use((s) => s.list()));
  const roles = () => ctx.run(Accounts.useSync((s) => s.roles));
  const allRoles = async () => {
    const r = await roles();
    return Result.isSuccess(r) ? r.success : [];
  };

  const showAccounts = async (
    c: Context,
    state: Parameters<typeof accountsPage>[3] = {},
    status: 200 | 201 | 400 = 200,
  ) => {
    const p = pageContext(c, ctx.config);
    const got = await list();
    if (Result.isFailure(got)) return unavailable(c);
    return c.html(accountsPage(p, got.success, grantableRoles(p.principal, await allRoles()), state), status);
  };

  app.get("/admin", (c) => showAccounts(c));

  app.post("/admin/accounts", formLimit, async (c) => {
    const p = pageContext(c, ctx.config);
    const form = await readForm(c);
    const wanted = strings(form.roles);
    const grantable = grantableRoles(p.principal, await allRoles());
    const forbidden = wanted.filter((r) => !grantable.includes(r));
    if (forbidden.length > 0)
      return showAccounts(
        c,
        {
          values: form,
          issues: [{ path: "roles", message: `you may not grant ${forbidden.join(", ").slice(0, 200)}` }],
        },
        400,
      );
    // Accounts of the identity provider are created at their first sign-in (src/auth/oidc.ts), with its roles.
    const created = await ctx.run(
      Accounts.use((s) =>
        s.create({
          username: one(form, "username"),
          displayName: one(form, "displayName"),
          roles: wanted,
          password: one(form, "password"),
        }),
      ),
    );
    if (Result.isFailure(created)) {
      const e = created.failure;
      if (e._tag === "DatabaseError") return unavailable(c);
      return showAccounts(c, { values: form, issues: e.issues }, 400);
    }
    ctx.logger.info({ account: created.success.id, by: p.principal?.id }, "account created");
    await auditRequest(ctx, c, {
      action: "account.create",
      outcome: "ok",
      target: created.success.id,
      details: { username: created.success.username, roles: [...created.success.roles] },
    });
    return c.redirect(href(p, `/admin/accounts/${created.success.id}`, { done: "created" }), 303);
  });

  const loadAccount = async (c: Context) => {
    const id = c.req.param("id") ?? "";
    if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
    const got = await ctx.run(Accounts.use((s) => s.get(id)));
    return Result.isSuccess(got) ? got.success : undefined;
  };
  const notFound = (c: Context) => {
    const p = pageContext(c, ctx.config);
    return c.html(layout(p, { title: a(p, "admin.notFound"), body: html`<h1>${a(p, "admin.notFound")}</h1>` }), 404);
  };
  const showAccount = async (
    c: Context,
    acc: Account,
    state: { issues?: Issues; notice?: string } = {},
    status: 200 | 400 = 200,
  ) => {
    const p = pageContext(c, ctx.config);
    return c.html(
      accountPage(p, acc, grantableRoles(p.principal, await allRoles()), p.principal?.id === acc.id, state),
      status,
    );
  };

  app.get("/admin/accounts/:id", async (c) => {
    const acc = await loadAccount(c);
    if (acc === undefined) return notFound(c);
    const p = pageContext(c, ctx.config);
    return showAccount(c, acc, c.req.query("done") ? { notice: a(p, "admin.saved") } : {});
  });

  app.post("/admin/accounts/:id", formLimit, async (c) => {
    const acc = await loadAccount(c);
    if (acc === undefined) return notFound(c);
    const p = pageContext(c, ctx.config);
    const principal = principalOf(c);
    const form = await readForm(c);
    const self = principal?.id === acc.id;
    const wanted = strings(form.roles);
    // Roles the administrator may not grant stay as they are; they cannot be added.
    const grantable = grantableRoles(principal, await allRoles());
    const added = wanted.filter((r) => !acc.roles.includes(r) && !grantable.includes(r));
    if (!self && added.length > 0)
      return showAccount(
        c,
        acc,
        { issues: [{ path: "roles", message: `you may not grant ${added.join(", ").slice(0, 200)}` }] },
        400,
      );
    if (!self && acc.roles.includes("sysadmin") && !grantable.includes("sysadmin"))
      return showAccount(
        c,
        acc,
        { issues: [{ path: "roles", message: "only a system administrator changes a system administrator" }] },
        400,
      );
    const status = one(form, "status");
    const changed = await ctx.run(
      Accounts.use((s) =>
        s.change(acc.id, {
          displayName: one(form, "displayName"),
          ...(self ? {} : { roles: wanted }),
          ...(self || (status !== "active" && status !== "disabled") ? {} : { status }),
        }),
      ),
    );
    if (Result.isFailure(changed)) {
      const e = changed.failure;
      if (e._tag === "AccountInvalid") return showAccount(c, acc, { issues: e.issues }, 400);
      return e._tag === "AccountNotFound" ? notFound(c) : unavailable(c);
    }
    await auditRequest(ctx, c, {
      action: "account.change",
      outcome: "ok",
      target: acc.id,
      details: { roles: [...changed.success.roles], status: changed.success.status },
    });
    return showAccount(c, changed.success, { notice: a(p, "admin.saved") });
  });

  app.post("/admin/accounts/:id/password", formLimit, async (c) => {
    const acc = await loadAccount(c);
    if (acc === undefined) return notFound(c);
    const p = pageContext(c, ctx.config);
    if (acc.roles.includes("sysadmin") && !grantableRoles(p.principal, ["sysadmin"]).includes("sysadmin"))
      return showAccount(
        c,
        acc,
        { issues: [{ path: "password", message: "only a system administrator changes a system administrator" }] },
        400,
      );
    const form = await readForm(c);
    const done = await ctx.run(Accounts.use((s) => s.setPassword(acc.id, one(form, "password"))));
    if (Result.isFailure(done)) {
      const e = done.failure;
      if (e._tag === "AccountInvalid") return showAccount(c, acc, { issues: e.issues }, 400);
      return e._tag === "AccountNotFound" ? notFound(c) : unavailable(c);
    }
    await auditRequest(ctx, c, { action: "account.password", outcome: "ok", target: acc.id });
    return showAccount(c, acc, { notice: a(p, "admin.saved") });
  });

  app.post("/admin/accounts/:id/sessions", formLimit, async (c) => {
    const acc = await loadAccount(c);
    if (acc === undefined) return notFound(c);
    const p = pageContext(c, ctx.config);
    const ended = await ctx.run(Accounts.use((s) => s.endSessions(acc.id)));
    if (Result.isFailure(ended)) return unavailable(c);
    await auditRequest(ctx, c, {
      action: "account.end-sessions",
      outcome: "ok",
      target: acc.id,
      details: { ended: ended.success },
    });
    return showAccount(c, acc, { notice: a(p, "admin.sessionsEnded", { count: ended.success }) });
  });

  const tokenRoles = async () => (await allRoles()).filter((r) => !adminRoles.includes(r));
  const showTokens = async (
    c: Context,
    state: Parameters<typeof tokensPage>[3] = {},
    status: 200 | 201 | 400 = 200,
  ) => {
    const p = pageContext(c, ctx.config);
    const got = await ctx.run(Accounts.use((s) => s.tokens()));
    if (Result.isFailure(got)) return unavailable(c);
    c.header("cache-control", "no-store");
    return c.html(tokensPage(p, got.success, await tokenRoles(), state), status);
  };

  app.get("/admin/tokens", (c) => showTokens(c));

  app.post("/admin/tokens", formLimit, async (c) => {
    const form = await readForm(c);
    const principal = principalOf(c);
    const roles = strings(form.tokenRoles);
    const allowed = await tokenRoles();
    const notAllowed = roles.filter((r) => !allowed.includes(r));
    if (notAllowed.length > 0)
      return showTokens(
        c,
        { issues: [{ path: "roles", message: `a token cannot act as ${notAllowed.join(", ").slice(0, 200)}` }] },
        400,
      );
    const scopes = strings(form.scopes);
    const days = Number(one(form, "days"));
    const created = await ctx.run(
      Accounts.use((s) =>
        s.createToken(
          { name: one(form, "name"), roles, scopes: scopes.length === 0 ? undefined : scopes, days },
          principal?.id ?? "unknown",
        ),
      ),
    );
    if (Result.isFailure(created)) {
      const e = created.failure;
      return e._tag === "AccountInvalid" ? showTokens(c, { issues: e.issues }, 400) : unavailable(c);
    }
    ctx.logger.info({ token: created.success.token.id, by: principal?.id }, "API token issued");
    await auditRequest(ctx, c, {
      action: "token.create",
      outcome: "ok",
      target: created.success.token.id,
      details: {
        roles: [...created.success.token.roles],
        scopes: created.success.token.scopes === null ? null : [...created.success.token.scopes],
      },
    });
    return showTokens(c, { created: created.success.secret }, 201);
  });

  app.post("/admin/tokens/:id/revoke", formLimit, async (c) => {
    const p = pageContext(c, ctx.config);
    const id = c.req.param("id");
    if (!/^[a-z0-9]{12}$/.test(id)) return notFound(c);
    const done = await ctx.run(Accounts.use((s) => s.revokeToken(id)));
    if (Result.isFailure(done)) return done.failure._tag === "TokenNotFound" ? notFound(c) : unavailable(c);
    ctx.logger.info({ token: id, by: principalOf(c)?.id }, "API token revoked");
    await auditRequest(ctx, c, { action: "token.revoke", outcome: "ok", target: id });
    return c.redirect(href(p, "/admin/tokens"), 303);
  });

  // The audit trail (audit.read): newest first, by record (`target`) or actor, 50 a page (keyset on seq).
  app.get("/audit", async (c) => {
    const p = pageContext(c, ctx.config);
    const target = (c.req.query("target") ?? "").slice(0, 200) || undefined;
    const actor = (c.req.query("actor") ?? "").slice(0, 200) || undefined;
    const beforeRaw = Number(c.req.query("before"));
    const before = Number.isInteger(beforeRaw) && beforeRaw > 0 ? beforeRaw : undefined;
    let page: AuditPage;
    try {
      page = await listAudit(ctx.db, ctx.config.office.code, { target, actorId: actor, limit: 50, before });
    } catch (error) {
      ctx.logger.error({ err: error }, "audit trail unavailable");
      return unavailable(c);
    }
    // Accounts are named by their display name and account name; tokens by their name.
    const accountIds = [...new Set(page.items.filter((r) => r.actorKind === "account").map((r) => r.actorId))];
    const tokenIds = [...new Set(page.items.filter((r) => r.actorKind === "token").map((r) => r.actorId.slice(6)))];
    const names = new Map<string, string>();
    if (accountIds.length > 0)
      for (const row of await ctx.db
        .selectFrom("accounts")
        .select(["id", "display_name", "username"])
        .where("office_code", "=", ctx.config.office.code)
        .where("id", "in", accountIds)
        .execute())
        names.set(row.id, `${row.display_name} (${row.username})`);
    if (tokenIds.length > 0)
      for (const row of await ctx.db
        .selectFrom("api_tokens")
        .select(["id", "name"])
        .where("office_code", "=", ctx.config.office.code)
        .where("id", "in", tokenIds)
        .execute())
        names.set(`token:${row.id}`, `${row.name} (ipo_${row.id}_…)`);
    return c.html(auditPage(p, page, { target, actor }, names));
  });

  // The import from another system (decision 0802).
  app.route("/", importPages(ctx));
  return app;
};

const auditPage = (
  p: PageContext,
  page: AuditPage,
  filter: { target?: string | undefined; actor?: string | undefined },
  names: ReadonlyMap<string, string>,
) =>
  layout(p, {
    title: a(p, "audit.title"),
    current: "admin",
    body: html`<h1>${a(p, "audit.title")}</h1>
<form class="ipo-form" method="get" action="/audit" style="display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-end">
<input type="hidden" name="lang" value="${p.lang}">
<div class="ipo-field"><label class="ipo-label" for="target">${a(p, "audit.target")}</label><input class="ipo-input" id="target" name="target" dir="ltr" value="${filter.target ?? ""}"></div>
<div class="ipo-field"><label class="ipo-label" for="actor">${a(p, "audit.actor")}</label><input class="ipo-input" id="actor" name="actor" dir="ltr" value="${filter.actor ?? ""}"></div>
<div><button class="ipo-button" type="submit">${a(p, "audit.filter")}</button></div></form>
${
  page.items.length === 0
    ? html`<p>${a(p, "admin.none")}</p>`
    : html`<div class="ipo-table-wrap"><table class="ipo-table"><thead><tr><th scope="col">#</th><th scope="col">${a(p, "audit.when")}</th><th scope="col">${a(p, "audit.actor")}</th><th scope="col">${a(p, "audit.action")}</th><th scope="col">${a(p, "audit.target")}</th><th scope="col">${a(p, "audit.outcome")}</th><th scope="col">${a(p, "audit.address")}</th></tr></thead>
<tbody>${page.items.map(
        (r) =>
          html`<tr><td class="ipo-num">${r.seq}</td><td dir="ltr"><bdi>${r.at.slice(0, 19).replace("T", " ")}</bdi></td><td><bdi>${names.get(r.actorId) ?? `${r.actorKind}: ${r.actorId}`}</bdi></td><td dir="ltr"><code>${r.action}</code></td><td>${ltr(r.target)}</td><td>${a(p, `audit.outcome.${r.outcome}`)}</td><td>${ltr(r.address)}</td></tr>`,
      )}</tbody></table></div>`
}
${
  page.next === null
    ? ""
    : html`<p><a href="${href(p, "/audit", { target: filter.target, actor: filter.actor, before: page.next })}">${a(p, "audit.older")}</a></p>`
}`,
  });

export const adminArea: Area = {
  name: "admin",
  pages: adminPages,
  pageRoutes: [
    { method: "get", path: "/admin", access: needs("accounts.manage"), summary: "Staff accounts" },
    { method: "post", path: "/admin/accounts", access: needs("accounts.manage"), summary: "Create an account" },
    { method: "get", path: "/admin/accounts/{id}", access: needs("accounts.manage"), summary: "An account" },
    { method: "post", path: "/admin/accounts/{id}", access: needs("accounts.manage"), summary: "Change an account" },
    {
      method: "post",
      path: "/admin/accounts/{id}/password",
      access: needs("accounts.manage"),
      summary: "Set an account's password",
    },
    {
      method: "post",
      path: "/admin/accounts/{id}/sessions",
      access: needs("accounts.manage"),
      summary: "End an account's sessions",
    },
    { method: "get", path: "/admin/tokens", access: needs("tokens.manage"), summary: "API tokens" },
    { method: "post", path: "/admin/tokens", access: needs("tokens.manage"), summary: "Issue an API token" },
    {
      method: "post",
      path: "/admin/tokens/{id}/revoke",
      access: needs("tokens.manage"),
      summary: "Revoke an API token",
    },
    { method: "get", path: "/audit", access: needs("audit.read"), summary: "The audit trail, by record or actor" },
    {
      method: "get",
      path: "/admin/import",
      access: needs("rights.import"),
      summary: "Import rights from another system",
    },
    {
      method: "post",
      path: "/admin/import",
      access: needs("rights.import"),
      summary: "Check (dry run) or import a CSV or XLSX file through the office's column mapping",
    },
  ],
  ownPageBodyLimit: ["/admin/import"],
};
