/**
 * How alike a mark is to a query, with the reasons: `compare(query, mark)` gives a score from 0 to 1 and the evidence
 * behind it (identical, joined or split words, same skeleton across scripts, spelling variant, shared sound, shared
 * look, shared, added and dropped words), strongest first, so an examiner sees why a mark was found.
 *
 * The trigram measure is the one of PostgreSQL's pg_trgm (`similarity`), so the engine's SQL and this module agree:
 * see `trigrams` and `trigramSimilarity`.
 */
import { distance as levenshtein } from "fastest-levenshtein";
import { Schema } from "effect";
import { romaniseWord, scriptOfWord, vowelClasses, vowelsCompatible } from "./internal/romanise.js";
import * as Keys from "./Keys.js";

// ---------------------------------------------------------------------------------------------------------------
// Trigrams as pg_trgm makes them

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * The trigram set of a text exactly as pg_trgm's `show_trgm` makes it (PostgreSQL documentation, F.35 pg_trgm): the
 * text is lower-cased and cut into words at every character that is not a letter or a digit; each word is padded with
 * two spaces before and one after, and every run of three characters of the padded word is a trigram; the set keeps
 * each trigram once (`"cat"` → `"  c"`, `" ca"`, `"cat"`, `"at "`). Characters are code points, as in a UTF-8 database
 * whose `LC_CTYPE` classifies non-ASCII letters as letters (in the C locale pg_trgm drops them: see DOMAIN notes).
 * pg_trgm keeps a trigram with a non-ASCII character as a 4-byte hash of it; collisions are negligible.
 */
export const trigrams = (text: string): Set<string> => {
  const out = new Set<string>();
  if (typeof text !== "string" || text.length === 0) return out;
  for (const word of text.toLowerCase().match(WORD) ?? []) {
    const padded = Array.from(`  ${word} `);
    for (let i = 0; i + 3 <= padded.length; i++) out.add(`${padded[i]}${padded[i + 1]}${padded[i + 2]}`);
  }
  return out;
};

/**
 * pg_trgm's `similarity(a, b)`: shared trigrams divided by the trigrams of either (the Jaccard index of the two sets),
 * 0 when either text has no trigram. The engine calls `similarity(column, $1)` on the `Keys.fold` or `Keys.latin`
 * columns with the query's key of the same kind; this function gives the same figure in memory.
 */
export const trigramSimilarity = (a: string, b: string): number => setSimilarity(trigrams(a), trigrams(b));

const setSimilarity = (a: ReadonlySet<string>, b: ReadonlySet<string>): number => {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const t of small) if (large.has(t)) shared++;
  return shared / (a.size + b.size - shared);
};

// ---------------------------------------------------------------------------------------------------------------
// Evidence

const strength = Schema.Number;
const Words = Schema.Array(Schema.String);
const Pair = Schema.Struct({ query: Schema.String, mark: Schema.String });

/** The folded texts are the same. */
export const Identical = Schema.TaggedStruct("Identical", { strength, text: Schema.String });
/** The mark writes as one word what the query writes as several (`SAHAR AL WADI` → `SAHARALWADI`). */
export const Joined = Schema.TaggedStruct("Joined", { strength, query: Schema.String, mark: Schema.String });
/** The mark writes as several words what the query writes as one. */
export const Split = Schema.TaggedStruct("Split", { strength, query: Schema.String, mark: Schema.String });
/** Query and mark are in different scripts and their transliteration skeletons are equal, or one letter apart. */
export const CrossScript = Schema.TaggedStruct("CrossScript", {
  strength,
  scripts: Schema.Tuple([Schema.String, Schema.String]),
  skeletons: Pair,
  equal: Schema.Boolean,
  distance: Schema.Number,
});
/** Same script, different spelling, same skeleton (`NOOR` / `NUR`). */
export const SpellingVariant = Schema.TaggedStruct("SpellingVariant", { strength, skeleton: Schema.String });
/** Words share a Double Metaphone key (`NIKKO` / `NIKO`: `NK`). */
export const SoundsLike = Schema.TaggedStruct("SoundsLike", {
  strength,
  keys: Words,
  words: Schema.Array(Pair),
});
/** The texts look alike: pg_trgm similarity of their Latin renderings and edit distance of their compact forms. */
export const LooksLike = Schema.TaggedStruct("LooksLike", {
  strength,
  trigram: Schema.Number,
  distance: Schema.Number,
});
/** Read aloud, digits and letters standing for words give the same mark (`4U` → `for you`), as pseudo marks do. */
export const ReadsAs = Schema.TaggedStruct("ReadsAs", { strength, query: Schema.String, mark: Schema.String });
/** Every word of the query is a word of the mark. */
export const ContainsWord = Schema.TaggedStruct("ContainsWord", { strength, words: Words });
/** Some words are the same in query and mark. */
export const SharesWord = Schema.TaggedStruct("SharesWord", { strength, words: Words });
/** Words of the mark with nothing like them in the query. */
export const AddedWords = Schema.TaggedStruct("AddedWords", { strength, words: Words });
/** Words of the query with nothing like them in the mark. */
export const DroppedWords = Schema.TaggedStruct("DroppedWords", { strength, words: Words });

