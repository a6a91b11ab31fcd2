/**
 * Offices that change currency (Bulgaria adopted the euro on 2026-01-01 at the fixed rate of 1.95583 BGN per EUR) and
 * fees charged per class at renewal, surcharges included (UAE, Cabinet Resolution No. 102 of 2025).
 */
import { Result } from "effect";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FeeSchedule, Money, Quote } from "../src/index.js";
import { decodeOrThrow, unwrap } from "./fixtures.js";

const bgn = decodeOrThrow({
  id: "bg-test-2020",
  office: "BG",
  officeName: { en: "Test" },
  currency: "BGN",
  effectiveFrom: "2020-04-14",
  effectiveTo: "2025-12-31",
  source: "test",
  rounding: "half-up",
  items: {
    "trademark.filing": {
      description: { en: "Filing" },
      rules: [
        { kind: "flat", code: "001", amount: 52_000 },
        { kind: "perUnit", code: "003", unit: "class", included: 3, amount: 3_000 },
        { kind: "discount", code: "D", categories: ["sme"], percent: 10 },
      ],
    },
    "patent.annuity": {
      description: { en: "Annuity" },
      rules: [
        { kind: "byYear", code: "A", years: [{ from: 2, to: 5, amount: 5_000 }] },
        { kind: "lateSurcharge", code: "L", amount: 2_000, graceDays: 180 },
      ],
    },
  },
});

describe("Money.convertAtFixedRate (a conversion law's fixed rate, rounded to the cent, half up)", () => {
  it("converts BGN to EUR at 1.95583 as Bulgaria's euro law does", () => {
    const eur = (stotinki: number) => Money.convertAtFixedRate(stotinki, "BGN", "EUR", "1.95583");
    expect(eur(52_000)).toBe(26_587); // 520 / 1.95583 = 265.8718…
    expect(eur(3_000)).toBe(1_534); // 15.3388…
    expect(eur(2_000)).toBe(1_023); // 10.2258…
    expect(eur(5_000)).toBe(2_556); // 25.5646…
    expect(eur(101_000)).toBe(51_640); // 516.4048…
    expect(eur(195_583)).toBe(100_000); // exactly EUR 1,000
    expect(eur(1)).toBe(1); // 0.0051… rounds up to a cent
    expect(eur(-52_000)).toBe(-26_587);
    expect(eur(0)).toBe(0);
  });

  it("rounds half a minor unit away from zero and respects each currency's minor unit", () => {
    expect(Money.convertAtFixedRate(5, "EUR", "EUR", "2")).toBe(3); // 0.025 → 0.03
    expect(Money.convertAtFixedRate(1_000, "JOD", "EUR", "0.5")).toBe(200); // JOD 1.000 → EUR 2.00
    expect(Money.convertAtFixedRate(100, "EUR", "JPY", "0.01")).toBe(100); // EUR 1.00 → JPY 100
  });

  it("refuses a rate that is not a positive decimal", () => {
    for (const rate of ["0", "-1.9", "abc", "1e3", ""])
      expect(Money.convertAtFixedRate(100, "BGN", "EUR", rate)).toBe(undefined);
  });

  it("is within half a cent of the exact value, for any amount", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (stotinki) => {
        const cents = Money.convertAtFixedRate(stotinki, "BGN", "EUR", "1.95583") ?? Number.NaN;
        // |cents − stotinki / 1.95583| ≤ 0.5, in integers: |cents × 195583 − stotinki × 100000| ≤ 97791.5
        const error = BigInt(cents) * 195_583n - BigInt(stotinki) * 100_000n;
        expect(error <= 97_792n && error >= -97_791n).toBe(true);
      }),
    );
  });
});

