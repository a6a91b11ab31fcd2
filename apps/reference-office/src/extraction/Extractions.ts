/**
 * Extractions of the register for WIPO's global databases (decision 0801) as an Effect service: a full extraction of
 * what the public may see, and each day's update, written with `@ipoffice/exchange`'s `Extraction` into a data drop
 * folder (`Trademarks/Full_Extraction`, `Trademarks/Updates`, … ). Only what the office's publication rule makes
 * public on the extraction's date goes out (decision 0680), as the public projection of each right.
 *
 * The update of day D holds the public rights changed on D (their last change, `updated_at`, in the office's time
 * zone) and those that became public on D (publication or registration dated D): records in application-number order
 * (byte order, the same on PGlite and PostgreSQL), so running a day again writes the same bytes while the register
 * is unchanged. A day is extracted once it is over: an update of today or later is refused.
 *
 * Deletions: every record an extraction writes is recorded as delivered (`extraction_deliveries`, migration 0020).
 * The update of day D also announces the records delivered before D that the public can no longer see on D (a right
 * that left the publication rule, a publication or registration struck out, a rule the office changed): the
 * manifest lists them under `deleted`, and for trademarks an ST.96 delete file carries them. Once D's files are
 * complete, those records are marked withdrawn on D: a later day does not announce them again, running D again does
 * (the same bytes), and a record that becomes public again is delivered again. A right never delivered is never
 * named, so an unpublished application's number does not leak through a deletion.
 *
 * Patents carry their ST.27 legal status from the office's history (decision 0806), written beside their
 * bibliographic data.
 *
 * Files are written under a `.partial` name and renamed when complete; the manifest comes last.
 */
import { mkdir, open, rename, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Calendar, type IpRight, Publication } from "@ipoffice/domain";
import { Extraction, LegalStatusMapping } from "@ipoffice/exchange";
import { Clock, Context, Data, Effect, Layer, Result } from "effect";
import { type Kysely, sql } from "kysely";
import {
  legalStatusMappingOf,
  type OfficeConfig,
  publicationRuleOf,
  todayIn,
  workflowsOf,
} from "../config/OfficeConfig.js";
import type { Database } from "../db/schema.js";
import { withoutDecisions } from "../publish/st96.js";
import { DatabaseError } from "../rights/Rights.js";
import { publicClause } from "../rights/RightsRepository.js";

export type Collection = Extraction.Collection;
export const collections: ReadonlyArray<Collection> = ["trademarks", "designs", "patents"];

/** An extraction that could not be written: bad options, a day not over yet, or the folder (the message says which). */
export class ExtractionFailed extends Data.TaggedError("ExtractionFailed")<{ readonly message: string }> {}

export interface ExtractionRequest {
  /** The date of a full extraction (default today), or the day of an update (default yesterday). */
  readonly date?: string;
  /** The data drop's root (default the configuration's `extraction.folder`). */
  readonly folder?: string;
  /** The collections to write (default all three). */
  readonly collections?: ReadonlyArray<Collection>;
}

export interface ExtractionsShape {
  /** A full extraction of every public right of the office, one per collection. */
  readonly full: (
    request?: ExtractionRequest,
  ) => Effect.Effect<ReadonlyArray<Extraction.Written>, ExtractionFailed | DatabaseError>;
  /** The update of one day that is over: the public rights changed on it or made public on it. */
  readonly update: (
    request?: ExtractionRequest,
  ) => Effect.Effect<ReadonlyArray<Extraction.Written>, ExtractionFailed | DatabaseError>;
  /**
   * The scheduled job: yesterday's update of each collection whose manifest is not in the folder yet (so running it
   * every hour writes each day once). Nothing when the configuration names no folder or turns `daily` off.
   */
  readonly daily: () => Effect.Effect<ReadonlyArray<Extraction.Written>, ExtractionFailed | DatabaseError>;
}

export class Extractions extends Context.Service<Extractions, ExtractionsShape>()("ipoffice/Extractions") {}

const kindsOf: Readonly<Record<Collection, ReadonlyArray<IpRight.IpKind>>> = {
  trademarks: ["trademark"],
  designs: ["industrial_design"],
  patents: ["patent", "utility_model"],
};

