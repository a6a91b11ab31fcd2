/**
 * `pnpm bench` (reference office, Madrid desk): importing 10,000 generated designations (stream parse, model
 * validation, apply, store: one database transaction per document) on PostgreSQL and on PGlite, beside a raw parse
 * of the same files with the XML parser in use (saxes, no tree, no model); then the peak memory of importing a
 * 200 MB batch in a child process beside a 20 MB one (memory should be flat in batch size: streaming).
 */
import { spawnSync } from "node:child_process";
import { createReadStream, createWriteStream, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { once } from "node:events";
import os from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Generator } from "@ipoffice/madrid";
import { Result } from "effect";
import { SaxesParser } from "saxes";
import { defaultConfigFile, loadOfficeConfig } from "../src/config/OfficeConfig.js";
import type { OpenDatabase } from "../src/db/Database.js";
import { makeDesk } from "../src/madrid/desk.js";
import { openPglite, openPostgres } from "./support.js";

const config = Result.getOrThrow(await loadOfficeConfig(defaultConfigFile));

const print = (name: string, value: number, unit: string, baseline: number, baseUnit: string, note = "") =>
  console.log(
    `${name}: ${value.toFixed(1)} ${unit} (baseline: ${baseline.toFixed(1)} ${baseUnit}, ratio: ${(value / baseline).toFixed(2)})${note}`,
  );

/** Imports every file of a folder; returns documents applied and seconds. */
const importFolder = async (database: OpenDatabase, dir: string) => {
  const desk = makeDesk({ db: database.db, config, now: () => new Date() });
  const files = readdirSync(dir).sort();
  const t0 = process.hrtime.bigint();
  const summary = await desk.importSources(
    files.map((name) => ({ name, chunks: createReadStream(join(dir, name), { highWaterMark: 256 * 1024 }) })),
    "bench",
    { keepDocuments: false, parseOptions: { maxInputChars: 1024 * 1024 * 1024 } },
  );
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (summary.rejected > 0) throw new Error(`${summary.rejected} documents rejected`);
  return { applied: summary.applied, seconds };
};

/** The raw parse of the same files, streamed the same way: counts the designations. */
const rawParseFolder = async (dir: string) => {
  const t0 = process.hrtime.bigint();
  let n = 0;
  for (const name of readdirSync(dir).sort()) {
    const p = new SaxesParser({ xmlns: true });
    p.on("closetag", (t) => {
      if (t.local === "MadridDesignation") n++;
    });
    const decoder = new TextDecoder();
    for await (const chunk of createReadStream(join(dir, name), {
      highWaterMark: 256 * 1024,
    }) as AsyncIterable<Buffer>) {
      p.write(decoder.decode(chunk, { stream: true }));
    }
    p.close();
  }
  return { n, seconds: Number(process.hrtime.bigint() - t0) / 1e9 };
};

const writeBatch = async (file: string, options: Generator.GeneratorOptions) => {
  const out = createWriteStream(file);
  for (const chunk of Generator.batchChunks(options)) if (!out.write(chunk)) await once(out, "drain");
  out.end();
  await once(out, "finish");
};

// --- child process: import one batch file into PostgreSQL (or PGlite), report peak memory -------------------
if (process.argv[2] === "--child") {
  const dir = process.argv[3] as string;
  const database = process.argv[4] === "postgres" ? await openPostgres() : await openPglite();
  if (!database) process.exit(3);
  // Sampled, not getrusage(): Linux carries the parent's high-water mark across fork and exec into ru_maxrss.
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  try {
    const r = await importFolder(database, dir);
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    console.log(JSON.stringify({ ...r, maxRssMb: peak / (1024 * 1024) }));
  } finally {
    await database.close();
  }
  process.exit(0);
}

const HEAP_CAP_MB = 128;

