/**
 * Rules as the law has them: priority periods (Paris Convention art. 4C), renewal windows and grace periods
 * (art. 5bis), the maximum term of a design, the term of a PCT national phase (PCT art. 11(3)), the first annual fee.
 */
import { Result, Schema } from "effect";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Calendar, IpRight, Userdoc, Workflow } from "@ipoffice/domain";
import { act, chain, ctxFor, date, fileRight, requests } from "./helpers.js";

const priority = (d: string, country = "FR") =>
  ({ country, number: "FR 26/01234", date: date(d) }) as unknown as IpRight.Priority;

/** Oman's office: closed Friday and Saturday. */
const fridaySaturday: Calendar.WorkingCalendar = { weekend: ["friday", "saturday"], holidays: [date("2026-12-03")] };

describe("priority claims (Paris Convention art. 4C)", () => {
  it("6 months for marks and designs, 12 for patents and utility models, the day of the first filing not counted", () => {
    const p = [priority("2026-05-24")];
    expect(IpRight.priorityProblems("trademark", date("2026-11-24"), p)).toEqual([]);
    expect(IpRight.priorityProblems("industrial_design", date("2026-11-25"), p)[0]?.path).toEqual([0, "date"]);
    expect(IpRight.priorityProblems("patent", date("2027-05-24"), p)).toEqual([]);
    expect(IpRight.priorityProblems("utility_model", date("2027-05-25"), p)).toHaveLength(1);
  });

  it("a period ending on a day the office is closed runs to its next working day (art. 4C(3))", () => {
    // 2026-06-04 + 6 months = 2026-12-04, a Friday: extended to Sunday 2026-12-06 in a Friday–Saturday office.
    const p = [priority("2026-06-04")];
    expect(IpRight.priorityProblems("trademark", date("2026-12-06"), p, fridaySaturday)).toEqual([]);
    expect(IpRight.priorityProblems("trademark", date("2026-12-07"), p, fridaySaturday)[0]?.message).toContain(
      "ended on 2026-12-06",
    );
    // Without the calendar the period ends on the Friday.
    expect(IpRight.priorityProblems("trademark", date("2026-12-06"), p)).toHaveLength(1);
    // A holiday on the last day (2026-12-03, a Thursday) moves it to Sunday too.
    expect(IpRight.priorityProblems("trademark", date("2026-12-06"), [priority("2026-06-03")], fridaySaturday)).toEqual(
      [],
    );
  });

  it("a priority on or after the filing date, or claimed twice, is refused with its path", () => {
    const problems = IpRight.priorityProblems("patent", date("2026-11-24"), [
      priority("2026-11-24"),
      priority("2026-01-10"),
      priority("2026-01-10"),
    ]);
    expect(problems.map((p) => p.path)).toEqual([[0, "date"], [2]]);
  });

  it("filingProblems names the request's fields and judges a PCT national phase on the international filing date", () => {
    const tm = Schema.decodeUnknownSync(IpRight.FilingRequest)({
      ...(requests.trademark as object),
      priorities: [{ country: "FR", number: "1", date: "2026-01-10" }],
    });
    expect(IpRight.filingProblems(tm, date("2026-11-24"))).toEqual([
      { path: ["priorities", 0, "date"], message: expect.stringContaining("6-month priority period") },
    ]);
    const pct = Schema.decodeUnknownSync(IpRight.FilingRequest)({
      ...(requests.patent as object),
      pct: { applicationNumber: "PCT/JO2025/050001", filingDate: "2025-12-01" },
      priorities: [{ country: "JO", number: "JO/P/2024/77", date: "2024-12-20" }],
    });
    // 30 months after the priority the national phase starts; the priority is checked against 2025-12-01.
    expect(IpRight.filingProblems(pct, date("2027-06-15"))).toEqual([]);
    const late = { ...pct, pct: { applicationNumber: "PCT/JO2026/1", filingDate: date("2027-07-01") } };
    expect(IpRight.filingProblems(late, date("2027-06-15")).map((p) => p.path.join("."))).toEqual([
      "pct.filingDate",
      "priorities.0.date",
    ]);
  });

  it("never throws and only accepts claims inside the period (property)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("trademark", "patent", "industrial_design", "utility_model" as const),
        fc.date({ min: new Date("1990-01-01"), max: new Date("2090-01-01"), noInvalidDate: true }),
        fc.integer({ min: -400, max: 800 }),
        (kind, d, days) => {
          const first = date(d.toISOString().slice(0, 10));
          const filing = Result.getOrThrow(Calendar.addDays(first, days));
          const problems = IpRight.priorityProblems(kind, filing, [priority(first)], fridaySaturday);
          const last = Result.getOrThrow(
            Calendar.timeLimitEnd(first, { months: IpRight.priorityMonths(kind) }, fridaySaturday),
          );
          expect(problems.length === 0).toBe(filing > first && filing <= last);
        },
      ),
    );
  });
});

