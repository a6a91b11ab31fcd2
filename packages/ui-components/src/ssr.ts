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
import type { Digits } from "./I18n.js";
import "./ipo-class-status-list.js";
import "./ipo-status-badge.js";

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
      digits=${options.digits ?? "latn"}
      collapse-after=${options.collapseAfter ?? 8}
      heading-level=${options.headingLevel ?? 3}
      ?hide-summary=${options.hideSummary ?? false}
      classes=${JSON.stringify(options.classes)}
    ></ipo-class-status-list>`,
  );

/** `<ipo-status-badge>` rendered to HTML. */
export const renderStatusBadge = (options: { readonly status: string; readonly lang?: string }): string =>
  renderToString(html`<ipo-status-badge status=${options.status} lang=${options.lang ?? "en"}></ipo-status-badge>`);
