/**
 * Area `auth`: sign-in and sign-out pages (English and Arabic, no JavaScript needed), the account page (roles, change
 * of password, sign-out everywhere). Sessions live in the database; the cookie is HttpOnly, SameSite=Lax, Secure with
 * the `__Host-` prefix over HTTPS, and changes at every sign-in (no session fixation: OWASP Session Management).
 */
import { Result } from "effect";
import type { Context } from "hono";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { html } from "hono/html";
import type { Area, AreaContext } from "../Area.js";
import { isHttps, principalOf, publicAccess, SECURE_SESSION_COOKIE, SESSION_COOKIE, signedIn } from "../http/access.js";
import { auditRequest } from "../audit/http.js";
import { clientAddress } from "../http/client.js";
import { ltr } from "../pages/bidi.js";
import { csrfField, href, layout, type PageContext, pageContext } from "../pages/layout.js";
import { randomBytes } from "node:crypto";
import { Accounts, type SignedIn } from "./Accounts.js";
import { safeNext } from "./next.js";
import { makeOidcClient, signInLabel } from "./oidc.js";
import { oidcRoutes } from "./oidcRoutes.js";
import { type AuthKey, authText } from "./messages.js";
import { roleLabel } from "./roles.js";

const a = (p: PageContext, key: AuthKey, params?: Record<string, string | number>) => authText(p.lang, key, params);

const formLimit = bodyLimit({ maxSize: 16 * 1024, onError: (c) => c.text("The form is too large.", 413) });

/** Sets the session cookie of a new session (and clears the other name, so only one is ever sent). */
export const setSessionCookie = (c: Context, signedInAs: SignedIn, trustProxy: boolean) => {
  const secure = isHttps(c, trustProxy);
  const maxAge = signedInAs.maxAge;
  if (secure) {
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    // Hono adds the `__Host-` prefix to the name (SECURE_SESSION_COOKIE) and checks its rules.
    setCookie(c, SESSION_COOKIE, signedInAs.cookie, {
      path: "/",
      httpOnly: true,
      secure: true,
      sameSite: "Lax",
      maxAge,
      prefix: "host",
    } as Parameters<typeof setCookie>[3]);
  } else {
    setCookie(c, SESSION_COOKIE, signedInAs.cookie, { path: "/", httpOnly: true, sameSite: "Lax", maxAge });
  }
};

const clearSessionCookie = (c: Context) => {
  deleteCookie(c, SESSION_COOKIE, { path: "/" });
  deleteCookie(c, SECURE_SESSION_COOKIE, { path: "/", secure: true });
};

const signInPage = (
  p: PageContext,
  options: { next?: string | undefined; failed?: boolean; oidc?: string | undefined },
) =>
  layout(p, {
    title: a(p, "signIn.title"),
    current: "sign-in",
    body: html`<h1>${a(p, "signIn.title")}</h1>
<p>${a(p, "signIn.intro")}</p>
${options.failed ? html`<p class="ipo-error" role="alert" id="sign-in-error">${a(p, "signIn.failed")}</p>` : ""}
<form class="ipo-card ipo-form" method="post" action="${href(p, "/sign-in")}">${csrfField(p)}
${options.next ? html`<input type="hidden" name="next" value="${options.next}">` : ""}
<div class="ipo-field"><label class="ipo-label" for="username">${a(p, "signIn.username")}</label>
<input class="ipo-input" id="username" name="username" dir="ltr" autocomplete="username" autocapitalize="none" spellcheck="false" required maxlength="200"${options.failed ? html` aria-describedby="sign-in-error"` : ""}></div>
<div class="ipo-field"><label class="ipo-label" for="password">${a(p, "signIn.password")}</label>
<input class="ipo-input" id="password" name="password" type="password" dir="ltr" autocomplete="current-password" required maxlength="1024"></div>
<div><button class="ipo-button" type="submit">${a(p, "signIn.submit")}</button></div>
</form>
${
  options.oidc
    ? html`<p>${a(p, "signIn.or")}</p><p><a class="ipo-button ipo-button--secondary" href="${`/sign-in/oidc${options.next ? `?returnTo=${encodeURIComponent(options.next)}` : ""}`}">${options.oidc}</a></p>`
    : ""
}`,
  });

