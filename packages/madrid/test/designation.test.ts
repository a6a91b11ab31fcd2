import { Designation, Generator, type IBTransaction, TimeLimit } from "@ipoffice/madrid";
import { Calendar } from "@ipoffice/domain";
import { Result } from "effect";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as office from "./fixtures/office.js";

const config = (declaration518b = false): Designation.OfficeConfig =>
  ({ officeCode: "OM", declaration518b, niceEdition: "13-2026" }) as Designation.OfficeConfig;

const batch = [...Generator.transactions({ count: 2 * Generator.mixedKinds.length + 2, seed: 5 })];

/** An in-memory register: applies transactions in order, storing every returned record. */
const importAll = (txs: ReadonlyArray<IBTransaction.IBTransaction>, cfg = config()) => {
  const store = new Map<string, Designation.Designation>();
  const errors: Array<Designation.MadridApplyError> = [];
  for (const t of txs) {
    const r = Designation.apply(cfg, t, (ir) => store.get(ir));
    if (Result.isFailure(r)) errors.push(r.failure);
    else for (const d of r.success) store.set(d.irNumber, d);
  }
  return { store, errors };
};

const first = batch[0] as IBTransaction.Designation;

describe("applying IB transactions", () => {
  it("a new international registration creates the national record of the designation", () => {
    const { store } = importAll([first]);
    const d = store.get(first.irNumber);
    expect(d).toBeDefined();
    if (!d) return;
    expect(d.irNumber).toBe(first.irNumber);
    expect(d.irDate).toBe(first.irDate);
    expect(d.officeOfOrigin).toBe(first.officeOfOrigin);
    expect(d.notificationDate).toBe(first.notificationDate);
    expect(d.basic).toEqual(first.basic);
    expect(d.holders[0]?.name).toBe(first.holders[0].name);
    expect(d.holders[0]?.country).toBe(first.holders[0].address?.countryCode);
    expect(d.goodsAndServices.map((c) => c.classNumber)).toEqual(first.goodsAndServices.map((c) => c.classNumber));
    expect(d.goodsAndServices.every((c) => c.status === "pending" && c.edition === "13-2026")).toBe(true);
    expect(d.refusalTimeLimit).toEqual({
      limit: TimeLimit.plusMonths(first.notificationDate, 12),
      kind: "12-months",
      rule: "Madrid Protocol art. 5(2)(a)",
    });
    expect(d.status).toBe("pending");
    expect(d.events).toHaveLength(1);
    expect(d.events[0]?.userdoc?.number).toContain(first.recordId);
  });

  it("uses 18 months where the office's country made the art. 5(2)(b) declaration", () => {
    const { store } = importAll([first], config(true));
    expect(store.get(first.irNumber)?.refusalTimeLimit.limit).toBe(TimeLimit.plusMonths(first.notificationDate, 18));
  });

  it("applies every kind of a generated batch in order without error", () => {
    const { store, errors } = importAll(batch);
    expect(errors).toEqual([]);
    const statuses = new Set([...store.values()].map((d) => d.status));
    for (const s of ["pending", "cancelled", "renounced", "ceased", "transferred"]) expect(statuses).toContain(s);
    expect([...store.values()].some((d) => d.licences.length > 0)).toBe(true);
    expect(
      [...store.values()].some(
        (d) => d.status === "invalidated" || d.events.some((e) => e.action === "madrid.completed-processing"),
      ),
    ).toBe(true);
  });

  it("a partial transfer creates the new registration and takes its goods from the old one", () => {
    const pt = batch.find((t): t is IBTransaction.PartialChangeOwnership => t._tag === "PartialChangeOwnership");
    if (!pt) throw new Error("no partial transfer generated");
    const i = batch.indexOf(pt);
    const { store } = importAll(batch.slice(0, i + 1));
    const moved = pt.designation.goodsAndServices[0];
    const created = store.get(pt.designation.irNumber);
    expect(created?.holders[0]?.name).toBe(pt.designation.holders[0].name);
    expect(created?.goodsAndServices.map((c) => c.classNumber)).toEqual([moved.classNumber]);
    const old = store.get(pt.remainder.irNumber);
    const oldClass = old?.goodsAndServices.find((c) => c.classNumber === moved.classNumber);
    expect(oldClass?.terms.every((t) => t.status === "withdrawn")).toBe(true);
  });

  it("a merger ends the merged registration; a correction of the mark text updates the record", () => {
    const merger = batch.find((t): t is IBTransaction.Merger => t._tag === "Merger");
    const correction = batch.find((t): t is IBTransaction.Correction => t._tag === "Correction");
    if (!merger || !correction) throw new Error("not generated");
    const { store } = importAll(batch);
    expect(store.get(merger.termination.irNumber)?.status).toBe("transferred");
    expect(store.get(merger.designation.irNumber)?.status).toBe("pending");
    const corrected = store.get(correction.incorrect.irNumber);
    const correct = correction.correct as IBTransaction.Designation;
    expect(corrected?.mark.verbalElement).toBe(correct.mark.verbalElement);
    expect(corrected?.events.at(-1)?.action).toBe("madrid.correction");
  });

  it("applying the same batch twice changes nothing", () => {
    const { store } = importAll(batch);
    const snapshot = JSON.stringify([...store.entries()]);
    for (const t of batch) {
      const r = Designation.apply(config(), t, (ir) => store.get(ir));
      expect(Result.isSuccess(r)).toBe(true);
      if (Result.isSuccess(r)) for (const d of r.success) store.set(d.irNumber, d);
    }
    expect(JSON.stringify([...store.entries()])).toBe(snapshot);
  });

  it("applying any transaction twice in a row changes nothing (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: batch.length - 1 }), (i) => {
        const { store } = importAll(batch.slice(0, i + 1));
        const before = JSON.stringify([...store.entries()]);
        const t = batch[i];
        if (!t) return;
        const again = Designation.apply(config(), t, (ir) => store.get(ir));
        if (Result.isSuccess(again)) for (const d of again.success) store.set(d.irNumber, d);
        expect(JSON.stringify([...store.entries()])).toBe(before);
      }),
      { numRuns: 40 },
    );
  });

  it("a limitation takes the listed terms away; a total cancellation ends the designation", () => {
    const { store } = importAll([first]);
    const term = first.goodsAndServices[0];
    const limitation = {
      _tag: "ProtectionRestriction",
      category: "Limitation",
      recordId: "LIN-1",
      irNumber: first.irNumber,
      language: "en",
      effectiveDate: "2026-11-20",
      filingDate: "2026-11-01",
      notificationDate: "2026-11-20",
      limitations: [
        {
          countries: ["OM"],
          category: "Remove from list",
          classes: [{ classNumber: term.classNumber, terms: [term.terms[0]] }],
        },
      ],
    } as unknown as IBTransaction.ProtectionRestriction;
    const limited = Designation.apply(config(), limitation, (ir) => store.get(ir));
    const d = Result.isSuccess(limited) ? limited.success[0] : undefined;
    const cls = d?.goodsAndServices.find((c) => c.classNumber === term.classNumber);
    expect(cls?.terms.find((t) => t.text === term.terms[0])?.status).toBe("withdrawn");
    expect(cls?.terms.filter((t) => t.status === "pending")).toHaveLength(term.terms.length - 1);
    expect(d?.events.at(-1)?.changes.map((c) => c.field)).toEqual([`goodsAndServices.${term.classNumber}`]);

    const cancel = {
      _tag: "DesignationTermination",
      category: "Total cancellation",
      recordId: "RAN-1",
      irNumber: first.irNumber,
      filingDate: "2026-11-21",
      expiryDate: first.expiryDate,
    } as unknown as IBTransaction.DesignationTermination;
    const ended = Designation.apply(config(), cancel, () => d);
    const e = Result.isSuccess(ended) ? ended.success[0] : undefined;
    expect(e?.status).toBe("cancelled");
    expect(e?.goodsAndServices.every((c) => c.status === "cancelled" || c.status === "withdrawn")).toBe(true);
  });

  it("refuses a designation that does not designate the office, and a change to an unknown registration", () => {
    const other = Designation.apply(
      { ...config(), officeCode: "KW" } as Designation.OfficeConfig,
      first,
      () => undefined,
    );
    expect(Result.isFailure(other) && other.failure.reason).toBe("NotDesignated");
    const renewal = batch.find((t) => t._tag === "Renewal");
    if (!renewal) throw new Error("no renewal generated");
    const r = Designation.apply(config(), renewal, () => undefined);
    expect(Result.isFailure(r) && r.failure.reason).toBe("UnknownRegistration");
    expect(Result.isFailure(r) && r.failure.message).toContain(IBTransaction_irNumber(renewal));
  });
});

