/**
 * The examiner's decision on a designation: grant, total refusal, or partial refusal per class or per term. The desk
 * turns it into the office → IB communication the situation calls for (statement of grant under Rule 18ter(1),
 * provisional refusal under Rule 17, or after a provisional refusal a final decision under Rule 18ter(2)/(3)), writes
 * it with the package's Builder, checks that it reads back, stores it, and records the decision on the designation
 * with its event, all in one transaction.
 */
import { todayIn } from "../config/OfficeConfig.js";
import { randomUUID } from "node:crypto";
import { Calendar, Country, type GoodsAndServices as GS, type Party as DomainParty } from "@ipoffice/domain";
import { Builder, Designation, OfficeTransaction, type Party, Parser, TimeLimit } from "@ipoffice/madrid";
import { Data, Result, Schema } from "effect";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import type { FieldIssue } from "../http/problem.js";
import type { MadridSettings } from "./settings.js";
import { lockRecords, saveRecord } from "./store.js";
import { actorKindOf, appendAudit } from "../audit/Audit.js";

const Text = (max: number) => Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(max));

export const RefusedClass = Schema.Struct({
  classNumber: Schema.Int.check(
    Schema.isBetween({ minimum: 1, maximum: 45 }, { message: "a Nice class is a whole number from 1 to 45" }),
  ),
  /** Only these terms of the class (default: the whole class). */
  terms: Schema.optional(Schema.Array(Text(1000)).check(Schema.isMinLength(1), Schema.isMaxLength(500))),
  /** Grounds for this class or these terms (default: the decision's grounds). */
  grounds: Schema.optional(Text(10_000)),
});

const IsoDate = Schema.String.check(
  Schema.makeFilter(
    (text: string) =>
      (/^\d{4}-\d{2}-\d{2}$/.test(text) &&
        Result.isSuccess(Calendar.make(+text.slice(0, 4), +text.slice(5, 7), +text.slice(8)))) ||
      "a date written YYYY-MM-DD",
  ),
);
const CountryCode = Schema.String.check(
  Schema.makeFilter((code: string) => Country.isCountryCode(code) || "an ST.3 country code such as OM or CH"),
);

/** A party with its address, as Rule 17(2)(v) and 17(3) ask for the owner of an earlier mark and the opponent. */
export const PartyInput = Schema.Struct({
  name: Text(500),
  kind: Schema.optional(Schema.Literals(["person", "organization"])),
  address: Schema.Struct({
    lines: Schema.Array(Text(500)).check(Schema.isMinLength(1), Schema.isMaxLength(6)),
    city: Schema.optional(Text(200)),
    postalCode: Schema.optional(Text(40)),
    countryCode: CountryCode,
  }),
});

/** An earlier mark a refusal rests on (Rule 17(2)(v)). */
export const EarlierMarkInput = Schema.Struct({
  officeCode: Schema.optional(CountryCode),
  applicationNumber: Schema.optional(Text(100)),
  applicationDate: Schema.optional(IsoDate),
  registrationNumber: Schema.optional(Text(100)),
  registrationDate: Schema.optional(IsoDate),
  priority: Schema.optional(Schema.Struct({ countryCode: CountryCode, date: IsoDate })),
  verbalElement: Schema.optional(Text(1000)),
  owner: PartyInput,
  goods: Schema.optional(
    Schema.Array(
      Schema.Struct({
        classNumber: RefusedClass.fields.classNumber,
        terms: Schema.Array(Text(1000)).check(Schema.isMinLength(1), Schema.isMaxLength(500)),
      }),
    ).check(Schema.isMaxLength(45)),
  ),
});