const accountPage = (
  p: PageContext,
  account: { username: string; displayName: string; roles: ReadonlyArray<string>; hasPassword: boolean } | undefined,
  notice?: { kind: "done" | "failed"; text: string },
) => {
  const principal = p.principal;
  const granted = [...(principal?.permissions ?? [])].sort();
  return layout(p, {
    title: a(p, "account.title"),
    current: "account",
    body: html`<h1>${a(p, "account.title")}</h1>
${notice ? html`<p role="${notice.kind === "failed" ? "alert" : "status"}" class="${notice.kind === "failed" ? "ipo-error" : ""}">${notice.text}</p>` : ""}
<dl class="ipo-dl ipo-card">
<dt>${a(p, "account.name")}</dt><dd><bdi>${principal?.name ?? ""}</bdi></dd>
${account ? html`<dt>${a(p, "account.username")}</dt><dd>${ltr(account.username)}</dd>` : ""}
<dt>${a(p, "account.roles")}</dt><dd>${(principal?.roles ?? []).map((r) => roleLabel(p.lang, r)).join(", ")}</dd>
<dt>${a(p, "account.permissions")}</dt><dd><ul>${granted.map((g) => html`<li>${a(p, `permission.${g}`)} <code dir="ltr">${g}</code></li>`)}</ul></dd>
</dl>
<div style="display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start">
<form method="post" action="${href(p, "/sign-out")}">${csrfField(p)}
<button class="ipo-button" type="submit">${a(p, "signOut.submit")}</button></form>
<form method="post" action="${href(p, "/sign-out")}">${csrfField(p)}
<input type="hidden" name="everywhere" value="1">
<button class="ipo-button ipo-button--secondary" type="submit" aria-describedby="everywhere-hint">${a(p, "signOut.everywhere")}</button>
<p class="ipo-hint" id="everywhere-hint">${a(p, "signOut.everywhereHint")}</p></form></div>
${
  account?.hasPassword
    ? html`<section class="ipo-card" aria-labelledby="password-h"><h2 id="password-h">${a(p, "account.password")}</h2>
<form class="ipo-form" method="post" action="${href(p, "/account/password")}">${csrfField(p)}
<input type="hidden" name="username" value="${account.username}" autocomplete="username">
<div class="ipo-field"><label class="ipo-label" for="current">${a(p, "account.current")}</label>
<input class="ipo-input" id="current" name="current" type="password" dir="ltr" autocomplete="current-password" required maxlength="1024"></div>
<div class="ipo-field"><label class="ipo-label" for="new">${a(p, "account.new")}</label>
<input class="ipo-input" id="new" name="new" type="password" dir="ltr" autocomplete="new-password" required minlength="12" maxlength="256"></div>
<div><button class="ipo-button" type="submit">${a(p, "account.save")}</button></div></form></section>`
    : ""
}`,
  });
};

const field = (form: Record<string, unknown>, name: string): string => {
  const v = form[name];
  return typeof v === "string" ? v : "";
};

const readForm = async (c: Context): Promise<Record<string, unknown>> =>
  /^application\/x-www-form-urlencoded/i.test(c.req.header("content-type") ?? "") ? await c.req.parseBody() : {};

const accountOf = async (ctx: AreaContext, id: string) => {
  const got = await ctx.run(Accounts.use((s) => s.get(id)));
  return Result.isSuccess(got) ? got.success : undefined;
};

/**
 * The key that seals single sign-on transactions (ten minutes): `IPO_SESSION_SECRET` (at least 32 bytes; the same on
 * every instance behind a balancer), else one made at random for this process.
 */
const transactionKey = (ctx: AreaContext): string => {
  const given = process.env.IPO_SESSION_SECRET;
  if (given !== undefined && Buffer.byteLength(given) >= 32) return given;
  ctx.logger.warn(
    "IPO_SESSION_SECRET is not set (at least 32 bytes): single sign-on transactions are sealed with a key of this process, so a sign-in started on another instance or before a restart must start again",
  );
  return randomBytes(32).toString("base64url");
};

