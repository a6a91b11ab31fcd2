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
  oppose,
  releaseOpposition,
  transition,
} from "./GoodsAndServices.js";
import { IpKind, type Proceeding, type Right } from "./IpRight.js";
import {
  eventCodeOf,
  markCurrentStatusCategoryValues,
  markEventCategoryValues,
  st27DetailedEventCodes,
  st27KeyEventCodes,
} from "./LegalStatusStandard.js";
import { addMonths, addYears } from "./internal/dates.js";
import { enterState, termStart } from "./internal/lifecycle.js";
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
  "termEnd",
]);
export type TimeLimitStart = typeof TimeLimitStart.Type;

const Count = Schema.Number.check(Schema.isInt(), Schema.isBetween({ minimum: 0, maximum: 1200 }));

/**
 * A time limit of a state: runs `years`/`months`/`days` from its start date; when it runs out, the `action` becomes
 * due (performed by the `system` role, or by staff). `priorityDate` is the earliest priority, or the filing date (the
 * international filing date of a PCT national phase). `termEnd` is the expiry date once no renewal is due any more
 * (the maximum term is reached): a design expires on that day, with no grace period to run.
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

/**
 * The period in which a renewal or annual fee is accepted: from `monthsBefore` months before the renewal date until
 * `graceMonths` months after it (with a surcharge after the renewal date). Offices differ: the last year before expiry
 * in some, 6 months in others; a 6-month grace period is the minimum of Paris Convention art. 5bis(1).
 */
export const RenewalWindow = Schema.Struct({ monthsBefore: Count, graceMonths: Count });
export type RenewalWindow = typeof RenewalWindow.Type;

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
   * With `renewalDue: "nextFilingAnniversary"`: the year of protection the first annual fee is for, as the office's
   * law says (year 2 in some offices: due on the first anniversary). Absent: the year after the action.
   */
  firstAnnuityYear: Schema.optional(Count),
  /**
   * Renews: moves `expiryDate` by `years` (up to `maxYearsFromFiling`) and the renewal date with it, or moves only
   * `renewalDueDate` (annual fees, never beyond the expiry date).
   */
  renew: Schema.optional(
    Schema.Struct({
      field: Schema.Literals(["expiryDate", "renewalDueDate"]),
      years: Count,
      maxYearsFromFiling: Schema.optional(Count),
      /**
       * When the renewal may be recorded: from `monthsBefore` months before the renewal date until `graceMonths`
       * after it (judged on the userdoc's filing date, or today). Outside it, the action is refused, so one term is
       * never renewed twice and nothing is renewed once the grace period has run out. Absent: any time.
       */
      window: Schema.optional(RenewalWindow),
    }),
  ),
  classes: Schema.optional(ClassTransition),
  /**
   * Closes an open proceeding of these types (`"opposition"`, `"appeal"`, `"invalidity"`…): closing date today,
   * outcome the action id. With several open, the request names the one closed (`proceeding`, its number); with
   * `closeAll`, every open one of these types closes (an upheld opposition ends the others).
   */
  closeProceedings: Schema.optional(Schema.Array(Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(64)))),
  closeAll: Schema.optional(Schema.Boolean),
  /**
   * The action records a proceeding of this type that a userdoc opens with its parties, grounds and classes (an
   * opposition): it is performed by that userdoc (`Userdoc.apply`); performed alone it is refused.
   */
  opensProceeding: Schema.optional(Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(64))),
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
  /**
   * While a proceeding of these types is still open after the action (another opposition), the right goes to
   * `to` instead: registration waits for every opposition.
   */
  whileOpen: Schema.optional(
    Schema.Struct({
      proceedings: Schema.Array(Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(64))).check(
        Schema.isMinLength(1),
      ),
      to: Id,
    }),
  ),
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
  const targetsOf = (a: Action): Array<string> => [
    ...(a.outcome !== undefined
      ? [a.outcome.someAccepted, a.outcome.allRefused, ...(a.outcome.allWithdrawn ? [a.outcome.allWithdrawn] : [])]
      : a.to !== undefined && a.to !== previousState && a.to !== currentState
        ? [a.to]
        : []),
    ...(a.whileOpen !== undefined ? [a.whileOpen.to] : []),
  ];
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
    if (a.whileOpen !== undefined && !stateIds.has(a.whileOpen.to)) {
      problems.push({ path: ["actions", i, "whileOpen", "to"], message: `unknown state ${a.whileOpen.to}` });
    }
    const renewal = a.effects?.renew;
    if (renewal?.window !== undefined && renewal.window.monthsBefore >= renewal.years * 12) {
      problems.push({
        path: ["actions", i, "effects", "renew", "window", "monthsBefore"],
        message: `a window opening ${renewal.window.monthsBefore} months before the renewal date would let a ${renewal.years}-year term be renewed twice`,
      });
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
  /** The number of the proceeding the action decides or closes, when several are open (one opposition of many). */
  proceeding: Schema.optional(Schema.String.check(Schema.isNonEmpty(), Schema.isMaxLength(100))),
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
  /** The day the userdoc causing the action was filed: a renewal window is judged on it rather than on `today`. */
  readonly filedOn?: IsoDate | undefined;
  /**
   * The office rule under which the `system` role acts outside a time limit (the unpaid-filings rule,
   * `fees.unpaidFilings`: a filing fee not paid deems the application withdrawn, as EPC art. 78(2)); the caller names it
   * in the request's reason. Without it the system acts only on a time limit that has run out.
   */
  readonly rule?: string | undefined;
}

