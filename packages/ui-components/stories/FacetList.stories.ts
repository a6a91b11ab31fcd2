import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { html } from "lit";
import { expect, fn, userEvent, waitFor } from "storybook/test";
import type { FacetEntry } from "../src/FacetList.js";
import { facets } from "../test/fixtures/hits.js";
import "../src/ipo-facet-list.js";
import { elementIn, followLinksInto, inShadow, langOf } from "./support.js";

type Args = {
  facets: ReadonlyArray<FacetEntry>;
  base: string;
  digits: "latn" | "arab";
  onFilter: (href: string) => void;
};

/** The facets of a search with live counts; each value is a plain link to the same search with that filter added. */
const meta: Meta<Args> = {
  title: "Components/Facet list",
  component: "ipo-facet-list",
  render: (args, context) =>
    html`<div style="max-inline-size: 16rem;" @click=${followLinksInto(args.onFilter)}><ipo-facet-list
      lang=${langOf(context)}
      .facets=${args.facets}
      base=${args.base}
      digits=${args.digits}
    ></ipo-facet-list></div>`,
  args: {
    facets,
    base: "/search?q=noor",
    digits: "latn",
    // Logged in the Actions panel instead of leaving the Storybook: the address a value links to.
    onFilter: fn().mockName("follow filter link"),
  },
  argTypes: {
    digits: { control: "inline-radio", options: ["latn", "arab"] },
    base: { control: "text", description: "The current search (path and query) the filters are added to." },
    onFilter: { table: { category: "events" } },
  },
};

export default meta;
type Story = StoryObj<Args>;

/** The facets of the search "noor": kind, status, Nice class, year of filing, owner, designated state. */
export const SearchFacets: Story = {};

/** Counts and years with Arabic-Indic digits. */
export const ArabicIndicDigits: Story = { args: { digits: "arab" } };

/** No hits: no facet has a value, so the list is empty. */
export const NoValues: Story = { args: { facets: facets.map((f) => ({ ...f, values: [] })) } };

/** The search already filtered by class 25 and the status "registered": the links keep both filters. */
export const AlreadyFiltered: Story = { args: { base: "/search?q=noor&nice=25&status=registered&cursor=abc" } };

/**
 * A searcher narrows "noor" to class 25, then to the registered marks: each value is a link that keeps the search and
 * the filters chosen before and starts again at the first page.
 */
export const NarrowASearch: Story = {
  play: async ({ canvasElement, args, step }) => {
    const list = await elementIn<HTMLElement>(canvasElement, "ipo-facet-list");
    await step("follow 'Class 25' (311 marks)", async () => {
      await userEvent.click(
        inShadow<HTMLAnchorElement>(list, "a[href]").find((a) => a.getAttribute("href")?.includes("nice=25"))!,
      );
      await waitFor(() => expect(args.onFilter).toHaveBeenCalledWith("/search?q=noor&nice=25"));
    });
    await step("the page of class 25 offers 'Registered' with both filters", async () => {
      list.setAttribute("base", "/search?q=noor&nice=25");
      await (list as unknown as { updateComplete: Promise<unknown> }).updateComplete;
      await userEvent.click(
        inShadow<HTMLAnchorElement>(list, "a[href]").find((a) => a.getAttribute("href")?.includes("status="))!,
      );
      await waitFor(() => expect(args.onFilter).toHaveBeenLastCalledWith("/search?q=noor&nice=25&status=registered"));
    });
  },
};
