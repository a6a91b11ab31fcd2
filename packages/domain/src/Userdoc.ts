/**
 * Userdocs: the requests and documents filed after the application (DOMAIN §1) — transfer, licence, pledge, change of
 * name or address, change of representative, renewal and annual fees, withdrawal and surrender, opposition,
 * invalidity, revocation, appeal, restoration, bankruptcy, security measures. Each type is data ({@link types}): its
 * labels, the kinds of right it applies to, its effect, and the workflow actions it triggers. {@link apply} is a pure
 * function applying a userdoc to a right and returning the changed right with the event recording it.
 */
import { Result, Schema } from "effect";
import type { Actor } from "./Actor.js";
import { IsoDate, type WorkingCalendar } from "./Calendar.js";
import { CountryCode } from "./Country.js";
import { diff, type RightEvent } from "./Event.js";
import { ClassNumber, type ClassEntry, oppose } from "./GoodsAndServices.js";
import { IpKind, type Proceeding, type Recordal, type Right } from "./IpRight.js";
import * as Party from "./Party.js";
import { addMonths } from "./internal/dates.js";
import * as Workflow from "./Workflow.js";

const l = (en: string, ar: string, fr: string) => ({ en, ar, fr });
const Count = Schema.Number.check(Schema.isInt(), Schema.isBetween({ minimum: 0, maximum: 120 }));

/** Kinds of recorded right or fact. */
export const RecordalKind = Schema.Literals(["licence", "pledge", "security_measure", "bankruptcy"]);
export type RecordalKind = typeof RecordalKind.Type;

/** Kinds of contentious proceeding. */
export const ProceedingKind = Schema.Literals(["opposition", "invalidity", "revocation", "appeal"]);
export type ProceedingKind = typeof ProceedingKind.Type;

/** What a userdoc does to the right. */
export const Effect = Schema.Union([
  /** Total transfer (assignment): the owners are replaced by the new owners. */
  Schema.Struct({ type: Schema.Literal("transfer") }),
  /** Change of an owner's name. */
  Schema.Struct({ type: Schema.Literal("change_of_name") }),
  /** Change of an owner's address. */
  Schema.Struct({ type: Schema.Literal("change_of_address") }),
  /** The representatives are replaced (an empty list removes them). */
  Schema.Struct({ type: Schema.Literal("change_of_representative") }),
  /** Records a licence, pledge, security measure or bankruptcy. */
  Schema.Struct({ type: Schema.Literal("recordal"), recordal: RecordalKind }),
  /** Cancels an active recordal (licence ended, pledge released, measure lifted). */
  Schema.Struct({ type: Schema.Literal("cancel_recordal"), recordal: RecordalKind }),
  /**
   * Renewal or annual fee: accepted from `monthsBefore` months before the renewal date until `graceMonths` after it,
   * with a surcharge after the renewal date; performs the workflow's renewal action.
   */
  Schema.Struct({ type: Schema.Literal("renewal"), monthsBefore: Count, graceMonths: Count }),
  /** Withdrawal of the application or surrender of the registration, total or for some classes (marks). */
  Schema.Struct({ type: Schema.Literal("withdrawal") }),
  /** Opens a proceeding against or about the right. */
  Schema.Struct({ type: Schema.Literal("proceeding"), proceeding: ProceedingKind }),
  /** Restoration (re-establishment of rights) after a missed time limit. */
  Schema.Struct({ type: Schema.Literal("restoration") }),
]);
export type Effect = typeof Effect.Type;

/** A userdoc type, as data an office can extend. */
export const UserdocType = Schema.Struct({
  id: Workflow.Id,
  labels: Workflow.Labels,
  kinds: Schema.Array(IpKind).check(Schema.isMinLength(1)),
  effect: Effect,
  /**
   * Workflow actions the userdoc performs: the first one available in the right's status is performed. With
   * `actionRequired`, the userdoc is refused when none is available (an opposition outside the opposition period).
   */
  actions: Schema.optional(Schema.Array(Workflow.Id)),
  actionRequired: Schema.optional(Schema.Boolean),
  /**
   * Standard event code recorded when no workflow action is performed: an ST.27 detailed event, for patents,
   * utility models and designs. Marks take `markEventCode` instead (an ST.27 code never describes a mark).
   */
  standardCode: Schema.optional(Schema.String),
  /** The ST.96 mark event category recorded on a mark when no workflow action is performed; absent: none. */
  markEventCode: Schema.optional(Schema.String),
  /** Whether the request must state a reason (grounds of an opposition, cause of a missed time limit). */
  reasonRequired: Schema.optional(Schema.Boolean),
});
export type UserdocType = typeof UserdocType.Type;

