/**
 * IP rights of four kinds (trademark, patent, industrial design, utility model) with their common bibliographic data,
 * the request an applicant submits, and {@link file}, which turns a request into a new right in its workflow's initial
 * state. A right is a plain JSON-encodable object (ISO strings for dates and instants), ready to store and to return
 * from an API. Bibliographic fields carry INID codes in their documentation (ST.60 marks, ST.9 patents, ST.80 designs).
 */
import { Schema } from "effect";
import type { Actor } from "./Actor.js";
import { IsoDate, type WorkingCalendar } from "./Calendar.js";
import { CountryCode } from "./Country.js";
import { diff, Instant, type RightEvent, StandardStatus } from "./Event.js";
import { eventCodeOf } from "./LegalStatusStandard.js";
import * as GS from "./GoodsAndServices.js";
import * as Party from "./Party.js";
import { timeLimitEnd } from "./internal/dates.js";
import { enterState } from "./internal/lifecycle.js";
import type { Definition } from "./Workflow.js";

/** The four kinds of IP right. */
export const IpKind = Schema.Literals(["trademark", "patent", "industrial_design", "utility_model"]);
export type IpKind = typeof IpKind.Type;

const Text = (max: number) => Schema.String.check(Schema.isMaxLength(max));
const RequiredText = (max: number) =>
  Schema.String.check(Schema.isTrimmed(), Schema.isNonEmpty(), Schema.isMaxLength(max));
const PositiveInt = (max: number) =>
  Schema.Number.check(Schema.isInt(), Schema.isBetween({ minimum: 1, maximum: max }));

/** A priority claim (INID 300 marks, 30 patents): ST.3 country or office, number and date of the earlier filing. */
export const Priority = Schema.Struct({
  country: CountryCode,
  number: RequiredText(100),
  date: IsoDate,
  /** Paris Convention priority (default) or exhibition priority (marks and designs). */
  kind: Schema.optional(Schema.Literals(["paris", "exhibition"])),
  /** Partial priority: the classes the claim covers (marks); absent means all. */
  classes: Schema.optional(Schema.Array(GS.ClassNumber)),
});
export type Priority = typeof Priority.Type;

/** Publication of the application or registration (INID 450 marks, 43/45 patents). */
export const Publication = Schema.Struct({
  number: Schema.optional(Text(100)),
  date: IsoDate,
  bulletin: Schema.optional(Text(100)),
});
export type Publication = typeof Publication.Type;

/** Registration or grant (INID 111/151 marks, 11 and 45 patents): number and date. */
export const Registration = Schema.Struct({ number: RequiredText(100), date: IsoDate });
export type Registration = typeof Registration.Type;

/** The pending time limit of the current state: which action falls due, and on which date. */
export const PendingTimeLimit = Schema.Struct({ action: Schema.String, due: IsoDate, from: Schema.String });
export type PendingTimeLimit = typeof PendingTimeLimit.Type;

/** A recorded right or fact attached to the right by a userdoc: licence, pledge, security measure, bankruptcy… */
export const Recordal = Schema.Struct({
  type: Schema.String,
  number: Schema.optional(Text(100)),
  date: IsoDate,
  parties: Schema.optional(Schema.Array(Party.Party)),
  /** Free details: licence exclusivity and territory, amount secured, court and case number… */
  details: Schema.optional(Schema.Record(Schema.String, Text(2_000))),
  classes: Schema.optional(Schema.Array(GS.ClassNumber)),
  /** Cleared when the recordal is cancelled (licence ended, pledge released). */
  active: Schema.Boolean,
});
export type Recordal = typeof Recordal.Type;

/** A contentious proceeding on the right: opposition, invalidity, revocation, appeal. */
export const Proceeding = Schema.Struct({
  type: Schema.String,
  number: Schema.optional(Text(100)),
  openedOn: IsoDate,
  closedOn: Schema.optional(IsoDate),
  parties: Schema.optional(Schema.Array(Party.Party)),
  grounds: Schema.optional(Text(10_000)),
  classes: Schema.optional(Schema.Array(GS.ClassNumber)),
  outcome: Schema.optional(Text(200)),
});
export type Proceeding = typeof Proceeding.Type;

