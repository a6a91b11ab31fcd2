/**
 * Default industrial design workflow: filing → formality examination → Locarno classification check → examination
 * of registrability (definition of a design, public order; novelty where the office examines it) → publication →
 * opposition period (3 months) → registration (5 years from filing) → renewal by periods of 5 years up to 25 years,
 * with 6 months of grace, or expiry. Standard statuses follow the ST.27 key events (ST.87 mirrors them for designs).
 */
import type { Action, Definition } from "../Workflow.js";
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
  withdrawalStage,
} from "./common.js";

const codes: StageCodes = {
  filed: st27("A10"),
  examination: st27("D10"),
  refused: st27("B10"),
  appeal: st27("V10"),
  withdrawn: st27("B10"),
  events: { withdraw: "B11", deemWithdrawn: "B12", restoreApplication: "C13", fileAppeal: "V11", dismissAppeal: "V13" },
};

const formality = formalityStage(codes, "classification");
const objection = objectionStage(codes, 2, "examine");
const appeal = appealStage(codes, "substantive_examination");
const withdrawal = withdrawalStage(
  codes,
  [
    "filed",
    "formality_examination",
    "formality_deficiency",
    "classification",
    "substantive_examination",
    "objection_raised",
    "accepted",
    "opposition_period",
    "opposition",
    "registration_pending",
    "refused",
    "appeal",
  ],
  // From filing on: a filing fee left unpaid (the office's unpaid-filings rule), a formal deficiency not remedied.
  ["filed", "formality_examination", "formality_deficiency", "registration_pending"],
  false,
);
/**
 * Renewal by periods of 5 years up to 25 (Hague Agreement, 1999 Act art. 17(3); TRIPS art. 26(3) sets 10 years as
 * the minimum): accepted from 6 months before the expiry date until 6 months after it (grace period, surcharge). At
 * the maximum term nothing is left to renew: the design expires on its expiry date, with no grace period.
 */
const renewalWindow = { monthsBefore: 6, graceMonths: 6 };
const renewalLimits = [
  limit("expire", "renewalDueDate", { months: renewalWindow.graceMonths }),
  limit("expire", "termEnd", {}),
];
const parts = (
  from: Array<"pending" | "accepted" | "registered" | "expired">,
  to: "accepted" | "registered" | "expired" | "refused" | "withdrawn",
  decision: "accept" | "register" | "expire" | "restore" | "refuse" | "withdraw",
) => ({
  classes: { from, to, decision },
});