const all = ["trademark", "patent", "industrial_design", "utility_model"] as const;

/** The userdoc types of DOMAIN §1, modelled on the recordal types of the Bulgarian Patent Office's IPAS model. */
export const types: ReadonlyArray<UserdocType> = [
  {
    id: "transfer",
    labels: l("Recordal of transfer (assignment)", "قيد نقل الملكية (التنازل)", "Inscription d'une cession"),
    kinds: all,
    effect: { type: "transfer" },
    standardCode: "R14",
    markEventCode: "National assignment history entry",
  },
  {
    id: "licence",
    labels: l("Recordal of licence", "قيد ترخيص", "Inscription d'une licence"),
    kinds: all,
    effect: { type: "recordal", recordal: "licence" },
    standardCode: "S11",
  },
  {
    id: "licence_cancellation",
    labels: l("Cancellation of licence recordal", "شطب قيد الترخيص", "Radiation d'une licence"),
    kinds: all,
    effect: { type: "cancel_recordal", recordal: "licence" },
    standardCode: "S13",
  },
  {
    id: "pledge",
    labels: l("Recordal of pledge", "قيد رهن", "Inscription d'un gage"),
    kinds: all,
    effect: { type: "recordal", recordal: "pledge" },
    standardCode: "S20",
  },
  {
    id: "pledge_release",
    labels: l("Release of pledge", "فك الرهن", "Mainlevée du gage"),
    kinds: all,
    effect: { type: "cancel_recordal", recordal: "pledge" },
    standardCode: "S22",
  },
  {
    id: "security_measure",
    labels: l("Recordal of security measure (attachment)", "قيد حجز تحفظي", "Inscription d'une saisie"),
    kinds: all,
    effect: { type: "recordal", recordal: "security_measure" },
    standardCode: "S20",
  },
  {
    id: "security_measure_lifted",
    labels: l("Lifting of security measure", "رفع الحجز", "Mainlevée de la saisie"),
    kinds: all,
    effect: { type: "cancel_recordal", recordal: "security_measure" },
    standardCode: "S22",
  },
  {
    id: "bankruptcy",
    labels: l("Recordal of bankruptcy", "قيد إفلاس", "Inscription d'une faillite"),
    kinds: all,
    effect: { type: "recordal", recordal: "bankruptcy" },
    // ST.27 has no bankruptcy event (R18 is a change of contact details): "Other event occurred".
    standardCode: "W10",
  },
  {
    id: "change_of_name",
    labels: l("Change of owner's name", "تغيير اسم المالك", "Changement de nom du titulaire"),
    kinds: all,
    effect: { type: "change_of_name" },
    standardCode: "R13",
  },
  {
    id: "change_of_address",
    labels: l("Change of owner's address", "تغيير عنوان المالك", "Changement d'adresse du titulaire"),
    kinds: all,
    effect: { type: "change_of_address" },
    standardCode: "R18",
  },
  {
    id: "change_of_representative",
    labels: l("Change of representative", "تغيير الوكيل", "Changement de mandataire"),
    kinds: all,
    effect: { type: "change_of_representative" },
    standardCode: "R17",
  },
  {
    id: "renewal",
    labels: l("Renewal", "تجديد", "Renouvellement"),
    kinds: ["trademark", "industrial_design"],
    effect: { type: "renewal", monthsBefore: 6, graceMonths: 6 },
    actions: ["renew"],
    actionRequired: true,
  },
  {
    id: "annual_fee",
    labels: l("Annual fee (annuity)", "الرسم السنوي", "Annuité"),
    kinds: ["patent", "utility_model"],
    effect: { type: "renewal", monthsBefore: 3, graceMonths: 6 },
    actions: ["renew"],
    actionRequired: true,
  },
  {
    id: "withdrawal",
    labels: l("Withdrawal or surrender", "سحب أو تنازل", "Retrait ou renonciation"),
    kinds: all,
    effect: { type: "withdrawal" },
    actions: ["withdraw", "surrender"],
    actionRequired: true,
  },
  {
    id: "opposition",
    labels: l("Opposition", "اعتراض", "Opposition"),
    kinds: all,
    effect: { type: "proceeding", proceeding: "opposition" },
    actions: ["file_opposition"],
    actionRequired: true,
    reasonRequired: true,
  },
  {
    id: "invalidity",
    labels: l("Request for declaration of invalidity", "طلب إبطال", "Demande en nullité"),
    kinds: all,
    effect: { type: "proceeding", proceeding: "invalidity" },
    actions: ["file_invalidity_request"],
    reasonRequired: true,
    standardCode: "L15",
  },
  {
    id: "revocation",
    labels: l("Request for revocation (non-use)", "طلب شطب لعدم الاستعمال", "Demande en déchéance"),
    kinds: ["trademark"],
    effect: { type: "proceeding", proceeding: "revocation" },
    actions: ["file_revocation_request"],
    actionRequired: true,
    reasonRequired: true,
  },
  {
    id: "appeal",
    labels: l("Appeal", "طعن", "Recours"),
    kinds: all,
    effect: { type: "proceeding", proceeding: "appeal" },
    actions: ["file_appeal"],
    actionRequired: true,
    reasonRequired: true,
  },
  {
    id: "restoration",
    labels: l("Request for restoration", "طلب إعادة الحق", "Requête en restitutio in integrum"),
    kinds: all,
    effect: { type: "restoration" },
    actions: ["restore_application", "restore_registration", "restore_right"],
    actionRequired: true,
    reasonRequired: true,
  },
];

