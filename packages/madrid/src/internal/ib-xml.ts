/**
 * IB → office transactions: model → ST.96 elements (in schema order) and ST.96 elements → model.
 */
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
} from "../Codes.js";
import type * as IB from "../IBTransaction.js";
import type { Party } from "../Party.js";
import {
  basicBag,
  fail,
  goodsServicesBag,
  holderBag,
  limitationBag,
  party,
  Reader,
  readBasic,
  readGoodsServicesBag,
  readHolders,
  readLimitations,
  readParty,
} from "./common-xml.js";
import { el, type Node, opt, type XmlElement } from "./xml.js";
import { echo } from "./echo.js";

// ---------------------------------------------------------------------------------------------------------
// Writing

const designation = (d: IB.Designation): Node =>
  el("tmk:MadridDesignation", [
    el("com:NotificationLanguage", d.language),
    el("com:RecordIdentifier", d.recordId),
    el("tmk:OfficeOriginCode", d.officeOfOrigin),
    el("com:RecordEffectiveDate", d.effectiveDate),
    el("com:RecordFilingDate", d.filingDate),
    el("tmk:MadridSystemCategory", d.madridSystem),
    el("com:InternationalRegistrationDate", d.irDate),
    el("com:FeeCalculationDate", d.feeCalculationDate),
    el("tmk:ActiveClassTotalQuantity", d.goodsAndServices.length),
    el("com:ExpiryDate", d.expiryDate),
    el("com:RecordNotificationDate", d.notificationDate),
    el("tmk:MadridDesignationCategory", d.category),
    el("com:InternationalRegistrationNumber", d.irNumber),
    holderBag(d.holders),
    opt(d.representative, (r) => party("com:Representative", r)),
    el("tmk:MarkImage", [el("com:FileName", d.mark.imageFileName)]),
    opt(d.mark.verbalElement, (v) => el("tmk:MarkSignificantVerbalElementText", v)),
    el("com:ColourIndicator", d.mark.colourClaimed),
    goodsServicesBag("tmk:GoodsServicesBag", d.goodsAndServices),
    basicBag(d.basic),
    el(
      "tmk:DesignatedCountryBag",
      d.designatedCountries.map((c) => el("tmk:DesignatedCountry", [el("com:DesignatedCountryCode", c)])),
    ),
    d.limitations.length > 0 ? limitationBag(d.limitations) : undefined,
  ]);

const termination = (t: IB.DesignationTermination): Node =>
  el("tmk:MadridDesignationTermination", [
    el("com:RecordIdentifier", t.recordId),
    el("com:InternationalRegistrationNumber", t.irNumber),
    el("tmk:MadridDesignationTerminationCategory", t.category),
    el("com:RecordFilingDate", t.filingDate),
    opt(t.recordingDate, (d) => el("com:InternationalRecordingDate", d)),
    el("com:ExpiryDate", t.expiryDate),
  ]);

const restriction = (r: IB.ProtectionRestriction): Node =>
  el("tmk:MadridProtectionRestriction", [
    el("com:NotificationLanguage", r.language),
    el("com:RecordIdentifier", r.recordId),
    el("com:RecordEffectiveDate", r.effectiveDate),
    el("com:RecordFilingDate", r.filingDate),
    el("com:InternationalRegistrationNumber", r.irNumber),
    el("tmk:MadridProtectionRestrictionCategory", r.category),
    opt(r.recordingDate, (d) => el("com:InternationalRecordingDate", d)),
    el("com:RecordNotificationDate", r.notificationDate),
    limitationBag(r.limitations),
  ]);

const correctable = (t: IB.CorrectableTransaction): Node => {
  switch (t._tag) {
    case "Designation":
      return designation(t);
    case "DesignationTermination":
      return termination(t);
    case "ProtectionRestriction":
      return restriction(t);
    case "Renewal":
    case "HolderRepresentativeChange":
      return transaction(t);
  }
};

const previousHolderBag = (holders: ReadonlyArray<Party>): Node =>
  el(
    "tmk:PreviousHolderBag",
    holders.map((h) => party("tmk:PreviousHolder", h)),
  );

