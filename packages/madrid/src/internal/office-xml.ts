/**
 * Office → IB transactions: model → ST.96 elements (in schema order) and ST.96 elements → model.
 */
import { MadridCeasingEffectRuleCategory, type MadridOfficeTransactionCategory } from "../Codes.js";
import type * as Office from "../OfficeTransaction.js";
import {
  basicBag,
  fail,
  goodsServicesBag,
  holderBag,
  party,
  Reader,
  readBasic,
  readClassDescription,
  readGoodsServicesBag,
  readHolders,
  readParty,
} from "./common-xml.js";
import { el, type Node, opt, type XmlElement } from "./xml.js";
import { echo } from "./echo.js";

// ---------------------------------------------------------------------------------------------------------
// Writing

const head = (t: { officeReference?: string | undefined; language: string; irNumber: string }): Array<Node> => [
  ...(t.officeReference !== undefined ? [el("com:OfficeReferenceIdentifier", t.officeReference)] : []),
  el("com:NotificationLanguage", t.language),
  el("com:InternationalRegistrationNumber", t.irNumber),
];

const scope = (s: Office.Scope, bagName = "tmk:GoodsServicesBag"): Node =>
  s._tag === "All" ? el("tmk:AllGoodsServicesIndicator", true) : goodsServicesBag(bagName, s.classes);

const responseSentence = (months: number): string =>
  `Time limit for a request for review or appeal: ${months} month${months === 1 ? "" : "s"}`;
const responsePattern = /Time limit for a request for review or appeal: (\d+) months?/;
const endsPattern = /^Time limit for a request for review or appeal: \d+ months?, ending on (\d{4}-\d{2}-\d{2})/;
const authorityPrefix = "Authority for a request for review or appeal: ";
const localRepresentative =
  "The request for review or appeal must be filed through a representative with an address in the territory of the office.";
const noLocalRepresentative = "The request for review or appeal need not be filed through a local representative.";
const oppositionPattern = /^Refusal based on an opposition filed on (\d{4}-\d{2}-\d{2}) by (.+)$/;
const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

/** What Rule 17(2)(vii) and 17(3) ask that ST.96 V6_0 has no element for, as lines of `com:CommentText` (0505). */
const refusalComment = (t: Office.ProvisionalRefusal): string | undefined => {
  const lines = [
    t.responseMonths !== undefined
      ? `${responseSentence(t.responseMonths)}${t.responseEndsOn !== undefined ? `, ending on ${t.responseEndsOn}` : ""}`
      : undefined,
    t.reviewAuthority !== undefined ? `${authorityPrefix}${oneLine(t.reviewAuthority)}` : undefined,
    t.localRepresentativeRequired === undefined
      ? undefined
      : t.localRepresentativeRequired
        ? localRepresentative
        : noLocalRepresentative,
    t.opposition !== undefined
      ? `Refusal based on an opposition filed on ${t.opposition.filedOn} by ${oneLine(partyLine(t.opposition.opponent))}`
      : undefined,
  ].filter((l): l is string => l !== undefined);
  return lines.length > 0 ? lines.join("\n") : undefined;
};

const partyLine = (p: Office.Opposition["opponent"]): string =>
  [p.name, ...(p.address ? [...p.address.lines, p.address.postalCode, p.address.city, p.address.countryCode] : [])]
    .filter((x) => x !== undefined && x !== "")
    .join(", ");

