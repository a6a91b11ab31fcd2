import { Result, Schema } from "effect";
import { describe, expect, it } from "vitest";
import { GoodsAndServices, IpRight, Workflow } from "@ipoffice/domain";
import { act, chain, date, fileRight } from "./helpers.js";

const kinds = ["trademark", "patent", "industrial_design", "utility_model"] as const;

describe("default workflows", () => {
  it.each(kinds)("%s decodes and validates from JSON", (kind) => {
    const def = Workflow.defaults[kind];
    const decoded = Workflow.decode(JSON.parse(JSON.stringify(def)));
    expect(Result.isSuccess(decoded) && decoded.success).toEqual(def);
    expect(def.kind).toBe(kind);
    for (const s of def.states) expect(s.labels["ar"], `${s.id} has an Arabic label`).toBeTruthy();
  });

  it("drives a trademark from filing to registration, renewal and expiry, refused in one class", () => {
    let tm = fileRight("trademark");
    tm = chain(tm, [
      ["accord_filing_date"],
      ["formalities_compliant"],
      ["classification_checked"],
      [
        "examine",
        {
          classDecisions: [
            { classNumber: 35, decision: "refuse", reason: "descriptive for retail of dates" },
            { classNumber: 30, decision: "limit", terms: [{ text: "Coffee", decision: "refuse" }] },
          ],
        },
      ],
    ]);
    expect(tm.status).toBe("accepted");
    expect(tm.standardStatus).toEqual({ standard: "ST.96", code: "Application accepted" });
    tm = act(tm, "publish", { data: { publicationDate: date("2026-03-02"), publicationNumber: "2026/05" } }).right;
    expect(tm.timeLimit).toEqual({ action: "close_opposition_period", due: "2026-06-02", from: "publicationDate" });
    tm = act(tm, "close_opposition_period", { today: "2026-06-02" }).right;
    const registered = act(tm, "register", { data: { registrationNumber: "178 204" }, today: "2026-06-10" });
    tm = registered.right;
    expect(tm).toMatchObject({
      status: "registered",
      registration: { number: "178 204", date: "2026-06-10" },
      expiryDate: "2036-01-05",
      timeLimit: { action: "expire", due: "2036-07-05" },
    });
    if (tm.kind !== "trademark") throw new Error("kind");
    expect(tm.goodsAndServices.map((c) => [c.classNumber, c.status])).toEqual([
      [29, "registered"],
      [30, "registered"],
      [35, "refused"],
    ]);
    expect(tm.goodsAndServices[1]?.terms.map((t) => [t.text, t.status])).toEqual([
      ["Pastries", "registered"],
      ["Coffee", "refused"],
    ]);
    expect(GoodsAndServices.overallStatus(tm.goodsAndServices)).toBe("registered");
    expect(registered.event.changes.map((c) => c.field)).toEqual(
      expect.arrayContaining(["status", "registration", "expiryDate", "goodsAndServices.29", "goodsAndServices.30"]),
    );
    expect(registered.event.changes.map((c) => c.field)).not.toContain("goodsAndServices.35");

    tm = act(tm, "renew", { today: "2035-12-01" }).right;
    expect(tm).toMatchObject({ status: "registered", expiryDate: "2046-01-05", version: 9 });
    const early = Workflow.perform(
      Workflow.defaults.trademark,
      tm,
      { action: "expire" },
      {
        at: "2046-07-04T00:00:00Z",
        today: date("2046-07-04"),
        actor: { id: "system", role: "system" },
      },
    );
    expect(Result.isFailure(early) && early.failure._tag).toBe("InvalidActionInput");
    tm = act(tm, "expire", { today: "2046-07-05" }).right;
    expect(tm.status).toBe("expired");
    expect(tm.kind === "trademark" && GoodsAndServices.overallStatus(tm.goodsAndServices)).toBe("expired");
    expect(Schema.decodeUnknownSync(IpRight.Right)(JSON.parse(JSON.stringify(tm)))).toEqual(tm);
  });

  it("refuses a mark refused in every class, then runs the appeal path", () => {
    let tm = chain(fileRight("trademark"), [
      ["accord_filing_date"],
      ["formalities_compliant"],
      ["classification_checked"],
    ]);
    tm = act(tm, "examine", {
      classDecisions: [29, 30, 35].map((classNumber) => ({ classNumber, decision: "refuse" as const })),
    }).right;
    expect(tm.status).toBe("refused");
    expect(tm.timeLimit?.action).toBe("close_appeal_period");
    tm = act(tm, "file_appeal", { reason: "the mark is distinctive", role: "representative" }).right;
    tm = act(tm, "allow_appeal", { reason: "acquired distinctiveness shown" }).right;
    expect(tm.status).toBe("substantive_examination");
  });

  it("drives a patent from filing to grant, annual fees and expiry at 20 years", () => {
    let p = chain(fileRight("patent"), [
      ["accord_filing_date"],
      ["formalities_compliant"],
      ["classification_checked"],
      ["complete_search"],
    ]);
    expect(p.timeLimit).toEqual({ action: "publish", due: "2027-07-05", from: "priorityDate" });
    p = chain(p, [
      ["publish", { role: "system", today: "2027-07-05" }],
      ["raise_objection", { reason: "claim 1 lacks novelty over D1" }],
      ["reply_to_objection", { role: "representative" }],
      ["intend_to_grant"],
      ["grant", { data: { registrationNumber: "JO 4711" }, today: "2028-03-01" }],
    ]);
    expect(p).toMatchObject({
      status: "opposition_period",
      standardStatus: { standard: "ST.27", code: "F10" },
      expiryDate: "2046-01-05",
      renewalDueDate: "2029-01-05",
      timeLimit: { action: "close_opposition_period", due: "2028-12-01" },
    });
    p = act(p, "close_opposition_period", { today: "2028-12-01" }).right;
    expect(p.timeLimit).toEqual({ action: "lapse", due: "2029-07-05", from: "renewalDueDate" });
    for (let year = 2029; year < 2046; year++) p = act(p, "renew", { today: `${year}-01-02` }).right;
    expect(p).toMatchObject({
      status: "in_force",
      renewalDueDate: "2046-01-05",
      timeLimit: { action: "expire", due: "2046-01-05" },
    });
    const again = Workflow.perform(
      Workflow.defaults.patent,
      p,
      { action: "renew" },
      {
        at: "2045-11-01T00:00:00Z",
        today: date("2045-11-01"),
        actor: { id: "c", role: "clerk" },
      },
    );
    expect(Result.isFailure(again) && again.failure.message).toContain("paid up to the end of protection");
    const expired = act(p, "expire", { today: "2046-01-05" });
    expect(expired.right.status).toBe("expired");
    expect(expired.event.standardCode).toBe("H14");
  });

  it("lapses a patent whose annual fee is not paid, and restores it", () => {
    let p = chain(fileRight("patent"), [
      ["accord_filing_date"],
      ["formalities_compliant"],
      ["classification_checked"],
      ["complete_search"],
      ["publish", { role: "registrar" }],
      ["intend_to_grant"],
      ["grant", { data: { registrationNumber: "JO 4712" }, today: "2028-03-01" }],
      ["close_opposition_period", { today: "2028-12-01" }],
      ["lapse", { today: "2029-07-05" }],
    ]);
    expect(p.status).toBe("lapsed");
    p = act(p, "restore_right", { reason: "fee missed through hospitalisation" }).right;
    expect(p).toMatchObject({ status: "in_force", renewalDueDate: "2030-01-05" });
  });

  it("drives a design to registration and renewals up to 25 years, then expiry", () => {
    let d = chain(fileRight("industrial_design"), [
      ["accord_filing_date"],
      ["formalities_compliant"],
      ["classification_checked"],
      ["accept"],
      ["publish", { data: { publicationDate: date("2026-02-01") } }],
      ["close_opposition_period", { today: "2026-05-01" }],
      ["register", { data: { registrationNumber: "D-991" } }],
    ]);
    expect(d).toMatchObject({ status: "registered", expiryDate: "2031-01-05" });
    expect(d.kind === "industrial_design" && d.designs[0]?.status).toBe("registered");
    for (const year of [2030, 2035, 2040, 2045]) d = act(d, "renew", { today: `${year}-12-01` }).right;
    expect(d.expiryDate).toBe("2051-01-05");
    const sixth = Workflow.perform(
      Workflow.defaults.industrial_design,
      d,
      { action: "renew" },
      {
        at: "2050-12-01T00:00:00Z",
        today: date("2050-12-01"),
        actor: { id: "r", role: "registrar" },
      },
    );
    expect(Result.isFailure(sixth) && sixth.failure.message).toContain("25 years");
    d = act(d, "expire", { today: "2051-07-05" }).right;
    expect(d.status).toBe("expired");
  });

  it("drives a utility model to registration, annual fees (or lapse) and expiry at 10 years", () => {
    let u = chain(fileRight("utility_model"), [
      ["accord_filing_date"],
      ["formalities_compliant"],
      ["classification_checked"],
      ["accept"],
      ["publish", { data: { publicationDate: date("2026-04-01") } }],
      ["close_opposition_period", { today: "2026-07-01" }],
      ["register", { data: { registrationNumber: "UM 77" }, today: "2026-07-15" }],
    ]);
    expect(u).toMatchObject({ status: "in_force", expiryDate: "2036-01-05", renewalDueDate: "2027-01-05" });
    u = act(u, "renew", { today: "2026-12-20" }).right;
    expect(u.renewalDueDate).toBe("2028-01-05");
    expect(act(u, "lapse", { today: "2028-07-05" }).right.status).toBe("lapsed");
    for (let year = 2027; year < 2035; year++) u = act(u, "renew", { today: `${year}-12-20` }).right;
    expect(u).toMatchObject({ renewalDueDate: "2036-01-05", timeLimit: { action: "expire", due: "2036-01-05" } });
    u = act(u, "expire", { today: "2036-01-05" }).right;
    expect(u.status).toBe("expired");
  });
});

