/**
 * The publish portal as a person sees it (decision 0692): real Chromium on the running office with its demo register,
 * in English and Arabic, with an accessibility check on each page.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../src/Logger.js";
import { type RunningServer, startServer } from "../src/Server.js";
import { axeViolations, launchChromium, openPage } from "./support/browser.js";

describe("the publish portal in Chromium", () => {
  let server: RunningServer;
  let browser: Browser;
  const errors: string[] = [];

  beforeAll(async () => {
    server = await startServer({ port: 0, hostname: "127.0.0.1", logger: silentLogger() });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const open = (path: string): Promise<Page> => openPage(browser, server.url, path, errors);

  for (const lang of ["en", "ar"] as const) {
    it(`home page (${lang}): the register's figures, then a search from its box`, async () => {
      const page = await open(`/?lang=${lang}`);
      expect(await page.evaluate(() => document.documentElement.dir)).toBe(lang === "ar" ? "rtl" : "ltr");
      // Four graphs, each an SVG with a title, each with its table.
      expect(await page.locator("section.ipo-card svg[role=img]").count()).toBe(4);
      expect(await page.locator("section.ipo-card details table").count()).toBe(4);
      const applicants = await page.locator("#home-applicants ~ details tbody tr").count();
      expect(applicants).toBe(10);
      expect(await axeViolations(page)).toEqual([]);
      // The demo register has ZAHRA among its Madrid designations: typed in Arabic, it is found.
      await page.fill("#home-q", "زهرة");
      await Promise.all([page.waitForNavigation(), page.click(".ipo-search button[type=submit]")]);
      expect(new URL(page.url()).pathname).toBe("/search");
      const marks = await page.locator("table.ipo-table tbody tr td:nth-child(2) bdi").allTextContents();
      expect(marks).toContain("ZAHRA");
      expect(await page.locator(".ipo-evidence li").count()).toBeGreaterThan(0);
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    });

    it(`search page (${lang}): a facet narrows the results, columns are chosen, pages follow`, async () => {
      const page = await open(`/search?lang=${lang}&kind=trademark`);
      const before = await page.locator("[role=status]").textContent();
      await Promise.all([page.waitForNavigation(), page.locator(".ipo-facets a[href*='nice=']").first().click()]);
      expect(new URL(page.url()).searchParams.getAll("nice")).toHaveLength(1);
      expect(await page.locator("[role=status]").textContent()).not.toBe(before);
      await page.locator(".ipo-facets details summary").click();
      await page.locator("input[name=col][value=expires]").check();
      await Promise.all([page.waitForNavigation(), page.locator(".ipo-facets details button").click()]);
      expect(await page.locator("table.ipo-table thead th").count()).toBe(7);
      expect(await axeViolations(page)).toEqual([]);
      // The next page (keyset cursor): other rows, the same columns.
      const all = await open(`/search?lang=${lang}&kind=trademark&cols=number,mark`);
      const first = await all.locator("table.ipo-table tbody tr td:first-child").allTextContents();
      await Promise.all([all.waitForNavigation(), all.click("a[rel=next]")]);
      expect(new URL(all.url()).searchParams.get("cursor")).toBeTruthy();
      const second = await all.locator("table.ipo-table tbody tr td:first-child").allTextContents();
      expect(second.length).toBeGreaterThan(0);
      expect(second.filter((n) => first.includes(n))).toEqual([]);
      expect(await all.locator("table.ipo-table thead th").count()).toBe(2);
      await all.close();
      await page.close();
    });

    it(`advanced search (${lang}): the form sends criteria the search reads`, async () => {
      const page = await open(`/search/advanced?lang=${lang}`);
      await page.selectOption("#adv-kind", "patent");
      await Promise.all([page.waitForNavigation(), page.click("form.ipo-advanced button[type=submit]")]);
      expect(new URL(page.url()).searchParams.get("kind")).toBe("patent");
      const rows = await page.locator("table.ipo-table tbody tr").count();
      expect(rows).toBeGreaterThan(0);
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    });
  }

  it("raised no script errors", () => {
    expect(errors).toEqual([]);
  });
});