/** An earlier mark as `tmk:Trademark` (Rule 17(2)(v)); the opposition, when any, rides on the first one (Rule 17(3)). */
const earlierMark = (m: Office.EarlierMark, opposition: Office.Opposition | undefined): Node =>
  el("tmk:Trademark", [
    opt(m.officeCode, (c) => el("com:RegistrationOfficeCode", c)),
    opt(m.applicationNumber, (n) => el("com:ApplicationNumber", [el("com:ApplicationNumberText", n)])),
    opt(m.registrationNumber, (n) => el("com:RegistrationNumber", n)),
    opt(m.applicationDate, (d) => el("com:ApplicationDate", d)),
    opt(m.registrationDate, (d) => el("com:RegistrationDate", d)),
    opt(m.verbalElement, (v) =>
      el("tmk:MarkRepresentation", [
        el("tmk:MarkReproduction", [el("tmk:WordMarkSpecification", [el("tmk:MarkSignificantVerbalElementText", v)])]),
      ]),
    ),
    m.goods !== undefined && m.goods.length > 0 ? goodsServicesBag("tmk:GoodsServicesBag", m.goods) : undefined,
    opt(m.priority, (p) =>
      el("tmk:PriorityBag", [
        el("tmk:Priority", [
          el("com:PriorityCountryCode", p.countryCode),
          el("com:PriorityApplicationFilingDate", p.date),
        ]),
      ]),
    ),
    el("tmk:ApplicantBag", [party("tmk:Applicant", m.owner)]),
    opt(opposition, (o) =>
      el("tmk:OppositionBag", [
        el("tmk:Opposition", [
          el("com:OppositionDate", o.filedOn),
          el("tmk:PlaintiffBag", [party("tmk:Plaintiff", o.opponent)]),
        ]),
      ]),
    ),
  ]);

export const officeCategory = (t: Office.OfficeTransaction): MadridOfficeTransactionCategory => {
  switch (t._tag) {
    case "ProvisionalRefusal":
      return "Provisional refusal";
    case "PossibleOpposition":
      return "Possible opposition notification";
    case "GrantProtection":
      return "Grant Protection";
    case "Decision":
      return t.kind === "final" ? "Final decision" : "Further decision";
    case "LimitationNoEffect":
      return "Limitation no effect";
    case "Invalidation":
      return "Invalidation";
    case "CeasingEffect":
      return "Ceasing of effect";
  }
};

export const officeTransaction = (t: Office.OfficeTransaction): Node => {
  const tail = [opt(t.notificationDate, (d) => el("com:RecordNotificationDate", d))];
  const designationRecord = opt(t.designationRecordId, (d) => el("tmk:DesignationRecordIdentifier", d));
  switch (t._tag) {
    case "ProvisionalRefusal":
      return el("tmk:MadridProvisionalRefusal", [
        ...head(t),
        opt(t.pronouncedDate, (d) => el("tmk:RefusalPronouncedDate", d)),
        t.holders.length > 0 ? holderBag(t.holders) : undefined,
        t.refusal._tag === "Total"
          ? el("tmk:AllGoodsServicesIndicator", true)
          : el(
              "tmk:GoodsServicesRefusalBag",
              t.refusal.goods.map((g) =>
                el("tmk:GoodsServicesRefusal", [
                  el("tmk:GoodsServicesRefusalCategory", "Refused"),
                  el("tmk:ClassDescriptionRefusalBag", [
                    el("tmk:ClassDescriptionRefusal", [
                      el("tmk:ClassNumber", g.classNumber < 10 ? `0${g.classNumber}` : String(g.classNumber)),
                      el("tmk:GoodsServicesDescriptionText", g.terms.join("; ")),
                    ]),
                  ]),
                  opt(g.grounds, (c) => el("com:CommentText", c)),
                ]),
              ),
            ),
        t.earlierMarks !== undefined && t.earlierMarks.length > 0
          ? el(
              "tmk:TrademarkBag",
              t.earlierMarks.map((m, i) => earlierMark(m, i === 0 ? t.opposition : undefined)),
            )
          : undefined,
        el("tmk:FactDecisionText", t.grounds),
        ...tail,
        opt(refusalComment(t), (c) => el("com:CommentText", c)),
        designationRecord,
      ]);
    case "PossibleOpposition":
      return el("tmk:MadridPossibleOppositionNotification", [
        ...head(t),
        holderBag(t.holders),
        opt(t.periodStart, (d) => el("tmk:OppositionPeriodStartDate", d)),
        opt(t.periodEnd, (d) => el("tmk:OppositionPeriodEndDate", d)),
        ...tail,
        designationRecord,
      ]);
    case "GrantProtection":
      return el("tmk:MadridGrantProtection", [...head(t), holderBag(t.holders), ...tail, designationRecord]);
    case "Decision":
      return el(t.kind === "final" ? "tmk:MadridFinalDecision" : "tmk:MadridFurtherDecision", [
        ...head(t),
        t.holders.length > 0 ? holderBag(t.holders) : undefined,
        el(t.outcome === "grant" ? "tmk:GrantProtectionIndicator" : "tmk:RefusalProtectionIndicator", true),
        scope(t.scope, "tmk:PartialGoodsServicesBag"),
        ...tail,
        designationRecord,
      ]);
    case "LimitationNoEffect":
      return el("tmk:MadridLimitationNoEffect", [
        ...head(t),
        el("com:InternationalRegistrationDate", t.irDate),
        holderBag(t.holders),
        scope(t.scope),
        el("tmk:AppealPossibleIndicator", t.appealPossible),
        ...tail,
      ]);
    case "Invalidation":
      return el("tmk:MadridInvalidation", [
        ...head(t),
        holderBag(t.holders),
        scope(t.scope),
        el("tmk:RefusalPronouncedDate", t.pronouncedDate),
        ...tail,
        designationRecord,
      ]);
    case "CeasingEffect":
      return el("tmk:MadridCeasingEffect", [
        ...head(t),
        basicBag(t.basic),
        holderBag(t.holders),
        scope(t.scope),
        el("tmk:MadridCeasingEffectRuleCategory", t.rule),
        opt(t.effectiveDate, (d) => el("com:RecordEffectiveDate", d)),
        opt(t.facts, (f) => el("tmk:FactDecision", [el("tmk:FactDecisionText", f)])),
        ...tail,
      ]);
  }
};

