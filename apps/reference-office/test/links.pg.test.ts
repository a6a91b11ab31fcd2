/**
 * No page links to another host, whatever path it was asked for: the 404 page's language switch once echoed the
 * request path, so `GET //evil.example/records` offered `//evil.example/records?lang=en`, a link off the site.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenDatabase } from "../src/db/Database.js";
import { localPath } from "../src/pages/layout.js";
import { testApp } from "./support/app.js";
import { testDatabases } from "./support/databases.js";

const origin = "http://office.example";

/** Every link target of a page (href, src, action), decoded from HTML. */
const targets = (html: string): Array<string> =>
  [...html.matchAll(/\b(?:href|src|action)="([^"]*)"/g)].map((m) =>
    (m[1] ?? "").replaceAll("&amp;", "&").replaceAll("&#39;", "'").replaceAll("&quot;", '"'),
  );

/** The hosts the page's links lead to, as a browser resolves them against the page's own address. */
const hostsOf = (html: string, pageUrl: string): Array<string> =>
  targets(html).flatMap((t) => {
    if (/^https:\/\//.test(t)) return []; // the office's configured logo may be on https
    return [new URL(t, pageUrl).host];
  });

describe.each(testDatabases)("links stay on the site on $name", (target) => {
  let database: OpenDatabase;
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    database = await target.open();
    t = await testApp(database);
  });
  afterAll(() => database?.close());

  const get = (path: string) => t.app.request(new Request(`${origin}${path}`, { headers: { accept: "text/html" } }));

  it("a 404 for //evil.example/records and its disguises links nowhere else; its language switch leads to the register", async () => {
    for (const path of [
      "//evil.example/records",
      "//evil.example/records?lang=en",
      "///evil.example",
      "/\\evil.example/records",
      "/%2F%2Fevil.example",
      "/%2F%2Fevil.example/records?lang=ar",
      "/%5C%5Cevil.example",
      "/http://evil.example/records",
      "/records/..%2F..%2F%2Fevil.example",
      "//evil.example/records/OM502026000000001",
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      const html = await res.text();
      const pageUrl = `${origin}${path}`;
      expect(
        hostsOf(html, pageUrl).filter((h) => h !== "office.example"),
        path,
      ).toEqual([]);
      expect(html, path).not.toContain("evil.example");
      const switches = [...html.matchAll(/<a href="([^"]*)" lang="(\w+)" hreflang/g)].map((m) => m[1]);
      expect(switches.length, path).toBeGreaterThan(0);
      for (const s of switches) expect(s, path).toMatch(/^\/records\?lang=(ar|en)$/);
    }
  });

  it("on a page that exists, the language switch keeps the page and stays on the site", async () => {
    const res = await get("/records?q=nakhla&lang=en");
    const html = await res.text();
    expect(html).toContain('href="/records?q=nakhla&amp;lang=ar"');
    expect(localPath("//evil.example/x")).toBe("/evil.example/x");
    expect(localPath("/\\\\evil.example")).toBe("/evil.example");
    expect(localPath("/records")).toBe("/records");
  });

  it("any path made of slashes, backslashes, encodings and hosts gives a page whose links stay on the site", async () => {
    const piece = fc.constantFrom(
      "/",
      "//",
      "\\",
      "%2F",
      "%5C",
      "%2f",
      "evil.example",
      "http:",
      "records",
      "..",
      "@",
      ".",
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(piece, { minLength: 1, maxLength: 8 }),
        fc.constantFrom("", "?lang=en", "?lang=ar&q=x"),
        async (pieces, query) => {
          const path = `/${pieces.join("")}${query}`;
          let request: Request;
          try {
            request = new Request(`${origin}${path}`, { headers: { accept: "text/html" } });
          } catch {
            return; // not a URL at all: no request reaches the app
          }
          const res = await t.app.request(request);
          expect(res.status, path).toBeLessThan(500);
          if (!(res.headers.get("content-type") ?? "").includes("text/html")) return;
          const html = await res.text();
          expect(
            hostsOf(html, request.url).filter((h) => h !== "office.example"),
            path,
          ).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
