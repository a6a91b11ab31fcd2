import { Result, Schema } from "effect";
import { describe, expect, it } from "vitest";
import { GoodsAndServices, type IpRight, Userdoc, Workflow } from "@ipoffice/domain";
import { act, chain, date, fileRight } from "./helpers.js";

const clerk = { id: "clerk-7", role: "clerk" };
const ctx = (today: string, actor = clerk) => ({ at: `${today}T11:00:00Z`, today: date(today), actor });
const doc = (u: Record<string, unknown>) => Schema.decodeUnknownSync(Userdoc.Userdoc)(u);

/** A mark registered on 2026-06-10 in classes 29 and 30 (class 35 refused), expiring on 2036-01-05. */
const registeredMark = (): IpRight.Right =>
  chain(fileRight("trademark"), [
    ["accord_filing_date"],
    ["formalities_compliant"],
    ["classification_checked"],
    ["examine", { classDecisions: [{ classNumber: 35, decision: "refuse" }] }],
    ["publish", { data: { publicationDate: date("2026-03-02") } }],
    ["close_opposition_period", { today: "2026-06-02" }],
    ["register", { data: { registrationNumber: "178 204" }, today: "2026-06-10" }],
  ]);

const unwrap = <A, E extends { message: string }>(r: Result.Result<A, E>): A => {
  if (Result.isFailure(r)) throw new Error(r.failure.message);
  return r.success;
};

