/**
 * The gazette's issues: one per calendar month (`2026-11`) or ISO 8601 week (`2026-W47`, Monday to Sunday; week 1
 * holds the year's first Thursday), as the office's `gazette.period` says. Issue ids are what the pages' URLs carry,
 * so anything else is no issue.
 */
import { Calendar } from "@ipoffice/domain";
import { Result } from "effect";

export type Period = "month" | "week";

export interface Issue {
  readonly id: string;
  readonly period: Period;
  /** First and last day, inclusive. */
  readonly from: Calendar.IsoDate;
  readonly to: Calendar.IsoDate;
}

const date = (text: string): Calendar.IsoDate | undefined => {
  const parsed = Calendar.make(Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10)));
  return Result.isSuccess(parsed) ? parsed.success : undefined;
};

const shift = (d: Calendar.IsoDate, days: number): Calendar.IsoDate | undefined => {
  const moved = Calendar.addDays(d, days);
  return Result.isSuccess(moved) ? moved.success : undefined;
};

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** Monday = 0 … Sunday = 6. */
const isoDay = (d: Calendar.IsoDate) => Calendar.weekdays.indexOf(Calendar.weekday(d));

/** The Monday of ISO week 1 of `year`: the week holding 4 January. */
const week1Monday = (year: number) => {
  const jan4 = date(`${pad(year, 4)}-01-04`);
  return jan4 === undefined ? undefined : shift(jan4, -isoDay(jan4));
};

const monthIssue = (year: number, month: number): Issue | undefined => {
  const from = date(`${pad(year, 4)}-${pad(month)}-01`);
  const to = date(`${pad(year, 4)}-${pad(month)}-${pad(Calendar.daysInMonth(year, month))}`);
  return from && to ? { id: `${pad(year, 4)}-${pad(month)}`, period: "month", from, to } : undefined;
};

const weekIssue = (year: number, week: number): Issue | undefined => {
  const monday = week1Monday(year);
  const from = monday && shift(monday, (week - 1) * 7);
  const to = from && shift(from, 6);
  if (from === undefined || to === undefined) return undefined;
  // The week must belong to `year`: its Thursday is in it (so week 53 exists only in long years).
  const thursday = shift(from, 3);
  if (thursday === undefined || Number(thursday.slice(0, 4)) !== year) return undefined;
  return { id: `${pad(year, 4)}-W${pad(week)}`, period: "week", from, to };
};

/** The issue an id names, in the office's period; anything else (another period, a malformed id) is none. */
export const issueOf = (id: string, period: Period): Issue | undefined => {
  if (period === "month") {
    const m = /^(\d{4})-(\d{2})$/.exec(id);
    if (!m) return undefined;
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? monthIssue(Number(m[1]), month) : undefined;
  }
  const w = /^(\d{4})-W(\d{2})$/.exec(id);
  if (!w) return undefined;
  const week = Number(w[2]);
  return week >= 1 && week <= 53 ? weekIssue(Number(w[1]), week) : undefined;
};

/** The issue that holds a day. */
export const issueContaining = (day: Calendar.IsoDate, period: Period): Issue => {
  const { year, month } = Calendar.parts(day);
  if (period === "month") return monthIssue(year, month) as Issue;
  const thursday = shift(day, 3 - isoDay(day)) ?? day;
  const isoYear = Number(thursday.slice(0, 4));
  const monday = week1Monday(isoYear) as Calendar.IsoDate;
  const week = Math.floor(Calendar.diffDays(monday, thursday) / 7) + 1;
  return weekIssue(isoYear, week) as Issue;
};

/** The issue before one. */
export const previousIssue = (issue: Issue): Issue | undefined => {
  const before = shift(issue.from, -1);
  return before === undefined ? undefined : issueContaining(before, issue.period);
};

/** The issue after one. */
export const nextIssue = (issue: Issue): Issue | undefined => {
  const after = shift(issue.to, 1);
  return after === undefined ? undefined : issueContaining(after, issue.period);
};

/** The latest `count` issues up to the one holding `today`, newest first. */
export const latestIssues = (today: Calendar.IsoDate, period: Period, count: number): ReadonlyArray<Issue> => {
  const issues: Issue[] = [];
  let issue: Issue | undefined = issueContaining(today, period);
  while (issue !== undefined && issues.length < count) {
    issues.push(issue);
    issue = previousIssue(issue);
  }
  return issues;
};
