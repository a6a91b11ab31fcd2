/**
 * A file refused as a whole: nothing of it is imported. The refusal names the reason, the element and the line, and
 * for a record that the model refuses, which record and which field.
 */
import { Schema } from "effect";

export const Reason = Schema.Literals([
  /** Not well-formed XML. */
  "NotWellFormed",
  /** A DOCTYPE: external entities and entity expansion are refused outright. */
  "DoctypeForbidden",
  /** Over the size limit of a file. */
  "InputTooLarge",
  /** One record over the size limit of a record. */
  "RecordTooLarge",
  /** Elements nested deeper than the limit. */
  "TooDeep",
  /** Not an ST.96 document of this kind (root element in another namespace). */
  "WrongDocument",
  /** A record the model refuses (a required field missing or invalid). */
  "Invalid",
]);
export type Reason = typeof Reason.Type;

export class Refused extends Schema.TaggedError<Refused>()("Refused", {
  reason: Reason,
  message: Schema.String,
  /** The element at fault (canonical `tmk:`/`com:` name or path), when known. */
  element: Schema.optional(Schema.String),
  line: Schema.Number,
  /** The record at fault (0-based, in file order), for `Invalid`. */
  record: Schema.optional(Schema.Number),
  /** The field of the record at fault, for `Invalid`. */
  field: Schema.optional(Schema.String),
}) {}
