import { afterEach, describe, expect, it, vi } from "vitest";
import { userEvent } from "vitest/browser";
import "../src/ipo-nice-term-picker.js";
import type { NiceTermHit, NiceTermPicker, NiceTermPickerChange, NiceTermSearch } from "../src/NiceTermPicker.js";
import { memorySearch } from "../stories/NiceTermPicker.stories.js";
import { axeViolations } from "./axe.js";

const mounted: Array<Element> = [];
afterEach(() => {
  for (const el of mounted.splice(0)) el.remove();
  vi.restoreAllMocks();
});

interface Mounted {
  readonly form: HTMLFormElement;
  readonly picker: NiceTermPicker;
  readonly input: HTMLInputElement;
  readonly changes: Array<NiceTermPickerChange>;
}

const mount = async (options: { lang?: string; search?: NiceTermSearch; dir?: string } = {}): Promise<Mounted> => {
  const form = document.createElement("form");
  if (options.dir) form.dir = options.dir;
  form.innerHTML = `<ipo-nice-term-picker name="goods">
      <div slot="fallback"><label for="fallback">Goods</label><textarea id="fallback" name="goodsText">25: shirts</textarea></div>
    </ipo-nice-term-picker>`;
  document.body.append(form);
  mounted.push(form);
  const picker = form.querySelector("ipo-nice-term-picker") as NiceTermPicker;
  picker.lang = options.lang ?? "en";
  picker.debounce = 0;
  picker.search = options.search ?? memorySearch(5);
  const changes: Array<NiceTermPickerChange> = [];
  picker.addEventListener("ipo-change", (e) => changes.push(e.detail));
  await picker.updateComplete;
  const input = picker.shadowRoot?.querySelector("input") as HTMLInputElement;
  return { form, picker, input, changes };
};

/** Waits until `predicate` holds (the search is asynchronous), failing after three seconds. */
const until = async (predicate: () => boolean, what: string): Promise<void> => {
  await expect.poll(predicate, { timeout: 3000, interval: 10, message: what }).toBe(true);
};

const options = (picker: NiceTermPicker) => [
  ...(picker.shadowRoot?.querySelectorAll<HTMLElement>('[role="option"]') ?? []),
];
const chips = (picker: NiceTermPicker) => [
  ...(picker.shadowRoot?.querySelectorAll<HTMLElement>('[part="chip"]') ?? []),
];

/** Puts `text` in the empty input at once (one input event, so one search) and waits for its results. */
const typeQuery = async (m: Mounted, text: string) => {
  await userEvent.fill(m.input, text);
  await until(() => options(m.picker).length > 0, `results for "${text}"`);
};

