/**
 * Running a compiled search: the page of hits in keyset order, the total (exact up to a bound, else the planner's
 * estimate, said so), the facets with live counts, and for `similar` searches the re-ranking in TypeScript.
 */
import { type Kysely, type RawBuilder, type SqlBool, sql } from "kysely";
import type { SearchDocument } from "../SearchDocument.js";
import * as Similarity from "../Similarity.js";
import type { SearchTables } from "../SearchSchema.js";
import { compile, markCandidate, markCandidateScore } from "./compile.js";
import { type Criterion, hasSimilar, rankingTexts } from "./criteria.js";

type Db = Kysely<SearchTables>;

export type SortOrder = "relevance" | "filing-desc" | "filing-asc" | "title-asc" | "title-desc";

export type FacetName = "kind" | "status" | "class" | "year" | "owner" | "country";

export interface FacetValue {
  readonly value: string;
  readonly label: string;
  readonly count: number;
}

export interface Total {
  readonly value: number;
  /** False when the count stopped at the bound and `value` is the planner's estimate. */
  readonly exact: boolean;
}

export interface Evidence {
  /** From 0 to 1, as `Similarity.compare` gives it. */
  readonly score: number;
  /** The mark text of the hit that came closest to the query. */
  readonly text: string;
  /** What makes them alike, strongest first. */
  readonly evidence: ReadonlyArray<Similarity.Evidence>;
}

export interface Hit {
  readonly recordId: string;
  readonly document: SearchDocument;
  /** For searches on mark text: the similarity of the closest mark text, with its evidence. */
  readonly similarity?: Evidence;
}

export interface RunOptions {
  readonly officeCode: string;
  readonly sort: SortOrder;
  readonly pageSize: number;
  readonly cursor?: Cursor | undefined;
  readonly facets: boolean;
  /** Exact counts up to this many hits (default 10,000); beyond it the total is estimated. */
  readonly countLimit: number;
  /** How many candidates a similar search re-ranks at most (default 2,000). */
  readonly candidateLimit: number;
  /** Hits of a similar search scoring below this are dropped (default `Similarity.defaultThreshold`). */
  readonly minScore: number;
  /** Values per facet for the long lists (owner, country), default 20. */
  readonly facetSize: number;
}

/** Where the next page starts: the sort value and record id of the last hit shown. */
export type Cursor = readonly [string | number | null, string];

export interface RunResult {
  readonly hits: ReadonlyArray<Hit>;
  readonly total: Total;
  readonly facets: Readonly<Record<FacetName, ReadonlyArray<FacetValue>>> | undefined;
  readonly next: Cursor | undefined;
}

const noDate = "0001-01-01";

const sortKey = (sort: SortOrder) =>
  sort === "title-asc" || sort === "title-desc" ? sql`d.title_key` : sql`coalesce(d.filing_date, ${noDate}::date)`;

const keysetCondition = (sort: SortOrder, cursor: Cursor): RawBuilder<SqlBool> => {
  const key = sortKey(sort);
  const [value, id] = cursor;
  const typed =
    sort === "title-asc" || sort === "title-desc" ? sql`${String(value ?? "")}` : sql`${String(value ?? noDate)}::date`;
  return sort === "filing-asc" || sort === "title-asc"
    ? sql<SqlBool>`(${key}, d.record_id) > (${typed}, ${id})`
    : sql<SqlBool>`(${key}, d.record_id) < (${typed}, ${id})`;
};

const orderBy = (sort: SortOrder) =>
  sort === "filing-asc" || sort === "title-asc"
    ? sql`${sortKey(sort)} asc, d.record_id asc`
    : sql`${sortKey(sort)} desc, d.record_id desc`;

