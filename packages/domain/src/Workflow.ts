/**
 * Workflows as data: for each kind of IP right, a state machine of office statuses (states), the actions that move a
 * right between them, the roles allowed to perform each action, time limits that fire an action when they run out,
 * and final states. A workflow is validated when loaded ({@link decode}); {@link availableActions} and
 * {@link perform} run it over a right.
 */
import { Result, Schema, SchemaIssue } from "effect";
import { type Actor, Role } from "./Actor.js";
import { IsoDate, type WorkingCalendar } from "./Calendar.js";
import { diff, type RightEvent, StandardStatus } from "./Event.js";
import {
  applyDecisions,
  ClassDecisionInput,
  Status as ClassStatus,
  DecisionKind,
  isLive,
  transition,
} from "./GoodsAndServices.js";
import { IpKind, type Right } from "./IpRight.js";
import {
  markCurrentStatusCategoryValues,
  markEventCategoryValues,
  st27DetailedEventCodes,
  st27KeyEventCodes,
} from "./LegalStatusStandard.js";
import { addYears } from "./internal/dates.js";
import { enterState } from "./internal/lifecycle.js";
import * as defaultWorkflows from "./workflows/index.js";

/** An identifier of a state or action: lower_snake_case. */
export const Id = Schema.String.check(
  Schema.isPattern(/^[a-z][a-z0-9_]{0,63}$/, { message: "an identifier is lower_snake_case, 1 to 64 characters" }),
);
export type Id = typeof Id.Type;

/** The target `"@previous"` returns a right to the status it had before its last change (used by restoration). */
export const previousState = "@previous";

/** The target `"@current"` keeps the right in its status (renewal from any of several states). */
export const currentState = "@current";

/** Labels per language (BCP 47 tag → text); English is required, Arabic and French are usual. */
export const Labels = Schema.Record(
  Schema.String.check(
    Schema.isPattern(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { message: "a language tag such as en or ar" }),
  ),
  Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(500)),
).check(
  Schema.makeFilter((labels: Readonly<Record<string, string>>) =>
    labels["en"] === undefined ? { path: ["en"], issue: "an English label is required" } : undefined,
  ),
);
export type Labels = typeof Labels.Type;

/** The date a time limit runs from. `entry` is the day the right entered the state. */
export const TimeLimitStart = Schema.Literals([
  "entry",
  "filingDate",
  "priorityDate",
  "publicationDate",
  "registrationDate",
  "expiryDate",
  "renewalDueDate",
]);
export type TimeLimitStart = typeof TimeLimitStart.Type;

const Count = Schema.Number.check(Schema.isInt(), Schema.isBetween({ minimum: 0, maximum: 1200 }));

/**
 * A time limit of a state: runs `years`/`months`/`days` from its start date; when it runs out, the `action` becomes
 * due (performed by the `system` role, or by staff). `priorityDate` is the earliest priority, or the filing date.
 */
export const TimeLimit = Schema.Struct({
  from: TimeLimitStart,
  years: Schema.optional(Count),
  months: Schema.optional(Count),
  days: Schema.optional(Count),
  action: Id,
  labels: Schema.optional(Labels),
});
export type TimeLimit = typeof TimeLimit.Type;

/** A state (office status) of the workflow. */
export const State = Schema.Struct({
  id: Id,
  labels: Labels,
  /** A final state ends the procedure (refused, withdrawn, expired…); it may still allow restoration or appeal. */
  final: Schema.optional(Schema.Boolean),
  /** The standard category beside this office status (ST.27 key event, ST.96 mark current status category). */
  standard: Schema.optional(StandardStatus),
  timeLimits: Schema.optional(Schema.Array(TimeLimit)),
});
export type State = typeof State.Type;

/** Input an action requires beyond the action id. */
export const InputField = Schema.Literals([
  "reason",
  "classDecisions",
  "publicationNumber",
  "publicationDate",
  "registrationNumber",
  "registrationDate",
]);
export type InputField = typeof InputField.Type;

/**
 * For an action with per-class decisions (trademarks): where the right goes, depending on the classes once decided.
 * `allRefused` when no class is left alive, `allWithdrawn` (default: `allRefused`) when every remaining class was
 * withdrawn, `someAccepted` when at least one class is accepted or limited (the right continues with those).
 */
