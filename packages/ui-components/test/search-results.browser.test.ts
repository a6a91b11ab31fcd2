/// <reference types="vite/client" />
import { afterEach, describe, expect, it } from "vitest";
import "../src/ipo-facet-list.js";
import "../src/ipo-search-results.js";
import type { FacetList } from "../src/FacetList.js";
import { pageStyles } from "../src/pageStyles.js";
import type { SearchResults } from "../src/SearchResults.js";
import { axeViolations } from "./axe.js";
import ssrFacets from "./fixtures/facet-list.ar.ssr.txt?raw";
import { facets, hits } from "./fixtures/hits.js";
import ssrResults from "./fixtures/search-results.ar.ssr.txt?raw";

const mounted: Array<Element> = [];
afterEach(() => {
  for (const el of mounted.splice(0)) el.remove();
});

const mountResults = async (lang: string, extra: Partial<SearchResults> = {}): Promise<SearchResults> => {
  const el = document.createElement("ipo-search-results");
  Object.assign(el, { hits, lang, ...extra });
  el.style.maxWidth = "760px";
  document.body.append(el);
  mounted.push(el);
  await el.updateComplete;
  return el;
};

const mountFacets = async (lang: string): Promise<FacetList> => {
  const el = document.createElement("ipo-facet-list");
  Object.assign(el, { facets, lang, base: "/search?q=noor&cursor=abc" });
  el.style.maxWidth = "260px";
  document.body.append(el);
  mounted.push(el);
  await el.updateComplete;
  return el;
};

const shadow = (el: Element): ShadowRoot => {
  if (!el.shadowRoot) throw new Error("no shadow root");
  return el.shadowRoot;
};

describe("<ipo-search-results>", () => {
  it("shows each hit with its number link, class chips in their own status colours, and the evidence", async () => {
    const root = shadow(await mountResults("en"));
    const cards = [...root.querySelectorAll<HTMLElement>('[part="hit"]')];
    expect(cards.map((c) => c.dataset["recordId"])).toEqual(["TM-1", "TM-2", "TM-3", "TM-4", "TM-5", "PT-1"]);
    const first = cards[0] as HTMLElement;
    expect(first.querySelector('[part="title"]')?.getAttribute("role")).toBe("heading");
    expect((first.querySelector('[part="number"]') as HTMLAnchorElement).getAttribute("href")).toBe(
      "/records/JO502026000000101",
    );
    const chips = [...first.querySelectorAll<HTMLElement>('[part="class-chip"]')];
    expect(chips.map((c) => c.dataset["status"])).toEqual(["registered", "refused"]);
    // Registered is the success tone, refused the danger tone (token colours).
    expect(getComputedStyle(chips[1] as HTMLElement).backgroundColor).toBe("rgb(251, 233, 231)");
    expect(getComputedStyle(chips[0] as HTMLElement).backgroundColor).not.toBe(
      getComputedStyle(chips[1] as HTMLElement).backgroundColor,
    );
    const evidence = [...first.querySelectorAll<HTMLElement>('[part="evidence"]')].map((e) => e.dataset["evidence"]);
    expect(evidence).toEqual(["CrossScript", "SoundsLike"]);
    expect(first.querySelector('[part="score"]')?.textContent?.trim()).toBe("90% alike");
    // The patent has no similarity: no evidence block.
    expect(cards[5]?.querySelector('[part="why"]')).toBeNull();
  });

  it("has no accessibility violations, in English, Arabic and French, and with no hits", async () => {
    expect(await axeViolations(await mountResults("en"))).toEqual([]);
    expect(await axeViolations(await mountResults("ar"))).toEqual([]);
    expect(await axeViolations(await mountResults("fr"))).toEqual([]);
    expect(await axeViolations(await mountResults("en", { hits: [] }))).toEqual([]);
  });

  it("lays out right to left in Arabic: the title at the right, the status badge at the left", async () => {
    const el = await mountResults("ar");
    const base = shadow(el).querySelector('[part="base"]') as HTMLElement;
    expect(getComputedStyle(base).direction).toBe("rtl");
    const card = shadow(el).querySelector('[part="hit"]') as HTMLElement;
    const title = card.querySelector('[part="title"]') as HTMLElement;
    const status = card.querySelector('[part="status"]') as HTMLElement;
    expect(title.getBoundingClientRect().right).toBeGreaterThan(status.getBoundingClientRect().right);
    // The number stays left to right inside the right-to-left card.
    const number = card.querySelector('[part="number"]') as HTMLElement;
    expect(getComputedStyle(number).direction).toBe("ltr");
    expect(number.textContent).toBe("TM/2026/000101");
  });

  it("says so when no right matches", async () => {
    const el = await mountResults("ar", { hits: [] });
    expect(shadow(el).querySelector('[part="empty"]')?.textContent).toBe("لا توجد حقوق تطابق هذا البحث.");
  });
});