/** One IB transaction as its ST.96 element. */
export const transaction = (t: IB.IBTransaction): Node => {
  switch (t._tag) {
    case "Designation":
      return designation(t);
    case "DesignationTermination":
      return termination(t);
    case "ProtectionRestriction":
      return restriction(t);
    case "Renewal":
      return el("tmk:MadridRenewal", [
        el("com:RecordIdentifier", t.recordId),
        el("com:InternationalRegistrationNumber", t.irNumber),
        el("tmk:MadridRenewalCategory", t.category),
        el("com:RecordFilingDate", t.filingDate),
        el("tmk:MadridSystemCategory", t.madridSystem),
        el("com:RenewalDate", t.renewalDate),
        el("com:FeeCalculationDate", t.feeCalculationDate),
        el("tmk:ActiveClassTotalQuantity", t.activeClassCount),
        el("com:ExpiryDate", t.expiryDate),
      ]);
    case "HolderRepresentativeChange":
      return el("tmk:MadridHolderRepresentativeChange", [
        el("com:RecordIdentifier", t.recordId),
        el("com:RecordEffectiveDate", t.effectiveDate),
        el("com:InternationalRegistrationNumber", t.irNumber),
        el("tmk:MadridHolderRepresentativeChangeCategory", t.category),
        el("com:RecordNotificationDate", t.notificationDate),
        t.holders.length > 0
          ? el("tmk:HolderChangeBag", [previousHolderBag(t.previousHolders), holderBag(t.holders)])
          : undefined,
        opt(t.representative, (r) => party("com:Representative", r)),
      ]);
    case "PartialChangeOwnership":
      return el("tmk:MadridPartialChangeOwnership", [designation(t.designation), correctable(t.remainder)]);
    case "Merger":
      return el("tmk:MadridInternationalRegistrationMerger", [designation(t.designation), termination(t.termination)]);
    case "CompletedProcessing":
      return el("tmk:MadridCompletedProcessing", [
        el("com:RecordIdentifier", t.recordId),
        el("com:RecordEffectiveDate", t.effectiveDate),
        opt(t.filingDate, (d) => el("com:RecordFilingDate", d)),
        el("tmk:MadridCompletedProcessingCategory", t.category),
        el("com:InternationalRegistrationNumber", t.irNumber),
      ]);
    case "RecordLicence":
      return el("tmk:RecordLicence", [
        el("com:RecordIdentifier", t.recordId),
        opt(t.filingDate, (d) => el("com:RecordFilingDate", d)),
        opt(t.notificationDate, (d) => el("com:RecordNotificationDate", d)),
        el("com:RecordEffectiveDate", t.effectiveDate),
        el("com:RecordLicenceCategory", t.category),
        el("tmk:TrademarkIdentification", [
          el("tmk:TrademarkIdentifierBag", [el("tmk:TrademarkIdentifier", t.irNumber)]),
        ]),
        el(
          "tmk:LicenceBag",
          t.licences.map((l) =>
            el("tmk:Licence", [
              opt(l.category, (c) => el("com:LicenceCategory", c)),
              el("tmk:GoodsServicesLimitationIndicator", l.goodsLimited),
              el(
                "tmk:LicenseeBag",
                l.licensees.map((p) => party("tmk:Licensee", p)),
              ),
            ]),
          ),
        ),
      ]);
    case "LicenseeRecordChange":
      return el("tmk:MadridLicenseeRecordChange", [
        el("com:NotificationLanguage", t.language),
        el("com:RecordIdentifier", t.recordId),
        el("com:LicenceIdentifier", t.licenceId),
        el("com:InternationalRegistrationNumber", t.irNumber),
        el("com:RecordFilingDate", t.filingDate),
        el("com:RecordNotificationDate", t.notificationDate),
        el("com:RecordEffectiveDate", t.effectiveDate),
        holderBag(t.holders),
        el("tmk:LicenseeChangeBag", [
          el(
            "tmk:PreviousLicenseeBag",
            t.previousLicensees.map((p) => party("tmk:PreviousLicensee", p)),
          ),
          el(
            "tmk:LicenseeBag",
            t.licensees.map((p) => party("tmk:Licensee", p)),
          ),
        ]),
      ]);
    case "Correction":
      return el("tmk:MadridCorrection", [
        el("com:RecordIdentifier", t.recordId),
        el("com:RecordEffectiveDate", t.effectiveDate),
        el(
          "com:CorrectionDescriptionTextBag",
          t.descriptions.map((d) => el("com:CorrectionDescriptionText", d)),
        ),
        el("tmk:MadridIncorrectContent", [correctable(t.incorrect)]),
        el("tmk:MadridCorrectContent", [
          ...t.corrected.map((c) => el("tmk:MadridCorrectContentCategory", c)),
          opt(t.correct, correctable),
        ]),
      ]);
  }
};

