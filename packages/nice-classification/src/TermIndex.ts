/**
 * Search as you type over all terms of an edition, in memory.
 *
 * Terms are folded (`Normalize.fold`), split into words and indexed word → terms. A query matches a term when every query
 * word matches a word of the term, in any order, by one of: the same word (English plural/singular folded), a prefix of
 * a word (a query word of 3+ letters, or the last word being typed), the same Arabic word without its article
 * (`الإعلان` matches `والإعلان`), or one edit (insertion, deletion, substitution or
 * swap of two neighbours) on words of 5+ letters. Results are ranked: exact term, then term prefix, then all words,
 * then fuzzy, then (only to fill the list) terms missing one query word; ties go to the shorter term.
 *
 * `search` is total: any query (empty, 100 KB, emoji, mixed scripts) returns a possibly empty list quickly.
 */
import type { BasicNumber, ClassNumber, Edition } from "./Edition.js";
import { fold, stem as stemOf, words } from "./Normalize.js";
import { getOrInsert } from "./internal/collections.js";

/** How a result matched, best first. */
export type MatchKind = "exact" | "prefix" | "words" | "fuzzy" | "partial";

/** A search hit. `basicNumber` is `null` for terms not linked to a basic number (e.g. the Bulgarian lists). */
export interface SearchResult {
  readonly basicNumber: BasicNumber | null;
  readonly classNumber: ClassNumber;
  readonly text: string;
  readonly language: string;
  readonly matchKind: MatchKind;
  /** Higher is better; only the order of scores within one search is meaningful. */
  readonly score: number;
}

export interface SearchOptions {
  /** Only terms in this language (e.g. `en`, `ar`, `bg`). Default: all languages. */
  readonly language?: string | undefined;
  /** Only terms of these classes. Default: all classes. */
  readonly classNumbers?: ReadonlyArray<number> | undefined;
  /** Maximum number of results, 1..100. Default 10. */
  readonly limit?: number | undefined;
  /**
   * To fill the list when fewer terms match every query word, also return terms matching at least this many query
   * words (`partial` results, most words first). Default: all words but one. Validation uses 1 for suggestions.
   */
  readonly minMatchedWords?: number | undefined;
}

/** One searchable term in one language. */
export interface IndexEntry {
  readonly basicNumber: BasicNumber | null;
  readonly classNumber: ClassNumber;
  readonly language: string;
  readonly text: string;
}

/** An index built by `make`. Treat it as opaque; it holds typed arrays and is not serialisable. */
export interface TermIndex {
  readonly editionId: string;
  readonly entries: ReadonlyArray<IndexEntry>;
  /** Strict comparison key (folded words, no singularisation) → entries, for validation. */
  readonly entriesByKey: ReadonlyMap<string, ReadonlyArray<number>>;
  /** @internal */
  readonly internal: Internal;
}

interface Internal {
  /** Sorted unique folded words. */
  readonly dict: ReadonlyArray<string>;
  readonly dictStem: Int32Array;
  readonly stemIds: ReadonlyMap<string, number>;
  readonly tokensOfStem: ReadonlyArray<ReadonlyArray<number>>;
  readonly postStart: Int32Array;
  readonly postings: Int32Array;
  /**
   * One-letter deletions of words of 5+ letters, as a hash table in compressed rows: the words of bucket `b` are
   * `deletionWords[deletionStart[b] .. deletionStart[b + 1]]` (a collision only costs one extra edit-distance check).
   */
  readonly deletionStart: Int32Array;
  readonly deletionWords: Int32Array;
  readonly wordId: ReadonlyMap<string, number>;
  readonly docEntry: Int32Array;
  readonly docTokStart: Int32Array;
  readonly docTokens: Int32Array;
  readonly docLength: Int32Array;
  readonly entryLanguage: Int32Array;
  readonly languageIds: ReadonlyMap<string, number>;
  readonly entryClass: Uint8Array;
  // scratch space, reused between searches
  readonly seenAt: Int32Array;
  readonly queryAt: Int32Array;
  readonly count: Uint8Array;
  readonly exactCount: Uint8Array;
  readonly fuzzyCount: Uint8Array;
  readonly candidates: Int32Array;
  stamp: number;
}

