/**
 * Calendar dates (no time of day, no time zone) as ISO 8601 strings `YYYY-MM-DD`, date arithmetic with the
 * end-of-month rule, and office working calendars for legal time limits.
 *
 * Pure: nothing here reads the clock. {@link today} takes the instant as an argument.
 */
import { Result, Schema } from "effect";

// ---------------------------------------------------------------------------------------------------------------
// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's civil-date algorithms).

const daysFromCivil = (year: number, month: number, day: number): number => {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
};

const civilFromDays = (days: number): readonly [number, number, number] => {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [month <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, month, day];
};

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** The number of days in a month (1–12) of a year: 28 to 31. */
export const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;

const MIN_YEAR = 1;
const MAX_YEAR = 9999;
const MIN_DAYS = daysFromCivil(MIN_YEAR, 1, 1);
const MAX_DAYS = daysFromCivil(MAX_YEAR, 12, 31);

const pad = (n: number, width: number): string => String(n).padStart(width, "0");
const format = (year: number, month: number, day: number): IsoDate =>
  `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` as IsoDate;

const shape = /^(\d{4})-(\d{2})-(\d{2})$/;

const checkIsoDate = (text: string): true | string => {
  const m = shape.exec(text);
  if (m === null) return `${JSON.stringify(text.slice(0, 30))} is not a date written YYYY-MM-DD`;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < MIN_YEAR) return `year ${m[1]} is before 0001`;
  if (month < 1 || month > 12) return `month ${m[2]} is not between 01 and 12`;
  if (day < 1 || day > daysInMonth(year, month))
    return `${text} does not exist: ${m[1]}-${m[2]} has ${daysInMonth(year, month)} days`;
  return true;
};

/** A calendar date such as `2026-11-24`, from 0001-01-01 to 9999-12-31; impossible dates (2026-02-30) fail. */
export const IsoDate = Schema.String.pipe(
  Schema.check(Schema.makeFilter(checkIsoDate, { expected: "a calendar date written YYYY-MM-DD" })),
  Schema.brand("IsoDate"),
);
export type IsoDate = typeof IsoDate.Type;

/** Year, month (1–12) and day (1–31) of a date. */
export interface DateParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Splits a date into numbers. */
export const parts = (date: IsoDate): DateParts => ({
  year: Number(date.slice(0, 4)),
  month: Number(date.slice(5, 7)),
  day: Number(date.slice(8, 10)),
});

const toDays = (date: IsoDate): number => {
  const p = parts(date);
  return daysFromCivil(p.year, p.month, p.day);
};

// ---------------------------------------------------------------------------------------------------------------
// Errors

/** A computed date falls outside 0001-01-01 … 9999-12-31 (or the input was not a finite integer amount). */
export class DateOutOfRange extends Schema.TaggedError<DateOutOfRange>()("DateOutOfRange", {
  message: Schema.String,
}) {}

/** The date given to {@link make} does not exist. */
export class InvalidDate extends Schema.TaggedError<InvalidDate>()("InvalidDate", {
  message: Schema.String,
}) {}

/** {@link today} was given an unknown IANA time zone. */
export class InvalidTimeZone extends Schema.TaggedError<InvalidTimeZone>()("InvalidTimeZone", {
  timeZone: Schema.String,
  message: Schema.String,
}) {}

/** {@link today} was given an instant that is not a valid time (NaN, an invalid `Date`, beyond ±8.64e15 ms). */
export class InvalidInstant extends Schema.TaggedError<InvalidInstant>()("InvalidInstant", {
  message: Schema.String,
}) {}

const outOfRange = (what: string): Result.Result<never, DateOutOfRange> =>
  Result.fail(new DateOutOfRange({ message: `${what} falls outside 0001-01-01 … 9999-12-31` }));

const fromDays = (days: number, what: () => string): Result.Result<IsoDate, DateOutOfRange> => {
  if (!Number.isSafeInteger(days) || days < MIN_DAYS || days > MAX_DAYS) return outOfRange(what());
  const [y, m, d] = civilFromDays(days);
  return Result.succeed(format(y, m, d));
};

// ---------------------------------------------------------------------------------------------------------------
// Construction, comparison, arithmetic

/** Builds a date from numbers, failing with {@link InvalidDate} when it does not exist. */
export const make = (year: number, month: number, day: number): Result.Result<IsoDate, InvalidDate> => {
  if (![year, month, day].every(Number.isInteger) || year < MIN_YEAR || year > MAX_YEAR) {
    return Result.fail(new InvalidDate({ message: `year ${year} must be an integer from 1 to 9999` }));
  }
  const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  const checked = month >= 1 && month <= 12 && day >= 1 && day <= 31 ? checkIsoDate(text) : `${text} does not exist`;
  return checked === true ? Result.succeed(text as IsoDate) : Result.fail(new InvalidDate({ message: checked }));
};

