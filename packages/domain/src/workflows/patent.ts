/**
 * Default workflows for patents and utility models. Standard statuses are WIPO ST.27 key events; actions record ST.27
 * detailed events.
 *
 * Patent: filing → formality examination → IPC classification → search → publication 18 months from the priority
 * date → substantive examination (examination report, 4 months to reply or the application is deemed withdrawn)
 * → intention to grant (4 months to pay the grant fee) → grant (20 years from filing, annual fees from the next
 * filing anniversary) → post-grant opposition period of 9 months → in force → annual fees with 6 months of grace,
 * lapse (restorable) or expiry; refusal and appeal, withdrawal and restoration, surrender, revocation.
 *
 * Utility model: the same without search and publication before examination: formality → classification →
 * examination of registrability → publication → opposition period (3 months) → registration (10 years from filing,
 * annual fees) → in force → lapse or expiry.
 */
import type { Action, Definition, State } from "../Workflow.js";
import {
  appealStage,
  formalityStage,
  l,
  limit,
  objectionStage,
  roles,
  type StageCodes,
  st27,
  state,
  suspensionStage,
  withdrawalStage,
} from "./common.js";

const codes: StageCodes = {
  filed: st27("A10"),
  examination: st27("D10"),
  refused: st27("B10"),
  appeal: st27("V10"),
  withdrawn: st27("B10"),
  events: {
    withdraw: "B11",
    deemWithdrawn: "B12",
    restoreApplication: "C13",
    fileAppeal: "V11",
    dismissAppeal: "V13",
  },
};

/**
 * Annual fees: accepted from 3 months before each anniversary until 6 months after it (the grace period, with a
 * surcharge; Paris Convention art. 5bis(1)); then the right lapses. An office changes both in its configuration.
 */
const annualFeeWindow = { monthsBefore: 3, graceMonths: 6 };
const annualFeeLimits = [
  limit("lapse", "renewalDueDate", { months: annualFeeWindow.graceMonths }),
  limit("expire", "expiryDate", {}),
];

