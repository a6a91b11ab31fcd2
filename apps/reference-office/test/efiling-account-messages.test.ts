/**
 * The e-filing accounts' catalog (decision 0604): every string in English, Arabic and French, each translation with
 * the same placeholders as the English one (a missing `{link}` would send an e-mail without its link).
 */
import { Result } from "effect";
import { describe, expect, it } from "vitest";
import { parseOfficeConfig } from "../src/config/OfficeConfig.js";
import { accountCatalogs, accountKeys, accountText } from "../src/efiling/accountMessages.js";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("e-filing accounts' messages", () => {
  for (const lang of ["ar", "fr"]) {
    it(`has every key in ${lang}, with the English placeholders`, () => {
      const catalog = accountCatalogs[lang] ?? {};
      const missing = accountKeys.filter((k) => catalog[k] === undefined);
      expect(missing).toEqual([]);
      for (const key of accountKeys)
        expect(placeholders(catalog[key] ?? ""), `${lang} ${key}`).toEqual(placeholders(accountText("en", key)));
    });
  }

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