export const officeHeader = (h: Office.Header, transactions: ReadonlyArray<Office.OfficeTransaction>): Node => {
  const counts = new Map<string, number>();
  for (const t of transactions) counts.set(officeCategory(t), (counts.get(officeCategory(t)) ?? 0) + 1);
  return el("tmk:MadridOfficeTransactionHeader", [
    el("com:IPOfficeCode", h.officeCode),
    el("com:RequestDate", h.requestDate),
    el("com:TransactionTotalQuantity", transactions.length),
    el(
      "tmk:MadridOfficeTransactionCountBag",
      [...counts].map(([category, n]) =>
        el("tmk:MadridOfficeTransactionCount", [
          el("tmk:MadridOfficeTransactionCategory", category),
          el("com:TransactionTotalQuantity", n),
        ]),
      ),
    ),
  ]);
};

// ---------------------------------------------------------------------------------------------------------
// Reading

const readCommon = (r: Reader) => {
  const officeReference = r.optText("com:OfficeReferenceIdentifier");
  const designationRecordId = r.optText("tmk:DesignationRecordIdentifier");
  const notificationDate = r.optDate("com:RecordNotificationDate");
  const language = r.optText("com:NotificationLanguage");
  return {
    irNumber: r.reqText("com:InternationalRegistrationNumber"),
    language: language ?? fail(r.path, "missing required element com:NotificationLanguage"),
    ...(officeReference !== undefined ? { officeReference } : {}),
    ...(designationRecordId !== undefined ? { designationRecordId } : {}),
    ...(notificationDate !== undefined ? { notificationDate } : {}),
  };
};

const readScope = (r: Reader, bagName = "tmk:GoodsServicesBag"): Office.Scope => {
  const all = r.opt("tmk:AllGoodsServicesIndicator");
  if (all?.bool()) return { _tag: "All" };
  const bag = r.opt(bagName) ?? r.opt("tmk:GoodsServicesBag");
  if (!bag) return fail(r.path, `expected tmk:AllGoodsServicesIndicator true or ${bagName}`);
  const classes = readGoodsServicesBag(bag);
  if (classes.length === 0) return fail(bag.path, "no class with goods or services");
  return { _tag: "Some", classes } as unknown as Office.Scope;
};

