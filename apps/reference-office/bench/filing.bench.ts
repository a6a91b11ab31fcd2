import os from "node:os";
import { Effect, Result, Schema } from "effect";
import { IpRight } from "@ipoffice/domain";
import type { Kysely } from "kysely";
import { loadOfficeConfig, defaultConfigFile } from "../src/config/OfficeConfig.js";
import type { OpenDatabase } from "../src/db/Database.js";
import type { Database } from "../src/db/schema.js";
import { referenceData } from "../src/ReferenceData.js";
import { makeRights } from "../src/rights/Rights.js";
import { classRows, eventRow, partyRows, rightRow } from "../src/rights/RightsRepository.js";
import { partiesOf } from "../src/seed/parties.js";

const { agent, applicant } = partiesOf(["OM"]);
import { Random } from "../src/seed/random.js";
import { loadSeedSources } from "../src/seed/sources.js";
import { openPglite, openPostgres } from "./support.js";

const N = Number(process.env.BENCH_FILINGS ?? 10_000);
const BATCH = 500;

const config = Result.getOrThrow(await loadOfficeConfig(defaultConfigFile));
const sources = loadSeedSources(referenceData(), config.nice.edition);
const random = new Random(7);
const requests = Array.from({ length: N }, () => {
  const classes = random.sample([...sources.termsByClass.keys()], random.int(1, 3)).sort((a, b) => a - b);
  const owner = applicant(random);
  return Schema.decodeUnknownSync(IpRight.FilingRequest)({
    kind: "trademark",
    mark: { text: random.pick(sources.marks).text, type: "word" },
    owners: [{ name: owner.name, country: owner.country, kind: owner.kind }],
    representatives: random.next() < 0.5 ? [{ name: agent(random).name, country: "OM" }] : [],
    goodsAndServices: classes.map((classNumber) => ({
      classNumber,
      terms: [
        ...new Set(random.sample(sources.termsByClass.get(classNumber) ?? [], random.int(1, 4)).map((t) => t.text)),
      ],
    })),
  });
});

const truncate = (db: Kysely<Database>) =>
  db.transaction().execute(async (trx) => {
    for (const t of ["right_events", "right_parties", "right_classes", "rights", "number_sequences"] as const) {
      await trx.deleteFrom(t).execute();
    }
  });

const chunks = <T>(rows: ReadonlyArray<T>, size: number) =>
  Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));

const run = async (engine: string, open: () => Promise<OpenDatabase | undefined>) => {
  const actor = { id: "bench", role: "applicant" };
  // Each measurement on a fresh database, so neither pays for the other's dead rows.
  const first = await open();
  if (!first) return;
  const rights = makeRights(first.db, config, sources.niceEdition);
  // Warm up (JIT, plans) on a few filings, then start from empty tables.
  await Effect.runPromise(rights.file(requests.slice(0, 200), actor));
  await truncate(first.db);
  const t0 = performance.now();
  const filed = [];
  for (const batch of chunks(requests, BATCH)) filed.push(...(await Effect.runPromise(rights.file(batch, actor))));
  const serviceMs = performance.now() - t0;
  await first.close();

  // The same rows, precomputed and grouped by batch before timing, written with plain multi-row INSERTs of the same
  // chunk sizes, one transaction per batch.
  const batches = chunks(filed, BATCH).map((group) => ({
    rights: group.map((f) => rightRow(f.right)),
    classes: group.flatMap((f) => classRows(f.right)),
    parties: group.flatMap((f) => partyRows(f.right)),
    events: group.map((f) => eventRow(f.event)),
  }));
  const second = await open();
  if (!second) return;
  await second.db.insertInto("rights").values(batches[0]!.rights.slice(0, 1)).execute();
  await truncate(second.db);
  const t1 = performance.now();
  for (const batch of batches) {
    await second.db.transaction().execute(async (trx) => {
      for (const part of chunks(batch.rights, 200)) await trx.insertInto("rights").values(part).execute();
      for (const part of chunks(batch.classes, 500)) await trx.insertInto("right_classes").values(part).execute();
      for (const part of chunks(batch.parties, 500)) await trx.insertInto("right_parties").values(part).execute();
      for (const part of chunks(batch.events, 300)) await trx.insertInto("right_events").values(part).execute();
    });
  }
  const rawMs = performance.now() - t1;
  await second.close();
  const service = (N / serviceMs) * 1000;
  const raw = (N / rawMs) * 1000;
  console.log(
    `file ${N} trademark applications via rights service (${engine}): ${service.toFixed(0)} filings/s (baseline: ${raw.toFixed(0)} filings/s raw multi-row INSERT, ratio: ${(service / raw).toFixed(2)})`,
  );
};

console.log(
  `# reference-office filing bench: ${N} trademark applications, batches of ${BATCH}; ${os.cpus().length} cores, Node ${process.version}`,
);
await run("pglite", openPglite);
await run("postgres", openPostgres);
