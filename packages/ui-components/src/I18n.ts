/**
 * Messages for the components and the pages that use them, in English, Arabic (Modern Standard Arabic) and French,
 * with right-to-left detection and number and date formatting through `Intl`.
 *
 * A message is ICU MessageFormat text (`{count, plural, one {# term} other {# terms}}`; Arabic has six forms: zero,
 * one, two, few, many, other), formatted by `MessageFormat` (intl-messageformat). The messages live in one JSON file
 * per language, `src/catalog/<lang>.json`.
 */
import ar from "./catalog/ar.json" with { type: "json" };
import en from "./catalog/en.json" with { type: "json" };
import fr from "./catalog/fr.json" with { type: "json" };
import * as MessageFormat from "./MessageFormat.js";

/** Languages with a catalog. Any other language tag falls back to English text (but keeps its own direction). */
export const languages = ["en", "ar", "fr"] as const;
export type Language = (typeof languages)[number];

/** A message: ICU MessageFormat text. */
export type Message = string;

/** Status values that have a label. Other status strings are shown as given. */
export const statuses = [
  "pending",
  "accepted",
  "refused",
  "partiallyRefused",
  "limited",
  "withdrawn",
  "registered",
  "published",
  "opposed",
  "cancelled",
  "expired",
  "renewed",
  "examined",
  "filed",
  "surrendered",
] as const;
export type Status = (typeof statuses)[number];

/**
 * Where a status belongs: a right and its classes (`right`, the default), a Madrid designation of the office
 * (`designation`, the statuses of `@ipoffice/madrid` `Designation.Status`) or an invoice (`invoice`, the states of
 * `@ipoffice/fees` `Ledger.InvoiceState`). The same word may read differently per area (in Arabic a designation and
 * an invoice are feminine), so each area has its own labels.
 */
export const statusAreas = ["right", "designation", "invoice"] as const;
export type StatusArea = (typeof statusAreas)[number];

/** Statuses of a Madrid designation (spelled `provisionally-refused` by `@ipoffice/madrid`; any spelling is accepted). */
export const designationStatuses = [
  "pending",
  "provisionallyRefused",
  "partiallyGranted",
  "granted",
  "refused",
  "protectedByDefault",
  "cancelled",
  "renounced",
  "ceased",
  "invalidated",
  "expired",
  "transferred",
] as const;
export type DesignationStatus = (typeof designationStatuses)[number];

/** States of an invoice (spelled `partially_paid` by `@ipoffice/fees`; any spelling is accepted). */
export const invoiceStates = ["unpaid", "partiallyPaid", "paid", "overpaid", "refunded", "cancelled"] as const;
export type InvoiceState = (typeof invoiceStates)[number];

/** The statuses with a label in each area, in the order a legend lists them. */
export const statusesOf: { readonly [A in StatusArea]: ReadonlyArray<string> } = {
  right: statuses,
  designation: designationStatuses,
  invoice: invoiceStates,
};

export type MessageKey = keyof typeof en;
/** A language's component messages: ICU MessageFormat text by key (decision 0412). */
export type Catalog = { readonly [K in MessageKey]?: string };

/**
 * The component catalogs, one JSON file per language (`src/catalog/<lang>.json`, shipped in the package). English is
 * complete; the tests hold Arabic and French complete too (a missing key would show English).
 */
export const messages: { readonly [L in Language]: Catalog } = { en, ar, fr };

const componentCatalog = new MessageFormat.Catalog(messages);
let messageSource: () => MessageFormat.Catalog | undefined = () => undefined;

/**
 * Sets where the components' messages come from: an application's catalog that holds the component keys (in more
 * languages, or in the office's own wording), chosen per office like the digits. Without it, the shipped catalogs.
 */
export const setMessageSource = (source: () => MessageFormat.Catalog | undefined): void => {
  messageSource = source;
};

/** The catalog the components use now: the application's (`setMessageSource`), else the shipped one. */
export const componentMessages = (): MessageFormat.Catalog => messageSource() ?? componentCatalog;

const rtlLanguages = new Set(["ar", "fa", "he", "ur", "ps", "sd", "ug", "yi", "dv", "ckb"]);

/** The primary language subtag, lower case: `"ar-EG"` → `"ar"`. */
export const baseLanguage = (lang: string | null | undefined): string =>
  (lang ?? "").trim().toLowerCase().split(/[-_]/)[0] ?? "";

/** Writing direction of a language tag: "rtl" for Arabic, Persian, Hebrew, Urdu (and a few others), else "ltr". */
export const dir = (lang: string | null | undefined): "rtl" | "ltr" =>
  rtlLanguages.has(baseLanguage(lang)) ? "rtl" : "ltr";

/** The catalog language used for a tag: the tag's base language if it has a catalog, else English. */
export const resolveLanguage = (lang: string | null | undefined): Language => {
  const base = baseLanguage(lang);
  return (languages as ReadonlyArray<string>).includes(base) ? (base as Language) : "en";
};

export type Params = Readonly<Record<string, string | number>>;

/** Digits for numbers and dates: Latin (0-9, the default most Arab-region registers show), Arabic-Indic, or the locale's own. */
export type Digits = MessageFormat.Digits;

let digitsSource: () => Digits | undefined = () => undefined;

