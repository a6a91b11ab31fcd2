/**
 * The page strings of the reference office: thin functions over the one catalog (`src/messages/Catalog.ts`, the files
 * `catalog/<lang>.json`, ICU MessageFormat; decision 0412). Component strings and status labels come from
 * `@ipoffice/ui-components` (its part of the catalog); field labels from the INID tables of `@ipoffice/domain`.
 */
import { appBundles, isMessageKey, type MessageKey, text } from "../messages/Catalog.js";

/** The languages the app ships a complete catalog for; an office adds others with its own files (`office.catalogs`). */
export const pageLanguages: ReadonlyArray<string> = Object.keys(appBundles);

export type PageMessageKey = MessageKey;

/** Whether a key exists (for keys built from data, such as `role.${role}`). */
export const isPageKey = (key: string): key is MessageKey => isMessageKey(key);

/** The message `key` in `lang`, formatted with `params` (a count chooses the plural form); English for a missing key. */
export const pageText = (lang: string, key: MessageKey, params: Record<string, string | number> = {}): string =>
  text(lang, key, params);
