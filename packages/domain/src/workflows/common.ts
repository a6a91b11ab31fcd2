/**
 * Building blocks of the default workflows: labels, standard status helpers, and the stages every kind shares
 * (formality examination, objection, appeal against refusal, withdrawal, deemed withdrawal and restoration).
 */
import type { StandardStatus } from "../Event.js";
import type { Action, Labels, State, TimeLimit } from "../Workflow.js";

/** Labels in English, Arabic and French. */
export const l = (en: string, ar: string, fr: string): Labels => ({ en, ar, fr });

/** A WIPO ST.27 key event (patents, utility models; designs by analogy until ST.87 tables are available). */
export const st27 = (code: string): StandardStatus => ({ standard: "ST.27", code });

/** A WIPO ST.96 mark current status category. */
export const st96 = (code: string): StandardStatus => ({ standard: "ST.96", code });

/** The roles of the default workflows. */
export const roles = [
  "applicant",
  "representative",
  "clerk",
  "formality_examiner",
  "classifier",
  "examiner",
  "opposition_division",
  "board_of_appeal",
  "registrar",
  "system",
];

/** Parties acting for the applicant (through the e-filing portal) or the clerk entering their paper request. */
export const applicantSide = ["applicant", "representative", "clerk"];

export const state = (
  id: string,
  labels: Labels,
  standard: StandardStatus,
  extra: { final?: boolean; timeLimits?: ReadonlyArray<TimeLimit> } = {},
): State => ({ id, labels, standard, ...extra });

export const limit = (
  action: string,
  from: TimeLimit["from"],
  period: { years?: number; months?: number; days?: number },
): TimeLimit => ({ action, from, ...period });

/** Standard codes of the shared stages for one kind: marks use ST.96 categories, other kinds ST.27 key events. */
export interface StageCodes {
  readonly filed: StandardStatus;
  /** Once the filing date is accorded (formality examination); `filed` when the standard has no such category. */
  readonly accorded?: StandardStatus;
  readonly examination: StandardStatus;
  readonly refused: StandardStatus;
  readonly appeal: StandardStatus;
  readonly withdrawn: StandardStatus;
  /** Event codes recorded by the shared actions (ST.27 detailed events, or ST.96 mark events). */
  readonly events: {
    readonly withdraw?: string;
    readonly deemWithdrawn?: string;
    readonly restoreApplication?: string;
    readonly fileAppeal?: string;
    readonly dismissAppeal?: string;
  };
}

/** Filing and formality examination: filed → formality examination (⇄ deficiency) → `next`. */
export const formalityStage = (codes: StageCodes, next: string) => ({
  states: [
    state("filed", l("Application filed", "طلب مودع", "Demande déposée"), codes.filed),
    state(
      "formality_examination",
      l("Formality examination", "الفحص الشكلي", "Examen des formalités"),
      codes.accorded ?? codes.filed,
    ),
    state(
      "formality_deficiency",
      l(
        "Formal deficiency notified, awaiting reply",
        "تم الإخطار بنواقص شكلية، بانتظار الرد",
        "Irrégularité notifiée, réponse attendue",
      ),
      codes.accorded ?? codes.filed,
      { timeLimits: [limit("deem_withdrawn", "entry", { months: 2 })] },
    ),
  ],
  actions: [
    {
      id: "accord_filing_date",
      labels: l("Accord filing date", "منح تاريخ الإيداع", "Attribuer la date de dépôt"),
      from: ["filed"],
      to: "formality_examination",
      roles: ["clerk", "formality_examiner"],
    },
    {
      id: "notify_formality_deficiency",
      labels: l("Notify formal deficiency", "الإخطار بنواقص شكلية", "Notifier une irrégularité"),
      from: ["formality_examination"],
      to: "formality_deficiency",
      roles: ["formality_examiner"],
      requires: ["reason"],
    },
    {
      id: "deficiency_remedied",
      labels: l("Deficiency remedied", "تم استكمال النواقص", "Irrégularité corrigée"),
      from: ["formality_deficiency"],
      to: "formality_examination",
      roles: ["clerk", "formality_examiner"],
    },
    {
      id: "formalities_compliant",
      labels: l("Formalities compliant", "استيفاء الشروط الشكلية", "Formalités conformes"),
      from: ["formality_examination"],
      to: next,
      roles: ["formality_examiner"],
    },
  ] satisfies Array<Action>,
});

/** Objection by the examiner with a time limit to reply: back to examination on reply or when the limit runs out. */
export const objectionStage = (codes: StageCodes, months: number, onSilence: "examine" | "deem_withdrawn") => ({
  states: [
    state(
      "objection_raised",
      l("Objection raised, awaiting reply", "اعتراض الفاحص، بانتظار الرد", "Objection notifiée, réponse attendue"),
      codes.examination,
      {
        timeLimits: [limit(onSilence === "examine" ? "close_objection_period" : "deem_withdrawn", "entry", { months })],
      },
    ),
  ],
  actions: [
    {
      id: "raise_objection",
      labels: l("Raise objection", "إبداء اعتراض", "Notifier une objection"),
      from: ["substantive_examination"],
      to: "objection_raised",
      roles: ["examiner"],
      requires: ["reason"],
    },
    {
      id: "reply_to_objection",
      labels: l("Reply to objection received", "استلام الرد على الاعتراض", "Réponse à l'objection reçue"),
      from: ["objection_raised"],
      to: "substantive_examination",
      roles: applicantSide,
    },
    ...(onSilence === "examine"
      ? [
          {
            id: "close_objection_period",
            labels: l("Reply period ended", "انتهاء مهلة الرد", "Délai de réponse expiré"),
            from: ["objection_raised"],
            to: "substantive_examination",
            roles: ["system"],
          },
        ]
      : []),
  ] satisfies Array<Action>,
});

