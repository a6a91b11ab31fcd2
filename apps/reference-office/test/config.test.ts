import { Result } from "effect";
import { describe, expect, it } from "vitest";
import { Publication } from "@ipoffice/domain";
import {
  defaultConfigFile,
  loadOfficeConfig,
  parseOfficeConfig,
  publicationRuleOf,
  workflowsOf,
} from "../src/config/OfficeConfig.js";

const valid = `
office:
  code: JO
  names: { en: Jordan IP Office, ar: مديرية حماية الملكية الصناعية }
  languages: [ar, en]
  defaultLanguage: ar
  timeZone: Asia/Amman
  products: [back-office, publish]
numbering:
  applications: { trademark: "{yyyy}/{serial}", patent: "JO/P/{yyyy}/{serial:4}", industrial_design: "JO/D/{yyyy}/{serial:4}", utility_model: "JO/U/{yyyy}/{serial:4}" }
  registrations: { trademark: "{serial}", patent: "{serial}", industrial_design: "{serial}", utility_model: "{serial}" }
calendar: { weekend: [friday, saturday], holidays: [] }
nice: { edition: "12" }
`;

describe("office configuration", () => {
  it("loads the sample office (Oman) with its default workflows", async () => {
    const config = Result.getOrThrow(await loadOfficeConfig(defaultConfigFile));
    expect(config.office.code).toBe("OM");
    expect(config.office.defaultLanguage).toBe("ar");
    expect(config.calendar.weekend).toEqual(["friday", "saturday"]);
    const workflows = workflowsOf(config);
    expect(Object.keys(workflows).sort()).toEqual(["industrial_design", "patent", "trademark", "utility_model"]);
  });

  it("applies the office's renewal window and first annual-fee year to its workflows (rules)", () => {
    const parsed = parseOfficeConfig(
      `${valid}rules:\n  renewal:\n    trademark: { monthsBefore: 12, graceMonths: 6 }\n  annuities:\n    patent: { firstYear: 2 }\n`,
      "jo.yaml",
    );
    const workflows = workflowsOf(Result.getOrThrow(parsed));
    expect(workflows.trademark.actions.find((a) => a.id === "renew")?.effects?.renew?.window).toEqual({
      monthsBefore: 12,
      graceMonths: 6,
    });
    expect(workflows.patent.actions.find((a) => a.id === "grant")?.effects?.firstAnnuityYear).toBe(2);
    // Annual fees from year 2 while the application is pending (deemed withdrawn when unpaid).
    const pending = workflowsOf(
      Result.getOrThrow(
        parseOfficeConfig(`${valid}rules:\n  annuities:\n    patent: { firstYear: 2, beforeGrant: true }\n`, "jo.yaml"),
      ),
    ).patent;
    expect(pending.actions.find((a) => a.id === "renew")?.from).toContain("substantive_examination");
    expect(pending.actions.find((a) => a.id === "accord_filing_date")?.effects).toMatchObject({
      renewalDue: "nextFilingAnniversary",
      firstAnnuityYear: 2,
    });
    // Without rules the defaults stand.
    expect(
      workflowsOf(Result.getOrThrow(parseOfficeConfig(valid, "jo.yaml"))).patent.actions.find((a) => a.id === "grant")
        ?.effects?.firstAnnuityYear,
    ).toBeUndefined();
  });

  it("refuses rules that would break the law they state, naming the path", () => {
    const parsed = parseOfficeConfig(
      `${valid}rules:\n  renewal:\n    patent: { monthsBefore: 12, graceMonths: 6 }\n    trademark: { monthsBefore: -1, graceMonths: 6 }\n  annuities:\n    patent: { firstYear: 1 }\n`,
      "jo.yaml",
    );
    expect(Result.isFailure(parsed) && parsed.failure.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(["rules.renewal.trademark.monthsBefore", "rules.annuities.patent.firstYear"]),
    );
    const twice = parseOfficeConfig(
      `${valid}rules:\n  renewal:\n    patent: { monthsBefore: 12, graceMonths: 6 }\n`,
      "jo.yaml",
    );
    expect(Result.isFailure(twice) && twice.failure.issues).toEqual([
      { path: "rules.renewal.patent.monthsBefore", message: expect.stringContaining("renewed twice") },
    ]);
  });

  it("resolves the extraction folder against the file's folder, and refuses an empty one (decision 0801)", () => {
    const parsed = Result.getOrThrow(
      parseOfficeConfig(`${valid}extraction:\n  folder: drop\n  recordsPerZip: 5000\n`, "/etc/ipoffice/jo.yaml"),
    );
    expect(parsed.extraction).toEqual({ folder: "/etc/ipoffice/drop", recordsPerZip: 5000 });
    const bad = parseOfficeConfig(`${valid}extraction:\n  folder: ""\n  recordsPerZip: 90000\n`, "jo.yaml");
    expect(Result.isFailure(bad) && bad.failure.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(["extraction.folder", "extraction.recordsPerZip"]),
    );
  });

  it("accepts another office's file", () => {
    const parsed = parseOfficeConfig(valid, "jo.yaml");
    expect(Result.isSuccess(parsed)).toBe(true);
  });

  it("names the path of every bad field", () => {
    const bad = valid
      .replace("code: JO", "code: J0")
      .replace("defaultLanguage: ar", "defaultLanguage: fr")
      .replace("timeZone: Asia/Amman", "timeZone: Mars/Olympus")
      .replace('patent: "JO/P/{yyyy}/{serial:4}"', 'patent: "JO/P/{yyyy}"')
      .replace("weekend: [friday, saturday]", "weekend: [friday, caturday]");
    const parsed = parseOfficeConfig(bad, "jo.yaml");
    expect(Result.isFailure(parsed)).toBe(true);
    if (Result.isFailure(parsed)) {
      const paths = parsed.failure.issues.map((i) => i.path);
      expect(paths).toEqual(
        expect.arrayContaining(["office.code", "numbering.applications.patent", "calendar.weekend[1]"]),
      );
      expect(parsed.failure.message).toContain("jo.yaml");
    }
    const cross = parseOfficeConfig(
      valid
        .replace("defaultLanguage: ar", "defaultLanguage: fr")
        .replace("timeZone: Asia/Amman", "timeZone: Mars/Olympus"),
      "jo.yaml",
    );
    expect(Result.isFailure(cross) && cross.failure.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(["office.defaultLanguage", "office.timeZone"]),
    );
  });

  it("rejects a workflow that leaves a state unreachable, with its path", () => {
    const workflow = `
workflows:
  trademark:
    id: tiny
    kind: trademark
    labels: { en: Tiny }
    initial: filed
    roles: [clerk]
    states:
      - { id: filed, labels: { en: Filed } }
      - { id: done, labels: { en: Done }, final: true }
      - { id: orphan, labels: { en: Orphan }, final: true }
    actions:
      - { id: finish, labels: { en: Finish }, from: [filed], to: done, roles: [clerk] }
`;
    const parsed = parseOfficeConfig(valid + workflow, "jo.yaml");
    expect(Result.isFailure(parsed)).toBe(true);
    if (Result.isFailure(parsed)) {
      expect(
        parsed.failure.issues.some(
          (i) => i.path.startsWith("workflows.trademark") && /orphan/.test(i.message + i.path),
        ),
      ).toBe(true);
    }
  });

  it("takes the publication rule per kind, the defaults for the kinds left out", () => {
    const sample = Result.getOrThrow(parseOfficeConfig(valid, "jo.yaml"));
    expect(publicationRuleOf(sample)).toEqual(Publication.defaults);
    const parsed = parseOfficeConfig(
      `${valid}publication:\n  trademark: { from: filing }\n  industrial_design: { from: [registration] }\n`,
      "jo.yaml",
    );
    const rule = publicationRuleOf(Result.getOrThrow(parsed));
    expect(rule.trademark).toEqual({ from: "filing" });
    expect(rule.industrial_design).toEqual({ from: ["registration"] });
    expect(rule.patent).toEqual(Publication.defaults.patent);
  });

  it("names the path of a bad publication rule, and of one the workflow can never meet", () => {
    const bad = parseOfficeConfig(
      `${valid}publication:\n  patent: { from: grant }\n  utility_model: { from: [] }\n  trademark: { when: filing }\n`,
      "jo.yaml",
    );
    expect(Result.isFailure(bad)).toBe(true);
    if (Result.isFailure(bad)) {
      const paths = bad.failure.issues.map((i) => i.path);
      expect(paths).toEqual(
        expect.arrayContaining([
          "publication.patent.from",
          "publication.utility_model.from[0]",
          "publication.trademark.from",
          "publication.trademark.when",
        ]),
      );
      expect(bad.failure.message).toContain("jo.yaml");
      expect(bad.failure.issues.find((i) => i.path === "publication.patent.from")?.message).toMatch(/publication/);
    }
    // A trademark workflow with no action recording the publication cannot make marks public "from publication".
    const workflow = `
workflows:
  trademark:
    id: no_publication
    kind: trademark
    labels: { en: No publication }
    initial: filed
    roles: [clerk]
    states:
      - { id: filed, labels: { en: Filed } }
      - { id: done, labels: { en: Done }, final: true }
    actions:
      - { id: finish, labels: { en: Finish }, from: [filed], to: done, roles: [clerk] }
`;
    const never = parseOfficeConfig(valid + workflow, "jo.yaml");
    expect(Result.isFailure(never) && never.failure.issues).toEqual([
      { path: "publication.trademark.from", message: expect.stringMatching(/no_publication.*never be public/) },
    ]);
    const fromFiling = parseOfficeConfig(
      `${valid + workflow}publication: { trademark: { from: filing } }\n`,
      "jo.yaml",
    );
    expect(Result.isSuccess(fromFiling)).toBe(true);
  });

  it("reports malformed YAML and unreadable files without throwing", async () => {
    expect(Result.isFailure(parseOfficeConfig("office: [unclosed", "x.yaml"))).toBe(true);
    const missing = await loadOfficeConfig("/nonexistent/office.yaml");
    expect(Result.isFailure(missing) && missing.failure.issues[0]?.message).toMatch(/cannot read/);
  });
});
