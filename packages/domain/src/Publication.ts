/**
 * What the public may see of the register: a rule per kind of right saying from which milestone (filing, publication,
 * registration) a right becomes visible, the test of that rule against a right on a given day ({@link isPublic}), and
 * the public projection of a right and of its events (no staff identifiers, no internal notes).
 *
 * Applications are confidential until the office publishes them: patent offices keep applications secret until they
 * publish them, usually 18 months from the earliest priority (PCT Art. 21(2)(a) and Art. 30; EPC Art. 93(1) and
 * Art. 128(1); 35 U.S.C. 122(a) and (b)). The rule is data: an office configures it per kind, and {@link defaults}
 * gives each kind's usual practice with its source.
 *
 * "Published" is defined from the right's data and its workflow's data, never from status names:
 * - the right's `publication.date` is on or before today; or
 * - it records no publication date and its status is one its workflow reaches only through an action whose effects
 *   record the publication (`effects.publication`), i.e. every path from the initial state to that status passes
 *   through such an action ({@link statesAfter}).
 * "Registered" likewise with `registration.date` and `effects.registration`. A publication or registration dated
 * after today has not happened yet: the right stays hidden until that day even if its status has moved on. No right
 * is public before its filing date.
 *
 * Standard status categories were considered as the signal and rejected: the default patent workflow maps states
 * before publication (search, awaiting publication) and after it (substantive examination) to the same ST.27 key
 * event `D10`, so the category cannot tell them apart; the workflow's publication effect can.
 */
import { Schema } from "effect";
import type { IsoDate } from "./Calendar.js";
import type { RightEvent } from "./Event.js";
import type { Decision } from "./GoodsAndServices.js";
import type { IpKind, Right, Trademark } from "./IpRight.js";
import type { Action, Definition } from "./Workflow.js";

// ---------------------------------------------------------------------------------------------------------------
// The rule as data

/** A milestone that can make a right public. */
export const Milestone = Schema.Literals(["filing", "publication", "registration"]);
export type Milestone = typeof Milestone.Type;

/**
 * The rule of one kind of right: public from `from`, or from the first of several milestones reached
 * (`from: [registration, publication]`).
 */
export const KindRule = Schema.Struct({
  from: Schema.Union([Milestone, Schema.NonEmptyArray(Milestone)]),
});
export type KindRule = typeof KindRule.Type;

/** The rule of every kind. */
export const Rule = Schema.Struct({
  trademark: KindRule,
  patent: KindRule,
  industrial_design: KindRule,
  utility_model: KindRule,
});
export type Rule = typeof Rule.Type;

/**
 * The default rule of each kind, with its source:
 * - `patent` from publication: applications are secret until published, as a rule 18 months from the earliest
 *   priority (PCT Art. 21(2)(a) and Art. 30(2)(a) for national offices; EPC Art. 93(1) and Art. 128(1);
 *   35 U.S.C. 122(a) and (b)).
 * - `utility_model` from publication: the laws that examine utility models before registering them keep the file
 *   confidential like a patent application until it is published (the default workflow publishes it before
 *   registration, with an opposition period).
 * - `industrial_design` from registration or publication, whichever comes first: design applications are secret
 *   until the design is published, and several laws publish only on registration or let the applicant defer
 *   publication (Hague Agreement, 1999 Act, Art. 10(4) confidentiality and Art. 11 deferment up to 30 months;
 *   Community Designs Regulation (EC) No 6/2002, Art. 50 deferment and Art. 74 inspection of files).
 * - `trademark` from publication: the application is published for opposition and the file is not open for
 *   inspection before (EU Trade Mark Regulation (EU) 2017/1001, Art. 44 and Art. 114(1)). Many trademark offices
 *   show applications from filing in their online registers: such an office sets `trademark: { from: filing }`.
 */
