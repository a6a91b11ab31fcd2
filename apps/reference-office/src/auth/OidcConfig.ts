/**
 * The `auth.oidc` section of the office configuration: single sign-on through an OpenID Connect provider (Keycloak,
 * Microsoft Entra ID, a ministry's own provider…). Optional; an office without it signs staff in with local accounts.
 *
 * The client secret never appears in the file: `clientSecretEnv` names the environment variable that holds it.
 */
import { Effect, Schema } from "effect";
import type { FieldIssue } from "../http/problem.js";

const isLoopback = (hostname: string): boolean =>
  hostname === "localhost" || hostname === "127.0.0.1" || hostname === "[::1]";

/** Why an issuer URL is refused, or `undefined` when it is usable. */
const issuerProblem = (value: string): string | undefined => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "must be an absolute URL such as https://login.example.gov/realms/office";
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopback(url.hostname))) {
    return "must use https (plain http is accepted only for localhost, for development)";
  }
  if (url.username !== "" || url.password !== "") return "must not contain a user name or password";
  if (url.search !== "" || url.hash !== "") return "must not contain a query or a fragment";
  return undefined;
};

/** The provider's issuer identifier: https (http only on the loopback, for development), no query or fragment. */
export const IssuerUrl = Schema.String.pipe(
  Schema.check(
    Schema.isMaxLength(500),
    Schema.makeFilter((value: string) => issuerProblem(value) ?? true, {
      expected: "the provider's issuer URL, e.g. https://login.example.gov/realms/office",
    }),
  ),
);

/** An OAuth scope token (RFC 6749 §3.3): printable ASCII without space, quote or backslash. */
const ScopeToken = Schema.String.check(
  Schema.isPattern(/^[\x21\x23-\x5b\x5d-\x7e]{1,100}$/, { message: "a scope such as openid, email or groups" }),
);

/** An office role name as the accounts module spells them, e.g. `examiner`, `office_admin`. */
const RoleName = Schema.String.check(
  Schema.isPattern(/^[a-z][a-z0-9_]{0,63}$/, { message: "a role name such as examiner or office_admin" }),
);

/** A group (or role) name as the provider sends it, e.g. `tm-examiners`, `/ipo/admins`, an Entra group object id. */
const GroupName = Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(500));

const LanguageTag = Schema.String.check(
  Schema.isPattern(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { message: "a language tag such as en or ar" }),
);

export const defaultScopes: ReadonlyArray<string> = ["openid", "profile", "email"];

export const OidcSettings = Schema.Struct({
  /** The issuer identifier; `{issuer}/.well-known/openid-configuration` is read once, at the first sign-in. */
  issuer: IssuerUrl,
  /** The client id the provider gave the office. */
  clientId: Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(255)),
  /** The NAME of the environment variable holding the client secret (never the secret itself). */
  clientSecretEnv: Schema.String.check(
    Schema.isPattern(/^[A-Z][A-Z0-9_]{0,99}$/, {
      message: "the name of an environment variable, e.g. IPO_OIDC_CLIENT_SECRET (never the secret itself)",
    }),
  ),
  /** Refused with a hint: the secret belongs in the environment variable named by `clientSecretEnv`. */
  clientSecret: Schema.optional(
    Schema.Unknown.check(
      Schema.makeFilter(
        () => "never write the secret in this file: put it in the environment variable named by clientSecretEnv",
      ),
    ),
  ),
  /** How the office authenticates at the token endpoint (default `client_secret_basic`, the OpenID Connect default). */
  tokenEndpointAuthMethod: Schema.Literals(["client_secret_basic", "client_secret_post"]).pipe(
    Schema.withDecodingDefaultKey(Effect.succeed("client_secret_basic" as const)),
  ),
  /** Scopes to request; must contain `openid`. Default `openid profile email`; add what the provider needs for groups. */
  scopes: Schema.Array(ScopeToken)
    .check(Schema.makeFilter((scopes: ReadonlyArray<string>) => scopes.includes("openid") || "must contain openid"))
    .pipe(Schema.withDecodingDefaultKey(Effect.succeed([...defaultScopes]))),
  /**
   * The claim that lists the person's groups (default `groups`). A name that is not a claim of its own is read as a
   * dotted path, so Keycloak's realm roles are `realm_access.roles`.
   */
  groupsClaim: Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(200)).pipe(
    Schema.withDecodingDefaultKey(Effect.succeed("groups")),
  ),
  /** Provider group → office roles, e.g. `{ tm-examiners: [examiner], ipo-admins: [office_admin] }`. */
  roleMapping: Schema.Record(GroupName, Schema.NonEmptyArray(RoleName)).check(
    Schema.makeFilter(
      (mapping: Readonly<Record<string, ReadonlyArray<string>>>) =>
        Object.keys(mapping).length > 0 || "map at least one provider group to office roles",
    ),
  ),
  /** Only members of these groups may sign in at all (optional). */
  allowedGroups: Schema.optional(Schema.NonEmptyArray(GroupName)),
  /** The sign-in button's text per language, e.g. `{ en: "Sign in with the ministry account", ar: "…" }`. */
  label: Schema.optional(Schema.Record(LanguageTag, Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(200)))),
});
export type OidcSettings = typeof OidcSettings.Type;

/** Checks that need the rest of the office file: label languages are languages the office offers. */
export const oidcSettingsIssues = (
  settings: OidcSettings,
  officeLanguages: ReadonlyArray<string>,
  path = "auth.oidc",
): FieldIssue[] => {
  const issues: FieldIssue[] = [];
  for (const lang of Object.keys(settings.label ?? {})) {
    if (!officeLanguages.includes(lang)) {
      issues.push({ path: `${path}.label.${lang}`, message: "a label for a language the office does not offer" });
    }
  }
  return issues;
};

/** The sign-in button's text in a language: that language's label, else the default language's, else a generic one. */
export const signInLabel = (settings: OidcSettings, lang: string, defaultLanguage: string): string =>
  settings.label?.[lang] ?? settings.label?.[defaultLanguage] ?? "Single sign-on";
