/**
 * A Nice edition as data: its 45 classes and its alphabetical list, terms keyed by 6-digit basic number with a text per
 * language, plus terms known only per class (e.g. the Bulgarian lists) that are searchable but not linked to a number.
 *
 * Pure: the functions take values and do no IO, so they run in the browser as well as in Node.
 */
import { Result, Schema } from "effect";
import { getOrInsert } from "./internal/collections.js";

/** A 6-digit Nice basic number such as `250103`; the same in every language of an edition. */
export const BasicNumber = Schema.String.pipe(Schema.check(Schema.isPattern(/^\d{6}$/)), Schema.brand("BasicNumber"));
export type BasicNumber = typeof BasicNumber.Type;

/** A Nice class number, 1 to 45 (1–34 goods, 35–45 services). */
export const ClassNumber = Schema.Int.pipe(
  Schema.check(Schema.isBetween({ minimum: 1, maximum: 45 })),
  Schema.brand("NiceClassNumber"),
);
export type ClassNumber = typeof ClassNumber.Type;

/** A language code such as `en`, `fr`, `ar`, `bg` (ISO 639-1, lower case, optionally a region: `pt-BR`). */
export const Language = Schema.String.pipe(Schema.check(Schema.isPattern(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/)));
export type Language = typeof Language.Type;

/** `goods` for classes 1–34, `services` for 35–45. */
export const ClassKind = Schema.Literals(["goods", "services"]);
export type ClassKind = typeof ClassKind.Type;

/** Texts keyed by language code. */
export const Texts = Schema.Record(Schema.String, Schema.String);
export type Texts = typeof Texts.Type;

/** One class of an edition. Headings and notes are per language; includes/excludes are in `notesLanguage` (English). */
export const NiceClass = Schema.Struct({
  number: ClassNumber,
  kind: ClassKind,
  headings: Texts,
  notes: Texts,
  includes: Schema.Array(Schema.String),
  excludes: Schema.Array(Schema.String),
});
export type NiceClass = typeof NiceClass.Type;

/** A term of the alphabetical list: its basic number, class and text per language (variants joined by " / "). */
export const Term = Schema.Struct({
  basicNumber: BasicNumber,
  classNumber: ClassNumber,
  texts: Texts,
});
export type Term = typeof Term.Type;

/** A term known only by its class and text (no basic number), e.g. from the Bulgarian per-class lists. */
export const UnlinkedTerm = Schema.Struct({
  classNumber: ClassNumber,
  language: Language,
  text: Schema.String,
});
export type UnlinkedTerm = typeof UnlinkedTerm.Type;

/**
 * Where the data of an edition reaches the code from (decision 0007): `shipped` with this package (the CC0 10-2015
 * list), read from the `reference-data` folder when present (lists under other licences), or `imported` by the office.
 */
export const Tier = Schema.Literals(["shipped", "reference-data", "imported"]);
export type Tier = typeof Tier.Type;

/** One source of an edition: what it gives, which file, where the file comes from and under which licence. */
export const Provenance = Schema.Struct({
  /** What this source gives the edition, e.g. `class headings and alphabetical list (en)`. */
  content: Schema.String,
  /** The file, e.g. `nice/ncl12-en-alphabetical-list.csv` (relative to the reference-data folder) or an import's name. */
  file: Schema.String,
  /** Where the file comes from: a repository at a commit, or the office that imported it. */
  origin: Schema.String,
  /** The licence of the file, as an SPDX identifier such as `CC0-1.0` or `GPL-3.0`; `unknown` when none is stated. */
  licence: Schema.String,
  tier: Tier,
});
export type Provenance = typeof Provenance.Type;

/** The serialisable content of an edition. */
export const EditionData = Schema.Struct({
  /** Identifier such as `12`, `10-2015`, `13-2026`. */
  id: Schema.String,
  /** Human description, saying what the sources are. */
  label: Schema.String,
  /** The source files the edition was built from. */
  sources: Schema.Array(Schema.String),
  /** Where each source comes from and its licence (absent in data written before it was recorded). */
  provenance: Schema.optional(Schema.Array(Provenance)),
  classes: Schema.Array(NiceClass),
  terms: Schema.Array(Term),
  unlinkedTerms: Schema.Array(UnlinkedTerm),
});
export type EditionData = typeof EditionData.Type;

/** An edition with its lookup tables. Build it with `make`. */
export interface Edition extends Omit<EditionData, "provenance"> {
  readonly provenance: ReadonlyArray<Provenance>;
  readonly termsByNumber: ReadonlyMap<string, Term>;
  readonly termsByClass: ReadonlyMap<number, ReadonlyArray<Term>>;
  readonly unlinkedByClass: ReadonlyMap<number, ReadonlyArray<UnlinkedTerm>>;
  readonly classByNumber: ReadonlyMap<number, NiceClass>;
  readonly languageList: ReadonlyArray<string>;
}

