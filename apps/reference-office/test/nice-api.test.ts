import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { needs } from "../../../test-support/reference-data.js";
import { createApp } from "../src/App.js";
import type { OfficeConfig } from "../src/config/OfficeConfig.js";
import { openDatabase, type OpenDatabase } from "../src/db/Database.js";
import { createLogger, silentLogger } from "../src/Logger.js";
import { unavailableProblem } from "../src/nice/api.js";
import { loadNiceReference } from "../src/nice/NiceReference.js";
import { referenceData } from "../src/ReferenceData.js";
import { fixedClock, omConfig, withoutRateLimits } from "./support/app.js";

/**
 * The Nice API needs no database rows: an empty embedded database is enough for the app. Most tests run the office on
 * the edition shipped with the project (an empty reference-data folder), so they run alike on a bare clone and with
 * the reference data; the tests of the 12th-edition list need its files.
 */
let database: OpenDatabase;
let config: OfficeConfig;
let shipped: ReturnType<typeof createApp>;
const emptyFolder = () => mkdtempSync(join(tmpdir(), "ipo-no-data-"));
const appOn = (dir: string, office: OfficeConfig = config, logger = silentLogger()) =>
  createApp({
    db: database.db,
    // Many searches and validations from one client: the rate limits are tested on their own.
    config: withoutRateLimits(office),
    logger,
    reference: referenceData(dir),
    clock: fixedClock("2026-11-24T09:00:00Z").clock,
  });

beforeAll(async () => {
  database = await openDatabase({});
  config = await omConfig();
  shipped = appOn(emptyFolder());
});
afterAll(() => database?.close());

const get = (path: string, on = shipped) => on.request(path);
const post = (body: unknown, on = shipped, headers: Record<string, string> = { "content-type": "application/json" }) =>
  on.request("/api/v1/nice/validate", {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

interface Verdict {
  path: string;
  kind: string;
  severity: string;
  classNumber: number;
  text: string;
  basicNumber?: string | null;
  officialClass?: number;
  suggestions?: Array<{ classNumber: number; text: string }>;
}

const shippedEdition = {
  id: "10-2015",
  label: "Nice 10th edition, version 2015 (English): class headings and alphabetical list",
  tier: "shipped",
  source: "kemitchell/nice-classification.json @ 52650716 (nice/ncl10-2015-en.json)",
  licence: "CC0-1.0",
  notice: null,
};

describe("the edition in use, on the edition shipped with the project", () => {
  it("GET /api/v1/nice/edition says which edition, where it came from, and what the office lacks", async () => {
    const res = await get("/api/v1/nice/edition");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      ...shippedEdition,
      requested: "newest",
      terms: 8137,
      languages: ["en"],
      headings: null,
    });
    expect(body.sources).toEqual([
      {
        content: "class headings and alphabetical list (en)",
        file: "nice/ncl10-2015-en.json",
        origin: "kemitchell/nice-classification.json @ 52650716",
        licence: "CC0-1.0",
        tier: "shipped",
      },
    ]);
    expect(body.missing).toEqual([
      "nice/ncl12-en-alphabetical-list.csv not found in the reference-data folder",
      "nice/ncl13-2026-class-headings-en.json not found in the reference-data folder",
    ]);
    expect(JSON.stringify(body)).not.toContain(tmpdir());
  });

  it("an edition the configuration names but the office lacks: the newest it has, with a notice and a warning", async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = createLogger({
      level: "info",
      destination: { write: (line: string) => lines.push(JSON.parse(line)) },
    });
    const app = appOn(emptyFolder(), { ...config, nice: { edition: "12" } }, logger);
    const body = await (await get("/api/v1/nice/classes?lang=en", app)).json();
    expect(body.edition).toEqual({
      ...shippedEdition,
      notice:
        "edition 12 is unavailable: nice/ncl12-en-alphabetical-list.csv not found in the reference-data folder; using 10-2015, the newest edition available",
    });
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: "warn",
        requested: "12",
        edition: "10-2015",
        msg: "Nice edition: not the one configured; the newest the office has is used",
      }),
    );
    expect(lines).toContainEqual(
      expect.objectContaining({ level: "info", edition: "10-2015", licence: "CC0-1.0", msg: "Nice edition in use" }),
    );
  });

  it("a corrupt 12 list is refused with its file, line and field; the office keeps the shipped edition", async () => {
    const dir = emptyFolder();
    mkdirSync(join(dir, "nice"));
    writeFileSync(
      join(dir, "nice/ncl12-en-alphabetical-list.csv"),
      "basic_number,class_number,term,language\n250042,25,shirts,en\n25x,25,hats,en\n",
    );
    const lines: Array<Record<string, unknown>> = [];
    const logger = createLogger({
      level: "info",
      destination: { write: (line: string) => lines.push(JSON.parse(line)) },
    });
    const app = appOn(dir, config, logger);
    const body = await (await get("/api/v1/nice/edition", app)).json();
    expect(body.id).toBe("10-2015");
    const refused = 'nice/ncl12-en-alphabetical-list.csv:3: basic_number: "25x" is not a 6-digit number';
    expect(body.refused).toEqual([refused]);
    expect(body.missing).toEqual(["nice/ncl13-2026-class-headings-en.json not found in the reference-data folder"]);
    expect(lines).toContainEqual(expect.objectContaining({ level: "warn", refused }));
    const report = await (await post({ goodsAndServices: [{ classNumber: 25, text: "shirts" }] }, app)).json();
    expect(report).toMatchObject({ valid: true, edition: { id: "10-2015" } });
  });

  it("503 when no edition can be loaded at all (a broken installation), naming why without server paths", () => {
    const nice = loadNiceReference("newest", "/srv/data", () => {
      throw new Error("cannot read /srv/data/../data/ncl10-2015-en.json");
    });
    expect(nice._tag).toBe("Unavailable");
    if (nice._tag !== "Unavailable") return;
    const problem = unavailableProblem(nice);
    expect(problem.status).toBe(503);
    expect(problem.type).toMatch(/reference-data-unavailable$/);
    expect(problem.detail).toContain("ncl10-2015-en.json");
    expect(problem.detail).not.toContain("/srv/data");
  });
});

