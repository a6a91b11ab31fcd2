import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Calendar, GoodsAndServices } from "@ipoffice/domain";

const statuses = GoodsAndServices.Status.literals;
const context = { action: "examine", date: "2026-02-01" as Calendar.IsoDate, by: "examiner-1" };

const classesArb = fc.uniqueArray(fc.integer({ min: 1, max: 45 }), { minLength: 1, maxLength: 8 }).chain((numbers) =>
  fc.tuple(
    ...numbers.map((classNumber) =>
      fc.record({
        classNumber: fc.constant(classNumber),
        edition: fc.constant("13-2026"),
        status: fc.constant("pending" as const),
        terms: fc
          .uniqueArray(fc.constantFrom("Clothing", "Footwear", "Headwear", "Coffee", "Tea", "Advertising"), {
            minLength: 1,
            maxLength: 4,
          })
          .map((texts) => texts.map((text) => ({ text, status: "pending" as const }))),
      }),
    ),
  ),
);

describe("overallStatus", () => {
  it("follows the stated rule", () => {
    const s = (...list: Array<GoodsAndServices.Status>) =>
      GoodsAndServices.overallStatus(list.map((status) => ({ status })));
    expect(s("registered", "refused")).toBe("registered");
    expect(s("refused", "accepted", "pending")).toBe("pending");
    expect(s("refused", "limited")).toBe("limited");
    expect(s("refused", "withdrawn")).toBe("refused");
    expect(s("withdrawn", "withdrawn")).toBe("withdrawn");
    expect(s("expired", "refused")).toBe("expired");
    expect(s()).toBe("pending");
  });

  it("is registered exactly when some class is registered, and always one of the class statuses", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...statuses), { minLength: 1, maxLength: 10 }), (list) => {
        const overall = GoodsAndServices.overallStatus(list.map((status) => ({ status })));
        expect(overall === "registered").toBe(list.includes("registered"));
        expect(list).toContain(overall);
      }),
    );
  });
});

describe("applyDecisions", () => {
  it("keeps class and term statuses consistent and leaves undecided classes alone", () => {
    fc.assert(
      fc.property(
        classesArb,
        fc.array(fc.constantFrom("accept", "refuse", "limit", "withdraw", "none"), { minLength: 8, maxLength: 8 }),
        (classes, kinds) => {
          const decisions = classes.flatMap((c, i): Array<GoodsAndServices.ClassDecisionInput> => {
            const kind = kinds[i] ?? "none";
            if (kind === "none") return [];
            if (kind === "limit") {
              return [
                {
                  classNumber: c.classNumber,
                  decision: "limit",
                  terms: [{ text: c.terms[0]!.text, decision: "refuse" }],
                },
              ];
            }
            return [{ classNumber: c.classNumber, decision: kind }];
          });
          const { classes: next, problems } = GoodsAndServices.applyDecisions(classes, decisions, context);
          expect(problems).toEqual([]);
          next.forEach((entry, i) => {
            const kind = kinds[i] ?? "none";
            const termStatuses = entry.terms.map((t) => t.status);
            if (kind === "none") expect(entry).toBe(classes[i]);
            else if (entry.status === "accepted") expect(termStatuses.every((s) => s === "accepted")).toBe(true);
            else if (entry.status === "refused") expect(termStatuses.every((s) => s === "refused")).toBe(true);
            else if (entry.status === "withdrawn") expect(termStatuses.every((s) => s === "withdrawn")).toBe(true);
            else if (entry.status === "limited") {
              expect(termStatuses).toContain("accepted");
              expect(termStatuses).toContain("refused");
            } else throw new Error(`unexpected status ${entry.status}`);
            if (kind !== "none") expect(entry.decision).toMatchObject({ kind, action: "examine", by: "examiner-1" });
          });
        },
      ),
    );
  });

  it("limits a class to some terms", () => {
    const classes = [
      {
        classNumber: 30,
        edition: "13-2026",
        status: "pending" as const,
        terms: [{ text: "Coffee" }, { text: "Tea" }, { text: "Pastries" }],
      },
    ];
    const { classes: next } = GoodsAndServices.applyDecisions(
      classes,
      [{ classNumber: 30, decision: "limit", terms: [{ text: "Coffee", decision: "refuse" }], reason: "descriptive" }],
      context,
    );
    expect(next[0]?.status).toBe("limited");
    expect(next[0]?.terms.map((t) => `${t.text}:${t.status}`)).toEqual([
      "Coffee:refused",
      "Tea:accepted",
      "Pastries:accepted",
    ]);
    expect(next[0]?.terms[0]?.decision).toMatchObject({ kind: "refuse", reason: "descriptive" });
  });
});