/** Why a mark was found: one reason, with its strength (0..1). */
export const Evidence = Schema.Union([
  Identical,
  Joined,
  Split,
  CrossScript,
  SpellingVariant,
  SoundsLike,
  LooksLike,
  ReadsAs,
  ContainsWord,
  SharesWord,
  AddedWords,
  DroppedWords,
]);
export type Evidence = typeof Evidence.Type;

/** A score from 0 (nothing alike) to 1 (identical) with the evidence, strongest first. */
export const Comparison = Schema.Struct({ score: Schema.Number, evidence: Schema.Array(Evidence) });
export type Comparison = typeof Comparison.Type;

/** The score from which a mark counts as similar when a list is cut (the engine's default). */
export const defaultThreshold = 0.5;

// ---------------------------------------------------------------------------------------------------------------
// Prepared texts

interface PreparedWord {
  readonly word: string;
  readonly stem: string;
  readonly latin: string;
  readonly skeleton: string;
  readonly phonetic: ReadonlyArray<string>;
  readonly vowels: string;
  readonly loose: string;
  readonly script: Keys.Script;
}

/**
 * A coarser skeleton for what transliterations of one name still disagree on: kh and h (`خالد` KHALID, Bulgarian
 * `Халид` HALID), w and v/f (`وادي` WADI, `Вади` VADI).
 */
const looseSkeleton = (skeleton: string): string => skeleton.replace(/x/g, "h").replace(/w/g, "f");

/** A text with its keys computed once, to compare against many. */
export interface Prepared {
  readonly text: string;
  readonly keys: Keys.DocumentKeys;
  readonly words: ReadonlyArray<PreparedWord>;
  readonly scripts: ReadonlyArray<Keys.Script>;
  readonly latinCompact: string;
  readonly skeletonCompact: string;
  /** The skeleton of the whole Latin rendering, articles kept (`الأقصر` al-aqsar → `lksr`, as LUXOR). */
  readonly skeletonWithArticle: string;
  readonly latinTrigrams: ReadonlySet<string>;
  /** The compact Latin form with letters that look alike merged (`0`/`o`, `1`/`l`/`i`, `5`/`s`, `rn`/`m`, `vv`/`w`). */
  readonly visual: string;
  /** The text read aloud when it has digits or letters standing for words (`4u` → `for you`), else undefined. */
  readonly reading: string | undefined;
}

const VISUAL: ReadonlyArray<readonly [RegExp, string]> = [
  [/rn/g, "m"],
  [/vv/g, "w"],
  [/[1l|!]/g, "i"],
  [/0/g, "o"],
  [/5/g, "s"],
  [/8/g, "b"],
  [/3/g, "e"],
];

/** Letters that look alike, merged: how a mark reads at a glance. */
export const visualKey = (compactLatin: string): string => {
  let out = compactLatin;
  for (const [re, to] of VISUAL) out = out.replace(re, to);
  return out;
};

/**
 * English readings of digits and single letters standing for words, as trademark offices write pseudo marks
 * (USPTO, TMEP 104: "4U" is searched as "for you"). Only words that hold a digit, or are one of these letters alone.
 */
const READINGS: Readonly<Record<string, string>> = {
  "0": "o",
  "1": "one",
  "2": "to",
  "3": "three",
  "4": "for",
  "5": "five",
  "6": "six",
  "7": "seven",
  "8": "ate",
  "9": "nine",
  u: "you",
  r: "are",
  b: "be",
  c: "see",
  n: "and",
  y: "why",
};

const readAloud = (words: ReadonlyArray<string>): string | undefined => {
  let changed = false;
  const out: Array<string> = [];
  for (const word of words) {
    if (/^[a-z0-9]{1,6}$/.test(word) && (/[0-9]/.test(word) || (word.length === 1 && READINGS[word] !== undefined))) {
      for (const piece of word.match(/[0-9]|[a-z]+/g) ?? []) {
        const reading = piece.length === 1 ? READINGS[piece] : undefined;
        out.push(reading ?? piece);
        if (reading !== undefined) changed = true;
      }
    } else out.push(word);
  }
  return changed ? out.join(" ") : undefined;
};

