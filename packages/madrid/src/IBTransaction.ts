/**
 * Typed model of ST.96 V6_0 `tmk:MadridIBToOfficeTransaction`: the weekly batch the International Bureau
 * sends to a designated office. One transaction per child of `tmk:MadridIBToOfficeBag`, told apart by `_tag`
 * (the ST.96 element) and `category` (the ST.96 category code).
 */
import { Calendar, Country } from "@ipoffice/domain";
import { Schema } from "effect";
import {
  MadridCompletedProcessingCategory,
  MadridCorrectContentCategory,
  MadridDesignationCategory,
  MadridDesignationTerminationCategory,
  MadridHolderRepresentativeChangeCategory,
  MadridIBTransactionCategory,
  MadridProtectionRestrictionCategory,
  MadridRenewalCategory,
  MadridSystemCategory,
  LicenceCategory,
  RecordLicenceCategory,
} from "./Codes.js";
import { BasicMark, ClassGoods, GoodsLimitation, Mark, Party } from "./Party.js";

/** An international registration number as the IB writes it (`1234567`, `1234567A`). */
export const IrNumber = Schema.String.pipe(Schema.check(Schema.isPattern(/^\S+$/)));
export type IrNumber = typeof IrNumber.Type;

const NonEmptyString = Schema.String.pipe(Schema.check(Schema.isMinLength(1)));
const Language = Schema.String.pipe(Schema.check(Schema.isPattern(/^[a-z]{2}$/)));

/** `tmk:MadridDesignation`: new international registration (category "Registration") or subsequent designation. */
export const Designation = Schema.TaggedStruct("Designation", {
  category: MadridDesignationCategory,
  recordId: NonEmptyString,
  irNumber: IrNumber,
  irDate: Calendar.IsoDate,
  language: Language,
  officeOfOrigin: Country.CountryCode,
  effectiveDate: Calendar.IsoDate,
  filingDate: Calendar.IsoDate,
  madridSystem: MadridSystemCategory,
  feeCalculationDate: Calendar.IsoDate,
  expiryDate: Calendar.IsoDate,
  notificationDate: Calendar.IsoDate,
  holders: Schema.NonEmptyArray(Party),
  representative: Schema.optional(Party),
  mark: Mark,
  goodsAndServices: Schema.NonEmptyArray(ClassGoods),
  basic: Schema.Array(BasicMark),
  designatedCountries: Schema.NonEmptyArray(Country.CountryCode),
  limitations: Schema.Array(GoodsLimitation),
});
export type Designation = typeof Designation.Type;

/** `tmk:MadridDesignationTermination`: total cancellation, renunciation, total ceasing of effect, non-renewal… */
export const DesignationTermination = Schema.TaggedStruct("DesignationTermination", {
  category: MadridDesignationTerminationCategory,
  recordId: NonEmptyString,
  irNumber: IrNumber,
  filingDate: Calendar.IsoDate,
  recordingDate: Schema.optional(Calendar.IsoDate),
  expiryDate: Calendar.IsoDate,
});
export type DesignationTermination = typeof DesignationTermination.Type;

/** `tmk:MadridRenewal`. */
export const Renewal = Schema.TaggedStruct("Renewal", {
  category: MadridRenewalCategory,
  recordId: NonEmptyString,
  irNumber: IrNumber,
  filingDate: Calendar.IsoDate,
  madridSystem: MadridSystemCategory,
  renewalDate: Calendar.IsoDate,
  feeCalculationDate: Calendar.IsoDate,
  activeClassCount: Schema.Number.pipe(Schema.check(Schema.isInt())),
  expiryDate: Calendar.IsoDate,
});
export type Renewal = typeof Renewal.Type;

