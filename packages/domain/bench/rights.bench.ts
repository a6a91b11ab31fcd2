/**
 * Rights, workflows and userdocs benchmark for @ipoffice/domain.
 *
 * - Workflow.perform of a per-class examination decision on a 45-class mark with 10 real Nice terms per class
 *   (450 terms from nice/ncl12-en-alphabetical-list.csv of the reference data, `IPO_REFERENCE_DATA` or ../shared/data),
 *   against a structuredClone of the same right (the least work that produces a changed copy of it). Where that list
 *   is absent (it is GPL-3.0 and does not ship), the bench says so and builds 450 terms of the same shape from the ST.3
 *   names that ship with this package: the operations measured treat a term as text, so the figures stay comparable.
 * - Userdoc.apply of a transfer on that mark, against the same baseline.
 * - Decoding a filing request (45 classes, 450 terms) with IpRight.FilingRequest, against JSON.parse of its body.
 * - Workflow.decode (schema and graph validation) of the default trademark workflow, against JSON.parse of it.
 *
 * Run: pnpm --filter @ipoffice/domain bench. One line per figure: `name: value unit (baseline: value unit, ratio: x)`.
 */
import { existsSync, readFileSync } from "node:fs";
import { Result, Schema } from "effect";
import { referenceFile } from "../../../test-support/reference-data.js";
import { type Calendar, Country, IpRight, Userdoc, Workflow } from "../src/index.js";

const median = (xs: Array<number>): number => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const time = (n: number, run: () => unknown): number => {
  for (let i = 0; i < Math.min(n, 50); i++) run(); // warm-up
  const samples: Array<number> = [];
  for (let s = 0; s < 7; s++) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < n; i++) run();
    samples.push(Number(process.hrtime.bigint() - started) / 1e3 / n);
  }
  return median(samples);
};
const line = (name: string, n: number, ours: () => unknown, baseline: () => unknown) => {
  const a = time(n, ours);
  const b = time(n, baseline);
  console.log(`${name}: ${a.toFixed(1)} µs/op (baseline: ${b.toFixed(1)} µs/op, ratio: ${(a / b).toFixed(2)})`);
};

// 45 classes × 10 terms: real ones from the 12th-edition list where it is present, else built from shipped names.
const ncl12 = "nice/ncl12-en-alphabetical-list.csv";
const byClass = new Map<number, Array<string>>();
let termSource = `${ncl12} of the reference data`;
if (existsSync(referenceFile(ncl12))) {
  const csv = readFileSync(referenceFile(ncl12), "utf8");
  for (const row of csv.split("\n").slice(1)) {
    const match = /^(\d{6}),(\d+),("(?:[^"]|"")*"|[^,]*),/.exec(row);
    if (match === null) continue;
    const terms = byClass.get(Number(match[2])) ?? [];
    if (terms.length < 10) terms.push(match[3]!.replace(/^"|"$/g, "").replace(/""/g, '"'));
    byClass.set(Number(match[2]), terms);
  }
} else {
  console.log(
    `lacks ${ncl12} of the reference data (IPO_REFERENCE_DATA or ../shared/data): ` +
      "builds the 450 terms from the shipped ST.3 names instead",
  );
  termSource = "built from the shipped ST.3 names";
  for (let classNumber = 1; classNumber <= 45; classNumber++) {
    const terms = Array.from({ length: 10 }, (_, i) => {
      const country = Country.all[((classNumber - 1) * 10 + i) % Country.all.length]!;
      return `Goods of class ${classNumber} from ${country.name}`;
    });
    byClass.set(classNumber, terms);
  }
}
const body = {
  kind: "trademark",
  mark: { text: "NAKHLA", type: "word" },
  owners: [{ name: "Nakhla Foods PSC", country: "JO" }],
  goodsAndServices: [...byClass].map(([classNumber, terms]) => ({ classNumber, terms })),
};
const bodyJson = JSON.stringify(body);
const decodeFiling = Schema.decodeUnknownResult(IpRight.FilingRequest, { errors: "all" });
const request = Schema.decodeUnknownSync(IpRight.FilingRequest)(body);
const def = Workflow.defaults.trademark;
const filed = IpRight.file(request, {
  officeCode: "JO",
  applicationNumber: "TM/2026/1",
  st13: "JO502026000001",
  filingDate: "2026-01-05" as Calendar.IsoDate,
  at: "2026-01-05T08:00:00Z",
  actor: { id: "efiling", role: "applicant" },
  workflow: def,
  niceEdition: "12-2025",
}).right;
const perform = (right: IpRight.Right, action: string, role: string, extra: Partial<Workflow.ActionRequest> = {}) => {
  const r = Workflow.perform(
    def,
    right,
    { action, ...extra },
    {
      at: "2026-02-01T08:00:00Z",
      today: "2026-02-01" as Calendar.IsoDate,
      actor: { id: "u", role },
    },
  );
  if (Result.isFailure(r)) throw new Error(r.failure.message);
  return r.success.right;
};
let examining = filed;
for (const [action, role] of [
  ["accord_filing_date", "clerk"],
  ["formalities_compliant", "formality_examiner"],
  ["classification_checked", "classifier"],
] as const) {
  examining = perform(examining, action, role);
}
const classDecisions = [...byClass.keys()]
  .filter((n) => n % 3 === 0)
  .map((classNumber) => ({ classNumber, decision: "refuse" as const, reason: "descriptive" }));
const transfer = Schema.decodeUnknownSync(Userdoc.Userdoc)({
  type: "transfer",
  filedOn: "2026-02-01",
  owners: [{ name: "Gulf Date Company SAOG", country: "OM" }],
});
const defJson = JSON.stringify(def);
const terms = [...byClass.values()].reduce((n, t) => n + t.length, 0);

console.log(
  `data: 1 mark, ${byClass.size} classes, ${terms} terms (${termSource}); workflow of ${def.states.length} states, ${def.actions.length} actions`,
);
line(
  "perform examine (15 classes refused, 30 accepted)",
  500,
  () => perform(examining, "examine", "examiner", { classDecisions }),
  () => structuredClone(examining),
);
line(
  "userdoc transfer",
  500,
  () =>
    Userdoc.apply(examining, transfer, {
      at: "2026-02-01T08:00:00Z",
      today: "2026-02-01" as Calendar.IsoDate,
      actor: { id: "c", role: "clerk" },
    }),
  () => structuredClone(examining),
);
line(
  "decode filing request",
  500,
  () => decodeFiling(JSON.parse(bodyJson)),
  () => JSON.parse(bodyJson),
);
line(
  "Workflow.decode default trademark",
  500,
  () => Workflow.decode(JSON.parse(defJson)),
  () => JSON.parse(defJson),
);
