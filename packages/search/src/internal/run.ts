/**
 * Running a compiled search: the page of hits in keyset order, the total (exact up to a bound, else the planner's
 * estimate, said so), the facets with live counts, and for `similar` searches the re-ranking in TypeScript.
 */
import { type Kysely, type RawBuilder, type SqlBool, sql } from "kysely";
import type { SearchDocument } from "../SearchDocument.js";
import * as Similarity from "../Similarity.js";
import type { SearchTables } from "../SearchSchema.js";
import { compile, leadingMark, scoredCandidates } from "./compile.js";
import { type Criterion, hasSimilar, rankingTexts, withoutSimilar } from "./criteria.js";

type Db = Kysely<SearchTables>;

/** The orders of `Query.Sort`; a leading `-` is descending. */
export type SortOrder =
  | "relevance"
  | "filingDate"
  | "-filingDate"
  | "registrationDate"
  | "-registrationDate"
  | "applicationNumber"
  | "-applicationNumber"
  | "mark"
  | "-mark";

/** The facets of `Query.Facet`. */
export type FacetName =
  | "kind"
  | "officeStatus"
  | "standardStatus"
  | "niceClass"
  | "viennaCode"
  | "ipcSymbol"
  | "locarnoClass"
  | "designatedState"
  | "owner"
  | "filingYear";

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
  readonly facets: ReadonlyArray<FacetName>;
  /** Exact counts up to this many hits (default 10,000); beyond it the total is estimated. */
  readonly countLimit: number;
  /** How many candidates a similar search re-ranks at most (default 2,000). */
  readonly candidateLimit: number;
  /** Hits of a similar search scoring below this are dropped (default `Similarity.defaultThreshold`). */
  readonly minScore: number;
  /** Values per facet for the long lists (owner, country), default 20. */
  readonly facetSize: number;
}

/** Where the next page starts (`Query.Cursor`): the sort, the sort values and the record id of the last hit shown. */
export interface Cursor {
  readonly sort: SortOrder;
  readonly after: ReadonlyArray<string | number | null>;
  readonly id: string;
}

export interface RunResult {
  readonly hits: ReadonlyArray<Hit>;
  readonly total: Total;
  /** The facets asked for, each value with the number of hits that have it. */
  readonly facets: Readonly<Partial<Record<FacetName, ReadonlyArray<FacetValue>>>>;
  readonly next: Cursor | undefined;
}

const noDate = "0001-01-01";

type KeysetSort = Exclude<SortOrder, "relevance">;

const sortKey = (sort: KeysetSort) => {
  switch (sort) {
    case "filingDate":
    case "-filingDate":
      return sql`coalesce(d.filing_date, ${noDate}::date)`;
    case "registrationDate":
    case "-registrationDate":
      return sql`coalesce(d.registration_date, ${noDate}::date)`;
    case "applicationNumber":
    case "-applicationNumber":
      return sql`d.application_key`;
    case "mark":
    case "-mark":
      return sql`d.title_key`;
  }
};

const isDateSort = (sort: KeysetSort) => sort.endsWith("Date");
const descending = (sort: SortOrder) => sort.startsWith("-");

const keysetCondition = (sort: KeysetSort, cursor: Cursor): RawBuilder<SqlBool> => {
  const key = sortKey(sort);
  const value = cursor.after[0] ?? null;
  const typed = isDateSort(sort) ? sql`${String(value ?? noDate)}::date` : sql`${String(value ?? "")}`;
  return descending(sort)
    ? sql<SqlBool>`(${key}, d.record_id) < (${typed}, ${cursor.id})`
    : sql<SqlBool>`(${key}, d.record_id) > (${typed}, ${cursor.id})`;
};

const orderBy = (sort: KeysetSort) =>
  descending(sort) ? sql`${sortKey(sort)} desc, d.record_id desc` : sql`${sortKey(sort)} asc, d.record_id asc`;

