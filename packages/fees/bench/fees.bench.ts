/**
 * Benchmarks of @ipoffice/fees (run with `pnpm bench`):
 * 1. quotes per second for a realistic trademark and patent request mix against a 50-item schedule, beside a
 *    hand-written function producing the same itemised quote, and one computing only the same total;
 * 2. an aggregated invoice of 10,000 filings built and rendered to PDF (time and peak RSS, in a child process), beside
 *    building the same invoice and rendering it as JSON only.
 * Output lines: `name: value unit (baseline: value unit, ratio: x)`.
 */
import { spawnSync } from "node:child_process";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { Result } from "effect";
import { FeeSchedule, Invoice, Money, Quote } from "../src/index.js";
import { InvoicePdf } from "../src/node.js";

// ---------------------------------------------------------------------------------------------------------------------
// A 50-item schedule: the six services of the mix plus 44 other items (recordals, designs, copies…)

const t = (en: string) => ({ en, ar: `${en} (ar)` });
const core = {
  "trademark.filing": {
    description: t("Trademark application"),
    rules: [
      { kind: "flat", code: "TM1", amount: 50_000 },
      { kind: "perUnit", code: "TM2", unit: "class", included: 1, amount: 20_000 },
      { kind: "perUnit", code: "TM3", unit: "priority", amount: 10_000, default: 0 },
      { kind: "discount", code: "TM4", categories: ["individual", "sme"], percent: 25 },
    ],
  },
  "trademark.registration": {
    description: t("Registration"),
    rules: [
      { kind: "flat", code: "TR1", amount: 100_000 },
      { kind: "perUnit", code: "TR2", unit: "class", included: 1, amount: 30_000 },
    ],
  },
  "trademark.renewal": {
    description: t("Renewal"),
    rules: [
      { kind: "perUnit", code: "RN1", unit: "class", amount: 100_000 },
      { kind: "lateSurcharge", code: "RN2", graceDays: 184, percent: 25 },
    ],
  },
  "patent.filing": {
    description: t("Patent application"),
    rules: [
      { kind: "flat", code: "PF1", amount: 100_000 },
      { kind: "perUnit", code: "PF2", unit: "page", included: 30, amount: 500 },
      { kind: "discount", code: "PF3", categories: ["individual", "sme", "university"], percent: 50 },
    ],
  },
  "patent.examination": {
    description: t("Examination"),
    rules: [
      {
        kind: "bands",
        code: "PE1",
        unit: "claim",
        mode: "band",
        bands: [
          { from: 1, to: 10, amount: 200_000 },
          { from: 11, to: 30, amount: 300_000 },
          { from: 31, to: 50, amount: 450_000 },
        ],
      },
    ],
  },
  "patent.annuity": {
    description: t("Annuity"),
    rules: [
      {
        kind: "byYear",
        code: "PA1",
        years: [
          { from: 2, to: 5, amount: 30_000 },
          { from: 6, to: 10, amount: 60_000 },
          { from: 11, to: 15, amount: 120_000 },
          { from: 16, to: 20, amount: 200_000 },
        ],
      },
      { kind: "lateSurcharge", code: "PA2", graceDays: 183, percent: 20 },
      { kind: "discount", code: "PA3", categories: ["individual", "sme", "university"], percent: 50 },
    ],
  },
};
const others = Object.fromEntries(
  Array.from({ length: 44 }, (_, i) => [
    `other.service${i}`,
    { description: t(`Other service ${i}`), rules: [{ kind: "flat", code: `O${i}`, amount: 1_000 * (i + 1) }] },
  ]),
);
const decoded = FeeSchedule.decode({
  id: "bench-50",
  office: "OM",
  officeName: t("Bench Office"),
  currency: "OMR",
  effectiveFrom: "2024-01-01",
  source: "benchmark",
  illustrative: true,
  rounding: "half-up",
  items: { ...core, ...others },
});
if (Result.isFailure(decoded)) throw new Error(decoded.failure.message);
const schedule = decoded.success;
if (Object.keys(schedule.items).length !== 50) throw new Error("expected 50 items");

// ---------------------------------------------------------------------------------------------------------------------
// A realistic request mix (deterministic pseudo-random): 60 % trademark filings/registrations/renewals, 40 % patents

let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const pick = <A>(values: ReadonlyArray<A>): A => values[Math.floor(random() * values.length)] as A;
const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const categories = [undefined, undefined, undefined, "individual", "sme", "university"] as const;

