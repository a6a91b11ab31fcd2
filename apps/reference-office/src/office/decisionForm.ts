/**
 * The decision form of the back office, read and checked before anything is written: which action, the per-class
 * decisions of a mark with the grounds of each class refused or limited, the grounds an objection or refusal needs, the
 * numbers and dates an action asks for, and whether the action is one that cannot be undone (a refusal, a withdrawal, a
 * registration) and so needs the examiner's confirmation. Pure and total: any form gives a result, never a throw; the
 * values typed stay in the form so a page shown again after an error keeps them.
 *
 * Grounds: a provisional refusal states the grounds (Madrid Protocol art. 5(2), Common Regulations Rule 17(2)(iv);
 * Paris Convention art. 6quinquies B for the grounds themselves); national laws ask the same of every refusal, per class
 * where the decision is per class (Nice Agreement art. 2: each class judged on its own).
 */
import { type Calendar, type IpRight, Workflow } from "@ipoffice/domain";
import type { OfficeKey } from "./messages.js";

/** A form as read from the request: each name with its values in order (files dropped). */
export type FormValues = Readonly<Record<string, ReadonlyArray<string>>>;

/** Reads a parsed body (Hono's `parseBody({ all: true })`) into {@link FormValues}, dropping files. */
export const formValues = (form: Record<string, string | File | (string | File)[]>): FormValues => {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(form)) {
    const values = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string");
    if (values.length > 0) out[name] = values;
  }
  return out;
};

export const one = (form: FormValues, name: string): string | undefined => {
  const v = form[name]?.[0]?.trim();
  return v === undefined || v === "" ? undefined : v;
};
export const many = (form: FormValues, name: string): ReadonlyArray<string> => form[name] ?? [];

export interface FieldError {
  /** The form field, e.g. `grounds.35`, `reason`. */
  readonly field: string;
  readonly key: OfficeKey;
  readonly params?: Record<string, string | number>;
}

export interface DecisionRead {
  readonly action: Workflow.Action | undefined;
  readonly request: Workflow.ActionRequest;
  readonly errors: ReadonlyArray<FieldError>;
  /** The action cannot be undone (with these decisions) and the form does not carry the confirmation yet. */
  readonly needsConfirmation: boolean;
  /** Why it cannot be undone, for the confirmation page. */
  readonly irreversible: "refusal" | "final" | "registration" | undefined;
}

const MAX_TEXT = 10_000;
const isoDate = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The classes the per-class panel shows for an action with an outcome (still open to a decision). */
export const decidableClasses = (
  right: IpRight.Right,
  action: Workflow.Action,
): ReadonlyArray<IpRight.Trademark["goodsAndServices"][number]> =>
  action.outcome && right.kind === "trademark"
    ? right.goodsAndServices.filter(
        (c) => c.status === "pending" || c.status === "accepted" || c.status === "opposed" || c.status === "limited",
      )
    : [];

