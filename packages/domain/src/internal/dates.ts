/**
 * Date helpers over `Calendar` for the rights model: total versions of its arithmetic (a result beyond year 9999 is
 * clamped to the last representable day, which no legal time limit reaches) and the time-limit end on an office's
 * working calendar.
 */
import { Result } from "effect";
import * as Calendar from "../Calendar.js";

const clamp = (r: Result.Result<Calendar.IsoDate, unknown>, forward: boolean): Calendar.IsoDate =>
  Result.isSuccess(r) ? r.success : ((forward ? "9999-12-31" : "0001-01-01") as Calendar.IsoDate);

export const addMonths = (date: string, months: number): Calendar.IsoDate =>
  clamp(Calendar.addMonths(date as Calendar.IsoDate, months), months >= 0);

export const addYears = (date: string, years: number): Calendar.IsoDate => addMonths(date, years * 12);

export const addDays = (date: string, days: number): Calendar.IsoDate =>
  clamp(Calendar.addDays(date as Calendar.IsoDate, days), days >= 0);

/** Adds years and months (with the end-of-month rule), then days. */
export const addPeriod = (
  date: string,
  period: {
    readonly years?: number | undefined;
    readonly months?: number | undefined;
    readonly days?: number | undefined;
  },
): Calendar.IsoDate => addDays(addMonths(date, (period.years ?? 0) * 12 + (period.months ?? 0)), period.days ?? 0);

/** The end of a time limit, moved to the next working day of the office when a calendar is given. */
export const timeLimitEnd = (
  start: string,
  period: {
    readonly years?: number | undefined;
    readonly months?: number | undefined;
    readonly days?: number | undefined;
  },
  calendar: Calendar.WorkingCalendar | undefined,
): Calendar.IsoDate => {
  const end = addPeriod(start, period);
  return calendar === undefined ? end : clamp(Calendar.nextWorkingDay(end, calendar), true);
};

/** The calendar date of an ISO instant (its first ten characters, the date where the instant was written). */
export const dateOf = (instant: string): Calendar.IsoDate => instant.slice(0, 10) as Calendar.IsoDate;
