/**
 * The frame of every server-rendered page: language and direction, the office's theme, header, navigation and
 * footer. Pages read without JavaScript; the components' script only enhances them.
 */
import { assetUrl, fontFaces } from "../officeAssets.js";
import { I18n, PageStyles, Theme } from "@ipoffice/ui-components";
import type { Context } from "hono";
import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { hasProduct, type OfficeConfig } from "../config/OfficeConfig.js";
import type { Principal } from "../auth/Accounts.js";
import { safeNext } from "../auth/next.js";
import { authText } from "../auth/messages.js";
import type { Permission } from "../auth/permissions.js";
import type { FilerPrincipal } from "../efiling/Filers.js";
import { accountText } from "../efiling/accountMessages.js";
import { filerOf, principalOf } from "../http/access.js";
import { officeText } from "../office/messages.js";
import { pageText } from "./messages.js";

export interface PageContext {
  readonly lang: string;
  readonly dir: "ltr" | "rtl";
  readonly config: OfficeConfig;
  /**
   * The current page in another language, for the language switch: always a path on this site (see {@link localPath}),
   * or the register for a page that does not exist.
   */
  readonly urlFor: (lang: string) => string;
  readonly t: (key: Parameters<typeof pageText>[1], params?: Record<string, string | number>) => string;
  /** The signed-in account or token, if any. */
  readonly principal?: Principal | undefined;
  /** The path of this page with its query, to come back to after signing in. */
  readonly here: string;
  /** The signed-in applicant or agent account of the e-filing portal, if any (never a staff principal). */
  readonly filer?: FilerPrincipal | undefined;
}

/** Whether the page's viewer holds a permission. */
export const can = (p: PageContext, permission: Permission): boolean =>
  p.principal?.permissions.has(permission) ?? false;

/** The hidden field that carries the session's CSRF token in a form (src/http/access.ts). */
export const csrfField = (p: PageContext) =>
  p.principal?.csrf === undefined ? "" : html`<input type="hidden" name="_csrf" value="${p.principal.csrf}">`;

/** A form action URL carrying the CSRF token, for multipart forms whose body the middleware does not read. */
export const withCsrf = (p: PageContext, path: string): string =>
  p.principal?.csrf === undefined
    ? path
    : `${path}${path.includes("?") ? "&" : "?"}_csrf=${encodeURIComponent(p.principal.csrf)}`;

/** The page language: `?lang=` when the office offers it, otherwise the office's default. */
export const pageContext = (c: Context, config: OfficeConfig): PageContext => {
  const asked = c.req.query("lang");
  const lang = asked && config.office.languages.includes(asked) ? asked : config.office.defaultLanguage;
  const url = new URL(c.req.url);
  return {
    lang,
    dir: I18n.dir(lang),
    config,
    urlFor: (other) => {
      const u = new URL(url);
      u.searchParams.set("lang", other);
      return `${localPath(u.pathname)}${u.search}`;
    },
    t: (key, params) => pageText(lang, key, params),
    principal: principalOf(c),
    here: `${url.pathname}${url.search}`,
    filer: filerOf(c),
  };
};

/**
 * A request path made safe to write back into a link: one leading slash. A path starting with `//` (or `/\`, which
 * browsers read alike) is a link to another host: `//evil.example/records` would leave the site.
 */
export const localPath = (pathname: string): string => `/${pathname.replace(/^[/\\]+/, "")}`;

/** The same page context, with the language switch leading to the register (for pages that do not exist). */
export const switchToRegister = (p: PageContext): PageContext => ({
  ...p,
  urlFor: (other) => href({ ...p, lang: other }, "/records"),
  // Nor does the sign-in link carry the page's address back.
  here: "/records",
});

/** A link inside the site keeping the page language. */
export const href = (
  p: PageContext,
  path: string,
  params: Record<string, string | number | undefined> = {},
): string => {
  const u = new URL(path, "http://x");
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") u.searchParams.set(k, String(v));
  u.searchParams.set("lang", p.lang);
  return `${u.pathname}${u.search}`;
};

const themeCss = (config: OfficeConfig): string => (config.theme ? Theme.themeToCss(config.theme) : "");

