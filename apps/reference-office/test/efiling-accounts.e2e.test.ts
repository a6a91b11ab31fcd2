/**
 * An applicant's account as a person uses it: real Chromium on the running demo office, in English and Arabic,
 * plain forms: registration, the confirmation link read on the local outbox page, sign-in, filing a
 * trademark as the account, my filings; with an accessibility check (axe-core) of each page. `IPO_SCREENSHOTS=<dir>`
 * keeps the screenshots.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../src/Logger.js";
import { type RunningServer, startServer } from "../src/Server.js";
import { axeViolations, launchChromium, openPage } from "./support/browser.js";

describe("e-filing accounts in Chromium", () => {
  let server: RunningServer;
  let browser: Browser;
  const errors: string[] = [];
  const shots = process.env.IPO_SCREENSHOTS;
  const shot = async (page: Page, name: string) => {
    if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
  };

  beforeAll(async () => {
    server = await startServer({ port: 0, hostname: "127.0.0.1", logger: silentLogger(), timeLimitSweep: false });
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const lang of ["en", "ar"] as const) {
    it(`registers, confirms through the outbox, signs in, files and lists the filing (${lang})`, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
      const email = `e2e-${lang}@example.om`;
      const password = "frankincense and dates 2026";
      const register = await openPage(context, server.url, `/efiling/register?lang=${lang}`, errors);
      expect(await register.evaluate(() => getComputedStyle(document.body).direction)).toBe(
        lang === "ar" ? "rtl" : "ltr",
      );
      expect(await axeViolations(register)).toEqual([]);
      await shot(register, `efiling-register-${lang}`);
      await register.fill("#f-name", lang === "ar" ? "شركة اللبان للتجارة" : "Luban Trading LLC");
      await register.fill("#f-email", email);
      await register.fill("#f-password", password);
      await register.selectOption("#f-kind", "applicant");
      await register.selectOption("#f-country", "OM");
      await register.fill("#f-address", "Way 3021, Muscat");
      await Promise.all([register.waitForNavigation(), register.click("button[type=submit]")]);
      expect(await register.locator("[role=status]").textContent()).toContain(email);

      const outbox = await openPage(context, server.url, `/outbox?lang=${lang}`, errors);
      expect(await axeViolations(outbox)).toEqual([]);
      await shot(outbox, `efiling-outbox-${lang}`);
      const row = outbox.locator("tr", { hasText: email });
      await Promise.all([outbox.waitForNavigation(), row.locator("a").first().click()]);
      expect(await axeViolations(outbox)).toEqual([]);
      await Promise.all([outbox.waitForNavigation(), outbox.click("button[type=submit]")]);

      await outbox.fill("#f-email", email);
      await outbox.fill("#f-password", password);
      await Promise.all([outbox.waitForNavigation(), outbox.click("form.ipo-form button[type=submit]")]);
      expect(new URL(outbox.url()).pathname).toBe("/efiling/filings");

      // The form as it works without JavaScript (the goods and services in the textarea the picker replaces), with
      // the same session.
      const plain = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
      await plain.addCookies(await context.cookies());
      const form = await openPage(plain, server.url, `/file?lang=${lang}&kind=trademark`, errors);
      expect(await form.locator("[data-filing-as]").count()).toBe(1);
      await form.fill("#f-markText", "LUBAN");
      await form.fill("#f-goodsAndServicesText", "3: perfumes");
      await Promise.all([form.waitForNavigation(), form.click("button[name=intent][value=file]")]);
      expect(new URL(form.url()).pathname).toMatch(/^\/file\/receipt\//);
      await plain.close();

      const mine = await openPage(context, server.url, `/efiling/filings?lang=${lang}`, errors);
      expect(await mine.locator("tr[data-number]").count()).toBe(1);
      expect(await mine.locator("tr[data-number]").textContent()).toContain("LUBAN");
      expect(await axeViolations(mine)).toEqual([]);
      await shot(mine, `efiling-my-filings-${lang}`);
      await context.close();
    }, 120_000);
  }

  it("reported no page errors", () => {
    expect(errors).toEqual([]);
  });
});
