/**
 * The national record of a designation (an international registration that designates this office), built on
 * `@ipoffice/domain` types (parties, goods and services with per-class and per-term status, right events), and the
 * pure rules that apply IB transactions and the office's own decisions to it.
 *
 * Every rule is idempotent: each change carries the transaction's idempotency key in its event
 * (`event.userdoc.number`), and a transaction whose key is already on the record changes nothing.
 */
import { Calendar, Country, Event, GoodsAndServices as GS, Party as DomainParty } from "@ipoffice/domain";
import { Result, Schema } from "effect";
import * as IB from "./IBTransaction.js";
import type * as Office from "./OfficeTransaction.js";
import { BasicMark, type ClassGoods, type GoodsLimitation, Mark, type Party } from "./Party.js";
import { OppositionInfo, RefusalTimeLimit, refusalTimeLimit } from "./TimeLimit.js";

/** Where a designation stands. */
export const Status = Schema.Literals([
  "pending",
  "provisionally-refused",
  "partially-granted",
  "granted",
  "refused",
  "protected-by-default",
  "cancelled",
  "renounced",
  "ceased",
  "invalidated",
  "expired",
  "transferred",
]);
export type Status = typeof Status.Type;

/** A licence recorded against the designation. */
export const LicenceRecord = Schema.Struct({
  id: Schema.String,
  category: Schema.optional(Schema.String),
  licensees: Schema.Array(DomainParty.Party),
  since: Calendar.IsoDate,
});
export type LicenceRecord = typeof LicenceRecord.Type;

/** The national record of a designation. */
export const Designation = Schema.Struct({
  /** The designated office (ST.3), e.g. `OM`. */
  officeCode: Country.CountryCode,
  irNumber: IB.IrNumber,
  irDate: Calendar.IsoDate,
  /** How the office came to be designated: ST.96 `tmk:MadridDesignationCategory`. */
  designationCategory: Schema.String,
  officeOfOrigin: Country.CountryCode,
  /** Date the IB notified the designation; the refusal time limit runs from it. */
  notificationDate: Calendar.IsoDate,
  refusalTimeLimit: RefusalTimeLimit,
  /** What the office told the IB about a possible opposition after the 18 months (art. 5(2)(c)), when it did. */
  oppositionInfo: Schema.optional(OppositionInfo),
  expiryDate: Calendar.IsoDate,
  holders: Schema.Array(DomainParty.Party),
  representative: Schema.optional(DomainParty.Representative),
  mark: Mark,
  goodsAndServices: GS.GoodsAndServices,
  basic: Schema.Array(BasicMark),
  status: Status,
  /** Date of the last status change. */
  statusDate: Calendar.IsoDate,
  licences: Schema.Array(LicenceRecord),
  /** Every change, oldest first; `userdoc.number` holds the idempotency key of the transaction applied. */
  events: Schema.Array(Event.RightEvent),
});
export type Designation = typeof Designation.Type;

/** What the rules need to know about the office. */
export interface OfficeConfig {
  readonly officeCode: Country.CountryCode;
  /** The office's country made the Protocol art. 5(2)(b) declaration (18-month refusal time limit). */
  readonly declaration518b: boolean;
  /** Its declaration also covers refusals based on an opposition after the 18 months (art. 5(2)(c)); default no. */
  readonly declaration52c?: boolean | undefined;
  /**
   * The office's working calendar: a refusal time limit ending on a day the office is closed moves to the next
   * working day (Common Regulations Rule 4(4)). Without one, every day is a working day.
   */
  readonly calendar?: Calendar.WorkingCalendar | undefined;
  /** Nice edition recorded for the classes of new designations (e.g. "13-2026"). */
  readonly niceEdition: GS.NiceEdition;
}

/** Why a transaction could not be applied. */
export class MadridApplyError extends Schema.TaggedError<MadridApplyError>()("MadridApplyError", {
  reason: Schema.Literals(["UnknownRegistration", "NotDesignated", "Conflict"]),
  irNumber: Schema.String,
  message: Schema.String,
}) {}

/** Looks up the current record of an international registration (the app reads its store). */
export type Lookup = (irNumber: string) => Designation | undefined;

const ib: Event.RightEvent["actor"] = { id: "wipo-ib", role: "system", name: "International Bureau of WIPO" };
const office: Event.RightEvent["actor"] = { id: "madrid-desk", role: "examiner" };

const endedStatuses: ReadonlyArray<Status> = [
  "cancelled",
  "renounced",
  "ceased",
  "invalidated",
  "expired",
  "transferred",
];

