/**
 * Validation of a goods-and-services list against an edition: for each `{ classNumber, text }` (split on ";" the way
 * applicants write lists), say whether each term is an official term of the edition, a wording the office refuses
 * or queries (`vague`: see `GeneralIndications`), an official term filed in the wrong class, or free text (with the
 * closest official terms as suggestions). Input problems are verdicts too; only a
 * list too large to check is a failure of the whole call.
 */
import { Result, Schema } from "effect";
import type { BasicNumber } from "./Edition.js";
import type { Outcome, Policy } from "./GeneralIndications.js";
import { check as checkGeneralIndication } from "./GeneralIndications.js";
import { isClassNumber } from "./Edition.js";
import type { SearchResult, TermIndex } from "./TermIndex.js";
import { exactEntries, matchedWording, search } from "./TermIndex.js";

/** One class of a list as filed: a class number and its terms, usually separated by ";". */
export interface Item {
  readonly classNumber: number;
  readonly text: string;
}

/** What every verdict says about where it comes from. */
interface Origin {
  /** Position of the item in the input list. */
  readonly itemIndex: number;
  /** The class number as filed. */
  readonly classNumber: number;
  /** The term exactly as the applicant wrote it (trimmed). */
  readonly text: string;
}

export type Verdict =
  | (Origin & {
      readonly kind: "official";
      /** `null` for a term known only per class (e.g. Bulgarian), not linked to a basic number. */
      readonly basicNumber: BasicNumber | null;
      readonly officialText: string;
      /**
       * The official wording the text matched: one alternative of a term with several ("publicity" of
       * "advertising / publicity"), or the whole official text when it was given whole or has one wording.
       */
      readonly wording: string;
      readonly language: string;
    })
  | (Origin & {
      readonly kind: "wrong-class";
      readonly basicNumber: BasicNumber | null;
      /** The class the term belongs to. */
      readonly officialClass: number;
      /** Every class where this wording is an official term (usually one). */
      readonly officialClasses: ReadonlyArray<number>;
      readonly officialText: string;
      readonly language: string;
    })
  | (Origin & {
      /**
       * A wording the office refuses or queries (`ValidateOptions.generalIndications`): a class heading's general
       * indication, "all goods in this class", retail services without the goods, a vague word alone.
       */
      readonly kind: "vague";
      readonly outcome: Outcome;
      /** The id of the policy rule that matched. */
      readonly rule: string;
      readonly reason: string;
      readonly source: string;
    })
  | (Origin & {
      readonly kind: "free-text";
      /** Closest official terms, those of the filed class first. */
      readonly suggestions: ReadonlyArray<SearchResult>;
    })
  | (Origin & {
      readonly kind: "invalid";
      readonly reason: "class-out-of-range" | "empty-text" | "text-too-long";
      readonly message: string;
    });

/** The list is larger than the limits given to `validate` (`terms` is -1 when the list was not split). */
export class ListTooLarge extends Schema.TaggedError<ListTooLarge>()("ListTooLarge", {
  items: Schema.Number,
  terms: Schema.Number,
  maxItems: Schema.Number,
  maxTerms: Schema.Number,
  characters: Schema.Number,
  maxCharacters: Schema.Number,
}) {
  override get message(): string {
    const terms = this.terms >= 0 ? `, ${this.terms} terms` : "";
    return `the list has ${this.items} classes${terms} and ${this.characters} characters; at most ${this.maxItems} classes, ${this.maxTerms} terms and ${this.maxCharacters} characters are checked at once`;
  }
}

export interface ValidateOptions {
  /** Only accept terms in this language as official (default: any language of the edition). */
  readonly language?: string | undefined;
  /** Number of suggestions for a free-text term (default 3, at most 20). */
  readonly suggestions?: number | undefined;
  /**
   * The office's policy on general indications and vague wordings (`GeneralIndications.defaultPolicy` is a sensible
   * default). A term that is not an official term of its class and that the policy names gets a `vague` verdict.
   * Default: none checked.
   */
  readonly generalIndications?: Policy | undefined;
  /** Limits (defaults: 200 items, 5,000 terms, 1,000,000 characters). */
  readonly maxItems?: number | undefined;
  readonly maxTerms?: number | undefined;
  readonly maxCharacters?: number | undefined;
}

/** Longest single term checked (longer pieces are `invalid` with reason `text-too-long`). */
export const MAX_TERM_CHARACTERS = 1000;

