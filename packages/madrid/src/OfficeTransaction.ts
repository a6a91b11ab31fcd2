/**
 * Typed model of ST.96 V6_0 `tmk:MadridOfficeToIBTransaction`: what a designated office sends the
 * International Bureau about a designation (refusals, statements of grant, decisions).
 */
import { Calendar, Country } from "@ipoffice/domain";
import { Schema } from "effect";
import { MadridCeasingEffectRuleCategory } from "./Codes.js";
import { IrNumber } from "./IBTransaction.js";
import { BasicMark, ClassGoods, ClassNumber, Party } from "./Party.js";

const Language = Schema.String.pipe(Schema.check(Schema.isPattern(/^[a-z]{2}$/)));
const Months = Schema.Number.pipe(Schema.check(Schema.isInt(), Schema.isBetween({ minimum: 1, maximum: 24 })));

/** Common fields of every communication about one designation. */
const common = {
  irNumber: IrNumber,
  language: Language,
  /** The office's own reference (`com:OfficeReferenceIdentifier`). */
  officeReference: Schema.optional(Schema.String),
  /** The IB's record identifier of the designation concerned (`tmk:DesignationRecordIdentifier`). */
  designationRecordId: Schema.optional(Schema.String),
  notificationDate: Schema.optional(Calendar.IsoDate),
};

/** The goods and services concerned: all of them, or some classes/terms. */
export const Scope = Schema.Union([
  Schema.TaggedStruct("All", {}),
  Schema.TaggedStruct("Some", { classes: Schema.NonEmptyArray(ClassGoods) }),
]);
export type Scope = typeof Scope.Type;

/** One refused class (all its terms, as listed) or some terms of it, with the grounds for that part. */
export const RefusedGoods = Schema.Struct({
  classNumber: ClassNumber,
  terms: Schema.NonEmptyArray(Schema.String),
  grounds: Schema.optional(Schema.String),
});
export type RefusedGoods = typeof RefusedGoods.Type;

const NonEmpty = Schema.String.pipe(Schema.check(Schema.isMinLength(1)));

/**
 * The earlier mark a refusal rests on (Rule 17(2)(v)): its filing date and number, priority date, registration
 * date and number, the name and address of its owner, a reproduction (here its verbal element) and its goods and
 * services. Written as a `tmk:Trademark` of the refusal's `tmk:TrademarkBag`.
 */
export const EarlierMark = Schema.Struct({
  /** The office of the earlier mark (ST.3), e.g. `OM`. */
  officeCode: Schema.optional(Country.CountryCode),
  applicationNumber: Schema.optional(NonEmpty),
  applicationDate: Schema.optional(Calendar.IsoDate),
  registrationNumber: Schema.optional(NonEmpty),
  registrationDate: Schema.optional(Calendar.IsoDate),
  priority: Schema.optional(Schema.Struct({ countryCode: Country.CountryCode, date: Calendar.IsoDate })),
  verbalElement: Schema.optional(NonEmpty),
  /** The owner, with an address (Rule 17(2)(v)). */
  owner: Party,
  goods: Schema.optional(Schema.Array(ClassGoods)),
}).pipe(
  Schema.check(
    Schema.makeFilter(
      (m: { applicationNumber?: string; registrationNumber?: string }) =>
        m.applicationNumber !== undefined ||
        m.registrationNumber !== undefined ||
        "an earlier mark has an application or a registration number",
    ),
  ),
);
export type EarlierMark = typeof EarlierMark.Type;

/** The opposition a refusal rests on (Rule 17(3)): the opponent's name and address and the date it was filed. */
export const Opposition = Schema.Struct({
  opponent: Party,
  filedOn: Calendar.IsoDate,
});
export type Opposition = typeof Opposition.Type;

/**
 * `tmk:MadridProvisionalRefusal` (Rule 17): total (`tmk:AllGoodsServicesIndicator`) or partial, per class or per
 * term (`tmk:GoodsServicesRefusalBag`), with the grounds (`tmk:FactDecisionText`), the earlier marks it rests on
 * (`tmk:TrademarkBag`), and in `com:CommentText` (ST.96 V6_0 has no element of its own for them, decisions 0504 and
 * 0505) the time limit for a request for review or appeal, the date it ends, the authority, whether a local
 * representative is needed, and the opponent of an opposition. `rule17Missing` says what Rule 17(2) still needs.
 */
export const ProvisionalRefusal = Schema.TaggedStruct("ProvisionalRefusal", {
  ...common,
  pronouncedDate: Schema.optional(Calendar.IsoDate),
  holders: Schema.Array(Party),
  refusal: Schema.Union([
    Schema.TaggedStruct("Total", {}),
    Schema.TaggedStruct("Partial", { goods: Schema.NonEmptyArray(RefusedGoods) }),
  ]),
  grounds: Schema.String.pipe(Schema.check(Schema.isMinLength(1))),
  /** Months from the notification of the refusal to request a review or appeal (Rule 17(2)(vii)). */
  responseMonths: Schema.optional(Months),
  /** The date that time limit ends, preferably given (Rule 17(2)(vii)). */
  responseEndsOn: Schema.optional(Calendar.IsoDate),
  /** The authority to which the request for review or appeal is made (Rule 17(2)(vii)). */
  reviewAuthority: Schema.optional(NonEmpty),
  /** The request must be filed through a representative with an address in the office's territory. */
  localRepresentativeRequired: Schema.optional(Schema.Boolean),
  /** The earlier marks the refusal rests on (Rule 17(2)(v)). */
  earlierMarks: Schema.optional(Schema.Array(EarlierMark)),
  /** The opposition it rests on (Rule 17(3)). */
  opposition: Schema.optional(Opposition),
});
export type ProvisionalRefusal = typeof ProvisionalRefusal.Type;

