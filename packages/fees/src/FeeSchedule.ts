/**
 * Fee schedules as dated data: one office, one currency, one validity period, and fee items keyed by service, each item
 * a list of rules that compose. Schedules are decoded from JSON or YAML with an Effect Schema; an invalid schedule is
 * rejected with one issue per JSON path. A schedule holds numbers and texts only: no formula or code is ever read.
 */
import { Result, Schema, SchemaIssue } from "effect";
import * as YAML from "yaml";
import { CurrencyCode, convertAtFixedRate } from "./Money.js";

// ---------------------------------------------------------------------------------------------------------------------
// Building blocks

/** A calendar date `YYYY-MM-DD`. Schedules and requests compare dates as these strings. */
export const CalendarDate = Schema.String.pipe(
  Schema.check(
    Schema.isPattern(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: "Expected a date YYYY-MM-DD" }),
  ),
);
export type CalendarDate = typeof CalendarDate.Type;

/** A service key such as `trademark.filing`, `trademark.renewal`, `patent.annuity`, `recordal.transfer`. */
export const ServiceKey = Schema.String.pipe(
  Schema.check(
    Schema.isPattern(/^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)+$/, {
      message: "Expected a service key such as trademark.filing",
    }),
  ),
);
export type ServiceKey = typeof ServiceKey.Type;

const LanguageCode = Schema.String.pipe(
  Schema.check(
    Schema.isPattern(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { message: "Expected a language code such as en" }),
  ),
);

/** Texts by language code, English required: `{ en: "Filing fee", ar: "رسم الإيداع", bg: "Такса за заявяване" }`. */
export const Text = Schema.Record(LanguageCode, Schema.String.pipe(Schema.check(Schema.isNonEmpty()))).pipe(
  Schema.check(
    Schema.makeFilter((texts: { readonly [language: string]: string }) =>
      texts.en === undefined ? { path: ["en"], issue: "Missing English text (en)" } : true,
    ),
  ),
);
export type Text = typeof Text.Type;

const Count = Schema.Int.pipe(
  Schema.check(Schema.isBetween({ minimum: 0, maximum: 100_000 }, { message: "Expected a whole number 0–100000" })),
);
const Amount = Schema.Int.pipe(
  Schema.check(
    Schema.isBetween(
      { minimum: 0, maximum: 1_000_000_000_000 },
      { message: "Expected an amount in minor units: a whole number 0–10^12 (no decimals: 520.00 BGN is 52000)" },
    ),
  ),
);
const percentFilter = (maximum: number) =>
  Schema.makeFilter(
    (percent: number) =>
      (percent >= 0 && percent <= maximum && Math.abs(percent * 100 - Math.round(percent * 100)) < 1e-9) ||
      `Expected a percentage 0–${maximum} with at most two decimals`,
  );
/** A percentage with at most two decimals, e.g. `50`, `7`, `12.5`. */
export const Percent = Schema.Finite.pipe(Schema.check(percentFilter(100)));
const SurchargePercent = Schema.Finite.pipe(Schema.check(percentFilter(1000)));

/** What a per-unit or band rule counts. */
export const Unit = Schema.Literals(["class", "claim", "page", "priority", "exhibition", "design"]);
export type Unit = typeof Unit.Type;

/** Applicant categories that a discount can name. */
export const ApplicantCategory = Schema.Literals(["individual", "sme", "university", "ldc"]);
export type ApplicantCategory = typeof ApplicantCategory.Type;

const FeeCode = Schema.String.pipe(
  Schema.check(
    Schema.isPattern(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, { message: "Expected a fee code (letters, digits, . _ -)" }),
  ),
);

const Band = Schema.Struct({ from: Count, to: Schema.optional(Count), amount: Amount });
export type Band = typeof Band.Type;

