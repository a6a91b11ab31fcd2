/**
 * The examiner's decision on a designation: grant, total refusal, or partial refusal per class or per term. The desk
 * turns it into the office → IB communication the situation calls for (statement of grant under Rule 18ter(1),
 * provisional refusal under Rule 17, or after a provisional refusal a final decision under Rule 18ter(2)/(3)), writes
 * it with the package's Builder, checks that it reads back, stores it, and records the decision on the designation
 * with its event, all in one transaction.
 */
import { todayIn } from "../config/OfficeConfig.js";
import { randomUUID } from "node:crypto";
import type { Calendar, Country, GoodsAndServices as GS, Party as DomainParty } from "@ipoffice/domain";
import { Builder, Designation, type OfficeTransaction, type Party, Parser } from "@ipoffice/madrid";
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

export const DecisionRequest = Schema.Struct({
  outcome: Schema.Literals(["grant", "total-refusal", "partial-refusal"]),
  /** Grounds of a refusal (required for refusals). */
  grounds: Schema.optional(Text(10_000)),
  /** What a partial refusal refuses: classes, or terms of classes. */
  refused: Schema.optional(Schema.Array(RefusedClass).check(Schema.isMinLength(1), Schema.isMaxLength(45))),
  /** Months for a request for review or appeal of a provisional refusal. */
  responseMonths: Schema.optional(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 24 }))),
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

/** The communication for this decision in this state, or why none is possible. */
const communication = (
  d: Designation.Designation,
  request: DecisionRequest,
  today: Calendar.IsoDate,
  id: string,
): Result.Result<OfficeTransaction.OfficeTransaction, DecisionInvalid | DecisionNotAllowed> => {
  const issues: FieldIssue[] = [];
  const refusal = request.outcome !== "grant";
  if (refusal && request.grounds === undefined)
    issues.push({ path: "grounds", message: "a refusal states its grounds" });
  if (request.outcome === "partial-refusal" && request.refused === undefined) {
    issues.push({ path: "refused", message: "a partial refusal lists the classes or terms refused" });
  }
  if (request.outcome !== "partial-refusal" && request.refused !== undefined) {
    issues.push({ path: "refused", message: "only a partial refusal lists classes or terms" });
  }
  const goods = request.refused ? refusedGoods(d, request.refused, issues) : [];
  if (request.outcome === "partial-refusal" && issues.length === 0) {
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

  const status = Designation.statusAt(d, today);
  const common = {
    irNumber: d.irNumber,
    language: "en",
    officeReference: id,
    ...(designationRecordId(d) ? { designationRecordId: designationRecordId(d) } : {}),
  };
  const holders = d.holders.map(toMadridParty);
  if (status === "pending") {
    if (request.outcome === "grant") {
      return Result.succeed({
        _tag: "GrantProtection",
        ...common,
        holders,
      } as unknown as OfficeTransaction.OfficeTransaction);
    }
    return Result.succeed({
      _tag: "ProvisionalRefusal",
      ...common,
      pronouncedDate: today,
      holders,
      refusal: request.outcome === "total-refusal" ? { _tag: "Total" } : { _tag: "Partial", goods },
      grounds: request.grounds,
      ...(request.responseMonths ? { responseMonths: request.responseMonths } : {}),
    } as unknown as OfficeTransaction.OfficeTransaction);
  }
  if (status === "provisionally-refused") {
    if (request.outcome === "partial-refusal") {
      // protection granted for the goods not refused (Rule 18ter(2)(ii))
      const granted = d.goodsAndServices
        .map((c) => ({
          classNumber: c.classNumber,
          terms: c.terms
            .filter((t) => open(t.status))
            .map((t) => t.text)
            .filter((t) => !goods.some((g) => g.classNumber === c.classNumber && g.terms.some((x) => sameTerm(x, t)))),
        }))
        .filter((c) => c.terms.length > 0);
      return Result.succeed({
        _tag: "Decision",
        ...common,
        kind: "final",
        holders,
        outcome: "grant",
        scope: { _tag: "Some", classes: granted },
      } as unknown as OfficeTransaction.OfficeTransaction);
    }
    return Result.succeed({
      _tag: "Decision",
      ...common,
      kind: "final",
      holders,
      outcome: request.outcome === "grant" ? "grant" : "refusal",
      scope: { _tag: "All" },
    } as unknown as OfficeTransaction.OfficeTransaction);
  }
  if (status === "protected-by-default") {
    if (request.outcome === "grant") {
      return Result.succeed({
        _tag: "GrantProtection",
        ...common,
        holders,
      } as unknown as OfficeTransaction.OfficeTransaction);
    }
    return Result.fail(
      new DecisionNotAllowed({
        status,
        message: `the refusal time limit ended on ${d.refusalTimeLimit.limit} (${d.refusalTimeLimit.rule}): the right to refuse is lost (Protocol art. 5(5)); only a statement of grant can be sent`,
      }),
    );
  }
  return Result.fail(
    new DecisionNotAllowed({
      status,
      message: `the designation is "${status}": the desk sends no further communication from this state`,
    }),
  );
};

const KIND: Record<OfficeTransaction.OfficeTransaction["_tag"], string> = {
  ProvisionalRefusal: "provisional-refusal",
  GrantProtection: "statement-of-grant",
  Decision: "final-decision",
  LimitationNoEffect: "limitation-no-effect",
  Invalidation: "invalidation",
  CeasingEffect: "ceasing-of-effect",
};

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
    const made = communication(d, request, today, id);
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
        kind: KIND[t._tag],
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
        details: { document: id, kind: KIND[t._tag] },
      },
      now,
    );
    return Result.succeed({ documentId: id, kind: KIND[t._tag], designation: withActor, xml });
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
