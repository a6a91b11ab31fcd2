import fc from "fast-check";
import { Result, Schema } from "effect";
import { describe, expect, it } from "vitest";
import { Calendar } from "@ipoffice/domain";

const { IsoDate } = Calendar;
type IsoDate = Calendar.IsoDate;
const d = (text: string): IsoDate => Schema.decodeUnknownSync(IsoDate)(text);
const ok = <A, E>(r: Result.Result<A, E>): A => Result.getOrThrow(r);

const DAY = 86_400_000;
/** Independent oracle: JavaScript's Date (proleptic Gregorian, UTC). */
const fromEpochDays = (days: number): string => new Date(days * DAY).toISOString().slice(0, 10);
const toEpochDays = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY;
const minDays = toEpochDays("0001-01-01");
const maxDays = toEpochDays("9999-12-31");
const arbDate = fc.integer({ min: minDays, max: maxDays }).map((n) => fromEpochDays(n) as IsoDate);
const arbModernDate = fc
  .integer({ min: toEpochDays("1900-01-01"), max: toEpochDays("2199-12-31") })
  .map((n) => fromEpochDays(n) as IsoDate);
const arbPeriod: fc.Arbitrary<Calendar.Period> = fc.oneof(
  fc.integer({ min: -400, max: 4000 }).map((days) => ({ days })),
  fc.integer({ min: -120, max: 240 }).map((months) => ({ months })),
  fc.integer({ min: -20, max: 30 }).map((years) => ({ years })),
);
const arbCalendar = (around: IsoDate): fc.Arbitrary<Calendar.WorkingCalendar> =>
  fc.record({
    weekend: fc.uniqueArray(fc.constantFrom(...Calendar.weekdays), { maxLength: 6 }),
    holidays: fc.array(
      fc.integer({ min: -30, max: 5000 }).map((n) => ok(Calendar.addDays(around, n))),
      { maxLength: 200 },
    ),
    annualHolidays: fc.option(
      fc.array(
        fc
          .integer({ min: 0, max: 365 })
          .map((n) => ok(Calendar.addDays(Calendar.make(2024, 1, 1).pipe(ok), n)).slice(5)),
        { maxLength: 20 },
      ),
      { nil: undefined },
    ),
  });

describe("IsoDate", () => {
  it("accepts real dates only", () => {
    const decode = Schema.decodeUnknownResult(IsoDate);
    for (const good of ["2026-11-24", "2024-02-29", "2000-02-29", "0001-01-01", "9999-12-31"]) {
      expect(Result.isSuccess(decode(good)), good).toBe(true);
    }
    for (const bad of [
      "2026-02-29",
      "1900-02-29",
      "2026-13-01",
      "2026-04-31",
      "0000-01-01",
      "2026-1-1",
      "20261124",
      "",
      5,
    ]) {
      expect(Result.isFailure(decode(bad)), String(bad)).toBe(true);
    }
    const failure = decode("2026-02-30");
    expect(Result.isFailure(failure) && failure.failure.message).toContain("2026-02 has 28 days");
  });

  it("agrees with the Date oracle on every representable date", () => {
    fc.assert(
      fc.property(fc.integer({ min: minDays, max: maxDays }), (n) => {
        const text = fromEpochDays(n);
        expect(Result.isSuccess(Schema.decodeUnknownResult(IsoDate)(text))).toBe(true);
        expect(Calendar.diffDays(d("1970-01-01"), text as IsoDate)).toBe(n);
        expect(Calendar.weekday(text as IsoDate)).toBe(Calendar.weekdays[(new Date(n * DAY).getUTCDay() + 6) % 7]);
      }),
    );
  });

  it("make builds dates and refuses impossible ones", () => {
    expect(ok(Calendar.make(2026, 2, 28))).toBe("2026-02-28");
    expect(Result.isFailure(Calendar.make(2026, 2, 29))).toBe(true);
    expect(Result.isFailure(Calendar.make(2026, 0, 1))).toBe(true);
    expect(Result.isFailure(Calendar.make(10000, 1, 1))).toBe(true);
    expect(Result.isFailure(Calendar.make(2026.5, 1, 1))).toBe(true);
  });
});

