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
 * Files are written under a `.partial` name and renamed when complete; the manifest comes last.
 */
import { mkdir, open, rename, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Calendar, type IpRight, Publication } from "@ipoffice/domain";
import { Extraction } from "@ipoffice/exchange";
import { Clock, Context, Data, Effect, Layer, Result } from "effect";
import { type Kysely, sql } from "kysely";
import { type OfficeConfig, publicationRuleOf, todayIn, workflowsOf } from "../config/OfficeConfig.js";
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
      for (const row of rows) {
        const right = row.data as IpRight.Right;
        // The SQL clause is the rule's SQL form; the rule itself has the last word.
        if (!Publication.isPublic(right, visibility, date as Calendar.IsoDate)) continue;
        yield { right: withoutDecisions(Publication.publicRight(right)) } as Extraction.RecordOf[Collection];
      }
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
        try: () =>
          Extraction.extract(
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
          ),
        catch: (cause) =>
          cause instanceof Extraction.ExtractionOptionsInvalid ||
          (cause instanceof Error && "code" in cause && typeof cause.code === "string")
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