const common = {
  officeCode: RequiredText(20),
  /** Application number in the office's own form (INID 210 marks, 21 patents and designs). */
  applicationNumber: RequiredText(100),
  /** Application number in WIPO ST.13 form. */
  st13: RequiredText(40),
  /** Filing date (INID 220 marks, 22 patents and designs). */
  filingDate: IsoDate,
  /** Office status: the id of a state of the right's workflow. */
  status: Schema.String,
  statusSince: Instant,
  /** The status before the last status change (restoration returns to it). */
  previousStatus: Schema.optional(Schema.String),
  /** The standard category beside the office status. */
  standardStatus: Schema.optional(StandardStatus),
  workflowId: Schema.String,
  /** Incremented on each change; starts at 1. */
  version: Schema.Number.check(Schema.isInt(), Schema.isGreaterThanOrEqualTo(1)),
  /** Applicants, then owners after registration (INID 731/732 marks, 71/73 patents), in order. */
  owners: Schema.Array(Party.Party),
  /** INID 740 marks, 74 patents. */
  representatives: Schema.Array(Party.Representative),
  priorities: Schema.Array(Priority),
  publication: Schema.optional(Publication),
  registration: Schema.optional(Registration),
  /** End of the current term of protection (INID 180 marks, 18 designs). */
  expiryDate: Schema.optional(IsoDate),
  /** Next renewal or annual-fee date. */
  renewalDueDate: Schema.optional(IsoDate),
  timeLimit: Schema.optional(PendingTimeLimit),
  recordals: Schema.optional(Schema.Array(Recordal)),
  proceedings: Schema.optional(Schema.Array(Proceeding)),
};

/** Kinds of sign (INID 550/ST.96 MarkFeatureCategory). */
export const MarkType = Schema.Literals([
  "word",
  "figurative",
  "combined",
  "three_dimensional",
  "colour",
  "sound",
  "position",
  "pattern",
  "motion",
  "multimedia",
  "hologram",
  "other",
]);
export type MarkType = typeof MarkType.Type;

/** Individual, collective or certification mark (INID 551 for collective and certification). */
export const MarkCategory = Schema.Literals(["individual", "collective", "certification"]);
export type MarkCategory = typeof MarkCategory.Type;

/** A Vienna classification code of a figurative element (INID 531), category.division.section, e.g. `"03.01.08"`. */
export const ViennaCode = Schema.String.check(
  Schema.isPattern(/^\d{2}\.\d{2}\.\d{2}$/, { message: 'a Vienna code looks like "03.01.08"' }),
);

const markFields = {
  /** The verbal element (INID 540). Required for word and combined marks. */
  text: Schema.optional(Text(1_000)),
  type: MarkType,
  transliteration: Schema.optional(Text(1_000)),
  translation: Schema.optional(Text(1_000)),
  /** Colours claimed (INID 591). */
  colours: Schema.optional(Schema.Array(RequiredText(200))),
  /** Vienna codes of the figurative elements (INID 531). */
  viennaCodes: Schema.optional(Schema.Array(ViennaCode)),
  description: Schema.optional(Text(5_000)),
  disclaimer: Schema.optional(Text(2_000)),
  /** A stored representation of the mark (image, sound file), by document id. */
  representation: Schema.optional(
    Schema.Struct({ documentId: RequiredText(200), mediaType: Schema.optional(Text(100)) }),
  ),
};

const verbalElementNeeded = Schema.makeFilter((m: { readonly type: MarkType; readonly text?: string | undefined }) =>
  (m.type === "word" || m.type === "combined") && (m.text === undefined || m.text.trim() === "")
    ? { path: ["text"], issue: `a ${m.type} mark needs its verbal element in text` }
    : undefined,
);

/** The sign of a trademark. */
export const Mark = Schema.Struct({ ...markFields, category: MarkCategory }).check(verbalElementNeeded);
export type Mark = typeof Mark.Type;

/** A trademark (ST.60 INID codes). */
export const Trademark = Schema.Struct({
  kind: Schema.Literal("trademark"),
  ...common,
  mark: Mark,
  /** Goods and services per Nice class with per-class and per-term status (INID 511). */
  goodsAndServices: GS.GoodsAndServices,
});
export type Trademark = typeof Trademark.Type;

