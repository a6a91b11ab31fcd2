/**
 * Demo data on first start: a few hundred realistic rights of all four kinds, each moved through its workflow by the
 * domain's own rules at simulated dates, so every status appears, with partial refusals, oppositions, appeals,
 * renewals and expiries. Written in bulk with every event; runs only when the office has no rights yet.
 */
import { ApplicationNumber, type Actor, Calendar, type Event, IpRight, Userdoc, Workflow } from "@ipoffice/domain";
import { Versions } from "@ipoffice/nice-classification";
import { Result, Schema } from "effect";
import type { Kysely } from "kysely";
import { hasProduct, type IpKind, kindsOf, todayIn, type OfficeConfig, workflowsOf } from "../config/OfficeConfig.js";
import { seedDemoFees } from "../fees/seed.js";
import type { Database } from "../db/schema.js";
import type { Logger } from "../Logger.js";
import { seedMadridDemo } from "../madrid/seed.js";
import type { ReferenceData } from "../ReferenceData.js";
import { counterOf, kindCodeOf, type Purpose, patternOf } from "../rights/numbering.js";
import { allocateSerials, insertRights } from "../rights/RightsRepository.js";
import { partiesOf, type SeedParties } from "./parties.js";
import { Random } from "./random.js";
import { loadSeedSources, type SeedSources } from "./sources.js";

export interface SeedOptions {
  readonly db: Kysely<Database>;
  readonly config: OfficeConfig;
  readonly reference: ReferenceData;
  readonly logger: Logger;
  /** How many rights of each kind (default: 240 trademarks, 60 patents, 40 designs, 20 utility models). */
  readonly counts?: Partial<Record<IpKind, number>>;
  /** "Now" for the simulation (default: the current date). */
  readonly today?: string;
}

type Right = IpRight.Right;
type RightEvent = Event.RightEvent;

/** How likely each action is when several are possible: the ordinary path is common, the rest occasional. */
const weights: Record<string, number> = {
  accord_filing_date: 10,
  formalities_compliant: 8,
  deficiency_remedied: 8,
  classification_checked: 10,
  complete_search: 10,
  examine: 10,
  accept: 8,
  intend_to_grant: 7,
  publish: 10,
  close_opposition_period: 10,
  register: 10,
  grant: 10,
  reply_to_objection: 6,
  close_objection_period: 2,
  renew: 6,
  reject_opposition: 3,
  decide_opposition: 3,
  opposition_withdrawn: 1,
  withdraw_opposition_in_period: 0.3,
  notify_formality_deficiency: 1.2,
  raise_objection: 2.5,
  file_opposition: 1.2,
  refuse: 1.2,
  file_appeal: 1.5,
  close_appeal_period: 2,
  allow_appeal: 1,
  dismiss_appeal: 1,
  withdraw_appeal: 0.3,
  uphold_opposition: 1,
  expire: 2,
  lapse: 0.4,
  restore_right: 0.5,
  restore_registration: 0.5,
  restore_application: 0.5,
  withdraw: 0.25,
  deem_withdrawn: 0.3,
  surrender: 0.05,
  file_revocation_request: 0.05,
  file_invalidity_request: 0.04,
  cancel_registration: 1,
  reject_cancellation_request: 1,
  revoke: 0.03,
  invalidate: 0.05,
};

const roleFor = (action: Workflow.Action): Actor.Actor => {
  const role = action.roles.find((r) => r !== "system") ?? "system";
  return { id: `demo-${role}`, role };
};

