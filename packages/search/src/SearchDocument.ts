/**
 * The shape of one right as the search engine sees it: what an office maps each of its records to before indexing.
 *
 * It carries only what a search criterion, a result row or a statistic needs: numbers in every form an office quotes
 * them, the mark's texts in any script, the parties in order, the classifications (Nice with a status per class, goods
 * and services terms, Vienna, IPC, Locarno), both statuses (the office's own and the standard one), the dates and the
 * designated states. Madrid designations are trademarks that carry their international registration number.
 */
import { Calendar, GoodsAndServices, IpRight } from "@ipoffice/domain";
import { Schema } from "effect";

const Text = (max: number) =>
  Schema.String.check(
    Schema.isMinLength(1, { message: "must not be empty" }),
    Schema.isMaxLength(max, { message: `at most ${max} characters` }),
  );

const List = <S extends Schema.Top>(item: S, max: number) =>
  Schema.Array(item).check(Schema.isMaxLength(max, { message: `at most ${max} entries` }));

/** The four kinds of right, as `@ipoffice/domain` names them. */
export const Kind = IpRight.IpKind;
export type Kind = typeof Kind.Type;

/** A Nice class of the right with its own status (a mark may be registered in class 25 and refused in 35). */
export const ClassEntry = Schema.Struct({
  class: GoodsAndServices.ClassNumber,
  status: GoodsAndServices.Status,
});
export type ClassEntry = typeof ClassEntry.Type;

/** The numbers of a right in the forms an office quotes them; every one is searchable. */
export const Numbers = Schema.Struct({
  application: Schema.optional(Text(100)),
  registration: Schema.optional(Text(100)),
  /** WIPO ST.13 application number. */
  st13: Schema.optional(Text(100)),
  /** International registration number (Madrid), e.g. "1234567". */
  internationalRegistration: Schema.optional(Text(100)),
  /** PCT application or WO publication number, e.g. "PCT/EP2020/051234", "WO2021123456". */
  pct: Schema.optional(Text(100)),
  /** Priority application numbers. */
  priority: Schema.optional(List(Text(100), 50)),
});
export type Numbers = typeof Numbers.Type;

/** Dates of the right (ISO calendar dates). */
export const Dates = Schema.Struct({
  filing: Schema.optional(Calendar.IsoDate),
  /** Earliest priority date claimed. */
  priority: Schema.optional(Calendar.IsoDate),
  publication: Schema.optional(Calendar.IsoDate),
  registration: Schema.optional(Calendar.IsoDate),
  expiry: Schema.optional(Calendar.IsoDate),
});
export type Dates = typeof Dates.Type;

/** One right as the engine indexes it. `officeCode` and `recordId` together identify it. */
export const SearchDocument = Schema.Struct({
  officeCode: Text(20),
  recordId: Text(200),
  kind: Kind,
  numbers: Numbers,
  /** The title shown in a result row (the mark's word element, the invention's or the design's title). */
  title: Schema.optional(Text(2_000)),
  /** The mark's texts in any script (word element, transliteration, translation); empty for patents and designs. */
  markTexts: List(Text(500), 20),
  /** Owners or applicants, first one first. */
  owners: List(Text(500), 50),
  representatives: List(Text(500), 50),
  /** Inventors (patents, utility models) or designers (designs). */
  inventors: List(Text(500), 100),
  classes: List(ClassEntry, 45),
  /** Goods and services terms, in any language. */
  terms: List(Text(2_000), 5_000),
  /** Vienna classification codes of figurative elements, e.g. "26.04.01". */
  vienna: List(Text(20), 200),
  /** IPC symbols, e.g. "A61K 31/00". */
  ipc: List(Text(40), 200),
  /** Locarno classes or subclasses, e.g. "06-01". */
  locarno: List(Text(20), 100),
  /** The office's own status: its workflow state code (e.g. `registered`, `under_examination`). */
  officeStatus: Schema.optional(Text(100)),
  /** The standard status (ST.27 key event for patents, ST.96 mark status category for marks…). */
  standardStatus: Schema.optional(Text(100)),
  dates: Dates,
  /** Designated states (Madrid designations, regional rights), ST.3 codes. */
  designatedStates: List(Text(2), 300),
});
export type SearchDocument = typeof SearchDocument.Type;

/** Decodes an unknown value into a document, with every failing field. */
export const decode = Schema.decodeUnknownResult(SearchDocument, { errors: "all" });
