/**
 * `<ipo-nice-term-picker>`: choose goods and services from the Nice classification while typing.
 *
 * A WAI-ARIA 1.2 combobox (an `<input role="combobox">` with `aria-activedescendant`) controlling a listbox whose
 * options are grouped by class. Search as you type (debounced; a newer query aborts the older request), ↑/↓/Home/End
 * to move, Enter to add or remove the active term, Escape to close (then to clear), Backspace in the empty input to
 * remove the last chosen term. Chosen terms show as chips with a labelled remove button.
 *
 * It is form-associated: under its `name` it submits JSON of the chosen terms grouped by class,
 * `[{"classNumber":25,"terms":["shirts"]}]`, so a plain server-rendered `<form>` receives it. Without JavaScript the
 * page shows what the app puts in the light DOM with `slot="fallback"` (typically a `<textarea>`); once the element
 * is defined that fallback is hidden and its form controls are disabled, so only one of the two is submitted.
 *
 * This module defines the class only; `ipo-nice-term-picker.js` registers the tag.
 */
import {
  css,
  html,
  LitElement,
  nothing,
  type PropertyDeclarations,
  type PropertyValues,
  type TemplateResult,
  unsafeCSS,
} from "lit";
import { dir, type Digits, formatNumber, t } from "./I18n.js";
import { effectiveLang, explicitDir } from "./internal/host.js";
import { varOf as v } from "./internal/tokenDefaults.js";

/** A search result: the answer shape of the reference office's `GET /api/v1/nice/terms`. */
export interface NiceTermHit {
  readonly basicNumber: string | null;
  readonly classNumber: number;
  readonly text: string;
  readonly language: string;
  readonly matchKind: string;
}

export interface NiceTermSearchOptions {
  readonly lang: string;
  readonly classNumbers: ReadonlyArray<number>;
  readonly limit: number;
  readonly signal: AbortSignal;
}

/** A term search: resolves to hits, or rejects (an `AbortError` when `signal` aborted, which the picker ignores). */
export type NiceTermSearch = (query: string, options: NiceTermSearchOptions) => Promise<ReadonlyArray<NiceTermHit>>;

/** A chosen term. */
export interface SelectedTerm {
  readonly classNumber: number;
  readonly text: string;
  readonly basicNumber: string | null;
}

/** The chosen terms of one class, as submitted with the form. */
export interface ClassSelection {
  readonly classNumber: number;
  readonly terms: ReadonlyArray<string>;
}