/**
 * Performs an action on a right: checks that the action is allowed in the right's status and for the actor's role,
 * that the request carries the input the action requires, applies per-class decisions and the action's effects,
 * moves the right to the target state (or the state chosen by the outcome rule), increments the version and returns
 * the event recording the change. The `system` role acts only on time limits: it may perform the action of the
 * right's pending time limit once that limit has run out, and nothing else, unless an office rule is named
 * (`PerformContext.rule`).
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
  if (action.effects?.opensProceeding !== undefined && ctx.userdoc === undefined) {
    problems.push({
      path: ["action"],
      message: `${action.id} is recorded by filing a ${action.effects.opensProceeding} (a userdoc with its parties, grounds and classes)`,
    });
  }
  if (ctx.actor.role === "system" && ctx.rule === undefined) {
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
  // Close the proceeding the action decides first, so the classes it opposed and the outcome see the others only.
  const closing = action.effects?.closeProceedings;
  let closed: ReadonlyArray<Proceeding> = [];
  if (closing !== undefined) {
    const open = (next.proceedings ?? []).filter((p) => p.closedOn === undefined && closing.includes(p.type));
    let chosen: ReadonlyArray<Proceeding> = open;
    if (request.proceeding !== undefined && action.effects?.closeAll !== true) {
      chosen = open.filter((p) => p.number === request.proceeding);
      if (chosen.length === 0) {
        problems.push({
          path: ["proceeding"],
          message: `no open ${closing.join(" or ")} numbered ${request.proceeding} (open: ${numbersOf(open)})`,
        });
      }
    } else if (open.length > 1 && action.effects?.closeAll !== true) {
      problems.push({
        path: ["proceeding"],
        message: `${open.length} ${closing.join(" or ")} proceedings are open: name the one decided (${numbersOf(open)})`,
      });
    }
    if (problems.length > 0) return fail();
    closed = chosen;
    next = {
      ...next,
      proceedings: (next.proceedings ?? []).map((p) =>
        chosen.includes(p) ? { ...p, closedOn: today, outcome: action.id } : p,
      ),
    };
    if (next.kind === "trademark") {
      // Classes the closed oppositions named (all live ones when they named none) and no other open opposition
      // names go back to accepted (or limited): a pending opposition no longer holds them.
      const mark = next;
      const stillOpposed = opposedClasses(mark);
      const released = closed
        .filter((p) => p.type === "opposition")
        .flatMap((p) => p.classes ?? mark.goodsAndServices.map((c) => c.classNumber))
        .filter((n) => !stillOpposed.has(n));
      next = {
        ...mark,
        goodsAndServices: releaseOpposition(mark.goodsAndServices, released, { ...decisionBase, kind: "accept" }),
      };
    }
  }
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
    const alive = classes.filter(
      (c) => c.status === "accepted" || c.status === "limited" || c.status === "registered" || c.status === "opposed",
    );
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
  // A class decided under one opposition stays under opposition while another open opposition names it.
  const stillOpposed = opposedClasses(next);
  if (next.kind === "trademark" && stillOpposed.size > 0) {
    next = {
      ...next,
      goodsAndServices: oppose(
        next.goodsAndServices,
        next.goodsAndServices
          .filter((c) => c.status !== "opposed" && stillOpposed.has(c.classNumber))
          .map((c) => c.classNumber),
        { ...decisionBase, kind: "oppose" },
      ),
    };
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
    // The term of a PCT national phase runs from the international filing date (PCT art. 11(3)).
    const start = effects.expiry.from === "filingDate" ? termStart(next) : (next.registration?.date ?? today);
    next = { ...next, expiryDate: addYears(start, effects.expiry.years) };
  }
  if (effects?.renewalDue === "expiryDate" && next.expiryDate !== undefined) {
    next = { ...next, renewalDueDate: next.expiryDate };
  } else if (effects?.renewalDue === "nextFilingAnniversary" && !(effects.registration && next.renewalDueDate)) {
    // (A grant keeps the annual-fee date already running when the fees were due before grant.)
    const after = next.registration?.date ?? today;
    const start = termStart(next);
    // The first anniversary of the filing date (the international one of a PCT national phase) strictly after
    // `after`, counted from the filing date so a filing on 29 February keeps its day in leap years; never before the
    // year from which the office's law charges annual fees (year n of protection starts on anniversary n - 1).
    let years = Math.max(1, Number(after.slice(0, 4)) - Number(start.slice(0, 4)));
    if (addYears(start, years) <= after) years += 1;
    if (effects.firstAnnuityYear !== undefined) years = Math.max(years, effects.firstAnnuityYear - 1);
    const due = addYears(start, years);
    next = {
      ...next,
      renewalDueDate: next.expiryDate !== undefined && due > next.expiryDate ? next.expiryDate : due,
    };
  }
  if (effects?.renew !== undefined) {
    const window = effects.renew.window;
    const due = next.renewalDueDate;
    if (window !== undefined && due !== undefined) {
      const on = ctx.filedOn ?? today;
      const opens = addMonths(due, -window.monthsBefore);
      const closes = addMonths(due, window.graceMonths);
      if (on < opens || on > closes) {
        problems.push({
          path: ctx.filedOn !== undefined ? ["filedOn"] : ["action"],
          message:
            on < opens
              ? `the next renewal falls due on ${due} and is accepted from ${opens}: ${on} is too early (a term is renewed once)`
              : `renewal of the term due ${due} was accepted until ${closes} (grace period of ${window.graceMonths} months): ${on} is too late`,
        });
        return fail();
      }
    }
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
  // An outcome with no class left alive ends the application whatever else is pending.
  if (action.whileOpen !== undefined && (action.outcome === undefined || target === action.outcome.someAccepted)) {
    const types = action.whileOpen.proceedings;
    if ((next.proceedings ?? []).some((p) => p.closedOn === undefined && types.includes(p.type))) {
      target = action.whileOpen.to;
    }
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
    // An action without its own code records the category of the state it enters; one that keeps the status (a
    // renewal, an opposition filed in the period) records only its own code.
    standardCode:
      action.standardCode ??
      (updated.status !== right.status && targetState?.standard !== undefined
        ? eventCodeOf(targetState.standard)
        : undefined),
    userdoc: ctx.userdoc === undefined ? undefined : compact({ ...ctx.userdoc }),
    changes: diff(right, updated),
  });
  return Result.succeed({ right: updated, event });
};

const numbersOf = (proceedings: ReadonlyArray<Proceeding>): string =>
  proceedings.map((p) => p.number ?? `(unnumbered, opened ${p.openedOn})`).join(", ") || "none";

/** The classes named by the open oppositions of a mark (an opposition naming no class opposes all of them). */
export const opposedClasses = (right: Right): ReadonlySet<number> => {
  if (right.kind !== "trademark") return new Set();
  const all = right.goodsAndServices.map((c) => c.classNumber);
  return new Set(
    (right.proceedings ?? [])
      .filter((p) => p.type === "opposition" && p.closedOn === undefined)
      .flatMap((p) => p.classes ?? all),
  );
};