export const header = (h: IB.Header): Node =>
  el("tmk:MadridIBTransactionHeader", [
    el("com:ReceivingOfficeCode", h.receivingOffice),
    opt(h.publicationId, (p) => el("com:PublicationIdentifier", p)),
    el("com:WeekNumber", h.weekNumber),
    el("com:PublicationDate", h.publicationDate),
    el("com:RecordNotificationDate", h.notificationDate),
    el("com:NotificationLanguage", h.language),
    el("com:TransactionTotalQuantity", h.transactionCount),
    el(
      "tmk:MadridIBTransactionCountBag",
      h.counts.map((c) =>
        el("tmk:MadridIBTransactionCount", [
          el("tmk:MadridIBTransactionCategory", c.category),
          opt(c.count, (n) => el("com:TransactionTotalQuantity", n)),
        ]),
      ),
    ),
  ]);

// ---------------------------------------------------------------------------------------------------------
// Reading

const readDesignation = (r: Reader): IB.Designation => {
  const image = r.req("tmk:MarkImage");
  const verbal = r.optText("tmk:MarkSignificantVerbalElementText") ?? r.optText("tmk:MarkVerbalElementText");
  const representative = r.opt("com:Representative");
  const colour = r.opt("com:ColourIndicator") ?? image.opt("com:ColourIndicator");
  const goods = readGoodsServicesBag(r.req("tmk:GoodsServicesBag"));
  if (goods.length === 0) {
    fail(`${r.path}/tmk:GoodsServicesBag`, "no tmk:ClassDescription with goods or services", "Unsupported");
  }
  const holders = readHolders(r.req("tmk:HolderBag"));
  if (holders.length === 0) fail(`${r.path}/tmk:HolderBag`, "no holder");
  return {
    _tag: "Designation",
    category: r.req("tmk:MadridDesignationCategory").oneOf(MadridDesignationCategory.literals),
    recordId: r.reqText("com:RecordIdentifier"),
    irNumber: r.reqText("com:InternationalRegistrationNumber"),
    irDate: r.reqDate("com:InternationalRegistrationDate"),
    language: r.reqText("com:NotificationLanguage"),
    officeOfOrigin: r.reqText("tmk:OfficeOriginCode"),
    effectiveDate: r.reqDate("com:RecordEffectiveDate"),
    filingDate: r.reqDate("com:RecordFilingDate"),
    madridSystem: r.req("tmk:MadridSystemCategory").oneOf(MadridSystemCategory.literals),
    feeCalculationDate: r.reqDate("com:FeeCalculationDate"),
    expiryDate: r.reqDate("com:ExpiryDate"),
    notificationDate: r.reqDate("com:RecordNotificationDate"),
    holders,
    ...(representative ? { representative: readParty(representative) } : {}),
    mark: {
      imageFileName: image.reqText("com:FileName"),
      colourClaimed: colour ? colour.bool() : false,
      ...(verbal !== undefined ? { verbalElement: verbal } : {}),
    },
    goodsAndServices: goods,
    basic: readBasic(r.opt("tmk:BasicRegistrationApplicationBag")),
    designatedCountries: r
      .req("tmk:DesignatedCountryBag")
      .all("tmk:DesignatedCountry")
      .map((c) => c.reqText("com:DesignatedCountryCode")),
    limitations: readLimitations(r.opt("tmk:GoodsServicesLimitationBag")),
  } as unknown as IB.Designation;
};

