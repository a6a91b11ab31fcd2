/**
 * `<ipo-facet-list>`: the facets of a search (`SearchResult.facets` of `@ipoffice/search`) with their live counts, each
 * value a link to the same search with that value added as a filter. Plain links: it works without JavaScript, and
 * renders on the server (see `@ipoffice/ui-components/ssr`) into declarative shadow DOM.
 *
 * This module defines the class only; `ipo-facet-list.js` registers the tag.
 */
import { css, html, LitElement, nothing, type PropertyDeclarations, type TemplateResult, unsafeCSS } from "lit";
import { type Digits, dir, formatNumber, type MessageKey, messages, statusLabel, t } from "./I18n.js";
import { effectiveLang, explicitDir } from "./internal/host.js";
import { varOf as v } from "./internal/tokenDefaults.js";
import { jsonConverter, kindLabel, safeHref } from "./SearchResults.js";

/** One value of a facet (`Engine.FacetValue` of `@ipoffice/search`), optionally with its own link. */
export interface FacetValueEntry {
  readonly value: string;
  readonly label?: string | undefined;
  readonly count: number;
  /** The link that adds this value; else `base` with `param=value` added. */
  readonly href?: string | undefined;
}

/** One facet: its name (`kind`, `officeStatus`, `niceClass`, `filingYear`, `owner`, `designatedState`…) and values. */
export interface FacetEntry {
  readonly name: string;
  /** The heading; else the standard one for a known facet name, else the name. */
  readonly title?: string | undefined;
  /** The URL parameter a value is added under (`nice` for `niceClass`…); values without `href` need it. */
  readonly param?: string | undefined;
  readonly values: ReadonlyArray<FacetValueEntry>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/** Keeps the well-formed facets of untrusted input; a value needs a string value and a finite count. Never throws. */
export const toFacetEntries = (input: unknown): ReadonlyArray<FacetEntry> => {
  if (!Array.isArray(input)) return [];
  const facets: Array<FacetEntry> = [];
  for (const item of input.slice(0, 50)) {
    if (!isRecord(item) || typeof item["name"] !== "string" || !Array.isArray(item["values"])) continue;
    const values: Array<FacetValueEntry> = [];
    for (const value of item["values"].slice(0, 200)) {
      if (!isRecord(value) || typeof value["value"] !== "string") continue;
      const count = value["count"];
      if (typeof count !== "number" || !Number.isFinite(count) || count < 0) continue;
      values.push({ value: value["value"], label: str(value["label"]), count, href: safeHref(value["href"]) });
    }
    facets.push({ name: item["name"], title: str(item["title"]), param: str(item["param"]), values });
  }
  return facets;
};

/**
 * The link that adds `param=value` to the search at `base` (a path with its query, `/search?q=noor&lang=ar`): the
 * other parameters are kept, a page cursor is dropped (the filtered search starts at its first page).
 */
export const addFilter = (base: string, param: string, value: string): string => {
  const hash = base.indexOf("#");
  const withoutHash = hash === -1 ? base : base.slice(0, hash);
  const q = withoutHash.indexOf("?");
  const path = q === -1 ? withoutHash : withoutHash.slice(0, q);
  const params = new URLSearchParams(q === -1 ? "" : withoutHash.slice(q + 1));
  params.delete("cursor");
  if (!params.getAll(param).includes(value)) params.append(param, value);
  return `${path}?${params.toString()}`;
};

const hasKey = (key: string): key is MessageKey => key in messages.en;

/** The heading of a facet in the page language. */
export const facetTitle = (lang: string, facet: FacetEntry): string => {
  if (facet.title) return facet.title;
  const key = `facets.${facet.name}`;
  return hasKey(key) ? t(lang, key) : facet.name;
};

/** A value's text: its label, else the kind's name, "Class 25", or the value itself. */
export const facetValueLabel = (
  lang: string,
  facet: FacetEntry,
  value: FacetValueEntry,
  options: { readonly digits?: Digits } = {},
): string => {
  if (value.label && value.label !== value.value) return value.label;
  if (facet.name === "kind") return kindLabel(lang, value.value);
  if (facet.name === "officeStatus") return statusLabel(lang, value.value);
  if (facet.name === "niceClass" && /^\d{1,2}$/.test(value.value))
    return t(lang, "facets.class", { classNumber: Number(value.value) }, options);
  return value.label || value.value;
};

export class FacetList extends LitElement {
  static override properties: PropertyDeclarations = {
    facets: { converter: jsonConverter(toFacetEntries, []) },
    base: { type: String },
    lang: { type: String },
    digits: { type: String },
    headingLevel: { type: Number, attribute: "heading-level" },
  };