const IBTransaction_irNumber = (t: IBTransaction.IBTransaction) => ("irNumber" in t ? t.irNumber : "");

describe("the office's decisions and the time limit", () => {
  const created = importAll([first]).store.get(first.irNumber);
  if (!created) throw new Error("not created");
  const limit = created.refusalTimeLimit.limit;

  it("is pending until the time limit, then protected by default, and the record says so", () => {
    expect(Designation.statusAt(created, limit)).toBe("pending");
    const after = Result.getOrThrow(Calendar.addDays(limit, 1));
    expect(Designation.statusAt(created, after)).toBe("protected-by-default");
    const settled = Designation.settleTimeLimit(created, after);
    expect(settled.status).toBe("protected-by-default");
    expect(settled.goodsAndServices.every((c) => c.status === "registered")).toBe(true);
    expect(settled.events.at(-1)?.reason).toMatch(/art\. 5\(5\)/);
    expect(Designation.settleTimeLimit(settled, after)).toBe(settled);
    expect(Designation.settleTimeLimit(created, limit)).toBe(created);
  });

  it("a total refusal then a statement of grant after review: refused, then granted", () => {
    const refusal = { ...office.totalRefusal, irNumber: first.irNumber } as typeof office.totalRefusal;
    const refused = Designation.recordOfficeDecision(created, refusal, "2026-12-01" as Calendar.IsoDate, "ref-1");
    expect(Designation.statusAt(refused, "2030-01-01" as Calendar.IsoDate)).toBe("provisionally-refused");
    expect(refused.goodsAndServices.every((c) => c.status === "refused")).toBe(true);
    expect(Designation.recordOfficeDecision(refused, refusal, "2026-12-01" as Calendar.IsoDate, "ref-1")).toBe(refused);
    const grant = { ...office.furtherDecision, irNumber: first.irNumber } as typeof office.furtherDecision;
    const granted = Designation.recordOfficeDecision(refused, grant, "2027-03-01" as Calendar.IsoDate, "ref-2");
    expect(granted.status).toBe("granted");
  });

  it("a partial refusal refuses the listed terms only, per class", () => {
    const cls = first.goodsAndServices[0];
    const partial = {
      ...office.partialRefusal,
      irNumber: first.irNumber,
      refusal: {
        _tag: "Partial",
        goods: [{ classNumber: cls.classNumber, terms: [cls.terms[0]], grounds: "earlier mark" }],
      },
    } as typeof office.partialRefusal;
    const d = Designation.recordOfficeDecision(created, partial, "2026-12-01" as Calendar.IsoDate, "ref-3");
    const c = d.goodsAndServices.find((x) => x.classNumber === cls.classNumber);
    expect(c?.terms[0]?.status).toBe("refused");
    expect(c?.terms[0]?.decision?.reason).toBe("earlier mark");
    expect(c?.terms.slice(1).every((t) => t.status === "pending")).toBe(true);
    expect(d.status).toBe("provisionally-refused");
  });
});