/** States and actions from grant or registration to the end of protection. */
const inForceStage = (
  granted: string,
  opposition: { months: number; from: "registrationDate" | "publicationDate" },
) => ({
  states: [
    state(
      "opposition_period",
      l("Opposition period running", "مدة الاعتراض سارية", "Délai d'opposition en cours"),
      st27(granted === "grant" ? "F10" : "Q10"),
      {
        timeLimits: [
          limit("close_opposition_period", opposition.from, { months: opposition.months }),
          ...(granted === "grant" ? annualFeeLimits : []),
        ],
      },
    ),
    state(
      "opposition",
      l("Opposition pending", "اعتراض قيد النظر", "Opposition en cours"),
      st27(granted === "grant" ? "L10" : "E10"),
      {
        timeLimits: granted === "grant" ? annualFeeLimits : [],
      },
    ),
    state("in_force", l("In force", "ساري المفعول", "En vigueur"), st27("F10"), { timeLimits: annualFeeLimits }),
    state(
      "lapsed",
      l("Lapsed (annual fee not paid)", "سقط (عدم دفع الرسم السنوي)", "Déchu (annuité impayée)"),
      st27("H10"),
      {
        final: true,
      },
    ),
    state("expired", l("Expired (end of term)", "انتهت مدة الحماية", "Expiré (fin de la durée)"), st27("H10"), {
      final: true,
    }),
    state("surrendered", l("Surrendered", "متنازل عنه", "Renoncé"), st27("H10"), { final: true }),
    state("revoked", l("Revoked", "ملغى", "Révoqué"), st27("H10"), { final: true }),
  ] satisfies Array<State>,
  actions: [
    {
      id: "renew",
      labels: l("Record annual fee payment", "قيد دفع الرسم السنوي", "Enregistrer le paiement de l'annuité"),
      from: granted === "grant" ? ["opposition_period", "opposition", "in_force"] : ["in_force"],
      to: "@current",
      roles: ["registrar", "clerk"],
      effects: { renew: { field: "renewalDueDate", years: 1, window: annualFeeWindow } },
      standardCode: "U11",
    },
    {
      id: "lapse",
      labels: l("Lapse for non-payment", "إسقاط لعدم الدفع", "Déchéance pour non-paiement"),
      from: granted === "grant" ? ["opposition_period", "opposition", "in_force"] : ["in_force"],
      to: "lapsed",
      roles: ["system"],
      standardCode: "H13",
    },
    {
      id: "expire",
      labels: l("Expire at end of term", "انتهاء مدة الحماية", "Expiration en fin de durée"),
      from: granted === "grant" ? ["opposition_period", "opposition", "in_force"] : ["in_force"],
      to: "expired",
      roles: ["system"],
      standardCode: "H14",
    },
    {
      id: "restore_right",
      labels: l("Restore and record late fee", "إعادة الحق وقيد الرسم المتأخر", "Restaurer et enregistrer l'annuité"),
      from: ["lapsed"],
      to: "in_force",
      roles: ["registrar"],
      requires: ["reason"],
      effects: { renew: { field: "renewalDueDate", years: 1 } },
      standardCode: "K13",
    },
    // Several oppositions may be filed until the period ends, each its own proceeding; the right goes on once the
    // period has ended and every opposition is decided or withdrawn.
    {
      id: "file_opposition",
      labels: l("Record opposition", "قيد اعتراض", "Enregistrer une opposition"),
      from: ["opposition_period"],
      to: "@current",
      roles: ["clerk", "opposition_division"],
      effects: { opensProceeding: "opposition" },
      standardCode: granted === "grant" ? "L11" : "E11",
    },
    {
      id: "withdraw_opposition_in_period",
      labels: l("Opposition withdrawn", "سحب الاعتراض", "Opposition retirée"),
      from: ["opposition_period"],
      to: "@current",
      roles: ["clerk", "opposition_division"],
      effects: { closeProceedings: ["opposition"] },
      standardCode: granted === "grant" ? "L18" : "E15",
    },
    {
      id: "close_opposition_period",
      labels: l("Opposition period ended", "انتهاء مدة الاعتراض", "Délai d'opposition expiré"),
      from: ["opposition_period"],
      to: granted === "grant" ? "in_force" : "registration_pending",
      whileOpen: { proceedings: ["opposition"], to: "opposition" },
      roles: ["system"],
    },
    {
      id: "opposition_withdrawn",
      labels: l("Opposition withdrawn", "سحب الاعتراض", "Opposition retirée"),
      from: ["opposition"],
      to: granted === "grant" ? "in_force" : "registration_pending",
      whileOpen: { proceedings: ["opposition"], to: "opposition" },
      roles: ["clerk", "opposition_division"],
      effects: { closeProceedings: ["opposition"] },
      standardCode: granted === "grant" ? "L18" : "E15",
    },
    {
      id: "reject_opposition",
      labels: l("Reject opposition", "رفض الاعتراض", "Rejeter l'opposition"),
      from: ["opposition"],
      to: granted === "grant" ? "in_force" : "registration_pending",
      whileOpen: { proceedings: ["opposition"], to: "opposition" },
      roles: ["opposition_division"],
      effects: { closeProceedings: ["opposition"] },
      requires: ["reason"],
      standardCode: granted === "grant" ? "M11" : "E15",
    },
    {
      id: "uphold_opposition",
      labels: l("Uphold opposition", "قبول الاعتراض", "Accueillir l'opposition"),
      from: ["opposition"],
      to: granted === "grant" ? "revoked" : "refused",
      roles: ["opposition_division"],
      // The right is revoked or refused: the other oppositions against it end with it.
      effects: { closeProceedings: ["opposition"], closeAll: true },
      requires: ["reason"],
      standardCode: granted === "grant" ? "H12" : "B17",
    },
    {
      id: "surrender",
      labels: l("Record surrender", "قيد التنازل", "Inscrire la renonciation"),
      from: ["in_force"],
      to: "surrendered",
      roles: ["registrar"],
      standardCode: "H15",
    },
    {
      id: "revoke",
      labels: l("Revoke (invalidity decision)", "إلغاء (قرار بطلان)", "Révoquer (décision de nullité)"),
      from: ["in_force"],
      to: "revoked",
      roles: ["board_of_appeal", "opposition_division"],
      effects: { closeProceedings: ["invalidity"] },
      requires: ["reason"],
      standardCode: "H12",
    },
  ] satisfies Array<Action>,
});