const registeredMark = () =>
  chain(fileRight("trademark"), [
    ["accord_filing_date"],
    ["formalities_compliant"],
    ["classification_checked"],
    ["examine"],
    ["publish", { data: { publicationDate: date("2026-03-02") } }],
    ["close_opposition_period", { today: "2026-06-02" }],
    ["register", { data: { registrationNumber: "178 204" }, today: "2026-06-10" }],
  ]);

const tryRenew = (right: IpRight.Right, today: string) =>
  Workflow.perform(
    Workflow.defaults[right.kind],
    right,
    { action: "renew" },
    { at: `${today}T09:00:00Z`, today: date(today), actor: { id: "clerk-1", role: "clerk" } },
  );

describe("renewal", () => {
  it("is recorded once per term, inside the window and the grace period (Paris Convention art. 5bis)", () => {
    const tm = registeredMark();
    expect(tm.expiryDate).toBe("2036-01-05");
    const tooEarly = tryRenew(tm, "2035-07-04");
    expect(Result.isFailure(tooEarly) && tooEarly.failure.message).toContain("accepted from 2035-07-05");
    const renewed = Result.getOrThrow(tryRenew(tm, "2035-07-05")).right;
    expect(renewed.expiryDate).toBe("2046-01-05");
    // The same term cannot be renewed twice: the next renewal falls due in 2046.
    const twice = tryRenew(renewed, "2035-07-06");
    expect(Result.isFailure(twice) && twice.failure.message).toContain("too early");
    // In the grace period, then after it.
    expect(Result.isSuccess(tryRenew(tm, "2036-07-05"))).toBe(true);
    const late = tryRenew(tm, "2036-07-06");
    expect(Result.isFailure(late) && late.failure.message).toContain("grace period of 6 months");
  });

  it("a userdoc is judged on its filing date against the window of the workflow's renewal action", () => {
    const tm = registeredMark();
    const lastYear = Workflow.withRenewalWindow(Workflow.defaults.trademark, { monthsBefore: 12, graceMonths: 6 });
    const userdoc = Schema.decodeUnknownSync(Userdoc.Userdoc)({ type: "renewal", filedOn: "2035-02-01" });
    const ctx = { at: "2035-02-02T09:00:00Z", today: date("2035-02-02"), actor: { id: "c", role: "clerk" } };
    expect(Result.isSuccess(Userdoc.apply(tm, userdoc, { ...ctx, workflow: lastYear }))).toBe(true);
    const sixMonths = Userdoc.apply(tm, userdoc, ctx);
    expect(Result.isFailure(sixMonths) && sixMonths.failure.reason).toBe("out_of_time");
    // Filed on the last day of grace, recorded later: still in time.
    const lastDay = Schema.decodeUnknownSync(Userdoc.Userdoc)({ type: "renewal", filedOn: "2036-07-05" });
    const recorded = Userdoc.apply(tm, lastDay, { ...ctx, at: "2036-07-20T09:00:00Z", today: date("2036-07-20") });
    expect(Result.isSuccess(recorded) && recorded.success.surcharge).toBe(true);
  });

  it("withRenewalWindow moves the grace period's time limit with the window", () => {
    const def = Workflow.withRenewalWindow(Workflow.defaults.trademark, { monthsBefore: 12, graceMonths: 3 });
    expect(def.actions.find((a) => a.id === "renew")?.effects?.renew?.window).toEqual({
      monthsBefore: 12,
      graceMonths: 3,
    });
    expect(def.states.find((s) => s.id === "registered")?.timeLimits).toEqual([
      { action: "expire", from: "renewalDueDate", months: 3 },
    ]);
    expect(Result.isSuccess(Workflow.decode(def))).toBe(true);
  });

  it("a window as long as the term is refused when the workflow loads, naming the path", () => {
    const def = Workflow.withRenewalWindow(Workflow.defaults.patent, { monthsBefore: 12, graceMonths: 6 });
    const decoded = Workflow.decode(def);
    expect(Result.isFailure(decoded) && decoded.failure.problems.map((p) => p.path.join("."))).toEqual([
      expect.stringMatching(/^actions\.\d+\.effects\.renew\.window\.monthsBefore$/),
    ]);
  });
});

