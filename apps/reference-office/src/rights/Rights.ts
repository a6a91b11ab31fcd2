/**
 * The rights service: files, reads, lists and moves IP rights through their workflows. Pure domain rules decide;
 * this service reads the clock (Effect's Clock, so tests control time), numbers applications, and writes each change
 * with its event and its audit row (`rights.file`, `rights.perform`, `rights.userdoc`) in one transaction.
 */
import { ApplicationNumber, type Actor, Event, IpRight, Publication, Userdoc, Workflow } from "@ipoffice/domain";
import { Versions } from "@ipoffice/nice-classification";
import { Clock, Context, Data, Effect, Layer, Result } from "effect";
import type { Kysely, Transaction } from "kysely";
import { actorKindOf, appendAudit, appendAuditMany } from "../audit/Audit.js";
import {
  type IpKind,
  kindsOf,
  type OfficeConfig,
  publicationRuleOf,
  todayIn,
  workflowsOf,
} from "../config/OfficeConfig.js";
import type { Database } from "../db/schema.js";
import { counterOf, kindCodeOf, type Purpose, patternOf, reserveSerials } from "./numbering.js";
import {
  dueTimeLimits,
  findRight,
  findRights,
  type GazetteRecordal,
  type GazetteRight,
  type GazetteSection,
  gazetteRecordals,
  gazetteRights,
  insertRights,
  type ListQuery,
  raiseSerials,
  listEvents,
  listRights,
  type PublicFilter,
  type RightSummary,
  updateRight,
  visibleNumbers,
} from "./RightsRepository.js";

type Right = IpRight.Right;
type RightEvent = Event.RightEvent;

export class DatabaseError extends Data.TaggedError("DatabaseError")<{ readonly cause: unknown }> {
  override get message(): string {
    return `database error: ${this.cause instanceof Error ? this.cause.message : String(this.cause)}`;
  }
}

export class RightNotFound extends Data.TaggedError("RightNotFound")<{ readonly applicationNumber: string }> {}

/** The right changed between reading and writing it (another request won); the caller may retry. */
export class ConcurrentUpdate extends Data.TaggedError("ConcurrentUpdate")<{ readonly applicationNumber: string }> {}

/**
 * A filing the schema accepted but the law refuses once the filing date is known: a priority claim outside its Paris
 * Convention period, a PCT filing date after the national one. Each problem names the field (`priorities.0.date`) and,
 * when several requests were filed together, the request's position.
 */
export class FilingRefused extends Data.TaggedError("FilingRefused")<{
  readonly problems: ReadonlyArray<{
    readonly request: number;
    readonly path: ReadonlyArray<PropertyKey>;
    readonly message: string;
  }>;
}> {
  override get message(): string {
    return `filing refused: ${this.problems.map((p) => `${p.path.join(".")}: ${p.message}`).join("; ")}`;
  }
}

/** The office's numbering configuration cannot produce a number (e.g. a serial outgrew its width). */
/**
 * One problem of an import: the row of the source's file (a table's row; an ST.96 file's record, 1, 2, … in file
 * order; 0 for the file as a whole), the field, what is wrong, and the line of the file where known (ST.96).
 */
export interface ImportProblem {
  readonly row: number;
  readonly field: string;
  readonly message: string;
  readonly line?: number;
}

/** An import refused whole: nothing of it was written. */
export class ImportRefused extends Data.TaggedError("ImportRefused")<{
  readonly problems: ReadonlyArray<ImportProblem>;
}> {}

/** A right from another system: its number there, its row in the source's file, and the right as the model holds it. */
export interface ImportItem {
  readonly sourceNumber: string;
  readonly row: number;
  /** The line of the file the record starts on, where known (ST.96). */
  readonly line?: number;
  readonly right: Right;
}

/**
 * The checkpoint an import job writes with a chunk, in the chunk's own transaction (decision 0804): the chunk landed
 * with its rights, or neither did.
 */
export interface ImportCheckpoint {
  readonly jobId: string;
  /** 1, 2, … in file order. */
  readonly chunk: number;
  readonly firstRow: number;
  readonly lastRow: number;
}

export interface ImportReport {
  readonly source: string;
  readonly dryRun: boolean;
  /** Application numbers written (or, in a dry run, that would be). */
  readonly imported: ReadonlyArray<string>;
  /** Source numbers already brought in from this source before: left as they are. */
  readonly unchanged: ReadonlyArray<string>;
}

export class NumberingFailed extends Data.TaggedError("NumberingFailed")<{ readonly message: string }> {}

/** A registration number another right of the office and kind already holds. */
export class RegistrationNumberTaken extends Data.TaggedError("RegistrationNumberTaken")<{
  readonly registrationNumber: string;
  readonly heldBy: string;
}> {
  override get message(): string {
    return `registration number ${this.registrationNumber} is already held by ${this.heldBy}`;
  }
}

/** A trademark filed on a date before every Nice version the office's history knows (`nice.versions`). */
export class NoNiceEditionInForce extends Data.TaggedError("NoNiceEditionInForce")<{
  readonly filingDate: string;
  readonly message: string;
}> {}