/** Reads and checks the decision form for a right. */
export const readDecision = (workflow: Workflow.Definition, right: IpRight.Right, form: FormValues): DecisionRead => {
  const errors: FieldError[] = [];
  const actionId = one(form, "action") ?? "";
  const action = workflow.actions.find((a) => a.id === actionId);
  if (action === undefined) errors.push({ field: "action", key: "office.error.action" });
  const requires = new Set(action?.requires ?? []);

  const text = (name: string): string | undefined => {
    const v = one(form, name);
    if (v !== undefined && v.length > MAX_TEXT) {
      errors.push({ field: name, key: "office.error.tooLong", params: { max: MAX_TEXT } });
      return undefined;
    }
    return v;
  };

  const decisions: Array<
    Workflow.ActionRequest["classDecisions"] extends ReadonlyArray<infer D> | undefined ? D : never
  > = [];
  let refusing = false;
  if (action !== undefined) {
    for (const c of decidableClasses(right, action)) {
      const given = one(form, `class.${c.classNumber}`);
      const decision = given === "accept" || given === "refuse" || given === "limit" ? given : undefined;
      if (given !== undefined && decision === undefined)
        errors.push({
          field: `class.${c.classNumber}`,
          key: "office.error.decision",
          params: { classNumber: c.classNumber },
        });
      if (decision === undefined) continue;
      const liveTerms = new Set(c.terms.map((t) => t.text));
      const refused = many(form, `refuse.${c.classNumber}`).filter((t) => liveTerms.has(t));
      if (decision === "limit" && refused.length === 0)
        errors.push({
          field: `refuse.${c.classNumber}`,
          key: "office.error.limitTerms",
          params: { classNumber: c.classNumber },
        });
      const grounds = text(`grounds.${c.classNumber}`);
      if (decision !== "accept") {
        refusing = true;
        if (grounds === undefined)
          errors.push({
            field: `grounds.${c.classNumber}`,
            key: "office.error.classGrounds",
            params: { classNumber: c.classNumber },
          });
      }
      decisions.push({
        classNumber: c.classNumber,
        decision,
        ...(decision === "limit" ? { terms: refused.map((t) => ({ text: t, decision: "refuse" as const })) } : {}),
        ...(decision !== "accept" && grounds !== undefined ? { reason: grounds } : {}),
      });
    }
  }

  const reason = text("reason");
  // An objection or refusal that is not per class states its grounds in the reason (the workflow says which actions).
  if (requires.has("reason") && reason === undefined) errors.push({ field: "reason", key: "office.error.grounds" });
  const publicationNumber = text("publicationNumber");
  if (requires.has("publicationNumber") && publicationNumber === undefined)
    errors.push({ field: "publicationNumber", key: "office.error.required" });
  const publicationDate = one(form, "publicationDate");
  if (publicationDate !== undefined && !isoDate.test(publicationDate))
    errors.push({ field: "publicationDate", key: "office.error.date" });
  if (requires.has("publicationDate") && publicationDate === undefined)
    errors.push({ field: "publicationDate", key: "office.error.required" });
  const registrationNumber = text("registrationNumber");
  const proceeding = text("proceeding");

  const data = {
    ...(registrationNumber ? { registrationNumber: registrationNumber.slice(0, 100) } : {}),
    ...(publicationNumber ? { publicationNumber: publicationNumber.slice(0, 100) } : {}),
    ...(publicationDate && isoDate.test(publicationDate)
      ? { publicationDate: publicationDate as Calendar.IsoDate }
      : {}),
  };
  const request: Workflow.ActionRequest = {
    action: actionId.slice(0, 64) || "-",
    ...(reason ? { reason } : {}),
    ...(proceeding ? { proceeding: proceeding.slice(0, 100) } : {}),
    ...(decisions.length > 0 ? { classDecisions: decisions } : {}),
    ...(Object.keys(data).length > 0 ? { data } : {}),
  };

  const finals = new Set(workflow.states.filter((s) => s.final === true).map((s) => s.id));
  const irreversible: DecisionRead["irreversible"] =
    action === undefined
      ? undefined
      : action.effects?.registration === true
        ? "registration"
        : action.outcome !== undefined
          ? refusing
            ? "refusal"
            : undefined
          : action.to !== undefined && finals.has(action.to)
            ? "final"
            : undefined;
  return {
    action,
    request,
    errors,
    irreversible,
    needsConfirmation: irreversible !== undefined && one(form, "confirm") !== "yes",
  };
};

/** Whether `action` is one this module would ask to confirm for some decision (used to label buttons). */
export const mayNeedConfirmation = (workflow: Workflow.Definition, action: Workflow.Action): boolean => {
  const finals = new Set(workflow.states.filter((s) => s.final === true).map((s) => s.id));
  return (
    action.effects?.registration === true ||
    action.outcome !== undefined ||
    (action.to !== undefined && finals.has(action.to))
  );
};

/** Re-exported for the pages: the label of an action or state in a language. */
export const labelOf = Workflow.label;
