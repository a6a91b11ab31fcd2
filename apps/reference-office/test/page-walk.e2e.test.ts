/**
 * Every page of the demo office walked in a real Chromium, in English and Arabic (right to left), as the role its route
 * declares: the pages come from the app's route table (the one the access matrix enumerates), so a page added tomorrow
 * is walked the day it is added. A route with parameters is walked at an address some walked page links to (a record,
 * a designation, an account…), taken from the seeded data; one no page links to must say why below.
 *
 * On each page (decision 0413):
 * - right to left: every Latin letter of visible text sits in an element that isolates it (`<bdi>`, an element with
 *   `dir`, a form field, `code`), between Unicode isolates (FSI … PDI), or in an element of another language (the
 *   language switch); a value of unknown direction in an Arabic page keeps its own order (Unicode Bidirectional
 *   Algorithm, UAX #9, rules X5a–X5c). Only the names of standards the Arabic messages cite (ST.13, WIPO, XML…) may
 *   stand bare.
 * - no raw code: no dotted identifier (`madrid.office.GrantProtection`, a message key), snake_case or camelCase token,
 *   and no text that is exactly a role, a workflow state or a workflow action of the office: each is labelled.
 * - no English on the Arabic page: a text the English page shows as its own words (outside any isolating element,
 *   i.e. not a value from data) is not shown on the Arabic page.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Userdoc } from "@ipoffice/domain";
import { Effect } from "effect";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessSettingsOf, makeAccounts } from "../src/auth/Accounts.js";
import { kindsOf, workflowsOf } from "../src/config/OfficeConfig.js";
import { defaultFilerSettings, makeFilers } from "../src/efiling/Filers.js";
import type { RouteAccess } from "../src/http/access.js";
import { silentLogger } from "../src/Logger.js";
import { type RunningServer, startServer } from "../src/Server.js";
import { launchChromium } from "./support/browser.js";

/**
 * Page routes the walk cannot reach by following links, and why. Every other GET route outside the API is walked;
 * an entry here that names no route of the app fails the test, so the list does not outlive its routes.
 */
const notWalked: Record<string, string> = {
  "/efiling/confirm/{token}": "reached from the e-mail sent at registration (efiling-accounts.e2e walks it)",
  "/efiling/reset/{token}": "reached from the password-reset e-mail only",
  "/sign-in/oidc": "redirects to the identity provider the office configures (none in the demo)",
  "/sign-in/oidc/callback": "the identity provider's redirect back (oidc tests)",
};

/** Routes that answer something other than a page (files, feeds, health): not walked. */
const notPages = [
  /^\/(health|ready|favicon\.ico)$/,
  /^\/assets\//,
  /\/(pdf|st96|form\.js)$/,
  /^\/search\/(feed|export)\//,
  /^\/payments\/invoices\//,
  /^\/efiling\/filings\/\{number\}\/documents\/\{id\}$/,
];

/**
 * Latin words the Arabic messages of the catalog cite inside their own sentences: names of standards and formats,
 * configuration keys, the search syntax's tags and operators, an example of a priority claim. Allowed only in a text
 * that also holds Arabic letters (a message), never as a value on its own.
 */
const citedInArabicMessages =
  /^(ST\.\d+|WIPO|XML|PDF|CSV|XLSX|YAML|JSON|API|Atom|Madrid|Monitor|MadridIBToOfficeTransaction|documents\.templates|efiling\.outboxPage|TM|OW|CL|ST|AN|IR|AND|OR|NOT|FR)$/;

interface Finding {
  readonly kind: "not isolated" | "raw code" | "english";
  readonly text: string;
}

interface PageText {
  readonly findings: ReadonlyArray<Finding>;
  /** Text the page shows as its own words (not a value from data), with Latin letters. */
  readonly ownWords: ReadonlyArray<string>;
  /** Visible text of the page, trimmed, with whether it is isolated. */
  readonly texts: ReadonlyArray<{ text: string; isolated: boolean; otherLanguage: boolean }>;
  readonly links: ReadonlyArray<string>;
}

