/**
 * The office's own files (decision 0606): checked by content when the configuration loads (an image named .png that
 * is text, an SVG that could run script, a name that is not a plain file name are problems naming the file), then
 * served at /assets/office/<name> with its type, an ETag and, for SVG, a policy that runs nothing; the logo shows in
 * every page's header and the icon is the browser's.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { Result } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadOfficeConfig, type OfficeConfig } from "../src/config/OfficeConfig.js";
import type { OpenDatabase } from "../src/db/Database.js";
import { assetType, loadOfficeAssets, svgProblem } from "../src/officeAssets.js";
import { testApp } from "./support/app.js";
import { testDatabases } from "./support/databases.js";

// A 1×1 transparent PNG.
const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);
const svg = `<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><circle cx="4" cy="4" r="3" fill="#006a4e"/></svg>`;
const joConfig = new URL("../config/offices/jo.yaml", import.meta.url).pathname;
// A real WOFF2 font (Noto Naskh Arabic, OFL), from the package the documents use.
const woff2 = readFileSync(
  createRequire(new URL("../../../packages/documents/package.json", import.meta.url)).resolve(
    "@fontsource/noto-naskh-arabic/files/noto-naskh-arabic-arabic-400-normal.woff2",
  ),
);

const folder = (files: Record<string, string | Uint8Array>) => {
  const dir = mkdtempSync(join(tmpdir(), "ipo-assets-"));
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
  return dir;
};

describe("office files are checked by their content", () => {
  it("knows images and SVG drawings by content, whatever their name", async () => {
    expect(await assetType(png)).toEqual({ type: "image/png" });
    expect(await assetType(Buffer.from(svg))).toEqual({ type: "image/svg+xml" });
    expect(await assetType(Buffer.from("<html><script>alert(1)</script></html>"))).toHaveProperty("problem");
    expect(await assetType(Buffer.from("just text"))).toHaveProperty("problem");
  });

  it.each([
    ['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "<script>"],
    ['<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "event attribute"],
    [
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink"><a x:href="javascript:alert(1)"><text>x</text></a></svg>',
      "referring outside",
    ],
    [
      '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://tracker.example/p.png"/></svg>',
      "referring outside",
    ],
    ['<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><div/></foreignObject></svg>', "foreignObject"],
    ['<!DOCTYPE svg [<!ENTITY a "b">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>', "DOCTYPE"],
    ['<svg xmlns="http://www.w3.org/2000/svg"><circle></svg>', "not well-formed"],
  ])("refuses the SVG %s (%s)", (text, says) => {
    expect(svgProblem(text)).toContain(says);
  });

  it("never throws on any bytes, and answers a type or a problem (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }),
          fc.string({ maxLength: 200 }).map((s) => new TextEncoder().encode(`<svg ${s}`)),
        ),
        async (bytes) => {
          const got = await assetType(bytes);
          expect("type" in got || "problem" in got).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("reports each file that cannot be served, and a logo that is not there, at its path", async () => {
    const dir = folder({
      "logo.png": "not a png at all",
      "ok.svg": svg,
      "evil.svg": '<svg xmlns="http://www.w3.org/2000/svg" onclick="x()"/>',
    });
    const { assets, issues } = await loadOfficeAssets({ folder: dir, logo: "logo.png", favicon: "none.ico" });
    expect([...assets.keys()]).toEqual(["ok.svg"]);
    expect(issues.map((i) => [i.path, i.message.split(":")[0]])).toEqual([
      ["assets.folder", "evil.svg"],
      ["assets.folder", "logo.png"],
      ["assets.logo", "logo.png is not a file of the assets folder that can be served"],
      ["assets.favicon", "none.ico is not a file of the assets folder that can be served"],
    ]);
  });

  it("refuses a font that is not a file of the folder, or not a font, at its path", async () => {
    const dir = folder({ "logo.svg": svg, "naskh.woff2": woff2 });
    const { issues } = await loadOfficeAssets({
      folder: dir,
      fonts: [
        { family: "Office Naskh", file: "naskh.woff2" },
        { family: "Missing", file: "missing.woff2" },
        { family: "Drawn", file: "logo.svg" },
      ],
    });
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      ["assets.fonts[1].file", "missing.woff2 is not a file of the assets folder that can be served"],
      ["assets.fonts[2].file", "logo.svg is a image/svg+xml file, not a font"],
    ]);
  });

  it("refuses to start an office whose assets folder is missing, naming the path", async () => {
    const dir = folder({});
    const file = join(dir, "office.yaml");
    const text = (await import("node:fs"))
      .readFileSync(joConfig, "utf8")
      .replace("folder: assets/jo", "folder: nowhere");
    writeFileSync(
      file,
      text
        .replace(/\.\.\/fees\//g, `${new URL("../config/fees/", import.meta.url).pathname}`)
        .replace(/\.\.\/madrid\//g, `${new URL("../config/madrid/", import.meta.url).pathname}`),
    );
    const loaded = await loadOfficeConfig(file);
    if (Result.isSuccess(loaded)) throw new Error("expected a problem");
    expect(loaded.failure.issues.map((i) => i.path)).toContain("assets.folder");
  });
});

describe.each(testDatabases)("the office's files served on $name", (target) => {
  let database: OpenDatabase;
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    database = await target.open();
    const jo = Result.getOrThrow(await loadOfficeConfig(joConfig));
    const dir = folder({ "icon.png": png, "logo.svg": svg, "naskh.woff2": woff2 });
    t = await testApp(database, "2026-03-02T09:00:00Z", {
      configure: (om: OfficeConfig) => ({
        ...om,
        theme: jo.theme,
        assets: {
          folder: dir,
          logo: "logo.svg",
          favicon: "icon.png",
          fonts: [{ family: "Office Naskh", file: "naskh.woff2", weight: "400" }],
        },
      }),
    });
  });
  afterAll(() => database?.close());

  it("serves the logo with its type, an ETag and a policy that runs nothing", async () => {
    const res = await t.app.request("/assets/office/logo.svg");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/svg+xml");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await res.text()).toBe(svg);
    const again = await t.app.request("/assets/office/logo.svg", {
      headers: { "if-none-match": res.headers.get("etag") ?? "" },
    });
    expect(again.status).toBe(304);
    const icon = await t.app.request("/favicon.ico");
    expect(icon.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await icon.arrayBuffer())).toEqual(new Uint8Array(png));
  });

  it("answers 404 for any other name (400 for a NUL), never a file outside the folder", async () => {
    for (const name of ["nothing.png", "..%2F..%2Fpackage.json", "%2E%2E", ".env", "logo.svg%2F..%2F..%2Fjo.yaml"])
      expect((await t.app.request(`/assets/office/${name}`)).status, name).toBe(404);
    expect((await t.app.request("/assets/office/logo.svg%00.png")).status).toBe(400);
  });

  it("declares the office's fonts with @font-face on every page and serves them as fonts", async () => {
    for (const path of ["/search?lang=en", "/search?lang=ar"]) {
      const page = await (await t.app.request(path)).text();
      expect(page).toContain(
        '@font-face{font-family:"Office Naskh";src:url("/assets/office/naskh.woff2") format("woff2");font-weight:400;font-style:normal;font-display:swap}',
      );
    }
    const font = await t.app.request("/assets/office/naskh.woff2");
    expect(font.headers.get("content-type")).toBe("font/woff2");
  });

  it("shows the logo in the header and names the icon on every page", async () => {
    for (const path of ["/search?lang=en", "/search?lang=ar"]) {
      const page = await (await t.app.request(path)).text();
      expect(page).toContain('<img src="/assets/office/logo.svg" alt="">');
      expect(page).toContain('<link rel="icon" href="/assets/office/icon.png">');
    }
  });
});

describe("the sample offices' files", () => {
  it("loads Jordan's logo from its assets folder", async () => {
    const jo = Result.getOrThrow(await loadOfficeConfig(joConfig));
    expect(jo.assets?.logo).toBe("logo.svg");
    const { assets, issues } = await loadOfficeAssets(jo.assets ?? { folder: "" });
    expect(issues).toEqual([]);
    expect(assets.get("logo.svg")?.type).toBe("image/svg+xml");
  });
});