describe("date arithmetic", () => {
  it("applies the end-of-month rule to months and years", () => {
    expect(ok(Calendar.addMonths(d("2026-01-31"), 1))).toBe("2026-02-28");
    expect(ok(Calendar.addMonths(d("2024-01-31"), 1))).toBe("2024-02-29");
    expect(ok(Calendar.addMonths(d("2026-03-31"), 1))).toBe("2026-04-30");
    expect(ok(Calendar.addMonths(d("2026-04-30"), 1))).toBe("2026-05-30");
    expect(ok(Calendar.addMonths(d("2026-11-24"), 18))).toBe("2028-05-24");
    expect(ok(Calendar.addMonths(d("2026-03-31"), -1))).toBe("2026-02-28");
    expect(ok(Calendar.addMonths(d("2026-01-15"), -13))).toBe("2024-12-15");
    expect(ok(Calendar.addYears(d("2024-02-29"), 1))).toBe("2025-02-28");
    expect(ok(Calendar.addYears(d("2024-02-29"), 4))).toBe("2028-02-29");
    expect(ok(Calendar.addYears(d("2026-11-24"), 10))).toBe("2036-11-24");
    expect(ok(Calendar.addDays(d("2026-12-31"), 1))).toBe("2027-01-01");
    expect(ok(Calendar.add(d("2026-11-24"), { days: 30 }))).toBe("2026-12-24");
  });

  it("addDays agrees with the Date oracle and diffDays inverts it", () => {
    fc.assert(
      fc.property(arbDate, fc.integer({ min: -1_000_000, max: 1_000_000 }), (date, n) => {
        const r = Calendar.addDays(date, n);
        const target = toEpochDays(date) + n;
        if (target < minDays || target > maxDays) {
          expect(Result.isFailure(r)).toBe(true);
        } else {
          expect(ok(r)).toBe(fromEpochDays(target));
          expect(Calendar.diffDays(date, ok(r))).toBe(n);
          expect(Calendar.compare(date, ok(r))).toBe(n > 0 ? -1 : n < 0 ? 1 : 0);
        }
      }),
    );
  });

  it("month arithmetic lands in the target month and never overflows into the next", () => {
    fc.assert(
      fc.property(arbDate, fc.integer({ min: -130_000, max: 130_000 }), (date, n) => {
        const r = Calendar.addMonths(date, n);
        const p = Calendar.parts(date);
        const total = p.year * 12 + p.month - 1 + n;
        const year = Math.floor(total / 12);
        const month = total - year * 12 + 1;
        if (year < 1 || year > 9999) {
          expect(Result.isFailure(r)).toBe(true);
          return;
        }
        const q = Calendar.parts(ok(r));
        expect(q.year).toBe(year);
        expect(q.month).toBe(month);
        expect(q.day).toBe(Math.min(p.day, Calendar.daysInMonth(year, month)));
        expect(Result.isSuccess(Schema.decodeUnknownResult(IsoDate)(ok(r)))).toBe(true);
      }),
    );
  });

  it("never returns an invalid date and fails cleanly out of range or on non-integers", () => {
    expect(Result.isFailure(Calendar.addDays(d("9999-12-31"), 1))).toBe(true);
    expect(Result.isFailure(Calendar.addDays(d("0001-01-01"), -1))).toBe(true);
    expect(Result.isFailure(Calendar.addDays(d("2026-01-01"), Number.NaN))).toBe(true);
    expect(Result.isFailure(Calendar.addDays(d("2026-01-01"), 1.5))).toBe(true);
    expect(Result.isFailure(Calendar.addMonths(d("2026-01-01"), Number.POSITIVE_INFINITY))).toBe(true);
    expect(Result.isFailure(Calendar.addYears(d("2026-01-01"), 1e300))).toBe(true);
    const r = Calendar.addYears(d("9990-06-01"), 10);
    expect(Result.isFailure(r) && r.failure._tag).toBe("DateOutOfRange");
    expect(Result.isFailure(r) && r.failure.message).toContain("9990-06-01");
  });
});