export const layout = (
  p: PageContext,
  options: {
    title: string;
    current?:
      | "home"
      | "search"
      | "records"
      | "file"
      | "madrid"
      | "office"
      | "payments"
      | "cashier"
      | "admin"
      | "sign-in"
      | "account"
      | "my-filings";
    body: HtmlEscapedString | Promise<HtmlEscapedString>;
    /** Styles of this page only, after the shared ones. */
    styles?: string;
  },
) => {
  const officeName = p.config.office.names[p.lang] ?? p.config.office.names[p.config.office.defaultLanguage] ?? "";
  const otherLangs = p.config.office.languages.filter((l) => l !== p.lang);
  // The office's logo: a file of its assets folder (served by the app), else the address the theme names.
  const logo = p.config.assets?.logo ? assetUrl(p.config.assets.logo) : p.config.theme?.logoUrl;
  return html`<!doctype html>
<html lang="${p.lang}" dir="${p.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · ${officeName}</title>
<style>${raw(fontFaces(p.config.assets))}${raw(PageStyles.pageStyles)}${raw(themeCss(p.config))}${raw(options.styles ?? "")}</style>
<script type="module" src="/assets/components.js"></script>
${p.config.assets?.favicon ? html`<link rel="icon" href="${assetUrl(p.config.assets.favicon)}">` : ""}
</head>
<body>
<a class="ipo-skip-link" href="#main">${p.t("skip")}</a>
<header class="ipo-header"><div class="ipo-header__inner">
<a class="ipo-logo" href="${href(p, "/")}">${logo ? html`<img src="${logo}" alt="">` : ""}<span>${officeName}</span></a>
<nav class="ipo-nav" aria-label="${p.t("nav.main")}">
<a href="${href(p, "/search")}" ${options.current === "records" || options.current === "search" ? raw('aria-current="page"') : ""}>${p.t("nav.records")}</a>
${hasProduct(p.config, "e-filing") ? html`<a href="${href(p, "/file")}" ${options.current === "file" ? raw('aria-current="page"') : ""}>${p.t("nav.file")}</a>` : ""}
${hasProduct(p.config, "madrid") && can(p, "madrid.read") ? html`<a href="${href(p, "/madrid")}" ${options.current === "madrid" ? raw('aria-current="page"') : ""}>${p.t("nav.madrid")}</a>` : ""}
${p.config.fees !== undefined && can(p, "fees.read") ? html`<a href="${href(p, "/payments")}" ${options.current === "payments" ? raw('aria-current="page"') : ""}>${p.t("payments.title")}</a>` : ""}
${p.config.fees !== undefined && can(p, "fees.cashbook") ? html`<a href="${href(p, "/cashier")}" ${options.current === "cashier" ? raw('aria-current="page"') : ""}>${p.t("cashier.title")}</a>` : ""}
${can(p, "register.read") ? html`<a href="${href(p, "/office")}" ${options.current === "office" ? raw('aria-current="page"') : ""}>${officeText(p.lang, "office.title")}</a>` : ""}
${can(p, "accounts.manage") || can(p, "tokens.manage") ? html`<a href="${href(p, "/admin")}" ${options.current === "admin" ? raw('aria-current="page"') : ""}>${authText(p.lang, "admin.title")}</a>` : ""}
${can(p, "audit.read") && !can(p, "accounts.manage") ? html`<a href="${href(p, "/audit")}">${authText(p.lang, "audit.title")}</a>` : ""}
${
  hasProduct(p.config, "e-filing")
    ? p.filer !== undefined
      ? html`<a href="${href(p, "/efiling/filings")}" ${options.current === "my-filings" ? raw('aria-current="page"') : ""}>${accountText(p.lang, "nav.myFilings")}</a>`
      : p.principal === undefined
        ? html`<a href="${href(p, "/efiling/sign-in")}">${accountText(p.lang, "nav.signIn")}</a>`
        : ""
    : ""
}
<a href="/api/v1/docs">${p.t("nav.api")}</a>
${
  p.principal === undefined
    ? html`<a href="${href(p, "/sign-in", { next: safeNext(p.here) })}" ${options.current === "sign-in" ? raw('aria-current="page"') : ""}>${authText(p.lang, "signIn.link")}</a>`
    : html`<a href="${href(p, "/account")}" ${options.current === "account" ? raw('aria-current="page"') : ""}><bdi>${p.principal.name}</bdi></a>`
}
${otherLangs.map((l) => html`<a href="${p.urlFor(l)}" lang="${l}" hreflang="${l}">${languageName(l)}</a>`)}
</nav>
</div></header>
<main id="main" class="ipo-main">
${options.body}
</main>
<footer class="ipo-footer">${p.t("footer", { office: officeName })}</footer>
</body>
</html>`;
};

const languageName = (lang: string): string => {
  try {
    return new Intl.DisplayNames([lang], { type: "language" }).of(lang) ?? lang;
  } catch {
    return lang;
  }
};
