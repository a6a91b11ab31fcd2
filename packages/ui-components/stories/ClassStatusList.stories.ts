import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { html } from "lit";
import type { ClassEntry } from "../src/ClassStatusList.js";
import "../src/ipo-class-status-list.js";

/** A multi-class mark: registered in 25, partially refused (limited) in 35, refused in 41, pending in 43. */
export const sampleClasses: ReadonlyArray<ClassEntry> = [
  {
    classNumber: 25,
    edition: "13-2026",
    status: "registered",
    decision: { date: "2026-02-03" },
    terms: [
      { text: "shirts", basicNumber: "250042" },
      { text: "shoes", basicNumber: "250130" },
      { text: "caps being headwear", basicNumber: "250012" },
      { text: "jackets [clothing]", basicNumber: "250121" },
    ],
  },
  {
    classNumber: 35,
    edition: "13-2026",
    status: "limited",
    decision: { date: "2025-11-18", reason: "Descriptive for advertising services (art. 7(1)(c))" },
    terms: [
      { text: "advertising", basicNumber: "350039", status: "refused" },
      { text: "marketing", basicNumber: "350106", status: "refused" },
      { text: "business management assistance", basicNumber: "350001", status: "accepted" },
      { text: "import-export agency services", basicNumber: "350005", status: "accepted" },
    ],
  },
  {
    classNumber: 41,
    edition: "13-2026",
    status: "refused",
    decision: { date: "2025-11-18", reason: "Conflict with an earlier mark" },
    terms: [{ text: "publication of books", basicNumber: "410024" }],
  },
  {
    classNumber: 30,
    edition: "13-2026",
    status: "pending",
    terms: [
      "coffee",
      "tea",
      "bread",
      "pastries",
      "chocolate",
      "honey",
      "rice",
      "rice cakes",
      "rice crackers",
      "tea-based beverages",
      "coffee-based beverages",
      "chocolate spreads containing nuts",
    ].map((text) => ({ text })),
  },
];

type Args = { classes: ReadonlyArray<ClassEntry>; collapseAfter: number; digits: "latn" | "arab" };

const meta: Meta<Args> = {
  title: "Components/Class status list",
  excludeStories: ["sampleClasses"],
  render: (args, context) =>
    html`<ipo-class-status-list
      lang=${String(context.globals["lang"] ?? "en")}
      .classes=${args.classes}
      collapse-after=${args.collapseAfter}
      digits=${args.digits}
    ></ipo-class-status-list>`,
  args: { classes: sampleClasses, collapseAfter: 6, digits: "latn" },
  argTypes: { digits: { control: "inline-radio", options: ["latn", "arab"] } },
};

export default meta;
type Story = StoryObj<Args>;

export const English: Story = { globals: { lang: "en" } };
export const Arabic: Story = { globals: { lang: "ar" } };
export const ArabicIndicDigits: Story = { globals: { lang: "ar" }, args: { digits: "arab" } };
export const French: Story = { globals: { lang: "fr" } };
export const Empty: Story = { args: { classes: [] } };