export const Outcome = Schema.Struct({
  someAccepted: Id,
  allRefused: Id,
  allWithdrawn: Schema.optional(Id),
});
export type Outcome = typeof Outcome.Type;

/** Moves classes (and their live terms) from some statuses to another, e.g. accepted → registered on registration. */
export const ClassTransition = Schema.Struct({
  from: Schema.Array(ClassStatus),
  to: ClassStatus,
  decision: DecisionKind,
});
export type ClassTransition = typeof ClassTransition.Type;

/** What an action does to the right besides changing its status. */
export const Effects = Schema.Struct({
  /** Records the publication: number from the input (optional), date from the input or today. */
  publication: Schema.optional(Schema.Boolean),
  /** Records the registration or grant: number from the input (required), date from the input or today. */
  registration: Schema.optional(Schema.Boolean),
  /** Sets the expiry date (end of the first term): `years` from the filing or registration date. */
  expiry: Schema.optional(Schema.Struct({ years: Count, from: Schema.Literals(["filingDate", "registrationDate"]) })),
  /**
   * Sets the next renewal date: the expiry date (marks, designs) or the next anniversary of the filing date after
   * registration (annual fees of patents and utility models).
   */
  renewalDue: Schema.optional(Schema.Literals(["expiryDate", "nextFilingAnniversary"])),
  /**
   * Renews: moves `expiryDate` by `years` (up to `maxYearsFromFiling`) and the renewal date with it, or moves only
   * `renewalDueDate` (annual fees, never beyond the expiry date).
   */
  renew: Schema.optional(
    Schema.Struct({
      field: Schema.Literals(["expiryDate", "renewalDueDate"]),
      years: Count,
      maxYearsFromFiling: Schema.optional(Count),
    }),
  ),
  classes: Schema.optional(ClassTransition),
  /**
   * Closes the open proceedings of these types (`"opposition"`, `"appeal"`, `"invalidity"`…): closing date today,
   * outcome the action id.
   */
  closeProceedings: Schema.optional(Schema.Array(Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(64)))),
});
export type Effects = typeof Effects.Type;

/** An action: from which states, to which state (or by which outcome rule), who may perform it, what it needs. */
export const Action = Schema.Struct({
  id: Id,
  labels: Labels,
  from: Schema.Array(Id).check(Schema.isMinLength(1, { message: "an action starts from at least one state" })),
  /** Target state id, `"@previous"` or `"@current"`; exactly one of `to` and `outcome`. */
  to: Schema.optional(Schema.String),
  outcome: Schema.optional(Outcome),
  roles: Schema.Array(Role).check(Schema.isMinLength(1, { message: "an action names at least one role" })),
  requires: Schema.optional(Schema.Array(InputField)),
  effects: Schema.optional(Effects),
  /** Standard event code recorded on the event (ST.27 detailed event such as `B15`, or an ST.96 mark event). */
  standardCode: Schema.optional(Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(100))),
});
export type Action = typeof Action.Type;

/** A workflow for one kind of IP right. */
export const Definition = Schema.Struct({
  id: Id,
  /** A version label set by whoever edits the workflow ("2026-11", "3"). */
  version: Schema.optional(Schema.String),
  kind: IpKind,
  labels: Labels,
  initial: Id,
  roles: Schema.Array(Role).check(Schema.isMinLength(1)),
  states: Schema.Array(State).check(Schema.isMinLength(1)),
  actions: Schema.Array(Action),
});
export type Definition = typeof Definition.Type;

// ---------------------------------------------------------------------------------------------------------------
// Errors

/** A problem found in a workflow or a request, with the path of the bad field. */
export const Problem = Schema.Struct({
  path: Schema.Array(Schema.Union([Schema.String, Schema.Number])),
  message: Schema.String,
});
export type Problem = typeof Problem.Type;

/** A workflow that cannot be used: each problem names the path of the bad field in the workflow document. */
export class WorkflowInvalid extends Schema.TaggedError<WorkflowInvalid>()("WorkflowInvalid", {
  workflowId: Schema.optional(Schema.String),
  problems: Schema.Array(Problem),
}) {
  override get message(): string {
    return `workflow ${this.workflowId ?? "(no id)"} is invalid: ${this.problems
      .map((p) => `${p.path.join(".") || "(root)"}: ${p.message}`)
      .join("; ")}`;
  }
}

