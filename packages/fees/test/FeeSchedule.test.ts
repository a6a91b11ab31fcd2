import { Result } from "effect";
import { describe, expect, it } from "vitest";
import { FeeSchedule } from "../src/index.js";
import { decodeOrThrow, failure, sample, unwrap } from "./fixtures.js";

const paths = (result: Result.Result<unknown, FeeSchedule.ScheduleInvalid>) =>
  failure(result).issues.map((issue) => issue.path);

describe("FeeSchedule.decode", () => {
  it("accepts a valid schedule", () => {
    expect(decodeOrThrow(sample).items["trademark.filing"]?.rules).toHaveLength(4);
  });

  it("rejects an invalid schedule with one issue per JSON path", () => {
    const result = FeeSchedule.decode(
      {
        ...sample,
        office: "XXX",
        officeName: { ar: "مكتب" },
        currency: "dollars",
        effectiveFrom: "2026-13-01",
        rounding: "banker",
        items: {
          "trademark.filing": {
            description: { en: "x" },
            rules: [
              { kind: "flat", code: "A", amount: 520.5 },
              { kind: "perUnit", code: "B", unit: "chapter", amount: 1 },
              { kind: "lateSurcharge", code: "C" },
              { kind: "lateSurcharge", code: "C", amount: 1, percent: 2 },
              { kind: "discount", code: "D", categories: ["friend"], percent: 150 },
              { kind: "discount", code: "D", categories: ["sme"], percent: 12.345 },
              {
                kind: "bands",
                code: "E",
                unit: "claim",
                mode: "band",
                bands: [
                  { from: 1, to: 10, amount: 1 },
                  { from: 5, to: 3, amount: 2 },
                ],
              },
              { kind: "flat", code: "F", amount: 1, ammount: 2 },
              { kind: "script", code: "G", source: "return 0" },
              { kind: "flat", code: "H", amount: -5 },
            ],
          },
          "patent.annuity": { description: { en: "x" }, rules: [] },
        },
      },
      "bad.yaml",
    );
    const error = failure(result);
    expect(error.source).toBe("bad.yaml");
    expect(error.message).toContain("bad.yaml");
    const rules = "$.items['trademark.filing'].rules";
    expect(paths(result)).toEqual(
      expect.arrayContaining([
        "$.office",
        "$.officeName.en",
        "$.currency",
        "$.effectiveFrom",
        "$.rounding",
        `${rules}[0].amount`,
        `${rules}[1].unit`,
        `${rules}[2].amount`,
        `${rules}[3].amount`,
        `${rules}[4].categories[0]`,
        `${rules}[4].percent`,
        `${rules}[5].percent`,
        `${rules}[6].bands[1].to`,
        `${rules}[6].bands[1].from`,
        `${rules}[7].ammount`,
        `${rules}[8]`,
        `${rules}[9].amount`,
        "$.items['patent.annuity'].rules[0]",
      ]),
    );
  });

  it("rejects effectiveTo before effectiveFrom, unknown top-level keys and bad service keys", () => {
    expect(paths(FeeSchedule.decode({ ...sample, effectiveTo: "2025-12-31" }))).toEqual(["$.effectiveTo"]);
    expect(paths(FeeSchedule.decode({ ...sample, formula: "x" }))).toEqual(["$.formula"]);
    expect(
      paths(FeeSchedule.decode({ ...sample, items: { Filing: { description: { en: "x" }, rules: [] } } })),
    ).toEqual(["$.items.Filing"]);
    expect(paths(FeeSchedule.decode("not a schedule"))).toEqual(["$"]);
  });

  it("reads YAML and JSON text, naming the line of a syntax error", () => {
    const yaml = `id: yy-1
office: YY
officeName: { en: Y Office }
currency: EUR
effectiveFrom: 2026-01-01
source: test
rounding: half-up
items:
  trademark.filing:
    description: { en: Filing }
    rules:
      - { kind: flat, code: "1", amount: 10000 }
`;
    expect(unwrap(FeeSchedule.fromYaml(yaml)).effectiveFrom).toBe("2026-01-01");
    expect(unwrap(FeeSchedule.fromJson(JSON.stringify(sample))).id).toBe("xx-test-2026");
    expect(failure(FeeSchedule.fromYaml("id: [unclosed\nother: 1")).issues[0]?.message).toMatch(/line \d+/);
    expect(failure(FeeSchedule.fromYaml("a: 1\na: 2")).issues[0]?.message).toMatch(/unique|Map keys/i);
    expect(failure(FeeSchedule.fromJson("{")).issues[0]?.message).toMatch(/Not JSON/);
    expect(failure(FeeSchedule.fromYaml("x".repeat(FeeSchedule.maxTextLength + 1))).issues[0]?.message).toMatch(
      /larger/,
    );
  });

  it("does not expand a YAML alias bomb", () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 0; i < 12; i++) {
      const prev = String.fromCharCode(97 + i);
      const next = String.fromCharCode(98 + i);
      bomb.push(`${next}: &${next} [*${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}]`);
    }
    const result = Result.try(() => FeeSchedule.fromYaml(bomb.join("\n")));
    // Either a clean ScheduleInvalid or (never) a crash: fromYaml must not throw.
    expect(Result.isSuccess(result)).toBe(true);
    if (Result.isSuccess(result)) expect(Result.isFailure(result.success)).toBe(true);
  });
});

