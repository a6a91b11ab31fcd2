/**
 * A real Chromium (Debian's, through playwright-core) on the running office, for the e2e tests: pages that record
 * script errors, and an axe-core accessibility check.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { expect } from "vitest";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
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

const pageOptions = { viewport: { width: 1280, height: 900 }, bypassCSP: true };

/**
 * A browser context signed in through the office's sign-in page, as a person does (the form, no script needed): its
 * pages carry the session cookie.
 */
export const signedIn = async (
  browser: Browser,
  baseUrl: string,
  username: string,
  password: string,
): Promise<BrowserContext> => {
  const context = await browser.newContext(pageOptions);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/sign-in?lang=en`);
  await page.fill("#username", username);
  await page.fill("#password", password);
  await Promise.all([page.waitForNavigation(), page.click("button[type=submit]")]);
  expect(new URL(page.url()).pathname).not.toBe("/sign-in");
  await page.close();
  return context;
};

/** Opens `path` of the office and expects a 200; script errors and console errors are pushed to `errors`. */
export const openPage = async (
  browser: Browser | BrowserContext,
  baseUrl: string,
  path: string,
  errors: string[],
): Promise<Page> => {
  // bypassCSP lets the test inject axe; the pages themselves allow only their own scripts.
  const page = "newContext" in browser ? await browser.newPage(pageOptions) : await browser.newPage();
  page.on("pageerror", (e) => errors.push(`${path}: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`${path}: ${m.text()}`);
  });
  const res = await page.goto(`${baseUrl}${path}`, { waitUntil: "networkidle" });
  expect(res?.status()).toBe(200);
  return page;
};

/** The axe-core violations of the page, as `rule (number of nodes)`. */
export const axeViolations = async (page: Page): Promise<string[]> => {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is a global injected above
    const r = await (window as any).axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v: { id: string; nodes: unknown[] }) => `${v.id} (${v.nodes.length})`);
  });
  return result as string[];
};
