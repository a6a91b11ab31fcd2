/**
 * Wordings that offices refuse or query in a goods-and-services list: class headings whose general indications are
 * not clear and precise ("machines", "repair"), words too vague alone ("accessories", "equipment"), "all goods in
 * this class", and retail services that do not say which goods they concern. Which wordings, and whether the office
 * refuses or only queries them, is office configuration (`Policy`); `defaultPolicy` is a sensible default with its
 * sources:
 *
 * - Common Communication on the Common Practice on the General Indications of the Nice Class Headings (EU trade mark
 *   offices and EUIPO, 20 February 2014, following CJEU C-307/10 "IP Translator"): of the class headings of NCL 10,
 *   eleven general indications are not acceptable without further specification (class 6 goods of common metal not
 *   included in other classes; 7 machines; 14 goods in precious metals or coated therewith; 16, 17, 18 goods made
 *   from / of these materials; 20 goods (not included in other classes) of wood, cork …; 37 repair; 37 installation
 *   services; 40 treatment of materials; 45 personal and social services rendered by others to meet the needs of
 *   individuals).
 * - CJEU C-307/10 "IP Translator" (19 June 2012): the goods and services must be identified with sufficient clarity
 *   and precision; "all goods (services) in this class" says neither.
 * - CJEU C-418/02 "Praktiker" (7 July 2005): retail services are registrable, but the applicant must specify the
 *   goods or types of goods the retail services relate to.
 * - Vague words used alone ("accessories", "equipment", "parts", "goods"…): the examples of the EUIPO Trade Mark
 *   Guidelines, Part B Examination, Section 3 Classification (to be checked against the edition in force); queried,
 *   not refused, by default.
 *
 * Matching folds case, diacritics and punctuation like the rest of the package and compares whole words.
 */
import { Schema } from "effect";
import { fold, words } from "./Normalize.js";

/** What the office does with such a wording: `refuse` it unless specified, or `query` it (the examiner asks). */
export const Outcome = Schema.Literals(["refuse", "query"]);
export type Outcome = typeof Outcome.Type;

const Wording = Schema.String.pipe(Schema.check(Schema.isNonEmpty(), Schema.isMaxLength(500)));
const ClassList = Schema.Array(Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1, maximum: 45 }))));

const common = {
  /** A short identifier for reports (`heading-7-machines`, `retail-unspecified`). */
  id: Schema.String.pipe(Schema.check(Schema.isPattern(/^[a-z0-9][a-z0-9-]{0,63}$/))),
  /** Only in these classes (default: every class). */
  classNumbers: Schema.optional(ClassList),
  outcome: Outcome,
  /** Why, in words the applicant can act on. */
  reason: Schema.String.pipe(Schema.check(Schema.isNonEmpty())),
  /** The practice, judgment or guideline the rule comes from. */
  source: Schema.String.pipe(Schema.check(Schema.isNonEmpty())),
};

/** The whole term is one of `wordings` (e.g. `machines`). */
export const ExactRule = Schema.Struct({
  kind: Schema.Literal("exact"),
  ...common,
  wordings: Schema.NonEmptyArray(Wording),
});
/** The term contains one of `phrases` as consecutive words (e.g. `all goods`). */
export const PhraseRule = Schema.Struct({
  kind: Schema.Literal("phrase"),
  ...common,
  phrases: Schema.NonEmptyArray(Wording),
});
/**
 * The term has one of `words` (e.g. `retail`) and none of `specifiers` (`of`, `featuring`, `relating`…), i.e. it
 * names the service without the goods it concerns.
 */
export const UnspecifiedRule = Schema.Struct({
  kind: Schema.Literal("unspecified"),
  ...common,
  words: Schema.NonEmptyArray(Wording),
  specifiers: Schema.NonEmptyArray(Wording),
});

export const Rule = Schema.Union([ExactRule, PhraseRule, UnspecifiedRule]);
export type Rule = typeof Rule.Type;

/** An office's policy: the rules, checked in order (the first that matches a term decides). */
export const Policy = Schema.Struct({ rules: Schema.Array(Rule) });
export type Policy = typeof Policy.Type;

/** What a rule says of a term. */
export interface Finding {
  readonly rule: string;
  readonly outcome: Outcome;
  readonly reason: string;
  readonly source: string;
}

const COMMON_COMMUNICATION =
  "Common Communication on the Common Practice on the General Indications of the Nice Class Headings (EU trade mark offices and EUIPO, 20 February 2014)";

const heading = (id: string, classNumber: number, wordings: [string, ...Array<string>]): Rule => ({
  kind: "exact",
  id,
  classNumbers: [classNumber],
  wordings,
  outcome: "refuse",
  reason: `a general indication of the class ${classNumber} heading that does not say which goods or services are meant: list them`,
  source: COMMON_COMMUNICATION,
});