/** The whole register: its size is the sum of the kind counters `Statistics` keeps (exact, no scan). */
const countAll = async (db: Db, office: string): Promise<Total> => {
  const row = await db
    .selectFrom("search_statistic")
    .select(sql<number>`coalesce(sum(count), 0)::int`.as("n"))
    .where("office_code", "=", office)
    .where("name", "=", "kind")
    .executeTakeFirst();
  return { value: Number(row?.n ?? 0), exact: true };
};

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

/** How each facet reads its values from the matching rows `m` (arrays unnested). */
const facetSources: Record<FacetName, { readonly from: string; readonly long: boolean }> = {
  kind: { from: "select kind as v from m", long: false },
  officeStatus: { from: "select office_status as v from m where office_status is not null", long: false },
  standardStatus: { from: "select standard_status as v from m where standard_status is not null", long: false },
  niceClass: { from: "select c::text as v from m, unnest(classes) c", long: false },
  // Vienna categories, IPC subclasses and Locarno classes: the level a reader narrows by.
  viennaCode: { from: "select c as v from m, unnest(vienna) c where length(c) = 2", long: true },
  ipcSymbol: { from: "select c as v from m, unnest(ipc) c where length(c) = 4", long: true },
  locarnoClass: { from: "select c as v from m, unnest(locarno) c where length(c) = 2", long: true },
  designatedState: { from: "select c as v from m, unnest(designated_states) c", long: true },
  owner: { from: "select c as v from m, unnest(owner_keys) c", long: true },
  filingYear: { from: "select filing_year::text as v from m where filing_year is not null", long: false },
};

const facetsOf = async (
  db: Db,
  office: string,
  where: RawBuilder<SqlBool>,
  wanted: ReadonlyArray<FacetName>,
  size: number,
): Promise<Partial<Record<FacetName, FacetValue[]>>> => {
  const names = [...new Set(wanted)];
  if (names.length === 0) return {};
  const parts = names.map((name) => {
    const source = facetSources[name];
    const grouped = sql`select ${name} as f, v, count(*)::int as n from (${sql.raw(source.from)}) x group by v`;
    return source.long ? sql`(${grouped} order by n desc, v limit ${size})` : sql`(${grouped})`;
  });
  const rows = await sql<{ f: FacetName; v: string | null; n: number }>`
    with m as materialized (
      select d.kind, d.office_status, d.standard_status, d.classes, d.vienna, d.ipc, d.locarno, d.designated_states,
             d.owner_keys, d.filing_year
      from search_document d where d.office_code = ${office} and ${where}
    )
    ${sql.join(parts, sql` union all `)}`.execute(db);
  const facets: Partial<Record<FacetName, FacetValue[]>> = {};
  for (const name of names) facets[name] = [];
  for (const r of rows.rows) facets[r.f]?.push({ value: r.v ?? "", label: r.v ?? "", count: Number(r.n) });
  const byCount = (a: FacetValue, b: FacetValue) => b.count - a.count || (a.value < b.value ? -1 : 1);
  for (const name of names) {
    const list = facets[name] ?? [];
    if (name === "niceClass") list.sort((a, b) => Number(a.value) - Number(b.value));
    else if (name === "filingYear") list.sort((a, b) => Number(b.value) - Number(a.value));
    else list.sort(byCount);
  }
  const owners = facets.owner ?? [];
  if (owners.length > 0) {
    // An owner's label: the spelling the statistics keep for that normalised name.
    const labels = await db
      .selectFrom("search_statistic")
      .select(["key", "label"])
      .where("office_code", "=", office)
      .where("name", "=", "applicant")
      .where(
        "key",
        "in",
        owners.map((o) => o.value),
      )
      .execute();
    const byKey = new Map(labels.map((l) => [l.key, l.label]));
    facets.owner = owners.map((o) => ({ ...o, label: byKey.get(o.value) || o.value }));
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

/**
 * `Similarity.prepare` of mark texts, remembered: preparing a text (keys, romanised words, phonetic keys, trigrams)
 * costs five to ten times comparing two prepared texts, and the same marks come back as candidates of many searches.
 * A bounded map, the oldest entry dropped first; a pure function's results, so nothing here can go stale.
 */
const preparedCache = new Map<string, Similarity.Prepared>();
export const preparedCacheSize = 20_000;

export const preparedText = (text: string): Similarity.Prepared => {
  const cached = preparedCache.get(text);
  if (cached !== undefined) return cached;
  const prepared = Similarity.prepare(text);
  if (text.length > 200) return prepared;
  if (preparedCache.size >= preparedCacheSize) {
    const oldest = preparedCache.keys().next();
    if (oldest.done !== true) preparedCache.delete(oldest.value);
  }
  preparedCache.set(text, prepared);
  return prepared;
};

export const run = async (db: Db, criterion: Criterion, options: RunOptions): Promise<RunResult> => {
  const office = options.officeCode;
  const where = compile(criterion, office);
  // Hits are ranked by similarity when a mark is searched as `similar` (exact and contains hits keep the date order).
  const texts = hasSimilar(criterion) ? rankingTexts(criterion) : [];
  // Ranked by similarity in the relevance order; in any other order the similar candidates are listed in that order.
  if (options.sort === "relevance" && texts.length > 0) {
    return runRanked(db, criterion, texts, options);
  }
  const sort: KeysetSort = options.sort === "relevance" ? "-filingDate" : options.sort;
  const lead = leadingMark(criterion, office);
  if (lead) {
    const fromMarks = await runFromMarks(db, lead, where, sort, options);
    if (fromMarks) return fromMarks;
  }
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
    criterion._tag === "All" ? countAll(db, office) : countHits(db, where, office, options.countLimit),
    facetsOf(db, office, where, options.facets, options.facetSize),
  ]);
  return {
    hits: rows.map((r) => ({ recordId: r.record_id, document: parseDocument(r.document) })),
    total,
    facets,
    next: page.rows.length > options.pageSize && last ? { sort, after: [last.k], id: last.record_id } : undefined,
  };
};