describe("GET /api/v1/nice/classes", () => {
  it("lists the 45 classes with headings, naming the edition and where the headings come from", async () => {
    const res = await get("/api/v1/nice/classes?lang=en");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.edition).toEqual(shippedEdition);
    expect(body.classes).toHaveLength(45);
    expect(body.classes[24]).toEqual({
      number: 25,
      kind: "goods",
      heading: "Clothing, footwear, headgear.",
      headingLanguage: "en",
      fallback: false,
      headingEdition: "10-2015",
    });
    expect(body.classes[34].kind).toBe("services");
  });

  it("falls back to English for a language without headings, and says so", async () => {
    const body = await (await get("/api/v1/nice/classes?lang=ar")).json();
    expect(body.language).toBe("ar");
    expect(body.classes[0]).toMatchObject({ headingLanguage: "en", fallback: true });
  });

  it("400 for a malformed language", async () => {
    const res = await get("/api/v1/nice/classes?lang=<script>");
    expect(res.status).toBe(400);
    expect((await res.json()).errors.map((e: { path: string }) => e.path)).toEqual(["lang"]);
  });
});

describe("GET /api/v1/nice/terms", () => {
  it("answers the picker's shape with real terms, best first, naming the edition", async () => {
    const res = await get("/api/v1/nice/terms?q=clothing&lang=en&class=25&limit=5");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.edition).toEqual(shippedEdition);
    expect(body.items.length).toBe(5);
    expect(body.items[0]).toEqual({
      basicNumber: "250045",
      classNumber: 25,
      text: "clothing*",
      language: "en",
      matchKind: "exact",
    });
    for (const item of body.items) expect(item.classNumber).toBe(25);
  });

  it("takes classes repeated or comma-separated", async () => {
    const repeated = await (await get("/api/v1/nice/terms?q=bags&class=18&class=22&limit=50")).json();
    const commas = await (await get("/api/v1/nice/terms?q=bags&class=18,22&limit=50")).json();
    expect(repeated.items).toEqual(commas.items);
    const classes = new Set(repeated.items.map((i: { classNumber: number }) => i.classNumber));
    expect([...classes].sort()).toEqual([18, 22]);
  });

  it("searches English when the edition has no terms in the language asked for, and flags it", async () => {
    const body = await (await get("/api/v1/nice/terms?q=hotel&lang=ar")).json();
    expect(body).toMatchObject({ language: "en", fallback: true });
    expect(body.items.some((i: { classNumber: number }) => i.classNumber === 43)).toBe(true);
  });

  it("finds a term with a typo", async () => {
    const body = await (await get("/api/v1/nice/terms?q=acommodation&class=43")).json();
    expect(body.items[0].text).toMatch(/accommodation/);
  });

  it("400 naming each bad parameter", async () => {
    const res = await get(`/api/v1/nice/terms?q=${"a".repeat(201)}&class=46&class=x&limit=51`);
    expect(res.status).toBe(400);
    const problem = await res.json();
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const paths = problem.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["q", "class[0]", "class[1]", "limit"]));
    const missing = await get("/api/v1/nice/terms");
    expect(missing.status).toBe(400);
    expect((await missing.json()).errors[0].path).toBe("q");
  });

  it("never fails on arbitrary queries", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), async (q) => {
        const res = await get(`/api/v1/nice/terms?q=${encodeURIComponent(q)}&limit=3`);
        expect(res.status).toBe(200);
        expect((await res.json()).items.length).toBeLessThanOrEqual(3);
      }),
      { numRuns: 60 },
    );
  });
});