// ---------------------------------------------------------------------------------------------------------
// Conversions from the message model to the domain

const toDomainParty = (p: Party): DomainParty.Party => {
  const country = p.address?.countryCode ?? p.nationalityCode ?? ("ZZ" as Country.CountryCode);
  return {
    name: p.name.trim() || "(no name)",
    kind: p.kind === "person" ? "natural" : "legal",
    country,
    ...(p.nationalityCode ? { nationality: p.nationalityCode } : {}),
    ...(p.address
      ? {
          address: {
            street: p.address.lines.join(", "),
            country: p.address.countryCode,
            ...(p.address.city !== undefined ? { city: p.address.city } : {}),
            ...(p.address.postalCode !== undefined ? { postalCode: p.address.postalCode } : {}),
          },
        }
      : {}),
  } as DomainParty.Party;
};

const sameTerm = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

const classEntries = (classes: ReadonlyArray<ClassGoods>, edition: GS.NiceEdition): Array<GS.ClassEntry> =>
  [...classes]
    .sort((a, b) => a.classNumber - b.classNumber)
    .reduce<Array<GS.ClassEntry>>((acc, c) => {
      const prev = acc.find((x) => x.classNumber === c.classNumber);
      const terms = c.terms.map((t) => ({ text: t, status: "pending" as const }));
      if (prev) {
        acc[acc.indexOf(prev)] = { ...prev, terms: [...prev.terms, ...terms] };
      } else acc.push({ classNumber: c.classNumber, edition, status: "pending", terms });
      return acc;
    }, []);

const instant = (date: string): Event.Instant => `${date}T00:00:00Z` as Event.Instant;

const withEvent = (
  before: Designation | undefined,
  after: Omit<Designation, "events">,
  e: {
    key: string;
    action: string;
    date: string;
    standardCode?: string;
    reason?: string;
    actor?: Event.RightEvent["actor"];
  },
): Designation => {
  const event: Event.RightEvent = {
    officeCode: after.officeCode,
    applicationNumber: after.irNumber,
    at: instant(e.date),
    actor: e.actor ?? ib,
    action: e.action,
    fromStatus: before ? before.status : null,
    toStatus: after.status,
    userdoc: { type: e.action, number: e.key },
    changes: Event.diff(before ? { ...before, events: undefined } : {}, { ...after, events: undefined }),
    ...(e.standardCode !== undefined ? { standardCode: e.standardCode } : {}),
    ...(e.reason !== undefined ? { reason: e.reason } : {}),
  };
  return { ...after, events: [...(before?.events ?? []), event] } as Designation;
};

/** True when the transaction with this key is already on the record. */
export const hasApplied = (d: Designation, key: string): boolean => d.events.some((e) => e.userdoc?.number === key);

// ---------------------------------------------------------------------------------------------------------
// Goods and services

const decision = (kind: GS.DecisionKind, action: string, date: string, reason?: string): GS.Decision =>
  ({ kind, action, date, by: "wipo-ib", ...(reason ? { reason } : {}) }) as GS.Decision;

/** Sets `status` on the terms a limitation takes away; a class whose terms have all gone takes the status too. */
const restrict = (
  classes: ReadonlyArray<GS.ClassEntry>,
  limitation: GoodsLimitation,
  status: GS.Status,
  d: GS.Decision,
): Array<GS.ClassEntry> =>
  classes.map((c) => {
    const listed = limitation.classes.filter((l) => l.classNumber === c.classNumber);
    const hit = (term: string) => listed.some((l) => l.terms.some((t) => sameTerm(t, term)));
    const removed = (term: string) =>
      limitation.category === "Remove from list" ? hit(term) : listed.length === 0 || !hit(term);
    let changed = false;
    const terms = c.terms.map((t) => {
      if (!GS.isLive(t.status) || !removed(t.text)) return t;
      changed = true;
      return { ...t, status, decision: d };
    });
    if (!changed) return c;
    const anyLive = terms.some((t) => GS.isLive(t.status));
    return anyLive ? { ...c, terms } : { ...c, terms, status, decision: d };
  });

const setAll = (classes: ReadonlyArray<GS.ClassEntry>, status: GS.Status, d: GS.Decision) =>
  classes.map((c) =>
    GS.isLive(c.status)
      ? {
          ...c,
          status,
          decision: d,
          terms: c.terms.map((t) => (GS.isLive(t.status) ? { ...t, status, decision: d } : t)),
        }
      : c,
  );