const readTermination = (r: Reader): IB.DesignationTermination => {
  const recordingDate = r.optDate("com:InternationalRecordingDate");
  return {
    _tag: "DesignationTermination",
    category: r.req("tmk:MadridDesignationTerminationCategory").oneOf(MadridDesignationTerminationCategory.literals),
    recordId: r.reqText("com:RecordIdentifier"),
    irNumber: r.reqText("com:InternationalRegistrationNumber"),
    filingDate: r.reqDate("com:RecordFilingDate"),
    ...(recordingDate !== undefined ? { recordingDate } : {}),
    expiryDate: r.reqDate("com:ExpiryDate"),
  } as IB.DesignationTermination;
};

const readRestriction = (r: Reader): IB.ProtectionRestriction => {
  const recordingDate = r.optDate("com:InternationalRecordingDate");
  const limitations = readLimitations(r.req("tmk:GoodsServicesLimitationBag"));
  if (limitations.length === 0) fail(`${r.path}/tmk:GoodsServicesLimitationBag`, "no limitation with goods");
  return {
    _tag: "ProtectionRestriction",
    category: r.req("tmk:MadridProtectionRestrictionCategory").oneOf(MadridProtectionRestrictionCategory.literals),
    recordId: r.reqText("com:RecordIdentifier"),
    irNumber: r.reqText("com:InternationalRegistrationNumber"),
    language: r.reqText("com:NotificationLanguage"),
    effectiveDate: r.reqDate("com:RecordEffectiveDate"),
    filingDate: r.reqDate("com:RecordFilingDate"),
    ...(recordingDate !== undefined ? { recordingDate } : {}),
    notificationDate: r.reqDate("com:RecordNotificationDate"),
    limitations,
  } as unknown as IB.ProtectionRestriction;
};

const readHolderChange = (r: Reader): IB.HolderRepresentativeChange => {
  const change = r.opt("tmk:HolderChangeBag");
  const representative = r.opt("com:Representative");
  return {
    _tag: "HolderRepresentativeChange",
    category: r
      .req("tmk:MadridHolderRepresentativeChangeCategory")
      .oneOf(MadridHolderRepresentativeChangeCategory.literals),
    recordId: r.reqText("com:RecordIdentifier"),
    irNumber: r.reqText("com:InternationalRegistrationNumber"),
    effectiveDate: r.reqDate("com:RecordEffectiveDate"),
    notificationDate: r.reqDate("com:RecordNotificationDate"),
    previousHolders: readHolders(change?.opt("tmk:PreviousHolderBag"), "tmk:PreviousHolder"),
    holders: readHolders(change?.opt("tmk:HolderBag")),
    ...(representative ? { representative: readParty(representative) } : {}),
  } as unknown as IB.HolderRepresentativeChange;
};

const readRenewal = (r: Reader): IB.Renewal =>
  ({
    _tag: "Renewal",
    category: r.req("tmk:MadridRenewalCategory").oneOf(MadridRenewalCategory.literals),
    recordId: r.reqText("com:RecordIdentifier"),
    irNumber: r.reqText("com:InternationalRegistrationNumber"),
    filingDate: r.reqDate("com:RecordFilingDate"),
    madridSystem: r.req("tmk:MadridSystemCategory").oneOf(MadridSystemCategory.literals),
    renewalDate: r.reqDate("com:RenewalDate"),
    feeCalculationDate: r.reqDate("com:FeeCalculationDate"),
    activeClassCount: r.req("tmk:ActiveClassTotalQuantity").int(),
    expiryDate: r.reqDate("com:ExpiryDate"),
  }) as IB.Renewal;