const work = mkdtempSync(join(os.tmpdir(), "madrid-bench-"));
try {
  console.log(`# reference-office Madrid import bench: ${os.cpus().length} cores, Node ${process.version}`);
  // --- 1. 10,000 designations in 10 weekly files -----------------------------------------------------------
  const count = Number(process.env.BENCH_DESIGNATIONS ?? 10_000);
  const dir = join(work, "10k");
  (await import("node:fs")).mkdirSync(dir);
  for (let i = 0; i < 10; i++) {
    await writeBatch(join(dir, `week-${i}.xml`), {
      count: count / 10,
      seed: i + 1,
      mode: "designations",
      firstIrNumber: 1_000_000 + i * 100_000,
    });
  }
  const bytes = readdirSync(dir).reduce((s, f) => s + statSync(join(dir, f)).size, 0);
  console.log(`data: ${count} generated designations in 10 ST.96 batch files, ${(bytes / 1e6).toFixed(1)} MB`);
  await rawParseFolder(dir); // warm up
  const raw = await rawParseFolder(dir);
  if (raw.n !== count) throw new Error(`raw parse counted ${raw.n}`);
  const rawRate = raw.n / raw.seconds;
  for (const engine of ["postgres", "pglite"] as const) {
    const database = engine === "postgres" ? await openPostgres() : await openPglite();
    if (!database) continue;
    try {
      const r = await importFolder(database, dir);
      if (r.applied !== count) throw new Error(`applied ${r.applied} of ${count}`);
      print(
        `madrid import on ${engine === "postgres" ? "PostgreSQL" : "PGlite"} (parse, validate, apply, store; ${count} designations)`,
        r.applied / r.seconds,
        "docs/s",
        rawRate,
        "docs/s raw saxes parse",
      );
    } finally {
      await database.close();
    }
  }

  // --- 2. peak memory: 200 MB batch vs 20 MB batch, imported in a child process ----------------------------
  const self = fileURLToPath(import.meta.url);
  const bigMb = Number(process.env.BENCH_BIG_MB ?? 200);
  const perDesignation = bytes / count;
  const sizes = [bigMb / 10, bigMb];
  const results: Array<{ mb: number; applied: number; seconds: number; maxRssMb: number }> = [];
  const probe = await openPostgres();
  await probe?.close();
  const engine = probe ? "postgres" : "pglite";
  for (const mb of sizes) {
    const d = join(work, `big-${mb}`);
    (await import("node:fs")).mkdirSync(d);
    const n = Math.round((mb * 1e6) / perDesignation);
    await writeBatch(join(d, "batch.xml"), { count: n, seed: 9, mode: "designations", firstIrNumber: 2_000_000 });
    const actual = statSync(join(d, "batch.xml")).size / 1e6;
    // The child's JavaScript heap is capped: a batch that needed memory in proportion to its size would fail there.
    const run = spawnSync(
      process.execPath,
      [...process.execArgv, `--max-old-space-size=${HEAP_CAP_MB}`, self, "--child", d, engine],
      {
        encoding: "utf8",
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    if (run.status !== 0) throw new Error(`child failed: ${run.stderr}`);
    const line = run.stdout.trim().split("\n").at(-1) ?? "{}";
    results.push({ mb: actual, ...JSON.parse(line) });
    rmSync(d, { recursive: true, force: true });
  }
  const [small, big] = results as [(typeof results)[0], (typeof results)[0]];
  console.log(
    `data: ${big.applied} designations in one ${big.mb.toFixed(0)} MB batch file and ${small.applied} in ${small.mb.toFixed(0)} MB, imported on ${engine === "postgres" ? "PostgreSQL" : "PGlite"} in a child process with a ${HEAP_CAP_MB} MB heap cap`,
  );
  print(
    `peak RSS importing a ${big.mb.toFixed(0)} MB batch`,
    big.maxRssMb,
    "MB",
    small.maxRssMb,
    `MB for ${small.mb.toFixed(0)} MB`,
  );
  print(
    `madrid import of the ${big.mb.toFixed(0)} MB batch`,
    big.applied / big.seconds,
    "docs/s",
    small.applied / small.seconds,
    `docs/s for ${small.mb.toFixed(0)} MB`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
