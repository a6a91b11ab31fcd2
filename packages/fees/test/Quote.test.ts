import { Result } from "effect";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FeeSchedule, Quote } from "../src/index.js";
import { decodeOrThrow, failure, sample, schedule, unwrap } from "./fixtures.js";

const base = { dueDate: "2026-06-01" } as const;
const q = (request: Omit<Quote.Request, "dueDate">) => Quote.quote(schedule, { ...base, ...request });
const amounts = (quote: Quote.Quote) =>
  quote.lines.map((line) => [line.code, line.quantity, line.unitAmount, line.amount]);

describe("quote: each rule kind", () => {
  it("flat + per class beyond the first + per priority + discount", () => {
    const result = unwrap(
      q({ service: "trademark.filing", classes: 3, priorities: 2, applicantCategory: "individual" }),
    );
    expect(amounts(result)).toEqual([
      ["TM1", 1, 100_000, 100_000],
      ["TM2", 2, 50_000, 100_000],
      ["TM3", 2, 20_000, 40_000],
      ["TM4", 1, -120_000, -120_000],
    ]);
    expect(result.total).toBe(120_000);
    expect(result.currency).toBe("JOD");
    expect(result.lines.map((line) => line.rule)).toEqual(["flat", "perUnit", "perUnit", "discount"]);
  });

  it("uses a rule's default count when the request omits it, and skips lines of quantity 0", () => {
    const result = unwrap(q({ service: "trademark.filing", classes: 1 }));
    expect(amounts(result)).toEqual([["TM1", 1, 100_000, 100_000]]);
  });

  it("a discount applies only to the categories it names", () => {
    expect(unwrap(q({ service: "trademark.filing", classes: 1, applicantCategory: "ldc" })).total).toBe(100_000);
    expect(unwrap(q({ service: "trademark.filing", classes: 1, applicantCategory: "sme" })).total).toBe(50_000);
  });

  it("claim bands charge the band the count falls in; pages beyond 30", () => {
    expect(amounts(unwrap(q({ service: "patent.examination", claims: 10, pages: 30 })))).toEqual([
      ["PE1", 1, 300_000, 300_000],
    ]);
    expect(unwrap(q({ service: "patent.examination", claims: 11, pages: 30 })).total).toBe(500_000);
    expect(unwrap(q({ service: "patent.examination", claims: 25, pages: 32 })).total).toBe(502_010);
    expect(unwrap(q({ service: "patent.examination", claims: 50, pages: 0 })).total).toBe(800_000);
  });

  it("graduated bands charge each unit at its band's rate", () => {
    expect(amounts(unwrap(q({ service: "patent.claims", claims: 25 })))).toEqual([
      ["PC1", 10, 0, 0],
      ["PC1", 10, 10_000, 100_000],
      ["PC1", 5, 25_000, 125_000],
    ]);
    expect(unwrap(q({ service: "patent.claims", claims: 25 })).total).toBe(225_000);
    expect(unwrap(q({ service: "patent.claims", claims: 11 })).total).toBe(10_000);
  });

  it("annuity by year with a late surcharge and a discount, rounded half-up per line", () => {
    const result = unwrap(q({ service: "patent.annuity", year: 7, daysLate: 30, applicantCategory: "individual" }));
    // 20.005 JOD; 7 % = 1.40035 → 1.400; subtotal 21.405; 50 % = 10.7025 → 10.703 (half-up).
    expect(amounts(result)).toEqual([
      ["PA", 1, 20_005, 20_005],
      ["PA-L", 1, 1_400, 1_400],
      ["PA-D", 1, -10_703, -10_703],
    ]);
    expect(result.total).toBe(10_702);
    expect(unwrap(q({ service: "patent.annuity", year: 2 })).total).toBe(10_000);
    expect(unwrap(q({ service: "patent.annuity", year: 20 })).total).toBe(40_000);
  });

  it("a flat surcharge applies when paid late inside the grace period, by days or by flag", () => {
    expect(unwrap(q({ service: "trademark.renewal", classes: 2 })).total).toBe(60_000);
    expect(unwrap(q({ service: "trademark.renewal", classes: 2, daysLate: 183 })).total).toBe(75_000);
    expect(unwrap(q({ service: "trademark.renewal", classes: 2, lateWithinGrace: true })).total).toBe(75_000);
  });

  it("a cap brings the item down with a line of its own", () => {
    const result = unwrap(q({ service: "design.filing", designs: 30 }));
    expect(amounts(result)).toEqual([
      ["D1", 1, 40_000, 40_000],
      ["D2", 29, 10_000, 290_000],
      ["D3", 1, -130_000, -130_000],
    ]);
    expect(result.total).toBe(200_000);
    expect(unwrap(q({ service: "design.filing", designs: 5 })).total).toBe(80_000);
  });

  it("a minimum brings the item up with a line of its own", () => {
    const result = unwrap(q({ service: "recordal.transfer", applicantCategory: "ldc" }));
    expect(amounts(result)).toEqual([
      ["RT", 1, 5_000, 5_000],
      ["RT-D", 1, -4_500, -4_500],
      ["RT-M", 1, 500, 500],
    ]);
    expect(result.total).toBe(1_000);
  });
});