/** An IPC symbol such as `"A61K 31/00"` or `"H04L"`. */
export const IpcSymbol = Schema.String.check(
  Schema.isPattern(/^[A-H]\d{2}[A-Z](?: ?\d{1,4}\/\d{1,6})?$/, { message: 'an IPC symbol looks like "A61K 31/00"' }),
);

/** PCT data of a national phase entry (INID 86 international application, 87 international publication). */
export const Pct = Schema.Struct({
  applicationNumber: RequiredText(40),
  filingDate: IsoDate,
  publicationNumber: Schema.optional(Text(40)),
  publicationDate: Schema.optional(IsoDate),
  nationalPhaseEntryDate: Schema.optional(IsoDate),
});
export type Pct = typeof Pct.Type;

const technicalFields = {
  /** Title of the invention (INID 54). */
  title: RequiredText(2_000),
  /** Abstract (INID 57). */
  abstract: Schema.optional(Text(20_000)),
  claimsCount: PositiveInt(10_000),
  /** IPC symbols (INID 51). */
  ipc: Schema.Array(IpcSymbol),
  /** Inventors (INID 72). */
  inventors: Schema.Array(Party.Creator),
  pct: Schema.optional(Pct),
};

/** A patent (ST.9 INID codes). */
export const Patent = Schema.Struct({ kind: Schema.Literal("patent"), ...common, ...technicalFields });
export type Patent = typeof Patent.Type;

/** A utility model (ST.9 INID codes). */
export const UtilityModel = Schema.Struct({ kind: Schema.Literal("utility_model"), ...common, ...technicalFields });
export type UtilityModel = typeof UtilityModel.Type;

/** A Locarno class and subclass such as `"08-05"` (INID 51). */
export const LocarnoClass = Schema.String.check(
  Schema.isPattern(/^(0[1-9]|[12]\d|3[0-2])-\d{2}$/, {
    message: 'a Locarno class looks like "08-05" (classes 01 to 32)',
  }),
);

/** One design of a (possibly multiple) design application. */
export const Design = Schema.Struct({
  /** 1, 2, … within the application. */
  number: PositiveInt(1_000),
  /** Indication of the product (INID 54). */
  product: RequiredText(1_000),
  locarnoClass: LocarnoClass,
  /** Number of views (reproductions, INID 55). */
  views: PositiveInt(100),
  description: Schema.optional(Text(5_000)),
  status: Schema.optional(GS.Status),
});
export type Design = typeof Design.Type;

/** An industrial design application or registration, possibly several designs (ST.80 INID codes). */
export const IndustrialDesign = Schema.Struct({
  kind: Schema.Literal("industrial_design"),
  ...common,
  title: Schema.optional(Text(2_000)),
  designs: Schema.Array(Design).check(Schema.isMinLength(1)),
  /** Designers (INID 72). */
  designers: Schema.Array(Party.Creator),
  /** Locarno edition, e.g. `"14-2023"`. */
  locarnoEdition: Schema.optional(Text(20)),
});
export type IndustrialDesign = typeof IndustrialDesign.Type;

/** An IP right: a union discriminated by `kind`. */
export const Right = Schema.Union([Trademark, Patent, IndustrialDesign, UtilityModel]);
export type Right = typeof Right.Type;

// ---------------------------------------------------------------------------------------------------------------
// Filing requests

const filingCommon = {
  representatives: Schema.optional(Schema.Array(Party.RepresentativeInput).check(Schema.isMaxLength(50))),
  priorities: Schema.optional(Schema.Array(Priority).check(Schema.isMaxLength(100))),
  /** A filing date the office accords (back-office entry of a paper filing); normally set by the office. */
  filingDate: Schema.optional(IsoDate),
};

const Applicants = Party.OwnerList(Party.PartyInput).check(Schema.isMaxLength(100));

/** What an applicant submits for a trademark. */
export const TrademarkFiling = Schema.Struct({
  kind: Schema.Literal("trademark"),
  mark: Schema.Struct({ ...markFields, category: Schema.optional(MarkCategory) }).check(verbalElementNeeded),
  owners: Applicants,
  goodsAndServices: GS.ListInput,
  ...filingCommon,
});
export type TrademarkFiling = typeof TrademarkFiling.Type;