describe("final and further decisions (Common Regulations Rule 18ter)", () => {
  const created = importAll([first]).store.get(first.irNumber);
  if (!created) throw new Error("not created");
  const [a, b] = created.goodsAndServices;
  if (!a || !b || a.terms.length < 1) throw new Error("the generated designation needs two classes");
  const day = "2026-12-01" as Calendar.IsoDate;
  const refuse = (
    d: Designation.Designation,
    goods: ReadonlyArray<{ classNumber: number; terms: string[] }>,
    key: string,
  ) =>
    Designation.recordOfficeDecision(
      d,
      {
        ...office.partialRefusal,
        irNumber: d.irNumber,
        refusal: { _tag: "Partial", goods },
      } as never,
      day,
      key,
    );
  const send = (d: Designation.Designation, s: Designation.Statement, kind: "final" | "further", key: string) =>
    Designation.recordOfficeDecision(
      d,
      {
        _tag: "Decision",
        kind,
        irNumber: d.irNumber,
        language: "en",
        holders: [],
        outcome: s.outcome,
        scope: s.scope,
      } as never,
      "2027-03-01" as Calendar.IsoDate,
      key,
    );
  const partly = refuse(created, [{ classNumber: a.classNumber, terms: [a.terms[0]?.text ?? ""] }], "p-1");
  const statusOf = (d: Designation.Designation, n: number, text: string) =>
    d.goodsAndServices.find((c) => c.classNumber === n)?.terms.find((t) => t.text === text)?.status;

  it("after a partial provisional refusal, confirming it protects the goods never refused (18ter(2)(ii)), never refusing them", () => {
    const s = Result.getOrThrow(Designation.finalDecision(partly, { _tag: "Confirm" }));
    expect(s.rule).toBe("Common Regulations Rule 18ter(2)(ii)");
    expect(s.outcome).toBe("grant");
    const listed = s.scope._tag === "Some" ? s.scope.classes : [];
    expect(listed.some((c) => c.classNumber === b.classNumber)).toBe(true);
    expect(listed.flatMap((c) => c.terms)).not.toContain(a.terms[0]?.text);
    const d = send(partly, s, "final", "f-1");
    expect(d.status).toBe("partially-granted");
    expect(statusOf(d, a.classNumber, a.terms[0]?.text ?? "")).toBe("refused");
    expect(
      d.goodsAndServices.find((c) => c.classNumber === b.classNumber)?.terms.every((t) => t.status === "registered"),
    ).toBe(true);
  });

  it("18ter(3) confirms a total refusal only; withdrawing a refusal protects every good (18ter(2)(i))", () => {
    const total = Designation.recordOfficeDecision(
      created,
      { ...office.totalRefusal, irNumber: created.irNumber } as typeof office.totalRefusal,
      day,
      "t-1",
    );
    const confirmed = Result.getOrThrow(Designation.finalDecision(total, { _tag: "Confirm" }));
    expect(confirmed).toEqual({ outcome: "refusal", scope: { _tag: "All" }, rule: "Common Regulations Rule 18ter(3)" });
    expect(send(total, confirmed, "final", "f-2").status).toBe("refused");
    const withdrawn = Result.getOrThrow(Designation.finalDecision(partly, { _tag: "Withdraw" }));
    expect(withdrawn.rule).toBe("Common Regulations Rule 18ter(2)(i)");
    const granted = send(partly, withdrawn, "final", "f-3");
    expect(granted.status).toBe("granted");
    expect(granted.goodsAndServices.every((c) => c.terms.every((t) => t.status === "registered"))).toBe(true);
  });

  it("a final decision confirms only goods provisionally refused: a pending term is named as the error", () => {
    const wrong = Designation.finalDecision(partly, {
      _tag: "ConfirmSome",
      goods: [{ classNumber: b.classNumber, terms: [b.terms[0]?.text ?? ""] }] as never,
    });
    expect(Result.isFailure(wrong) && wrong.failure).toMatchObject({
      reason: "NotRefused",
      path: "goods[0].classNumber",
    });
    const pending = Designation.finalDecision(created, { _tag: "Confirm" });
    expect(Result.isFailure(pending) && pending.failure.reason).toBe("WrongState");
  });

  it("several provisional refusals: a second one adds goods while the time limit runs (art. 5(2)); none after it", () => {
    const again = refuse(partly, [{ classNumber: b.classNumber, terms: [b.terms[0]?.text ?? ""] }], "p-2");
    expect(statusOf(again, b.classNumber, b.terms[0]?.text ?? "")).toBe("refused");
    expect(statusOf(again, a.classNumber, a.terms[0]?.text ?? "")).toBe("refused");
    expect(again.events.filter((e) => e.action === "madrid.office.ProvisionalRefusal")).toHaveLength(2);
    expect(Designation.mayRefuse(partly, created.refusalTimeLimit.limit)).toBe(true);
    const after = Result.getOrThrow(Calendar.addDays(created.refusalTimeLimit.limit, 1));
    expect(Designation.mayRefuse(partly, after)).toBe(false);
  });

  it("a further decision (18ter(4)) states the goods now protected, refusing only goods that were protected", () => {
    const final = send(
      partly,
      Result.getOrThrow(Designation.finalDecision(partly, { _tag: "Confirm" })),
      "final",
      "f-4",
    );
    const bTerm = b.terms[0]?.text ?? "";
    const s = Result.getOrThrow(
      Designation.furtherDecision(final, {
        _tag: "RefuseSome",
        goods: [{ classNumber: b.classNumber, terms: [bTerm] }] as never,
      }),
    );
    expect(s.rule).toBe("Common Regulations Rule 18ter(4)");
    const d = send(final, s, "further", "u-1");
    expect(statusOf(d, b.classNumber, bTerm)).toBe("refused");
    expect(statusOf(d, a.classNumber, a.terms[0]?.text ?? "")).toBe("refused");
    expect(d.status).toBe("partially-granted");
    const notProtected = Designation.furtherDecision(final, {
      _tag: "RefuseSome",
      goods: [{ classNumber: a.classNumber, terms: [a.terms[0]?.text ?? ""] }] as never,
    });
    expect(Result.isFailure(notProtected) && notProtected.failure).toMatchObject({ reason: "NotProtected" });
    const restored = send(d, Result.getOrThrow(Designation.furtherDecision(d, { _tag: "Grant" })), "further", "u-2");
    expect(restored.status).toBe("granted");
    expect(Result.isFailure(Designation.furtherDecision(created, { _tag: "Grant" }))).toBe(true);
  });
});