const commonPending = [
  "filed",
  "formality_examination",
  "formality_deficiency",
  "classification",
  "substantive_examination",
  "objection_raised",
  "refused",
  "appeal",
];

const patentFormality = formalityStage(codes, "classification");
const patentObjection = objectionStage(codes, 4, "deem_withdrawn");
const patentAppeal = appealStage(codes, "substantive_examination");
const patentWithdrawal = withdrawalStage(
  codes,
  [...commonPending, "search", "awaiting_publication", "grant_pending", "suspended"],
  // From filing on: a filing fee left unpaid (EPC art. 78(2) with rule 38(1); the office's unpaid-filings rule).
  ["filed", "formality_examination", "formality_deficiency", "objection_raised", "grant_pending"],
  false,
);
const patentInForce = inForceStage("grant", { months: 9, from: "registrationDate" });
const patentSuspension = suspensionStage(st27("T10"), ["substantive_examination", "opposition"], {
  suspend: "T14",
  resume: "T16",
});

/** The default patent workflow. */
export const patent: Definition = {
  id: "patent_default",
  version: "2",
  kind: "patent",
  labels: l("Patent (national procedure)", "براءة اختراع (الإجراء الوطني)", "Brevet (procédure nationale)"),
  initial: "filed",
  roles,
  states: [
    ...patentFormality.states,
    state("classification", l("IPC classification", "التصنيف الدولي للبراءات", "Classement CIB"), st27("A10")),
    state("search", l("Search", "البحث", "Recherche"), st27("D10")),
    state(
      "awaiting_publication",
      l("Awaiting publication (18 months)", "بانتظار النشر (18 شهراً)", "En attente de publication (18 mois)"),
      st27("D10"),
      { timeLimits: [limit("publish", "priorityDate", { months: 18 })] },
    ),
    state(
      "substantive_examination",
      l("Substantive examination", "الفحص الموضوعي", "Examen quant au fond"),
      st27("D10"),
    ),
    ...patentObjection.states,
    state(
      "grant_pending",
      l(
        "Intention to grant, awaiting grant fee",
        "نية المنح، بانتظار رسم المنح",
        "Intention de délivrer, taxe attendue",
      ),
      st27("D10"),
      { timeLimits: [limit("deem_withdrawn", "entry", { months: 4 })] },
    ),
    ...patentInForce.states,
    ...patentAppeal.states,
    ...patentWithdrawal.states,
    ...patentSuspension.states,
  ],
  actions: [
    ...patentFormality.actions,
    {
      id: "classification_checked",
      labels: l("IPC classification done", "تم التصنيف", "Classement effectué"),
      from: ["classification"],
      to: "search",
      roles: ["classifier"],
    },
    {
      id: "complete_search",
      labels: l("Search report completed", "اكتمال تقرير البحث", "Rapport de recherche établi"),
      from: ["search"],
      to: "awaiting_publication",
      roles: ["examiner"],
      standardCode: "D14",
    },
    {
      id: "publish",
      labels: l("Publish application", "نشر الطلب", "Publier la demande"),
      from: ["awaiting_publication"],
      to: "substantive_examination",
      roles: ["registrar", "system"],
      effects: { publication: true },
      standardCode: "Q12",
    },
    ...patentObjection.actions,
    {
      id: "intend_to_grant",
      labels: l("Notify intention to grant", "الإخطار بنية المنح", "Notifier l'intention de délivrer"),
      from: ["substantive_examination"],
      to: "grant_pending",
      roles: ["examiner"],
      standardCode: "D22",
    },
    {
      id: "refuse",
      labels: l("Refuse application", "رفض الطلب", "Rejeter la demande"),
      from: ["substantive_examination"],
      to: "refused",
      roles: ["examiner"],
      requires: ["reason"],
      standardCode: "B15",
    },
    {
      id: "grant",
      labels: l("Grant patent", "منح البراءة", "Délivrer le brevet"),
      from: ["grant_pending"],
      to: "opposition_period",
      roles: ["registrar"],
      requires: ["registrationNumber"],
      effects: { registration: true, expiry: { years: 20, from: "filingDate" }, renewalDue: "nextFilingAnniversary" },
      standardCode: "F11",
    },
    ...patentInForce.actions,
    ...patentAppeal.actions,
    ...patentWithdrawal.actions,
    ...patentSuspension.actions,
  ],
};