describe("FeeSchedule.applicable", () => {
  const v2024 = decodeOrThrow({ ...sample, id: "v2024", effectiveFrom: "2024-01-01", effectiveTo: "2025-12-31" });
  const v2026 = decodeOrThrow({ ...sample, id: "v2026", effectiveFrom: "2026-01-01" });
  const other = decodeOrThrow({ ...sample, id: "other", office: "YY", effectiveFrom: "2026-03-01" });
  const all = [v2026, other, v2024];

  it("chooses the version in force on the due date", () => {
    expect(unwrap(FeeSchedule.applicable(all, "trademark.filing", "2025-12-31", "XX")).id).toBe("v2024");
    expect(unwrap(FeeSchedule.applicable(all, "trademark.filing", "2026-01-01", "XX")).id).toBe("v2026");
    expect(unwrap(FeeSchedule.applicable(all, "trademark.filing", "2024-01-01", "XX")).id).toBe("v2024");
    expect(unwrap(FeeSchedule.applicable(all, "trademark.filing", "2026-06-01")).id).toBe("other");
  });

  it("is a typed error before the first version or for a service no version has", () => {
    expect(failure(FeeSchedule.applicable(all, "trademark.filing", "2023-12-31", "XX"))).toMatchObject({
      _tag: "NoApplicableSchedule",
      service: "trademark.filing",
      dueDate: "2023-12-31",
    });
    expect(failure(FeeSchedule.applicable(all, "toString", "2026-06-01"))._tag).toBe("NoApplicableSchedule");
  });

  it("finds one version holding every service of a request, or names the one no version holds", () => {
    expect(unwrap(FeeSchedule.applicable(all, ["trademark.filing", "patent.annuity"], "2026-06-01", "XX")).id).toBe(
      "v2026",
    );
    expect(
      failure(FeeSchedule.applicable(all, ["trademark.filing", "patent.grant"], "2026-06-01", "XX")),
    ).toMatchObject({
      service: "patent.grant",
    });
    const split = [
      decodeOrThrow({ ...sample, id: "tm", items: { "trademark.filing": sample.items["trademark.filing"] } }),
      decodeOrThrow({ ...sample, id: "pt", items: { "patent.annuity": sample.items["patent.annuity"] } }),
    ];
    expect(failure(FeeSchedule.applicable(split, ["trademark.filing", "patent.annuity"], "2026-06-01"))).toMatchObject({
      service: "trademark.filing + patent.annuity",
    });
  });

  it("falls back to English texts", () => {
    expect(FeeSchedule.text({ en: "Fee", ar: "رسم" }, "ar-JO")).toBe("رسم");
    expect(FeeSchedule.text({ en: "Fee" }, "bg")).toBe("Fee");
  });
});