describe("POST /api/v1/nice/validate", () => {
  it("judges each term: official, wrong class, free text with suggestions; the report names the edition", async () => {
    const res = await post({
      goodsAndServices: [
        { classNumber: 25, terms: ["clothing", "advertising", "shirts; blue widget hats"] },
        { classNumber: 35, text: "advertising;  ; marketing" },
      ],
    });
    expect(res.status).toBe(200);
    const report = await res.json();
    expect(report.edition).toEqual(shippedEdition);
    const v: Verdict[] = report.verdicts;
    expect(v.map((x) => [x.path, x.text, x.kind, x.severity])).toEqual([
      ["goodsAndServices[0].terms[0]", "clothing", "official", "ok"],
      ["goodsAndServices[0].terms[1]", "advertising", "wrong-class", "error"],
      ["goodsAndServices[0].terms[2]", "shirts", "official", "ok"],
      ["goodsAndServices[0].terms[2]", "blue widget hats", "free-text", "warning"],
      ["goodsAndServices[1].text", "advertising", "official", "ok"],
      ["goodsAndServices[1].text", "marketing", "official", "ok"],
    ]);
    expect(v[0]?.basicNumber).toBe("250045"); // "clothing*" in the list
    expect(v[1]?.officialClass).toBe(35);
    expect(v[3]?.suggestions?.[0]?.classNumber).toBe(25);
    expect(v[3]?.suggestions?.some((s) => /hat/.test(s.text))).toBe(true);
    expect(report.valid).toBe(false);
    expect(report.summary).toEqual({ terms: 6, official: 4, wrongClass: 1, vague: 0, freeText: 1, invalid: 0 });
    // Checked against the shipped 10-2015 list; a class filed today (2026-11-24) records NCL 13-2026.
    expect(report.editionInForce).toEqual({ id: "13-2026", date: "2026-11-24" });
  });

  it("accepts a term with alternative wordings whole and in either wording, naming the wording matched", async () => {
    const report = await (
      await post({ goodsAndServices: [{ classNumber: 35, terms: ["advertising / publicity", "Publicity"] }] })
    ).json();
    expect(report.verdicts.map((v: Verdict & { wording?: string }) => [v.kind, v.basicNumber, v.wording])).toEqual([
      ["official", "350039", "advertising / publicity"],
      ["official", "350039", "publicity"],
    ]);
  });

  it("refuses or queries vague wordings by the office's policy, naming the rule and its source", async () => {
    const res = await post({
      goodsAndServices: [
        { classNumber: 7, text: "machines" },
        { classNumber: 25, text: "all goods in this class" },
        { classNumber: 35, text: "retail services; retail services in relation to clothing" },
        { classNumber: 12, text: "accessories" },
      ],
    });
    const report = await res.json();
    const v = report.verdicts as Array<Verdict & { outcome?: string; rule?: string; source?: string }>;
    expect(v.map((x) => [x.text, x.kind, x.outcome, x.rule, x.severity])).toEqual([
      ["machines", "vague", "refuse", "heading-7-machines", "error"],
      ["all goods in this class", "vague", "refuse", "whole-class", "error"],
      ["retail services", "vague", "refuse", "retail-unspecified", "error"],
      ["retail services in relation to clothing", "free-text", undefined, undefined, "warning"],
      ["accessories", "vague", "query", "vague-alone", "warning"],
    ]);
    expect(v[0]?.source).toContain("Common Communication");
    expect(v[2]?.source).toContain("C-418/02");
    expect(report.summary.vague).toBe(4);
    expect(report.valid).toBe(false);
    // An office whose configuration checks no general indications
    const lenient = appOn(emptyFolder(), { ...config, nice: { ...config.nice, generalIndications: { rules: [] } } });
    const none = await (await post({ goodsAndServices: [{ classNumber: 7, text: "machines" }] }, lenient)).json();
    expect(none.verdicts[0].kind).toBe("free-text");
  });

  it("takes the filing shape alone, with paths from the list", async () => {
    const res = await post([{ classNumber: 25, terms: ["clothing*", { text: "hats", basicNumber: "250046" }] }]);
    expect(res.status).toBe(200);
    const report = await res.json();
    expect(report.verdicts.map((v: Verdict) => [v.path, v.kind])).toEqual([
      ["[0].terms[0]", "official"],
      ["[0].terms[1]", "official"],
    ]);
    const bad = await post([{ classNumber: 0, terms: ["hats"] }]);
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors.map((e: { path: string }) => e.path)).toEqual(["[0].classNumber"]);
  });

  it("is valid with free text only (a warning), and flags an empty class as an error", async () => {
    const ok = await (
      await post({ goodsAndServices: [{ classNumber: 9, text: "computer software; magic boxes" }] })
    ).json();
    expect(ok.valid).toBe(true);
    const empty = await (await post({ goodsAndServices: [{ classNumber: 9, terms: [] }] })).json();
    expect(empty.valid).toBe(false);
    expect(empty.verdicts[0]).toMatchObject({
      kind: "invalid",
      reason: "empty-text",
      path: "goodsAndServices[0].terms",
    });
  });

  it("400 with the path of every bad field", async () => {
    const res = await post({
      goodsAndServices: [{ classNumber: 46, text: "x" }, { classNumber: 3 }, { classNumber: "25", terms: [7] }],
      extra: 1,
    });
    expect(res.status).toBe(400);
    const paths = (await res.json()).errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "goodsAndServices[0].classNumber",
        "goodsAndServices[1].terms",
        "goodsAndServices[2].classNumber",
        "goodsAndServices[2].terms[0]",
        "extra",
      ]),
    );
    expect((await post({ goodsAndServices: "shirts" })).status).toBe(400);
    expect((await post("{")).status).toBe(400);
    expect((await post("goodsAndServices=x", shipped, { "content-type": "text/plain" })).status).toBe(415);
  });

  it("413 for a list beyond the limits and for a body beyond 1 MiB", async () => {
    const many = await post({ goodsAndServices: [{ classNumber: 25, text: Array(5001).fill("shirts").join(";") }] });
    expect(many.status).toBe(413);
    const problem = await many.json();
    expect(problem).toMatchObject({ title: "List too large", terms: 5001 });
    const huge = await post({ goodsAndServices: [{ classNumber: 25, text: "x".repeat(1_100_000) }] });
    expect(huge.status).toBe(413);
    expect((await huge.json()).title).toBe("Payload too large");
  });

  it("holds one check to 100 classes, 250 terms and 50,000 characters, named in the 413; a huge list is refused undecoded", async () => {
    const atLimit = Array.from({ length: 50 }, (_, i) => ({
      classNumber: (i % 45) + 1,
      terms: Array(5).fill("shirts"),
    }));
    expect((await post({ goodsAndServices: atLimit })).status).toBe(200);
    const over = await post({ goodsAndServices: [...atLimit, { classNumber: 25, terms: ["hats"] }] });
    expect(over.status).toBe(413);
    expect(await over.json()).toMatchObject({
      type: "https://ipoffice.dev/problems/list-too-large",
      terms: 251,
      limits: { classes: 100, terms: 250, characters: 50_000 },
    });
    const long = await post({ goodsAndServices: [{ classNumber: 25, terms: ["x".repeat(50_001)] }] });
    expect((await long.json()).characters).toBe(50_001);
    const classes = await post(Array.from({ length: 101 }, () => ({ classNumber: 25, text: "shirts" })));
    expect((await classes.json()).classes).toBe(101);
    // 200,000 entries in a body under 1 MiB: counted, not decoded, and refused at once.
    const started = performance.now();
    const tiny = await post({ goodsAndServices: [{ classNumber: 1, terms: Array(200_000).fill("a") }] });
    expect(tiny.status).toBe(413);
    expect((await tiny.json()).terms).toBe(200_000);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("answers every well-formed list with a report, whatever the text", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ classNumber: fc.integer({ min: 1, max: 45 }), text: fc.string({ maxLength: 80 }) }), {
          maxLength: 5,
        }),
        async (goodsAndServices) => {
          const res = await post({ goodsAndServices });
          expect(res.status).toBe(200);
          const report = await res.json();
          expect(report.verdicts.length).toBeGreaterThanOrEqual(goodsAndServices.length);
        },
      ),
      { numRuns: 40 },
    );
  });
});