const bandsFilter = Schema.makeFilter((bands: ReadonlyArray<Band>) => {
  const issues: Array<Schema.FilterIssue> = [];
  bands.forEach((band, index) => {
    if (band.to !== undefined && band.to < band.from)
      issues.push({ path: [index, "to"], issue: `Band ends (${band.to}) before it starts (${band.from})` });
    const previous = index > 0 ? bands[index - 1] : undefined;
    if (previous !== undefined && (previous.to === undefined || band.from <= previous.to))
      issues.push({ path: [index, "from"], issue: "Bands must be in increasing order without overlap" });
  });
  return issues.length === 0 ? true : issues;
});
const Bands = Schema.NonEmptyArray(Band).pipe(Schema.check(bandsFilter));

const common = { code: FeeCode, description: Schema.optional(Text) };

// ---------------------------------------------------------------------------------------------------------------------
// Rules

/** A fixed amount, once. */
export const Flat = Schema.Struct({ kind: Schema.Literal("flat"), ...common, amount: Amount });
/** An amount per class, claim, page, priority claim, exhibition priority or design beyond the first `included` (0 when absent). */
export const PerUnit = Schema.Struct({
  kind: Schema.Literal("perUnit"),
  ...common,
  unit: Unit,
  amount: Amount,
  included: Schema.optional(Count),
  /** The count used when the request does not give this parameter; without it, a missing count is an error. */
  default: Schema.optional(Count),
});
/**
 * Amounts by band of a count (claims 1–10, 11–30, 31–50). `mode: band` charges the amount of the band the count falls
 * in, once; `mode: perUnit` charges every unit at the amount of its band (graduated). A count no band covers is an error.
 */
export const Banded = Schema.Struct({
  kind: Schema.Literal("bands"),
  ...common,
  unit: Unit,
  mode: Schema.Literals(["band", "perUnit"]),
  bands: Bands,
  default: Schema.optional(Count),
});
/** Amounts by year of protection (patent annuities: years 2–20); a year no band covers is an error. */
export const ByYear = Schema.Struct({ kind: Schema.Literal("byYear"), ...common, years: Bands });
/**
 * A late-payment surcharge inside a grace period, as an amount or a percentage of the item so far. It applies only when
 * the request is late (`daysLate > 0` or `lateWithinGrace: true`); a payment later than `graceDays` is an error. With
 * `unit`, the amount is per unit (a renewal charged per class has its surcharge per class too, e.g. the UAE's 2025
 * renewal: AED 5,750 per class, 6,500 per class in the grace period).
 */
export const LateSurcharge = Schema.Struct({
  kind: Schema.Literal("lateSurcharge"),
  ...common,
  graceDays: Schema.optional(Count),
  amount: Schema.optional(Amount),
  percent: Schema.optional(SurchargePercent),
  unit: Schema.optional(Unit),
}).pipe(
  Schema.check(
    Schema.makeFilter(
      (rule: {
        readonly amount?: number | undefined;
        readonly percent?: number | undefined;
        readonly unit?: string | undefined;
      }) =>
        (rule.amount === undefined) === (rule.percent === undefined)
          ? { path: ["amount"], issue: "Give exactly one of amount or percent" }
          : rule.unit !== undefined && rule.amount === undefined
            ? { path: ["unit"], issue: "A surcharge per unit needs an amount (a percentage already follows the count)" }
            : true,
    ),
  ),
);
/** A percentage off the item so far for the listed applicant categories. */
export const Discount = Schema.Struct({
  kind: Schema.Literal("discount"),
  ...common,
  categories: Schema.NonEmptyArray(ApplicantCategory),
  percent: Percent,
});
/** The item so far never exceeds this amount (an adjustment line brings it down). */
export const Cap = Schema.Struct({ kind: Schema.Literal("cap"), ...common, amount: Amount });
/** The item so far is never below this amount (an adjustment line brings it up). */
export const Minimum = Schema.Struct({ kind: Schema.Literal("minimum"), ...common, amount: Amount });

/** One rule of a fee item. Rules apply in order; percentages, caps and minimums act on the item's running subtotal. */
export const Rule = Schema.Union([Flat, PerUnit, Banded, ByYear, LateSurcharge, Discount, Cap, Minimum]);
export type Rule = typeof Rule.Type;
export type RuleKind = Rule["kind"];