const reasons: Record<string, string> = {
  notify_formality_deficiency: "Power of attorney missing; fee for the second class not paid.",
  raise_objection: "The mark is descriptive of the goods for part of the classes (Trademark Law, art. 2).",
  refuse: "Lack of novelty over the prior art cited in the search report.",
  decide_opposition: "The opposition succeeds in part: likelihood of confusion with the earlier mark.",
  uphold_opposition: "The opposition succeeds: the earlier right covers the same products.",
  reject_opposition: "The opposition fails: the signs are dissimilar.",
  file_appeal: "The applicant contests the refusal.",
  allow_appeal: "The board sets aside the refusal and remits the case.",
  dismiss_appeal: "The board confirms the refusal.",
  restore_registration: "Renewal fee and surcharge paid within the restoration period.",
  restore_right: "Annual fee and surcharge paid within the restoration period.",
  restore_application: "The applicant showed due care; the missed time limit is excused.",
  file_revocation_request: "Request for revocation for non-use during five years.",
  file_invalidity_request: "Request for a declaration of invalidity: bad faith at filing.",
  cancel_registration: "No genuine use was shown.",
  reject_cancellation_request: "Genuine use was shown.",
  revoke: "Revoked after a court decision.",
  invalidate: "The design lacked novelty at the filing date.",
};

const addDays = (date: string, days: number): string =>
  Result.getOrElse(Calendar.addDays(date as Calendar.IsoDate, days), () => date as Calendar.IsoDate);

/** Per-class decisions for a trademark: mostly all accepted; sometimes a class or some terms refused. */
const classDecisions = (random: Random, right: Right, actionId: string): Workflow.ActionRequest["classDecisions"] => {
  if (right.kind !== "trademark") return undefined;
  const live = right.goodsAndServices.filter(
    (c) => c.status === "pending" || c.status === "accepted" || c.status === "opposed",
  );
  const roll = random.next();
  const reason =
    actionId === "examine" ? "Descriptive for these goods or services." : "Conflicts with the earlier mark.";
  if (roll < 0.06) return live.map((c) => ({ classNumber: c.classNumber, decision: "refuse" as const, reason }));
  if (roll < 0.3 && live.length >= 2) {
    const refused = random.pick(live);
    return live.map((c) =>
      c === refused
        ? { classNumber: c.classNumber, decision: "refuse" as const, reason }
        : { classNumber: c.classNumber, decision: "accept" as const },
    );
  }
  if (roll < 0.42) {
    const target = random.pick(live);
    if (target && target.terms.length >= 2) {
      const refusedTerm = random.pick(target.terms);
      return [
        {
          classNumber: target.classNumber,
          decision: "limit" as const,
          terms: [{ text: refusedTerm.text, decision: "refuse" as const }],
          reason,
        },
      ];
    }
  }
  return live.map((c) => ({ classNumber: c.classNumber, decision: "accept" as const }));
};

interface Simulated {
  readonly right: Right;
  readonly events: RightEvent[];
}

