/**
 * The publish portal (decision 0692): the register's search through the search index, which the outbox keeps in step
 * with every write; what the public may see only; Madrid designations as rights of the office; the home page's
 * figures; exports; and any query answered 200 or 400, never 500.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { strFromU8, unzipSync } from "fflate";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "../src/db/Database.js";
import { publicFromFiling, stepsToPublication, testApp, trademarkFiling } from "./support/app.js";
import { testDatabases } from "./support/databases.js";
import { batch, xmlPost } from "./support/madrid.js";
import { needs, needsAll, needsCommand, referenceFile } from "../../../test-support/reference-data.js";

const pdftotext = needsCommand("pdftotext", "poppler-utils");
const trademarkSchema = needsAll(
  needs("st96/schemas-v6_0/Trademark_V6_0.xsd"),
  needsCommand("xmllint", "libxml2-utils"),
);

const mark = (text: string, owners: ReadonlyArray<string>, classes: ReadonlyArray<number> = [25]) => ({
  ...trademarkFiling,
  mark: { text, type: "word" },
  owners: owners.map((name) => ({ name, country: "OM" })),
  goodsAndServices: classes.map((classNumber) => ({
    classNumber,
    terms: classNumber === 25 ? ["clothing"] : classNumber === 3 ? ["soaps"] : ["advertising"],
  })),
});

interface SearchBody {
  hits: Array<{
    recordId: string;
    document: { title?: string; numbers: Record<string, string>; owners: string[] };
    similarity?: { evidence: Array<{ _tag: string }> };
  }>;
  total: { value: number; exact: boolean };
  facets: Record<string, Array<{ value: string; count: number }>>;
  next?: string;
}

describe.each(testDatabases)("the publish portal on $name", (target) => {
  let database: OpenDatabase;
  let t: Awaited<ReturnType<typeof testApp>>;
  const numbers: Record<string, string> = {};

  beforeAll(async () => {
    database = await target.open();
    t = await testApp(database, "2026-03-02T09:00:00Z", { publication: publicFromFiling, rateLimits: false });
    const clerk = await t.as("clerk");
    for (const [text, owners, classes] of [
      ["NOOR", ["Al Noor Trading LLC"], [25]],
      ["NIKKO", ["Nikko Holdings SAOC", "Muscat Textiles LLC"], [25, 35]],
      ["SAHARALWADI", ["Al Wadi Trading LLC"], [3]],
      ["الواحة", ["Oasis Foods LLC"], [35]],
      ["ZEPHYR", ["Zephyr Ltd"], [3]],
    ] as const) {
      const res = await t.json("POST", "/api/v1/applications", mark(text, owners, classes), clerk);
      expect(res.status).toBe(201);
      numbers[text] = ((await res.json()) as { applicationNumber: string }).applicationNumber;
    }
  });
  afterAll(async () => {
    await database?.close();
  });

  const search = async (query: string) => {
    const res = await t.raw.request(`/api/v1/search?${query}`);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as SearchBody;
  };
  const titles = (body: SearchBody) => body.hits.map((h) => h.document.title);

  it("finds a filing as soon as its answer has left: the write's outbox entry was indexed before it", async () => {
    const queued = await sql<{ n: number }>`select count(*)::int as n from search_outbox`.execute(database.db);
    expect(queued.rows[0]?.n).toBe(0);
    expect(titles(await search("mark=NOOR&markMode=exact"))).toEqual(["NOOR"]);
  });

  it("finds marks alike across scripts, with the evidence of each (نور finds NOOR; NIKO finds NIKKO)", async () => {
    const arabic = await search(`mark=${encodeURIComponent("نور")}`);
    const noor = arabic.hits.find((h) => h.document.title === "NOOR");
    expect(noor?.similarity?.evidence.map((e) => e._tag)).toContain("CrossScript");
    const niko = await search("mark=NIKO");
    expect(titles(niko)[0]).toBe("NIKKO");
    const wadi = await search(`mark=${encodeURIComponent("SAHAR AL WADI")}`);
    expect(titles(wadi)).toContain("SAHARALWADI");
    const waha = await search(`mark=${encodeURIComponent("واحه")}`);
    expect(titles(waha)).toContain("الواحة");
  });

  it("reads the one search box: a class number finds the class, a name its owners, a number its right", async () => {
    const byClass = await search("q=35");
    expect(new Set(titles(byClass))).toEqual(new Set(["NIKKO", "الواحة"]));
    const byOwner = await search(`q=${encodeURIComponent("Muscat Textiles")}`);
    expect(titles(byOwner)).toContain("NIKKO");
    const byNumber = await search(`q=${encodeURIComponent(numbers.ZEPHYR as string)}`);
    expect(titles(byNumber)).toContain("ZEPHYR");
    const secondOwner = await search(`owner=${encodeURIComponent("Muscat Textiles LLC")}`);
    expect(titles(secondOwner)).toEqual(["NIKKO"]);
  });

  it("pages through every hit once with the cursor of each page, in the default order", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await search(`limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.hits.map((h) => h.recordId));
      cursor = page.next;
    } while (cursor);
    expect(seen).toHaveLength(new Set(seen).size);
    expect(seen.length).toBe((await search("limit=1")).total.value);
    // A cursor of another order is refused, naming it.
    const first = await search("limit=1&sort=mark");
    const res = await t.raw.request(`/api/v1/search?limit=1&sort=applicationNumber&cursor=${first.next}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: Array<{ path: string }> }).errors[0]?.path).toBe("cursor");
  });

  it("counts facets over every hit", async () => {
    const all = await search("facet=niceClass&facet=kind");
    const classes = Object.fromEntries((all.facets.niceClass ?? []).map((f) => [f.value, f.count]));
    expect(classes).toMatchObject({ "25": 2, "35": 2, "3": 2 });
    expect(all.total).toEqual({ value: 5, exact: true });
  });

  it("shows only what the office has published (trademarks from publication by default)", async () => {
    // Its own database: the index holds what one office's rule makes public.
    const own = await target.open();
    try {
      const office = await testApp(own, "2026-03-02T09:00:00Z", { rateLimits: false });
      const filed = await office.jsonAs("clerk", "POST", "/api/v1/applications", mark("QUIETMARK", ["Q LLC"]));
      expect(filed.status).toBe(201);
      const number = ((await filed.json()) as { applicationNumber: string }).applicationNumber;
      const res = await office.raw.request("/api/v1/search?mark=QUIETMARK&markMode=exact");
      expect(((await res.json()) as SearchBody).total.value).toBe(0);
      // Published: it is found (the write's sync put it in the index).
      const path = `/api/v1/applications/${encodeURIComponent(number)}/actions`;
      for (const [role, body] of [
        ["clerk", { action: "accord_filing_date" }],
        ["formality_examiner", { action: "formalities_compliant" }],
        ["classifier", { action: "classification_checked" }],
        ["examiner", { action: "examine", classDecisions: [{ classNumber: 25, decision: "accept" }] }],
        ["registrar", { action: "publish" }],
      ] as const) {
        expect((await office.jsonAs(role, "POST", path, body)).status, body.action).toBe(200);
      }
      const again = await office.raw.request("/api/v1/search?mark=QUIETMARK&markMode=exact");
      expect(((await again.json()) as SearchBody).total.value).toBe(1);
    } finally {
      await own.close();
    }
  });

  it("puts Madrid designations in the register as the office's trademarks, found by IR number", async () => {
    const post = xmlPost(
      batch({ count: 2, mode: "designations", firstIrNumber: 1_900_000, notificationDate: "2026-03-01" }),
    );
    const res = await t.raw.request("/api/v1/madrid/transactions", {
      ...post,
      headers: { ...post.headers, ...(await t.as("madrid_examiner")) },
    });
    expect(res.status).toBeLessThan(300);
    const found = await search("irNo=1900000");
    expect(found.total.value).toBe(1);
    expect(found.hits[0]?.recordId).toBe("madrid:1900000");
    expect(found.hits[0]?.document.numbers.internationalRegistration).toBe("1900000");
  });

  it("gives each designation a public page linked from its row: status, holders, goods per class, history without who decided", async () => {
    const examiner = await t.as("madrid_examiner");
    const refused = await t.raw.request("/api/v1/madrid/designations/1900001/decisions", {
      method: "POST",
      headers: { ...examiner, "content-type": "application/json" },
      body: JSON.stringify({
        outcome: "total-refusal",
        grounds: "Confusingly similar to an earlier national mark.",
        responseMonths: 2,
      }),
    });
    expect(refused.status).toBe(201);
    const results = await (await t.raw.request("/search?irNo=1900001&lang=en")).text();
    expect(results).toContain('href="/international/1900001?lang=en"');
    for (const lang of ["en", "ar", "fr"]) {
      const res = await t.raw.request(`/international/1900001?lang=${lang}`);
      expect(res.status).toBe(200);
      const page = await res.text();
      expect(page).toContain("1900001");
      expect(page).toContain("showData.jsp?ID=ROM.1900001");
      // A Rule 17 refusal as the public may know of it: the status and the decision on each class, not who took it.
      expect(page).not.toMatch(/madrid-desk|examiner|madrid_examiner/i);
      if (lang === "en") {
        expect(page).toContain("Provisionally refused");
        expect(page).toContain("Goods and services");
      }
      if (lang === "ar") expect(page).toContain("مرفوضة مؤقتًا");
    }
    const untouched = await (await t.raw.request("/international/1900000?lang=en")).text();
    expect(untouched).not.toContain("Provisionally refused");
    // Numbers the office never received, and anything that is not a number, are simply not found.
    for (const irn of ["1899999", "abc", "1900000x", "１９００００１", "0".repeat(40)]) {
      expect((await t.raw.request(`/international/${irn}`)).status).toBe(404);
    }
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 30 }), async (irn) => {
        const res = await t.raw.request(`/international/${encodeURIComponent(irn)}`);
        expect([200, 404]).toContain(res.status);
      }),
      { numRuns: 50 },
    );
  });

  it("publishes a gazette per month: applications published, recordals and Madrid designations, linked to their pages", async () => {
    const number = numbers.ZEPHYR as string;
    const path = `/api/v1/applications/${encodeURIComponent(number)}`;
    for (const [role, action] of stepsToPublication) {
      expect((await t.json("POST", `${path}/actions`, { action }, await t.as(role))).status, action).toBe(200);
    }
    const licence = await t.json(
      "POST",
      `${path}/userdocs`,
      { type: "licence", filedOn: "2026-03-02", parties: [{ name: "Zephyr Licensing FZE", country: "AE" }] },
      await t.as("clerk"),
    );
    expect(licence.status, await licence.clone().text()).toBe(200);
    const home = await (await t.raw.request("/?lang=en")).text();
    expect(home).toContain('href="/gazette/2026-03?lang=en"');
    const res = await t.raw.request("/gazette/2026-03?lang=en");
    expect(res.status).toBe(200);
    const page = await res.text();
    const section = (id: string) =>
      page.slice(page.indexOf(`id="${id}"`), page.indexOf("</section>", page.indexOf(`id="${id}"`)));
    expect(section("published")).toContain(number);
    expect(section("published")).not.toContain(numbers.NOOR as string);
    expect(section("recordals")).toContain("Recordal of licence");
    expect(section("recordals")).toContain(number);
    expect(section("madrid")).toContain('href="/international/1900000?lang=en"');
    expect(page).toContain('href="/gazette/2026-02?lang=en"');
    // The current issue has no next one yet; a later one is not found, nor is anything that is not an issue.
    expect(page).not.toContain('rel="next"');
    for (const id of ["2026-04", "2026-13", "2026-W10", "x", "2026-03-01"]) {
      expect((await t.raw.request(`/gazette/${id}`)).status, id).toBe(404);
    }
    const earlier = await (await t.raw.request("/gazette/2026-02?lang=ar")).text();
    expect(earlier).toContain("لا شيء في هذا العدد.");
    expect(earlier).toContain('rel="next"');
    // The issue as one PDF, in Arabic: its text comes back in logical order.
    expect(page).toContain('href="/gazette/2026-03/pdf?lang=en"');
    const pdf = await t.raw.request("/gazette/2026-03/pdf?lang=ar");
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    if (!pdftotext.skip) {
      const file = join(mkdtempSync(join(tmpdir(), "gazette-")), "issue.pdf");
      writeFileSync(file, bytes);
      const text = spawnSync("pdftotext", [file, "-"], { encoding: "utf8" }).stdout;
      expect(text).toContain("النشرة الرسمية");
      expect(text).toContain("الطلبات المنشورة");
      expect(text).toContain(number);
      expect(text).toContain("1900000");
    }
    expect((await t.raw.request("/gazette/2026-04/pdf")).status).toBe(404);
    const index = await (await t.raw.request("/gazette?lang=en")).text();
    expect(index).toContain('href="/gazette/2026-03?lang=en"');
    expect(index).toContain("Issue \u20662026-01\u2069");
  });

  it("shows the home page's figures and the search page, in English and Arabic", async () => {
    const home = await t.raw.request("/?lang=en");
    expect(home.status).toBe(200);
    const page = await home.text();
    expect(page).toContain("Top 10 applicants");
    expect(page).toContain("Nikko Holdings SAOC");
    // The figures are kept between changes and follow every write: a new applicant appears on the next view.
    expect(await (await t.raw.request("/?lang=en")).text()).not.toContain("Figures Cache LLC");
    const filed = await t.json(
      "POST",
      "/api/v1/applications",
      mark("FIGURA", ["Figures Cache LLC"]),
      await t.as("clerk"),
    );
    expect(filed.status).toBe(201);
    expect(await (await t.raw.request("/?lang=en")).text()).toContain("Figures Cache LLC");
    const ar = await t.raw.request(`/search?lang=ar&q=${encodeURIComponent("نور")}`);
    expect(ar.status).toBe(200);
    const arPage = await ar.text();
    expect(arPage).toContain('dir="rtl"');
    expect(arPage).toContain(`${numbers.NOOR}</a>`);
    expect(arPage).toContain("يُقرأ بالطريقة نفسها بكتابة أخرى");
  });

  it("shows the hits as server-rendered <ipo-search-results> cards on request (view=cards), in Arabic and English", async () => {
    const ar = await (await t.raw.request(`/search?lang=ar&view=cards&q=${encodeURIComponent("نور")}`)).text();
    // Declarative shadow DOM: readable without JavaScript.
    expect(ar).toMatch(/<ipo-search-results[^>]*lang="ar"[^>]*><template shadowroot="open" shadowrootmode="open">/);
    expect(ar).toContain('dir="rtl" lang="ar" aria-label="نتائج البحث"');
    expect(ar).toContain('data-evidence="CrossScript"');
    expect(ar).toContain("يُقرأ بالطريقة نفسها بكتابة أخرى");
    expect(ar).toMatch(new RegExp(`href="/records/[^"]+\\?lang=ar" dir="ltr"><!--lit-part-->${numbers.NOOR}<`));
    // The switch back to the table keeps the search; the search box keeps the view.
    expect(ar).toContain('<input type="hidden" name="view" value="cards">');
    expect(ar).toMatch(/<a href="\/search\?lang=ar&amp;q=[^"&]+">جدول<\/a>/);
    // A search without mark text: cards without evidence.
    const en = await (await t.raw.request("/search?lang=en&view=cards&nice=25")).text();
    expect(en).toMatch(/<ipo-search-results\s+lang="en"/);
    expect(en).toContain("Cards with why each was found");
    expect(en).toContain('part="class-chip"');
    expect(en).not.toContain('data-evidence="');
    const table = await (await t.raw.request("/search?lang=en&nice=25")).text();
    expect(table).not.toContain("<ipo-search-results");
    expect(table).toContain('<table class="ipo-table">');
  });

  it("lets anyone follow a search: its newest filings as Atom and JSON Feed", async () => {
    const atom = await t.raw.request("/search/feed/atom?nice=25&lang=en");
    expect(atom.status).toBe(200);
    expect(atom.headers.get("content-type")).toContain("application/atom+xml");
    const xml = await atom.text();
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect(xml).toContain(`${numbers.NIKKO} · NIKKO`);
    expect(xml).not.toContain("ZEPHYR");
    const json = await t.raw.request(`/search/feed/json?owner=${encodeURIComponent("Oasis Foods")}`);
    expect(json.headers.get("content-type")).toContain("application/feed+json");
    const feed = (await json.json()) as { version: string; items: Array<{ title: string; url: string }> };
    expect(feed.version).toBe("https://jsonfeed.org/version/1");
    expect(feed.items.map((i) => i.title)).toEqual([`${numbers["الواحة"]} · الواحة`]);
    expect(feed.items[0]?.url).toMatch(/\/records\/OM/);
    expect((await t.raw.request("/search/feed/json?nice=99")).status).toBe(400);
  });

  it(trademarkSchema.title(
    "gives a record as WIPO ST.96 XML, valid against the Trademark schema, linked from its page",
  ), async () => {
    const found = await search("mark=NIKKO&markMode=exact");
    const st13 = found.hits[0]?.document.numbers.st13 as string;
    const page = await (await t.raw.request(`/records/${st13}?lang=en`)).text();
    expect(page).toContain(`href="/records/${st13}/st96"`);
    const res = await t.raw.request(`/records/${st13}/st96`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/xml");
    const xml = await res.text();
    expect(xml).toContain("<tmk:TrademarkBag");
    expect(xml).toContain("NIKKO");
    expect(xml).toContain("Muscat Textiles LLC");
    expect((await t.raw.request("/records/OM502026999999999/st96")).status).toBe(404);
    if (trademarkSchema.skip) return;
    const file = join(mkdtempSync(join(tmpdir(), "st96-")), "record.xml");
    writeFileSync(file, xml);
    const check = spawnSync(
      "xmllint",
      ["--noout", "--nonet", "--schema", referenceFile("st96/schemas-v6_0/Trademark_V6_0.xsd"), file],
      { encoding: "utf8" },
    );
    expect(check.status, check.stderr).toBe(0);
  }, 180_000);

  it("offers every criterion in the advanced form, which searches through the same URL", async () => {
    for (const lang of ["en", "ar", "fr"]) {
      const res = await t.raw.request(`/search/advanced?lang=${lang}`);
      expect(res.status).toBe(200);
      const form = await res.text();
      for (const name of [
        "mark",
        "markMode",
        "goods",
        "owner",
        "appNo",
        "irNo",
        "pct",
        "nice",
        "niceStatus",
        "ipc",
        "vienna",
        "locarno",
        "filedFrom",
        "expiresTo",
        "where",
        "sort",
      ]) {
        expect(form, `${lang}: ${name}`).toContain(`name="${name}"`);
      }
    }
    // What the form sends, the search reads: a class with its status, and an expert expression.
    const expert = await search(`where=${encodeURIComponent("TM~=NICO AND CL=35")}`);
    expect(titles(expert)).toEqual(["NIKKO"]);
  });

  it("exports the results as CSV and XLSX with the chosen columns", async () => {
    const csv = await t.raw.request("/search/export/csv?lang=en&nice=25&cols=mark,number");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const lines = (await csv.text())
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe("Mark or title,Application number");
    // Every hit of the same search, in rows: the two national marks in class 25 and the designations that have it.
    const api = await search("nice=25&limit=100");
    expect(lines).toHaveLength(api.total.value + 1);
    expect(lines).toEqual(expect.arrayContaining([`NIKKO,${numbers.NIKKO}`, `NOOR,${numbers.NOOR}`]));
    const xlsx = await t.raw.request("/search/export/xlsx?nice=25");
    expect(xlsx.status).toBe(200);
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe("PK");
  });

  it("exports the results as WIPO ST.96, one document per right in a ZIP, Madrid designations named as omitted", async () => {
    const res = await t.raw.request("/search/export/st96?nice=25");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("content-disposition")).toMatch(/filename="register-OM-\d{4}-\d{2}-\d{2}-st96\.zip"/);
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const manifest = JSON.parse(strFromU8(files["manifest.json"] as Uint8Array)) as {
      records: number;
      files: Array<{ name: string; applicationNumber: string }>;
      omitted: Array<{ recordId: string; reason: string }>;
    };
    // Every hit of the same search: the national rights as ST.96, the designations listed as not the office's record.
    const api = await search("nice=25&limit=100");
    const rights = api.hits.filter((h) => h.recordId.startsWith("right:")).map((h) => h.recordId.slice(6));
    expect(manifest.files.map((f) => f.applicationNumber)).toEqual(rights);
    expect(manifest.omitted.map((o) => o.recordId)).toEqual(
      api.hits.filter((h) => h.recordId.startsWith("madrid:")).map((h) => h.recordId),
    );
    expect(manifest.omitted.length).toBeGreaterThan(0);
    expect(rights.length).toBeGreaterThan(1);
    expect(Object.keys(files)).toEqual([...manifest.files.map((f) => f.name), "manifest.json"]);
    const nikko = manifest.files.find((f) => f.applicationNumber === numbers.NIKKO);
    const xml = strFromU8(files[nikko?.name as string] as Uint8Array);
    expect(xml).toContain("<tmk:TrademarkBag");
    expect(xml).toContain("Muscat Textiles LLC");
    // the page links to it beside CSV and XLSX
    const page = await (await t.raw.request("/search?nice=25&lang=en")).text();
    expect(page).toContain('href="/search/export/st96?nice=25');
    expect(page).toContain('href="/search/export/csv?nice=25');
    expect((await t.raw.request("/search/export/st96?nice=99")).status).toBe(400);
  });

  it("answers any query string with 200 or a 400 naming the parameter, never a 500", async () => {
    const names = [
      "q",
      "mark",
      "markMode",
      "owner",
      "nice",
      "niceStatus",
      "ipc",
      "filedFrom",
      "where",
      "cursor",
      "sort",
      "limit",
      "facet",
      "kind",
      "irNo",
      "zzz",
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...names), fc.string({ maxLength: 60, unit: "binary" })), { maxLength: 6 }),
        async (pairs) => {
          const params = new URLSearchParams(pairs);
          for (const path of ["/api/v1/search", "/search"]) {
            const res = await t.raw.request(`${path}?${params.toString()}`);
            expect([200, 400], `${path}?${params}`).toContain(res.status);
            if (res.status === 400 && path.startsWith("/api")) {
              const problem = (await res.json()) as { errors: Array<{ path: string }> };
              expect(problem.errors[0]?.path).toBeTruthy();
            } else await res.arrayBuffer();
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