/** Marks read first for a page: at most this many, else the page is read in the sort order's index. */
export const leadingMarksLimit = 5_000;

/**
 * A page of a query led by an exact or contains mark criterion, from the marks it selects (when there are at most
 * `leadingMarksLimit`): one statement reads them through the mark indexes, keeps the documents that meet the rest of
 * the query, counts them and sorts them. Undefined when there are more (the sort order's index is then the faster
 * way) or when a cursor past the last hit leaves nothing to count from.
 */
const runFromMarks = async (
  db: Db,
  lead: { readonly marks: RawBuilder<unknown>; readonly rest: Criterion },
  where: RawBuilder<SqlBool>,
  sort: KeysetSort,
  options: RunOptions,
): Promise<RunResult | undefined> => {
  const office = options.officeCode;
  const cap = Math.min(leadingMarksLimit, options.countLimit) + 1;
  const result = await sql<{
    found: number;
    record_id: string | null;
    document: unknown;
    k: string | number | null;
    n: number | null;
  }>`
    with ids as materialized (${lead.marks} limit ${cap}),
    page as (
      select d.record_id, d.document, d.k, d.n from (
        select d.*, ${sortKey(sort)}::text as k, count(*) over ()::int as n
        from search_document d
        where (select count(*) from ids) < ${cap}
          and d.office_code = ${office} and d.record_id in (select ids.record_id from ids)
          and ${compile(lead.rest, office)}
      ) d
      ${options.cursor ? sql`where ${keysetCondition(sort, options.cursor)}` : sql``}
      order by ${orderBy(sort)}
      limit ${options.pageSize + 1}
    )
    select f.found, page.* from (select count(*)::int as found from ids) f left join page on true`.execute(db);
  const first = result.rows[0];
  if (!first || Number(first.found) >= cap) return undefined;
  const found = result.rows.filter((r): r is typeof r & { record_id: string } => r.record_id !== null);
  if (found.length === 0 && options.cursor) return undefined;
  const rows = found.slice(0, options.pageSize);
  const last = rows.at(-1);
  return {
    hits: rows.map((r) => ({ recordId: r.record_id, document: parseDocument(r.document) })),
    total: { value: Number(found[0]?.n ?? 0), exact: true },
    facets: await facetsOf(db, office, where, options.facets, options.facetSize),
    next: found.length > options.pageSize && last ? { sort, after: [last.k], id: last.record_id } : undefined,
  };
};

