import { Result } from "effect";
import { FeeSchedule } from "../src/index.js";

/** A small schedule that uses every rule kind (amounts in JOD fils: 3 decimals). */
export const sample = {
  id: "xx-test-2026",
  office: "XX",
  officeName: { en: "Test Office", ar: "مكتب الاختبار" },
  currency: "JOD",
  effectiveFrom: "2026-01-01",
  source: "test fixture",
  illustrative: true,
  rounding: "half-up",
  items: {
    "trademark.filing": {
      description: { en: "Trademark filing", ar: "إيداع علامة تجارية" },
      rules: [
        { kind: "flat", code: "TM1", amount: 100_000 },
        {
          kind: "perUnit",
          code: "TM2",
          unit: "class",
          included: 1,
          amount: 50_000,
          description: { en: "Each class beyond the first", ar: "كل فئة إضافية" },
        },
        { kind: "perUnit", code: "TM3", unit: "priority", amount: 20_000, default: 0 },
        { kind: "discount", code: "TM4", categories: ["individual", "sme"], percent: 50 },
      ],
    },
    "patent.examination": {
      description: { en: "Patent examination" },
      rules: [
        {
          kind: "bands",
          code: "PE1",
          unit: "claim",
          mode: "band",
          bands: [
            { from: 1, to: 10, amount: 300_000 },
            { from: 11, to: 30, amount: 500_000 },
            { from: 31, to: 50, amount: 800_000 },
          ],
        },
        { kind: "perUnit", code: "PE2", unit: "page", included: 30, amount: 1_005 },
      ],
    },
    "patent.claims": {
      description: { en: "Claims fee (graduated)" },
      rules: [
        {
          kind: "bands",
          code: "PC1",
          unit: "claim",
          mode: "perUnit",
          bands: [
            { from: 1, to: 10, amount: 0 },
            { from: 11, to: 20, amount: 10_000 },
            { from: 21, amount: 25_000 },
          ],
        },
      ],
    },
    "patent.annuity": {
      description: { en: "Annuity" },
      rules: [
        {
          kind: "byYear",
          code: "PA",
          years: [
            { from: 2, to: 5, amount: 10_000 },
            { from: 6, to: 10, amount: 20_005 },
            { from: 11, to: 20, amount: 40_000 },
          ],
        },
        { kind: "lateSurcharge", code: "PA-L", graceDays: 365, percent: 7 },
        { kind: "discount", code: "PA-D", categories: ["individual", "sme", "university"], percent: 50 },
      ],
    },
    "design.filing": {
      description: { en: "Design filing" },
      rules: [
        { kind: "flat", code: "D1", amount: 40_000 },
        { kind: "perUnit", code: "D2", unit: "design", included: 1, amount: 10_000 },
        { kind: "cap", code: "D3", amount: 200_000, description: { en: "Cap on multiple-design fee" } },
      ],
    },
    "trademark.renewal": {
      description: { en: "Renewal" },
      rules: [
        { kind: "perUnit", code: "R1", unit: "class", amount: 30_000 },
        { kind: "lateSurcharge", code: "R2", graceDays: 183, amount: 15_000 },
      ],
    },
    "recordal.transfer": {
      description: { en: "Recordal of transfer" },
      rules: [
        { kind: "flat", code: "RT", amount: 5_000 },
        { kind: "discount", code: "RT-D", categories: ["ldc"], percent: 90 },
        { kind: "minimum", code: "RT-M", amount: 1_000 },
      ],
    },
  },
} as const;

export const decodeOrThrow = (input: unknown): FeeSchedule.Schedule => {
  const result = FeeSchedule.decode(input);
  if (Result.isFailure(result)) throw new Error(result.failure.message);
  return result.success;
};

export const schedule = decodeOrThrow(sample);

export const unwrap = <A, E>(result: Result.Result<A, E>): A => {
  if (Result.isFailure(result)) throw new Error(`Expected success, got ${JSON.stringify(result.failure)}`);
  return result.success;
};

export const failure = <A, E>(result: Result.Result<A, E>): E => {
  if (Result.isSuccess(result)) throw new Error(`Expected failure, got ${JSON.stringify(result.success)}`);
  return result.failure;
};