/** `detail` of the `ipo-change` event. */
export interface NiceTermPickerChange {
  readonly value: ReadonlyArray<SelectedTerm>;
  readonly classes: ReadonlyArray<ClassSelection>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const isClassNumber = (value: unknown): value is number =>
  typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 45;

/** Keeps the well-formed hits of an untrusted answer (`{ items: [...] }` or the array itself). Never throws. */
export const toHits = (input: unknown): ReadonlyArray<NiceTermHit> => {
  const items = Array.isArray(input) ? input : isRecord(input) && Array.isArray(input["items"]) ? input["items"] : [];
  const hits: Array<NiceTermHit> = [];
  for (const item of items) {
    if (!isRecord(item) || !isClassNumber(item["classNumber"]) || typeof item["text"] !== "string") continue;
    if (item["text"].trim() === "") continue;
    hits.push({
      basicNumber: typeof item["basicNumber"] === "string" ? item["basicNumber"] : null,
      classNumber: item["classNumber"],
      text: item["text"],
      language: typeof item["language"] === "string" ? item["language"] : "",
      matchKind: typeof item["matchKind"] === "string" ? item["matchKind"] : "",
    });
  }
  return hits;
};

/** Keeps the well-formed chosen terms of an untrusted value (a property set by a page script). Never throws. */
export const toSelectedTerms = (input: unknown): ReadonlyArray<SelectedTerm> =>
  Array.isArray(input)
    ? input
        .filter(
          (t): t is Record<string, unknown> =>
            isRecord(t) && isClassNumber(t["classNumber"]) && typeof t["text"] === "string",
        )
        .map((t) => ({
          classNumber: t["classNumber"] as number,
          text: t["text"] as string,
          basicNumber: typeof t["basicNumber"] === "string" ? t["basicNumber"] : null,
        }))
    : [];

/**
 * Search hits grouped by class for display: classes in the order of their best-ranked hit (the search ranks "coffee"
 * in class 30 above "coffee grinders" in class 7), hits inside a class in the search's order.
 */
export const groupByBestMatch = (hits: ReadonlyArray<NiceTermHit>): Array<NiceTermHit> => {
  const firstSeen = new Map<number, number>();
  hits.forEach((hit, index) => {
    if (!firstSeen.has(hit.classNumber)) firstSeen.set(hit.classNumber, index);
  });
  return hits
    .map((hit, index) => ({ hit, index }))
    .sort(
      (a, b) => (firstSeen.get(a.hit.classNumber) ?? 0) - (firstSeen.get(b.hit.classNumber) ?? 0) || a.index - b.index,
    )
    .map((x) => x.hit);
};

/** The chosen terms grouped by class, classes ascending, terms in the order chosen: the form value. */
export const groupSelection = (selected: ReadonlyArray<SelectedTerm>): ReadonlyArray<ClassSelection> => {
  const byClass = new Map<number, Array<string>>();
  for (const term of selected) {
    const terms = byClass.get(term.classNumber) ?? [];
    terms.push(term.text);
    byClass.set(term.classNumber, terms);
  }
  return [...byClass.entries()].sort(([a], [b]) => a - b).map(([classNumber, terms]) => ({ classNumber, terms }));
};

/** Reads a form value back (`[{ classNumber, terms }]`), e.g. to restore the picker. Bad input gives `[]`. */
export const parseSelection = (json: string): ReadonlyArray<SelectedTerm> => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  const selected: Array<SelectedTerm> = [];
  for (const group of parsed) {
    if (!isRecord(group) || !isClassNumber(group["classNumber"]) || !Array.isArray(group["terms"])) continue;
    for (const text of group["terms"]) {
      if (typeof text === "string") selected.push({ classNumber: group["classNumber"], text, basicNumber: null });
    }
  }
  return selected;
};

/**
 * A search over HTTP: `GET ${endpoint}?q=&lang=&class=&limit=` answering `{ items: NiceTermHit[] }` (one `class`
 * parameter per class number).
 */
export const endpointSearch =
  (endpoint: string, fetchImpl: typeof fetch = (...args) => fetch(...args)): NiceTermSearch =>
  async (query, options) => {
    const base = typeof document !== "undefined" ? document.baseURI : "http://localhost/";
    const url = new URL(endpoint, base);
    url.searchParams.set("q", query);
    url.searchParams.set("lang", options.lang);
    for (const classNumber of options.classNumbers) url.searchParams.append("class", String(classNumber));
    url.searchParams.set("limit", String(options.limit));
    const response = await fetchImpl(url, { signal: options.signal, headers: { accept: "application/json" } });
    if (!response.ok) throw new Error(`The term search answered HTTP ${response.status}`);
    return toHits(await response.json());
  };

const sameTerm = (a: SelectedTerm | NiceTermHit, b: SelectedTerm | NiceTermHit): boolean =>
  a.classNumber === b.classNumber && a.text.trim().toLowerCase() === b.text.trim().toLowerCase();

const classNumbers = Array.from({ length: 45 }, (_, i) => i + 1);

export class NiceTermPicker extends LitElement {
  static formAssociated = true;

  static override properties: PropertyDeclarations = {
    name: { type: String },
    lang: { type: String },
    label: { type: String },
    placeholder: { type: String },
    endpoint: { type: String },
    search: { attribute: false },
    value: { attribute: false },
    classFilter: { type: Number, attribute: "class-filter" },
    classHeadings: { attribute: false },
    limit: { type: Number },
    debounce: { type: Number },
    minLength: { type: Number, attribute: "min-length" },
    digits: { type: String },
    required: { type: Boolean, reflect: true },
    disabled: { type: Boolean, reflect: true },
    _query: { state: true },
    _hits: { state: true },
    _open: { state: true },
    _active: { state: true },
    _loading: { state: true },
    _failed: { state: true },
    _announcement: { state: true },
  };

