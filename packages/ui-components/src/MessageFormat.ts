/**
 * ICU MessageFormat for the message catalogs (decision 0412): messages such as
 * `{count, plural, one {# record} other {# records}}`, formatted with `intl-messageformat` (FormatJS) through `Intl`,
 * compiled once per language, digits and message, and checked against the English catalog (missing and extra keys,
 * arguments that differ, syntax errors, plural forms a language needs).
 *
 * Formatting never throws: a missing or unreadable parameter gives a readable text (`{name}` left in place, the
 * `other` form of a plural with the value as given) instead of an exception.
 */
import { type MessageFormatElement, parse, TYPE } from "@formatjs/icu-messageformat-parser";
import { type Formatters, IntlMessageFormat } from "intl-messageformat";

/** The messages of one language: key → ICU MessageFormat text. */
export type Bundle = Readonly<Record<string, string>>;

/** Values of a message's arguments. A number given as text (`"1,234"`, `"١٢"`) is read back for plurals. */
export type Params = Readonly<Record<string, string | number | undefined>>;

/** Digits for numbers: Latin (0-9), Arabic-Indic (٠-٩), or the locale's own default. */
export type Digits = "latn" | "arab" | "locale";

/** How a message uses an argument: as text, as a number (`{n, number}`), to choose a plural form, or a select. */
export type ArgumentKind = "text" | "number" | "plural" | "select" | "date";

/** The BCP 47 locale passed to `Intl` for a language and a digits choice (`ar` + `latn` → `ar-u-nu-latn`). */
export const localeFor = (lang: string, digits: Digits): string => {
  const tag = canonicalTag(lang);
  return digits === "locale" ? tag : `${tag}-u-nu-${digits}`;
};

const canonicalTags = new Map<string, string>();
const canonicalTag = (lang: string): string => {
  const known = canonicalTags.get(lang);
  if (known !== undefined) return known;
  let tag = "en";
  try {
    tag = Intl.getCanonicalLocales(lang)[0]?.split("-u-")[0] ?? "en";
  } catch {
    tag = "en";
  }
  if (canonicalTags.size > 256) canonicalTags.clear();
  canonicalTags.set(lang, tag);
  return tag;
};

// Intl constructors cost tens of microseconds each: every formatter is kept per locale and options.
const intlCache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>();
const memo = <F extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.PluralRules>(key: string, make: () => F): F => {
  const known = intlCache.get(key);
  if (known !== undefined) return known as F;
  if (intlCache.size > 512) intlCache.clear();
  const made = make();
  intlCache.set(key, made);
  return made;
};

