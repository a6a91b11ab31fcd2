/**
 * The filing receipt as a PDF (issue 11 §2): the application and ST.13 numbers, the date and time the office received
 * it in the office's time zone, the applicant and the fees, in English and in Arabic (shaped, in logical order when
 * read back); only whoever holds the receipt's link reads an application the public cannot see yet.
 */
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { needsCommand } from "../../../test-support/reference-data.js";
import type { OpenDatabase } from "../src/db/Database.js";
import { receivedText } from "../src/efiling/receiptPdf.js";
import { testApp } from "./support/app.js";
import { testDatabases } from "./support/databases.js";

const pdftotext = needsCommand("pdftotext", "poppler-utils");
/** The text of a PDF as pdftotext reads it, without the direction marks it adds. */
const pdfText = (bytes: Uint8Array) =>
  spawnSync("pdftotext", ["-layout", "-", "-"], { input: Buffer.from(bytes), encoding: "utf8" }).stdout.replace(
    /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    "",
  );

const form = {
  kind: "trademark",
  intent: "file",
  markText: "WAHAT AL NAKHIL",
  markType: "word",
  markCategory: "individual",
  ownerName: "شركة الواحة للتمور",
  ownerKind: "legal",
  ownerCountry: "OM",
  goodsAndServicesText: "29: dates\n35: advertising",
};

describe("the time the office received a filing", () => {
  it("is written in the office's time zone with its offset from UTC (Asia/Muscat is UTC+4)", () => {
    expect(receivedText("en", "2026-11-24T09:05:00Z", "Asia/Muscat")).toBe("November 24, 2026 at 13:05 GMT+4");
    expect(receivedText("en", "2026-11-24T21:30:00Z", "Asia/Muscat")).toMatch(/^November 25, 2026 at 01:30 GMT\+4$/);
    expect(receivedText("ar", "2026-11-24T09:05:00Z", "Asia/Muscat")).toContain("13:05");
    expect(receivedText("en", "not a time", "Asia/Muscat")).toBe("not a time");
  });
});

describe.each(testDatabases)("the filing receipt as a PDF on $name", (target) => {
  let database: OpenDatabase;
  let t: Awaited<ReturnType<typeof testApp>>;
  let location = "";
  beforeAll(async () => {
    database = await target.open();
    t = await testApp(database, "2026-11-24T09:05:00Z");
    const res = await t.app.request("/file?lang=en", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form).toString(),
    });
    expect(res.status).toBe(303);
    location = res.headers.get("location") ?? "";
  });
  afterAll(() => database?.close());

  it("links the PDF from the receipt page, with the receipt's key", async () => {
    const page = await (await t.app.request(location)).text();
    const key = new URL(location, "http://x").searchParams.get("key") ?? "";
    expect(page).toContain(`href="/file/receipt/OM502026000000001/pdf?lang=en&amp;key=${key}"`);
  });

  it("answers a PDF for the receipt's holder, and 404 to anyone else while the application is not public", async () => {
    const key = new URL(location, "http://x").searchParams.get("key") ?? "";
    const pdf = await t.app.request(`/file/receipt/OM502026000000001/pdf?lang=en&key=${key}`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(pdf.headers.get("cache-control")).toBe("private, no-store");
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe("%PDF-");
    expect((await t.app.request("/file/receipt/OM502026000000001/pdf?lang=en")).status).toBe(404);
    expect((await t.app.request(`/file/receipt/OM502026000000002/pdf?lang=en&key=${key}`)).status).toBe(404);
  });

  it.skipIf(pdftotext.skip)(
    pdftotext.title("prints the numbers, the time received and the fees, in English"),
    async () => {
      const key = new URL(location, "http://x").searchParams.get("key") ?? "";
      const text = pdfText(
        new Uint8Array(
          await (await t.app.request(`/file/receipt/OM502026000000001/pdf?lang=en&key=${key}`)).arrayBuffer(),
        ),
      );
      expect(text).toContain("Filing receipt");
      expect(text).toContain("TM/2026/000001");
      expect(text).toContain("OM502026000000001");
      expect(text).toMatch(/Received by the office\s+November 24, 2026 at 13:05 GMT\+4/);
      expect(text).toContain("WAHAT AL NAKHIL");
      // The Arabic name is isolated in the English line (pdftotext's layout reorders it around the country code).
      expect(text).toContain("شركة الواحة للتمور");
      expect(text).toContain("OM)");
      expect(text).toMatch(/Total\s+OMR\s70\.000/);
    },
  );

  it.skipIf(pdftotext.skip)(
    pdftotext.title("prints Arabic in logical order, with the Latin numbers intact"),
    async () => {
      const key = new URL(location, "http://x").searchParams.get("key") ?? "";
      const text = pdfText(
        new Uint8Array(
          await (await t.app.request(`/file/receipt/OM502026000000001/pdf?lang=ar&key=${key}`)).arrayBuffer(),
        ),
      );
      expect(text).toContain("إيصال الإيداع");
      expect(text).toContain("الرسوم المستحقة");
      expect(text).toContain("TM/2026/000001");
      expect(text).toContain("OM502026000000001");
      expect(text).toContain("شركة الواحة للتمور");
    },
  );
});