/** Single sign-on through the office's identity provider, when `auth.oidc` is configured (src/auth/oidc.ts). */
const singleSignOn = (ctx: AreaContext) => {
  const settings = ctx.config.auth?.oidc;
  if (settings === undefined) return undefined;
  const client = makeOidcClient(settings);
  const routes = oidcRoutes({
    client,
    key: transactionKey(ctx),
    ...(process.env.IPO_PUBLIC_URL
      ? { redirectUri: `${process.env.IPO_PUBLIC_URL.replace(/\/$/, "")}/sign-in/oidc/callback` }
      : {}),
    onSignedIn: async (c, identity, returnTo) => {
      const p = pageContext(c, ctx.config);
      const client = { address: clientAddress(c), userAgent: c.req.header("user-agent") };
      const signedInAs = await ctx.run(
        Accounts.use((s) =>
          s.signInExternal(
            {
              issuer: identity.issuer,
              subject: identity.subject,
              username: (identity.emailVerified ? identity.email : undefined) ?? identity.subject,
              displayName: identity.name ?? identity.email ?? identity.subject,
              roles: identity.roles,
            },
            client,
          ),
        ),
      );
      if (Result.isFailure(signedInAs)) {
        ctx.logger.info({ subject: identity.subject, failure: signedInAs.failure._tag }, "single sign-on refused");
        return c.html(
          signInPage(p, { failed: true, oidc: signInLabel(settings, p.lang, ctx.config.office.defaultLanguage) }),
          403,
        );
      }
      setSessionCookie(c, signedInAs.success, Boolean(ctx.config.http?.trustProxy));
      ctx.logger.info(
        { account: signedInAs.success.account.id, address: client.address },
        "signed in (single sign-on)",
      );
      return c.redirect(safeNext(returnTo) ?? href(p, "/office"), 303);
    },
    onFailed: (c, failure) => {
      const p = pageContext(c, ctx.config);
      ctx.logger.info({ reason: failure.reason, issuer: failure.issuer }, "single sign-on failed");
      void auditRequest(ctx, c, {
        action: "sign-in",
        outcome: "refused",
        details: { via: "oidc", reason: failure.reason },
      });
      const status = failure.reason === "discovery-failed" || failure.reason === "misconfigured" ? 503 : 403;
      return c.html(
        signInPage(p, { failed: true, oidc: signInLabel(settings, p.lang, ctx.config.office.defaultLanguage) }),
        status,
      );
    },
  });
  return { routes, label: (lang: string) => signInLabel(settings, lang, ctx.config.office.defaultLanguage) };
};

