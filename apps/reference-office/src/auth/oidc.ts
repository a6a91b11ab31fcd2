/**
 * Single sign-on with OpenID Connect (decision 0650): the authorization code flow with PKCE (S256), `state` and
 * `nonce`, on `openid-client`. The library discovers the provider, exchanges the code and validates the ID token
 * (issuer, audience, expiry, signature against the provider's JWKS, nonce); this module adds the office's rules:
 * groups → roles, allowed groups, local-only `returnTo`, and one typed failure (`OidcFailed`) with a `reason`.
 *
 * Plain async functions returning `Result`, no HTTP framework: `oidcRoutes.ts` mounts them on Hono. Nothing here logs,
 * and no failure carries a token, a code or the client secret.
 *
 * ```ts
 * const client = makeOidcClient(config.auth.oidc);
 * const begun = await beginSignIn(client, { redirectUri: "https://office.example/sign-in/oidc/callback", returnTo: "/office" });
 * // redirect to begun.success.url; keep sealTransaction(begun.success.transaction, key) in a cookie
 * const identity = await completeSignIn(client, { callbackUrl: request.url, transaction });
 * // identity.success: { issuer, subject, email, name, groups, roles } — or identity.failure.reason
 * ```
 */
import { timingSafeEqual } from "node:crypto";
import { Result } from "effect";
import * as oidc from "openid-client";
import type { OidcSettings } from "./OidcConfig.js";
import { capText, OidcFailed } from "./OidcFailed.js";
import { checkReturnTo, type OidcTransaction } from "./OidcTransaction.js";

export type { OidcSettings } from "./OidcConfig.js";
export { defaultScopes, OidcSettings as OidcSettingsSchema, signInLabel } from "./OidcConfig.js";
export { capText, OidcFailed, type OidcFailureReason } from "./OidcFailed.js";
export {
  checkReturnTo,
  type OidcTransaction,
  openTransaction,
  sealTransaction,
  type TransactionKey,
  transactionLifetimeMs,
} from "./OidcTransaction.js";

/** A fetch the client makes every request with (discovery, JWKS, token, userinfo); the global one by default. */
export type OidcFetch = oidc.CustomFetch;

export interface OidcClientOptions {
  /** Used for every request to the provider; default `globalThis.fetch`. */
  readonly fetch?: OidcFetch;
  /** The clock of transactions (when a sign-in started); ID token times are checked by the library. */
  readonly now?: () => Date;
  /** The client secret; default: the environment variable named by `clientSecretEnv`, read at discovery. */
  readonly clientSecret?: string;
  /** Timeout of each request to the provider, in seconds (default 10). */
  readonly timeoutSeconds?: number;
}

export interface OidcClient {
  readonly settings: OidcSettings;
  readonly now: () => Date;
  /**
   * The provider's configuration, discovered at the first call and kept; a failure is not kept, so the next call
   * tries again. Concurrent first calls share one request.
   */
  readonly discover: () => Promise<Result.Result<oidc.Configuration, OidcFailed>>;
}

/** Who signed in, as the provider says and the office maps it. Accounts are keyed by (issuer, subject). */
export interface OidcIdentity {
  readonly issuer: string;
  readonly subject: string;
  /** As the provider sends it; check `emailVerified` before trusting it to link an existing account. */
  readonly email?: string;
  readonly emailVerified?: boolean;
  readonly name?: string;
  /** The person's groups from the groups claim (ID token, else the userinfo endpoint). */
  readonly groups: ReadonlyArray<string>;
  /** The office roles the groups map to (`roleMapping`), each once, never empty. */
  readonly roles: ReadonlyArray<string>;
}

export interface SignInStart {
  /** The provider's authorization URL to redirect the browser to. */
  readonly url: URL;
  /** What must be kept until the callback (seal it into a cookie with `sealTransaction`). */
  readonly transaction: OidcTransaction;
}