/** Moves a filed right through its workflow at simulated dates until `today`, a final state, or a pause. */
const simulate = (
  random: Random,
  workflow: Workflow.Definition,
  filed: { right: Right; event: RightEvent },
  today: string,
  nextRegistration: (kind: IpKind, year: number) => string,
  parties: SeedParties,
  calendar: Calendar.WorkingCalendar,
): Simulated => {
  let right = filed.right;
  const events = [filed.event];
  let date = right.filingDate as string;
  for (let step = 0; step < 120; step++) {
    // Offices have backlogs: some applications simply wait.
    if (random.next() < 0.04) break;
    const candidates: Array<readonly [{ action: Workflow.Action; date: string; timed: boolean }, number]> = [];
    for (const action of Workflow.availableActions(workflow, right)) {
      let when: string;
      if (right.timeLimit?.action === action.id) {
        when = right.timeLimit.due;
      } else if (action.roles.every((r) => r === "system")) {
        continue;
      } else if (action.id === "renew") {
        const due = right.renewalDueDate ?? right.expiryDate;
        if (!due) continue;
        when = addDays(due, -random.int(0, 80));
        if (when < date) when = date;
      } else {
        when = addDays(date, random.int(7, 110));
        // An action that must wait for a running time limit (e.g. the end of the opposition period) waits.
        if (right.timeLimit && action.id.startsWith("close_") && when < right.timeLimit.due) when = right.timeLimit.due;
      }
      if (when > today) continue;
      candidates.push([
        { action, date: when, timed: right.timeLimit?.action === action.id },
        weights[action.id] ?? 0.5,
      ]);
    }
    // Time passes without an event: long in stable states (a registration waits for its renewal), short otherwise.
    const progressing = candidates.some(([, w]) => w >= 2);
    const pause = addDays(date, random.int(60, 300));
    // Past today, waiting means the story ends here for now.
    const choice = random.weighted<{ action: Workflow.Action; date: string; timed: boolean } | "pause" | "stop">([
      ...candidates,
      [pause <= today ? "pause" : "stop", progressing ? 0.3 : 40],
    ]);
    if (choice === undefined || choice === "stop") break;
    if (choice === "pause") {
      date = pause;
      continue;
    }
    const chosen = choice;
    const { action } = chosen;
    const requires = new Set(action.requires ?? []);
    const year = Number(chosen.date.slice(0, 4));
    const request = {
      action: action.id,
      ...(requires.has("reason") ? { reason: reasons[action.id] ?? "Decision recorded." } : {}),
      ...(action.outcome ? { classDecisions: classDecisions(random, right, action.id) } : {}),
      ...(action.effects?.registration || requires.has("registrationNumber")
        ? { data: { registrationNumber: nextRegistration(right.kind, year), registrationDate: chosen.date } }
        : {}),
      ...(requires.has("publicationNumber") || requires.has("publicationDate")
        ? { data: { publicationNumber: `${year}/${random.int(1, 52)}`, publicationDate: chosen.date } }
        : {}),
    };
    const at = `${chosen.date}T${String(random.int(7, 14)).padStart(2, "0")}:${String(random.int(0, 59)).padStart(2, "0")}:00Z`;
    const actor = chosen.timed && action.roles.includes("system") ? { id: "system", role: "system" } : roleFor(action);
    const on = chosen.date as Calendar.IsoDate;
    // With several oppositions open, a decision names the one it decides (the first still open).
    const openOpposition = right.proceedings?.find((p) => p.type === "opposition" && p.closedOn === undefined);
    const decides = action.effects?.closeProceedings?.includes("opposition") && action.effects.closeAll !== true;
    const withProceeding =
      decides && openOpposition?.number !== undefined ? { ...request, proceeding: openOpposition.number } : request;
    const result: Result.Result<{ right: Right; event: RightEvent }, unknown> = action.effects?.opensProceeding
      ? // An opposition is a proceeding with its opponent, grounds and classes: filed as a userdoc.
        Userdoc.apply(right, opposition(random, parties, right, on), { at, today: on, actor, workflow, calendar })
      : Workflow.perform(workflow, right, withProceeding as Workflow.ActionRequest, { at, today: on, actor, calendar });
    if (Result.isFailure(result)) {
      // The rules said no (e.g. a renewal outside its window): this story ends here.
      break;
    }
    right = result.success.right;
    events.push(result.success.event);
    date = chosen.date;
    if (workflow.states.find((s) => s.id === right.status)?.final) break;
  }
  return { right, events };
};

/** An opposition against some classes of a mark (or the whole right), by an earlier right holder. */
const opposition = (random: Random, parties: SeedParties, right: Right, filedOn: Calendar.IsoDate): Userdoc.Userdoc => {
  const live = right.kind === "trademark" ? right.goodsAndServices.filter((c) => c.status !== "refused") : [];
  const classes = live.length >= 2 && random.next() < 0.5 ? [random.pick(live).classNumber] : undefined;
  const opponent = parties.applicant(random);
  return Schema.decodeUnknownSync(Userdoc.Userdoc)({
    type: "opposition",
    filedOn,
    parties: [{ name: opponent.name, country: opponent.country }],
    ...(classes ? { classes } : {}),
    reason: "Likelihood of confusion with the opponent's earlier right.",
  });
};

