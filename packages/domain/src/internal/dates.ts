/**
 * Calendar arithmetic on ISO dates (UTC, no time zone). Adding months or years keeps the day of month and falls back
 * to the last day of a shorter month (31 January + 1 month = 28 or 29 February; 29 February + 1 year = 28 February).
 */
import type { IsoDate } from "../Calendar.js";

const parse = (date: string): [number, number, number] => {
  const [y, m, d] = date.split("-").map(Number);
  return [y ?? 0, m ?? 1, d ?? 1];
};

const format = (y: number, m: number, d: number): IsoDate =>
  `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}` as IsoDate;

const daysInMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

export const addMonths = (date: string, months: number): IsoDate => {
  const [y, m, d] = parse(date);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = (index % 12) + 1;
  return format(ny, nm, Math.min(d, daysInMonth(ny, nm)));
};

export const addYears = (date: string, years: number): IsoDate => addMonths(date, years * 12);

export const addDays = (date: string, days: number): IsoDate => {
  const [y, m, d] = parse(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return format(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
};

/** Adds a period of years, then months, then days. */
export const addPeriod = (
  date: string,
  period: {
    readonly years?: number | undefined;
    readonly months?: number | undefined;
    readonly days?: number | undefined;
  },
): IsoDate => addDays(addMonths(date, (period.years ?? 0) * 12 + (period.months ?? 0)), period.days ?? 0);

/** The calendar date of an ISO instant (its first ten characters, the date where the instant was written). */
export const dateOf = (instant: string): IsoDate => instant.slice(0, 10) as IsoDate;

/** Whether a string is a real calendar date (not 2026-02-30). */
export const isRealDate = (date: string): boolean => {
  const [y, m, d] = parse(date);
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
};