const describeCause = (error: unknown): string => {
  if (!(error instanceof Error)) return "unknown error";
  const cause = error.cause;
  const code =
    cause instanceof Error && "code" in cause && typeof cause.code === "string"
      ? cause.code
      : "code" in error && typeof error.code === "string" && !error.code.startsWith("OAUTH_")
        ? error.code
        : undefined;
  const causeMessage = cause instanceof Error && cause.message !== error.message ? `: ${cause.message}` : "";
  return capText(`${error.message}${causeMessage}${code ? ` (${code})` : ""}`, 300) ?? "unknown error";
};

/**
 * A client for the office's provider. Nothing is fetched yet: the provider is discovered at the first sign-in (or
 * at `client.discover()`, e.g. to log at start whether it answers), and a provider that is down does not stop the app.
 */
export const makeOidcClient = (settings: OidcSettings, options: OidcClientOptions = {}): OidcClient => {
  const now = options.now ?? (() => new Date());
  const timeout = options.timeoutSeconds ?? 10;
  let configuration: oidc.Configuration | undefined;
  let inFlight: Promise<Result.Result<oidc.Configuration, OidcFailed>> | undefined;

  const attempt = async (): Promise<Result.Result<oidc.Configuration, OidcFailed>> => {
    const secret = options.clientSecret ?? process.env[settings.clientSecretEnv];
    if (secret === undefined || secret === "") {
      return Result.fail(
        new OidcFailed({
          reason: "misconfigured",
          detail: `the environment variable ${settings.clientSecretEnv} (auth.oidc.clientSecretEnv) holding the client secret is not set`,
          issuer: settings.issuer,
        }),
      );
    }
    const issuer = new URL(settings.issuer);
    const auth =
      settings.tokenEndpointAuthMethod === "client_secret_post"
        ? oidc.ClientSecretPost(secret)
        : oidc.ClientSecretBasic(secret);
    const fetchImpl = options.fetch;
    try {
      const found = await oidc.discovery(issuer, settings.clientId, undefined, auth, {
        timeout,
        execute: [
          // openid-client trusts an ID token from the token endpoint on the strength of TLS alone (OpenID Connect
          // Core 3.1.3.7 allows it); the office also verifies its signature against the provider's JWKS.
          oidc.enableNonRepudiationChecks,
          // Plain http is accepted by the configuration schema only for a provider on the loopback (development).
          ...(issuer.protocol === "http:" ? [oidc.allowInsecureRequests] : []),
        ],
        ...(fetchImpl ? { [oidc.customFetch]: fetchImpl } : {}),
      });
      configuration = found;
      return Result.succeed(found);
    } catch (error) {
      return Result.fail(
        new OidcFailed({
          reason: "discovery-failed",
          detail: `cannot read the OpenID Connect discovery document of ${settings.issuer}: ${describeCause(error)}`,
          issuer: settings.issuer,
        }),
      );
    }
  };

  const discover = (): Promise<Result.Result<oidc.Configuration, OidcFailed>> => {
    if (configuration !== undefined) return Promise.resolve(Result.succeed(configuration));
    if (inFlight === undefined) {
      inFlight = attempt().finally(() => {
        inFlight = undefined;
      });
    }
    return inFlight;
  };

  return { settings, now, discover };
};

/**
 * Starts a sign-in: a fresh `state`, `nonce` and PKCE verifier, and the provider's authorization URL. Fails with
 * `return-to-invalid` (not a local path), `discovery-failed` or `misconfigured`.
 */