const scriptsOf = (words: ReadonlyArray<string>): Array<Keys.Script> => {
  const out: Array<Keys.Script> = [];
  for (const word of words) {
    if (/^[0-9]+$/.test(word)) continue;
    const s = scriptOfWord(word);
    if (!out.includes(s)) out.push(s);
  }
  return out;
};

/** Longest text compared (the rest is ignored): marks are short; this keeps a hostile query cheap. */
export const maxLength = 2_000;

/** Computes the keys of a text once (for ranking many marks against one query). */
export const prepare = (text: string): Prepared => {
  const source = typeof text === "string" ? text.slice(0, maxLength) : "";
  const keys = Keys.forDocument(source);
  const words: Array<PreparedWord> = [];
  for (const { word, stem } of Keys.contentWords(keys.words)) {
    const latin = romaniseWord(stem);
    const skeleton = Keys.skeletonOfWord(word);
    words.push({
      word,
      stem,
      latin,
      skeleton,
      phonetic: Keys.phoneticOfWord(word),
      vowels: vowelClasses(stem),
      loose: looseSkeleton(skeleton),
      script: scriptOfWord(word),
    });
  }
  const latinCompact = keys.latin.replaceAll(" ", "");
  return {
    text: source,
    keys,
    words,
    scripts: scriptsOf(keys.words),
    latinCompact,
    skeletonCompact: keys.skeleton.replaceAll(" ", ""),
    skeletonWithArticle: Keys.skeletonOfLatinWord(latinCompact),
    latinTrigrams: trigrams(words.map((w) => w.latin).join(" ")),
    visual: visualKey(keys.compact),
    reading: readAloud(keys.words),
  };
};

const editSimilarity = (a: string, b: string): { similarity: number; distance: number } => {
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return { similarity: 0, distance: 0 };
  const distance = levenshtein(a, b);
  return { similarity: 1 - distance / longest, distance };
};

interface WordMatch {
  readonly score: number;
  readonly how: "same" | "skeleton" | "sound" | "look" | "none";
  readonly keys: ReadonlyArray<string>;
}

const matchWords = (a: PreparedWord, b: PreparedWord): WordMatch => {
  if (a.word === b.word || a.stem === b.stem) return { score: 1, how: "same", keys: [] };
  let best: WordMatch = { score: 0, how: "none", keys: [] };
  if (a.skeleton !== "" && a.skeleton === b.skeleton) {
    // A one-letter skeleton says little (ALI, علي, LI, LEE all give `l`).
    best = { score: a.skeleton.length >= 2 ? 0.9 : 0.7, how: "skeleton", keys: [] };
  } else if (a.loose.length >= 2 && a.loose === b.loose) {
    best = { score: 0.8, how: "skeleton", keys: [] };
  }
  const shared = a.phonetic.filter((k) => b.phonetic.includes(k));
  if (shared.length > 0) {
    // Primary keys alike are strong; a match through an alternate key (JADE's Spanish reading `AT`) is weaker.
    const primaries = a.phonetic[0] !== undefined && a.phonetic[0] === b.phonetic[0];
    const long = shared[0] !== undefined && shared[0].length >= 2;
    const score = primaries && long ? 0.8 : long ? 0.7 : 0.6;
    if (score > best.score) best = { score, how: "sound", keys: shared };
    else if (best.how === "skeleton") best = { ...best, keys: shared };
  }
  // Skeletons and Double Metaphone ignore vowels: NOOR and نار (nar) share both. Vowels heard differently weaken them.
  if (best.score > 0 && !vowelsCompatible(a.vowels, b.vowels)) best = { ...best, score: best.score * 0.7 };
  if (a.latin !== "" && b.latin !== "") {
    const { similarity, distance } = editSimilarity(a.latin, b.latin);
    const allowed = Math.max(1, Math.floor(Math.max(a.latin.length, b.latin.length) / 4));
    if (distance <= allowed) {
      // Across scripts the romanised forms are compared, which says less than letters seen side by side.
      const score = (a.script === b.script ? 0.85 : 0.7) * similarity;
      if (score > best.score) best = { score, how: "look", keys: [] };
    }
  }
  return best;
};

const round = (n: number): number => Math.round(n * 1000) / 1000;

