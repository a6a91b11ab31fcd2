/**
 * Every story of the built Storybook (`storybook-static/`, listed in its `index.json`), opened in headless Chromium
 * in English (left to right) and Arabic (right to left) through the "Language" toolbar's global: the story must
 * render, its interaction script (play function) must pass, and axe-core must find no WCAG 2.x A/AA violation.
 *
 * `.ci/run` builds the Storybook and runs this file (`pnpm --filter @ipoffice/ui-components test:storybook`); run
 * alone, the file builds the Storybook first when `storybook-static/` is absent. Needs Debian's `chromium`: skipped
 * without it on a developer's machine, failing in CI.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { type Browser, type ConsoleMessage, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { needsCommand } from "../../../test-support/reference-data.js";
import { type StaticServer, serveFolder } from "./support/staticServer.js";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const staticDir = fileURLToPath(new URL("../storybook-static/", import.meta.url));
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const chromiumNeed = needsCommand("chromium", "chromium");

interface IndexEntry {
  readonly id: string;
  readonly type: "story" | "docs";
  readonly title: string;
  readonly name: string;
}

const languages = ["en", "ar"] as const;

/** What one story gave in one language. */
interface Outcome {
  readonly phase: string;
  readonly dir: string;
  readonly violations: ReadonlyArray<string>;
  readonly errors: ReadonlyArray<string>;
}

// The story's render phases (Storybook's preview): "finished" (or "completed") once rendered and played, "errored"
// when the render or the play function threw.
const donePhases = ["finished", "completed"];
const finishedPhases = [...donePhases, "errored", "aborted"];

/** Messages of the preview's channel that mean a story failed: its render or its play function threw. */
const failureEvents = [
  "storyErrored",
  "storyThrewException",
  "playFunctionThrewException",
  "unhandledErrorsWhilePlaying",
  "storyMissing",
];

/**
 * Opens the Storybook's preview once in a language (the toolbar's global in the address), then switches it from story
 * to story the way the Storybook's own sidebar does (a `setCurrentStory` message on the preview's channel): much
 * faster than loading the preview again for every story. The failures the preview reports on its channel, and the
 * errors it logs, are collected per story.
 */
const openPreview = async (page: Page, origin: string, firstId: string, lang: string): Promise<void> => {
  await page.goto(`${origin}/iframe.html?id=${encodeURIComponent(firstId)}&viewMode=story&globals=lang:${lang}`);
  await page.waitForFunction(() => "__storyFailures" in globalThis && "__STORYBOOK_PREVIEW__" in globalThis);
  if (!(await page.evaluate(() => "axe" in globalThis))) await page.addScriptTag({ content: axeSource });
};

/**
 * Runs in every document the page loads, before the preview's own scripts: as soon as the preview exists, listens on
 * its channel for the messages that mean a story failed and keeps them in `__storyFailures`.
 */
const listenForFailures = (events: ReadonlyArray<string>): void => {
  type Channel = { on(event: string, listener: (payload: unknown) => void): void };
  const scope = globalThis as unknown as { __STORYBOOK_PREVIEW__?: { channel?: Channel }; __storyFailures: string[] };
  scope.__storyFailures = [];
  const attach = () => {
    const channel = scope.__STORYBOOK_PREVIEW__?.channel;
    if (channel === undefined) return false;
    for (const event of events) {
      channel.on(event, (payload) => {
        const detail = payload as { message?: string; description?: string } | undefined;
        scope.__storyFailures.push(`${event}: ${detail?.message ?? detail?.description ?? JSON.stringify(payload)}`);
      });
    }
    channel.on("storyFinished", (payload) => {
      if ((payload as { status?: string } | undefined)?.status === "error") {
        scope.__storyFailures.push("storyFinished with status error");
      }
    });
    return true;
  };
  const timer = setInterval(() => {
    if (attach()) clearInterval(timer);
  }, 1);
};

