/**
 * Single sign-on against a real OpenID provider (oidc-provider) started here on 127.0.0.1: the whole authorization
 * code flow through its login and consent pages, the library's ID token validation, and the office's rules.
 */
import { Result } from "effect";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OidcSettings } from "../src/auth/OidcConfig.js";
import {
  beginSignIn,
  completeSignIn,
  makeOidcClient,
  type OidcClientOptions,
  type OidcFailed,
  type OidcFetch,
  type OidcIdentity,
  openTransaction,
  sealTransaction,
} from "../src/auth/oidc.js";
import { oidcRoutes } from "../src/auth/oidcRoutes.js";
import {
  CookieJar,
  freePort,
  signInAtProvider,
  startTestProvider,
  type TestProvider,
  testClient,
} from "./support/oidcProvider.js";

const redirectUri = "http://office.test/sign-in/oidc/callback";
const secureRedirectUri = "https://office.test/sign-in/oidc/callback";
const clientSecret = "office-client-secret-for-tests-only";
const otherSecret = "other-client-secret-for-tests-only";
const key = "a transaction key of at least thirty-two bytes";

const accounts = {
  amal: { email: "amal@ipo.example", name: "Amal Al Habsi", groups: ["tm-examiners", "staff"] },
  salim: { email: "salim@ipo.example", name: "Salim Al Said", groups: ["tm-examiners", "ipo-admins", "staff"] },
  visitor: { email: "visitor@example.com", name: "A Visitor", groups: ["visitors", "staff"] },
  contractor: { name: "Contract Examiner", groups: ["tm-examiners"] },
  keycloak: { name: "Realm Roles", realm_access: { roles: ["ipo-admins"] } },
};

const clients = [
  testClient("ipoffice", clientSecret, [redirectUri, secureRedirectUri]),
  testClient("other-app", otherSecret, [redirectUri]),
];

const settingsFor = (issuer: string, extra: Partial<OidcSettings> = {}): OidcSettings => ({
  issuer,
  clientId: "ipoffice",
  clientSecretEnv: "IPO_TEST_OIDC_SECRET",
  tokenEndpointAuthMethod: "client_secret_basic",
  scopes: ["openid", "profile", "email", "groups"],
  groupsClaim: "groups",
  roleMapping: { "tm-examiners": ["examiner"], "ipo-admins": ["office_admin", "examiner"] },
  ...extra,
});

let op: TestProvider;

beforeAll(async () => {
  op = await startTestProvider({ clients, accounts });
});
afterAll(async () => {
  await op?.stop();
});

const clientFor = (extra: Partial<OidcSettings> = {}, options: OidcClientOptions = {}) =>
  makeOidcClient(settingsFor(op.issuer, extra), { clientSecret, ...options });

/** Starts a sign-in, goes through the provider's pages as `login`, and returns the callback URL and transaction. */
const throughProvider = async (client: ReturnType<typeof clientFor>, login: string) => {
  const begun = Result.getOrThrow(await beginSignIn(client, { redirectUri, returnTo: "/office/queue?kind=tm" }));
  const callbackUrl = await signInAtProvider(begun.url.href, login, redirectUri);
  return { begun, callbackUrl, transaction: begun.transaction };
};

const failureOf = <A>(result: Result.Result<A, OidcFailed>): OidcFailed => {
  if (Result.isSuccess(result)) throw new Error(`expected a failure, got ${JSON.stringify(result.success)}`);
  return result.failure;
};