/** The kind of a class number: 1–34 goods, 35–45 services. */
export const kindOf = (classNumber: number): ClassKind => (classNumber >= 35 ? "services" : "goods");

/** True when `n` is an integer from 1 to 45. */
export const isClassNumber = (n: unknown): n is ClassNumber =>
  typeof n === "number" && Number.isInteger(n) && n >= 1 && n <= 45;

/** True when `s` is a 6-digit string. */
export const isBasicNumber = (s: unknown): s is BasicNumber => typeof s === "string" && /^\d{6}$/.test(s);

/** Classes 1..45 with no heading, for editions whose sources give terms only. */
export const bareClasses = (): Array<NiceClass> =>
  Array.from({ length: 45 }, (_, i) => ({
    number: (i + 1) as ClassNumber,
    kind: kindOf(i + 1),
    headings: {},
    notes: {},
    includes: [],
    excludes: [],
  }));

/**
 * Builds an edition from its data. Missing classes are added without heading, so every edition has 45 classes.
 * Data is assumed decoded (use `decode` for unknown input).
 */
export const make = (data: EditionData): Edition => {
  const classByNumber = new Map<number, NiceClass>();
  for (const c of bareClasses()) classByNumber.set(c.number, c);
  for (const c of data.classes) classByNumber.set(c.number, c);
  const classes = [...classByNumber.values()].sort((a, b) => a.number - b.number);
  const termsByNumber = new Map<string, Term>();
  const termsByClass = new Map<number, Array<Term>>();
  const languages = new Set<string>();
  for (const t of data.terms) {
    termsByNumber.set(t.basicNumber, t);
    getOrInsert(termsByClass, t.classNumber, () => []).push(t);
    for (const lang of Object.keys(t.texts)) languages.add(lang);
  }
  const unlinkedByClass = new Map<number, Array<UnlinkedTerm>>();
  for (const u of data.unlinkedTerms) {
    getOrInsert(unlinkedByClass, u.classNumber, () => []).push(u);
    languages.add(u.language);
  }
  for (const c of classes) for (const lang of Object.keys(c.headings)) languages.add(lang);
  return {
    ...data,
    provenance: data.provenance ?? [],
    classes,
    termsByNumber,
    termsByClass,
    unlinkedByClass,
    classByNumber,
    languageList: [...languages].sort(),
  };
};

/** Decodes unknown data (e.g. parsed JSON) into an edition, or returns the schema error. */
export const decode = (input: unknown): Result.Result<Edition, Schema.SchemaError> =>
  Result.map(Schema.decodeUnknownResult(EditionData)(input), make);

/** The serialisable data of an edition (no lookup maps), e.g. to send it to a browser as JSON; `decode` reads it back. */
export const toData = (edition: Edition): EditionData => ({
  id: edition.id,
  label: edition.label,
  sources: edition.sources,
  provenance: edition.provenance,
  classes: edition.classes,
  terms: edition.terms,
  unlinkedTerms: edition.unlinkedTerms,
});

/** The licences of an edition's sources, each once, in the order of the sources. */
export const licences = (edition: Edition): ReadonlyArray<string> => [
  ...new Set(edition.provenance.map((p) => p.licence)),
];

/** Where the edition's data reaches the code from: the tier of its first source (its terms), `null` when unrecorded. */
export const tier = (edition: Edition): Tier | null => edition.provenance[0]?.tier ?? null;

/** True when at least one class has a heading in some language. */
export const hasHeadings = (edition: Edition): boolean =>
  edition.classes.some((c) => Object.keys(c.headings).length > 0);

const editionNumber = /^(\d{1,2})(?:-(\d{4}))?$/;

/**
 * Orders edition identifiers from oldest to newest: by edition number, then by the year of its version (`12` with no
 * year comes before `12-2024`). Identifiers of another shape come first, in text order. For `sort`.
 */
export const compareIds = (a: string, b: string): number => {
  const x = editionNumber.exec(a);
  const y = editionNumber.exec(b);
  if (x === null || y === null) return x === y ? a.localeCompare(b) : x === null ? -1 : 1;
  return Number(x[1]) - Number(y[1]) || Number(x[2] ?? 0) - Number(y[2] ?? 0);
};

/** The languages an edition has terms or headings in, sorted. */
export const languages = (edition: Edition): ReadonlyArray<string> => edition.languageList;

/** A class heading in a language, saying which language it is really in. */
export interface ClassView {
  readonly number: ClassNumber;
  readonly kind: ClassKind;
  /** The heading, or `null` when the edition's sources give no heading for this class. */
  readonly heading: string | null;
  /** The language of `heading` (the requested one, or `en` when falling back); `null` with no heading. */
  readonly headingLanguage: string | null;
  /** True when the heading is not in the requested language (English, or the first language available, instead). */
  readonly fallback: boolean;
  readonly note: string | null;
  readonly includes: ReadonlyArray<string>;
  readonly excludes: ReadonlyArray<string>;
}

