/**
 * Search keys and similarity benchmark for @ipoffice/search.
 *
 * Data: the verbal elements of the 20,000 EU trade mark records in records/euipo-figurative-marks-20k.json of the
 * reference data (IPO_REFERENCE_DATA or ../shared/data) when it is there, else the marks of the labelled test set.
 *
 * - `Keys.forDocument` (every key of a mark, as the engine stores them) against `Text.fold` alone (the least a search
 *   column needs).
 * - `Similarity.comparePrepared` of one query against every prepared mark (an in-memory re-ranking of the engine's
 *   candidates) against pg_trgm's `similarity` computed in memory (`Similarity.trigramSimilarity`).
 *
 * Run: pnpm --filter @ipoffice/search bench. One line per figure: `name: value unit (baseline: value unit, ratio: x)`.
 */
import { existsSync, readFileSync } from "node:fs";
import { Text } from "@ipoffice/domain";
import { referenceFile } from "../../../test-support/reference-data.js";
import { Keys, Similarity } from "../src/index.js";
import { pool } from "../test/relevance.js";

const median = (xs: Array<number>): number => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const time = (run: () => unknown): number => {
  run(); // warm-up
  const samples: Array<number> = [];
  for (let s = 0; s < 5; s++) {
    const started = process.hrtime.bigint();
    run();
    samples.push(Number(process.hrtime.bigint() - started) / 1e3);
  }
  return median(samples);
};
const line = (name: string, n: number, ours: () => unknown, baseline: () => unknown) => {
  const a = time(ours) / n;
  const b = time(baseline) / n;
  console.log(`${name}: ${a.toFixed(2)} µs/op (baseline: ${b.toFixed(2)} µs/op, ratio: ${(a / b).toFixed(2)})`);
};

const records = "records/euipo-figurative-marks-20k.json";
let marks: Array<string>;
let source: string;
if (existsSync(referenceFile(records))) {
  const data = JSON.parse(readFileSync(referenceFile(records), "utf8")) as Record<string, { Text?: string }>;
  marks = Object.values(data)
    .map((r) => r.Text)
    .filter((t): t is string => typeof t === "string" && t.trim() !== "");
  source = `${marks.length} verbal elements of ${records}`;
} else {
  marks = [...pool];
  source = `${marks.length} marks of the labelled test set (the reference data lacks ${records})`;
}
console.log(`data: ${source}`);

let sink = 0;
line(
  `Keys.forDocument, ${marks.length} marks`,
  marks.length,
  () => {
    for (const m of marks) sink += Keys.forDocument(m).skeleton.length;
  },
  () => {
    for (const m of marks) sink += Text.fold(m).length;
  },
);

const prepared = marks.map((m) => Similarity.prepare(m));
for (const query of ["NOOR", "SAHAR AL WADI", "نور", "KOCA KOLA"]) {
  const q = Similarity.prepare(query);
  line(
    `compare "${query}" against ${marks.length} prepared marks`,
    marks.length,
    () => {
      for (const p of prepared) sink += Similarity.comparePrepared(q, p).score;
    },
    () => {
      for (const m of marks) sink += Similarity.trigramSimilarity(query, m);
    },
  );
}
if (sink === -1) console.log("");
