import fc from "fast-check";
import { Result, Schema } from "effect";
import { describe, expect, it } from "vitest";
import { GeneralIndications, Validation } from "../src/index.js";
import { index } from "./helpers.js";

const policy = GeneralIndications.defaultPolicy;
const rule = (classNumber: number, text: string) => GeneralIndications.check(policy, classNumber, text)?.rule;
const verdicts = (items: ReadonlyArray<Validation.Item>, generalIndications: GeneralIndications.Policy | undefined) => {
  const r = Validation.validate(index(), items, { generalIndications });
  if (r._tag === "Failure") throw new Error(r.failure.message);
  return r.success;
};

describe("GeneralIndications.defaultPolicy", () => {
  it("refuses the eleven class-heading general indications of the Common Communication (2014), in their class", () => {
    expect(rule(7, "Machines")).toBe("heading-7-machines");
    expect(rule(37, "repair")).toBe("heading-37-repair");
    expect(rule(37, "Installation services")).toBe("heading-37-installation");
    expect(rule(40, "treatment of materials")).toBe("heading-40-treatment");
    expect(rule(6, "goods of common metal not included in other classes")).toBe("heading-6-common-metal");
    expect(rule(14, "goods in precious metals or coated therewith")).toBe("heading-14-precious-metals");
    expect(rule(16, "goods made from these materials")).toBe("heading-16-paper");
    expect(rule(17, "goods made from these materials")).toBe("heading-17-rubber");
    expect(rule(18, "Goods made of these materials")).toBe("heading-18-leather");
    expect(
      rule(
        20,
        "goods (not included in other classes) of wood, cork, reed, cane, wicker, horn, bone, ivory, whalebone, shell, amber, mother-of-pearl, meerschaum and substitutes for all these materials, or of plastics",
      ),
    ).toBe("heading-20-wood-plastics");
    expect(rule(45, "Personal and social services rendered by others to meet the needs of individuals")).toBe(
      "heading-45-personal-social",
    );
    expect(GeneralIndications.check(policy, 7, "machines")).toMatchObject({
      outcome: "refuse",
      source: expect.stringContaining("Common Communication"),
    });
    // the precise terms of the same headings are fine
    expect(rule(7, "machine tools")).toBeUndefined();
    expect(rule(7, "agricultural machines")).toBeUndefined();
    expect(rule(37, "repair of shoes")).toBeUndefined();
  });

  it("refuses a whole class ('all goods in this class'), IP Translator C-307/10", () => {
    expect(rule(25, "all goods in this class")).toBe("whole-class");
    expect(rule(35, "All services in class 35")).toBe("whole-class");
    expect(rule(25, "all the goods included in class 25")).toBe("whole-class");
    expect(rule(25, "ball gowns")).toBeUndefined();
  });

  it("refuses retail services that do not name the goods, Praktiker C-418/02", () => {
    expect(rule(35, "retail services")).toBe("retail-unspecified");
    expect(rule(35, "Online retail store services")).toBe("retail-unspecified");
    expect(rule(35, "wholesale services")).toBe("retail-unspecified");
    expect(rule(35, "retail services in relation to clothing")).toBeUndefined();
    expect(rule(35, "retail store services featuring footwear")).toBeUndefined();
    expect(rule(35, "wholesale services for pharmaceutical preparations")).toBeUndefined();
    expect(GeneralIndications.check(policy, 35, "retail services")?.source).toContain("C-418/02");
  });

  it("queries vague words used alone, not the precise terms that contain them", () => {
    expect(GeneralIndications.check(policy, 12, "accessories")).toMatchObject({
      rule: "vague-alone",
      outcome: "query",
    });
    expect(GeneralIndications.check(policy, 9, "Equipment")?.outcome).toBe("query");
    expect(rule(12, "parts and fittings")).toBe("vague-alone");
    expect(rule(12, "parts and fittings for vehicles")).toBeUndefined();
    expect(rule(11, "heating installations")).toBeUndefined();
  });

  it("is a valid policy by its own schema, and an office's policy decodes or says what is wrong", () => {
    expect(Result.isSuccess(Schema.decodeUnknownResult(GeneralIndications.Policy)(policy))).toBe(true);
    const own = {
      rules: [{ kind: "exact", id: "x", wordings: ["widgets"], outcome: "query", reason: "r", source: "s" }],
    };
    expect(Result.isSuccess(Schema.decodeUnknownResult(GeneralIndications.Policy)(own))).toBe(true);
    const bad = { rules: [{ kind: "exact", id: "x", wordings: [], outcome: "maybe", reason: "r", source: "s" }] };
    expect(Result.isFailure(Schema.decodeUnknownResult(GeneralIndications.Policy)(bad))).toBe(true);
  });

  it("is total over any text and class", () => {
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 50 }), fc.string({ maxLength: 300 }), (c, t) => {
        const f = GeneralIndications.check(policy, c, t);
        expect(f === undefined || f.outcome === "refuse" || f.outcome === "query").toBe(true);
      }),
    );
  });
});

describe("Validation with an office's general-indications policy", () => {
  it("gives a 'vague' verdict with the outcome, rule and source; official terms stay official", () => {
    const list = [
      { classNumber: 35, text: "retail services; advertising; retail services in relation to clothing" },
      { classNumber: 7, text: "machines" },
    ];
    const v = verdicts(list, policy);
    expect(v.map((x) => x.kind)).toEqual(["vague", "official", "free-text", "vague"]);
    expect(v[0]).toMatchObject({
      kind: "vague",
      outcome: "refuse",
      rule: "retail-unspecified",
      text: "retail services",
    });
    expect(v[3]).toMatchObject({ kind: "vague", rule: "heading-7-machines" });
    // without a policy nothing is judged vague (the package's default is to check none)
    expect(verdicts(list, undefined).some((x) => x.kind === "vague")).toBe(false);
    // an office that checks nothing
    expect(verdicts(list, { rules: [] }).some((x) => x.kind === "vague")).toBe(false);
  });
});