describe("<ipo-nice-term-picker>", () => {
  it("searches as you type and groups the results by class with headings", async () => {
    const m = await mount();
    await userEvent.click(m.input);
    await userEvent.keyboard("shoe");
    // Typing searches "sh", "sho", "shoe" in turn; the list settles on the results for "shoe".
    await until(() => options(m.picker).length === 2, "results for shoe");
    expect(m.input.getAttribute("aria-expanded")).toBe("true");
    const groups = [...(m.picker.shadowRoot?.querySelectorAll('[role="group"]') ?? [])];
    expect(groups.map((g) => g.querySelector(".group-label")?.textContent?.trim())).toEqual(["Class 9", "Class 25"]);
    expect(groups.map((g) => g.getAttribute("aria-labelledby"))).toEqual(["group-9", "group-25"]);
    expect(options(m.picker).map((o) => o.querySelector(".text")?.textContent)).toEqual([
      "shoes for protection against accidents, irradiation and fire",
      "shoes*",
    ]);
    expect(await axeViolations(m.picker)).toEqual([]);
    // A click adds the term and leaves the focus in the input.
    await userEvent.click(options(m.picker)[1] as HTMLElement);
    expect(m.picker.value).toEqual([{ classNumber: 25, text: "shoes*", basicNumber: "250130" }]);
    expect(m.picker.shadowRoot?.activeElement).toBe(m.input);
  });

  it("moves with the arrow keys, Home and End through aria-activedescendant, and adds a term with Enter", async () => {
    const m = await mount();
    await typeQuery(m, "coffee");
    expect(m.input.hasAttribute("aria-activedescendant")).toBe(false);
    await userEvent.keyboard("{ArrowDown}");
    expect(m.input.getAttribute("aria-activedescendant")).toBe("option-0");
    await userEvent.keyboard("{ArrowDown}");
    expect(m.input.getAttribute("aria-activedescendant")).toBe("option-1");
    await userEvent.keyboard("{End}");
    const last = `option-${options(m.picker).length - 1}`;
    expect(m.input.getAttribute("aria-activedescendant")).toBe(last);
    await userEvent.keyboard("{ArrowDown}");
    expect(m.input.getAttribute("aria-activedescendant")).toBe("option-0");
    await userEvent.keyboard("{ArrowUp}");
    expect(m.input.getAttribute("aria-activedescendant")).toBe(last);
    await userEvent.keyboard("{Home}");
    expect(m.input.getAttribute("aria-activedescendant")).toBe("option-0");
    expect(m.picker.shadowRoot?.activeElement).toBe(m.input);

    await userEvent.keyboard("{Enter}");
    expect(m.picker.value).toEqual([{ classNumber: 30, text: "coffee", basicNumber: "300026" }]);
    expect(options(m.picker)[0]?.getAttribute("aria-selected")).toBe("true");
    expect(chips(m.picker).map((c) => c.textContent?.replace(/\s+/g, " ").trim())).toEqual(["30 coffee ×"]);
    expect(m.changes.at(-1)?.classes).toEqual([{ classNumber: 30, terms: ["coffee"] }]);
    expect(m.picker.shadowRoot?.querySelector('[role="status"]')?.textContent).toBe("Added coffee to class 30");

    await userEvent.keyboard("{Escape}");
    expect(m.input.getAttribute("aria-expanded")).toBe("false");
    expect(m.input.value).toBe("coffee");
    await userEvent.keyboard("{Escape}");
    expect(m.input.value).toBe("");
  });

  it("submits the chosen terms grouped by class as JSON under its name, and disables the fallback", async () => {
    const m = await mount();
    const textarea = m.form.querySelector("textarea") as HTMLTextAreaElement;
    expect(textarea.disabled).toBe(true);
    expect(textarea.checkVisibility()).toBe(false);

    await typeQuery(m, "marketing");
    await userEvent.keyboard("{ArrowDown}{Enter}");
    await userEvent.keyboard("{Control>}a{/Control}shirts");
    await until(() => options(m.picker)[0]?.textContent?.includes("shirts") === true, "shirts");
    await userEvent.keyboard("{ArrowDown}{Enter}");
    await userEvent.keyboard("{Control>}a{/Control}marketing r");
    await until(() => options(m.picker)[0]?.textContent?.includes("marketing research") === true, "research");
    await userEvent.keyboard("{ArrowDown}{Enter}");

    const data = new FormData(m.form);
    expect(data.get("goodsText")).toBeNull();
    expect(JSON.parse(String(data.get("goods")))).toEqual([
      { classNumber: 25, terms: ["shirts"] },
      { classNumber: 35, terms: ["marketing", "marketing research"] },
    ]);

    m.form.reset();
    await m.picker.updateComplete;
    expect(m.picker.value).toEqual([]);
    expect(new FormData(m.form).get("goods")).toBe("[]");
  });

  it("removes chips with their labelled button and with Backspace in the empty input", async () => {
    const m = await mount();
    m.picker.value = [
      { classNumber: 25, text: "shirts", basicNumber: "250042" },
      { classNumber: 25, text: "hats", basicNumber: "250046" },
      { classNumber: 35, text: "marketing", basicNumber: "350106" },
    ];
    await m.picker.updateComplete;
    const remove = m.picker.shadowRoot?.querySelector<HTMLButtonElement>(
      'button[aria-label="Remove hats (class 25)"]',
    ) as HTMLButtonElement;
    expect(remove).not.toBeNull();
    await userEvent.click(remove);
    expect(m.picker.value.map((t) => t.text)).toEqual(["shirts", "marketing"]);
    expect(m.picker.shadowRoot?.activeElement).toBe(m.input);

    await userEvent.click(m.input);
    await userEvent.keyboard("{Backspace}");
    expect(m.picker.value.map((t) => t.text)).toEqual(["shirts"]);
    expect(m.changes.map((c) => c.value.length)).toEqual([2, 1]);
    expect(m.picker.shadowRoot?.querySelector('[role="status"]')?.textContent).toBe("Removed marketing from class 35");
    expect(await axeViolations(m.picker)).toEqual([]);
  });

  it("aborts the stale request when the query changes and shows only the newest results", async () => {
    const signals: Array<AbortSignal> = [];
    const slowFirst: NiceTermSearch = (query, { signal }) => {
      signals.push(signal);
      const hit: NiceTermHit = {
        basicNumber: null,
        classNumber: 25,
        text: `${query} result`,
        language: "en",
        matchKind: "prefix",
      };
      // The first request answers after the second: without cancelling, its results would win.
      return new Promise((resolve) => setTimeout(() => resolve([hit]), query === "sh" ? 400 : 10));
    };
    const m = await mount({ search: slowFirst });
    await userEvent.click(m.input);
    await userEvent.keyboard("sh");
    await until(() => signals.length >= 1, "first request");
    await userEvent.keyboard("irt");
    await until(() => options(m.picker).length > 0, "results");
    await new Promise((r) => setTimeout(r, 450));
    expect(signals[0]?.aborted).toBe(true);
    expect(options(m.picker).map((o) => o.querySelector(".text")?.textContent)).toEqual(["shirt result"]);
  });

  it("waits for the debounce before searching", async () => {
    const search = vi.fn(memorySearch(1));
    const m = await mount({ search });
    m.picker.debounce = 400;
    await userEvent.click(m.input);
    await userEvent.keyboard("hon");
    expect(search).not.toHaveBeenCalled();
    await until(() => options(m.picker).length > 0, "results after the debounce");
    expect(search).toHaveBeenCalledTimes(1);
    expect(search.mock.calls[0]?.[0]).toBe("hon");
  });

  it("filters by class and queries an endpoint with q, lang, class and limit", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch").mockImplementation(
      async () =>
        new Response(
          JSON.stringify({
            items: [
              { basicNumber: "250042", classNumber: 25, text: "shirts", language: "en", matchKind: "prefix" },
              { bad: 1 },
            ],
          }),
          { headers: { "content-type": "application/json" } },
        ),
    );
    const m = await mount({ lang: "ar" });
    m.picker.search = undefined;
    m.picker.endpoint = "/api/v1/nice/terms";
    const select = m.picker.shadowRoot?.querySelector("select") as HTMLSelectElement;
    await userEvent.selectOptions(select, "25");
    expect(m.picker.classFilter).toBe(25);
    await typeQuery(m, "sh");
    const url = new URL(String(fetchSpy.mock.calls.at(-1)?.[0]));
    expect(url.pathname).toBe("/api/v1/nice/terms");
    expect([...url.searchParams]).toEqual([
      ["q", "sh"],
      ["lang", "ar"],
      ["class", "25"],
      ["limit", "30"],
    ]);
    expect(options(m.picker).length).toBe(1);
  });

  it("says so when the search fails, without throwing", async () => {
    const m = await mount({ search: async () => Promise.reject(new Error("503")) });
    await userEvent.click(m.input);
    await userEvent.keyboard("tea");
    await until(() => m.picker.shadowRoot?.querySelector(".message.error") !== null, "error message");
    expect(m.picker.shadowRoot?.querySelector(".message.error")?.textContent).toBe(
      "The term search failed. Try again.",
    );
  });

  it("lays out right to left in Arabic: direction, chip order and Arabic labels", async () => {
    const m = await mount({ lang: "ar" });
    m.picker.value = [
      { classNumber: 25, text: "shirts", basicNumber: "250042" },
      { classNumber: 35, text: "marketing", basicNumber: "350106" },
    ];
    await m.picker.updateComplete;
    const base = m.picker.shadowRoot?.querySelector('[part="base"]') as HTMLElement;
    expect(getComputedStyle(base).direction).toBe("rtl");
    const [first, second] = chips(m.picker) as [HTMLElement, HTMLElement];
    expect(first.getBoundingClientRect().right).toBeGreaterThan(second.getBoundingClientRect().right);
    const label = m.picker.shadowRoot?.querySelector("label") as HTMLElement;
    expect(label.textContent).toBe("السلع والخدمات");
    expect(label.getBoundingClientRect().right).toBeCloseTo(base.getBoundingClientRect().right, 0);
    expect(m.picker.shadowRoot?.querySelector('button[aria-label="إزالة shirts (الفئة 25)"]')).not.toBeNull();
    await typeQuery(m, "tea");
    expect(m.picker.shadowRoot?.querySelector(".group-label")?.textContent?.trim()).toBe("الفئة 30");
    expect(await axeViolations(m.picker)).toEqual([]);
  });

  it("drops malformed chosen terms set by a page script instead of failing to render", async () => {
    const m = await mount();
    m.picker.value = [null, { classNumber: 99.5, text: "x" }, { classNumber: 25, text: "hats" }, "tea"] as never;
    await m.picker.updateComplete;
    await m.picker.updateComplete;
    expect(m.picker.value).toEqual([{ classNumber: 25, text: "hats", basicNumber: null }]);
    expect(chips(m.picker).length).toBe(1);
    expect(JSON.parse(String(new FormData(m.form).get("goods")))).toEqual([{ classNumber: 25, terms: ["hats"] }]);
  });

  it("is invalid when required and empty, and valid once a term is chosen", async () => {
    const m = await mount();
    m.picker.required = true;
    await m.picker.updateComplete;
    expect(m.form.checkValidity()).toBe(false);
    m.picker.value = [{ classNumber: 30, text: "tea", basicNumber: null }];
    await m.picker.updateComplete;
    expect(m.form.checkValidity()).toBe(true);
  });

  it("inherits the language of the page when it has none, without writing an empty lang attribute", async () => {
    const wrapper = document.createElement("div");
    wrapper.lang = "ar";
    wrapper.innerHTML = "<ipo-nice-term-picker></ipo-nice-term-picker>";
    document.body.append(wrapper);
    mounted.push(wrapper);
    const picker = wrapper.querySelector("ipo-nice-term-picker") as NiceTermPicker;
    await picker.updateComplete;
    expect(picker.hasAttribute("lang")).toBe(false);
    const base = picker.shadowRoot?.querySelector('[part="base"]') as HTMLElement;
    expect(getComputedStyle(base).direction).toBe("rtl");
    expect(picker.shadowRoot?.querySelector("label")?.textContent).toBe("السلع والخدمات");
  });
});
