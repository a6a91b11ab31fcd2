/**
 * Server rendering (Node only): HTML strings with declarative shadow DOM, readable without JavaScript.
 *
 * ```ts
 * import { renderClassStatusList } from "@ipoffice/ui-components/ssr";
 * const html = renderClassStatusList({ classes, lang: "ar" });
 * ```
 */
import { render } from "@lit-labs/ssr";
import { collectResultSync } from "@lit-labs/ssr/lib/render-result.js";
import { html } from "lit";
import type { ClassEntry } from "./ClassStatusList.js";
import { type Digits, defaultDigits, type StatusArea } from "./I18n.js";
import type { Tone } from "./internal/statusTone.js";
import { type FacetEntry, toFacetEntries } from "./FacetList.js";
import "./ipo-class-status-list.js";
import "./ipo-facet-list.js";
import "./ipo-search-results.js";
import "./ipo-status-badge.js";
import { type SearchHit, toSearchHits } from "./SearchResults.js";

/**
 * Renders a Lit template (which may contain this package's elements) to an HTML string. Shadow roots become
 * `<template shadowrootmode="open">`; the `<!--lit-part-->` comments Lit leaves are harmless.
 */
export const renderToString = (template: unknown): string => collectResultSync(render(template));

export interface ClassStatusListOptions {
  readonly classes: ReadonlyArray<ClassEntry>;
  readonly lang?: string;
  readonly digits?: Digits;
  readonly collapseAfter?: number;
  readonly headingLevel?: number;
  readonly hideSummary?: boolean;
}

/**
 * `<ipo-class-status-list>` rendered to HTML. The classes travel in the `classes` attribute (JSON, escaped), so the
 * client component renders the same content when its script loads.
 */
export const renderClassStatusList = (options: ClassStatusListOptions): string =>
  renderToString(
    html`<ipo-class-status-list
      lang=${options.lang ?? "en"}
      digits=${options.digits ?? defaultDigits()}
      collapse-after=${options.collapseAfter ?? 8}
      heading-level=${options.headingLevel ?? 3}
      ?hide-summary=${options.hideSummary ?? false}
      classes=${JSON.stringify(options.classes)}
    ></ipo-class-status-list>`,
  );

export interface StatusBadgeOptions {
  readonly status: string;
  readonly lang?: string;
  /** `right` (default), `designation` (Madrid) or `invoice`. */
  readonly area?: StatusArea;
  /** Text from data (a configured workflow state's label) instead of the catalog's. */
  readonly label?: string;
  readonly tone?: Tone;
}

/** `<ipo-status-badge>` rendered to HTML. */
export const renderStatusBadge = (options: StatusBadgeOptions): string =>
  renderToString(
    html`<ipo-status-badge
      status=${options.status}
      area=${options.area ?? "right"}
      label=${options.label ?? ""}
      tone=${options.tone ?? ""}
      lang=${options.lang ?? "en"}
    ></ipo-status-badge>`,
  );

export interface SearchResultsOptions {
  readonly hits: ReadonlyArray<SearchHit>;
  readonly lang?: string;
  readonly digits?: Digits;
  readonly headingLevel?: number;
  readonly evidenceLimit?: number;
}

/**
 * `<ipo-search-results>` rendered to HTML: a page of hits of `@ipoffice/search` (each with its `href` and, where the
 * office has one, its `statusLabel`), readable without JavaScript. The hits travel in the `hits` attribute (JSON).
 */
export const renderSearchResults = (options: SearchResultsOptions): string =>
  renderToString(
    html`<ipo-search-results
      lang=${options.lang ?? "en"}
      digits=${options.digits ?? defaultDigits()}
      heading-level=${options.headingLevel ?? 2}
      evidence-limit=${options.evidenceLimit ?? 3}
      hits=${JSON.stringify(toSearchHits(options.hits))}
    ></ipo-search-results>`,
  );

export interface FacetListOptions {
  readonly facets: ReadonlyArray<FacetEntry>;
  /** The current search's link (path and query); a value's link adds its filter to it. */
  readonly base?: string;
  readonly lang?: string;
  readonly digits?: Digits;
  readonly headingLevel?: number;
}

/** `<ipo-facet-list>` rendered to HTML: facets with live counts, each value a plain link that adds its filter. */
export const renderFacetList = (options: FacetListOptions): string =>
  renderToString(
    html`<ipo-facet-list
      lang=${options.lang ?? "en"}
      digits=${options.digits ?? defaultDigits()}
      heading-level=${options.headingLevel ?? 2}
      base=${options.base ?? ""}
      facets=${JSON.stringify(toFacetEntries(options.facets))}
    ></ipo-facet-list>`,
  );