/** The fee for one service: a description and the rules that make up its amount. */
export const Item = Schema.Struct({
  description: Text,
  rules: Schema.NonEmptyArray(Rule),
  /** Where this item's figures come from, when it differs from the schedule's source, or what is uncertain. */
  note: Schema.optional(Schema.String),
  /** True when this item's amounts are made up for a demonstration. */
  illustrative: Schema.optional(Schema.Boolean),
});
export type Item = typeof Item.Type;

/** A fee schedule: one version of one office's fees. */
export const Schedule = Schema.Struct({
  id: Schema.String.pipe(
    Schema.check(Schema.isPattern(/^[a-z0-9][a-z0-9.-]{0,63}$/, { message: "Expected an id like bg-trademark-2024" })),
  ),
  office: Schema.String.pipe(
    Schema.check(Schema.isPattern(/^[A-Z]{2}$/, { message: "Expected a WIPO ST.3 office code such as BG" })),
  ),
  officeName: Text,
  currency: CurrencyCode,
  effectiveFrom: CalendarDate,
  effectiveTo: Schema.optional(CalendarDate),
  /** Where the figures come from (decree, web page, file). */
  source: Schema.String.pipe(Schema.check(Schema.isNonEmpty())),
  /** True when the amounts are made up for a demonstration. */
  illustrative: Schema.optional(Schema.Boolean),
  /** Remarks for the people who maintain the schedule. */
  notes: Schema.optional(Schema.String),
  /** The rounding rule for percentages; only `half-up` (to the currency's minor unit, per line) exists. */
  rounding: Schema.Literal("half-up"),
  items: Schema.Record(ServiceKey, Item),
}).pipe(
  Schema.check(
    Schema.makeFilter((schedule: { readonly effectiveFrom: string; readonly effectiveTo?: string | undefined }) =>
      schedule.effectiveTo !== undefined && schedule.effectiveTo < schedule.effectiveFrom
        ? { path: ["effectiveTo"], issue: "effectiveTo is before effectiveFrom" }
        : true,
    ),
  ),
);
export type Schedule = typeof Schedule.Type;

// ---------------------------------------------------------------------------------------------------------------------
// Decoding

/** One thing wrong in a schedule, at a JSON path such as `$.items['trademark.filing'].rules[0].amount`. */
export interface Issue {
  readonly path: string;
  readonly message: string;
}

/** A schedule that cannot be used, with every problem found. */
export class ScheduleInvalid extends Schema.TaggedError<ScheduleInvalid>()("ScheduleInvalid", {
  source: Schema.optional(Schema.String),
  issues: Schema.Array(Schema.Struct({ path: Schema.String, message: Schema.String })),
}) {
  override get message(): string {
    const where = this.source === undefined ? "" : ` (${this.source})`;
    return `Invalid fee schedule${where}:\n${this.issues.map((issue) => `  ${issue.path}: ${issue.message}`).join("\n")}`;
  }
}

/** Formats a path as JSONPath: `$.items['trademark.filing'].rules[0]`. */
export const jsonPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.reduce<string>((text, key) => {
    if (typeof key === "number") return `${text}[${key}]`;
    const name = String(key);
    return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? `${text}.${name}` : `${text}['${name.replace(/'/g, "\\'")}']`;
  }, "$");

const decodeSchedule = Schema.decodeUnknownResult(Schedule, { errors: "all", onExcessProperty: "error" });
const formatter = SchemaIssue.makeFormatterStandardSchemaV1();

/** Validates an already parsed value (from JSON or YAML) as a schedule. */
export const decode = (input: unknown, source?: string): Result.Result<Schedule, ScheduleInvalid> =>
  Result.mapError(decodeSchedule(input), (error) => {
    const issues = formatter(error.issue).issues.map((issue) => ({
      path: jsonPath((issue.path ?? []).map((segment) => (typeof segment === "object" ? segment.key : segment))),
      message: issue.message,
    }));
    return new ScheduleInvalid({ source, issues });
  });

/** Largest schedule text accepted (a real schedule is a few kilobytes). */
export const maxTextLength = 2_000_000;