/** `tmk:MadridProtectionRestriction`: limitation, partial cancellation, partial ceasing of effect… */
export const ProtectionRestriction = Schema.TaggedStruct("ProtectionRestriction", {
  category: MadridProtectionRestrictionCategory,
  recordId: NonEmptyString,
  irNumber: IrNumber,
  language: Language,
  effectiveDate: Calendar.IsoDate,
  filingDate: Calendar.IsoDate,
  recordingDate: Schema.optional(Calendar.IsoDate),
  notificationDate: Calendar.IsoDate,
  limitations: Schema.NonEmptyArray(GoodsLimitation),
});
export type ProtectionRestriction = typeof ProtectionRestriction.Type;

/** `tmk:MadridHolderRepresentativeChange`: total transfer, change of holder name/address, of representative. */
export const HolderRepresentativeChange = Schema.TaggedStruct("HolderRepresentativeChange", {
  category: MadridHolderRepresentativeChangeCategory,
  recordId: NonEmptyString,
  irNumber: IrNumber,
  effectiveDate: Calendar.IsoDate,
  notificationDate: Calendar.IsoDate,
  previousHolders: Schema.Array(Party),
  holders: Schema.Array(Party),
  representative: Schema.optional(Party),
});
export type HolderRepresentativeChange = typeof HolderRepresentativeChange.Type;

/** `tmk:MadridPartialChangeOwnership`: the new (partial) registration and what remains with the old one. */
export const PartialChangeOwnership = Schema.TaggedStruct("PartialChangeOwnership", {
  designation: Designation,
  remainder: Schema.Union([DesignationTermination, ProtectionRestriction]),
});
export type PartialChangeOwnership = typeof PartialChangeOwnership.Type;

/** `tmk:MadridInternationalRegistrationMerger`: the merged registration and the terminated one. */
export const Merger = Schema.TaggedStruct("Merger", {
  designation: Designation,
  termination: DesignationTermination,
});
export type Merger = typeof Merger.Type;

/** `tmk:MadridCompletedProcessing`: copies of decisions recorded by the IB (invalidation, refusals, grants…). */
export const CompletedProcessing = Schema.TaggedStruct("CompletedProcessing", {
  category: MadridCompletedProcessingCategory,
  recordId: NonEmptyString,
  irNumber: IrNumber,
  effectiveDate: Calendar.IsoDate,
  filingDate: Schema.optional(Calendar.IsoDate),
});
export type CompletedProcessing = typeof CompletedProcessing.Type;

/** One licence of a `tmk:RecordLicence`. */
export const Licence = Schema.Struct({
  category: Schema.optional(LicenceCategory),
  licensees: Schema.NonEmptyArray(Party),
  goodsLimited: Schema.Boolean,
});
export type Licence = typeof Licence.Type;

/** `tmk:RecordLicence`: recordal of a licence. */
export const RecordLicence = Schema.TaggedStruct("RecordLicence", {
  category: RecordLicenceCategory,
  recordId: NonEmptyString,
  irNumber: IrNumber,
  filingDate: Schema.optional(Calendar.IsoDate),
  notificationDate: Schema.optional(Calendar.IsoDate),
  effectiveDate: Calendar.IsoDate,
  licences: Schema.NonEmptyArray(Licence),
});
export type RecordLicence = typeof RecordLicence.Type;

/** `tmk:MadridLicenseeRecordChange`: change in the name/address of a licensee, or of the licensees. */
export const LicenseeRecordChange = Schema.TaggedStruct("LicenseeRecordChange", {
  recordId: NonEmptyString,
  licenceId: NonEmptyString,
  irNumber: IrNumber,
  language: Language,
  filingDate: Calendar.IsoDate,
  notificationDate: Calendar.IsoDate,
  effectiveDate: Calendar.IsoDate,
  holders: Schema.NonEmptyArray(Party),
  previousLicensees: Schema.NonEmptyArray(Party),
  licensees: Schema.NonEmptyArray(Party),
});
export type LicenseeRecordChange = typeof LicenseeRecordChange.Type;