/**
 * Sets where the default digits come from (an office's setting, chosen once): every formatter here uses it when no
 * `digits` option is given. A server serving several offices passes a function reading the current request's office.
 * Without it the default is `latn`.
 */
export const setDefaultDigits = (source: () => Digits | undefined): void => {
  digitsSource = source;
};

/** The digits used when none are asked for: the source set with `setDefaultDigits`, else `latn`. */
export const defaultDigits = (): Digits => {
  const digits = digitsSource();
  return isDigits(digits) ? digits : "latn";
};

const isDigits = (value: unknown): value is Digits => value === "latn" || value === "arab" || value === "locale";
const digitsOf = (options: FormatOptions): Digits => (isDigits(options.digits) ? options.digits : defaultDigits());

export interface FormatOptions {
  readonly digits?: Digits;
}

/**
 * The BCP 47 locale passed to `Intl`, with the numbering system extension for the digits choice (the one place digits
 * become a locale: `MessageFormat.localeFor`). Attribute values arrive unchecked: anything but the three choices means
 * the default digits.
 */
export const locale = (lang: string | null | undefined, options: FormatOptions = {}): string =>
  MessageFormat.localeFor(lang ?? "en", digitsOf(options));

/** The language tag alone, canonical (`AR-eg` → `ar-EG`), without extensions; `en` when unreadable. */
const canonicalTag = (lang: string | null | undefined): string => MessageFormat.localeFor(lang ?? "en", "locale");

/** Formats a number for a language. Arabic shows Latin digits unless `digits: "arab"` is given. */
export const formatNumber = (lang: string | null | undefined, value: number, options: FormatOptions = {}): string =>
  cached(numberFormats, locale(lang, options), (tag) => new Intl.NumberFormat(tag)).format(value);

// Intl constructors cost tens of microseconds each; a page formats hundreds of numbers in a few locales.
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const listFormats = new Map<string, Intl.ListFormat>();
const cached = <F>(cache: Map<string, F>, key: string, make: (key: string) => F): F => {
  let value = cache.get(key);
  if (value === undefined) {
    if (cache.size > 64) cache.clear();
    value = make(key);
    cache.set(key, value);
  }
  return value;
};

/**
 * Formats a calendar date (`"2025-03-12"` or a `Date`) in a language, in UTC so a date never shifts by a day.
 * An unreadable date is returned as given.
 */
export const formatDate = (
  lang: string | null | undefined,
  value: string | Date,
  options: FormatOptions & { readonly dateStyle?: "long" | "medium" | "short" | "full" } = {},
): string => {
  const date =
    typeof value === "string" ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  const style = options.dateStyle ?? "long";
  return cached(
    dateFormats,
    `${locale(lang, options)}|${style}`,
    () => new Intl.DateTimeFormat(locale(lang, options), { dateStyle: style, timeZone: "UTC" }),
  ).format(date);
};

/** Joins phrases with the language's "and" (`Intl.ListFormat`). */
export const formatList = (lang: string | null | undefined, parts: ReadonlyArray<string>): string =>
  cached(
    listFormats,
    canonicalTag(lang),
    (tag) => new Intl.ListFormat(tag, { type: "conjunction", style: "long" }),
  ).format(parts);

/**
 * The message `key` in `lang` (English when the language or the key is missing), formatted as ICU MessageFormat with
 * `params`: a number is shown with the language's digits, a `count` chooses the plural form. Never throws (a missing
 * parameter stays `{name}`).
 */
export const t = (
  lang: string | null | undefined,
  key: MessageKey,
  params?: Params,
  options: FormatOptions = {},
): string => {
  const catalog = componentMessages();
  const base = baseLanguage(lang);
  const language = catalog.has(base) ? base : "en";
  return catalog.format(language, key, params, { digits: digitsOf(options) });
};

/**
 * The label of a status in a language, for its area (a right's or class's status by default, a Madrid designation's,
 * an invoice's); an unknown status is shown as given.
 */
export const statusLabel = (lang: string | null | undefined, status: string, area: StatusArea = "right"): string => {
  const key = normalizeStatus(status);
  if (area === "designation") return isKeyOf(designationStatuses, key) ? t(lang, `designation.${key}`) : status;
  if (area === "invoice") return isKeyOf(invoiceStates, key) ? t(lang, `invoice.${key}`) : status;
  return isStatus(key) ? t(lang, `status.${key}`) : status;
};

const isKeyOf = <K extends string>(keys: ReadonlyArray<K>, key: string): key is K =>
  (keys as ReadonlyArray<string>).includes(key);

/** A status area from untrusted input (an attribute): anything but `designation` or `invoice` is `right`. */
export const toStatusArea = (value: unknown): StatusArea =>
  value === "designation" || value === "invoice" ? value : "right";

/** Accepts the spellings other systems use: `partially-refused`, `PARTIALLY_REFUSED`, `partially refused` → `partiallyRefused`. */
export const normalizeStatus = (status: string): string => {
  const words = status
    .trim()
    .split(/[-_\s]+/)
    .filter((w) => w.length > 0);
  if (words.length === 0) return status;
  if (words.length === 1) {
    const [word = ""] = words;
    return word === word.toUpperCase() ? word.toLowerCase() : word.charAt(0).toLowerCase() + word.slice(1);
  }
  return words
    .map((w, i) => (i === 0 ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()))
    .join("");
};

export const isStatus = (status: string): status is Status => (statuses as ReadonlyArray<string>).includes(status);
