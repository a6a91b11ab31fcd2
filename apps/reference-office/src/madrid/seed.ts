/**
 * Madrid demo data on first start: generated IB batches (the package's Generator) notified over the last 20 months,
 * imported through the same import service as uploads, then decisions taken by the same decision service at
 * simulated dates. With the 18-month time limit, the oldest designations are overdue, some are due soon, many decided.
 */
import { Calendar } from "@ipoffice/domain";
import { Generator } from "@ipoffice/madrid";
import { Result } from "effect";
import type { Kysely } from "kysely";
import type { OfficeConfig } from "../config/OfficeConfig.js";
import type { Database } from "../db/schema.js";
import { type DecisionRequest, decide } from "./decisions.js";
import { makeDesk } from "./desk.js";
import type { BatchSource } from "./importer.js";
import { getRecord } from "./store.js";

export interface MadridSeedOptions {
  readonly db: Kysely<Database>;
  readonly config: OfficeConfig;
  /** "Now" of the demo (default: today). */
  readonly today?: string;
  /** Batches, one per month back from today (default 20). */
  readonly months?: number;
}

const mulberry32 = (seed: number) => {
  let a = seed >>> 0;
  return (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const shift = (date: string, f: (d: Calendar.IsoDate) => Result.Result<Calendar.IsoDate, unknown>) =>
  Result.getOrElse(f(date as Calendar.IsoDate), () => date as Calendar.IsoDate);

/** Seeds the Madrid desk when it has no designation yet; returns the designations created. */
export const seedMadridDemo = async (
  options: MadridSeedOptions,
): Promise<{ designations: number; decisions: number }> => {
  const { db, config } = options;
  if (config.madrid === undefined) return { designations: 0, decisions: 0 };
  const existing = await db
    .selectFrom("madrid_designations")
    .where("office_code", "=", config.office.code)
    .select((eb) => eb.fn.countAll<string | number>().as("n"))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) return { designations: 0, decisions: 0 };
  const today = (options.today ?? new Date().toISOString().slice(0, 10)) as Calendar.IsoDate;
  const months = options.months ?? 20;
  const random = mulberry32(20261124);
  const desk = makeDesk({ db, config, now: () => new Date(`${today}T08:00:00Z`) });

  const sources: BatchSource[] = [];
  for (let i = months - 1; i >= 0; i--) {
    // one weekly batch per month, on a Monday-like day that moves through the month
    const notified = shift(
      shift(today, (d) => Calendar.addMonths(d, -i)),
      (d) => Calendar.addDays(d, -(i % 4) * 6 - 3),
    );
    const options: Generator.GeneratorOptions = {
      count: 10 + Math.floor(random() * 10),
      mode: i % 5 === 2 ? "mixed" : "designations",
      notificationDate: notified,
      receivingOffice: config.office.code,
      firstIrNumber: 1_700_000 + (months - i) * 1_000,
      seed: months - i,
    };
    sources.push({ name: `ib-${notified}.xml`, chunks: Generator.batchChunks(options) });
  }
  const summary = await desk.importSources(sources, "demo", { keepDocuments: true });

  // Decisions at simulated dates: most designations notified more than six weeks ago are decided.
  let decisions = 0;
  const applied = summary.documents.filter((d) => d.outcome === "applied" && d.kind === "Designation");
  for (const doc of applied) {
    const d = doc.irNumber ? await getRecord(db, config.office.code, doc.irNumber) : undefined;
    if (d?.status !== "pending") continue;
    const roll = random();
    if (roll > 0.6) continue;
    const earliest = shift(d.notificationDate, (x) => Calendar.addDays(x, 25));
    const latest = Calendar.compare(d.refusalTimeLimit.limit, today) < 0 ? d.refusalTimeLimit.limit : today;
    const span = Calendar.diffDays(earliest, latest);
    if (span <= 0) continue;
    const on = shift(earliest, (x) => Calendar.addDays(x, Math.floor(random() * Math.min(span, 300))));
    const first = d.goodsAndServices[0];
    const request: DecisionRequest =
      roll < 0.33
        ? { outcome: "grant", examiner: "demo-examiner" }
        : roll < 0.5 && first && first.terms.length > 1 && d.goodsAndServices.length > 1
          ? {
              outcome: "partial-refusal",
              grounds: "Descriptive of the goods for these terms (Trademark Law, art. 2).",
              refused: [{ classNumber: first.classNumber, terms: [first.terms[0]?.text ?? ""] }],
              responseMonths: 2,
              examiner: "demo-examiner",
            }
          : {
              outcome: "total-refusal",
              grounds: "Likely to be confused with an earlier registered mark.",
              responseMonths: 2,
              examiner: "demo-examiner",
            };
    const done = await decide(db, desk.settings, d.irNumber, request, new Date(`${on}T10:00:00Z`));
    if (Result.isFailure(done)) continue;
    decisions++;
    // Some provisional refusals reach a final decision a few months later.
    if (request.outcome !== "grant" && random() < 0.6) {
      const later = shift(on, (x) => Calendar.addDays(x, 60 + Math.floor(random() * 120)));
      if (Calendar.compare(later, today) > 0) continue;
      const final: DecisionRequest =
        random() < 0.5
          ? { outcome: "grant", examiner: "demo-examiner" }
          : { outcome: "total-refusal", grounds: "No request for review was filed.", examiner: "demo-examiner" };
      const second = await decide(db, desk.settings, d.irNumber, final, new Date(`${later}T10:00:00Z`));
      if (Result.isSuccess(second)) decisions++;
    }
  }
  return { designations: summary.applied, decisions };
};
