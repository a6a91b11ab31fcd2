/**
 * Screenshots of the built Storybook stories in headless Chromium (Debian's /usr/bin/chromium through playwright-core),
 * written to `screenshots/` (git-ignored). Run `pnpm build-storybook` first, then `pnpm screenshots`.
 * The picker stories are captured with a search typed and the list open, to show the popup and the chips.
 */
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = fileURLToPath(new URL("../storybook-static/", import.meta.url));
const out = fileURLToPath(new URL("../screenshots/", import.meta.url));
const types: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".css": "text/css",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".woff2": "font/woff2",
};

const server = createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
  try {
    const body = await readFile(join(root, path.endsWith("/") ? `${path}index.html` : path));
    res.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream" }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const address = server.address();
const port = typeof address === "object" && address ? address.port : 0;

const browser = await chromium.launch({
  executablePath: process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
});
const page = await browser.newPage({ viewport: { width: 900, height: 900 } });

const shots: ReadonlyArray<{ id: string; file: string; query?: string }> = [
  { id: "pages-record-page--english", file: "record-page-en.png" },
  { id: "pages-record-page--arabic", file: "record-page-ar.png" },
  { id: "components-search-results--with-facets", file: "search-results-en.png" },
  { id: "components-search-results--with-facets&globals=lang:ar", file: "search-results-ar.png" },
  { id: "components-search-results--french", file: "search-results-fr.png" },
  { id: "components-search-results--no-hits", file: "search-results-empty.png" },
  { id: "components-facet-list--arabic", file: "facet-list-ar.png" },
  { id: "components-class-status-list--english", file: "class-status-list-en.png" },
  { id: "components-class-status-list--arabic", file: "class-status-list-ar.png" },
  { id: "components-class-status-list--arabic-indic-digits", file: "class-status-list-ar-arab-digits.png" },
  { id: "components-nice-term-picker--english", file: "nice-term-picker-en.png" },
  { id: "components-nice-term-picker--english", file: "nice-term-picker-en-open.png", query: "shoe" },
  { id: "components-nice-term-picker--arabic", file: "nice-term-picker-ar.png" },
  { id: "components-nice-term-picker--arabic", file: "nice-term-picker-ar-open.png", query: "coffee" },
  { id: "components-nice-term-picker--french", file: "nice-term-picker-fr-open.png", query: "mark" },
];

try {
  for (const shot of shots) {
    await page.goto(`http://127.0.0.1:${port}/iframe.html?id=${shot.id}&viewMode=story`);
    await page.waitForSelector("#storybook-root > *");
    if (shot.query) {
      const input = page.locator("ipo-nice-term-picker input[role=combobox]");
      await input.click();
      await input.pressSequentially(shot.query, { delay: 30 });
      await page.getByRole("option").first().waitFor();
      await page.waitForTimeout(800); // debounce and simulated latency: let the last query's results arrive
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("ArrowDown");
    }
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(out, shot.file), fullPage: true });
    console.log(`screenshots/${shot.file}`);
  }
} finally {
  await browser.close();
  server.close();
}