/** The action does not exist or cannot be performed in the right's current status. */
export class ActionNotAllowed extends Schema.TaggedError<ActionNotAllowed>()("ActionNotAllowed", {
  action: Schema.String,
  status: Schema.String,
  /** The actions the actor may perform in this status. */
  allowed: Schema.Array(Schema.String),
}) {
  override get message(): string {
    return `action ${this.action} is not allowed in status ${this.status}; allowed: ${this.allowed.join(", ") || "none"}`;
  }
}

/** The actor's role may not perform this action. */
export class RoleNotAllowed extends Schema.TaggedError<RoleNotAllowed>()("RoleNotAllowed", {
  action: Schema.String,
  role: Schema.String,
  allowedRoles: Schema.Array(Schema.String),
}) {
  override get message(): string {
    return `role ${this.role} may not perform ${this.action}; roles allowed: ${this.allowedRoles.join(", ")}`;
  }
}

/** The request lacks input the action needs, or its input does not fit the right. */
export class InvalidActionInput extends Schema.TaggedError<InvalidActionInput>()("InvalidActionInput", {
  action: Schema.String,
  problems: Schema.Array(Problem),
}) {
  override get message(): string {
    return `invalid input for ${this.action}: ${this.problems
      .map((p) => `${p.path.join(".") || "(request)"}: ${p.message}`)
      .join("; ")}`;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Loading

const toPath = (path: ReadonlyArray<unknown>): Array<string | number> =>
  path.map((p) =>
    typeof p === "number" ? p : typeof p === "object" && p !== null && "key" in p ? String(p.key) : String(p),
  );

const formatIssues = SchemaIssue.makeFormatterStandardSchemaV1();

/** Problems of a schema decoding failure, one per bad field. */
export const issueProblems = (issue: SchemaIssue.Issue): Array<Problem> =>
  formatIssues(issue).issues.map((i) => ({ path: toPath(i.path ?? []), message: i.message }));

const decodeDefinition = Schema.decodeUnknownResult(Definition, { errors: "all" });

/**
 * Decodes and validates a workflow: its shape, then unique ids, a known initial state, actions naming known states
 * and roles, standard codes found in the ST.27 and ST.96 code lists, exactly one of `to`/`outcome` per action, time limits firing actions available in their state, every
 * state reachable from the initial state, no dead end except final states, and a final state reachable from every
 * state. Each problem carries the path of the bad field.
 */
export const decode = (input: unknown): Result.Result<Definition, WorkflowInvalid> => {
  const decoded = decodeDefinition(input);
  if (Result.isFailure(decoded)) {
    const id = typeof input === "object" && input !== null && "id" in input ? input.id : undefined;
    return Result.fail(
      new WorkflowInvalid({
        ...(typeof id === "string" ? { workflowId: id } : {}),
        problems: issueProblems(decoded.failure.issue),
      }),
    );
  }
  const def = decoded.success;
  const problems = validate(def);
  return problems.length === 0
    ? Result.succeed(def)
    : Result.fail(new WorkflowInvalid({ workflowId: def.id, problems }));
};

/** The semantic problems of a well-formed workflow (see {@link decode}); empty when it can be used. */
export const validate = (def: Definition): Array<Problem> => {
  const problems: Array<Problem> = [];
  const stateIds = new Set<string>();
  def.states.forEach((s, i) => {
    if (stateIds.has(s.id)) problems.push({ path: ["states", i, "id"], message: `state ${s.id} is defined twice` });
    stateIds.add(s.id);
  });
  const actionIds = new Set<string>();
  def.actions.forEach((a, i) => {
    if (actionIds.has(a.id)) problems.push({ path: ["actions", i, "id"], message: `action ${a.id} is defined twice` });
    actionIds.add(a.id);
  });
  if (!stateIds.has(def.initial)) problems.push({ path: ["initial"], message: `unknown state ${def.initial}` });
  const roles = new Set(def.roles);
  const targetsOf = (a: Action): Array<string> =>
    a.outcome !== undefined
      ? [a.outcome.someAccepted, a.outcome.allRefused, ...(a.outcome.allWithdrawn ? [a.outcome.allWithdrawn] : [])]
      : a.to !== undefined && a.to !== previousState && a.to !== currentState
        ? [a.to]
        : [];
  def.actions.forEach((a, i) => {
    a.from.forEach((s, j) => {
      if (!stateIds.has(s)) problems.push({ path: ["actions", i, "from", j], message: `unknown state ${s}` });
    });
    a.roles.forEach((r, j) => {
      if (!roles.has(r)) {
        problems.push({
          path: ["actions", i, "roles", j],
          message: `unknown role ${r} (roles: ${def.roles.join(", ")})`,
        });
      }
    });
    if ((a.to === undefined) === (a.outcome === undefined)) {
      problems.push({ path: ["actions", i], message: `action ${a.id} needs exactly one of to and outcome` });
    }
    if (a.to !== undefined && a.to !== previousState && a.to !== currentState && !stateIds.has(a.to)) {
      problems.push({ path: ["actions", i, "to"], message: `unknown state ${a.to}` });
    }
    if (a.outcome !== undefined) {
      for (const key of ["someAccepted", "allRefused", "allWithdrawn"] as const) {
        const target = a.outcome[key];
        if (target !== undefined && !stateIds.has(target)) {
          problems.push({ path: ["actions", i, "outcome", key], message: `unknown state ${target}` });
        }
      }
      if (def.kind !== "trademark") {
        problems.push({ path: ["actions", i, "outcome"], message: "per-class outcomes apply to trademarks only" });
      }
    }
    if (def.kind !== "trademark" && a.requires?.includes("classDecisions")) {
      problems.push({ path: ["actions", i, "requires"], message: "class decisions apply to trademarks only" });
    }
  });
  const knownStatus = (standard: StandardStatus): boolean =>
    standard.standard === "ST.27"
      ? (st27KeyEventCodes as ReadonlyArray<string>).includes(standard.code)
      : (markCurrentStatusCategoryValues as ReadonlyArray<string>).includes(standard.code);
  const knownEvent = (code: string): boolean =>
    def.kind === "trademark"
      ? (markEventCategoryValues as ReadonlyArray<string>).includes(code)
      : (st27DetailedEventCodes as ReadonlyArray<string>).includes(code) ||
        (st27KeyEventCodes as ReadonlyArray<string>).includes(code);
  def.actions.forEach((a, i) => {
    if (a.standardCode !== undefined && !knownEvent(a.standardCode)) {
      problems.push({
        path: ["actions", i, "standardCode"],
        message: `${a.standardCode} is not ${def.kind === "trademark" ? "an ST.96 mark event category" : "an ST.27 event code"}`,
      });
    }
  });
  def.states.forEach((s, i) => {
    if (s.standard !== undefined && !knownStatus(s.standard)) {
      problems.push({
        path: ["states", i, "standard", "code"],
        message: `${s.standard.code} is not ${s.standard.standard === "ST.27" ? "an ST.27 key event" : "an ST.96 mark current status category"}`,
      });
    }
    (s.timeLimits ?? []).forEach((t, j) => {
      const action = def.actions.find((a) => a.id === t.action);
      if (action === undefined) {
        problems.push({ path: ["states", i, "timeLimits", j, "action"], message: `unknown action ${t.action}` });
      } else if (!action.from.includes(s.id)) {
        problems.push({
          path: ["states", i, "timeLimits", j, "action"],
          message: `action ${t.action} cannot be performed in state ${s.id}`,
        });
      }
      if ((t.years ?? 0) + (t.months ?? 0) + (t.days ?? 0) === 0 && t.from === "entry") {
        problems.push({ path: ["states", i, "timeLimits", j], message: "a time limit from entry needs a length" });
      }
    });
  });
  if (problems.length > 0) return problems;
  // Graph checks, once every reference is known to resolve.
  const next = new Map<string, Set<string>>(def.states.map((s) => [s.id, new Set<string>()]));
  const hasExit = new Set<string>();
  for (const a of def.actions) {
    for (const from of a.from) {
      hasExit.add(from);
      for (const to of targetsOf(a)) next.get(from)?.add(to);
    }
  }
  const reachable = closure([def.initial], (s) => next.get(s) ?? []);
  const previous = new Map<string, Set<string>>(def.states.map((s) => [s.id, new Set<string>()]));
  for (const [from, tos] of next) for (const to of tos) previous.get(to)?.add(from);
  const finals = def.states.filter((s) => s.final === true).map((s) => s.id);
  const canEnd = closure(finals, (s) => previous.get(s) ?? []);
  if (finals.length === 0) problems.push({ path: ["states"], message: "the workflow has no final state" });
  def.states.forEach((s, i) => {
    if (!reachable.has(s.id)) {
      problems.push({ path: ["states", i], message: `state ${s.id} cannot be reached from ${def.initial}` });
    }
    if (s.final !== true && !hasExit.has(s.id)) {
      problems.push({
        path: ["states", i],
        message: `state ${s.id} is a dead end: no action leaves it and it is not final`,
      });
    } else if (finals.length > 0 && !canEnd.has(s.id)) {
      problems.push({ path: ["states", i], message: `no final state can be reached from state ${s.id}` });
    }
  });
  return problems;
};

const closure = (start: ReadonlyArray<string>, step: (s: string) => Iterable<string>): Set<string> => {
  const seen = new Set(start);
  const queue = [...start];
  for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
    for (const n of step(s)) {
      if (!seen.has(n)) {
        seen.add(n);
        queue.push(n);
      }
    }
  }
  return seen;
};

// ---------------------------------------------------------------------------------------------------------------
// Running

/** The actions that can be performed on the right in its current status, by `role` when given. */
export const availableActions = (def: Definition, right: Pick<Right, "status">, role?: string): Array<Action> =>
  def.actions.filter((a) => a.from.includes(right.status) && (role === undefined || a.roles.includes(role)));

/**
 * The action of the right's pending time limit when it has run out on `today` (for the office's scheduler, which
 * performs it as the `system` role), otherwise undefined.
 */
export const dueAction = (right: Pick<Right, "timeLimit">, today: string): string | undefined =>
  right.timeLimit !== undefined && right.timeLimit.due <= today ? right.timeLimit.action : undefined;

/**
 * The label in a language: the exact tag (`ar-JO`), then its primary language (`ar`), then English.
 */
export const label = (labels: Labels, language: string): string =>
  labels[language] ?? labels[language.split("-")[0] ?? ""] ?? labels["en"] ?? "";

/** A request to perform an action (the body of `POST …/actions`). */
export const ActionRequest = Schema.Struct({
  action: Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(64)),
  reason: Schema.optional(Schema.String.check(Schema.isMaxLength(10_000))),
  classDecisions: Schema.optional(Schema.Array(ClassDecisionInput).check(Schema.isMaxLength(45))),
  data: Schema.optional(
    Schema.Struct({
      publicationNumber: Schema.optional(Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(100))),
      publicationDate: Schema.optional(IsoDate),
      registrationNumber: Schema.optional(Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(100))),
      registrationDate: Schema.optional(IsoDate),
      bulletin: Schema.optional(Schema.String.check(Schema.isMaxLength(100))),
    }),
  ),
});
export type ActionRequest = typeof ActionRequest.Type;

