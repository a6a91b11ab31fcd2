/**
 * Documents on records (decision 0901): letters and certificates issued from the office's templates, stored with the
 * record, listed in its history, served as issued; the public reaches them only where the publication rule shows the
 * right; templates are checked at load and previewed by staff. Bad input answers 4xx and writes nothing.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { Template } from "@ipoffice/documents";
import fc from "fast-check";
import YAML from "yaml";
import { Result } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseOfficeConfig } from "../src/config/OfficeConfig.js";
import type { OpenDatabase } from "../src/db/Database.js";
import { omConfig, testApp, trademarkFiling } from "./support/app.js";
import { testDatabases } from "./support/databases.js";

// poppler-utils' pdftotext (installed by CI) reads PDFs back; without it (outside CI) the text checks are left out.
const hasPdftotext = spawnSync("pdftotext", ["-v"]).error === undefined || process.env.CI === "true";
const pdfLines = (bytes: ArrayBuffer) =>
  spawnSync("pdftotext", ["-", "-"], { input: Buffer.from(bytes), encoding: "utf8" })
    .stdout.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .split("\n")
    .map((l) => l.replace(/\s+/g, " ").trim())
    .filter((l) => l !== "");

describe.each(testDatabases)("documents on records on $name", (target) => {
  let database: OpenDatabase;
  let t: Awaited<ReturnType<typeof testApp>>;
  let number: string;
  let st13: string;
  const act = (role: string, body: unknown) =>
    t.jsonAs(role, "POST", `/api/v1/applications/${encodeURIComponent(number)}/actions`, body);
  const issue = (body: unknown, role = "examiner") =>
    t.jsonAs(role, "POST", `/api/v1/applications/${st13}/documents`, body);
  const rows = async () =>
    Number(
      (
        await database.db
          .selectFrom("documents")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    database = await target.open();
    t = await testApp(database, undefined, { rateLimits: false });
    const filed = await (await t.jsonAs("clerk", "POST", "/api/v1/applications", trademarkFiling)).json();
    number = filed.applicationNumber;
    st13 = filed.st13;
  });
  afterAll(() => database?.close());

  it("issues a formality objection in Arabic, stored with the record, its grounds and values in the PDF", async () => {
    const res = await issue(
      { kind: "formality-objection", language: "ar", grounds: "لم تدفع رسوم الفئة الثانية" },
      "formality_examiner",
    );
    expect(res.status).toBe(201);
    const issued = await res.json();
    expect(issued).toMatchObject({ kind: "formality-objection", language: "ar", applicationNumber: number });
    expect(issued.title).toBe(`اعتراض شكلي ${number}`);
    const pdf = await t.jsonAs("examiner", "GET", res.headers.get("location") ?? "");
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    if (hasPdftotext) {
      const lines = pdfLines(await pdf.arrayBuffer());
      expect(lines).toContain("اعتراض شكلي");
      expect(lines).toContain("لم تدفع رسوم الفئة الثانية");
      expect(lines.join(" ")).toContain("Al Habsi Trading LLC; Al Kindi Foods LLC");
    }
    const listed = await (await t.jsonAs("examiner", "GET", `/api/v1/applications/${st13}/documents`)).json();
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0].issuedBy).toBeDefined();
  });

  it("the audit trail records the issue with the PDF's hash", async () => {
    const audit = await database.db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "documents.issue")
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(audit[0])).toMatch(/"sha256"/);
  });

  it("refuses a certificate before registration and a language the office does not offer, writing nothing", async () => {
    const before = await rows();
    const early = await issue({ kind: "certificate", language: "en" });
    expect(early.status).toBe(409);
    expect((await early.json()).detail).toContain("is not registered");
    const german = await issue({ kind: "grant", language: "de" });
    expect(german.status).toBe(400);
    expect((await issue({ kind: "certificat", language: "en" })).status).toBe(400);
    expect(await rows()).toBe(before);
  });

  it("keeps the public out of an unpublished record's documents (same answer as an unknown number)", async () => {
    const list = await t.raw.request(`/api/v1/applications/${st13}/documents`);
    expect(list.status).toBe(404);
    const unknown = await t.raw.request("/api/v1/applications/OM-T-2099-999999/documents");
    expect(unknown.status).toBe(404);
    expect(await list.json()).toMatchObject({ status: 404 });
  });

  it("after registration: a certificate in Arabic and English, listed on the public record page without who issued it", async () => {
    for (const [role, action] of [
      ["clerk", "accord_filing_date"],
      ["formality_examiner", "formalities_compliant"],
      ["classifier", "classification_checked"],
    ] as const)
      expect((await act(role, { action })).status).toBe(200);
    expect(
      (
        await act("examiner", {
          action: "examine",
          classDecisions: [
            { classNumber: 25, decision: "accept" },
            { classNumber: 35, decision: "accept" },
          ],
        })
      ).status,
    ).toBe(200);
    expect((await act("registrar", { action: "publish" })).status).toBe(200);
    t.time.set("2026-07-15T09:00:00Z");
    await t.jsonAs("registrar", "POST", "/api/v1/time-limits/run");
    const registered = await act("registrar", { action: "register" });
    expect(registered.status).toBe(200);
    const registration = (await registered.json()).right.registration.number as string;

    const ar = await issue({ kind: "certificate", language: "ar" }, "registrar");
    expect(ar.status).toBe(201);
    const en = await issue({ kind: "certificate", language: "en" }, "registrar");
    expect(en.status).toBe(201);
    if (hasPdftotext) {
      const arText = pdfLines(await (await t.raw.request(ar.headers.get("location") ?? "")).arrayBuffer());
      expect(arText).toContain("شهادة تسجيل");
      expect(arText).toContain("رقم التسجيل");
      expect(arText).toContain(registration);
      expect(arText).toContain("NAKHLA");
      const enText = pdfLines(await (await t.raw.request(en.headers.get("location") ?? "")).arrayBuffer());
      expect(enText).toContain("Certificate of registration");
      expect(enText.join(" ")).toContain("25: clothing; footwear; headgear");
    }
    // Public now: the record page lists the documents, the API too, without the staff member.
    const publicList = await (await t.raw.request(`/api/v1/applications/${st13}/documents`)).json();
    expect(publicList.items.map((d: { kind: string }) => d.kind)).toEqual([
      "formality-objection",
      "certificate",
      "certificate",
    ]);
    expect(publicList.items.every((d: { issuedBy?: string }) => d.issuedBy === undefined)).toBe(true);
    const page = await (await t.raw.request(`/records/${st13}?lang=ar`)).text();
    expect(page).toContain("المستندات الصادرة");
    expect(page).toContain(`/api/v1/applications/${st13}/documents/`);
    expect(page).toContain(`شهادة تسجيل ${registration}`);
  });

  it("staff issue from the record page (a form with the session's CSRF token) and see it in the history", async () => {
    const s = await t.session("registrar");
    const res = await t.raw.request(`/office/records/${st13}/documents?lang=en`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: s.cookie },
      body: new URLSearchParams([
        ["kind", "grant"],
        ["language", "en"],
        ["_csrf", s.csrf],
      ]).toString(),
    });
    expect(res.status).toBe(303);
    const location = res.headers.get("location") ?? "";
    expect(location).toContain("issued=");
    const page = await (await t.raw.request(location, { headers: { cookie: s.cookie } })).text();
    expect(page).toContain("Issued: Notice of registration");
    expect(page).toContain("Documents issued");
    expect(page).toContain('name="kind"');
    // Nothing but a registered language or kind is accepted from the form either.
    const bad = await t.raw.request(`/office/records/${st13}/documents?lang=en`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: s.cookie },
      body: new URLSearchParams([
        ["kind", "<script>"],
        ["_csrf", s.csrf],
      ]).toString(),
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).not.toContain("<script>");
  });

  it("previews every template with sample values; an unknown kind or language is 404", async () => {
    const s = await t.session("examiner");
    const page = await (await t.raw.request("/office/templates?lang=ar", { headers: { cookie: s.cookie } })).text();
    expect(page).toContain("قوالب المستندات");
    expect(page).toContain("/office/templates/renewal-reminder/ar");
    const pdf = await t.raw.request("/office/templates/renewal-reminder/ar", { headers: { cookie: s.cookie } });
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    if (hasPdftotext) expect(pdfLines(await pdf.arrayBuffer())).toContain("تذكير بالتجديد");
    expect((await t.raw.request("/office/templates/nope/ar", { headers: { cookie: s.cookie } })).status).toBe(404);
    expect((await t.raw.request("/office/templates/grant/de", { headers: { cookie: s.cookie } })).status).toBe(404);
  });

  it("any JSON body is answered 201 or 4xx, never 5xx; refusals write nothing", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.anything(),
          fc.record(
            {
              kind: fc.oneof(fc.constantFrom("grant", "renewal-reminder", "provisional-refusal"), fc.string()),
              language: fc.oneof(fc.constantFrom("ar", "en", "de"), fc.string()),
              grounds: fc.string({ unit: "binary", maxLength: 500 }),
              legalBasis: fc.string({ maxLength: 50 }),
            },
            { requiredKeys: [] },
          ),
        ),
        async (body) => {
          const before = await rows();
          const res = await issue(body === undefined ? "null" : body);
          expect(res.status).toBeLessThan(500);
          if (res.status !== 201) expect(await rows()).toBe(before);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe("document templates in the office configuration", () => {
  it("a template with an unknown placeholder or another language stops the load, naming the path", async () => {
    const config = await omConfig();
    const yaml = JSON.stringify({
      ...config,
      fees: undefined,
      documents: {
        templates: {
          grant: {
            ar: { title: "إشعار {{registrationNumbr}}", blocks: [{ paragraph: "x" }] },
            de: { title: "Mitteilung", blocks: [{ paragraph: "x" }] },
          },
        },
      },
    });
    const parsed = parseOfficeConfig(yaml, "office.json");
    expect(Result.isFailure(parsed)).toBe(true);
    if (Result.isSuccess(parsed)) return;
    const paths = parsed.failure.issues.map((i) => i.path);
    expect(paths).toContain("documents.templates.grant.ar.title");
    expect(parsed.failure.issues.find((i) => i.path === "documents.templates.grant.ar.title")?.message).toMatch(
      /unknown placeholder \{\{registrationNumbr\}\}/,
    );
    const german = parseOfficeConfig(
      JSON.stringify({
        ...config,
        fees: undefined,
        documents: { templates: { grant: { de: { title: "Mitteilung", blocks: [{ paragraph: "x" }] } } } },
      }),
      "office.json",
    );
    expect(Result.isFailure(german) && german.failure.issues).toEqual([
      { path: "documents.templates.grant.de", message: "not a language of the office (office.languages: ar, en)" },
    ]);
  });

  it("the template example of the README is valid as written", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const section = readme.slice(readme.indexOf("## Certificates and letters"));
    const block = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
    const decoded = Template.decode(YAML.parse(block).documents.templates, "documents.templates");
    expect(Result.isSuccess(decoded) ? [] : decoded.failure.issues).toEqual([]);
  });

  it("a valid template of the office's languages loads", async () => {
    const config = await omConfig();
    const parsed = parseOfficeConfig(
      JSON.stringify({
        ...config,
        fees: undefined,
        documents: { templates: { grant: { en: { title: "Grant {{number}}", blocks: [{ heading: "{{title}}" }] } } } },
      }),
      "office.json",
    );
    expect(Result.isSuccess(parsed)).toBe(true);
  });
});
