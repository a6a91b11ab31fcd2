/**
 * Text folding for Nice terms: case, Latin diacritics, Arabic letter forms and English plurals.
 *
 * Cyrillic is kept as it is (only lower-cased): `й` and `ё` are letters of their own in Bulgarian and Russian.
 * Every function is total: any string (empty, huge, emoji, mixed scripts) gives a result, never an exception.
 * Case, diacritic and Arabic folding come from `Text` of `@ipoffice/domain`; the English plural and Arabic light stem
 * rules are Nice's own.
 */
import { Text } from "@ipoffice/domain";

/**
 * Folds text for comparison: lower case, Latin diacritics removed, Arabic normalised (alef and hamza forms, taa marbuta,
 * alef maqsura, tatweel and harakat, Arabic-Indic digits), Cyrillic kept. Punctuation is kept.
 * The folding is shared with the register search: it is `Text.fold` of `@ipoffice/domain`.
 */
export const fold: (text: string) => string = Text.fold;

/** Arabic normalisation alone (used by `fold`), exposed for callers that only need it (`Text.normalizeArabic`). */
export const normalizeArabic: (text: string) => string = Text.normalizeArabic;

/** Splits folded text into words (letters and digits); punctuation and symbols separate words. */
export const words = (folded: string): Array<string> => Text.split(folded);

/** Folds then splits into words. */
export const tokens = (text: string): Array<string> => Text.words(text);

const LATIN_WORD = /^[a-z]+$/;
const KEEP_S = new Set([
  "gas",
  "bus",
  "lens",
  "news",
  "glasses",
  "series",
  "species",
  "means",
  "physics",
  "mathematics",
]);

/**
 * English singular of a folded word: `shirts` → `shirt`, `batteries` → `battery`, `boxes` → `box`,
 * `glasses` → `glass`. Only plain Latin words of 4+ letters change; others are returned as they are.
 */
export const singular = (word: string): string => {
  const n = word.length;
  if (n < 4 || word.charCodeAt(n - 1) !== 115 /* s */ || !LATIN_WORD.test(word)) return word;
  if (KEEP_S.has(word)) return word === "glasses" ? "glass" : word;
  if (word.endsWith("ss") || word.endsWith("us") || word.endsWith("is")) return word;
  if (word.endsWith("ies") && n > 4) return word.slice(0, -3) + "y";
  if (
    word.endsWith("sses") ||
    word.endsWith("ches") ||
    word.endsWith("shes") ||
    word.endsWith("xes") ||
    word.endsWith("zzes")
  )
    return word.slice(0, -2);
  return word.slice(0, -1);
};

const ARABIC_ARTICLES = ["وال", "بال", "كال", "فال", "لل", "ال"] as const;

/**
 * Arabic light stem of a folded word: the definite article and a clitic before it are removed (`والاعلان` → `اعلان`,
 * `للملابس` → `ملابس`) when at least three letters remain. Other words are returned as they are.
 */
export const arabicStem = (word: string): string => {
  const first = word.charCodeAt(0);
  if (first < 0x0600 || first > 0x06ff) return word;
  for (const article of ARABIC_ARTICLES)
    if (word.startsWith(article) && word.length - article.length >= 3) return word.slice(article.length);
  return word;
};

/** The form words are matched by: English singular for Latin words, Arabic light stem for Arabic words. */
export const stem = (word: string): string => {
  const first = word.charCodeAt(0);
  return first >= 0x0600 && first <= 0x06ff ? arabicStem(word) : singular(word);
};

/** A comparison key for a whole term: folded words joined by one space (`"Shirts, Cotton*"` → `"shirts cotton"`). */
export const key = (text: string): string => tokens(text).join(" ");

/** Like `key` but with each word stemmed (see `stem`), so `"shirts"` and `"Shirt"` share a key. */
export const looseKey = (text: string): string => tokens(text).map(stem).join(" ");
