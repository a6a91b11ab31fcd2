/**
 * The public register as a person sees it: real Chromium on the running office, in English and Arabic, with an
 * accessibility check (axe-core) on each page.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../src/Logger.js";
import { type RunningServer, startServer } from "../src/Server.js";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

describe("register pages in Chromium", () => {
  let server: RunningServer;
  let browser: Browser;
  let st13: string;
  const errors: string[] = [];

  beforeAll(async () => {
    server = await startServer({ port: 0, hostname: "127.0.0.1", logger: silentLogger() });
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
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

  const open = async (path: string): Promise<Page> => {
    // bypassCSP lets the test inject axe; the pages themselves allow only their own scripts.
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    page.on("pageerror", (e) => errors.push(`${path}: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(`${path}: ${m.text()}`);
    });
    const res = await page.goto(`${server.url}${path}`, { waitUntil: "networkidle" });
    expect(res?.status()).toBe(200);
    return page;
  };

  const axe = async (page: Page) => {
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async () => {
      // biome-ignore lint/suspicious/noExplicitAny: axe is a global injected above
      const r = await (window as any).axe.run(document, { resultTypes: ["violations"] });
      return r.violations.map((v: { id: string; nodes: unknown[] }) => `${v.id} (${v.nodes.length})`);
    });
    return result as string[];
  };

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