describe("refusal time limit (property)", () => {
  const date = fc
    .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2090-12-31T00:00:00Z"), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10) as Calendar.IsoDate);

  it("12 months without the declaration, 18 with it, always after the notification", () => {
    fc.assert(
      fc.property(date, fc.boolean(), (notificationDate, declaration518b) => {
        const t = TimeLimit.refusalTimeLimit({ notificationDate, declaration518b });
        const months = declaration518b ? 18 : 12;
        expect(t.limit).toBe(Result.getOrThrow(Calendar.addMonths(notificationDate, months)));
        expect(t.kind).toBe(declaration518b ? "18-months" : "12-months");
        expect(Calendar.compare(t.limit, notificationDate)).toBe(1);
        // end-of-month rule: the day number is kept or clamped to the month's last day
        expect(Number(t.limit.slice(8))).toBeLessThanOrEqual(Number(notificationDate.slice(8)));
      }),
    );
  });

  it("an opposition extends the limit only within art. 5(2)(c)'s bounds", () => {
    fc.assert(
      fc.property(
        date,
        fc.integer({ min: 0, max: 700 }),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 600 }),
        (notificationDate, startOffset, length, informedOffset) => {
          const plus = (d: Calendar.IsoDate, n: number) => Result.getOrThrow(Calendar.addDays(d, n));
          const periodStart = plus(notificationDate, startOffset);
          const info = {
            periodStart,
            periodEnd: plus(periodStart, length),
            informedIBOn: plus(notificationDate, informedOffset),
          };
          const t = TimeLimit.refusalTimeLimit({
            notificationDate,
            declaration518b: true,
            declaration52c: true,
            oppositionInfo: info,
          });
          const without = TimeLimit.refusalTimeLimit({ notificationDate, declaration518b: true, oppositionInfo: info });
          expect(without.kind).toBe("18-months");
          const eighteen = TimeLimit.plusMonths(notificationDate, 18);
          expect(Calendar.compare(t.limit, eighteen)).toBeGreaterThanOrEqual(0);
          if (t.kind === "opposition") {
            expect(Calendar.compare(info.informedIBOn, eighteen)).toBeLessThanOrEqual(0);
            expect(Calendar.compare(t.limit, TimeLimit.plusMonths(info.periodStart, 7))).toBeLessThanOrEqual(0);
            expect(Calendar.compare(t.limit, TimeLimit.plusMonths(info.periodEnd, 1))).toBeLessThanOrEqual(0);
            expect(Calendar.compare(t.limit, eighteen)).toBe(1);
          } else {
            expect(t.limit).toBe(eighteen);
          }
          if (Calendar.compare(info.informedIBOn, eighteen) > 0) expect(t.kind).toBe("18-months");
        },
      ),
    );
  });

  const worked = {
    notificationDate: "2026-01-15" as Calendar.IsoDate,
    declaration518b: true,
    oppositionInfo: {
      informedIBOn: "2027-06-30" as Calendar.IsoDate,
      periodStart: "2027-04-01" as Calendar.IsoDate,
      periodEnd: "2027-07-01" as Calendar.IsoDate,
    },
  };

  it("worked example (art. 5(2)(c)): opposition period 2027-04-01 to 2027-07-01, the IB informed in time", () => {
    const t = TimeLimit.refusalTimeLimit({ ...worked, declaration52c: true });
    expect(t).toEqual({ limit: "2027-08-01", kind: "opposition", rule: "Madrid Protocol art. 5(2)(c)" });
  });

  it("art. 5(2)(c) applies only to a party that made the (c) declaration: otherwise the 18 months stand", () => {
    const t = TimeLimit.refusalTimeLimit(worked);
    expect(t).toMatchObject({ limit: "2027-07-15", kind: "18-months" });
    expect(t.note).toMatch(/no art\. 5\(2\)\(c\) declaration/);
  });

  it("art. 5(2)(c) needs the IB told before the 18 months ended; the end unknown, 7 months from the start bound it", () => {
    const late = TimeLimit.refusalTimeLimit({
      ...worked,
      declaration52c: true,
      oppositionInfo: { ...worked.oppositionInfo, informedIBOn: "2027-07-16" as Calendar.IsoDate },
    });
    expect(late).toMatchObject({ limit: "2027-07-15", kind: "18-months" });
    expect(late.note).toMatch(/after the 18-month limit/);
    const open = TimeLimit.refusalTimeLimit({
      ...worked,
      declaration52c: true,
      oppositionInfo: { informedIBOn: "2027-06-30" as Calendar.IsoDate, periodStart: "2027-04-01" as Calendar.IsoDate },
    });
    expect(open).toMatchObject({ limit: "2027-11-01", kind: "opposition" });
    expect(open.note).toMatch(/not known yet/);
  });

  it("a limit that ends on a day the office is closed moves to its next working day (Common Regulations Rule 4(4))", () => {
    const oman: Calendar.WorkingCalendar = {
      weekend: ["friday", "saturday"],
      holidays: ["2027-11-21" as Calendar.IsoDate],
    };
    // 2026-11-19 + 12 months = 2027-11-19, a Friday; Saturday 20th is weekend, Sunday 21st a holiday: Monday 22nd
    const t = TimeLimit.refusalTimeLimit({
      notificationDate: "2026-11-19" as Calendar.IsoDate,
      declaration518b: false,
      calendar: oman,
    });
    expect(t).toEqual({
      limit: "2027-11-22",
      movedFrom: "2027-11-19",
      kind: "12-months",
      rule: "Madrid Protocol art. 5(2)(a); Rule 4(4)",
    });
    // on a working day nothing moves; without a calendar nothing moves
    expect(
      TimeLimit.refusalTimeLimit({
        notificationDate: "2026-11-18" as Calendar.IsoDate,
        declaration518b: false,
        calendar: oman,
      }),
    ).toEqual({ limit: "2027-11-18", kind: "12-months", rule: "Madrid Protocol art. 5(2)(a)" });
    expect(
      TimeLimit.refusalTimeLimit({ notificationDate: "2026-11-19" as Calendar.IsoDate, declaration518b: false }).limit,
    ).toBe("2027-11-19");
  });

  it("with a calendar, the limit is always a working day, never before the plain end, never more than the closed run after it (property)", () => {
    const weekend = fc.subarray([...Calendar.weekdays], { maxLength: 3 });
    fc.assert(
      fc.property(date, fc.boolean(), weekend, (notificationDate, declaration518b, days) => {
        const calendar: Calendar.WorkingCalendar = { weekend: days, holidays: [] };
        const t = TimeLimit.refusalTimeLimit({ notificationDate, declaration518b, calendar });
        const plain = TimeLimit.plusMonths(notificationDate, declaration518b ? 18 : 12);
        expect(Calendar.isWorkingDay(t.limit, calendar)).toBe(true);
        expect(Calendar.diffDays(plain, t.limit)).toBeGreaterThanOrEqual(0);
        expect(Calendar.diffDays(plain, t.limit)).toBeLessThanOrEqual(days.length);
        expect(t.movedFrom === undefined).toBe(t.limit === plain);
      }),
    );
  });
});