/** A change to one owner (by position in the owner list): new name, address or country. */
export const OwnerChange = Schema.Struct({
  index: Schema.Number.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(0)),
  name: Schema.optional(Schema.String.check(Schema.isTrimmed(), Schema.isNonEmpty(), Schema.isMaxLength(500))),
  address: Schema.optional(Party.Address),
  country: Schema.optional(CountryCode),
});
export type OwnerChange = typeof OwnerChange.Type;

/** A userdoc as filed (the body of `POST …/userdocs`). Which fields are needed depends on the type. */
export const Userdoc = Schema.Struct({
  type: Workflow.Id,
  /** The office's userdoc number. */
  number: Schema.optional(Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(100))),
  filedOn: IsoDate,
  /** Transfer: the new owners, in order. */
  owners: Schema.optional(Party.OwnerList(Party.PartyInput).check(Schema.isMaxLength(100))),
  /** Change of name or address. */
  ownerChanges: Schema.optional(Schema.Array(OwnerChange).check(Schema.isMaxLength(100))),
  /** Change of representative: the new representatives (empty removes them). */
  representatives: Schema.optional(Schema.Array(Party.RepresentativeInput).check(Schema.isMaxLength(50))),
  /** Licensees, pledgees, opponents, applicants for invalidity… */
  parties: Schema.optional(Schema.Array(Party.PartyInput).check(Schema.isMaxLength(100))),
  /** Marks: the classes concerned (partial withdrawal, partial licence, opposition against some classes). */
  classes: Schema.optional(Schema.Array(ClassNumber).check(Schema.isMaxLength(45))),
  /** Free details: licence exclusivity and territory, amount secured, court and case number… */
  details: Schema.optional(Schema.Record(Schema.String, Schema.String.check(Schema.isMaxLength(2_000)))),
  /** Cancellation of a recordal: the number of the recordal cancelled. */
  recordalNumber: Schema.optional(Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(100))),
  reason: Schema.optional(Schema.String.check(Schema.isMaxLength(10_000))),
});
export type Userdoc = typeof Userdoc.Type;