const MIN_FUZZY_WORD = 5;

/** FNV-1a hash of `w` without its letter at `skip` (skip = -1: the whole word). */
const deletionHash = (w: string, skip: number): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < w.length; i++) {
    if (i === skip) continue;
    h ^= w.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
};

/** Word ids whose one-letter deletions hash like `hash` (plus the odd collision). */
const deletionsOf = (ix: Internal, hash: number, out: (wordId: number) => void): void => {
  const b = hash & (ix.deletionStart.length - 2);
  for (let i = ix.deletionStart[b]!, end = ix.deletionStart[b + 1]!; i < end; i++) out(ix.deletionWords[i]!);
};
const MAX_QUERY_CHARS = 256;
const MAX_QUERY_WORDS = 12;

const splitVariants = (text: string): Array<string> =>
  text.includes(" / ")
    ? text
        .split(" / ")
        .map((s) => s.trim())
        .filter((s) => s.length > 0)
    : [text];

/** Builds the index of every term of an edition, in every language (linked and unlinked terms). */
export const make = (edition: Edition): TermIndex => {
  const entries: Array<IndexEntry> = [];
  for (const t of edition.terms)
    for (const [language, text] of Object.entries(t.texts))
      entries.push({ basicNumber: t.basicNumber, classNumber: t.classNumber, language, text });
  for (const u of edition.unlinkedTerms)
    entries.push({ basicNumber: null, classNumber: u.classNumber, language: u.language, text: u.text });
  return fromEntries(edition.id, entries);
};

