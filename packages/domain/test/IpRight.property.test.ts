import fc from "fast-check";
import { Result, Schema } from "effect";
import { describe, expect, it } from "vitest";
import { GoodsAndServices, IpRight, Userdoc, Workflow } from "@ipoffice/domain";
import { ctxFor } from "./helpers.js";

const decodeFiling = Schema.decodeUnknownResult(IpRight.FilingRequest, { errors: "all" });
const decodeRight = Schema.decodeUnknownSync(IpRight.Right);

const text = fc
  .string({ minLength: 1, maxLength: 30 })
  .map((s) => s.trim())
  .filter((s) => s.length > 0);
const country = fc.constantFrom("JO", "OM", "AE", "BG", "EG", "SA", "BH");
const trademarkRequest = fc.record({
  kind: fc.constant("trademark"),
  mark: fc.record({
    text,
    type: fc.constantFrom("word", "combined"),
    category: fc.constantFrom("individual", "collective"),
  }),
  owners: fc.array(fc.record({ name: text, country }), { minLength: 1, maxLength: 4 }),
  goodsAndServices: fc
    .uniqueArray(fc.integer({ min: 1, max: 45 }), { minLength: 1, maxLength: 12 })
    .chain((classes) =>
      fc.tuple(
        ...classes.map((classNumber) =>
          fc.record({ classNumber: fc.constant(classNumber), terms: fc.array(text, { minLength: 1, maxLength: 5 }) }),
        ),
      ),
    ),
});

describe("filing requests, property-based", () => {
  it("any well-formed trademark request decodes and files into a valid pending right", () => {
    fc.assert(
      fc.property(trademarkRequest, (body) => {
        const decoded = decodeFiling(body);
        expect(Result.isSuccess(decoded)).toBe(true);
        if (Result.isFailure(decoded)) return;
        const { right, event } = IpRight.file(decoded.success, ctxFor("trademark"));
        expect(decodeRight(JSON.parse(JSON.stringify(right)))).toEqual(right);
        if (right.kind !== "trademark") throw new Error("kind");
        expect(right.goodsAndServices.map((c) => c.classNumber)).toEqual(
          body.goodsAndServices.map((c) => c.classNumber).sort((a, b) => a - b),
        );
        expect(
          right.goodsAndServices.every((c) => c.status === "pending" && c.terms.every((t) => t.status === "pending")),
        ).toBe(true);
        expect(GoodsAndServices.overallStatus(right.goodsAndServices)).toBe("pending");
        expect(event.toStatus).toBe(right.status);
      }),
      { numRuns: 200 },
    );
  });

  it("arbitrary input never throws: it decodes or fails with an issue per path", () => {
    const anyBody = fc.oneof(
      fc.anything(),
      trademarkRequest.chain((body) =>
        fc
          .record({
            key: fc.constantFrom("mark", "owners", "goodsAndServices", "kind", "priorities"),
            value: fc.anything(),
          })
          .map(({ key, value }) => ({ ...body, [key]: value })),
      ),
    );
    fc.assert(
      fc.property(anyBody, (body) => {
        const r = decodeFiling(body);
        if (Result.isFailure(r)) {
          const problems = Workflow.issueProblems(r.failure.issue);
          expect(problems.length).toBeGreaterThan(0);
          for (const p of problems) expect(typeof p.message).toBe("string");
        }
      }),
      { numRuns: 300 },
    );
  });

  it("arbitrary workflows and userdocs never throw", () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        expect(Result.isFailure(Workflow.decode(input))).toBe(true);
        expect(() => Schema.decodeUnknownResult(Userdoc.Userdoc, { errors: "all" })(input)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});
