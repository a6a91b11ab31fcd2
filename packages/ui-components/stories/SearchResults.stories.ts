import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { html } from "lit";
import type { SearchHit } from "../src/SearchResults.js";
import { facets, hits } from "../test/fixtures/hits.js";
import "../src/ipo-facet-list.js";
import "../src/ipo-search-results.js";

type Args = { hits: ReadonlyArray<SearchHit>; digits: "latn" | "arab"; evidenceLimit: number };

/**
 * A page of hits of `@ipoffice/search`: similar marks across scripts ("NOOR" finds نور, NUR and NOOR AL SHAMS, "NIKKO"
 * finds NIKO, "SAHAR AL WADI" finds SAHARALWADI) with why each was found, and a patent without similarity.
 */
const meta: Meta<Args> = {
  title: "Components/Search results",
  render: (args, context) =>
    html`<ipo-search-results
      lang=${String(context.globals["lang"] ?? "en")}
      .hits=${args.hits}
      digits=${args.digits}
      evidence-limit=${args.evidenceLimit}
    ></ipo-search-results>`,
  args: { hits, digits: "latn", evidenceLimit: 3 },
  argTypes: { digits: { control: "inline-radio", options: ["latn", "arab"] } },
};

export default meta;
type Story = StoryObj<Args>;

/** Similar hits with their evidence, in the toolbar's language. */
export const SimilarHits: Story = {};
export const English: Story = { globals: { lang: "en" } };
export const Arabic: Story = { globals: { lang: "ar" } };
export const ArabicIndicDigits: Story = { globals: { lang: "ar" }, args: { digits: "arab" } };
export const French: Story = { globals: { lang: "fr" } };
/** A search that matched nothing. */
export const NoHits: Story = { args: { hits: [] } };
/** Hits without similarity (a search by number, owner or class): no evidence block. */
export const WithoutSimilarity: Story = {
  args: { hits: hits.map(({ similarity: _, ...hit }) => hit) },
};
/** The results beside the facets, as the portal's search page lays them out. */
export const WithFacets: Story = {
  render: (args, context) => {
    const lang = String(context.globals["lang"] ?? "en");
    return html`<div style="display: grid; grid-template-columns: 14rem 1fr; gap: 1.5rem; max-inline-size: 64rem;">
      <ipo-facet-list lang=${lang} .facets=${facets} base="/search?q=noor"></ipo-facet-list>
      <ipo-search-results lang=${lang} .hits=${args.hits} digits=${args.digits}></ipo-search-results>
    </div>`;
  },
  parameters: { page: true },
};
