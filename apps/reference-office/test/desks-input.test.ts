/**
 * The desks' input, as property-based tests: the worklist's query string (page and API) and the decision form. Any
 * input gives an answer (never a throw); a bad field is named; a refusal is never accepted without its grounds, class
 * by class; what cannot be undone always asks for a confirmation; the values typed come back unchanged.
 */
import { IpRight, Workflow } from "@ipoffice/domain";
import { Result, Schema } from "effect";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readDecision } from "../src/office/decisionForm.js";
import { readWorklistQuery } from "../src/office/desks.js";
import { desksIssues, resolveDesks } from "../src/office/queues.js";
import type { IpKind } from "../src/config/OfficeConfig.js";

const kinds = ["trademark", "patent", "industrial_design", "utility_model"] as const;

/** A trademark of the default workflow in examination, classes 25 and 35 (filed through the domain's own rule). */
const mark = (): IpRight.Right => {
  const filed = IpRight.file(
    Schema.decodeUnknownSync(IpRight.FilingRequest)({
      kind: "trademark",
      mark: { text: "NAKHLA", type: "word" },
      owners: [{ name: "Al Habsi Trading LLC", country: "OM" }],
      goodsAndServices: [
        { classNumber: 25, terms: ["clothing", "footwear"] },
        { classNumber: 35, terms: ["advertising", "retail services of clothing"] },
      ],
    }),
    {
      officeCode: "OM",
      applicationNumber: "TM/2026/000001",
      st13: "OM502026000001",
      filingDate: "2026-01-05" as never,
      at: "2026-01-05T08:00:00Z",
      actor: { id: "efiling", role: "applicant" },
      workflow: Workflow.defaults.trademark,
      niceEdition: "13-2026",
    },
  ).right;
  return { ...filed, status: "substantive_examination" };
};

const workflow = Workflow.defaults.trademark;