/** The instant a day begins in a time zone (the office's midnight), found from the zone's offset at that time. */
export const startOfDay = (date: string, timeZone: string): Date => {
  const utc = Date.parse(`${date}T00:00:00Z`);
  const offsetAt = (ms: number) => {
    const parts = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    }).formatToParts(new Date(ms));
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second")) - ms;
  };
  // Two rounds settle the offset across a change of daylight saving time on that day.
  let guess = utc - offsetAt(utc);
  guess = utc - offsetAt(guess);
  return new Date(guess);
};

/** A data drop folder on disk: each file written as `<name>.partial`, renamed when complete. */
export const folderTarget = (root: string): Extraction.Target => ({
  open: async (path) => {
    const file = join(root, path);
    await mkdir(dirname(file), { recursive: true });
    const partial = `${file}.partial`;
    const handle = await open(partial, "w");
    return {
      write: async (chunk) => {
        await handle.write(chunk);
      },
      close: async () => {
        await handle.sync();
        await handle.close();
        await rename(partial, file);
      },
    };
  },
});

const BATCH = 500;
/** Numbers per statement when marking deliveries and deletions (well under any engine's parameter limit). */
const WRITE_CHUNK = 1_000;

type Db = Kysely<Database>;

const query = <A>(run: () => Promise<A>): Effect.Effect<A, DatabaseError> =>
  Effect.tryPromise({ try: run, catch: (cause) => new DatabaseError({ cause }) });

