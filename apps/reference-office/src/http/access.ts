/**
 * Who may call what. Every route declares its access where it is defined (an API operation in its `OperationSpec`, a
 * page in its area's `pages` declarations): public, a permission of the office's matrix, or the payment gateway's
 * signature. One middleware resolves the caller (session cookie or API token), enforces the declared access and the
 * CSRF rule, and the app refuses to start with a route that declares nothing (`checkDeclared`).
 *
 * Identity never comes from a header or field the caller chooses: it is the signed-in account or the token.
 */
import type { Effect } from "effect";
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie } from "hono/cookie";
import type { Accounts, AccountsShape, Principal } from "../auth/Accounts.js";
import type { Permission } from "../auth/permissions.js";
import type { FilerPrincipal } from "../efiling/Filers.js";
import type { Logger } from "../Logger.js";
import { problem, sendProblem } from "./problem.js";
import { isCrossSite } from "./request.js";

export type Access =
  /** Anyone, signed in or not (reads still pass the publication rule). */
  | { readonly public: true }
  /** Any signed-in account or token of the office (its own account page, signing out). */
  | { readonly signedIn: true }
  /** A signed-in account or token of the office holding this permission. */
  | { readonly permission: Permission }
  /** The payment gateway, proven by the signature the handler checks. */
  | { readonly signature: "payment-gateway" }
  /**
   * A signed-in applicant or agent account of the e-filing portal (its own session, never a staff account's):
   * `any` of them, or only an `agent` (decision 0602).
   */
  | { readonly filer: "any" | "agent" };

export const publicAccess: Access = { public: true };
export const needs = (permission: Permission): Access => ({ permission });
export const signedIn: Access = { signedIn: true };
export const gatewaySignature: Access = { signature: "payment-gateway" };
export const filerAccess: Access = { filer: "any" };
export const agentAccess: Access = { filer: "agent" };

export type Method = "get" | "post" | "put" | "patch" | "delete";

/** A route as declared: method, path template (`/records/{number}`, parameters in braces) and access. */
export interface RouteAccess {
  readonly method: Method;
  readonly path: string;
  readonly access: Access;
  /** What it is, for the matrix test and the documentation. */
  readonly summary?: string;
  /**
   * A public route that acts for the signed-in filer when there is one (the filing form files for the account): an
   * unsafe request made with the filer's session cookie carries that session's CSRF token.
   */
  readonly actsForFiler?: true;
}

/** The session cookie. `__Host-` (Secure, Path=/, no Domain) over HTTPS; a plain name on loopback development. */
export const SESSION_COOKIE = "ipo_session";
export const SECURE_SESSION_COOKIE = "__Host-ipo_session";

/** The e-filing portal's session cookie (applicant and agent accounts), apart from the staff accounts' one. */
export const FILER_COOKIE = "ipo_filer";
export const SECURE_FILER_COOKIE = "__Host-ipo_filer";

const ACCESS_KEY = "ipo.principal";
const FILER_KEY = "ipo.filer";

/** The signed-in applicant or agent account of this request, if any. */
export const filerOf = (c: Context): FilerPrincipal | undefined =>
  c.get(FILER_KEY as never) as FilerPrincipal | undefined;

/** The signed-in applicant or agent of a route that declares `filer` access. */
export const requireFiler = (c: Context): FilerPrincipal => {
  const f = filerOf(c);
  // The access middleware answers before a filer route runs without a filer; reaching here is a programming error.
  if (f === undefined) throw new Error(`route ${c.req.method} ${c.req.path} needs a signed-in filer`);
  return f;
};

/** The caller of this request, if signed in (or holding a token). */
export const principalOf = (c: Context): Principal | undefined => c.get(ACCESS_KEY as never) as Principal | undefined;

/** Whether the request came over HTTPS (directly, or through a proxy the office trusts). */
export const isHttps = (c: Context, trustProxy: boolean): boolean =>
  new URL(c.req.url).protocol === "https:" || (trustProxy && c.req.header("x-forwarded-proto") === "https");

interface Compiled {
  readonly route: RouteAccess;
  readonly pattern: RegExp;
  readonly staticSegments: number;
}

const compile = (route: RouteAccess): Compiled => {
  const segments = route.path.split("/").filter((s) => s !== "");
  const pattern = new RegExp(
    `^/${segments
      .map((s) => (/^\{[^}]+\}$/.test(s) ? "[^/]+" : s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
      .join("/")}/?$`,
  );
  return { route, pattern, staticSegments: segments.filter((s) => !s.startsWith("{")).length };
};