const runRanked = async (
  db: Db,
  criterion: Criterion,
  queryTexts: ReadonlyArray<string>,
  options: RunOptions,
): Promise<RunResult> => {
  const office = options.officeCode;
  // Candidates: the documents the criteria select, best first by a trigram score when there are more than we re-rank.
  const rankText = queryTexts[0] ?? "";
  // The similar clause of the ranking text reads the candidates of the CTE instead of searching them again.
  const rankedWhere = compile(criterion, office, { candidatesOf: rankText });
  // Hits that satisfy the query without its similar criteria (a name, a class, a number beside a similar mark in an
  // `Or`) stay whatever their similarity: only hits found through likeness alone must reach the threshold.
  const strict = compile(withoutSimilar(criterion), office);
  // One statement: the candidates, their texts and how many there are (`count(*) over ()`, computed anyway by the
  // sort), so the candidate branches run once rather than again for a separate count.
  const candidates = await sql<{ record_id: string; texts: string[]; strict: boolean | null; n: number }>`
    with c as materialized (${scoredCandidates(office, rankText)})
    select d.record_id, coalesce(${strict}, false) as strict, count(*) over ()::int as n,
           array(select m.text from search_mark m where m.office_code = d.office_code and m.record_id = d.record_id
                 order by m.position) as texts
    from search_document d left join c on c.record_id = d.record_id
    where d.office_code = ${office} and ${rankedWhere}
    order by c.s desc nulls last, d.record_id
    limit ${options.candidateLimit + 1}`.execute(db);
  const capped = candidates.rows.length > options.candidateLimit;
  const prepared = queryTexts.map(preparedText);
  const scored = candidates.rows.slice(0, options.candidateLimit).map((row) => {
    let best: Evidence | undefined;
    for (const text of row.texts) {
      const mark = preparedText(text);
      for (const q of prepared) {
        const { score, evidence } = Similarity.comparePrepared(q, mark);
        if (!best || score > best.score) best = { score, text, evidence };
      }
    }
    return { recordId: row.record_id, evidence: best, strict: row.strict === true };
  });
  const kept = scored
    .filter((s) => s.strict || (s.evidence?.score ?? 0) >= options.minScore)
    .sort(
      (a, b) =>
        (b.evidence?.score ?? 0) - (a.evidence?.score ?? 0) ||
        (a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0),
    );
  let start = 0;
  if (options.cursor) {
    const id = options.cursor.id;
    const score = Number(options.cursor.after[0] ?? 0);
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
  const facets = await facetsOf(
    db,
    office,
    sql<SqlBool>`d.record_id = any(${kept.map((k) => k.recordId)}::text[])`,
    options.facets,
    options.facetSize,
  );
  return {
    hits,
    // Past the candidates re-ranked, the hits are not all scored: the number of candidates is an upper bound.
    total: capped ? { value: Number(candidates.rows[0]?.n ?? 0), exact: false } : { value: kept.length, exact: true },
    facets,
    next:
      start + options.pageSize < kept.length && last
        ? { sort: "relevance", after: [last.evidence?.score ?? 0], id: last.recordId }
        : undefined,
  };
};
