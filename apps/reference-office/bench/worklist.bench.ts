/**
 * The desks' worklist query (src/office/Worklists.ts: one page of a queue in time-limit order with its total, on the
 * index of migration 0017, keyset pages) beside a naive baseline in the same run: read every right of the queue's
 * statuses and sort them in the application, as a first draft would. 100,000 rights (trademarks, patents, designs,
 * utility models spread over every workflow state, a third with a running time limit, one class or two each, a tenth
 * assigned), on PGlite and on PostgreSQL when reachable; after `VACUUM ANALYZE`. Each figure is the median and the
 * 95th percentile of 60 runs.
 *
 * Run: `node --conditions=@ipoffice/source --import tsx bench/worklist.bench.ts` (apps/reference-office).
 * `IPO_BENCH_RIGHTS` changes the number of rights.
 */
import os from "node:os";
import { Effect, Result } from "effect";
import { type Kysely, sql } from "kysely";
import { defaultConfigFile, kindsOf, loadOfficeConfig, workflowsOf } from "../src/config/OfficeConfig.js";
import type { OpenDatabase } from "../src/db/Database.js";
import type { Database } from "../src/db/schema.js";
import { type RightsQueue, resolveDesks } from "../src/office/queues.js";
import { type Caller, makeWorklists, type WorklistFilter } from "../src/office/Worklists.js";
import { ensureOffice } from "../src/rights/Offices.js";
import { openPglite, openPostgres } from "./support.js";

const config = Result.getOrThrow(await loadOfficeConfig(defaultConfigFile));
const total = Number(process.env.IPO_BENCH_RIGHTS ?? 100_000);
const runs = 60;
const caller: Caller = {
  id: "bench-examiner",
  kind: "account",
  name: "Bench examiner",
  roles: ["examiner", "registrar", "clerk", "formality_examiner"],
};

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? Number.NaN;

/** 100,000 rights written in one statement per kind: every state of each workflow in turn. */
const load = async (db: Kysely<Database>) => {
  await ensureOffice(db, config);
  const workflows = workflowsOf(config);
  const kinds = kindsOf(config);
  const per = Math.ceil(total / kinds.length);
  for (const [k, kind] of kinds.entries()) {
    const states = workflows[kind].states.map((s) => s.id);
    const prefix = { trademark: "TM", patent: "PT", industrial_design: "ID", utility_model: "UM" }[kind];
    await sql`
      insert into rights (office_code, application_number, kind, st13, status, filing_date, title, owner_names,
        time_limit_action, time_limit_due, data, version, updated_at)
      select 'OM', ${prefix} || '/' || lpad(i::text, 7, '0'), ${kind}, 'OM' || ${String(50 + k)} || lpad(i::text, 13, '0'),
        (${sql.val(states)}::text[])[1 + (i * 7919) % ${states.length}],
        date '2000-01-01' + ((i::bigint * 104729) % 9500)::int,
        'Mark ' || i, 'Owner ' || (i % 5000) || ' LLC',
        case when i % 3 = 0 then 'deem_withdrawn' end,
        case when i % 3 = 0 then date '2026-01-01' + ((i * 31) % 900) end,
        '{}'::jsonb, 1, now()
      from generate_series(1, ${per}) as i`.execute(db);
    await sql`
      insert into right_classes (office_code, application_number, class_number, status)
      select 'OM', ${prefix} || '/' || lpad(i::text, 7, '0'), 1 + (i % 45), 'pending' from generate_series(1, ${per}) as i
      union all
      select 'OM', ${prefix} || '/' || lpad(i::text, 7, '0'), 1 + ((i + 17) % 45), 'pending' from generate_series(1, ${per}) as i where i % 2 = 0`.execute(
      db,
    );
    await sql`
      insert into worklist_assignments (office_code, item_type, item_key, account_id, assigned_by, assigned_at)
      select 'OM', 'right', ${prefix} || '/' || lpad(i::text, 7, '0'),
        case when i % 20 = 0 then ${caller.id} else 'someone-else' end, 'bench', now()
      from generate_series(1, ${per}) as i where i % 10 = 0`.execute(db);
  }
  await sql`vacuum analyze rights`.execute(db);
  await sql`vacuum analyze right_classes`.execute(db);
  await sql`vacuum analyze worklist_assignments`.execute(db);
};