export type PerformError =
  | RightNotFound
  | ConcurrentUpdate
  | DatabaseError
  | NumberingFailed
  | RegistrationNumberTaken
  | Workflow.ActionNotAllowed
  | Workflow.RoleNotAllowed
  | Workflow.InvalidActionInput;

/**
 * Who reads: `public` sees only what the office has published (the office's publication rule per kind, applied in
 * SQL) and sees it through the public projections (no staff ids, no internal reasons); `staff` sees everything.
 * Routes get it from `audienceOf(c)` (src/http/audience.ts) or name `staff` for the back office.
 */
export type Audience = "public" | "staff";

export interface ReadOptions<A extends Audience = Audience> {
  readonly audience: A;
}

/** A right as the audience sees it: the stored right for staff, its public projection otherwise. */
export type RightFor<A extends Audience> = A extends "staff" ? Right : Publication.PublicRight;
/** An event as the audience sees it. */
export type EventFor<A extends Audience> = A extends "staff" ? RightEvent : Publication.PublicEvent;

export interface RightsShape {
  readonly officeCode: string;
  readonly workflows: Record<IpKind, Workflow.Definition>;
  /** The office's publication rule resolved against its workflows (what `audience: "public"` applies). */
  readonly visibility: Publication.Visibility;
  /** Files new applications (one or many) in one transaction; numbers them in the order given. */
  readonly file: (
    requests: ReadonlyArray<IpRight.FilingRequest>,
    actor: Actor.Actor,
    options?: {
      /**
       * Runs inside the filing's transaction once the rights are written (the e-filing portal ties them to the filer's
       * account): a rejection rolls the filing back.
       */
      readonly within?: (trx: Transaction<Database>, filed: ReadonlyArray<{ readonly right: Right }>) => Promise<void>;
    },
  ) => Effect.Effect<
    Array<{ right: Right; event: RightEvent }>,
    DatabaseError | NumberingFailed | NoNiceEditionInForce | FilingRefused
  >;
  /**
   * The right by office or ST.13 number. For the public, a right not yet public is `RightNotFound`, exactly as an
   * unknown number (its existence does not leak).
   */
  readonly get: <A extends Audience>(
    applicationNumber: string,
    options: ReadOptions<A>,
  ) => Effect.Effect<RightFor<A>, RightNotFound | DatabaseError>;
  /**
   * The rights of these office numbers that the audience may see (the public projection for the public), in the order
   * given, in one read; a number the audience may not see is left out, as an unknown one.
   */
  readonly getMany: <A extends Audience>(
    applicationNumbers: ReadonlyArray<string>,
    options: ReadOptions<A>,
  ) => Effect.Effect<Array<RightFor<A>>, DatabaseError>;
  /** A page of rights and the total, both counted over what the audience may see. */
  readonly list: (
    query: ListQuery,
    options: ReadOptions,
  ) => Effect.Effect<{ items: RightSummary[]; total: number }, DatabaseError>;
  /** The events of a right, oldest first; for the public, their public projection (and `RightNotFound` as `get`). */
  readonly history: <A extends Audience>(
    applicationNumber: string,
    options: ReadOptions<A>,
  ) => Effect.Effect<Array<EventFor<A>>, RightNotFound | DatabaseError>;
  /**
   * The gazette of `[from, to]`: applications published, rights registered and userdocs recorded (renewals,
   * transfers, licences…) in it, each section oldest first with at most `limit` entries and its total. Always what the
   * public may see: the gazette is a publication.
   */
  readonly gazette: (
    from: string,
    to: string,
    limit: number,
  ) => Effect.Effect<
    {
      readonly published: GazetteSection<GazetteRight>;
      readonly registered: GazetteSection<GazetteRight>;
      readonly recordals: GazetteSection<GazetteRecordal>;
    },
    DatabaseError
  >;
  /** Of the given numbers (office or ST.13 form), those of rights the audience may see. */
  readonly visibleNumbers: (
    applicationNumbers: ReadonlyArray<string>,
    options: ReadOptions,
  ) => Effect.Effect<ReadonlySet<string>, DatabaseError>;
  readonly perform: (
    applicationNumber: string,
    request: Workflow.ActionRequest,
    actor: Actor.Actor,
    /** The office rule under which the `system` role acts outside a time limit (`Workflow.PerformContext.rule`). */
    options?: { readonly rule?: string | undefined },
  ) => Effect.Effect<{ right: Right; event: RightEvent }, PerformError>;
  /**
   * Performs, as the `system` role, the action of every time limit that has run out by today (the end of an
   * opposition period, a renewal grace period…), each in its own transaction. At most `limit` rights a run.
   */
  readonly fireDueTimeLimits: (limit?: number) => Effect.Effect<TimeLimitReport, DatabaseError>;
  /**
   * Brings rights from another system into the register, with an `import` event each: all of them in one transaction
   * or none (`ImportRefused` lists every problem). Idempotent by the source's number: a right brought in before from
   * the same source is left as it is; a number already in the register from elsewhere is a problem. `dryRun` checks
   * and writes inside the transaction, then rolls it back: its report is what a real run would do. With a `checkpoint`
   * (an import job's chunk), the chunk, its counts and the source numbers it wrote are recorded in the same
   * transaction, and the job's rows done move on.
   */
  readonly importRights: (
    source: string,
    items: ReadonlyArray<ImportItem>,
    options: { readonly dryRun: boolean; readonly checkpoint?: ImportCheckpoint },
    actor: Actor.Actor,
  ) => Effect.Effect<ImportReport, ImportRefused | DatabaseError>;
  /**
   * Records national phase entries of PCT applications (INID 86/87) on the office's patents and utility models: all of
   * them or none (`ImportRefused` names each row's problem: an unknown number, another kind, an international filing
   * date after the national one). An entry a right already carries is left as it is (a second run changes nothing).
   */
  readonly recordNationalPhase: (
    entries: ReadonlyArray<{ readonly row: number; readonly applicationNumber: string; readonly pct: IpRight.Pct }>,
    options: { readonly dryRun: boolean },
    actor: Actor.Actor,
  ) => Effect.Effect<
    { readonly dryRun: boolean; readonly recorded: ReadonlyArray<string>; readonly unchanged: ReadonlyArray<string> },
    ImportRefused | DatabaseError
  >;
  /** Records a post-filing request (transfer, licence, renewal, change of name…) and applies its effect. */
  readonly recordUserdoc: (
    applicationNumber: string,
    userdoc: Userdoc.Userdoc,
    actor: Actor.Actor,
  ) => Effect.Effect<
    { right: Right; event: RightEvent; surcharge?: boolean },
    RightNotFound | ConcurrentUpdate | DatabaseError | Userdoc.UserdocError
  >;
}

