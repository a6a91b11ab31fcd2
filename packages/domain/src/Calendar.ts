/**
 * Calendar dates (no time of day, no time zone) as ISO 8601 strings `YYYY-MM-DD`.
 */
import { Schema } from "effect";

/** A calendar date such as `2026-11-24`. */
export const IsoDate = Schema.String.pipe(
  Schema.check(Schema.isPattern(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/)),
  Schema.brand("IsoDate"),
);
export type IsoDate = typeof IsoDate.Type;