describe("<ipo-facet-list>", () => {
  it("links each value to the search with its filter added and shows the live count", async () => {
    const root = shadow(await mountFacets("en"));
    const nice = root.querySelector('[data-facet="niceClass"]') as HTMLElement;
    const link = nice.querySelector("a") as HTMLAnchorElement;
    expect(link.getAttribute("href")).toBe("/search?q=noor&nice=25");
    expect(link.textContent).toBe("Class 25");
    expect(nice.querySelector('[part="count"]')?.textContent?.trim()).toBe("311");
    expect(root.querySelector('[data-facet="kind"] [part="count"]')?.textContent?.trim()).toBe("1,287");
  });

  it("has no accessibility violations and is right to left in Arabic (counts at the left)", async () => {
    expect(await axeViolations(await mountFacets("en"))).toEqual([]);
    const el = await mountFacets("ar");
    expect(await axeViolations(el)).toEqual([]);
    const value = shadow(el).querySelector('[part="value"]') as HTMLElement;
    const link = value.querySelector("a") as HTMLElement;
    const count = value.querySelector('[part="count"]') as HTMLElement;
    expect(link.getBoundingClientRect().left).toBeGreaterThan(count.getBoundingClientRect().left);
  });
});

describe("server-rendered results and facets", () => {
  it("are readable and right to left without JavaScript (declarative shadow DOM, elements never defined)", async () => {
    const frame = document.createElement("iframe");
    frame.style.width = "1000px";
    frame.style.height = "800px";
    document.body.append(frame);
    mounted.push(frame);
    const loaded = new Promise((resolve) => frame.addEventListener("load", resolve, { once: true }));
    frame.srcdoc = `<!doctype html><html lang="ar" dir="rtl"><head><style>${pageStyles}</style></head><body>${ssrFacets}${ssrResults}</body></html>`;
    await loaded;
    const doc = frame.contentDocument as Document;
    expect(frame.contentWindow?.customElements.get("ipo-search-results")).toBeUndefined();
    const results = shadow(doc.querySelector("ipo-search-results") as HTMLElement);
    expect(results.querySelectorAll('[part="hit"]').length).toBe(6);
    const base = results.querySelector('[part="base"]') as HTMLElement;
    expect(frame.contentWindow?.getComputedStyle(base).direction).toBe("rtl");
    expect(results.querySelector('[data-evidence="CrossScript"]')?.textContent).toContain("يُقرأ بالطريقة نفسها");
    const facetRoot = shadow(doc.querySelector("ipo-facet-list") as HTMLElement);
    expect(facetRoot.querySelector('[data-facet="niceClass"] a')?.getAttribute("href")).toBe(
      "/search?q=noor&lang=ar&nice=25",
    );
  });

  it("are rendered again by the client over the server output, without duplicating it", async () => {
    const host = document.createElement("div");
    host.setHTMLUnsafe(ssrFacets + ssrResults);
    document.body.append(host);
    mounted.push(host);
    const results = host.querySelector("ipo-search-results") as SearchResults;
    const list = host.querySelector("ipo-facet-list") as FacetList;
    await results.updateComplete;
    await list.updateComplete;
    expect(shadow(results).querySelectorAll('[part="hit"]').length).toBe(6);
    expect(shadow(results).querySelectorAll('[part="base"]').length).toBe(1);
    expect(shadow(list).querySelectorAll('[part="facet"]').length).toBe(5);
    results.lang = "en";
    await results.updateComplete;
    expect(shadow(results).querySelector('[part="evidence"]')?.textContent).toContain(
      "Reads the same in another script",
    );
    expect(await axeViolations(results)).toEqual([]);
  });
});