/** Why a userdoc could not be applied. */
export const UserdocErrorReason = Schema.Literals([
  /** No userdoc type with this id. */
  "unknown_type",
  /** The type does not apply to this kind of right or in its current status. */
  "not_applicable",
  /** The userdoc lacks data or its data does not fit the right. */
  "invalid_input",
  /** Filed outside the period in which it is accepted (renewal window and grace period). */
  "out_of_time",
  /** The workflow refused the action the userdoc performs (role, status or input). */
  "workflow",
]);
export type UserdocErrorReason = typeof UserdocErrorReason.Type;

/** A userdoc that cannot be applied, with each problem and the path of the field concerned. */
export class UserdocError extends Schema.TaggedError<UserdocError>()("UserdocError", {
  type: Schema.String,
  reason: UserdocErrorReason,
  problems: Schema.Array(Workflow.Problem),
}) {
  override get message(): string {
    return `userdoc ${this.type} (${this.reason}): ${this.problems
      .map((p) => `${p.path.join(".") || "(userdoc)"}: ${p.message}`)
      .join("; ")}`;
  }
}

/** Who records the userdoc and when; the workflow (default: the default workflow of the right's kind). */
export interface ApplyContext {
  readonly at: string;
  readonly today: IsoDate;
  readonly actor: Actor;
  readonly workflow?: Workflow.Definition | undefined;
  /** The office's working calendar, passed to the workflow for time limits. */
  readonly calendar?: WorkingCalendar | undefined;
  /** The office's userdoc types (default: {@link types}). */
  readonly types?: ReadonlyArray<UserdocType> | undefined;
}

/** The userdoc types that apply to a kind of right. */
export const typesFor = (kind: IpKind, from: ReadonlyArray<UserdocType> = types): Array<UserdocType> =>
  from.filter((t) => t.kinds.includes(kind));

const compact = <A extends object>(value: A): A =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as A;

/**
 * Applies a userdoc to a right. The effect is applied first (owners replaced, recordal added, proceeding opened…),
 * then the type's workflow action, if any, is performed through {@link Workflow.perform}; the result is one new
 * version of the right and one event listing every change, with the userdoc on it.
 */