describe("time limits on the office calendar", () => {
  it("moves a due date falling on the weekend or a holiday to the next working day", () => {
    // Oman: Friday–Saturday weekend. Two months from Wednesday 2026-01-07 is Saturday 2026-03-07; Sunday 8 March is
    // declared a holiday here, so the time limit ends on Monday 9 March.
    const calendar = { weekend: ["friday", "saturday"] as const, holidays: [date("2026-03-08")] };
    const right = chain(fileRight("trademark"), [["accord_filing_date"]]);
    const r = Workflow.perform(
      Workflow.defaults.trademark,
      right,
      { action: "notify_formality_deficiency", reason: "no power of attorney" },
      {
        at: "2026-01-07T10:00:00Z",
        today: date("2026-01-07"),
        actor: { id: "f", role: "formality_examiner" },
        calendar: { ...calendar, weekend: [...calendar.weekend] },
      },
    );
    expect(Result.isSuccess(r) && r.success.right.timeLimit).toEqual({
      action: "deem_withdrawn",
      due: "2026-03-09",
      from: "entry",
    });
    const plain = act(right, "notify_formality_deficiency", { reason: "no power of attorney", today: "2026-01-07" });
    expect(plain.right.timeLimit?.due).toBe("2026-03-07");
  });

  it("sets the first annual fee on the filing anniversary after grant, keeping 29 February", () => {
    let p = chain(fileRight("patent", "2028-02-29"), [
      ["accord_filing_date"],
      ["formalities_compliant"],
      ["classification_checked"],
      ["complete_search"],
      ["publish", { role: "registrar" }],
      ["intend_to_grant"],
      ["grant", { data: { registrationNumber: "JO 5000" }, today: "2031-06-01" }],
    ]);
    expect(p).toMatchObject({ renewalDueDate: "2032-02-29", expiryDate: "2048-02-29" });
    p = act(p, "close_opposition_period", { today: "2032-03-01" }).right;
    expect(p.status).toBe("in_force");
  });
});

