import type { GoodsAndServices } from "@ipoffice/domain";
import { html } from "lit";
import { describe, expect, expectTypeOf, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { type ClassEntry, summarize, toClassEntries } from "../src/index.js";
import { renderClassStatusList, renderStatusBadge, renderToString } from "../src/ssr.js";
import { classes } from "./fixtures/classes.js";

/** Text content of the rendered HTML: tags and Lit's comment markers removed, whitespace collapsed. */
const text = (markup: string) =>
  markup
    .replace(/<style>[\s\S]*?<\/style>/g, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/[\u2066-\u2069]/g, "") // bidi isolation marks around the edition and the decision reason
    .replace(/\s+/g, " ")
    .trim();

describe("renderClassStatusList", () => {
  it("renders declarative shadow DOM readable without JavaScript", () => {
    const out = renderClassStatusList({ classes, lang: "en" });
    expect(out).toMatch(/^<!--lit-part [^>]*--><!--lit-node 0--><ipo-class-status-list/);
    expect(out).toContain('<template shadowroot="open" shadowrootmode="open"><style>');
    const visible = text(out.slice(out.indexOf("<template")));
    expect(visible).toContain("Registered in 1 class, limited in 1 class, and refused in 1 class");
    expect(visible).toContain("Class 35 Nice 13-2026 3 terms Limited");
    expect(visible).toContain("Decision of March 12, 2025: Descriptive for advertising services");
    // Terms whose status differs from their class carry their own badge; the others do not.
    expect(visible).toContain("Advertising Refused Marketing Refused Retail services for clothing Accepted");
    expect(visible).toContain("Class 25 Nice 13-2026 2 terms Registered Clothing Footwear");
  });

  it("escapes text and keeps the data in the classes attribute for the client", () => {
    const out = renderClassStatusList({ classes, lang: "en" });
    expect(out).not.toContain("<script>");
    expect(out).toContain("&lt;/style&gt;&lt;script&gt;");
    const attribute = /classes="([^"]*)"/.exec(out)?.[1] ?? "";
    const decoded = attribute
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
    expect(JSON.parse(decoded)).toEqual(classes);
  });

  it("renders Arabic right to left with Arabic labels and Latin digits by default", () => {
    const out = renderClassStatusList({ classes, lang: "ar" });
    expect(out).toContain('dir="rtl" lang="ar"');
    const visible = text(out.slice(out.indexOf("<template")));
    expect(visible).toContain("مسجَّل في فئة واحدة ومقيَّد في فئة واحدة ومرفوض في فئة واحدة");
    expect(visible).toContain("الفئة 35");
    expect(visible).toContain("قرار بتاريخ 12 مارس 2025");
    expect(renderClassStatusList({ classes, lang: "ar", digits: "arab" })).toContain("الفئة ٣٥");
  });

  it("collapses long term lists into details, keeping terms with their own status visible", () => {
    const terms = Array.from({ length: 20 }, (_, i) => ({
      text: `Term ${i + 1}`,
      status: i === 15 ? "refused" : undefined,
    }));
    const out = renderClassStatusList({
      classes: [{ classNumber: 9, status: "partiallyRefused", terms }],
      lang: "en",
      collapseAfter: 5,
    });
    const visible = text(out.slice(out.indexOf("<template")));
    expect(visible).toContain("Term 5 Term 16 Refused Show 14 more terms Term 6");
    expect(out).toContain("<details");
  });

  it("shows an empty state and survives malformed classes", () => {
    expect(text(renderClassStatusList({ classes: [], lang: "fr" }))).toContain("Aucun produit ni service enregistré.");
    const junk = [null, 1, "x", { classNumber: "35" }, { classNumber: 3, status: "registered", terms: "no" }] as never;
    const out = renderClassStatusList({ classes: junk, lang: "en" });
    expect(text(out.slice(out.indexOf("<template")))).toContain("Registered in 1 class Class 3 0 terms Registered");
  });

  it("renders any template and the status badge", () => {
    expect(text(renderToString(html`<p>${"a < b"}</p>`))).toBe("a &lt; b");
    expect(text(renderStatusBadge({ status: "registered", lang: "ar" }))).toBe("مسجَّل");
  });
});

describe("class entries", () => {
  it("accept the domain's GoodsAndServices.ClassEntry as it is", () => {
    expectTypeOf<GoodsAndServices.ClassEntry>().toExtend<ClassEntry>();
    expect(toClassEntries([{ classNumber: 1, status: "pending", terms: ["Acids"] }])).toEqual([
      { classNumber: 1, status: "pending", edition: undefined, decision: undefined, terms: [{ text: "Acids" }] },
    ]);
  });

  it("summarizes statuses in order of first appearance, in the language", () => {
    expect(summarize(classes, "fr")).toBe("Enregistré dans 1 classe, limité dans 1 classe et refusé dans 1 classe");
    expect(summarize([], "en")).toBe("");
  });
});

describe("server-rendered fixture used by the browser test", () => {
  // test/class-status-list.browser.test.ts loads this file into Chromium (with and without the element defined), so
  // the browser checks real server output. Regenerate with UPDATE_SSR_FIXTURE=1 after changing the component.
  it("matches the current server output", () => {
    const url = new URL("./fixtures/class-status-list.ar.ssr.txt", import.meta.url);
    const current = renderClassStatusList({ classes, lang: "ar" });
    if (process.env["UPDATE_SSR_FIXTURE"] === "1") writeFileSync(url, current);
    expect(readFileSync(url, "utf8")).toBe(current);
  });
});