export const apply = (
  right: Right,
  userdoc: Userdoc,
  ctx: ApplyContext,
): Result.Result<{ right: Right; event: RightEvent; surcharge?: boolean }, UserdocError> => {
  const type = (ctx.types ?? types).find((t) => t.id === userdoc.type);
  const error = (reason: UserdocErrorReason, problems: Array<Workflow.Problem>) =>
    Result.fail(new UserdocError({ type: userdoc.type, reason, problems }));
  if (type === undefined)
    return error("unknown_type", [{ path: ["type"], message: `unknown userdoc type ${userdoc.type}` }]);
  if (!type.kinds.includes(right.kind)) {
    return error("not_applicable", [
      { path: ["type"], message: `${type.id} applies to ${type.kinds.join(", ")}, not to a ${right.kind}` },
    ]);
  }
  const workflow = ctx.workflow ?? Workflow.defaults[right.kind];
  const state = workflow.states.find((s) => s.id === right.status);
  const problems: Array<Workflow.Problem> = [];
  if (type.reasonRequired && (userdoc.reason ?? "").trim() === "") {
    problems.push({ path: ["reason"], message: "a reason (grounds) is required" });
  }

  const effect = type.effect;
  let next: Right = right;
  let surcharge: boolean | undefined;
  let partial = false;
  switch (effect.type) {
    case "transfer": {
      if (userdoc.owners === undefined) problems.push({ path: ["owners"], message: "the new owners are required" });
      else next = { ...next, owners: userdoc.owners.map(Party.fromInput) };
      break;
    }
    case "change_of_name":
    case "change_of_address": {
      const field = effect.type === "change_of_name" ? "name" : "address";
      const changes = userdoc.ownerChanges ?? [];
      if (changes.length === 0)
        problems.push({ path: ["ownerChanges"], message: "at least one owner change is required" });
      const owners = [...next.owners];
      changes.forEach((c, i) => {
        const owner = owners[c.index];
        if (owner === undefined) {
          problems.push({
            path: ["ownerChanges", i, "index"],
            message: `the right has ${owners.length} owner(s), numbered from 0`,
          });
          return;
        }
        if (c[field] === undefined) {
          problems.push({ path: ["ownerChanges", i, field], message: `the new ${field} is required` });
          return;
        }
        owners[c.index] = compact({
          ...owner,
          ...(c.name !== undefined && field === "name" ? { name: c.name } : {}),
          ...(c.address !== undefined && field === "address" ? { address: c.address } : {}),
          ...(c.country !== undefined ? { country: c.country } : {}),
        });
      });
      next = { ...next, owners };
      break;
    }
    case "change_of_representative": {
      if (userdoc.representatives === undefined) {
        problems.push({ path: ["representatives"], message: "the new representatives are required (empty to remove)" });
      } else next = { ...next, representatives: userdoc.representatives.map(Party.representativeFromInput) };
      break;
    }
    case "recordal": {
      if ((userdoc.parties ?? []).length === 0 && effect.recordal !== "bankruptcy") {
        problems.push({ path: ["parties"], message: `the ${effect.recordal} needs its beneficiary in parties` });
      }
      problems.push(...classProblems(next, userdoc.classes));
      const recordal: Recordal = compact({
        type: effect.recordal,
        number: userdoc.number,
        date: userdoc.filedOn,
        parties: userdoc.parties?.map(Party.fromInput),
        details: userdoc.details,
        classes: userdoc.classes,
        active: true,
      });
      next = { ...next, recordals: [...(next.recordals ?? []), recordal] };
      break;
    }
    case "cancel_recordal": {
      const recordals = next.recordals ?? [];
      const index = recordals.findIndex(
        (r) => r.active && r.type === effect.recordal && r.number !== undefined && r.number === userdoc.recordalNumber,
      );
      if (index < 0) {
        problems.push({
          path: ["recordalNumber"],
          message: `no active ${effect.recordal} recorded under number ${userdoc.recordalNumber ?? "(none given)"}`,
        });
      } else {
        next = { ...next, recordals: recordals.map((r, i) => (i === index ? { ...r, active: false } : r)) };
      }
      break;
    }
    case "renewal": {
      const due = next.renewalDueDate;
      if (due === undefined) {
        return error("not_applicable", [
          {
            path: ["type"],
            message:
              next.expiryDate === undefined
                ? "the right is not registered: nothing to renew"
                : `no renewal is due: protection ends on ${next.expiryDate} (the maximum term)`,
          },
        ]);
      }
      // The window of the workflow's renewal action, which the office configures, else the type's own.
      const window =
        workflow.actions.find((a) => (type.actions ?? []).includes(a.id) && a.effects?.renew?.window !== undefined)
          ?.effects?.renew?.window ?? effect;
      const opens = addMonths(due, -window.monthsBefore);
      const closes = addMonths(due, window.graceMonths);
      if (userdoc.filedOn < opens || userdoc.filedOn > closes) {
        return error("out_of_time", [
          {
            path: ["filedOn"],
            message: `renewal is accepted from ${opens} to ${closes} (due ${due}), filed ${userdoc.filedOn}`,
          },
        ]);
      }
      surcharge = userdoc.filedOn > due;
      break;
    }
    case "withdrawal": {
      if (userdoc.classes !== undefined && userdoc.classes.length > 0) {
        if (next.kind !== "trademark") {
          problems.push({ path: ["classes"], message: "a partial withdrawal names classes of a trademark" });
          break;
        }
        problems.push(...classProblems(next, userdoc.classes));
        const live = next.goodsAndServices.filter((c) => isAlive(c));
        const remaining = live.filter((c) => !userdoc.classes?.includes(c.classNumber));
        if (remaining.length > 0 && problems.length === 0) {
          partial = true;
          const decision = compact({
            kind: "withdraw" as const,
            action: type.id,
            date: ctx.today,
            by: ctx.actor.id,
            reason: userdoc.reason,
          });
          next = {
            ...next,
            goodsAndServices: next.goodsAndServices.map((c): ClassEntry => {
              if (!userdoc.classes?.includes(c.classNumber)) return c;
              const status = c.status === "registered" ? "surrendered" : "withdrawn";
              return {
                ...c,
                status,
                decision,
                terms: c.terms.map((t) =>
                  isAlive({ status: t.status ?? "pending" }) ? { ...t, status, decision } : t,
                ),
              };
            }),
          };
        }
      }
      break;
    }
    case "proceeding": {
      problems.push(...classProblems(next, userdoc.classes));
      const earlier = (next.proceedings ?? []).filter((p) => p.type === effect.proceeding);
      const number = userdoc.number ?? `${effect.proceeding}-${earlier.length + 1}`;
      if (earlier.some((p) => p.number === number)) {
        problems.push({ path: ["number"], message: `${effect.proceeding} ${number} is already recorded` });
      }
      // An opposition puts the classes it names (every live class when it names none) under opposition.
      if (effect.proceeding === "opposition" && next.kind === "trademark") {
        const named = userdoc.classes ?? next.goodsAndServices.map((c) => c.classNumber);
        next = {
          ...next,
          goodsAndServices: oppose(next.goodsAndServices, named, {
            kind: "oppose",
            action: type.id,
            date: ctx.today,
            by: ctx.actor.id,
            ...(userdoc.number === undefined ? {} : { reason: `opposition ${number}` }),
          }),
        };
      }
      const proceeding: Proceeding = compact({
        type: effect.proceeding,
        number,
        openedOn: userdoc.filedOn,
        parties: userdoc.parties?.map(Party.fromInput),
        grounds: userdoc.reason,
        classes: userdoc.classes,
      });
      next = { ...next, proceedings: [...(next.proceedings ?? []), proceeding] };
      break;
    }
    case "restoration":
      break;
  }
  if (problems.length > 0) return error("invalid_input", problems);

  const userdocRef = compact({ type: type.id, number: userdoc.number, surcharge });
  const candidates = partial ? [] : (type.actions ?? []);
  const action = candidates.find((id) => Workflow.availableActions(workflow, right).some((a) => a.id === id));
  if (action === undefined && type.actionRequired && !partial) {
    return error("not_applicable", [
      {
        path: ["type"],
        message: `${type.id} cannot be recorded in status ${right.status}${state?.final ? " (final)" : ""}`,
      },
    ]);
  }
  if (action === undefined && state?.final === true && effect.type !== "restoration") {
    return error("not_applicable", [
      { path: ["type"], message: `the right is ${right.status}: ${type.id} cannot be recorded` },
    ]);
  }
  if (action !== undefined) {
    const performed = Workflow.perform(workflow, next, compact({ action, reason: userdoc.reason }), {
      at: ctx.at,
      today: ctx.today,
      actor: ctx.actor,
      userdoc: userdocRef,
      filedOn: userdoc.filedOn,
      calendar: ctx.calendar,
    });
    if (Result.isFailure(performed)) {
      const f = performed.failure;
      return error(
        "workflow",
        f._tag === "InvalidActionInput" ? [...f.problems] : [{ path: ["type"], message: f.message }],
      );
    }
    const event = { ...performed.success.event, changes: diff(right, performed.success.right) };
    return Result.succeed(compact({ right: performed.success.right, event, surcharge }));
  }
  const updated: Right = { ...next, version: right.version + 1 };
  const event: RightEvent = compact({
    officeCode: right.officeCode,
    applicationNumber: right.applicationNumber,
    at: ctx.at,
    actor: ctx.actor,
    action: type.id,
    reason: userdoc.reason,
    fromStatus: right.status,
    toStatus: right.status,
    standardCode: right.kind === "trademark" ? type.markEventCode : type.standardCode,
    userdoc: userdocRef,
    changes: diff(right, updated),
  });
  return Result.succeed(compact({ right: updated, event, surcharge }));
};

const isAlive = (c: { readonly status: string }): boolean =>
  ["pending", "accepted", "limited", "opposed", "registered"].includes(c.status);

const classProblems = (right: Right, classes: ReadonlyArray<number> | undefined): Array<Workflow.Problem> => {
  if (classes === undefined) return [];
  if (right.kind !== "trademark") return [{ path: ["classes"], message: "classes apply to trademarks only" }];
  return classes.flatMap((n, i) => {
    const entry = right.goodsAndServices.find((c) => c.classNumber === n);
    if (entry === undefined) return [{ path: ["classes", i], message: `the mark has no class ${n}` }];
    if (!isAlive(entry)) return [{ path: ["classes", i], message: `class ${n} is ${entry.status}` }];
    return [];
  });
};
