import type { Meta, StoryObj } from "@storybook/web-components-vite";
import { html } from "lit";
import { expect, fn, userEvent, waitFor } from "storybook/test";
import type { NiceTermHit, NiceTermPickerChange, NiceTermSearch } from "../src/NiceTermPicker.js";
import "../src/ipo-nice-term-picker.js";
import { elementIn, inShadow, langOf, oneInShadow } from "./support.js";

/**
 * Real terms of the Nice alphabetical list with their basic numbers, worded as in the 10th edition, version 2015
 * (English, CC0-1.0), the edition shipped with `@ipoffice/nice-classification` (`data/ncl10-2015-en.json`), so the
 * stories need no reference data; alternative wordings of one basic number are joined with " / " as the library does.
 * No official Arabic list is available to the project, so the Arabic stories search these English terms with Arabic
 * labels around them.
 */
export const niceTerms: ReadonlyArray<readonly [basicNumber: string, classNumber: number, text: string]> = [
  ["090719", 9, "smartphones"],
  ["090724", 9, "tablet computers"],
  ["090671", 9, "headphones"],
  ["090707", 9, "laptop computers"],
  ["090732", 9, "computer hardware"],
  ["090717", 9, "computer software applications, downloadable"],
  ["090591", 9, "computer software, recorded"],
  ["090648", 9, "sunglasses"],
  ["090645", 9, "shoes for protection against accidents, irradiation and fire"],
  ["250042", 25, "shirts"],
  ["250130", 25, "shoes*"],
  ["250012", 25, "caps [headwear]"],
  ["250121", 25, "jackets [clothing]"],
  ["250069", 25, "scarves / scarfs"],
  ["250014", 25, "boots*"],
  ["250141", 25, "boots for sports*"],
  ["250046", 25, "hats"],
  ["250109", 25, "dresses"],
  ["250064", 25, "trousers / pants (Am.)"],
  ["300026", 30, "coffee"],
  ["300037", 30, "tea*"],
  ["300149", 30, "coffee-based beverages"],
  ["300187", 30, "tea-based beverages"],
  ["300093", 30, "bread"],
  ["300108", 30, "pastries"],
  ["300038", 30, "chocolate"],
  ["300098", 30, "honey"],
  ["300119", 30, "rice"],
  ["350039", 35, "advertising / publicity"],
  ["350084", 35, "on-line advertising on a computer network"],
  ["350106", 35, "marketing"],
  ["350051", 35, "marketing research"],
  ["350001", 35, "business management assistance"],
  ["350005", 35, "import-export agencies"],
  ["410017", 41, "teaching / educational services / instruction services"],
  ["410199", 41, "services of schools [education]"],
  ["410045", 41, "arranging and conducting of conferences"],
  ["410024", 41, "publication of books"],
  ["410010", 41, "organization of competitions [education or entertainment]"],
  ["430138", 43, "bar services"],
];

/**
 * An in-memory search over `niceTerms`: every word of the query must start a word of the term; prefix matches of the
 * whole term rank first. Waits `delay` milliseconds like a network would, and honours the abort signal.
 */
export const memorySearch =
  (delay = 120): NiceTermSearch =>
  (query, { classNumbers, limit, signal }) =>
    new Promise<ReadonlyArray<NiceTermHit>>((resolve, reject) => {
      const words = query
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean);
      const hits = niceTerms
        .filter(([, classNumber]) => classNumbers.length === 0 || classNumbers.includes(classNumber))
        .filter(([, , text]) => {
          const termWords = text.toLowerCase().split(/[^\p{L}\p{N}]+/u);
          return words.every((w) => termWords.some((t) => t.startsWith(w)));
        })
        .sort(([, , a], [, , b]) => Number(!a.startsWith(words[0] ?? "")) - Number(!b.startsWith(words[0] ?? "")))
        .slice(0, limit)
        .map(([basicNumber, classNumber, text]) => ({
          basicNumber,
          classNumber,
          text,
          language: "en",
          matchKind: text.toLowerCase().startsWith(query.toLowerCase()) ? "prefix" : "word",
        }));
      const timer = setTimeout(() => resolve(hits), delay);
      signal.addEventListener("abort", () => {
        clearTimeout(timer);
        reject(new DOMException("aborted", "AbortError"));
      });
    });

const classHeadings: Readonly<Record<number, string>> = {
  9: "Scientific and electric apparatus, software",
  25: "Clothing, footwear, headwear",
  30: "Coffee, tea, bakery, confectionery",
  35: "Advertising, business management",
  41: "Education, entertainment",
  43: "Food and drink services, accommodation",
};

type Args = {
  required: boolean;
  preselected: boolean;
  withHeadings: boolean;
  disabled: boolean;
  failing: boolean;
  classFilter: number;
  onChange: (detail: NiceTermPickerChange) => void;
  onSubmit: (value: string) => void;
};

/** A search that always fails, as when the office's Nice endpoint is down. */
const failingSearch: NiceTermSearch = () => Promise.reject(new Error("the Nice endpoint did not answer"));