describe("single sign-on against a real OpenID provider", () => {
  it("signs in with PKCE, state and nonce and maps the groups to office roles", async () => {
    const client = clientFor();
    const { begun, callbackUrl, transaction } = await throughProvider(client, "amal");
    const sent = begun.url.searchParams;
    expect(sent.get("code_challenge_method")).toBe("S256");
    expect(sent.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sent.get("code_challenge")).not.toBe(transaction.codeVerifier);
    expect(sent.get("state")).toBe(transaction.state);
    expect(sent.get("nonce")).toBe(transaction.nonce);
    expect(sent.get("scope")).toBe("openid profile email groups");
    expect(sent.get("client_id")).toBe("ipoffice");
    expect(transaction.returnTo).toBe("/office/queue?kind=tm");

    const identity = Result.getOrThrow(await completeSignIn(client, { callbackUrl, transaction }));
    expect(identity).toEqual({
      issuer: op.issuer,
      subject: "amal",
      email: "amal@ipo.example",
      emailVerified: true,
      name: "Amal Al Habsi",
      groups: ["tm-examiners", "staff"],
      roles: ["examiner"],
    });
  });

  it("gives the union of the roles of every mapped group, each once", async () => {
    const client = clientFor();
    const { callbackUrl, transaction } = await throughProvider(client, "salim");
    const identity = Result.getOrThrow(await completeSignIn(client, { callbackUrl, transaction }));
    expect(identity.roles).toEqual(["examiner", "office_admin"]);
  });

  it("reads groups from a dotted claim path (Keycloak realm roles)", async () => {
    const client = clientFor({ groupsClaim: "realm_access.roles" });
    const { callbackUrl, transaction } = await throughProvider(client, "keycloak");
    const identity = Result.getOrThrow(await completeSignIn(client, { callbackUrl, transaction }));
    expect(identity.groups).toEqual(["ipo-admins"]);
    expect(identity.roles).toEqual(["office_admin", "examiner"]);
  });

  it("refuses a tampered state", async () => {
    const client = clientFor();
    const { callbackUrl, transaction } = await throughProvider(client, "amal");
    const tampered = new URL(callbackUrl);
    tampered.searchParams.set("state", `${transaction.state.slice(0, -1)}x`);
    const failure = failureOf(await completeSignIn(client, { callbackUrl: tampered, transaction }));
    expect(failure.reason).toBe("state-mismatch");
    const missing = new URL(callbackUrl);
    missing.searchParams.delete("state");
    expect(failureOf(await completeSignIn(client, { callbackUrl: missing, transaction })).reason).toBe(
      "state-mismatch",
    );
    // Another browser's transaction (its own state) with this browser's answer.
    const other = Result.getOrThrow(await beginSignIn(client, { redirectUri, returnTo: "/" })).transaction;
    expect(failureOf(await completeSignIn(client, { callbackUrl, transaction: other })).reason).toBe("state-mismatch");
  });

  it("has the library check the nonce in the ID token and the PKCE verifier at the token endpoint", async () => {
    const client = clientFor();
    const first = await throughProvider(client, "amal");
    const otherNonce = { ...first.transaction, nonce: "a-nonce-this-sign-in-never-sent-0000000000" };
    const nonce = failureOf(await completeSignIn(client, { callbackUrl: first.callbackUrl, transaction: otherNonce }));
    expect(nonce.reason).toBe("token-invalid");
    expect(nonce.detail).toContain("nonce");

    const second = await throughProvider(client, "amal");
    const otherVerifier = { ...second.transaction, codeVerifier: "a-verifier-whose-challenge-was-never-sent-000" };
    const pkce = failureOf(
      await completeSignIn(client, { callbackUrl: second.callbackUrl, transaction: otherVerifier }),
    );
    expect(pkce.reason).toBe("provider-error");
    expect(pkce.error).toBe("invalid_grant");
  });

  it("refuses a replayed callback: the same code a second time", async () => {
    const client = clientFor();
    const { callbackUrl, transaction } = await throughProvider(client, "amal");
    expect(Result.isSuccess(await completeSignIn(client, { callbackUrl, transaction }))).toBe(true);
    const failure = failureOf(await completeSignIn(client, { callbackUrl, transaction }));
    expect(failure.reason).toBe("provider-error");
    expect(failure.error).toBe("invalid_grant");
    expect(failure.message).not.toContain(new URL(callbackUrl).searchParams.get("code") ?? "no code");
  });

  it("refuses a person whose groups map to no office role", async () => {
    const client = clientFor();
    const { callbackUrl, transaction } = await throughProvider(client, "visitor");
    const failure = failureOf(await completeSignIn(client, { callbackUrl, transaction }));
    expect(failure.reason).toBe("no-role");
    expect(failure.subject).toBe("visitor");
    expect(failure.groups).toEqual(["visitors", "staff"]);
  });

  it("lets only members of allowedGroups sign in", async () => {
    const client = clientFor({ allowedGroups: ["staff"] });
    const outsider = await throughProvider(client, "contractor");
    const failure = failureOf(await completeSignIn(client, outsider));
    expect(failure.reason).toBe("not-allowed");
    expect(failure.groups).toEqual(["tm-examiners"]);
    const member = await throughProvider(client, "amal");
    expect(Result.getOrThrow(await completeSignIn(client, member)).roles).toEqual(["examiner"]);
  });

  it("refuses an ID token issued to another client (wrong audience)", async () => {
    // A code and tokens obtained for another client of the same provider are slipped into the office's sign-in:
    // the authorization request goes out as `other-app`, and the token request authenticates as `other-app`.
    const asOtherApp: OidcFetch = (url, init) => {
      const headers = { ...init.headers };
      if (url.endsWith("/token")) {
        headers["authorization"] = `Basic ${Buffer.from(`other-app:${otherSecret}`).toString("base64")}`;
      }
      return fetch(url, { ...init, headers } as RequestInit);
    };
    const client = clientFor({}, { fetch: asOtherApp });
    const begun = Result.getOrThrow(await beginSignIn(client, { redirectUri, returnTo: "/" }));
    const swapped = new URL(begun.url);
    swapped.searchParams.set("client_id", "other-app");
    const callbackUrl = await signInAtProvider(swapped.href, "amal", redirectUri);
    const failure = failureOf(await completeSignIn(client, { callbackUrl, transaction: begun.transaction }));
    expect(failure.reason).toBe("token-invalid");
    expect(failure.detail).toMatch(/aud/);
  });

  it("refuses an ID token whose signature does not verify with the provider's published keys", async () => {
    // The provider signs with its key; the JWKS the office reads publishes another key under the same key id.
    const { generateKeyPairSync } = await import("node:crypto");
    const stranger = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ format: "jwk" });
    const otherKeys: OidcFetch = async (url, init) => {
      const response = await fetch(url, init as RequestInit);
      if (!url.endsWith("/jwks")) return response;
      const jwks = (await response.json()) as { keys: Array<Record<string, unknown>> };
      const keys = jwks.keys.map((k) => ({ ...k, n: stranger.n, e: stranger.e }));
      return new Response(JSON.stringify({ keys }), { headers: { "content-type": "application/json" } });
    };
    const client = clientFor({}, { fetch: otherKeys });
    const { callbackUrl, transaction } = await throughProvider(client, "amal");
    const failure = failureOf(await completeSignIn(client, { callbackUrl, transaction }));
    expect(failure.reason).toBe("token-invalid");
    expect(failure.detail).toMatch(/signature/i);
  });

  it("takes the provider's error answer, with its description cut to a safe length", async () => {
    const client = clientFor();
    // prompt=none without a session at the provider: the provider answers login_required to the callback.
    const begun = Result.getOrThrow(await beginSignIn(client, { redirectUri, returnTo: "/" }));
    const url = new URL(begun.url);
    url.searchParams.set("prompt", "none");
    const callbackUrl = await signInAtProvider(url.href, "amal", redirectUri);
    const failure = failureOf(await completeSignIn(client, { callbackUrl, transaction: begun.transaction }));
    expect(failure.reason).toBe("provider-error");
    expect(failure.error).toBe("login_required");

    const long = new URL(redirectUri);
    long.searchParams.set("state", begun.transaction.state);
    long.searchParams.set("error", "access_denied");
    long.searchParams.set("error_description", `no\n${"x".repeat(5000)}`);
    const denied = failureOf(await completeSignIn(client, { callbackUrl: long, transaction: begun.transaction }));
    expect(denied.reason).toBe("provider-error");
    expect(denied.error).toBe("access_denied");
    expect(denied.errorDescription?.length).toBeLessThanOrEqual(200);
    expect(denied.errorDescription).not.toContain("\n");
  });

  it("reads groups from the ID token when the provider puts them there, without asking userinfo", async () => {
    const inToken = await startTestProvider({ clients, accounts, groupsInIdToken: true });
    try {
      const requested: string[] = [];
      const spy: OidcFetch = (url, init) => {
        requested.push(new URL(url).pathname);
        return fetch(url, init as RequestInit);
      };
      const client = makeOidcClient(settingsFor(inToken.issuer), { clientSecret, fetch: spy });
      const begun = Result.getOrThrow(await beginSignIn(client, { redirectUri, returnTo: "/" }));
      const callbackUrl = await signInAtProvider(begun.url.href, "salim", redirectUri);
      const identity = Result.getOrThrow(await completeSignIn(client, { callbackUrl, transaction: begun.transaction }));
      expect(identity.roles).toEqual(["examiner", "office_admin"]);
      expect(requested).toContain("/token");
      expect(requested).not.toContain("/me");
    } finally {
      await inToken.stop();
    }
  });

  it("reports a provider that is down at discovery, naming the issuer, and works once it is up", async () => {
    const port = await freePort();
    const issuer = `http://127.0.0.1:${port}`;
    const client = makeOidcClient(settingsFor(issuer), { clientSecret, timeoutSeconds: 5 });
    const failure = failureOf(await beginSignIn(client, { redirectUri, returnTo: "/" }));
    expect(failure.reason).toBe("discovery-failed");
    expect(failure.issuer).toBe(issuer);
    expect(failure.detail).toContain(issuer);
    expect(failure.detail).toContain("ECONNREFUSED");

    const late = await startTestProvider({ port, clients, accounts });
    try {
      const begun = Result.getOrThrow(await beginSignIn(client, { redirectUri, returnTo: "/" }));
      expect(begun.url.origin).toBe(issuer);
      const callbackUrl = await signInAtProvider(begun.url.href, "amal", redirectUri);
      const identity = Result.getOrThrow(await completeSignIn(client, { callbackUrl, transaction: begun.transaction }));
      expect(identity.issuer).toBe(issuer);
    } finally {
      await late.stop();
    }
  });

  it("says which environment variable is missing when the client secret is not set", async () => {
    const client = makeOidcClient(settingsFor(op.issuer, { clientSecretEnv: "IPO_TEST_OIDC_SECRET_UNSET" }));
    const failure = failureOf(await beginSignIn(client, { redirectUri, returnTo: "/" }));
    expect(failure.reason).toBe("misconfigured");
    expect(failure.detail).toContain("IPO_TEST_OIDC_SECRET_UNSET");
  });

  it.each(["//evil.example", "https://evil.example", "/\\evil.example", "javascript:alert(1)", "office", ""])(
    "refuses returnTo %j before going to the provider",
    async (returnTo) => {
      const failure = failureOf(await beginSignIn(clientFor(), { redirectUri, returnTo }));
      expect(failure.reason).toBe("return-to-invalid");
    },
  );
});

