/**
 * The register's search as an Effect service (decision 0692): the public portal's searches and home-page figures
 * through `@ipoffice/search`'s engine, and the sync that keeps its index in step with the register.
 *
 * The index holds what the public may see today (the office's publication rule) and the office's Madrid designations;
 * the outbox its triggers fill (migration 0012) says what changed. `sync` empties it: the app runs it after every
 * successful write, at start, and on a short timer for writes made outside the app (the CLI, a restore).
 * Reads take whichever database they are given: the app gives the public's reads a read replica (decision 0690).
 */
import { Publication } from "@ipoffice/domain";
import { Engine, type Query, type Statistics } from "@ipoffice/search";
import { Clock, Context, Effect, Layer, Result } from "effect";
import type { Kysely } from "kysely";
import { type OfficeConfig, publicationRuleOf, todayIn, workflowsOf } from "../config/OfficeConfig.js";
import type { Database } from "../db/schema.js";
import { DatabaseError } from "../rights/Rights.js";
import { queueDueToday, type SyncReport, syncSearchIndex } from "./sync.js";

export interface SearchShape {
  /** Indexes every queued change of the office's register. */
  readonly sync: () => Effect.Effect<SyncReport, DatabaseError>;
  /** Queues the rights that become public today (publication or registration dated today), then syncs. */
  readonly daily: () => Effect.Effect<SyncReport & { readonly queued: number }, DatabaseError>;
  /** Runs a query on the public register. */
  readonly search: (
    query: Query.Query,
    options?: { readonly resultSets?: Engine.SearchOptions["resultSets"] },
  ) => Effect.Effect<Engine.SearchResult, Query.QueryError | DatabaseError>;
  /** The home page's figures: from memory between changes, else a few indexed rows. */
  readonly statistics: () => Effect.Effect<Statistics.Statistics, DatabaseError>;
}

export class Search extends Context.Service<Search, SearchShape>()("ipoffice/Search") {}

const query = <A>(run: () => Promise<A>): Effect.Effect<A, DatabaseError> =>
  Effect.tryPromise({ try: run, catch: (cause) => new DatabaseError({ cause }) });

/** How many hits the register counts exactly before it estimates (and says so). */
export const countLimit = 10_000;

/**
 * The home page's figures in memory, one cache per register (keyed by its primary database, which every instance of
 * this service over it shares, the replicas' too): a sync that changed the index forgets them, and a minute bounds
 * them when another process changed it.
 */
const statisticsCaches = new WeakMap<Kysely<Database>, Engine.StatisticsCache>();
const statisticsCacheOf = (primary: Kysely<Database>): Engine.StatisticsCache => {
  let cache = statisticsCaches.get(primary);
  if (cache === undefined) {
    cache = Engine.statisticsCache({ maxAgeMs: 60_000 });
    statisticsCaches.set(primary, cache);
  }
  return cache;
};

/**
 * `db` is where reads go (a replica for the public) and `primary` where the sync writes; both the primary when the
 * office has no replicas.
 */
export const makeSearch = (db: Kysely<Database>, config: OfficeConfig, primary: Kysely<Database> = db): SearchShape => {
  const officeCode = config.office.code;
  const figures = statisticsCacheOf(primary);
  const visibility = Publication.visibility(publicationRuleOf(config), workflowsOf(config));
  const today = Effect.map(Clock.currentTimeMillis, (ms) => todayIn(config.office.timeZone, new Date(ms)));
  const sync = () =>
    Effect.flatMap(today, (day) =>
      query(async () => {
        const report = await syncSearchIndex(primary, {
          officeCode,
          visibility,
          today: day,
          writer: { index: Engine.index, remove: Engine.remove },
          ...(config.office.regional === true ? { memberStates: config.office.memberStates ?? [] } : {}),
        });
        if (report.indexed > 0 || report.removed > 0) figures.invalidate(officeCode);
        return report;
      }),
    );
  return {
    sync,
    daily: () =>
      Effect.gen(function* () {
        const day = yield* today;
        const queued = yield* query(() => queueDueToday(primary, officeCode, day));
        const report = yield* sync();
        return { ...report, queued };
      }),
    search: (q, options = {}) =>
      Effect.flatMap(
        query(() =>
          Engine.search(db, q, {
            officeCode,
            countLimit,
            ...(options.resultSets ? { resultSets: options.resultSets } : {}),
          }),
        ),
        (result) => (Result.isSuccess(result) ? Effect.succeed(result.success) : Effect.fail(result.failure)),
      ),
    statistics: () => query(() => figures.read(db, officeCode)),
  };
};

export const SearchLive = (db: Kysely<Database>, config: OfficeConfig, primary?: Kysely<Database>) =>
  Layer.succeed(Search, makeSearch(db, config, primary));