const umFormality = formalityStage(codes, "classification");
const umObjection = objectionStage(codes, 2, "deem_withdrawn");
const umAppeal = appealStage(codes, "substantive_examination");
const umWithdrawal = withdrawalStage(
  codes,
  [...commonPending, "accepted", "opposition_period", "opposition", "registration_pending"],
  ["filed", "formality_examination", "formality_deficiency", "objection_raised", "registration_pending"],
  false,
);
const umInForce = inForceStage("registration", { months: 3, from: "publicationDate" });

/** The default utility model workflow. */
export const utilityModel: Definition = {
  id: "utility_model_default",
  version: "2",
  kind: "utility_model",
  labels: l("Utility model", "نموذج منفعة", "Modèle d'utilité"),
  initial: "filed",
  roles,
  states: [
    ...umFormality.states,
    state("classification", l("IPC classification", "التصنيف الدولي للبراءات", "Classement CIB"), st27("A10")),
    state(
      "substantive_examination",
      l("Examination of registrability", "فحص قابلية التسجيل", "Examen de l'enregistrabilité"),
      st27("D10"),
    ),
    ...umObjection.states,
    state("accepted", l("Accepted for publication", "مقبول للنشر", "Accepté pour publication"), st27("D10")),
    state(
      "registration_pending",
      l("Awaiting registration fee", "بانتظار رسم التسجيل", "En attente de la taxe d'enregistrement"),
      st27("D10"),
      { timeLimits: [limit("deem_withdrawn", "entry", { months: 3 })] },
    ),
    ...umInForce.states,
    ...umAppeal.states,
    ...umWithdrawal.states,
  ],
  actions: [
    ...umFormality.actions,
    {
      id: "classification_checked",
      labels: l("IPC classification done", "تم التصنيف", "Classement effectué"),
      from: ["classification"],
      to: "substantive_examination",
      roles: ["classifier"],
    },
    ...umObjection.actions,
    {
      id: "accept",
      labels: l("Accept for registration", "قبول التسجيل", "Accepter"),
      from: ["substantive_examination"],
      to: "accepted",
      roles: ["examiner"],
      standardCode: "D22",
    },
    {
      id: "refuse",
      labels: l("Refuse application", "رفض الطلب", "Rejeter la demande"),
      from: ["substantive_examination"],
      to: "refused",
      roles: ["examiner"],
      requires: ["reason"],
      standardCode: "B15",
    },
    {
      id: "publish",
      labels: l("Publish application", "نشر الطلب", "Publier la demande"),
      from: ["accepted"],
      to: "opposition_period",
      roles: ["registrar", "clerk"],
      effects: { publication: true },
      standardCode: "Q12",
    },
    {
      id: "register",
      labels: l("Register utility model", "تسجيل نموذج المنفعة", "Enregistrer le modèle d'utilité"),
      from: ["registration_pending"],
      to: "in_force",
      roles: ["registrar"],
      requires: ["registrationNumber"],
      effects: { registration: true, expiry: { years: 10, from: "filingDate" }, renewalDue: "nextFilingAnniversary" },
      standardCode: "F12",
    },
    ...umInForce.actions,
    ...umAppeal.actions,
    ...umWithdrawal.actions,
  ],
};