const newest = needs(
  "nice/ncl12-en-alphabetical-list.csv",
  "nice/bg-alphabetical-lists-by-class.json",
  "nice/ncl13-2026-class-headings-en.json",
);

describe.skipIf(newest.skip)(newest.title("with the reference data: the newest edition it has, 12"), () => {
  const withData = () => appOn(referenceData().dir);

  it("uses 12, saying its sources and licences, with the 13-2026 headings", async () => {
    const edition = await (await get("/api/v1/nice/edition", withData())).json();
    expect(edition).toMatchObject({
      id: "12",
      tier: "reference-data",
      licence: "GPL-3.0 AND EUPL-1.2",
      notice: null,
      terms: 10029,
      languages: ["bg", "en"],
      headings: { id: "13-2026", licence: "MIT" },
      missing: [],
      refused: [],
    });
    expect(edition.source).toBe(
      "nicemagician/nice-classification @ 4417e657, data/alphabetical_list.csv (nice/ncl12-en-alphabetical-list.csv); governmentbg/bpo-eservices @ e1307b6e (nice/bg-alphabetical-lists-by-class.json)",
    );
    const classes = await (await get("/api/v1/nice/classes?lang=en", withData())).json();
    expect(classes.edition.id).toBe("12");
    // The 12th-edition list has no headings of its own: they are borrowed and the answer says from where.
    expect(classes.classes[24]).toMatchObject({ number: 25, headingEdition: "13-2026", fallback: false });
    expect(classes.classes[24].heading).toMatch(/clothing/i);
  });

  it("searches and validates against the 12 list", async () => {
    const hits = await (await get("/api/v1/nice/terms?q=hotel%20accommodation&class=43&limit=1", withData())).json();
    expect(hits.items[0]).toMatchObject({ basicNumber: "430073", text: "hotel accommodation services" });
    const report = await (
      await post({ goodsAndServices: [{ classNumber: 25, text: "обувки; clothing" }] }, withData())
    ).json();
    expect(report.edition.id).toBe("12");
    expect(report.verdicts.map((v: Verdict) => [v.kind, v.basicNumber])).toEqual([
      ["official", null],
      ["official", "250045"],
    ]);
  });
});

describe("OpenAPI", () => {
  it("documents the four endpoints with their schemas, the edition in each answer", async () => {
    const doc = await (await get("/api/v1/openapi.json")).json();
    expect(doc.paths["/api/v1/nice/edition"].get.responses["200"].content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/NiceEdition",
    });
    expect(doc.paths["/api/v1/nice/classes"].get).toBeDefined();
    expect(doc.paths["/api/v1/nice/terms"].get.parameters.map((p: { name: string }) => p.name)).toEqual([
      "q",
      "lang",
      "class",
      "limit",
    ]);
    expect(doc.paths["/api/v1/nice/validate"].post.requestBody.content["application/json"].schema).toEqual({
      $ref: "#/components/schemas/NiceValidationRequest",
    });
    const schemas = doc.components.schemas;
    for (const name of ["NiceEdition", "NiceClasses", "NiceTerms", "NiceValidationReport"])
      expect(JSON.stringify(schemas[name]), name).toContain('"licence"');
  });
});