export const defaults: Rule = {
  trademark: { from: "publication" },
  patent: { from: "publication" },
  industrial_design: { from: ["registration", "publication"] },
  utility_model: { from: "publication" },
};

/** The milestones of a kind's rule, as a list. */
export const milestonesOf = (rule: KindRule): ReadonlyArray<Milestone> =>
  typeof rule.from === "string" ? [rule.from] : rule.from;

// ---------------------------------------------------------------------------------------------------------------
// Reading the workflow

const targetsOf = (action: Action): ReadonlyArray<string> => [
  ...(action.outcome !== undefined
    ? [
        action.outcome.someAccepted,
        action.outcome.allRefused,
        ...(action.outcome.allWithdrawn ? [action.outcome.allWithdrawn] : []),
      ]
    : // "@previous" and "@current" return to a state the right already had: they reach nothing new.
      action.to !== undefined && !action.to.startsWith("@")
      ? [action.to]
      : []),
  // While a proceeding is still open (another opposition), the action goes there instead.
  ...(action.whileOpen !== undefined ? [action.whileOpen.to] : []),
];

/**
 * The states of a workflow that a right can only be in after an action recording the publication (or registration)
 * was performed: those not reachable from the initial state through the other actions. In the default patent
 * workflow, `substantive_examination`, `grant_pending` and every state after grant are after publication; `refused`
 * too (only substantive examination refuses); `withdrawn` is not (an application can be withdrawn before).
 */
export const statesAfter = (workflow: Definition, effect: "publication" | "registration"): ReadonlyArray<string> => {
  const reachable = new Set([workflow.initial]);
  const queue = [workflow.initial];
  for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
    for (const action of workflow.actions) {
      if (action.effects?.[effect] === true || !action.from.includes(s)) continue;
      for (const target of targetsOf(action)) {
        if (!reachable.has(target)) {
          reachable.add(target);
          queue.push(target);
        }
      }
    }
  }
  return workflow.states.map((s) => s.id).filter((id) => !reachable.has(id));
};

/**
 * One kind's rule resolved against the office's workflow of that kind: the milestones, and the states that mean
 * "published" or "registered" for a right that records no date. The app's query filter and {@link isPublic} both
 * read this value, so the database and the domain apply the same rule.
 */
export interface KindVisibility {
  readonly milestones: ReadonlyArray<Milestone>;
  readonly publishedStates: ReadonlyArray<string>;
  readonly registeredStates: ReadonlyArray<string>;
}

/** The rule of every kind, resolved against the office's workflows. */
export type Visibility = Readonly<Record<IpKind, KindVisibility>>;

/** Resolves the rule against the workflows the office uses (one per kind). */
export const visibility = (rule: Rule, workflows: Readonly<Record<IpKind, Definition>>): Visibility => {
  const resolve = (kind: IpKind): KindVisibility => ({
    milestones: milestonesOf(rule[kind]),
    publishedStates: statesAfter(workflows[kind], "publication"),
    registeredStates: statesAfter(workflows[kind], "registration"),
  });
  return {
    trademark: resolve("trademark"),
    patent: resolve("patent"),
    industrial_design: resolve("industrial_design"),
    utility_model: resolve("utility_model"),
  };
};

// ---------------------------------------------------------------------------------------------------------------
// The rule applied

/** The fields of a right the rule reads. */
export type Visible = Pick<Right, "kind" | "filingDate" | "status" | "publication" | "registration">;

/** Whether the right has reached a milestone by `today` (its filing date is checked by {@link isPublic}). */
export const reached = (right: Visible, milestone: Milestone, kind: KindVisibility, today: IsoDate): boolean => {
  switch (milestone) {
    case "filing":
      return right.filingDate <= today;
    case "publication":
      return right.publication !== undefined
        ? right.publication.date <= today
        : kind.publishedStates.includes(right.status);
    case "registration":
      return right.registration !== undefined
        ? right.registration.date <= today
        : kind.registeredStates.includes(right.status);
  }
};

