/**
 * From the office's own history to WIPO ST.27 patent legal status (decision 0806): which ST.27 key and detailed event
 * (and event indicator) each event of the office's workflow stands for, and which ST.27 state (Active, Not active,
 * Terminated) and stage each workflow state stands for. `fromHistory` turns a right's events into the
 * `PatentLegalStatus` record that `PatentLegalStatus.write` puts in a `pat:PatentLegalStatusData` document.
 *
 * The default mapping of a workflow is read from the workflow itself: an action's `standardCode` that is an ST.27
 * detailed event gives its codes (the key event is the detailed event's, ST.27 Annex I), and a state's ST.27 key
 * event category gives its ST.27 state and stage (`stateOf`). The filing is A12. The shipped patent and utility-model
 * workflows add codes for the actions that carry none (an objection, an appeal allowed or withdrawn) and the event
 * indicators. An office's override (its configuration) comes last, checked against its workflow with
 * `overrideIssues`. An event that nothing maps is left out (an office-internal step such as a deficiency notice is
 * no change of legal status), as is one mapped to `"omit"`.
 */
import { type Calendar, LegalStatusStandard, type Workflow } from "@ipoffice/domain";
import { Schema } from "effect";
import { type Event, type LegalStatusRecord, Stage, State } from "./PatentLegalStatus.js";

/** The ST.27 codes of one event of the office: key and detailed event (of the same key), event indicator. */
export const EventCodes = Schema.Struct({
  keyEvent: LegalStatusStandard.St27KeyEvent,
  detailedEvent: LegalStatusStandard.St27DetailedEvent,
  indicator: Schema.optional(LegalStatusStandard.St27EventIndicator),
}).pipe(
  Schema.check(
    Schema.makeFilter((e: { readonly keyEvent: string; readonly detailedEvent: string }) => {
      const key = LegalStatusStandard.keyEventOf(e.detailedEvent as LegalStatusStandard.St27DetailedEvent);
      return key === e.keyEvent
        ? true
        : {
            path: ["detailedEvent"],
            issue: `ST.27 detailed event ${e.detailedEvent} belongs to key event ${key}, not ${e.keyEvent}`,
          };
    }),
  ),
);
export type EventCodes = typeof EventCodes.Type;

/** What an event stands for: its ST.27 codes, or `"omit"` (not a legal status event; left out of the record). */
export const EventEntry = Schema.Union([EventCodes, Schema.Literal("omit")]);
export type EventEntry = typeof EventEntry.Type;

/**
 * The ST.27 state and stage of a workflow state. Without `stage`, the stage stays what it was before the event (an
 * application withdrawn during examination stays at stage 2).
 */
export const StateCodes = Schema.Struct({ state: State, stage: Schema.optional(Stage) });
export type StateCodes = typeof StateCodes.Type;

/** A mapping: by event (workflow action id, `file`, `import`, or userdoc type), by workflow state id. */
export const Mapping = Schema.Struct({
  events: Schema.Record(Schema.String, EventEntry),
  states: Schema.Record(Schema.String, StateCodes),
});
export type Mapping = typeof Mapping.Type;

/** An office's changes to the default mapping of one kind (its configuration). */
export const Override = Schema.Struct({
  events: Schema.optional(Schema.Record(Schema.String, EventEntry)),
  states: Schema.optional(Schema.Record(Schema.String, StateCodes)),
});
export type Override = typeof Override.Type;

const detailedCodes: ReadonlySet<string> = new Set(LegalStatusStandard.st27DetailedEventCodes);

/** Codes from a detailed event alone: its key event is the one it belongs to (ST.27 Annex I). */
export const codesOf = (
  detailed: string,
  indicator?: LegalStatusStandard.St27EventIndicator,
): EventCodes | undefined =>
  detailedCodes.has(detailed)
    ? {
        keyEvent: LegalStatusStandard.keyEventOf(detailed as LegalStatusStandard.St27DetailedEvent),
        detailedEvent: detailed as LegalStatusStandard.St27DetailedEvent,
        ...(indicator === undefined ? {} : { indicator }),
      }
    : undefined;

