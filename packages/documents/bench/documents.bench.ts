/**
 * Benchmark of @ipoffice/documents (run with `pnpm bench`): a batch of 20 registration certificates (one page each,
 * the shipped templates filled with a goods list of about 60 words) rendered to one PDF in Arabic, beside the same
 * batch in English (Latin only) in the same run. Each language runs in its own child process, which renders the batch
 * 5 times and reports the median time, the first (cold: fonts read and parsed) and its peak resident memory.
 * Output lines: `name: value unit (baseline: value unit, ratio: x)`.
 */
import { spawnSync } from "node:child_process";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { Result } from "effect";
import { Template } from "../src/index.js";
import { Pdf } from "../src/node.js";

const BATCH = 20;
const RUNS = 5;

const goods = {
  ar: "الفئة 3: الصابون؛ العطور؛ الزيوت العطرية؛ مستحضرات التجميل؛ غسولات الشعر؛ معاجين الأسنان. الفئة 5: المستحضرات الصيدلانية والبيطرية؛ المستحضرات الصحية للأغراض الطبية؛ الأغذية والمواد الغذائية المعدة للأغراض الطبية؛ الضمادات. الفئة 25: الملابس؛ الأحذية؛ أغطية الرأس؛ القمصان؛ السراويل؛ المعاطف؛ الجوارب؛ الأحزمة.",
  en: "Class 3: soaps; perfumery; essential oils; cosmetics; hair lotions; dentifrices. Class 5: pharmaceutical and veterinary preparations; sanitary preparations for medical purposes; dietetic food and substances adapted for medical use; plasters, materials for dressings. Class 25: clothing; footwear; headwear; shirts; trousers; coats; socks; belts.",
};

const batch = (language: "ar" | "en") =>
  Array.from({ length: BATCH }, (_, i) => {
    const values: Record<string, string> = {
      ...Template.samples[language],
      number: `OM/T/2026/${String(100 + i).padStart(6, "0")}`,
      registrationNumber: `OM/R/2026/${String(4500 + i).padStart(6, "0")}`,
      goods: goods[language],
    };
    const template = Template.find({}, "certificate", language);
    if (template === undefined) throw new Error("no template");
    const filled = Template.fill("certificate", template, values, { language, header: values.office });
    if (Result.isFailure(filled)) throw new Error(filled.failure.message);
    return filled.success;
  });

const renderOnce = async (language: "ar" | "en") => {
  const documents = batch(language);
  let bytes = 0;
  let pages = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      callback();
    },
  });
  await new Promise<void>((resolve, reject) => {
    Pdf.render(documents, { onDone: (r) => (pages = r.pages) })
      .pipe(sink)
      .on("finish", resolve)
      .on("error", reject);
  });
  return { bytes, pages };
};

const child = async (language: "ar" | "en") => {
  // Resident memory sampled every 10 ms (getrusage's maxRSS would carry the parent's high-water mark).
  let peak = process.memoryUsage().rss;
  const startMb = peak / (1024 * 1024);
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const times: number[] = [];
  let out = { bytes: 0, pages: 0 };
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    out = await renderOnce(language);
    times.push(performance.now() - start);
  }
  clearInterval(sampler);
  const cold = times[0] ?? 0;
  const median = [...times].sort((a, b) => a - b)[Math.floor(RUNS / 2)] ?? 0;
  const peakMb = Math.max(peak, process.memoryUsage().rss) / (1024 * 1024);
  console.log(JSON.stringify({ median, cold, peakMb, startMb, ...out }));
};

const runChild = (language: "ar" | "en") => {
  const file = fileURLToPath(import.meta.url);
  const out = spawnSync(process.execPath, [...process.execArgv, file, "--child", language], { encoding: "utf8" });
  if (out.status !== 0) throw new Error(out.stderr);
  return JSON.parse(out.stdout.trim().split("\n").at(-1) ?? "{}") as {
    median: number;
    cold: number;
    peakMb: number;
    startMb: number;
    bytes: number;
    pages: number;
  };
};

const fmt = (n: number, digits = 0) => n.toFixed(digits);
const report = (name: string, value: number, unit: string, baseline: number, digits = 0) =>
  console.log(
    `${name}: ${fmt(value, digits)} ${unit} (baseline: ${fmt(baseline, digits)} ${unit}, ratio: ${fmt(value / baseline, 2)})`,
  );

const main = () => {
  const ar = runChild("ar");
  const en = runChild("en");
  console.log(
    `# @ipoffice/documents — ${BATCH} certificates per batch: Arabic ${ar.pages} pages, ${fmt(ar.bytes / 1024)} KB; English ${en.pages} pages, ${fmt(en.bytes / 1024)} KB; RSS before rendering ${fmt(ar.startMb)} MB (Node with the modules loaded); Node ${process.versions.node}`,
  );
  report("certificate batch, Arabic (vs English): median time", ar.median, "ms", en.median);
  report("certificate batch, Arabic (vs English): first batch, fonts loaded", ar.cold, "ms", en.cold);
  report("certificate batch, Arabic (vs English): peak RSS", ar.peakMb, "MB", en.peakMb);
};

const childIndex = process.argv.indexOf("--child");
if (childIndex >= 0) await child(process.argv[childIndex + 1] === "en" ? "en" : "ar");
else main();