/** Who performs the action and when. */
export interface PerformContext {
  /** When the action is recorded (ISO instant). */
  readonly at: string;
  /** The office's current date: time-limit actions may run only once their limit has run out. */
  readonly today: IsoDate;
  readonly actor: Actor;
  /** The office's working calendar: a time limit ending on a non-working day moves to the next working day. */
  readonly calendar?: WorkingCalendar | undefined;
  /** Userdoc that caused the action, recorded on the event. */
  readonly userdoc?:
    | { readonly type: string; readonly number?: string | undefined; readonly surcharge?: boolean | undefined }
    | undefined;
}

/**
 * Performs an action on a right: checks that the action is allowed in the right's status and for the actor's role,
 * that the request carries the input the action requires, applies per-class decisions and the action's effects,
 * moves the right to the target state (or the state chosen by the outcome rule), increments the version and returns
 * the event recording the change. The `system` role acts only on time limits: it may perform the action of the
 * right's pending time limit once that limit has run out, and nothing else.
 *
 * Per-class outcome rule: classes named in `classDecisions` take their decision; pending classes not named are
 * accepted. Then `allWithdrawn` if no class is alive and every class that was alive was withdrawn, `allRefused` if no
 * class is alive, otherwise `someAccepted` (the right continues with the accepted and limited classes).
 */