describe("the maximum term of a design", () => {
  it("expires on the day the 25th year ends, not after a grace period", () => {
    let d = chain(fileRight("industrial_design"), [
      ["accord_filing_date"],
      ["formalities_compliant"],
      ["classification_checked"],
      ["accept"],
      ["publish", { data: { publicationDate: date("2026-03-02") } }],
      ["close_opposition_period", { today: "2026-06-02" }],
      ["register", { data: { registrationNumber: "D 77" }, today: "2026-06-10" }],
    ]);
    expect(d).toMatchObject({ expiryDate: "2031-01-05", timeLimit: { action: "expire", due: "2031-07-05" } });
    for (const year of [2030, 2035, 2040, 2045]) d = act(d, "renew", { today: `${year}-12-01` }).right;
    expect(d.expiryDate).toBe("2051-01-05");
    expect(d.renewalDueDate).toBeUndefined();
    expect(d.timeLimit).toEqual({ action: "expire", due: "2051-01-05", from: "termEnd" });
    const more = tryRenew(d, "2050-12-01");
    expect(Result.isFailure(more) && more.failure.message).toContain("cannot exceed 25 years");
    const renewal = Userdoc.apply(
      d,
      Schema.decodeUnknownSync(Userdoc.Userdoc)({ type: "renewal", filedOn: "2050-12-01" }),
      {
        at: "2050-12-01T09:00:00Z",
        today: date("2050-12-01"),
        actor: { id: "c", role: "clerk" },
      },
    );
    expect(Result.isFailure(renewal) && renewal.failure.message).toContain("maximum term");
    expect(act(d, "expire", { today: "2051-01-05" }).right.status).toBe("expired");
  });
});

const patentFiled = (pct?: object, filingDate = "2027-06-15") =>
  IpRight.file(
    Schema.decodeUnknownSync(IpRight.FilingRequest)({ ...(requests.patent as object), ...(pct ? { pct } : {}) }),
    ctxFor("patent", filingDate),
  ).right;

const toGrant = (p: IpRight.Right, grantDate: string, def = Workflow.defaults.patent) => {
  let right = chain(p, [
    ["accord_filing_date"],
    ["formalities_compliant"],
    ["classification_checked"],
    ["complete_search"],
    ["publish", { role: "registrar" }],
    ["intend_to_grant"],
  ]);
  const granted = Workflow.perform(
    def,
    right,
    { action: "grant", data: { registrationNumber: "P 1", registrationDate: date(grantDate) } },
    { at: `${grantDate}T09:00:00Z`, today: date(grantDate), actor: { id: "r", role: "registrar" } },
  );
  right = Result.getOrThrow(granted).right;
  return right;
};

