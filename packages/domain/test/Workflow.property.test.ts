import fc from "fast-check";
import { Result, Schema } from "effect";
import { describe, expect, it } from "vitest";
import { GoodsAndServices, IpRight, Workflow } from "@ipoffice/domain";
import { date, fileRight } from "./helpers.js";

const kinds = ["trademark", "patent", "industrial_design", "utility_model"] as const;
const decodeRight = Schema.decodeUnknownSync(IpRight.Right);

/**
 * Random walks through each default workflow: at each step one of the actions available in the current status is
 * performed by one of its roles, with random per-class decisions where the action takes them. Whatever the path,
 * perform never throws, a refusal is one of the three tagged errors, and an accepted action yields a right that
 * decodes with the Right schema, in a known state, one version up, with an event that matches it.
 */
describe("default workflows under random walks", () => {
  it.each(kinds)("%s", (kind) => {
    const def = Workflow.defaults[kind];
    const states = new Set(def.states.map((s) => s.id));
    const finals = new Set(def.states.filter((s) => s.final).map((s) => s.id));
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            pick: fc.nat(),
            role: fc.nat(),
            decisions: fc.array(fc.constantFrom("accept", "refuse", "limit", "withdraw", "skip"), {
              minLength: 3,
              maxLength: 3,
            }),
            withData: fc.boolean(),
            // Mostly keep the procedure going; now and then take an action that ends it.
            end: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
          }),
          { maxLength: 60 },
        ),
        (steps) => {
          let right = fileRight(kind);
          let today = "2026-01-05";
          for (const step of steps) {
            const all = Workflow.availableActions(def, right);
            const ongoing = all.filter((a) => a.to === undefined || !finals.has(a.to));
            const available = step.end || ongoing.length === 0 ? all : ongoing;
            if (available.length === 0) break;
            const action = available[step.pick % available.length]!;
            const role = action.roles[step.role % action.roles.length]!;
            if (role === "system" && right.timeLimit !== undefined && right.timeLimit.due > today) {
              today = right.timeLimit.due;
            }
            const classDecisions =
              action.outcome !== undefined && right.kind === "trademark"
                ? right.goodsAndServices.flatMap((c, i): Array<GoodsAndServices.ClassDecisionInput> => {
                    const d = step.decisions[i] ?? "skip";
                    if (d === "skip") return [];
                    if (d === "limit") {
                      return [
                        {
                          classNumber: c.classNumber,
                          decision: d,
                          terms: [{ text: c.terms[0]!.text, decision: "refuse" as const }],
                        },
                      ];
                    }
                    return [{ classNumber: c.classNumber, decision: d }];
                  })
                : undefined;
            const result = Workflow.perform(
              def,
              right,
              {
                action: action.id,
                reason: "because",
                ...(classDecisions !== undefined ? { classDecisions } : {}),
                ...(step.withData ? { data: { registrationNumber: "R-1", publicationNumber: "P-1" } } : {}),
              },
              { at: `${today}T12:00:00Z`, today: date(today), actor: { id: "u", role } },
            );
            if (Result.isFailure(result)) {
              expect(["ActionNotAllowed", "RoleNotAllowed", "InvalidActionInput"]).toContain(result.failure._tag);
              continue;
            }
            const next = result.success.right;
            expect(decodeRight(JSON.parse(JSON.stringify(next)))).toEqual(next);
            expect(states.has(next.status)).toBe(true);
            expect(next.version).toBe(right.version + 1);
            expect(result.success.event).toMatchObject({
              fromStatus: right.status,
              toStatus: next.status,
              action: action.id,
            });
            if (next.kind === "trademark" && next.status === "registered") {
              expect(GoodsAndServices.overallStatus(next.goodsAndServices)).toBe("registered");
            }
            right = next;
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