const requests: Array<Quote.Request> = Array.from({ length: 10_000 }, () => {
  const dueDate = "2026-11-24";
  const applicantCategory = pick(categories);
  const r = random();
  if (r < 0.3)
    return {
      service: "trademark.filing",
      dueDate,
      classes: between(1, 6),
      priorities: between(0, 1),
      applicantCategory,
    };
  if (r < 0.4) return { services: ["trademark.filing", "trademark.registration"], dueDate, classes: between(1, 3) };
  if (r < 0.6) return { service: "trademark.renewal", dueDate, classes: between(1, 4), daysLate: pick([0, 0, 0, 40]) };
  if (r < 0.75)
    return {
      services: ["patent.filing", "patent.examination"],
      dueDate,
      pages: between(10, 80),
      claims: between(1, 50),
      applicantCategory,
    };
  return { service: "patent.annuity", dueDate, year: between(2, 20), daysLate: pick([0, 0, 0, 90]), applicantCategory };
});

// ---------------------------------------------------------------------------------------------------------------------
// Hand-written equivalents

type Line = Quote.Line;
const line = (
  service: string,
  code: string,
  description: string,
  quantity: number,
  unit: number,
  rule: string,
): Line => ({
  service,
  code,
  description,
  quantity,
  unitAmount: unit,
  amount: quantity * unit,
  rule,
});
const adjust = (service: string, code: string, description: string, amount: number, rule: string): Line => ({
  service,
  code,
  description,
  quantity: 1,
  unitAmount: amount,
  amount,
  rule,
});

/** Hand-written itemised quote for the six services of the mix (same lines as the engine). */
const handQuote = (request: Quote.Request): Quote.Quote => {
  const lines: Array<Line> = [];
  let total = 0;
  const category = request.applicantCategory;
  const reduced = category !== undefined && category !== "ldc";
  const late = (request.daysLate ?? 0) > 0;
  for (const service of request.services ?? [request.service as string]) {
    const classes = request.classes ?? 0;
    let sub = 0;
    let l: Line;
    switch (service) {
      case "trademark.filing": {
        l = line(service, "TM1", "Trademark application", 1, 50_000, "flat");
        lines.push(l);
        sub += l.amount;
        if (classes > 1) {
          l = line(service, "TM2", "Trademark application", classes - 1, 20_000, "perUnit");
          lines.push(l);
          sub += l.amount;
        }
        const priorities = request.priorities ?? 0;
        if (priorities > 0) {
          l = line(service, "TM3", "Trademark application", priorities, 10_000, "perUnit");
          lines.push(l);
          sub += l.amount;
        }
        if (category === "individual" || category === "sme") {
          l = adjust(service, "TM4", "Trademark application", -Money.percentOf(sub, 2_500), "discount");
          lines.push(l);
          sub += l.amount;
        }
        break;
      }
      case "trademark.registration": {
        l = line(service, "TR1", "Registration", 1, 100_000, "flat");
        lines.push(l);
        sub += l.amount;
        if (classes > 1) {
          l = line(service, "TR2", "Registration", classes - 1, 30_000, "perUnit");
          lines.push(l);
          sub += l.amount;
        }
        break;
      }
      case "trademark.renewal": {
        l = line(service, "RN1", "Renewal", classes, 100_000, "perUnit");
        lines.push(l);
        sub += l.amount;
        if (late) {
          l = adjust(service, "RN2", "Renewal", Money.percentOf(sub, 2_500), "lateSurcharge");
          lines.push(l);
          sub += l.amount;
        }
        break;
      }
      case "patent.filing": {
        l = line(service, "PF1", "Patent application", 1, 100_000, "flat");
        lines.push(l);
        sub += l.amount;
        const pages = request.pages ?? 0;
        if (pages > 30) {
          l = line(service, "PF2", "Patent application", pages - 30, 500, "perUnit");
          lines.push(l);
          sub += l.amount;
        }
        if (reduced) {
          l = adjust(service, "PF3", "Patent application", -Money.percentOf(sub, 5_000), "discount");
          lines.push(l);
          sub += l.amount;
        }
        break;
      }
      case "patent.examination": {
        const claims = request.claims ?? 0;
        l = line(service, "PE1", "Examination", 1, claims <= 10 ? 200_000 : claims <= 30 ? 300_000 : 450_000, "bands");
        lines.push(l);
        sub += l.amount;
        break;
      }
      case "patent.annuity": {
        const year = request.year ?? 0;
        const amount = year <= 5 ? 30_000 : year <= 10 ? 60_000 : year <= 15 ? 120_000 : 200_000;
        l = line(service, "PA1", "Annuity", 1, amount, "byYear");
        lines.push(l);
        sub += l.amount;
        if (late) {
          l = adjust(service, "PA2", "Annuity", Money.percentOf(sub, 2_000), "lateSurcharge");
          lines.push(l);
          sub += l.amount;
        }
        if (reduced) {
          l = adjust(service, "PA3", "Annuity", -Money.percentOf(sub, 5_000), "discount");
          lines.push(l);
          sub += l.amount;
        }
        break;
      }
    }
    total += sub;
  }
  return {
    office: "OM",
    schedule: "bench-50",
    currency: "OMR",
    dueDate: request.dueDate,
    language: "en",
    lines,
    total,
  };
};