export const authPages = (ctx: AreaContext) => {
  const app = new Hono();
  const sso = singleSignOn(ctx);
  const options = { oidcLabel: sso?.label };
  if (sso !== undefined) app.route("/", sso.routes);

  app.get("/sign-in", (c) => {
    const p = pageContext(c, ctx.config);
    const next = safeNext(c.req.query("next"));
    return c.html(signInPage(p, { next, oidc: options.oidcLabel?.(p.lang) }));
  });

  app.post("/sign-in", formLimit, async (c) => {
    const p = pageContext(c, ctx.config);
    const form = await readForm(c);
    const next = safeNext(form.next);
    const client = { address: clientAddress(c), userAgent: c.req.header("user-agent") };
    const result = await ctx.run(
      Accounts.use((s) => s.signIn(field(form, "username"), field(form, "password"), client)),
    );
    if (Result.isFailure(result)) {
      const e = result.failure;
      if (e._tag !== "SignInRefused") {
        ctx.logger.error({ err: e }, "sign-in failed: database");
        return c.text("The office cannot sign you in right now; try again shortly.", 503);
      }
      ctx.logger.info({ reason: e.reason, address: client.address }, "sign-in refused");
      await auditRequest(ctx, c, {
        action: "sign-in",
        outcome: "refused",
        target: field(form, "username").slice(0, 100).replaceAll("\u0000", "") || null,
        details: { reason: e.reason },
      });
      return c.html(signInPage(p, { next, failed: true, oidc: options.oidcLabel?.(p.lang) }), 401);
    }
    // A cookie the browser already had names a session that ends now (no fixation, no orphan).
    const previous = getCookie(c, SECURE_SESSION_COOKIE) ?? getCookie(c, SESSION_COOKIE);
    if (previous !== undefined) await ctx.run(Accounts.use((s) => s.signOut(previous)));
    setSessionCookie(c, result.success, Boolean(ctx.config.http?.trustProxy));
    ctx.logger.info({ account: result.success.account.id, address: client.address }, "signed in");
    await auditRequest(ctx, c, {
      action: "sign-in",
      outcome: "ok",
      actor: result.success.principal,
      target: result.success.account.username,
    });
    const home = result.success.principal.permissions.has("register.read") ? "/office" : "/account";
    return c.redirect(next ?? href(p, home), 303);
  });

  app.post("/sign-out", formLimit, async (c) => {
    const p = pageContext(c, ctx.config);
    const principal = principalOf(c);
    const form = await readForm(c);
    const cookie = getCookie(c, SECURE_SESSION_COOKIE) ?? getCookie(c, SESSION_COOKIE);
    if (principal?.kind === "account" && form.everywhere === "1")
      await ctx.run(Accounts.use((s) => s.endSessions(principal.id)));
    else if (cookie !== undefined) await ctx.run(Accounts.use((s) => s.signOut(cookie)));
    if (principal !== undefined)
      await auditRequest(ctx, c, {
        action: form.everywhere === "1" ? "sign-out-everywhere" : "sign-out",
        outcome: "ok",
      });
    clearSessionCookie(c);
    return c.redirect(href(p, "/records"), 303);
  });

  app.get("/account", async (c) => {
    const p = pageContext(c, ctx.config);
    const principal = principalOf(c);
    const account = principal?.kind === "account" ? await accountOf(ctx, principal.id) : undefined;
    return c.html(accountPage(p, account));
  });

  app.post("/account/password", formLimit, async (c) => {
    const p = pageContext(c, ctx.config);
    const principal = principalOf(c);
    if (principal?.kind !== "account") return c.redirect(href(p, "/account"), 303);
    const form = await readForm(c);
    const client = { address: clientAddress(c), userAgent: c.req.header("user-agent") };
    const changed = await ctx.run(
      Accounts.use((s) => s.changeOwnPassword(principal.id, field(form, "current"), field(form, "new"), client)),
    );
    const account = await accountOf(ctx, principal.id);
    if (Result.isFailure(changed)) {
      const e = changed.failure;
      const text =
        e._tag === "SignInRefused"
          ? a(p, "account.wrong")
          : e._tag === "AccountInvalid"
            ? e.message
            : a(p, "admin.notFound");
      return c.html(accountPage(p, account, { kind: "failed", text }), e._tag === "DatabaseError" ? 503 : 400);
    }
    setSessionCookie(c, changed.success, Boolean(ctx.config.http?.trustProxy));
    await auditRequest(ctx, c, { action: "account.password", outcome: "ok", target: principal.id });
    const fresh = pageContext(c, ctx.config);
    return c.html(
      accountPage({ ...fresh, principal: changed.success.principal }, account, {
        kind: "done",
        text: a(p, "account.changed"),
      }),
    );
  });

  return app;
};

export const authArea: Area = {
  name: "auth",
  pages: (ctx) => authPages(ctx),
  pageRoutes: [
    // Served when the office configures single sign-on (`auth.oidc`).
    { method: "get", path: "/sign-in/oidc", access: publicAccess, summary: "Sign in with the identity provider" },
    { method: "get", path: "/sign-in/oidc/callback", access: publicAccess, summary: "Back from the identity provider" },
    { method: "get", path: "/sign-in", access: publicAccess, summary: "Sign-in form" },
    { method: "post", path: "/sign-in", access: publicAccess, summary: "Sign in" },
    { method: "post", path: "/sign-out", access: publicAccess, summary: "Sign out (here, or everywhere)" },
    { method: "get", path: "/account", access: signedIn, summary: "Your account" },
    { method: "post", path: "/account/password", access: signedIn, summary: "Change your password" },
  ],
};
