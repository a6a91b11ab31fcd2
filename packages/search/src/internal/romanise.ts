/**
 * Romanisation of folded Arabic and Cyrillic words into plain ASCII Latin, for phonetic keys and skeletons.
 *
 * Arabic: a simplified romanisation on the basis of ALA-LC and UNGEGN (the 1972 UN system): one ASCII rendering per
 * letter, no diacritics, with the digraphs th (ث), kh (خ), dh (ذ), sh (ش) and gh (غ) those systems use; the emphatic
 * letters read as their plain counterparts (ص s, ض d, ط t, ظ z), ʿayn (ع) as `a` and hamza (ء) as nothing, as marks
 * written in Latin script usually do ("Ali", "Saad"). Arabic writes no short vowels, so an `a` is put between two
 * consonants (`سحر` → `sahar`): Double Metaphone ignores vowels after the first letter, and the inserted vowel keeps
 * two letters from reading as a Latin digraph (`س` + `ح` is not "sh"). و and ي read as the consonants w and y at the
 * start of a word or before alef, and as the long vowels u and i elsewhere; a final ه (taa marbuta after folding)
 * reads as `a`. Persian and Urdu letters used in marks (پ p, چ ch, ژ zh, گ g, ڤ v, ک k, ی y) are included.
 *
 * Cyrillic: the Bulgarian official system (Transliteration Act 2009: ж zh, х h, ц ts, ч ch, ш sh, щ sht, ъ a, ь y,
 * ю yu, я ya), with the Russian and Ukrainian letters it lacks rendered as in BGN/PCGN (ы y, э e, ё yo, і i, ї yi,
 * є ye, ґ g).
 *
 * Input is folded text (`Text.fold`): alef and hamza forms are already unified, ة is ه and ى is ي.
 */

const ARABIC_CONSONANTS: Readonly<Record<string, string>> = {
  "\u0628": "b", // ب
  "\u062A": "t", // ت
  "\u062B": "th", // ث
  "\u062C": "j", // ج
  "\u062D": "h", // ح
  "\u062E": "kh", // خ
  "\u062F": "d", // د
  "\u0630": "dh", // ذ
  "\u0631": "r", // ر
  "\u0632": "z", // ز
  "\u0633": "s", // س
  "\u0634": "sh", // ش
  "\u0635": "s", // ص
  "\u0636": "d", // ض
  "\u0637": "t", // ط
  "\u0638": "z", // ظ
  "\u063A": "gh", // غ
  "\u0641": "f", // ف
  "\u0642": "q", // ق
  "\u0643": "k", // ك
  "\u0644": "l", // ل
  "\u0645": "m", // م
  "\u0646": "n", // ن
  "\u0647": "h", // ه
  "\u067E": "p", // پ
  "\u0686": "ch", // چ
  "\u0698": "zh", // ژ
  "\u06AF": "g", // گ
  "\u06A4": "v", // ڤ
  "\u06A9": "k", // ک
};

const ALEF = "\u0627";
const WAW = "\u0648";
const YAA = "\u064A";
const FARSI_YEH = "\u06CC";
const HAA = "\u0647";
const AYN = "\u0639";
const HAMZA = "\u0621";

/** The Arabic definite article, written joined to its word. */
export const ARABIC_ARTICLE = "\u0627\u0644";

/** True for a code unit in the Arabic block (after folding, Arabic letters are all in U+0600–U+06FF). */
export const isArabicCode = (code: number): boolean => code >= 0x0600 && code <= 0x06ff;
export const isCyrillicCode = (code: number): boolean => code >= 0x0400 && code <= 0x052f;

const isVowelOut = (s: string): boolean => s === "a" || s === "i" || s === "u";

/** Romanises one folded Arabic word (letters not in the table are dropped). */
export const romaniseArabicWord = (word: string): string => {
  const letters = Array.from(word);
  const n = letters.length;
  let out = "";
  let previousWasConsonant = false;
  // و and ي before a final taa marbuta are consonants: مروة marwa, هدية hadiya.
  const beforeFinalHaa = (i: number) => i === n - 2 && i > 0 && letters[n - 1] === HAA;
  for (let i = 0; i < n; i++) {
    const ch = letters[i] as string;
    const next = letters[i + 1];
    let piece: string;
    if (ch === ALEF) piece = "a";
    else if (ch === AYN) piece = "a";
    else if (ch === HAMZA) piece = "";
    else if (ch === WAW) piece = i === 0 || next === ALEF || beforeFinalHaa(i) ? "w" : "u";
    else if (ch === YAA || ch === FARSI_YEH) piece = i === 0 || next === ALEF || beforeFinalHaa(i) ? "y" : "i";
    else if (ch === HAA && i === n - 1 && i > 0 && letters[i - 1] !== ALEF) piece = "a";
    else if (ch >= "0" && ch <= "9") piece = ch;
    else piece = ARABIC_CONSONANTS[ch] ?? "";
    if (piece === "") continue;
    const vowel = isVowelOut(piece) || (piece >= "0" && piece <= "9");
    if (!vowel && previousWasConsonant) out += "a";
    // Two vowels in a row (ا then ع, or ع then ا) read as one.
    if (vowel && piece === "a" && out.endsWith("a")) continue;
    out += piece;
    previousWasConsonant = !vowel;
  }
  return out;
};