/** Hand-written total only: the least a special-purpose function could do. */
const handTotal = (request: Quote.Request): number => {
  let total = 0;
  const category = request.applicantCategory;
  const reduced = category !== undefined && category !== "ldc";
  for (const service of request.services ?? [request.service as string]) {
    const classes = request.classes ?? 0;
    const late = (request.daysLate ?? 0) > 0;
    if (service === "trademark.filing") {
      const sub = 50_000 + Math.max(0, classes - 1) * 20_000 + (request.priorities ?? 0) * 10_000;
      total += category === "individual" || category === "sme" ? sub - Money.percentOf(sub, 2_500) : sub;
    } else if (service === "trademark.registration") total += 100_000 + Math.max(0, classes - 1) * 30_000;
    else if (service === "trademark.renewal") {
      const sub = classes * 100_000;
      total += late ? sub + Money.percentOf(sub, 2_500) : sub;
    } else if (service === "patent.filing") {
      const sub = 100_000 + Math.max(0, (request.pages ?? 0) - 30) * 500;
      total += reduced ? sub - Money.percentOf(sub, 5_000) : sub;
    } else if (service === "patent.examination") {
      const claims = request.claims ?? 0;
      total += claims <= 10 ? 200_000 : claims <= 30 ? 300_000 : 450_000;
    } else if (service === "patent.annuity") {
      const year = request.year ?? 0;
      let sub = year <= 5 ? 30_000 : year <= 10 ? 60_000 : year <= 15 ? 120_000 : 200_000;
      if (late) sub += Money.percentOf(sub, 2_000);
      total += reduced ? sub - Money.percentOf(sub, 5_000) : sub;
    }
  }
  return total;
};

// ---------------------------------------------------------------------------------------------------------------------
// Timing helpers

/** Throughput of two loops measured alternately (so a busy machine weighs on both alike): medians of 7 rounds. */
const compare = (a: () => void, b: () => void, perRun: number): readonly [number, number] => {
  const sample = (run: () => void) => {
    let runs = 0;
    const start = performance.now();
    let elapsed = 0;
    do {
      run();
      runs += 1;
      elapsed = performance.now() - start;
    } while (elapsed < 250);
    return (runs * perRun) / (elapsed / 1000);
  };
  for (let i = 0; i < 3; i++) {
    a();
    b();
  }
  const as: Array<number> = [];
  const bs: Array<number> = [];
  for (let round = 0; round < 7; round++) {
    as.push(sample(a));
    bs.push(sample(b));
  }
  const median = (values: Array<number>) => values.sort((x, y) => x - y)[3] as number;
  return [median(as), median(bs)];
};