const pickText = (texts: Texts, language: string): { text: string; language: string } | null => {
  const direct = texts[language];
  if (direct !== undefined) return { text: direct, language };
  const en = texts["en"];
  if (en !== undefined) return { text: en, language: "en" };
  const first = Object.keys(texts).sort()[0];
  return first === undefined ? null : { text: texts[first] ?? "", language: first };
};

const viewOf = (c: NiceClass, language: string): ClassView => {
  const heading = pickText(c.headings, language);
  const note = pickText(c.notes, language);
  return {
    number: c.number,
    kind: c.kind,
    heading: heading?.text ?? null,
    headingLanguage: heading?.language ?? null,
    fallback: heading !== null && heading.language !== language,
    note: note?.text ?? null,
    includes: c.includes,
    excludes: c.excludes,
  };
};

/** The 45 classes with headings in `language`, falling back to English (and saying so in `fallback`). */
export const classes = (edition: Edition, language = "en"): ReadonlyArray<ClassView> =>
  edition.classes.map((c) => viewOf(c, language));

/** One class with its heading in `language` (falling back to English), or `undefined` when not 1..45. */
export const classOf = (edition: Edition, classNumber: number, language = "en"): ClassView | undefined => {
  const c = edition.classByNumber.get(classNumber);
  return c === undefined ? undefined : viewOf(c, language);
};

/** A term by basic number, or `undefined`. */
export const term = (edition: Edition, basicNumber: string): Term | undefined => edition.termsByNumber.get(basicNumber);

/** The text of a term in a language, or `undefined` when it has none in that language. */
export const termText = (edition: Edition, basicNumber: string, language: string): string | undefined =>
  edition.termsByNumber.get(basicNumber)?.texts[language];

/** A term as shown in one language. `basicNumber` is `null` for terms not linked to a basic number. */
export interface TermView {
  readonly basicNumber: BasicNumber | null;
  readonly classNumber: ClassNumber;
  readonly text: string;
  readonly language: string;
}

/**
 * All terms of a class in a language, sorted alphabetically: linked terms that have a text in that language, then
 * (for languages known only per class) the unlinked terms.
 */
export const termsOfClass = (edition: Edition, classNumber: number, language = "en"): ReadonlyArray<TermView> => {
  const out: Array<TermView> = [];
  for (const t of edition.termsByClass.get(classNumber) ?? []) {
    const text = t.texts[language];
    if (text !== undefined) out.push({ basicNumber: t.basicNumber, classNumber: t.classNumber, text, language });
  }
  for (const u of edition.unlinkedByClass.get(classNumber) ?? []) {
    if (u.language === language)
      out.push({ basicNumber: null, classNumber: u.classNumber, text: u.text, language: u.language });
  }
  const collator = collatorFor(language);
  return out.sort((a, b) => collator.compare(a.text, b.text));
};

const collatorFor = (language: string): Intl.Collator => {
  try {
    return new Intl.Collator(language);
  } catch {
    return new Intl.Collator("en"); // not a valid language tag
  }
};

/** The number of linked terms of an edition. */
export const size = (edition: Edition): number => edition.terms.length;

/**
 * Adds texts in a language to the linked terms of an edition (e.g. from an office's CSV of WIPO's French file).
 * Rows whose basic number the edition does not have are returned in `unknown`, never silently dropped.
 */
export const addLanguage = (
  edition: Edition,
  rows: ReadonlyArray<{ readonly basicNumber: string; readonly text: string; readonly language: string }>,
): { readonly edition: Edition; readonly unknown: ReadonlyArray<{ basicNumber: string; language: string }> } => {
  const additions = new Map<string, Record<string, string>>();
  const unknown: Array<{ basicNumber: string; language: string }> = [];
  for (const r of rows) {
    if (!edition.termsByNumber.has(r.basicNumber)) {
      unknown.push({ basicNumber: r.basicNumber, language: r.language });
      continue;
    }
    const texts = getOrInsert(additions, r.basicNumber, (): Record<string, string> => ({}));
    const previous = texts[r.language];
    texts[r.language] = previous === undefined ? r.text : `${previous} / ${r.text}`;
  }
  const terms = edition.terms.map((t) => {
    const add = additions.get(t.basicNumber);
    return add === undefined ? t : { ...t, texts: { ...t.texts, ...add } };
  });
  return { edition: make({ ...edition, terms }), unknown };
};

/** Adds unlinked terms (class + text, no basic number) in a language. */
export const addUnlinked = (edition: Edition, terms: ReadonlyArray<UnlinkedTerm>): Edition =>
  make({ ...edition, unlinkedTerms: [...edition.unlinkedTerms, ...terms] });