/**
 * The ST.27 state and stage a workflow state stands for, from its ST.27 key event category (ST.27 Annex I, the
 * stages of PatentLegalStatusData_V6_0.xsd `StageCodeType`): filed (A) stage 1, search and examination (D) 2,
 * pre-grant review (E) 3, granted (F), maintained (M), extended (G), revived (K) 4, post-grant review (L) 5; an
 * application discontinued (B), a right ceased (H) or terminated (N) is Not active while an action of the workflow
 * can still leave the state (restoration, appeal) and Terminated at stage 6 when none can; other categories
 * (publication, fees, procedure, appeal…) are Active and keep the stage.
 */
export const stateOf = (workflow: Workflow.Definition, state: Workflow.State): StateCodes => {
  const category = state.standard?.standard === "ST.27" ? state.standard.code.charAt(0) : "";
  const stage: Record<string, StageCode> = { A: "1", D: "2", E: "3", F: "4", M: "4", G: "4", K: "4", L: "5" };
  if (category === "B" || category === "H" || category === "N") {
    const canLeave = workflow.actions.some((a) => a.from.includes(state.id));
    return canLeave ? { state: "N" } : { state: "T", stage: "6" };
  }
  const fixed = stage[category];
  return fixed === undefined ? { state: "A" } : { state: "A", stage: fixed };
};
type StageCode = typeof Stage.Type;

/**
 * Every workflow's filing: `file` (filed through the office) and `import` (brought in from another system, dated by
 * its filing date) are ST.27 A12, a national application submitted with its filing date and number recorded, of a
 * national application procedure (indicator NAP).
 */
const filing: Readonly<Record<string, EventCodes>> = {
  file: { keyEvent: "A10", detailedEvent: "A12", indicator: "NAP" },
  import: { keyEvent: "A10", detailedEvent: "A12", indicator: "NAP" },
};

/** The shipped patent and utility-model workflows (`packages/domain/src/workflows/patent.ts`). */
export const shippedWorkflows: ReadonlyArray<string> = ["patent_default", "utility_model_default"];

/**
 * Codes of the shipped workflows' actions that carry none: D15 an examination report or a notification of the
 * reasons for refusal; V14 an appeal allowed and the decision remanded (back to examination); V13 an appeal
 * rejected or withdrawn.
 */
const shippedCodes: Readonly<Record<string, string>> = {
  raise_objection: "D15",
  allow_appeal: "V14",
  withdraw_appeal: "V13",
};

/**
 * Event indicators of the shipped workflows' actions (ST.27 Annex: SRH search, EXM examination, OPP opposition, APL
 * administrative appeal procedure).
 */
const shippedIndicators: Readonly<Record<string, LegalStatusStandard.St27EventIndicator>> = {
  complete_search: "SRH",
  raise_objection: "EXM",
  intend_to_grant: "EXM",
  accept: "EXM",
  refuse: "EXM",
  file_opposition: "OPP",
  withdraw_opposition_in_period: "OPP",
  opposition_withdrawn: "OPP",
  reject_opposition: "OPP",
  uphold_opposition: "OPP",
  file_appeal: "APL",
  allow_appeal: "APL",
  dismiss_appeal: "APL",
  withdraw_appeal: "APL",
};

/** A utility model's opposition period comes before registration: a pre-grant challenge (stage 3). */
const shippedStates: Readonly<Record<string, Readonly<Record<string, StateCodes>>>> = {
  utility_model_default: { opposition_period: { state: "A", stage: "3" } },
};

/**
 * The default mapping of a workflow: `file` and `import` as A12, every action whose `standardCode` is an ST.27
 * detailed event, every state from its ST.27 category (`stateOf`); for the shipped workflows also the codes of
 * their actions that carry none, the event indicators and the utility model's opposition stage.
 */
export const defaultMapping = (workflow: Workflow.Definition): Mapping => {
  const isShipped = shippedWorkflows.includes(workflow.id);
  const events: Record<string, EventEntry> = { ...filing };
  for (const a of workflow.actions) {
    const code = a.standardCode ?? (isShipped ? shippedCodes[a.id] : undefined);
    const c = code === undefined ? undefined : codesOf(code, isShipped ? shippedIndicators[a.id] : undefined);
    if (c !== undefined) events[a.id] = c;
  }
  const states: Record<string, StateCodes> = {};
  for (const s of workflow.states) states[s.id] = stateOf(workflow, s);
  return { events, states: { ...states, ...(isShipped ? shippedStates[workflow.id] : undefined) } };
};