export const perform = (
  def: Definition,
  right: Right,
  request: ActionRequest,
  ctx: PerformContext,
): Result.Result<{ right: Right; event: RightEvent }, ActionNotAllowed | RoleNotAllowed | InvalidActionInput> => {
  const action = def.actions.find((a) => a.id === request.action);
  if (action === undefined || !action.from.includes(right.status)) {
    return Result.fail(
      new ActionNotAllowed({
        action: request.action,
        status: right.status,
        allowed: availableActions(def, right, ctx.actor.role).map((a) => a.id),
      }),
    );
  }
  if (!action.roles.includes(ctx.actor.role)) {
    return Result.fail(new RoleNotAllowed({ action: action.id, role: ctx.actor.role, allowedRoles: action.roles }));
  }
  const problems: Array<Problem> = [];
  const fail = () => Result.fail(new InvalidActionInput({ action: action.id, problems }));
  const requires = new Set(action.requires ?? []);
  if (requires.has("reason") && (request.reason ?? "").trim() === "") {
    problems.push({ path: ["reason"], message: "a reason is required" });
  }
  if (requires.has("classDecisions") && (request.classDecisions ?? []).length === 0) {
    problems.push({ path: ["classDecisions"], message: "decisions per class are required" });
  }
  for (const field of ["publicationNumber", "publicationDate", "registrationNumber", "registrationDate"] as const) {
    if (
      (requires.has(field) || (field === "registrationNumber" && action.effects?.registration)) &&
      !request.data?.[field]
    ) {
      problems.push({ path: ["data", field], message: `${field} is required` });
    }
  }
  if (request.classDecisions !== undefined && right.kind !== "trademark") {
    problems.push({ path: ["classDecisions"], message: "class decisions apply to trademarks only" });
  }
  if (request.classDecisions !== undefined && action.outcome === undefined) {
    problems.push({ path: ["classDecisions"], message: `action ${action.id} does not take class decisions` });
  }
  if (ctx.actor.role === "system") {
    const limit = right.timeLimit;
    if (limit === undefined || limit.action !== action.id) {
      problems.push({ path: ["action"], message: `no time limit firing ${action.id} is pending` });
    } else if (ctx.today < limit.due) {
      problems.push({ path: ["action"], message: `the time limit runs until ${limit.due}` });
    }
  }
  if (problems.length > 0) return fail();

  const today = ctx.today;
  let next: Right = right;
  let target: string | undefined =
    action.to === previousState ? right.previousStatus : action.to === currentState ? right.status : action.to;
  if (action.to === previousState && target === undefined) {
    problems.push({ path: ["action"], message: "the right has no previous status to return to" });
    return fail();
  }
  const decisionBase = { action: action.id, date: today, by: ctx.actor.id };
  if (action.outcome !== undefined && next.kind === "trademark") {
    const applied = applyDecisions(next.goodsAndServices, request.classDecisions ?? [], decisionBase);
    for (const p of applied.problems)
      problems.push({ path: ["classDecisions", ...toPath(p.path)], message: p.message });
    if (problems.length > 0) return fail();
    const named = new Set((request.classDecisions ?? []).map((d) => d.classNumber));
    const unnamed = applied.classes.filter((c) => !named.has(c.classNumber) && c.status === "pending");
    const classes = transition(
      applied.classes,
      ["pending"],
      "accepted",
      { ...decisionBase, kind: "accept" },
      unnamed.map((c) => c.classNumber),
    );
    next = { ...next, goodsAndServices: classes };
    const alive = classes.filter((c) => c.status === "accepted" || c.status === "limited" || c.status === "registered");
    const wasAlive = right.kind === "trademark" ? right.goodsAndServices.filter((c) => isLive(c.status)) : [];
    target =
      alive.length > 0
        ? action.outcome.someAccepted
        : wasAlive.every((c) => classes.find((n) => n.classNumber === c.classNumber)?.status === "withdrawn")
          ? (action.outcome.allWithdrawn ?? action.outcome.allRefused)
          : action.outcome.allRefused;
  } else if (action.outcome !== undefined) {
    target = action.outcome.someAccepted;
  }
  const effects = action.effects;
  if (effects?.publication) {
    next = {
      ...next,
      publication: compact({
        number: request.data?.publicationNumber,
        date: request.data?.publicationDate ?? today,
        bulletin: request.data?.bulletin,
      }),
    };
  }
  if (effects?.registration && request.data?.registrationNumber) {
    next = {
      ...next,
      registration: { number: request.data.registrationNumber, date: request.data.registrationDate ?? today },
    };
  }
  if (effects?.expiry !== undefined) {
    const start = effects.expiry.from === "filingDate" ? next.filingDate : (next.registration?.date ?? today);
    next = { ...next, expiryDate: addYears(start, effects.expiry.years) };
  }
  if (effects?.renewalDue === "expiryDate" && next.expiryDate !== undefined) {
    next = { ...next, renewalDueDate: next.expiryDate };
  } else if (effects?.renewalDue === "nextFilingAnniversary") {
    const after = next.registration?.date ?? today;
    // The first anniversary of the filing date strictly after `after` (counted from the filing date, so a filing
    // on 29 February keeps its day in leap years).
    let years = Math.max(1, Number(after.slice(0, 4)) - Number(next.filingDate.slice(0, 4)));
    if (addYears(next.filingDate, years) <= after) years += 1;
    const due = addYears(next.filingDate, years);
    next = { ...next, renewalDueDate: due };
  }
  if (effects?.renew !== undefined) {
    const renewed = renew(next, effects.renew);
    if (typeof renewed === "string") {
      problems.push({ path: ["action"], message: renewed });
      return fail();
    }
    next = renewed;
  }
  if (effects?.classes !== undefined) {
    const { from, to, decision: kind } = effects.classes;
    const decision = compact({ ...decisionBase, kind, reason: request.reason });
    if (next.kind === "trademark")
      next = { ...next, goodsAndServices: transition(next.goodsAndServices, from, to, decision) };
    if (next.kind === "industrial_design") {
      next = {
        ...next,
        designs: next.designs.map((d) => (from.includes(d.status ?? "pending") ? { ...d, status: to } : d)),
      };
    }
  }
  const closing = effects?.closeProceedings;
  if (closing !== undefined && next.proceedings?.some((p) => p.closedOn === undefined && closing.includes(p.type))) {
    next = {
      ...next,
      proceedings: next.proceedings.map((p) =>
        p.closedOn === undefined && closing.includes(p.type) ? { ...p, closedOn: today, outcome: action.id } : p,
      ),
    };
  }
  const entered = enterState(def, next, target ?? right.status, ctx.at, ctx.calendar);
  const updated: Right = { ...entered, version: right.version + 1 };
  const targetState = def.states.find((s) => s.id === updated.status);
  const event: RightEvent = compact({
    officeCode: right.officeCode,
    applicationNumber: right.applicationNumber,
    at: ctx.at,
    actor: ctx.actor,
    action: action.id,
    reason: request.reason,
    fromStatus: right.status,
    toStatus: updated.status,
    standardCode: action.standardCode ?? targetState?.standard?.code,
    userdoc: ctx.userdoc === undefined ? undefined : compact({ ...ctx.userdoc }),
    changes: diff(right, updated),
  });
  return Result.succeed({ right: updated, event });
};