/** Orders two dates: -1 when `a` is earlier, 0 when equal, 1 when later. Usable with `Array.prototype.sort`. */
export const compare = (a: IsoDate, b: IsoDate): -1 | 0 | 1 => (a < b ? -1 : a > b ? 1 : 0);

/** The number of days from `from` to `to` (negative when `to` is earlier). */
export const diffDays = (from: IsoDate, to: IsoDate): number => toDays(to) - toDays(from);

/** The date `days` days later (earlier when negative). */
export const addDays = (date: IsoDate, days: number): Result.Result<IsoDate, DateOutOfRange> =>
  Number.isSafeInteger(days)
    ? fromDays(toDays(date) + days, () => `${date} + ${days} days`)
    : outOfRange(`${date} + ${days} days (not a whole number of days)`);

/**
 * The date `months` months later (earlier when negative), with the end-of-month rule: the period ends on the same
 * day number of the later month or, when that month is shorter, on its last day (2026-01-31 + 1 month = 2026-02-28;
 * 2024-01-31 + 1 month = 2024-02-29). As in PCT Rule 80.2 and Madrid Common Regulations Rule 4.
 */
export const addMonths = (date: IsoDate, months: number): Result.Result<IsoDate, DateOutOfRange> => {
  if (!Number.isSafeInteger(months)) return outOfRange(`${date} + ${months} months (not a whole number of months)`);
  const p = parts(date);
  const total = p.year * 12 + (p.month - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  if (year < MIN_YEAR || year > MAX_YEAR) return outOfRange(`${date} + ${months} months`);
  return Result.succeed(format(year, month, Math.min(p.day, daysInMonth(year, month))));
};

/** The date `years` years later (earlier when negative); 29 February becomes 28 February in a common year. */
export const addYears = (date: IsoDate, years: number): Result.Result<IsoDate, DateOutOfRange> =>
  Number.isSafeInteger(years) && Math.abs(years) <= MAX_YEAR
    ? addMonths(date, years * 12)
    : outOfRange(`${date} + ${years} years`);

// ---------------------------------------------------------------------------------------------------------------
// Periods

const amount = (max: number) => Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: -max, maximum: max })));

const absent = Schema.optionalKey(Schema.Never);

/**
 * A period counted in days, months or years, as an office writes it in its configuration: `{ "months": 3 }`.
 * Exactly one unit: `{ "months": 1, "days": 10 }` is refused rather than read as one of them.
 */
export const Period = Schema.Union([
  Schema.Struct({ days: amount(3_660_000), months: absent, years: absent }),
  Schema.Struct({ months: amount(120_000), days: absent, years: absent }),
  Schema.Struct({ years: amount(10_000), days: absent, months: absent }),
]);
export type Period = typeof Period.Type;

/** The plain end of a period (no working-day adjustment). */
export const add = (date: IsoDate, period: Period): Result.Result<IsoDate, DateOutOfRange> =>
  period.days !== undefined
    ? addDays(date, period.days)
    : period.months !== undefined
      ? addMonths(date, period.months)
      : addYears(date, period.years);

// ---------------------------------------------------------------------------------------------------------------
// Weekdays and working calendars

/** Days of the week, Monday first (ISO 8601). */
export const weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;

/** A day of the week. */
export const Weekday = Schema.Literals(weekdays);
export type Weekday = typeof Weekday.Type;

/** The day of the week of a date. */
export const weekday = (date: IsoDate): Weekday => {
  // 1970-01-01 was a Thursday (index 3).
  const index = (((toDays(date) + 3) % 7) + 7) % 7;
  return weekdays[index] ?? "monday";
};

/** Common weekends: most of Europe and the Americas, most Arab states (Oman, Saudi Arabia, Jordan, Egypt…). */
export const weekends = {
  saturdaySunday: ["saturday", "sunday"],
  fridaySaturday: ["friday", "saturday"],
  friday: ["friday"],
  sunday: ["sunday"],
} as const satisfies Record<string, ReadonlyArray<Weekday>>;

const monthDay = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A day that recurs every year, `MM-DD` (`01-01`, `12-25`); `02-29` applies in leap years only. */
export const MonthDay = Schema.String.pipe(
  Schema.check(
    Schema.makeFilter(
      (text: string) =>
        (monthDay.test(text) && Number(text.slice(3)) <= daysInMonth(2024, Number(text.slice(0, 2)))) ||
        `${JSON.stringify(text.slice(0, 20))} is not a day of the year written MM-DD`,
      { expected: "a day of the year written MM-DD" },
    ),
  ),
);

/**
 * An office's working calendar: its weekly days off, its public holidays and other closing days (dates, since many
 * holidays follow the lunar calendar), and optionally holidays that fall on the same day every year (`MM-DD`).
 * At least one day of the week must be a working day.
 */