/** A mapping with an office's override applied (its entries replace the defaults one by one). */
export const withOverride = (mapping: Mapping, override: Override | undefined): Mapping =>
  override === undefined
    ? mapping
    : {
        events: { ...mapping.events, ...override.events },
        states: { ...mapping.states, ...override.states },
      };

/** One problem of an override, with its path inside the override (`events.grnat`). */
export interface OverrideIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * What is wrong with an override for a workflow: a state that is not one of the workflow's, an event that is neither
 * an action of the workflow nor `file` or `import` nor one of `otherEvents` (the office's userdoc types). The codes
 * themselves are checked by the `Override` schema.
 */
export const overrideIssues = (
  workflow: Workflow.Definition,
  override: Override,
  otherEvents: ReadonlyArray<string> = [],
): Array<OverrideIssue> => {
  const actions = new Set([...workflow.actions.map((a) => a.id), "file", "import", ...otherEvents]);
  const states = new Set(workflow.states.map((s) => s.id));
  return [
    ...Object.keys(override.events ?? {})
      .filter((id) => !actions.has(id))
      .map((id) => ({
        path: `events.${id}`,
        message: `"${id}" is not an action of the ${workflow.kind} workflow (${workflow.id}), nor file, import or a userdoc type`,
      })),
    ...Object.keys(override.states ?? {})
      .filter((id) => !states.has(id))
      .map((id) => ({
        path: `states.${id}`,
        message: `"${id}" is not a state of the ${workflow.kind} workflow (${workflow.id}): ${workflow.states.map((s) => s.id).join(", ")}`,
      })),
  ];
};

/** One event of a right's history as the office recorded it. */
export interface HistoryEvent {
  /** The event's date in the office's time zone. */
  readonly date: Calendar.IsoDate;
  /** The workflow action, `file`, `import` or the userdoc type. */
  readonly action: string;
  /** The office status after the event. */
  readonly toStatus: string;
  /** The standard code the event recorded, if any (used when the mapping has no entry for the action). */
  readonly standardCode?: string | undefined;
}

/** A right's identification and its history, oldest event first. */
export interface History {
  readonly officeCode: LegalStatusRecord["officeCode"];
  readonly applicationNumber: string;
  readonly filingDate?: Calendar.IsoDate | undefined;
  readonly events: ReadonlyArray<HistoryEvent>;
}

/**
 * The ST.27 legal status of a right from its history: for each event the mapping gives codes for (or, without an
 * entry, whose recorded standard code is an ST.27 detailed event), the key and detailed event, the indicator, the
 * date, the office's own action as the national event code, and the ST.27 state and stages from the status it
 * entered (a status the mapping does not know: state Unspecified, stage unchanged). The stage follows every event,
 * reported or not: the previous stage of an event is where the right stood just before it. `undefined` when no
 * event maps.
 */
export const fromHistory = (history: History, mapping: Mapping): LegalStatusRecord | undefined => {
  const out: Array<Event> = [];
  let stage: StageCode = "0";
  for (const e of history.events) {
    const entry = Object.hasOwn(mapping.events, e.action) ? mapping.events[e.action] : undefined;
    const codes =
      entry === "omit" ? undefined : (entry ?? (e.standardCode === undefined ? undefined : codesOf(e.standardCode)));
    const target = Object.hasOwn(mapping.states, e.toStatus) ? mapping.states[e.toStatus] : undefined;
    const next: StageCode = target?.stage ?? stage;
    // An event left out still moves the right on: the next reported event starts from the stage it reached.
    if (codes === undefined) {
      stage = next;
      continue;
    }
    out.push({
      date: e.date,
      state: target?.state ?? "U",
      previousStage: stage,
      currentStage: next,
      keyEvent: codes.keyEvent,
      detailedEvent: codes.detailedEvent,
      ...(codes.indicator === undefined ? {} : { indicator: codes.indicator }),
      nationalCode: e.action.slice(0, 100),
    } as Event);
    stage = next;
  }
  if (out.length === 0) return undefined;
  return {
    officeCode: history.officeCode,
    applicationNumber: history.applicationNumber,
    ...(history.filingDate === undefined ? {} : { filingDate: history.filingDate }),
    events: out,
  } as LegalStatusRecord;
};