const renew = (right: Right, rule: NonNullable<Effects["renew"]>): Right | string => {
  if (rule.field === "expiryDate") {
    if (right.expiryDate === undefined) return "the right has no expiry date to renew";
    const expiryDate = addYears(right.expiryDate, rule.years);
    if (rule.maxYearsFromFiling !== undefined && expiryDate > addYears(right.filingDate, rule.maxYearsFromFiling)) {
      return `protection cannot exceed ${rule.maxYearsFromFiling} years from the filing date`;
    }
    return { ...right, expiryDate, renewalDueDate: expiryDate };
  }
  if (right.renewalDueDate === undefined) return "the right has no renewal date";
  if (right.expiryDate !== undefined && right.renewalDueDate >= right.expiryDate) {
    return `fees are paid up to the end of protection on ${right.expiryDate}`;
  }
  const due = addYears(right.renewalDueDate, rule.years);
  return {
    ...right,
    renewalDueDate: right.expiryDate !== undefined && due > right.expiryDate ? right.expiryDate : due,
  };
};

const compact = <A extends object>(value: A): A =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as A;

/**
 * The default workflow of each kind, as data. An office uses them as they are or adapts a copy in its configuration
 * (then loads it with {@link decode}).
 */
export const defaults: Readonly<Record<IpKind, Definition>> = {
  trademark: defaultWorkflows.trademark,
  patent: defaultWorkflows.patent,
  industrial_design: defaultWorkflows.industrialDesign,
  utility_model: defaultWorkflows.utilityModel,
};
