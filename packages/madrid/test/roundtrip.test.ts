import { Builder, Generator, type IBTransaction, Parser } from "@ipoffice/madrid";
import { Result } from "effect";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ibSchema, skipSchemaTests, validateAll, withXmllint } from "./xmllint.js";

/** Text as people write it, including XML's special characters, Arabic, and leading/trailing-free words. */
const word = fc.constantFrom("Nova", "A&B", "<Lux>", '"Quoted"', "it's", "نخيل", "Zürich", "50%", "]]>", "Ω");
const text = fc.array(word, { minLength: 1, maxLength: 4 }).map((ws) => ws.join(" "));
const term = text.filter((t) => !t.includes(";"));

const base = [...Generator.transactions({ count: 1, seed: 9, mode: "designations" })][0] as IBTransaction.Designation;

const designation = fc
  .record({
    holder: text,
    city: text,
    verbal: fc.option(text, { nil: undefined }),
    classes: fc.uniqueArray(fc.integer({ min: 1, max: 45 }), { minLength: 1, maxLength: 5 }),
    terms: fc.array(term, { minLength: 1, maxLength: 3 }),
    colour: fc.boolean(),
    withRepresentative: fc.boolean(),
  })
  .map(
    (r) =>
      ({
        ...base,
        holders: [
          {
            kind: "organization",
            name: r.holder,
            address: { lines: [r.city], city: r.city, countryCode: "CH" },
          },
        ],
        ...(r.withRepresentative
          ? { representative: { kind: "person", name: r.holder, address: { lines: [r.city], countryCode: "OM" } } }
          : { representative: undefined }),
        mark: { imageFileName: "mark.jpg", colourClaimed: r.colour, ...(r.verbal ? { verbalElement: r.verbal } : {}) },
        goodsAndServices: r.classes.map((c) => ({ classNumber: c, terms: r.terms })),
      }) as unknown as IBTransaction.Designation,
  );

const doc = (t: IBTransaction.Designation) =>
  Builder.buildIBDocument({
    header: Generator.generatedHeader({ count: 1, mode: "designations" }),
    transactions: [t],
  });

const clean = (t: IBTransaction.Designation) => JSON.parse(JSON.stringify(t));

describe("builder and parser round trip", () => {
  it("any designation survives build → parse unchanged (property)", () => {
    fc.assert(
      fc.property(designation, (t) => {
        const parsed = Parser.parseIBDocument(doc(t));
        if (Result.isFailure(parsed)) throw new Error(parsed.failure.message);
        expect(clean(parsed.success.transactions[0] as IBTransaction.Designation)).toEqual(clean(t));
      }),
      { numRuns: 200 },
    );
  });

  it.skipIf(skipSchemaTests)(withXmllint("a sample of those documents validates against the XSD"), () => {
    const sample = fc.sample(designation, { numRuns: 8, seed: 4242 }).map(doc);
    const results = validateAll(ibSchema, sample);
    for (const r of results) expect(r.messages).toEqual([]);
    expect(results.every((r) => r.valid)).toBe(true);
  });
});