describe("Userdoc.apply", () => {
  it("a transfer replaces two owners with one and records the event", () => {
    const base = registeredMark();
    const twoOwners: IpRight.Right = {
      ...base,
      owners: [
        { name: "Nakhla Foods PSC", kind: "legal", country: "JO" as never, share: 60 },
        { name: "Omar Nasser", kind: "natural", country: "JO" as never, share: 40 },
      ],
    };
    const { right, event } = unwrap(
      Userdoc.apply(
        twoOwners,
        doc({
          type: "transfer",
          number: "UD/2027/15",
          filedOn: "2027-02-01",
          owners: [{ name: "Gulf Date Company SAOG", country: "OM" }],
        }),
        ctx("2027-02-03"),
      ),
    );
    expect(right.owners).toEqual([{ name: "Gulf Date Company SAOG", kind: "legal", country: "OM" }]);
    expect(right.status).toBe("registered");
    expect(right.version).toBe(twoOwners.version + 1);
    expect(event).toMatchObject({
      action: "transfer",
      fromStatus: "registered",
      toStatus: "registered",
      // An ST.96 mark event category, never the ST.27 (patent) code R14 "Transfer of ownership recorded".
      standardCode: "National assignment history entry",
      userdoc: { type: "transfer", number: "UD/2027/15" },
      actor: clerk,
    });
    expect(event.changes).toEqual([{ field: "owners", before: twoOwners.owners, after: right.owners }]);
  });

  it("renews in the window before expiry, with a surcharge in the grace period, and refuses it outside", () => {
    const mark = registeredMark();
    const onTime = unwrap(Userdoc.apply(mark, doc({ type: "renewal", filedOn: "2035-09-01" }), ctx("2035-09-02")));
    expect(onTime.right).toMatchObject({ expiryDate: "2046-01-05", status: "registered" });
    expect(onTime.surcharge).toBe(false);
    expect(onTime.event).toMatchObject({ action: "renew", userdoc: { type: "renewal", surcharge: false } });

    const late = unwrap(Userdoc.apply(mark, doc({ type: "renewal", filedOn: "2036-03-01" }), ctx("2036-03-02")));
    expect(late.surcharge).toBe(true);
    expect(late.right.expiryDate).toBe("2046-01-05");

    for (const filedOn of ["2035-07-04", "2036-07-06"]) {
      const r = Userdoc.apply(mark, doc({ type: "renewal", filedOn }), ctx(filedOn));
      expect(Result.isFailure(r) && r.failure.reason).toBe("out_of_time");
    }
    const pending = Userdoc.apply(
      fileRight("trademark"),
      doc({ type: "renewal", filedOn: "2026-02-01" }),
      ctx("2026-02-01"),
    );
    expect(Result.isFailure(pending) && pending.failure.reason).toBe("not_applicable");
  });

  it("pays a patent annual fee with the annual_fee type, not with renewal", () => {
    const p = chain(fileRight("patent"), [
      ["accord_filing_date"],
      ["formalities_compliant"],
      ["classification_checked"],
      ["complete_search"],
      ["publish", { role: "registrar" }],
      ["intend_to_grant"],
      ["grant", { data: { registrationNumber: "JO 4711" }, today: "2028-03-01" }],
    ]);
    const paid = unwrap(Userdoc.apply(p, doc({ type: "annual_fee", filedOn: "2028-11-10" }), ctx("2028-11-10")));
    expect(paid.right.renewalDueDate).toBe("2030-01-05");
    const wrongType = Userdoc.apply(p, doc({ type: "renewal", filedOn: "2028-11-10" }), ctx("2028-11-10"));
    expect(Result.isFailure(wrongType) && wrongType.failure.reason).toBe("not_applicable");
  });

  it("withdraws some classes of a pending mark, then all of them", () => {
    const pending = chain(fileRight("trademark"), [["accord_filing_date"]]);
    const partial = unwrap(
      Userdoc.apply(pending, doc({ type: "withdrawal", filedOn: "2026-01-20", classes: [35] }), ctx("2026-01-20")),
    );
    expect(partial.right.status).toBe("formality_examination");
    expect(partial.right.kind === "trademark" && partial.right.goodsAndServices.map((c) => c.status)).toEqual([
      "pending",
      "pending",
      "withdrawn",
    ]);
    expect(partial.event.changes.map((c) => c.field)).toEqual(["goodsAndServices.35"]);
    const total = unwrap(
      Userdoc.apply(
        partial.right,
        doc({ type: "withdrawal", filedOn: "2026-01-21", classes: [29, 30] }),
        ctx("2026-01-21"),
      ),
    );
    expect(total.right.status).toBe("withdrawn");
    expect(total.event.action).toBe("withdraw");
    const again = Userdoc.apply(total.right, doc({ type: "withdrawal", filedOn: "2026-01-22" }), ctx("2026-01-22"));
    expect(Result.isFailure(again) && again.failure.reason).toBe("not_applicable");
  });

  it("surrenders one class of a registered mark", () => {
    const r = unwrap(
      Userdoc.apply(
        registeredMark(),
        doc({ type: "withdrawal", filedOn: "2027-01-01", classes: [30] }),
        ctx("2027-01-01"),
      ),
    );
    expect(r.right.kind === "trademark" && r.right.goodsAndServices.map((c) => c.status)).toEqual([
      "registered",
      "surrendered",
      "refused",
    ]);
    const refusedClass = Userdoc.apply(
      registeredMark(),
      doc({ type: "withdrawal", filedOn: "2027-01-01", classes: [35] }),
      ctx("2027-01-01"),
    );
    expect(Result.isFailure(refusedClass) && refusedClass.failure.problems).toEqual([
      { path: ["classes", 0], message: "class 35 is refused" },
    ]);
  });

  it("opens an opposition during the opposition period only", () => {
    const published = chain(fileRight("trademark"), [
      ["accord_filing_date"],
      ["formalities_compliant"],
      ["classification_checked"],
      ["examine"],
      ["publish", { data: { publicationDate: date("2026-03-02") } }],
    ]);
    const opposition = doc({
      type: "opposition",
      number: "OPP/2026/3",
      filedOn: "2026-04-15",
      parties: [{ name: "Nakhleh Trading", country: "LB" }],
      classes: [29],
      reason: "likelihood of confusion with earlier mark NAKHLEH",
    });
    const { right, event } = unwrap(Userdoc.apply(published, opposition, ctx("2026-04-16")));
    // The period stays open to other opponents; class 29 is under opposition and the overall status follows.
    expect(right.status).toBe("opposition_period");
    expect(right.timeLimit).toMatchObject({ action: "close_opposition_period", due: "2026-06-02" });
    expect(right.kind === "trademark" && right.goodsAndServices.map((c) => `${c.classNumber}:${c.status}`)).toEqual([
      "29:opposed",
      "30:accepted",
      "35:accepted",
    ]);
    expect(right.kind === "trademark" && GoodsAndServices.overallStatus(right.goodsAndServices)).toBe("opposed");
    expect(right.proceedings).toEqual([
      {
        type: "opposition",
        number: "OPP/2026/3",
        openedOn: "2026-04-15",
        parties: [{ name: "Nakhleh Trading", kind: "legal", country: "LB" }],
        grounds: "likelihood of confusion with earlier mark NAKHLEH",
        classes: [29],
      },
    ]);
    expect(event).toMatchObject({ action: "file_opposition", standardCode: "Opposition pending" });
    expect(event.changes.map((c) => c.field)).toEqual(expect.arrayContaining(["proceedings", "goodsAndServices.29"]));
    const tooEarly = Userdoc.apply(fileRight("trademark"), opposition, ctx("2026-01-10"));
    expect(Result.isFailure(tooEarly) && tooEarly.failure.reason).toBe("not_applicable");
    const noGrounds = Userdoc.apply(published, { ...opposition, reason: " " }, ctx("2026-04-16"));
    expect(Result.isFailure(noGrounds) && noGrounds.failure.problems[0]?.path).toEqual(["reason"]);
    // The workflow action alone cannot record an opposition: it has no opponent, grounds or classes.
    const bare = Workflow.perform(
      Workflow.defaults.trademark,
      published,
      { action: "file_opposition" },
      { at: "2026-04-16T10:00:00Z", today: date("2026-04-16"), actor: clerk },
    );
    expect(Result.isFailure(bare) && bare.failure.message).toContain("userdoc");
  });

  it("takes several oppositions, each its own proceeding, and registers once the period and every one has ended", () => {
    const published = chain(fileRight("trademark"), [
      ["accord_filing_date"],
      ["formalities_compliant"],
      ["classification_checked"],
      ["examine"],
      ["publish", { data: { publicationDate: date("2026-03-02") } }],
    ]);
    const first = unwrap(
      Userdoc.apply(
        published,
        doc({
          type: "opposition",
          number: "OPP/1",
          filedOn: "2026-04-15",
          parties: [{ name: "Nakhleh Trading", country: "LB" }],
          classes: [29],
          reason: "earlier mark NAKHLEH",
        }),
        ctx("2026-04-16"),
      ),
    ).right;
    const second = unwrap(
      Userdoc.apply(
        first,
        doc({
          type: "opposition",
          filedOn: "2026-05-30",
          parties: [{ name: "Palm Coffee Roasters", country: "AE" }],
          classes: [29, 30],
          reason: "earlier mark PALMA for coffee",
        }),
        ctx("2026-05-30"),
      ),
    ).right;
    expect(second.status).toBe("opposition_period");
    expect(second.proceedings?.map((p) => [p.number, p.parties?.[0]?.name, p.classes])).toEqual([
      ["OPP/1", "Nakhleh Trading", [29]],
      ["opposition-2", "Palm Coffee Roasters", [29, 30]],
    ]);
    expect(second.kind === "trademark" && second.goodsAndServices.map((c) => c.status)).toEqual([
      "opposed",
      "opposed",
      "accepted",
    ]);
    // The period ends with two oppositions open: registration waits.
    let tm = act(second, "close_opposition_period", { today: "2026-06-02" }).right;
    expect(tm.status).toBe("opposition");
    expect(Workflow.availableActions(Workflow.defaults.trademark, tm).map((a) => a.id)).not.toContain("register");
    // Deciding without naming which opposition is refused while two are open.
    const unnamed = Workflow.perform(
      Workflow.defaults.trademark,
      tm,
      { action: "decide_opposition", reason: "x" },
      { at: "2026-08-01T10:00:00Z", today: date("2026-08-01"), actor: { id: "od", role: "opposition_division" } },
    );
    expect(
      Result.isFailure(unnamed) && unnamed.failure._tag === "InvalidActionInput" && unnamed.failure.problems,
    ).toEqual([{ path: ["proceeding"], message: expect.stringContaining("OPP/1, opposition-2") }]);
    // The first opposition fails: class 29 stays opposed by the second, class 30 too; the mark waits.
    tm = act(tm, "decide_opposition", {
      proceeding: "OPP/1",
      reason: "no likelihood of confusion",
      classDecisions: [{ classNumber: 29, decision: "accept" }],
      today: "2026-08-01",
    }).right;
    expect(tm.status).toBe("opposition");
    expect(tm.proceedings?.map((p) => p.closedOn ?? "open")).toEqual(["2026-08-01", "open"]);
    expect(tm.kind === "trademark" && tm.goodsAndServices.map((c) => c.status)).toEqual([
      "opposed",
      "opposed",
      "accepted",
    ]);
    // The second succeeds for class 30: the mark goes on with 29 and 35, to registration.
    tm = act(tm, "decide_opposition", {
      proceeding: "opposition-2",
      reason: "confusion with PALMA for coffee",
      classDecisions: [{ classNumber: 30, decision: "refuse" }],
      today: "2026-09-01",
    }).right;
    expect(tm.status).toBe("registration_pending");
    expect(tm.kind === "trademark" && tm.goodsAndServices.map((c) => `${c.classNumber}:${c.status}`)).toEqual([
      "29:accepted",
      "30:refused",
      "35:accepted",
    ]);
    expect(tm.kind === "trademark" && GoodsAndServices.overallStatus(tm.goodsAndServices)).toBe("accepted");
  });

  it("goes on to registration when the only opposition is withdrawn during the period", () => {
    const opposed = unwrap(
      Userdoc.apply(
        chain(fileRight("trademark"), [
          ["accord_filing_date"],
          ["formalities_compliant"],
          ["classification_checked"],
          ["examine"],
          ["publish", { data: { publicationDate: date("2026-03-02") } }],
        ]),
        doc({
          type: "opposition",
          filedOn: "2026-04-15",
          parties: [{ name: "Sidr Foods", country: "OM" }],
          reason: "earlier mark",
        }),
        ctx("2026-04-16"),
      ),
    ).right;
    // An opposition naming no class opposes every class.
    expect(opposed.kind === "trademark" && opposed.goodsAndServices.every((c) => c.status === "opposed")).toBe(true);
    const withdrawn = act(opposed, "withdraw_opposition_in_period", { today: "2026-05-01" }).right;
    expect(withdrawn.kind === "trademark" && withdrawn.goodsAndServices.map((c) => c.status)).toEqual([
      "accepted",
      "accepted",
      "accepted",
    ]);
    expect(act(withdrawn, "close_opposition_period", { today: "2026-06-02" }).right.status).toBe(
      "registration_pending",
    );
  });

  it("records a licence and cancels it by number", () => {
    const licensed = unwrap(
      Userdoc.apply(
        registeredMark(),
        doc({
          type: "licence",
          number: "L-1",
          filedOn: "2027-03-01",
          parties: [{ name: "Date House LLC", country: "AE" }],
          classes: [29],
          details: { exclusive: "no", territory: "JO" },
        }),
        ctx("2027-03-01"),
      ),
    ).right;
    expect(licensed.recordals?.[0]).toMatchObject({ type: "licence", number: "L-1", active: true, classes: [29] });
    const cancelled = unwrap(
      Userdoc.apply(
        licensed,
        doc({ type: "licence_cancellation", filedOn: "2028-03-01", recordalNumber: "L-1" }),
        ctx("2028-03-01"),
      ),
    ).right;
    expect(cancelled.recordals?.[0]?.active).toBe(false);
    const twice = Userdoc.apply(
      cancelled,
      doc({ type: "licence_cancellation", filedOn: "2028-03-02", recordalNumber: "L-1" }),
      ctx("2028-03-02"),
    );
    expect(Result.isFailure(twice) && twice.failure.problems[0]?.path).toEqual(["recordalNumber"]);
  });

  it("changes an owner's name and address, and the representatives", () => {
    let r = registeredMark();
    r = unwrap(
      Userdoc.apply(
        r,
        doc({ type: "change_of_name", filedOn: "2027-01-01", ownerChanges: [{ index: 0, name: "Nakhla Group PSC" }] }),
        ctx("2027-01-01"),
      ),
    ).right;
    r = unwrap(
      Userdoc.apply(
        r,
        doc({
          type: "change_of_address",
          filedOn: "2027-01-02",
          ownerChanges: [{ index: 0, address: { street: "King Hussein St 12", city: "Amman", country: "JO" } }],
        }),
        ctx("2027-01-02"),
      ),
    ).right;
    expect(r.owners[0]).toMatchObject({ name: "Nakhla Group PSC", address: { city: "Amman" } });
    const badIndex = Userdoc.apply(
      r,
      doc({ type: "change_of_name", filedOn: "2027-01-03", ownerChanges: [{ index: 3, name: "X" }] }),
      ctx("2027-01-03"),
    );
    expect(Result.isFailure(badIndex) && badIndex.failure.problems[0]?.path).toEqual(["ownerChanges", 0, "index"]);
    r = unwrap(
      Userdoc.apply(
        r,
        doc({
          type: "change_of_representative",
          filedOn: "2027-01-04",
          representatives: [{ name: "Saba IP", country: "JO", registrationNumber: "A-112" }],
        }),
        ctx("2027-01-04"),
      ),
    ).right;
    expect(r.representatives).toEqual([{ name: "Saba IP", kind: "legal", country: "JO", registrationNumber: "A-112" }]);
  });

  it("restores a deemed-withdrawn application when a registrar records the request", () => {
    const lost = chain(fileRight("trademark"), [
      ["accord_filing_date"],
      ["notify_formality_deficiency", { reason: "no power of attorney" }],
      ["deem_withdrawn", { today: "2026-03-05" }],
    ]);
    const request = doc({
      type: "restoration",
      filedOn: "2026-03-20",
      reason: "the notice was sent to a wrong address",
    });
    const byClerk = Userdoc.apply(lost, request, ctx("2026-03-20"));
    expect(Result.isFailure(byClerk) && byClerk.failure.reason).toBe("workflow");
    const restored = unwrap(Userdoc.apply(lost, request, ctx("2026-03-20", { id: "reg-1", role: "registrar" })));
    expect(restored.right.status).toBe("formality_deficiency");
    expect(restored.event.action).toBe("restore_application");
  });

  it("refuses an unknown type and a type for another kind", () => {
    const r = Userdoc.apply(registeredMark(), doc({ type: "merger", filedOn: "2027-01-01" }), ctx("2027-01-01"));
    expect(Result.isFailure(r) && r.failure.reason).toBe("unknown_type");
    const annual = Userdoc.apply(
      registeredMark(),
      doc({ type: "annual_fee", filedOn: "2027-01-01" }),
      ctx("2027-01-01"),
    );
    expect(Result.isFailure(annual) && annual.failure.reason).toBe("not_applicable");
  });
});