describe("quote: composition, language, determinism", () => {
  it("prices several services in one quote", () => {
    const result = unwrap(q({ services: ["trademark.filing", "recordal.transfer"], classes: 1 }));
    expect(result.total).toBe(105_000);
    expect(Quote.subtotal(result, "recordal.transfer")).toBe(5_000);
    expect(Quote.services({ service: "a.b", services: ["a.b", "c.d"] })).toEqual(["a.b", "c.d"]);
  });

  it("describes lines in the requested language, else English", () => {
    const ar = unwrap(q({ service: "trademark.filing", classes: 2, language: "ar" }));
    expect(ar.lines.map((line) => line.description)).toEqual(["إيداع علامة تجارية", "كل فئة إضافية"]);
    const fr = unwrap(q({ service: "trademark.filing", classes: 2, language: "fr" }));
    expect(fr.lines.map((line) => line.description)).toEqual(["Trademark filing", "Each class beyond the first"]);
  });

  it("dedupes services and compiles each schedule once (later quotes see the same schedule object)", () => {
    const twice = unwrap(q({ services: ["recordal.transfer", "recordal.transfer"] }));
    expect(twice.total).toBe(5_000);
    expect(
      unwrap(Quote.total(schedule, { ...base, service: "recordal.transfer", services: ["recordal.transfer"] })),
    ).toBe(5_000);
    const other = decodeOrThrow({ ...sample, id: "other" });
    expect(unwrap(Quote.quote(other, { ...base, service: "recordal.transfer" })).schedule).toBe("other");
    expect(unwrap(q({ service: "recordal.transfer" })).schedule).toBe("xx-test-2026");
  });

  it("is deterministic", () => {
    const request = { ...base, service: "patent.annuity", year: 9, daysLate: 3, applicantCategory: "sme" } as const;
    expect(Quote.quote(schedule, request)).toEqual(Quote.quote(schedule, request));
  });
});

describe("quote: typed errors, never a zero fee", () => {
  it("names the missing service", () => {
    const error = failure(q({ service: "patent.grant" }));
    expect(error).toBeInstanceOf(Quote.ServiceNotCovered);
    expect(error).toMatchObject({ service: "patent.grant", schedule: "xx-test-2026" });
    expect(failure(q({}))).toBeInstanceOf(Quote.NoServiceRequested);
  });

  it("names the missing parameter", () => {
    expect(failure(q({ service: "trademark.filing" }))).toMatchObject({
      _tag: "MissingParameter",
      service: "trademark.filing",
      code: "TM2",
      parameter: "classes",
    });
    expect(failure(q({ service: "patent.annuity" }))).toMatchObject({ _tag: "MissingParameter", parameter: "year" });
    expect(failure(q({ service: "patent.examination", pages: 3 }))).toMatchObject({ parameter: "claims" });
  });

  it("refuses counts and years outside the schedule's bands", () => {
    expect(failure(q({ service: "patent.examination", claims: 51, pages: 0 }))).toMatchObject({
      _tag: "ParameterOutOfRange",
      parameter: "claims",
      value: 51,
      covered: "1–10, 11–30, 31–50",
    });
    expect(failure(q({ service: "patent.examination", claims: 0, pages: 0 }))).toMatchObject({ value: 0 });
    expect(failure(q({ service: "patent.annuity", year: 21 }))).toMatchObject({ parameter: "year", value: 21 });
  });

  it("refuses a payment after the grace period", () => {
    expect(failure(q({ service: "trademark.renewal", classes: 1, daysLate: 184 }))).toMatchObject({
      _tag: "LateBeyondGrace",
      daysLate: 184,
      graceDays: 183,
    });
  });

  it("refuses parameters that are not whole numbers in range", () => {
    expect(failure(q({ service: "trademark.filing", classes: -1 }))).toMatchObject({
      _tag: "InvalidParameter",
      parameter: "classes",
    });
    expect(failure(q({ service: "trademark.filing", classes: 1.5 }))).toMatchObject({ parameter: "classes" });
    expect(failure(q({ service: "patent.annuity", year: Number.NaN }))).toMatchObject({ parameter: "year" });
  });

  it("refuses amounts beyond exact integers", () => {
    const huge = decodeOrThrow({
      ...sample,
      items: {
        "trademark.filing": {
          description: { en: "x" },
          rules: [{ kind: "perUnit", code: "X", unit: "class", amount: 1_000_000_000_000 }],
        },
      },
    });
    expect(failure(Quote.quote(huge, { ...base, service: "trademark.filing", classes: 100_000 }))).toMatchObject({
      _tag: "AmountOverflow",
    });
  });
});