/** Parses and validates a schedule written in YAML (JSON is YAML too). Syntax errors name their line and column. */
export const fromYaml = (text: string, source?: string): Result.Result<Schedule, ScheduleInvalid> => {
  if (text.length > maxTextLength)
    return Result.fail(
      new ScheduleInvalid({
        source,
        issues: [{ path: "$", message: `Schedule larger than ${maxTextLength} characters` }],
      }),
    );
  const document = YAML.parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0)
    return Result.fail(
      new ScheduleInvalid({
        source,
        issues: document.errors.map((error) => ({ path: "$", message: error.message.split("\n")[0] ?? error.code })),
      }),
    );
  let value: unknown;
  try {
    // maxAliasCount bounds alias expansion (a "billion laughs" document fails here instead of exhausting memory).
    value = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return Result.fail(new ScheduleInvalid({ source, issues: [{ path: "$", message: (error as Error).message }] }));
  }
  return decode(value, source);
};

/** Parses and validates a schedule written in JSON. */
export const fromJson = (text: string, source?: string): Result.Result<Schedule, ScheduleInvalid> => {
  if (text.length > maxTextLength)
    return Result.fail(
      new ScheduleInvalid({
        source,
        issues: [{ path: "$", message: `Schedule larger than ${maxTextLength} characters` }],
      }),
    );
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return Result.fail(
      new ScheduleInvalid({ source, issues: [{ path: "$", message: `Not JSON: ${(error as Error).message}` }] }),
    );
  }
  return decode(value, source);
};

// ---------------------------------------------------------------------------------------------------------------------
// Choosing the version in force

/** No schedule covers the service on the date the fee falls due. */
export class NoApplicableSchedule extends Schema.TaggedError<NoApplicableSchedule>()("NoApplicableSchedule", {
  service: Schema.String,
  dueDate: Schema.String,
  office: Schema.optional(Schema.String),
}) {
  override get message(): string {
    return `No fee schedule${this.office === undefined ? "" : ` of ${this.office}`} covers ${this.service} on ${this.dueDate}`;
  }
}

/** Whether the schedule is in force on the date (`effectiveFrom ≤ date ≤ effectiveTo`, both inclusive). */
export const inForce = (schedule: Schedule, date: string): boolean =>
  schedule.effectiveFrom <= date && (schedule.effectiveTo === undefined || date <= schedule.effectiveTo);

/**
 * The schedule version that applies to a fee: among the schedules (of the office, when given) in force on the date the
 * fee falls due and holding the service (or every one of the services), the one that took effect last. When none does,
 * the error names the first service that no schedule in force holds.
 */
export const applicable = (
  schedules: ReadonlyArray<Schedule>,
  service: string | ReadonlyArray<string>,
  dueDate: string,
  office?: string,
): Result.Result<Schedule, NoApplicableSchedule> => {
  const wanted = typeof service === "string" ? [service] : service;
  let best: Schedule | undefined;
  for (const schedule of schedules) {
    if (office !== undefined && schedule.office !== office) continue;
    if (!inForce(schedule, dueDate) || !wanted.every((s) => Object.hasOwn(schedule.items, s))) continue;
    if (best === undefined || schedule.effectiveFrom > best.effectiveFrom) best = schedule;
  }
  if (best !== undefined) return Result.succeed(best);
  const missing =
    wanted.find(
      (s) =>
        !schedules.some(
          (schedule) =>
            (office === undefined || schedule.office === office) &&
            inForce(schedule, dueDate) &&
            Object.hasOwn(schedule.items, s),
        ),
    ) ?? wanted.join(" + ");
  return Result.fail(new NoApplicableSchedule({ service: missing, dueDate, office }));
};

// ---------------------------------------------------------------------------------------------------------------------
// Currencies over time

/** Two schedules of one office, in different currencies, in force on a common date. */
export interface CurrencyOverlap {
  readonly office: string;
  readonly first: string;
  readonly second: string;
  /** The first date both are in force. */
  readonly from: string;
}

/**
 * An office charges in one currency on any date, but may change it (Bulgaria: BGN until 2025-12-31, EUR from
 * 2026-01-01): schedules of one office in different currencies must not be in force on a common date. Returns every
 * pair that is, empty when the schedules change currency cleanly.
 */
