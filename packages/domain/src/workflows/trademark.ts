/**
 * Default trademark workflow: filing → formality examination → classification check → examination on absolute
 * grounds with per-class decisions (objection and reply) → publication → opposition period (3 months) → opposition
 * decided per class → registration (10 years from filing) → renewal every 10 years with a 6-month grace period, or
 * expiry; with refusal and appeal, withdrawal, deemed withdrawal and restoration, surrender and cancellation.
 * Standard statuses are ST.96 mark current status categories.
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
  st96,
  state,
  suspensionStage,
  withdrawalStage,
} from "./common.js";

const codes: StageCodes = {
  filed: st96("Application Filed"),
  accorded: st96("Filing date accorded"),
  examination: st96("Classification checked"),
  refused: st96("Application refused"),
  appeal: st96("Appeal pending"),
  withdrawn: st96("Application withdrawn"),
  events: {},
};

const formality = formalityStage(codes, "classification");
const objection = objectionStage(codes, 2, "examine");
const appeal = appealStage(codes, "substantive_examination", true);
const pending = [
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
  "suspended",
];

/**
 * Renewal: accepted from 6 months before the expiry date until 6 months after it (the grace period, with a surcharge;
 * Paris Convention art. 5bis(1) sets 6 months as the minimum). An office changes both in its configuration.
 */
const renewalWindow = { monthsBefore: 6, graceMonths: 6 };
// Deemed withdrawn from filing on: a filing fee left unpaid (the office's unpaid-filings rule; cf. EPC art. 78(2)),
// a formal deficiency not remedied, the registration fee not paid.
const withdrawal = withdrawalStage(
  codes,
  pending,
  ["filed", "formality_examination", "formality_deficiency", "registration_pending"],
  true,
);
const suspension = suspensionStage(st96("Interruption of proceeding"), ["substantive_examination", "opposition"]);

/** After the grace period the registration expires. */
const renewalLimit = limit("expire", "renewalDueDate", { months: renewalWindow.graceMonths });

const actions: Array<Action> = [
  ...formality.actions,
  {
    id: "classification_checked",
    labels: l("Classification checked", "تم التحقق من التصنيف", "Classement vérifié"),
    from: ["classification"],
    to: "substantive_examination",
    roles: ["classifier"],
    standardCode: "Classification checked",
  },
  ...objection.actions,
  {
    id: "examine",
    labels: l("Decide on the classes", "البت في الفئات", "Statuer sur les classes"),
    from: ["substantive_examination"],
    outcome: { someAccepted: "accepted", allRefused: "refused" },
    roles: ["examiner"],
  },
  {
    id: "publish",
    labels: l("Publish application", "نشر الطلب", "Publier la demande"),
    from: ["accepted"],
    to: "opposition_period",
    roles: ["registrar", "clerk"],
    effects: { publication: true },
    standardCode: "Application published",
  },
  // The opposition period stays open to everyone until it ends: each opposition is its own proceeding (parties,
  // grounds, classes) and puts the classes it names under opposition; registration waits for the end of the period
  // and for every opposition to be decided or withdrawn.
  {
    id: "file_opposition",
    labels: l("Record opposition", "قيد اعتراض", "Enregistrer une opposition"),
    from: ["opposition_period"],
    to: "@current",
    roles: ["clerk", "opposition_division"],
    effects: { opensProceeding: "opposition" },
    standardCode: "Opposition pending",
  },
  {
    id: "withdraw_opposition_in_period",
    labels: l("Opposition withdrawn", "سحب الاعتراض", "Opposition retirée"),
    from: ["opposition_period"],
    to: "@current",
    roles: ["clerk", "opposition_division"],
    effects: { closeProceedings: ["opposition"] },
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
    id: "decide_opposition",
    labels: l("Decide opposition per class", "البت في الاعتراض حسب الفئات", "Statuer sur l'opposition par classe"),
    from: ["opposition"],
    outcome: { someAccepted: "registration_pending", allRefused: "refused" },
    whileOpen: { proceedings: ["opposition"], to: "opposition" },
    roles: ["opposition_division"],
    effects: { closeProceedings: ["opposition"] },
    requires: ["reason"],
  },
  {
    id: "opposition_withdrawn",
    labels: l("Opposition withdrawn", "سحب الاعتراض", "Opposition retirée"),
    from: ["opposition"],
    to: "registration_pending",
    whileOpen: { proceedings: ["opposition"], to: "opposition" },
    roles: ["clerk", "opposition_division"],
    effects: { closeProceedings: ["opposition"] },
  },
  {
    id: "register",
    labels: l("Register mark", "تسجيل العلامة", "Enregistrer la marque"),
    from: ["registration_pending"],
    to: "registered",
    roles: ["registrar"],
    requires: ["registrationNumber"],
    effects: {
      registration: true,
      expiry: { years: 10, from: "filingDate" },
      renewalDue: "expiryDate",
      classes: { from: ["accepted", "limited"], to: "registered", decision: "register" },
    },
    standardCode: "Registration published",
  },
  {
    id: "renew",
    labels: l("Renew registration", "تجديد التسجيل", "Renouveler l'enregistrement"),
    from: ["registered", "cancellation_pending", "revocation_pending"],
    to: "@current",
    roles: ["registrar", "clerk"],
    effects: { renew: { field: "expiryDate", years: 10, window: renewalWindow } },
  },
  {
    id: "expire",
    labels: l("Registration expired (not renewed)", "انتهاء التسجيل (عدم التجديد)", "Enregistrement expiré"),
    from: ["registered", "cancellation_pending", "revocation_pending"],
    to: "expired",
    roles: ["system"],
    effects: { classes: { from: ["registered"], to: "expired", decision: "expire" } },
  },
  {
    id: "restore_registration",
    labels: l("Restore and renew registration", "إعادة قيد التسجيل وتجديده", "Restaurer et renouveler"),
    from: ["expired"],
    to: "registered",
    roles: ["registrar"],
    requires: ["reason"],
    effects: {
      renew: { field: "expiryDate", years: 10 },
      classes: { from: ["expired"], to: "registered", decision: "restore" },
    },
  },
  {
    id: "surrender",
    labels: l("Record surrender", "قيد التنازل عن التسجيل", "Inscrire la renonciation"),
    from: ["registered"],
    to: "surrendered",
    roles: ["registrar"],
    effects: { classes: { from: ["registered"], to: "surrendered", decision: "surrender" } },
    standardCode: "Registration surrendered",
  },
  // Revocation (non-use, a mark become generic or misleading) and invalidity (a ground that existed at filing) are
  // different proceedings with their own ST.96 categories.
  {
    id: "file_revocation_request",
    labels: l("Record revocation request", "قيد طلب شطب", "Enregistrer une demande en déchéance"),
    from: ["registered"],
    to: "revocation_pending",
    roles: ["clerk", "opposition_division"],
    requires: ["reason"],
    standardCode: "Revocation proceeding pending",
  },
  {
    id: "file_invalidity_request",
    labels: l("Record invalidity request", "قيد طلب إبطال", "Enregistrer une demande en nullité"),
    from: ["registered"],
    to: "cancellation_pending",
    roles: ["clerk", "opposition_division"],
    requires: ["reason"],
    standardCode: "Invalidity proceeding pending",
  },
  {
    id: "cancel_registration",
    labels: l("Cancel registration", "شطب التسجيل", "Radier l'enregistrement"),
    from: ["cancellation_pending", "revocation_pending"],
    to: "cancelled",
    roles: ["opposition_division", "board_of_appeal"],
    requires: ["reason"],
    effects: {
      closeProceedings: ["invalidity", "revocation"],
      classes: { from: ["registered"], to: "cancelled", decision: "cancel" },
    },
    standardCode: "Registration cancelled",
  },
  {
    id: "reject_cancellation_request",
    labels: l("Reject cancellation request", "رفض طلب الشطب", "Rejeter la demande d'annulation"),
    from: ["cancellation_pending", "revocation_pending"],
    to: "registered",
    roles: ["opposition_division", "board_of_appeal"],
    effects: { closeProceedings: ["invalidity", "revocation"] },
    requires: ["reason"],
  },
  ...appeal.actions,
  ...withdrawal.actions,
  ...suspension.actions,
];