const technicalFiling = {
  title: RequiredText(2_000),
  abstract: Schema.optional(Text(20_000)),
  claimsCount: PositiveInt(10_000),
  ipc: Schema.optional(Schema.Array(IpcSymbol).check(Schema.isMaxLength(200))),
  applicants: Applicants,
  inventors: Schema.Array(Party.CreatorInput).check(
    Schema.isMinLength(1, { message: "at least one inventor is required" }),
    Schema.isMaxLength(200),
  ),
  pct: Schema.optional(Pct),
  ...filingCommon,
};

/** What an applicant submits for a patent. */
export const PatentFiling = Schema.Struct({ kind: Schema.Literal("patent"), ...technicalFiling });
export type PatentFiling = typeof PatentFiling.Type;

/** What an applicant submits for a utility model. */
export const UtilityModelFiling = Schema.Struct({ kind: Schema.Literal("utility_model"), ...technicalFiling });
export type UtilityModelFiling = typeof UtilityModelFiling.Type;

/** What an applicant submits for an industrial design application (one or more designs). */
export const IndustrialDesignFiling = Schema.Struct({
  kind: Schema.Literal("industrial_design"),
  title: Schema.optional(Text(2_000)),
  designs: Schema.Array(
    Schema.Struct({
      product: RequiredText(1_000),
      locarnoClass: LocarnoClass,
      views: PositiveInt(100),
      description: Schema.optional(Text(5_000)),
    }),
  ).check(Schema.isMinLength(1, { message: "at least one design is required" }), Schema.isMaxLength(1_000)),
  applicants: Applicants,
  designers: Schema.optional(Schema.Array(Party.CreatorInput).check(Schema.isMaxLength(200))),
  ...filingCommon,
});
export type IndustrialDesignFiling = typeof IndustrialDesignFiling.Type;

/**
 * The body of a filing (`POST /api/v1/applications`): a union by `kind`. Decode it with
 * `Schema.decodeUnknownResult(FilingRequest, { errors: "all" })` to get every bad field with its path.
 */
export const FilingRequest = Schema.Union([TrademarkFiling, PatentFiling, IndustrialDesignFiling, UtilityModelFiling]);
export type FilingRequest = typeof FilingRequest.Type;

/** What the office supplies when it files a request. */
export interface FilingContext {
  readonly officeCode: string;
  readonly applicationNumber: string;
  readonly st13: string;
  /** The accorded filing date (an explicit `filingDate` in the request is used when the office allows it). */
  readonly filingDate: IsoDate;
  /** When the filing is recorded (ISO instant). */
  readonly at: string;
  readonly actor: Actor;
  /** The workflow of the request's kind. */
  readonly workflow: Definition;
  /** Nice edition under which the goods and services are classified, e.g. `"13-2026"`. */
  readonly niceEdition: string;
  /** The office's working calendar: a time limit ending on a non-working day moves to the next working day. */
  readonly calendar?: WorkingCalendar | undefined;
}

const compact = <A extends object>(value: A): A =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as A;

/**
 * Builds a new right from a decoded filing request: in the workflow's initial state, every class and term pending,
 * version 1, with the filing event (action `"file"`, no previous status). The filing date is the context's.
 */
