/**
 * Benchmark of the search engine (`pnpm --filter @ipoffice/search bench`, or this file alone with
 * `node --conditions=@ipoffice/source --import tsx bench/engine.bench.ts [--size N] [--url postgres://…] [--pglite]`).
 *
 * A generated register (test/support/register.ts: mark texts recombined from real EU trade marks, 10% in Arabic
 * script, Nice terms from the shipped list, Zipf owners, patents with IPC symbols; N trademarks and N/5 patents) is
 * loaded through `Engine.index` beside a plain INSERT and COPY of the same rows into a plain table; then a fixed query
 * mix runs, each kind beside the plain approach on the plain table with its own pg_trgm and GIN indexes (`ILIKE`,
 * `similarity()`), and the home-page statistics beside computing them with GROUP BY.
 *
 * Engines: PGlite always (default size 100,000 unless --size), PostgreSQL when --url or IPO_BENCH_DATABASE_URL is set
 * (in a fresh schema, dropped afterwards). Output lines: `name: value unit (baseline: value unit, ratio: x)`.
 */

import { cpus, loadavg, totalmem } from "node:os";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { CompiledQuery, Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { Engine, type Query, SearchSchema } from "../src/index.js";
import type { SearchDocument } from "../src/SearchDocument.js";
import type { SearchTables } from "../src/SearchSchema.js";
import { openPglite, openPostgresSchema } from "../test/support/databases.js";
import { arabicScript, generate, mulberry32 } from "../test/support/register.js";

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const url = arg("url") ?? process.env.IPO_BENCH_DATABASE_URL;
const explicitSize = arg("size") ? Number(arg("size")) : undefined;
const runs = Number(arg("runs") ?? 40);
const onlyPostgres = args.includes("--postgres-only");
const explain = args.includes("--explain");

// With --explain, the statements of one search of each ranked kind are recorded and shown with their plans.
const recorded: CompiledQuery[] = [];
let recording = false;
const record = (query: CompiledQuery) => {
  if (recording) recorded.push(query);
};

const line = (name: string, value: number, unit: string, baseline: number, baseUnit = unit) =>
  console.log(
    `${name}: ${fmt(value)} ${unit} (baseline: ${fmt(baseline)} ${baseUnit}, ratio: ${baseline === 0 ? "n/a" : (value / baseline).toFixed(2)})`,
  );
const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString("en") : n.toFixed(2));

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

const time = async <A>(f: () => Promise<A>): Promise<[number, A]> => {
  const t0 = performance.now();
  const a = await f();
  return [performance.now() - t0, a];
};

type Db = Kysely<SearchTables>;

const plainTable = async (db: Db) => {
  await sql`drop table if exists bench_plain`.execute(db);
  await sql`create table bench_plain (
      id text primary key, kind text not null, mark text, owner text, classes integer[] not null,
      class_statuses text[] not null, status text, filing_date date, document jsonb not null)`.execute(db);
};

const plainIndexes = async (db: Db) => {
  for (const s of [
    "create index on bench_plain using gin (mark gin_trgm_ops)",
    "create index on bench_plain using gin (owner gin_trgm_ops)",
    "create index on bench_plain using gin (classes)",
    "create index on bench_plain using gin (class_statuses)",
    "create index on bench_plain (filing_date, id)",
  ])
    await sql.raw(s).execute(db);
};

const plainRow = (d: SearchDocument) => ({
  id: d.recordId,
  kind: d.kind,
  mark: d.markTexts[0] ?? d.title ?? null,
  owner: d.owners[0] ?? null,
  classes: d.classes.map((c) => c.class),
  class_statuses: d.classes.map((c) => `${c.class}:${c.status}`),
  status: d.standardStatus ?? null,
  filing_date: d.dates.filing ?? null,
  document: JSON.stringify(d),
});

