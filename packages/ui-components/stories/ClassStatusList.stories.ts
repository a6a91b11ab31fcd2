import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { html } from "lit";
import { expect, userEvent, waitFor } from "storybook/test";
import type { ClassEntry } from "../src/ClassStatusList.js";
import { statuses, statusLabel } from "../src/I18n.js";
import "../src/ipo-class-status-list.js";
import { statusMeanings } from "./statusMeanings.js";
import { elementIn, inShadow, langOf } from "./support.js";

/** A multi-class mark: registered in 25, partially refused (limited) in 35, refused in 41, pending in 30. */
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

type Args = {
  classes: ReadonlyArray<ClassEntry>;
  collapseAfter: number;
  digits: "latn" | "arab";
  headingLevel: number;
  hideSummary: boolean;
};

const meta: Meta<Args> = {
  title: "Components/Class status list",
  component: "ipo-class-status-list",
  excludeStories: ["sampleClasses"],
  render: (args, context) =>
    html`<ipo-class-status-list
      lang=${langOf(context)}
      .classes=${args.classes}
      collapse-after=${args.collapseAfter}
      digits=${args.digits}
      heading-level=${args.headingLevel}
      ?hide-summary=${args.hideSummary}
    ></ipo-class-status-list>`,
  args: { classes: sampleClasses, collapseAfter: 6, digits: "latn", headingLevel: 3, hideSummary: false },
  argTypes: {
    digits: { control: "inline-radio", options: ["latn", "arab"], description: "Latin or Arabic-Indic digits." },
    collapseAfter: { control: { type: "number", min: 1, max: 20 } },
    headingLevel: { control: { type: "number", min: 1, max: 6 } },
    classes: { control: "object" },
  },
};

export default meta;
type Story = StoryObj<Args>;

/** A mark decided per class: registered, limited (two terms refused), refused with its reason, still pending. */
export const DecidedPerClass: Story = {};

/** The same with Arabic-Indic digits, as an office that chose them shows dates and counts. */
export const ArabicIndicDigits: Story = { args: { digits: "arab" } };

/** Nothing recorded yet (an application before classification). */
export const Empty: Story = { args: { classes: [] } };

/**
 * A long list of terms collapses after `collapse-after` terms into "Show n more terms" (a `<details>`, which works
 * without JavaScript). The interaction script opens it and checks that the hidden terms appear.
 */
export const LongListCollapsed: Story = {
  args: { classes: sampleClasses.filter((c) => c.classNumber === 30), collapseAfter: 4 },
  play: async ({ canvasElement, step }) => {
    const list = await elementIn<HTMLElement>(canvasElement, "ipo-class-status-list");
    const shadow = list.shadowRoot!;
    const details = shadow.querySelector("details")!;
    await step("the class shows 4 terms and hides 8", async () => {
      await expect(details.open).toBe(false);
      await expect(details.querySelectorAll("li")).toHaveLength(8);
    });
    await step("open 'Show 8 more terms'", async () => {
      await userEvent.click(shadow.querySelector("summary")!);
      await waitFor(() => expect(details.open).toBe(true));
      const hidden = inShadow(list, "details li bdi").find(
        (term) => term.textContent === "chocolate spreads containing nuts",
      );
      await expect(hidden).toBeVisible();
    });
  },
};

type PickArgs = { status: string; termStatus: string; reason: string };

/** Pick a class status and a status for one of its terms in the Controls panel: the badge and edge colour follow. */
export const PickAStatus: StoryObj<PickArgs> = {
  args: { status: "partiallyRefused", termStatus: "refused", reason: "Descriptive (art. 7(1)(c))" },
  parameters: { controls: { include: ["status", "termStatus", "reason"] } },
  argTypes: {
    status: { control: "select", options: statuses },
    termStatus: { control: "select", options: statuses },
    reason: { control: "text" },
  },
  render: (args, context) =>
    html`<ipo-class-status-list
      lang=${langOf(context)}
      .classes=${[
        {
          classNumber: 35,
          status: args.status,
          decision: { date: "2026-03-02", reason: args.reason || undefined },
          terms: [
            { text: "advertising", basicNumber: "350039", status: args.termStatus },
            { text: "business management assistance", basicNumber: "350001" },
          ],
        },
      ]}
    ></ipo-class-status-list>`,
};

/**
 * One class in every status a class can take, with the meaning of each below it: the legend of this component.
 * The interaction script checks each class shows its own status, labelled in the toolbar's language.
 */
export const AllStatuses: Story = {
  args: {
    classes: statuses.map((status, index) => ({
      classNumber: index + 1,
      status,
      terms: [{ text: statusMeanings.right[status] ?? status }],
    })),
    hideSummary: true,
  },
  play: async ({ canvasElement, globals }) => {
    const lang = String(globals["lang"] ?? "en");
    const list = await elementIn<HTMLElement>(canvasElement, "ipo-class-status-list");
    const items = [...list.shadowRoot!.querySelectorAll<HTMLElement>("li.class")];
    await expect(items).toHaveLength(statuses.length);
    for (const [index, item] of items.entries()) {
      const status = statuses[index]!;
      await expect(item.dataset["status"]).toBe(status);
      await expect(item.querySelector("[part=badge]")?.textContent?.trim()).toBe(statusLabel(lang, status));
    }
  },
};
