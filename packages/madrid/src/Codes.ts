/**
 * ST.96 V6_0 Madrid code lists used by this package (values exactly as in the schemas; the same lists are
 * in ../shared/data/standards/st96-trademark-and-madrid-code-lists.json), and the mapping between WIPO's
 * short notification codes (ENN, RFNP, ...) and the ST.96 elements and categories.
 */
import { Schema } from "effect";

/** ST.96 `tmk:MadridDesignationCategory`. */
export const MadridDesignationCategory = Schema.Literals([
  "Subsequent designation",
  "Partial change of ownership",
  "International registration division",
  "International registration merger following partial transfer",
  "International registration merger following division",
  "Subsequent designation resulting from conversion",
  "Registration",
]);
export type MadridDesignationCategory = typeof MadridDesignationCategory.Type;

/** ST.96 `tmk:MadridDesignationTerminationCategory`. */
export const MadridDesignationTerminationCategory = Schema.Literals([
  "Non renewal of trademark",
  "Non renewal of contracting party",
  "Total ceasing of effect",
  "Renunciation",
  "Partial change of ownership",
  "International registration merger following partial transfer",
  "International registration merger following division",
  "Second payment not paid",
  "Total cancellation",
]);
export type MadridDesignationTerminationCategory = typeof MadridDesignationTerminationCategory.Type;

/** ST.96 `tmk:MadridRenewalCategory`. */
export const MadridRenewalCategory = Schema.Literals(["Renewal", "Complementary renewal"]);
export type MadridRenewalCategory = typeof MadridRenewalCategory.Type;

/** ST.96 `tmk:MadridProtectionRestrictionCategory`. */
export const MadridProtectionRestrictionCategory = Schema.Literals([
  "Limitation",
  "Partial cancellation",
  "Partial ceasing of effect",
  "Partial change of ownership",
  "International registration division",
  "Final decision",
  "Restriction of a holders right of disposal",
  "Restriction removal of a holders right of disposal",
]);
export type MadridProtectionRestrictionCategory = typeof MadridProtectionRestrictionCategory.Type;

/** ST.96 `tmk:MadridHolderRepresentativeChangeCategory`. */
export const MadridHolderRepresentativeChangeCategory = Schema.Literals([
  "Change of holder name and or address",
  "Change of ownership",
  "Change of representative",
  "Limitation",
  "Partial cancellation",
]);
export type MadridHolderRepresentativeChangeCategory = typeof MadridHolderRepresentativeChangeCategory.Type;

/** ST.96 `tmk:MadridCompletedProcessingCategory`. */
export const MadridCompletedProcessingCategory = Schema.Literals([
  "Renewal",
  "Complementary renewal",
  "Change of ownership",
  "Subsequent designation",
  "Subsequent designation resulting from conversion",
  "Limitation",
  "Partial cancellation",
  "Renunciation",
  "Change of basic numbers",
  "Partial ceasing of effect",
  "Total ceasing of effect",
  "Continuation of effects",
  "Possible ceasing of effect",
  "Ceasing of effect",
  "Restriction removal of a holders right of disposal",
  "International registration merger following partial transfer",
  "International registration merger following division",
  "Replacement of a national registration",
  "Refusal of a change in ownership",
  "Appointment of a representative",
  "Change of representative",
  "Change of holder name and or address",
  "Seniority",
  "Cancellation",
  "Partial change of ownership",
  "International registration division",
  "Notification of possible opposition",
  "Correction",
  "Grant of protection",
  "Grant of protection subject to opposition",
  "Grant of protection after the expiry of the opposition period",
  "Request for review or appeal expired",
  "Request for review or appeal withdrawn",
  "Request for review or appeal lodged",
  "Total refusal",
  "Partial refusal",
  "Final decision confirming the original refusal",
  "Final decision reversing the original refusal",
  "Other final decision",
  "Final decision refusing some of the goods and services",
  "Final decision refusing all of the goods and services",
  "Partial invalidation",
  "Total invalidation",
  "Disclaimer",
  "New licence",
  "Licensee name and or address change",
  "Limitation refused",
  "Final decision partially granting protection",
  "Final decision totally granting protection",
  "Final decision totally refusing protection",
  "Further decision partially granting protection",
  "Further decision totally granting protection",
  "Further decision totally refusing protection",
  "Intermediate status regarding protection",
]);
export type MadridCompletedProcessingCategory = typeof MadridCompletedProcessingCategory.Type;

/** ST.96 `tmk:MadridCorrectContentCategory`. */
export const MadridCorrectContentCategory = Schema.Literals([
  "Transaction category corrected",
  "Correspondence address corrected",
  "Representative corrected",
  "Override goods and services corrected",
  "Override corrected",
  "Basic registration or application detailed corrected",
  "Designation corrected",
  "Goods and services corrected",
  "Holder corrected",
  "International registration number corrected",
  "Priority corrected",
  "Image corrected",
  "Mark text corrected",
  "Transaction cancelled",
  "Licensee record corrected",
  "Record licence corrected",
]);
export type MadridCorrectContentCategory = typeof MadridCorrectContentCategory.Type;