const csvField = (v: unknown): string => {
  if (v === null || v === undefined) return "";
  const text = Array.isArray(v)
    ? `{${v.map((x) => `"${String(x).replace(/(["\\])/g, "\\$1")}"`).join(",")}}`
    : String(v);
  return `"${text.replace(/"/g, '""')}"`;
};
/** The register as CSV in pieces of 10,000 rows (one string of 1.2 million documents is past V8's longest string). */
function* csv(docs: ReadonlyArray<SearchDocument>): Generator<string> {
  for (let i = 0; i < docs.length; i += 10_000)
    yield `${docs
      .slice(i, i + 10_000)
      .map((d) => {
        const r = plainRow(d);
        return [r.id, r.kind, r.mark, r.owner, r.classes, r.class_statuses, r.status, r.filing_date, r.document]
          .map(csvField)
          .join(",");
      })
      .join("\n")}\n`;
}

interface Target {
  readonly name: string;
  readonly db: Db;
  copy(pieces: Iterable<string>): Promise<void>;
  close(): Promise<void>;
}

const pgliteTarget = async (): Promise<Target> => {
  const { db, pglite } = await openPglite(undefined, { onQuery: record });
  await SearchSchema.migrateAll(db);
  return {
    name: "PGlite",
    db,
    async copy(pieces) {
      for (const text of pieces)
        await pglite.query("copy bench_plain from '/dev/blob' with (format csv)", [], { blob: new Blob([text]) });
    },
    close: () => db.destroy(),
  };
};

/** A PostgreSQL schema a run left (`--schema`): its rows are measured as they are, and it is kept afterwards. */
const reusedSchema = arg("schema");

const postgresTarget = async (connection: string): Promise<Target> => {
  const opened = reusedSchema
    ? await reopenSchema(connection, reusedSchema)
    : await openPostgresSchema(connection, { onQuery: record }, 4);
  if (!reusedSchema) await SearchSchema.migrateAll(opened.db);
  const schema = opened.schema;
  return {
    name: "PostgreSQL",
    db: opened.db,
    async copy(pieces) {
      const client = new pg.Client({ connectionString: connection, options: `-c search_path=${schema},public` });
      await client.connect();
      try {
        await pipeline(Readable.from(pieces), client.query(copyFrom("copy bench_plain from stdin with (format csv)")));
      } finally {
        await client.end();
      }
    },
    close: () => opened.close(),
  };
};

const reopenSchema = async (connection: string, schema: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`--schema ${schema}: a lower-case SQL name`);
  const pool = new pg.Pool({
    connectionString: connection,
    max: 4,
    options: `-c search_path=${schema},public`,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === 1082 ? (value: string) => value : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  const db = new Kysely<SearchTables>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => record(event.query),
  });
  return { db, schema, close: () => db.destroy() };
};

