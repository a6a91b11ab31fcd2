/**
 * Design tokens as CSS custom properties (`--ipo-*`). An office restyles every page and component by setting them
 * (see `Theme.themeToCss`); components read them with a built-in default, so they also work on a page without them.
 */
import { type CSSResult, unsafeCSS } from "lit";
import { rootCss, type TokenName, tokenDefaults, varOf } from "./internal/tokenDefaults.js";

export { fontStack, type TokenName, tokenDefaults, tokenNames } from "./internal/tokenDefaults.js";

/** `:root{--ipo-…}` with every default, as a string to inline in a server-rendered `<style>`. */
export const rootTokensCss: string = rootCss;

/** The same block as a Lit `CSSResult`, e.g. for `document.adoptedStyleSheets`. */
export const tokens: CSSResult = unsafeCSS(rootCss);

/** `var(--ipo-<name>, <default>)` as a Lit CSS value, for component styles. */
export const token = (name: TokenName): CSSResult => unsafeCSS(varOf(name));

/** The custom property name of a token: `"color-primary"` → `"--ipo-color-primary"`. */
export const propertyName = (name: TokenName): string => `--ipo-${name}`;

export const defaultValue = (name: TokenName): string => tokenDefaults[name];
