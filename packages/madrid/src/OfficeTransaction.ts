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

/**
 * `tmk:MadridProvisionalRefusal` (Rule 17): total (`tmk:AllGoodsServicesIndicator`) or partial, per class or per
 * term (`tmk:GoodsServicesRefusalBag`), with the grounds (`tmk:FactDecisionText`) and the time limit to request
 * a review or appeal (written in `com:CommentText`; ST.96 V6_0 has no element of its own for it).
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
  /** Months from the notification of the refusal to request a review or appeal. */
  responseMonths: Schema.optional(Months),
});
export type ProvisionalRefusal = typeof ProvisionalRefusal.Type;

/** `tmk:MadridGrantProtection`: statement of grant of protection under Rule 18ter(1). */
export const GrantProtection = Schema.TaggedStruct("GrantProtection", {
  ...common,
  holders: Schema.NonEmptyArray(Party),
});
export type GrantProtection = typeof GrantProtection.Type;

/**
 * `tmk:MadridFinalDecision` / `tmk:MadridFurtherDecision` (`kind`): after a provisional refusal, statement of
 * grant for all or some goods (Rule 18ter(2)), confirmation of total refusal (18ter(3)); a further decision
 * affecting protection (18ter(4)).
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
