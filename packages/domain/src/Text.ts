/**
 * Text folding shared by every search in the suite (Nice terms, register search): case, Latin diacritics, Arabic
 * letter forms, harakat and tatweel, Arabic-Indic and Eastern Arabic-Indic digits.
 *
 * Cyrillic is kept as it is (only lower-cased): `й` and `ё` are letters of their own in Bulgarian and Russian.
 * The Arabic rules are the usual orthographic normalisation of Arabic information retrieval (alef and hamza forms
 * unified, taa marbuta read as haa, alef maqsura as yaa, harakat and tatweel dropped).
 * Every function is total: any string (empty, huge, emoji, mixed scripts, lone surrogates) gives a result, never an
 * exception.
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
 * alef maqsura, tatweel and harakat, Arabic-Indic digits), Cyrillic kept. Punctuation and spacing are kept.
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

/** Arabic normalisation alone (used by `fold`): other scripts are left as they are. */
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

/** Splits already folded text into words (letters and digits); punctuation, symbols and spaces separate words. */
export const split = (folded: string): Array<string> => (typeof folded === "string" ? (folded.match(WORD) ?? []) : []);

/** Folds then splits into words: `"Café, NOUR-2"` → `["cafe", "nour", "2"]`. */
export const words = (text: string): Array<string> => split(fold(text));

/** Folded words joined by one space: `"  Café,  NOUR "` → `"cafe nour"`. */
export const key = (text: string): string => words(text).join(" ");