/** Refusal with an appeal period, appeal to the board, final refusal. `remitTo` is where an allowed appeal returns. */
export const appealStage = (codes: StageCodes, remitTo: string, classes = false) => ({
  states: [
    state(
      "refused",
      l("Refused, appeal period running", "مرفوض، مدة الطعن سارية", "Refusée, délai de recours en cours"),
      codes.refused,
      { timeLimits: [limit("close_appeal_period", "entry", { months: 2 })] },
    ),
    state("appeal", l("Appeal pending", "طعن قيد النظر", "Recours en cours"), codes.appeal),
    state("refusal_final", l("Refused (final)", "مرفوض نهائياً", "Refus définitif"), codes.refused, { final: true }),
  ],
  actions: [
    {
      id: "file_appeal",
      labels: l("File appeal", "تقديم طعن", "Former un recours"),
      from: ["refused"],
      to: "appeal",
      roles: applicantSide,
      requires: ["reason"],
      ...(codes.events.fileAppeal ? { standardCode: codes.events.fileAppeal } : {}),
    },
    {
      id: "close_appeal_period",
      labels: l("Appeal period ended", "انتهاء مدة الطعن", "Délai de recours expiré"),
      from: ["refused"],
      to: "refusal_final",
      roles: ["system"],
    },
    {
      id: "allow_appeal",
      labels: l("Allow appeal and remit", "قبول الطعن وإعادة الملف", "Accueillir le recours et renvoyer"),
      from: ["appeal"],
      to: remitTo,
      roles: ["board_of_appeal"],
      requires: ["reason"],
      // The refused classes are examined again.
      effects: {
        closeProceedings: ["appeal"],
        ...(classes ? { classes: { from: ["refused"], to: "pending", decision: "restore" } } : {}),
      },
    },
    {
      id: "dismiss_appeal",
      labels: l("Dismiss appeal", "رفض الطعن", "Rejeter le recours"),
      from: ["appeal"],
      to: "refusal_final",
      roles: ["board_of_appeal"],
      effects: { closeProceedings: ["appeal"] },
      requires: ["reason"],
      ...(codes.events.dismissAppeal ? { standardCode: codes.events.dismissAppeal } : {}),
    },
    {
      id: "withdraw_appeal",
      labels: l("Withdraw appeal", "سحب الطعن", "Retirer le recours"),
      from: ["appeal"],
      to: "refusal_final",
      roles: applicantSide,
      effects: { closeProceedings: ["appeal"] },
    },
  ] satisfies Array<Action>,
});

/**
 * Voluntary withdrawal (final) from the pending states, deemed withdrawal when a time limit is missed (from the
 * states given) and restoration of a deemed-withdrawn application to the status it had.
 */
export const withdrawalStage = (
  codes: StageCodes,
  pending: ReadonlyArray<string>,
  deemable: ReadonlyArray<string>,
  classes: boolean,
) => ({
  states: [
    state("withdrawn", l("Withdrawn", "مسحوب", "Retirée"), codes.withdrawn, { final: true }),
    state("deemed_withdrawn", l("Deemed withdrawn", "يعتبر مسحوباً", "Réputée retirée"), codes.withdrawn, {
      final: true,
    }),
  ],
  actions: [
    {
      id: "withdraw",
      labels: l("Withdraw application", "سحب الطلب", "Retirer la demande"),
      from: [...pending],
      to: "withdrawn",
      roles: applicantSide,
      ...(classes
        ? {
            effects: {
              classes: { from: ["pending", "accepted", "limited", "opposed"], to: "withdrawn", decision: "withdraw" },
            },
          }
        : {}),
      ...(codes.events.withdraw ? { standardCode: codes.events.withdraw } : {}),
    },
    {
      id: "deem_withdrawn",
      labels: l("Deem withdrawn (time limit missed)", "اعتباره مسحوباً (فوات المهلة)", "Réputer retirée (délai manqué)"),
      from: [...deemable],
      to: "deemed_withdrawn",
      roles: ["system"],
      ...(codes.events.deemWithdrawn ? { standardCode: codes.events.deemWithdrawn } : {}),
    },
    {
      id: "restore_application",
      labels: l("Restore application", "إعادة قبول الطلب", "Restaurer la demande"),
      from: ["deemed_withdrawn"],
      to: "@previous",
      roles: ["registrar"],
      requires: ["reason"],
      ...(codes.events.restoreApplication ? { standardCode: codes.events.restoreApplication } : {}),
    },
  ] satisfies Array<Action>,
});

/**
 * Suspension of the proceedings (pending a court case, an earlier right, the parties' request) and their resumption in
 * the status they had.
 */
export const suspensionStage = (
  standard: StandardStatus,
  from: ReadonlyArray<string>,
  events: { readonly suspend?: string; readonly resume?: string } = {},
) => ({
  states: [state("suspended", l("Proceedings suspended", "الإجراءات موقوفة", "Procédure suspendue"), standard)],
  actions: [
    {
      id: "suspend",
      labels: l("Suspend proceedings", "وقف الإجراءات", "Suspendre la procédure"),
      from: [...from],
      to: "suspended",
      roles: ["registrar", "examiner", "opposition_division"],
      requires: ["reason"],
      ...(events.suspend ? { standardCode: events.suspend } : {}),
    },
    {
      id: "resume",
      labels: l("Resume proceedings", "استئناف الإجراءات", "Reprendre la procédure"),
      from: ["suspended"],
      to: "@previous",
      roles: ["registrar", "examiner", "opposition_division"],
      ...(events.resume ? { standardCode: events.resume } : {}),
    },
  ] satisfies Array<Action>,
});
