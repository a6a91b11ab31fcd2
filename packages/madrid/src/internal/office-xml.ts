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
  Reader,
  readBasic,
  readClassDescription,
  readGoodsServicesBag,
  readHolders,
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

export const officeCategory = (t: Office.OfficeTransaction): MadridOfficeTransactionCategory => {
  switch (t._tag) {
    case "ProvisionalRefusal":
      return "Provisional refusal";
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
        el("tmk:FactDecisionText", t.grounds),
        ...tail,
        opt(t.responseMonths, (m) => el("com:CommentText", responseSentence(m))),
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
      return {
        _tag: "ProvisionalRefusal",
        ...readCommon(r),
        ...(pronouncedDate !== undefined ? { pronouncedDate } : {}),
        holders: readHolders(r.opt("tmk:HolderBag")),
        refusal,
        grounds: r.optText("tmk:FactDecisionText") ?? fail(r.path, "missing tmk:FactDecisionText (grounds)"),
        ...(months !== undefined ? { responseMonths: Number(months) } : {}),
      } as unknown as Office.ProvisionalRefusal;
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

export const readOfficeHeader = (r: Reader): Office.Header =>
  ({
    officeCode: r.reqText("com:IPOfficeCode"),
    requestDate: r.opt("com:RequestDate")?.date() ?? r.reqText("com:RequestDateTime").slice(0, 10),
  }) as unknown as Office.Header;
