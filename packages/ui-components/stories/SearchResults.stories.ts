import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { html } from "lit";
import { expect, fn, userEvent, waitFor } from "storybook/test";
import type { SearchHit } from "../src/SearchResults.js";
import { facets, hits } from "../test/fixtures/hits.js";
import "../src/ipo-facet-list.js";
import "../src/ipo-search-results.js";
import { elementIn, followLinksInto, langOf } from "./support.js";

/**
 * The hits in the toolbar's language: the fixture carries the English label the portal gave a Madrid designation's
 * status (`madrid:granted`); without it the component labels the status itself, in the page's language.
 */
const withoutMadridLabels = (list: ReadonlyArray<SearchHit>): ReadonlyArray<SearchHit> =>
  list.map((hit) => (hit.document.officeStatus?.startsWith("madrid:") ? { ...hit, statusLabel: undefined } : hit));

type Args = {
  hits: ReadonlyArray<SearchHit>;
  digits: "latn" | "arab";
  evidenceLimit: number;
  onOpen: (href: string) => void;
};

/**
 * A page of hits of `@ipoffice/search`: similar marks across scripts ("NOOR" finds نور, NUR and NOOR AL SHAMS, "NIKKO"
 * finds NIKO, "SAHAR AL WADI" finds SAHARALWADI) with why each was found, and a patent without similarity.
 */
const meta: Meta<Args> = {
  title: "Components/Search results",
  component: "ipo-search-results",
  render: (args, context) =>
    html`<div @click=${followLinksInto(args.onOpen)}><ipo-search-results
      lang=${langOf(context)}
      .hits=${withoutMadridLabels(args.hits)}
      digits=${args.digits}
      evidence-limit=${args.evidenceLimit}
    ></ipo-search-results></div>`,
  args: {
    hits,
    digits: "latn",
    evidenceLimit: 3,
    // Logged in the Actions panel instead of leaving the Storybook: the record a hit links to.
    onOpen: fn().mockName("open record"),
  },
  argTypes: {
    digits: { control: "inline-radio", options: ["latn", "arab"] },
    evidenceLimit: { control: { type: "number", min: 0, max: 10 }, description: "Reasons shown per hit." },
    onOpen: { table: { category: "events" } },
  },
};

export default meta;
type Story = StoryObj<Args>;

/** Similar hits with their evidence ("Reads the same in another script", "Sounds alike"…). */
export const SimilarHits: Story = {};
/** Dates, numbers and scores with Arabic-Indic digits. */
export const ArabicIndicDigits: Story = { args: { digits: "arab" } };
/** A search that matched nothing. */
export const NoHits: Story = { args: { hits: [] } };
/** Hits without similarity (a search by number, owner or class): no evidence block. */
export const WithoutSimilarity: Story = {
  args: { hits: hits.map(({ similarity: _, ...hit }) => hit) },
};
/** Only the strongest reason per hit (`evidence-limit="1"`), for a compact list. */
export const OneReasonPerHit: Story = { args: { evidenceLimit: 1 } };

/**
 * An examiner checks an earlier mark: reads why "نور" was found for "NOOR" and opens its record by its number
 * (TM/2026/000101; the address is logged in the Actions panel).
 */
export const OpenAnEarlierMark: Story = {
  play: async ({ canvasElement, args }) => {
    const results = await elementIn<HTMLElement>(canvasElement, "ipo-search-results");
    // The hit's number links to its record.
    const link = [...results.shadowRoot!.querySelectorAll("a[part=number]")].find(
      (a) => a.textContent?.trim() === "TM/2026/000101",
    );
    await expect(link).toBeDefined();
    await userEvent.click(link!);
    await waitFor(() => expect(args.onOpen).toHaveBeenCalledWith("/records/JO502026000000101"));
  },
};

/** The results beside the facets, as the portal's search page lays them out. */
export const WithFacets: Story = {
  render: (args, context) => {
    const lang = langOf(context);
    return html`<div
      style="display: grid; grid-template-columns: 14rem 1fr; gap: 1.5rem; max-inline-size: 64rem; padding: 1rem;"
      @click=${followLinksInto(args.onOpen)}
    >
      <ipo-facet-list lang=${lang} .facets=${facets} base="/search?q=noor"></ipo-facet-list>
      <ipo-search-results lang=${lang} .hits=${withoutMadridLabels(args.hits)} digits=${args.digits}></ipo-search-results>
    </div>`;
  },
  parameters: { page: true },
};