  /** Form field name of the JSON value. */
  declare name: string;
  /** Language of the labels and of the search; inherited from the page when empty. Arabic lays out right to left. */
  declare lang: string;
  /** Visible label (default: "Goods and services" in the language). */
  declare label: string;
  /** Placeholder of the input (default: a localized hint). */
  declare placeholder: string;
  /** URL of a term search answering `{ items: NiceTermHit[] }`; used when `search` is not set. */
  declare endpoint: string;
  /** A search function; takes precedence over `endpoint`. */
  declare search: NiceTermSearch | undefined;
  /** The chosen terms. Setting it does not fire `ipo-change`. */
  declare value: ReadonlyArray<SelectedTerm>;
  /** Restricts the search to one class (1–45); 0 or empty searches every class. */
  declare classFilter: number;
  /** Optional class headings shown beside the class number in the results (`{ 25: "Clothing, footwear…" }`). */
  declare classHeadings: Readonly<Record<number, string>>;
  /** Maximum number of results asked for (default 30). */
  declare limit: number;
  /** Milliseconds to wait after the last keystroke before searching (default 200). */
  declare debounce: number;
  /** Characters needed before searching (default 2). */
  declare minLength: number;
  /** Digits of class numbers: `latn` (default), `arab` or `locale`. */
  declare digits: Digits;
  declare required: boolean;
  declare disabled: boolean;

  declare _query: string;
  declare _hits: ReadonlyArray<NiceTermHit>;
  declare _open: boolean;
  declare _active: number;
  declare _loading: boolean;
  declare _failed: boolean;
  declare _announcement: string;

  #internals: ElementInternals | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #controller: AbortController | undefined;
  #sequence = 0;
  #disabledFallbacks: Array<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement> = [];

