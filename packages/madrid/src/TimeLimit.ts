/**
 * The refusal time limit of a designation (Madrid Protocol art. 5(2)): pure date arithmetic, no clock.
 *
 * - art. 5(2)(a): 12 months from the date the IB sent the notification of the designation;
 * - art. 5(2)(b): 18 months where the designated party declared so (the office configuration records it);
 * - art. 5(2)(c): with that declaration, a refusal based on an opposition may come after the 18 months when the
 *   office told the IB, before the 18 months ended, that oppositions may be filed after them; the refusal is then
 *   due within 1 month from the end of the opposition period and no later than 7 months from its start.
 * An office that notifies nothing in time loses the right to refuse: protection by default (art. 5(5)).
 */
import { Calendar } from "@ipoffice/domain";
import { Result, Schema } from "effect";

/** Information about a possible opposition (art. 5(2)(c)). */
export const OppositionInfo = Schema.Struct({
  /** When the office informed the IB that oppositions may be filed after the 18 months. */
  informedIBOn: Calendar.IsoDate,
  periodStart: Calendar.IsoDate,
  periodEnd: Calendar.IsoDate,
});
export type OppositionInfo = typeof OppositionInfo.Type;

export const TimeLimitKind = Schema.Literals(["12-months", "18-months", "opposition"]);
export type TimeLimitKind = typeof TimeLimitKind.Type;

/** The last day on which a provisional refusal can be sent, which rule set it, and any note for the examiner. */
export const RefusalTimeLimit = Schema.Struct({
  limit: Calendar.IsoDate,
  kind: TimeLimitKind,
  rule: Schema.String,
  note: Schema.optional(Schema.String),
});
export type RefusalTimeLimit = typeof RefusalTimeLimit.Type;

export interface RefusalTimeLimitInput {
  /** Date the IB sent the notification of the designation (`com:RecordNotificationDate`). */
  readonly notificationDate: Calendar.IsoDate;
  /** The office's country made the art. 5(2)(b) declaration (18 months). */
  readonly declaration518b: boolean;
  readonly oppositionInfo?: OppositionInfo | undefined;
}

const lastDate = "9999-12-31" as Calendar.IsoDate;

/** `date` + `months` with the end-of-month rule (Rule 4(3)); the last representable date when beyond it. */
export const plusMonths = (date: Calendar.IsoDate, months: number): Calendar.IsoDate =>
  Result.getOrElse(Calendar.addMonths(date, months), () => lastDate);

const later = (a: Calendar.IsoDate, b: Calendar.IsoDate) => (Calendar.compare(a, b) >= 0 ? a : b);
const earlier = (a: Calendar.IsoDate, b: Calendar.IsoDate) => (Calendar.compare(a, b) <= 0 ? a : b);

/** The refusal time limit for a designation notified on `notificationDate`. */
export const refusalTimeLimit = (input: RefusalTimeLimitInput): RefusalTimeLimit => {
  if (!input.declaration518b) {
    const note = input.oppositionInfo
      ? "opposition information ignored: art. 5(2)(c) needs the art. 5(2)(b) declaration"
      : undefined;
    return {
      limit: plusMonths(input.notificationDate, 12),
      kind: "12-months",
      rule: "Madrid Protocol art. 5(2)(a)",
      ...(note ? { note } : {}),
    };
  }
  const eighteen = plusMonths(input.notificationDate, 18);
  const base: RefusalTimeLimit = { limit: eighteen, kind: "18-months", rule: "Madrid Protocol art. 5(2)(b)" };
  const o = input.oppositionInfo;
  if (o === undefined) return base;
  if (Calendar.compare(o.informedIBOn, eighteen) > 0) {
    return {
      ...base,
      note: `the IB was informed of possible oppositions on ${o.informedIBOn}, after the 18-month limit ${eighteen}: art. 5(2)(c) does not apply`,
    };
  }
  if (Calendar.compare(o.periodEnd, o.periodStart) < 0) {
    return { ...base, note: `opposition period ends (${o.periodEnd}) before it starts (${o.periodStart}): ignored` };
  }
  const opposition = earlier(plusMonths(o.periodEnd, 1), plusMonths(o.periodStart, 7));
  const limit = later(eighteen, opposition);
  return limit === eighteen
    ? { ...base, note: "the opposition time limit ends before the 18 months: the 18-month limit applies" }
    : { limit, kind: "opposition", rule: "Madrid Protocol art. 5(2)(c)" };
};
