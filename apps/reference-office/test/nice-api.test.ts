import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/App.js";
import { openDatabase, type OpenDatabase } from "../src/db/Database.js";
import { silentLogger } from "../src/Logger.js";
import { referenceData } from "../src/ReferenceData.js";
import { fixedClock, omConfig } from "./support/app.js";

/** The Nice API needs no database rows: an empty embedded database is enough for the app. */
let database: OpenDatabase;
let app: ReturnType<typeof createApp>;
let bare: ReturnType<typeof createApp>;

beforeAll(async () => {
  database = await openDatabase({});
  const config = await omConfig();
  const deps = { db: database.db, config, logger: silentLogger(), clock: fixedClock("2026-11-24T09:00:00Z").clock };
  app = createApp({ ...deps, reference: referenceData() });
  // The same office with an empty reference-data folder: the app starts, the Nice endpoints say what is missing.
  bare = createApp({ ...deps, reference: referenceData(mkdtempSync(join(tmpdir(), "ipo-no-data-"))) });
});
afterAll(() => database?.close());

const get = (path: string, on = app) => on.request(path);
const post = (body: unknown, on = app, headers: Record<string, string> = { "content-type": "application/json" }) =>
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

describe("GET /api/v1/nice/classes", () => {
  it("lists the 45 classes with headings, flagging where they come from", async () => {
    const res = await get("/api/v1/nice/classes?lang=en");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.edition).toBe("12");
    expect(body.classes).toHaveLength(45);
    const c25 = body.classes[24];
    expect(c25).toMatchObject({ number: 25, kind: "goods", headingLanguage: "en", fallback: false });
    expect(c25.heading).toMatch(/clothing/i);
    // The 12th-edition list has no headings of its own: they are borrowed and the answer says from where.
    expect(c25.headingEdition).toBe("13-2026");
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
  it("answers the picker's shape with real terms, best first", async () => {
    const res = await get("/api/v1/nice/terms?q=clothing&lang=en&class=25&limit=5");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.length).toBeLessThanOrEqual(5);
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
  it("judges each term: official, wrong class, free text with suggestions", async () => {
    const res = await post({
      goodsAndServices: [
        { classNumber: 25, terms: ["clothing", "advertising", "shirts; blue widget hats"] },
        { classNumber: 35, text: "advertising;  ; marketing" },
      ],
    });
    expect(res.status).toBe(200);
    const report = await res.json();
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
    expect(report.summary).toEqual({ terms: 6, official: 4, wrongClass: 1, freeText: 1, invalid: 0 });
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
    expect((await post("goodsAndServices=x", app, { "content-type": "text/plain" })).status).toBe(415);
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

describe("without the reference data", () => {
  it("the app starts and the endpoints answer 503 naming the missing file", async () => {
    for (const res of [
      await get("/api/v1/nice/classes", bare),
      await get("/api/v1/nice/terms?q=shirts", bare),
      await post({ goodsAndServices: [{ classNumber: 25, text: "shirts" }] }, bare),
    ]) {
      expect(res.status).toBe(503);
      const problem = await res.json();
      expect(problem.type).toMatch(/reference-data-unavailable$/);
      expect(problem.detail).toContain("nice/ncl12-en-alphabetical-list.csv");
      expect(problem.detail).not.toContain(tmpdir());
    }
    expect((await get("/health", bare)).status).toBe(200);
  });
});

describe("OpenAPI", () => {
  it("documents the three endpoints with their schemas", async () => {
    const doc = await (await get("/api/v1/openapi.json")).json();
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
    expect(doc.components.schemas.NiceValidationReport).toBeDefined();
  });
});