/** ST.96 `tmk:MadridSystemCategory`. */
export const MadridSystemCategory = Schema.Literals(["Agreement", "Protocol", "Protocol article 9 sexies"]);
export type MadridSystemCategory = typeof MadridSystemCategory.Type;

/** ST.96 `tmk:MadridCeasingEffectRuleCategory`. */
export const MadridCeasingEffectRuleCategory = Schema.Literals(["Madrid Rule 22_1_A", "Madrid Rule 22_1_C"]);
export type MadridCeasingEffectRuleCategory = typeof MadridCeasingEffectRuleCategory.Type;

/** ST.96 `tmk:MadridIBTransactionCategory`. */
export const MadridIBTransactionCategory = Schema.Literals([
  "Abandonment",
  "Acknowledgement",
  "Designation",
  "Correction",
  "International registration creation",
  "Designation termination",
  "Irregularity notification",
  "Basic registration or application change",
  "Holder representative change",
  "Partial change of ownership",
  "Division",
  "Merger",
  "Protection restriction",
  "Completed processing",
  "Renewal",
  "Record licence",
  "Licensee record change",
  "Second part payment",
]);
export type MadridIBTransactionCategory = typeof MadridIBTransactionCategory.Type;

/** ST.96 `tmk:MadridOfficeTransactionCategory`. */
export const MadridOfficeTransactionCategory = Schema.Literals([
  "Amended mark image",
  "Application",
  "Cancellation",
  "Ceasing of effect",
  "Complementary renewal",
  "Correction refusal",
  "Correction request",
  "Final decision",
  "Further decision",
  "Generic office communication",
  "Goods services limitation request",
  "Grant Protection",
  "Holder disposal right restriction",
  "Change of holder name and or address",
  "Interim status",
  "International registration division",
  "International registration merger following division",
  "International registration merger following partial transfer",
  "Irregularity response",
  "Invalidation",
  "Licence recordal request",
  "Limitation no effect",
  "National registration replacement",
  "New basic application",
  "Office closure day",
  "Ownership change",
  "Ownership change no effect",
  "Possible opposition notification",
  "Potential ceasing of effect",
  "Provisional refusal",
  "Renewal request",
  "Renunciation",
  "Representative appointment",
  "Representative cancellation",
  "Representative name and or address change",
  "Second part payment request",
  "Seniority claim decision",
  "Subsequent designation",
  "Subsequent designation resulting from conversion",
]);
export type MadridOfficeTransactionCategory = typeof MadridOfficeTransactionCategory.Type;

/** ST.96 `com:RecordLicenceCategory`. */
export const RecordLicenceCategory = Schema.Literals(["Licence", "Sublicence", "Other"]);
export type RecordLicenceCategory = typeof RecordLicenceCategory.Type;

/** ST.96 `com:LicenceCategory`. */
export const LicenceCategory = Schema.Literals([
  "Exclusive",
  "NonExclusive",
  "Security interest",
  "Compulsory",
  "LOR",
  "Availability or Offer",
  "Royalty agreement",
  "Sublicence",
  "Concession",
  "Subconcession",
  "Unknown",
]);
export type LicenceCategory = typeof LicenceCategory.Type;

/** ST.96 `tmk:GoodsServicesLimitationCategory`. */
export const GoodsServicesLimitationCategory = Schema.Literals(["List limited to", "Remove from list"]);
export type GoodsServicesLimitationCategory = typeof GoodsServicesLimitationCategory.Type;

/** Where a WIPO short notification code lives in ST.96: the element, and the category value when there is one. */
export interface St96Mapping {
  readonly direction: "ib-to-office" | "office-to-ib";
  readonly element: string;
  readonly category?: string;
  /** Extra condition distinguishing codes that share an element and category. */
  readonly note?: string;
}

/**
 * WIPO's short codes (DOMAIN.md §4) mapped to the ST.96 V6_0 elements and categories this package reads and
 * writes. Codes whose ST.96 form is a copy sent to the office as "completed processing" carry that category.
 */