export interface TimeLimitReport {
  readonly today: string;
  readonly fired: ReadonlyArray<{ readonly applicationNumber: string; readonly action: string; readonly to: string }>;
  readonly failed: ReadonlyArray<{ readonly applicationNumber: string; readonly error: string }>;
}

export class Rights extends Context.Service<Rights, RightsShape>()("ipoffice/Rights") {}

/** Carries a typed failure out of a Kysely transaction callback (which can only throw) so it rolls back. */
class Abort<E> {
  readonly error: E;
  constructor(error: E) {
    this.error = error;
  }
}

const inTransaction = <A, E>(
  db: Kysely<Database>,
  body: (trx: Transaction<Database>) => Promise<A>,
): Effect.Effect<A, E | DatabaseError> =>
  Effect.tryPromise({
    try: () => db.transaction().execute(body),
    catch: (cause) => (cause instanceof Abort ? (cause.error as E) : new DatabaseError({ cause })),
  });

const chunk = <A>(items: ReadonlyArray<A>, size: number): Array<Array<A>> => {
  const out: Array<Array<A>> = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

const query = <A>(run: () => Promise<A>): Effect.Effect<A, DatabaseError> =>
  Effect.tryPromise({ try: run, catch: (cause) => new DatabaseError({ cause }) });

/** The current instant and the office's current date, read from Effect's Clock. */
const now = (timeZone: string) =>
  Effect.map(Clock.currentTimeMillis, (ms) => {
    const today = todayIn(timeZone, new Date(ms));
    return { at: new Date(ms).toISOString(), today, year: Number(today.slice(0, 4)) };
  });

/**
 * `niceList` is the Nice list the office loaded (what `niceReference` loaded: `12`, `10-2015`…), against which terms
 * are checked. Filed goods and services record the Nice version in force on the filing date (`12-2023` for a filing
 * in 2023, `13-2026` from 2026-01-01: `Versions.inForceOn` over the office's `nice.versions`, else WIPO's history),
 * whatever list checked the terms; the filing's audit row names that list (`details.niceList`).
 */
export const makeRights = (db: Kysely<Database>, config: OfficeConfig, niceList: string): RightsShape => {
  const officeCode = config.office.code;
  const workflows = workflowsOf(config);
  const timeZone = config.office.timeZone;
  const ipTypeCodes = config.numbering.ipTypeCodes ?? ApplicationNumber.defaultIpTypeCodes;
  const visibility = Publication.visibility(publicationRuleOf(config), workflows);
  const niceVersions = config.nice.versions ?? Versions.defaultHistory;

  /** The filter of an audience on the office's date now: none for staff. */
  const filterFor = (options: ReadOptions): Effect.Effect<PublicFilter | undefined> =>
    options.audience === "staff"
      ? Effect.succeed(undefined)
      : Effect.map(now(timeZone), ({ today }) => ({ visibility, today }));

  const number = (
    purpose: Purpose,
    kind: IpKind,
    year: number,
    serial: number,
  ): Result.Result<string, NumberingFailed> => {
    const pattern = patternOf(config, purpose, kind);
    if (pattern === undefined) {
      const path = purpose === "application" ? "applications" : "registrations";
      return Result.fail(new NumberingFailed({ message: `no number pattern for ${kind} (numbering.${path}.${kind})` }));
    }
    return Result.mapError(
      ApplicationNumber.format(pattern, { kind: kindCodeOf(config, kind), year, serial }),
      (e) => new NumberingFailed({ message: e.message }),
    );
  };
  /**
   * Moves each series' counter past the numbers given that the office's pattern for their purpose and kind would
   * write itself (a number in another system's form leaves the series alone).
   */
  const raiseSeriesPast = async (
    trx: Transaction<Database>,
    numbers: ReadonlyArray<{ readonly purpose: Purpose; readonly kind: IpKind; readonly text: string }>,
  ): Promise<void> => {
    const highest = new Map<string, { series: string; year: number; serial: number }>();
    for (const n of numbers) {
      const pattern = patternOf(config, n.purpose, n.kind);
      if (pattern === undefined) continue;
      const parts = ApplicationNumber.parse(pattern, n.text);
      if (Result.isFailure(parts)) continue;
      // A pattern without the year numbers on: any year writes the same text, and the counter is the continuous one.
      const year = parts.success.year ?? 2000;
      const again = ApplicationNumber.format(pattern, {
        kind: kindCodeOf(config, n.kind),
        year,
        serial: parts.success.serial,
      });
      if (Result.isFailure(again) || again.success !== n.text) continue;
      const counter = counterOf(config, n.purpose, n.kind, year);
      const key = `${counter.series} ${counter.year}`;
      const known = highest.get(key);
      if (known === undefined || known.serial < parts.success.serial)
        highest.set(key, { ...counter, serial: parts.success.serial });
    }
    for (const h of highest.values()) await raiseSerials(trx, officeCode, h.series, h.year, h.serial);
  };
  const handled = kindsOf(config);
  const maxClasses = config.rules?.filing?.trademark?.maxClasses;
  /** The office's filing rules (`rules.filing`): at most `maxClasses` Nice classes in one trademark application. */
  const classLimitProblems = (request: IpRight.FilingRequest): ReadonlyArray<string> =>
    request.kind === "trademark" && maxClasses !== undefined && request.goodsAndServices.length > maxClasses
      ? [
          maxClasses === 1
            ? `this office accepts one class per application (${request.goodsAndServices.length} given): file one application for each class`
            : `this office accepts at most ${maxClasses} classes per application (${request.goodsAndServices.length} given)`,
        ]
      : [];

  const file: RightsShape["file"] = (requests, actor, options) =>
    Effect.gen(function* () {
      if (requests.length === 0) return [];
      const { at, today, year } = yield* now(timeZone);
      // Priority claims are judged on the filing date accorded, on the office's calendar (Paris Convention art. 4C).
      // A kind the office does not handle (`office.kinds`) is refused before anything else.
      const refused = requests.flatMap((request, index) => [
        ...(handled.includes(request.kind)
          ? []
          : [
              {
                request: index,
                path: ["kind"],
                message: `this office does not handle ${request.kind} applications (it handles ${handled.join(", ")})`,
              },
            ]),
        ...classLimitProblems(request).map((message) => ({ request: index, path: ["goodsAndServices"], message })),
        ...IpRight.filingProblems(request, request.filingDate ?? today, config.calendar).map((p) => ({
          request: index,
          path: p.path,
          message: p.message,
        })),
      ]);
      if (refused.length > 0) return yield* Effect.fail(new FilingRefused({ problems: refused }));
      // The Nice version in force on each filing date, decided before anything is numbered or written.
      const editions: Array<string> = [];
      for (const request of requests) {
        const filingDate = request.filingDate ?? today;
        const version = Versions.inForceOn(filingDate, niceVersions);
        if (Result.isFailure(version)) {
          if (request.kind === "trademark")
            return yield* Effect.fail(new NoNiceEditionInForce({ filingDate, message: version.failure.message }));
          editions.push(niceList);
        } else editions.push(version.success.id);
      }
      return yield* inTransaction<Array<{ right: Right; event: RightEvent }>, NumberingFailed>(db, async (trx) => {
        const out: Array<{ right: Right; event: RightEvent }> = [];
        const byKind = new Map<IpKind, IpRight.FilingRequest[]>();
        for (const r of requests) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r]);
        const serialsFor = new Map<IpKind, number>();
        for (const [kind, list] of byKind) {
          serialsFor.set(kind, await reserveSerials(trx, config, "application", kind, year, list.length));
        }
        for (const [position, request] of requests.entries()) {
          const serial = serialsFor.get(request.kind) as number;
          serialsFor.set(request.kind, serial + 1);
          const applicationNumber = number("application", request.kind, year, serial);
          if (Result.isFailure(applicationNumber)) throw new Abort(applicationNumber.failure);
          const st13 = ApplicationNumber.toSt13(
            { office: officeCode, ipType: request.kind, year, serial },
            ipTypeCodes,
          );
          if (Result.isFailure(st13)) throw new Abort(new NumberingFailed({ message: st13.failure.message }));
          out.push(
            IpRight.file(request, {
              officeCode,
              applicationNumber: applicationNumber.success,
              st13: st13.success,
              filingDate: request.filingDate ?? today,
              at,
              actor,
              workflow: workflows[request.kind],
              niceEdition: editions[position] ?? niceList,
              calendar: config.calendar,
            }),
          );
        }
        await insertRights(
          trx,
          out.map((o) => o.right),
          out.map((o) => o.event),
        );
        await appendAuditMany(
          trx,
          officeCode,
          out.map(({ right }) => ({
            actorKind: actorKindOf(actor),
            actorId: actor.id,
            action: "rights.file",
            target: right.applicationNumber,
            outcome: "ok" as const,
            details: {
              kind: right.kind,
              st13: right.st13,
              status: right.status,
              role: actor.role,
              // The list the terms were checked against, beside the version each class records.
              ...(right.kind === "trademark" ? { niceList } : {}),
            },
          })),
          at,
        );
        if (options?.within) await options.within(trx, out);
        return out;
      });
    });

  const find = (applicationNumber: string, options: ReadOptions) =>
    Effect.gen(function* () {
      const filter = yield* filterFor(options);
      const right = yield* query(() => findRight(db, officeCode, applicationNumber, { filter }));
      return right ? right : yield* Effect.fail(new RightNotFound({ applicationNumber }));
    });

  const get = <A extends Audience>(applicationNumber: string, options: ReadOptions<A>) =>
    Effect.map(
      find(applicationNumber, options),
      (right) => (options.audience === "staff" ? right : Publication.publicRight(right)) as RightFor<A>,
    );

  const perform: RightsShape["perform"] = (applicationNumber, request, actor, options) =>
    Effect.gen(function* () {
      const { at, today, year } = yield* now(timeZone);
      return yield* inTransaction<{ right: Right; event: RightEvent }, PerformError>(db, async (trx) => {
        const right = await findRight(trx, officeCode, applicationNumber, { forUpdate: true });
        if (!right) throw new Abort(new RightNotFound({ applicationNumber }));
        const workflow = workflows[right.kind];
        const action = workflow.actions.find((a) => a.id === request.action);
        let effective = request;
        // The office numbers registrations itself unless the examiner gives a number.
        if (action?.effects?.registration && !request.data?.registrationNumber && action.from.includes(right.status)) {
          const serial = await reserveSerials(trx, config, "registration", right.kind, year, 1);
          const registrationNumber = number("registration", right.kind, year, serial);
          if (Result.isFailure(registrationNumber)) throw new Abort(registrationNumber.failure);
          effective = {
            ...request,
            data: {
              ...request.data,
              registrationNumber: registrationNumber.success,
              registrationDate: request.data?.registrationDate ?? today,
            },
          };
        }
        const result = Workflow.perform(workflow, right, effective, {
          at,
          today,
          actor,
          calendar: config.calendar,
          ...(options?.rule === undefined ? {} : { rule: options.rule }),
        });
        if (Result.isFailure(result)) {
          const error = result.failure;
          // Name every action the state allows, whoever may perform it, so the caller sees where the right stands.
          throw new Abort(
            error instanceof Workflow.ActionNotAllowed
              ? new Workflow.ActionNotAllowed({
                  action: error.action,
                  status: error.status,
                  allowed: Workflow.availableActions(workflow, right).map((a) => a.id),
                })
              : error,
          );
        }
        // A registration number is issued once per office and kind (migration 0021's unique index): a number the
        // registrar typed, or one the office's series reaches after an import, that another right holds is refused.
        const registered = result.success.right.registration?.number;
        if (registered !== undefined && registered !== right.registration?.number) {
          const holder = await trx
            .selectFrom("rights")
            .select("application_number")
            .where("office_code", "=", officeCode)
            .where("kind", "=", right.kind)
            .where("registration_number", "=", registered)
            .where("registration_repeat", "=", false)
            .where("application_number", "!=", applicationNumber)
            .executeTakeFirst();
          if (holder)
            throw new Abort(
              new RegistrationNumberTaken({ registrationNumber: registered, heldBy: holder.application_number }),
            );
        }
        const written = await updateRight(trx, result.success.right, right.version, result.success.event);
        if (!written) throw new Abort(new ConcurrentUpdate({ applicationNumber }));
        await appendAudit(
          trx,
          officeCode,
          {
            actorKind: actorKindOf(actor),
            actorId: actor.id,
            action: "rights.perform",
            target: right.applicationNumber,
            outcome: "ok",
            details: {
              action: request.action,
              role: actor.role,
              from: right.status,
              to: result.success.right.status,
            },
          },
          at,
        );
        return result.success;
      });
    });

  const recordUserdoc: RightsShape["recordUserdoc"] = (applicationNumber, userdoc, actor) =>
    Effect.gen(function* () {
      const { at, today } = yield* now(timeZone);
      return yield* inTransaction<
        { right: Right; event: RightEvent; surcharge?: boolean },
        RightNotFound | ConcurrentUpdate | Userdoc.UserdocError
      >(db, async (trx) => {
        const right = await findRight(trx, officeCode, applicationNumber, { forUpdate: true });
        if (!right) throw new Abort(new RightNotFound({ applicationNumber }));
        const result = Userdoc.apply(right, userdoc, {
          at,
          today,
          actor,
          workflow: workflows[right.kind],
          calendar: config.calendar,
        });
        if (Result.isFailure(result)) throw new Abort(result.failure);
        const written = await updateRight(trx, result.success.right, right.version, result.success.event);
        if (!written) throw new Abort(new ConcurrentUpdate({ applicationNumber }));
        await appendAudit(
          trx,
          officeCode,
          {
            actorKind: actorKindOf(actor),
            actorId: actor.id,
            action: "rights.userdoc",
            target: right.applicationNumber,
            outcome: "ok",
            details: {
              type: userdoc.type,
              ...(userdoc.number === undefined ? {} : { number: userdoc.number }),
              filedOn: userdoc.filedOn,
              role: actor.role,
              from: right.status,
              to: result.success.right.status,
            },
          },
          at,
        );
        return result.success;
      });
    });

  const fireDueTimeLimits: RightsShape["fireDueTimeLimits"] = (limit = 1000) =>
    Effect.gen(function* () {
      const { today } = yield* now(timeZone);
      const numbers = yield* query(() => dueTimeLimits(db, officeCode, today, limit));
      const fired: Array<{ applicationNumber: string; action: string; to: string }> = [];
      const failed: Array<{ applicationNumber: string; error: string }> = [];
      for (const applicationNumber of numbers) {
        const right = yield* Effect.result(get(applicationNumber, { audience: "staff" }));
        const action = Result.isSuccess(right) ? Workflow.dueAction(right.success, today) : undefined;
        if (action === undefined) continue;
        const done = yield* Effect.result(perform(applicationNumber, { action }, { id: "system", role: "system" }));
        if (Result.isSuccess(done)) fired.push({ applicationNumber, action, to: done.success.right.status });
        else failed.push({ applicationNumber, error: done.failure.message });
      }
      return { today, fired, failed };
    });

  const history = <A extends Audience>(applicationNumber: string, options: ReadOptions<A>) =>
    Effect.gen(function* () {
      const right = yield* find(applicationNumber, options);
      const events = yield* query(() => listEvents(db, officeCode, right.applicationNumber));
      return (options.audience === "staff" ? events : events.map(Publication.publicEvent)) as Array<EventFor<A>>;
    });

  return {
    officeCode,
    workflows,
    visibility,
    file,
    get,
    perform,
    recordUserdoc,
    fireDueTimeLimits,
    list: (q, options) =>
      Effect.flatMap(filterFor(options), (filter) => query(() => listRights(db, officeCode, q, filter))),
    history,
    recordNationalPhase: (entries, options, actor) =>
      Effect.flatMap(now(timeZone), ({ at }) => {
        type Report = { dryRun: boolean; recorded: string[]; unchanged: string[] };
        class DryRun {
          constructor(readonly report: Report) {}
        }
        return Effect.catch(
          inTransaction<Report, ImportRefused | DryRun>(db, async (trx) => {
            const problems: ImportProblem[] = [];
            const report: Report = { dryRun: options.dryRun, recorded: [], unchanged: [] };
            for (const entry of entries) {
              const right = await findRight(trx, officeCode, entry.applicationNumber, { forUpdate: true });
              const fail = (field: string, message: string) => problems.push({ row: entry.row, field, message });
              if (right === undefined) {
                fail("national_number", `no application ${entry.applicationNumber} in the register`);
                continue;
              }
              if (right.kind !== "patent" && right.kind !== "utility_model") {
                fail("national_number", `${entry.applicationNumber} is a ${right.kind}, not a patent or utility model`);
                continue;
              }
              // PCT art. 11(3): the international filing date is the filing date in every designated state.
              if (entry.pct.filingDate > right.filingDate) {
                fail(
                  "international_filing_date",
                  `after the national filing date ${right.filingDate} of ${entry.applicationNumber}`,
                );
                continue;
              }
              const held = right.pct;
              if (
                held !== undefined &&
                (
                  [
                    "applicationNumber",
                    "filingDate",
                    "publicationNumber",
                    "publicationDate",
                    "nationalPhaseEntryDate",
                  ] as const
                ).every((key) => held[key] === entry.pct[key])
              ) {
                report.unchanged.push(right.applicationNumber);
                continue;
              }
              const updated: Right = { ...right, pct: entry.pct, version: right.version + 1 };
              const event: RightEvent = {
                officeCode,
                applicationNumber: right.applicationNumber,
                at,
                actor,
                action: "record_national_phase",
                reason: `national phase entry of ${entry.pct.applicationNumber}`,
                fromStatus: right.status,
                toStatus: right.status,
                changes: Event.diff({ pct: right.pct }, { pct: entry.pct }),
              };
              if (!(await updateRight(trx, updated, right.version, event))) {
                fail("national_number", `${entry.applicationNumber} changed while this file was read; run it again`);
                continue;
              }
              await appendAudit(
                trx,
                officeCode,
                {
                  actorKind: actorKindOf(actor),
                  actorId: actor.id,
                  action: "rights.national_phase",
                  target: right.applicationNumber,
                  outcome: "ok",
                  details: { pct: entry.pct.applicationNumber },
                },
                at,
              );
              report.recorded.push(right.applicationNumber);
            }
            if (problems.length > 0) throw new Abort(new ImportRefused({ problems }));
            if (options.dryRun) throw new Abort(new DryRun(report));
            return report;
          }),
          (error) => (error instanceof DryRun ? Effect.succeed(error.report) : Effect.fail(error)),
        );
      }),
    importRights: (source, items, options, actor) =>
      Effect.flatMap(now(timeZone), ({ at }) => {
        /** A dry run's report leaves through the rollback, as a refusal does. */
        class DryRun {
          constructor(readonly report: ImportReport) {}
        }
        return Effect.catch(
          inTransaction<ImportReport, ImportRefused | DryRun>(db, async (trx) => {
            const problems: Array<ImportProblem> = [];
            for (const item of items) {
              if (item.right.officeCode !== officeCode) {
                problems.push({ row: item.row, field: "officeCode", message: `not of office ${officeCode}` });
              }
              const workflow = workflows[item.right.kind];
              if (item.right.workflowId !== workflow.id) {
                problems.push({
                  row: item.row,
                  field: "workflowId",
                  message: `"${item.right.workflowId}" is not the office's ${item.right.kind} workflow (${workflow.id})`,
                });
              } else if (!workflow.states.some((st) => st.id === item.right.status)) {
                problems.push({
                  row: item.row,
                  field: "status",
                  message: `"${item.right.status}" is not a state of workflow ${workflow.id} (an office translates another system's statuses in imports.statuses.${item.right.kind} of its configuration)`,
                });
              }
            }
            const known = new Map<string, string>();
            for (const part of chunk(
              items.map((i) => i.sourceNumber),
              1_000,
            )) {
              const rows = await trx
                .selectFrom("imported_rights")
                .select(["source_number", "application_number"])
                .where("office_code", "=", officeCode)
                .where("source", "=", source)
                .where("source_number", "in", part)
                .execute();
              for (const r of rows) known.set(r.source_number, r.application_number);
            }
            const fresh = items.filter((i) => !known.has(i.sourceNumber));
            /** Of `values`, those some right of the office already holds in `column` (looked up 1,000 at a time). */
            const held = async (column: "application_number" | "st13", values: ReadonlyArray<string>) => {
              const found = new Set<string>();
              for (const part of chunk(values, 1_000)) {
                const rows = await trx
                  .selectFrom("rights")
                  .select(column)
                  .where("office_code", "=", officeCode)
                  .where(column, "in", part)
                  .execute();
                for (const r of rows) found.add((r as Record<typeof column, string>)[column]);
              }
              return found;
            };
            const taken = await held(
              "application_number",
              fresh.map((i) => i.right.applicationNumber),
            );
            // ST.13 numbers are unique in the register too (made from the number's digits, two sources' numbers can meet).
            const st13Taken = await held(
              "st13",
              fresh.map((i) => i.right.st13),
            );
            const st13Rows = new Map<string, number>();
            for (const item of fresh) {
              const before = st13Rows.get(item.right.st13);
              if (st13Taken.has(item.right.st13) || before !== undefined) {
                problems.push({
                  row: item.row,
                  field: "st13",
                  message:
                    before === undefined
                      ? `ST.13 ${item.right.st13} is already in the register`
                      : `ST.13 ${item.right.st13} is also that of row ${before}`,
                });
              }
              st13Rows.set(item.right.st13, item.row);
            }
            for (const item of fresh) {
              if (taken.has(item.right.applicationNumber)) {
                problems.push({
                  row: item.row,
                  field: "applicationNumber",
                  message: `${item.right.applicationNumber} is already in the register, and was not brought in from ${source}`,
                });
              }
            }
            // A registration number is issued once per office and kind (migration 0021): in the file and the register.
            const registered = fresh.filter((i) => i.right.registration?.number !== undefined);
            const registrationHeld = new Set<string>();
            for (const part of chunk(registered, 1_000)) {
              const rows = await trx
                .selectFrom("rights")
                .select(["kind", "registration_number"])
                .where("office_code", "=", officeCode)
                .where("registration_repeat", "=", false)
                .where(
                  "registration_number",
                  "in",
                  part.map((i) => i.right.registration?.number ?? ""),
                )
                .execute();
              for (const r of rows) registrationHeld.add(`${r.kind} ${r.registration_number}`);
            }
            const registrationRows = new Map<string, number>();
            for (const item of registered) {
              const key = `${item.right.kind} ${item.right.registration?.number}`;
              const before = registrationRows.get(key);
              if (registrationHeld.has(key) || before !== undefined)
                problems.push({
                  row: item.row,
                  field: "registrationNumber",
                  message:
                    before === undefined
                      ? `registration number ${item.right.registration?.number} is already held by a ${item.right.kind} of the register`
                      : `registration number ${item.right.registration?.number} is also that of row ${before}`,
                });
              registrationRows.set(key, item.row);
            }
            if (problems.length > 0) {
              // An ST.96 record's problem names the line it starts on beside its position in the file.
              const lines = new Map<number, number>();
              for (const i of items) if (i.line !== undefined) lines.set(i.row, i.line);
              throw new Abort(
                new ImportRefused({
                  problems: problems.map((p) => {
                    const line = p.line ?? lines.get(p.row);
                    return line === undefined ? p : { ...p, line };
                  }),
                }),
              );
            }
            const rights = fresh.map((i) => ({ ...i.right, version: 1 }));
            const events: Array<RightEvent> = fresh.map((i) => ({
              officeCode,
              applicationNumber: i.right.applicationNumber,
              at,
              actor,
              action: "import",
              reason: `brought in from ${source} (its number ${i.sourceNumber})`,
              fromStatus: null,
              toStatus: i.right.status,
              changes: [],
            }));
            await insertRights(trx, rights, events);
            // The office's series continue after the numbers brought in that its own patterns write (decision 0693):
            // a later filing or registration never issues a number an imported right holds.
            await raiseSeriesPast(
              trx,
              fresh.flatMap((i) => [
                { purpose: "application" as const, kind: i.right.kind, text: i.right.applicationNumber },
                ...(i.right.registration?.number === undefined
                  ? []
                  : [{ purpose: "registration" as const, kind: i.right.kind, text: i.right.registration.number }]),
              ]),
            );
            for (const part of chunk(fresh, 500)) {
              await trx
                .insertInto("imported_rights")
                .values(
                  part.map((i) => ({
                    office_code: officeCode,
                    source,
                    source_number: i.sourceNumber,
                    application_number: i.right.applicationNumber,
                    imported_at: at,
                  })),
                )
                .execute();
            }
            await appendAuditMany(
              trx,
              officeCode,
              fresh.map((i) => ({
                actorKind: actorKindOf(actor),
                actorId: actor.id,
                action: "rights.import",
                target: i.right.applicationNumber,
                outcome: "ok" as const,
                details: { source, sourceNumber: i.sourceNumber, kind: i.right.kind, status: i.right.status },
              })),
              at,
            );
            const report: ImportReport = {
              source,
              dryRun: options.dryRun,
              imported: fresh.map((i) => i.right.applicationNumber),
              unchanged: items.filter((i) => known.has(i.sourceNumber)).map((i) => i.sourceNumber),
            };
            const checkpoint = options.checkpoint;
            if (checkpoint !== undefined && !options.dryRun) {
              await trx
                .insertInto("import_job_chunks")
                .values({
                  office_code: officeCode,
                  job_id: checkpoint.jobId,
                  chunk: checkpoint.chunk,
                  first_row: checkpoint.firstRow,
                  last_row: checkpoint.lastRow,
                  imported: report.imported.length,
                  unchanged: report.unchanged.length,
                  committed_at: at,
                })
                .execute();
              for (const part of chunk(fresh, 500)) {
                await trx
                  .insertInto("import_job_numbers")
                  .values(
                    part.map((i) => ({
                      office_code: officeCode,
                      job_id: checkpoint.jobId,
                      source_number: i.sourceNumber,
                      chunk: checkpoint.chunk,
                    })),
                  )
                  .execute();
              }
              await trx
                .updateTable("import_jobs")
                .set((eb) => ({
                  rows_done: eb("rows_done", "+", items.length),
                  chunks_done: eb("chunks_done", "+", 1),
                  updated_at: at,
                }))
                .where("office_code", "=", officeCode)
                .where("id", "=", checkpoint.jobId)
                .execute();
            }
            if (options.dryRun) throw new Abort(new DryRun(report));
            return report;
          }),
          (e): Effect.Effect<ImportReport, ImportRefused | DatabaseError> =>
            e instanceof DryRun ? Effect.succeed(e.report) : Effect.fail(e),
        );
      }),
    getMany: <A extends Audience>(numbers: ReadonlyArray<string>, options: ReadOptions<A>) =>
      Effect.flatMap(filterFor(options), (filter) =>
        Effect.map(
          query(() => findRights(db, officeCode, numbers, filter)),
          (rights) =>
            rights.map((right) => (options.audience === "staff" ? right : Publication.publicRight(right))) as Array<
              RightFor<A>
            >,
        ),
      ),
    visibleNumbers: (numbers, options) =>
      Effect.flatMap(filterFor(options), (filter) => query(() => visibleNumbers(db, officeCode, numbers, filter))),
    gazette: (from, to, limit) =>
      Effect.flatMap(now(timeZone), ({ today }) => {
        const filter: PublicFilter = { visibility, today };
        return query(async () => {
          const [published, registered, recordals] = await Promise.all([
            gazetteRights(db, officeCode, filter, "publication", from, to, limit),
            gazetteRights(db, officeCode, filter, "registration", from, to, limit),
            gazetteRecordals(db, officeCode, filter, timeZone, from, to, limit),
          ]);
          return { published, registered, recordals };
        });
      }),
  };
};

export const RightsLive = (db: Kysely<Database>, config: OfficeConfig, niceList: string) =>
  Layer.succeed(Rights, makeRights(db, config, niceList));