describe("PCT national phase (PCT art. 11(3))", () => {
  it("keeps the international filing date beside the national entry date; term and annual fees run from it", () => {
    const filed = patentFiled({ applicationNumber: "PCT/JO2025/050001", filingDate: "2025-03-01" });
    expect(filed.kind === "patent" && filed.pct).toEqual({
      applicationNumber: "PCT/JO2025/050001",
      filingDate: "2025-03-01",
      nationalPhaseEntryDate: "2027-06-15",
    });
    expect(filed.filingDate).toBe("2027-06-15");
    const granted = toGrant(filed, "2028-05-10");
    expect(granted.expiryDate).toBe("2045-03-01");
    expect(granted.renewalDueDate).toBe("2029-03-01");
    // A national filing of the same day runs 20 years from its own date.
    expect(toGrant(patentFiled(), "2028-05-10").expiryDate).toBe("2047-06-15");
  });
});

describe("first annual fee", () => {
  it("falls due for the year of protection the office's law names", () => {
    const def: Workflow.Definition = {
      ...Workflow.defaults.patent,
      actions: Workflow.defaults.patent.actions.map((a) =>
        a.id === "grant" ? { ...a, effects: { ...a.effects, firstAnnuityYear: 5 } } : a,
      ),
    };
    // Filed 2027-06-15, granted 2028-05-10: by default the first fee is due on the next anniversary (2028-06-15);
    // an office charging from year 5 asks for it on the 4th anniversary.
    expect(toGrant(patentFiled(), "2028-05-10").renewalDueDate).toBe("2028-06-15");
    expect(toGrant(patentFiled(), "2028-05-10", def).renewalDueDate).toBe("2031-06-15");
  });
});

describe("annual fees before grant", () => {
  const def = Workflow.withAnnuitiesBeforeGrant(Workflow.defaults.patent, 2);
  const step = (right: IpRight.Right, action: string, role: string, today: string, extra: object = {}) => {
    const done = Workflow.perform(
      def,
      right,
      { action, ...extra },
      {
        at: `${today}T09:00:00Z`,
        today: date(today),
        actor: { id: role, role },
      },
    );
    if (Result.isFailure(done)) throw new Error(done.failure.message);
    return done.success.right;
  };

  it("fall due from year 2 while the application is pending; unpaid, the application is deemed withdrawn", () => {
    expect(Result.isSuccess(Workflow.decode(def))).toBe(true);
    let p = step(fileRight("patent"), "accord_filing_date", "clerk", "2026-01-05");
    // Filed 2026-01-05: the fee for year 2 falls due on the first anniversary.
    expect(p.renewalDueDate).toBe("2027-01-05");
    p = step(p, "formalities_compliant", "formality_examiner", "2026-02-01");
    expect(p.timeLimit).toEqual({ action: "deem_withdrawn", due: "2027-07-05", from: "renewalDueDate" });
    const unpaid = step(p, "deem_withdrawn", "system", "2027-07-05");
    expect(unpaid.status).toBe("deemed_withdrawn");
    p = step(p, "classification_checked", "classifier", "2026-03-01");
    p = step(p, "complete_search", "examiner", "2026-06-01");
    // Paid in its window, the next falls due a year later and the grant keeps it.
    p = step(p, "renew", "clerk", "2026-12-01");
    expect(p.renewalDueDate).toBe("2028-01-05");
    p = step(p, "publish", "registrar", "2027-07-05");
    p = step(p, "intend_to_grant", "examiner", "2027-09-01");
    p = step(p, "grant", "registrar", "2027-11-01", { data: { registrationNumber: "P 9" } });
    expect(p).toMatchObject({ status: "opposition_period", renewalDueDate: "2028-01-05", expiryDate: "2046-01-05" });
  });
});
