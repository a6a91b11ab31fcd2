/**
 * Search keys of a text: what a register stores beside a mark (in indexed columns) and what a query is turned into, so
 * that spelling variants, sound-alikes and the same name written in Arabic, Cyrillic or Latin script meet.
 *
 * - `fold`: the text folded (`Text.fold` of `@ipoffice/domain`: case, Latin diacritics, Arabic letter forms, harakat,
 *   tatweel, Arabic-Indic digits; Cyrillic kept), apostrophes removed, words separated by one space;
 * - `words`: the folded words;
 * - `latin`: every word romanised to ASCII (Arabic and Cyrillic; see `internal/romanise.ts` for the tables);
 * - `phonetic`: Double Metaphone keys (primary and alternate) of each word's Latin rendering;
 * - `skeleton`: the cross-script transliteration skeleton of each word (consonant classes, vowels dropped, doubled
 *   letters reduced), so `نور`, `NOOR`, `NUR` and `NOUR` share `nr`;
 * - `compact`: letters and digits only, no spaces, so `SAHAR AL WADI` and `SAHARALWADI` meet.
 *
 * The Arabic definite article (`ال` joined to its word, or `al`/`el` written as a word in Latin script) is left out of
 * `phonetic` and `skeleton`, so `الواحة`, `واحة` and `AL WAHA` meet.
 *
 * Every function is total: any string (empty, 1 MB, emoji, mixed scripts, lone surrogates) gives a result.
 */
import { Text } from "@ipoffice/domain";
import { doubleMetaphone } from "double-metaphone";
import { ARABIC_ARTICLE, romaniseWord, scriptOfWord, type WordScript } from "./internal/romanise.js";

/**
 * The version of the keys' rules (romanisation, skeleton, articles). Stored keys made under another version must be
 * computed again: the engine keeps it beside the key columns.
 */
export const version = 1;

/** Apostrophes and the ALA-LC signs for ʿayn and hamza: removed inside words (`McDONALD'S` → `mcdonalds`). */
const APOSTROPHES = /['\u2018\u2019\u02BC\u02BE\u02BF`\u00B4]/g;

/** The folded words of a text: `"Al-Waha  (OASIS)"` → `["al", "waha", "oasis"]`. */
export const words = (text: string): Array<string> => {
  if (typeof text !== "string" || text.length === 0) return [];
  return Text.words(text.replace(APOSTROPHES, ""));
};

/** The folded text, words separated by one space: `"  Café   NOUR! "` → `"cafe nour"`. */
export const fold = (text: string): string => words(text).join(" ");

/** Letters and digits only, folded, no spaces: `"Sahar Al-Wadi"` → `"saharalwadi"`. */
export const compact = (text: string): string => words(text).join("");

/** Latin-script words read as the Arabic definite article. */
const LATIN_ARTICLES: ReadonlySet<string> = new Set(["al", "el"]);

/**
 * A word's part that carries its meaning for phonetic and skeleton keys: the Arabic article `ال` joined to a word of
 * at least two more letters is removed (`الواحه` → `واحه`); `al` and `el` written as words are dropped (`undefined`).
 */
export const stem = (word: string): string | undefined => {
  if (LATIN_ARTICLES.has(word)) return undefined;
  if (word.startsWith(ARABIC_ARTICLE) && Array.from(word).length >= ARABIC_ARTICLE.length + 2)
    return word.slice(ARABIC_ARTICLE.length);
  return word;
};

const ASSIMILATED = /^[ae](?:[lnrstdz]|sh|th|dh)$/;

/**
 * The words that carry meaning, each with its stem (see `stem`): the Arabic article is left out, whether written `al`
 * or `el`, joined (`الواحة`), or assimilated to a following sun letter as transliterations write it (`ash shams`,
 * `ar rahman`, `an nour`: the article's consonant repeats the next word's first letter).
 */
export const contentWords = (words: ReadonlyArray<string>): Array<{ readonly word: string; readonly stem: string }> => {
  const out: Array<{ word: string; stem: string }> = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const next = words[i + 1];
    if (next !== undefined && ASSIMILATED.test(word) && next.length > word.length && next.startsWith(word.slice(1)))
      continue;
    const stemmed = stem(word);
    if (stemmed !== undefined) out.push({ word, stem: stemmed });
  }
  return out;
};