// ---------------------------------------------------------------------------------------------------------------------
// Properties over random schedules and requests

const amount = fc.integer({ min: 0, max: 10_000_000 });
const count = fc.integer({ min: 0, max: 60 });
const percent = fc.integer({ min: 0, max: 10_000 }).map((bp) => bp / 100);
const bands = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 10 }), amount), { minLength: 1, maxLength: 4 })
  .map((parts) => {
    let from = 1;
    return parts.map(([span, value], index) => {
      const band =
        index === parts.length - 1 && span % 2 === 0
          ? { from, amount: value }
          : { from, to: from + span, amount: value };
      from += span + 1;
      return band;
    });
  });
const unit = fc.constantFrom("class", "claim", "page", "priority", "design");
const rule = fc.oneof(
  fc.record({ kind: fc.constant("flat"), code: fc.constant("F"), amount }),
  fc.record({
    kind: fc.constant("perUnit"),
    code: fc.constant("U"),
    unit,
    amount,
    included: fc.option(count, { nil: undefined }),
    default: fc.option(count, { nil: undefined }),
  }),
  fc.record({
    kind: fc.constant("bands"),
    code: fc.constant("B"),
    unit,
    mode: fc.constantFrom("band", "perUnit"),
    bands,
  }),
  fc.record({ kind: fc.constant("byYear"), code: fc.constant("Y"), years: bands }),
  fc.oneof(
    fc.record({ kind: fc.constant("lateSurcharge"), code: fc.constant("L"), graceDays: count, amount }),
    fc.record({ kind: fc.constant("lateSurcharge"), code: fc.constant("L"), percent }),
  ),
  fc.record({
    kind: fc.constant("discount"),
    code: fc.constant("D"),
    categories: fc.constant(["individual", "sme"]),
    percent,
  }),
  fc.record({ kind: fc.constant("cap"), code: fc.constant("C"), amount }),
  fc.record({ kind: fc.constant("minimum"), code: fc.constant("M"), amount }),
);
const randomSchedule = fc
  .array(fc.array(rule, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 3 })
  .map((items) => ({
    ...sample,
    currency: "BHD",
    items: Object.fromEntries(items.map((rules, index) => [`service.s${index}`, { description: { en: "s" }, rules }])),
  }));
const randomRequest = fc.record({
  services: fc.subarray(["service.s0", "service.s1", "service.s2"], { minLength: 1 }),
  classes: fc.option(count, { nil: undefined }),
  claims: fc.option(count, { nil: undefined }),
  pages: fc.option(count, { nil: undefined }),
  priorities: fc.option(count, { nil: undefined }),
  designs: fc.option(count, { nil: undefined }),
  year: fc.option(count, { nil: undefined }),
  daysLate: fc.option(count, { nil: undefined }),
  applicantCategory: fc.option(fc.constantFrom("individual", "sme", "university", "ldc"), { nil: undefined }),
});

