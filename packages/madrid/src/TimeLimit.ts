/**
 * The refusal time limit of a designation (Madrid Protocol art. 5(2)): pure date arithmetic, no clock.
 *
 * - art. 5(2)(a): 12 months from the date the IB sent the notification of the designation;
 * - art. 5(2)(b): 18 months where the designated party declared so (the office configuration records it);
 * - art. 5(2)(c): where the party's declaration also says so (the "(c) declaration"), a refusal based on an
 *   opposition may come after the 18 months when the office told the IB, before the 18 months ended, that
 *   oppositions may be filed after them; the refusal is then due within 1 month from the end of the opposition
 *   period and no later than 7 months from its start.
 * Periods in months end on the same day of the month, or on its last day when it has none (Common Regulations
 * Rule 4(2)); a period that ends on a day the office is closed ends on its next working day (Rule 4(4)).
 * An office that notifies nothing in time loses the right to refuse: protection by default (art. 5(5)).
 */
import { Calendar } from "@ipoffice/domain";
import { Result, Schema } from "effect";

/**
 * Information about a possible opposition (art. 5(2)(c)): what the office told the IB (ST.96
 * `tmk:MadridPossibleOppositionNotification`, Rule 16(1)) and when. The end of the period may not be known yet.
 */
export const OppositionInfo = Schema.Struct({
  /** When the office informed the IB that oppositions may be filed after the 18 months. */
  informedIBOn: Calendar.IsoDate,
  periodStart: Calendar.IsoDate,
  periodEnd: Schema.optional(Calendar.IsoDate),
});
export type OppositionInfo = typeof OppositionInfo.Type;

export const TimeLimitKind = Schema.Literals(["12-months", "18-months", "opposition"]);
export type TimeLimitKind = typeof TimeLimitKind.Type;

/** The last day on which a provisional refusal can be sent, which rule set it, and any note for the examiner. */
export const RefusalTimeLimit = Schema.Struct({
  limit: Calendar.IsoDate,
  kind: TimeLimitKind,
  rule: Schema.String,
  /** The plain end of the period when it fell on a day the office is closed and moved to `limit` (Rule 4(4)). */
  movedFrom: Schema.optional(Calendar.IsoDate),
  note: Schema.optional(Schema.String),
});
export type RefusalTimeLimit = typeof RefusalTimeLimit.Type;

export interface RefusalTimeLimitInput {
  /** Date the IB sent the notification of the designation (`com:RecordNotificationDate`). */
  readonly notificationDate: Calendar.IsoDate;
  /** The office's country made the art. 5(2)(b) declaration (18 months). */
  readonly declaration518b: boolean;
  /** Its declaration also covers refusals based on an opposition after the 18 months (art. 5(2)(c)); default no. */
  readonly declaration52c?: boolean | undefined;
  readonly oppositionInfo?: OppositionInfo | undefined;
  /**
   * The office's working calendar: a limit falling on a day the office is closed moves to the next working day
   * (Rule 4(4)). Without one, every day counts as a working day.
   */
  readonly calendar?: Calendar.WorkingCalendar | undefined;
}

const lastDate = "9999-12-31" as Calendar.IsoDate;

/** `date` + `months` with the end-of-month rule (Rule 4(2)); the last representable date when beyond it. */
export const plusMonths = (date: Calendar.IsoDate, months: number): Calendar.IsoDate =>
  Result.getOrElse(Calendar.addMonths(date, months), () => lastDate);

/** The date itself, or the office's next working day when it is closed that day (Rule 4(4)). */
export const workingDayOnOrAfter = (
  date: Calendar.IsoDate,
  calendar: Calendar.WorkingCalendar | undefined,
): Calendar.IsoDate =>
  calendar === undefined ? date : Result.getOrElse(Calendar.nextWorkingDay(date, calendar), () => date);

const later = (a: Calendar.IsoDate, b: Calendar.IsoDate) => (Calendar.compare(a, b) >= 0 ? a : b);
const earlier = (a: Calendar.IsoDate, b: Calendar.IsoDate) => (Calendar.compare(a, b) <= 0 ? a : b);

/** Moves the limit to a working day (Rule 4(4)), saying so. */
const onWorkingDay = (t: RefusalTimeLimit, calendar: Calendar.WorkingCalendar | undefined): RefusalTimeLimit => {
  const moved = workingDayOnOrAfter(t.limit, calendar);
  return moved === t.limit ? t : { ...t, limit: moved, movedFrom: t.limit, rule: `${t.rule}; Rule 4(4)` };
};

/** The refusal time limit for a designation notified on `notificationDate`. */
export const refusalTimeLimit = (input: RefusalTimeLimitInput): RefusalTimeLimit => {
  const calendar = input.calendar;
  if (!input.declaration518b) {
    const note = input.oppositionInfo
      ? "opposition information ignored: art. 5(2)(c) needs the art. 5(2)(b) declaration"
      : undefined;
    return onWorkingDay(
      {
        limit: plusMonths(input.notificationDate, 12),
        kind: "12-months",
        rule: "Madrid Protocol art. 5(2)(a)",
        ...(note ? { note } : {}),
      },
      calendar,
    );
  }
  const base = onWorkingDay(
    { limit: plusMonths(input.notificationDate, 18), kind: "18-months", rule: "Madrid Protocol art. 5(2)(b)" },
    calendar,
  );
  const eighteen = base.limit;
  const o = input.oppositionInfo;
  if (o === undefined) return base;
  if (input.declaration52c !== true) {
    return { ...base, note: "opposition information ignored: the office made no art. 5(2)(c) declaration" };
  }
  if (Calendar.compare(o.informedIBOn, eighteen) > 0) {
    return {
      ...base,
      note: `the IB was informed of possible oppositions on ${o.informedIBOn}, after the 18-month limit ${eighteen}: art. 5(2)(c) does not apply`,
    };
  }
  if (o.periodEnd !== undefined && Calendar.compare(o.periodEnd, o.periodStart) < 0) {
    return { ...base, note: `opposition period ends (${o.periodEnd}) before it starts (${o.periodStart}): ignored` };
  }
  const sevenFromStart = plusMonths(o.periodStart, 7);
  const plain = o.periodEnd === undefined ? sevenFromStart : earlier(plusMonths(o.periodEnd, 1), sevenFromStart);
  const opposition = onWorkingDay({ limit: plain, kind: "opposition", rule: "Madrid Protocol art. 5(2)(c)" }, calendar);
  const limit = later(eighteen, opposition.limit);
  if (limit === eighteen) {
    return { ...base, note: "the opposition time limit ends before the 18 months: the 18-month limit applies" };
  }
  return o.periodEnd === undefined
    ? {
        ...opposition,
        note: "the end of the opposition period is not known yet: 7 months from its start, at the latest",
      }
    : opposition;
};