const benchTarget = async (target: Target, size: number) => {
  const patents = Math.round(size / 5);
  const [genMs, register] = await time(async () => generate({ trademarks: size, patents, seed: 2026 }));
  const docs = register.documents;
  console.log(`\n# ${target.name}: ${size.toLocaleString("en")} trademarks + ${patents.toLocaleString("en")} patents`);
  console.log(
    `# data: ${register.sources.words}; terms: ${register.sources.terms}; generated in ${Math.round(genMs)} ms`,
  );
  console.log(
    `# machine: ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), ${Math.round(totalmem() / 2 ** 30)} GB, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")} at start`,
  );
  const db = target.db;
  if (reusedSchema) {
    // An interrupted run's schema: the documents indexed are a prefix of the register (indexed in order, a
    // transaction per 5,000); the plain table is made from the engine's own rows, so both hold the same register.
    const indexed = await sql<{ n: number }>`select count(*)::int as n from search_document`.execute(db);
    const n = Number(indexed.rows[0]?.n ?? 0);
    console.log(`# measuring the ${n.toLocaleString("en")} documents indexed in schema ${reusedSchema} (no loading)`);
    await plainTable(db);
    await sql`insert into bench_plain
      select record_id, kind, document->'markTexts'->>0, document->'owners'->>0, classes, class_statuses,
             standard_status, filing_date, document
      from search_document`.execute(db);
    await plainIndexes(db);
    await sql`analyze`.execute(db);
    await queries(db, docs.slice(0, n));
    return;
  }

  // Loading: the engine (keys, marks, statistics, all indexes) beside plain INSERT and COPY into a plain table.
  const chunk = 5_000;
  const [indexMs] = await time(async () => {
    const t0 = performance.now();
    for (let i = 0; i < docs.length; i += chunk) {
      await Engine.index(db, docs.slice(i, i + chunk));
      // Progress, so an interrupted run still tells its loading rate.
      if ((i + chunk) % 100_000 === 0)
        console.log(
          `# indexed ${(i + chunk).toLocaleString("en")}: ${fmt(((i + chunk) / (performance.now() - t0)) * 1000)} rows/s so far, load average ${loadavg()[0]?.toFixed(1)}`,
        );
    }
  });
  await plainTable(db);
  await plainIndexes(db);
  const [insertMs] = await time(async () => {
    for (let i = 0; i < docs.length; i += chunk)
      await db.transaction().execute(async (trx) => {
        const rows = docs.slice(i, i + chunk).map(plainRow);
        for (let j = 0; j < rows.length; j += 500)
          await sql`insert into bench_plain select * from json_populate_recordset(null::bench_plain, ${JSON.stringify(rows.slice(j, j + 500))}::json)`.execute(
            trx,
          );
      });
  });
  await sql`truncate bench_plain`.execute(db);
  const [copyMs] = await time(() => target.copy(csv(docs)));
  await sql`analyze`.execute(db);
  const rate = (ms: number) => (docs.length / ms) * 1000;
  line(
    "load Engine.index (keys + marks + 30 indexes + statistics)",
    rate(indexMs),
    "rows/s",
    rate(insertMs),
    "rows/s plain INSERT",
  );
  line("load Engine.index vs COPY", rate(indexMs), "rows/s", rate(copyMs), "rows/s COPY (5 indexes)");

  await queries(db, docs);
};