describe("Period", () => {
  it("decodes days, months or years as integers within bounds", () => {
    const decode = Schema.decodeUnknownResult(Calendar.Period);
    expect(Result.isSuccess(decode({ months: 3 }))).toBe(true);
    expect(Result.isSuccess(decode({ days: -30 }))).toBe(true);
    expect(Result.isSuccess(decode({ years: 10 }))).toBe(true);
    for (const bad of [
      { months: 1.5 },
      { days: "3" },
      { weeks: 2 },
      { years: 1e9 },
      { months: 1, days: 10 },
      {},
      null,
    ]) {
      expect(Result.isFailure(decode(bad)), JSON.stringify(bad)).toBe(true);
    }
  });
});

describe("WorkingCalendar and time limits", () => {
  const oman = Schema.decodeUnknownSync(Calendar.WorkingCalendar)({
    weekend: Calendar.weekends.fridaySaturday,
    holidays: ["2026-11-18", "2026-11-19", "2026-12-01"],
  });
  const bulgaria = Schema.decodeUnknownSync(Calendar.WorkingCalendar)({
    weekend: ["saturday", "sunday"],
    holidays: ["2026-12-24", "2026-12-25", "2026-12-28"],
  });

  it("moves a time limit ending on a weekend or holiday to the next working day", () => {
    // 2026-11-27 is a Friday: off in Oman, a working day in Bulgaria.
    expect(Calendar.weekday(d("2026-11-27"))).toBe("friday");
    expect(ok(Calendar.timeLimitEnd(d("2026-10-27"), { months: 1 }, oman))).toBe("2026-11-29");
    expect(ok(Calendar.timeLimitEnd(d("2026-10-27"), { months: 1 }, bulgaria))).toBe("2026-11-27");
    // 2026-12-24 (Thu) and 25 (Fri) holidays, 26–27 weekend, 28 holiday: next working day 29 December.
    expect(ok(Calendar.timeLimitEnd(d("2026-11-24"), { days: 30 }, bulgaria))).toBe("2026-12-29");
    // Holidays on 18–19 November (Wed–Thu), then the Omani weekend: Sunday 22 November.
    expect(ok(Calendar.timeLimitEnd(d("2026-08-18"), { months: 3 }, oman))).toBe("2026-11-22");
    expect(Calendar.isWorkingDay(d("2026-11-29"), oman)).toBe(true);
  });

  it("closes on annual holidays every year", () => {
    const cal = Schema.decodeUnknownSync(Calendar.WorkingCalendar)({
      weekend: ["saturday", "sunday"],
      holidays: [],
      annualHolidays: ["01-01", "12-25", "02-29"],
    });
    expect(Calendar.isWorkingDay(d("2031-12-25"), cal)).toBe(false);
    expect(Calendar.isWorkingDay(d("2030-01-01"), cal)).toBe(false);
    expect(Calendar.isWorkingDay(d("2028-02-29"), cal)).toBe(false);
    expect(Calendar.isWorkingDay(d("2030-12-24"), cal)).toBe(true);
    // 2030-12-25 is a Wednesday: a limit ending on it moves to Thursday 26 December.
    expect(ok(Calendar.timeLimitEnd(d("2030-11-25"), { months: 1 }, cal))).toBe("2030-12-26");
    for (const bad of ["02-30", "13-01", "1-1", "2026-01-01"]) {
      expect(
        Result.isFailure(
          Schema.decodeUnknownResult(Calendar.WorkingCalendar)({ weekend: [], holidays: [], annualHolidays: [bad] }),
        ),
        bad,
      ).toBe(true);
    }
  });

  it("rejects a calendar without a working day in the week", () => {
    const r = Schema.decodeUnknownResult(Calendar.WorkingCalendar)({ weekend: Calendar.weekdays, holidays: [] });
    expect(Result.isFailure(r)).toBe(true);
    expect(
      Result.isFailure(
        Schema.decodeUnknownResult(Calendar.WorkingCalendar)({ weekend: ["friday", "friday"], holidays: [] }),
      ),
    ).toBe(true);
    expect(
      Result.isFailure(Schema.decodeUnknownResult(Calendar.WorkingCalendar)({ weekend: [], holidays: ["2026-02-30"] })),
    ).toBe(true);
  });

  it("property: the end is the first working day on or after the plain end", () => {
    fc.assert(
      fc.property(
        arbModernDate.chain((start) => fc.tuple(fc.constant(start), arbPeriod, arbCalendar(start))),
        ([start, period, calendar]) => {
          const plain = ok(Calendar.add(start, period));
          const end = ok(Calendar.timeLimitEnd(start, period, calendar));
          // never on a non-working day
          expect(Calendar.isWorkingDay(end, calendar)).toBe(true);
          expect(calendar.weekend).not.toContain(Calendar.weekday(end));
          expect(calendar.holidays).not.toContain(end);
          expect(calendar.annualHolidays ?? []).not.toContain(end.slice(5));
          // never before the plain end
          expect(Calendar.compare(end, plain)).toBeGreaterThanOrEqual(0);
          // and no later than needed: every day in between is a non-working day
          for (let i = 0; i < Calendar.diffDays(plain, end); i++) {
            expect(Calendar.isWorkingDay(ok(Calendar.addDays(plain, i)), calendar)).toBe(false);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("fails cleanly when the next working day is past 9999-12-31", () => {
    const closed = Schema.decodeUnknownSync(Calendar.WorkingCalendar)({ weekend: [], holidays: ["9999-12-31"] });
    const r = Calendar.timeLimitEnd(d("9999-12-30"), { days: 1 }, closed);
    expect(Result.isFailure(r) && r.failure._tag).toBe("DateOutOfRange");
  });
});

describe("today", () => {
  const instant = Date.parse("2026-11-24T21:30:00Z");

  it("gives the calendar date of an instant in a time zone", () => {
    expect(ok(Calendar.today(instant, "UTC"))).toBe("2026-11-24");
    expect(ok(Calendar.today(instant, "Asia/Muscat"))).toBe("2026-11-25");
    expect(ok(Calendar.today(new Date(instant), "America/New_York"))).toBe("2026-11-24");
    expect(ok(Calendar.today(Date.parse("0001-01-01T00:00:00Z"), "UTC"))).toBe("0001-01-01");
  });

  it("fails with a value on unknown zones and invalid instants", () => {
    const zone = Calendar.today(instant, "Mars/Olympus_Mons");
    expect(Result.isFailure(zone) && zone.failure._tag).toBe("InvalidTimeZone");
    expect(Result.isFailure(zone) && zone.failure.message).toContain("Mars/Olympus_Mons");
    const nan = Calendar.today(Number.NaN, "UTC");
    expect(Result.isFailure(nan) && nan.failure._tag).toBe("InvalidInstant");
    expect(Result.isFailure(Calendar.today(new Date("nonsense"), "UTC"))).toBe(true);
    expect(Result.isFailure(Calendar.today(instant, "x".repeat(10_000)))).toBe(true);
    expect(Result.isFailure(Calendar.today(Date.parse("0000-12-31T00:00:00Z"), "UTC"))).toBe(true);
  });

  it("never throws on arbitrary instants and zone names", () => {
    fc.assert(
      fc.property(fc.double(), fc.string(), (ms, zone) => {
        const r = Calendar.today(ms, zone);
        expect(Result.isSuccess(r) || Result.isFailure(r)).toBe(true);
      }),
    );
  });
});
