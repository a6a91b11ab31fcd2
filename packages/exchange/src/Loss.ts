/**
 * The loss report of an import: per record, every element of the file the model does not keep (or keeps in another
 * form), and every field the record got from the import options because the file did not say. Loss is visible, never
 * silent: a round trip of a record through this package loses exactly what its report lists.
 */
import { Schema } from "effect";

/** What happened to one element (or attribute) of the file. */
export const EntryKind = Schema.Literals(["unmapped", "unreadable", "normalised", "outside", "dropped"]);
export type EntryKind = typeof EntryKind.Type;

/**
 * One element of the file the record does not keep as it was:
 * - `unmapped`: no mapping uses the element (or attribute, `…/@name`);
 * - `unreadable`: a mapped element whose value does not fit the model (`detail` says why);
 * - `normalised`: kept, but written back differently (`text` before, `detail` after);
 * - `outside`: text outside any record (a transaction header, for instance);
 * - `dropped`: an optional part of the record left out because it was incomplete for the model (`detail` says why).
 */
export const Entry = Schema.Struct({
  kind: EntryKind,
  /** Element path from the record element (or the document root for `outside`), `[n]` numbering repeated ones. */
  path: Schema.String,
  line: Schema.Number,
  text: Schema.optional(Schema.String),
  detail: Schema.optional(Schema.String),
});
export type Entry = typeof Entry.Type;

/** A field the file did not give, filled from the import options or a documented default. */
export const Supplied = Schema.Struct({ field: Schema.String, value: Schema.Json, why: Schema.String });
export type Supplied = typeof Supplied.Type;

/** The report of one record. */
export const Report = Schema.Struct({
  /** The record's position in the file (0-based) and its first line. */
  index: Schema.Number,
  line: Schema.Number,
  entries: Schema.Array(Entry),
  supplied: Schema.Array(Supplied),
});
export type Report = typeof Report.Type;

/** The report as text, one line per entry, for a person reading an import log. */
export const format = (report: Report): string =>
  [
    `record ${report.index + 1} (line ${report.line}): ${report.entries.length} element(s) not kept as they were, ${report.supplied.length} field(s) supplied`,
    ...report.entries.map(
      (e) =>
        `  ${e.kind.padEnd(10)} line ${e.line}: ${e.path}${e.text !== undefined ? ` = ${JSON.stringify(e.text)}` : ""}${e.detail !== undefined ? ` (${e.detail})` : ""}`,
    ),
    ...report.supplied.map((s) => `  supplied   ${s.field} = ${JSON.stringify(s.value)} (${s.why})`),
  ].join("\n");
