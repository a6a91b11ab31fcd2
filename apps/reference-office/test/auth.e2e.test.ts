/**
 * Signing in as staff do: real Chromium on the running office with its demo accounts, in English and Arabic, without
 * JavaScript needed, with an accessibility check (axe-core) of the sign-in, account and administration pages.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../src/Logger.js";
import { type RunningServer, startServer } from "../src/Server.js";
import { axeViolations, launchChromium, openPage, signedIn } from "./support/browser.js";

describe("sign-in in Chromium", () => {
  let server: RunningServer;
  let browser: Browser;
  const errors: string[] = [];
  const shots = process.env.IPO_SCREENSHOTS;

  beforeAll(async () => {
    server = await startServer({ port: 0, hostname: "127.0.0.1", logger: silentLogger(), timeLimitSweep: false });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const demo = () => {
    if (server.demo === undefined) throw new Error("the demo accounts were not created");
    return server.demo;
  };
  const shot = async (page: Page, name: string) => {
    if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
  };

  for (const lang of ["en", "ar"] as const) {
    it(`refuses a wrong password without saying whether the account exists, then signs in (${lang})`, async () => {
      const context = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        bypassCSP: true,
      });
      const page = await openPage(
        context,
        server.url,
        `/sign-in?lang=${lang}&next=${encodeURIComponent("/office")}`,
        errors,
      );
      expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe(lang === "ar" ? "rtl" : "ltr");
      expect(await axeViolations(page)).toEqual([]);
      await shot(page, `sign-in-${lang}`);

      const tryWith = async (username: string, password: string) => {
        await page.fill("#username", username);
        await page.fill("#password", password);
        await Promise.all([page.waitForNavigation(), page.click("button[type=submit]")]);
      };
      await tryWith(demo().accounts.examiner ?? "", "not the password");
      const wrong = await page.locator("[role=alert]").textContent();
      await tryWith("nobody-at-all", "not the password");
      expect(await page.locator("[role=alert]").textContent()).toBe(wrong);
      expect(await axeViolations(page)).toEqual([]);
      await shot(page, `sign-in-failed-${lang}`);

      await tryWith(demo().accounts.examiner ?? "", demo().password);
      expect(new URL(page.url()).pathname).toBe("/office");
      const cookies = await context.cookies();
      expect(cookies.find((c) => c.name === "ipo_session")).toMatchObject({ httpOnly: true, sameSite: "Lax" });
      await context.close();
    });

    it(`shows the account page and the administration pages, and signs out (${lang})`, async () => {
      const admin = await signedIn(browser, server.url, demo().accounts.office_admin ?? "", demo().password);
      const account = await openPage(admin, server.url, `/account?lang=${lang}`, errors);
      expect(await axeViolations(account)).toEqual([]);
      await shot(account, `account-${lang}`);
      const accounts = await openPage(admin, server.url, `/admin?lang=${lang}`, errors);
      expect(await accounts.locator("tbody tr").count()).toBeGreaterThanOrEqual(10);
      expect(await axeViolations(accounts)).toEqual([]);
      await shot(accounts, `admin-accounts-${lang}`);
      const tokens = await openPage(admin, server.url, `/admin/tokens?lang=${lang}`, errors);
      expect(await axeViolations(tokens)).toEqual([]);
      await shot(tokens, `admin-tokens-${lang}`);
      // An office administrator does not decide cases: the back office is not in the menu and refuses.
      expect(await accounts.locator('a[href^="/office"]').count()).toBe(0);
      const office = await admin.request.get(`${server.url}/office`, { maxRedirects: 0 });
      expect(office.status()).toBe(403);
      await Promise.all([account.waitForNavigation(), account.click('form[action^="/sign-out"] button >> nth=0')]);
      expect(new URL(account.url()).pathname).toBe("/records");
      const after = await admin.request.get(`${server.url}/admin`, {
        maxRedirects: 0,
        headers: { accept: "text/html" },
      });
      expect(after.status()).toBe(303);
      await admin.close();
    });
  }

  it("loaded every page without script errors", () => {
    // A refused sign-in answers 401, which the browser reports; nothing else may show up.
    expect(errors.filter((e) => !/^\/sign-in\?.*status of 401/.test(e))).toEqual([]);
  });
});