export const DecisionRequest = Schema.Struct({
  /**
   * `grant`; `total-refusal` or `partial-refusal` (with `refused`); `confirm-refusal` confirms a provisional
   * refusal as notified (Rule 18ter(3) after a total one, 18ter(2)(ii) after a partial one).
   */
  outcome: Schema.Literals(["grant", "total-refusal", "partial-refusal", "confirm-refusal"]),
  /**
   * Which communication: a provisional refusal (Rule 17; another one may follow a first while the time limit runs),
   * a final decision after a provisional refusal (Rule 18ter(2)/(3)) or a further decision (18ter(4)). Default: what
   * the designation's state calls for (pending: provisional or a statement of grant; provisionally refused: final;
   * granted, partially granted or refused: further).
   */
  kind: Schema.optional(Schema.Literals(["provisional", "final", "further"])),
  /** Grounds of a refusal, with the provisions of the law (required for refusals, Rule 17(2)(iv)). */
  grounds: Schema.optional(Text(10_000)),
  /** What a partial refusal refuses: classes, or terms of classes. */
  refused: Schema.optional(Schema.Array(RefusedClass).check(Schema.isMinLength(1), Schema.isMaxLength(45))),
  /** Months for a request for review or appeal of a provisional refusal (Rule 17(2)(vii); default: the office's). */
  responseMonths: Schema.optional(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 24 }))),
  /** The authority to which the review or appeal is requested (Rule 17(2)(vii); default: the office's). */
  reviewAuthority: Schema.optional(Text(1000)),
  /** The request for review must go through a representative with an address in the territory (default: the office's). */
  localRepresentativeRequired: Schema.optional(Schema.Boolean),
  /** The earlier marks the refusal rests on (Rule 17(2)(v)). */
  earlierMarks: Schema.optional(Schema.Array(EarlierMarkInput).check(Schema.isMaxLength(20))),
  /** The opposition the refusal rests on: the opponent's name and address, the date it was filed (Rule 17(3)). */
  opposition: Schema.optional(Schema.Struct({ opponent: PartyInput, filedOn: IsoDate })),
  /** Ignored by the routes: the examiner recorded is the signed-in account or the API token of the request. */
  examiner: Schema.optional(Schema.String.check(Schema.isPattern(/^[\w.@-]{1,100}$/))),
});
export type DecisionRequest = typeof DecisionRequest.Type;

export class DesignationNotFound extends Data.TaggedError("DesignationNotFound")<{ readonly irNumber: string }> {}
export class DecisionInvalid extends Data.TaggedError("DecisionInvalid")<{
  readonly issues: ReadonlyArray<FieldIssue>;
}> {}
/** The decision is not possible in the designation's state (e.g. the right to refuse was lost). */
export class DecisionNotAllowed extends Data.TaggedError("DecisionNotAllowed")<{
  readonly status: string;
  readonly message: string;
}> {}
export type DecisionError = DesignationNotFound | DecisionInvalid | DecisionNotAllowed;

export interface DecisionResult {
  readonly documentId: string;
  readonly kind: string;
  readonly designation: Designation.Designation;
  readonly xml: string;
}

const sameTerm = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
const open = (s: GS.Status | undefined) =>
  s === undefined || s === "pending" || s === "accepted" || s === "opposed" || s === "refused";

const toMadridParty = (p: DomainParty.Party): Party.Party =>
  ({
    kind: p.kind === "natural" ? "person" : "organization",
    name: p.name,
    ...(p.address
      ? {
          address: {
            lines: [p.address.street || p.name],
            countryCode: p.address.country ?? p.country,
            ...(p.address.city ? { city: p.address.city } : {}),
            ...(p.address.postalCode ? { postalCode: p.address.postalCode } : {}),
          },
        }
      : {}),
  }) as Party.Party;

/** The IB's record identifier of the designation, from the key of the event that created it. */
const designationRecordId = (d: Designation.Designation): string | undefined => {
  const key = d.events.find((e) => e.action === "madrid.designation")?.userdoc?.number;
  const parts = key?.split(":");
  return parts && parts.length >= 5 ? parts.slice(4).join(":") : undefined;
};