/**
 * What a provisional refusal lacks of Rule 17(2)/(3), as `{ path, message }` (empty when complete): the grounds
 * (17(2)(iv)), the time limit for review or appeal and the authority (17(2)(vii)), the date pronounced (17(2)(viii)),
 * each earlier mark's owner address (17(2)(v)) and the opponent's address (17(3)).
 */
export const rule17Missing = (r: ProvisionalRefusal): ReadonlyArray<{ path: string; message: string }> => {
  const out: Array<{ path: string; message: string }> = [];
  if (r.grounds.trim() === "")
    out.push({ path: "grounds", message: "a provisional refusal states all its grounds (Rule 17(2)(iv))" });
  if (r.responseMonths === undefined) {
    out.push({
      path: "responseMonths",
      message: "the time limit for a request for review or appeal (Rule 17(2)(vii))",
    });
  }
  if (r.reviewAuthority === undefined) {
    out.push({
      path: "reviewAuthority",
      message: "the authority to which a review or appeal is requested (Rule 17(2)(vii))",
    });
  }
  if (r.pronouncedDate === undefined)
    out.push({ path: "pronouncedDate", message: "the date the refusal was pronounced (Rule 17(2)(viii))" });
  (r.earlierMarks ?? []).forEach((m, i) => {
    if (m.owner.address === undefined) {
      out.push({
        path: `earlierMarks[${i}].owner.address`,
        message: "the address of the earlier mark's owner (Rule 17(2)(v))",
      });
    }
  });
  if (r.opposition !== undefined && r.opposition.opponent.address === undefined) {
    out.push({ path: "opposition.opponent.address", message: "the opponent's address (Rule 17(3))" });
  }
  return out;
};

/**
 * `tmk:MadridPossibleOppositionNotification`: the office tells the IB that oppositions may be filed after the
 * 18-month time limit (Protocol art. 5(2)(c)(i), Rule 16(1)), with the opposition period when known.
 */
export const PossibleOpposition = Schema.TaggedStruct("PossibleOpposition", {
  ...common,
  holders: Schema.NonEmptyArray(Party),
  periodStart: Schema.optional(Calendar.IsoDate),
  periodEnd: Schema.optional(Calendar.IsoDate),
});
export type PossibleOpposition = typeof PossibleOpposition.Type;

/** `tmk:MadridGrantProtection`: statement of grant of protection under Rule 18ter(1). */
export const GrantProtection = Schema.TaggedStruct("GrantProtection", {
  ...common,
  holders: Schema.NonEmptyArray(Party),
});
export type GrantProtection = typeof GrantProtection.Type;

/**
 * `tmk:MadridFinalDecision` / `tmk:MadridFurtherDecision` (`kind`): after a provisional refusal, statement of
 * grant for all goods (Rule 18ter(2)(i)) or for the goods listed (18ter(2)(ii)), confirmation of a total refusal
 * (18ter(3)); a further decision affecting protection (18ter(4)), listing the goods protected.
 */
export const Decision = Schema.TaggedStruct("Decision", {
  ...common,
  kind: Schema.Literals(["final", "further"]),
  holders: Schema.Array(Party),
  outcome: Schema.Literals(["grant", "refusal"]),
  /** All goods, or the goods for which protection is granted (or refused). */
  scope: Scope,
});
export type Decision = typeof Decision.Type;

/** `tmk:MadridLimitationNoEffect`: declaration that a limitation has no effect in the office's territory. */
export const LimitationNoEffect = Schema.TaggedStruct("LimitationNoEffect", {
  ...common,
  irDate: Calendar.IsoDate,
  holders: Schema.NonEmptyArray(Party),
  scope: Scope,
  appealPossible: Schema.Boolean,
});
export type LimitationNoEffect = typeof LimitationNoEffect.Type;

/** `tmk:MadridInvalidation` (Rule 19): invalidation of the effects in the office's territory. */
export const Invalidation = Schema.TaggedStruct("Invalidation", {
  ...common,
  holders: Schema.NonEmptyArray(Party),
  scope: Scope,
  pronouncedDate: Calendar.IsoDate,
});
export type Invalidation = typeof Invalidation.Type;

/** `tmk:MadridCeasingEffect` (Rule 22): as office of origin, the basic mark ceased to have effect. */
export const CeasingEffect = Schema.TaggedStruct("CeasingEffect", {
  ...common,
  basic: Schema.Array(BasicMark),
  holders: Schema.NonEmptyArray(Party),
  scope: Scope,
  rule: MadridCeasingEffectRuleCategory,
  effectiveDate: Schema.optional(Calendar.IsoDate),
  facts: Schema.optional(Schema.String),
});
export type CeasingEffect = typeof CeasingEffect.Type;

/** Every office → IB transaction this package reads and writes. */
export const OfficeTransaction = Schema.Union([
  ProvisionalRefusal,
  PossibleOpposition,
  GrantProtection,
  Decision,
  LimitationNoEffect,
  Invalidation,
  CeasingEffect,
]);
export type OfficeTransaction = typeof OfficeTransaction.Type;

/** `tmk:MadridOfficeTransactionHeader`. */
export const Header = Schema.Struct({
  officeCode: Country.CountryCode,
  requestDate: Calendar.IsoDate,
});
export type Header = typeof Header.Type;

/** A whole `tmk:MadridOfficeToIBTransaction` document. */
export const Document = Schema.Struct({
  header: Header,
  transactions: Schema.NonEmptyArray(OfficeTransaction),
});
export type Document = typeof Document.Type;