const concerns = (officeCode: string) => (l: GoodsLimitation) =>
  l.countries === undefined || l.countries.length === 0 || l.countries.includes(officeCode as Country.CountryCode);

// ---------------------------------------------------------------------------------------------------------
// Applying IB transactions

const create = (config: OfficeConfig, t: IB.Designation, key: string, base?: Designation): Designation => {
  const limit = refusalTimeLimit({
    notificationDate: t.notificationDate,
    declaration518b: config.declaration518b,
    declaration52c: config.declaration52c,
    calendar: config.calendar,
    oppositionInfo: base?.oppositionInfo,
  });
  let goods = classEntries(t.goodsAndServices, config.niceEdition);
  for (const l of t.limitations.filter(concerns(config.officeCode))) {
    goods = restrict(goods, l, "withdrawn", decision("limit", "madrid.limitation", t.effectiveDate));
  }
  const record: Omit<Designation, "events"> = {
    officeCode: config.officeCode,
    irNumber: t.irNumber,
    irDate: t.irDate,
    designationCategory: t.category,
    officeOfOrigin: t.officeOfOrigin,
    notificationDate: t.notificationDate,
    refusalTimeLimit: limit,
    ...(base?.oppositionInfo ? { oppositionInfo: base.oppositionInfo } : {}),
    expiryDate: t.expiryDate,
    holders: t.holders.map(toDomainParty),
    ...(t.representative ? { representative: toDomainParty(t.representative) } : {}),
    mark: t.mark,
    goodsAndServices: goods,
    basic: t.basic,
    status: base?.status ?? "pending",
    statusDate: base?.statusDate ?? t.notificationDate,
    licences: base?.licences ?? [],
  };
  return withEvent(base, record, {
    key,
    action: base ? "madrid.designation.renotified" : "madrid.designation",
    date: t.notificationDate,
    standardCode: t.category,
  });
};

const designated = (config: OfficeConfig, t: IB.Designation): Result.Result<void, MadridApplyError> =>
  t.designatedCountries.includes(config.officeCode)
    ? Result.void
    : Result.fail(
        new MadridApplyError({
          reason: "NotDesignated",
          irNumber: t.irNumber,
          message: `international registration ${t.irNumber} does not designate ${config.officeCode} (designates ${t.designatedCountries.join(", ")})`,
        }),
      );

const terminationStatus: Record<IB.DesignationTermination["category"], Status> = {
  "Non renewal of trademark": "expired",
  "Non renewal of contracting party": "expired",
  "Total ceasing of effect": "ceased",
  Renunciation: "renounced",
  "Partial change of ownership": "transferred",
  "International registration merger following partial transfer": "transferred",
  "International registration merger following division": "transferred",
  "Second payment not paid": "cancelled",
  "Total cancellation": "cancelled",
};
const classStatusOf = (s: Status): GS.Status =>
  s === "renounced" ? "surrendered" : s === "expired" ? "expired" : s === "transferred" ? "withdrawn" : "cancelled";

const terminate = (d: Designation, t: IB.DesignationTermination, key: string): Designation => {
  const status = terminationStatus[t.category];
  const dec = decision(status === "renounced" ? "surrender" : "cancel", "madrid.termination", t.filingDate, t.category);
  return withEvent(
    d,
    {
      ...d,
      status,
      statusDate: t.recordingDate ?? t.filingDate,
      goodsAndServices: setAll(d.goodsAndServices, classStatusOf(status), dec),
    },
    { key, action: "madrid.termination", date: t.recordingDate ?? t.filingDate, standardCode: t.category },
  );
};

const restrictionStatus: Record<IB.ProtectionRestriction["category"], GS.Status | undefined> = {
  Limitation: "withdrawn",
  "Partial cancellation": "cancelled",
  "Partial ceasing of effect": "cancelled",
  "Partial change of ownership": "withdrawn",
  "International registration division": "withdrawn",
  "Final decision": "refused",
  "Restriction of a holders right of disposal": undefined,
  "Restriction removal of a holders right of disposal": undefined,
};

const restrictRecord = (
  config: OfficeConfig,
  d: Designation,
  t: IB.ProtectionRestriction,
  key: string,
): Designation => {
  const status = restrictionStatus[t.category];
  let goods = d.goodsAndServices;
  if (status !== undefined) {
    const dec = decision(
      status === "withdrawn" ? "limit" : "cancel",
      "madrid.restriction",
      t.effectiveDate,
      t.category,
    );
    for (const l of t.limitations.filter(concerns(config.officeCode))) goods = restrict(goods, l, status, dec);
  }
  const live = goods.some((c) => GS.isLive(c.status));
  const next: Status = live ? d.status : status === "cancelled" ? "cancelled" : "transferred";
  return withEvent(
    d,
    { ...d, goodsAndServices: goods, status: next, statusDate: next === d.status ? d.statusDate : t.effectiveDate },
    { key, action: "madrid.restriction", date: t.effectiveDate, standardCode: t.category },
  );
};

