/**
 * The `auth.oidc` section of the office configuration: the sample's commented example loads when uncommented,
 * defaults are filled in, and every mistake is named by its path.
 */
import { readFileSync } from "node:fs";
import { Result } from "effect";
import { describe, expect, it } from "vitest";
import { signInLabel } from "../src/auth/OidcConfig.js";
import { defaultConfigFile, parseOfficeConfig } from "../src/config/OfficeConfig.js";

const sample = readFileSync(defaultConfigFile, "utf8");

/** The commented `auth:` block of the sample, uncommented. */
const commentedExample = (): string => {
  const lines = sample.split("\n");
  const start = lines.indexOf("# auth:");
  expect(start).toBeGreaterThan(0);
  const block: string[] = [];
  for (const line of lines.slice(start)) {
    if (!line.startsWith("# auth:") && !line.startsWith("#   ")) break;
    block.push(line.slice(2));
  }
  return block.join("\n");
};

const withOidc = (oidc: string) => `${sample}\nauth:\n  oidc:\n${oidc.replace(/^/gm, "    ")}\n`;

const issuesOf = (text: string): Array<{ path: string; message: string }> => {
  const parsed = parseOfficeConfig(text, "office.yaml");
  if (Result.isSuccess(parsed)) throw new Error("expected the configuration to be refused");
  return [...parsed.failure.issues];
};

describe("auth.oidc in the office configuration", () => {
  it("is not enabled in the sample office", () => {
    const config = Result.getOrThrow(parseOfficeConfig(sample, defaultConfigFile));
    expect(config.auth).toBeUndefined();
  });

  it("loads the sample's commented example once uncommented", () => {
    const config = Result.getOrThrow(parseOfficeConfig(`${sample}\n${commentedExample()}\n`, defaultConfigFile));
    const oidc = config.auth?.oidc;
    expect(oidc?.issuer).toBe("https://login.ministry.example/realms/ipo");
    expect(oidc?.clientSecretEnv).toBe("IPO_OIDC_CLIENT_SECRET");
    expect(oidc?.roleMapping["tm-examiners"]).toEqual(["examiner"]);
    expect(oidc?.allowedGroups).toEqual(["ipo-staff"]);
    expect(oidc && signInLabel(oidc, "ar", "ar")).toBe("الدخول بحساب الوزارة");
    expect(oidc && signInLabel(oidc, "fr", "en")).toBe("Sign in with the ministry account");
  });

  it("fills in the defaults: scopes, groups claim, token endpoint authentication", () => {
    const config = Result.getOrThrow(
      parseOfficeConfig(
        withOidc(
          "issuer: https://login.ministry.example/realms/ipo\nclientId: ipoffice\nclientSecretEnv: IPO_OIDC_SECRET\nroleMapping: { tm-examiners: [examiner] }",
        ),
        "office.yaml",
      ),
    );
    expect(config.auth?.oidc).toMatchObject({
      scopes: ["openid", "profile", "email"],
      groupsClaim: "groups",
      tokenEndpointAuthMethod: "client_secret_basic",
    });
    expect(config.auth?.oidc?.allowedGroups).toBeUndefined();
    expect(config.auth?.oidc && signInLabel(config.auth.oidc, "ar", "ar")).toBe("Single sign-on");
  });

  it("names the path of every mistake", () => {
    const issues = issuesOf(
      withOidc(
        [
          "issuer: http://login.ministry.example",
          'clientId: ""',
          "clientSecretEnv: the-secret-itself",
          "clientSecret: s3cr3t",
          "scopes: [profile, email]",
          "roleMapping: { tm-examiners: [Examiner], ipo-admins: [] }",
          "allowedGroups: []",
          "tokenEndpointAuthMethod: private_key_jwt",
        ].join("\n"),
      ),
    );
    const paths = issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "auth.oidc.issuer",
        "auth.oidc.clientId",
        "auth.oidc.clientSecretEnv",
        "auth.oidc.clientSecret",
        "auth.oidc.scopes",
        "auth.oidc.roleMapping.tm-examiners[0]",
        "auth.oidc.roleMapping.ipo-admins[0]",
        "auth.oidc.allowedGroups[0]",
        "auth.oidc.tokenEndpointAuthMethod",
      ]),
    );
    expect(issues.find((i) => i.path === "auth.oidc.issuer")?.message).toContain("https");
    expect(issues.find((i) => i.path === "auth.oidc.clientSecret")?.message).toContain("clientSecretEnv");
    expect(issues.find((i) => i.path === "auth.oidc.scopes")?.message).toContain("openid");
  });

  it("refuses an issuer with a query, credentials or no scheme, and accepts http only on the loopback", () => {
    const base = "clientId: ipoffice\nclientSecretEnv: IPO_OIDC_SECRET\nroleMapping: { tm-examiners: [examiner] }";
    for (const issuer of ["https://login.example/?tenant=x", "https://user:pw@login.example", "login.example"]) {
      expect(issuesOf(withOidc(`issuer: "${issuer}"\n${base}`)).map((i) => i.path)).toEqual(["auth.oidc.issuer"]);
    }
    for (const issuer of ["http://localhost:8080/realms/dev", "http://127.0.0.1:9000"]) {
      expect(Result.isSuccess(parseOfficeConfig(withOidc(`issuer: "${issuer}"\n${base}`), "office.yaml"))).toBe(true);
    }
  });

  it("refuses an empty role mapping and labels in languages the office does not offer", () => {
    const base = "issuer: https://login.example\nclientId: ipoffice\nclientSecretEnv: IPO_OIDC_SECRET";
    expect(issuesOf(withOidc(`${base}\nroleMapping: {}`)).map((i) => i.path)).toEqual(["auth.oidc.roleMapping"]);
    expect(
      issuesOf(withOidc(`${base}\nroleMapping: { staff: [clerk] }\nlabel: { en: Sign in, fr: Se connecter }`)),
    ).toEqual([{ path: "auth.oidc.label.fr", message: "a label for a language the office does not offer" }]);
  });
});