const countHits = async (db: Db, where: RawBuilder<SqlBool>, office: string, limit: number): Promise<Total> => {
  const counted = await sql<{ n: number }>`
    select count(*)::int as n from (
      select 1 from search_document d where d.office_code = ${office} and ${where} limit ${limit + 1}
    ) x`.execute(db);
  const n = Number(counted.rows[0]?.n ?? 0);
  if (n <= limit) return { value: n, exact: true };
  const plan = await sql<{ "QUERY PLAN": unknown }>`
    explain (format json) select 1 from search_document d where d.office_code = ${office} and ${where}`.execute(db);
  const estimate = estimateRows(plan.rows[0]?.["QUERY PLAN"]);
  return { value: Math.max(limit + 1, estimate), exact: false };
};

const estimateRows = (plan: unknown): number => {
  const parsed = typeof plan === "string" ? (JSON.parse(plan) as unknown) : plan;
  const top = Array.isArray(parsed) ? (parsed[0] as { Plan?: { "Plan Rows"?: number } }) : undefined;
  return Math.round(top?.Plan?.["Plan Rows"] ?? 0);
};

const facetsOf = async (
  db: Db,
  office: string,
  where: RawBuilder<SqlBool>,
  size: number,
): Promise<Record<FacetName, FacetValue[]>> => {
  const rows = await sql<{ f: FacetName; v: string | null; n: number }>`
    with m as materialized (
      select d.kind, coalesce(d.standard_status, d.office_status, 'unknown') as status, d.classes, d.filing_year,
             d.owner_keys, d.designated_states
      from search_document d where d.office_code = ${office} and ${where}
    )
    select 'kind' as f, kind as v, count(*)::int as n from m group by 2
    union all select 'status', status, count(*)::int from m group by 2
    union all select 'class', c::text, count(*)::int from m, unnest(classes) c group by 2
    union all select 'year', filing_year::text, count(*)::int from m where filing_year is not null group by 2
    union all (select 'owner', o, count(*)::int from m, unnest(owner_keys) o group by 2 order by 3 desc, 2 limit ${size})
    union all (select 'country', s, count(*)::int from m, unnest(designated_states) s group by 2 order by 3 desc, 2 limit ${size})
  `.execute(db);
  const facets: Record<FacetName, FacetValue[]> = { kind: [], status: [], class: [], year: [], owner: [], country: [] };
  for (const r of rows.rows) facets[r.f].push({ value: r.v ?? "", label: r.v ?? "", count: Number(r.n) });
  const byCount = (a: FacetValue, b: FacetValue) => b.count - a.count || a.value.localeCompare(b.value);
  facets.kind.sort(byCount);
  facets.status.sort(byCount);
  facets.class.sort((a, b) => Number(a.value) - Number(b.value));
  facets.year.sort((a, b) => Number(b.value) - Number(a.value));
  facets.owner.sort(byCount);
  facets.country.sort(byCount);
  if (facets.owner.length > 0) {
    // Owner facet labels: the first spelling, alphabetically, the statistics keep for that owner.
    const labels = await db
      .selectFrom("search_statistic")
      .select(["key", "label"])
      .where("office_code", "=", office)
      .where("name", "=", "applicant")
      .where(
        "key",
        "in",
        facets.owner.map((o) => o.value),
      )
      .execute();
    const byKey = new Map(labels.map((l) => [l.key, l.label]));
    facets.owner = facets.owner.map((o) => ({ ...o, label: byKey.get(o.value) || o.value }));
  }
  return facets;
};

const documentsByIds = async (db: Db, office: string, ids: ReadonlyArray<string>) => {
  if (ids.length === 0) return new Map<string, SearchDocument>();
  const rows = await db
    .selectFrom("search_document")
    .select(["record_id", "document"])
    .where("office_code", "=", office)
    .where("record_id", "in", [...ids])
    .execute();
  return new Map(rows.map((r) => [r.record_id, parseDocument(r.document)]));
};

const parseDocument = (value: unknown): SearchDocument =>
  (typeof value === "string" ? JSON.parse(value) : value) as SearchDocument;

