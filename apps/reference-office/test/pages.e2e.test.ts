/**
 * The public register as a person sees it: real Chromium on the running office, in English and Arabic, with an
 * accessibility check (axe-core) on each page.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../src/Logger.js";
import { axeViolations, launchChromium, openPage } from "./support/browser.js";
import { type RunningServer, startServer } from "../src/Server.js";

describe("register pages in Chromium", () => {
  let server: RunningServer;
  let browser: Browser;
  let st13: string;
  const errors: string[] = [];

  beforeAll(async () => {
    server = await startServer({ port: 0, hostname: "127.0.0.1", logger: silentLogger() });
    browser = await launchChromium();
    const list = await (
      await fetch(`${server.url}/api/v1/applications?kind=trademark&status=registered&pageSize=50`)
    ).json();
    const withRefusal = list.items.find((i: { classes: Array<{ status: string }> }) =>
      i.classes.some((c) => c.status === "refused"),
    );
    st13 = (withRefusal ?? list.items[0]).st13;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const open = (path: string): Promise<Page> => openPage(browser, server.url, path, errors);

  const axe = axeViolations;

  for (const lang of ["en", "ar"] as const) {
    it(`lists records (${lang}) and filters them without JavaScript`, async () => {
      const page = await open(`/records?lang=${lang}`);
      expect(await page.evaluate(() => document.documentElement.dir)).toBe(lang === "ar" ? "rtl" : "ltr");
      expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe(lang === "ar" ? "rtl" : "ltr");
      expect(await page.locator("table.ipo-table tbody tr").count()).toBe(25);
      await page.selectOption("#kind", "patent");
      await Promise.all([page.waitForNavigation(), page.click("button[type=submit]")]);
      const kinds = await page.locator("table.ipo-table tbody tr td:nth-child(2)").allTextContents();
      expect(new Set(kinds).size).toBe(1);
      expect(await axe(page)).toEqual([]);
      await page.close();
    });

    it(`shows a record (${lang}) with its per-class status component upgraded`, async () => {
      const page = await open(`/records/${st13}?lang=${lang}`);
      const host = page.locator("ipo-class-status-list");
      await expect.poll(() => host.evaluate((el) => customElements.get(el.localName) !== undefined)).toBe(true);
      const classes = await host.evaluate((el) => el.shadowRoot?.textContent ?? "");
      expect(classes.length).toBeGreaterThan(10);
      expect(await axe(page)).toEqual([]);
      await page.close();
    });
  }

  it("raised no script errors", () => {
    expect(errors).toEqual([]);
  });
});