const actions: Array<Action> = [
  ...formality.actions,
  {
    id: "classification_checked",
    labels: l("Locarno classification checked", "تم التحقق من تصنيف لوكارنو", "Classement de Locarno vérifié"),
    from: ["classification"],
    to: "substantive_examination",
    roles: ["classifier"],
  },
  ...objection.actions,
  {
    id: "accept",
    labels: l("Accept for publication", "قبول للنشر", "Accepter pour publication"),
    from: ["substantive_examination"],
    to: "accepted",
    roles: ["examiner"],
    effects: parts(["pending"], "accepted", "accept"),
    standardCode: "D22",
  },
  {
    id: "refuse",
    labels: l("Refuse application", "رفض الطلب", "Rejeter la demande"),
    from: ["substantive_examination"],
    to: "refused",
    roles: ["examiner"],
    requires: ["reason"],
    effects: parts(["pending"], "refused", "refuse"),
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
  // Several oppositions may be filed until the period ends, each its own proceeding; registration waits for the end
  // of the period and for every opposition.
  {
    id: "file_opposition",
    labels: l("Record opposition", "قيد اعتراض", "Enregistrer une opposition"),
    from: ["opposition_period"],
    to: "@current",
    roles: ["clerk", "opposition_division"],
    effects: { opensProceeding: "opposition" },
    standardCode: "E11",
  },
  {
    id: "withdraw_opposition_in_period",
    labels: l("Opposition withdrawn", "سحب الاعتراض", "Opposition retirée"),
    from: ["opposition_period"],
    to: "@current",
    roles: ["clerk", "opposition_division"],
    effects: { closeProceedings: ["opposition"] },
    standardCode: "E15",
  },
  {
    id: "close_opposition_period",
    labels: l("Opposition period ended", "انتهاء مدة الاعتراض", "Délai d'opposition expiré"),
    from: ["opposition_period"],
    to: "registration_pending",
    whileOpen: { proceedings: ["opposition"], to: "opposition" },
    roles: ["system"],
  },
  {
    id: "opposition_withdrawn",
    labels: l("Opposition withdrawn", "سحب الاعتراض", "Opposition retirée"),
    from: ["opposition"],
    to: "registration_pending",
    whileOpen: { proceedings: ["opposition"], to: "opposition" },
    roles: ["clerk", "opposition_division"],
    effects: { closeProceedings: ["opposition"] },
    standardCode: "E15",
  },
  {
    id: "reject_opposition",
    labels: l("Reject opposition", "رفض الاعتراض", "Rejeter l'opposition"),
    from: ["opposition"],
    to: "registration_pending",
    whileOpen: { proceedings: ["opposition"], to: "opposition" },
    roles: ["opposition_division"],
    effects: { closeProceedings: ["opposition"] },
    requires: ["reason"],
    standardCode: "E15",
  },
  {
    id: "uphold_opposition",
    labels: l("Uphold opposition", "قبول الاعتراض", "Accueillir l'opposition"),
    from: ["opposition"],
    to: "refused",
    roles: ["opposition_division"],
    requires: ["reason"],
    effects: { ...parts(["accepted"], "refused", "refuse"), closeProceedings: ["opposition"], closeAll: true },
    standardCode: "B17",
  },
  {
    id: "register",
    labels: l("Register design", "تسجيل التصميم", "Enregistrer le dessin ou modèle"),
    from: ["registration_pending"],
    to: "registered",
    roles: ["registrar"],
    requires: ["registrationNumber"],
    effects: {
      registration: true,
      expiry: { years: 5, from: "filingDate" },
      renewalDue: "expiryDate",
      ...parts(["accepted"], "registered", "register"),
    },
    standardCode: "F11",
  },
  {
    id: "renew",
    labels: l("Renew registration", "تجديد التسجيل", "Renouveler l'enregistrement"),
    from: ["registered"],
    to: "@current",
    roles: ["registrar", "clerk"],
    effects: { renew: { field: "expiryDate", years: 5, maxYearsFromFiling: 25, window: renewalWindow } },
    standardCode: "U11",
  },
  {
    id: "expire",
    labels: l("Registration expired", "انتهاء التسجيل", "Enregistrement expiré"),
    from: ["registered"],
    to: "expired",
    roles: ["system"],
    effects: parts(["registered"], "expired", "expire"),
    standardCode: "H14",
  },
  {
    id: "restore_registration",
    labels: l("Restore and renew registration", "إعادة قيد التسجيل وتجديده", "Restaurer et renouveler"),
    from: ["expired"],
    to: "registered",
    roles: ["registrar"],
    requires: ["reason"],
    effects: {
      renew: { field: "expiryDate", years: 5, maxYearsFromFiling: 25 },
      ...parts(["expired"], "registered", "restore"),
    },
    standardCode: "K13",
  },
  {
    id: "surrender",
    labels: l("Record surrender", "قيد التنازل", "Inscrire la renonciation"),
    from: ["registered"],
    to: "surrendered",
    roles: ["registrar"],
    standardCode: "H15",
  },
  {
    id: "invalidate",
    labels: l("Declare invalid", "إعلان البطلان", "Déclarer nul"),
    from: ["registered"],
    to: "invalidated",
    roles: ["board_of_appeal", "opposition_division"],
    effects: { closeProceedings: ["invalidity"] },
    requires: ["reason"],
    standardCode: "H12",
  },
  ...appeal.actions,
  ...withdrawal.actions,
];

/** The default industrial design workflow. */
export const industrialDesign: Definition = {
  id: "industrial_design_default",
  version: "2",
  kind: "industrial_design",
  labels: l("Industrial design", "تصميم صناعي", "Dessin ou modèle industriel"),
  initial: "filed",
  roles,
  states: [
    ...formality.states,
    state(
      "classification",
      l("Locarno classification check", "التحقق من تصنيف لوكارنو", "Vérification du classement de Locarno"),
      st27("A10"),
    ),
    state(
      "substantive_examination",
      l("Examination of registrability", "فحص قابلية التسجيل", "Examen de l'enregistrabilité"),
      st27("D10"),
    ),
    ...objection.states,
    state("accepted", l("Accepted for publication", "مقبول للنشر", "Accepté pour publication"), st27("D10")),
    state(
      "opposition_period",
      l("Published, opposition period running", "منشور، مدة الاعتراض سارية", "Publié, délai d'opposition en cours"),
      st27("Q10"),
      {
        timeLimits: [limit("close_opposition_period", "publicationDate", { months: 3 })],
      },
    ),
    state("opposition", l("Opposition pending", "اعتراض قيد النظر", "Opposition en cours"), st27("E10")),
    state(
      "registration_pending",
      l("Awaiting registration fee", "بانتظار رسم التسجيل", "En attente de la taxe d'enregistrement"),
      st27("D10"),
      { timeLimits: [limit("deem_withdrawn", "entry", { months: 3 })] },
    ),
    state("registered", l("Registered", "مسجل", "Enregistré"), st27("F10"), { timeLimits: renewalLimits }),
    state("expired", l("Expired (not renewed)", "منتهي (لم يجدد)", "Expiré (non renouvelé)"), st27("H10"), {
      final: true,
    }),
    state("surrendered", l("Surrendered", "متنازل عنه", "Renoncé"), st27("H10"), { final: true }),
    state("invalidated", l("Declared invalid", "مُبطل", "Déclaré nul"), st27("H10"), { final: true }),
    ...appeal.states,
    ...withdrawal.states,
  ],
  actions,
};