/** The query mix, the cross-script recall and the statistics, on the documents `docs` (all indexed). */
const queries = async (db: Db, docs: ReadonlyArray<SearchDocument>) => {
  // The query mix: values drawn from the register itself.
  const random = mulberry32(99);
  const marks = docs.filter((d) => d.markTexts.length > 0);
  const pick = () => marks[Math.floor(random() * marks.length)] as SearchDocument;
  const latinMarks = marks.filter((d) => /^[\p{Script=Latin}\s]+$/u.test(d.markTexts[0] ?? ""));
  const pickLatin = () => latinMarks[Math.floor(random() * latinMarks.length)] as SearchDocument;

  const engine =
    (where: Query.Clause, extra: Partial<Query.Query> = {}) =>
    async () =>
      Engine.search(db, { where, limit: 20, ...extra }, { officeCode: "OM" });
  const plain = (query: (trx: Db) => Promise<unknown>) => async () => query(db);

  type Case = readonly [string, () => { engine: () => Promise<unknown>; plain: () => Promise<unknown> }];
  const cases: ReadonlyArray<Case> = [
    [
      "exact mark",
      () => {
        const m = pick().markTexts[0] as string;
        return {
          engine: engine({ _tag: "Text", field: "mark", value: m, mode: "exact" }),
          plain: plain((d) =>
            sql`select id, document from bench_plain where mark ilike ${m.replace(/[\\%_]/g, "\\$&")} order by filing_date desc, id limit 20`.execute(
              d,
            ),
          ),
        };
      },
    ],
    [
      "mark prefix (contains)",
      () => {
        const m = (pickLatin().markTexts[0] as string).slice(0, 4);
        return {
          engine: engine({ _tag: "Text", field: "mark", value: m, mode: "contains" }),
          plain: plain((d) =>
            sql`select id, document from bench_plain where mark ilike ${`%${m.replace(/[\\%_]/g, "\\$&")}%`} order by filing_date desc, id limit 20`.execute(
              d,
            ),
          ),
        };
      },
    ],
    [
      "similar mark",
      () => {
        const m = pickLatin().markTexts[0] as string;
        return {
          engine: engine({ _tag: "Text", field: "mark", value: m, mode: "similar" }),
          plain: plain((d) =>
            sql`select id, document, similarity(mark, ${m}) s from bench_plain where mark % ${m} order by s desc limit 20`.execute(
              d,
            ),
          ),
        };
      },
    ],
    [
      "cross-script similar (Arabic query of a Latin mark)",
      () => {
        const m = arabicScript(pickLatin().markTexts[0] as string) || "نور";
        return {
          engine: engine({ _tag: "Text", field: "mark", value: m, mode: "similar" }),
          plain: plain((d) =>
            sql`select id, document, similarity(mark, ${m}) s from bench_plain where mark % ${m} order by s desc limit 20`.execute(
              d,
            ),
          ),
        };
      },
    ],
    [
      "owner contains",
      () => {
        const o = (pick().owners[0] as string).split(" ")[0] as string;
        return {
          engine: engine({ _tag: "Name", role: "owner", values: [o], mode: "contains" }),
          plain: plain((d) =>
            sql`select id, document from bench_plain where owner ilike ${`%${o.replace(/[\\%_]/g, "\\$&")}%`} order by filing_date desc, id limit 20`.execute(
              d,
            ),
          ),
        };
      },
    ],
    [
      "class + per-class status + filing year",
      () => {
        const c = 1 + Math.floor(random() * 45);
        const y = 1996 + Math.floor(random() * 30);
        return {
          engine: engine({
            _tag: "And",
            clauses: [
              { _tag: "Nice", classes: [c], status: "registered" },
              { _tag: "Date", field: "filing", from: `${y}-01-01`, to: `${y}-12-31` },
            ],
          }),
          plain: plain((d) =>
            sql`select id, document from bench_plain where class_statuses && ${[`${c}:registered`]}::text[] and filing_date between ${`${y}-01-01`}::date and ${`${y}-12-31`}::date order by filing_date desc, id limit 20`.execute(
              d,
            ),
          ),
        };
      },
    ],
    [
      "facets of a class (kind, status, classes, years, owners, states)",
      () => {
        const c = 1 + Math.floor(random() * 45);
        return {
          engine: engine(
            { _tag: "Nice", classes: [c] },
            { facets: ["kind", "standardStatus", "niceClass", "filingYear", "owner", "designatedState"] },
          ),
          plain: plain(async (d) => {
            await sql`select id, document from bench_plain where classes && ${[c]}::int[] order by filing_date desc, id limit 20`.execute(
              d,
            );
            await sql`select count(*) from bench_plain where classes && ${[c]}::int[]`.execute(d);
            await sql`select status, count(*) from bench_plain where classes && ${[c]}::int[] group by 1`.execute(d);
            await sql`select x, count(*) from bench_plain, unnest(classes) x where classes && ${[c]}::int[] group by 1`.execute(
              d,
            );
            await sql`select extract(year from filing_date), count(*) from bench_plain where classes && ${[c]}::int[] group by 1`.execute(
              d,
            );
            return sql`select owner, count(*) from bench_plain where classes && ${[c]}::int[] group by 1 order by 2 desc limit 20`.execute(
              d,
            );
          }),
        };
      },
    ],
  ];

  for (const [name, make] of cases) {
    const engineMs: number[] = [];
    const plainMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      const c = make();
      engineMs.push((await time(c.engine))[0]);
      plainMs.push((await time(c.plain))[0]);
    }
    for (const p of [50, 95, 99]) line(`${name} p${p}`, percentile(engineMs, p), "ms", percentile(plainMs, p));
  }

  // Cross-script recall: an Arabic-script query made from a Latin mark, is that mark in the top 20?
  let engineFound = 0;
  let plainFound = 0;
  const recallRuns = Math.min(100, runs * 2);
  for (let i = 0; i < recallRuns; i++) {
    const d = pickLatin();
    const q = arabicScript(d.markTexts[0] as string);
    const result = await Engine.search(
      db,
      { where: { _tag: "Text", field: "mark", value: q, mode: "similar" }, limit: 20 },
      { officeCode: "OM" },
    );
    if (result._tag === "Success" && result.success.hits.some((h) => h.document.markTexts[0] === d.markTexts[0]))
      engineFound++;
    const plainRows = await sql<{
      mark: string;
    }>`select mark from bench_plain where mark % ${q} order by similarity(mark, ${q}) desc limit 20`.execute(db);
    if (plainRows.rows.some((r) => r.mark === d.markTexts[0])) plainFound++;
  }
  if (explain) {
    for (const [name, text] of [
      ["similar mark", pickLatin().markTexts[0] as string],
      ["cross-script similar", arabicScript(pickLatin().markTexts[0] as string) || "نور"],
      ["mark prefix (contains)", (pickLatin().markTexts[0] as string).slice(0, 4)],
    ] as const) {
      recorded.length = 0;
      recording = true;
      await Engine.search(
        db,
        {
          where: {
            _tag: "Text",
            field: "mark",
            value: text,
            mode: name.endsWith("(contains)") ? "contains" : "similar",
          },
          limit: 20,
        },
        { officeCode: "OM" },
      );
      recording = false;
      for (const statement of [...recorded]) {
        if (!/^\s*(select|with)/i.test(statement.sql)) continue;
        const plan = await db.executeQuery<{ "QUERY PLAN": string }>(
          CompiledQuery.raw(`explain (analyze, buffers) ${statement.sql}`, [...statement.parameters]),
        );
        console.log(`\n## plan of ${name} (${text}):\n${plan.rows.map((r) => r["QUERY PLAN"]).join("\n")}`);
      }
    }
  }

  line(
    "cross-script recall@20 (Arabic query finds the Latin mark)",
    engineFound / recallRuns,
    "",
    plainFound / recallRuns,
  );

  // Statistics: the counters the engine keeps, beside the same figures aggregated from the plain table.
  const [coldMs] = await time(() => Engine.statistics(db, "OM"));
  const cached: number[] = [];
  for (let i = 0; i < runs; i++) cached.push((await time(() => Engine.statistics(db, "OM")))[0]);
  const aggregate = async () => {
    await sql`select owner, count(*) from bench_plain group by 1 order by 2 desc limit 10`.execute(db);
    await sql`select x, count(*) from bench_plain, unnest(classes) x group by 1`.execute(db);
    await sql`select extract(year from filing_date), kind, count(*) from bench_plain group by 1, 2`.execute(db);
    await sql`select status, count(*) from bench_plain group by 1`.execute(db);
  };
  const [aggregateMs] = await time(aggregate);
  line("statistics, first read", coldMs, "ms", aggregateMs, "ms GROUP BY");
  line("statistics, read p50", percentile(cached, 50), "ms", aggregateMs, "ms GROUP BY");
  // What a home-page view pays between changes: the figures from `statisticsCache` (one read, then memory).
  const cache = Engine.statisticsCache();
  await cache.read(db, "OM");
  const fromMemory: number[] = [];
  for (let i = 0; i < runs; i++) fromMemory.push((await time(() => cache.read(db, "OM")))[0]);
  line("statistics, cached read p95", percentile(fromMemory, 95), "ms", percentile(cached, 95), "ms counters read");
  const [refreshMs] = await time(() => Engine.refreshStatistics(db, "OM"));
  console.log(`statistics, full rebuild (refreshStatistics): ${fmt(refreshMs)} ms`);
  console.log(
    `# load average at the end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  await db.executeQuery(CompiledQuery.raw("select 1"));
};

const main = async () => {
  if (!onlyPostgres) {
    const target = await pgliteTarget();
    try {
      await benchTarget(target, explicitSize ?? 100_000);
    } finally {
      await target.close();
    }
  }
  if (url) {
    const target = await postgresTarget(url);
    try {
      await benchTarget(target, explicitSize ?? 100_000);
    } finally {
      await target.close();
    }
  }
};

await main();
