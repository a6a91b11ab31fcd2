/**
 * `<ipo-class-status-list>`: a trademark's goods and services per Nice class, with a status badge per class, the
 * decision (date and reason) and, where a term's status differs from its class (class 35 partially refused: two
 * terms refused), the term's own status.
 *
 * Renders on the server (see `@ipoffice/ui-components/ssr`) into declarative shadow DOM, so a record page shows it
 * without JavaScript; in the browser the registered element renders over the server output from the same `classes`
 * attribute. Long term lists collapse into `<details>`, which also works without JavaScript.
 *
 * This module defines the class only; `ipo-class-status-list.js` registers the tag.
 */
import { css, html, LitElement, nothing, type PropertyDeclarations, type TemplateResult, unsafeCSS } from "lit";
import { dir, type Digits, formatDate, formatList, normalizeStatus, statusLabel, t } from "./I18n.js";
import { badgeStyles } from "./internal/badgeStyles.js";
import { effectiveLang, explicitDir } from "./internal/host.js";
import { statusTone } from "./internal/statusTone.js";
import { varOf as v } from "./internal/tokenDefaults.js";

/*
 * The shapes below mirror `GoodsAndServices.ClassEntry` of `@ipoffice/domain` (declared here while that module is
 * being written; a structural match, so a domain value can be passed as it is).
 */

/** One term of a class: its text, its Nice basic number when known, its own status when it differs from the class. */
export interface TermEntry {
  readonly text: string;
  readonly basicNumber?: string | null | undefined;
  readonly status?: string | undefined;
}

/** The decision on a class: its date (`YYYY-MM-DD`) and, for a refusal or limitation, the reason. */
export interface ClassDecision {
  readonly date: string;
  readonly reason?: string | undefined;
}

