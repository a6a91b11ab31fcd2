import fc from "fast-check";
import { Result, Schema } from "effect";
import { describe, expect, it } from "vitest";
import { type Calendar, type IpRight, Publication, Workflow } from "@ipoffice/domain";
import { act, chain, date, fileRight } from "./helpers.js";

const visibility = (rule: Publication.Rule = Publication.defaults) => Publication.visibility(rule, Workflow.defaults);
const seen = (right: IpRight.Right, today: string, rule?: Publication.Rule) =>
  Publication.isPublic(right, visibility(rule), date(today));

const toSearch = (kind: "patent") =>
  chain(fileRight(kind), [["accord_filing_date"], ["formalities_compliant"], ["classification_checked"]]);

describe("publication rule: defaults and their sources", () => {
  it("patents and utility models from publication (PCT Art. 21(2)(a), Art. 30; EPC Art. 93, Art. 128(1); 35 U.S.C. 122)", () => {
    expect(Publication.defaults.patent).toEqual({ from: "publication" });
    expect(Publication.defaults.utility_model).toEqual({ from: "publication" });
  });

  it("designs from registration or publication, whichever comes first (Hague 1999 Act Art. 10(4), Art. 11; Regulation (EC) 6/2002 Art. 50, Art. 74)", () => {
    expect(Publication.milestonesOf(Publication.defaults.industrial_design)).toEqual(["registration", "publication"]);
  });

  it("trademarks from publication (Regulation (EU) 2017/1001 Art. 44, Art. 114(1)), or from filing where the office's law says so", () => {
    expect(Publication.defaults.trademark).toEqual({ from: "publication" });
    const fromFiling = Schema.decodeUnknownSync(Publication.Rule)({
      ...Publication.defaults,
      trademark: { from: "filing" },
    });
    expect(Publication.milestonesOf(fromFiling.trademark)).toEqual(["filing"]);
  });

  it("decodes one milestone or a non-empty list, and refuses anything else", () => {
    const decode = Schema.decodeUnknownResult(Publication.KindRule);
    expect(Result.isSuccess(decode({ from: "registration" }))).toBe(true);
    expect(Result.isSuccess(decode({ from: ["registration", "publication"] }))).toBe(true);
    expect(Result.isFailure(decode({ from: [] }))).toBe(true);
    expect(Result.isFailure(decode({ from: "grant" }))).toBe(true);
  });
});

describe("publication rule: published states come from the workflow's publication effect", () => {
  it("in the default patent workflow, the states after the publish action, not the withdrawal reachable before it", () => {
    const published = Publication.statesAfter(Workflow.defaults.patent, "publication");
    for (const s of ["substantive_examination", "grant_pending", "in_force", "refused", "refusal_final", "expired"]) {
      expect(published, s).toContain(s);
    }
    for (const s of ["filed", "search", "awaiting_publication", "withdrawn", "deemed_withdrawn"]) {
      expect(published, s).not.toContain(s);
    }
    // Every state reached only after publication is one the publish action leads to, directly or later.
    const publish = Workflow.defaults.patent.actions.filter((a) => a.effects?.publication);
    expect(publish.map((a) => a.id)).toEqual(["publish"]);
  });

  it("registered states of a trademark follow the register action; refusal can come before publication", () => {
    expect(Publication.statesAfter(Workflow.defaults.trademark, "registration")).toEqual(
      expect.arrayContaining(["registered", "expired", "cancelled"]),
    );
    expect(Publication.statesAfter(Workflow.defaults.trademark, "publication")).not.toContain("refused");
  });

  it("a workflow without a publication action has no published state: only dates count", () => {
    const noPublish: Workflow.Definition = {
      ...Workflow.defaults.patent,
      actions: Workflow.defaults.patent.actions.map((a) => (a.id === "publish" ? { ...a, effects: {} } : a)),
    };
    expect(Publication.statesAfter(noPublish, "publication")).toEqual([]);
  });
});