/** Builds an index from entries directly (e.g. a subset of an edition). */
export const fromEntries = (editionId: string, entries: ReadonlyArray<IndexEntry>): TermIndex => {
  const languageIds = new Map<string, number>();
  const entryLanguage = new Int32Array(entries.length);
  const entryClass = new Uint8Array(entries.length);
  const docWords: Array<Array<string>> = [];
  const docEntryList: Array<number> = [];
  const docLengths: Array<number> = [];
  const entriesByKey = new Map<string, Array<number>>();
  const vocabulary = new Set<string>();
  const addKey = (k: string, i: number) => {
    const list = entriesByKey.get(k);
    if (list === undefined) entriesByKey.set(k, [i]);
    else if (list[list.length - 1] !== i) list.push(i);
  };
  entries.forEach((e, i) => {
    entryLanguage[i] = getOrInsert(languageIds, e.language, () => languageIds.size);
    entryClass[i] = e.classNumber;
    const variants = splitVariants(e.text);
    // A term with alternative wordings ("advertising / publicity") is official picked whole as well as in either
    // wording: the whole text is a key of its own (validation only; search ranks each wording).
    if (variants.length > 1) {
      const whole = words(fold(e.text));
      if (whole.length > 0) addKey(whole.join(" "), i);
    }
    for (const variant of variants) {
      const ws = words(fold(variant));
      if (ws.length === 0) continue;
      docWords.push(ws);
      docEntryList.push(i);
      docLengths.push(variant.length);
      for (const w of ws) vocabulary.add(w);
      addKey(ws.join(" "), i);
    }
  });
  const dict = [...vocabulary].sort();
  const wordId = new Map<string, number>();
  for (const [i, w] of dict.entries()) wordId.set(w, i);
  const stemIds = new Map<string, number>();
  const tokensOfStem: Array<Array<number>> = [];
  const dictStem = new Int32Array(dict.length);
  dict.forEach((w, i) => {
    const s = stemOf(w);
    const id = getOrInsert(stemIds, s, () => {
      tokensOfStem.push([]);
      return tokensOfStem.length - 1;
    });
    dictStem[i] = id;
    tokensOfStem[id]!.push(i);
  });
  // Documents: word ids in order.
  const nDocs = docWords.length;
  const docTokStart = new Int32Array(nDocs + 1);
  let total = 0;
  for (let d = 0; d < nDocs; d++) {
    docTokStart[d] = total;
    total += docWords[d]!.length;
  }
  docTokStart[nDocs] = total;
  const docTokens = new Int32Array(total);
  const postCount = new Int32Array(dict.length);
  for (let d = 0; d < nDocs; d++) {
    const ws = docWords[d]!;
    for (let j = 0; j < ws.length; j++) {
      const id = wordId.get(ws[j]!)!;
      docTokens[docTokStart[d]! + j] = id;
      postCount[id]!++;
    }
  }
  const postStart = new Int32Array(dict.length + 1);
  for (let i = 0; i < dict.length; i++) postStart[i + 1] = postStart[i]! + postCount[i]!;
  const postings = new Int32Array(postStart[dict.length]!);
  const fill = postStart.slice(0, dict.length);
  for (let d = 0; d < nDocs; d++) {
    for (let p = docTokStart[d]!; p < docTokStart[d + 1]!; p++) {
      const id = docTokens[p]!;
      // A word repeated in one document is posted once.
      if (fill[id]! > postStart[id]! && postings[fill[id]! - 1] === d) continue;
      postings[fill[id]!++] = d;
    }
  }
  // Unused slots (repeated words) are marked -1 and skipped.
  for (let i = 0; i < dict.length; i++) for (let p = fill[i]!; p < postStart[i + 1]!; p++) postings[p] = -1;
  let nDeletions = 0;
  for (const w of dict) if (w.length >= MIN_FUZZY_WORD) nDeletions += w.length;
  let buckets = 1;
  while (buckets < nDeletions) buckets *= 2;
  const mask = buckets - 1;
  const deletionStart = new Int32Array(buckets + 1);
  for (const w of dict)
    if (w.length >= MIN_FUZZY_WORD)
      for (let k = 0; k < w.length; k++) deletionStart[(deletionHash(w, k) & mask) + 1]!++;
  for (let i = 0; i < buckets; i++) deletionStart[i + 1]! += deletionStart[i]!;
  const deletionWords = new Int32Array(nDeletions);
  const deletionFill = deletionStart.slice(0, buckets);
  dict.forEach((w, id) => {
    if (w.length < MIN_FUZZY_WORD) return;
    for (let k = 0; k < w.length; k++) deletionWords[deletionFill[deletionHash(w, k) & mask]!++] = id;
  });
  return {
    editionId,
    entries,
    entriesByKey,
    internal: {
      dict,
      dictStem,
      stemIds,
      tokensOfStem,
      postStart,
      postings,
      deletionStart,
      deletionWords,
      wordId,
      docEntry: Int32Array.from(docEntryList),
      docTokStart,
      docTokens,
      docLength: Int32Array.from(docLengths),
      entryLanguage,
      languageIds,
      entryClass,
      seenAt: new Int32Array(nDocs),
      queryAt: new Int32Array(nDocs),
      count: new Uint8Array(nDocs),
      exactCount: new Uint8Array(nDocs),
      fuzzyCount: new Uint8Array(nDocs),
      candidates: new Int32Array(nDocs),
      stamp: 0,
    },
  };
};

/** Optimal-string-alignment distance ≤ 1 (one insertion, deletion, substitution or swap of neighbours). */
const withinOneEdit = (a: string, b: string): boolean => {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === la && i === lb) return true;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
};

/** First index in the sorted dictionary whose word is ≥ `w`. */
const lowerBound = (dict: ReadonlyArray<string>, w: string): number => {
  let lo = 0;
  let hi = dict.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dict[mid]! < w) lo = mid + 1;
    else hi = mid;
  }
  return lo;
};

const KIND_WEIGHT: Readonly<Record<MatchKind, number>> = { exact: 5, prefix: 4, words: 3, fuzzy: 2, partial: 1 };
const KIND_BY_WEIGHT: ReadonlyArray<MatchKind> = ["partial", "partial", "fuzzy", "words", "prefix", "exact"];

/**
 * Searches the index. Never throws: a query with no words (empty, emoji, punctuation) returns `[]`; a very long query
 * is cut to its first 256 characters and 12 words.
 */