describe("the sign-in routes (Hono) against the same provider", () => {
  const signedIn: Array<{ identity: OidcIdentity; returnTo: string }> = [];
  const failed: OidcFailed[] = [];
  let clock = new Date("2026-11-24T08:00:00Z");
  const client = () =>
    makeOidcClient(settingsFor(op.issuer), {
      clientSecret,
      now: () => clock,
    });

  const appWith = (c = client()) => {
    const app = new Hono();
    app.route(
      "/",
      oidcRoutes({
        client: c,
        key,
        onSignedIn: (ctx, identity, returnTo) => {
          signedIn.push({ identity, returnTo });
          return ctx.redirect(returnTo, 303);
        },
        onFailed: (ctx, failure) => {
          failed.push(failure);
          return ctx.text(`sign-in refused: ${failure.reason}`, 403);
        },
      }),
    );
    return app;
  };

  const cookieOf = (response: Response): string => {
    const line = response.headers.getSetCookie().find((l) => l.startsWith("ipo_oidc="));
    if (!line) throw new Error("no transaction cookie");
    return line;
  };

  it("starts with a sealed HttpOnly cookie and a 302 to the provider, and completes at the callback", async () => {
    clock = new Date();
    const app = appWith();
    const start = await app.request("http://office.test/sign-in/oidc?returnTo=%2Foffice%2Fqueue");
    expect(start.status).toBe(302);
    const location = new URL(start.headers.get("location") ?? "");
    expect(location.origin).toBe(op.issuer);
    expect(location.searchParams.get("redirect_uri")).toBe(redirectUri);
    const cookie = cookieOf(start);
    expect(cookie).toMatch(/; Max-Age=600; Path=\/sign-in\/oidc; HttpOnly; SameSite=Lax$/);
    expect(cookie).not.toContain("Secure");
    const sealed = cookie.slice("ipo_oidc=".length, cookie.indexOf(";"));
    expect(sealed).not.toContain(location.searchParams.get("state") ?? "-");

    const callbackUrl = await signInAtProvider(location.href, "amal", redirectUri);
    const back = new URL(callbackUrl);
    const done = await app.request(`http://office.test${back.pathname}${back.search}`, {
      headers: { cookie: `ipo_oidc=${sealed}` },
    });
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe("/office/queue");
    expect(done.headers.get("referrer-policy")).toBe("no-referrer");
    expect(cookieOf(done)).toMatch(/^ipo_oidc=; Max-Age=0; Path=\/sign-in\/oidc/);
    expect(signedIn.at(-1)?.identity.roles).toEqual(["examiner"]);
    expect(signedIn.at(-1)?.returnTo).toBe("/office/queue");

    // The same callback again, even with the cookie kept by an attacker: refused by the provider (code used).
    const replay = await app.request(`http://office.test${back.pathname}${back.search}`, {
      headers: { cookie: `ipo_oidc=${sealed}` },
    });
    expect(replay.status).toBe(403);
    expect(failed.at(-1)?.reason).toBe("provider-error");
    // Without the cookie (a browser that followed the rules): no sign-in in progress.
    const bare = await app.request(`http://office.test${back.pathname}${back.search}`);
    expect(bare.status).toBe(403);
    expect(failed.at(-1)?.reason).toBe("transaction-invalid");
  });

  it("marks the cookie Secure over https", async () => {
    const start = await appWith().request("https://office.test/sign-in/oidc");
    expect(start.status).toBe(302);
    expect(cookieOf(start)).toContain("; Secure");
    expect(new URL(start.headers.get("location") ?? "").searchParams.get("redirect_uri")).toBe(secureRedirectUri);
  });

  it("refuses a callback after the transaction expired (10 minutes)", async () => {
    clock = new Date();
    const app = appWith();
    const start = await app.request("http://office.test/sign-in/oidc");
    const cookie = cookieOf(start);
    const sealed = cookie.slice("ipo_oidc=".length, cookie.indexOf(";"));
    const callbackUrl = await signInAtProvider(start.headers.get("location") ?? "", "amal", redirectUri);
    clock = new Date(clock.getTime() + 10 * 60 * 1000 + 1);
    const back = new URL(callbackUrl);
    const late = await app.request(`http://office.test${back.pathname}${back.search}`, {
      headers: { cookie: `ipo_oidc=${sealed}` },
    });
    expect(late.status).toBe(403);
    expect(failed.at(-1)?.reason).toBe("transaction-invalid");
    expect(failed.at(-1)?.detail).toContain("expired");
    expect(cookieOf(late)).toMatch(/^ipo_oidc=; Max-Age=0/);
  });

  it("refuses a forged cookie and a returnTo to another site", async () => {
    clock = new Date();
    const app = appWith();
    const forged = await app.request("http://office.test/sign-in/oidc/callback?code=abc&state=def", {
      headers: { cookie: "ipo_oidc=v1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" },
    });
    expect(forged.status).toBe(403);
    expect(failed.at(-1)?.reason).toBe("transaction-invalid");
    for (const target of ["//evil.example", "https://evil.example/x"]) {
      const start = await app.request(`http://office.test/sign-in/oidc?returnTo=${encodeURIComponent(target)}`);
      expect(start.status).toBe(403);
      expect(start.headers.getSetCookie()).toEqual([]);
      expect(failed.at(-1)?.reason).toBe("return-to-invalid");
    }
  });

  it("keeps the transaction only in its sealed form: another key cannot open it", () => {
    const transaction = {
      state: "s".repeat(43),
      nonce: "n".repeat(43),
      codeVerifier: "v".repeat(43),
      returnTo: "/",
      redirectUri,
      createdAt: Date.now(),
    };
    const sealed = sealTransaction(transaction, key);
    expect(Result.getOrThrow(openTransaction(sealed, key, new Date()))).toEqual(transaction);
    expect(failureOf(openTransaction(sealed, `${key}!`, new Date())).reason).toBe("transaction-invalid");
    expect(new CookieJar().header("http://x/")).toBe("");
  });
});