/** A number format for a locale and options, kept for reuse. */
export const numberFormat = (locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat =>
  memo(`n|${locale}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options));

const pluralRules = (locale: string, options: Intl.PluralRulesOptions = {}): Intl.PluralRules =>
  memo(`p|${locale}|${JSON.stringify(options)}`, () => new Intl.PluralRules(locale, options));

// intl-messageformat's formatters, over the same cached `Intl` objects (its option types are FormatJS's own).
const formatters: Formatters = {
  getNumberFormat: (locales, options) => numberFormat(String(locales), options as Intl.NumberFormatOptions),
  getDateTimeFormat: (locales, options) =>
    memo(
      `d|${String(locales)}|${JSON.stringify(options ?? {})}`,
      () => new Intl.DateTimeFormat(locales, options as Intl.DateTimeFormatOptions),
    ),
  getPluralRules: (locales, options) => pluralRules(String(locales), options as Intl.PluralRulesOptions),
};

/** A syntax error of a message, with the parser's explanation. */
export interface SyntaxProblem {
  readonly syntaxError: string;
}

const parseOptions = { ignoreTag: true, requiresOtherClause: true } as const;

/** The parsed message, or the syntax error. */
export const parseMessage = (message: string): ReadonlyArray<MessageFormatElement> | SyntaxProblem => {
  try {
    return parse(message, parseOptions);
  } catch (error) {
    return { syntaxError: error instanceof Error ? error.message : String(error) };
  }
};

export const isSyntaxProblem = (value: unknown): value is SyntaxProblem =>
  typeof value === "object" && value !== null && "syntaxError" in value;

/** The arguments a message uses, with how it uses them (a plural's argument is `plural` even if also shown as text). */
export const argumentsOf = (ast: ReadonlyArray<MessageFormatElement>): ReadonlyMap<string, ArgumentKind> => {
  const found = new Map<string, ArgumentKind>();
  const rank: Record<ArgumentKind, number> = { text: 0, date: 1, number: 2, select: 3, plural: 4 };
  const note = (name: string, kind: ArgumentKind) => {
    const known = found.get(name);
    if (known === undefined || rank[kind] > rank[known]) found.set(name, kind);
  };
  const walk = (elements: ReadonlyArray<MessageFormatElement>) => {
    for (const el of elements) {
      switch (el.type) {
        case TYPE.argument:
          note(el.value, "text");
          break;
        case TYPE.number:
          note(el.value, "number");
          break;
        case TYPE.date:
        case TYPE.time:
          note(el.value, "date");
          break;
        case TYPE.select:
          note(el.value, "select");
          for (const option of Object.values(el.options)) walk(option.value);
          break;
        case TYPE.plural:
          note(el.value, "plural");
          for (const option of Object.values(el.options)) walk(option.value);
          break;
        case TYPE.tag:
          walk(el.children);
          break;
        default:
          break;
      }
    }
  };
  walk(ast);
  return found;
};

/** The plural categories of each plural in a message (`=0` exact forms left out), in order. */
export const pluralFormsOf = (ast: ReadonlyArray<MessageFormatElement>): ReadonlyArray<ReadonlyArray<string>> => {
  const plurals: Array<ReadonlyArray<string>> = [];
  const walk = (elements: ReadonlyArray<MessageFormatElement>) => {
    for (const el of elements) {
      if (el.type === TYPE.plural) {
        plurals.push(Object.keys(el.options).filter((k) => !k.startsWith("=")));
        for (const option of Object.values(el.options)) walk(option.value);
      } else if (el.type === TYPE.select) for (const option of Object.values(el.options)) walk(option.value);
      else if (el.type === TYPE.tag) walk(el.children);
    }
  };
  walk(ast);
  return plurals;
};

/**
 * The plural forms a language needs for counts: the categories `Intl.PluralRules` gives to the whole numbers 0 to 200
 * (Arabic: zero, one, two, few, many, other; English: one, other; French: one, other, its `many` being for millions).
 */
export const pluralCategoriesFor = (lang: string): ReadonlyArray<string> => {
  const rules = pluralRules(canonicalTag(lang));
  const seen = new Set<string>();
  for (let n = 0; n <= 200; n++) seen.add(rules.select(n));
  return [...seen];
};

interface Compiled {
  readonly format: IntlMessageFormat | undefined;
  readonly ast: ReadonlyArray<MessageFormatElement> | undefined;
  readonly args: ReadonlyMap<string, ArgumentKind>;
}

const compiled = new Map<string, Compiled>();
const maxCompiled = 20_000;

const compile = (message: string, locale: string): Compiled => {
  const cacheKey = `${locale}\u0000${message}`;
  const known = compiled.get(cacheKey);
  if (known !== undefined) return known;
  const ast = parseMessage(message);
  const entry: Compiled = isSyntaxProblem(ast)
    ? { format: undefined, ast: undefined, args: new Map() }
    : {
        format: new IntlMessageFormat(ast as MessageFormatElement[], locale, undefined, { formatters }),
        ast,
        args: argumentsOf(ast),
      };
  if (compiled.size >= maxCompiled) compiled.clear();
  compiled.set(cacheKey, entry);
  return entry;
};

const nativeDigits = /[\u0660-\u0669\u06F0-\u06F9]/g;
/** A number written as text, in Latin, Arabic-Indic or Persian digits, with any grouping: `"١٬٢٣٤"` → 1234. */
export const readNumber = (text: string): number | undefined => {
  const latin = text
    .replace(nativeDigits, (d) => String((d.charCodeAt(0) - (d.charCodeAt(0) >= 0x06f0 ? 0x06f0 : 0x0660)) % 10))
    .replace(/[\s,'’\u066C\u00A0\u202F]/g, "")
    .replace("\u066B", ".");
  if (!/^-?\d+(\.\d+)?$/.test(latin)) return undefined;
  const value = Number(latin);
  return Number.isFinite(value) ? value : undefined;
};

/**
 * Formats an ICU message for a locale (`localeFor`). Numbers given to plain `{name}` arguments are formatted with the
 * locale's digits; numbers given as text to plurals are read back. Never throws: see {@link formatLeniently}.
 */
export const formatMessage = (message: string, locale: string, params: Params = {}): string => {
  const entry = compile(message, locale);
  if (entry.format === undefined) return message;
  const values: Record<string, string | number> = {};
  let readable = true;
  for (const [name, kind] of entry.args) {
    const value = params[name];
    if (value === undefined || value === null) {
      readable = false;
      continue;
    }
    if (kind === "plural" || kind === "number") {
      const n = typeof value === "number" ? value : readNumber(String(value));
      if (n === undefined || !Number.isFinite(n)) {
        readable = false;
        continue;
      }
      values[name] = n;
    } else if (typeof value === "number") {
      values[name] = Number.isFinite(value) ? numberFormat(locale).format(value) : String(value);
    } else {
      values[name] = String(value);
    }
  }
  if (readable) {
    try {
      const out = entry.format.format(values);
      if (typeof out === "string") return out;
    } catch {
      // A select without the value's option and without `other`: the lenient form below.
    }
  }
  return formatLeniently(entry.ast ?? [], locale, params);
};

/**
 * The readable fallback: arguments without a value stay `{name}`, a plural whose count is not a number takes its
 * `other` form with the value as given, a select without the value's option takes `other`.
 */
export const formatLeniently = (
  ast: ReadonlyArray<MessageFormatElement>,
  locale: string,
  params: Params,
  pound?: string,
): string => {
  let out = "";
  for (const el of ast) {
    switch (el.type) {
      case TYPE.literal:
        out += el.value;
        break;
      case TYPE.pound:
        out += pound ?? "#";
        break;
      case TYPE.argument:
      case TYPE.number:
      case TYPE.date:
      case TYPE.time: {
        const value = params[el.value];
        out +=
          value === undefined || value === null
            ? `{${el.value}}`
            : typeof value === "number" && Number.isFinite(value)
              ? numberFormat(locale).format(value)
              : String(value);
        break;
      }
      case TYPE.select: {
        const value = params[el.value];
        const option = (value !== undefined && el.options[String(value)]) || el.options["other"];
        if (option !== undefined) out += formatLeniently(option.value, locale, params, pound);
        break;
      }
      case TYPE.plural: {
        const value = params[el.value];
        const n = typeof value === "number" ? value : value === undefined ? undefined : readNumber(String(value));
        let option = el.options["other"];
        let shown = value === undefined || value === null ? `{${el.value}}` : String(value);
        if (n !== undefined && Number.isFinite(n)) {
          const category = pluralRules(locale, { type: el.pluralType }).select(n - el.offset);
          option = el.options[`=${n}`] ?? el.options[category] ?? el.options["other"];
          shown = numberFormat(locale).format(n - el.offset);
        }
        if (option !== undefined) out += formatLeniently(option.value, locale, params, shown);
        break;
      }
      case TYPE.tag:
        out += formatLeniently(el.children, locale, params, pound);
        break;
      default:
        break;
    }
  }
  return out;
};

/** A problem of a catalog file against the English catalog. */
export interface CatalogProblem {
  readonly key: string;
  readonly problem: "missing" | "extra" | "syntax" | "arguments" | "plural-forms" | "not-text";
  readonly detail: string;
}

/**
 * Checks a language's messages against the reference (English) messages: keys missing (when `complete`), keys the
 * reference does not have, syntax errors, arguments that differ (by name: a translation may show a count as a label
 * where English chooses a plural form), and plurals without a form the language needs (`pluralCategoriesFor`).
 */
export const checkBundle = (
  reference: Bundle,
  bundle: Readonly<Record<string, unknown>>,
  lang: string,
  options: { readonly complete: boolean },
): ReadonlyArray<CatalogProblem> => {
  const problems: CatalogProblem[] = [];
  const needed = pluralCategoriesFor(lang);
  if (options.complete)
    for (const key of Object.keys(reference))
      if (!Object.hasOwn(bundle, key)) problems.push({ key, problem: "missing", detail: "no message for this key" });
  for (const [key, message] of Object.entries(bundle)) {
    if (!Object.hasOwn(reference, key)) {
      problems.push({ key, problem: "extra", detail: "the English catalog has no such key (misspelt or removed?)" });
      continue;
    }
    if (typeof message !== "string") {
      problems.push({ key, problem: "not-text", detail: "a message is a string of ICU MessageFormat" });
      continue;
    }
    const ast = parseMessage(message);
    if (isSyntaxProblem(ast)) {
      problems.push({ key, problem: "syntax", detail: ast.syntaxError });
      continue;
    }
    const referenceAst = parseMessage(reference[key] ?? "");
    if (!isSyntaxProblem(referenceAst)) {
      const want = describe(argumentsOf(referenceAst));
      const have = describe(argumentsOf(ast));
      if (want !== have)
        problems.push({
          key,
          problem: "arguments",
          detail: `arguments ${have || "(none)"}, English has ${want || "(none)"}`,
        });
    }
    for (const forms of pluralFormsOf(ast)) {
      const lacking = needed.filter((c) => !forms.includes(c));
      if (lacking.length > 0)
        problems.push({ key, problem: "plural-forms", detail: `a plural lacks the form(s) ${lacking.join(", ")}` });
    }
  }
  return problems;
};

// By name: a translation may show a count as a label (Arabic "عدد السجلات: {total}") where English chooses a plural.
const describe = (args: ReadonlyMap<string, ArgumentKind>): string => [...args.keys()].sort().join(", ");

/** Options of a catalog: the language whose messages stand in for a missing key (default `en`). */
export interface CatalogOptions {
  readonly fallback?: string;
}

/**
 * Messages in several languages, formatted with ICU MessageFormat. A language's missing key shows the fallback
 * language's message; an unknown key shows the key itself.
 */
export class Catalog {
  readonly bundles: Readonly<Record<string, Bundle>>;
  readonly fallback: string;

  constructor(bundles: Readonly<Record<string, Bundle>>, options: CatalogOptions = {}) {
    this.bundles = bundles;
    this.fallback = options.fallback ?? "en";
  }

  /** The languages with messages. */
  get languages(): ReadonlyArray<string> {
    return Object.keys(this.bundles);
  }

  /** Whether a language has messages. */
  has(lang: string): boolean {
    return Object.hasOwn(this.bundles, lang);
  }

  /** A catalog with other messages laid over these (per language and key: `other` wins). */
  extend(other: Readonly<Record<string, Bundle>>): Catalog {
    const merged: Record<string, Bundle> = { ...this.bundles };
    for (const [lang, bundle] of Object.entries(other)) merged[lang] = { ...(merged[lang] ?? {}), ...bundle };
    return new Catalog(merged, { fallback: this.fallback });
  }

  /** The message text of a key (untranslated): the language's, else the fallback's. */
  message(lang: string, key: string): { readonly text: string; readonly lang: string } | undefined {
    const own = this.bundles[lang]?.[key];
    if (own !== undefined && Object.hasOwn(this.bundles[lang] ?? {}, key)) return { text: own, lang };
    const fallback = this.bundles[this.fallback]?.[key];
    if (fallback !== undefined && Object.hasOwn(this.bundles[this.fallback] ?? {}, key))
      return { text: fallback, lang: this.fallback };
    return undefined;
  }

  /** The formatted message `key` in `lang`; the key itself when no language has it. */
  format(lang: string, key: string, params: Params = {}, options: { readonly digits?: Digits } = {}): string {
    const found = this.message(lang, key);
    if (found === undefined) return key;
    return formatMessage(
      found.text,
      localeFor(found.lang === lang ? lang : found.lang, options.digits ?? "latn"),
      params,
    );
  }
}