/**
 * Whether the public may see the right on `today` (the office's date): filed on or before today, and one of its
 * kind's milestones reached. A right withdrawn or refused before it was published stays hidden; one published and
 * then withdrawn stays visible (what was published remains public).
 */
export const isPublic = (right: Visible, visibility: Visibility, today: IsoDate): boolean => {
  if (right.filingDate > today) return false;
  const kind = visibility[right.kind];
  return kind.milestones.some((m) => reached(right, m, kind, today));
};

// ---------------------------------------------------------------------------------------------------------------
// What the public sees of a right and of its events

/** An event as the public sees it: what happened, when, the statuses and the standard code; not who nor why. */
export const PublicEvent = Schema.Struct({
  id: Schema.optional(Schema.String),
  officeCode: Schema.String,
  applicationNumber: Schema.String,
  at: Schema.String,
  action: Schema.String,
  fromStatus: Schema.NullOr(Schema.String),
  toStatus: Schema.String,
  standardCode: Schema.optional(Schema.String),
  /** The type of post-filing request that caused the change (transfer, renewal…). */
  userdoc: Schema.optional(Schema.Struct({ type: Schema.String })),
});
export type PublicEvent = typeof PublicEvent.Type;

/**
 * The public projection of an event: the actor (a staff member's id and role), the reason (objections, notes,
 * grounds typed by staff), the field-by-field changes (which carry decisions with staff ids) and the userdoc's
 * internal number are left out.
 */
export const publicEvent = (event: RightEvent): PublicEvent => ({
  ...(event.id !== undefined ? { id: event.id } : {}),
  officeCode: event.officeCode,
  applicationNumber: event.applicationNumber,
  at: event.at,
  action: event.action,
  fromStatus: event.fromStatus,
  toStatus: event.toStatus,
  ...(event.standardCode !== undefined ? { standardCode: event.standardCode } : {}),
  ...(event.userdoc !== undefined ? { userdoc: { type: event.userdoc.type } } : {}),
});

/** A decision on a class or term as the public sees it: without who took it. */
export type PublicDecision = Omit<Decision, "by">;

type PublicTrademark = Omit<Trademark, "goodsAndServices"> & {
  readonly goodsAndServices: ReadonlyArray<
    Omit<Trademark["goodsAndServices"][number], "decision" | "terms"> & {
      readonly decision?: PublicDecision;
      readonly terms: ReadonlyArray<
        Omit<Trademark["goodsAndServices"][number]["terms"][number], "decision"> & {
          readonly decision?: PublicDecision;
        }
      >;
    }
  >;
};

/** A right as the public sees it: a trademark's class and term decisions do not name the staff member. */
export type PublicRight = Exclude<Right, Trademark> | PublicTrademark;

const withoutBy = (decision: Decision | undefined): { decision?: PublicDecision } => {
  if (decision === undefined) return {};
  const { by: _by, ...rest } = decision;
  return { decision: rest };
};

/**
 * The public projection of a right. Class and term decisions keep their kind, date, action and grounds (the decision
 * the office published on a class) but not `by`, the id of the staff member who took it.
 */
export const publicRight = (right: Right): PublicRight => {
  if (right.kind !== "trademark") return right;
  return { ...right, goodsAndServices: publicGoodsAndServices(right.goodsAndServices) };
};

/**
 * Classes and terms as the public sees them, whatever record holds them (a national trademark, a Madrid designation):
 * each decision keeps its kind, date, action and grounds, not who took it.
 */
export const publicGoodsAndServices = (classes: Trademark["goodsAndServices"]): PublicTrademark["goodsAndServices"] =>
  classes.map(({ decision, terms, ...entry }) => ({
    ...entry,
    ...withoutBy(decision),
    terms: terms.map(({ decision: termDecision, ...term }) => ({ ...term, ...withoutBy(termDecision) })),
  }));
