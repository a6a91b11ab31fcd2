/**
 * The public register's list query (the office's publication rule as a WHERE clause, with its total) beside the
 * staff list of the same page, on the demo data (360 rights) and on 30 times the demo (10,800), on PGlite and
 * PostgreSQL. Each figure is the median of 60 runs of `Rights.list` (a page of 25 and the total, as `/records` and
 * `GET /api/v1/applications` ask), after `VACUUM ANALYZE`.
 *
 * Run: `node --conditions=@ipoffice/source --import tsx bench/register-list.bench.ts` (apps/reference-office).
 */
import os from "node:os";
import { Effect, Result } from "effect";
import { sql } from "kysely";
import { defaultConfigFile, loadOfficeConfig } from "../src/config/OfficeConfig.js";
import type { OpenDatabase } from "../src/db/Database.js";
import { silentLogger } from "../src/Logger.js";
import { referenceData } from "../src/ReferenceData.js";
import { ensureOffice } from "../src/rights/Offices.js";
import { type Audience, makeRights } from "../src/rights/Rights.js";
import type { ListQuery } from "../src/rights/RightsRepository.js";
import { seedDemoData } from "../src/seed/demo.js";
import { openPglite, openPostgres } from "./support.js";

const config = Result.getOrThrow(await loadOfficeConfig(defaultConfigFile));
const reference = referenceData();
const today = "2026-12-07";
const runs = 60;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

const measure = async (database: OpenDatabase, engine: string, scale: number) => {
  await ensureOffice(database.db, config);
  const counts = {
    trademark: 240 * scale,
    patent: 60 * scale,
    industrial_design: 40 * scale,
    utility_model: 20 * scale,
  };
  await seedDemoData({ db: database.db, config, reference, logger: silentLogger(), counts, today });
  // As autovacuum leaves a table some time after a bulk load (PGlite runs no autovacuum: an office would schedule it).
  await sql`vacuum analyze rights`.execute(database.db);
  const rights = makeRights(database.db, config, "12");
  const list = (query: ListQuery, audience: Audience) => Effect.runPromise(rights.list(query, { audience }));
  const cases: Array<[string, ListQuery]> = [
    ["page 1", { page: 1, pageSize: 25 }],
    ["page 20", { page: 20, pageSize: 25 }],
    ["patents, page 1", { kind: "patent", page: 1, pageSize: 25 }],
    ["search 'al', page 1", { q: "al", page: 1, pageSize: 25 }],
  ];
  const staffTotal = (await list({ page: 1, pageSize: 1 }, "staff")).total;
  const publicTotal = (await list({ page: 1, pageSize: 1 }, "public")).total;
  console.log(`data: ${engine}, ${staffTotal} rights, ${publicTotal} public (demo x${scale}, today ${today})`);
  for (const [name, query] of cases) {
    for (let i = 0; i < 5; i++) {
      await list(query, "public");
      await list(query, "staff");
    }
    const pub: number[] = [];
    const staff: number[] = [];
    for (let i = 0; i < runs; i++) {
      let start = performance.now();
      await list(query, "public");
      pub.push(performance.now() - start);
      start = performance.now();
      await list(query, "staff");
      staff.push(performance.now() - start);
    }
    const p = median(pub);
    const s = median(staff);
    console.log(
      `public list ${name} (${engine}, ${staffTotal} rights): ${p.toFixed(2)} ms (baseline: ${s.toFixed(2)} ms staff list, ratio: ${(p / s).toFixed(2)})`,
    );
  }
};

console.log(`machine: ${os.cpus().length} cores, Node ${process.versions.node}`);
for (const scale of [1, 30]) {
  const lite = await openPglite();
  await measure(lite, "pglite", scale);
  await lite.close();
  const pg = await openPostgres();
  if (pg) {
    await measure(pg, "postgres", scale);
    await pg.close();
  }
}