/** Compares two prepared texts (see `compare`). */
export const comparePrepared = (query: Prepared, mark: Prepared): Comparison => compareAt(query, mark, 0);

const compareAt = (query: Prepared, mark: Prepared, depth: number): Comparison => {
  const evidence: Array<Evidence> = [];
  const q = query.keys;
  const m = mark.keys;
  if (q.compact === "" || m.compact === "") return { score: 0, evidence };
  if (q.fold === m.fold) {
    return { score: 1, evidence: [{ _tag: "Identical" as const, strength: 1, text: q.fold }] };
  }
  const qScript = query.scripts[0] ?? "latin";
  const mScript = mark.scripts[0] ?? "latin";
  const crossScript = qScript !== mScript;

  // Joined or split words, in the same script or across scripts (`سحر الوادي` / `SAHARALWADI`).
  const qLatinWords = q.latin === "" ? 0 : q.latin.split(" ").length;
  const mLatinWords = m.latin === "" ? 0 : m.latin.split(" ").length;
  const sameCompact = q.compact === m.compact;
  if (sameCompact || (query.latinCompact !== "" && query.latinCompact === mark.latinCompact)) {
    const s = sameCompact ? 0.95 : 0.92;
    const [qn, mn] = sameCompact ? [q.words.length, m.words.length] : [qLatinWords, mLatinWords];
    if (qn > mn) evidence.push({ _tag: "Joined" as const, strength: s, query: q.fold, mark: m.fold });
    else if (qn < mn) evidence.push({ _tag: "Split" as const, strength: s, query: q.fold, mark: m.fold });
  }

  // Skeletons.
  if (query.skeletonCompact !== "" && mark.skeletonCompact !== "") {
    const equal =
      q.skeleton === m.skeleton ||
      query.skeletonCompact === mark.skeletonCompact ||
      (crossScript && query.skeletonWithArticle.length >= 3 && query.skeletonWithArticle === mark.skeletonWithArticle);
    const distance = equal ? 0 : levenshtein(query.skeletonCompact, mark.skeletonCompact);
    const length = Math.min(query.skeletonCompact.length, mark.skeletonCompact.length);
    const vowelsAgree =
      query.words.length === mark.words.length &&
      query.words.every((w, i) => vowelsCompatible(w.vowels, mark.words[i]?.vowels ?? ""));
    const weak = length < 2 || !vowelsAgree;
    if (crossScript && (equal || (distance === 1 && length >= 4 && vowelsAgree))) {
      evidence.push({
        _tag: "CrossScript" as const,
        strength: equal ? (weak ? 0.7 : 0.9) : 0.72,
        scripts: [qScript, mScript],
        skeletons: { query: q.skeleton, mark: m.skeleton },
        equal,
        distance,
      });
    } else if (!crossScript && equal) {
      evidence.push({ _tag: "SpellingVariant" as const, strength: weak ? 0.65 : 0.88, skeleton: q.skeleton });
    }
  }

  // Letters that look alike (N00R / NOOR, KARlM / KARIM).
  if (query.visual !== "" && query.visual === mark.visual && q.compact !== m.compact)
    evidence.push({
      _tag: "LooksLike" as const,
      strength: 0.88,
      trigram: round(setSimilarity(query.latinTrigrams, mark.latinTrigrams)),
      distance: levenshtein(q.compact, m.compact),
    });

  // Read aloud (4U / FOR YOU): compare the readings, once (a reading has no digits left to read).
  if ((query.reading !== undefined || mark.reading !== undefined) && depth === 0) {
    const qr = query.reading === undefined ? query : prepare(query.reading);
    const mr = mark.reading === undefined ? mark : prepare(mark.reading);
    const inner = compareAt(qr, mr, 1);
    if (inner.score >= defaultThreshold)
      evidence.push({
        _tag: "ReadsAs" as const,
        strength: round(inner.score * 0.95),
        query: qr.keys.fold,
        mark: mr.keys.fold,
      });
  }

  // Word by word.
  const qWords = query.words;
  const mWords = mark.words;
  if (qWords.length > 0 && mWords.length > 0) {
    // Each pair of words compared once.
    const markBest = new Array<number>(mWords.length).fill(0);
    const bestForQuery = qWords.map((qw) => {
      let best: WordMatch = { score: 0, how: "none", keys: [] };
      let with_: PreparedWord | undefined;
      mWords.forEach((mw, j) => {
        const match = matchWords(qw, mw);
        if (match.score > best.score) {
          best = match;
          with_ = mw;
        }
        if (match.score > (markBest[j] as number)) markBest[j] = match.score;
      });
      return { word: qw, best, with: with_ };
    });
    const bestForMark = mWords.map((mw, j) => ({ word: mw, best: markBest[j] as number }));
    const qCov = bestForQuery.reduce((s, x) => s + x.best.score, 0) / qWords.length;
    const mCov = bestForMark.reduce((s, x) => s + x.best, 0) / mWords.length;
    // The query's words count more: a mark that holds them all (NOOR → NOOR CAFE) is nearer than one that holds a
    // part of the query (KOCA KOLA → KOALA).
    const wordScore = 0.6 * qCov + 0.4 * mCov;

    const same = bestForQuery.filter((x) => x.best.how === "same").map((x) => x.word.word);
    const sounds = bestForQuery.filter((x) => x.best.keys.length > 0 && x.best.how !== "same");
    if (sounds.length > 0) {
      const keys = [...new Set(sounds.flatMap((x) => x.best.keys))];
      evidence.push({
        _tag: "SoundsLike" as const,
        strength: round(Math.min(0.97, wordScore)),
        keys,
        words: sounds.map((x) => ({ query: x.word.word, mark: x.with?.word ?? "" })),
      });
    }
    // Below identical: the words are the same, their order, articles or additions are not (OCEAN BLUE, AL NOOR).
    if (same.length === qWords.length)
      evidence.push({ _tag: "ContainsWord" as const, strength: round(Math.min(0.97, wordScore)), words: same });
    else if (same.length > 0)
      evidence.push({ _tag: "SharesWord" as const, strength: round(wordScore * 0.9), words: same });
    const added = bestForMark.filter((x) => x.best < 0.5).map((x) => x.word.word);
    const dropped = bestForQuery.filter((x) => x.best.score < 0.5).map((x) => x.word.word);
    if (added.length > 0 && added.length < mWords.length)
      evidence.push({ _tag: "AddedWords" as const, strength: round(wordScore * 0.5), words: added });
    if (dropped.length > 0 && dropped.length < qWords.length)
      evidence.push({ _tag: "DroppedWords" as const, strength: round(wordScore * 0.5), words: dropped });
    if (
      sounds.length === 0 &&
      same.length === 0 &&
      wordScore >= 0.3 &&
      !evidence.some((e) => e._tag === "SpellingVariant" || e._tag === "CrossScript")
    )
      evidence.push({
        _tag: "LooksLike" as const,
        strength: round(wordScore),
        trigram: round(setSimilarity(query.latinTrigrams, mark.latinTrigrams)),
        distance: levenshtein(query.latinCompact, mark.latinCompact),
      });
  }

  // The whole text's look.
  const trigram = setSimilarity(query.latinTrigrams, mark.latinTrigrams);
  const edit = editSimilarity(query.latinCompact, mark.latinCompact);
  const look = (crossScript ? 0.75 : 0.9) * Math.max(trigram, edit.similarity * edit.similarity);
  if (look >= 0.3 && !evidence.some((e) => e._tag === "LooksLike"))
    evidence.push({
      _tag: "LooksLike" as const,
      strength: round(look),
      trigram: round(trigram),
      distance: edit.distance,
    });

  evidence.sort((a, b) => b.strength - a.strength);
  const top = evidence.find((e) => e._tag !== "AddedWords" && e._tag !== "DroppedWords");
  const score = top === undefined ? 0 : Math.min(1, Math.max(0, top.strength));
  return { score: round(score), evidence };
};

/**
 * How alike `markText` is to `query`, from 0 to 1, with the evidence strongest first. Total: any two strings give a
 * result (texts longer than `maxLength` are compared on their first `maxLength` characters).
 */
export const compare = (query: string, markText: string): Comparison =>
  comparePrepared(prepare(query), prepare(markText));

/** Ranks marks against a query, best first (ties keep the input order); marks scoring under `threshold` are left out. */
export const rank = <A>(
  query: string,
  marks: ReadonlyArray<A>,
  textOf: (mark: A) => string,
  threshold = defaultThreshold,
): Array<{ readonly mark: A; readonly comparison: Comparison }> => {
  const prepared = prepare(query);
  const out: Array<{ mark: A; comparison: Comparison; index: number }> = [];
  marks.forEach((mark, index) => {
    const comparison = comparePrepared(prepared, prepare(textOf(mark)));
    if (comparison.score >= threshold) out.push({ mark, comparison, index });
  });
  out.sort((a, b) => b.comparison.score - a.comparison.score || a.index - b.index);
  return out.map(({ mark, comparison }) => ({ mark, comparison }));
};
