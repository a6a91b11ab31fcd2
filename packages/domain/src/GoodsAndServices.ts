/**
 * Goods and services of a trademark with a status per Nice class and per term, and the rule that derives the overall
 * status of the mark's goods and services from its classes.
 *
 * A class holds its terms (text, basic number when known, Nice edition of the class) and the decision that last set
 * its status, so a mark can be registered in class 25 and refused in class 35 at the same time (INID 511).
 */
import { Schema } from "effect";
import { IsoDate } from "./Calendar.js";

/** A Nice class number, 1 to 45 (1–34 goods, 35–45 services). */
export const ClassNumber = Schema.Number.check(
  Schema.isInt({ message: "a Nice class is a whole number from 1 to 45" }),
  Schema.isBetween({ minimum: 1, maximum: 45 }, { message: "a Nice class is a whole number from 1 to 45" }),
);
export type ClassNumber = typeof ClassNumber.Type;

/** A Nice edition version such as `"12-2025"` or `"13-2026"` (edition number, year of the version). */
export const NiceEdition = Schema.String.check(
  Schema.isPattern(/^(?:[1-9]|[1-9]\d)-(?:19|20)\d{2}$/, { message: 'a Nice edition looks like "13-2026"' }),
);
export type NiceEdition = typeof NiceEdition.Type;

/** A basic number of the Nice alphabetical list: six digits, the same in every language (e.g. `"250093"`). */
export const BasicNumber = Schema.String.check(
  Schema.isPattern(/^\d{6}$/, { message: "a Nice basic number is six digits" }),
);
export type BasicNumber = typeof BasicNumber.Type;

/**
 * Status of a class or of a term.
 * - `pending`: not decided yet;
 * - `accepted`: examination (or opposition) found no ground for refusal;
 * - `limited`: accepted for some of its terms only (the refused terms carry `refused`);
 * - `refused`: refused, by the examiner or after an opposition;
 * - `withdrawn`: withdrawn by the applicant (or deemed withdrawn);
 * - `opposed`: under opposition;
 * - `registered`: protected;
 * - `surrendered`, `cancelled` (revoked or declared invalid), `expired` (not renewed).
 */
export const Status = Schema.Literals([
  "pending",
  "accepted",
  "limited",
  "refused",
  "withdrawn",
  "opposed",
  "registered",
  "surrendered",
  "cancelled",
  "expired",
]);
export type Status = typeof Status.Type;

/** What a decision on a class or term says. */
export const DecisionKind = Schema.Literals([
  "accept",
  "refuse",
  "limit",
  "withdraw",
  "oppose",
  "register",
  "surrender",
  "cancel",
  "expire",
  "restore",
]);
export type DecisionKind = typeof DecisionKind.Type;

/** The decision that set a status: which action, when, by whom, why, and the event that recorded it. */
export const Decision = Schema.Struct({
  kind: DecisionKind,
  action: Schema.String,
  date: IsoDate,
  by: Schema.String,
  reason: Schema.optional(Schema.String.check(Schema.isMaxLength(10_000))),
  eventId: Schema.optional(Schema.String),
});
export type Decision = typeof Decision.Type;

/** A term of a class: its text, its basic number when known, its own status and decision when decided per term. */
export const Term = Schema.Struct({
  text: Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(2_000)),
  basicNumber: Schema.optional(BasicNumber),
  status: Schema.optional(Status),
  decision: Schema.optional(Decision),
});
export type Term = typeof Term.Type;

/** One Nice class of a mark: its terms, the edition it was classified under, its status and last decision. */
export const ClassEntry = Schema.Struct({
  classNumber: ClassNumber,
  edition: NiceEdition,
  status: Status,
  decision: Schema.optional(Decision),
  terms: Schema.Array(Term),
});
export type ClassEntry = typeof ClassEntry.Type;

/** The goods and services of a mark: class entries in ascending class order, each class at most once. */
export const GoodsAndServices = Schema.Array(ClassEntry).check(
  Schema.makeFilter((classes: ReadonlyArray<ClassEntry>) => duplicateClassIssues(classes)),
);
export type GoodsAndServices = typeof GoodsAndServices.Type;

/** A class as an applicant submits it: the class number and its terms (at least one). */
export const ClassInput = Schema.Struct({
  classNumber: ClassNumber,
  terms: Schema.Array(
    Schema.Union([
      Schema.String.check(Schema.isTrimmed(), Schema.isNonEmpty(), Schema.isMaxLength(2_000)),
      Schema.Struct({
        text: Schema.String.check(Schema.isTrimmed(), Schema.isNonEmpty(), Schema.isMaxLength(2_000)),
        basicNumber: Schema.optional(BasicNumber),
      }),
    ]),
  ).check(Schema.isMinLength(1, { message: "a class needs at least one term" }), Schema.isMaxLength(5_000)),
});
export type ClassInput = typeof ClassInput.Type;

