/**
 * ST.27 legal status in extractions (decision 0806): each public patent's history, mapped to ST.27 key and detailed
 * events by the workflow's default and the office's `legalStatus` configuration, written beside its bibliographic
 * data as a `pat:PatentLegalStatusData` valid against PatentLegalStatusData_V6_0.xsd; a wrong override refused at
 * load with its path.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Extraction, PatentLegalStatus } from "@ipoffice/exchange";
import { Clock, Effect, Result } from "effect";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schemaFile, validateAll, withSchemaCheck } from "../../../packages/exchange/test/xmllint.js";
import { defaultConfigFile, parseOfficeConfig } from "../src/config/OfficeConfig.js";
import type { OpenDatabase } from "../src/db/Database.js";
import { makeExtractions } from "../src/extraction/Extractions.js";
import { publicFromFiling, testApp } from "./support/app.js";
import { testDatabases } from "./support/databases.js";

const applicants = [{ name: "Falaj Water Technologies LLC", country: "OM" }];
const inventors = [{ name: "Said Al Rawahi", country: "OM" }];
const schemaDocs: Array<string> = [];

/** The XML files of a patents extraction, by name. */
const entriesOf = (root: string, written: Extraction.Written): Map<string, string> => {
  const out = new Map<string, string>();
  for (const f of written.manifest.files) {
    for (const [name, bytes] of Object.entries(unzipSync(readFileSync(join(root, f.path))))) {
      out.set(name, strFromU8(bytes));
    }
  }
  return out;
};