const unknown = (irNumber: string) =>
  Result.fail(
    new MadridApplyError({
      reason: "UnknownRegistration",
      irNumber,
      message: `no national record of international registration ${irNumber}: its designation must be imported first`,
    }),
  );

/**
 * Applies one IB transaction. Returns the records to store (created or changed, in order); when the transaction
 * was already applied, the records are returned unchanged. A transaction about a registration the office has no
 * record of fails with `UnknownRegistration`.
 */
export const apply = (
  config: OfficeConfig,
  t: IB.IBTransaction,
  lookup: Lookup,
): Result.Result<ReadonlyArray<Designation>, MadridApplyError> => {
  const key = IB.idempotencyKey(config.officeCode, t);
  const existing = lookup(IB.irNumberOf(t));
  if (existing && hasApplied(existing, key)) return Result.succeed([existing]);
  switch (t._tag) {
    case "Designation": {
      const ok = designated(config, t);
      if (Result.isFailure(ok)) return Result.fail(ok.failure);
      return Result.succeed([create(config, t, key, existing)]);
    }
    case "PartialChangeOwnership": {
      const ok = designated(config, t.designation);
      const old = lookup(t.remainder.irNumber);
      if (!old) return unknown(t.remainder.irNumber);
      const changedOld = hasApplied(old, key)
        ? old
        : t.remainder._tag === "DesignationTermination"
          ? terminate(old, t.remainder, key)
          : restrictRecord(config, old, t.remainder, key);
      if (Result.isFailure(ok)) return Result.succeed([changedOld]);
      return Result.succeed([changedOld, existing ?? create(config, t.designation, key)]);
    }
    case "Merger": {
      const old = lookup(t.termination.irNumber);
      const ok = designated(config, t.designation);
      const merged = Result.isSuccess(ok) ? [existing ?? create(config, t.designation, key)] : [];
      if (!old) return merged.length > 0 ? Result.succeed(merged) : unknown(t.termination.irNumber);
      return Result.succeed([hasApplied(old, key) ? old : terminate(old, t.termination, key), ...merged]);
    }
    default:
      break;
  }
  if (!existing) return unknown(IB.irNumberOf(t));
  const d = existing;
  switch (t._tag) {
    case "DesignationTermination":
      return Result.succeed([terminate(d, t, key)]);
    case "ProtectionRestriction":
      return Result.succeed([restrictRecord(config, d, t, key)]);
    case "Renewal":
      return Result.succeed([
        withEvent(
          d,
          { ...d, expiryDate: t.expiryDate },
          { key, action: "madrid.renewal", date: t.renewalDate, standardCode: t.category },
        ),
      ]);
    case "HolderRepresentativeChange": {
      const holders = t.holders.length > 0 ? t.holders.map(toDomainParty) : d.holders;
      const representative = t.representative ? toDomainParty(t.representative) : d.representative;
      return Result.succeed([
        withEvent(
          d,
          { ...d, holders, ...(representative ? { representative } : {}) },
          { key, action: "madrid.holder-representative-change", date: t.effectiveDate, standardCode: t.category },
        ),
      ]);
    }
    case "CompletedProcessing": {
      const total = t.category === "Total invalidation";
      const next = total
        ? {
            ...d,
            status: "invalidated" as const,
            statusDate: t.effectiveDate,
            goodsAndServices: setAll(
              d.goodsAndServices,
              "cancelled",
              decision("cancel", "madrid.invalidation", t.effectiveDate),
            ),
          }
        : d;
      return Result.succeed([
        withEvent(d, next, {
          key,
          action: total ? "madrid.invalidation" : "madrid.completed-processing",
          date: t.effectiveDate,
          standardCode: t.category,
        }),
      ]);
    }
    case "RecordLicence": {
      const added = t.licences.map((l, i) => ({
        id: `${t.recordId}/${i + 1}`,
        licensees: l.licensees.map(toDomainParty),
        since: t.effectiveDate,
        ...(l.category ? { category: l.category } : {}),
      }));
      return Result.succeed([
        withEvent(
          d,
          { ...d, licences: [...d.licences, ...added] },
          { key, action: "madrid.licence", date: t.effectiveDate, standardCode: t.category },
        ),
      ]);
    }
    case "LicenseeRecordChange": {
      const licensees = t.licensees.map(toDomainParty);
      const previous = t.previousLicensees.map((p) => p.name);
      const matches = (l: LicenceRecord) =>
        l.id === t.licenceId || l.licensees.some((x) => previous.some((n) => sameTerm(n, x.name)));
      const licences = d.licences.some(matches)
        ? d.licences.map((l) => (matches(l) ? { ...l, licensees } : l))
        : [...d.licences, { id: t.licenceId, licensees, since: t.effectiveDate }];
      return Result.succeed([
        withEvent(d, { ...d, licences }, { key, action: "madrid.licensee-change", date: t.effectiveDate }),
      ]);
    }
    case "Correction": {
      const c = t.correct;
      if (c?._tag === "Designation") {
        const corrected = create(config, c, key, d);
        return Result.succeed([
          withEvent(
            d,
            { ...corrected, status: d.status, statusDate: d.statusDate, goodsAndServices: keepDecisions(d, corrected) },
            { key, action: "madrid.correction", date: t.effectiveDate, reason: t.descriptions.join(" ") },
          ),
        ]);
      }
      return Result.succeed([
        withEvent(d, d, {
          key,
          action: "madrid.correction",
          date: t.effectiveDate,
          reason: `${t.corrected.join(", ")}: ${t.descriptions.join(" ")} (review the record)`,
        }),
      ]);
    }
  }
};