/** The submitted list: at least one class, no class twice. */
export const ListInput = Schema.Array(ClassInput).check(
  Schema.isMinLength(1, { message: "at least one Nice class is required" }),
  Schema.makeFilter((classes: ReadonlyArray<ClassInput>) => duplicateClassIssues(classes)),
);
export type ListInput = typeof ListInput.Type;

function duplicateClassIssues(classes: ReadonlyArray<{ readonly classNumber: number }>) {
  const seen = new Map<number, number>();
  const issues: Array<{ path: Array<PropertyKey>; issue: string }> = [];
  classes.forEach((c, i) => {
    const first = seen.get(c.classNumber);
    if (first === undefined) seen.set(c.classNumber, i);
    else issues.push({ path: [i, "classNumber"], issue: `class ${c.classNumber} appears twice (also at ${first})` });
  });
  return issues;
}

/** Builds the pending goods and services of a new application, classes in ascending order. */
export const fromInput = (list: ListInput, edition: NiceEdition): Array<ClassEntry> =>
  [...list]
    .sort((a, b) => a.classNumber - b.classNumber)
    .map((c) => ({
      classNumber: c.classNumber,
      edition,
      status: "pending" as const,
      terms: c.terms.map((t) =>
        typeof t === "string"
          ? { text: t, status: "pending" as const }
          : t.basicNumber === undefined
            ? { text: t.text, status: "pending" as const }
            : { text: t.text, basicNumber: t.basicNumber, status: "pending" as const },
      ),
    }));

/**
 * The overall status of a mark's goods and services, derived from its classes by this rule, first match wins:
 * 1. `registered` if any class is registered;
 * 2. `opposed` if any class is under opposition;
 * 3. `pending` if any class is pending;
 * 4. `accepted` if any class is accepted or limited (`limited` when none is fully accepted);
 * 5. otherwise every class has ended: `expired`, `cancelled`, `surrendered`, `refused` if any class has that
 *    status (in this order), else `withdrawn`.
 * An empty list is `pending`.
 */
export const overallStatus = (classes: ReadonlyArray<Pick<ClassEntry, "status">>): Status => {
  const has = (s: Status) => classes.some((c) => c.status === s);
  if (classes.length === 0) return "pending";
  if (has("registered")) return "registered";
  if (has("opposed")) return "opposed";
  if (has("pending")) return "pending";
  if (has("accepted")) return "accepted";
  if (has("limited")) return "limited";
  for (const s of ["expired", "cancelled", "surrendered", "refused"] as const) if (has(s)) return s;
  return "withdrawn";
};

/** Statuses in which a class still counts (it can be registered or is protected). */
export const liveStatuses: ReadonlyArray<Status> = ["pending", "accepted", "limited", "opposed", "registered"];

/** Whether a class or term is still alive (not refused, withdrawn or ended). */
export const isLive = (status: Status | undefined): boolean => status === undefined || liveStatuses.includes(status);

/** A decision on one class, as an examiner or the opposition division enters it. */
export const ClassDecisionInput = Schema.Struct({
  classNumber: ClassNumber,
  decision: Schema.Literals(["accept", "refuse", "limit", "withdraw"]),
  /**
   * Per-term decisions. With `limit`, the terms listed as `refuse` are refused and every other live term accepted;
   * with `accept` or `refuse` they override the class decision for the listed terms.
   */
  terms: Schema.optional(
    Schema.Array(
      Schema.Struct({
        text: Schema.String.check(Schema.isNonEmpty()),
        decision: Schema.Literals(["accept", "refuse"]),
      }),
    ),
  ),
  reason: Schema.optional(Schema.String.check(Schema.isMaxLength(10_000))),
});
export type ClassDecisionInput = typeof ClassDecisionInput.Type;

/** A problem with per-class decisions, with the path of the bad field in the request. */
export interface DecisionProblem {
  readonly path: ReadonlyArray<PropertyKey>;
  readonly message: string;
}

/** Who decided, when, under which action: the part of a {@link Decision} common to all classes. */
export interface DecisionContext {
  readonly action: string;
  readonly date: IsoDate;
  readonly by: string;
  readonly eventId?: string | undefined;
}

const termStatus = (d: "accept" | "refuse"): Status => (d === "accept" ? "accepted" : "refused");

/**
 * Applies per-class decisions to a list of classes. Classes not named keep their status; a decision naming a class
 * the mark does not have, naming a class twice, or naming a term the class does not have, is a problem. Terms that
 * are no longer live (refused or withdrawn earlier) stay as they are.
 */