/** Matches requests to declared routes: the most specific (most fixed segments) wins. */
export const routeTable = (routes: ReadonlyArray<RouteAccess>) => {
  const compiled = routes.map(compile).sort((a, b) => b.staticSegments - a.staticSegments);
  return (method: string, path: string): RouteAccess | undefined => {
    const m = method.toLowerCase() === "head" ? "get" : method.toLowerCase();
    return compiled.find((c) => c.route.method === m && c.pattern.test(path))?.route;
  };
};

/** A Hono route path (`/records/:number`, `/x/:file{regex}`) as a template with anonymous parameters (`/records/{}`). */
const shapeOfHono = (path: string): string =>
  path.replace(/:[A-Za-z0-9_]+(\{(?:[^{}]|\{[^{}]*\})*\})?\??/g, "{}").replace(/\/$/, "") || "/";
const shapeOfTemplate = (path: string): string => path.replace(/\{[^}]+\}/g, "{}").replace(/\/$/, "") || "/";

/**
 * The routes the app serves that declare no access: the app refuses to start with any (the list names them).
 * `served` is Hono's route list (`app.routes`); middleware entries (method ALL) are skipped.
 */
export const undeclared = (
  served: ReadonlyArray<{ readonly method: string; readonly path: string }>,
  declared: ReadonlyArray<RouteAccess>,
): ReadonlyArray<string> => {
  const known = new Set(declared.map((d) => `${d.method} ${shapeOfTemplate(d.path)}`));
  const out = new Set<string>();
  for (const r of served) {
    if (r.method === "ALL") continue;
    const key = `${r.method.toLowerCase()} ${shapeOfHono(r.path)}`;
    if (!known.has(key)) out.add(`${r.method} ${r.path}`);
  }
  return [...out];
};

export interface AccessOptions {
  readonly accounts: AccountsShape;
  readonly routes: ReadonlyArray<RouteAccess>;
  readonly logger: Logger;
  readonly trustProxy?: boolean;
  /** Runs an effect needing the accounts service (the app's runtime). */
  readonly run: <A, E>(effect: Effect.Effect<A, E, Accounts>) => Promise<A>;
  /** The applicant or agent account of an e-filing session cookie (absent: the office has no e-filing portal). */
  readonly filerSession?: (cookie: string) => Promise<FilerPrincipal | undefined>;
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const isApi = (c: Context) => c.req.path.startsWith("/api/");

/** The CSRF token a request carries: the `X-CSRF-Token` header, the `_csrf` query parameter or url-encoded form field. */
const csrfOf = async (c: Context): Promise<string | undefined> => {
  const header = c.req.header("x-csrf-token");
  if (header) return header;
  const query = c.req.query("_csrf");
  if (query) return query;
  if ((c.req.header("content-type") ?? "").startsWith("application/x-www-form-urlencoded")) {
    // Read from a copy: the handler parses the body its own way (the body limit has run before this).
    const field = new URLSearchParams(await c.req.raw.clone().text()).get("_csrf");
    return field ?? undefined;
  }
  return undefined;
};

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] as string,
  );

