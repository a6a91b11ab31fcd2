/**
 * Recall@10 and precision@10 of a ranking over the labelled marks (test/fixtures/similar-marks.ts) mixed with
 * distractors: for each query, every mark of the pool is scored, marks under the ranking's cut are dropped, and the
 * first 10 are the result list. Recall: labelled similar marks found in the lists, over all labelled similar marks.
 * Precision: labelled similar marks in the lists over all marks in the lists (micro-averaged over queries).
 */
import { Similarity } from "../src/index.js";
import { type DissimilarCategory, distractors, groups, type SimilarCategory } from "./fixtures/similar-marks.js";

export interface Figures {
  readonly recall: number;
  readonly precision: number;
  readonly found: number;
  readonly relevant: number;
  readonly listed: number;
  /** Recall per similar category. */
  readonly byCategory: Readonly<Record<string, { readonly found: number; readonly relevant: number }>>;
  /** Labelled dissimilar marks that made the lists, per category (false positives). */
  readonly dissimilarListed: Readonly<Record<string, { readonly listed: number; readonly labelled: number }>>;
  readonly poolSize: number;
  readonly queries: number;
}

export type Scorer = (query: string) => (mark: string) => number;

export const pool: ReadonlyArray<string> = [
  ...new Set([
    ...groups.flatMap((g) => [...Object.values(g.similar).flat(), ...Object.values(g.dissimilar).flat()]),
    ...distractors,
  ]),
];

export const evaluate = (scorer: Scorer, cut: number, k = 10): Figures =>
  evaluateLists((query) => {
    const score = scorer(query);
    return pool
      .filter((m) => m !== query)
      .map((mark, index) => ({ mark, index, score: score(mark) }))
      .filter((r) => r.score >= cut && r.score > 0)
      .sort((a, b) => b.score - a.score || a.index - b.index)
      .slice(0, k)
      .map((r) => r.mark);
  });

/** The figures of result lists given per query (the first 10 marks of each, the query mark itself left out). */
export const evaluateLists = (listOf: (query: string) => ReadonlyArray<string>): Figures => {
  const lists = new Map(groups.map((g) => [g.query, listOf(g.query)]));
  return figuresOf((query) => lists.get(query) ?? []);
};

const figuresOf = (listOf: (query: string) => ReadonlyArray<string>): Figures => {
  let found = 0;
  let relevant = 0;
  let listed = 0;
  const byCategory: Record<string, { found: number; relevant: number }> = {};
  const dissimilarListed: Record<string, { listed: number; labelled: number }> = {};
  for (const group of groups) {
    const list = listOf(group.query);
    const shown = new Set(list);
    listed += list.length;
    for (const [category, marks] of Object.entries(group.similar) as Array<[SimilarCategory, ReadonlyArray<string>]>) {
      const c = byCategory[category] ?? { found: 0, relevant: 0 };
      byCategory[category] = c;
      for (const mark of marks) {
        relevant++;
        c.relevant++;
        if (shown.has(mark)) {
          found++;
          c.found++;
        }
      }
    }
    for (const [category, marks] of Object.entries(group.dissimilar) as Array<
      [DissimilarCategory, ReadonlyArray<string>]
    >) {
      const c = dissimilarListed[category] ?? { listed: 0, labelled: 0 };
      dissimilarListed[category] = c;
      for (const mark of marks) {
        c.labelled++;
        if (shown.has(mark)) c.listed++;
      }
    }
  }
  return {
    recall: found / relevant,
    precision: listed === 0 ? 0 : found / listed,
    found,
    relevant,
    listed,
    byCategory,
    dissimilarListed,
    poolSize: pool.length,
    queries: groups.length,
  };
};

/** `compare`, each pool mark prepared once. */
export const compareScorer = (): Scorer => {
  const prepared = new Map(pool.map((m) => [m, Similarity.prepare(m)]));
  return (query) => {
    const q = Similarity.prepare(query);
    return (mark) => Similarity.comparePrepared(q, prepared.get(mark) ?? Similarity.prepare(mark)).score;
  };
};

/** What a developer writes first: pg_trgm `similarity(mark, query)` on the texts as written. */
export const trigramScorer = (): Scorer => (query) => (mark) => Similarity.trigramSimilarity(query, mark);

/** pg_trgm's default cut (`pg_trgm.similarity_threshold`, used by the `%` operator). */
export const trigramCut = 0.3;

const pct = (n: number) => `${(100 * n).toFixed(1)}%`;

export const report = (name: string, f: Figures): string => {
  const lines = [
    `${name}: recall@10 ${pct(f.recall)} (${f.found}/${f.relevant}), precision@10 ${pct(f.precision)} (${f.found}/${f.listed})`,
  ];
  for (const [c, v] of Object.entries(f.byCategory))
    lines.push(`  similar ${c.padEnd(9)} recall ${pct(v.found / v.relevant).padStart(6)} (${v.found}/${v.relevant})`);
  for (const [c, v] of Object.entries(f.dissimilarListed))
    lines.push(
      `  dissimilar ${c.padEnd(7)} listed ${pct(v.listed / v.labelled).padStart(6)} (${v.listed}/${v.labelled})`,
    );
  return lines.join("\n");
};
