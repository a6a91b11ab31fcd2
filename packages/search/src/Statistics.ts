/**
 * Figures for a register's home page: top applicants (owner names normalised: folded, legal forms dropped), rights per
 * Nice class, per IPC section and class, filings per year and kind, rights per status.
 *
 * They live in `search_statistic` as counters that `Engine.index` and `Engine.remove` adjust in the same transaction
 * as the documents (each document stores the keys it counts towards), so a page reads a few indexed rows and never
 * aggregates the register. `refreshStatistics` rebuilds them from the documents (after a bulk load that bypassed the
 * engine, or to repair).
 */
import { type Kysely, sql } from "kysely";
import { statSeparator } from "./internal/derive.js";
import type { SearchTables } from "./SearchSchema.js";

export interface Count {
  readonly key: string;
  readonly label: string;
  readonly count: number;
}

export interface YearCount {
  readonly year: number;
  readonly kind: string;
  readonly count: number;
}

export interface Statistics {
  readonly topApplicants: ReadonlyArray<Count>;
  readonly byKind: ReadonlyArray<Count>;
  readonly byNiceClass: ReadonlyArray<Count>;
  readonly byIpcSection: ReadonlyArray<Count>;
  readonly byIpcClass: ReadonlyArray<Count>;
  readonly filingsPerYear: ReadonlyArray<YearCount>;
  readonly byStatus: ReadonlyArray<Count>;
}

export interface StatisticsOptions {
  /** How many applicants to list (default 10). */
  readonly topApplicants?: number;
}

type Db = Kysely<SearchTables>;

const list = (rows: ReadonlyArray<{ name: string; key: string; label: string; count: number }>, name: string) =>
  rows
    .filter((r) => r.name === name)
    .map((r) => ({ key: r.key, label: r.label === "" ? r.key : r.label, count: Number(r.count) }));

/** Reads the statistics of an office (a few indexed rows; no aggregation over documents). */
export const read = async (db: Db, officeCode: string, options: StatisticsOptions = {}): Promise<Statistics> => {
  const top = Math.max(1, Math.min(100, Math.trunc(options.topApplicants ?? 10)));
  const [applicants, others] = await Promise.all([
    db
      .selectFrom("search_statistic")
      .select(["name", "key", "label", "count"])
      .where("office_code", "=", officeCode)
      .where("name", "=", "applicant")
      .orderBy("count", "desc")
      .orderBy("key")
      .limit(top)
      .execute(),
    db
      .selectFrom("search_statistic")
      .select(["name", "key", "label", "count"])
      .where("office_code", "=", officeCode)
      .where("name", "in", ["kind", "nice", "ipc_section", "ipc_class", "filings", "status"])
      .execute(),
  ]);
  const byKey = (a: Count, b: Count) => a.key.localeCompare(b.key, "en", { numeric: true });
  return {
    topApplicants: list(applicants, "applicant"),
    byKind: list(others, "kind").sort(byKey),
    byNiceClass: list(others, "nice").sort(byKey),
    byIpcSection: list(others, "ipc_section").sort(byKey),
    byIpcClass: list(others, "ipc_class").sort(byKey),
    filingsPerYear: others
      .filter((r) => r.name === "filings")
      .map((r) => {
        const [year, kind] = r.key.split(":");
        return { year: Number(year), kind: kind ?? "", count: Number(r.count) };
      })
      .sort((a, b) => a.year - b.year || a.kind.localeCompare(b.kind)),
    byStatus: list(others, "status").sort(byKey),
  };
};

/**
 * Adds `delta` to each counter (keyed `name␟key`), creating or deleting rows as needed, in the caller's transaction.
 * Rows are written in key order so concurrent writers lock them in the same order.
 */
export const applyDeltas = async (
  db: Db,
  officeCode: string,
  deltas: ReadonlyMap<string, { delta: number; label: string }>,
): Promise<void> => {
  const entries = [...deltas.entries()].filter(([, d]) => d.delta !== 0).sort(([a], [b]) => (a < b ? -1 : 1));
  for (let i = 0; i < entries.length; i += 1000) {
    const chunk = entries.slice(i, i + 1000).map(([k, d]) => {
      const at = k.indexOf(statSeparator);
      return { office_code: officeCode, name: k.slice(0, at), key: k.slice(at + 1), label: d.label, count: d.delta };
    });
    await db
      .insertInto("search_statistic")
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(["office_code", "name", "key"]).doUpdateSet({
          count: sql`search_statistic.count + excluded.count`,
          label: sql`case when excluded.label = '' then search_statistic.label when search_statistic.label = '' then excluded.label else least(search_statistic.label collate "C", excluded.label) end`,
        }),
      )
      .execute();
  }
  if (entries.some(([, d]) => d.delta < 0)) {
    await db.deleteFrom("search_statistic").where("office_code", "=", officeCode).where("count", "<=", 0).execute();
  }
};

/**
 * Rebuilds the statistics of an office from its documents, in one transaction (the counters never show a half-built
 * state). An applicant's label is the first of its spellings in
 * alphabetical order, the rule the counters follow too.
 */
export const refresh = async (db: Db, officeCode: string): Promise<void> => {
  const run = async (trx: Db) => {
    await trx.deleteFrom("search_statistic").where("office_code", "=", officeCode).execute();
    await sql`
      insert into search_statistic (office_code, name, key, label, count)
      select d.office_code, split_part(k, ${statSeparator}, 1), split_part(k, ${statSeparator}, 2),
             coalesce(min(nullif(split_part(k, ${statSeparator}, 3), '') collate "C"), ''), count(*)
      from search_document d, unnest(d.stat_keys) k
      where d.office_code = ${officeCode}
      group by 1, 2, 3`.execute(trx);
  };
  if (db.isTransaction) await run(db);
  else await db.transaction().execute(run);
};