describe("publication rule applied to rights moved through their workflows", () => {
  it("hides a patent until the publish action, then shows it from the publication date", () => {
    let p = toSearch("patent");
    expect(seen(p, "2026-06-01")).toBe(false);
    p = act(p, "complete_search").right;
    expect(p.status).toBe("awaiting_publication");
    expect(seen(p, "2027-07-04")).toBe(false);
    const published = act(p, "publish", { role: "system", today: "2027-07-05" }).right;
    expect(published.publication?.date).toBe("2027-07-05");
    expect(seen(published, "2027-07-05")).toBe(true);
    // A publication recorded ahead of its bulletin date shows the right from that date, not before.
    const ahead = act(p, "publish", {
      role: "registrar",
      today: "2027-06-20",
      data: { publicationDate: date("2027-07-01") },
    }).right;
    expect(seen(ahead, "2027-06-30")).toBe(false);
    expect(seen(ahead, "2027-07-01")).toBe(true);
  });

  it("keeps a patent withdrawn before publication hidden, and one withdrawn after it visible", () => {
    const early = act(toSearch("patent"), "withdraw", { role: "applicant" }).right;
    expect(early.status).toBe("withdrawn");
    expect(seen(early, "2040-01-01")).toBe(false);
    const late = chain(toSearch("patent"), [
      ["complete_search"],
      ["publish", { role: "registrar" }],
      ["withdraw", { role: "applicant" }],
    ]);
    expect(late.status).toBe("withdrawn");
    expect(seen(late, "2040-01-01")).toBe(true);
  });

  it("counts a status after publication as published when the right records no publication (imported records)", () => {
    const p = toSearch("patent");
    const imported = { ...p, status: "in_force" } as IpRight.Right;
    expect(seen(imported, "2026-06-01")).toBe(true);
    expect(seen({ ...p, status: "withdrawn" } as IpRight.Right, "2026-06-01")).toBe(false);
  });

  it("shows trademarks from filing when the office says so, never before their filing date", () => {
    const tm = fileRight("trademark", "2026-03-02");
    const rule = { ...Publication.defaults, trademark: { from: "filing" as const } };
    expect(seen(tm, "2026-03-02")).toBe(false);
    expect(seen(tm, "2026-03-02", rule)).toBe(true);
    expect(seen(tm, "2026-03-01", rule)).toBe(false);
  });

  it("shows a design from publication by default, and only from registration where the law says so", () => {
    let d = chain(fileRight("industrial_design"), [
      ["accord_filing_date"],
      ["formalities_compliant"],
      ["classification_checked"],
      ["accept"],
    ]);
    const registrationOnly = { ...Publication.defaults, industrial_design: { from: "registration" as const } };
    expect(seen(d, "2026-12-01")).toBe(false);
    d = act(d, "publish", { data: { publicationDate: date("2026-02-01") } }).right;
    expect(seen(d, "2026-02-01")).toBe(true);
    expect(seen(d, "2026-02-01", registrationOnly)).toBe(false);
    d = chain(d, [
      ["close_opposition_period", { today: "2026-05-01" }],
      ["register", { data: { registrationNumber: "D-1", registrationDate: date("2026-05-10") } }],
    ]);
    expect(seen(d, "2026-05-09", registrationOnly)).toBe(false);
    expect(seen(d, "2026-05-10", registrationOnly)).toBe(true);
  });
});