const readCorrectable = (r: Reader, what: string): IB.CorrectableTransaction => {
  const inner = r.node.children.find((c) => c.name !== "tmk:MadridCorrectContentCategory");
  if (!inner) return fail(r.path, `missing the ${what} transaction`);
  const t = readTransaction(inner, r.path);
  if (
    t._tag === "Designation" ||
    t._tag === "DesignationTermination" ||
    t._tag === "Renewal" ||
    t._tag === "ProtectionRestriction" ||
    t._tag === "HolderRepresentativeChange"
  ) {
    return t;
  }
  return fail(`${r.path}/${echo(inner.name)}`, `correction of a ${echo(inner.name)} is not supported`, "Unsupported");
};

/** The elements of `tmk:MadridIBToOfficeBag` this package does not map (yet), for a precise message. */
const unsupported: Record<string, string> = {
  "tmk:MadridInternationalRegistrationDivision": "division of an international registration",
  "tmk:MadridBasicRegistrationApplicationChange": "change of basic registration or application numbers",
  "tmk:MadridInternationalRegistrationCreation": "international registration creation (office of origin copy)",
  "tmk:MadridSecondPartPayment": "second part of the individual fee",
  "tmk:MadridIrregularityNotification": "irregularity notification",
  "tmk:MadridAbandonmentNotification": "abandonment notification",
  "tmk:MadridAcknowledgementReceipt": "acknowledgement of receipt",
};

