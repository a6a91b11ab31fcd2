/**
 * A machine-readable validation report of a goods-and-services list: one verdict per term, each with the JSON path of
 * the term it judges, a severity and a message. Used by `POST /api/v1/nice/validate` and by the e-filing form.
 *
 * Accepted shapes, per class: `{ classNumber, text: "shirts; hats" }` or the filing shape
 * `{ classNumber, terms: ["shirts", { text: "hats", basicNumber: "250046" }] }`, where any string may itself join
 * several terms with ";".
 */
import { GeneralIndications, Validation, Versions } from "@ipoffice/nice-classification";
import { Result, Schema } from "effect";
import { EditionInUse, type NiceReady } from "./NiceReference.js";

/**
 * Limits of one check (beyond them the whole list is refused with a 413 problem): at most about 0.1 ms of CPU per term
 * (free text with suggestions, the dearest), so a check at the limits costs well under 100 ms (decision 0660). A
 * longer list is checked in parts.
 */
export const LIMITS = { classes: 100, terms: 250, characters: 50_000 } as const;

export type TermEntry = string | { readonly text: string; readonly basicNumber?: string | undefined };

export interface ListEntry {
  readonly classNumber: number;
  readonly text?: string | undefined;
  readonly terms?: ReadonlyArray<TermEntry> | undefined;
}

export const Severity = Schema.Literals(["ok", "warning", "error"]);
export type Severity = typeof Severity.Type;

export const Suggestion = Schema.Struct({
  basicNumber: Schema.NullOr(Schema.String),
  classNumber: Schema.Number,
  text: Schema.String,
  language: Schema.String,
  matchKind: Schema.String,
});
export type Suggestion = typeof Suggestion.Type;

export const VerdictKind = Schema.Literals(["official", "vague", "wrong-class", "free-text", "invalid"]);

/** One verdict of the report. */
export const ReportVerdict = Schema.Struct({
  /** JSON path of the judged text in the request, e.g. `goodsAndServices[1].terms[0]`. */
  path: Schema.String,
  /** Position of the class in the list. */
  classIndex: Schema.Number,
  /** Position of the term in `terms` (`null` for the `text` shape). */
  termIndex: Schema.NullOr(Schema.Number),
  classNumber: Schema.Number,
  /** The term as written (trimmed). */
  text: Schema.String,
  kind: VerdictKind,
  /**
   * `ok` official; `warning` free text (the examiner checks it) or a wording the office queries; `error` wrong class,
   * invalid, or a wording the office refuses.
   */
  severity: Severity,
  message: Schema.String,
  basicNumber: Schema.optional(Schema.NullOr(Schema.String)),
  officialText: Schema.optional(Schema.String),
  /** The official wording matched: one alternative of "advertising / publicity", or the whole official text. */
  wording: Schema.optional(Schema.String),
  language: Schema.optional(Schema.String),
  officialClass: Schema.optional(Schema.Number),
  officialClasses: Schema.optional(Schema.Array(Schema.Number)),
  suggestions: Schema.optional(Schema.Array(Suggestion)),
  reason: Schema.optional(Schema.String),
  /** For `vague`: whether the office refuses the wording or queries it, the rule and where the practice comes from. */
  outcome: Schema.optional(GeneralIndications.Outcome),
  rule: Schema.optional(Schema.String),
  source: Schema.optional(Schema.String),
});
export type ReportVerdict = typeof ReportVerdict.Type;

export const ValidationReport = Schema.Struct({
  /** The Nice list the terms were checked against, and where it came from. */
  edition: EditionInUse,
  /**
   * The Nice version in force on the date of the check (the filing date on the filing page), which a filed class
   * records, e.g. `13-2026`; `null` when the office's history has none for the date.
   */
  editionInForce: Schema.NullOr(Schema.Struct({ id: Schema.String, date: Schema.String })),
  /** True when no verdict is an error (free text is only a warning). */
  valid: Schema.Boolean,
  summary: Schema.Struct({
    terms: Schema.Number,
    official: Schema.Number,
    wrongClass: Schema.Number,
    vague: Schema.Number,
    freeText: Schema.Number,
    invalid: Schema.Number,
  }),
  verdicts: Schema.Array(ReportVerdict),
});
export type ValidationReport = typeof ValidationReport.Type;

export interface ListTooLarge {
  readonly _tag: "ListTooLarge";
  readonly classes: number;
  readonly terms: number;
  readonly characters: number;
  readonly message: string;
}

const textOf = (entry: TermEntry): string => (typeof entry === "string" ? entry : entry.text);

const severityOf = (v: Validation.Verdict): Severity =>
  v.kind === "official"
    ? "ok"
    : v.kind === "free-text" || (v.kind === "vague" && v.outcome === "query")
      ? "warning"
      : "error";

const messageOf = (v: Validation.Verdict): string => {
  switch (v.kind) {
    case "official":
      return `"${v.text}" is an official term${v.basicNumber ? ` (${v.basicNumber})` : ""} of class ${v.classNumber}`;
    case "vague":
      return `"${v.text}": ${v.reason} (${v.outcome === "refuse" ? "the office refuses it as written" : "the examiner will query it"}; ${v.source})`;
    case "wrong-class":
      return `"${v.text}" belongs to class ${v.officialClasses.join(" or ")}, not class ${v.classNumber}`;
    case "free-text":
      return `"${v.text}" is not in the alphabetical list of the edition; the examiner will check it${
        v.suggestions.length > 0
          ? `. Closest official terms: ${v.suggestions.map((s) => `${s.text} (class ${s.classNumber})`).join("; ")}`
          : ""
      }`;
    case "invalid":
      return v.message;
  }
};