/** Checks the refused classes and terms against the record; returns the refused goods, per class. */
const refusedGoods = (
  d: Designation.Designation,
  refused: ReadonlyArray<typeof RefusedClass.Type>,
  issues: FieldIssue[],
): Array<{ classNumber: number; terms: string[]; grounds?: string }> => {
  const out: Array<{ classNumber: number; terms: string[]; grounds?: string }> = [];
  refused.forEach((r, i) => {
    const c = d.goodsAndServices.find((x) => x.classNumber === r.classNumber);
    if (!c || !open(c.status)) {
      issues.push({
        path: `refused[${i}].classNumber`,
        message: `class ${r.classNumber} is not among the designation's classes still to decide (${d.goodsAndServices
          .filter((x) => open(x.status))
          .map((x) => x.classNumber)
          .join(", ")})`,
      });
      return;
    }
    const live = c.terms.filter((t) => open(t.status)).map((t) => t.text);
    const terms = r.terms ?? live;
    (r.terms ?? []).forEach((t, j) => {
      if (!live.some((x) => sameTerm(x, t))) {
        issues.push({
          path: `refused[${i}].terms[${j}]`,
          message: `"${t.slice(0, 100)}" is not a term of class ${r.classNumber} still to decide`,
        });
      }
    });
    if (out.some((o) => o.classNumber === r.classNumber)) {
      issues.push({ path: `refused[${i}].classNumber`, message: `class ${r.classNumber} is listed twice` });
    }
    out.push({ classNumber: r.classNumber, terms: [...terms], ...(r.grounds ? { grounds: r.grounds } : {}) });
  });
  return out;
};

const toParty = (p: typeof PartyInput.Type): Party.Party =>
  ({
    kind: p.kind ?? "organization",
    name: p.name,
    address: {
      lines: [...p.address.lines],
      countryCode: p.address.countryCode,
      ...(p.address.city !== undefined ? { city: p.address.city } : {}),
      ...(p.address.postalCode !== undefined ? { postalCode: p.address.postalCode } : {}),
    },
  }) as unknown as Party.Party;

const earlierMarkIssues = (marks: ReadonlyArray<typeof EarlierMarkInput.Type>, issues: FieldIssue[]) =>
  marks.forEach((m, i) => {
    if (m.applicationNumber === undefined && m.registrationNumber === undefined) {
      issues.push({
        path: `earlierMarks[${i}].registrationNumber`,
        message: "an earlier mark is named by its application or registration number (Rule 17(2)(v))",
      });
    }
  });

/** The package's decision errors name `goods[i]…`; the request names them `refused[i]…`. */
const decisionIssue = (e: Designation.MadridDecisionError): FieldIssue => ({
  path: e.path === "" ? "outcome" : e.path.replace(/^goods/, "refused"),
  message: e.message,
});

type Kind = NonNullable<DecisionRequest["kind"]>;

