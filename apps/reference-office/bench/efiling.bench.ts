/**
 * E-filing and Nice API figures, each beside a baseline measured in the same run:
 * - `GET /api/v1/nice/terms` through the whole app (query decoding, search, JSON) beside `TermIndex.search` alone;
 * - `POST /api/v1/nice/validate` of a 45-class list beside `Validation.validate` alone, and the CPU time of the
 *   dearest request the limits allow (free text with 10 suggestions) beside that of the former limits (5,000 terms);
 * - `POST /file` (form decoding, domain schema, Nice check, filing in PGlite, redirect) beside `Rights.file` of the same
 *   decoded request alone, and the receipt page.
 *
 * Run: `node --conditions=@ipoffice/source --import tsx bench/efiling.bench.ts` (apps/reference-office).
 */
import os from "node:os";
import { IpRight } from "@ipoffice/domain";
import { TermIndex, Validation } from "@ipoffice/nice-classification";
import { Effect, Result, Schema } from "effect";
import { createApp } from "../src/App.js";
import { defaultConfigFile, loadOfficeConfig } from "../src/config/OfficeConfig.js";
import { migrate, openDatabase } from "../src/db/Database.js";
import { silentLogger } from "../src/Logger.js";
import { niceReference } from "../src/nice/NiceReference.js";
import { LIMITS } from "../src/nice/report.js";
import { referenceData } from "../src/ReferenceData.js";
import { ensureOffice } from "../src/rights/Offices.js";
import { makeRights } from "../src/rights/Rights.js";

const config = Result.getOrThrow(await loadOfficeConfig(defaultConfigFile));
const reference = referenceData();
const nice = niceReference({ config, reference });
if (nice._tag !== "Ready") throw new Error(`Nice edition unavailable: ${nice.reasons.join("; ")}`);
const database = await openDatabase({});
await migrate(database.db);
await ensureOffice(database.db, config);
// One client sends every request of the bench: the rate limits per address would refuse most of them.
const unlimited = { search: false, validation: false, uploads: false, forms: false } as const;
const app = createApp({
  db: database.db,
  config: { ...config, http: { rateLimits: unlimited } },
  logger: silentLogger(),
  reference,
});

/** A fixed-seed generator, so runs compare. */
let seed = 42;
const rand = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const terms = nice.edition.terms.flatMap((t) => (t.texts.en ? [{ text: t.texts.en, classNumber: t.classNumber }] : []));
const pick = <A>(list: ReadonlyArray<A>): A => list[Math.floor(rand() * list.length)] as A;

const percentile = (sorted: ReadonlyArray<number>, p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
const time = async (run: () => unknown): Promise<number> => {
  const start = performance.now();
  await run();
  return performance.now() - start;
};
const line = (name: string, value: number, baseline: number, unit = "ms") =>
  console.log(
    `${name}: ${value.toFixed(3)} ${unit} (baseline: ${baseline.toFixed(3)} ${unit}, ratio: ${(value / baseline).toFixed(2)}x)`,
  );

console.log(
  `machine: ${os.cpus().length} cores, Node ${process.versions.node}; edition ${nice.edition.id}: ${terms.length} English terms`,
);

// 1. Term search as the picker calls it: prefixes of real terms (half the term or more), 20 results.
const queries = Array.from({ length: 1_000 }, () => {
  const t = pick(terms).text;
  return t.slice(0, Math.max(3, Math.ceil(t.length * (0.5 + rand() * 0.5))));
});
for (const q of queries.slice(0, 100)) {
  await app.request(`/api/v1/nice/terms?q=${encodeURIComponent(q)}&lang=en&limit=20`);
  TermIndex.search(nice.index, q, { language: "en", limit: 20 });
}
const httpTimes: number[] = [];
const directTimes: number[] = [];
for (const q of queries) {
  httpTimes.push(
    await time(async () =>
      (await app.request(`/api/v1/nice/terms?q=${encodeURIComponent(q)}&lang=en&limit=20`)).json(),
    ),
  );
  directTimes.push(await time(() => TermIndex.search(nice.index, q, { language: "en", limit: 20 })));
}
httpTimes.sort((a, b) => a - b);
directTimes.sort((a, b) => a - b);
console.log(`data: ${queries.length} queries (prefixes of real terms), limit 20`);
line("GET /nice/terms p50", percentile(httpTimes, 50), percentile(directTimes, 50));
line("GET /nice/terms p99", percentile(httpTimes, 99), percentile(directTimes, 99));

// 2. Validation of a 45-class list of 5 terms each: 80% official, 10% of another class, 10% free text.
const list = Array.from({ length: 45 }, (_, i) => {
  const classNumber = i + 1;
  const own = terms.filter((t) => t.classNumber === classNumber);
  return {
    classNumber,
    terms: Array.from({ length: 5 }, () => {
      const r = rand();
      return r < 0.8 ? pick(own).text : r < 0.9 ? pick(terms).text : `house blend ${Math.floor(rand() * 1000)}`;
    }),
  };
});
const body = JSON.stringify({ goodsAndServices: list });
const items = list.map((c) => ({ classNumber: c.classNumber, text: c.terms.join("; ") }));
const validateHttp: number[] = [];
const validateDirect: number[] = [];
for (let i = 0; i < 25; i++) {
  validateHttp.push(
    await time(async () =>
      (
        await app.request("/api/v1/nice/validate", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
        })
      ).json(),
    ),
  );
  validateDirect.push(await time(() => Validation.validate(nice.index, items)));
}
validateHttp.sort((a, b) => a - b);
validateDirect.sort((a, b) => a - b);
console.log("data: 45 classes x 5 terms (225 terms)");
line("POST /nice/validate median", percentile(validateHttp, 50), percentile(validateDirect, 50));

