/**
 * Exchange benchmark. Export: N trademark records written as one ST.96 `tmk:TrademarkBag` file (streamed, record by
 * record), beside the same records written as JSON lines, in the same run: records/s and peak memory. Import: the
 * ST.96 file streamed back into records with their loss reports, beside a raw streaming parse of the same file with
 * the same XML parser (saxes, no tree, no model). Extraction: the same records as a full extraction for WIPO's global
 * databases (ST.96 files of 1,000 records in ZIPs of 10,000, SHA-256 manifest), beside the plain ST.96 export of the
 * same run. Each measure runs in its own process so that its peak memory is its own.
 *
 * Run: pnpm --filter @ipoffice/exchange bench            (10,000 and 100,000 records)
 *      pnpm --filter @ipoffice/exchange bench 20000      (one size)
 */
import { spawnSync } from "node:child_process";
import { once } from "node:events";
import { createReadStream, createWriteStream, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { mkdir, open } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Extraction, TrademarkSt96 } from "@ipoffice/exchange";
import { SaxesParser } from "saxes";
import { lanterna } from "../test/fixtures/trademarks.js";

/** Record `i`: the fixture with its own number, verbal element, owner and classes. */
const record = (i: number): TrademarkSt96.TrademarkRecord => {
  const right = lanterna.right;
  const serial = String(i + 1).padStart(5, "0");
  return {
    ...lanterna,
    right: {
      ...right,
      applicationNumber: `TM/2025/${serial}`,
      st13: `OM502025${String(i + 1).padStart(9, "0")}`,
      mark: { ...right.mark, text: `LANTERNA ${i}` },
      owners: [{ ...(right.owners[0] as (typeof right.owners)[number]), name: `Lanterna Trading ${i} LLC` }],
      goodsAndServices: right.goodsAndServices
        .map((c) => ({
          ...c,
          classNumber: ((c.classNumber + i) % 45) + 1,
        }))
        .sort((a, b) => a.classNumber - b.classNumber),
    },
  } as TrademarkSt96.TrademarkRecord;
};

function* records(n: number): Generator<TrademarkSt96.TrademarkRecord> {
  for (let i = 0; i < n; i++) yield record(i);
}

const write = async (file: string, chunks: Iterable<string>) => {
  const out = createWriteStream(file);
  for (const c of chunks) if (!out.write(c)) await once(out, "drain");
  out.end();
  await once(out, "finish");
};

// --- child: one measure, peak resident memory sampled every 20 ms ---------------------------------------------
if (process.argv[2] === "--child") {
  const [mode, file, n] = process.argv.slice(3) as [string, string, string];
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const t0 = process.hrtime.bigint();
  let count = 0;
  if (mode === "export-st96") {
    count = Number(n);
    await write(file, TrademarkSt96.writeChunks(records(count)));
  } else if (mode === "export-json") {
    count = Number(n);
    await write(
      file,
      (function* () {
        for (const r of records(count)) yield `${JSON.stringify(r)}\n`;
      })(),
    );
  } else if (mode === "extract-full") {
    count = Number(n);
    // A data drop folder on disk: the package writes through this target, chunk by chunk.
    const target: Extraction.Target = {
      open: async (path) => {
        const f = join(file, path);
        await mkdir(dirname(f), { recursive: true });
        const handle = await open(f, "w");
        return {
          write: async (chunk) => {
            await handle.write(chunk);
          },
          close: () => handle.close(),
        };
      },
    };
    await Extraction.extract(
      { office: "OM", collection: "trademarks", scope: "full", date: "2026-12-07" },
      records(count),
      target,
    );
  } else if (mode === "import-st96") {
    for await (const e of TrademarkSt96.stream(createReadStream(file, { highWaterMark: 256 * 1024 }), {
      limits: { maxInputChars: 4 * 1024 * 1024 * 1024 },
    })) {
      if (e._tag === "Record") count++;
      else if (e._tag === "Refused") throw new Error(e.error.message);
    }
  } else if (mode === "raw") {
    const p = new SaxesParser({ xmlns: true });
    p.on("closetag", (t) => {
      if (t.local === "Trademark") count++;
    });
    const decoder = new TextDecoder();
    for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) {
      p.write(decoder.decode(chunk as Buffer, { stream: true }));
    }
    p.close();
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  clearInterval(sampler);
  console.log(JSON.stringify({ count, seconds, peakMb: Math.max(peak, process.memoryUsage().rss) / 2 ** 20 }));
  process.exit(0);
}

// --- parent -------------------------------------------------------------------------------------------------
const self = fileURLToPath(import.meta.url);
const run = (mode: string, file: string, n = 0): { count: number; seconds: number; peakMb: number } => {
  const r = spawnSync(process.execPath, [...process.execArgv, self, "--child", mode, file, String(n)], {
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`${mode} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1) ?? "{}");
};

const sizes = process.argv[2] !== undefined ? [Number(process.argv[2])] : [10_000, 100_000];
console.log(`machine: ${cpus().length} cores, ${cpus()[0]?.model ?? "?"}, Node ${process.version}`);
const dir = mkdtempSync(join(tmpdir(), "exchange-bench-"));
try {
  for (const n of sizes) {
    const xml = join(dir, `trademarks-${n}.xml`);
    const json = join(dir, `trademarks-${n}.jsonl`);
    const st96 = run("export-st96", xml, n);
    const js = run("export-json", json, n);
    const xmlMb = statSync(xml).size / 1e6;
    const jsonMb = statSync(json).size / 1e6;
    console.log(`\n${n} records: ST.96 file ${xmlMb.toFixed(1)} MB, JSON lines ${jsonMb.toFixed(1)} MB`);
    const rate = (r: { count: number; seconds: number }) => r.count / r.seconds;
    console.log(
      `export ST.96: ${rate(st96).toFixed(0)} records/s, peak ${st96.peakMb.toFixed(0)} MB ` +
        `(baseline JSON: ${rate(js).toFixed(0)} records/s, peak ${js.peakMb.toFixed(0)} MB; ratio ${(rate(st96) / rate(js)).toFixed(2)})`,
    );
    const drop = join(dir, `drop-${n}`);
    const extracted = run("extract-full", drop, n);
    const zips = join(drop, "Trademarks", "Full_Extraction");
    const zipMb = readdirSync(zips)
      .filter((f) => f.endsWith(".zip"))
      .reduce((sum, f) => sum + statSync(join(zips, f)).size / 1e6, 0);
    console.log(
      `full extraction (ZIPs ${zipMb.toFixed(1)} MB, manifest, SHA-256): ${rate(extracted).toFixed(0)} records/s, peak ${extracted.peakMb.toFixed(0)} MB ` +
        `(baseline plain ST.96 export: ${rate(st96).toFixed(0)} records/s; ratio ${(rate(extracted) / rate(st96)).toFixed(2)})`,
    );
    rmSync(drop, { recursive: true, force: true });
    const imported = run("import-st96", xml);
    const raw = run("raw", xml);
    if (imported.count !== n || raw.count !== n) throw new Error(`read ${imported.count} and ${raw.count} of ${n}`);
    console.log(
      `import ST.96: ${rate(imported).toFixed(0)} records/s, peak ${imported.peakMb.toFixed(0)} MB ` +
        `(baseline raw saxes parse: ${rate(raw).toFixed(0)} records/s, peak ${raw.peakMb.toFixed(0)} MB; ratio ${(rate(imported) / rate(raw)).toFixed(2)})`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
