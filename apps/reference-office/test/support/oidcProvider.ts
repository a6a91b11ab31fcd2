/**
 * A real OpenID provider for tests (`oidc-provider`, its development login and consent pages accept any login), on
 * 127.0.0.1, and a small browser (fetch, a cookie jar, forms posted as a person would) to go through its pages.
 */
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type ClientMetadata, type Configuration } from "oidc-provider";

export interface TestAccount {
  readonly email?: string;
  readonly name?: string;
  readonly groups?: ReadonlyArray<string>;
  readonly realm_access?: { readonly roles: ReadonlyArray<string> };
}

export interface TestProvider {
  readonly issuer: string;
  readonly port: number;
  readonly provider: Provider;
  readonly stop: () => Promise<void>;
}

/** A port that was free a moment ago (to start a provider on later, after a client has found it down). */
export const freePort = async (): Promise<number> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
};

export const testClient = (clientId: string, clientSecret: string, redirectUris: string[]): ClientMetadata => ({
  client_id: clientId,
  client_secret: clientSecret,
  redirect_uris: redirectUris,
  grant_types: ["authorization_code"],
  response_types: ["code"],
  token_endpoint_auth_method: "client_secret_basic",
});

/**
 * Starts a provider on `port` (0: any free port) with the given clients and accounts (the login name is the account
 * id). Claims: `email` and `profile` as usual, and a `groups` scope with the `groups` and `realm_access` claims.
 * With `groupsInIdToken`, scope claims go into the ID token too (as Keycloak and Entra ID do); otherwise only into
 * userinfo, the provider's default.
 */
export const startTestProvider = async (options: {
  readonly port?: number;
  readonly clients: ReadonlyArray<ClientMetadata>;
  readonly accounts: Readonly<Record<string, TestAccount>>;
  readonly groupsInIdToken?: boolean;
}): Promise<TestProvider> => {
  const port = options.port ?? (await freePort());
  const issuer = `http://127.0.0.1:${port}`;
  const signingKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });
  const configuration: Configuration = {
    clients: [...options.clients],
    jwks: { keys: [{ ...signingKey, kid: "test-signing-key", use: "sig", alg: "RS256" }] },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    scopes: ["openid", "offline_access", "profile", "email", "groups"],
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name"],
      groups: ["groups", "realm_access"],
    },
    conformIdTokenClaims: options.groupsInIdToken !== true,
    pkce: { required: () => true },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    features: { devInteractions: { enabled: true } },
    findAccount: async (_ctx, id) => {
      const account = options.accounts[id];
      if (account === undefined) return undefined;
      return {
        accountId: id,
        claims: async () => ({ sub: id, ...account, ...(account.email ? { email_verified: true } : {}) }),
      };
    },
  };
  const provider = new Provider(issuer, configuration);
  const server: Server = createServer(provider.callback());
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    issuer,
    port,
    provider,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};

/** Cookies by name with their path, as a browser keeps them for one host. */
export class CookieJar {
  readonly #cookies = new Map<string, { value: string; path: string }>();

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";").map((s) => s.trim());
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      let path = "/";
      let expired = false;
      for (const attribute of attributes) {
        const [k = "", v = ""] = attribute.split("=");
        if (k.toLowerCase() === "path") path = v;
        if (k.toLowerCase() === "max-age" && Number(v) <= 0) expired = true;
        if (k.toLowerCase() === "expires" && Date.parse(v) <= Date.now()) expired = true;
      }
      const key = `${name};${path}`;
      if (expired) this.#cookies.delete(key);
      else this.#cookies.set(key, { value, path });
    }
  }

  header(url: string): string {
    const path = new URL(url).pathname;
    return [...this.#cookies.entries()]
      .filter(([, c]) => path === c.path || path.startsWith(c.path.endsWith("/") ? c.path : `${c.path}/`))
      .map(([key, c]) => `${key.slice(0, key.indexOf(";"))}=${c.value}`)
      .join("; ");
  }
}

const attribute = (tag: string, name: string): string | undefined => {
  const match = new RegExp(`\\s${name}="([^"]*)"`, "i").exec(tag);
  return match?.[1]?.replaceAll("&amp;", "&").replaceAll("&quot;", '"').replaceAll("&#x2F;", "/");
};

/** The first form of a page: its action and its fields (inputs with a name, the submit button's value if named). */
export const readForm = (html: string, base: string): { action: string; fields: URLSearchParams } => {
  const form = /<form\b[^>]*>/i.exec(html);
  if (!form) throw new Error(`no form on the page:\n${html.slice(0, 500)}`);
  const action = new URL(attribute(form[0], "action") ?? base, base).href;
  const fields = new URLSearchParams();
  for (const input of html.matchAll(/<input\b[^>]*>/gi)) {
    const name = attribute(input[0], "name");
    if (name !== undefined) fields.set(name, attribute(input[0], "value") ?? "");
  }
  return { action, fields };
};

/**
 * Goes from the provider's authorization URL through its login and consent pages as `login`, and returns the URL
 * the provider finally redirects the browser to (the office's callback with `code` and `state`, or an error).
 */
export const signInAtProvider = async (
  authorizationUrl: string,
  login: string,
  stopAt: string,
  jar = new CookieJar(),
): Promise<string> => {
  let url = authorizationUrl;
  let body: URLSearchParams | undefined;
  for (let step = 0; step < 20; step++) {
    if (url.startsWith(stopAt)) return url;
    const response = await fetch(url, {
      method: body ? "POST" : "GET",
      redirect: "manual",
      headers: {
        cookie: jar.header(url),
        ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      ...(body ? { body } : {}),
    });
    jar.store(response);
    body = undefined;
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url).href;
      await response.arrayBuffer();
      continue;
    }
    const html = await response.text();
    if (response.status !== 200) throw new Error(`provider answered ${response.status} at ${url}:\n${html}`);
    const form = readForm(html, url);
    if (form.fields.get("prompt") === "login") {
      form.fields.set("login", login);
      form.fields.set("password", "any password");
    }
    url = form.action;
    body = form.fields;
  }
  throw new Error("the provider did not redirect back within 20 steps");
};
