/**
 * The payment-tracking page as a person sees it: real Chromium on the running office with its demo invoices, in
 * English and Arabic, without JavaScript for the payer form, with an accessibility check (axe-core) and the PDF link.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../src/Logger.js";
import type { BrowserContext } from "playwright-core";
import { axeViolations, launchChromium, openPage, signedIn } from "./support/browser.js";
import { type RunningServer, startServer } from "../src/Server.js";

describe("payment-tracking page in Chromium", () => {
  let server: RunningServer;
  let browser: Browser;
  let payer: string;
  let cashier: BrowserContext;
  const errors: string[] = [];

  beforeAll(async () => {
    server = await startServer({ port: 0, hostname: "127.0.0.1", logger: silentLogger() });
    browser = await launchChromium();
    // The payments page is the cashier's: sign in as the demo cashier.
    const demo = server.demo;
    if (demo === undefined) throw new Error("the demo accounts were not created");
    cashier = await signedIn(browser, server.url, demo.accounts.cashier ?? "", demo.password);
    // The demo payer with the most invoices.
    const rows = await server.database.db
      .selectFrom("invoices")
      .select((eb) => ["payer", eb.fn.countAll<string | number>().as("n")])
      .groupBy("payer")
      .orderBy("n", "desc")
      .orderBy("payer")
      .limit(1)
      .execute();
    payer = rows[0]?.payer ?? "";
    expect(payer).not.toBe("");
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const open = (path: string): Promise<Page> => openPage(cashier, server.url, path, errors);

  const axe = axeViolations;

  for (const lang of ["en", "ar"] as const) {
    it(`finds a payer's invoices with the form (${lang}), each with a state badge and a PDF link`, async () => {
      const page = await open(`/payments?lang=${lang}`);
      expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe(lang === "ar" ? "rtl" : "ltr");
      expect(await axe(page)).toEqual([]);
      await page.fill("#payer", payer);
      await Promise.all([page.waitForNavigation(), page.click("button[type=submit]")]);
      expect(new URL(page.url()).searchParams.get("payer")).toBe(payer);
      const cards = page.locator("section.ipo-card");
      const count = await cards.count();
      expect(count).toBeGreaterThanOrEqual(2);
      expect(await page.locator("section.ipo-card .ipo-badge").count()).toBe(count);
      expect(await axe(page)).toEqual([]);
      const href = await page.locator('a[type="application/pdf"]').first().getAttribute("href");
      const pdf = await page.request.get(`${server.url}${href}`);
      expect(pdf.headers()["content-type"]).toBe("application/pdf");
      expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
      await page.close();
    });
  }

  it("raised no script errors", () => {
    expect(errors).toEqual([]);
  });
});