/** The default trademark workflow. */
export const trademark: Definition = {
  id: "trademark_default",
  version: "2",
  kind: "trademark",
  labels: l("Trademark (national procedure)", "علامة تجارية (الإجراء الوطني)", "Marque (procédure nationale)"),
  initial: "filed",
  roles,
  states: [
    ...formality.states,
    state(
      "classification",
      l("Classification check", "التحقق من التصنيف", "Vérification du classement"),
      st96("Filing date accorded"),
    ),
    state(
      "substantive_examination",
      l("Examination on absolute grounds", "الفحص الموضوعي", "Examen des motifs absolus"),
      st96("Classification checked"),
    ),
    ...objection.states,
    state(
      "accepted",
      l("Accepted for publication", "مقبول للنشر", "Acceptée pour publication"),
      st96("Application accepted"),
    ),
    state(
      "opposition_period",
      l("Published, opposition period running", "منشور، مدة الاعتراض سارية", "Publiée, délai d'opposition en cours"),
      st96("Application published"),
      { timeLimits: [limit("close_opposition_period", "publicationDate", { months: 3 })] },
    ),
    state("opposition", l("Opposition pending", "اعتراض قيد النظر", "Opposition en cours"), st96("Opposition pending")),
    state(
      "registration_pending",
      l("Awaiting registration fee", "بانتظار رسم التسجيل", "En attente de la taxe d'enregistrement"),
      st96("Application accepted"),
      { timeLimits: [limit("deem_withdrawn", "entry", { months: 3 })] },
    ),
    state("registered", l("Registered", "مسجلة", "Enregistrée"), st96("Registration published"), {
      timeLimits: [renewalLimit],
    }),
    state(
      "cancellation_pending",
      l("Invalidity proceedings pending", "دعوى إبطال قيد النظر", "Procédure en nullité en cours"),
      st96("Invalidity proceeding pending"),
      { timeLimits: [renewalLimit] },
    ),
    state(
      "revocation_pending",
      l("Revocation proceedings pending", "دعوى شطب قيد النظر", "Procédure en déchéance en cours"),
      st96("Revocation proceeding pending"),
      { timeLimits: [renewalLimit] },
    ),
    state(
      "expired",
      l("Expired (not renewed)", "منتهية (لم تجدد)", "Expirée (non renouvelée)"),
      st96("Registration cancelled"),
      {
        final: true,
      },
    ),
    state("surrendered", l("Surrendered", "متنازل عنها", "Renoncée"), st96("Registration surrendered"), {
      final: true,
    }),
    state("cancelled", l("Cancelled", "مشطوبة", "Radiée"), st96("Registration cancelled"), { final: true }),
    ...appeal.states,
    ...withdrawal.states,
    ...suspension.states,
  ],
  actions,
};
