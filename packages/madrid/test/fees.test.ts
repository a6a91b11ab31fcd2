import { readFileSync } from "node:fs";
import { Fees } from "@ipoffice/madrid";
import { Result } from "effect";
import fc from "fast-check";
import { describe, expect, it } from "vitest";

const data = JSON.parse(readFileSync(new URL("./fixtures/individual-fees.json", import.meta.url), "utf8"));
const individual = Result.getOrThrow(Fees.decodeIndividualFees(data));

const quote = (r: Record<string, unknown>) =>
  Result.getOrThrow(
    Fees.madridFees(
      {
        colour: false,
        classes: [25],
        designatedParties: ["OM"],
        leastDevelopedCountry: false,
        date: "2026-11-24",
        ...r,
      } as unknown as never,
      individual,
    ),
  );

const base = {
  colour: false,
  classes: [25],
  designatedParties: ["OM"],
  leastDevelopedCountry: false,
  date: "2026-11-24",
};

const byRule = (q: ReturnType<typeof quote>, rule: string) => q.lines.filter((l) => l.rule === rule);

describe("madridFees", () => {
  it("black and white, three classes, two parties without individual fees: 653 + 2 × 100", () => {
    const q = quote({ classes: [3, 25, 35], designatedParties: ["OM", "JO"] });
    expect(q.currency).toBe("CHF");
    expect(q.total).toBe(85_300);
    expect(byRule(q, "madrid.supplementary")).toEqual([]);
    expect(byRule(q, "madrid.complementary")[0]).toMatchObject({ quantity: 2, unitAmount: 10_000, amount: 20_000 });
  });

  it("colour, five classes, OM and China: supplementary for the 2 extra classes, complementary for OM, China's individual fee", () => {
    const q = quote({ colour: true, classes: [3, 9, 25, 35, 41], designatedParties: ["OM", "CN"] });
    expect(byRule(q, "madrid.basic")[0]?.amount).toBe(90_300);
    expect(byRule(q, "madrid.supplementary")[0]).toMatchObject({ quantity: 2, amount: 20_000 });
    expect(byRule(q, "madrid.complementary")[0]).toMatchObject({ quantity: 1, amount: 10_000 });
    expect(byRule(q, "madrid.individual")[0]).toMatchObject({ code: "2.4-CN", amount: 24_900 + 4 * 12_500 });
    expect(q.total).toBe(90_300 + 20_000 + 10_000 + 74_900);
  });

  it("no supplementary fee when every designated party takes an individual fee (Benelux first/second/further)", () => {
    const q = quote({ classes: [3, 9, 25, 35, 41], designatedParties: ["CN", "BH", "BX"] });
    expect(byRule(q, "madrid.supplementary")).toEqual([]);
    expect(byRule(q, "madrid.complementary")).toEqual([]);
    const amounts = Object.fromEntries(byRule(q, "madrid.individual").map((l) => [l.code, l.amount]));
    expect(amounts).toEqual({ "2.4-CN": 74_900, "2.4-BH": 151_700, "2.4-BX": 22_400 + 2_500 + 3 * 7_500 });
    expect(q.total).toBe(65_300 + 74_900 + 151_700 + 47_400);
  });

  it("applies the individual fee in force on the date", () => {
    const q = quote({ classes: [3, 9, 25, 35, 41], designatedParties: ["BX"], date: "2024-06-01" });
    expect(byRule(q, "madrid.individual")[0]?.amount).toBe(20_000 + 2_000 + 3 * 6_000);
  });

  it("never guesses: a party that declared an individual fee (Protocol art. 8(7)) the table lacks for the date is an error naming it", () => {
    const before = Fees.madridFees(
      { ...base, classes: [3], designatedParties: ["OM", "BX"], date: "2019-12-31" } as never,
      individual,
    );
    expect(Result.isFailure(before) && before.failure).toMatchObject({
      reason: "IndividualFeeMissing",
      party: "BX",
      date: "2019-12-31",
    });
    expect(Result.isFailure(before) && before.failure.message).toMatch(/BX .*2019-12-31.*first is from 2020-01-01/);
    // declared, amounts not in the table yet
    const declaredOnly = Fees.madridFees(
      { ...base, designatedParties: ["US"] } as never,
      {
        ...individual,
        declared: ["US"],
      } as never,
    );
    expect(Result.isFailure(declaredOnly) && declaredOnly.failure).toMatchObject({
      reason: "IndividualFeeMissing",
      party: "US",
    });
    // an explicit "complementary" entry says the party takes the complementary fee
    const explicit = Result.getOrThrow(
      Fees.madridFees(
        { ...base, designatedParties: ["US"] } as never,
        {
          ...individual,
          parties: { US: [{ effectiveFrom: "2020-01-01", application: { kind: "complementary" } }] },
        } as never,
      ),
    );
    expect(byRule(explicit, "madrid.complementary")[0]).toMatchObject({ code: "2.3", quantity: 1 });
  });

  it("only Contracting Parties of the Protocol can be designated: EM for the EU, BX for Benelux, never WO or unknown codes", () => {
    for (const party of ["WO", "IB", "EU", "BE", "EP", "GC", "XX", "QQ"]) {
      const r = Fees.madridFees({ ...base, designatedParties: ["OM", party] } as never, individual);
      expect(Result.isFailure(r) && r.failure, party).toMatchObject({ reason: "NotContractingParty", party });
    }
    expect(
      Result.isSuccess(Fees.madridFees({ ...base, designatedParties: ["EM", "BX", "OA"] } as never, individual)),
    ).toBe(true);
    // the office's list of Contracting Parties, when it keeps one, is the list
    const listed = { ...individual, contractingParties: ["OM", "EM"] } as never;
    const r = Fees.madridFees({ ...base, designatedParties: ["OM", "JO"] } as never, listed);
    expect(Result.isFailure(r) && r.failure).toMatchObject({ reason: "NotContractingParty", party: "JO" });
  });

  it("least-developed country: 10 % of the basic fee rounded as WIPO rounds it, 65 and 90 CHF (Schedule of Fees, item 2.1, note)", () => {
    const q = quote({ leastDevelopedCountry: true });
    expect(byRule(q, "madrid.ldc-reduction")[0]).toMatchObject({ code: "2.1.1", amount: 6_500 - 65_300 });
    expect(q.total).toBe(6_500 + 10_000);
    const colour = quote({ leastDevelopedCountry: true, colour: true });
    expect(colour.total).toBe(9_000 + 10_000);
  });

  it("item numbers follow the Schedule of Fees: 2.1.1/2.1.2 basic, 2.2 supplementary, 2.3 complementary, 2.4 individual", () => {
    const q = quote({ colour: true, classes: [3, 9, 25, 35], designatedParties: ["OM", "CN"] });
    expect(q.lines.map((l) => l.code)).toEqual(["2.1.2", "2.2", "2.3", "2.4-CN"]);
    expect(quote({}).lines[0]?.code).toBe("2.1.1");
  });

  it("renewal in the grace period: basic (6.1), 50 % surcharge (6.5), complementary fees (6.3)", () => {
    const q = quote({
      kind: "renewal",
      classes: [3, 25, 35],
      designatedParties: ["OM", "JO"],
      withinGracePeriod: true,
    });
    expect(q.lines.map((l) => [l.code, l.rule, l.amount])).toEqual([
      ["6.1", "madrid.basic", 65_300],
      ["6.5", "madrid.surcharge", 32_650],
      ["6.3", "madrid.complementary", 20_000],
    ]);
  });

  it("a renewal designating a party whose table has no renewal amount is an error naming the party and the date", () => {
    const r = Fees.madridFees({ ...base, kind: "renewal", designatedParties: ["OM", "CN"] } as never, individual);
    expect(Result.isFailure(r) && r.failure).toMatchObject({
      reason: "IndividualFeeMissing",
      party: "CN",
      date: "2026-11-24",
    });
    expect(Result.isFailure(r) && r.failure.message).toMatch(/no renewal amount/);
  });

  it("says what is missing", () => {
    const none = Fees.madridFees(
      {
        colour: false,
        classes: [],
        designatedParties: ["OM"],
        leastDevelopedCountry: false,
        date: "2026-11-24",
      } as never,
      individual,
    );
    expect(Result.isFailure(none) && none.failure.reason).toBe("NoClass");
    const bad = Fees.decodeIndividualFees({
      currency: "CHF",
      parties: { CN: [{ effectiveFrom: "2025-01-01", application: { kind: "flat", amount: 12.345 } }] },
    });
    expect(Result.isFailure(bad) && bad.failure.message).toMatch(/two decimals/);
  });

  it("lines add up, every party is priced once, more classes never cost less (property)", () => {
    const parties = fc.uniqueArray(fc.constantFrom("OM", "JO", "CN", "BH", "BX", "EG", "MA"), {
      minLength: 1,
      maxLength: 7,
    });
    const classes = fc.uniqueArray(fc.integer({ min: 1, max: 44 }), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(parties, classes, fc.boolean(), fc.boolean(), (ps, cs, colour, ldc) => {
        const q = quote({ designatedParties: ps, classes: cs, colour, leastDevelopedCountry: ldc });
        expect(q.total).toBe(q.lines.reduce((s, l) => s + l.amount, 0));
        const complementary = byRule(q, "madrid.complementary")[0]?.quantity ?? 0;
        expect(complementary + byRule(q, "madrid.individual").length).toBe(ps.length);
        expect(byRule(q, "madrid.supplementary").length > 0).toBe(cs.length > 3 && complementary > 0);
        const more = quote({
          designatedParties: ps,
          classes: [...cs, 45],
          colour,
          leastDevelopedCountry: ldc,
        });
        expect(more.total).toBeGreaterThanOrEqual(q.total);
      }),
    );
  });
});