export const file = (request: FilingRequest, ctx: FilingContext): { right: Right; event: RightEvent } => {
  const base = {
    officeCode: ctx.officeCode,
    applicationNumber: ctx.applicationNumber,
    st13: ctx.st13,
    filingDate: ctx.filingDate,
    status: ctx.workflow.initial,
    statusSince: ctx.at,
    workflowId: ctx.workflow.id,
    version: 1,
    representatives: (request.representatives ?? []).map(Party.representativeFromInput),
    priorities: (request.priorities ?? []).map((p) => compact({ ...p })),
  };
  const draft: Right = (() => {
    switch (request.kind) {
      case "trademark":
        return {
          kind: "trademark",
          ...base,
          owners: request.owners.map(Party.fromInput),
          mark: compact({ ...request.mark, category: request.mark.category ?? "individual" }),
          goodsAndServices: GS.fromInput(request.goodsAndServices, ctx.niceEdition),
        } satisfies Trademark;
      case "patent":
      case "utility_model":
        return compact({
          kind: request.kind,
          ...base,
          owners: request.applicants.map(Party.fromInput),
          title: request.title,
          abstract: request.abstract,
          claimsCount: request.claimsCount,
          ipc: request.ipc ?? [],
          inventors: request.inventors.map(Party.creatorFromInput),
          // A national phase keeps the international filing date beside the date it entered the national phase.
          pct:
            request.pct === undefined
              ? undefined
              : { ...request.pct, nationalPhaseEntryDate: request.pct.nationalPhaseEntryDate ?? ctx.filingDate },
        }) satisfies Patent | UtilityModel;
      case "industrial_design":
        return compact({
          kind: "industrial_design",
          ...base,
          owners: request.applicants.map(Party.fromInput),
          title: request.title,
          designs: request.designs.map((d, i) => compact({ number: i + 1, ...d, status: "pending" as const })),
          designers: (request.designers ?? []).map(Party.creatorFromInput),
        }) satisfies IndustrialDesign;
    }
  })();
  const right = enterState(ctx.workflow, draft, ctx.workflow.initial, ctx.at, ctx.calendar);
  const state = ctx.workflow.states.find((s) => s.id === ctx.workflow.initial);
  const event: RightEvent = compact({
    officeCode: right.officeCode,
    applicationNumber: right.applicationNumber,
    at: ctx.at,
    actor: ctx.actor,
    action: "file",
    fromStatus: null,
    toStatus: right.status,
    standardCode: state?.standard === undefined ? undefined : eventCodeOf(state.standard),
    changes: diff({}, right),
  });
  return { right, event };
};

/** A problem with a right's data, with the path of the field. */
export interface Problem {
  readonly path: ReadonlyArray<PropertyKey>;
  readonly message: string;
}

/** The priority period of a kind of right: 12 months for patents and utility models, 6 for marks and designs. */
export const priorityMonths = (kind: IpKind): number => (kind === "patent" || kind === "utility_model" ? 12 : 6);

/**
 * Checks priority claims against the filing date under the Paris Convention: the earlier filing is before the filing
 * date and at most 12 months before it for patents and utility models, 6 months for marks and designs (art. 4C(1)),
 * counted from the earlier filing date, the day of filing not included (art. 4C(2)); a period ending on a day the
 * office is closed (weekend, holiday of its `calendar`) runs to the next working day (art. 4C(3)). The same claim
 * (country, number, date) given twice is a problem too. Paths are relative to the list of priorities.
 */
export const priorityProblems = (
  kind: IpKind,
  filingDate: IsoDate,
  priorities: ReadonlyArray<Priority>,
  calendar?: WorkingCalendar,
): Problem[] => {
  const months = priorityMonths(kind);
  const seen = new Map<string, number>();
  return priorities.flatMap((p, i): Problem[] => {
    const key = `${p.country} ${p.number.trim()} ${p.date}`;
    const first = seen.get(key);
    if (first !== undefined) return [{ path: [i], message: `the same priority is claimed twice (also at ${first})` }];
    seen.set(key, i);
    if (p.date >= filingDate)
      return [{ path: [i, "date"], message: `priority date ${p.date} is not before the filing date ${filingDate}` }];
    const limit = timeLimitEnd(p.date, { months }, calendar);
    return filingDate > limit
      ? [
          {
            path: [i, "date"],
            message: `the ${months}-month priority period from ${p.date} ended on ${limit}, before the filing date ${filingDate} (Paris Convention art. 4C)`,
          },
        ]
      : [];
  });
};

/**
 * The problems of a filing request the schema cannot see because they depend on the filing date the office accords:
 * its priority claims ({@link priorityProblems}), judged against the international filing date for a PCT national
 * phase. Paths are relative to the request (`priorities.0.date`).
 */
export const filingProblems = (request: FilingRequest, filingDate: IsoDate, calendar?: WorkingCalendar): Problem[] => {
  const pct = request.kind === "patent" || request.kind === "utility_model" ? request.pct : undefined;
  const problems: Problem[] = [];
  if (pct !== undefined && pct.filingDate > filingDate) {
    problems.push({
      path: ["pct", "filingDate"],
      message: `the international filing date ${pct.filingDate} is after the national filing date ${filingDate}`,
    });
  }
  const effective = pct?.filingDate ?? filingDate;
  for (const p of priorityProblems(request.kind, effective, request.priorities ?? [], calendar)) {
    problems.push({ path: ["priorities", ...p.path], message: p.message });
  }
  return problems;
};
