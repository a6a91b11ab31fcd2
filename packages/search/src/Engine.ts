/**
 * The search engine on PostgreSQL (or PGlite) through Kysely: index documents, remove them, search them with a
 * `Query`, and read the home-page statistics.
 *
 * - `index(db, documents)`: upserts in batches inside one transaction (the caller's, when `db` is a transaction);
 *   the keys `Keys` computes (folded text, words, phonetic keys, cross-script skeleton, romanised and compact forms)
 *   are stored in indexed columns; the statistic counters move in the same transaction.
 * - `search(db, query, options)`: compiles the clause tree to one parameterised statement (values are always bound,
 *   never written into the SQL), reads a page in keyset order, counts the hits (exactly up to `countLimit`, else the
 *   planner's estimate, said in `total.exact`), counts the facets asked for over all hits, and for `similar` mark
 *   clauses re-ranks the candidates the indexes give (trigrams on romanised, skeleton and Arabic-letter forms,
 *   phonetic keys, compact form, shared words) with `Similarity.compare`, each hit carrying its evidence.
 * - Read paths never write: give `search` and `statistics` a replica's Kysely if you have one.
 * - `statisticsCache()`: the statistics kept in memory until `invalidate` (after indexing) or a maximum age.
 *
 * The tables come from `SearchSchema.migrations`; the database needs the `pg_trgm` extension.
 */
import type { Kysely } from "kysely";
import { Result } from "effect";
import { isCalendarDate } from "./internal/compile.js";
import { type Criterion, hasSimilar, rankingTexts } from "./internal/criteria.js";
import { fromClause, type ResultSets } from "./internal/fromClause.js";
import { type FacetValue, type Hit, run, type SortOrder, type Total } from "./internal/run.js";
import { type DocumentId, indexDocuments, removeDocuments } from "./internal/write.js";
import * as Keys from "./Keys.js";
import * as Query from "./Query.js";
import type { SearchDocument } from "./SearchDocument.js";
import type { SearchTables } from "./SearchSchema.js";
import * as Similarity from "./Similarity.js";
import * as Statistics from "./Statistics.js";

export type { DocumentId, FacetValue, Hit, Total };
export type { Evidence } from "./internal/run.js";

/** Any Kysely whose database includes the engine's tables (an application's own `Database` merged with them). */
// biome-ignore lint/suspicious/noExplicitAny: the application's other tables are not the engine's concern
export type SearchDb = Kysely<SearchTables> | Kysely<any>;

const asEngineDb = (db: SearchDb): Kysely<SearchTables> => db as Kysely<SearchTables>;

export interface SearchOptions {
  /** The office whose register is searched. */
  readonly officeCode: string;
  /** The clauses of the session's numbered result sets (`#n` in the expert syntax). */
  readonly resultSets?: ResultSets;
  /** Hits counted exactly up to this many (default 10,000); beyond, `total` is the planner's estimate. */
  readonly countLimit?: number;
  /** Candidates a similar search re-ranks with `Similarity` at most (default 300), best trigram score first. */
  readonly candidateLimit?: number;
  /** Similar searches drop hits scoring under this (default `Similarity.defaultThreshold`). */
  readonly minScore?: number;
  /** Values listed for the long facets (owner, designated state, Vienna, IPC, Locarno), default 20. */
  readonly facetSize?: number;
}

export interface SearchResult {
  /** The page: each hit with its document (what a result row shows) and, for mark searches, its similarity. */
  readonly hits: ReadonlyArray<Hit>;
  readonly total: Total;
  /** The facets the query asked for, each value with the number of hits that have it. */
  readonly facets: Readonly<Partial<Record<Query.Facet, ReadonlyArray<FacetValue>>>>;
  /** The cursor of the next page (`Query.encodeCursor` makes it a URL parameter); absent on the last page. */
  readonly next?: Query.Cursor;
  /** `#n` result sets the query named that `resultSets` lacks (they matched nothing). */
  readonly unknownResultSets: ReadonlyArray<number>;
}

const defaults = { countLimit: 10_000, candidateLimit: 300, facetSize: 20 };

const cursorError = (reason: string) => Result.fail(new Query.QueryError({ field: "cursor", reason }));

const hasNul = (text: string) => text.includes("\u0000");

/** The order a page is read in: `relevance` without a mark text to rank by falls back to newest filing first. */
const effectiveSort = (sort: SortOrder, ranked: boolean): SortOrder =>
  sort === "relevance" && !ranked ? "-filingDate" : sort;

const checkCursor = (cursor: Query.Cursor, sort: SortOrder): Result.Result<Query.Cursor, Query.QueryError> => {
  if (cursor.sort !== sort) return cursorError(`this cursor belongs to the order ${cursor.sort}, not ${sort}`);
  if (hasNul(cursor.id)) return cursorError("the cursor's record id holds a NUL character");
  const value = cursor.after[0] ?? null;
  if (sort === "relevance") {
    return typeof value === "number" && Number.isFinite(value)
      ? Result.succeed(cursor)
      : cursorError("a relevance cursor carries a score");
  }
  if (value !== null && typeof value !== "string") return cursorError("this cursor carries a text value");
  if (typeof value === "string" && hasNul(value)) return cursorError("the cursor's value holds a NUL character");
  if (sort.endsWith("Date") && value !== null && !isCalendarDate(value))
    return cursorError("a date cursor carries a date written YYYY-MM-DD");
  return Result.succeed(cursor);
};

