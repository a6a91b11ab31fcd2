import { Result } from "effect";
import { describe, expect, it } from "vitest";
import { defaultConfigFile, loadOfficeConfig, parseOfficeConfig, workflowsOf } from "../src/config/OfficeConfig.js";

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

  it("reports malformed YAML and unreadable files without throwing", async () => {
    expect(Result.isFailure(parseOfficeConfig("office: [unclosed", "x.yaml"))).toBe(true);
    const missing = await loadOfficeConfig("/nonexistent/office.yaml");
    expect(Result.isFailure(missing) && missing.failure.issues[0]?.message).toMatch(/cannot read/);
  });
});
