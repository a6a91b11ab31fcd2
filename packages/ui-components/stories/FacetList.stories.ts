import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { html } from "lit";
import type { FacetEntry } from "../src/FacetList.js";
import { facets } from "../test/fixtures/hits.js";
import "../src/ipo-facet-list.js";

type Args = { facets: ReadonlyArray<FacetEntry>; base: string; digits: "latn" | "arab" };

/** The facets of a search with live counts; each value is a plain link to the same search with that filter added. */
const meta: Meta<Args> = {
  title: "Components/Facet list",
  render: (args, context) =>
    html`<div style="max-inline-size: 16rem;"><ipo-facet-list
      lang=${String(context.globals["lang"] ?? "en")}
      .facets=${args.facets}
      base=${args.base}
      digits=${args.digits}
    ></ipo-facet-list></div>`,
  args: { facets, base: "/search?q=noor", digits: "latn" },
  argTypes: { digits: { control: "inline-radio", options: ["latn", "arab"] } },
};

export default meta;
type Story = StoryObj<Args>;

export const English: Story = { globals: { lang: "en" } };
export const Arabic: Story = { globals: { lang: "ar" } };
export const ArabicIndicDigits: Story = { globals: { lang: "ar" }, args: { digits: "arab" } };
export const French: Story = { globals: { lang: "fr" } };
/** No hits: no facet has a value, so the list is empty. */
export const NoValues: Story = { args: { facets: facets.map((f) => ({ ...f, values: [] })) } };
