/**
 * The e-filing accounts' messages (decision 0604), under `filer.` in the one catalog (decision 0412; every key in
 * every language with the English arguments is held by test/catalog.test.ts): the e-mails keep their link.
 */
import { Result } from "effect";
import { describe, expect, it } from "vitest";
import { parseOfficeConfig } from "../src/config/OfficeConfig.js";
import { accountText } from "../src/efiling/accountMessages.js";

describe("e-filing accounts' messages", () => {
  it("are the catalog's filer. keys, apart from the staff sign-in's", () => {
    expect(accountText("en", "signIn.title")).toBe("Sign in to the e-filing portal");
    expect(accountText("fr", "mail.reset.body", { name: "A", link: "L", minutes: 1 })).toContain("(valable 1 minute)");
  });

  it("fills the e-mails' placeholders and falls back to English for a language without a catalog", () => {
    const body = accountText("ar", "mail.confirm.body", { name: "مريم", link: "https://x.example/l", hours: 48 });
    expect(body).toContain("https://x.example/l");
    expect(body).not.toMatch(/\{\w+\}/);
    expect(accountText("de", "outbox.title")).toBe("Outbox");
  });
});

describe("the e-filing accounts' configuration (efiling)", () => {
  const office = `
office:
  code: JO
  names: { en: Jordan IP Office }
  languages: [en]
  defaultLanguage: en
  timeZone: Asia/Amman
  products: [back-office, publish, e-filing]
numbering:
  applications: { trademark: "{yyyy}/{serial}", patent: "P/{yyyy}/{serial}", industrial_design: "D/{yyyy}/{serial}", utility_model: "U/{yyyy}/{serial}" }
  registrations: { trademark: "{serial}", patent: "{serial}", industrial_design: "{serial}", utility_model: "{serial}" }
calendar: { weekend: [friday, saturday], holidays: [] }
nice: { edition: "12" }
`;
  it("defaults to filing without an account and no outbox page", () => {
    const parsed = parseOfficeConfig(office, "jo.yaml");
    expect(Result.isSuccess(parsed) && parsed.success.efiling).toBeUndefined();
  });
  it("takes its settings, and names the path of a bad one (an SMTP URL never sits in the file: a variable's name)", () => {
    const good = parseOfficeConfig(
      `${office}efiling: { accountRequired: true, outboxPage: true, publicUrl: "https://efiling.example", mail: { from: office@example.jo, smtpUrlEnv: IPO_SMTP_URL } }\n`,
      "jo.yaml",
    );
    expect(Result.isSuccess(good) && good.success.efiling?.accountRequired).toBe(true);
    const bad = parseOfficeConfig(
      `${office}efiling: { publicUrl: "https://efiling.example/path?x", mail: { smtpUrlEnv: "smtps://user:secret@host" } }\n`,
      "jo.yaml",
    );
    expect(Result.isFailure(bad) && bad.failure.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(["efiling.publicUrl", "efiling.mail.smtpUrlEnv"]),
    );
  });
});
