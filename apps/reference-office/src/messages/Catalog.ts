/**
 * The one message catalog of the reference office (decision 0412): the messages of pages, the back office, sign-in and
 * administration, the e-filing accounts, PDFs and e-mails, in ICU MessageFormat, one JSON file per language in
 * `catalog/<lang>.json`, laid over the components' catalog of `@ipoffice/ui-components` (its `src/catalog/`).
 * An office adds a language, or its own wording, with files `<lang>.json` in the folder its configuration names as
 * `office.catalogs` (docs/configuration.md).
 *
 * The office whose request is being served is known to every formatter through one context (`withOffice`): its
 * catalog and its digits (`office.digits`), so `pageText`, the components' `I18n.t` and `I18n.formatNumber/formatDate`
 * all format in the office's way without each call passing it.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { I18n, MessageFormat } from "@ipoffice/ui-components";
import ar from "../../catalog/ar.json" with { type: "json" };
import en from "../../catalog/en.json" with { type: "json" };
import fr from "../../catalog/fr.json" with { type: "json" };

/** A key of the one catalog: the app's keys and the components'. */
export type MessageKey = keyof typeof en | I18n.MessageKey;

/** The app's catalog files, as shipped: English, Arabic and French, complete (a unit test holds them so). */
export const appBundles: Readonly<Record<string, MessageFormat.Bundle>> = { en, ar, fr };

/** The folder of the app's catalog files. */
export const appCatalogFolder = new URL("../../catalog/", import.meta.url).pathname;

/** The components' messages with the app's over them: English, Arabic, French. */
export const builtInCatalog: MessageFormat.Catalog = new MessageFormat.Catalog(I18n.messages).extend(appBundles);

/** The English messages every catalog file is checked against (components' and app's keys). */
export const referenceBundle: MessageFormat.Bundle = builtInCatalog.bundles["en"] ?? {};

/** Whether a key is in the catalog (for keys built from data, such as `role.${role}`). */
export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(referenceBundle, key);

/** Where the messages of a language come from for an office. */
export interface CatalogSource {
  readonly lang: string;
  /** The file read (the office's), or the app's shipped catalog. */
  readonly file?: string;
}

/** A problem of an office's catalog file, with the path of the file and the key. */
export interface CatalogFileProblem {
  readonly file: string;
  readonly key?: string;
  readonly message: string;
}

/**
 * Reads the catalog files `<lang>.json` of an office's folder for the languages given: each must be a JSON object of
 * ICU messages whose keys and arguments are the English catalog's. A language the app ships may be partial (the
 * office's wording over the app's); a language the app does not ship falls back to English for a key it lacks.
 */
export const readOfficeBundles = (
  folder: string,
  languages: ReadonlyArray<string>,
): {
  readonly bundles: Readonly<Record<string, MessageFormat.Bundle>>;
  readonly problems: ReadonlyArray<CatalogFileProblem>;
} => {
  const bundles: Record<string, MessageFormat.Bundle> = {};
  const problems: CatalogFileProblem[] = [];
  for (const lang of languages) {
    const file = join(folder, `${lang}.json`);
    if (!existsSync(file)) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      problems.push({ file, message: `not JSON: ${error instanceof Error ? error.message : String(error)}` });
      continue;
    }
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
      problems.push({ file, message: "must be a JSON object of key: ICU message" });
      continue;
    }
    const found = MessageFormat.checkBundle(referenceBundle, raw as Record<string, unknown>, lang, { complete: false });
    for (const p of found) problems.push({ file, key: p.key, message: `${p.problem}: ${p.detail}` });
    if (found.length === 0) bundles[lang] = raw as MessageFormat.Bundle;
  }
  return { bundles, problems };
};

/** The languages an office may offer: those the app ships, and those with a file in the office's catalog folder. */
export const catalogFileOf = (folder: string | undefined, lang: string): string | undefined => {
  if (folder !== undefined && existsSync(join(folder, `${lang}.json`))) return join(folder, `${lang}.json`);
  return builtInCatalog.has(lang) ? join(appCatalogFolder, `${lang}.json`) : undefined;
};

const officeCatalogs = new Map<string, MessageFormat.Catalog>();

/**
 * The catalog of an office: the built-in one with the files of its catalog folder over it (read once per folder and
 * languages; the configuration's load has checked them, and a file that fails its check is left out).
 */
export const catalogFor = (folder: string | undefined, languages: ReadonlyArray<string>): MessageFormat.Catalog => {
  if (folder === undefined) return builtInCatalog;
  const key = `${folder}\u0000${languages.join(",")}`;
  const known = officeCatalogs.get(key);
  if (known !== undefined) return known;
  const catalog = builtInCatalog.extend(readOfficeBundles(folder, languages).bundles);
  officeCatalogs.set(key, catalog);
  return catalog;
};

/** What the formatters need to know of the office being served. */
export interface OfficeLanguage {
  readonly catalog: MessageFormat.Catalog;
  readonly digits: I18n.Digits;
}

const current = new AsyncLocalStorage<OfficeLanguage>();

/** Runs `f` (a request, a job, a document) formatting as `office` does: its catalog and its digits. */
export const withOffice = <A>(office: OfficeLanguage, f: () => A): A => current.run(office, f);

/** The catalog of the office being served (the built-in one outside any). */
export const currentCatalog = (): MessageFormat.Catalog => current.getStore()?.catalog ?? builtInCatalog;

// Every formatter of the components reads the office's digits and messages from here (decision 0412).
I18n.setDefaultDigits(() => current.getStore()?.digits);
I18n.setMessageSource(() => current.getStore()?.catalog);

/** A message of the catalog in `lang`, formatted with the office's digits; English for a key the language lacks. */
export const text = (lang: string, key: MessageKey | (string & {}), params: MessageFormat.Params = {}): string =>
  currentCatalog().format(lang, key, params, { digits: I18n.defaultDigits() });
