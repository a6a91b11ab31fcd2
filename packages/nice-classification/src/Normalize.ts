/**
 * Text folding for Nice terms: case, Latin diacritics, Arabic letter forms and English plurals.
 *
 * Cyrillic is kept as it is (only lower-cased): `й` and `ё` are letters of their own in Bulgarian and Russian.
 * Every function is total: any string (empty, huge, emoji, mixed scripts) gives a result, never an exception.
 */

const ARABIC_MAP: Readonly<Record<string, string>> = {
  "\u0623": "\u0627", // أ alef with hamza above
  "\u0625": "\u0627", // إ alef with hamza below
  "\u0622": "\u0627", // آ alef with madda
  "\u0671": "\u0627", // ٱ alef wasla
  "\u0624": "\u0648", // ؤ waw with hamza
  "\u0626": "\u064A", // ئ yaa with hamza
  "\u0629": "\u0647", // ة taa marbuta → haa
  "\u0649": "\u064A", // ى alef maqsura → yaa
};

/** Characters removed from Arabic text: tatweel and the harakat (short vowels, shadda, sukun, superscript alef). */
const isArabicMark = (code: number): boolean =>
  code === 0x0640 || (code >= 0x064b && code <= 0x0652) || code === 0x0670;

const isCombiningMark = (code: number): boolean => code >= 0x0300 && code <= 0x036f;

const LATIN_SPECIAL: Readonly<Record<string, string>> = {
  ß: "ss",
  æ: "ae",
  Æ: "ae",
  œ: "oe",
  Œ: "oe",
  ø: "o",
  Ø: "o",
  ł: "l",
  Ł: "l",
};

const isAscii = (text: string): boolean => {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
};

const foldCache = new Map<string, string>();

/** Folds one character (a code point as a string) to its search form. */
const foldChar = (ch: string): string => {
  const cached = foldCache.get(ch);
  if (cached !== undefined) return cached;
  const code = ch.codePointAt(0) ?? 0;
  let out: string;
  if (code < 0x80) {
    out = ch.toLowerCase();
  } else if (code >= 0x0400 && code <= 0x052f) {
    // Cyrillic as it is (lower-cased).
    out = ch.toLowerCase();
  } else if (code >= 0x0600 && code <= 0x06ff) {
    if (isArabicMark(code)) out = "";
    else if (code >= 0x0660 && code <= 0x0669) out = String(code - 0x0660);
    else if (code >= 0x06f0 && code <= 0x06f9) out = String(code - 0x06f0);
    else out = ARABIC_MAP[ch] ?? ch;
  } else if (isCombiningMark(code)) {
    out = "";
  } else {
    // Latin and others: decompose, drop combining marks, lower-case; a few letters have no decomposition.
    out =
      LATIN_SPECIAL[ch] ??
      ch
        .normalize("NFD")
        .replace(/[\u0300-\u036f]/g, "")
        .toLowerCase();
  }
  if (foldCache.size < 4096) foldCache.set(ch, out);
  return out;
};

/**
 * Folds text for comparison: lower case, Latin diacritics removed, Arabic normalised (alef and hamza forms, taa marbuta,
 * alef maqsura, tatweel and harakat, Arabic-Indic digits), Cyrillic kept. Punctuation is kept.
 */
export const fold = (text: string): string => {
  if (typeof text !== "string" || text.length === 0) return "";
  if (isAscii(text)) return text.toLowerCase();
  // NFC first so that decomposed input (e.g. "e" + U+0301, or Cyrillic "и" + U+0306) folds like composed input.
  const source = text.normalize("NFC");
  let out = "";
  for (const ch of source) out += foldChar(ch);
  return out;
};

/** Arabic normalisation alone (used by `fold`), exposed for callers that only need it. */
export const normalizeArabic = (text: string): string => {
  if (typeof text !== "string") return "";
  let out = "";
  for (const ch of text.normalize("NFC")) {
    const code = ch.codePointAt(0) ?? 0;
    if (isArabicMark(code)) continue;
    if (code >= 0x0660 && code <= 0x0669) out += String(code - 0x0660);
    else if (code >= 0x06f0 && code <= 0x06f9) out += String(code - 0x06f0);
    else out += ARABIC_MAP[ch] ?? ch;
  }
  return out;
};

const WORD = /[\p{L}\p{N}]+/gu;

/** Splits folded text into words (letters and digits); punctuation and symbols separate words. */
export const words = (folded: string): Array<string> => folded.match(WORD) ?? [];

/** Folds then splits into words. */
export const tokens = (text: string): Array<string> => words(fold(text));

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