/** Splits a list written as one string on ";", trimming pieces and dropping empty ones. */
export const splitTerms = (text: string): Array<string> =>
  typeof text !== "string"
    ? []
    : text
        .split(";")
        .map((s) => s.trim())
        .filter((s) => s.length > 0);

/** Validates a goods-and-services list. Each term of each item gets one verdict, in input order. */
export const validate = (
  index: TermIndex,
  items: ReadonlyArray<Item>,
  options: ValidateOptions = {},
): Result.Result<ReadonlyArray<Verdict>, ListTooLarge> => {
  const maxItems = options.maxItems ?? 200;
  const maxTerms = options.maxTerms ?? 5000;
  const maxCharacters = options.maxCharacters ?? 1_000_000;
  const characters = items.reduce((sum, i) => sum + (typeof i.text === "string" ? i.text.length : 0), 0);
  const tooLarge = (terms: number) =>
    Result.fail(new ListTooLarge({ items: items.length, terms, maxItems, maxTerms, characters, maxCharacters }));
  if (items.length > maxItems || characters > maxCharacters) return tooLarge(-1);
  const pieces = items.map((i) => splitTerms(i.text));
  const terms = pieces.reduce((sum, p) => sum + p.length, 0);
  if (terms > maxTerms) return tooLarge(terms);
  const suggestionCount = Math.max(1, Math.min(20, options.suggestions ?? 3));
  const language = options.language;
  const verdicts: Array<Verdict> = [];
  items.forEach((item, itemIndex) => {
    const classNumber = item.classNumber;
    const list = pieces[itemIndex]!;
    if (list.length === 0) {
      verdicts.push({
        itemIndex,
        classNumber,
        text: typeof item.text === "string" ? item.text : "",
        kind: "invalid",
        reason: "empty-text",
        message: `class ${classNumber}: no goods or services are listed`,
      });
      return;
    }
    for (const text of list) {
      const origin = { itemIndex, classNumber, text };
      if (!isClassNumber(classNumber)) {
        verdicts.push({
          ...origin,
          kind: "invalid",
          reason: "class-out-of-range",
          message: `${JSON.stringify(classNumber)} is not a Nice class (1 to 45)`,
        });
        continue;
      }
      if (text.length > MAX_TERM_CHARACTERS) {
        verdicts.push({
          ...origin,
          kind: "invalid",
          reason: "text-too-long",
          message: `a term is ${text.length} characters long; at most ${MAX_TERM_CHARACTERS} are accepted (separate terms with ";")`,
        });
        continue;
      }
      const matches = exactEntries(index, text).filter((e) => language === undefined || e.language === language);
      const inClass = matches.filter((e) => e.classNumber === classNumber);
      const best = inClass.find((e) => e.basicNumber !== null) ?? inClass[0];
      if (best !== undefined) {
        verdicts.push({
          ...origin,
          kind: "official",
          basicNumber: best.basicNumber,
          officialText: best.text,
          wording: matchedWording(best.text, text),
          language: best.language,
        });
        continue;
      }
      const finding =
        options.generalIndications === undefined
          ? undefined
          : checkGeneralIndication(options.generalIndications, classNumber, text);
      if (finding !== undefined) {
        verdicts.push({ ...origin, kind: "vague", ...finding });
        continue;
      }
      const elsewhere = matches.find((e) => e.basicNumber !== null) ?? matches[0];
      if (elsewhere !== undefined) {
        verdicts.push({
          ...origin,
          kind: "wrong-class",
          basicNumber: elsewhere.basicNumber,
          officialClass: elsewhere.classNumber,
          officialClasses: [...new Set(matches.map((m) => m.classNumber))].sort((a, b) => a - b),
          officialText: elsewhere.text,
          language: elsewhere.language,
        });
        continue;
      }
      const sameClass = search(index, text, {
        language,
        classNumbers: [classNumber],
        limit: suggestionCount,
        minMatchedWords: 1,
      });
      const suggestions = [...sameClass];
      if (suggestions.length < suggestionCount) {
        for (const r of search(index, text, {
          language,
          limit: suggestionCount + sameClass.length,
          minMatchedWords: 1,
        })) {
          if (suggestions.length >= suggestionCount) break;
          if (!suggestions.some((s) => s.text === r.text && s.classNumber === r.classNumber)) suggestions.push(r);
        }
      }
      verdicts.push({ ...origin, kind: "free-text", suggestions });
    }
  });
  return Result.succeed(verdicts);
};
