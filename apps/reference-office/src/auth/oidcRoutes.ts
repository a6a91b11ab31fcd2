/**
 * The two HTTP steps of single sign-on on Hono; what happens after (finding or creating the account, starting the
 * session, showing an error) is the caller's, through `onSignedIn` and `onFailed`.
 *
 * - `GET /sign-in/oidc?returnTo=/office` seals a new transaction into the cookie `ipo_oidc` (`HttpOnly; SameSite=Lax;
 *   Path=/sign-in/oidc`, `Secure` over https, ten minutes) and redirects (302) to the provider.
 * - `GET /sign-in/oidc/callback` opens the cookie, completes the sign-in, clears the cookie whatever the outcome and
 *   answers with `onSignedIn(c, identity, returnTo)` or `onFailed(c, failure)`.
 *
 * ```ts
 * app.route("/", oidcRoutes({ client, key: process.env.IPO_SESSION_SECRET, onSignedIn, onFailed }));
 * ```
 */
import { type Context, type Env, Hono } from "hono";
import { getCookie } from "hono/cookie";
import { Result } from "effect";
import { beginSignIn, completeSignIn, type OidcClient, type OidcIdentity } from "./oidc.js";
import type { OidcFailed } from "./OidcFailed.js";
import {
  assertTransactionKey,
  openTransaction,
  sealTransaction,
  type TransactionKey,
  transactionLifetimeMs,
} from "./OidcTransaction.js";

export const signInPath = "/sign-in/oidc";
export const callbackPath = "/sign-in/oidc/callback";
export const transactionCookie = "ipo_oidc";

export interface OidcRoutesOptions<E extends Env = Env> {
  readonly client: OidcClient;
  /** The secret transactions are sealed with (at least 32 bytes), e.g. the office's session secret. */
  readonly key: TransactionKey;
  /**
   * The callback URL registered at the provider, e.g. `https://office.example.gov/sign-in/oidc/callback`. Give it
   * behind a proxy; by default it is this request's origin followed by `/sign-in/oidc/callback`.
   */
  readonly redirectUri?: string;
  /** Signed in with at least one role: find or create the account, start the session, redirect to `returnTo`. */
  readonly onSignedIn: (c: Context<E>, identity: OidcIdentity, returnTo: string) => Response | Promise<Response>;
  /** Refused (see `failure.reason`): show the person what to do. */
  readonly onFailed: (c: Context<E>, failure: OidcFailed) => Response | Promise<Response>;
}

const cookieHeader = (value: string, maxAgeSeconds: number, secure: boolean): string =>
  `${transactionCookie}=${value}; Max-Age=${maxAgeSeconds}; Path=${signInPath}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;

/** The response with extra headers (a handler may return a Response whose headers cannot be changed). */
const withHeaders = (response: Response, headers: ReadonlyArray<readonly [string, string]>): Response => {
  const out = new Response(response.body, response);
  for (const [name, value] of headers) {
    if (name === "set-cookie") out.headers.append(name, value);
    else out.headers.set(name, value);
  }
  return out;
};

/** A Hono sub-app with the two sign-in routes; mount it at the root (`app.route("/", oidcRoutes(…))`). */
export const oidcRoutes = <E extends Env = Env>(options: OidcRoutesOptions<E>): Hono<E> => {
  assertTransactionKey(options.key);
  const { client, key } = options;
  const app = new Hono<E>();
  const redirectUriFor = (c: Context<E>) => options.redirectUri ?? new URL(callbackPath, c.req.url).href;
  const isSecure = (c: Context<E>) =>
    new URL(c.req.url).protocol === "https:" || redirectUriFor(c).startsWith("https:");

  app.get(signInPath, async (c) => {
    const begun = await beginSignIn(client, {
      redirectUri: redirectUriFor(c),
      returnTo: c.req.query("returnTo") ?? "/",
    });
    if (Result.isFailure(begun)) {
      return withHeaders(await options.onFailed(c, begun.failure), [["cache-control", "no-store"]]);
    }
    const sealed = sealTransaction(begun.success.transaction, key);
    return new Response(null, {
      status: 302,
      headers: {
        location: begun.success.url.href,
        "set-cookie": cookieHeader(sealed, transactionLifetimeMs / 1000, isSecure(c)),
        "cache-control": "no-store",
      },
    });
  });

  app.get(callbackPath, async (c) => {
    const after: ReadonlyArray<readonly [string, string]> = [
      ["set-cookie", cookieHeader("", 0, isSecure(c))],
      ["cache-control", "no-store"],
      // The callback URL carries the authorization code: never send it on as a referrer.
      ["referrer-policy", "no-referrer"],
    ];
    const opened = openTransaction(getCookie(c, transactionCookie), key, client.now());
    if (Result.isFailure(opened)) return withHeaders(await options.onFailed(c, opened.failure), after);
    const completed = await completeSignIn(client, { callbackUrl: c.req.url, transaction: opened.success });
    if (Result.isFailure(completed)) return withHeaders(await options.onFailed(c, completed.failure), after);
    return withHeaders(await options.onSignedIn(c, completed.success, opened.success.returnTo), after);
  });

  return app;
};