const refuse = (c: Context, status: 401 | 403, slug: string, title: string, detail: string): Response => {
  if (status === 401 && isApi(c)) c.header("www-authenticate", 'Bearer realm="ipoffice"');
  if (isApi(c) || !(c.req.header("accept") ?? "").includes("text/html"))
    return sendProblem(c, problem(status, slug, title, detail));
  if (status === 401 && c.req.method === "GET") {
    const next = `${c.req.path}${new URL(c.req.url).search}`;
    return c.redirect(`/sign-in?next=${encodeURIComponent(next)}`, 303);
  }
  return c.html(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main data-refused="${slug}"><h1>${title}</h1><p>${escapeHtml(detail)}</p><p><a href="/sign-in">Sign in</a> · <a href="/records">Register</a></p></main></body></html>`,
    status,
  );
};

/** A filer route without a filer session: to the portal's sign-in page (a page), else 401 with a problem. */
const refuseFiler = (c: Context): Response => {
  if (c.req.method === "GET" && !isApi(c) && (c.req.header("accept") ?? "").includes("text/html")) {
    const next = `${c.req.path}${new URL(c.req.url).search}`;
    return c.redirect(`/efiling/sign-in?next=${encodeURIComponent(next)}`, 303);
  }
  return refuse(
    c,
    401,
    "filer-sign-in-required",
    "Sign-in required",
    "Sign in with your applicant or agent account of the e-filing portal.",
  );
};

/**
 * Resolves the caller (a bearer token, else the session cookie), then enforces the declared access of the route.
 * A bearer token that is not valid is refused outright (401), never treated as anonymous.
 */
export const accessControl = (options: AccessOptions): MiddlewareHandler => {
  const find = routeTable(options.routes);
  return async (c, next) => {
    let verdict: Response | "pass";
    try {
      verdict = await decide(c);
    } catch (error) {
      options.logger.error({ err: error, requestId: c.get("requestId" as never) }, "access check failed");
      return sendProblem(
        c,
        problem(
          503,
          "unavailable",
          "Service unavailable",
          "The office cannot check who you are right now; try again shortly.",
        ),
      );
    }
    if (verdict !== "pass") return verdict;
    await next();
    return undefined;
  };
  /** Resolves the caller and answers a refusal, or "pass". */
  async function decide(c: Context): Promise<Response | "pass"> {
    let principal: Principal | undefined;
    let viaCookie = false;
    const authorization = c.req.header("authorization");
    if (authorization !== undefined) {
      const bearer = /^Bearer ([!-~]{1,200})$/.exec(authorization)?.[1];
      principal = bearer === undefined ? undefined : await options.run(options.accounts.tokenPrincipal(bearer));
      if (principal === undefined)
        return refuse(c, 401, "invalid-token", "Invalid token", "The bearer token is unknown, revoked or expired.");
    } else {
      const cookie = getCookie(c, SECURE_SESSION_COOKIE) ?? getCookie(c, SESSION_COOKIE);
      if (cookie !== undefined) {
        principal = await options.run(options.accounts.session(cookie));
        viaCookie = principal !== undefined;
        if (principal === undefined) {
          // Expired or unknown: forget it, so the browser stops sending it.
          deleteCookie(c, SESSION_COOKIE, { path: "/" });
          deleteCookie(c, SECURE_SESSION_COOKIE, { path: "/", secure: true });
        }
      }
    }
    if (principal !== undefined) c.set(ACCESS_KEY as never, principal as never);

    // The e-filing portal's own session: an applicant or agent, never a staff principal (bearer tokens are staff's).
    let filer: FilerPrincipal | undefined;
    if (authorization === undefined && options.filerSession !== undefined) {
      const cookie = getCookie(c, SECURE_FILER_COOKIE) ?? getCookie(c, FILER_COOKIE);
      if (cookie !== undefined) {
        filer = await options.filerSession(cookie);
        if (filer === undefined) {
          deleteCookie(c, FILER_COOKIE, { path: "/" });
          deleteCookie(c, SECURE_FILER_COOKIE, { path: "/", secure: true });
        } else c.set(FILER_KEY as never, filer as never);
      }
    }
    const route = find(c.req.method, c.req.path);
    const forFiler = route !== undefined && ("filer" in route.access || route.actsForFiler === true);

    if (UNSAFE.has(c.req.method)) {
      // Cross-site posts are refused whoever sends them (the origin check), and every post made with a session
      // cookie carries the session's CSRF token (OWASP CSRF Prevention Cheat Sheet: synchronizer token).
      if (authorization === undefined && isCrossSite(c))
        return refuse(c, 403, "cross-site", "Cross-site request refused", "This request was sent from another site.");
      // A filer's request carries the filer session's token; a staff page's, the staff session's.
      const filerActs = forFiler && filer !== undefined;
      if (filerActs && (await csrfOf(c)) !== filer?.csrf)
        return refuse(
          c,
          403,
          "csrf-token",
          "Missing or wrong CSRF token",
          "Reload the page and send the form again; requests made with the session cookie carry its CSRF token.",
        );
      if (!filerActs && viaCookie && principal?.csrf !== undefined && (await csrfOf(c)) !== principal.csrf)
        return refuse(
          c,
          403,
          "csrf-token",
          "Missing or wrong CSRF token",
          "Reload the page and send the form again; requests made with the session cookie carry its CSRF token.",
        );
    }

    if (route === undefined || "public" in route.access || "signature" in route.access) {
      return "pass";
    }
    if ("filer" in route.access) {
      if (filer === undefined) return refuseFiler(c);
      if (route.access.filer === "agent" && filer.kind !== "agent")
        return refuse(
          c,
          403,
          "agent-required",
          "Agents only",
          "This page is for agent accounts, which act for clients.",
        );
      return "pass";
    }
    if (principal === undefined)
      return refuse(
        c,
        401,
        "sign-in-required",
        "Sign-in required",
        "Sign in with an account of the office, or send an API token.",
      );
    if ("signedIn" in route.access) {
      return "pass";
    }
    if (!principal.permissions.has(route.access.permission))
      return refuse(
        c,
        403,
        "permission-required",
        "Not allowed",
        `This needs the permission ${route.access.permission}, which your roles (${principal.roles.join(", ")}) do not give.`,
      );
    return "pass";
  }
};