const exists = async (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

export const makeExtractions = (db: Db, config: OfficeConfig): ExtractionsShape => {
  const officeCode = config.office.code;
  const timeZone = config.office.timeZone;
  const visibility = Publication.visibility(publicationRuleOf(config), workflowsOf(config));
  const settings = config.extraction;
  const today = Effect.map(Clock.currentTimeMillis, (ms) => todayIn(timeZone, new Date(ms)));

  /**
   * Records that an extraction of `date` delivers these records: first delivered on the earliest such day; a record
   * announced withdrawn on or before `date` is delivered again.
   */
  const delivered = async (collection: Collection, date: string, records: ReadonlyArray<Extraction.Deleted>) => {
    for (let i = 0; i < records.length; i += WRITE_CHUNK) {
      await db
        .insertInto("extraction_deliveries")
        .values(
          records.slice(i, i + WRITE_CHUNK).map((r) => ({
            office_code: officeCode,
            collection,
            application_number: r.applicationNumber,
            st13: r.st13,
            delivered_on: date,
            withdrawn_on: null,
          })),
        )
        .onConflict((oc) =>
          oc.columns(["office_code", "collection", "application_number"]).doUpdateSet({
            st13: (eb) => eb.ref("excluded.st13"),
            delivered_on: sql`least(extraction_deliveries.delivered_on, excluded.delivered_on)`,
            withdrawn_on: sql`case when extraction_deliveries.withdrawn_on <= excluded.delivered_on then null
              else extraction_deliveries.withdrawn_on end`,
          }),
        )
        .execute();
    }
  };

  /**
   * The records of a collection delivered before `date` that the public cannot see on `date` (the rule's SQL form):
   * not yet announced, or announced by this same day (a re-run gives the same list). Byte order of their numbers.
   */
  const withdrawn = async (collection: Collection, date: string): Promise<Array<Extraction.Deleted>> => {
    const rows = await db
      .selectFrom("extraction_deliveries as d")
      .select(["d.application_number", "d.st13"])
      .where("d.office_code", "=", officeCode)
      .where("d.collection", "=", collection)
      .where("d.delivered_on", "<", date)
      .where((eb) => eb.or([eb("d.withdrawn_on", "is", null), eb("d.withdrawn_on", "=", date)]))
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom("rights")
              .select(sql`1`.as("one"))
              .whereRef("rights.office_code", "=", "d.office_code")
              .whereRef("rights.application_number", "=", "d.application_number")
              .where("rights.kind", "in", [...kindsOf[collection]])
              .where((rb) => publicClause({ visibility, today: date })(rb as never)),
          ),
        ),
      )
      .orderBy(sql`d.application_number collate "C"`)
      .execute();
    return rows.map((r) => ({ applicationNumber: r.application_number, st13: r.st13 }));
  };

  /** Marks the records an update of `date` announced as withdrawn on that day. */
  const announced = async (collection: Collection, date: string, records: ReadonlyArray<Extraction.Deleted>) => {
    for (let i = 0; i < records.length; i += WRITE_CHUNK) {
      await db
        .updateTable("extraction_deliveries")
        .set({ withdrawn_on: date })
        .where("office_code", "=", officeCode)
        .where("collection", "=", collection)
        .where(
          "application_number",
          "in",
          records.slice(i, i + WRITE_CHUNK).map((r) => r.applicationNumber),
        )
        .execute();
    }
  };

  const legalStatusMappings = {
    patent: legalStatusMappingOf(config, "patent"),
    utility_model: legalStatusMappingOf(config, "utility_model"),
  };

  /**
   * Each patent with its ST.27 legal status (decision 0806): its events up to the end of `date`, oldest first, read
   * for the whole batch in one query, dated in the office's time zone (an import by the right's filing date: the
   * import is when the office learnt of it), mapped by the kind's mapping (the workflow's default and the office's
   * `legalStatus`).
   */
  const withLegalStatus = async (
    batch: ReadonlyArray<Extraction.PatentWithLegalStatus>,
    date: string,
  ): Promise<Array<Extraction.PatentWithLegalStatus>> => {
    if (batch.length === 0) return [];
    const end = startOfDay(Result.getOrThrow(Calendar.addDays(date as Calendar.IsoDate, 1)), timeZone);
    const rows = await db
      .selectFrom("right_events")
      .select(["application_number", "at", "action", "to_status", "standard_code"])
      .where("office_code", "=", officeCode)
      .where(
        "application_number",
        "in",
        batch.map((r) => r.right.applicationNumber),
      )
      .where("at", "<", end)
      .orderBy("application_number")
      .orderBy("at")
      .orderBy("id")
      .execute();
    const byNumber = new Map<string, Array<LegalStatusMapping.HistoryEvent>>();
    const filingDates = new Map(batch.map((r) => [r.right.applicationNumber, r.right.filingDate]));
    for (const row of rows) {
      const list = byNumber.get(row.application_number) ?? [];
      const filed = filingDates.get(row.application_number);
      list.push({
        date:
          row.action === "import" && filed !== undefined ? filed : todayIn(timeZone, new Date(row.at as Date | string)),
        action: row.action,
        toStatus: row.to_status,
        standardCode: row.standard_code ?? undefined,
      });
      byNumber.set(row.application_number, list);
    }
    return batch.map((record) => {
      const { right } = record;
      const legalStatus = LegalStatusMapping.fromHistory(
        {
          officeCode: right.officeCode as LegalStatusMapping.History["officeCode"],
          applicationNumber: right.applicationNumber,
          filingDate: right.filingDate,
          events: byNumber.get(right.applicationNumber) ?? [],
        },
        legalStatusMappings[right.kind],
      );
      return legalStatus === undefined ? record : { ...record, legalStatus };
    });
  };

  /** The public rights of a collection on `date`, in byte order of their numbers, read a batch at a time. */
  async function* publicRights(
    collection: Collection,
    date: string,
    changedOn: { readonly from: Date; readonly to: Date } | undefined,
  ): AsyncGenerator<Extraction.RecordOf[Collection]> {
    let after: string | undefined;
    for (;;) {
      let q = db
        .selectFrom("rights")
        .select(["application_number", "data"])
        .where("office_code", "=", officeCode)
        .where("kind", "in", [...kindsOf[collection]])
        .where(publicClause({ visibility, today: date }));
      if (changedOn !== undefined) {
        q = q.where((eb) =>
          eb.or([
            eb.and([eb("updated_at", ">=", changedOn.from), eb("updated_at", "<", changedOn.to)]),
            eb("publication_date", "=", date),
            eb("registration_date", "=", date),
          ]),
        );
      }
      if (after !== undefined) q = q.where(sql<boolean>`application_number collate "C" > ${after}`);
      const rows = await q.orderBy(sql`application_number collate "C"`).limit(BATCH).execute();
      const out: Array<Extraction.RecordOf[Collection]> = [];
      for (const row of rows) {
        const right = row.data as IpRight.Right;
        // The SQL clause is the rule's SQL form; the rule itself has the last word.
        if (!Publication.isPublic(right, visibility, date as Calendar.IsoDate)) continue;
        out.push({ right: withoutDecisions(Publication.publicRight(right)) } as Extraction.RecordOf[Collection]);
      }
      await delivered(
        collection,
        date,
        out.map((r) => ({ applicationNumber: r.right.applicationNumber, st13: r.right.st13 })),
      );
      yield* collection === "patents"
        ? await withLegalStatus(out as Array<Extraction.PatentWithLegalStatus>, date)
        : out;
      if (rows.length < BATCH) return;
      after = rows.at(-1)?.application_number;
    }
  }

  const folderOf = (request: ExtractionRequest) => {
    const folder = request.folder ?? settings?.folder;
    return folder === undefined
      ? Effect.fail(
          new ExtractionFailed({
            message: "no folder: give one, or set extraction.folder in the office configuration",
          }),
        )
      : Effect.succeed(folder);
  };

  const write = (
    scope: Extraction.Scope,
    date: string,
    folder: string,
    which: ReadonlyArray<Collection>,
  ): Effect.Effect<ReadonlyArray<Extraction.Written>, ExtractionFailed | DatabaseError> =>
    Effect.forEach(which, (collection) => {
      const changedOn =
        scope === "update"
          ? {
              from: startOfDay(date, timeZone),
              to: startOfDay(Result.getOrThrow(Calendar.addDays(date as Calendar.IsoDate, 1)), timeZone),
            }
          : undefined;
      return Effect.tryPromise({
        try: async () => {
          const deleted = scope === "update" ? await withdrawn(collection, date) : [];
          const written = await Extraction.extract(
            {
              office: officeCode,
              collection,
              scope,
              date,
              ...(settings?.recordsPerFile === undefined ? {} : { recordsPerFile: settings.recordsPerFile }),
              ...(settings?.recordsPerZip === undefined ? {} : { recordsPerZip: settings.recordsPerZip }),
            },
            publicRights(collection, date, changedOn),
            folderTarget(folder),
            deleted,
          );
          // The files are complete: the deletions are announced.
          await announced(collection, date, deleted);
          return written;
        },
        catch: (cause) =>
          // The folder's errors (Node system errors carry the failing `syscall`: ENOENT, EACCES, ENOSPC…) are the
          // extraction's; a database error (a SQLSTATE `code`, no `syscall`) stays a database error.
          cause instanceof Extraction.ExtractionOptionsInvalid ||
          (cause instanceof Error && "syscall" in cause && typeof cause.syscall === "string")
            ? new ExtractionFailed({ message: cause.message })
            : new DatabaseError({ cause }),
      });
    });

  const checkDate = (date: string) =>
    Result.isSuccess(Calendar.make(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)))) &&
    /^\d{4}-\d{2}-\d{2}$/.test(date)
      ? Effect.succeed(date)
      : Effect.fail(new ExtractionFailed({ message: `date: "${date}" is not a date YYYY-MM-DD` }));

  const yesterdayOf = (day: Calendar.IsoDate) => Result.getOrThrow(Calendar.addDays(day, -1));

  const update = (request: ExtractionRequest = {}) =>
    Effect.gen(function* () {
      const day = yield* today;
      const date = yield* checkDate(request.date ?? yesterdayOf(day));
      if (date >= day) {
        return yield* new ExtractionFailed({
          message: `the update of ${date} waits for the day to be over (today is ${day} in ${timeZone})`,
        });
      }
      const folder = yield* folderOf(request);
      return yield* write("update", date, folder, request.collections ?? collections);
    });

  return {
    full: (request = {}) =>
      Effect.gen(function* () {
        const date = yield* checkDate(request.date ?? (yield* today));
        const folder = yield* folderOf(request);
        return yield* write("full", date, folder, request.collections ?? collections);
      }),
    update,
    daily: () =>
      Effect.gen(function* () {
        if (settings === undefined || settings.daily === false) return [];
        const date = yesterdayOf(yield* today);
        const due: Array<Collection> = [];
        for (const collection of collections) {
          const path = Extraction.manifestPath({ office: officeCode, collection, scope: "update", date });
          if (!(yield* query(() => exists(join(settings.folder, path))))) due.push(collection);
        }
        return due.length === 0 ? [] : yield* update({ date, collections: due });
      }),
  };
};

export const ExtractionsLive = (db: Db, config: OfficeConfig) =>
  Layer.succeed(Extractions, makeExtractions(db, config));