/** The transactions a correction may replace. */
export const CorrectableTransaction = Schema.Union([
  Designation,
  DesignationTermination,
  Renewal,
  ProtectionRestriction,
  HolderRepresentativeChange,
]);
export type CorrectableTransaction = typeof CorrectableTransaction.Type;

/** `tmk:MadridCorrection`: what was wrong, and the corrected content (absent when the transaction is cancelled). */
export const Correction = Schema.TaggedStruct("Correction", {
  recordId: NonEmptyString,
  effectiveDate: Calendar.IsoDate,
  descriptions: Schema.NonEmptyArray(Schema.String),
  incorrect: CorrectableTransaction,
  corrected: Schema.NonEmptyArray(MadridCorrectContentCategory),
  correct: Schema.optional(CorrectableTransaction),
});
export type Correction = typeof Correction.Type;

/** Every IB → office transaction this package reads and writes. */
export const IBTransaction = Schema.Union([
  Designation,
  DesignationTermination,
  Renewal,
  ProtectionRestriction,
  HolderRepresentativeChange,
  PartialChangeOwnership,
  Merger,
  CompletedProcessing,
  RecordLicence,
  LicenseeRecordChange,
  Correction,
]);
export type IBTransaction = typeof IBTransaction.Type;

/** `tmk:MadridIBTransactionHeader`. */
export const Header = Schema.Struct({
  receivingOffice: Country.CountryCode,
  publicationId: Schema.optional(Schema.String),
  weekNumber: NonEmptyString,
  publicationDate: Calendar.IsoDate,
  notificationDate: Calendar.IsoDate,
  language: Language,
  transactionCount: Schema.Number.pipe(Schema.check(Schema.isInt())),
  counts: Schema.NonEmptyArray(
    Schema.Struct({
      category: MadridIBTransactionCategory,
      count: Schema.optional(Schema.Number.pipe(Schema.check(Schema.isInt()))),
    }),
  ),
});
export type Header = typeof Header.Type;

/** A whole `tmk:MadridIBToOfficeTransaction` document. */
export const Document = Schema.Struct({
  header: Header,
  transactions: Schema.NonEmptyArray(IBTransaction),
});
export type Document = typeof Document.Type;

/** The ST.96 transaction category (`tmk:MadridIBTransactionCategory`) a transaction is counted under. */
export const transactionCategory = (t: IBTransaction): MadridIBTransactionCategory => {
  switch (t._tag) {
    case "Designation":
      return "Designation";
    case "DesignationTermination":
      return "Designation termination";
    case "Renewal":
      return "Renewal";
    case "ProtectionRestriction":
      return "Protection restriction";
    case "HolderRepresentativeChange":
      return "Holder representative change";
    case "PartialChangeOwnership":
      return "Partial change of ownership";
    case "Merger":
      return "Merger";
    case "CompletedProcessing":
      return "Completed processing";
    case "RecordLicence":
      return "Record licence";
    case "LicenseeRecordChange":
      return "Licensee record change";
    case "Correction":
      return "Correction";
  }
};

/** The international registration a transaction is about. */
export const irNumberOf = (t: IBTransaction): IrNumber => {
  switch (t._tag) {
    case "PartialChangeOwnership":
    case "Merger":
      return t.designation.irNumber;
    case "Correction":
      return (t.correct ?? t.incorrect).irNumber;
    default:
      return t.irNumber;
  }
};

/** The IB's record identifier of a transaction. */
export const recordIdOf = (t: IBTransaction): string =>
  t._tag === "PartialChangeOwnership" || t._tag === "Merger" ? t.designation.recordId : t.recordId;

/**
 * A stable idempotency key: the receiving office, the IB's record identifier, the element and the
 * international registration. Importing the same transaction twice gives the same key.
 */
export const idempotencyKey = (receivingOffice: string, t: IBTransaction): string =>
  `madrid-ib:${receivingOffice}:${t._tag}:${irNumberOf(t)}:${recordIdOf(t)}`;