export const currencyOverlaps = (schedules: ReadonlyArray<Schedule>): ReadonlyArray<CurrencyOverlap> => {
  const out: Array<CurrencyOverlap> = [];
  schedules.forEach((a, i) => {
    for (const b of schedules.slice(i + 1)) {
      if (a.office !== b.office || a.currency === b.currency) continue;
      // biome-ignore lint/complexity/useMathMinMax: ISO dates compared as text; Math.max takes numbers
      const from = a.effectiveFrom > b.effectiveFrom ? a.effectiveFrom : b.effectiveFrom;
      if (inForce(a, from) && inForce(b, from)) out.push({ office: a.office, first: a.id, second: b.id, from });
    }
  });
  return out;
};

/** What `convert` needs: the new currency, the fixed rate, and what the converted schedule is called. */
export interface Conversion {
  /** The currency of the converted schedule, e.g. `EUR`. */
  readonly currency: string;
  /** Units of the schedule's currency for one unit of `currency`, as an exact decimal, e.g. `"1.95583"` (BGN per EUR). */
  readonly rate: string;
  readonly id: string;
  readonly effectiveFrom: string;
  readonly effectiveTo?: string | undefined;
  readonly source: string;
}

/**
 * A schedule with every amount converted at a fixed rate (`Money.convertAtFixedRate`: exact, rounded half away from
 * zero to the new currency's minor unit, amount by amount), under a new id and dates. Percentages and counts stay.
 * This is how a conversion law that fixes the rate and the rounding turns a tariff into the new currency (Bulgaria's
 * euro changeover: 1.95583 BGN per EUR, rounded to the cent); an office's own tariff in the new currency, where
 * published, is what to load instead.
 */
export const convert = (schedule: Schedule, conversion: Conversion): Result.Result<Schedule, ScheduleInvalid> => {
  const issues: Array<Issue> = [];
  const amount = (value: number, path: string): number => {
    const converted = convertAtFixedRate(value, schedule.currency, conversion.currency, conversion.rate);
    if (converted === undefined) {
      issues.push({ path, message: `cannot convert at the rate ${conversion.rate}` });
      return value;
    }
    return converted;
  };
  const bands = (list: ReadonlyArray<Band>, path: string) =>
    list.map((band, index) => ({ ...band, amount: amount(band.amount, `${path}[${index}].amount`) }));
  const items = Object.fromEntries(
    Object.entries(schedule.items).map(([service, item]) => {
      const at = (index: number) => `${jsonPath(["items", service, "rules", index])}`;
      // Rebuilt as plain data; `decode` below checks the converted schedule as it would a file.
      const rules = item.rules.map((rule, index): Record<string, unknown> => {
        switch (rule.kind) {
          case "flat":
          case "perUnit":
          case "cap":
          case "minimum":
            return { ...rule, amount: amount(rule.amount, `${at(index)}.amount`) };
          case "bands":
            return { ...rule, bands: bands(rule.bands, `${at(index)}.bands`) };
          case "byYear":
            return { ...rule, years: bands(rule.years, `${at(index)}.years`) };
          case "lateSurcharge":
            return rule.amount === undefined ? rule : { ...rule, amount: amount(rule.amount, `${at(index)}.amount`) };
          default:
            // "discount": no amount of its own.
            return rule;
        }
      });
      return [service, { ...item, rules }];
    }),
  );
  if (issues.length > 0) return Result.fail(new ScheduleInvalid({ source: schedule.id, issues }));
  const { effectiveTo: _ignored, ...rest } = schedule;
  return decode(
    {
      ...rest,
      id: conversion.id,
      currency: conversion.currency,
      effectiveFrom: conversion.effectiveFrom,
      ...(conversion.effectiveTo === undefined ? {} : { effectiveTo: conversion.effectiveTo }),
      source: conversion.source,
      items,
    },
    conversion.id,
  );
};

/** The text in the language asked for, else English. */
export const text = (texts: Text, language: string): string =>
  texts[language] ?? texts[language.split("-")[0] ?? ""] ?? texts.en ?? "";