export const readOfficeTransaction = (e: XmlElement, parentPath: string): Office.OfficeTransaction => {
  const r = new Reader(e, `${parentPath}/${echo(e.name)}`);
  switch (e.name) {
    case "tmk:MadridProvisionalRefusal": {
      const pronouncedDate = r.opt("tmk:RefusalPronouncedDate")?.date();
      const comments = r.all("com:CommentText").map((c) => c.text());
      const months = comments.map((c) => responsePattern.exec(c)?.[1]).find((m) => m !== undefined);
      const all = r.opt("tmk:AllGoodsServicesIndicator");
      const refusal = all?.bool()
        ? { _tag: "Total" as const }
        : {
            _tag: "Partial" as const,
            goods: r
              .req("tmk:GoodsServicesRefusalBag")
              .all("tmk:GoodsServicesRefusal")
              .filter((g) => g.optText("tmk:GoodsServicesRefusalCategory") !== "Accepted")
              .flatMap((g) => {
                const grounds = g.optText("com:CommentText");
                return (g.opt("tmk:ClassDescriptionRefusalBag")?.all("tmk:ClassDescriptionRefusal") ?? []).map((c) => ({
                  ...readClassDescription(c),
                  ...(grounds !== undefined ? { grounds } : {}),
                }));
              }),
          };
      if (refusal._tag === "Partial" && refusal.goods.length === 0) {
        fail(`${r.path}/tmk:GoodsServicesRefusalBag`, "partial refusal without any refused class");
      }
      const lines = comments.flatMap((c) => c.split("\n"));
      const endsOn = lines.map((l) => endsPattern.exec(l)?.[1]).find((d) => d !== undefined);
      const authority = lines.find((l) => l.startsWith(authorityPrefix))?.slice(authorityPrefix.length);
      const local = lines.includes(localRepresentative)
        ? true
        : lines.includes(noLocalRepresentative)
          ? false
          : undefined;
      const marks = r.opt("tmk:TrademarkBag")?.all("tmk:Trademark") ?? [];
      const earlierMarks = marks.map(readEarlierMark);
      const structured = marks
        .map((m) => m.opt("tmk:OppositionBag")?.opt("tmk:Opposition"))
        .find((o) => o !== undefined);
      const textual = lines.map((l) => oppositionPattern.exec(l)).find((m) => m !== null);
      const opposition = structured
        ? {
            filedOn: structured.reqDate("com:OppositionDate"),
            opponent: readParty(structured.req("tmk:PlaintiffBag").req("tmk:Plaintiff")),
          }
        : textual
          ? { filedOn: textual[1], opponent: { kind: "organization", name: textual[2] } }
          : undefined;
      return {
        _tag: "ProvisionalRefusal",
        ...readCommon(r),
        ...(pronouncedDate !== undefined ? { pronouncedDate } : {}),
        holders: readHolders(r.opt("tmk:HolderBag")),
        refusal,
        grounds: r.optText("tmk:FactDecisionText") ?? fail(r.path, "missing tmk:FactDecisionText (grounds)"),
        ...(months !== undefined ? { responseMonths: Number(months) } : {}),
        ...(endsOn !== undefined ? { responseEndsOn: endsOn } : {}),
        ...(authority !== undefined ? { reviewAuthority: authority } : {}),
        ...(local !== undefined ? { localRepresentativeRequired: local } : {}),
        ...(earlierMarks.length > 0 ? { earlierMarks } : {}),
        ...(opposition !== undefined ? { opposition } : {}),
      } as unknown as Office.ProvisionalRefusal;
    }
    case "tmk:MadridPossibleOppositionNotification": {
      const periodStart = r.optDate("tmk:OppositionPeriodStartDate");
      const periodEnd = r.optDate("tmk:OppositionPeriodEndDate");
      return {
        _tag: "PossibleOpposition",
        ...readCommon(r),
        holders: readHolders(r.req("tmk:HolderBag")),
        ...(periodStart !== undefined ? { periodStart } : {}),
        ...(periodEnd !== undefined ? { periodEnd } : {}),
      } as unknown as Office.PossibleOpposition;
    }
    case "tmk:MadridGrantProtection":
      return {
        _tag: "GrantProtection",
        ...readCommon(r),
        holders: readHolders(r.req("tmk:HolderBag")),
      } as unknown as Office.GrantProtection;
    case "tmk:MadridFinalDecision":
    case "tmk:MadridFurtherDecision": {
      const grant = r.opt("tmk:GrantProtectionIndicator");
      const refuse = r.opt("tmk:RefusalProtectionIndicator");
      const outcome = grant?.bool() ? "grant" : refuse?.bool() ? "refusal" : undefined;
      return {
        _tag: "Decision",
        ...readCommon(r),
        kind: e.name === "tmk:MadridFinalDecision" ? "final" : "further",
        holders: readHolders(r.opt("tmk:HolderBag")),
        outcome:
          outcome ?? fail(r.path, "expected tmk:GrantProtectionIndicator or tmk:RefusalProtectionIndicator true"),
        scope: readScope(r, "tmk:PartialGoodsServicesBag"),
      } as unknown as Office.Decision;
    }
    case "tmk:MadridLimitationNoEffect":
      return {
        _tag: "LimitationNoEffect",
        ...readCommon(r),
        irDate: r.reqDate("com:InternationalRegistrationDate"),
        holders: readHolders(r.req("tmk:HolderBag")),
        scope: readScope(r),
        appealPossible: r.req("tmk:AppealPossibleIndicator").bool(),
      } as unknown as Office.LimitationNoEffect;
    case "tmk:MadridInvalidation":
      return {
        _tag: "Invalidation",
        ...readCommon(r),
        holders: readHolders(r.req("tmk:HolderBag")),
        scope: readScope(r),
        pronouncedDate: r.reqDate("tmk:RefusalPronouncedDate"),
      } as unknown as Office.Invalidation;
    case "tmk:MadridCeasingEffect": {
      const effectiveDate = r.optDate("com:RecordEffectiveDate");
      const facts = r.opt("tmk:FactDecision")?.optText("tmk:FactDecisionText");
      return {
        _tag: "CeasingEffect",
        ...readCommon(r),
        basic: readBasic(r.opt("tmk:BasicRegistrationApplicationBag")),
        holders: readHolders(r.req("tmk:HolderBag")),
        scope: readScope(r),
        rule: r.req("tmk:MadridCeasingEffectRuleCategory").oneOf(MadridCeasingEffectRuleCategory.literals),
        ...(effectiveDate !== undefined ? { effectiveDate } : {}),
        ...(facts !== undefined ? { facts } : {}),
      } as unknown as Office.CeasingEffect;
    }
    default:
      return fail(r.path, `office transaction kind ${echo(e.name)} is not supported by this version`, "Unsupported");
  }
};