/** The communication for this decision in this state, or why none is possible. */
const communication = (
  d: Designation.Designation,
  request: DecisionRequest,
  settings: MadridSettings,
  today: Calendar.IsoDate,
  id: string,
): Result.Result<OfficeTransaction.OfficeTransaction, DecisionInvalid | DecisionNotAllowed> => {
  const issues: FieldIssue[] = [];
  const status = Designation.statusAt(d, today);
  const kind: Kind | undefined =
    request.kind ??
    (status === "pending" || status === "protected-by-default"
      ? "provisional"
      : status === "provisionally-refused"
        ? "final"
        : status === "granted" || status === "partially-granted" || status === "refused"
          ? "further"
          : undefined);
  if (kind === undefined) {
    return Result.fail(
      new DecisionNotAllowed({
        status,
        message: `the designation is "${status}": the desk sends no further communication from this state`,
      }),
    );
  }
  const refusal = request.outcome !== "grant";
  if (refusal && request.grounds === undefined && request.outcome !== "confirm-refusal") {
    issues.push({ path: "grounds", message: "a refusal states its grounds (Rule 17(2)(iv))" });
  }
  if (request.outcome === "partial-refusal" && request.refused === undefined) {
    issues.push({ path: "refused", message: "a partial refusal lists the classes or terms refused" });
  }
  if (request.outcome !== "partial-refusal" && request.refused !== undefined) {
    issues.push({ path: "refused", message: "only a partial refusal lists classes or terms" });
  }
  if (request.outcome === "confirm-refusal" && kind !== "final") {
    issues.push({ path: "outcome", message: "confirm-refusal is a final decision after a provisional refusal" });
  }
  if (kind !== "provisional" || !refusal) {
    for (const field of ["earlierMarks", "opposition", "reviewAuthority", "responseMonths"] as const) {
      if (request[field] !== undefined) {
        issues.push({ path: field, message: "only a provisional refusal carries this (Rule 17(2))" });
      }
    }
  }
  if (kind === "provisional" && status === "provisionally-refused" && !refusal) {
    issues.push({
      path: "kind",
      message: "after a provisional refusal, a grant is a final decision (Rule 18ter(2)): send kind final",
    });
  }
  if (kind === "final" && status !== "provisionally-refused") {
    issues.push({
      path: "kind",
      message: `a final decision follows a provisional refusal; the designation is "${status}"`,
    });
  }
  if (kind === "further" && !["granted", "partially-granted", "refused"].includes(status)) {
    issues.push({
      path: "kind",
      message: `a further decision (Rule 18ter(4)) follows a statement of grant or a final decision; the designation is "${status}"`,
    });
  }
  if (request.earlierMarks) earlierMarkIssues(request.earlierMarks, issues);
  // A provisional refusal may name goods still to decide, also goods already refused on other grounds.
  const goods = request.refused && kind === "provisional" ? refusedGoods(d, request.refused, issues) : [];
  if (kind === "provisional" && request.outcome === "partial-refusal" && issues.length === 0) {
    const remaining = d.goodsAndServices.flatMap((c) =>
      c.terms
        .filter((t) => open(t.status))
        .filter((t) => !goods.some((g) => g.classNumber === c.classNumber && g.terms.some((x) => sameTerm(x, t.text)))),
    );
    if (remaining.length === 0) {
      issues.push({ path: "refused", message: "this refuses every term: send a total refusal instead" });
    }
  }
  if (issues.length > 0) return Result.fail(new DecisionInvalid({ issues }));

  const common = {
    irNumber: d.irNumber,
    language: "en",
    officeReference: id,
    ...(designationRecordId(d) ? { designationRecordId: designationRecordId(d) } : {}),
  };
  const holders = d.holders.map(toMadridParty);
  // A whole class named in a final (further) decision means its terms provisionally refused (now protected).
  const wanted = kind === "final" ? "refused" : "registered";
  const listed = (request.refused ?? []).map((r) => ({
    classNumber: r.classNumber,
    terms:
      r.terms ??
      d.goodsAndServices
        .find((c) => c.classNumber === r.classNumber)
        ?.terms.filter((t) => t.status === wanted)
        .map((t) => t.text) ??
      [],
  }));

  if (kind === "provisional") {
    if (!refusal) {
      return Result.succeed({
        _tag: "GrantProtection",
        ...common,
        holders,
      } as unknown as OfficeTransaction.OfficeTransaction);
    }
    if (!Designation.mayRefuse(d, today) && (d.status === "pending" || d.status === "provisionally-refused")) {
      return Result.fail(
        new DecisionNotAllowed({
          status,
          message: `the refusal time limit ended on ${d.refusalTimeLimit.limit} (${d.refusalTimeLimit.rule}): the right to refuse is lost (Protocol art. 5(5)); only a statement of grant can be sent`,
        }),
      );
    }
    if (!Designation.mayRefuse(d, today)) {
      return Result.fail(
        new DecisionNotAllowed({
          status,
          message: `a provisional refusal is sent while the designation is pending or provisionally refused; it is "${status}"`,
        }),
      );
    }
    const months = request.responseMonths ?? settings.refusalReview.months;
    const local = request.localRepresentativeRequired ?? settings.refusalReview.localRepresentativeRequired;
    const t = {
      _tag: "ProvisionalRefusal",
      ...common,
      pronouncedDate: today,
      holders,
      refusal: request.outcome === "total-refusal" ? { _tag: "Total" } : { _tag: "Partial", goods },
      grounds: request.grounds,
      ...(months !== undefined
        ? {
            responseMonths: months,
            responseEndsOn: TimeLimit.workingDayOnOrAfter(TimeLimit.plusMonths(today, months), settings.calendar),
          }
        : {}),
      reviewAuthority: request.reviewAuthority ?? settings.refusalReview.authority,
      ...(local !== undefined ? { localRepresentativeRequired: local } : {}),
      ...(request.earlierMarks && request.earlierMarks.length > 0
        ? { earlierMarks: request.earlierMarks.map((m) => ({ ...m, owner: toParty(m.owner) })) }
        : {}),
      ...(request.opposition
        ? { opposition: { filedOn: request.opposition.filedOn, opponent: toParty(request.opposition.opponent) } }
        : {}),
    } as unknown as OfficeTransaction.ProvisionalRefusal;
    const missing = OfficeTransaction.rule17Missing(t);
    if (missing.length > 0) return Result.fail(new DecisionInvalid({ issues: missing }));
    return Result.succeed(t);
  }

  const statement =
    kind === "final"
      ? Designation.finalDecision(
          d,
          request.outcome === "grant"
            ? { _tag: "Withdraw" }
            : request.outcome === "partial-refusal"
              ? { _tag: "ConfirmSome", goods: listed as never }
              : { _tag: "Confirm" },
        )
      : Designation.furtherDecision(
          d,
          request.outcome === "grant"
            ? { _tag: "Grant" }
            : request.outcome === "partial-refusal"
              ? { _tag: "RefuseSome", goods: listed as never }
              : { _tag: "Refuse" },
        );
  if (Result.isFailure(statement))
    return Result.fail(new DecisionInvalid({ issues: [decisionIssue(statement.failure)] }));
  // Rule 18ter(3) confirms a total refusal only: "total-refusal" after a partial one would refuse goods never refused.
  if (
    kind === "final" &&
    request.outcome === "total-refusal" &&
    !(statement.success.outcome === "refusal" && statement.success.scope._tag === "All")
  ) {
    return Result.fail(
      new DecisionInvalid({
        issues: [
          {
            path: "outcome",
            message:
              "the provisional refusal was partial: a final decision may only confirm or withdraw it for the goods it named (Rule 18ter(2)(ii)); send confirm-refusal, or partial-refusal with the goods whose refusal is confirmed",
          },
        ],
      }),
    );
  }
  return Result.succeed({
    _tag: "Decision",
    ...common,
    kind,
    holders,
    outcome: statement.success.outcome,
    scope: statement.success.scope,
  } as unknown as OfficeTransaction.OfficeTransaction);
};