const visit = async (page: Page, id: string): Promise<Outcome> => {
  const errors: Array<string> = [];
  const onError = (error: Error) => errors.push(error.message);
  const onConsole = (message: ConsoleMessage) => {
    // A missing favicon is no failure of a story; anything else the preview logs as an error is.
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
      errors.push(message.text().split("\n")[0] ?? "");
    }
  };
  page.on("pageerror", onError);
  page.on("console", onConsole);
  try {
    await page.evaluate(() => {
      const scope = globalThis as unknown as { __storyFailures?: string[] };
      if (scope.__storyFailures !== undefined) scope.__storyFailures = [];
    });
    await page.evaluate((storyId) => {
      type Preview = { channel: { emit(event: string, payload: unknown): void }; currentRender?: { id?: string } };
      const preview = (globalThis as { __STORYBOOK_PREVIEW__?: Preview }).__STORYBOOK_PREVIEW__;
      if (preview?.currentRender?.id !== storyId)
        preview?.channel.emit("setCurrentStory", { storyId, viewMode: "story" });
    }, id);
    const phase = await page
      .waitForFunction(
        ({ storyId, phases }) => {
          const render = (globalThis as { __STORYBOOK_PREVIEW__?: { currentRender?: { id?: string; phase?: string } } })
            .__STORYBOOK_PREVIEW__?.currentRender;
          return render?.id === storyId && render.phase !== undefined && phases.includes(render.phase)
            ? render.phase
            : false;
        },
        { storyId: id, phases: finishedPhases },
        { timeout: 20_000, polling: 50 },
      )
      .then((handle) => handle.jsonValue() as Promise<string>);
    const dir = await page.evaluate(() => document.documentElement.dir);
    const violations = await page.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: typeof import("axe-core") }).axe;
      const result = await axe.run("#storybook-root", {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
        resultTypes: ["violations"],
      });
      return result.violations.map(
        (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(", ")}`,
      );
    });
    // Undefined when the story left the preview (a link followed): the listeners went with the page.
    const failures = await page.evaluate(
      () =>
        (globalThis as unknown as { __storyFailures?: string[] }).__storyFailures ?? [
          `the story left the preview for ${location.href}`,
        ],
    );
    return { phase, dir, violations, errors: [...failures, ...errors] };
  } finally {
    page.off("pageerror", onError);
    page.off("console", onConsole);
  }
};

describe.skipIf(chromiumNeed.skip)(chromiumNeed.title("the static Storybook in Chromium"), () => {
  let server: StaticServer;
  let browser: Browser;
  let page: Page;
  let stories: ReadonlyArray<IndexEntry> = [];

  beforeAll(async () => {
    if (!existsSync(`${staticDir}index.json`)) {
      const build = spawnSync("npx", ["storybook", "build", "-o", "storybook-static", "--quiet"], {
        cwd: packageDir,
        stdio: "inherit",
      });
      if (build.status !== 0) throw new Error("storybook build failed");
    }
    const index = JSON.parse(readFileSync(`${staticDir}index.json`, "utf8")) as {
      entries: Record<string, IndexEntry>;
    };
    stories = Object.values(index.entries).filter((entry) => entry.type === "story");
    server = await serveFolder(staticDir);
    browser = await chromium.launch({
      executablePath: process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
    });
    page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    await page.addInitScript(listenForFailures, failureEvents);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("lists the stories of every component, and a docs page per component", () => {
    const index = JSON.parse(readFileSync(`${staticDir}index.json`, "utf8")) as {
      entries: Record<string, IndexEntry>;
    };
    const entries = Object.values(index.entries);
    const titles = new Set(stories.map((s) => s.title));
    for (const title of [
      "Components/Status badge",
      "Components/Class status list",
      "Components/Nice term picker",
      "Components/Search results",
      "Components/Facet list",
    ]) {
      expect(titles, title).toContain(title);
      expect(
        entries.some((e) => e.type === "docs" && e.title === title),
        `docs page of ${title}`,
      ).toBe(true);
    }
  });

  it("opens every docs page with its title and no error", async () => {
    const index = JSON.parse(readFileSync(`${staticDir}index.json`, "utf8")) as {
      entries: Record<string, IndexEntry>;
    };
    const docs = Object.values(index.entries).filter((entry) => entry.type === "docs");
    const failures: Array<string> = [];
    for (const entry of docs) {
      const errors: Array<string> = [];
      const onError = (error: Error) => errors.push(error.message);
      page.on("pageerror", onError);
      await page.goto(`${server.origin}/iframe.html?id=${encodeURIComponent(entry.id)}&viewMode=docs`);
      const title = await page
        .waitForSelector(".sbdocs-content h1", { timeout: 20_000 })
        .then((h1) => h1.textContent())
        .catch(() => null);
      page.off("pageerror", onError);
      if (title === null || title.trim() === "") failures.push(`${entry.id}: no title`);
      for (const e of errors) failures.push(`${entry.id}: ${e}`);
    }
    expect(docs.length).toBeGreaterThanOrEqual(6);
    expect(failures).toEqual([]);
  }, 180_000);

  it("renders and plays every story in English and Arabic with no axe violation", async () => {
    const failures: Array<string> = [];
    for (const lang of languages) {
      // Opened on the last story, so that every story, the first included, is reached by a switch the listeners see.
      await openPreview(page, server.origin, stories[stories.length - 1]!.id, lang);
      for (const story of stories) {
        const outcome = await visit(page, story.id);
        const where = `${story.id} [${lang}]`;
        if (!donePhases.includes(outcome.phase)) failures.push(`${where}: ended ${outcome.phase}`);
        if (outcome.dir !== (lang === "ar" ? "rtl" : "ltr")) failures.push(`${where}: document dir ${outcome.dir}`);
        for (const v of outcome.violations) failures.push(`${where}: ${v}`);
        for (const e of outcome.errors) failures.push(`${where}: ${e}`);
      }
    }
    expect(stories.length).toBeGreaterThan(30);
    expect(failures).toEqual([]);
  }, 300_000);
});