/** Each word in Latin script (ASCII): `"نور Чай"` → `"nur chay"`; `"الواحة"` → `"al waha"`. */
export const latin = (text: string): string => {
  const out: Array<string> = [];
  for (const word of words(text)) {
    const stemmed = stem(word);
    if (stemmed !== undefined && stemmed !== word) out.push("al");
    const romanised = romaniseWord(stemmed ?? word);
    if (romanised !== "") out.push(romanised);
  }
  return out.join(" ");
};

// ---------------------------------------------------------------------------------------------------------------
// Phonetic keys

const metaphoneCache = new Map<string, readonly [string, string]>();
/** Longest word given to Double Metaphone; keys of longer words are those of their first letters (keys are short). */
const maxPhoneticWord = 64;

const metaphone = (latinWord: string): readonly [string, string] => {
  const cached = metaphoneCache.get(latinWord);
  if (cached !== undefined) return cached;
  const [primary, secondary] = doubleMetaphone(latinWord.slice(0, maxPhoneticWord));
  const result = [primary, secondary] as const;
  if (metaphoneCache.size > 20_000) metaphoneCache.clear();
  metaphoneCache.set(latinWord, result);
  return result;
};

/** The phonetic keys of one folded word (primary first, the alternate when it differs); none for an article. */
export const phoneticOfWord = (word: string): Array<string> => {
  const stemmed = stem(word);
  if (stemmed === undefined) return [];
  return phoneticOfLatin(romaniseWord(stemmed));
};

/** The phonetic keys of a romanised word (`[a-z0-9]*`). */
const phoneticOfLatin = (romanised: string): Array<string> => {
  if (romanised === "" || !/[a-z]/.test(romanised)) return [];
  const [primary, secondary] = metaphone(romanised);
  if (primary === "") return [];
  return secondary === "" || secondary === primary ? [primary] : [primary, secondary];
};

/**
 * Double Metaphone keys of every word (Lawrence Philips, "The Double Metaphone Search Algorithm", C/C++ Users Journal,
 * June 2000), primary and alternate, without repeats, in word order: `"NIKKO"` → `["NK"]`, `"نور"` → `["NR"]`.
 */
export const phonetic = (text: string): Array<string> => {
  const out: Array<string> = [];
  const seen = new Set<string>();
  for (const { word } of contentWords(words(text)))
    for (const key of phoneticOfWord(word))
      if (!seen.has(key)) {
        seen.add(key);
        out.push(key);
      }
  return out;
};

// ---------------------------------------------------------------------------------------------------------------
// Skeletons

const isVowel = (c: string | undefined): boolean => c === "a" || c === "e" || c === "i" || c === "o" || c === "u";

/**
 * The skeleton of one romanised word (`[a-z0-9]*`): consonant classes, in the alphabet
 * `b c d f g h k l m n r s t w x y z` and digits, where `c` is the sh class (sh, sch, ch, tch: ش, ш, ч, چ, as French and
 * Maghreb spellings write ش "ch") and `x` the kh class (خ). Classes merge what transliterations confuse: b/p (Arabic has
 * no p), f/v/ph, g/j/gh/zh/dj (ج is "g" in Egypt, غ "gh"), k/c/q/ck, t/th, d/dh. Vowels are dropped, w and y count as
 * consonants only before a vowel, a final h after a vowel is silent (`sarah`, `waha`), a repeated consonant counts once.
 * A word of vowels alone gives `a`.
 */