const KIND: Record<OfficeTransaction.OfficeTransaction["_tag"], string> = {
  ProvisionalRefusal: "provisional-refusal",
  PossibleOpposition: "possible-opposition",
  GrantProtection: "statement-of-grant",
  Decision: "final-decision",
  LimitationNoEffect: "limitation-no-effect",
  Invalidation: "invalidation",
  CeasingEffect: "ceasing-of-effect",
};

const kindOf = (t: OfficeTransaction.OfficeTransaction): string =>
  t._tag === "Decision" && t.kind === "further" ? "further-decision" : KIND[t._tag];

/** Decides on a designation: builds, checks and stores the office → IB document and updates the record. */
export const decide = async (
  db: Kysely<Database>,
  settings: MadridSettings,
  irNumber: string,
  request: DecisionRequest,
  now: Date,
): Promise<Result.Result<DecisionResult, DecisionError>> => {
  const today = todayIn(settings.timeZone, now);
  const officeCode = settings.officeCode;
  const id = randomUUID();
  return db.transaction().execute(async (trx) => {
    const current = (await lockRecords(trx, officeCode, [irNumber])).get(irNumber);
    if (!current) return Result.fail(new DesignationNotFound({ irNumber }));
    const d = current.record;
    const made = communication(d, request, settings, today, id);
    if (Result.isFailure(made)) return Result.fail(made.failure);
    const t = made.success;
    const xml = Builder.buildOfficeDocument({
      header: { officeCode: officeCode as Country.CountryCode, requestDate: today },
      transactions: [t],
    });
    const back = Parser.parseOfficeDocument(xml);
    if (Result.isFailure(back)) throw new Error(`office document does not read back: ${back.failure.message}`);
    const settled = Designation.settleTimeLimit(d, today);
    const decided = Designation.recordOfficeDecision(settled, t, today, `madrid-office:${officeCode}:${id}`);
    const examiner = request.examiner ?? "examiner";
    const withActor: Designation.Designation = {
      ...decided,
      events: decided.events.map((e, i) =>
        i === decided.events.length - 1 && e.action.startsWith("madrid.office.")
          ? { ...e, actor: { ...e.actor, id: examiner }, ...(request.grounds ? { reason: request.grounds } : {}) }
          : e,
      ),
    };
    await saveRecord(trx, withActor, d.events.length, now);
    await trx
      .insertInto("madrid_office_documents")
      .values({
        office_code: officeCode,
        id,
        ir_number: irNumber,
        kind: kindOf(t),
        decision_date: today,
        xml,
        created_by: examiner,
        created_at: now,
      })
      .execute();
    // The audit trail, in the same transaction (decision 0670).
    await appendAudit(
      trx,
      officeCode,
      {
        actorKind: actorKindOf({ id: examiner, role: "madrid_examiner" }),
        actorId: examiner,
        action: "madrid.decide",
        target: irNumber,
        outcome: "ok",
        details: { document: id, kind: kindOf(t) },
      },
      now,
    );
    return Result.succeed({ documentId: id, kind: kindOf(t), designation: withActor, xml });
  });
};

