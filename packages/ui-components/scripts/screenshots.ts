/**
 * Screenshots of the built Storybook's stories and docs pages in headless Chromium (Debian's /usr/bin/chromium through
 * playwright-core), in English and Arabic and in the sample offices' themes, written to `screenshots/` (git-ignored).
 * Run `pnpm build-storybook` first, then `pnpm screenshots`. The picker is captured with a search typed and the list
 * open, to show the popup and the chips.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { serveFolder } from "../test/support/staticServer.js";

const root = fileURLToPath(new URL("../storybook-static/", import.meta.url));
const out = fileURLToPath(new URL("../screenshots/", import.meta.url));
const server = await serveFolder(root);

const browser = await chromium.launch({
  executablePath: process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
});
const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });

interface Shot {
  readonly id: string;
  readonly file: string;
  readonly lang?: string;
  readonly theme?: string;
  readonly docs?: boolean;
  readonly query?: string;
}

const shots: ReadonlyArray<Shot> = [
  { id: "components-status-badge--all-statuses", file: "status-badge-all-en.png" },
  { id: "components-status-badge--all-statuses", file: "status-badge-all-ar-om.png", lang: "ar", theme: "om" },
  { id: "components-status-badge--workflow-states", file: "status-badge-workflow-ar.png", lang: "ar" },
  { id: "components-status-badge--docs", file: "status-badge-docs.png", docs: true },
  { id: "components-class-status-list--decided-per-class", file: "class-status-list-en-bg.png", theme: "bg" },
  {
    id: "components-class-status-list--decided-per-class",
    file: "class-status-list-ar-jo.png",
    lang: "ar",
    theme: "jo",
  },
  { id: "components-class-status-list--all-statuses", file: "class-status-list-all-fr.png", lang: "fr" },
  { id: "components-class-status-list--docs", file: "class-status-list-docs.png", docs: true },
  { id: "pages-record-page-sketch--record-page-sketch", file: "record-page-en-om.png", theme: "om" },
  { id: "pages-record-page-sketch--record-page-sketch", file: "record-page-ar-jo.png", lang: "ar", theme: "jo" },
  { id: "components-search-results--with-facets", file: "search-results-en.png" },
  { id: "components-search-results--with-facets", file: "search-results-ar.png", lang: "ar" },
  { id: "components-facet-list--search-facets", file: "facet-list-ar.png", lang: "ar" },
  { id: "components-nice-term-picker--two-terms-chosen", file: "nice-term-picker-en-open.png", query: "shoe" },
  {
    id: "components-nice-term-picker--two-terms-chosen",
    file: "nice-term-picker-ar-open.png",
    lang: "ar",
    query: "coffee",
  },
  { id: "components-nice-term-picker--docs", file: "nice-term-picker-docs.png", docs: true },
];

const rendered = (docs: boolean) =>
  docs
    ? page.waitForSelector(".sbdocs-content h1")
    : page.waitForFunction(() => {
        const render = (globalThis as { __STORYBOOK_PREVIEW__?: { currentRender?: { phase?: string } } })
          .__STORYBOOK_PREVIEW__?.currentRender;
        return render?.phase === "finished" || render?.phase === "completed";
      });

try {
  for (const shot of shots) {
    const globals = `lang:${shot.lang ?? "en"};theme:${shot.theme ?? "default"}`;
    await page.goto(
      `${server.origin}/iframe.html?id=${shot.id}&viewMode=${shot.docs ? "docs" : "story"}&globals=${globals}`,
    );
    await rendered(shot.docs ?? false);
    if (shot.query) {
      const input = page.locator("ipo-nice-term-picker input[role=combobox]");
      await input.click();
      await input.pressSequentially(shot.query, { delay: 30 });
      await page.getByRole("option").first().waitFor();
      await page.waitForTimeout(800); // debounce and simulated latency: let the last query's results arrive
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("ArrowDown");
    }
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(out, shot.file), fullPage: true });
    console.log(`screenshots/${shot.file}`);
  }
} finally {
  await browser.close();
  await server.close();
}
