import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Money } from "../src/index.js";

const nbsp = (text: string) => text.replace(/\u00a0/g, " ");

describe("Money", () => {
  it("knows ISO 4217 minor units", () => {
    expect(["BHD", "JOD", "KWD", "OMR", "JPY", "EUR", "BGN", "CHF"].map(Money.exponent)).toEqual([
      3, 3, 3, 3, 0, 2, 2, 2,
    ]);
  });

  it("parses and prints major units exactly", () => {
    expect(Money.parseMajor("520", "BGN")).toBe(52_000);
    expect(Money.parseMajor("520.5", "BGN")).toBe(52_050);
    expect(Money.parseMajor("1.250", "BHD")).toBe(1_250);
    expect(Money.parseMajor("0.1", "JPY")).toBeUndefined();
    expect(Money.parseMajor("1.001", "EUR")).toBeUndefined();
    expect(Money.parseMajor("12abc", "EUR")).toBeUndefined();
    expect(Money.toMajorString(52_000, "BGN")).toBe("520.00");
    expect(Money.toMajorString(5, "BHD")).toBe("0.005");
    expect(Money.toMajorString(-1_234, "JOD")).toBe("-1.234");
    expect(Money.toMajorString(1_234, "JPY")).toBe("1234");
  });

  it("round-trips every amount through its decimal text", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), fc.constantFrom("BHD", "EUR", "JPY"), (amount, currency) => {
        expect(Money.parseMajor(Money.toMajorString(amount, currency), currency)).toBe(amount);
      }),
    );
  });

  it("formats per locale with the currency's decimals", () => {
    expect(nbsp(Money.format(1_234_500, "JOD", "en"))).toBe("JOD 1,234.500");
    expect(nbsp(Money.format(52_000, "BGN", "en"))).toBe("BGN 520.00");
    expect(nbsp(Money.format(1_000, "JPY", "en"))).toBe("¥1,000");
    // Beyond 2^53 / 1000 a float would lose digits; the decimal string keeps them.
    expect(nbsp(Money.format(9_007_199_254_740_991, "BHD", "en"))).toBe("BHD 9,007,199,254,740.991");
  });

  it("rounds percentages half away from zero in integer arithmetic", () => {
    expect(Money.percentOf(1_005, 5_000)).toBe(503); // 502.5 → 503
    expect(Money.percentOf(1_004, 5_000)).toBe(502);
    expect(Money.percentOf(-1_005, 5_000)).toBe(-503);
    expect(Money.percentOf(20_005, 700)).toBe(1_400); // 1400.35
    expect(Money.percentOf(15, 1_000)).toBe(2); // 1.5 → 2
    expect(Money.percentOf(9_007_199_254_740_991, 10_000)).toBe(9_007_199_254_740_991);
    expect(Money.basisPoints(12.5)).toBe(1_250);
    expect(Money.basisPoints(7)).toBe(700);
  });

  it("rounding agrees with exact rational arithmetic", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 0, max: 100_000 }), (amount, bp) => {
        const exact = BigInt(amount) * BigInt(bp);
        const floor = exact / 10_000n;
        const remainder = exact % 10_000n;
        expect(BigInt(Money.percentOf(amount, bp))).toBe(remainder >= 5_000n ? floor + 1n : floor);
      }),
    );
  });
});