/** Runs in the page: every visible text node (open shadow roots included) with its isolation, and the page's links. */
const readPage = ({ codes, cited }: { codes: ReadonlyArray<string>; cited: string }): PageText => {
  const citedWord = new RegExp(cited);
  const rtl = document.documentElement.dir === "rtl";
  const pageLang = document.documentElement.lang;
  const codeSet = new Set(codes);
  const parentOf = (n: Node): Element | null =>
    n.parentElement ?? (n.parentNode instanceof ShadowRoot ? n.parentNode.host : null);
  const isolatedBy = (
    el: Element | null,
  ): { isolated: boolean; otherLanguage: boolean; literal: boolean; untranslated: boolean; value: boolean } => {
    let isolated = false;
    let value = false;
    let otherLanguage = false;
    let literal = false;
    let untranslated = false;
    for (let e = el; e !== null && e !== document.documentElement; e = parentOf(e)) {
      const name = e.localName;
      if (name === "code" || name === "kbd" || name === "samp" || name === "textarea" || name === "pre") {
        literal = true;
        isolated = true;
      }
      // `dir` isolates an HTML element; `direction` gives an SVG label its own direction (each <text> is its own chunk).
      // A value from data (bdi() of src/pages/bidi.ts); `dir` alone only sets a direction.
      if (name === "bdi" || (e instanceof SVGElement && e.hasAttribute("direction"))) value = true;
      if (name === "bdi" || e.hasAttribute("dir") || (e instanceof SVGElement && e.hasAttribute("direction")))
        isolated = true;
      // A code or identifier the same in every language (ltr() of src/pages/bidi.ts): neither label nor English.
      if (e.getAttribute("translate") === "no") untranslated = true;
      const lang = e.getAttribute("lang");
      if (lang !== null && lang !== pageLang) otherLanguage = true;
    }
    return { isolated, otherLanguage, literal, untranslated, value };
  };
  const skip = new Set(["script", "style", "template", "noscript", "title"]);
  const texts: Array<{ text: string; isolated: boolean; otherLanguage: boolean }> = [];
  const arabic = /\p{Script=Arabic}/u;
  const findings: Finding[] = [];
  const ownWords: string[] = [];
  const rawPatterns = [
    // madrid.office.GrantProtection, payments.state.paid (a message key shown as such)
    /(?<![\w@/.-])[a-z][a-z0-9]*(?:\.[a-z][A-Za-z0-9]*)*\.[A-Z][A-Za-z]+(?![\w@.-])/,
    /(?<![\w@/.-])[a-z][a-z0-9]*(?:\.[a-z][A-Za-z0-9]*){2,}(?![\w@/.-])/,
    // substantive_examination
    /(?<![\w@/.-])[a-z]+(?:_[a-z0-9]+)+(?![\w@.-])/,
    // deemWithdrawn
    /(?<![\w@/.-])[a-z]+[A-Z][a-z]+[A-Za-z]*(?![\w@.-])/,
  ];
  const visit = (root: Node) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
      if (n instanceof Element) {
        if (n.shadowRoot) visit(n.shadowRoot);
        continue;
      }
      const raw = n.textContent ?? "";
      const text = raw.replace(/\s+/g, " ").trim();
      if (text === "") continue;
      const parent = parentOf(n);
      if (parent === null || skip.has(parent.localName)) continue;
      if (parent.closest("[hidden]") !== null) continue;
      if (parent.localName !== "option" && !parent.checkVisibility()) continue;
      const where = isolatedBy(parent);
      if (!where.untranslated && !where.literal)
        texts.push({ text, isolated: where.isolated, otherLanguage: where.otherLanguage });
      // Values from data (a mark may well be "eBay" or "MAX_POWER") are not codes; labels and bare text are checked.
      if (!where.literal && !where.untranslated && !where.value) {
        const bare = text.replace(/[\u2066-\u2068][^\u2069]*\u2069/g, " ");
        for (const pattern of rawPatterns) {
          const m = pattern.exec(bare.replace(/\S+@\S+|\S+:\/\/\S+/g, " "));
          if (m) findings.push({ kind: "raw code", text: `${m[0]} in "${text}"` });
        }
        if (codeSet.has(text)) findings.push({ kind: "raw code", text });
      }
      if (!/\p{Script=Latin}/u.test(text)) continue;
      if (!where.value && !where.untranslated && !where.otherLanguage) ownWords.push(text);
      if (rtl && !where.isolated && !where.otherLanguage) {
        // Latin runs outside isolates (FSI … PDI written by the page around values it puts into a message).
        const outside = raw.replace(/[\u2066-\u2068][^\u2069]*\u2069/g, " ");
        const runs = outside.match(/\p{Script=Latin}[\p{Script=Latin}0-9]*(?:[.'’&-][\p{Script=Latin}0-9]+)*/gu) ?? [];
        const bad = runs.filter((r) => !(arabic.test(outside) && citedWord.test(r)));
        if (bad.length > 0) findings.push({ kind: "not isolated", text: `${bad.join(" ")} in "${text}"` });
      }
    }
  };
  visit(document.body);
  const links = [...document.querySelectorAll("a[href]")].map((a) => a.getAttribute("href") ?? "");
  return { findings, ownWords, texts, links };
};

describe("every page in English and Arabic", () => {
  let server: RunningServer;
  let dataDir: string | undefined;
  let browser: Browser;
  const contexts = new Map<string, BrowserContext>();
  /** Addresses of this site the walked pages link to: path → the first address (with its query) found. */
  const links = new Map<string, string>();
  const errors: string[] = [];

  beforeAll(async () => {
    // A data directory, as `pnpm start` has: the demo's gateway secret lives there, so its applicants can pay.
    dataDir = await mkdtemp(join(tmpdir(), "ipo-walk-"));
    server = await startServer({
      port: 0,
      hostname: "127.0.0.1",
      logger: silentLogger(),
      timeLimitSweep: false,
      dataDir,
    });
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  });

  /** A browser context for a caller: anonymous, a demo staff role (signed in through the form), or an agent. */
  const contextFor = async (who: string): Promise<BrowserContext> => {
    const known = contexts.get(who);
    if (known !== undefined) return known;
    // The pages as they are served: without JavaScript (the components' script only enhances them), which also keeps
    // the walk within a minute on two cores.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
    if (who === "agent" || who === "applicant") {
      // An account of the e-filing portal, registered and confirmed through the service as the portal does.
      const filers = makeFilers(
        server.database.db,
        server.config,
        defaultFilerSettings(accessSettingsOf(server.config).hash),
      );
      const email = `walk-${who}@example.test`;
      const password = "walking every page 2026";
      const account = await Effect.runPromise(
        filers.register(
          { name: "Gulf Agents & Co.", email, password, kind: who, country: "OM", address: "Way 3021, Muscat" },
          "en",
          server.url,
        ),
      );
      const mail = await server.database.db
        .selectFrom("outbox")
        .select(["link"])
        .where("recipient", "=", email)
        .executeTakeFirstOrThrow();
      const secret = /\/efiling\/confirm\/([A-Za-z0-9_-]{43})/.exec(mail.link ?? "")?.[1] ?? "";
      await Effect.runPromise(filers.confirm(secret));
      expect(account.id).toBeTruthy();
      const page = await context.newPage();
      await page.goto(`${server.url}/efiling/sign-in?lang=en`);
      await page.fill("#f-email", email);
      await page.fill("#f-password", password);
      await Promise.all([page.waitForNavigation(), page.click("form.ipo-form button[type=submit]")]);
      if (who === "applicant") {
        // A filing of the applicant's, through the form as it works without JavaScript: its receipt and its page in "my
        // filings" are walked too.
        await page.goto(`${server.url}/file?lang=en&kind=trademark`);
        await page.fill("#f-markText", "LUBAN & Co.");
        await page.fill("#f-goodsAndServicesText", "3: perfumes");
        await Promise.all([page.waitForNavigation(), page.click("button[name=intent][value=file]")]);
        const receipt = new URL(page.url());
        expect(receipt.pathname).toMatch(/^\/file\/receipt\//);
        links.set(receipt.pathname, `${receipt.pathname}${receipt.search}`);
        // Paying its invoice from the receipt opens the gateway simulator's hosted page, walked too.
        await Promise.all([page.waitForNavigation(), page.click("[data-invoice] form button[type=submit]")]);
        const hosted = new URL(page.url());
        expect(hosted.pathname).toMatch(/^\/gateway-simulator\//);
        links.set(hosted.pathname, hosted.pathname);
      }
      await page.close();
    } else if (who !== "anonymous") {
      const demo = server.demo;
      if (demo === undefined) throw new Error("the demo accounts were not created");
      const page = await context.newPage();
      await page.goto(`${server.url}/sign-in?lang=en`);
      await page.fill("#username", demo.accounts[who] ?? "");
      await page.fill("#password", demo.password);
      await Promise.all([page.waitForNavigation(), page.click("button[type=submit]")]);
      await page.close();
    }
    contexts.set(who, context);
    return context;
  };

  /** One tab per caller, reused from page to page. */
  const pages = new Map<string, Page>();
  const pageFor = async (who: string): Promise<Page> => {
    const known = pages.get(who);
    if (known !== undefined) return known;
    const page = await (await contextFor(who)).newPage();
    page.on("pageerror", (e) => errors.push(`${page.url()}: ${e.message}`));
    pages.set(who, page);
    return page;
  };

  it("labels, isolates and translates every page", async () => {
    const started = Date.now();
    /** The slowest pages, named when the walk is slow. */
    const timings: Array<[number, string]> = [];
    const accounts = makeAccounts(server.database.db, server.config);
    const roleFor = (route: RouteAccess): string => {
      const access = route.access;
      if ("public" in access) return "anonymous";
      if ("filer" in access) return access.filer === "agent" ? "agent" : "applicant";
      if ("signedIn" in access) return "registrar";
      if ("permission" in access) {
        for (const role of accounts.roles)
          if (accounts.matrix.get(role)?.has(access.permission) && server.demo?.accounts[role]) return role;
      }
      throw new Error(`no demo account may read ${route.path}`);
    };
    const workflows = Object.values(workflowsOf(server.config));
    const codes = [
      ...accounts.roles,
      ...workflows.flatMap((w) => [...w.states.map((s) => s.id), ...w.actions.map((a) => a.id)]),
      // Events outside the workflows' actions: the filing itself (IpRight.file) and the userdocs recorded on a right.
      "file",
      ...Userdoc.types.map((t) => t.id),
    ];

    const routes = server.routes.filter((r) => r.method === "get" && !r.path.startsWith("/api/"));
    for (const path of Object.keys(notWalked))
      expect(
        routes.map((r) => r.path),
        `${path} is not a route any more`,
      ).toContain(path);
    const toWalk = routes.filter((r) => notWalked[r.path] === undefined && !notPages.some((re) => re.test(r.path)));
    const pattern = (path: string) =>
      new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{[^}]+\\?\}/g, "[^/?#]+")}$`);
    const failures: string[] = [];
    const walked: string[] = [];
    /** Route path → the address it was walked at. */
    const addresses = new Map<string, string>();
    const pending = [...toWalk];
    const walk = async (route: RouteAccess, address: string) => {
      const page = await pageFor(roleFor(route));
      const seen: Record<string, PageText> = {};
      for (const lang of ["en", "ar"] as const) {
        const url = new URL(address, server.url);
        url.searchParams.set("lang", lang);
        const t0 = Date.now();
        const res = await page.goto(url.href, { waitUntil: "domcontentloaded" });
        expect(res?.status(), `${url.pathname}${url.search}`).toBe(200);
        seen[lang] = await page.evaluate(readPage, { codes, cited: citedInArabicMessages.source });
        timings.push([Date.now() - t0, `${url.pathname}${url.search}`]);
      }
      const en = seen.en as PageText;
      const ar = seen.ar as PageText;
      // The English page's own words (not values: a value is in <bdi> or marked translate="no").
      // Words, not codes: a run of three lower-case letters ("Registration", not "TM/2026/000006" or "CH").
      const englishWords = new Set(en.ownWords.filter((w) => /\p{Ll}{3,}/u.test(w)));
      const english = ar.texts
        // Text outside isolation is reported as such above; this finds English words put in an isolating element.
        .filter((x) => x.isolated && !x.otherLanguage && englishWords.has(x.text))
        .map((x) => ({ kind: "english" as const, text: x.text }));
      for (const f of [...en.findings.filter((x) => x.kind === "raw code"), ...ar.findings, ...english])
        failures.push(`${route.path} (${address}) ${f.kind}: ${f.text}`);
      for (const href of [...en.links, ...ar.links]) {
        const u = new URL(href, server.url);
        if (u.origin !== new URL(server.url).origin) continue;
        if (!links.has(u.pathname)) links.set(u.pathname, `${u.pathname}${u.search}`);
      }
      walked.push(route.path);
      addresses.set(route.path, address);
    };
    // Routes without parameters first; then each route with parameters at an address a walked page links to, until
    // no more can be reached.
    for (let progress = true; progress && pending.length > 0; ) {
      progress = false;
      for (const route of [...pending]) {
        const linked = [...links.keys()].find((l) => pattern(route.path).test(l) && !l.includes("{"));
        // A page under a walked one (`/office/records/{number}/correspondence`): the same address, one step down.
        const parent = [...addresses.entries()].find(
          ([path]) => route.path.startsWith(`${path}/`) && !route.path.slice(path.length).includes("{"),
        );
        const address = !route.path.includes("{")
          ? route.path
          : linked !== undefined
            ? links.get(linked)
            : parent !== undefined
              ? `${parent[1].split("?")[0]}${route.path.slice(parent[0].length)}`
              : undefined;
        if (address === undefined) continue;
        pending.splice(pending.indexOf(route), 1);
        await walk(route, address);
        progress = true;
      }
    }
    // A record of every kind the office has: the record pages differ by kind (a mark's goods and services, a patent's
    // abstract and classes, a design's products and views).
    for (const kind of kindsOf(server.config)) {
      const list = (await (await fetch(`${server.url}/api/v1/applications?kind=${kind}&pageSize=1`)).json()) as {
        items: Array<{ st13: string }>;
      };
      const st13 = list.items[0]?.st13;
      expect.soft(st13, `a published ${kind} in the demo data`).toBeDefined();
      if (st13 === undefined) continue;
      for (const route of routes.filter((r) => r.path === "/records/{number}" || r.path === "/office/records/{number}"))
        await walk(route, route.path.replace("{number}", st13));
    }
    expect
      .soft(
        pending.map((r) => r.path),
        "pages no walked page links to (give a reason in notWalked)",
      )
      .toEqual([]);
    expect.soft(walked.length).toBeGreaterThan(30);
    expect.soft(failures).toEqual([]);
    expect.soft(errors).toEqual([]);
    const slowest = timings
      .sort((a, b) => b[0] - a[0])
      .slice(0, 3)
      .map(([ms, url]) => `${url} ${ms} ms`);
    console.info(
      `walked ${walked.length} pages in 2 languages in ${Date.now() - started} ms; slowest: ${slowest.join(", ")}`,
    );
  }, 300_000);
});
