/**
 * Showing a list of official terms in another language through their basic numbers. Terms that have no text in the
 * target language are listed in `missing`, never silently dropped.
 */
import type { BasicNumber, ClassNumber, Edition } from "./Edition.js";
import type { TermIndex } from "./TermIndex.js";
import type { Item } from "./Validation.js";
import { validate } from "./Validation.js";

/** A term shown in the target language. */
export interface Translated {
  readonly basicNumber: BasicNumber;
  readonly classNumber: ClassNumber;
  readonly text: string;
  readonly language: string;
}

/** A term that could not be shown in the target language, and why. */
export interface Missing {
  /** The basic number asked for, or `null` for a text that is not linked to one. */
  readonly basicNumber: string | null;
  readonly classNumber: number | null;
  /** The text we have (the term's English text, or the applicant's wording). */
  readonly text: string | null;
  readonly reason: "no-translation" | "unknown-basic-number" | "not-an-official-term" | "not-linked" | "invalid";
}

export interface Translation {
  readonly language: string;
  readonly translated: ReadonlyArray<Translated>;
  readonly missing: ReadonlyArray<Missing>;
}

/** Shows terms, given by basic number, in `language`. Order follows the input; duplicates are kept once. */
export const translate = (edition: Edition, basicNumbers: ReadonlyArray<string>, language: string): Translation => {
  const translated: Array<Translated> = [];
  const missing: Array<Missing> = [];
  const seen = new Set<string>();
  for (const number of basicNumbers) {
    if (seen.has(number)) continue;
    seen.add(number);
    const term = edition.termsByNumber.get(number);
    if (term === undefined) {
      missing.push({ basicNumber: number, classNumber: null, text: null, reason: "unknown-basic-number" });
      continue;
    }
    const text = term.texts[language];
    if (text === undefined) {
      const known = term.texts["en"] ?? Object.values(term.texts)[0] ?? null;
      missing.push({ basicNumber: number, classNumber: term.classNumber, text: known, reason: "no-translation" });
    } else translated.push({ basicNumber: term.basicNumber, classNumber: term.classNumber, text, language });
  }
  return { language, translated, missing };
};

/**
 * Shows a goods-and-services list written in words (`{ classNumber, text }`, terms separated by ";") in `language`:
 * each term is first recognised as an official term (in any class, see `Validation.validate`), then shown through its
 * basic number. Free text, unlinked terms and invalid input are listed in `missing`.
 */
export const translateList = (
  edition: Edition,
  index: TermIndex,
  items: ReadonlyArray<Item>,
  language: string,
): Translation => {
  const verdicts = validate(index, items, { suggestions: 1 });
  if (verdicts._tag === "Failure")
    return {
      language,
      translated: [],
      missing: items.map((i) => ({ basicNumber: null, classNumber: i.classNumber, text: i.text, reason: "invalid" })),
    };
  const numbers: Array<string> = [];
  const missing: Array<Missing> = [];
  for (const v of verdicts.success) {
    if ((v.kind === "official" || v.kind === "wrong-class") && v.basicNumber !== null) numbers.push(v.basicNumber);
    else
      missing.push({
        basicNumber: null,
        classNumber: v.classNumber,
        text: v.text,
        reason: v.kind === "free-text" ? "not-an-official-term" : v.kind === "invalid" ? "invalid" : "not-linked",
      });
  }
  const result = translate(edition, numbers, language);
  return { language, translated: result.translated, missing: [...result.missing, ...missing] };
};