  static override styles = css`
    :host {
      display: block;
      position: relative;
      font-family: ${unsafeCSS(v("font-family"))};
      line-height: ${unsafeCSS(v("line-height"))};
      color: ${unsafeCSS(v("color-text"))};
    }
    :host([hidden]) {
      display: none;
    }
    *,
    *::before,
    *::after {
      box-sizing: border-box;
    }
    .label {
      display: block;
      font-weight: 600;
      margin-block-end: ${unsafeCSS(v("space-1"))};
    }
    .help {
      color: ${unsafeCSS(v("color-text-muted"))};
      font-size: ${unsafeCSS(v("font-size-sm"))};
      margin: 0 0 ${unsafeCSS(v("space-2"))};
    }
    .row {
      display: flex;
      gap: ${unsafeCSS(v("space-3"))};
      align-items: stretch;
    }
    .control {
      position: relative;
      flex: 1;
      min-inline-size: 0;
    }
    input,
    select {
      font: inherit;
      color: ${unsafeCSS(v("color-text"))};
      background: ${unsafeCSS(v("color-surface"))};
      border: 1px solid ${unsafeCSS(v("color-border"))};
      border-radius: ${unsafeCSS(v("radius"))};
      padding: ${unsafeCSS(v("space-2"))} ${unsafeCSS(v("space-3"))};
      min-block-size: 2.75rem;
    }
    input {
      inline-size: 100%;
    }
    select {
      max-inline-size: 12rem;
    }
    input:focus-visible,
    select:focus-visible,
    button:focus-visible {
      outline: ${unsafeCSS(v("focus-ring-width"))} solid ${unsafeCSS(v("color-focus"))};
      outline-offset: 1px;
    }
    .popup {
      position: absolute;
      inset-inline: 0;
      inset-block-start: calc(100% + 4px);
      z-index: 20;
      background: ${unsafeCSS(v("color-surface"))};
      border: 1px solid ${unsafeCSS(v("color-border"))};
      border-radius: ${unsafeCSS(v("radius"))};
      box-shadow: ${unsafeCSS(v("shadow-popup"))};
      max-block-size: 20rem;
      overflow-y: auto;
    }
    [role="listbox"] {
      list-style: none;
      margin: 0;
      padding: ${unsafeCSS(v("space-1"))} 0;
    }
    [role="group"] {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .group-label {
      position: sticky;
      inset-block-start: 0;
      background: ${unsafeCSS(v("color-surface-alt"))};
      color: ${unsafeCSS(v("color-text-muted"))};
      font-size: ${unsafeCSS(v("font-size-sm"))};
      font-weight: 700;
      padding: ${unsafeCSS(v("space-1"))} ${unsafeCSS(v("space-3"))};
    }
    [role="option"] {
      display: flex;
      gap: ${unsafeCSS(v("space-2"))};
      align-items: baseline;
      padding: ${unsafeCSS(v("space-2"))} ${unsafeCSS(v("space-3"))};
      padding-inline-start: ${unsafeCSS(v("space-5"))};
      cursor: pointer;
    }
    [role="option"]:hover {
      background: ${unsafeCSS(v("color-surface-alt"))};
    }
    [role="option"].active {
      background: ${unsafeCSS(v("badge-info-bg"))};
      color: ${unsafeCSS(v("badge-info-fg"))};
      outline: 2px solid ${unsafeCSS(v("color-focus"))};
      outline-offset: -2px;
    }
    .check {
      inline-size: 1em;
      flex: none;
      font-weight: 700;
      color: ${unsafeCSS(v("color-success"))};
    }
    .basic {
      margin-inline-start: auto;
      color: ${unsafeCSS(v("color-text-muted"))};
      font-size: ${unsafeCSS(v("font-size-sm"))};
      font-variant-numeric: tabular-nums;
    }
    [role="option"].active .basic {
      color: inherit;
    }
    .message {
      padding: ${unsafeCSS(v("space-2"))} ${unsafeCSS(v("space-3"))};
      color: ${unsafeCSS(v("color-text-muted"))};
      margin: 0;
    }
    .message.error {
      color: ${unsafeCSS(v("color-danger"))};
      font-weight: 600;
    }
    .chips {
      list-style: none;
      display: flex;
      flex-wrap: wrap;
      gap: ${unsafeCSS(v("space-2"))};
      margin: ${unsafeCSS(v("space-2"))} 0 0;
      padding: 0;
    }
    .chip {
      display: inline-flex;
      align-items: center;
      gap: ${unsafeCSS(v("space-1"))};
      background: ${unsafeCSS(v("badge-info-bg"))};
      color: ${unsafeCSS(v("badge-info-fg"))};
      border-radius: ${unsafeCSS(v("radius-pill"))};
      padding-block: 0.1rem;
      padding-inline: ${unsafeCSS(v("space-3"))} 0.1rem;
      font-size: ${unsafeCSS(v("font-size-sm"))};
      max-inline-size: 100%;
    }
    .chip-class {
      font-weight: 700;
      font-variant-numeric: tabular-nums;
    }
    .chip-text {
      overflow-wrap: anywhere;
    }
    .chip button {
      font: inherit;
      font-size: 1.1rem;
      line-height: 1;
      inline-size: 1.75rem;
      block-size: 1.75rem;
      border-radius: 50%;
      border: 0;
      background: transparent;
      color: inherit;
      cursor: pointer;
    }
    .chip button:hover {
      background: ${unsafeCSS(v("color-surface"))};
    }
    .none {
      color: ${unsafeCSS(v("color-text-muted"))};
      font-size: ${unsafeCSS(v("font-size-sm"))};
      margin: ${unsafeCSS(v("space-2"))} 0 0;
    }
    .visually-hidden {
      position: absolute;
      inline-size: 1px;
      block-size: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
  `;

  constructor() {
    super();
    this.name = "";
    this.lang = "";
    this.label = "";
    this.placeholder = "";
    this.endpoint = "";
    this.search = undefined;
    this.value = [];
    this.classFilter = 0;
    this.classHeadings = {};
    this.limit = 30;
    this.debounce = 200;
    this.minLength = 2;
    this.digits = "latn";
    this.required = false;
    this.disabled = false;
    this._query = "";
    this._hits = [];
    this._open = false;
    this._active = -1;
    this._loading = false;
    this._failed = false;
    this._announcement = "";
    this.#internals = typeof this.attachInternals === "function" ? this.attachInternals() : undefined;
  }

  /** The form this element belongs to, if any. */
  get form(): HTMLFormElement | null {
    return this.#internals?.form ?? null;
  }