  /** The facets (attribute `facets`: the same as JSON). Facets without values are left out. */
  declare facets: ReadonlyArray<FacetEntry>;
  /** The current search's link (path and query) that a value's link adds to. */
  declare base: string;
  /** Language of the labels (`en`, `ar`, `fr`); inherited from the page when empty. Arabic lays out right to left. */
  declare lang: string;
  /** Digits of the counts: `latn` (default), `arab` (Arabic-Indic) or `locale`. */
  declare digits: Digits;
  /** `aria-level` of each facet's heading (default 2). */
  declare headingLevel: number;

  static override styles = css`
    :host {
      display: block;
      font-family: ${unsafeCSS(v("font-family"))};
      line-height: ${unsafeCSS(v("line-height"))};
      color: ${unsafeCSS(v("color-text"))};
      font-size: ${unsafeCSS(v("font-size-sm"))};
    }
    :host([hidden]) {
      display: none;
    }
    .facet + .facet {
      margin-block-start: ${unsafeCSS(v("space-4"))};
    }
    .title {
      display: block;
      font-weight: 700;
      margin-block-end: ${unsafeCSS(v("space-1"))};
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    li {
      display: flex;
      justify-content: space-between;
      gap: ${unsafeCSS(v("space-2"))};
      padding-block: 2px;
    }
    a {
      color: ${unsafeCSS(v("color-primary"))};
      overflow-wrap: anywhere;
    }
    a:focus-visible {
      outline: ${unsafeCSS(v("focus-ring-width"))} solid ${unsafeCSS(v("color-focus"))};
      outline-offset: 2px;
      border-radius: 2px;
    }
    .count {
      color: ${unsafeCSS(v("color-text-muted"))};
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
  `;

  constructor() {
    super();
    this.facets = [];
    this.base = "";
    this.lang = "";
    this.digits = "latn";
    this.headingLevel = 2;
  }

  /** Clears the server-rendered shadow content before the first client render (as `<ipo-class-status-list>`). */
  protected override createRenderRoot(): HTMLElement | DocumentFragment {
    if (this.shadowRoot && !("litElementHydrateSupport" in globalThis)) this.shadowRoot.replaceChildren();
    return super.createRenderRoot();
  }

  private renderFacet(facet: FacetEntry, lang: string, level: number): TemplateResult {
    const options = { digits: this.digits };
    return html`<section part="facet" class="facet" data-facet=${facet.name}>
      <span class="title" role="heading" aria-level=${level}>${facetTitle(lang, facet)}</span>
      <ul>${facet.values.map((value) => {
        const label = facetValueLabel(lang, facet, value, options);
        const href =
          safeHref(value.href) ??
          (facet.param && this.base ? safeHref(addFilter(this.base, facet.param, value.value)) : undefined);
        const count = formatNumber(lang, value.count, options);
        return html`<li part="value" data-value=${value.value}>
          ${
            href
              ? html`<a href=${href} aria-label=${t(lang, "facets.add", { value: label, count: value.count }, options)}><bdi>${label}</bdi></a>`
              : html`<bdi>${label}</bdi>`
          }
          <span part="count" class="count" aria-hidden=${href ? "true" : nothing}>${count}</span>
        </li>`;
      })}</ul>
    </section>`;
  }

  protected override render(): TemplateResult {
    const lang = effectiveLang(this, this.lang);
    const direction = explicitDir(this) ?? dir(lang);
    const facets = toFacetEntries(this.facets).filter((f) => f.values.length > 0);
    const level =
      Number.isInteger(this.headingLevel) && this.headingLevel >= 1 && this.headingLevel <= 6 ? this.headingLevel : 2;
    return html`<nav part="base" dir=${direction} lang=${lang} aria-label=${t(lang, "facets.label")}>
      ${facets.map((facet) => this.renderFacet(facet, lang, level))}
    </nav>`;
  }
}