/**
 * Runs a query against the register of `options.officeCode`. Fails only with a `QueryError` naming `cursor` when the
 * cursor does not belong to this query's order; every query `Query` decodes runs.
 */
export const search = async (
  db: SearchDb,
  query: Query.Query,
  options: SearchOptions,
): Promise<Result.Result<SearchResult, Query.QueryError>> => {
  const { criterion, unknownResultSets } = query.where
    ? fromClause(query.where, options.resultSets)
    : { criterion: { _tag: "All" } as const, unknownResultSets: [] };
  const ranked = rankedQuery(criterion);
  const sort = effectiveSort(query.sort ?? "relevance", ranked);
  let cursor: Query.Cursor | undefined;
  if (query.cursor) {
    const checked = checkCursor(query.cursor, sort);
    if (Result.isFailure(checked)) return Result.fail(checked.failure);
    cursor = checked.success;
  }
  const result = await run(asEngineDb(db), criterion, {
    officeCode: options.officeCode,
    sort,
    pageSize: query.limit ?? Query.defaultLimit,
    cursor,
    facets: query.facets ?? [],
    countLimit: Math.max(1, options.countLimit ?? defaults.countLimit),
    candidateLimit: Math.max(1, options.candidateLimit ?? defaults.candidateLimit),
    minScore: options.minScore ?? Similarity.defaultThreshold,
    facetSize: Math.max(1, options.facetSize ?? defaults.facetSize),
  });
  return Result.succeed({
    hits: result.hits,
    total: result.total,
    facets: result.facets,
    ...(result.next ? { next: result.next as Query.Cursor } : {}),
    unknownResultSets,
  });
};

/** Ranked by similarity: a query with a `similar` mark clause, in the `relevance` order. */
const rankedQuery = (criterion: Criterion): boolean => hasSimilar(criterion) && rankingTexts(criterion).length > 0;

/** Adds or replaces documents (by office and record id), with their statistic counts, in one transaction. */
export const index = (
  db: SearchDb,
  documents: ReadonlyArray<SearchDocument>,
): Promise<{ readonly indexed: number; readonly replaced: number }> => indexDocuments(asEngineDb(db), documents);

/** Removes documents (absent ones are ignored), with their statistic counts, in one transaction. */
export const remove = (db: SearchDb, ids: ReadonlyArray<DocumentId>): Promise<{ readonly removed: number }> =>
  removeDocuments(asEngineDb(db), ids);

/**
 * Record ids whose stored keys were computed under another `Keys.version` (at most `limit`): map those rights to
 * documents again and `index` them after an upgrade that changed the key rules.
 */
export const stale = async (db: SearchDb, officeCode: string, limit = 1_000): Promise<ReadonlyArray<string>> => {
  const rows = await asEngineDb(db)
    .selectFrom("search_document")
    .select("record_id")
    .where("office_code", "=", officeCode)
    .where("keys_version", "<>", Keys.version)
    .limit(Math.max(1, Math.trunc(limit)))
    .execute();
  return rows.map((r) => r.record_id);
};

/** The home-page statistics of an office, read from the counters (no aggregation over the register). */
export const statistics = (
  db: SearchDb,
  officeCode: string,
  options?: Statistics.StatisticsOptions,
): Promise<Statistics.Statistics> => Statistics.read(asEngineDb(db), officeCode, options);

export interface StatisticsCacheOptions {
  /**
   * How long a read stays fresh when nothing invalidates it (default 60 s): the bound on how stale the figures get
   * when another process indexes, since only this process's `invalidate` reaches this cache.
   */
  readonly maxAgeMs?: number;
  /** The clock, in milliseconds (tests move it). */
  readonly now?: () => number;
}

/** Home-page statistics kept in memory between changes: a page view costs a map lookup, not a query. */
export interface StatisticsCache {
  /** The statistics of an office: from memory while fresh, else read from `db` (concurrent misses share one read). */
  read(db: SearchDb, officeCode: string, options?: Statistics.StatisticsOptions): Promise<Statistics.Statistics>;
  /** Forgets an office's statistics (after `index` or `remove` changed them), or every office's. */
  invalidate(officeCode?: string): void;
}

/**
 * A statistics cache: figures "refreshed on change, not on every view". Call `invalidate` after indexing; a read
 * that was under way when it was called is not kept, so no figure from before a change outlives it.
 */
export const statisticsCache = (options: StatisticsCacheOptions = {}): StatisticsCache => {
  const maxAgeMs = Math.max(0, options.maxAgeMs ?? 60_000);
  const now = options.now ?? Date.now;
  const entries = new Map<
    string,
    { readonly officeCode: string; readonly at: number; readonly value: Promise<Statistics.Statistics> }
  >();
  return {
    read(db, officeCode, readOptions = {}) {
      const key = `${officeCode}\u0000${readOptions.topApplicants ?? ""}`;
      const cached = entries.get(key);
      if (cached !== undefined && now() - cached.at < maxAgeMs) return cached.value;
      const value = statistics(db, officeCode, readOptions);
      const entry = { officeCode, at: now(), value };
      entries.set(key, entry);
      // A failed read is not kept: the next view tries again.
      value.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
      return value;
    },
    invalidate(officeCode) {
      for (const [key, entry] of entries) {
        if (officeCode === undefined || entry.officeCode === officeCode) entries.delete(key);
      }
    },
  };
};

/** Rebuilds the statistic counters of an office from its documents (after a load that bypassed `index`). */
export const refreshStatistics = (db: SearchDb, officeCode: string): Promise<void> =>
  Statistics.refresh(asEngineDb(db), officeCode);