/** After a correction, terms keep the decisions already taken on them. */
const keepDecisions = (before: Designation, after: Designation): GS.GoodsAndServices =>
  after.goodsAndServices.map((c) => {
    const old = before.goodsAndServices.find((o) => o.classNumber === c.classNumber);
    if (!old) return c;
    return {
      ...c,
      status: old.status,
      ...(old.decision ? { decision: old.decision } : {}),
      terms: c.terms.map((t) => old.terms.find((o) => sameTerm(o.text, t.text)) ?? t),
    };
  });

// ---------------------------------------------------------------------------------------------------------
// The office's own decisions

/**
 * Records on the designation a communication the office sent to the IB (refusal, statement of grant, decision),
 * dated `date`. Idempotent by `key` (e.g. the office's reference of the communication).
 */
export const recordOfficeDecision = (
  d: Designation,
  t: Office.OfficeTransaction,
  date: Calendar.IsoDate,
  key: string,
): Designation => {
  if (hasApplied(d, key)) return d;
  const dec = (kind: GS.DecisionKind, reason?: string): GS.Decision =>
    ({ kind, action: `madrid.${t._tag}`, date, by: "madrid-desk", ...(reason ? { reason } : {}) }) as GS.Decision;
  const register = (classes: ReadonlyArray<GS.ClassEntry>) => setAll(classes, "registered", dec("register"));
  let next: Omit<Designation, "events"> = d;
  switch (t._tag) {
    case "ProvisionalRefusal": {
      if (t.refusal._tag === "Total") {
        next = {
          ...d,
          status: "provisionally-refused",
          goodsAndServices: setAll(d.goodsAndServices, "refused", dec("refuse", t.grounds)),
        };
      } else {
        let goods = d.goodsAndServices;
        for (const g of t.refusal.goods) {
          goods = restrict(
            goods,
            { category: "Remove from list", classes: [{ classNumber: g.classNumber, terms: g.terms }] },
            "refused",
            dec("refuse", g.grounds ?? t.grounds),
          );
        }
        next = { ...d, status: "provisionally-refused", goodsAndServices: goods };
      }
      break;
    }
    case "GrantProtection":
      next = { ...d, status: "granted", goodsAndServices: register(d.goodsAndServices) };
      break;
    case "Decision": {
      // Terms withdrawn by a limitation, cancelled or otherwise ended keep their status: a decision grants or refuses
      // only what is still to decide (live or provisionally refused).
      const decidable = (x: { status?: GS.Status | undefined }) => GS.isLive(x.status) || x.status === "refused";
      const listed = t.scope._tag === "Some" ? t.scope.classes : [];
      const inList = (n: number, text: string) =>
        listed.some((l) => l.classNumber === n && l.terms.some((x) => sameTerm(x, text)));
      const granted = (n: number, text: string) =>
        t.scope._tag === "All" ? t.outcome === "grant" : t.outcome === "grant" ? inList(n, text) : !inList(n, text);
      const goods = d.goodsAndServices.map((c) => {
        const terms = c.terms.map((x) =>
          !decidable(x)
            ? x
            : granted(c.classNumber, x.text)
              ? { ...x, status: "registered" as const, decision: dec("register") }
              : {
                  ...x,
                  status: "refused" as const,
                  decision: x.status === "refused" ? (x.decision ?? dec("refuse")) : dec("refuse"),
                },
        );
        if (!decidable(c) && !terms.some((x) => x.status === "registered")) return { ...c, terms };
        const any = terms.some((x) => x.status === "registered");
        return {
          ...c,
          terms,
          status: any ? ("registered" as const) : ("refused" as const),
          decision: dec(any ? "register" : "refuse"),
        };
      });
      const anyGranted = goods.some((c) => c.terms.some((x) => x.status === "registered"));
      const anyRefused = goods.some((c) => c.terms.some((x) => x.status === "refused"));
      next = {
        ...d,
        status: !anyGranted ? "refused" : anyRefused ? "partially-granted" : "granted",
        goodsAndServices: goods,
      };
      break;
    }
    case "Invalidation":
      next =
        t.scope._tag === "All"
          ? {
              ...d,
              status: "invalidated",
              goodsAndServices: setAll(d.goodsAndServices, "cancelled", dec("cancel")),
            }
          : {
              ...d,
              goodsAndServices: restrict(
                d.goodsAndServices,
                { category: "Remove from list", classes: t.scope.classes },
                "cancelled",
                dec("cancel"),
              ),
            };
      break;
    case "LimitationNoEffect":
    case "CeasingEffect":
    case "PossibleOpposition":
      break;
  }
  const changedStatus = next.status !== d.status;
  return withEvent(
    d,
    { ...next, statusDate: changedStatus ? date : d.statusDate },
    {
      key,
      action: `madrid.office.${t._tag}`,
      date,
      actor: office,
    },
  );
};