const readEarlierMark = (m: Reader): Office.EarlierMark => {
  const officeCode = m.optText("com:RegistrationOfficeCode");
  const app = m.opt("com:ApplicationNumber");
  const applicationNumber = app
    ? (app.optText("com:ApplicationNumberText") ?? app.optText("com:ST13ApplicationNumber"))
    : undefined;
  const registrationNumber = m.optText("com:RegistrationNumber");
  const applicationDate = m.optDate("com:ApplicationDate");
  const registrationDate = m.optDate("com:RegistrationDate");
  const verbalElement = m
    .opt("tmk:MarkRepresentation")
    ?.opt("tmk:MarkReproduction")
    ?.opt("tmk:WordMarkSpecification")
    ?.optText("tmk:MarkSignificantVerbalElementText");
  const goodsBag = m.opt("tmk:GoodsServicesBag");
  const goods = goodsBag ? readGoodsServicesBag(goodsBag) : [];
  const p = m.opt("tmk:PriorityBag")?.opt("tmk:Priority");
  const owner = m.opt("tmk:ApplicantBag")?.opt("tmk:Applicant");
  if (applicationNumber === undefined && registrationNumber === undefined) {
    fail(m.path, "an earlier mark without com:ApplicationNumber or com:RegistrationNumber");
  }
  return {
    ...(officeCode !== undefined ? { officeCode } : {}),
    ...(applicationNumber !== undefined ? { applicationNumber } : {}),
    ...(applicationDate !== undefined ? { applicationDate } : {}),
    ...(registrationNumber !== undefined ? { registrationNumber } : {}),
    ...(registrationDate !== undefined ? { registrationDate } : {}),
    ...(p
      ? {
          priority: {
            countryCode: p.reqText("com:PriorityCountryCode"),
            date: p.reqDate("com:PriorityApplicationFilingDate"),
          },
        }
      : {}),
    ...(verbalElement !== undefined ? { verbalElement } : {}),
    owner: owner
      ? readParty(owner)
      : fail(m.path, "an earlier mark without its owner (tmk:ApplicantBag/tmk:Applicant)"),
    ...(goods.length > 0 ? { goods } : {}),
  } as unknown as Office.EarlierMark;
};

export const readOfficeHeader = (r: Reader): Office.Header =>
  ({
    officeCode: r.reqText("com:IPOfficeCode"),
    requestDate: r.opt("com:RequestDate")?.date() ?? r.reqText("com:RequestDateTime").slice(0, 10),
  }) as unknown as Office.Header;