/** Maps one child of the bag to the model; throws MappingFailure with a precise path otherwise. */
export const readTransaction = (e: XmlElement, parentPath: string): IB.IBTransaction => {
  const r = new Reader(e, `${parentPath}/${echo(e.name)}`);
  switch (e.name) {
    case "tmk:MadridDesignation":
      return readDesignation(r);
    case "tmk:MadridDesignationTermination":
      return readTermination(r);
    case "tmk:MadridRenewal":
      return readRenewal(r);
    case "tmk:MadridProtectionRestriction":
      return readRestriction(r);
    case "tmk:MadridHolderRepresentativeChange":
      return readHolderChange(r);
    case "tmk:MadridPartialChangeOwnership": {
      const term = r.opt("tmk:MadridDesignationTermination");
      return {
        _tag: "PartialChangeOwnership",
        designation: readDesignation(r.req("tmk:MadridDesignation")),
        remainder: term ? readTermination(term) : readRestriction(r.req("tmk:MadridProtectionRestriction")),
      };
    }
    case "tmk:MadridInternationalRegistrationMerger":
      return {
        _tag: "Merger",
        designation: readDesignation(r.req("tmk:MadridDesignation")),
        termination: readTermination(r.req("tmk:MadridDesignationTermination")),
      };
    case "tmk:MadridCompletedProcessing": {
      const filingDate = r.optDate("com:RecordFilingDate");
      return {
        _tag: "CompletedProcessing",
        category: r.req("tmk:MadridCompletedProcessingCategory").oneOf(MadridCompletedProcessingCategory.literals),
        recordId: r.reqText("com:RecordIdentifier"),
        irNumber: r.reqText("com:InternationalRegistrationNumber"),
        effectiveDate: r.reqDate("com:RecordEffectiveDate"),
        ...(filingDate !== undefined ? { filingDate } : {}),
      } as IB.CompletedProcessing;
    }
    case "tmk:RecordLicence": {
      const ir = r
        .opt("tmk:TrademarkIdentification")
        ?.opt("tmk:TrademarkIdentifierBag")
        ?.opt("tmk:TrademarkIdentifier");
      const filingDate = r.optDate("com:RecordFilingDate");
      const notificationDate = r.optDate("com:RecordNotificationDate");
      const licences = (r.opt("tmk:LicenceBag")?.all("tmk:Licence") ?? []).map((l) => {
        const category = l.opt("com:LicenceCategory");
        const licensees = readHolders(l.req("tmk:LicenseeBag"), "tmk:Licensee");
        return {
          licensees,
          goodsLimited: l.req("tmk:GoodsServicesLimitationIndicator").bool(),
          ...(category ? { category: category.oneOf(LicenceCategory.literals) } : {}),
        };
      });
      if (licences.length === 0) fail(r.path, "licence recordal without tmk:LicenceBag/tmk:Licence", "Unsupported");
      return {
        _tag: "RecordLicence",
        category: r.req("com:RecordLicenceCategory").oneOf(RecordLicenceCategory.literals),
        recordId: r.opt("com:RecordIdentifier")?.text() ?? r.reqText("com:RecordReference"),
        irNumber: ir
          ? ir.text()
          : fail(r.path, "missing tmk:TrademarkIdentification (international registration number)"),
        ...(filingDate !== undefined ? { filingDate } : {}),
        ...(notificationDate !== undefined ? { notificationDate } : {}),
        effectiveDate: r.reqDate("com:RecordEffectiveDate"),
        licences,
      } as unknown as IB.RecordLicence;
    }
    case "tmk:MadridLicenseeRecordChange": {
      const change = r.req("tmk:LicenseeChangeBag");
      return {
        _tag: "LicenseeRecordChange",
        recordId: r.reqText("com:RecordIdentifier"),
        licenceId: r.reqText("com:LicenceIdentifier"),
        irNumber: r.reqText("com:InternationalRegistrationNumber"),
        language: r.reqText("com:NotificationLanguage"),
        filingDate: r.reqDate("com:RecordFilingDate"),
        notificationDate: r.reqDate("com:RecordNotificationDate"),
        effectiveDate: r.reqDate("com:RecordEffectiveDate"),
        holders: readHolders(r.req("tmk:HolderBag")),
        previousLicensees: readHolders(change.req("tmk:PreviousLicenseeBag"), "tmk:PreviousLicensee"),
        licensees: readHolders(change.req("tmk:LicenseeBag"), "tmk:Licensee"),
      } as unknown as IB.LicenseeRecordChange;
    }
    case "tmk:MadridCorrection": {
      const correctEl = r.req("tmk:MadridCorrectContent");
      const hasCorrect = correctEl.node.children.some((c) => c.name !== "tmk:MadridCorrectContentCategory");
      return {
        _tag: "Correction",
        recordId: r.reqText("com:RecordIdentifier"),
        effectiveDate: r.reqDate("com:RecordEffectiveDate"),
        descriptions: r
          .req("com:CorrectionDescriptionTextBag")
          .all("com:CorrectionDescriptionText")
          .map((d) => d.text()),
        incorrect: readCorrectable(r.req("tmk:MadridIncorrectContent"), "incorrect"),
        corrected: correctEl
          .all("tmk:MadridCorrectContentCategory")
          .map((c) => c.oneOf(MadridCorrectContentCategory.literals)),
        ...(hasCorrect ? { correct: readCorrectable(correctEl, "corrected") } : {}),
      } as unknown as IB.Correction;
    }
    default: {
      const what = unsupported[e.name];
      return fail(
        r.path,
        what
          ? `transaction kind ${e.name} (${what}) is not supported by this version`
          : `unknown transaction element ${echo(e.name)}`,
        "Unsupported",
      );
    }
  }
};

export const readHeader = (r: Reader): IB.Header => {
  const publicationId = r.optText("com:PublicationIdentifier");
  return {
    receivingOffice: r.reqText("com:ReceivingOfficeCode"),
    ...(publicationId !== undefined ? { publicationId } : {}),
    weekNumber: r.reqText("com:WeekNumber"),
    publicationDate: r.reqDate("com:PublicationDate"),
    notificationDate: r.reqDate("com:RecordNotificationDate"),
    language: r.reqText("com:NotificationLanguage"),
    transactionCount: r.req("com:TransactionTotalQuantity").int(),
    counts: r
      .req("tmk:MadridIBTransactionCountBag")
      .all("tmk:MadridIBTransactionCount")
      .map((c) => {
        const n = c.opt("com:TransactionTotalQuantity");
        return {
          category: c.req("tmk:MadridIBTransactionCategory").oneOf(MadridIBTransactionCategory.literals),
          ...(n ? { count: n.int() } : {}),
        };
      }),
  } as unknown as IB.Header;
};
