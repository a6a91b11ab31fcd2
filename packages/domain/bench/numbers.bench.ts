/**
 * Numbers and dates benchmark for @ipoffice/domain.
 *
 * - ApplicationNumber.parse against a hand-written regular expression for the same pattern (the least work that
 *   reads such a number), on 100,000 numbers.
 * - Calendar.timeLimitEnd (3 months, Oman Friday–Saturday weekend, 15 holidays a year over 40 years) against the
 *   same rule written with JavaScript Date in UTC, on 100,000 start dates.
 *
 * Run: pnpm --filter @ipoffice/domain bench. One line per figure: `name: value unit (baseline: value unit, ratio: x)`.
 */
import { Result, Schema } from "effect";
import { ApplicationNumber, Calendar } from "../src/index.js";

const N = 100_000;
const mulberry32 = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const random = mulberry32(20261124);

const median = (xs: Array<number>): number => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const time = (run: () => number): number => {
  run(); // warm-up
  const samples: Array<number> = [];
  for (let i = 0; i < 7; i++) {
    const started = process.hrtime.bigint();
    run();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return median(samples);
};
const line = (name: string, ours: number, baseline: number) =>
  console.log(
    `${name}: ${((ours * 1e6) / N).toFixed(0)} ns/op (baseline: ${((baseline * 1e6) / N).toFixed(0)} ns/op, ratio: ${(ours / baseline).toFixed(2)})`,
  );

// ---------------------------------------------------------------------------------------------------------------
// Application numbers

const pattern = Schema.decodeUnknownSync(ApplicationNumber.Pattern)("{kind}{yyyy}/{serial:6}");
const kinds = ["TM", "P", "D", "UM"];
const numbers = Array.from(
  { length: N },
  (_, i) =>
    `${kinds[i % 4]}${2000 + Math.floor(random() * 27)}/${String(1 + Math.floor(random() * 999_999)).padStart(6, "0")}`,
);
const regex = /^([A-Z]{1,5})(\d{4})\/(\d{6})$/;

const parseOurs = () => {
  let sum = 0;
  for (const n of numbers) {
    const r = ApplicationNumber.parse(pattern, n);
    if (Result.isSuccess(r)) sum += r.success.serial;
  }
  return sum;
};
const parseBaseline = () => {
  let sum = 0;
  for (const n of numbers) {
    const m = regex.exec(n.trim());
    if (m !== null) {
      const parts = { kind: m[1], year: Number(m[2]), serial: Number(m[3]) };
      if (parts.serial > 0) sum += parts.serial;
    }
  }
  return sum;
};
if (parseOurs() !== parseBaseline()) throw new Error("parse and baseline disagree");

// ---------------------------------------------------------------------------------------------------------------
// Time limits

const holidays: Array<string> = [];
for (let year = 2000; year < 2040; year++) {
  for (let k = 0; k < 15; k++) {
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    holidays.push(`${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`);
  }
}
const calendar = Schema.decodeUnknownSync(Calendar.WorkingCalendar)({ weekend: ["friday", "saturday"], holidays });
const start = Schema.decodeUnknownSync(Calendar.IsoDate)("2000-01-01");
const starts = Array.from({ length: N }, () =>
  Result.getOrThrow(Calendar.addDays(start, Math.floor(random() * 11_000))),
);

const limitOurs = () => {
  let n = 0;
  for (const s of starts) {
    const r = Calendar.timeLimitEnd(s, { months: 3 }, calendar);
    if (Result.isSuccess(r)) n += r.success.length;
  }
  return n;
};
const holidaySet = new Set(holidays);
const limitBaseline = () => {
  let n = 0;
  for (const s of starts) {
    const y = Number(s.slice(0, 4));
    const m = Number(s.slice(5, 7)) - 1 + 3;
    const d = Number(s.slice(8, 10));
    const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
    const end = new Date(Date.UTC(y, m, Math.min(d, last)));
    let text = end.toISOString().slice(0, 10);
    while (end.getUTCDay() === 5 || end.getUTCDay() === 6 || holidaySet.has(text)) {
      end.setUTCDate(end.getUTCDate() + 1);
      text = end.toISOString().slice(0, 10);
    }
    n += text.length;
  }
  return n;
};
for (const s of starts.slice(0, 2000)) {
  const ours = Result.getOrThrow(Calendar.timeLimitEnd(s, { months: 3 }, calendar));
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(5, 7)) - 1 + 3;
  const d = Number(s.slice(8, 10));
  const end = new Date(Date.UTC(y, m, Math.min(d, new Date(Date.UTC(y, m + 1, 0)).getUTCDate())));
  while (end.getUTCDay() === 5 || end.getUTCDay() === 6 || holidaySet.has(end.toISOString().slice(0, 10))) {
    end.setUTCDate(end.getUTCDate() + 1);
  }
  if (ours !== end.toISOString().slice(0, 10)) throw new Error(`time limit disagrees for ${s}: ${ours}`);
}

console.log(
  `data: ${N} application numbers ({kind}{yyyy}/{serial:6}); ${N} start dates 2000–2030, ${holidays.length} holidays`,
);
line("ApplicationNumber.parse", time(parseOurs), time(parseBaseline));
line("Calendar.timeLimitEnd (3 months, Fri–Sat weekend)", time(limitOurs), time(limitBaseline));