/** The baseline: every right of the queue's statuses read, then sorted and paged in the application. */
const naive = async (db: Kysely<Database>, queue: RightsQueue, filter: WorklistFilter) => {
  const rows = await db
    .selectFrom("rights")
    .leftJoin("worklist_assignments as a", (j) =>
      j
        .onRef("a.office_code", "=", "rights.office_code")
        .on("a.item_type", "=", "right")
        .onRef("a.item_key", "=", "rights.application_number"),
    )
    .select([
      "application_number",
      "kind",
      "status",
      "title",
      "owner_names",
      "filing_date",
      "time_limit_due",
      "time_limit_action",
      "a.account_id",
    ])
    .where("rights.office_code", "=", "OM")
    .where("status", "in", [...new Set(queue.states.map((s) => s.status))])
    .execute();
  const wanted = new Set(queue.states.map((s) => `${s.kind}/${s.status}`));
  const q = filter.q?.toLowerCase();
  const kept = rows.filter(
    (r) =>
      wanted.has(`${r.kind}/${r.status}`) &&
      (filter.assigned !== "me" || r.account_id === caller.id) &&
      (q === undefined || (r.title ?? "").toLowerCase().includes(q) || r.owner_names.toLowerCase().includes(q)),
  );
  kept.sort(
    (a, b) =>
      String(a.time_limit_due ?? "9999-12-31").localeCompare(String(b.time_limit_due ?? "9999-12-31")) ||
      String(a.filing_date).localeCompare(String(b.filing_date)) ||
      a.application_number.localeCompare(b.application_number),
  );
  return { items: kept.slice(0, 50), total: kept.length };
};

const measure = async (database: OpenDatabase, engine: string) => {
  await load(database.db);
  const worklists = makeWorklists(database.db, config);
  const desks = resolveDesks(workflowsOf(config), kindsOf(config), config);
  const examination = desks.get("examination") as RightsQueue;
  const count = await sql<{ n: number }>`select count(*)::int as n from rights`.execute(database.db);
  const queueTotal = (await Effect.runPromise(worklists.list("examination", {}, caller))).total;
  console.log(`data: ${engine}, ${count.rows[0]?.n} rights, ${queueTotal} in the examination queue`);
  const page5 = async () => {
    let after: string | undefined;
    for (let i = 0; i < 5; i++)
      after = (await Effect.runPromise(worklists.list("examination", { ...(after ? { after } : {}) }, caller))).next;
    return after;
  };
  const cursor = await page5();
  const cases: Array<[string, WorklistFilter]> = [
    ["page 1", {}],
    ["page 6 (keyset)", cursor ? { after: cursor } : {}],
    ["assigned to me", { assigned: "me" }],
    ["text 'mark 12'", { q: "mark 12" }],
  ];
  for (const [name, filter] of cases) {
    const fast: number[] = [];
    const slow: number[] = [];
    for (let i = 0; i < 3; i++) {
      await Effect.runPromise(worklists.list("examination", filter, caller));
      await naive(database.db, examination, filter);
    }
    for (let i = 0; i < runs; i++) {
      let start = performance.now();
      await Effect.runPromise(worklists.list("examination", filter, caller));
      fast.push(performance.now() - start);
      // The baseline reads the whole queue for every page.
      start = performance.now();
      await naive(database.db, examination, { ...filter, after: undefined });
      slow.push(performance.now() - start);
    }
    const [m, p95, bm, bp95] = [
      percentile(fast, 0.5),
      percentile(fast, 0.95),
      percentile(slow, 0.5),
      percentile(slow, 0.95),
    ];
    console.log(
      `worklist ${name} (${engine}, ${count.rows[0]?.n} rights): median ${m.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (baseline read-all-and-sort: median ${bm.toFixed(1)} ms, p95 ${bp95.toFixed(1)} ms; ratio p95 ${(p95 / bp95).toFixed(2)})`,
    );
  }
  const counts: number[] = [];
  for (let i = 0; i < 20; i++) {
    const start = performance.now();
    await Effect.runPromise(worklists.counts(caller));
    counts.push(performance.now() - start);
  }
  console.log(
    `queue menu counts (${engine}, ${desks.queues.length} queues): median ${percentile(counts, 0.5).toFixed(1)} ms, p95 ${percentile(counts, 0.95).toFixed(1)} ms`,
  );
};

console.log(`machine: ${os.cpus().length} cores, Node ${process.versions.node}`);
const lite = await openPglite();
await measure(lite, "pglite");
await lite.close();
const pg = await openPostgres();
if (pg) {
  await measure(pg, "postgres");
  await pg.close();
}