describe("the worklist query", () => {
  const field = fc.constantFrom("assigned", "kind", "class", "q", "after", "limit", "lang", "_csrf", "colour", "");
  it("answers any query string without throwing, and names each field it refuses", () => {
    fc.assert(
      fc.property(fc.dictionary(field, fc.string({ maxLength: 300 })), (query) => {
        const read = readWorklistQuery(query);
        if (Result.isFailure(read)) {
          expect(read.failure.length).toBeGreaterThan(0);
          for (const issue of read.failure) expect(Object.keys(query)).toContain(issue.path.split(".")[0]);
        } else {
          const f = read.success;
          if (f.classNumber !== undefined) expect(f.classNumber >= 1 && f.classNumber <= 45).toBe(true);
          if (f.limit !== undefined) expect(f.limit >= 1 && f.limit <= 200).toBe(true);
          if (f.q !== undefined) expect(f.q.length).toBeLessThanOrEqual(200);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("reads back every valid filter as given (empty fields count as absent)", () => {
    const filter = fc.record(
      {
        assigned: fc.constantFrom("all", "me", "unassigned"),
        kind: fc.constantFrom(...kinds),
        class: fc.integer({ min: 1, max: 45 }),
        q: fc.string({ minLength: 1, maxLength: 200 }).filter((s) => s.trim() === s && s !== ""),
        limit: fc.integer({ min: 1, max: 200 }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(filter, fc.constantFrom("en", "ar", "fr"), (f, lang) => {
        const query: Record<string, string> = { lang, kind: f.kind ?? "" };
        for (const [k, v] of Object.entries(f)) query[k] = String(v);
        const read = readWorklistQuery(query);
        expect(Result.isSuccess(read)).toBe(true);
        if (Result.isFailure(read)) return;
        expect(read.success).toEqual({
          ...(f.assigned ? { assigned: f.assigned } : {}),
          ...(f.kind ? { kind: f.kind } : {}),
          ...(f.class !== undefined ? { classNumber: f.class } : {}),
          ...(f.q ? { q: f.q } : {}),
          ...(f.limit !== undefined ? { limit: f.limit } : {}),
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe("the decision form", () => {
  const right = mark();
  const decision = fc.constantFrom("accept", "refuse", "limit", "", "bogus");
  const text = fc.oneof(
    fc.constant(""),
    fc.constant("   "),
    fc.string({ maxLength: 50 }),
    fc.constant(`${"x".repeat(10_001)}`),
  );
  const form = fc.record({
    action: fc.constantFrom("examine", "raise_objection", "withdraw", "publish", "nope", ""),
    c25: decision,
    c35: decision,
    g25: text,
    g35: text,
    t35: fc.subarray(["advertising", "retail services of clothing", "not a term"]),
    reason: text,
    confirm: fc.constantFrom("yes", "no", ""),
  });

  it("never accepts a refusal without grounds for each class refused, and confirms every refusal", () => {
    fc.assert(
      fc.property(form, (f) => {
        const values: Record<string, string[]> = {
          action: [f.action],
          "class.25": [f.c25],
          "class.35": [f.c35],
          "grounds.25": [f.g25],
          "grounds.35": [f.g35],
          "refuse.35": f.t35,
          reason: [f.reason],
          confirm: [f.confirm],
        };
        const read = readDecision(workflow, right, values);
        const fields = read.errors.map((e) => e.field);
        expect(read.request.action.length).toBeLessThanOrEqual(64);
        if (f.action !== "examine") {
          expect(read.request.classDecisions).toBeUndefined();
        } else {
          for (const [c, d, g] of [
            [25, f.c25, f.g25],
            [35, f.c35, f.g35],
          ] as const) {
            const refused = d === "refuse" || d === "limit";
            const hasGrounds = g.trim() !== "" && g.trim().length <= 10_000;
            if (refused && !hasGrounds) expect(fields).toContain(`grounds.${c}`);
            if (refused && hasGrounds)
              expect(read.request.classDecisions?.find((x) => x.classNumber === c)?.reason).toBe(g.trim());
            if (d === "bogus") expect(fields).toContain(`class.${c}`);
          }
          const refusing = [f.c25, f.c35].some((d) => d === "refuse" || d === "limit");
          expect(read.irreversible === "refusal").toBe(refusing);
          expect(read.needsConfirmation).toBe(refusing && f.confirm !== "yes");
        }
        // An objection states its grounds (the workflow requires a reason).
        if (f.action === "raise_objection" && (f.reason.trim() === "" || f.reason.trim().length > 10_000))
          expect(fields).toContain("reason");
        // A withdrawal ends the procedure: always confirmed first.
        if (f.action === "withdraw") expect(read.needsConfirmation).toBe(f.confirm !== "yes");
        if (f.action === "nope" || f.action === "") expect(fields).toContain("action");
        // Publishing needs nothing typed: only a text past its limit is refused.
        if (f.action === "publish") for (const e of read.errors) expect(e.key).toBe("office.error.tooLong");
      }),
      { numRuns: 500 },
    );
  });
});

describe("the queues", () => {
  const config = { office: { products: ["back-office", "madrid"] as const } } as never;
  it("puts each state of the default workflows in one queue at most, final states in none", () => {
    const desks = resolveDesks(Workflow.defaults as Record<IpKind, Workflow.Definition>, kinds, config);
    const seen = new Set<string>();
    for (const q of desks.queues) {
      if (q.id === "madrid") continue;
      for (const s of q.states) {
        const key = `${s.kind}/${s.status}`;
        expect(seen.has(key), key).toBe(false);
        seen.add(key);
        const state = Workflow.defaults[s.kind].states.find((x) => x.id === s.status);
        expect(state?.final ?? false, key).toBe(false);
      }
    }
    expect(desks.queueOf("trademark", "formality_examination")).toBe("formality");
    expect(desks.queueOf("patent", "search")).toBe("examination");
    expect(desks.queueOf("trademark", "accepted")).toBe("publication");
    expect(desks.queueOf("trademark", "registration_pending")).toBe("registration");
    expect(desks.queueOf("trademark", "opposition")).toBe("userdocs");
    expect(desks.queueOf("trademark", "registered")).toBe("renewals");
    expect(desks.get("madrid")?.roles).toEqual(["madrid_examiner"]);
  });

  it("follows an office's configuration: another action, other roles, no Madrid desk", () => {
    const desks = resolveDesks(Workflow.defaults as Record<IpKind, Workflow.Definition>, ["trademark"], {
      office: { products: ["back-office"] },
      desks: { queues: { publication: { actions: ["publish", "register"], roles: ["clerk"] } } },
    } as never);
    expect(desks.get("madrid")).toBeUndefined();
    expect(desks.queueOf("trademark", "registration_pending")).toBe("publication");
    expect(desks.get("publication")?.roles).toEqual(["clerk"]);
    const registration = desks.get("registration");
    expect(registration && "states" in registration ? registration.states : undefined).toEqual([]);
  });

  it("names each mistake of a desks configuration by its path", () => {
    const workflows = Object.values(Workflow.defaults);
    const issues = desksIssues(
      {
        queues: {
          examination: { actions: ["examine", "examine_twice"], roles: ["examiner", "senior_examiner"] },
          triage: { actions: ["publish"] },
          madrid: { actions: ["publish"] },
        },
      },
      workflows,
      ["examiner", "clerk"],
    );
    expect(issues.map((i) => i.path)).toEqual([
      "desks.queues.examination.actions.1",
      "desks.queues.examination.roles.1",
      "desks.queues.triage",
      "desks.queues.madrid.actions.0",
    ]);
    expect(desksIssues({ queues: { publication: { actions: ["publish"] } } }, workflows, ["clerk"])).toEqual([]);
  });
});