/** One Nice class of a trademark with its status. */
export interface ClassEntry {
  readonly classNumber: number;
  readonly edition?: string | undefined;
  readonly status: string;
  readonly decision?: ClassDecision | undefined;
  readonly terms: ReadonlyArray<TermEntry>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Keeps the well-formed entries of untrusted input (an attribute, a JSON body): a class needs an integer number and
 * a status; a term needs its text. Never throws.
 */
export const toClassEntries = (input: unknown): ReadonlyArray<ClassEntry> => {
  if (!Array.isArray(input)) return [];
  const entries: Array<ClassEntry> = [];
  for (const item of input.slice(0, 200)) {
    if (!isRecord(item)) continue;
    const classNumber = item["classNumber"];
    const status = item["status"];
    if (typeof classNumber !== "number" || !Number.isInteger(classNumber) || typeof status !== "string") continue;
    const rawTerms = Array.isArray(item["terms"]) ? item["terms"] : [];
    const terms: Array<TermEntry> = [];
    for (const term of rawTerms.slice(0, 5000)) {
      if (typeof term === "string") terms.push({ text: term });
      else if (isRecord(term) && typeof term["text"] === "string") {
        terms.push({
          text: term["text"],
          basicNumber: typeof term["basicNumber"] === "string" ? term["basicNumber"] : undefined,
          status: typeof term["status"] === "string" ? term["status"] : undefined,
        });
      }
    }
    const decision = item["decision"];
    entries.push({
      classNumber,
      status,
      edition: typeof item["edition"] === "string" ? item["edition"] : undefined,
      decision:
        isRecord(decision) && typeof decision["date"] === "string"
          ? { date: decision["date"], reason: typeof decision["reason"] === "string" ? decision["reason"] : undefined }
          : undefined,
      terms,
    });
  }
  return entries;
};

const classesConverter = {
  fromAttribute: (value: string | null): ReadonlyArray<ClassEntry> => {
    if (value === null || value.trim() === "") return [];
    try {
      return toClassEntries(JSON.parse(value));
    } catch {
      return [];
    }
  },
  toAttribute: (value: ReadonlyArray<ClassEntry>): string => JSON.stringify(value),
};

/**
 * The summary line: "Registered in 2 classes and refused in 1 class" (statuses in order of first appearance).
 */
export const summarize = (
  classes: ReadonlyArray<ClassEntry>,
  lang: string,
  options: { readonly digits?: Digits } = {},
): string => {
  const counts = new Map<string, number>();
  for (const entry of classes) {
    const key = normalizeStatus(entry.status);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const parts = [...counts].map(([status, count], index) => {
    const label = statusLabel(lang, status);
    return t(
      lang,
      "classes.summaryPart",
      { status: index === 0 ? label : label.toLocaleLowerCase(lang), count },
      options,
    );
  });
  return parts.length === 0 ? "" : formatList(lang, parts);
};

export class ClassStatusList extends LitElement {
  static override properties: PropertyDeclarations = {
    classes: { converter: classesConverter },
    lang: { type: String },
    digits: { type: String },
    collapseAfter: { type: Number, attribute: "collapse-after" },
    headingLevel: { type: Number, attribute: "heading-level" },
    hideSummary: { type: Boolean, attribute: "hide-summary" },
  };

  /** The classes to show (attribute `classes`: the same as JSON). */
  declare classes: ReadonlyArray<ClassEntry>;
  /** Language of the labels (`en`, `ar`, `fr`); inherited from the page when empty. Arabic lays out right to left. */
  declare lang: string;
  /** Digits of dates and numbers: `latn` (default), `arab` (Arabic-Indic) or `locale`. */
  declare digits: Digits;
  /** Terms shown before the rest of a class collapses into "Show n more terms" (default 8). */
  declare collapseAfter: number;
  /** `aria-level` of each class heading (default 3), to fit the page's outline. */
  declare headingLevel: number;
  /** Leaves out the summary line. */
  declare hideSummary: boolean;

  // The edge of a class in the info tone takes the tone's own colour, not the office's primary colour: a green primary
  // (Jordan, Bulgaria) would make a pending class read as registered.
  static override styles = [
    badgeStyles,
    css`
      :host {
        display: block;
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
      .summary {
        margin: 0 0 ${unsafeCSS(v("space-3"))};
        font-weight: 600;
      }
      .classes {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: ${unsafeCSS(v("space-3"))};
      }
      .class {
        background: ${unsafeCSS(v("color-surface"))};
        border: 1px solid ${unsafeCSS(v("color-border-subtle"))};
        border-inline-start: 4px solid var(--_tone, ${unsafeCSS(v("color-border"))});
        border-radius: ${unsafeCSS(v("radius"))};
        padding: ${unsafeCSS(v("space-3"))} ${unsafeCSS(v("space-4"))};
      }
      .class.tone-success-edge {
        --_tone: ${unsafeCSS(v("color-success"))};
      }
      .class.tone-danger-edge {
        --_tone: ${unsafeCSS(v("color-danger"))};
      }
      .class.tone-warning-edge {
        --_tone: ${unsafeCSS(v("color-warning"))};
      }
      .class.tone-info-edge {
        --_tone: ${unsafeCSS(v("badge-info-fg"))};
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: ${unsafeCSS(v("space-2"))} ${unsafeCSS(v("space-3"))};
      }
      .title {
        font-weight: 700;
        font-size: ${unsafeCSS(v("font-size-md"))};
      }
      .edition,
      .decision,
      .count {
        color: ${unsafeCSS(v("color-text-muted"))};
        font-size: ${unsafeCSS(v("font-size-sm"))};
      }
      .head .badge {
        margin-inline-start: auto;
      }
      .decision {
        margin: ${unsafeCSS(v("space-1"))} 0 0;
      }
      .terms {
        list-style: disc;
        margin: ${unsafeCSS(v("space-2"))} 0 0;
        padding-inline-start: ${unsafeCSS(v("space-5"))};
      }
      .terms li + li {
        margin-block-start: ${unsafeCSS(v("space-1"))};
      }
      .terms .badge {
        margin-inline-start: ${unsafeCSS(v("space-2"))};
      }
      details {
        margin-block-start: ${unsafeCSS(v("space-1"))};
      }
      summary {
        cursor: pointer;
        color: ${unsafeCSS(v("color-primary"))};
        font-size: ${unsafeCSS(v("font-size-sm"))};
        font-weight: 600;
        padding-block: ${unsafeCSS(v("space-1"))};
      }
      summary:focus-visible {
        outline: ${unsafeCSS(v("focus-ring-width"))} solid ${unsafeCSS(v("color-focus"))};
        outline-offset: 2px;
        border-radius: 2px;
      }
      details .terms {
        margin-block-start: 0;
      }
      .empty {
        color: ${unsafeCSS(v("color-text-muted"))};
        margin: 0;
      }
    `,
  ];

  constructor() {
    super();
    this.classes = [];
    this.lang = "";
    this.digits = "latn";
    this.collapseAfter = 8;
    this.headingLevel = 3;
    this.hideSummary = false;
  }

  /**
   * Clears the server-rendered (declarative) shadow content before the first client render: the client renders over
   * it from the same attributes. When the page loads Lit's hydration support instead, the content is kept for it.
   */
  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    if (this.shadowRoot && !("litElementHydrateSupport" in globalThis)) this.shadowRoot.replaceChildren();
    return super.createRenderRoot();
  }

  private renderTerm(term: TermEntry, classStatus: string, lang: string): TemplateResult {
    const differs = term.status !== undefined && normalizeStatus(term.status) !== normalizeStatus(classStatus);
    return html`<li part="term" class=${differs ? "term differs" : "term"} data-basic-number=${term.basicNumber ?? nothing}>
      <bdi>${term.text}</bdi>${
        differs && term.status !== undefined
          ? html`<span class="badge tone-${statusTone(term.status)}" part="term-badge">${statusLabel(lang, term.status)}</span>`
          : nothing
      }
    </li>`;
  }

  private renderClass(entry: ClassEntry, lang: string, level: number): TemplateResult {
    const tone = statusTone(entry.status);
    const options = { digits: this.digits };
    const limit = Math.max(1, Math.floor(Number.isFinite(this.collapseAfter) ? this.collapseAfter : 8));
    const differs = (term: TermEntry) =>
      term.status !== undefined && normalizeStatus(term.status) !== normalizeStatus(entry.status);
    const visible: Array<TermEntry> = [];
    const hidden: Array<TermEntry> = [];
    entry.terms.forEach((term, index) => {
      // Terms whose status differs from the class stay visible: they are what a reader looks for.
      if (entry.terms.length <= limit + 1 || index < limit || differs(term)) visible.push(term);
      else hidden.push(term);
    });
    const decision = entry.decision
      ? entry.decision.reason
        ? t(
            lang,
            "classes.decisionWithReason",
            // The reason may be in another script: isolate it (FSI…PDI) so its punctuation stays in place.
            { date: formatDate(lang, entry.decision.date, options), reason: `\u2068${entry.decision.reason}\u2069` },
            options,
          )
        : t(lang, "classes.decision", { date: formatDate(lang, entry.decision.date, options) }, options)
      : undefined;
    return html`<li
      part="class"
      class="class tone-${tone}-edge"
      data-class-number=${entry.classNumber}
      data-status=${normalizeStatus(entry.status)}
    >
      <div class="head">
        <span class="title" role="heading" aria-level=${level}>${t(lang, "classes.class", { classNumber: entry.classNumber }, options)}</span>
        ${entry.edition ? html`<span class="edition">${t(lang, "classes.edition", { edition: `\u2066${entry.edition}\u2069` })}</span>` : nothing}
        <span class="count">${t(lang, "classes.count", { count: entry.terms.length }, options)}</span>
        <span part="badge" class="badge tone-${tone}">${statusLabel(lang, entry.status)}</span>
      </div>
      ${decision ? html`<p class="decision" part="decision">${decision}</p>` : nothing}
      ${visible.length > 0 ? html`<ul class="terms" part="terms">${visible.map((term) => this.renderTerm(term, entry.status, lang))}</ul>` : nothing}
      ${
        hidden.length > 0
          ? html`<details part="more">
              <summary>${t(lang, "classes.moreTerms", { count: hidden.length }, options)}</summary>
              <ul class="terms" part="terms">${hidden.map((term) => this.renderTerm(term, entry.status, lang))}</ul>
            </details>`
          : nothing
      }
    </li>`;
  }

  protected override render(): TemplateResult {
    const lang = effectiveLang(this, this.lang);
    const direction = explicitDir(this) ?? dir(lang);
    const classes = toClassEntries(this.classes);
    const level =
      Number.isInteger(this.headingLevel) && this.headingLevel >= 1 && this.headingLevel <= 6 ? this.headingLevel : 3;
    const summary = this.hideSummary ? "" : summarize(classes, lang, { digits: this.digits });
    return html`<section part="base" class="base" dir=${direction} lang=${lang} aria-label=${t(lang, "classes.label")}>
      ${summary ? html`<p part="summary" class="summary">${summary}</p>` : nothing}
      ${
        classes.length === 0
          ? html`<p class="empty">${t(lang, "classes.empty")}</p>`
          : html`<ul class="classes" role="list">${classes.map((entry) => this.renderClass(entry, lang, level))}</ul>`
      }
    </section>`;
  }
}