/** The default policy (see the module comment for the sources). */
export const defaultPolicy: Policy = {
  rules: [
    {
      kind: "phrase",
      id: "whole-class",
      phrases: [
        "all goods",
        "all the goods",
        "all services",
        "all the services",
        "all products",
        "all goods and services",
      ],
      outcome: "refuse",
      reason: "a whole class is not a list of goods or services: name the goods or services",
      source: "CJEU C-307/10 IP Translator (19 June 2012): goods and services identified with clarity and precision",
    },
    heading("heading-6-common-metal", 6, [
      "goods of common metal not included in other classes",
      "goods of common metal",
    ]),
    heading("heading-7-machines", 7, ["machines", "machines and machine tools"]),
    heading("heading-14-precious-metals", 14, [
      "goods in precious metals or coated therewith",
      "goods in precious metals",
      "goods in precious metals or coated therewith not included in other classes",
    ]),
    heading("heading-16-paper", 16, [
      "goods made from these materials",
      "goods made from paper and cardboard",
      "goods made from these materials not included in other classes",
    ]),
    heading("heading-17-rubber", 17, [
      "goods made from these materials",
      "goods made from rubber",
      "goods made from these materials not included in other classes",
    ]),
    heading("heading-18-leather", 18, [
      "goods made of these materials",
      "goods made of leather and imitations of leather",
      "goods made of these materials not included in other classes",
    ]),
    heading("heading-20-wood-plastics", 20, [
      "goods not included in other classes of wood cork reed cane wicker horn bone ivory whalebone shell amber mother of pearl meerschaum and substitutes for all these materials or of plastics",
      "goods of wood cork reed cane wicker horn bone ivory whalebone shell amber mother of pearl meerschaum and substitutes for all these materials or of plastics",
    ]),
    heading("heading-37-repair", 37, ["repair", "repair services", "repairs"]),
    heading("heading-37-installation", 37, ["installation services", "installation"]),
    heading("heading-40-treatment", 40, ["treatment of materials"]),
    heading("heading-45-personal-social", 45, [
      "personal and social services rendered by others to meet the needs of individuals",
    ]),
    {
      kind: "unspecified",
      id: "retail-unspecified",
      classNumbers: [35],
      words: ["retail", "retailing", "wholesale", "wholesaling"],
      specifiers: [
        "of",
        "for",
        "in",
        "featuring",
        "relating",
        "related",
        "connected",
        "concerning",
        "regarding",
        "namely",
        "selling",
        "with",
      ],
      outcome: "refuse",
      reason: "retail or wholesale services must say which goods or kinds of goods they concern",
      source: "CJEU C-418/02 Praktiker (7 July 2005)",
    },
    {
      kind: "exact",
      id: "vague-alone",
      wordings: [
        "accessories",
        "equipment",
        "apparatus",
        "articles",
        "goods",
        "products",
        "parts",
        "parts and fittings",
        "fittings",
        "systems",
        "installations",
        "facilities",
        "services",
        "materials",
      ],
      outcome: "query",
      reason: "too vague alone: say what kind (e.g. parts of bicycles, heating installations)",
      source:
        "EUIPO Trade Mark Guidelines, Part B Examination, Section 3 Classification, vague terms (to be checked against the edition in force)",
    },
  ],
};

interface Compiled {
  readonly rule: Rule;
  readonly classes: ReadonlySet<number> | undefined;
  readonly keys: ReadonlyArray<ReadonlyArray<string>>;
  readonly specifiers: ReadonlySet<string>;
}

const keyOf = (text: string): Array<string> => words(fold(text));

const compiled = new WeakMap<Policy, ReadonlyArray<Compiled>>();
const compile = (policy: Policy): ReadonlyArray<Compiled> => {
  const hit = compiled.get(policy);
  if (hit !== undefined) return hit;
  const out = policy.rules.map((rule): Compiled => {
    const classes = rule.classNumbers === undefined ? undefined : new Set(rule.classNumbers);
    const texts = rule.kind === "exact" ? rule.wordings : rule.kind === "phrase" ? rule.phrases : rule.words;
    const specifiers = rule.kind === "unspecified" ? rule.specifiers.flatMap(keyOf) : [];
    return { rule, classes, keys: texts.map(keyOf), specifiers: new Set(specifiers) };
  });
  compiled.set(policy, out);
  return out;
};

const same = (a: ReadonlyArray<string>, b: ReadonlyArray<string>): boolean =>
  a.length === b.length && a.every((w, i) => w === b[i]);

const containsRun = (haystack: ReadonlyArray<string>, needle: ReadonlyArray<string>): boolean => {
  if (needle.length === 0 || needle.length > haystack.length) return false;
  for (let i = 0; i + needle.length <= haystack.length; i++)
    if (needle.every((w, j) => haystack[i + j] === w)) return true;
  return false;
};

/** Longest term checked; longer text is not matched (validation refuses it as too long anyway). */
const MAX_CHARACTERS = 2000;

/**
 * The first rule of the policy that a term of a class falls under, or `undefined` when none does. Total: any input
 * gives a finding or `undefined`.
 */
export const check = (policy: Policy, classNumber: number, text: string): Finding | undefined => {
  if (typeof text !== "string" || text.length === 0 || text.length > MAX_CHARACTERS) return undefined;
  const ws = keyOf(text);
  if (ws.length === 0) return undefined;
  for (const c of compile(policy)) {
    if (c.classes !== undefined && !c.classes.has(classNumber)) continue;
    let matches = false;
    switch (c.rule.kind) {
      case "exact":
        matches = c.keys.some((k) => same(ws, k));
        break;
      case "phrase":
        matches = c.keys.some((k) => containsRun(ws, k));
        break;
      case "unspecified":
        matches = c.keys.some((k) => containsRun(ws, k)) && !ws.some((w) => c.specifiers.has(w));
        break;
    }
    if (matches) return { rule: c.rule.id, outcome: c.rule.outcome, reason: c.rule.reason, source: c.rule.source };
  }
  return undefined;
};