describe("quote: properties", () => {
  it("for random schedules and requests: a typed error, or integer lines that sum to a non-negative total", () => {
    let priced = 0;
    fc.assert(
      fc.property(randomSchedule, randomRequest, (input, request) => {
        const decoded = FeeSchedule.decode(input);
        expect(decoded._tag).toBe("Success");
        if (decoded._tag !== "Success") return;
        const result = Quote.quote(decoded.success, { ...base, ...request });
        if (result._tag === "Failure") {
          expect(Quote.total(decoded.success, { ...base, ...request })).toEqual(Result.fail(result.failure));
          expect(["ServiceNotCovered", "MissingParameter", "ParameterOutOfRange", "LateBeyondGrace"]).toContain(
            result.failure._tag,
          );
          return;
        }
        priced += 1;
        const { lines, total } = result.success;
        expect(Quote.total(decoded.success, { ...base, ...request })).toEqual(Result.succeed(total));
        expect(Number.isSafeInteger(total)).toBe(true);
        expect(total).toBeGreaterThanOrEqual(0);
        expect(lines.reduce((sum, line) => sum + line.amount, 0)).toBe(total);
        for (const line of lines) {
          expect(Number.isSafeInteger(line.amount)).toBe(true);
          expect(Number.isSafeInteger(line.unitAmount)).toBe(true);
          if (line.rule === "perUnit" || line.rule === "bands")
            expect(line.amount).toBe(line.quantity * line.unitAmount);
        }
        for (const service of new Set(lines.map((line) => line.service)))
          expect(Quote.subtotal(result.success, service)).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 400 },
    );
    // The generators must reach the success branch often enough for the property to mean something.
    expect(priced).toBeGreaterThan(40);
  });

  it("for random requests on the fixture: totals are never negative or fractional", () => {
    fc.assert(
      fc.property(
        fc.record({
          service: fc.constantFrom(...Object.keys(sample.items)),
          classes: fc.integer({ min: 1, max: 45 }),
          claims: fc.integer({ min: 1, max: 50 }),
          pages: fc.integer({ min: 0, max: 500 }),
          priorities: fc.integer({ min: 0, max: 5 }),
          designs: fc.integer({ min: 1, max: 100 }),
          year: fc.integer({ min: 2, max: 20 }),
          daysLate: fc.integer({ min: 0, max: 183 }),
          applicantCategory: fc.option(fc.constantFrom("individual", "sme", "university", "ldc"), { nil: undefined }),
        }),
        (request) => {
          const result = unwrap(Quote.quote(schedule, { ...base, ...request }));
          expect(Number.isSafeInteger(result.total) && result.total >= 0).toBe(true);
          expect(result.lines.reduce((sum, line) => sum + line.amount, 0)).toBe(result.total);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("quote: hostile input", () => {
  it("never throws, whatever the request object holds", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          fc.record(
            {
              service: fc.oneof(fc.constantFrom(...Object.keys(sample.items)), fc.anything()),
              services: fc.anything(),
              dueDate: fc.anything(),
              language: fc.anything(),
              classes: fc.oneof(fc.integer(), fc.anything()),
              year: fc.oneof(fc.integer(), fc.anything()),
              applicantCategory: fc.anything(),
              lateWithinGrace: fc.anything(),
            },
            { requiredKeys: [] },
          ),
        ),
        (request) => {
          const result = Quote.quote(schedule, request as Quote.Request);
          if (result._tag === "Success") expect(Number.isSafeInteger(result.success.total)).toBe(true);
          else expect(typeof result.failure.message).toBe("string");
        },
      ),
      { numRuns: 500 },
    );
  });

  it("decodeRequest validates untrusted input with one issue per path", () => {
    expect(
      unwrap(Quote.decodeRequest({ service: "trademark.filing", dueDate: "2026-01-01", classes: 2 })).classes,
    ).toBe(2);
    const issues = failure(
      Quote.decodeRequest({ service: "Filing!", dueDate: "yesterday", classes: -1, applicantCategory: "king", x: 1 }),
    ).issues.map((issue) => issue.path);
    expect(issues).toEqual(
      expect.arrayContaining(["$.service", "$.dueDate", "$.classes", "$.applicantCategory", "$.x"]),
    );
  });
});