const niceRequest = (random: Random, sources: SeedSources, maxClasses: number) => {
  const favourites = [25, 35, 3, 30, 9, 5, 43, 29, 41, 42, 32, 11, 16, 20, 21, 36, 37, 39, 44, 18, 14, 7];
  // At most the classes the office's filing rules allow (one per application in some offices).
  const count = Math.min(
    maxClasses,
    random.weighted([
      [1, 5],
      [2, 3],
      [3, 1.5],
      [4, 0.5],
    ] as const) as number,
  );
  const classes = random.sample(
    favourites.filter((c) => (sources.termsByClass.get(c)?.length ?? 0) > 0),
    count,
  );
  if (classes.length === 0) classes.push(...[...sources.termsByClass.keys()].slice(0, 1));
  return classes
    .sort((a, b) => a - b)
    .map((classNumber) => ({
      classNumber,
      terms: [
        ...new Set(random.sample(sources.termsByClass.get(classNumber) ?? [], random.int(1, 5)).map((t) => t.text)),
      ],
    }));
};

const filingFor = (
  random: Random,
  parties: SeedParties,
  kind: IpKind,
  sources: SeedSources,
  filingDate: string,
  maxClasses: number,
): unknown => {
  const owner = parties.applicant(random);
  const owners = random.next() < 0.08 ? [owner, parties.applicant(random)] : [owner];
  // A filer from abroad acts through a local agent; local filers often do too.
  const representatives = !parties.isLocal(owner) || random.next() < 0.4 ? [parties.agent(random)] : [];
  const common = { representatives, filingDate: filingDate as Calendar.IsoDate };
  switch (kind) {
    case "trademark": {
      const mark = random.pick(sources.marks);
      const type = mark.viennaCodes.length > 0 ? (random.next() < 0.8 ? "combined" : "figurative") : "word";
      return {
        kind: "trademark",
        mark: {
          text: mark.text,
          type,
          ...(type !== "word" && mark.viennaCodes.length > 0 ? { viennaCodes: mark.viennaCodes.slice(0, 6) } : {}),
          ...(random.next() < 0.03 ? { category: "collective" as const } : {}),
        },
        owners,
        goodsAndServices: niceRequest(random, sources, maxClasses),
        ...common,
      };
    }
    case "patent":
    case "utility_model": {
      const tech = random.pick(sources.technical);
      return {
        kind,
        title: tech.title,
        claimsCount: random.int(kind === "patent" ? 5 : 1, kind === "patent" ? 40 : 10),
        ipc: [tech.ipc],
        applicants: owners,
        inventors: [
          parties.inventor(random, owner.country),
          ...(random.next() < 0.5 ? [parties.inventor(random, owner.country)] : []),
        ],
        ...common,
      };
    }
    case "industrial_design": {
      const designs = random.sample(sources.products, random.int(1, 3)).map((p) => ({
        product: p.product,
        locarnoClass: p.locarnoClass,
        views: random.int(1, 7),
      }));
      return {
        kind,
        title: designs[0]?.product,
        designs,
        applicants: owners,
        designers: [parties.inventor(random, owner.country)],
        ...common,
      };
    }
  }
};

