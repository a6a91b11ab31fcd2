/**
 * Workflows as data: for each kind of IP right, a state machine of office statuses (states), the actions that move a
 * right between them, the roles allowed to perform each action, time limits that fire an action when they run out,
 * and final states. A workflow is validated when loaded ({@link decode}); {@link availableActions} and
 * {@link perform} run it over a right.
 */
import { Schema } from "effect";
import { Role } from "./Actor.js";
import { StandardStatus } from "./Event.js";
import { DecisionKind, Status as ClassStatus } from "./GoodsAndServices.js";
import { IpKind } from "./IpRight.js";

/** An identifier of a state or action: lower_snake_case. */
export const Id = Schema.String.check(
  Schema.isPattern(/^[a-z][a-z0-9_]{0,63}$/, { message: "an identifier is lower_snake_case, 1 to 64 characters" }),
);
export type Id = typeof Id.Type;

/** The target `"@previous"` returns a right to the status it had before its last change (used by restoration). */
export const previousState = "@previous";

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
});
export type Effects = typeof Effects.Type;

/** An action: from which states, to which state (or by which outcome rule), who may perform it, what it needs. */
export const Action = Schema.Struct({
  id: Id,
  labels: Labels,
  from: Schema.Array(Id).check(Schema.isMinLength(1, { message: "an action starts from at least one state" })),
  /** Target state id, or `"@previous"`; exactly one of `to` and `outcome`. */
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