const meta: Meta<Args> = {
  title: "Components/Nice term picker",
  component: "ipo-nice-term-picker",
  excludeStories: ["niceTerms", "memorySearch"],
  render: (args, context) => html`<form
    @submit=${(e: SubmitEvent) => {
      e.preventDefault();
      const value = String(new FormData(e.currentTarget as HTMLFormElement).get("goodsAndServices"));
      const out = (e.currentTarget as HTMLFormElement).querySelector("output");
      if (out) out.value = value;
      args.onSubmit(value);
    }}
  >
    <ipo-nice-term-picker
      name="goodsAndServices"
      lang=${langOf(context)}
      ?required=${args.required}
      ?disabled=${args.disabled}
      class-filter=${args.classFilter}
      .search=${args.failing ? failingSearch : memorySearch()}
      .classHeadings=${args.withHeadings ? classHeadings : {}}
      .value=${
        args.preselected
          ? [
              { classNumber: 25, text: "shirts", basicNumber: "250042" },
              { classNumber: 35, text: "marketing", basicNumber: "350106" },
            ]
          : []
      }
      @ipo-change=${(e: CustomEvent<NiceTermPickerChange>) => args.onChange(e.detail)}
    >
      <div slot="fallback" class="ipo-field" lang="en" dir="ltr">
        <label for="gs-fallback">Goods and services (one class per line: "25: shirts; shoes")</label>
        <textarea id="gs-fallback" name="goodsAndServicesText"></textarea>
      </div>
    </ipo-nice-term-picker>
    <!-- The story's own form around the picker: in English whatever the toolbar says. -->
    <p style="margin-block-start: 1rem"><button class="ipo-button" type="submit" lang="en">Submit</button></p>
    <p lang="en" dir="ltr">Submitted value: <output></output></p>
  </form>`,
  args: {
    required: false,
    preselected: true,
    withHeadings: true,
    disabled: false,
    failing: false,
    classFilter: 0,
    // Logged in the Actions panel: every `ipo-change` the picker sends, and the form's submitted value.
    onChange: fn().mockName("ipo-change"),
    onSubmit: fn().mockName("submit"),
  },
  argTypes: {
    classFilter: { control: "select", options: [0, 9, 25, 30, 35, 41, 43], description: "0: all classes" },
    onChange: { table: { category: "events" } },
    onSubmit: { table: { category: "events" } },
  },
};

export default meta;
type Story = StoryObj<Args>;

/** Two terms already chosen (class 25 and 35), as when an applicant comes back to the form. */
export const TwoTermsChosen: Story = {};

/** Nothing chosen yet, and the field is required: the form cannot be sent empty. */
export const EmptyAndRequired: Story = { args: { preselected: false, required: true } };

/** The search limited to one class, as a classifier working on class 25 uses it. */
export const OneClassOnly: Story = { args: { preselected: false, classFilter: 25 } };

/** The term search failed (the office's endpoint did not answer): the picker says so and keeps the chosen terms. */
export const SearchFails: Story = {
  args: { failing: true },
  play: async ({ canvasElement }) => {
    const picker = await elementIn<HTMLElement>(canvasElement, "ipo-nice-term-picker");
    await userEvent.type(oneInShadow(picker, "input[role=combobox]"), "shirt");
    await waitFor(() => expect(picker.shadowRoot!.querySelector(".message.error")).not.toBeNull(), { timeout: 3000 });
  },
};

/** Read only: a filed application shown to the applicant. */
export const Disabled: Story = { args: { disabled: true } };

/**
 * The applicant's task, step by step: search "shirts", choose the term from class 25, search "coffee", choose it from
 * class 30, remove a term again, and send the form. Each choice sends `ipo-change` (see the Actions panel).
 */
export const ChooseTermsForAnApplication: Story = {
  args: { preselected: false },
  play: async ({ canvasElement, args, step }) => {
    const picker = await elementIn<HTMLElement>(canvasElement, "ipo-nice-term-picker");
    const input = oneInShadow<HTMLInputElement>(picker, "input[role=combobox]");
    const choose = async (query: string, term: string) => {
      // Type over whatever the box holds, as a user who selects its text first (user-event keeps its own idea of
      // the box's text, which the picker's clearing after a choice does not reach).
      await userEvent.type(input, query, { initialSelectionStart: 0, initialSelectionEnd: Number.MAX_SAFE_INTEGER });
      const option = await waitFor(
        () => {
          const found = inShadow(picker, "[role=option]").find((o) => o.querySelector(".text")?.textContent === term);
          if (found === undefined) throw new Error(`no option ${term} yet`);
          return found;
        },
        { timeout: 3000 },
      );
      await userEvent.click(option);
    };
    await step("search 'shirt' and choose 'shirts' in class 25", async () => {
      await choose("shirt", "shirts");
      await waitFor(() => expect(args.onChange).toHaveBeenCalledTimes(1));
      await expect(args.onChange).toHaveBeenLastCalledWith(
        expect.objectContaining({ value: [expect.objectContaining({ classNumber: 25, text: "shirts" })] }),
      );
    });
    await step("search 'coffee' and choose 'coffee' in class 30", async () => {
      await choose("coffee", "coffee");
      await waitFor(() => expect(args.onChange).toHaveBeenCalledTimes(2));
      await expect(picker.shadowRoot!.querySelectorAll("[part=chip]")).toHaveLength(2);
    });
    await step("remove 'shirts' again", async () => {
      await userEvent.click(
        inShadow(picker, "button[part=chip-remove]").find((b) => b.getAttribute("aria-label")?.includes("shirts"))!,
      );
      await waitFor(() => expect(args.onChange).toHaveBeenCalledTimes(3));
      await expect(picker.shadowRoot!.querySelectorAll("[part=chip]")).toHaveLength(1);
    });
    await step("send the form: the value names class 30 and its term", async () => {
      await userEvent.click(canvasElement.querySelector<HTMLButtonElement>("button[type=submit]")!);
      await waitFor(() => expect(args.onSubmit).toHaveBeenCalledTimes(1));
      await expect(String(vi(args.onSubmit).mock.calls[0]?.[0])).toContain("coffee");
    });
  },
};

/** The spy behind an action arg, to read the values it was called with. */
const vi = (f: unknown) => f as { mock: { calls: ReadonlyArray<ReadonlyArray<unknown>> } };