export const skeletonOfLatinWord = (w: string): string => {
  let out = "";
  let last = "";
  const emit = (c: string) => {
    if (c !== last) out += c;
    last = c;
  };
  const n = w.length;
  let i = 0;
  let sawVowel = false;
  while (i < n) {
    const c = w[i] as string;
    const d = w[i + 1];
    const e = w[i + 2];
    const two = c + (d ?? "");
    const three = two + (e ?? "");
    if (three === "sch" || three === "tch") {
      emit("c");
      i += 3;
      continue;
    }
    if (three === "dzh") {
      emit("g");
      i += 3;
      continue;
    }
    switch (two) {
      case "sh":
      case "ch":
        emit("c");
        i += 2;
        continue;
      case "kh":
        emit("x");
        i += 2;
        continue;
      case "gh":
      case "zh":
      case "dj":
        emit("g");
        i += 2;
        continue;
      case "th":
        emit("t");
        i += 2;
        continue;
      case "dh":
        emit("d");
        i += 2;
        continue;
      case "ph":
        emit("f");
        i += 2;
        continue;
      case "ck":
        emit("k");
        i += 2;
        continue;
    }
    if (c === "q" && d === "u" && isVowel(e)) {
      emit("k");
      i += 2;
      continue;
    }
    if (c === "o" && d === "u" && (isVowel(e) || e === "y") && e !== "u") {
      // French spelling of w before a vowel: OUADI, OUALID.
      emit("w");
      i += 2;
      continue;
    }
    i += 1;
    if (isVowel(c)) {
      sawVowel = true;
      last = "";
      continue;
    }
    switch (c) {
      case "b":
      case "p":
        emit("b");
        break;
      case "c":
        emit(d === "e" || d === "i" || d === "y" ? "s" : "k");
        break;
      case "f":
      case "v":
        emit("f");
        break;
      case "g":
      case "j":
        emit("g");
        break;
      case "k":
      case "q":
        emit("k");
        break;
      case "x":
        emit("k");
        emit("s");
        break;
      case "h":
        if (d === undefined && i > 1 && isVowel(w[i - 2])) break;
        emit("h");
        break;
      case "w":
      case "y":
        if (isVowel(d)) emit(c);
        else {
          sawVowel = true;
          last = "";
        }
        break;
      case "d":
      case "l":
      case "m":
      case "n":
      case "r":
      case "s":
      case "t":
      case "z":
        emit(c);
        break;
      default:
        if (c >= "0" && c <= "9") emit(c);
    }
  }
  return out === "" && sawVowel ? "a" : out;
};

/** The skeleton of one folded word (any script); empty for an article or a word with no letter that can be read. */
export const skeletonOfWord = (word: string): string => {
  const stemmed = stem(word);
  if (stemmed === undefined) return "";
  return skeletonOfLatinWord(romaniseWord(stemmed));
};

/**
 * The cross-script transliteration skeleton: each word romanised, then reduced to consonant classes (see
 * `skeletonOfLatinWord`), words separated by one space: `"نور"`, `"NOOR"`, `"NUR"`, `"NOUR"` → `"nr"`;
 * `"الواحة"`, `"واحه"`, `"AL WAHA"` → `"wh"`.
 */
export const skeleton = (text: string): string => {
  const out: Array<string> = [];
  for (const { word } of contentWords(words(text))) {
    const s = skeletonOfWord(word);
    if (s !== "") out.push(s);
  }
  return out.join(" ");
};

// ---------------------------------------------------------------------------------------------------------------
// Scripts and documents

/** The scripts a text is written in. */
export type Script = WordScript;

/** The scripts of a text's words, each once, in order of appearance. */
export const scripts = (text: string): Array<Script> => {
  const out: Array<Script> = [];
  for (const word of words(text)) {
    if (/^[0-9]+$/.test(word)) continue;
    const s = scriptOfWord(word);
    if (!out.includes(s)) out.push(s);
  }
  return out;
};

/** All keys of a text at once, as the engine stores them in indexed columns. */
export interface DocumentKeys {
  readonly fold: string;
  readonly words: ReadonlyArray<string>;
  readonly latin: string;
  readonly phonetic: ReadonlyArray<string>;
  readonly skeleton: string;
  readonly compact: string;
}

/** All keys of a text at once (the words are computed once). */
export const forDocument = (text: string): DocumentKeys => {
  const ws = words(text);
  const phon: Array<string> = [];
  const seen = new Set<string>();
  const skel: Array<string> = [];
  const lat: Array<string> = [];
  for (const { stem: stemmed } of contentWords(ws)) {
    // Romanised once for both keys.
    const r = romaniseWord(stemmed);
    for (const key of phoneticOfLatin(r))
      if (!seen.has(key)) {
        seen.add(key);
        phon.push(key);
      }
    const s = skeletonOfLatinWord(r);
    if (s !== "") skel.push(s);
  }
  for (const word of ws) {
    const stemmed = stem(word);
    if (stemmed !== undefined && stemmed !== word) lat.push("al");
    const r = romaniseWord(stemmed ?? word);
    if (r !== "") lat.push(r);
  }
  return {
    fold: ws.join(" "),
    words: ws,
    latin: lat.join(" "),
    phonetic: phon,
    skeleton: skel.join(" "),
    compact: ws.join(""),
  };
};