// ---------------------------------------------------------------------------------------------------------
// Final and further decisions: which statement the office sends (Rule 18ter)

/** Why a decision cannot be taken on the record as it stands. */
export class MadridDecisionError extends Schema.TaggedError<MadridDecisionError>()("MadridDecisionError", {
  reason: Schema.Literals(["WrongState", "NotRefused", "NotProtected", "TotalAfterPartial"]),
  /** The field of the decision at fault (`goods[0].terms[1]`), or empty for the decision as a whole. */
  path: Schema.String,
  message: Schema.String,
}) {}

/**
 * What the office decides once the procedure after a provisional refusal is over:
 * - `Withdraw`: the refusal is withdrawn, the mark is protected for all its goods (Rule 18ter(2)(i));
 * - `Confirm`: the refusal is confirmed as notified: a total refusal is confirmed (18ter(3)); after a partial one
 *   the mark is protected for the goods never refused (18ter(2)(ii));
 * - `ConfirmSome`: the refusal is confirmed for these goods (all among those provisionally refused) and withdrawn
 *   for the others (18ter(2)(ii)); confirming every refused term of a total refusal is `Confirm`.
 */
export type FinalOutcome =
  | { readonly _tag: "Withdraw" }
  | { readonly _tag: "Confirm" }
  | { readonly _tag: "ConfirmSome"; readonly goods: ReadonlyArray<ClassGoods> };

/** The content of the statement to send: its outcome and goods, and the rule that governs it. */
export interface Statement {
  readonly outcome: "grant" | "refusal";
  readonly scope: Office.Scope;
  readonly rule: string;
}

type Goods = ReadonlyArray<{ classNumber: number; terms: ReadonlyArray<string> }>;

const termsWhere = (d: Designation, keep: (status: GS.Status | undefined) => boolean): Goods =>
  d.goodsAndServices
    .map((c) => ({ classNumber: c.classNumber, terms: c.terms.filter((t) => keep(t.status)).map((t) => t.text) }))
    .filter((c) => c.terms.length > 0);

const someScope = (goods: Goods): Office.Scope =>
  ({
    _tag: "Some",
    classes: goods.map((c) => ({ classNumber: c.classNumber, terms: [...c.terms] })),
  }) as unknown as Office.Scope;

