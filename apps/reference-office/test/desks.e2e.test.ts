/**
 * The desks as an examiner uses them, in a real Chromium on the running office with its demo data: the worklist in
 * English and Arabic (direction, no raw codes, axe-core), then a decision on a mark: a refusal without grounds comes
 * back with every value chosen, with grounds it asks for a confirmation, going back keeps the values, confirming
 * records it. Plain forms: the pages need no JavaScript.
 */
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../src/Logger.js";
import { type RunningServer, startServer } from "../src/Server.js";
import { axeViolations, launchChromium, openPage, signedIn } from "./support/browser.js";

describe("desks in Chromium", () => {
  let server: RunningServer;
  let browser: Browser;
  let examiner: BrowserContext;
  const errors: string[] = [];

  beforeAll(async () => {
    server = await startServer({ port: 0, hostname: "127.0.0.1", logger: silentLogger(), timeLimitSweep: false });
    browser = await launchChromium();
    const demo = server.demo;
    if (demo === undefined) throw new Error("the demo accounts were not created");
    examiner = await signedIn(browser, server.url, demo.accounts.examiner ?? "", demo.password);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const lang of ["en", "ar"] as const) {
    it(`shows the examination queue, labelled, in ${lang}`, async () => {
      const page = await openPage(examiner, server.url, `/office/worklists/examination?lang=${lang}`, errors);
      expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe(lang === "ar" ? "rtl" : "ltr");
      expect(await page.locator("[data-worklist] tbody tr").count()).toBeGreaterThan(0);
      const text = ((await page.locator("main").textContent()) ?? "").toLowerCase();
      for (const code of ["substantive_examination", "examination", "unassigned", "deem_withdrawn"])
        if (lang === "ar") expect(text, code).not.toContain(code);
      expect(text).not.toContain("substantive_examination");
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    });
  }

  it("keeps the values of a refusal without grounds, then confirms it", async () => {
    const list = await openPage(examiner, server.url, "/office/worklists/examination?kind=trademark&lang=en", errors);
    const href = await list.locator("[data-worklist] tbody tr a").first().getAttribute("href");
    await list.close();
    expect(href).toMatch(/^\/office\/records\//);
    const page = await openPage(examiner, server.url, href ?? "", errors);
    const form = page.locator("#form-examine");
    const firstClass = await form.locator("[data-class]").first().getAttribute("data-class");
    await form.locator(`input[name="class.${firstClass}"][value=refuse]`).check();
    await form.locator("textarea[name=reason]").fill("Lacks distinctive character");
    await Promise.all([page.waitForNavigation(), form.locator("button[type=submit]").click()]);
    // Back with the error, and every value as chosen.
    const again = page.locator("#form-examine");
    expect(await again.locator("[data-error-summary]").textContent()).toContain(`class ${firstClass}`);
    expect(await again.locator(`input[name="class.${firstClass}"][value=refuse]`).isChecked()).toBe(true);
    expect(await again.locator("textarea[name=reason]").inputValue()).toBe("Lacks distinctive character");
    expect(await axeViolations(page)).toEqual([]);
    await again.locator(`textarea[name="grounds.${firstClass}"]`).fill("Descriptive of the services");
    await Promise.all([page.waitForNavigation(), again.locator("button[type=submit]").click()]);
    expect(await page.locator("[data-confirm]").textContent()).toContain("Descriptive of the services");
    // Going back keeps the values too.
    await Promise.all([page.waitForNavigation(), page.locator("button[name=edit]").click()]);
    expect(await page.locator(`#form-examine textarea[name="grounds.${firstClass}"]`).inputValue()).toBe(
      "Descriptive of the services",
    );
    await Promise.all([page.waitForNavigation(), page.locator("#form-examine button[type=submit]").click()]);
    await Promise.all([page.waitForNavigation(), page.locator("button[name=confirm]").click()]);
    expect(new URL(page.url()).searchParams.get("done")).toBe("examine");
    await page.close();
  });

  it("raised no script errors", () => {
    // The refusal without grounds is answered 400 on purpose (the form shown again); Chromium logs that status.
    const expected =
      /^\/office\/records\/[A-Z0-9]+\?lang=en: Failed to load resource: the server responded with a status of 400/;
    expect(errors.filter((e) => !expected.test(e))).toEqual([]);
    expect(errors.length).toBeLessThanOrEqual(1);
  });
});