  /** The chosen terms grouped by class (what the form submits, as JSON). */
  get classes(): ReadonlyArray<ClassSelection> {
    return groupSelection(this.value);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The light-DOM fallback (a textarea for pages without JavaScript) is not slotted, so it is not shown; disable
    // its controls so the form submits only the picker's value.
    for (const child of Array.from(this.querySelectorAll('[slot="fallback"]'))) {
      const controls = child.matches("input, textarea, select")
        ? [child]
        : Array.from(child.querySelectorAll("input, textarea, select"));
      for (const control of controls as Array<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) {
        if (!control.disabled) {
          control.disabled = true;
          this.#disabledFallbacks.push(control);
        }
      }
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#cancel();
    for (const control of this.#disabledFallbacks) control.disabled = false;
    this.#disabledFallbacks = [];
  }

  /** Form reset: clears the chosen terms. */
  formResetCallback(): void {
    this.value = [];
    this._query = "";
    this.#close();
  }

  /** Back/forward cache and autofill restore the submitted JSON. */
  formStateRestoreCallback(state: string | File | FormData | null): void {
    if (typeof state === "string") this.value = parseSelection(state);
  }

  formDisabledCallback(disabled: boolean): void {
    this.disabled = disabled;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has("value")) {
      const clean = toSelectedTerms(this.value);
      if (clean.length !== (Array.isArray(this.value) ? this.value.length : -1)) this.value = clean;
      const json = JSON.stringify(groupSelection(this.value));
      this.#internals?.setFormValue(json, json);
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has("value") || changed.has("required") || changed.has("lang")) {
      const input = this.renderRoot.querySelector("input");
      if (this.required && this.value.length === 0) {
        this.#internals?.setValidity(
          { valueMissing: true },
          t(this.#lang(), "picker.noneSelected"),
          input ?? undefined,
        );
      } else {
        this.#internals?.setValidity({});
      }
    }
    if (changed.has("_active") && this._active >= 0) {
      this.renderRoot.querySelector(`#option-${this._active}`)?.scrollIntoView?.({ block: "nearest" });
    }
  }

  #lang(): string {
    return effectiveLang(this, this.lang);
  }