const CYRILLIC: Readonly<Record<string, string>> = {
  а: "a",
  б: "b",
  в: "v",
  г: "g",
  д: "d",
  е: "e",
  ж: "zh",
  з: "z",
  и: "i",
  й: "y",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ф: "f",
  х: "h",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "sht",
  ъ: "a",
  ь: "y",
  ю: "yu",
  я: "ya",
  ы: "y",
  э: "e",
  ё: "yo",
  і: "i",
  ї: "yi",
  є: "ye",
  ґ: "g",
  ў: "u",
  ј: "j",
  љ: "lj",
  њ: "nj",
  џ: "dzh",
  ђ: "dj",
  ћ: "c",
  ѓ: "g",
  ќ: "k",
  ѕ: "dz",
};

/** Romanises one folded Cyrillic word (letters not in the table are kept out). */
export const romaniseCyrillicWord = (word: string): string => {
  let out = "";
  for (const ch of word) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x80) out += ch;
    else out += CYRILLIC[ch] ?? "";
  }
  return out;
};

/** The script of a folded word, by its first letter. */
export type WordScript = "latin" | "arabic" | "cyrillic" | "other";

export const scriptOfWord = (word: string): WordScript => {
  for (const ch of word) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0x30 && code <= 0x39) continue;
    if (code < 0x250) return "latin";
    if (isArabicCode(code)) return "arabic";
    if (isCyrillicCode(code)) return "cyrillic";
    return "other";
  }
  return "latin";
};

const LATIN_ONLY = /[^a-z0-9]/g;

/** Romanises a folded word of any script into `[a-z0-9]*` (other scripts and symbols give nothing). */
export const romaniseWord = (word: string): string => {
  switch (scriptOfWord(word)) {
    case "arabic":
      return romaniseArabicWord(word);
    case "cyrillic":
      return romaniseCyrillicWord(word);
    case "latin":
      return word.replace(LATIN_ONLY, "");
    default:
      return "";
  }
};

/**
 * The vowels a word is heard with, as classes: `A` (a), `E` (e: heard as a or i), `I` (i, and y as a vowel), `U` (o, u),
 * a run of vowels counting once (`noor` → `U`, `nour` → `U`). For an Arabic word only the long vowels it writes count
 * (ا A, و U, ي I): the short ones are not written, so `نور` → `U`, `نار` → `A`, `محمد` → `` (nothing required).
 */
export const vowelClasses = (word: string): string => {
  const script = scriptOfWord(word);
  if (script === "arabic") {
    const letters = Array.from(word);
    let out = "";
    for (let i = 0; i < letters.length; i++) {
      const ch = letters[i];
      const next = letters[i + 1];
      let c = "";
      const consonant = next === ALEF || (i === letters.length - 2 && letters[i + 1] === HAA);
      if (ch === ALEF) c = i === 0 && next === "\u0644" ? "" : "A";
      else if (ch === WAW && i > 0 && !consonant) c = "U";
      else if ((ch === YAA || ch === FARSI_YEH) && i > 0 && !consonant) c = "I";
      if (c !== "" && !out.endsWith(c)) out += c;
    }
    return out;
  }
  const latin = script === "cyrillic" ? romaniseCyrillicWord(word) : word;
  let out = "";
  let inRun = false;
  for (let i = 0; i < latin.length; i++) {
    const ch = latin[i];
    const next = latin[i + 1];
    let c = "";
    if (ch === "a") c = "A";
    else if (ch === "e") c = "E";
    else if (ch === "i") c = "I";
    else if (ch === "o" || ch === "u") c = "U";
    else if (ch === "y" && i > 0 && !"aeiou".includes(next ?? "x")) c = "I";
    if (c === "") {
      inRun = false;
      continue;
    }
    if (!inRun) out += c;
    inRun = true;
  }
  return out;
};

const vowelsMatch = (a: string, b: string): boolean =>
  a === b || (a === "E" && (b === "A" || b === "I")) || (b === "E" && (a === "A" || a === "I"));

/** True when the vowels of one word are heard, in order, in the other (either way round). */
export const vowelsCompatible = (a: string, b: string): boolean => {
  const sub = (short: string, long: string): boolean => {
    let j = 0;
    for (let i = 0; i < long.length && j < short.length; i++)
      if (vowelsMatch(short[j] as string, long[i] as string)) j++;
    return j === short.length;
  };
  return a.length <= b.length ? sub(a, b) : sub(b, a);
};
