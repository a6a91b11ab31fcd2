/**
 * The public pages of every sample office (config/offices) as a person sees them, in real Chromium: the home page, the
 * search, the advanced search and the filing form in each language the office offers, with its direction, its name,
 * its kinds only, no script or console error and no accessibility violation; a filing made through the form gets a
 * number of the office's pattern. The office is started as `pnpm start` starts it, demo included, no code changed.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../src/Logger.js";
import { type RunningServer, startServer } from "../src/Server.js";
import { axeViolations, launchChromium, openPage } from "./support/browser.js";

const offices = new URL("../config/offices/", import.meta.url).pathname;

const samples = [
  { file: "om.yaml", languages: ["ar", "en"], kinds: 4, number: /^PT\/\d{4}\/\d{5}$/ },
  { file: "jo.yaml", languages: ["ar", "en"], kinds: 3, number: /^JO\/P\/\d{4}\/\d{4}$/ },
  { file: "bg.yaml", languages: ["bg", "en", "fr"], kinds: 4, number: /^P\d{4}\d{6}$/ },
  { file: "gcc.yaml", languages: ["ar", "en"], kinds: 2, number: /^GC \d{4} \d{5}$/ },
] as const;

describe.each(samples)("the sample office $file in Chromium", (sample) => {
  let server: RunningServer;
  let browser: Browser;
  const errors: string[] = [];
  beforeAll(async () => {
    server = await startServer({
      port: 0,
      hostname: "127.0.0.1",
      configFile: `${offices}${sample.file}`,
      logger: silentLogger(),
      timeLimitSweep: false,
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const open = (path: string): Promise<Page> => openPage(browser, server.url, path, errors);

  for (const lang of sample.languages) {
    it(`home, search and filing form (${lang}): its name, direction and kinds, accessible`, async () => {
      const home = await open(`/?lang=${lang}`);
      expect(await home.evaluate(() => document.documentElement.lang)).toBe(lang);
      expect(await home.evaluate(() => document.documentElement.dir)).toBe(lang === "ar" ? "rtl" : "ltr");
      const name = server.config.office.names[lang] ?? "";
      expect(await home.locator("h1").textContent()).toBe(name);
      expect(await home.locator(".ipo-kinds li").count()).toBe(sample.kinds);
      expect(await axeViolations(home)).toEqual([]);
      await home.close();
      for (const path of [`/search?lang=${lang}`, `/search/advanced?lang=${lang}`]) {
        const page = await open(path);
        expect(await axeViolations(page), path).toEqual([]);
        await page.close();
      }
      const form = await open(`/file?lang=${lang}`);
      expect(await form.locator(".ipo-kind-tabs li").count()).toBe(sample.kinds);
      expect(await axeViolations(form)).toEqual([]);
      await form.close();
      expect(errors).toEqual([]);
    });
  }

  it("files a patent through the form and shows the receipt with a number of the office's pattern", async () => {
    const page = await open(`/file?lang=en&kind=patent`);
    await page.fill("[name=ownerName]", "Gulf Water Research Co.");
    await page.selectOption("[name=ownerCountry]", "SA");
    await page.fill("[name=title]", "Solar desalination still");
    await page.fill("[name=claimsCount]", "8");
    await page.fill("[name=inventors]", "Noura Al Saud (SA)");
    await Promise.all([page.waitForNavigation(), page.click("button[name=intent][value=file]")]);
    expect(new URL(page.url()).pathname).toMatch(/^\/file\/receipt\//);
    expect((await page.locator("#receipt-number + dd strong").textContent())?.trim()).toMatch(sample.number);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
    expect(errors).toEqual([]);
  });
});