describe("public projections", () => {
  it("an event without actor, reason, changes or userdoc number", () => {
    const { event } = act(toSearch("patent"), "complete_search");
    const withAll = { ...event, id: "7", reason: "internal note", userdoc: { type: "renewal", number: "UD/1" } };
    expect(Publication.publicEvent(withAll)).toEqual({
      id: "7",
      officeCode: event.officeCode,
      applicationNumber: event.applicationNumber,
      at: event.at,
      action: "complete_search",
      fromStatus: "search",
      toStatus: "awaiting_publication",
      standardCode: "D14",
      userdoc: { type: "renewal" },
    });
  });

  it("a trademark whose class and term decisions keep their date and grounds but not the staff member", () => {
    const tm = chain(fileRight("trademark"), [
      ["accord_filing_date"],
      ["formalities_compliant"],
      ["classification_checked"],
      [
        "examine",
        {
          classDecisions: [
            { classNumber: 29, decision: "limit", terms: [{ text: "Date paste", decision: "refuse" }] },
            { classNumber: 35, decision: "refuse", reason: "descriptive" },
          ],
        },
      ],
    ]);
    expect(JSON.stringify(tm)).toContain("examiner-1");
    const shown = Publication.publicRight(tm);
    expect(JSON.stringify(shown)).not.toContain("examiner-1");
    if (shown.kind !== "trademark") throw new Error("kind");
    expect(shown.goodsAndServices.find((c) => c.classNumber === 35)?.decision).toMatchObject({
      kind: "refuse",
      reason: "descriptive",
    });
    const patent = fileRight("patent");
    expect(Publication.publicRight(patent)).toBe(patent);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Property-based: for random rights, rules and days

const kinds = ["trademark", "patent", "industrial_design", "utility_model"] as const;
const isoDay = fc
  .integer({ min: 0, max: 6000 })
  .map((n) => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10) as Calendar.IsoDate);
const milestone = fc.constantFrom<Publication.Milestone>("filing", "publication", "registration");
const kindRule = fc.oneof(
  milestone.map((m) => ({ from: m })),
  fc.uniqueArray(milestone, { minLength: 1, maxLength: 3 }).map((ms) => ({ from: ms as [Publication.Milestone] })),
);
const rule = fc.record({
  trademark: kindRule,
  patent: kindRule,
  industrial_design: kindRule,
  utility_model: kindRule,
});
const right = fc
  .constantFrom(...kinds)
  .chain((kind) =>
    fc.record({
      kind: fc.constant(kind),
      filingDate: isoDay,
      status: fc.constantFrom(...Workflow.defaults[kind].states.map((s) => s.id)),
      publication: fc.option(
        isoDay.map((d) => ({ date: d })),
        { nil: undefined },
      ),
      registration: fc.option(
        isoDay.map((d) => ({ date: d, number: "1" })),
        { nil: undefined },
      ),
    }),
  )
  .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as Publication.Visible);

describe("publication rule, property-based", () => {
  it("public ⇒ filed by today and one of the kind's milestones reached (by its date, or else by its status)", () => {
    fc.assert(
      fc.property(right, rule, isoDay, (r, rl, today) => {
        const v = Publication.visibility(rl, Workflow.defaults);
        if (!Publication.isPublic(r, v, today)) return;
        expect(r.filingDate <= today).toBe(true);
        const ms = Publication.milestonesOf(rl[r.kind]);
        const published =
          r.publication !== undefined
            ? r.publication.date <= today
            : Publication.statesAfter(Workflow.defaults[r.kind], "publication").includes(r.status);
        const registered =
          r.registration !== undefined
            ? r.registration.date <= today
            : Publication.statesAfter(Workflow.defaults[r.kind], "registration").includes(r.status);
        expect(
          ms.includes("filing") ||
            (ms.includes("publication") && published) ||
            (ms.includes("registration") && registered),
        ).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("a right is never public before its filing date, and once public it stays public on every later day", () => {
    fc.assert(
      fc.property(right, rule, isoDay, fc.integer({ min: 1, max: 4000 }), (r, rl, today, later) => {
        const v = Publication.visibility(rl, Workflow.defaults);
        if (today < r.filingDate) expect(Publication.isPublic(r, v, today)).toBe(false);
        const after = new Date(Date.parse(`${today}T00:00:00Z`) + later * 86_400_000)
          .toISOString()
          .slice(0, 10) as Calendar.IsoDate;
        if (Publication.isPublic(r, v, today)) expect(Publication.isPublic(r, v, after)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("a right with no date recorded and a status reachable without publishing is hidden under the default rule", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("patent", "utility_model", "trademark") as fc.Arbitrary<IpRight.IpKind>,
        isoDay,
        (kind, today) => {
          const hidden = Workflow.defaults[kind].states
            .map((s) => s.id)
            .filter((s) => !Publication.statesAfter(Workflow.defaults[kind], "publication").includes(s));
          for (const status of hidden) {
            expect(Publication.isPublic({ kind, filingDate: date("2020-01-01"), status }, visibility(), today)).toBe(
              false,
            );
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});