describe.each(testDatabases)("ST.27 legal status in extractions on $name", (target) => {
  let database: OpenDatabase;
  let t: Awaited<ReturnType<typeof testApp>>;
  const numbers: Record<string, { applicationNumber: string; st13: string }> = {};
  const folders: Array<string> = [];
  const folder = () => {
    const f = mkdtempSync(join(tmpdir(), "extraction-st27-"));
    folders.push(f);
    return f;
  };
  const act = async (name: string, role: string, action: string, extra: Record<string, unknown> = {}) => {
    const number = encodeURIComponent(numbers[name]?.applicationNumber ?? "");
    const res = await t.jsonAs(role, "POST", `/api/v1/applications/${number}/actions`, { action, ...extra });
    expect(res.status, action).toBe(200);
  };

  beforeAll(async () => {
    database = await target.open();
    t = await testApp(database, "2026-03-02T09:00:00Z", { publication: publicFromFiling });
    for (const [name, title] of [
      ["searched", "Solar membrane distillation unit"],
      ["withdrawn", "Withdrawn heat exchanger"],
    ] as const) {
      const res = await t.jsonAs("clerk", "POST", "/api/v1/applications", {
        kind: "patent",
        title,
        claimsCount: 4,
        applicants,
        inventors,
      });
      expect(res.status).toBe(201);
      numbers[name] = await res.json();
    }
    t.time.set("2026-03-03T09:00:00Z");
    await act("searched", "clerk", "accord_filing_date");
    await act("searched", "formality_examiner", "formalities_compliant");
    await act("searched", "classifier", "classification_checked");
    t.time.set("2026-03-09T09:00:00Z");
    await act("searched", "examiner", "complete_search");
    await act("withdrawn", "clerk", "withdraw", { reason: "The applicant withdrew the application by letter." });
    t.time.set("2026-03-20T09:00:00Z");
  });
  afterAll(async () => {
    await database?.close();
    for (const f of folders) rmSync(f, { recursive: true, force: true });
  });

  const ok = async <A, E>(effect: Effect.Effect<A, E>) => {
    const r = await Effect.runPromise(Effect.result(Effect.provideService(effect, Clock.Clock, t.time.clock)));
    if (Result.isFailure(r)) throw new Error(JSON.stringify(r.failure));
    return r.success;
  };

  it("writes each patent's ST.27 events from its history beside its bibliographic data", async () => {
    const root = folder();
    const [written] = await ok(makeExtractions(database.db, t.config).full({ folder: root, collections: ["patents"] }));
    const entries = entriesOf(root, written as Extraction.Written);
    const st13 = (name: string) => (numbers[name]?.st13 ?? "").replace(/[^A-Za-z0-9]/g, "");
    expect([...entries.keys()].sort()).toEqual(
      [
        `${st13("searched")}.xml`,
        `${st13("searched")}_LEGAL_STATUS.xml`,
        `${st13("withdrawn")}.xml`,
        `${st13("withdrawn")}_LEGAL_STATUS.xml`,
      ].sort(),
    );
    const read = (name: string) => {
      const r = PatentLegalStatus.read(entries.get(`${st13(name)}_LEGAL_STATUS.xml`) ?? "");
      if (Result.isFailure(r)) throw new Error(r.failure.message);
      schemaDocs.push(entries.get(`${st13(name)}_LEGAL_STATUS.xml`) ?? "");
      return r.success.records[0]?.record;
    };
    const searched = read("searched");
    expect(searched).toMatchObject({ officeCode: "OM", applicationNumber: numbers.searched?.applicationNumber });
    // filed (A12), then the search report (D14); the steps in between are no change of legal status
    expect(
      searched?.events.map((e) => [e.date, e.keyEvent, e.detailedEvent, e.state, e.previousStage, e.currentStage]),
    ).toEqual([
      ["2026-03-02", "A10", "A12", "A", "0", "1"],
      ["2026-03-09", "D10", "D14", "A", "2", "2"],
    ]);
    expect(searched?.events.map((e) => e.nationalCode)).toEqual(["file", "complete_search"]);
    const withdrawn = read("withdrawn");
    // withdrawn by the applicant (B11): terminated, nothing leaves the state
    expect(withdrawn?.events.at(-1)).toMatchObject({
      date: "2026-03-09",
      keyEvent: "B10",
      detailedEvent: "B11",
      state: "T",
      currentStage: "6",
    });
  });

  it("holds only the events up to the extraction's day", async () => {
    const root = folder();
    const [written] = await ok(
      makeExtractions(database.db, t.config).full({ folder: root, date: "2026-03-05", collections: ["patents"] }),
    );
    const entries = entriesOf(root, written as Extraction.Written);
    const st13 = (numbers.searched?.st13 ?? "").replace(/[^A-Za-z0-9]/g, "");
    const r = PatentLegalStatus.read(entries.get(`${st13}_LEGAL_STATUS.xml`) ?? "");
    expect(Result.isSuccess(r) && r.success.records[0]?.record.events.map((e) => e.detailedEvent)).toEqual(["A12"]);
  });

  it("follows the office's override: its own codes for an action, an event left out", async () => {
    const config = {
      ...t.config,
      legalStatus: {
        patent: {
          events: { complete_search: { keyEvent: "D10", detailedEvent: "D13", indicator: "SRH" }, withdraw: "omit" },
        },
      },
    } as typeof t.config;
    const root = folder();
    const [written] = await ok(makeExtractions(database.db, config).full({ folder: root, collections: ["patents"] }));
    const entries = entriesOf(root, written as Extraction.Written);
    const codes = (name: string) => {
      const st13 = (numbers[name]?.st13 ?? "").replace(/[^A-Za-z0-9]/g, "");
      const r = PatentLegalStatus.read(entries.get(`${st13}_LEGAL_STATUS.xml`) ?? "");
      return Result.isSuccess(r) ? r.success.records[0]?.record.events.map((e) => e.detailedEvent) : r.failure.message;
    };
    expect(codes("searched")).toEqual(["A12", "D13"]);
    expect(codes("withdrawn")).toEqual(["A12"]);
  });

  it("refuses at load an override naming no action or state of the workflow, or a detailed event of another key, with its path", () => {
    const base = readFileSync(defaultConfigFile, "utf8");
    const bad = parseOfficeConfig(
      `${base}\nlegalStatus:\n  patent:\n    events:\n      grnat: { keyEvent: F10, detailedEvent: F11 }\n    states:\n      in_froce: { state: A, stage: "4" }\n`,
      defaultConfigFile,
    );
    expect(Result.isFailure(bad) && bad.failure.issues).toEqual(
      expect.arrayContaining([
        { path: "legalStatus.patent.events.grnat", message: expect.stringContaining("is not an action of the patent") },
        {
          path: "legalStatus.patent.states.in_froce",
          message: expect.stringContaining("is not a state of the patent"),
        },
      ]),
    );
    const wrongKey = parseOfficeConfig(
      `${base}\nlegalStatus:\n  utility_model:\n    events:\n      register: { keyEvent: F10, detailedEvent: H13 }\n`,
      defaultConfigFile,
    );
    expect(Result.isFailure(wrongKey) && JSON.stringify(wrongKey.failure.issues)).toMatch(
      /legalStatus\.utility_model\.events\.register.*H13 belongs to key event H10/,
    );
    const good = parseOfficeConfig(
      `${base}\nlegalStatus:\n  patent:\n    events:\n      grant: { keyEvent: F10, detailedEvent: F11, indicator: EXM }\n      transfer: { keyEvent: R10, detailedEvent: R11 }\n`,
      defaultConfigFile,
    );
    expect(Result.isFailure(good) && good.failure.issues).toBe(false);
  });

  it(withSchemaCheck("writes legal status valid against PatentLegalStatusData_V6_0.xsd"), () => {
    expect(schemaDocs.length).toBeGreaterThan(0);
    for (const r of validateAll(schemaFile("PatentLegalStatusData"), schemaDocs)) {
      expect(r.messages).toEqual([]);
      expect(r.valid).toBe(true);
    }
  });
});
