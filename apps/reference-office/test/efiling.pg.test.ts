import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../src/App.js";
import type { OpenDatabase } from "../src/db/Database.js";
import { silentLogger } from "../src/Logger.js";
import { referenceData } from "../src/ReferenceData.js";
import { countRows } from "../src/rights/RightsRepository.js";
import { fixedClock, testApp } from "./support/app.js";
import { testDatabases } from "./support/databases.js";

const trademarkForm = {
  kind: "trademark",
  intent: "file",
  markText: "NAKHLA",
  markType: "word",
  markCategory: "individual",
  ownerName: "Nakhla Foods LLC",
  ownerKind: "legal",
  ownerCountry: "OM",
  goodsAndServicesText: "25: clothing*; shirts; blue widget hats\n35: advertising",
};

/** Text of a page without tags, for reading what a person sees. */
const textOf = (page: string) =>
  page
    .replace(/<style>[\s\S]*?<\/style>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

/** Text as read, with the edition's data (set apart in `<bdi>`) joined to the sentence around it. */
const readable = (page: string) => textOf(page.replace(/<\/?bdi\b[^>]*>/g, ""));

describe.each(testDatabases)("e-filing portal on $name", (target) => {
  let database: OpenDatabase;
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    database = await target.open();
    t = await testApp(database, "2026-11-24T09:00:00Z");
  });
  afterAll(() => database?.close());

  const counts = () => countRows(database.db, "OM");
  const post = (fields: Record<string, string>, lang = "en", headers: Record<string, string> = {}) =>
    t.app.request(`/file?lang=${lang}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(fields).toString(),
    });

  describe("the form", () => {
    it("offers a trademark form that works without JavaScript, with the picker and its fallback", async () => {
      const res = await t.app.request("/file?lang=en");
      expect(res.status).toBe(200);
      const page = await res.text();
      expect(page).toMatch(/<form method="post" action="\/file\?lang=en"/);
      expect(page).toContain('<ipo-nice-term-picker name="goodsAndServices" endpoint="/api/v1/nice/terms" lang="en"');
      expect(page).toMatch(
        /<div slot="fallback" class="ipo-field">[\s\S]*<textarea id="f-goodsAndServicesText" name="goodsAndServicesText"/,
      );
      // The code between Unicode isolates: it keeps its order whatever the page's direction (src/pages/bidi.ts).
      expect(page).toContain('<option value="OM">Oman (\u2068OM\u2069)</option>');
      expect(page).not.toContain('<option value="EM">');
      expect(page).toMatch(/<a href="\/file\?lang=en" aria-current="page">File an application<\/a>/);
      expect(page).toContain('name="intent" value="quote"');
      // Class headings for people without JavaScript: the 10-2015 list has its own; the 12 list borrows 13-2026's.
      const edition = await (await t.json("GET", "/api/v1/nice/edition")).json();
      expect(textOf(page)).toContain(
        edition.id === "12" ? "Class 25 — Clothing, footwear, headwear" : "Class 25 — Clothing, footwear, headgear.",
      );
    });

    it("says which Nice edition checks the goods and services, and where it came from", async () => {
      const edition = await (await t.json("GET", "/api/v1/nice/edition")).json();
      const page = await (await t.app.request("/file?lang=en")).text();
      const note = page.match(/<p class="ipo-hint" id="nice-edition"[^>]*>([\s\S]*?)<\/p>/);
      expect(note?.[0]).toContain(`data-edition="${edition.id}"`);
      expect(readable(note?.[1] ?? "").trim()).toBe(
        `Terms are checked against the Nice classification, edition ${edition.id}: ${edition.label}. Source: ${edition.source}; licence ${edition.licence}.${edition.headings ? ` Class headings: edition ${edition.headings.id}.` : ""}`,
      );
      // The classes record the Nice version in force on the filing date (the clock says 2026-11-24), whatever list
      // checks the terms.
      expect(readable(page)).toContain(
        "The classes are recorded under the Nice Classification 13-2026, the version in force on 2026-11-24.",
      );
      // The office's list (12 or the shipped 10-2015) is of an older edition than the one in force: the page says so.
      expect(readable(page)).toContain(
        `The list checking the terms is of another edition (${edition.id}): an official term may since have been reworded or moved to another class.`,
      );
      // It sits in the goods and services section, before the picker.
      expect(page.indexOf('id="nice-edition"')).toBeGreaterThan(page.indexOf('id="s-goods"'));
      expect(page.indexOf('id="nice-edition"')).toBeLessThan(page.indexOf("<ipo-nice-term-picker"));
    });

    it("speaks Arabic right to left", async () => {
      const page = await (await t.app.request("/file?lang=ar")).text();
      expect(page).toMatch(/<html lang="ar" dir="rtl">/);
      expect(page).toContain("إيداع طلب");
      expect(page).toContain('<option value="OM">عُمان (\u2068OM\u2069)</option>');
      // The edition's data stays English, isolated in the right-to-left sentence.
      expect(page).toMatch(/تُدقَّق البنود وفق تصنيف نيس، الطبعة <bdi lang="en">[\w-]+<\/bdi>/);
    });

    it("has forms for patents, utility models and designs", async () => {
      const patent = await (await t.app.request("/file?kind=patent&lang=en")).text();
      for (const name of ["title", "abstract", "claimsCount", "ipc", "inventors", "ownerName"]) {
        expect(patent).toContain(`name="${name}"`);
      }
      expect(patent).not.toContain("ipo-nice-term-picker name");
      const um = await (await t.app.request("/file?kind=utility_model&lang=en")).text();
      expect(um).toContain('name="kind" value="utility_model"');
      const design = await (await t.app.request("/file?kind=industrial_design&lang=en")).text();
      for (const name of ["product", "locarnoClass", "views", "designers"]) expect(design).toContain(`name="${name}"`);
    });
  });

  describe("filing", () => {
    it("files a trademark from the no-JavaScript form and shows the receipt with the fees", async () => {
      const before = await counts();
      const res = await post(trademarkForm);
      expect(res.status).toBe(303);
      const location = res.headers.get("location") ?? "";
      // The filer's link carries a key; without it the unpublished application is not found (the public's view).
      expect(location).toMatch(/^\/file\/receipt\/OM502026000000001\?lang=en&key=[\w-]{43}$/);
      const after = await counts();
      expect([after.rights, after.events, after.classes]).toEqual([
        before.rights + 1,
        before.events + 1,
        before.classes + 2,
      ]);

      const receipt = await t.app.request(location);
      expect(receipt.status).toBe(200);
      const html = await receipt.text();
      const page = textOf(html);
      expect(page).toContain("Application filed");
      expect(page).toContain("TM/2026/000001");
      expect(page).toContain("OM502026000000001");
      expect(page).toContain("November 24, 2026");
      expect(page).toMatch(/Classes 25 \(terms: 3\) , 35 \(terms: 1\)/);
      // Illustrative OM schedule: filing with the first class OMR 50.000, one further class OMR 20.000.
      expect(page).toMatch(/Filing, first class 1 OMR\s50\.000/);
      expect(page).toMatch(/Each further class 1 OMR\s20\.000/);
      expect(page).toMatch(/Total OMR\s70\.000/);
      // The free-text term is named as a warning on the receipt.
      expect(page).toContain("Terms not in the Nice classification's list, which the examiner will check: 1.");
      expect(page).toContain("blue widget hats");
      // The register shows marks from publication (the default rule): no link to a record the public cannot see yet.
      expect(page).toContain("The public register shows the application once the office has published it.");
      expect(html).not.toContain('href="/records/OM502026000000001');
      const withoutKey = await t.app.request("/file/receipt/OM502026000000001?lang=en");
      const unknown = await t.app.request("/file/receipt/OM509999999999999?lang=en");
      expect(withoutKey.status).toBe(404);
      expect(await withoutKey.text()).toBe((await unknown.text()).replaceAll("OM509999999999999", "OM502026000000001"));
      const otherKey = location.replace("/OM502026000000001?", "/OM502026000000002?");
      expect((await t.app.request(otherKey)).status).toBe(404);
      const tampered = location.replace(/key=./, (k) => (k.endsWith("A") ? "key=B" : "key=A"));
      expect((await t.app.request(tampered)).status).toBe(404);

      const record = await t.staff((r) => r.get("OM502026000000001", { audience: "staff" }));
      expect(record).toMatchObject({ kind: "trademark", status: "filed", mark: { text: "NAKHLA", type: "word" } });
      expect(record.owners).toEqual([{ name: "Nakhla Foods LLC", kind: "legal", country: "OM" }]);
      expect(record.kind === "trademark" && record.goodsAndServices[0]?.terms).toEqual([
        { text: "clothing*", basicNumber: "250045", status: "pending" },
        { text: "shirts", basicNumber: "250042", status: "pending" },
        { text: "blue widget hats", status: "pending" },
      ]);
      const history = await t.staff((r) => r.history("OM502026000000001", { audience: "staff" }));
      expect(history[0]?.actor).toEqual({ id: "efiling-portal", role: "applicant" });
    });

    it("files the picker's value when scripts ran", async () => {
      const res = await post({
        ...trademarkForm,
        markText: "SAHAR",
        goodsAndServices: JSON.stringify([{ classNumber: 43, terms: ["hotel reservations"] }]),
        goodsAndServicesText: "",
      });
      expect(res.status).toBe(303);
      const record = await t.staff((r) => r.get("OM502026000000002", { audience: "staff" }));
      expect(record.kind === "trademark" && record.goodsAndServices).toMatchObject([
        { classNumber: 43, terms: [{ basicNumber: "430105" }] },
      ]);
    });

    it("files a patent, a utility model and a design", async () => {
      const applicant = { ownerName: "Nordlicht Werke GmbH", ownerCountry: "DE", ownerKind: "legal" };
      const patent = await post({
        kind: "patent",
        ...applicant,
        title: "Desalination by reverse osmosis",
        claimsCount: "12",
        ipc: "C02F 1/44",
        inventors: "Said Al Rawahi (OM)\nAnna Berg",
      });
      expect(patent.headers.get("location")).toMatch(/^\/file\/receipt\/OM\d+\?lang=en&key=[\w-]{43}$/);
      const um = await post({
        kind: "utility_model",
        ...applicant,
        title: "Palm pole",
        claimsCount: "3",
        inventors: "A B",
      });
      expect(um.status).toBe(303);
      const design = await post({
        kind: "industrial_design",
        ...applicant,
        product: "Coffee pot",
        locarnoClass: "07-01",
        views: "4",
      });
      expect(design.status).toBe(303);
      const receipt = textOf(await (await t.app.request(design.headers.get("location") ?? "")).text());
      expect(receipt).toContain("ID/2026/00001");
      expect(receipt).toMatch(/Total OMR\s40\.000/);
      expect((await (await t.json("GET", "/api/v1/applications?kind=patent")).json()).total).toBe(0);
      const got = await t.staff((r) => r.list({ kind: "patent", page: 1, pageSize: 20 }, { audience: "staff" }));
      expect(got.items[0]?.title).toBe("Desalination by reverse osmosis");
      const right = await t.staff((r) => r.get(got.items[0]?.applicationNumber ?? "", { audience: "staff" }));
      expect(right.kind === "patent" && right.inventors).toEqual([
        { name: "Said Al Rawahi", country: "OM" },
        { name: "Anna Berg" },
      ]);
    });
  });

  describe("the fee quote", () => {
    it("re-renders the form with the itemised quote and files nothing", async () => {
      const before = await counts();
      const res = await post({ ...trademarkForm, intent: "quote" });
      expect(res.status).toBe(200);
      const html = await res.text();
      const page = textOf(html);
      expect(page).toMatch(/Fees due on November 24, 2026/);
      expect(page).toMatch(/OM-TM-02 Filing, first class 1 OMR\s50\.000/);
      expect(page).toMatch(/Total OMR\s70\.000/);
      // What was typed comes back, for the picker (scripts) and the textarea (no scripts).
      expect(html).toContain('value="NAKHLA"');
      expect(html).toContain("25: clothing*; shirts; blue widget hats\n35: advertising</textarea>");
      expect(html).toContain(
        `data-value="${JSON.stringify([
          { classNumber: 25, terms: ["clothing*", "shirts", "blue widget hats"] },
          { classNumber: 35, terms: ["advertising"] },
        ]).replace(/"/g, "&quot;")}"`,
      );
      // The term check is shown with the quote.
      expect(page).toContain("Free text: the examiner will check it");
      expect(await counts()).toEqual(before);
    });

    it("asks for corrections before quoting an invalid form", async () => {
      const res = await post({ ...trademarkForm, ownerCountry: "", intent: "quote" });
      expect(res.status).toBe(400);
      expect(textOf(await res.text())).toContain("Correct the errors above, then calculate the fees again.");
    });
  });

  describe("invalid forms come back with every error beside its field and write nothing", () => {
    it("lists the errors at the top, linked to the fields", async () => {
      const before = await counts();
      const res = await post({
        kind: "trademark",
        markType: "word",
        markText: "",
        ownerName: "",
        ownerCountry: "ZZ",
        repName: "Agent Smith",
        goodsAndServicesText: "25: shirts\nshoes\n46: hats\n35: clothing*",
      });
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toMatch(/<title>Error: File an application/);
      expect(html).toMatch(
        /<div class="ipo-card ipo-error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus>/,
      );
      const summary = html.slice(html.indexOf("ipo-error-summary"), html.indexOf("</ul></div>"));
      const links = [...summary.matchAll(/<a href="#([\w-]+)">([^<]*)<\/a>/g)].map((m) => [m[1], textOf(m[2] ?? "")]);
      expect(links).toEqual([
        [
          "f-goodsAndServices",
          "Goods and services: Line 2: write the class number, a colon and the terms, for example: 25: shirts; hats",
        ],
        ["f-markText", "Words of the mark: A word or combined mark needs its words."],
        ["f-ownerName", "Name: This is required."],
        ["f-ownerCountry", "Country of residence or seat: Choose a country from the list."],
        ["f-goodsAndServices", "Goods and services: Class 46 does not exist: Nice classes are numbered 1 to 45."],
        ["f-repCountry", "Country of the representative: This is required."],
        [
          "f-goodsAndServices",
          "Goods and services: “clothing*” belongs to class 25, not class 35: move it or remove it.",
        ],
      ]);
      // Each field carries its error and says so to assistive technology.
      expect(html).toMatch(
        /<input id="f-ownerName" name="ownerName" aria-describedby="f-ownerName-hint f-ownerName-error" aria-invalid="true"/,
      );
      expect(html).toMatch(/<p class="ipo-error" id="f-ownerName-error">/);
      expect(html).toContain('value="Agent Smith"');
      expect(await counts()).toEqual(before);
    });

    it("refuses a term of another class (an error) even when the rest is right", async () => {
      const before = await counts();
      const res = await post({ ...trademarkForm, goodsAndServicesText: "25: advertising" });
      expect(res.status).toBe(400);
      const page = textOf(await res.text());
      expect(page).toContain("“advertising” belongs to class 35, not class 25");
      expect(page).toContain("Belongs to class 35");
      expect(await counts()).toEqual(before);
    });

    it("refuses a wording the office refuses as written, and files one it only queries with a warning", async () => {
      const before = await counts();
      const res = await post({
        ...trademarkForm,
        goodsAndServicesText: "25: shirts\n35: retail services\n7: machines",
      });
      expect(res.status).toBe(400);
      const page = textOf(await res.text());
      expect(page).toContain("“retail services” (class 35) is not accepted as written: retail or wholesale services");
      expect(page).toContain("“machines” (class 7) is not accepted as written");
      expect(page).toContain("Not accepted as written: say which goods or services");
      expect(page).toContain("CJEU C-418/02 Praktiker");
      expect(await counts()).toEqual(before);
      // "accessories" alone is queried: the page warns, the application is filed
      const queried = await post({ ...trademarkForm, goodsAndServicesText: "25: shirts\n12: accessories" });
      expect(queried.status).toBe(303);
      expect((await counts()).rights).toBe(before.rights + 1);
    });

    it("says it in Arabic on an Arabic page", async () => {
      const res = await post({ ...trademarkForm, ownerName: "" }, "ar");
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toMatch(/<html lang="ar" dir="rtl">/);
      expect(textOf(html)).toContain("هناك مشكلة");
      expect(textOf(html)).toContain("هذا الحقل مطلوب.");
    });

    it("patent and design fields", async () => {
      const before = await counts();
      const patent = await post({ kind: "patent", ownerName: "A", ownerCountry: "OM", title: "", claimsCount: "x" });
      expect(patent.status).toBe(400);
      const p = textOf(await patent.text());
      expect(p).toContain("Title: This is required.");
      expect(p).toContain("Number of claims: Enter a whole number from 1 to 10,000.");
      expect(p).toContain("Inventors: This is required.");
      const design = await post({
        kind: "industrial_design",
        ownerName: "A",
        ownerCountry: "OM",
        product: "Pot",
        locarnoClass: "7-1",
        views: "0",
      });
      expect(design.status).toBe(400);
      const d = textOf(await design.text());
      expect(d).toContain("Locarno class: Write the Locarno class like 07-01");
      expect(d).toContain("Views: Enter a whole number from 1 to 100.");
      expect(await counts()).toEqual(before);
    });

    it("an unknown kind, a post from another site, a body that is not a form, an oversized form", async () => {
      const before = await counts();
      expect((await post({ ...trademarkForm, kind: "spaceship" })).status).toBe(400);
      expect((await post(trademarkForm, "en", { origin: "https://evil.example" })).status).toBe(403);
      expect((await post(trademarkForm, "en", { "sec-fetch-site": "cross-site" })).status).toBe(403);
      expect((await post(trademarkForm, "en", { "sec-fetch-site": "same-site" })).status).toBe(403);
      expect((await post(trademarkForm, "en", { origin: "http://localhost" })).status).toBe(303);
      // What Chromium sends for a same-origin post under Referrer-Policy: no-referrer.
      expect((await post(trademarkForm, "en", { origin: "null", "sec-fetch-site": "same-origin" })).status).toBe(303);
      const json = await t.app.request("/file", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(trademarkForm),
      });
      expect(json.status).toBe(415);
      const huge = await post({ ...trademarkForm, goodsAndServicesText: `25: ${"x".repeat(1_100_000)}` });
      expect(huge.status).toBe(413);
      expect(textOf(await huge.text())).toContain("The form is too large");
      // Only the two same-origin posts above were filed.
      const after = await counts();
      expect([after.rights, after.events]).toEqual([before.rights + 2, before.events + 2]);
    });
  });

  it("files on the edition shipped with the project alone, naming it on the form and the receipt", async () => {
    const bare = createApp({
      db: database.db,
      config: t.config,
      logger: silentLogger(),
      reference: referenceData(mkdtempSync(join(tmpdir(), "ipo-no-data-"))),
      clock: fixedClock("2026-11-24T09:00:00Z").clock,
    });
    const request = (fields: Record<string, string>) =>
      bare.request("/file?lang=en", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(fields).toString(),
      });
    const shippedNote =
      "Terms are checked against the Nice classification, edition 10-2015: Nice 10th edition, version 2015 (English): class headings and alphabetical list. Source: kemitchell/nice-classification.json @ 52650716 (nice/ncl10-2015-en.json); licence CC0-1.0.";
    const form = readable(await (await bare.request("/file?lang=en")).text());
    expect(form).toContain(shippedNote);
    expect(form).toContain("The 45 classes of the Nice classification");
    expect(form).toContain("Class 25 — Clothing, footwear, headgear.");
    const quoted = textOf(await (await request({ ...trademarkForm, intent: "quote" })).text());
    expect(quoted).not.toContain("could not be checked");
    expect(quoted).toContain("Free text: the examiner will check it");
    const filed = await request({ ...trademarkForm, markText: "NO DATA" });
    expect(filed.status).toBe(303);
    const receipt = readable(await (await bare.request(filed.headers.get("location") ?? "")).text());
    expect(receipt).toContain("NO DATA");
    expect(receipt).toContain("blue widget hats");
    expect(receipt).toContain(shippedNote);
    const wrong = await request({ ...trademarkForm, goodsAndServicesText: "25: advertising" });
    expect(wrong.status).toBe(400);
    expect(textOf(await wrong.text())).toContain("“advertising” belongs to class 35, not class 25");
  });

  it("names an edition the configuration asks for but the office lacks, beside the one in use", async () => {
    const office = createApp({
      db: database.db,
      config: { ...t.config, nice: { edition: "12" } },
      logger: silentLogger(),
      reference: referenceData(mkdtempSync(join(tmpdir(), "ipo-no-data-"))),
      clock: fixedClock("2026-11-24T09:00:00Z").clock,
    });
    const form = readable(await (await office.request("/file?lang=en")).text());
    expect(form).toContain("edition 10-2015");
    expect(form).toContain(
      "This is not the edition the office's configuration names: edition 12 is unavailable: nice/ncl12-en-alphabetical-list.csv not found in the reference-data folder; using 10-2015, the newest edition available.",
    );
    const ar = await (await office.request("/file?lang=ar")).text();
    expect(ar).toContain("ليست هذه الطبعة التي تحددها إعدادات المكتب");
  });

  it("answers 404 for the receipt of an unknown number", async () => {
    expect((await t.app.request("/file/receipt/OM509999999999999")).status).toBe(404);
  });

  it("serves the form script that restores the picker", async () => {
    const res = await t.app.request("/file/form.js");
    expect(res.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(await res.text()).toContain('customElements.whenDefined("ipo-nice-term-picker")');
  });
});