describe("helpers", () => {
  it("dueAction says what the scheduler performs on a day", () => {
    const right = act(fileRight("trademark"), "accord_filing_date").right;
    const deficient = act(right, "notify_formality_deficiency", { reason: "fee unpaid", today: "2026-01-07" }).right;
    expect(Workflow.dueAction(deficient, "2026-03-06")).toBeUndefined();
    expect(Workflow.dueAction(deficient, "2026-03-07")).toBe("deem_withdrawn");
    expect(Workflow.dueAction(right, "2099-01-01")).toBeUndefined();
  });

  it("label falls back from region to language to English", () => {
    const labels = Workflow.defaults.trademark.states[0]!.labels;
    expect(Workflow.label(labels, "ar-JO")).toBe("طلب مودع");
    expect(Workflow.label(labels, "fr")).toBe("Demande déposée");
    expect(Workflow.label(labels, "de")).toBe("Application filed");
  });
});

describe("perform refuses what the workflow does not allow", () => {
  const tm = fileRight("trademark");

  it("an action not available in the status, with the allowed ones", () => {
    const r = Workflow.perform(
      Workflow.defaults.trademark,
      tm,
      { action: "register" },
      {
        at: "2026-01-06T00:00:00Z",
        today: date("2026-01-06"),
        actor: { id: "c", role: "clerk" },
      },
    );
    expect(Result.isFailure(r) && r.failure).toMatchObject({
      _tag: "ActionNotAllowed",
      status: "filed",
      allowed: ["accord_filing_date", "withdraw"],
    });
  });

  it("a role that may not act", () => {
    const r = Workflow.perform(
      Workflow.defaults.trademark,
      tm,
      { action: "accord_filing_date" },
      {
        at: "2026-01-06T00:00:00Z",
        today: date("2026-01-06"),
        actor: { id: "x", role: "applicant" },
      },
    );
    expect(Result.isFailure(r) && r.failure).toMatchObject({
      _tag: "RoleNotAllowed",
      allowedRoles: ["clerk", "formality_examiner"],
    });
  });

  it("missing input and decisions that do not fit the mark", () => {
    const examined = chain(tm, [["accord_filing_date"], ["formalities_compliant"], ["classification_checked"]]);
    const r = Workflow.perform(
      Workflow.defaults.trademark,
      examined,
      {
        action: "examine",
        classDecisions: [
          { classNumber: 9, decision: "refuse" },
          { classNumber: 30, decision: "limit", terms: [{ text: "Tea", decision: "refuse" }] },
        ],
      },
      { at: "2026-01-06T00:00:00Z", today: date("2026-01-06"), actor: { id: "e", role: "examiner" } },
    );
    expect(Result.isFailure(r) && r.failure._tag).toBe("InvalidActionInput");
    if (Result.isFailure(r) && r.failure._tag === "InvalidActionInput") {
      expect(r.failure.problems.map((p) => p.path.join("."))).toEqual([
        "classDecisions.0.classNumber",
        "classDecisions.1.terms.0.text",
        "classDecisions.1.terms",
      ]);
    }
    const noReason = Workflow.perform(
      Workflow.defaults.trademark,
      examined,
      { action: "raise_objection" },
      {
        at: "2026-01-06T00:00:00Z",
        today: date("2026-01-06"),
        actor: { id: "e", role: "examiner" },
      },
    );
    expect(Result.isFailure(noReason) && noReason.failure.message).toContain("reason: a reason is required");
  });

  it("the system role acting before a time limit has run out, or on an action that is not its time limit", () => {
    const searched = chain(fileRight("patent"), [
      ["accord_filing_date"],
      ["formalities_compliant"],
      ["classification_checked"],
      ["complete_search"],
    ]);
    const system = { id: "system", role: "system" };
    const early = Workflow.perform(
      Workflow.defaults.patent,
      searched,
      { action: "publish" },
      {
        at: "2027-07-04T00:00:00Z",
        today: date("2027-07-04"),
        actor: system,
      },
    );
    expect(Result.isFailure(early) && early.failure.message).toContain("the time limit runs until 2027-07-05");
    // A registrar may publish early at the applicant's request.
    expect(act(searched, "publish", { role: "registrar", today: "2026-09-01" }).right.publication).toEqual({
      date: "2026-09-01",
    });
    const notItsLimit = Workflow.perform(
      Workflow.defaults.patent,
      fileRight("patent"),
      { action: "withdraw" },
      {
        at: "2026-01-06T00:00:00Z",
        today: date("2026-01-06"),
        actor: system,
      },
    );
    expect(Result.isFailure(notItsLimit) && notItsLimit.failure._tag).toBe("RoleNotAllowed");
  });

  it.each(kinds)(
    "the system role deems a %s withdrawn from filing on under a named office rule (unpaid fees, cf. EPC art. 78(2)), never without one",
    (kind) => {
      const filed = fileRight(kind);
      const system = { id: "system", role: "system" };
      const ctx = { at: "2026-02-06T00:00:00Z", today: date("2026-02-06"), actor: system };
      const request = { action: "deem_withdrawn", reason: "The fees of invoice X were not paid within 30 days." };
      const bare = Workflow.perform(Workflow.defaults[kind], filed, request, ctx);
      expect(Result.isFailure(bare) && bare.failure.message).toContain("no time limit firing deem_withdrawn");
      const ruled = Workflow.perform(Workflow.defaults[kind], filed, request, { ...ctx, rule: "fees.unpaidFilings" });
      expect(Result.isSuccess(ruled) && ruled.success.right.status).toBe("deemed_withdrawn");
      // A rule lets the system act outside a time limit, not take another role's action.
      const other = Workflow.perform(
        Workflow.defaults[kind],
        filed,
        { action: "withdraw" },
        {
          ...ctx,
          rule: "fees.unpaidFilings",
        },
      );
      expect(Result.isFailure(other) && other.failure._tag).toBe("RoleNotAllowed");
    },
  );

  it("suspends examination and resumes it where it was", () => {
    const examining = chain(fileRight("patent"), [
      ["accord_filing_date"],
      ["formalities_compliant"],
      ["classification_checked"],
      ["complete_search"],
      ["publish", { role: "registrar" }],
    ]);
    const suspended = act(examining, "suspend", { reason: "entitlement proceedings before the court" });
    expect(suspended.right.standardStatus).toEqual({ standard: "ST.27", code: "T10" });
    expect(suspended.event.standardCode).toBe("T14");
    expect(act(suspended.right, "resume").right.status).toBe("substantive_examination");
  });

  it("restores a deemed-withdrawn application to the status it had", () => {
    let r = chain(tm, [["accord_filing_date"], ["notify_formality_deficiency", { reason: "no power of attorney" }]]);
    expect(r.timeLimit).toEqual({ action: "deem_withdrawn", due: "2026-03-05", from: "entry" });
    r = act(r, "deem_withdrawn", { today: "2026-03-05" }).right;
    expect(r).toMatchObject({ status: "deemed_withdrawn", previousStatus: "formality_deficiency" });
    r = act(r, "restore_application", { reason: "unforeseen postal strike" }).right;
    expect(r.status).toBe("formality_deficiency");
  });
});

