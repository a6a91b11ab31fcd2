import { type Engine, Similarity } from "@ipoffice/search";
import { readFileSync, writeFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  addFilter,
  evidenceDetail,
  type FacetEntry,
  hitNumber,
  type SearchHit,
  toFacetEntries,
  toSearchHits,
} from "../src/index.js";
import { renderFacetList, renderSearchResults } from "../src/ssr.js";
import { facets, hits, queries } from "./fixtures/hits.js";

/** Text content of the rendered HTML, from its shadow root on: tags and Lit's comments removed, whitespace collapsed. */
const text = (markup: string) =>
  markup
    .slice(markup.indexOf("<template"))
    .replace(/<\/?(span|bdi|a)\b[^>]*>/g, "") // inline elements: no space
    .replace(/<style>[\s\S]*?<\/style>/g, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();

describe("the hits fixture", () => {
  it("carries the similarity Similarity.compare gives for each (query, mark)", () => {
    for (const hit of hits) {
      const query = queries[hit.recordId];
      if (query === undefined || hit.similarity === undefined) continue;
      const { score, evidence } = hit.similarity;
      expect({ score, evidence }).toEqual(Similarity.compare(query, hit.similarity.text));
    }
  });

  it("takes the engine's hits and facet values as they are (structural types)", () => {
    expectTypeOf<Engine.Hit>().toExtend<SearchHit>();
    expectTypeOf<{ name: string; values: ReadonlyArray<Engine.FacetValue> }>().toExtend<FacetEntry>();
  });
});

describe("renderSearchResults", () => {
  it("renders each hit readable without JavaScript: title, kind, status, number link, owners, class chips, evidence", () => {
    const out = renderSearchResults({ hits, lang: "en" });
    expect(out).toContain('<template shadowroot="open" shadowrootmode="open"><style>');
    const visible = text(out);
    expect(visible).toContain(
      "نور Trademark Registered Number TM/2026/000101 Owner شركة النور للتجارة; Noor Trading Co. Classes 25Class 25: Registered 35Class 35: Refused",
    );
    expect(visible).toContain(
      "Why it was found · 90% alike Reads the same in another script: nr ↔ nr Sounds alike: noor ~ نور",
    );
    expect(visible).toContain("NOOR AL SHAMS Trademark Protection granted Number IR 1654321");
    expect(visible).toContain("Contains the word: noor Looks alike The same with words added: shams");
    expect(visible).toContain("Same letters, words joined: sahar al wadi ↔ saharalwadi");
    expect(visible).toContain("Solar water desalination unit Patent Filed Number PT/2025/000031");
    expect(out).toContain('href="/records/JO502026000000101" dir="ltr"');
    // Marks and owners in any script are isolated from the page's direction.
    expect(out).toContain("<bdi><!--lit-part-->نور<!--/lit-part--></bdi>");
    expect(out).toContain("<bdi><!--lit-part-->Noor Trading Co.<!--/lit-part--></bdi>");
  });

  it("lays out right to left in Arabic with Arabic labels, and in French", () => {
    const ar = renderSearchResults({ hits, lang: "ar" });
    expect(ar).toContain('dir="rtl" lang="ar"');
    expect(text(ar)).toContain("يُقرأ بالطريقة نفسها بكتابة أخرى");
    expect(text(ar)).toContain("علامة تجارية مسجَّل");
    expect(text(ar)).toContain("الفئة 35: مرفوض");
    // Owners in Arabic are separated by the Arabic semicolon (U+061B).
    expect(text(ar)).toContain("شركة النور للتجارة\u061b Noor Trading Co.");
    const arab = renderSearchResults({ hits, lang: "ar", digits: "arab" });
    expect(text(arab)).toContain("الفئة ٣٥: مرفوض");
    const fr = renderSearchResults({ hits, lang: "fr" });
    expect(fr).toContain('dir="ltr" lang="fr"');
    expect(text(fr)).toContain("Se prononce de même : noor ~ nur");
    expect(text(fr)).toContain("Ressemblance 90 %");
  });

  it("says so when no right matches", () => {
    expect(text(renderSearchResults({ hits: [], lang: "en" }))).toBe("No rights match this search.");
    expect(text(renderSearchResults({ hits: [], lang: "ar" }))).toBe("لا توجد حقوق تطابق هذا البحث.");
  });

  it("escapes hostile text and drops script links", () => {
    const hostile: SearchHit = {
      recordId: "x",
      href: "javascript:alert(1)",
      document: {
        kind: "trademark",
        title: "</style><script>alert(1)</script>",
        numbers: { application: "1" },
        owners: [],
        classes: [],
      },
    };
    const out = renderSearchResults({ hits: [hostile] });
    expect(out).not.toContain("<script>");
    expect(out).not.toContain("javascript:");
    expect(out).toMatch(/<span part="number" class="number" dir="ltr"><!--lit-part-->1<!--\/lit-part--><\/span>/);
  });
});

describe("renderFacetList", () => {
  it("lists each facet's values with live counts, each a link adding its filter to the search", () => {
    const out = renderFacetList({ facets, base: "/search?q=noor&lang=en&cursor=abc", lang: "en" });
    const visible = text(out);
    expect(visible).toContain("Kind Trademark 1,287 Patent 14");
    expect(visible).toContain("Nice class Class 25 311 Class 35 188 Class 3 42");
    expect(visible).toContain("Owner شركة النور للتجارة 8 Nur Foods LLC 3");
    expect(out).toContain('href="/search?q=noor&amp;lang=en&amp;nice=25"');
    expect(out).toContain('href="/search?q=noor&amp;filedFrom=2026-01-01&amp;filedTo=2026-12-31"');
    expect(out).toContain('aria-label="Show only Class 25 (311)"');
  });

  it("is right to left in Arabic, with Arabic-Indic digits when asked", () => {
    const out = renderFacetList({ facets, base: "/search?q=noor", lang: "ar", digits: "arab" });
    expect(out).toContain('dir="rtl" lang="ar"');
    expect(text(out)).toContain("النوع علامة تجارية ١٬٢٨٧ براءة اختراع ١٤");
  });
});

describe("reading untrusted hits and facets", () => {
  it("never throws and keeps only well-formed entries, whatever the input (fast-check)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.anything(), (json, any) => {
        for (const input of [json, any, [json], [{ recordId: "r", document: json }], [{ name: "n", values: [json] }]]) {
          for (const hit of toSearchHits(input)) {
            expect(typeof hit.recordId).toBe("string");
            expect(typeof hit.document.kind).toBe("string");
            expect(typeof hitNumber(hit.document)).toBe("string");
            for (const e of hit.similarity?.evidence ?? []) expect(Array.isArray(evidenceDetail(e))).toBe(true);
          }
          for (const facet of toFacetEntries(input))
            for (const v of facet.values) expect(Number.isFinite(v.count) && v.count >= 0).toBe(true);
        }
      }),
    );
  });

  it("renders whatever it is given without throwing (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            recordId: fc.string(),
            document: fc.record({
              kind: fc.string(),
              title: fc.string(),
              owners: fc.array(fc.string()),
              classes: fc.array(fc.record({ class: fc.integer(), status: fc.string() })),
              numbers: fc.dictionary(fc.string(), fc.string()),
            }),
          }),
        ),
        (input) => {
          expect(typeof renderSearchResults({ hits: toSearchHits(input), lang: "ar" })).toBe("string");
        },
      ),
      { numRuns: 30 },
    );
  });

  it("adds a filter once, keeping the other parameters and dropping the page cursor", () => {
    expect(addFilter("/search?q=a&cursor=x", "nice", "25")).toBe("/search?q=a&nice=25");
    expect(addFilter("/search?q=a&nice=25", "nice", "25")).toBe("/search?q=a&nice=25");
    expect(addFilter("/search", "owner", "نور & co")).toBe("/search?owner=%D9%86%D9%88%D8%B1+%26+co");
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), fc.string(), (base, param, value) => {
        const out = new URLSearchParams(addFilter(base, param, value).split("?")[1]);
        expect(out.getAll(param)).toContain(value);
        expect(out.has("cursor") && param !== "cursor").toBe(false);
      }),
    );
  });
});

describe("server output fixtures", () => {
  // test/search-results.browser.test.ts loads these into Chromium (with and without the elements defined), so the
  // browser checks real server output. Regenerate with UPDATE_SSR_FIXTURE=1 after changing a component.
  it("match the current server output", () => {
    const current = {
      "search-results.ar.ssr.txt": renderSearchResults({ hits, lang: "ar" }),
      "facet-list.ar.ssr.txt": renderFacetList({ facets, base: "/search?q=noor&lang=ar", lang: "ar" }),
    };
    for (const [name, out] of Object.entries(current)) {
      const url = new URL(`./fixtures/${name}`, import.meta.url);
      if (process.env["UPDATE_SSR_FIXTURE"] === "1") writeFileSync(url, out);
      expect(readFileSync(url, "utf8")).toBe(out);
    }
  });
});