export const applyDecisions = (
  classes: ReadonlyArray<ClassEntry>,
  decisions: ReadonlyArray<ClassDecisionInput>,
  context: DecisionContext,
): { readonly classes: Array<ClassEntry>; readonly problems: Array<DecisionProblem> } => {
  const problems: Array<DecisionProblem> = [];
  const byClass = new Map<number, { readonly decision: ClassDecisionInput; readonly index: number }>();
  decisions.forEach((d, index) => {
    if (byClass.has(d.classNumber)) {
      problems.push({ path: [index, "classNumber"], message: `class ${d.classNumber} is decided twice` });
    } else if (!classes.some((c) => c.classNumber === d.classNumber)) {
      problems.push({
        path: [index, "classNumber"],
        message: `the mark has no class ${d.classNumber} (it has ${classes.map((c) => c.classNumber).join(", ")})`,
      });
    } else byClass.set(d.classNumber, { decision: d, index });
  });
  const next = classes.map((entry): ClassEntry => {
    const found = byClass.get(entry.classNumber);
    if (found === undefined) return entry;
    const { decision: d, index } = found;
    const decision: Decision = withoutUndefined({
      kind: d.decision,
      action: context.action,
      date: context.date,
      by: context.by,
      reason: d.reason,
      eventId: context.eventId,
    });
    const termDecisions = new Map<string, "accept" | "refuse">();
    (d.terms ?? []).forEach((t, ti) => {
      if (!entry.terms.some((term) => term.text === t.text)) {
        problems.push({
          path: [index, "terms", ti, "text"],
          message: `class ${entry.classNumber} has no term "${t.text}"`,
        });
      } else termDecisions.set(t.text, t.decision);
    });
    if (d.decision === "limit" && ![...termDecisions.values()].includes("refuse")) {
      problems.push({ path: [index, "terms"], message: "a limitation names at least one refused term" });
    }
    const defaultTerm: Status =
      d.decision === "refuse" ? "refused" : d.decision === "withdraw" ? "withdrawn" : "accepted";
    const terms = entry.terms.map((term): Term => {
      if (!isLive(term.status)) return term;
      const own = termDecisions.get(term.text);
      const status = own === undefined || d.decision === "withdraw" ? defaultTerm : termStatus(own);
      return { ...term, status, decision: { ...decision, kind: statusKind(status, d.decision) } };
    });
    const liveTerms = terms.filter((t) => t.status === "accepted").length;
    const status: Status =
      d.decision === "withdraw"
        ? "withdrawn"
        : liveTerms === 0
          ? "refused"
          : liveTerms === terms.filter((t) => t.status !== "withdrawn").length
            ? "accepted"
            : "limited";
    return { ...entry, status, decision, terms };
  });
  return { classes: next, problems };
};

const statusKind = (status: Status, fallback: DecisionKind): DecisionKind =>
  status === "accepted" ? "accept" : status === "refused" ? "refuse" : fallback;

/**
 * Moves every class (and its live terms) whose status is in `from` to `to`, recording the decision.
 * Used by workflow actions such as registration (accepted → registered) or expiry (registered → expired).
 */
export const transition = (
  classes: ReadonlyArray<ClassEntry>,
  from: ReadonlyArray<Status>,
  to: Status,
  decision: Decision,
  only?: ReadonlyArray<number>,
): Array<ClassEntry> =>
  classes.map((entry) => {
    if (!from.includes(entry.status)) return entry;
    if (only !== undefined && !only.includes(entry.classNumber)) return entry;
    return {
      ...entry,
      status: to,
      decision,
      terms: entry.terms.map((t) =>
        t.status === undefined || from.includes(t.status) ? { ...t, status: to, decision } : t,
      ),
    };
  });

/**
 * Puts the named live classes under opposition (`opposed`), leaving their terms as they were decided; the mark's
 * overall status follows ({@link overallStatus}: `opposed` before `pending` and `accepted`).
 */
export const oppose = (
  classes: ReadonlyArray<ClassEntry>,
  numbers: ReadonlyArray<number>,
  decision: Decision,
): Array<ClassEntry> =>
  classes.map((entry) =>
    numbers.includes(entry.classNumber) && ["pending", "accepted", "limited", "opposed"].includes(entry.status)
      ? { ...entry, status: "opposed" as const, decision }
      : entry,
  );

/**
 * Ends the opposition of the named classes that are still `opposed`: each goes back to `accepted`, or `limited` when
 * some of its terms were refused, or `pending` when its terms were never decided.
 */
export const releaseOpposition = (
  classes: ReadonlyArray<ClassEntry>,
  numbers: ReadonlyArray<number>,
  decision: Decision,
): Array<ClassEntry> =>
  classes.map((entry) => {
    if (entry.status !== "opposed" || !numbers.includes(entry.classNumber)) return entry;
    const live = entry.terms.filter((t) => t.status !== "withdrawn");
    const status: Status = live.every((t) => t.status === "pending" || t.status === undefined)
      ? "pending"
      : live.every((t) => t.status === "accepted" || t.status === "registered")
        ? "accepted"
        : "limited";
    return { ...entry, status, decision };
  });

/** The class numbers whose status is in `statuses`. */
export const classesWith = (classes: ReadonlyArray<ClassEntry>, statuses: ReadonlyArray<Status>): Array<number> =>
  classes.filter((c) => statuses.includes(c.status)).map((c) => c.classNumber);

function withoutUndefined<A extends object>(value: A): A {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as A;
}