export const WorkingCalendar = Schema.Struct({
  weekend: Schema.Array(Weekday).pipe(
    Schema.check(
      Schema.isUnique({ expected: "each weekday at most once" }),
      Schema.isMaxLength(6, { expected: "at least one working day in the week" }),
    ),
  ),
  holidays: Schema.Array(IsoDate).pipe(Schema.check(Schema.isMaxLength(100_000))),
  annualHolidays: Schema.optional(Schema.Array(MonthDay).pipe(Schema.check(Schema.isMaxLength(100)))),
});
export type WorkingCalendar = typeof WorkingCalendar.Type;

interface Compiled {
  readonly weekend: ReadonlySet<number>;
  readonly holidays: ReadonlySet<string>;
  readonly annual: ReadonlySet<string>;
}
const compiled = new WeakMap<WorkingCalendar, Compiled>();
const compile = (calendar: WorkingCalendar): Compiled => {
  let c = compiled.get(calendar);
  if (c === undefined) {
    c = {
      weekend: new Set(calendar.weekend.map((d) => weekdays.indexOf(d))),
      holidays: new Set(calendar.holidays),
      annual: new Set(calendar.annualHolidays ?? []),
    };
    compiled.set(calendar, c);
  }
  return c;
};

const isWorkingDayIn = (c: Compiled, days: number, date: string): boolean =>
  !c.weekend.has((((days + 3) % 7) + 7) % 7) &&
  !c.holidays.has(date) &&
  (c.annual.size === 0 || !c.annual.has(date.slice(5)));

/** Whether the office is open on a date. */
export const isWorkingDay = (date: IsoDate, calendar: WorkingCalendar): boolean =>
  isWorkingDayIn(compile(calendar), toDays(date), date);

/** The date itself when it is a working day, otherwise the next working day. */
export const nextWorkingDay = (date: IsoDate, calendar: WorkingCalendar): Result.Result<IsoDate, DateOutOfRange> => {
  const c = compile(calendar);
  if (c.weekend.size >= 7) return outOfRange(`the next working day after ${date} (the calendar has no working day)`);
  let days = toDays(date);
  let current: IsoDate = date;
  while (!isWorkingDayIn(c, days, current)) {
    days += 1;
    if (days > MAX_DAYS) return outOfRange(`the next working day after ${date}`);
    const [y, m, d] = civilFromDays(days);
    current = format(y, m, d);
  }
  return Result.succeed(current);
};

/**
 * The last day of a time limit: the plain end of `period` counted from `start` (days, or months and years with the
 * end-of-month rule), moved to the next working day when it falls on a weekend day or a holiday of the office.
 */
export const timeLimitEnd = (
  start: IsoDate,
  period: Period,
  calendar: WorkingCalendar,
): Result.Result<IsoDate, DateOutOfRange> => {
  const plain = add(start, period);
  return Result.isFailure(plain) ? plain : nextWorkingDay(plain.success, calendar);
};

// ---------------------------------------------------------------------------------------------------------------
// Today in a time zone

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (timeZone: string): Intl.DateTimeFormat | undefined => {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    if (timeZone.length > 64) return undefined;
    try {
      f = new Intl.DateTimeFormat("en-US", {
        calendar: "gregory",
        timeZone,
        era: "short",
        year: "numeric",
        month: "numeric",
        day: "numeric",
      });
    } catch {
      return undefined;
    }
    if (formatters.size < 1000) formatters.set(timeZone, f);
  }
  return f;
};

/**
 * The calendar date of an instant in an IANA time zone (`Asia/Muscat`, `Europe/Sofia`, `UTC`). The caller passes the
 * instant (from Effect's `Clock` in the app, a fixed value in tests): nothing here reads the clock.
 */
export const today = (
  instant: Date | number,
  timeZone: string,
): Result.Result<IsoDate, InvalidTimeZone | InvalidInstant | DateOutOfRange> => {
  const ms = typeof instant === "number" ? instant : instant.getTime();
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) {
    return Result.fail(new InvalidInstant({ message: `${String(instant).slice(0, 40)} is not a valid instant` }));
  }
  const f = formatterFor(timeZone);
  if (f === undefined) {
    return Result.fail(
      new InvalidTimeZone({
        timeZone: timeZone.slice(0, 64),
        message: `unknown time zone ${JSON.stringify(timeZone.slice(0, 64))}`,
      }),
    );
  }
  let year = 0;
  let month = 0;
  let day = 0;
  let era = "";
  for (const part of f.formatToParts(ms)) {
    if (part.type === "year") year = Number(part.value);
    else if (part.type === "month") month = Number(part.value);
    else if (part.type === "day") day = Number(part.value);
    else if (part.type === "era") era = part.value;
  }
  // Only 0001-01-01 … 9999-12-31 (era AD of the proleptic Gregorian calendar) are dates here.
  if (era !== "AD" || year < MIN_YEAR || year > MAX_YEAR) return outOfRange(`the date of instant ${ms}`);
  return Result.succeed(format(year, month, day));
};