export const search = (index: TermIndex, query: string, options: SearchOptions = {}): Array<SearchResult> => {
  if (typeof query !== "string" || query.length === 0) return [];
  const ix = index.internal;
  const qWords = words(fold(query.length > MAX_QUERY_CHARS ? query.slice(0, MAX_QUERY_CHARS) : query)).slice(
    0,
    MAX_QUERY_WORDS,
  );
  const n = qWords.length;
  if (n === 0) return [];
  const limitRaw = options.limit ?? 10;
  const limit = Number.isFinite(limitRaw) ? Math.max(1, Math.min(100, Math.floor(limitRaw))) : 10;
  let languageFilter = -1;
  if (options.language !== undefined) {
    const id = ix.languageIds.get(options.language);
    if (id === undefined) return [];
    languageFilter = id;
  }
  let classFilter: Uint8Array | null = null;
  if (options.classNumbers !== undefined) {
    classFilter = new Uint8Array(46);
    for (const c of options.classNumbers) if (Number.isInteger(c) && c >= 1 && c <= 45) classFilter[c] = 1;
  }

  if (ix.stamp > 0x3fff0000) {
    ix.seenAt.fill(0);
    ix.queryAt.fill(0);
    ix.stamp = 0;
  }
  const queryStamp = ++ix.stamp;
  let nCandidates = 0;
  const { postings, postStart, seenAt, queryAt, count, exactCount, fuzzyCount, candidates, docEntry } = ix;
  const qStem = new Int32Array(n);

  const visit = (wordIdx: number, tokenStamp: number, quality: 0 | 1 | 2) => {
    for (let p = postStart[wordIdx]!, end = postStart[wordIdx + 1]!; p < end; p++) {
      const d = postings[p]!;
      if (d < 0 || seenAt[d] === tokenStamp) continue;
      seenAt[d] = tokenStamp;
      if (queryAt[d] !== queryStamp) {
        const e = docEntry[d]!;
        if (languageFilter >= 0 && ix.entryLanguage[e] !== languageFilter) {
          queryAt[d] = queryStamp;
          count[d] = 255; // filtered out
          continue;
        }
        if (classFilter !== null && classFilter[ix.entryClass[e]!] !== 1) {
          queryAt[d] = queryStamp;
          count[d] = 255;
          continue;
        }
        queryAt[d] = queryStamp;
        count[d] = 0;
        exactCount[d] = 0;
        fuzzyCount[d] = 0;
        candidates[nCandidates++] = d;
      } else if (count[d] === 255) continue;
      count[d]!++;
      if (quality === 2) exactCount[d]!++;
      else if (quality === 0) fuzzyCount[d]!++;
    }
  };

  for (let i = 0; i < n; i++) {
    const q = qWords[i]!;
    const tokenStamp = ++ix.stamp;
    const stem = stemOf(q);
    const stemId = ix.stemIds.get(stem);
    qStem[i] = stemId ?? -1;
    const exactWords = stemId === undefined ? [] : ix.tokensOfStem[stemId]!;
    for (const w of exactWords) visit(w, tokenStamp, 2);
    const isLast = i === n - 1;
    if (isLast || q.length >= 3) {
      const dict = ix.dict;
      for (let w = lowerBound(dict, q); w < dict.length && dict[w]!.startsWith(q); w++) {
        if (ix.dictStem[w] !== stemId) visit(w, tokenStamp, 1);
      }
    }
    if (q.length >= MIN_FUZZY_WORD - 1) {
      const seen = new Set<number>(exactWords);
      const consider = (w: number) => {
        if (seen.has(w)) return;
        seen.add(w);
        if (ix.dictStem[w] !== stemId && withinOneEdit(q, ix.dict[w]!)) visit(w, tokenStamp, 0);
      };
      // q may miss a letter of a word ...
      deletionsOf(ix, deletionHash(q, -1), consider);
      if (q.length >= MIN_FUZZY_WORD && q.length <= 40 && !ix.wordId.has(q)) {
        // ... or have one letter too many, or one letter wrong or swapped.
        for (let k = 0; k < q.length; k++) {
          const id = ix.wordId.get(q.slice(0, k) + q.slice(k + 1));
          if (id !== undefined && ix.dict[id]!.length >= MIN_FUZZY_WORD) consider(id);
          deletionsOf(ix, deletionHash(q, k), consider);
        }
      }
    }
  }

  // Rank candidates: keep the best `limit` entries (one result per entry, the best of its wordings).
  const queryKey = qStem;
  const lastWord = qWords[n - 1]!;
  const top: Array<{ entry: number; score: number; kind: MatchKind }> = [];
  const consider = (d: number, kindWeight: number) => {
    const start = ix.docTokStart[d]!;
    const len = ix.docTokStart[d + 1]! - start;
    let weight = kindWeight;
    if (kindWeight === KIND_WEIGHT.words) {
      // exact term or term prefix: the query words in order at the start of the term
      if (len >= n) {
        let inOrder = true;
        for (let j = 0; j < n - 1 && inOrder; j++) inOrder = ix.dictStem[ix.docTokens[start + j]!] === queryKey[j];
        if (inOrder) {
          const lastDocWord = ix.docTokens[start + n - 1]!;
          if (len === n && ix.dictStem[lastDocWord] === queryKey[n - 1]) weight = KIND_WEIGHT.exact;
          else if (ix.dictStem[lastDocWord] === queryKey[n - 1] || ix.dict[lastDocWord]!.startsWith(lastWord))
            weight = KIND_WEIGHT.prefix;
        }
      }
    }
    const extra = Math.max(0, len - n);
    const score =
      weight * 1e9 +
      count[d]! * 1e7 +
      exactCount[d]! * 1e5 -
      Math.min(extra, 99) * 1e3 -
      Math.min(ix.docLength[d]!, 999);
    if (top.length === limit && score <= top[top.length - 1]!.score) return;
    const entry = docEntry[d]!;
    const existing = top.findIndex((t) => t.entry === entry);
    if (existing >= 0) {
      if (top[existing]!.score >= score) return;
      top.splice(existing, 1);
    }
    let at = top.length;
    while (at > 0 && top[at - 1]!.score < score) at--;
    top.splice(at, 0, { entry, score, kind: KIND_BY_WEIGHT[weight]! });
    if (top.length > limit) top.pop();
  };
  for (let c = 0; c < nCandidates; c++) {
    const d = candidates[c]!;
    if (count[d] !== n) continue;
    consider(d, fuzzyCount[d]! > 0 ? KIND_WEIGHT.fuzzy : KIND_WEIGHT.words);
  }
  const minWordsRaw = options.minMatchedWords ?? n - 1;
  const minWords = Number.isFinite(minWordsRaw) ? Math.max(1, Math.floor(minWordsRaw)) : n - 1;
  if (top.length < limit && n >= 2 && minWords < n) {
    for (let c = 0; c < nCandidates; c++) {
      const d = candidates[c]!;
      const matched = count[d]!;
      if (matched < n && matched >= minWords) consider(d, KIND_WEIGHT.partial);
    }
  }
  return top.map((t) => {
    const e = index.entries[t.entry]!;
    return {
      basicNumber: e.basicNumber,
      classNumber: e.classNumber,
      text: e.text,
      language: e.language,
      matchKind: t.kind,
      score: t.score,
    };
  });
};

/**
 * The wordings of a term's text: its alternatives when it has several (`"advertising / publicity"` gives
 * `["advertising", "publicity"]`), else the text alone.
 */
export const wordings = (text: string): ReadonlyArray<string> => splitVariants(text);

/**
 * Which wording of an official text `text` is (`"publicity"` of `"advertising / publicity"`), or the whole official
 * text when it was given whole; compared like `exactEntries` (case, diacritics and punctuation ignored).
 */
export const matchedWording = (officialText: string, text: string): string => {
  const k = words(fold(text)).join(" ");
  return splitVariants(officialText).find((w) => words(fold(w)).join(" ") === k) ?? officialText;
};

/** The entries whose text (whole, or one of its " / " wordings) folds to the same words as `text`, ignoring case,
 * diacritics and punctuation (not plurals). Used by validation. */
export const exactEntries = (index: TermIndex, text: string): ReadonlyArray<IndexEntry> => {
  const k = words(fold(text.length > 4 * MAX_QUERY_CHARS ? text.slice(0, 4 * MAX_QUERY_CHARS) : text)).join(" ");
  return (index.entriesByKey.get(k) ?? []).map((i) => index.entries[i]!);
};