const renew = (right: Right, rule: NonNullable<Effects["renew"]>): Right | string => {
  if (rule.field === "expiryDate") {
    if (right.expiryDate === undefined) return "the right has no expiry date to renew";
    const expiryDate = addYears(right.expiryDate, rule.years);
    const maximum =
      rule.maxYearsFromFiling === undefined ? undefined : addYears(termStart(right), rule.maxYearsFromFiling);
    if (maximum !== undefined && expiryDate > maximum) {
      return `protection cannot exceed ${rule.maxYearsFromFiling} years from the filing date (it ends on ${right.expiryDate})`;
    }
    // At the maximum term no renewal falls due any more: the right expires on its expiry date, with no grace period.
    if (maximum !== undefined && addYears(expiryDate, rule.years) > maximum) {
      const { renewalDueDate: _due, ...rest } = right;
      return { ...rest, expiryDate } as Right;
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
 * The workflow with the office's renewal window: every renewal action that has a window takes this one (restoration,
 * which has none, is left alone), and every time limit running from the renewal date (expiry or lapse after the grace
 * period) runs `graceMonths`. Validate the result with {@link decode} or {@link validate}: a window opening a whole
 * term before the renewal date is refused.
 */
export const withRenewalWindow = (def: Definition, window: RenewalWindow): Definition => ({
  ...def,
  actions: def.actions.map((a) => {
    const renew = a.effects?.renew;
    return renew?.window === undefined ? a : { ...a, effects: { ...a.effects, renew: { ...renew, window } } };
  }),
  states: def.states.map((s) =>
    s.timeLimits === undefined || !s.timeLimits.some((t) => t.from === "renewalDueDate")
      ? s
      : {
          ...s,
          timeLimits: s.timeLimits.map((t) =>
            t.from === "renewalDueDate"
              ? {
                  action: t.action,
                  from: t.from,
                  months: window.graceMonths,
                  ...(t.labels ? { labels: t.labels } : {}),
                }
              : t,
          ),
        },
  ),
});

/**
 * The workflow with the year of protection from which the office's law charges annual fees (year 2 in some offices):
 * every action setting the first annual-fee date takes it ({@link Effects.firstAnnuityYear}).
 */
export const withFirstAnnuityYear = (def: Definition, year: number): Definition => ({
  ...def,
  actions: def.actions.map((a) =>
    a.effects?.renewalDue === "nextFilingAnniversary" ? { ...a, effects: { ...a.effects, firstAnnuityYear: year } } : a,
  ),
});

/**
 * The workflow of an office whose law charges annual fees while the application is pending (from year `firstYear`:
 * year n starts on anniversary n - 1): the action accepting the filing sets the first annual-fee date; in every
 * pending state (after the initial one, before grant, not final) the annual fee may be paid with the renewal action,
 * and an application whose fee is not paid by the end of the grace period is deemed withdrawn (EPC art. 86(1) is one
 * such law); the grant keeps the dates already running. Validate the result with {@link decode} or {@link validate}.
 */
export const withAnnuitiesBeforeGrant = (def: Definition, firstYear: number): Definition => {
  const renewal = def.actions.find((a) => a.effects?.renew?.field === "renewalDueDate" && a.effects.renew.window);
  const lapse = def.actions.find((a) => a.id === "deem_withdrawn");
  if (renewal === undefined || lapse === undefined) return def;
  const grace = renewal.effects?.renew?.window?.graceMonths ?? 6;
  // The states reached before any action recording the grant or registration.
  const before = new Set([def.initial]);
  const queue = [def.initial];
  for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
    for (const a of def.actions) {
      if (a.effects?.registration === true || !a.from.includes(s)) continue;
      const targets = [
        ...(a.to !== undefined && !a.to.startsWith("@") ? [a.to] : []),
        ...(a.outcome ? [a.outcome.someAccepted, a.outcome.allRefused] : []),
        ...(a.whileOpen ? [a.whileOpen.to] : []),
      ];
      for (const t of targets) {
        if (before.has(t)) continue;
        before.add(t);
        queue.push(t);
      }
    }
  }
  const pending = def.states
    .filter((st) => st.id !== def.initial && before.has(st.id) && st.final !== true)
    .map((st) => st.id);
  const add = (from: ReadonlyArray<string>) => [...from, ...pending.filter((id) => !from.includes(id))];
  return {
    ...def,
    states: def.states.map((st) =>
      pending.includes(st.id)
        ? { ...st, timeLimits: [...(st.timeLimits ?? []), { action: lapse.id, from: "renewalDueDate", months: grace }] }
        : st,
    ),
    actions: def.actions.map((a) => {
      if (a.id === renewal.id || a.id === lapse.id) return { ...a, from: add(a.from) };
      if (
        a.from.includes(def.initial) &&
        a.to !== undefined &&
        pending.includes(a.to) &&
        a.effects?.renewalDue === undefined
      ) {
        return { ...a, effects: { ...a.effects, renewalDue: "nextFilingAnniversary", firstAnnuityYear: firstYear } };
      }
      return a;
    }),
  };
};

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