export const wipoCodes: Readonly<Record<string, St96Mapping>> = {
  ENN: { direction: "ib-to-office", element: "tmk:MadridDesignation", category: "Registration" },
  EXN: { direction: "ib-to-office", element: "tmk:MadridDesignation", category: "Subsequent designation" },
  REN: { direction: "ib-to-office", element: "tmk:MadridRenewal", category: "Renewal" },
  TRN: { direction: "ib-to-office", element: "tmk:MadridHolderRepresentativeChange", category: "Change of ownership" },
  CPN: { direction: "ib-to-office", element: "tmk:MadridPartialChangeOwnership" },
  LIN: { direction: "ib-to-office", element: "tmk:MadridProtectionRestriction", category: "Limitation" },
  RAN: { direction: "ib-to-office", element: "tmk:MadridDesignationTermination", category: "Total cancellation" },
  PCN: { direction: "ib-to-office", element: "tmk:MadridProtectionRestriction", category: "Partial cancellation" },
  RNN: { direction: "ib-to-office", element: "tmk:MadridDesignationTermination", category: "Renunciation" },
  FUN: { direction: "ib-to-office", element: "tmk:MadridInternationalRegistrationMerger" },
  CBNT: { direction: "ib-to-office", element: "tmk:MadridDesignationTermination", category: "Total ceasing of effect" },
  CBNP: {
    direction: "ib-to-office",
    element: "tmk:MadridProtectionRestriction",
    category: "Partial ceasing of effect",
  },
  INNT: { direction: "ib-to-office", element: "tmk:MadridCompletedProcessing", category: "Total invalidation" },
  INNP: { direction: "ib-to-office", element: "tmk:MadridCompletedProcessing", category: "Partial invalidation" },
  NLCN: { direction: "ib-to-office", element: "tmk:RecordLicence", category: "Licence" },
  LLCN: { direction: "ib-to-office", element: "tmk:MadridLicenseeRecordChange" },
  CLCN: { direction: "ib-to-office", element: "tmk:MadridCompletedProcessing", category: "New licence" },
  HRN: {
    direction: "ib-to-office",
    element: "tmk:MadridProtectionRestriction",
    category: "Restriction of a holders right of disposal",
  },
  RHR: {
    direction: "ib-to-office",
    element: "tmk:MadridProtectionRestriction",
    category: "Restriction removal of a holders right of disposal",
  },
  P2N: { direction: "ib-to-office", element: "tmk:MadridDesignationTermination", category: "Second payment not paid" },
  MAN: {
    direction: "ib-to-office",
    element: "tmk:MadridHolderRepresentativeChange",
    category: "Change of representative",
  },
  RFNT: { direction: "ib-to-office", element: "tmk:MadridCompletedProcessing", category: "Total refusal" },
  RFNP: { direction: "ib-to-office", element: "tmk:MadridCompletedProcessing", category: "Partial refusal" },
  GPN: { direction: "ib-to-office", element: "tmk:MadridCompletedProcessing", category: "Grant of protection" },
  GP18N: {
    direction: "ib-to-office",
    element: "tmk:MadridCompletedProcessing",
    category: "Grant of protection after the expiry of the opposition period",
  },
  R18NT: {
    direction: "ib-to-office",
    element: "tmk:MadridCompletedProcessing",
    category: "Final decision totally refusing protection",
  },
  R18NP: {
    direction: "ib-to-office",
    element: "tmk:MadridCompletedProcessing",
    category: "Final decision partially granting protection",
  },
  R18NV: {
    direction: "ib-to-office",
    element: "tmk:MadridCompletedProcessing",
    category: "Final decision totally granting protection",
  },
  FDNT: {
    direction: "ib-to-office",
    element: "tmk:MadridCompletedProcessing",
    category: "Further decision totally refusing protection",
  },
  FDNP: {
    direction: "ib-to-office",
    element: "tmk:MadridCompletedProcessing",
    category: "Further decision partially granting protection",
  },
  FDNV: {
    direction: "ib-to-office",
    element: "tmk:MadridCompletedProcessing",
    category: "Further decision totally granting protection",
  },
  ISN: {
    direction: "ib-to-office",
    element: "tmk:MadridCompletedProcessing",
    category: "Intermediate status regarding protection",
  },
  OPN: {
    direction: "ib-to-office",
    element: "tmk:MadridCompletedProcessing",
    category: "Notification of possible opposition",
  },
  GPON: {
    direction: "ib-to-office",
    element: "tmk:MadridCompletedProcessing",
    category: "Grant of protection subject to opposition",
  },
  LNN: { direction: "ib-to-office", element: "tmk:MadridCompletedProcessing", category: "Limitation refused" },
  // Office → IB communications.
  "refusal-total": {
    direction: "office-to-ib",
    element: "tmk:MadridProvisionalRefusal",
    note: "tmk:AllGoodsServicesIndicator true",
  },
  "refusal-partial": {
    direction: "office-to-ib",
    element: "tmk:MadridProvisionalRefusal",
    note: "tmk:GoodsServicesRefusalBag",
  },
  "grant-18ter1": { direction: "office-to-ib", element: "tmk:MadridGrantProtection" },
  "grant-18ter2": {
    direction: "office-to-ib",
    element: "tmk:MadridFinalDecision",
    note: "tmk:GrantProtectionIndicator true",
  },
  "refusal-confirmed-18ter3": {
    direction: "office-to-ib",
    element: "tmk:MadridFinalDecision",
    note: "tmk:RefusalProtectionIndicator true, tmk:AllGoodsServicesIndicator true",
  },
  "further-decision-18ter4": { direction: "office-to-ib", element: "tmk:MadridFurtherDecision" },
  "limitation-no-effect": { direction: "office-to-ib", element: "tmk:MadridLimitationNoEffect" },
  invalidation: { direction: "office-to-ib", element: "tmk:MadridInvalidation" },
  "ceasing-of-effect": { direction: "office-to-ib", element: "tmk:MadridCeasingEffect" },
};