export const run = async (db: Db, criterion: Criterion, options: RunOptions): Promise<RunResult> => {
  const office = options.officeCode;
  const where = compile(criterion, office);
  const texts = rankingTexts(criterion);
  if (hasSimilar(criterion) || (options.sort === "relevance" && texts.length > 0)) {
    return runRanked(db, where, texts, options);
  }
  const sort = options.sort === "relevance" ? "filing-desc" : options.sort;
  const page = await sql<{ record_id: string; document: unknown; k: string | number | null }>`
    select d.record_id, d.document, ${sortKey(sort)}::text as k
    from search_document d
    where d.office_code = ${office} and ${where}
    ${options.cursor ? sql`and ${keysetCondition(sort, options.cursor)}` : sql``}
    order by ${orderBy(sort)}
    limit ${options.pageSize + 1}`.execute(db);
  const rows = page.rows.slice(0, options.pageSize);
  const last = rows.at(-1);
  const [total, facets] = await Promise.all([
    countHits(db, where, office, options.countLimit),
    options.facets ? facetsOf(db, office, where, options.facetSize) : Promise.resolve(undefined),
  ]);
  return {
    hits: rows.map((r) => ({ recordId: r.record_id, document: parseDocument(r.document) })),
    total,
    facets,
    next: page.rows.length > options.pageSize && last ? [last.k, last.record_id] : undefined,
  };
};

const runRanked = async (
  db: Db,
  where: RawBuilder<SqlBool>,
  queryTexts: ReadonlyArray<string>,
  options: RunOptions,
): Promise<RunResult> => {
  const office = options.officeCode;
  // Candidates: the documents the criteria select, best first by a trigram score when there are more than we re-rank.
  const rankText = queryTexts[0] ?? "";
  const candidates = await sql<{ record_id: string; texts: string[] }>`
    select d.record_id,
           array(select m.text from search_mark m where m.office_code = d.office_code and m.record_id = d.record_id
                 order by m.position) as texts
    from search_document d
    where d.office_code = ${office} and ${where}
    order by (select max(${markCandidateScore(rankText)}) from search_mark m
              where m.office_code = d.office_code and m.record_id = d.record_id and ${markCandidate(rankText)}) desc nulls last,
             d.record_id
    limit ${options.candidateLimit + 1}`.execute(db);
  const capped = candidates.rows.length > options.candidateLimit;
  const prepared = queryTexts.map((q) => Similarity.prepare(q));
  const scored = candidates.rows.slice(0, options.candidateLimit).map((row) => {
    let best: Evidence | undefined;
    for (const text of row.texts) {
      const mark = Similarity.prepare(text);
      for (const q of prepared) {
        const { score, evidence } = Similarity.comparePrepared(q, mark);
        if (!best || score > best.score) best = { score, text, evidence };
      }
    }
    return { recordId: row.record_id, evidence: best };
  });
  const kept = scored
    .filter((s) => (s.evidence?.score ?? 0) >= options.minScore)
    .sort(
      (a, b) =>
        (b.evidence?.score ?? 0) - (a.evidence?.score ?? 0) ||
        (a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0),
    );
  let start = 0;
  if (options.cursor) {
    const [value, id] = options.cursor;
    const score = Number(value);
    start = kept.findIndex((s) => {
      const own = s.evidence?.score ?? 0;
      return own < score || (own === score && s.recordId > id);
    });
    if (start < 0) start = kept.length;
  }
  const pageRows = kept.slice(start, start + options.pageSize);
  const documents = await documentsByIds(
    db,
    office,
    pageRows.map((r) => r.recordId),
  );
  const hits: Hit[] = pageRows.flatMap((r) => {
    const document = documents.get(r.recordId);
    if (!document) return [];
    return [{ recordId: r.recordId, document, ...(r.evidence ? { similarity: r.evidence } : {}) }];
  });
  const last = pageRows.at(-1);
  const facets = options.facets
    ? await facetsOf(
        db,
        office,
        sql<SqlBool>`d.record_id = any(${kept.map((k) => k.recordId)}::text[])`,
        options.facetSize,
      )
    : undefined;
  return {
    hits,
    total: capped ? await countHits(db, where, office, options.countLimit) : { value: kept.length, exact: true },
    facets,
    next: start + options.pageSize < kept.length && last ? [last.evidence?.score ?? 0, last.recordId] : undefined,
  };
};