  #searchFunction(): NiceTermSearch | undefined {
    if (typeof this.search === "function") return this.search;
    if (this.endpoint) return endpointSearch(this.endpoint);
    return undefined;
  }

  #cancel(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#controller?.abort();
    this.#controller = undefined;
  }

  #close(): void {
    this._open = false;
    this._active = -1;
  }

  /** Runs the search for the current input now (the debounce timer calls this). */
  async runSearch(): Promise<void> {
    this.#cancel();
    const query = this._query.trim();
    const search = this.#searchFunction();
    if (query.length < Math.max(1, this.minLength) || search === undefined) {
      this._hits = [];
      this._loading = false;
      this.#close();
      return;
    }
    const controller = new AbortController();
    this.#controller = controller;
    const sequence = ++this.#sequence;
    this._loading = true;
    this._failed = false;
    this._open = true;
    const lang = this.#lang();
    const limit = Number.isInteger(this.limit) && this.limit > 0 ? Math.min(this.limit, 200) : 30;
    try {
      const answer = await search(query, {
        lang,
        classNumbers: isClassNumber(this.classFilter) ? [this.classFilter] : [],
        limit,
        signal: controller.signal,
      });
      if (controller.signal.aborted || sequence !== this.#sequence) return;
      const hits = toHits(answer).slice(0, limit);
      // Grouped by class, the class of the best match first, keeping the search's order inside a class.
      this._hits = groupByBestMatch(hits);
      this._active = -1;
      this._announcement = t(lang, "picker.results", { count: hits.length }, { digits: this.digits });
    } catch (error) {
      if (controller.signal.aborted || sequence !== this.#sequence) return;
      this._hits = [];
      this._failed = true;
      this._announcement = t(lang, "picker.error");
      void error;
    } finally {
      if (sequence === this.#sequence) this._loading = false;
    }
  }

  #onInput(event: Event): void {
    this._query = (event.target as HTMLInputElement).value;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    if (this._query.trim().length < Math.max(1, this.minLength)) {
      this.#cancel();
      this._hits = [];
      this._loading = false;
      this.#close();
      return;
    }
    const wait = Number.isFinite(this.debounce) && this.debounce > 0 ? this.debounce : 0;
    this.#timer = setTimeout(() => void this.runSearch(), wait);
  }

  #onClassFilter(event: Event): void {
    this.classFilter = Number((event.target as HTMLSelectElement).value) || 0;
    if (this._query.trim().length >= Math.max(1, this.minLength)) void this.runSearch();
  }

  #isSelected(hit: NiceTermHit): boolean {
    return this.value.some((term) => sameTerm(term, hit));
  }

  /** Adds a hit to the chosen terms, or removes it when already chosen. */
  toggle(hit: NiceTermHit): void {
    const lang = this.#lang();
    const params = { term: hit.text, classNumber: formatNumber(lang, hit.classNumber, { digits: this.digits }) };
    if (this.#isSelected(hit)) {
      this.value = this.value.filter((term) => !sameTerm(term, hit));
      this._announcement = t(lang, "picker.removed", params);
    } else {
      this.value = [...this.value, { classNumber: hit.classNumber, text: hit.text, basicNumber: hit.basicNumber }];
      this._announcement = t(lang, "picker.added", params);
    }
    this.#emit();
  }

  /** Removes the chosen term at `index`. */
  removeAt(index: number): void {
    const term = this.value[index];
    if (term === undefined) return;
    const lang = this.#lang();
    this.value = this.value.filter((_, i) => i !== index);
    this._announcement = t(lang, "picker.removed", {
      term: term.text,
      classNumber: formatNumber(lang, term.classNumber, { digits: this.digits }),
    });
    this.#emit();
  }

  #emit(): void {
    const detail: NiceTermPickerChange = { value: this.value, classes: groupSelection(this.value) };
    this.dispatchEvent(new CustomEvent<NiceTermPickerChange>("ipo-change", { detail, bubbles: true, composed: true }));
  }

  #onKeydown(event: KeyboardEvent): void {
    const count = this._hits.length;
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!this._open) {
          if (count > 0) this._open = true;
          else if (this._query.trim().length >= Math.max(1, this.minLength)) void this.runSearch();
          this._active = count > 0 ? 0 : -1;
        } else if (count > 0) {
          this._active = this._active >= count - 1 ? 0 : this._active + 1;
        }
        break;
      case "ArrowUp":
        event.preventDefault();
        if (count === 0) break;
        this._open = true;
        this._active = this._active <= 0 ? count - 1 : this._active - 1;
        break;
      case "Home":
      case "End":
        if (this._open && count > 0) {
          event.preventDefault();
          this._active = event.key === "Home" ? 0 : count - 1;
        }
        break;
      case "Enter": {
        const hit = this._open ? this._hits[this._active] : undefined;
        if (hit !== undefined) {
          event.preventDefault();
          this.toggle(hit);
        } else if (this._open) {
          event.preventDefault();
        }
        break;
      }
      case "Escape":
        if (this._open) {
          event.preventDefault();
          this.#cancel();
          this.#close();
        } else if (this._query !== "") {
          event.preventDefault();
          this._query = "";
          this._hits = [];
        }
        break;
      case "Backspace":
        if (this._query === "" && this.value.length > 0) {
          event.preventDefault();
          this.removeAt(this.value.length - 1);
        }
        break;
      case "Tab":
        this.#close();
        break;
      default:
        break;
    }
  }

  #onFocusOut(event: FocusEvent): void {
    const next = event.relatedTarget as Node | null;
    if (next === null || !this.renderRoot.contains(next)) this.#close();
  }

  #renderResults(lang: string): TemplateResult {
    const groups = new Map<number, Array<{ hit: NiceTermHit; index: number }>>();
    this._hits.forEach((hit, index) => {
      const group = groups.get(hit.classNumber) ?? [];
      group.push({ hit, index });
      groups.set(hit.classNumber, group);
    });
    const options = { digits: this.digits };
    return html`${[...groups].map(([classNumber, items]) => {
      const heading = this.classHeadings?.[classNumber];
      const classLabel = t(lang, "classes.class", { classNumber }, options);
      return html`<ul role="group" aria-labelledby="group-${classNumber}">
        <li role="presentation" class="group-label" id="group-${classNumber}" part="group-label">
          ${heading ? `${classLabel} · ${heading}` : classLabel}
        </li>
        ${items.map(({ hit, index }) => {
          const selected = this.#isSelected(hit);
          return html`<li
            role="option"
            id="option-${index}"
            part="option"
            class=${index === this._active ? "active" : ""}
            aria-selected=${selected ? "true" : "false"}
            data-class-number=${hit.classNumber}
            @mousedown=${(e: Event) => e.preventDefault()}
            @click=${() => {
              this._active = index;
              this.toggle(hit);
            }}
          >
            <span class="check" aria-hidden="true">${selected ? "✓" : ""}</span>
            <bdi class="text">${hit.text}</bdi>
            ${hit.basicNumber ? html`<span class="basic">${hit.basicNumber}</span>` : nothing}
          </li>`;
        })}
      </ul>`;
    })}`;
  }

  protected override render(): TemplateResult {
    const lang = this.#lang();
    const direction = explicitDir(this) ?? dir(lang);
    const options = { digits: this.digits };
    const label = this.label || t(lang, "picker.label");
    const showPopup = this._open && (this._loading || this._failed || this._query.trim().length >= this.minLength);
    const expanded = this._open && this._hits.length > 0;
    const active = expanded && this._active >= 0 ? `option-${this._active}` : undefined;
    return html`<div part="base" class="base" dir=${direction} lang=${lang} @focusout=${this.#onFocusOut}>
      <label class="label" for="input" part="label">${label}</label>
      <p class="help" id="help">${t(lang, "picker.help")}</p>
      <div class="row">
        <div class="control">
          <input
            id="input"
            part="input"
            type="text"
            role="combobox"
            autocomplete="off"
            spellcheck="false"
            aria-autocomplete="list"
            aria-controls="listbox"
            aria-expanded=${expanded ? "true" : "false"}
            aria-activedescendant=${active ?? nothing}
            aria-describedby="help"
            aria-required=${this.required ? "true" : "false"}
            placeholder=${this.placeholder || t(lang, "picker.placeholder")}
            .value=${this._query}
            ?disabled=${this.disabled}
            @input=${this.#onInput}
            @keydown=${this.#onKeydown}
          />
          <div class="popup" part="popup" ?hidden=${!showPopup}>
            <ul
              role="listbox"
              id="listbox"
              part="listbox"
              aria-label=${label}
              aria-multiselectable="true"
              ?hidden=${!expanded}
            >
              ${expanded ? this.#renderResults(lang) : nothing}
            </ul>
            ${
              this._loading && this._hits.length === 0
                ? html`<p class="message">${t(lang, "picker.searching")}</p>`
                : this._failed
                  ? html`<p class="message error">${t(lang, "picker.error")}</p>`
                  : !this._loading && this._hits.length === 0
                    ? html`<p class="message">${t(lang, "picker.noResults")}</p>`
                    : nothing
            }
          </div>
        </div>
        <select
          part="class-filter"
          aria-label=${t(lang, "picker.classFilter")}
          ?disabled=${this.disabled}
          @change=${this.#onClassFilter}
        >
          <option value="0" ?selected=${!isClassNumber(this.classFilter)}>${t(lang, "picker.allClasses")}</option>
          ${classNumbers.map(
            (n) =>
              html`<option value=${n} ?selected=${n === this.classFilter}>${t(lang, "classes.class", { classNumber: n }, options)}</option>`,
          )}
        </select>
      </div>
      ${
        this.value.length > 0
          ? html`<ul class="chips" part="chips" aria-label=${t(lang, "picker.selected")}>
              ${this.value.map(
                (term, index) => html`<li class="chip" part="chip" data-class-number=${term.classNumber}>
                  <span class="chip-class">${formatNumber(lang, term.classNumber, options)}</span>
                  <bdi class="chip-text">${term.text}</bdi>
                  <button
                    type="button"
                    part="chip-remove"
                    aria-label=${t(lang, "picker.remove", { term: term.text, classNumber: formatNumber(lang, term.classNumber, options) })}
                    ?disabled=${this.disabled}
                    @click=${() => {
                      this.removeAt(index);
                      // The button goes away with its chip: keep focus in the picker.
                      this.renderRoot.querySelector("input")?.focus();
                    }}
                  >
                    <span aria-hidden="true">×</span>
                  </button>
                </li>`,
              )}
            </ul>`
          : html`<p class="none">${t(lang, "picker.noneSelected")}</p>`
      }
      <div class="visually-hidden" role="status" aria-live="polite">${this._announcement}</div>
    </div>`;
  }
}