describe("FeeSchedule.convert", () => {
  it("converts every amount of a schedule, keeping percentages, counts and codes", () => {
    const eur = unwrap(
      FeeSchedule.convert(bgn, {
        currency: "EUR",
        rate: "1.95583",
        id: "bg-test-2026",
        effectiveFrom: "2026-01-01",
        source: "converted",
      }),
    );
    expect(eur).toMatchObject({
      id: "bg-test-2026",
      currency: "EUR",
      effectiveFrom: "2026-01-01",
      source: "converted",
    });
    expect(eur.effectiveTo).toBeUndefined();
    const q = unwrap(
      Quote.quote(eur, { service: "trademark.filing", dueDate: "2026-02-01", classes: 5, applicantCategory: "sme" }),
    );
    expect(q.lines.map((l) => [l.code, l.quantity, l.unitAmount, l.amount])).toEqual([
      ["001", 1, 26_587, 26_587],
      ["003", 2, 1_534, 3_068],
      ["D", 1, -2_966, -2_966],
    ]);
    expect(q.currency).toBe("EUR");
    const annuity = unwrap(
      Quote.quote(eur, { service: "patent.annuity", dueDate: "2026-02-01", year: 3, daysLate: 10 }),
    );
    expect(annuity.lines.map((l) => l.amount)).toEqual([2_556, 1_023]);
  });

  it("says which amount it cannot convert", () => {
    const r = FeeSchedule.convert(bgn, {
      currency: "EUR",
      rate: "0",
      id: "x",
      effectiveFrom: "2026-01-01",
      source: "s",
    });
    expect(Result.isFailure(r) && r.failure.issues[0]?.path).toBe("$.items['trademark.filing'].rules[0].amount");
  });
});

describe("FeeSchedule.currencyOverlaps: one currency per office on any date, changes allowed", () => {
  const eur = unwrap(
    FeeSchedule.convert(bgn, {
      currency: "EUR",
      rate: "1.95583",
      id: "bg-test-2026",
      effectiveFrom: "2026-01-01",
      source: "s",
    }),
  );
  it("accepts a clean change of currency, and picks the schedule in force by due date", () => {
    expect(FeeSchedule.currencyOverlaps([bgn, eur])).toEqual([]);
    expect(unwrap(FeeSchedule.applicable([bgn, eur], "trademark.filing", "2025-12-31", "BG")).currency).toBe("BGN");
    expect(unwrap(FeeSchedule.applicable([bgn, eur], "trademark.filing", "2026-01-01", "BG")).currency).toBe("EUR");
  });

  it("names two currencies in force on the same date", () => {
    const early = { ...eur, effectiveFrom: "2025-07-01" };
    expect(FeeSchedule.currencyOverlaps([bgn, early])).toEqual([
      { office: "BG", first: "bg-test-2020", second: "bg-test-2026", from: "2025-07-01" },
    ]);
    // other offices and same-currency versions are no concern of this check
    expect(FeeSchedule.currencyOverlaps([bgn, { ...bgn, id: "bg-other", office: "XX", currency: "EUR" }])).toEqual([]);
  });
});

describe("lateSurcharge per unit (per-class renewals)", () => {
  const renewal = decodeOrThrow({
    id: "ae-test-2025",
    office: "AE",
    officeName: { en: "Test" },
    currency: "AED",
    effectiveFrom: "2025-11-15",
    source: "test",
    rounding: "half-up",
    items: {
      "trademark.renewal": {
        description: { en: "Renewal" },
        rules: [
          { kind: "perUnit", code: "R", unit: "class", amount: 575_000 },
          { kind: "lateSurcharge", code: "RL", unit: "class", amount: 75_000, graceDays: 184 },
        ],
      },
    },
  });
  const quote = (request: Omit<Quote.Request, "dueDate" | "service">) =>
    Quote.quote(renewal, { ...request, service: "trademark.renewal", dueDate: "2026-02-01" });

  it("charges the surcharge once per class: 5,750 a class in time, 6,500 a class in the grace period", () => {
    expect(unwrap(quote({ classes: 2 })).total).toBe(1_150_000);
    const late = unwrap(quote({ classes: 2, daysLate: 30 }));
    expect(late.lines.map((l) => [l.code, l.quantity, l.unitAmount, l.amount])).toEqual([
      ["R", 2, 575_000, 1_150_000],
      ["RL", 2, 75_000, 150_000],
    ]);
    expect(late.total).toBe(1_300_000);
    expect(Result.isFailure(quote({ classes: 2, daysLate: 200 }))).toBe(true);
  });

  it("needs the count it is per, and is refused with a percentage", () => {
    const missing = quote({ daysLate: 3 });
    expect(Result.isFailure(missing) && missing.failure._tag).toBe("MissingParameter");
    const bad = FeeSchedule.decode({
      ...renewal,
      items: {
        "trademark.renewal": {
          description: { en: "R" },
          rules: [{ kind: "lateSurcharge", code: "L", unit: "class", percent: 10 }],
        },
      },
    });
    expect(Result.isFailure(bad) && bad.failure.issues.map((i) => i.message).join()).toContain(
      "per unit needs an amount",
    );
  });
});
