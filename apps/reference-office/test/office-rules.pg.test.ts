/**
 * Rules of an office's law set in its configuration without copying a workflow: filing rules (one class per trademark
 * application, as Jordan's sample sets) and a time limit of a state given another length (`rules.timeLimits`).
 */
import { Result } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadOfficeConfig, parseOfficeConfig, workflowsOf } from "../src/config/OfficeConfig.js";
import type { OpenDatabase } from "../src/db/Database.js";
import { testApp, trademarkFiling } from "./support/app.js";
import { testDatabases } from "./support/databases.js";

const jordan = new URL("../config/offices/jo.yaml", import.meta.url).pathname;

const minimal = `
office:
  code: JO
  names: { en: Jordan IP Office, ar: مديرية حماية الملكية الصناعية }
  languages: [ar, en]
  defaultLanguage: ar
  timeZone: Asia/Amman
  products: [back-office, publish]
numbering:
  applications: { trademark: "{serial}", patent: "P{serial}", industrial_design: "D{serial}", utility_model: "U{serial}" }
  registrations: { trademark: "{serial}", patent: "{serial}", industrial_design: "{serial}", utility_model: "{serial}" }
calendar: { weekend: [friday, saturday], holidays: [] }
nice: { edition: "12" }
`;

describe("time limits changed without copying a workflow", () => {
  it("gives the named time limit its new length, from the same date, and leaves the others", () => {
    const config = Result.getOrThrow(
      parseOfficeConfig(
        `${minimal}rules:\n  timeLimits:\n    trademark:\n      - { state: opposition_period, action: close_opposition_period, months: 2 }\n`,
        "jo.yaml",
      ),
    );
    const workflow = workflowsOf(config).trademark;
    const limit = workflow.states.find((s) => s.id === "opposition_period")?.timeLimits?.[0];
    expect(limit).toMatchObject({ action: "close_opposition_period", from: "publicationDate", months: 2 });
    const untouched = workflowsOf(Result.getOrThrow(parseOfficeConfig(minimal, "jo.yaml"))).trademark;
    expect(untouched.states.find((s) => s.id === "opposition_period")?.timeLimits?.[0]?.months).toBe(3);
    // Every other state is as it was.
    expect(workflow.states.filter((s) => s.id !== "opposition_period")).toEqual(
      untouched.states.filter((s) => s.id !== "opposition_period"),
    );
  });

  it("refuses a time limit the workflow does not have, or one without a length, naming the path and the choices", () => {
    const parsed = parseOfficeConfig(
      `${minimal}rules:\n  timeLimits:\n    trademark:\n      - { state: opposition_period, action: register, months: 2 }\n      - { state: opposition_period, action: close_opposition_period }\n`,
      "jo.yaml",
    );
    expect(Result.isFailure(parsed) && parsed.failure.issues).toEqual([
      expect.objectContaining({
        path: "rules.timeLimits.trademark[0]",
        message: expect.stringContaining('making "register" due'),
        fix: expect.stringContaining("opposition_period → close_opposition_period"),
      }),
      expect.objectContaining({ path: "rules.timeLimits.trademark[1]", message: "no length given" }),
    ]);
  });
});

describe.each(testDatabases)("Jordan's filing rule on $name", (target) => {
  let database: OpenDatabase;
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    database = await target.open();
    const config = Result.getOrThrow(await loadOfficeConfig(jordan));
    t = await testApp(database, undefined, { configure: () => config, rateLimits: false });
  });
  afterAll(() => database?.close());

  it("refuses a trademark application of two classes, naming the field, and files one of one class", async () => {
    const refused = await t.jsonAs("clerk", "POST", "/api/v1/applications", trademarkFiling);
    expect(refused.status).toBe(400);
    const body = JSON.stringify(await refused.json());
    expect(body).toContain("goodsAndServices");
    expect(body).toContain("one class per application");
    const one = { ...trademarkFiling, goodsAndServices: trademarkFiling.goodsAndServices.slice(0, 1) };
    const filed = await t.jsonAs("clerk", "POST", "/api/v1/applications", one);
    expect(filed.status).toBe(201);
    expect((await filed.json()).applicationNumber).toMatch(/^\d+$/);
  });
});