/** The fields a verdict adds to the report beside its origin. */
const detailsOf = (v: Validation.Verdict) => {
  switch (v.kind) {
    case "official":
      return { basicNumber: v.basicNumber, officialText: v.officialText, wording: v.wording, language: v.language };
    case "vague":
      return { outcome: v.outcome, rule: v.rule, reason: v.reason, source: v.source };
    case "wrong-class":
      return {
        basicNumber: v.basicNumber,
        officialText: v.officialText,
        language: v.language,
        officialClass: v.officialClass,
        officialClasses: v.officialClasses,
      };
    case "free-text":
      return {
        suggestions: v.suggestions.map((s) => ({
          basicNumber: s.basicNumber,
          classNumber: s.classNumber,
          text: s.text,
          language: s.language,
          matchKind: s.matchKind,
        })),
      };
    case "invalid":
      return { reason: v.reason };
  }
};

/** Checks a goods-and-services list against the office's edition. */
export const checkList = (
  nice: NiceReady,
  list: ReadonlyArray<ListEntry>,
  options: {
    readonly language?: string | undefined;
    readonly suggestions?: number | undefined;
    /** The office's policy on general indications (`nice.generalIndications`; default `defaultPolicy`). */
    readonly generalIndications?: GeneralIndications.Policy | undefined;
    /** The date of the check (the filing date): the report names the Nice version in force on it. */
    readonly date?: string | undefined;
    /** The office's Nice versions (`nice.versions`; default WIPO's history). */
    readonly versions?: Versions.History | undefined;
  } = {},
): Result.Result<ValidationReport, ListTooLarge> => {
  // One validation item per written string, remembering where it came from.
  const items: Array<Validation.Item> = [];
  const origins: Array<{ classIndex: number; termIndex: number | null }> = [];
  let characters = 0;
  let terms = 0;
  list.forEach((entry, classIndex) => {
    const strings: Array<[string, number | null]> =
      entry.terms !== undefined
        ? entry.terms.length === 0
          ? [["", null]]
          : entry.terms.map((t, termIndex) => [textOf(t), termIndex])
        : [[entry.text ?? "", null]];
    for (const [text, termIndex] of strings) {
      characters += text.length;
      terms += Math.max(1, Validation.splitTerms(text).length);
      items.push({ classNumber: entry.classNumber, text });
      origins.push({ classIndex, termIndex });
    }
  });
  if (list.length > LIMITS.classes || terms > LIMITS.terms || characters > LIMITS.characters) {
    return Result.fail({
      _tag: "ListTooLarge",
      classes: list.length,
      terms,
      characters,
      message: `the list has ${list.length} classes, ${terms} terms and ${characters} characters; at most ${LIMITS.classes} classes, ${LIMITS.terms} terms and ${LIMITS.characters} characters are checked at once`,
    });
  }
  const verdicts = Validation.validate(nice.index, items, {
    language: options.language,
    suggestions: options.suggestions,
    maxItems: items.length,
    maxTerms: LIMITS.terms * 2,
    maxCharacters: LIMITS.characters,
    generalIndications: options.generalIndications ?? GeneralIndications.defaultPolicy,
  });
  if (Result.isFailure(verdicts)) {
    return Result.fail({
      _tag: "ListTooLarge",
      classes: list.length,
      terms,
      characters,
      message: verdicts.failure.message,
    });
  }
  const out: Array<ReportVerdict> = verdicts.success.map((v) => {
    const origin = origins[v.itemIndex] ?? { classIndex: v.itemIndex, termIndex: null };
    const path =
      origin.termIndex === null
        ? list[origin.classIndex]?.terms !== undefined
          ? `goodsAndServices[${origin.classIndex}].terms`
          : `goodsAndServices[${origin.classIndex}].text`
        : `goodsAndServices[${origin.classIndex}].terms[${origin.termIndex}]`;
    const base = {
      path,
      classIndex: origin.classIndex,
      termIndex: origin.termIndex,
      classNumber: v.classNumber,
      text: v.text,
      kind: v.kind,
      severity: severityOf(v),
      message: messageOf(v),
    };
    return { ...base, ...detailsOf(v) };
  });
  const count = (kind: ReportVerdict["kind"]) => out.filter((v) => v.kind === kind).length;
  const inForce = options.date === undefined ? undefined : Versions.inForceOn(options.date, options.versions);
  return Result.succeed({
    edition: nice.inUse,
    editionInForce:
      inForce !== undefined && Result.isSuccess(inForce) ? { id: inForce.success.id, date: options.date ?? "" } : null,
    valid: out.every((v) => v.severity !== "error"),
    summary: {
      terms: out.length,
      official: count("official"),
      wrongClass: count("wrong-class"),
      vague: count("vague"),
      freeText: count("free-text"),
      invalid: count("invalid"),
    },
    verdicts: out,
  });
};