export const beginSignIn = async (
  client: OidcClient,
  params: { readonly redirectUri: string; readonly returnTo: string },
): Promise<Result.Result<SignInStart, OidcFailed>> => {
  const returnTo = checkReturnTo(params.returnTo);
  if (Result.isFailure(returnTo)) return Result.fail(returnTo.failure);
  let redirectUri: URL;
  try {
    redirectUri = new URL(params.redirectUri);
  } catch {
    return Result.fail(new OidcFailed({ reason: "misconfigured", detail: "the redirect URI is not an absolute URL" }));
  }
  if (redirectUri.search !== "" || redirectUri.hash !== "") {
    return Result.fail(
      new OidcFailed({ reason: "misconfigured", detail: "the redirect URI must not have a query or a fragment" }),
    );
  }
  const discovered = await client.discover();
  if (Result.isFailure(discovered)) return Result.fail(discovered.failure);
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(discovered.success, {
    redirect_uri: redirectUri.href,
    scope: client.settings.scopes.join(" "),
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  return Result.succeed({
    url,
    transaction: {
      state,
      nonce,
      codeVerifier,
      returnTo: returnTo.success,
      redirectUri: redirectUri.href,
      createdAt: client.now().getTime(),
    },
  });
};

const sameText = (a: string, b: string): boolean => {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
};

/** A claim by its exact name, else by a dotted path (`realm_access.roles`). */
const claimAt = (claims: Readonly<Record<string, unknown>>, name: string): unknown => {
  if (Object.hasOwn(claims, name)) return claims[name];
  let here: unknown = claims;
  for (const part of name.split(".")) {
    if (typeof here !== "object" || here === null || Array.isArray(here) || !Object.hasOwn(here, part)) {
      return undefined;
    }
    here = (here as Record<string, unknown>)[part];
  }
  return here;
};

/** Groups as a list of strings: an array (non-strings dropped) or a single string; at most 1,000. */
const groupsOf = (value: unknown): string[] => {
  const list = Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
  return [...new Set(list.filter((g): g is string => typeof g === "string" && g !== ""))].slice(0, 1000);
};

const providerError = (issuer: string, error: unknown, description: unknown, where: string): OidcFailed => {
  const code = capText(error, 100) ?? "unknown_error";
  const text = capText(description);
  return new OidcFailed({
    reason: "provider-error",
    detail: `the provider refused the sign-in ${where}: ${code}${text ? ` (${text})` : ""}`,
    issuer,
    error: code,
    ...(text ? { errorDescription: text } : {}),
  });
};

const isUnreachable = (error: unknown): boolean =>
  (error instanceof TypeError && error.message === "fetch failed") ||
  (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError"));

/** Turns what the library threw at the token or userinfo step into the failure it means. */
const classify = (issuer: string, error: unknown, where: string): OidcFailed => {
  if (error instanceof oidc.AuthorizationResponseError) {
    return providerError(issuer, error.error, error.error_description, "at the callback");
  }
  if (error instanceof oidc.ResponseBodyError) {
    return providerError(issuer, error.error, error.error_description, where);
  }
  if (error instanceof oidc.WWWAuthenticateChallengeError) {
    const challenge = error.cause[0];
    return providerError(issuer, challenge?.parameters.error, challenge?.parameters.error_description, where);
  }
  if (isUnreachable(error)) {
    return new OidcFailed({
      reason: "provider-error",
      detail: `the provider did not answer ${where}: ${describeCause(error)}`,
      issuer,
      error: "unreachable",
    });
  }
  return new OidcFailed({
    reason: "token-invalid",
    detail: `the provider's answer ${where} failed validation: ${describeCause(error)}`,
    issuer,
  });
};

/**
 * Completes a sign-in at the callback: checks `state` against the transaction, takes the provider's error if it sent
 * one, exchanges the code (with the PKCE verifier) and has the library validate the ID token (issuer, audience,
 * expiry, signature, nonce), reads the groups (ID token, else userinfo), then applies `allowedGroups` and
 * `roleMapping`. The transaction must already be opened (and so be unexpired); the caller discards it after this call
 * whatever the outcome.
 */
export const completeSignIn = async (
  client: OidcClient,
  params: { readonly callbackUrl: string | URL; readonly transaction: OidcTransaction },
): Promise<Result.Result<OidcIdentity, OidcFailed>> => {
  const { settings } = client;
  const { transaction } = params;
  const discovered = await client.discover();
  if (Result.isFailure(discovered)) return Result.fail(discovered.failure);
  const configuration = discovered.success;
  const issuer = configuration.serverMetadata().issuer;

  let callback: URL;
  try {
    callback = new URL(params.callbackUrl);
  } catch {
    return Result.fail(new OidcFailed({ reason: "state-mismatch", detail: "the callback URL is not a URL", issuer }));
  }
  const state = callback.searchParams.get("state");
  if (state === null || !sameText(state, transaction.state)) {
    return Result.fail(
      new OidcFailed({
        reason: "state-mismatch",
        detail:
          state === null
            ? "the provider's answer carries no state"
            : "the provider's answer is for another sign-in (state does not match this browser's)",
        issuer,
      }),
    );
  }
  const errorParam = callback.searchParams.get("error");
  if (errorParam !== null) {
    return Result.fail(
      providerError(issuer, errorParam, callback.searchParams.get("error_description"), "at the callback"),
    );
  }
  if (!callback.searchParams.has("code")) {
    return Result.fail(
      new OidcFailed({
        reason: "provider-error",
        detail: "the provider's answer carries neither a code nor an error",
        issuer,
        error: "invalid_response",
      }),
    );
  }
  // The token request must repeat the redirect URI of the authorization request exactly (not the URL this request
  // reached the app by, which a proxy may have rewritten): the answer's parameters on the transaction's redirect URI.
  const current = new URL(transaction.redirectUri);
  for (const [name, value] of callback.searchParams) current.searchParams.append(name, value);

  let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
  try {
    tokens = await oidc.authorizationCodeGrant(configuration, current, {
      pkceCodeVerifier: transaction.codeVerifier,
      expectedState: transaction.state,
      expectedNonce: transaction.nonce,
      idTokenExpected: true,
    });
  } catch (error) {
    return Result.fail(classify(issuer, error, "at its token endpoint"));
  }
  const idClaims = tokens.claims();
  if (idClaims === undefined) {
    return Result.fail(new OidcFailed({ reason: "token-invalid", detail: "the provider sent no ID token", issuer }));
  }
  const subject = idClaims.sub;
  let claims: Record<string, unknown> = { ...idClaims };
  const userinfoEndpoint = configuration.serverMetadata().userinfo_endpoint;
  if (claimAt(claims, settings.groupsClaim) === undefined && userinfoEndpoint !== undefined) {
    try {
      const userinfo = await oidc.fetchUserInfo(configuration, tokens.access_token, subject);
      claims = { ...userinfo, ...idClaims };
      if (claimAt(idClaims, settings.groupsClaim) === undefined) {
        const fromUserinfo = claimAt(userinfo, settings.groupsClaim);
        if (fromUserinfo !== undefined) claims[settings.groupsClaim] = fromUserinfo;
      }
    } catch (error) {
      return Result.fail(classify(issuer, error, "at its userinfo endpoint"));
    }
  }

  const groups = groupsOf(claimAt(claims, settings.groupsClaim));
  const allowed = settings.allowedGroups;
  if (allowed !== undefined && !groups.some((g) => allowed.includes(g))) {
    return Result.fail(
      new OidcFailed({
        reason: "not-allowed",
        detail: `${subject} is in none of the groups allowed to sign in (auth.oidc.allowedGroups)`,
        issuer,
        subject,
        groups,
      }),
    );
  }
  const roles: string[] = [];
  for (const group of groups) {
    const mapped = Object.hasOwn(settings.roleMapping, group) ? settings.roleMapping[group] : undefined;
    for (const role of mapped ?? []) if (!roles.includes(role)) roles.push(role);
  }
  if (roles.length === 0) {
    return Result.fail(
      new OidcFailed({
        reason: "no-role",
        detail: `${subject} signed in at the provider, but none of their groups maps to an office role (auth.oidc.roleMapping)`,
        issuer,
        subject,
        groups,
      }),
    );
  }
  const email = typeof claims["email"] === "string" ? capText(claims["email"], 320) : undefined;
  const name = typeof claims["name"] === "string" ? capText(claims["name"], 300) : undefined;
  const emailVerified = typeof claims["email_verified"] === "boolean" ? claims["email_verified"] : undefined;
  return Result.succeed({
    issuer,
    subject,
    ...(email ? { email } : {}),
    ...(emailVerified !== undefined ? { emailVerified } : {}),
    ...(name ? { name } : {}),
    groups,
    roles,
  });
};
