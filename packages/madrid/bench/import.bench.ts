/**
 * Madrid import benchmark: parse + model validation + apply per designation, beside raw parsing of the same
 * text with the same XML parser (saxes, no tree, no model); then streaming a 200 MB batch file with peak memory
 * beside a 20 MB one (memory should stay flat in batch size).
 *
 * Run: pnpm --filter @ipoffice/madrid bench
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { spawnSync } from "node:child_process";
import { once } from "node:events";
import { Designation, Generator, Parser } from "@ipoffice/madrid";
import { Result } from "effect";
import { SaxesParser } from "saxes";

const print = (name: string, value: number, unit: string, baseline: number, baseUnit: string, note = "") =>
  console.log(
    `${name}: ${value.toFixed(1)} ${unit} (baseline: ${baseline.toFixed(1)} ${baseUnit}, ratio: ${(value / baseline).toFixed(2)})${note}`,
  );

const config = { officeCode: "OM", declaration518b: false, niceEdition: "13-2026" } as Designation.OfficeConfig;

const rawParse = (chunks: Iterable<string>): number => {
  let closes = 0;
  const p = new SaxesParser({ xmlns: true });
  p.on("closetag", (t) => {
    if (t.local === "MadridDesignation") closes++;
  });
  for (const c of chunks) p.write(c);
  p.close();
  return closes;
};

const time = (f: () => void): number => {
  const t0 = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t0) / 1e9;
};

// --- child process: stream one batch file, report peak memory and time --------------------------------------
const childFile = process.argv[2] === "--child" ? process.argv[3] : undefined;
if (childFile !== undefined) {
  // Resident memory sampled every 20 ms: getrusage()'s maxRSS would report the parent's high-water mark, which Linux
  // carries across fork and exec into the child.
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  let n = 0;
  const t0 = process.hrtime.bigint();
  for await (const e of Parser.readIBBatch(createReadStream(childFile, { highWaterMark: 256 * 1024 }), {
    maxInputChars: 1024 * 1024 * 1024,
  })) {
    if (e._tag === "Transaction") {
      Designation.apply(config, e.transaction, () => undefined);
      n++;
    } else if (e._tag === "Failed") throw new Error(e.error.message);
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  clearInterval(sampler);
  const maxRssMb = Math.max(peak, process.memoryUsage().rss) / (1024 * 1024);
  console.log(JSON.stringify({ n, seconds, maxRssMb }));
  process.exit(0);
}

// --- 1. 10,000 designations in memory --------------------------------------------------------------------
const count = 10_000;
const xml = Generator.ibDocument({ count, seed: 42, mode: "designations" });
const mb = Buffer.byteLength(xml) / 1e6;
console.log(`data: ${count} generated designations in one ST.96 batch, ${mb.toFixed(1)} MB`);

rawParse([xml]); // warm up
let applied = 0;
const ours = () => {
  applied = 0;
  for (const e of Parser.parseIBBatch(xml)) {
    if (e._tag !== "Transaction") continue;
    const r = Designation.apply(config, e.transaction, () => undefined);
    if (Result.isSuccess(r)) applied++;
  }
};
ours();
const best = (f: () => void, runs = 3) => Math.min(...Array.from({ length: runs }, () => time(f)));
const rawSeconds = best(() => rawParse([xml]));
const oursSeconds = best(ours);
if (applied !== count) throw new Error(`applied ${applied} of ${count}`);
print(
  "import (parse + validate model + apply) of 10,000 designations",
  count / oursSeconds,
  "docs/s",
  count / rawSeconds,
  "docs/s raw saxes parse",
);

// --- 2. streaming a batch file, peak memory ---------------------------------------------------------------
const dir = mkdtempSync(join(tmpdir(), "madrid-bench-"));
const bytesPerDesignation = Buffer.byteLength(xml) / count;

const writeBatch = async (targetBytes: number): Promise<{ file: string; n: number }> => {
  const n = Math.ceil(targetBytes / bytesPerDesignation);
  const file = join(dir, `batch-${n}.xml`);
  const out = createWriteStream(file);
  for (const chunk of Generator.batchChunks({ count: n, seed: 7, mode: "designations" })) {
    if (!out.write(chunk)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return { file, n };
};

/** Streams the file in a fresh process (old space capped at 96 MB: a leak would crash it) so its peak memory is its own. */
const streamImport = (file: string): { peak: number; seconds: number; n: number } => {
  const run = spawnSync(
    process.execPath,
    ["--max-old-space-size=96", ...process.execArgv, fileURLToPath(import.meta.url), "--child", file],
    {
      encoding: "utf8",
    },
  );
  if (run.status !== 0) throw new Error(run.stderr);
  const r = JSON.parse(run.stdout.trim().split("\n").at(-1) ?? "{}") as {
    n: number;
    seconds: number;
    maxRssMb: number;
  };
  return { peak: r.maxRssMb, seconds: r.seconds, n: r.n };
};

const rawStream = async (file: string): Promise<number> => {
  const p = new SaxesParser({ xmlns: true });
  const t0 = process.hrtime.bigint();
  const decoder = new TextDecoder();
  for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) {
    p.write(decoder.decode(chunk as Buffer, { stream: true }));
  }
  p.close();
  return Number(process.hrtime.bigint() - t0) / 1e9;
};

try {
  const small = await writeBatch(20e6);
  const large = await writeBatch(200e6);
  const smallMb = statSync(small.file).size / 1e6;
  const largeMb = statSync(large.file).size / 1e6;
  console.log(
    `data: streamed batches of ${small.n} designations (${smallMb.toFixed(0)} MB) and ${large.n} designations (${largeMb.toFixed(0)} MB)`,
  );
  const s = streamImport(small.file);
  const l = streamImport(large.file);
  print(
    `peak RSS streaming the ${largeMb.toFixed(0)} MB batch (parse + model + apply)`,
    l.peak,
    "MB",
    s.peak,
    `MB for the ${smallMb.toFixed(0)} MB batch`,
  );
  const raw = await rawStream(large.file);
  print(
    `stream import of the ${largeMb.toFixed(0)} MB batch (parse + model + apply)`,
    l.n / l.seconds,
    "docs/s",
    large.n / raw,
    "docs/s raw saxes streaming parse",
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