describe("decode", () => {
  const base = Workflow.defaults.trademark;

  it("loads an office's adaptation of a default: a 30-day opposition period and no appeal stage", () => {
    const appeal = new Set(["appeal", "refusal_final"]);
    const adapted = {
      ...base,
      id: "ae_trademark",
      states: base.states
        .filter((s) => !appeal.has(s.id))
        .map((s) =>
          s.id === "opposition_period"
            ? { ...s, timeLimits: [{ from: "publicationDate" as const, days: 30, action: "close_opposition_period" }] }
            : s.id === "refused"
              ? { ...s, final: true, timeLimits: [] }
              : s,
        ),
      actions: base.actions
        .filter(
          (a) =>
            !["file_appeal", "close_appeal_period", "allow_appeal", "dismiss_appeal", "withdraw_appeal"].includes(a.id),
        )
        .map((a) => ({ ...a, from: a.from.filter((f) => !appeal.has(f)) })),
    };
    const loaded = Workflow.decode(JSON.parse(JSON.stringify(adapted)));
    expect(Result.isSuccess(loaded)).toBe(true);
    if (Result.isFailure(loaded)) return;
    const published = chain(fileRight("trademark"), [
      ["accord_filing_date"],
      ["formalities_compliant"],
      ["classification_checked"],
      ["examine"],
    ]);
    const r = Workflow.perform(
      loaded.success,
      published,
      { action: "publish", data: { publicationDate: date("2026-03-02") } },
      {
        at: "2026-03-02T09:00:00Z",
        today: date("2026-03-02"),
        actor: { id: "r", role: "registrar" },
      },
    );
    expect(Result.isSuccess(r) && r.success.right.timeLimit?.due).toBe("2026-04-01");
  });

  it("lists each problem of a broken workflow with its path", () => {
    const broken = {
      ...base,
      states: [...base.states, { id: "limbo", labels: { en: "Limbo" } }],
      actions: base.actions.map((a) =>
        a.id === "publish" ? { ...a, roles: ["publisher"] } : a.id === "register" ? { ...a, to: "nowhere" } : a,
      ),
    };
    const r = Workflow.decode(broken);
    expect(Result.isFailure(r)).toBe(true);
    if (Result.isSuccess(r)) return;
    const publish = base.actions.findIndex((a) => a.id === "publish");
    const register = base.actions.findIndex((a) => a.id === "register");
    expect(r.failure.problems.map((p) => p.path.join("."))).toEqual([
      `actions.${publish}.roles.0`,
      `actions.${register}.to`,
    ]);
    // Once references resolve, the graph checks run.
    const graph = Workflow.decode({ ...base, states: [...base.states, { id: "limbo", labels: { en: "Limbo" } }] });
    expect(Result.isFailure(graph) && graph.failure.problems.map((p) => p.message)).toEqual([
      "state limbo cannot be reached from filed",
      "state limbo is a dead end: no action leaves it and it is not final",
    ]);
  });

  it("reports schema problems with paths and never throws on hostile input", () => {
    const r = Workflow.decode({ ...base, id: "Bad Id", states: [{ id: "x", labels: { ar: "س" } }] });
    expect(Result.isFailure(r) && r.failure.problems.map((p) => p.path.join("."))).toEqual([
      "id",
      "states.0.labels.en",
    ]);
    for (const hostile of [null, 42, "workflow", [], { states: "x" }]) {
      expect(Result.isFailure(Workflow.decode(hostile))).toBe(true);
    }
  });

  it("checks standard codes against the ST.27 and ST.96 lists", () => {
    const r = Workflow.decode({
      ...Workflow.defaults.patent,
      states: Workflow.defaults.patent.states.map((s, i) =>
        i === 0 ? { ...s, standard: { standard: "ST.27", code: "Z99" } } : s,
      ),
    });
    expect(Result.isFailure(r) && r.failure.problems).toEqual([
      { path: ["states", 0, "standard", "code"], message: "Z99 is not an ST.27 key event" },
    ]);
  });

  it("rejects a state from which no final state can be reached", () => {
    const loop = {
      ...base,
      states: [...base.states, { id: "loop_a", labels: { en: "A" } }, { id: "loop_b", labels: { en: "B" } }],
      actions: [
        ...base.actions,
        { id: "enter_loop", labels: { en: "In" }, from: ["filed"], to: "loop_a", roles: ["clerk"] },
        { id: "loop_ab", labels: { en: "AB" }, from: ["loop_a"], to: "loop_b", roles: ["clerk"] },
        { id: "loop_ba", labels: { en: "BA" }, from: ["loop_b"], to: "loop_a", roles: ["clerk"] },
      ],
    };
    const r = Workflow.decode(loop);
    expect(Result.isFailure(r) && r.failure.problems.map((p) => p.message)).toEqual([
      "no final state can be reached from state loop_a",
      "no final state can be reached from state loop_b",
    ]);
  });
});
