/**
 * Documents on records as staff use them: real Chromium on the running office (its demo data), signed in as the demo
 * registrar, in Arabic and English: issue a certificate from the record page, see it in the record's history, open
 * its PDF, and preview the templates; an accessibility check (axe-core) on each page.
 */
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../src/Logger.js";
import { type RunningServer, startServer } from "../src/Server.js";
import { axeViolations, launchChromium, openPage, signedIn } from "./support/browser.js";

describe("documents on records in Chromium", () => {
  let server: RunningServer;
  let browser: Browser;
  let registrar: BrowserContext;
  let st13: string;
  const errors: string[] = [];

  beforeAll(async () => {
    server = await startServer({ port: 0, hostname: "127.0.0.1", logger: silentLogger() });
    browser = await launchChromium();
    const demo = server.demo;
    if (demo === undefined) throw new Error("the demo accounts were not created");
    registrar = await signedIn(browser, server.url, demo.accounts.registrar ?? "", demo.password);
    const row = await server.database.db
      .selectFrom("rights")
      .select("st13")
      .where("kind", "=", "trademark")
      .where("registration_date", "is not", null)
      .orderBy("st13")
      .limit(1)
      .executeTakeFirstOrThrow();
    st13 = row.st13;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const lang of ["ar", "en"] as const) {
    it(`issues a certificate from the record page (${lang}) and lists it in the history`, async () => {
      const page = await openPage(registrar, server.url, `/office/records/${st13}?lang=${lang}`, errors);
      expect(await axeViolations(page)).toEqual([]);
      await page.selectOption("#doc-kind", "certificate");
      await page.selectOption("#doc-lang", lang);
      await Promise.all([page.waitForNavigation(), page.click("form[action*='/documents'] button[type=submit]")]);
      expect(new URL(page.url()).searchParams.get("issued")).toMatch(/^[0-9a-f-]{36}$/);
      const link = page.locator(`#documents ~ div a[lang="${lang}"]`).last();
      expect(await link.textContent()).toContain(lang === "ar" ? "شهادة تسجيل" : "Certificate of registration");
      expect(await axeViolations(page)).toEqual([]);
      const pdf = await page.request.get(`${server.url}${await link.getAttribute("href")}`);
      expect(pdf.headers()["content-type"]).toBe("application/pdf");
      expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
      await page.close();
    });

    it(`lists the templates with a preview of each (${lang})`, async () => {
      const page = await openPage(registrar, server.url, `/office/templates?lang=${lang}`, errors);
      expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe(lang === "ar" ? "rtl" : "ltr");
      expect(await axeViolations(page)).toEqual([]);
      const previews = page.locator('a[type="application/pdf"]');
      expect(await previews.count()).toBe(10); // five kinds × the office's two languages
      const pdf = await page.request.get(`${server.url}${await previews.first().getAttribute("href")}`);
      expect(pdf.headers()["content-type"]).toBe("application/pdf");
      await page.close();
    });
  }

  it("raised no script errors", () => {
    expect(errors).toEqual([]);
  });
});