const fmt = (value: number, digits = 0) =>
  value.toLocaleString("en", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const report = (name: string, value: number, unit: string, baseline: number, ratio: number, digits = 0) =>
  console.log(
    `${name}: ${fmt(value, digits)} ${unit} (baseline: ${fmt(baseline, digits)} ${unit}, ratio: ${ratio.toFixed(2)})`,
  );

// ---------------------------------------------------------------------------------------------------------------------
// Child process: build (and render) the 10,000-filing invoice, print time and peak RSS as JSON

const FILINGS = 10_000;

const buildInvoice = () => {
  const filings = requests.slice(0, FILINGS).map((request, i) => {
    const q = Quote.quote(schedule, request);
    if (Result.isFailure(q)) throw new Error(q.failure.message);
    return { reference: `OM/2026/${String(i + 1).padStart(6, "0")}`, quote: q.success };
  });
  const built = Invoice.build({
    number: "OM-2026-000001",
    office: "OM",
    officeName: "Bench Office",
    issueDate: "2026-11-24",
    payer: "Agent LLC",
    taxPercent: 5,
    filings,
  });
  if (Result.isFailure(built)) throw new Error(built.failure.message);
  return built.success;
};

const child = async (mode: "pdf" | "json") => {
  // Resident memory sampled every 20 ms: getrusage()'s maxRSS would report the parent's high-water mark, which Linux
  // carries across fork and exec into the child.
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const start = performance.now();
  const invoice = buildInvoice();
  let bytes = 0;
  if (mode === "json") bytes = Buffer.byteLength(Invoice.toJson(invoice));
  else {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        callback();
      },
    });
    await new Promise<void>((resolve, reject) => {
      InvoicePdf.renderPdf(invoice).pipe(sink).on("finish", resolve).on("error", reject);
    });
  }
  const ms = performance.now() - start;
  clearInterval(sampler);
  const peakMb = Math.max(peak, process.memoryUsage().rss) / (1024 * 1024);
  console.log(JSON.stringify({ ms, peakMb, bytes, lines: Invoice.lineCount(invoice) }));
};

const runChild = (mode: "pdf" | "json") => {
  const file = fileURLToPath(import.meta.url);
  const out = spawnSync(process.execPath, [...process.execArgv, file, "--child", mode], { encoding: "utf8" });
  if (out.status !== 0) throw new Error(out.stderr);
  return JSON.parse(out.stdout.trim().split("\n").at(-1) ?? "{}") as {
    ms: number;
    peakMb: number;
    bytes: number;
    lines: number;
  };
};

// ---------------------------------------------------------------------------------------------------------------------

const main = () => {
  // Agreement first: the engine, the hand-written quote and the hand-written total give the same results.
  for (const request of requests) {
    const q = Quote.quote(schedule, request);
    if (Result.isFailure(q)) throw new Error(q.failure.message);
    const hand = handQuote(request);
    const strip = (lines: ReadonlyArray<Line>) =>
      lines.map((l) => [l.service, l.code, l.quantity, l.unitAmount, l.amount, l.rule].join("|")).join(";");
    const engineTotal = Quote.total(schedule, request);
    if (
      q.success.total !== hand.total ||
      strip(q.success.lines) !== strip(hand.lines) ||
      handTotal(request) !== q.success.total ||
      engineTotal._tag !== "Success" ||
      engineTotal.success !== q.success.total
    )
      throw new Error(`disagreement on ${JSON.stringify(request)}`);
  }

  console.log(
    `# @ipoffice/fees — schedule of ${Object.keys(schedule.items).length} items, ${requests.length} requests (60 % trademark, 40 % patent), Node ${process.versions.node}`,
  );
  let sink = 0;
  const engineQuote = () => {
    for (const request of requests) {
      const q = Quote.quote(schedule, request);
      if (q._tag === "Success") sink += q.success.total;
    }
  };
  const engineTotal = () => {
    for (const request of requests) {
      const r = Quote.total(schedule, request);
      if (r._tag === "Success") sink += r.success;
    }
  };
  const handItemised = () => {
    for (const request of requests) sink += handQuote(request).total;
  };
  const handTotalOnly = () => {
    for (const request of requests) sink += handTotal(request);
  };
  const [quoted, itemised] = compare(engineQuote, handItemised, requests.length);
  report("Quote.quote, itemised (vs hand-written itemised)", quoted, "quotes/s", itemised, quoted / itemised);
  const [totalled, totalOnly] = compare(engineTotal, handTotalOnly, requests.length);
  report("Quote.total (vs hand-written total)", totalled, "quotes/s", totalOnly, totalled / totalOnly);

  const pdf = runChild("pdf");
  const json = runChild("json");
  console.log(
    `# invoice: ${FILINGS} filings, ${pdf.lines} lines; PDF ${fmt(pdf.bytes / 1e6, 1)} MB, JSON ${fmt(json.bytes / 1e6, 1)} MB`,
  );
  report("invoice 10,000 filings, build + PDF (vs build + JSON): time", pdf.ms, "ms", json.ms, pdf.ms / json.ms);
  report(
    "invoice 10,000 filings, build + PDF (vs build + JSON): peak RSS",
    pdf.peakMb,
    "MB",
    json.peakMb,
    pdf.peakMb / json.peakMb,
  );
  if (sink === 0.5) console.log(sink);
};

const childIndex = process.argv.indexOf("--child");
if (childIndex >= 0) await child(process.argv[childIndex + 1] === "json" ? "json" : "pdf");
else main();