export const seedDemoData = async (
  options: SeedOptions,
): Promise<{ created: number; missing: ReadonlyArray<string> }> => {
  const { db, config, logger } = options;
  const officeCode = config.office.code;
  // The office's own date (its time zone), for the Madrid demo as for the rest.
  const today = options.today ?? todayIn(config.office.timeZone, new Date());
  if (hasProduct(config, "madrid")) await seedMadridDemo({ db, config, today });
  const existing = await db
    .selectFrom("rights")
    .where("office_code", "=", officeCode)
    .select((eb) => eb.fn.countAll<string | number>().as("n"))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) return { created: 0, missing: [] };

  const sources = loadSeedSources(options.reference, config.nice.edition);
  for (const m of sources.missing)
    logger.warn({ missing: m }, "reference data missing: the demo uses a smaller built-in set");
  // Only the kinds the office handles (`office.kinds`).
  const handled = kindsOf(config);
  const counts = Object.fromEntries(
    Object.entries({ trademark: 240, patent: 60, industrial_design: 40, utility_model: 20, ...options.counts }).filter(
      ([kind]) => handled.includes(kind as IpKind),
    ),
  ) as Partial<Record<IpKind, number>>;
  // The office's country (its member states for a regional office); its weekend and holidays move the time limits.
  const parties = partiesOf(
    config.office.regional === true ? (config.office.memberStates ?? []) : [config.office.code],
  );
  const workflows = workflowsOf(config);
  const random = new Random(20261124);
  const codes = config.numbering.ipTypeCodes ?? ApplicationNumber.defaultIpTypeCodes;
  const system: Actor.Actor = { id: "demo-clerk", role: "clerk" };

  // Filing dates over the last twelve years, more of them recent.
  const todayYear = Number(today.slice(0, 4));
  const filingDate = () => {
    const yearsBack = Math.floor(12 * random.next() ** 1.6);
    const d = addDays(`${todayYear - yearsBack}-01-01`, random.int(0, 364));
    return Calendar.compare(d as Calendar.IsoDate, today as Calendar.IsoDate) > 0
      ? addDays(today, -random.int(1, 120))
      : d;
  };

  const plans = (Object.keys(counts) as IpKind[]).flatMap((kind) =>
    Array.from({ length: counts[kind] ?? 0 }, () => ({ kind, date: filingDate() })),
  );
  plans.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

  const created = await db.transaction().execute(async (trx) => {
    // The configuration check makes sure every kind the office handles has its patterns.
    const patternFor = (purpose: Purpose, kind: IpKind) => {
      const pattern = patternOf(config, purpose, kind);
      if (pattern === undefined) throw new Error(`no ${purpose} number pattern for ${kind}`);
      return pattern;
    };
    // The demo's counters, as `Rights` keeps them: per series and year, or one for a continuous serial (year 0).
    const serials = new Map<string, { series: string; year: number; last: number }>();
    const take = (purpose: Purpose, kind: IpKind, year: number): number => {
      const counter = counterOf(config, purpose, kind, year);
      const key = `${counter.series}:${counter.year}`;
      const entry = serials.get(key) ?? { ...counter, last: 0 };
      entry.last += 1;
      serials.set(key, entry);
      return entry.last;
    };
    const nextRegistration = (kind: IpKind, year: number) => {
      const serial = take("registration", kind, year);
      return Result.getOrThrow(
        ApplicationNumber.format(patternFor("registration", kind), { kind: kindCodeOf(config, kind), year, serial }),
      );
    };

    const rights: Right[] = [];
    const events: RightEvent[] = [];
    for (const plan of plans) {
      const year = Number(plan.date.slice(0, 4));
      const serial = take("application", plan.kind, year);
      // Demo filings pass the same schema as the API's.
      const request = Schema.decodeUnknownSync(IpRight.FilingRequest)(
        filingFor(random, parties, plan.kind, sources, plan.date, config.rules?.filing?.trademark?.maxClasses ?? 45),
      );
      const applicationNumber = Result.getOrThrow(
        ApplicationNumber.format(patternFor("application", plan.kind), {
          kind: kindCodeOf(config, plan.kind),
          year,
          serial,
        }),
      );
      const st13 = Result.getOrThrow(
        ApplicationNumber.toSt13({ office: officeCode, ipType: plan.kind, year, serial }, codes),
      );
      const filed = IpRight.file(request, {
        officeCode,
        applicationNumber,
        st13,
        filingDate: plan.date as Calendar.IsoDate,
        at: `${plan.date}T08:00:00Z`,
        actor: system,
        workflow: workflows[plan.kind],
        calendar: config.calendar,
        // The Nice version in force on the demo filing date, as `Rights.file` records for a real filing.
        niceEdition: Result.match(Versions.inForceOn(plan.date, config.nice.versions), {
          onSuccess: (v) => v.id,
          onFailure: () => sources.niceEdition,
        }),
      });
      const story = simulate(random, workflows[plan.kind], filed, today, nextRegistration, parties, config.calendar);
      rights.push(story.right);
      events.push(...story.events);
    }
    await insertRights(trx, rights, events);
    // Leave the number sequences where the demo ended, so new filings continue the series.
    for (const { series, year, last } of serials.values()) {
      await allocateSerials(trx, officeCode, series, year, last);
    }
    return rights.length;
  });
  await seedDemoFees({ db, config, logger, today });
  return { created, missing: sources.missing };
};