// 2b. The dearest validation the limits allow: free text only (each term searched for 10 suggestions), as many terms
// and characters as allowed, CPU time of the whole request; beside the same work at the former limits (5,000 terms),
// measured on the validation alone.
const words = terms.flatMap((t) => t.text.split(/\W+/)).filter((w) => w.length > 3);
const freeText = (length: number) => {
  let text = "";
  while (text.length < length) text += `${pick(words)} `;
  return text.trim().slice(0, length);
};
const perTerm = Math.floor(LIMITS.characters / LIMITS.terms) - 1;
const dearest = JSON.stringify({
  suggestions: 10,
  goodsAndServices: Array.from({ length: LIMITS.terms / 5 }, (_, i) => ({
    classNumber: (i % 45) + 1,
    terms: Array.from({ length: 5 }, () => freeText(perTerm)),
  })),
});
const formerItems = Array.from({ length: 5_000 }, (_, i) => ({ classNumber: (i % 45) + 1, text: freeText(170) }));
const cpu = async (run: () => unknown) => {
  const start = process.cpuUsage();
  await run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};
const dearestCpu: number[] = [];
const formerCpu: number[] = [];
for (let i = 0; i < 9; i++) {
  dearestCpu.push(
    await cpu(async () => {
      const res = await app.request("/api/v1/nice/validate", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: dearest,
      });
      if (res.status !== 200) throw new Error(`validate answered ${res.status}`);
      await res.json();
    }),
  );
  if (i < 3)
    formerCpu.push(await cpu(() => Validation.validate(nice.index, formerItems, { suggestions: 10, maxItems: 5_000 })));
}
dearestCpu.sort((a, b) => a - b);
formerCpu.sort((a, b) => a - b);
console.log(
  `data: ${LIMITS.terms} free-text terms of ${perTerm} characters (${Math.round(dearest.length / 1024)} KiB), 10 suggestions each; former limits: 5,000 terms`,
);
line("POST /nice/validate at the limits, CPU median", percentile(dearestCpu, 50), percentile(formerCpu, 50));

// 3. Filing through the form on PGlite, beside the rights service alone, then the receipt.
const N = 50;
const filed = [1, 25, 35].map((classNumber) => ({
  classNumber,
  terms: Array.from({ length: 4 }, () => pick(terms.filter((t) => t.classNumber === classNumber)).text),
}));
const form = (i: number) =>
  new URLSearchParams({
    kind: "trademark",
    intent: "file",
    markText: `BENCH ${i}`,
    markType: "word",
    ownerName: "Bench Trading LLC",
    ownerCountry: "OM",
    goodsAndServicesText: filed.map((c) => `${c.classNumber}: ${c.terms.join("; ")}`).join("\n"),
  }).toString();
const rights = makeRights(database.db, config, nice.editionId);
const request = Schema.decodeUnknownSync(IpRight.FilingRequest)({
  kind: "trademark",
  mark: { text: "BENCH", type: "word" },
  owners: [{ name: "Bench Trading LLC", country: "OM" }],
  goodsAndServices: filed,
});
const actor = { id: "bench", role: "applicant" };
const formTimes: number[] = [];
const serviceTimes: number[] = [];
const receiptTimes: number[] = [];
let location = "";
for (let i = 0; i < N; i++) {
  formTimes.push(
    await time(async () => {
      const res = await app.request("/file?lang=en", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: form(i),
      });
      location = res.headers.get("location") ?? "";
      if (res.status !== 303) throw new Error(`form answered ${res.status}`);
    }),
  );
  serviceTimes.push(await time(() => Effect.runPromise(rights.file([request], actor))));
  receiptTimes.push(await time(async () => (await app.request(location)).text()));
}
formTimes.sort((a, b) => a - b);
serviceTimes.sort((a, b) => a - b);
receiptTimes.sort((a, b) => a - b);
console.log(`data: ${N} trademark filings, 3 classes x 4 terms, PGlite in memory`);
line("POST /file (form to receipt redirect) median", percentile(formTimes, 50), percentile(serviceTimes, 50));
line("GET /file/receipt median", percentile(receiptTimes, 50), percentile(serviceTimes, 50));
await database.close();