describe("Userdoc.types", () => {
  it("are valid data and name actions that exist in the default workflows of their kinds", () => {
    const decoded = Schema.decodeUnknownSync(Schema.Array(Userdoc.UserdocType))(
      JSON.parse(JSON.stringify(Userdoc.types)),
    );
    expect(decoded).toEqual(Userdoc.types);
    expect(new Set(Userdoc.types.map((t) => t.id)).size).toBe(Userdoc.types.length);
    for (const t of Userdoc.types.filter((t) => t.actionRequired)) {
      for (const kind of t.kinds) {
        const ids = Workflow.defaults[kind].actions.map((a) => a.id);
        expect(
          t.actions?.some((a) => ids.includes(a)),
          `${t.id} on ${kind}`,
        ).toBe(true);
      }
    }
    expect(Userdoc.typesFor("patent").map((t) => t.id)).toContain("annual_fee");
  });

  it("decodes a userdoc, reporting each bad field", () => {
    const r = Schema.decodeUnknownResult(Userdoc.Userdoc, { errors: "all" })({
      type: "transfer",
      filedOn: "2027-13-01",
      owners: [],
      classes: [0],
    });
    expect(Result.isFailure(r) && Workflow.issueProblems(r.failure.issue).map((p) => p.path.join("."))).toEqual([
      "filedOn",
      "owners",
      "classes.0",
    ]);
  });
});