/** Checks that every listed term is among `among`, naming the first one that is not. */
const checkListed = (
  listed: ReadonlyArray<ClassGoods>,
  among: Goods,
  what: string,
  reason: MadridDecisionError["reason"],
): MadridDecisionError | undefined => {
  for (const [i, g] of listed.entries()) {
    const c = among.find((x) => x.classNumber === g.classNumber);
    if (c === undefined) {
      return new MadridDecisionError({
        reason,
        path: `goods[${i}].classNumber`,
        message: `class ${g.classNumber} has no goods ${what} (${among.map((x) => x.classNumber).join(", ") || "none"})`,
      });
    }
    for (const [j, term] of g.terms.entries()) {
      if (!c.terms.some((x) => sameTerm(x, term))) {
        return new MadridDecisionError({
          reason,
          path: `goods[${i}].terms[${j}]`,
          message: `"${term.slice(0, 100)}" is not among the goods of class ${g.classNumber} ${what}`,
        });
      }
    }
  }
  return undefined;
};

/**
 * The final decision after a provisional refusal (Rule 18ter(2) or (3)). A final decision may only confirm or
 * withdraw the refusal for the goods the provisional refusal(s) named: goods never refused stay protected, and a
 * confirmation of total refusal (18ter(3)) follows a total refusal only.
 */
export const finalDecision = (d: Designation, outcome: FinalOutcome): Result.Result<Statement, MadridDecisionError> => {
  if (d.status !== "provisionally-refused") {
    return Result.fail(
      new MadridDecisionError({
        reason: "WrongState",
        path: "",
        message: `a final decision follows a provisional refusal; the designation is "${d.status}"`,
      }),
    );
  }
  const refused = termsWhere(d, (s) => s === "refused");
  const untouched = termsWhere(d, GS.isLive);
  const total = untouched.length === 0;
  switch (outcome._tag) {
    case "Withdraw":
      return Result.succeed({ outcome: "grant", scope: { _tag: "All" }, rule: "Common Regulations Rule 18ter(2)(i)" });
    case "Confirm":
      return Result.succeed(
        total
          ? { outcome: "refusal", scope: { _tag: "All" }, rule: "Common Regulations Rule 18ter(3)" }
          : { outcome: "grant", scope: someScope(untouched), rule: "Common Regulations Rule 18ter(2)(ii)" },
      );
    case "ConfirmSome": {
      const wrong = checkListed(outcome.goods, refused, "provisionally refused", "NotRefused");
      if (wrong) return Result.fail(wrong);
      const stillRefused = (n: number, text: string) =>
        outcome.goods.some((g) => g.classNumber === n && g.terms.some((x) => sameTerm(x, text)));
      const protectedGoods = termsWhere(d, (s) => GS.isLive(s) || s === "refused")
        .map((c) => ({ ...c, terms: c.terms.filter((t) => !stillRefused(c.classNumber, t)) }))
        .filter((c) => c.terms.length > 0);
      return Result.succeed(
        protectedGoods.length === 0
          ? { outcome: "refusal", scope: { _tag: "All" }, rule: "Common Regulations Rule 18ter(3)" }
          : { outcome: "grant", scope: someScope(protectedGoods), rule: "Common Regulations Rule 18ter(2)(ii)" },
      );
    }
  }
};

/** Statuses after a statement under Rule 18ter(1), (2) or (3), from which a further decision may follow. */
const decidedStatuses: ReadonlyArray<Status> = ["granted", "partially-granted", "refused"];

/**
 * What a further decision changes (Rule 18ter(4)): protection for all the goods still in the registration
 * (`Grant`, e.g. after a successful appeal), for none (`Refuse`), or refused for these goods among those protected
 * (`RefuseSome`, e.g. after an invalidity or appeal decision), the others staying protected.
 */
export type FurtherOutcome =
  | { readonly _tag: "Grant" }
  | { readonly _tag: "Refuse" }
  | { readonly _tag: "RefuseSome"; readonly goods: ReadonlyArray<ClassGoods> };

/**
 * The further statement after a final one (Rule 18ter(4)): it indicates the goods for which the mark is now
 * protected. Possible only after a statement under 18ter(1), (2) or (3).
 */
export const furtherDecision = (
  d: Designation,
  outcome: FurtherOutcome,
): Result.Result<Statement, MadridDecisionError> => {
  if (!decidedStatuses.includes(d.status)) {
    return Result.fail(
      new MadridDecisionError({
        reason: "WrongState",
        path: "",
        message: `a further decision (Rule 18ter(4)) follows a statement of grant or a final decision; the designation is "${d.status}"`,
      }),
    );
  }
  const rule = "Common Regulations Rule 18ter(4)";
  switch (outcome._tag) {
    case "Grant":
      return Result.succeed({ outcome: "grant", scope: { _tag: "All" }, rule });
    case "Refuse":
      return Result.succeed({ outcome: "refusal", scope: { _tag: "All" }, rule });
    case "RefuseSome": {
      const protectedNow = termsWhere(d, (s) => s === "registered");
      const wrong = checkListed(outcome.goods, protectedNow, "now protected", "NotProtected");
      if (wrong) return Result.fail(wrong);
      const refused = (n: number, text: string) =>
        outcome.goods.some((g) => g.classNumber === n && g.terms.some((x) => sameTerm(x, text)));
      const remaining = protectedNow
        .map((c) => ({ ...c, terms: c.terms.filter((t) => !refused(c.classNumber, t)) }))
        .filter((c) => c.terms.length > 0);
      return Result.succeed(
        remaining.length === 0
          ? { outcome: "refusal", scope: { _tag: "All" }, rule }
          : { outcome: "grant", scope: someScope(remaining), rule },
      );
    }
  }
};

