/**
 * The gazette's issues (src/publish/issues.ts): calendar months and ISO 8601 weeks (Monday to Sunday; week 1 holds
 * the year's first Thursday, so a year has 52 or 53 weeks and a week may straddle two years).
 */
import { Calendar } from "@ipoffice/domain";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  issueContaining,
  issueOf,
  latestIssues,
  nextIssue,
  type Period,
  previousIssue,
} from "../src/publish/issues.js";

const day = (text: string) => text as Calendar.IsoDate;

describe("gazette issues", () => {
  it("numbers weeks as ISO 8601 does, across the turn of the year", () => {
    // 2026-01-01 is a Thursday: week 1 of 2026 begins on Monday 2025-12-29.
    expect(issueContaining(day("2026-01-01"), "week")).toMatchObject({
      id: "2026-W01",
      from: "2025-12-29",
      to: "2026-01-04",
    });
    expect(issueContaining(day("2025-12-29"), "week").id).toBe("2026-W01");
    // 2020 had 53 weeks; 3 January 2021 (a Sunday) still belongs to its week 53.
    expect(issueContaining(day("2021-01-03"), "week")).toMatchObject({ id: "2020-W53", from: "2020-12-28" });
    expect(issueContaining(day("2027-01-01"), "week").id).toBe("2026-W53");
    expect(issueOf("2025-W53", "week")).toBeUndefined();
    expect(issueOf("2026-W53", "week")).toMatchObject({ from: "2026-12-28", to: "2027-01-03" });
  });

  it("takes months with their length, leap years too", () => {
    expect(issueOf("2024-02", "month")).toMatchObject({ from: "2024-02-01", to: "2024-02-29" });
    expect(issueOf("2026-02", "month")).toMatchObject({ from: "2026-02-01", to: "2026-02-28" });
    expect(issueContaining(day("2026-12-31"), "month").id).toBe("2026-12");
  });

  it("reads no id that is not an issue of the office's period", () => {
    for (const id of [
      "2026-13",
      "2026-00",
      "2026-W00",
      "2026-W54",
      "2026-1",
      "26-11",
      "2026-11-01",
      "",
      "2026-W1",
      "x",
    ]) {
      expect(issueOf(id, "month"), id).toBeUndefined();
      expect(issueOf(id, "week"), id).toBeUndefined();
    }
    expect(issueOf("2026-W10", "month")).toBeUndefined();
    expect(issueOf("2026-10", "week")).toBeUndefined();
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.constantFrom<Period>("month", "week"), (id, period) => {
        const issue = issueOf(id, period);
        if (issue !== undefined) expect(issue.id).toBe(id);
      }),
    );
  });

  it("puts every day in exactly one issue, whose id reads back, and issues follow one another without a gap", () => {
    const dates = fc.integer({ min: Calendar.diffDays(day("1970-01-01"), day("1900-01-01")), max: 80_000 }).map((n) => {
      const moved = Calendar.addDays(day("1970-01-01"), n);
      if (moved._tag !== "Success") throw new Error("out of range");
      return moved.success;
    });
    fc.assert(
      fc.property(dates, fc.constantFrom<Period>("month", "week"), (d, period) => {
        const issue = issueContaining(d, period);
        expect(issue.from <= d && d <= issue.to).toBe(true);
        expect(issueOf(issue.id, period)).toEqual(issue);
        const next = nextIssue(issue);
        expect(next && Calendar.diffDays(issue.to, next.from)).toBe(1);
        expect(next && previousIssue(next)).toEqual(issue);
        if (period === "week") expect(Calendar.diffDays(issue.from, issue.to)).toBe(6);
      }),
    );
  });

  it("lists the latest issues newest first", () => {
    expect(latestIssues(day("2026-03-02"), "month", 3).map((i) => i.id)).toEqual(["2026-03", "2026-02", "2026-01"]);
  });
});