export const PossibleOppositionRequest = Schema.Struct({
  /** First day of the opposition period (Rule 16(1)(b)). */
  periodStart: IsoDate,
  /** Last day of the opposition period, when known (Rule 16(1)(b)). */
  periodEnd: Schema.optional(IsoDate),
  /** Ignored by the routes: the examiner recorded is the signed-in account or the API token of the request. */
  examiner: Schema.optional(Schema.String.check(Schema.isPattern(/^[\w.@-]{1,100}$/))),
});
export type PossibleOppositionRequest = typeof PossibleOppositionRequest.Type;

/**
 * Tells the IB that oppositions may be filed after the 18-month time limit (Protocol art. 5(2)(c)(i), Rule 16(1);
 * ST.96 `tmk:MadridPossibleOppositionNotification`), dated today, and records the information on the designation,
 * whose refusal time limit becomes the art. 5(2)(c) one. Only for an office whose country made the (c) declaration,
 * before the 18 months end; written, stored, recorded and audited in one transaction.
 */
export const notifyPossibleOpposition = async (
  db: Kysely<Database>,
  settings: MadridSettings,
  irNumber: string,
  request: PossibleOppositionRequest,
  now: Date,
): Promise<Result.Result<DecisionResult, DecisionError>> => {
  const today = todayIn(settings.timeZone, now);
  const officeCode = settings.officeCode;
  const id = randomUUID();
  return db.transaction().execute(async (trx) => {
    const current = (await lockRecords(trx, officeCode, [irNumber])).get(irNumber);
    if (!current) return Result.fail(new DesignationNotFound({ irNumber }));
    const d = current.record;
    const status = Designation.statusAt(d, today);
    if (!settings.declaration518b || !settings.declaration52c) {
      return Result.fail(
        new DecisionNotAllowed({
          status,
          message:
            "the office made no art. 5(2)(c) declaration (office configuration madrid.declaration52c): refusals after the 18 months based on an opposition are not open to it",
        }),
      );
    }
    const eighteen = TimeLimit.workingDayOnOrAfter(TimeLimit.plusMonths(d.notificationDate, 18), settings.calendar);
    if (Calendar.compare(today, eighteen) > 0 || (status !== "pending" && status !== "provisionally-refused")) {
      return Result.fail(
        new DecisionNotAllowed({
          status,
          message: `the IB must be told of possible oppositions before the 18-month time limit ends (${eighteen}) while the designation is pending (Protocol art. 5(2)(c)(i))`,
        }),
      );
    }
    if (request.periodEnd !== undefined && request.periodEnd < request.periodStart) {
      return Result.fail(
        new DecisionInvalid({
          issues: [{ path: "periodEnd", message: "the opposition period ends before it starts" }],
        }),
      );
    }
    const t = {
      _tag: "PossibleOpposition",
      irNumber: d.irNumber,
      language: "en",
      officeReference: id,
      ...(designationRecordId(d) ? { designationRecordId: designationRecordId(d) } : {}),
      holders: d.holders.map(toMadridParty),
      periodStart: request.periodStart,
      ...(request.periodEnd !== undefined ? { periodEnd: request.periodEnd } : {}),
    } as unknown as OfficeTransaction.OfficeTransaction;
    const xml = Builder.buildOfficeDocument({
      header: { officeCode: officeCode as Country.CountryCode, requestDate: today },
      transactions: [t],
    });
    const back = Parser.parseOfficeDocument(xml);
    if (Result.isFailure(back)) throw new Error(`office document does not read back: ${back.failure.message}`);
    const recorded = Designation.withOppositionInfo(
      d,
      settings.rules(officeCode),
      {
        informedIBOn: today,
        periodStart: request.periodStart as Calendar.IsoDate,
        ...(request.periodEnd !== undefined ? { periodEnd: request.periodEnd as Calendar.IsoDate } : {}),
      },
      `madrid-office:${officeCode}:${id}`,
    );
    const examiner = request.examiner ?? "examiner";
    const withActor: Designation.Designation = {
      ...recorded,
      events: recorded.events.map((e, i) =>
        i === recorded.events.length - 1 ? { ...e, actor: { ...e.actor, id: examiner } } : e,
      ),
    };
    await saveRecord(trx, withActor, d.events.length, now);
    await trx
      .insertInto("madrid_office_documents")
      .values({
        office_code: officeCode,
        id,
        ir_number: irNumber,
        kind: kindOf(t),
        decision_date: today,
        xml,
        created_by: examiner,
        created_at: now,
      })
      .execute();
    await appendAudit(
      trx,
      officeCode,
      {
        actorKind: actorKindOf({ id: examiner, role: "madrid_examiner" }),
        actorId: examiner,
        action: "madrid.possible-opposition",
        target: irNumber,
        outcome: "ok",
        details: { document: id, kind: kindOf(t), timeLimit: withActor.refusalTimeLimit.limit },
      },
      now,
    );
    return Result.succeed({ documentId: id, kind: kindOf(t), designation: withActor, xml });
  });
};

/** Records protection by default (art. 5(5)) on every pending designation whose time limit passed before `today`. */
export const settleOverdue = async (db: Kysely<Database>, settings: MadridSettings, now: Date): Promise<number> => {
  const today = todayIn(settings.timeZone, now);
  let settled = 0;
  for (;;) {
    const batch = await db
      .selectFrom("madrid_designations")
      .select("ir_number")
      .where("office_code", "=", settings.officeCode)
      .where("status", "=", "pending")
      .where("time_limit_date", "<", today)
      .limit(200)
      .execute();
    if (batch.length === 0) return settled;
    await db.transaction().execute(async (trx) => {
      const records = await lockRecords(
        trx,
        settings.officeCode,
        batch.map((r) => r.ir_number),
      );
      for (const { record } of records.values()) {
        const next = Designation.settleTimeLimit(record, today);
        if (next !== record) {
          await saveRecord(trx, next, record.events.length, now);
          settled++;
        }
      }
    });
  }
};