/**
 * Whether the office may still send a provisional refusal on `today`: the designation is pending or already
 * provisionally refused (several provisional refusals may be sent, e.g. ex officio then after an opposition), and
 * the refusal time limit has not passed (Protocol art. 5(2), 5(5)).
 */
export const mayRefuse = (d: Designation, today: Calendar.IsoDate): boolean =>
  (d.status === "pending" || d.status === "provisionally-refused") &&
  Calendar.compare(today, d.refusalTimeLimit.limit) <= 0;

// ---------------------------------------------------------------------------------------------------------
// Status and time limit

/** The designation's status on `today`: a pending designation whose time limit has passed is protected by default. */
export const statusAt = (d: Designation, today: Calendar.IsoDate): Status =>
  d.status === "pending" && Calendar.compare(today, d.refusalTimeLimit.limit) > 0 ? "protected-by-default" : d.status;

/**
 * When the refusal time limit passed with no notification, records protection by default (Protocol art. 5(5)):
 * status `protected-by-default`, every live class registered, and an event. Otherwise returns the record unchanged.
 */
export const settleTimeLimit = (d: Designation, today: Calendar.IsoDate): Designation => {
  if (statusAt(d, today) !== "protected-by-default" || d.status === "protected-by-default") return d;
  const day = Result.getOrElse(Calendar.addDays(d.refusalTimeLimit.limit, 1), () => d.refusalTimeLimit.limit);
  const dec = {
    kind: "register",
    action: "madrid.protected-by-default",
    date: day,
    by: "system",
    reason: `no refusal notified by ${d.refusalTimeLimit.limit} (${d.refusalTimeLimit.rule}); Protocol art. 5(5)`,
  } as GS.Decision;
  return withEvent(
    d,
    {
      ...d,
      status: "protected-by-default",
      statusDate: day,
      goodsAndServices: setAll(d.goodsAndServices, "registered", dec),
    },
    {
      key: `madrid-time-limit:${d.officeCode}:${d.irNumber}:${d.refusalTimeLimit.limit}`,
      action: "madrid.protected-by-default",
      date: day,
      actor: { id: "system", role: "system" },
      reason: dec.reason,
    },
  );
};

/**
 * Records what the office told the IB about a possible opposition (art. 5(2)(c); ST.96
 * `tmk:MadridPossibleOppositionNotification`) and recomputes the refusal time limit from it, with an event. Call it
 * when the office sends that notification. The limit extends only when the office made the (c) declaration and told
 * the IB before the 18 months ended; otherwise the record keeps the information and the limit says why it did not
 * move (`refusalTimeLimit.note`). Idempotent by `key`.
 */
export const withOppositionInfo = (
  d: Designation,
  config: OfficeConfig,
  oppositionInfo: OppositionInfo,
  key = `madrid-opposition-info:${d.officeCode}:${d.irNumber}:${oppositionInfo.informedIBOn}:${oppositionInfo.periodStart}:${oppositionInfo.periodEnd ?? ""}`,
): Designation => {
  if (hasApplied(d, key)) return d;
  const limit = refusalTimeLimit({
    notificationDate: d.notificationDate,
    declaration518b: config.declaration518b,
    declaration52c: config.declaration52c,
    calendar: config.calendar,
    oppositionInfo,
  });
  return withEvent(
    d,
    { ...d, oppositionInfo, refusalTimeLimit: limit },
    {
      key,
      action: "madrid.office.PossibleOpposition",
      date: oppositionInfo.informedIBOn,
      actor: office,
      reason: `refusal time limit ${limit.limit} (${limit.rule})${limit.note ? `: ${limit.note}` : ""}`,
    },
  );
};

/** True when the designation no longer has effect in the office's territory. */
export const hasEnded = (d: Designation): boolean => endedStatuses.includes(d.status);
